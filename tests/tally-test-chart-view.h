/* tally-test-chart-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-chart-view-private.h"
#include "tally-test-gui.h"
#include "tally-test-pixels.h"

G_BEGIN_DECLS

#define TCV_T0 1763856000   /* Sun Nov 23 2025, 00:00 UTC */
#define TCV_N_BUCKETS 13
#define TCV_TOLERANCE 40

/* A chart view in a real window, for the chart view's tests: its pixels,
 * frames to show, and the pointer and keys as its controllers get them. */
cairo_surface_t    *tcv_render            (GtkWidget        *widget,
                                           const char       *name);
int                 tcv_width_of          (cairo_surface_t  *surface);
int                 tcv_height_of         (cairo_surface_t  *surface);
guint               tcv_count_changed     (cairo_surface_t  *a,
                                           cairo_surface_t  *b,
                                           int               x0,
                                           int               y0,
                                           int               x1,
                                           int               y1);
guint               tcv_count_all_changed (cairo_surface_t  *a,
                                           cairo_surface_t  *b);
double              tcv_luminance_at      (cairo_surface_t  *surface,
                                           int               x,
                                           int               y);
double              tcv_ink_centre        (cairo_surface_t  *surface,
                                           int               x,
                                           TallyTestPixel    color);
guint               tcv_count_like        (cairo_surface_t  *surface,
                                           int               y0,
                                           int               y1,
                                           TallyTestPixel    color);
double              tcv_ramp_value        (guint             b);
TallyFrame         *tcv_timeseries_frame  (gboolean          two_series);
TallyFrame         *tcv_categories_frame  (void);
TallyFrame         *tcv_matrix_frame      (void);
TallyFrame         *tcv_table_frame       (guint             n_rows);
TallyChartView     *tcv_new_view          (TallyChartType    type,
                                           TallyFrame       *frame,
                                           GtkWindow       **window);
void                tcv_destroy_view      (GtkWindow        *window,
                                           TallyChartView   *view);
GtkEventController *tcv_find_controller   (GtkWidget        *widget,
                                           const char       *name);
void                tcv_hover             (TallyChartView   *view,
                                           double            x,
                                           double            y);
void                tcv_leave             (TallyChartView   *view);
gboolean            tcv_press_key         (TallyChartView   *view,
                                           guint             keyval);
void                tcv_click             (TallyChartView   *view,
                                           double            x,
                                           double            y);
void                tcv_drag_begin        (TallyChartView   *view,
                                           double            x,
                                           double            y);
void                tcv_drag_update       (TallyChartView   *view,
                                           double            offset_x,
                                           double            offset_y);
void                tcv_drag_end          (TallyChartView   *view,
                                           double            offset_x,
                                           double            offset_y);
gboolean            tcv_find_legend_entry (TallyChartView   *view,
                                           const char       *name,
                                           double           *x,
                                           double           *y);
void                tcv_bucket_positions  (TallyChartView   *view,
                                           double           *xs);
TallyChartTheme    *tcv_theme_of          (gpointer          view);
TallyTestPixel      tcv_series_color      (TallyChartView   *view,
                                           guint             series);

G_END_DECLS
