/* test-chart-view-drag.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Zooming by dragging on a chart view in a real window under Xvfb: a drag
 * from bucket 2 to bucket 5 emits those buckets' start and end, in either
 * direction, on lines and on bars over time; the band is drawn in the
 * hover layer over the cached chart and goes away after; a short drag is
 * a click (legend entries still toggle); Escape drops the selection; a
 * chart without a time axis selects nothing. The gesture is driven
 * through its own signals. */

#include "config.h"

#include <math.h>

#include "tally-test-chart-view.h"

#define STEP 600

typedef struct
{
  guint  count;
  gint64 from;
  gint64 to;
} Selected;

static void
range_selected_cb (TallyChartView *view,
                   gint64          from,
                   gint64          to,
                   Selected       *selected)
{
  selected->count++;
  selected->from = from;
  selected->to = to;
}

static void
drag (TallyChartView *view,
      double          x1,
      double          x2,
      double          y)
{
  tcv_drag_begin (view, x1, y);
  for (guint i = 1; i <= 4; i++)
    tcv_drag_update (view, (x2 - x1) * i / 4, 0);
  tcv_drag_end (view, x2 - x1, 0);
}

static TallyChartView *
new_view (TallyChartType  type,
          gboolean        two_series,
          GtkWindow     **window,
          Selected       *selected)
{
  g_autoptr(TallyFrame) frame = tcv_timeseries_frame (two_series);
  TallyChartView *view = tcv_new_view (type, frame, window);

  g_signal_connect (view, "range-selected", G_CALLBACK (range_selected_cb), selected);
  return view;
}

static void
test_drag_line (void)
{
  Selected selected = { 0 };
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_LINE, FALSE, &window, &selected);
  g_autoptr(cairo_surface_t) before = tcv_render (GTK_WIDGET (view), "drag-before");
  g_autoptr(cairo_surface_t) band = NULL;
  g_autoptr(cairo_surface_t) after = NULL;
  double y = gtk_widget_get_height (GTK_WIDGET (view)) / 2.0;
  int height = tcv_height_of (before);
  GskRenderNode *chart_node = view->node;
  GskRenderNode *overlay;
  double xs[TCV_N_BUCKETS], left, right;

  tcv_bucket_positions (view, xs);
  g_assert_nonnull (chart_node);

  /* Mid-drag from bucket 2 to bucket 5: a band over their columns, drawn
   * in the hover layer over the same cached chart. */
  tcv_drag_begin (view, xs[2], y);
  tcv_drag_update (view, xs[5] - xs[2], 0);
  band = tcv_render (GTK_WIDGET (view), "drag-band");
  g_assert_true (view->node == chart_node);
  g_assert_nonnull (view->overlay);
  left = (xs[1] + xs[2]) / 2;
  right = (xs[5] + xs[6]) / 2;
  g_assert_cmpuint (tcv_count_changed (before, band, 0, 0, (int) left - 2, height), ==, 0);
  g_assert_cmpuint (tcv_count_changed (before, band, (int) right + 3, 0, 10000, height), ==, 0);
  g_assert_cmpuint (tcv_count_changed (before, band, (int) left + 2, (int) y - 20, (int) right - 2,
                                       (int) y + 20),
                    ==, ((int) right - 2 - ((int) left + 2)) * 40);

  /* Within the same bucket the layer is not recorded again. */
  overlay = view->overlay;
  tcv_drag_update (view, xs[5] - xs[2] + 1, 0);
  g_assert_true (view->overlay == overlay);
  g_assert_cmpuint (selected.count, ==, 0);

  /* Released: bucket 2's start to bucket 5's end, and the band is gone. */
  tcv_drag_end (view, xs[5] - xs[2] + 1, 0);
  g_assert_cmpuint (selected.count, ==, 1);
  g_assert_cmpint (selected.from, ==, TCV_T0 + 2 * STEP);
  g_assert_cmpint (selected.to, ==, TCV_T0 + 6 * STEP);
  after = tcv_render (GTK_WIDGET (view), "drag-after");
  g_assert_cmpuint (tcv_count_all_changed (before, after), ==, 0);

  /* Right to left selects the same. */
  drag (view, xs[5], xs[2], y);
  g_assert_cmpuint (selected.count, ==, 2);
  g_assert_cmpint (selected.from, ==, TCV_T0 + 2 * STEP);
  g_assert_cmpint (selected.to, ==, TCV_T0 + 6 * STEP);

  /* Past the plot's end: up to the last bucket's end. */
  drag (view, xs[10], xs[10] + 1000, y);
  g_assert_cmpuint (selected.count, ==, 3);
  g_assert_cmpint (selected.from, ==, TCV_T0 + 10 * STEP);
  g_assert_cmpint (selected.to, ==, TCV_T0 + TCV_N_BUCKETS * STEP);

  tcv_destroy_view (window, view);
}

static void
test_drag_bars (void)
{
  Selected selected = { 0 };
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_BAR, FALSE, &window, &selected);
  double y = gtk_widget_get_height (GTK_WIDGET (view)) / 2.0;
  double xs[TCV_N_BUCKETS];

  tcv_bucket_positions (view, xs);
  drag (view, xs[2], xs[5], y);
  g_assert_cmpuint (selected.count, ==, 1);
  g_assert_cmpint (selected.from, ==, TCV_T0 + 2 * STEP);
  g_assert_cmpint (selected.to, ==, TCV_T0 + 6 * STEP);

  tcv_destroy_view (window, view);
}

