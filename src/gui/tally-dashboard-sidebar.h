/* tally-dashboard-sidebar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "tally-dashboard-library.h"

G_BEGIN_DECLS

#define TALLY_TYPE_DASHBOARD_SIDEBAR (tally_dashboard_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (TallyDashboardSidebar, tally_dashboard_sidebar, TALLY, DASHBOARD_SIDEBAR,
                      GtkWidget)

GtkWidget             *tally_dashboard_sidebar_new          (void);
TallyDashboardLibrary *tally_dashboard_sidebar_get_library  (TallyDashboardSidebar *self);
void                   tally_dashboard_sidebar_set_library  (TallyDashboardSidebar *self,
                                                             TallyDashboardLibrary *library);
TallyDashboard        *tally_dashboard_sidebar_get_selected (TallyDashboardSidebar *self);
void                   tally_dashboard_sidebar_set_selected (TallyDashboardSidebar *self,
                                                             TallyDashboard        *dashboard);
GtkSearchEntry        *tally_dashboard_sidebar_get_search   (TallyDashboardSidebar *self);
void                   tally_dashboard_sidebar_start_search (TallyDashboardSidebar *self);

G_END_DECLS
