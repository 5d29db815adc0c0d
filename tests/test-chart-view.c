/* test-chart-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* TallyChartView in a real window under Xvfb: what it draws (read back from
 * its pixels, light and dark), that it replays its cached nodes, the
 * tooltip under a hovering pointer, legend clicks, what a screen reader is
 * told, its loading and error states, and no leaks. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-test-chart-view.h"

static void
test_view_line_pixels (void)
{
  g_autoptr(TallyFrame) frame = tcv_timeseries_frame (FALSE);
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_LINE, frame, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  g_autoptr(cairo_surface_t) pixels = tcv_render (GTK_WIDGET (view), "line");
  double xs[TCV_N_BUCKETS], ys[TCV_N_BUCKETS];
  double width;

  /* The chart is drawn at the widget's size, at its scale. */
  tally_chart_get_size (chart, &width, NULL);
  g_assert_cmpfloat (width, ==, gtk_widget_get_width (GTK_WIDGET (view)));
  g_assert_cmpfloat (tally_chart_theme_get_scale (tally_chart_get_theme (chart)), ==,
                     gtk_widget_get_scale_factor (GTK_WIDGET (view)));
  g_assert_cmpint (tcv_width_of (pixels), ==, gtk_widget_get_width (GTK_WIDGET (view)));

  /* The ramp's ink crosses each bucket's column where the chart maps its
   * value, on one straight line from 0 at the bottom to 100 at the top. */
  tcv_bucket_positions (view, xs);
  for (guint b = 0; b < TCV_N_BUCKETS; b++)
    {
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, xs[b], tcv_height_of (pixels) / 2.);

      ys[b] = tcv_ink_centre (pixels, (int) floor (xs[b]), tcv_series_color (view, 0));
      g_assert_false (isnan (ys[b]));
      g_assert_cmpfloat (fabs (ys[b] - hit->y), <=, 1.5);
    }
  g_assert_cmpfloat (ys[0] - ys[TCV_N_BUCKETS - 1], >, tcv_height_of (pixels) * 0.5);
  g_assert_cmpfloat (xs[TCV_N_BUCKETS - 1] - xs[0], >, tcv_width_of (pixels) * 0.7);
  for (guint b = 0; b < TCV_N_BUCKETS; b++)
    {
      double expected = ys[0] + (ys[TCV_N_BUCKETS - 1] - ys[0]) * b / (TCV_N_BUCKETS - 1);

      g_assert_cmpfloat (fabs (ys[b] - expected), <=, 1.5);
    }

  /* Nothing of the line left of the first bucket. */
  g_assert_true (isnan (tcv_ink_centre (pixels, (int) xs[0] - 4, tcv_series_color (view, 0))));
  /* A light window: libadwaita's view background in the corner. */
  g_assert_cmpfloat (tcv_luminance_at (pixels, 2, 2), >, 0.9);

  tcv_destroy_view (window, view);
}

