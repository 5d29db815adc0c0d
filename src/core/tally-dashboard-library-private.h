/* tally-dashboard-library-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-dashboard-library.h"

G_BEGIN_DECLS

/* A dashboard as read from a folder; @file is NULL for a built-in. */
typedef struct
{
  TallyDashboard *dashboard;
  GFile          *file;
} TallyLibraryItem;

/* What reading the folders found: the dashboards, and a "FILE: message"
 * for each file left aside. */
typedef struct
{
  GPtrArray *items;      /* TallyLibraryItem */
  GPtrArray *problems;   /* char * */
} TallyLibraryScan;

TallyLibraryScan *tally_library_scan              (GFile             *builtin_dir,
                                                   GFile             *user_dir,
                                                   GCancellable      *cancellable,
                                                   GError           **error);
void              tally_library_scan_free         (TallyLibraryScan  *scan);
guint             tally_library_builtin_rank      (const char        *uid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyLibraryScan, tally_library_scan_free)

G_END_DECLS
