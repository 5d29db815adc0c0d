/* tally-dashboard-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "tally-dashboard-view.h"
#include "tally-data-model.h"
#include "tally-filter-bar.h"
#include "tally-source.h"

G_BEGIN_DECLS

#define TALLY_TYPE_DASHBOARD_PAGE (tally_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (TallyDashboardPage, tally_dashboard_page, TALLY, DASHBOARD_PAGE, GtkWidget)

GtkWidget          *tally_dashboard_page_new            (void);
TallyDashboard     *tally_dashboard_page_get_dashboard  (TallyDashboardPage *self);
void                tally_dashboard_page_set_dashboard  (TallyDashboardPage *self,
                                                         TallyDashboard     *dashboard);
TallySource        *tally_dashboard_page_get_source     (TallyDashboardPage *self);
void                tally_dashboard_page_set_source     (TallyDashboardPage *self,
                                                         TallySource        *source);
TallyDashboardView *tally_dashboard_page_get_view       (TallyDashboardPage *self);
TallyFilterBar     *tally_dashboard_page_get_filter_bar (TallyDashboardPage *self);
TallyDataModel     *tally_dashboard_page_get_data_model (TallyDashboardPage *self);

G_END_DECLS