static void
test_view_dark (void)
{
  g_autoptr(TallyFrame) frame = tcv_timeseries_frame (FALSE);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_LINE, frame, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  g_autoptr(cairo_surface_t) light = tcv_render (GTK_WIDGET (view), "dark-light");
  g_autoptr(cairo_surface_t) dark = NULL;
  g_autoptr(cairo_surface_t) again = NULL;
  TallyChartTheme *light_theme = tally_chart_get_theme (chart);
  double xs[TCV_N_BUCKETS];

  g_assert_false (tally_chart_theme_is_dark (light_theme));

  /* The style follows libadwaita live, without a new frame. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = tcv_render (GTK_WIDGET (view), "dark-dark");
  g_assert_true (tally_chart_theme_is_dark (tally_chart_get_theme (chart)));
  g_assert_cmpfloat (tcv_luminance_at (light, 2, 2), >, 0.9);
  g_assert_cmpfloat (tcv_luminance_at (dark, 2, 2), <, 0.25);
  g_assert_cmpuint (tcv_count_all_changed (light, dark), >,
                    (guint) (tcv_width_of (light) * tcv_height_of (light) / 2));

  /* The dark palette draws the line. */
  tcv_bucket_positions (view, xs);
  g_assert_false (isnan (tcv_ink_centre (dark, (int) floor (xs[6]), tcv_series_color (view, 0))));

  /* Back to light: the same shared theme as before, the same pixels. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  again = tcv_render (GTK_WIDGET (view), "dark-again");
  g_assert_true (tally_chart_get_theme (chart) == light_theme);
  g_assert_cmpuint (tcv_count_all_changed (light, again), ==, 0);

  tcv_destroy_view (window, view);
}

static void
test_view_shared_theme (void)
{
  g_autoptr(TallyFrame) frame = tcv_categories_frame ();
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_BAR, frame, &window);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *other = tally_chart_view_new (TALLY_CHART_PIE);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  TallyChartTheme *theme;
  const TallyRgba *bg;
  GdkRGBA card, window_bg;

  /* Two charts of one style share one theme. */
  g_object_ref (view);
  gtk_window_set_child (window, NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  gtk_box_append (GTK_BOX (box), other);
  gtk_window_set_child (window, box);
  g_object_unref (view);
  g_assert_true (tally_test_wait_mapped (other));
  g_assert_true (tcv_theme_of (view) == tcv_theme_of (other));

  /* Dark, they move to one new theme together. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  tally_test_drain ();
  theme = tcv_theme_of (view);
  g_assert_true (tally_chart_theme_is_dark (theme));
  g_assert_true (theme == tcv_theme_of (other));

  /* On a card, a chart takes the card's colours (in dark, unlike a view's):
   * the dark card's veil over the window, opaque, so the chart does not
   * paint the veil twice. (A card around it counts too, as it is when the
   * view is put in.) */
  gtk_widget_add_css_class (GTK_WIDGET (view), "card");
  tally_test_drain ();
  bg = tally_chart_theme_get_color (tcv_theme_of (view), TALLY_CHART_COLOR_BACKGROUND);
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (box),
                                                 "card_bg_color", &card));
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (box),
                                                 "window_bg_color", &window_bg));
  g_assert_cmpfloat (card.alpha, <, 1);
  g_assert_cmpfloat (bg->alpha, ==, 1);
  g_assert_cmpfloat (fabs (bg->red - (card.red * card.alpha + window_bg.red * (1 - card.alpha))),
                     <, 0.01);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  tcv_destroy_view (window, view);
}

/* The drawn nodes (cairo, textures) a snapshot of @widget holds, in order. */
static void
collect_drawn_nodes (GskRenderNode *node,
                     GPtrArray     *out)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CAIRO_NODE:
    case GSK_TEXTURE_NODE:
      g_ptr_array_add (out, node);
      break;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_drawn_nodes (gsk_container_node_get_child (node, i), out);
      break;
    case GSK_TRANSFORM_NODE:
      collect_drawn_nodes (gsk_transform_node_get_child (node), out);
      break;
    case GSK_CLIP_NODE:
      collect_drawn_nodes (gsk_clip_node_get_child (node), out);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_drawn_nodes (gsk_rounded_clip_node_get_child (node), out);
      break;
    case GSK_OPACITY_NODE:
      collect_drawn_nodes (gsk_opacity_node_get_child (node), out);
      break;
    case GSK_DEBUG_NODE:
      collect_drawn_nodes (gsk_debug_node_get_child (node), out);
      break;
    default:
      break;
    }
}

static GPtrArray *
snapshot_drawn_nodes (GtkWidget *widget)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  GPtrArray *nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GskRenderNode) root = NULL;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  root = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (root != NULL)
    collect_drawn_nodes (root, found);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (nodes, gsk_render_node_ref (found->pdata[i]));

  return nodes;
}

