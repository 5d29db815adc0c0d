/* tally-dashboard-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "tally-dashboard.h"
#include "tally-frame.h"
#include "tally-panel-card.h"

G_BEGIN_DECLS

#define TALLY_TYPE_DASHBOARD_VIEW (tally_dashboard_view_get_type ())

G_DECLARE_FINAL_TYPE (TallyDashboardView, tally_dashboard_view, TALLY, DASHBOARD_VIEW, GtkWidget)

GtkWidget      *tally_dashboard_view_new               (void);

TallyDashboard *tally_dashboard_view_get_dashboard     (TallyDashboardView *self);
void            tally_dashboard_view_set_dashboard     (TallyDashboardView *self,
                                                        TallyDashboard     *dashboard);
GTimeZone      *tally_dashboard_view_get_time_zone     (TallyDashboardView *self);
void            tally_dashboard_view_set_time_zone     (TallyDashboardView *self,
                                                        GTimeZone          *tz);

void            tally_dashboard_view_set_panel_loading (TallyDashboardView *self,
                                                        guint               panel_id,
                                                        gboolean            loading);
void            tally_dashboard_view_set_panel_frame   (TallyDashboardView *self,
                                                        guint               panel_id,
                                                        TallyFrame         *frame);
void            tally_dashboard_view_set_panel_error   (TallyDashboardView *self,
                                                        guint               panel_id,
                                                        const char         *message);
void            tally_dashboard_view_set_panel_retry_at (TallyDashboardView *self,
                                                         guint               panel_id,
                                                         gint64              retry_at);
void            tally_dashboard_view_set_panel_unsupported (TallyDashboardView *self,
                                                            guint               panel_id,
                                                            gboolean            unsupported);
int             tally_dashboard_view_get_panel_width   (TallyDashboardView *self,
                                                        guint               panel_id);
TallyPanelCard *tally_dashboard_view_get_card          (TallyDashboardView *self,
                                                        guint               panel_id);
gboolean        tally_dashboard_view_get_editing       (TallyDashboardView *self);
void            tally_dashboard_view_set_editing       (TallyDashboardView *self,
                                                        gboolean            editing);
gboolean        tally_dashboard_view_get_folded        (TallyDashboardView *self);

G_END_DECLS