static void
test_drag_short_is_click (void)
{
  Selected selected = { 0 };
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_LINE, TRUE, &window, &selected);
  TallyChart *chart = tally_chart_view_get_chart (view);
  g_autoptr(cairo_surface_t) before = tcv_render (GTK_WIDGET (view), "short-before");
  g_autoptr(cairo_surface_t) during = NULL;
  double y = gtk_widget_get_height (GTK_WIDGET (view)) / 2.0;
  double xs[TCV_N_BUCKETS], lx, ly;

  tcv_bucket_positions (view, xs);

  /* Two pixels in the plot: no band, no range. */
  tcv_drag_begin (view, xs[3], y);
  tcv_drag_update (view, 2, 1);
  during = tcv_render (GTK_WIDGET (view), "short-during");
  g_assert_cmpuint (tcv_count_all_changed (before, during), ==, 0);
  tcv_drag_end (view, 2, 1);
  g_assert_cmpuint (selected.count, ==, 0);

  /* Two pixels on a legend entry, then the click: the entry toggles. */
  g_assert_true (tcv_find_legend_entry (view, "o3", &lx, &ly));
  tcv_drag_begin (view, lx, ly);
  tcv_drag_update (view, 2, 0);
  tcv_drag_end (view, 2, 0);
  tcv_click (view, lx + 2, ly);
  g_assert_true (tally_chart_get_series_hidden (chart, "o3"));
  g_assert_cmpuint (selected.count, ==, 0);

  /* A long drag that starts on the legend, off the plot, selects nothing. */
  drag (view, lx, lx + 200, ly);
  g_assert_cmpuint (selected.count, ==, 0);

  tcv_destroy_view (window, view);
}

static void
test_drag_escape (void)
{
  Selected selected = { 0 };
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_LINE, FALSE, &window, &selected);
  g_autoptr(cairo_surface_t) before = tcv_render (GTK_WIDGET (view), "escape-before");
  g_autoptr(cairo_surface_t) band = NULL;
  g_autoptr(cairo_surface_t) after = NULL;
  double y = gtk_widget_get_height (GTK_WIDGET (view)) / 2.0;
  double xs[TCV_N_BUCKETS];

  tcv_bucket_positions (view, xs);
  tcv_drag_begin (view, xs[8], y);
  tcv_drag_update (view, xs[4] - xs[8], 0);
  band = tcv_render (GTK_WIDGET (view), "escape-band");
  g_assert_cmpuint (tcv_count_all_changed (before, band), >, 1000);

  /* Escape drops it: the band goes, the rest of the drag selects nothing. */
  g_assert_true (tcv_press_key (view, GDK_KEY_Escape));
  after = tcv_render (GTK_WIDGET (view), "escape-after");
  g_assert_cmpuint (tcv_count_all_changed (before, after), ==, 0);
  tcv_drag_update (view, xs[3] - xs[8], 0);
  tcv_drag_end (view, xs[3] - xs[8], 0);
  g_assert_cmpuint (selected.count, ==, 0);
  /* With nothing to drop, Escape is not taken. */
  g_assert_false (tcv_press_key (view, GDK_KEY_Escape));

  tcv_destroy_view (window, view);
}

static void
test_drag_no_time_axis (void)
{
  const TallyChartType types[] = { TALLY_CHART_BAR, TALLY_CHART_PIE };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(TallyFrame) frame = tcv_categories_frame ();
      Selected selected = { 0 };
      GtkWindow *window;
      TallyChartView *view = tcv_new_view (types[i], frame, &window);
      g_autoptr(cairo_surface_t) before = tcv_render (GTK_WIDGET (view), "no-axis-before");
      g_autoptr(cairo_surface_t) during = NULL;
      int width = gtk_widget_get_width (GTK_WIDGET (view));
      int height = gtk_widget_get_height (GTK_WIDGET (view));

      g_signal_connect (view, "range-selected", G_CALLBACK (range_selected_cb), &selected);
      tcv_drag_begin (view, width / 4.0, height / 2.0);
      tcv_drag_update (view, width / 2.0, 0);
      during = tcv_render (GTK_WIDGET (view), "no-axis-during");
      g_assert_cmpuint (tcv_count_all_changed (before, during), ==, 0);
      tcv_drag_end (view, width / 2.0, 0);
      g_assert_cmpuint (selected.count, ==, 0);

      tcv_destroy_view (window, view);
    }
}

int
main (int   argc,
      char *argv[])
{
  tally_test_gui_init (&argc, &argv);

  g_test_add_func ("/tally/chart-view-drag/line", test_drag_line);
  g_test_add_func ("/tally/chart-view-drag/bars", test_drag_bars);
  g_test_add_func ("/tally/chart-view-drag/short-is-click", test_drag_short_is_click);
  g_test_add_func ("/tally/chart-view-drag/escape", test_drag_escape);
  g_test_add_func ("/tally/chart-view-drag/no-time-axis", test_drag_no_time_axis);

  return g_test_run ();
}