static void
test_view_cache (void)
{
  g_autoptr(TallyFrame) frame = tcv_timeseries_frame (FALSE);
  g_autoptr(TallyFrame) other = tcv_timeseries_frame (TRUE);
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_LINE, frame, &window);
  g_autoptr(GPtrArray) first = snapshot_drawn_nodes (GTK_WIDGET (view));
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) hovered = NULL;
  g_autoptr(GPtrArray) same_bucket = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  double xs[TCV_N_BUCKETS];
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  /* Nothing changed: the snapshot replays the image it drew. */
  g_assert_cmpuint (first->len, ==, 1);
  second = snapshot_drawn_nodes (GTK_WIDGET (view));
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_true (first->pdata[0] == second->pdata[0]);

  /* Hovering adds a layer over the same static node; moving within the
   * bucket records nothing new. */
  tcv_bucket_positions (view, xs);
  tcv_hover (view, xs[4], height / 2.0);
  hovered = snapshot_drawn_nodes (GTK_WIDGET (view));
  g_assert_cmpuint (hovered->len, ==, 2);
  g_assert_true (hovered->pdata[0] == first->pdata[0]);
  tcv_hover (view, xs[4] + 1, height / 2.0 + 1);
  same_bucket = snapshot_drawn_nodes (GTK_WIDGET (view));
  g_assert_cmpuint (same_bucket->len, ==, 2);
  g_assert_true (same_bucket->pdata[0] == first->pdata[0]);
  g_assert_true (same_bucket->pdata[1] == hovered->pdata[1]);

  /* New data: a new recording. */
  tally_chart_set_frame (tally_chart_view_get_chart (view), other);
  changed = snapshot_drawn_nodes (GTK_WIDGET (view));
  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_true (changed->pdata[0] != first->pdata[0]);
  g_assert_true (changed->pdata[1] != hovered->pdata[1]);

  tcv_destroy_view (window, view);
}

static void
test_view_tooltip (void)
{
  g_autoptr(TallyFrame) frame = tcv_timeseries_frame (TRUE);
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_LINE, frame, &window);
  g_autoptr(cairo_surface_t) before = tcv_render (GTK_WIDGET (view), "tooltip-before");
  g_autoptr(cairo_surface_t) during = NULL;
  g_autoptr(cairo_surface_t) after = NULL;
  const TallyChartHit *hit;
  double xs[TCV_N_BUCKETS];
  int width = tcv_width_of (before), height = tcv_height_of (before);
  int x;

  g_assert_null (tally_chart_view_get_hit (view));
  tcv_bucket_positions (view, xs);
  x = (int) floor (xs[8]);

  /* The pointer near the ramp at bucket 8: the hit carries the frame's
   * exact values. */
  tcv_hover (view, xs[8] + 2, height / 2.0);
  hit = tally_chart_view_get_hit (view);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_POINT);
  g_assert_cmpint (hit->index, ==, 8);
  g_assert_cmpint (hit->time, ==, TCV_T0 + 8 * 600);
  g_assert_cmpint (hit->series, >=, 0);
  g_assert_cmpfloat (hit->value, ==, tally_frame_get_series_values (frame, hit->series)[8]);
  g_assert_nonnull (strstr (hit->text, "Nov 23, 01:20\n"));
  g_assert_nonnull (strstr (hit->text, "gpt-4o: 66.7"));
  g_assert_nonnull (strstr (hit->text, "o3: 30"));

  /* The crosshair runs down the bucket's column, and a tooltip box is
   * drawn beside it; the rest of the chart stays as it was. */
  during = tcv_render (GTK_WIDGET (view), "tooltip-during");
  g_assert_cmpuint (tcv_count_changed (before, during, x - 1, 0, x + 2, height), >, (guint) height / 3);
  g_assert_cmpuint (tcv_count_changed (before, during, 0, 0, width, height), >,
                    tcv_count_changed (before, during, x - 1, 0, x + 2, height) + 200);
  g_assert_cmpuint (tcv_count_changed (before, during, 0, 0, (int) xs[2], height), ==, 0);

  /* Leaving clears the layer: the pixels are the chart's again. */
  tcv_leave (view);
  g_assert_null (tally_chart_view_get_hit (view));
  after = tcv_render (GTK_WIDGET (view), "tooltip-after");
  g_assert_cmpuint (tcv_count_changed (before, after, 0, 0, width, height), ==, 0);

  /* New data under a resting pointer: the tooltip follows the data. */
  tcv_hover (view, xs[3], height / 2.0);
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 3);
  {
    g_autoptr(TallyFrame) single = tcv_timeseries_frame (FALSE);

    tally_chart_set_frame (tally_chart_view_get_chart (view), single);
    hit = tally_chart_view_get_hit (view);
    g_assert_nonnull (hit);
    g_assert_cmpint (hit->series, ==, 0);
    g_assert_cmpfloat (hit->value, ==, tcv_ramp_value (3));
    g_assert_null (strstr (hit->text, "o3"));
  }

  tcv_destroy_view (window, view);
}

