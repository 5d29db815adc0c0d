/* tally-dashboard-render.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>

#include "tally-chart.h"
#include "tally-chart-theme.h"
#include "tally-dashboard.h"
#include "tally-store.h"

G_BEGIN_DECLS

/* The title and time range above the grid, in pixels. */
#define TALLY_DASHBOARD_RENDER_HEADER 56

#define TALLY_TYPE_DASHBOARD_RENDER (tally_dashboard_render_get_type ())

G_DECLARE_FINAL_TYPE (TallyDashboardRender, tally_dashboard_render, TALLY, DASHBOARD_RENDER, GObject)

TallyDashboardRender *tally_dashboard_render_new          (TallyDashboard        *dashboard,
                                                           TallyChartTheme       *theme,
                                                           GTimeZone             *tz);
void                  tally_dashboard_render_set_subtitle (TallyDashboardRender  *self,
                                                           const char            *subtitle);
void                  tally_dashboard_render_set_frame    (TallyDashboardRender  *self,
                                                           guint                  panel_id,
                                                           TallyFrame            *frame);
void                  tally_dashboard_render_set_error    (TallyDashboardRender  *self,
                                                           guint                  panel_id,
                                                           const char            *message);
guint                 tally_dashboard_render_run_queries (TallyDashboardRender *self,
                                                           TallyStore            *store,
                                                           TallyTimeRange        *range);
double                tally_dashboard_render_get_height   (TallyDashboardRender  *self,
                                                           double                 width);
void                  tally_dashboard_render_set_size     (TallyDashboardRender  *self,
                                                           double                 width,
                                                           double                 height);
void                  tally_dashboard_render_draw         (TallyDashboardRender  *self,
                                                           cairo_t               *cr);
TallyChart           *tally_dashboard_render_get_chart    (TallyDashboardRender  *self,
                                                           guint                  panel_id);
gboolean              tally_dashboard_render_get_panel_rect (TallyDashboardRender *self,
                                                           guint                  panel_id,
                                                           double                *x,
                                                           double                *y,
                                                           double                *width,
                                                           double                *height);

G_END_DECLS
