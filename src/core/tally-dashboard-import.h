/* tally-dashboard-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "tally-dashboard-library.h"

G_BEGIN_DECLS

/* The MIME type of a shared layout, and the end of its file names. */
#define TALLY_DASHBOARD_MIME_TYPE   "application/x-tally-dashboard+json"
#define TALLY_DASHBOARD_FILE_SUFFIX ".tally.json"

/* The largest layout Tally reads: the biggest real one is a few dozen KiB. */
#define TALLY_DASHBOARD_IMPORT_MAX_SIZE (4 * 1024 * 1024)

/**
 * TallyDashboardClash:
 * @TALLY_DASHBOARD_CLASH_NONE: no dashboard of the library has the uid
 * @TALLY_DASHBOARD_CLASH_USER: one of the user's has it: ask to replace it
 * @TALLY_DASHBOARD_CLASH_BUILTIN: a built-in has it: keep both
 */
typedef enum
{
  TALLY_DASHBOARD_CLASH_NONE,
  TALLY_DASHBOARD_CLASH_USER,
  TALLY_DASHBOARD_CLASH_BUILTIN,
} TallyDashboardClash;

/**
 * TallyDashboardImportMode:
 * @TALLY_DASHBOARD_IMPORT_ADD: a new dashboard under its own uid when free
 * @TALLY_DASHBOARD_IMPORT_KEEP_BOTH: a new dashboard beside the one with its
 *   uid, under a uid of its own and titled "… (imported)"
 * @TALLY_DASHBOARD_IMPORT_REPLACE: the user's dashboard with the same uid
 *   becomes the imported layout, in place
 */
typedef enum
{
  TALLY_DASHBOARD_IMPORT_ADD,
  TALLY_DASHBOARD_IMPORT_KEEP_BOTH,
  TALLY_DASHBOARD_IMPORT_REPLACE,
} TallyDashboardImportMode;

TallyDashboard      *tally_dashboard_import_parse        (const char            *name,
                                                          GBytes                *bytes,
                                                          GError               **error);
void                 tally_dashboard_import_read_async   (GFile                 *file,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
void                 tally_dashboard_import_parse_async  (const char            *name,
                                                          GBytes                *bytes,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
TallyDashboard      *tally_dashboard_import_finish       (GAsyncResult          *result,
                                                          GError               **error);

gboolean             tally_dashboard_import_source_known (TallyDashboard        *dashboard,
                                                          const char * const    *source_names);
TallyDashboardClash  tally_dashboard_import_get_clash    (TallyDashboardLibrary *library,
                                                          TallyDashboard        *dashboard);
TallyDashboard      *tally_dashboard_import_add          (TallyDashboardLibrary *library,
                                                          TallyDashboard        *dashboard,
                                                          TallyDashboardImportMode mode,
                                                          GError               **error);

G_END_DECLS