static void
options_notified_cb (TallyChart *chart,
                     GParamSpec *pspec,
                     guint      *count)
{
  (*count)++;
}

static void
test_view_legend (void)
{
  g_autoptr(TallyFrame) frame = tcv_timeseries_frame (TRUE);
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_LINE, frame, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  g_autoptr(cairo_surface_t) shown = tcv_render (GTK_WIDGET (view), "legend-shown");
  g_autoptr(cairo_surface_t) hidden = NULL;
  g_autoptr(cairo_surface_t) back = NULL;
  guint notified = 0;
  double x, y;
  int plot_bottom;

  g_assert_true (tcv_find_legend_entry (view, "o3", &x, &y));
  plot_bottom = (int) y - 6;
  g_signal_connect (chart, "notify::options", G_CALLBACK (options_notified_cb), &notified);

  /* The flat o3 line is drawn in its colour above the legend. */
  g_assert_cmpuint (tcv_count_like (shown, 0, plot_bottom, tcv_series_color (view, 1)), >, 200);

  /* A click on its entry hides it: gone from the plot, saved in the options. */
  tcv_click (view, x, y);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (tally_chart_options_is_hidden (tally_chart_get_options (chart), "o3"));
  hidden = tcv_render (GTK_WIDGET (view), "legend-hidden");
  g_assert_cmpuint (tcv_count_like (hidden, 0, plot_bottom, tcv_series_color (view, 1)), <, 10);
  g_assert_cmpuint (tcv_count_like (hidden, 0, plot_bottom, tcv_series_color (view, 0)), >, 200);

  /* A click elsewhere does nothing; another on the entry brings it back. */
  tcv_click (view, tcv_width_of (hidden) / 2.0, tcv_height_of (hidden) / 3.0);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (tcv_find_legend_entry (view, "o3", &x, &y));
  tcv_click (view, x, y);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (tally_chart_options_is_hidden (tally_chart_get_options (chart), "o3"));
  back = tcv_render (GTK_WIDGET (view), "legend-back");
  g_assert_cmpuint (tcv_count_all_changed (shown, back), ==, 0);

  /* The same through the action a menu or a keyboard user can reach. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.toggle-series", "s",
                                             "gpt-4o"));
  g_assert_true (tally_chart_options_is_hidden (tally_chart_get_options (chart), "gpt-4o"));

  tcv_destroy_view (window, view);
}

static void
test_view_accessible (void)
{
  g_autoptr(TallyFrame) frame = tcv_timeseries_frame (TRUE);
  g_autoptr(TallyFrame) categories = tcv_categories_frame ();
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_LINE, frame, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  g_autofree char *description = tally_chart_describe (chart);
  g_autofree char *bar_description = NULL;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Requests");
  /* "Requests, Nov 23, 00:00 to Nov 23, 02:10, 2 series, peak 100 (gpt-4o) at 02:00" */
  g_assert_nonnull (strstr (description, "Requests, "));
  g_assert_nonnull (strstr (description, "2 series, peak 100 (gpt-4o) at "));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       description);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));

  /* A new frame, a new title, a hidden series: each is said. */
  tally_chart_set_chart_type (chart, TALLY_CHART_BAR);
  tally_chart_set_frame (chart, categories);
  tally_chart_set_title (chart, "Cost by model");
  bar_description = tally_chart_describe (chart);
  g_assert_nonnull (strstr (bar_description, "3 categories, largest gpt-4o with $3.75"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Cost by model");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       bar_description);

  tally_chart_set_series_hidden (chart, "gpt-4o", TRUE);
  g_clear_pointer (&bar_description, g_free);
  bar_description = tally_chart_describe (chart);
  g_assert_nonnull (strstr (bar_description, "2 categories, largest o3"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       bar_description);

  /* States are said too. */
  tally_chart_set_frame (chart, NULL);
  tally_chart_set_loading (chart, TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Cost by model: Loading…");

  tcv_destroy_view (window, view);
}

static void
test_view_states (void)
{
  g_autoptr(TallyFrame) frame = tcv_timeseries_frame (FALSE);
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_LINE, NULL, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  g_autoptr(cairo_surface_t) empty = tcv_render (GTK_WIDGET (view), "states-empty");
  g_autoptr(cairo_surface_t) loaded = NULL;
  g_autoptr(cairo_surface_t) failed = NULL;
  g_autofree char *description = NULL;
  TallyTestPixel error_color;
  int strip;

  /* No data: nothing to hover, nothing to walk. */
  tcv_hover (view, tcv_width_of (empty) / 2.0, tcv_height_of (empty) / 2.0);
  g_assert_null (tally_chart_view_get_hit (view));
  g_assert_false (tcv_press_key (view, GDK_KEY_Right));

  /* The data arrives under the resting pointer. */
  tally_chart_set_frame (chart, frame);
  g_assert_nonnull (tally_chart_view_get_hit (view));
  tcv_leave (view);
  loaded = tcv_render (GTK_WIDGET (view), "states-loaded");
  g_assert_cmpuint (tcv_count_all_changed (empty, loaded), >, 500);

  /* A failed refresh keeps the data under a strip in the error colour. */
  tally_chart_set_error (chart, "Timeout");
  failed = tcv_render (GTK_WIDGET (view), "states-failed");
  error_color = tally_test_theme_color (tally_chart_get_theme (chart), TALLY_CHART_COLOR_ERROR);
  strip = 24;
  g_assert_cmpuint (tcv_count_like (failed, 0, strip, error_color), >, 10);
  g_assert_cmpuint (tcv_count_like (loaded, 0, strip, error_color), ==, 0);
  g_assert_cmpuint (tcv_count_changed (loaded, failed, 0, strip + 8, tcv_width_of (loaded),
                                       tcv_height_of (loaded)), <, (guint) tcv_width_of (loaded));
  description = tally_chart_describe (chart);
  g_assert_nonnull (strstr (description, "(error: Timeout)"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       description);

  tcv_destroy_view (window, view);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_gui_init (&argc, &argv);

  g_test_add_func ("/tally/chart-view/line-pixels", test_view_line_pixels);
  g_test_add_func ("/tally/chart-view/dark", test_view_dark);
  g_test_add_func ("/tally/chart-view/shared-theme", test_view_shared_theme);
  g_test_add_func ("/tally/chart-view/cache", test_view_cache);
  g_test_add_func ("/tally/chart-view/tooltip", test_view_tooltip);
  g_test_add_func ("/tally/chart-view/legend", test_view_legend);
  g_test_add_func ("/tally/chart-view/accessible", test_view_accessible);
  g_test_add_func ("/tally/chart-view/states", test_view_states);

  return g_test_run ();
}
