/* tally-dashboard-library.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "tally-dashboard.h"

G_BEGIN_DECLS

/* Where the built-in dashboards are, in the application's resources. */
#define TALLY_DASHBOARD_LIBRARY_BUILTIN_URI "resource:///io/github/tallyapp/Tally/dashboards/"

#define TALLY_TYPE_DASHBOARD_LIBRARY (tally_dashboard_library_get_type ())

G_DECLARE_FINAL_TYPE (TallyDashboardLibrary, tally_dashboard_library, TALLY, DASHBOARD_LIBRARY, GObject)

TallyDashboardLibrary *tally_dashboard_library_new          (GFile                 *builtin_dir,
                                                             GFile                 *user_dir);
GFile                 *tally_dashboard_library_get_user_dir (TallyDashboardLibrary *self);
gboolean               tally_dashboard_library_load         (TallyDashboardLibrary *self,
                                                             GCancellable          *cancellable,
                                                             GError               **error);
void                   tally_dashboard_library_load_async   (TallyDashboardLibrary *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean               tally_dashboard_library_load_finish  (TallyDashboardLibrary *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
const char * const    *tally_dashboard_library_get_problems (TallyDashboardLibrary *self);

TallyDashboard        *tally_dashboard_library_find         (TallyDashboardLibrary *self,
                                                             const char            *uid);
gboolean               tally_dashboard_library_is_builtin   (TallyDashboardLibrary *self,
                                                             TallyDashboard        *dashboard);
gboolean               tally_dashboard_library_save         (TallyDashboardLibrary *self,
                                                             TallyDashboard        *dashboard,
                                                             GError               **error);
TallyDashboard        *tally_dashboard_library_duplicate    (TallyDashboardLibrary *self,
                                                             TallyDashboard        *dashboard,
                                                             GError               **error);
TallyDashboard        *tally_dashboard_library_import_data  (TallyDashboardLibrary *self,
                                                             const char            *data,
                                                             gssize                 length,
                                                             GError               **error);
char                  *tally_dashboard_library_remove       (TallyDashboardLibrary *self,
                                                             TallyDashboard        *dashboard,
                                                             gsize                 *length,
                                                             GError               **error);

gboolean               tally_dashboard_library_matches      (TallyDashboard        *dashboard,
                                                             const char            *search_text);

G_END_DECLS
