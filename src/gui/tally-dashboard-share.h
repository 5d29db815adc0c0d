/* tally-dashboard-share.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-dashboard-import.h"
#include "tally-dashboard-library.h"
#include "tally-frame.h"

G_BEGIN_DECLS

/* The width of an image when the window gives none. */
#define TALLY_DASHBOARD_SHARE_IMAGE_WIDTH 1600

/**
 * TallyDashboardShareImported:
 * @imported: (element-type TallyDashboard): the dashboards now in the
 *   library, in the order given; empty when nothing was imported
 *
 * What a drop hands the window: the dashboards to show, the first to
 * select.
 */
typedef void (*TallyDashboardShareImported) (GPtrArray *imported,
                                             gpointer   user_data);

/* Export the layout (tally-dashboard-share-export.c) */
void            tally_dashboard_share_export            (GtkWindow             *parent,
                                                         TallyDashboard        *dashboard);
gboolean        tally_dashboard_share_export_to_file    (TallyDashboard        *dashboard,
                                                         GFile                 *file,
                                                         GError               **error);
char           *tally_dashboard_share_file_name         (const char            *title,
                                                         const char            *fallback,
                                                         const char            *suffix);

/* Import (tally-dashboard-share-import.c) */
void            tally_dashboard_share_import            (GtkWindow             *parent,
                                                         TallyDashboardLibrary *library,
                                                         const char * const    *source_names,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
void            tally_dashboard_share_import_files_async (GtkWindow            *parent,
                                                         TallyDashboardLibrary *library,
                                                         const char * const    *source_names,
                                                         GList                 *files,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
void            tally_dashboard_share_import_text_async (GtkWindow             *parent,
                                                         TallyDashboardLibrary *library,
                                                         const char * const    *source_names,
                                                         const char            *name,
                                                         GBytes                *text,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
GPtrArray      *tally_dashboard_share_import_finish     (GAsyncResult          *result,
                                                         GError               **error);

/* Drop and clipboard (tally-dashboard-share-drop.c) */
GtkDropTarget  *tally_dashboard_share_drop_target_new   (TallyDashboardLibrary *library,
                                                         const char * const    *source_names,
                                                         TallyDashboardShareImported callback,
                                                         gpointer               user_data,
                                                         GDestroyNotify         destroy);
gboolean        tally_dashboard_share_copy              (GdkClipboard          *clipboard,
                                                         TallyDashboard        *dashboard,
                                                         GError               **error);
void            tally_dashboard_share_paste_async       (GtkWindow             *parent,
                                                         GdkClipboard          *clipboard,
                                                         TallyDashboardLibrary *library,
                                                         const char * const    *source_names,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);

/* Export as an image (tally-dashboard-share-image.c) */
void            tally_dashboard_share_export_image      (GtkWindow             *parent,
                                                         TallyDashboard        *dashboard,
                                                         GHashTable            *frames,
                                                         GTimeZone             *tz,
                                                         gboolean               dark);
gboolean        tally_dashboard_share_image_to_file     (TallyDashboard        *dashboard,
                                                         GHashTable            *frames,
                                                         GTimeZone             *tz,
                                                         gboolean               dark,
                                                         double                 width,
                                                         GFile                 *file,
                                                         GError               **error);

G_END_DECLS
