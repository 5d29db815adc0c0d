/* test-chart-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* TallyChartView in a real window under Xvfb: what it draws (read back from
 * its pixels, light and dark), that it replays its cached nodes, the
 * tooltip under a hovering pointer and under the arrow keys, legend clicks,
 * what a screen reader is told, the table alternative, and no leaks. */

#include "config.h"

#include <math.h>

#include "tally-chart-view-private.h"
#include "tally-format.h"
#include "tally-test-gui.h"
#include "tally-test-pixels.h"

#define T0 1763856000   /* Sun Nov 23 2025, 00:00 UTC */
#define N_BUCKETS 13
#define TOLERANCE 40

/* The widget as GTK draws it, as an image surface for the pixel helpers;
 * with TALLY_TEST_SAVE_PNG set, kept as build/tests/chart-view-NAME.png. */
static cairo_surface_t *
render (GtkWidget  *widget,
        const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("chart-view-%s", name);
  cairo_surface_t *surface;

  tally_test_drain ();
  texture = tally_test_render_widget (widget);
  surface = tally_test_surface_new (gdk_texture_get_width (texture),
                                    gdk_texture_get_height (texture));
  /* Both are premultiplied B, G, R, A in memory. */
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  tally_test_save_surface (surface, file);

  return surface;
}

static int
width_of (cairo_surface_t *surface)
{
  return cairo_image_surface_get_width (surface);
}

static int
height_of (cairo_surface_t *surface)
{
  return cairo_image_surface_get_height (surface);
}

/* How many pixels of the rectangle (@x0, @y0)–(@x1, @y1) differ. */
static guint
count_changed (cairo_surface_t *a,
               cairo_surface_t *b,
               int              x0,
               int              y0,
               int              x1,
               int              y1)
{
  guint n = 0;

  g_assert_cmpint (width_of (a), ==, width_of (b));
  g_assert_cmpint (height_of (a), ==, height_of (b));
  for (int y = MAX (y0, 0); y < MIN (y1, height_of (a)); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, width_of (a)); x++)
      n += tally_test_pixel_distance (tally_test_pixel (a, x, y), tally_test_pixel (b, x, y)) > 0;

  return n;
}

static guint
count_all_changed (cairo_surface_t *a,
                   cairo_surface_t *b)
{
  return count_changed (a, b, 0, 0, width_of (a), height_of (a));
}

static double
luminance_at (cairo_surface_t *surface,
              int              x,
              int              y)
{
  TallyTestPixel p = tally_test_pixel (surface, x, y);
  double rgb[3] = { p.red / 255.0, p.green / 255.0, p.blue / 255.0 };

  return tally_test_luminance (rgb);
}

/* The middle of @color's ink in column @x, or NAN. */
static double
ink_centre (cairo_surface_t *surface,
            int              x,
            TallyTestPixel   color)
{
  int top = tally_test_column_top (surface, x, 0, height_of (surface) - 1, color, TOLERANCE);
  int bottom = tally_test_column_bottom (surface, x, 0, height_of (surface) - 1, color, TOLERANCE);

  return top < 0 ? NAN : (top + bottom) / 2.0 + 0.5;
}

static guint
count_like (cairo_surface_t *surface,
            int              y0,
            int              y1,
            TallyTestPixel   color)
{
  return tally_test_count_like (surface, 0, y0, width_of (surface), y1 - y0, color, TOLERANCE);
}

/* Frames */

static double
ramp_value (guint b)
{
  return 100.0 * b / (N_BUCKETS - 1);
}

static TallyFrame *
timeseries_frame (gboolean two_series)
{
  gint64 buckets[N_BUCKETS];
  double up[N_BUCKETS], flat[N_BUCKETS];
  TallyFrame *frame;

  for (guint b = 0; b < N_BUCKETS; b++)
    {
      buckets[b] = T0 + b * 600;
      up[b] = ramp_value (b);
      flat[b] = 30;
    }
  frame = tally_frame_new_timeseries ("requests", "count", "requests", 600, buckets, N_BUCKETS);
  tally_frame_add_series (frame, "gpt-4o", up);
  if (two_series)
    tally_frame_add_series (frame, "o3", flat);

  return frame;
}

static TallyFrame *
categories_frame (void)
{
  TallyFrame *frame = tally_frame_new_categories ("cost", "sum", "usd");

  tally_frame_add_category (frame, "gpt-4o", 3.75);
  tally_frame_add_category (frame, "o3", 1.25);
  tally_frame_add_category (frame, "claude", 0.5);
  return frame;
}

static TallyFrame *
matrix_frame (void)
{
  const char *rows[] = { "Mon", "Tue", "Wed" };
  const char *columns[] = { "00", "01", "02", "03" };
  TallyFrame *frame = tally_frame_new_matrix ("requests", "count", "requests", rows, 3, columns, 4);

  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 4; c++)
      tally_frame_set_cell (frame, r, c, r * 4 + c);
  return frame;
}

static TallyFrame *
table_frame (guint n_rows)
{
  TallyFrame *frame = tally_frame_new_table ();

  tally_frame_add_column (frame, "time", TALLY_COLUMN_TIME);
  tally_frame_add_column (frame, "model", TALLY_COLUMN_STRING);
  tally_frame_add_column (frame, "latency_ms", TALLY_COLUMN_NUMBER);
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *model = g_strdup_printf ("model-%u", r);

      tally_frame_append_row (frame);
      tally_frame_set_number (frame, r, 0, T0 + r * 60);
      tally_frame_set_string (frame, r, 1, model);
      tally_frame_set_number (frame, r, 2, 100 + r);
    }
  return frame;
}

/* Windows */

static TallyChartView *
new_view (TallyChartType  type,
          TallyFrame     *frame,
          GtkWindow     **window)
{
  GtkWidget *view = tally_chart_view_new (type);
  TallyChart *chart = tally_chart_view_get_chart (TALLY_CHART_VIEW (view));
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();

  options->min = 0;
  options->max = 100;
  options->line.points = TALLY_POINTS_NEVER;
  tally_chart_set_options (chart, options);
  tally_chart_set_time_zone (chart, utc);
  tally_chart_set_title (chart, "Requests");
  tally_chart_set_frame (chart, frame);

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 640, 400);
  gtk_window_set_child (*window, view);
  gtk_window_present (*window);
  g_assert_true (tally_test_wait_mapped (view));
  tally_test_drain ();

  return TALLY_CHART_VIEW (view);
}

/* Destroys the window and proves the view and its chart went with it. */
static void
destroy_view (GtkWindow      *window,
              TallyChartView *view)
{
  TallyChart *chart = g_object_ref (tally_chart_view_get_chart (view));

  g_object_ref (view);
  tally_test_destroy_window (window);
  g_assert_finalize_object (view);
  g_assert_finalize_object (chart);
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
        return controller;
    }
  g_assert_not_reached ();
}

static void
hover (TallyChartView *view,
       double          x,
       double          y)
{
  g_signal_emit_by_name (find_controller (GTK_WIDGET (view), "chart-motion"), "motion", x, y);
}

static void
leave (TallyChartView *view)
{
  g_signal_emit_by_name (find_controller (GTK_WIDGET (view), "chart-motion"), "leave");
}

static gboolean
press_key (TallyChartView *view,
           guint           keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (find_controller (GTK_WIDGET (view), "chart-keys"), "key-pressed",
                         keyval, 0, (GdkModifierType) 0, &handled);
  return handled;
}

static void
click (TallyChartView *view,
       double          x,
       double          y)
{
  g_signal_emit_by_name (find_controller (GTK_WIDGET (view), "chart-click"), "released", 1, x, y);
}

/* Where the chart puts each bucket, from hit tests across the middle. */
static void
bucket_positions (TallyChartView *view,
                  double         *xs)
{
  TallyChart *chart = tally_chart_view_get_chart (view);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  for (guint b = 0; b < N_BUCKETS; b++)
    xs[b] = NAN;
  for (int x = 0; x < width; x++)
    {
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, x, height / 2.0);

      if (hit != NULL && hit->index >= 0 && hit->index < N_BUCKETS)
        xs[hit->index] = hit->x;
    }
  for (guint b = 0; b < N_BUCKETS; b++)
    g_assert_false (isnan (xs[b]));
}

static TallyChartTheme *
theme_of (gpointer view)
{
  return tally_chart_get_theme (tally_chart_view_get_chart (TALLY_CHART_VIEW (view)));
}

static TallyTestPixel
series_color (TallyChartView *view,
              guint           series)
{
  return tally_test_theme_series (theme_of (view), series);
}

/* Tests */

static void
test_view_line_pixels (void)
{
  g_autoptr(TallyFrame) frame = timeseries_frame (FALSE);
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_LINE, frame, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  g_autoptr(cairo_surface_t) pixels = render (GTK_WIDGET (view), "line");
  double xs[N_BUCKETS], ys[N_BUCKETS];
  double width;

  /* The chart is drawn at the widget's size, at its scale. */
  tally_chart_get_size (chart, &width, NULL);
  g_assert_cmpfloat (width, ==, gtk_widget_get_width (GTK_WIDGET (view)));
  g_assert_cmpfloat (tally_chart_theme_get_scale (tally_chart_get_theme (chart)), ==,
                     gtk_widget_get_scale_factor (GTK_WIDGET (view)));
  g_assert_cmpint (width_of (pixels), ==, gtk_widget_get_width (GTK_WIDGET (view)));

  /* The ramp's ink crosses each bucket's column where the chart maps its
   * value, on one straight line from 0 at the bottom to 100 at the top. */
  bucket_positions (view, xs);
  for (guint b = 0; b < N_BUCKETS; b++)
    {
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, xs[b], height_of (pixels) / 2.);

      ys[b] = ink_centre (pixels, (int) floor (xs[b]), series_color (view, 0));
      g_assert_false (isnan (ys[b]));
      g_assert_cmpfloat (fabs (ys[b] - hit->y), <=, 1.5);
    }
  g_assert_cmpfloat (ys[0] - ys[N_BUCKETS - 1], >, height_of (pixels) * 0.5);
  g_assert_cmpfloat (xs[N_BUCKETS - 1] - xs[0], >, width_of (pixels) * 0.7);
  for (guint b = 0; b < N_BUCKETS; b++)
    {
      double expected = ys[0] + (ys[N_BUCKETS - 1] - ys[0]) * b / (N_BUCKETS - 1);

      g_assert_cmpfloat (fabs (ys[b] - expected), <=, 1.5);
    }

  /* Nothing of the line left of the first bucket. */
  g_assert_true (isnan (ink_centre (pixels, (int) xs[0] - 4, series_color (view, 0))));
  /* A light window: libadwaita's view background in the corner. */
  g_assert_cmpfloat (luminance_at (pixels, 2, 2), >, 0.9);

  destroy_view (window, view);
}

static void
test_view_dark (void)
{
  g_autoptr(TallyFrame) frame = timeseries_frame (FALSE);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_LINE, frame, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  g_autoptr(cairo_surface_t) light = render (GTK_WIDGET (view), "dark-light");
  g_autoptr(cairo_surface_t) dark = NULL;
  g_autoptr(cairo_surface_t) again = NULL;
  TallyChartTheme *light_theme = tally_chart_get_theme (chart);
  double xs[N_BUCKETS];

  g_assert_false (tally_chart_theme_is_dark (light_theme));

  /* The style follows libadwaita live, without a new frame. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = render (GTK_WIDGET (view), "dark-dark");
  g_assert_true (tally_chart_theme_is_dark (tally_chart_get_theme (chart)));
  g_assert_cmpfloat (luminance_at (light, 2, 2), >, 0.9);
  g_assert_cmpfloat (luminance_at (dark, 2, 2), <, 0.25);
  g_assert_cmpuint (count_all_changed (light, dark), >,
                    (guint) (width_of (light) * height_of (light) / 2));

  /* The dark palette draws the line. */
  bucket_positions (view, xs);
  g_assert_false (isnan (ink_centre (dark, (int) floor (xs[6]), series_color (view, 0))));

  /* Back to light: the same shared theme as before, the same pixels. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  again = render (GTK_WIDGET (view), "dark-again");
  g_assert_true (tally_chart_get_theme (chart) == light_theme);
  g_assert_cmpuint (count_all_changed (light, again), ==, 0);

  destroy_view (window, view);
}

static void
test_view_shared_theme (void)
{
  g_autoptr(TallyFrame) frame = categories_frame ();
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_BAR, frame, &window);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *other = tally_chart_view_new (TALLY_CHART_PIE);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  TallyChartTheme *theme;
  const TallyRgba *bg;
  GdkRGBA card;

  /* Two charts of one style share one theme. */
  g_object_ref (view);
  gtk_window_set_child (window, NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  gtk_box_append (GTK_BOX (box), other);
  gtk_window_set_child (window, box);
  g_object_unref (view);
  g_assert_true (tally_test_wait_mapped (other));
  g_assert_true (theme_of (view) == theme_of (other));

  /* Dark, they move to one new theme together. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  tally_test_drain ();
  theme = theme_of (view);
  g_assert_true (tally_chart_theme_is_dark (theme));
  g_assert_true (theme == theme_of (other));

  /* On a card, a chart takes the card's colours (in dark, unlike a view's).
   * (A card around it counts too, as it is when the view is put in.) */
  gtk_widget_add_css_class (GTK_WIDGET (view), "card");
  tally_test_drain ();
  bg = tally_chart_theme_get_color (theme_of (view), TALLY_CHART_COLOR_BACKGROUND);
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (box),
                                                 "card_bg_color", &card));
  g_assert_cmpfloat (fabs (bg->alpha - card.alpha), <, 0.01);
  g_assert_cmpfloat (fabs (bg->red - card.red), <, 0.01);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  destroy_view (window, view);
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
  g_autoptr(TallyFrame) frame = timeseries_frame (FALSE);
  g_autoptr(TallyFrame) other = timeseries_frame (TRUE);
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_LINE, frame, &window);
  g_autoptr(GPtrArray) first = snapshot_drawn_nodes (GTK_WIDGET (view));
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) hovered = NULL;
  g_autoptr(GPtrArray) same_bucket = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  double xs[N_BUCKETS];
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  /* Nothing changed: the snapshot replays the image it drew. */
  g_assert_cmpuint (first->len, ==, 1);
  second = snapshot_drawn_nodes (GTK_WIDGET (view));
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_true (first->pdata[0] == second->pdata[0]);

  /* Hovering adds a layer over the same static node; moving within the
   * bucket records nothing new. */
  bucket_positions (view, xs);
  hover (view, xs[4], height / 2.0);
  hovered = snapshot_drawn_nodes (GTK_WIDGET (view));
  g_assert_cmpuint (hovered->len, ==, 2);
  g_assert_true (hovered->pdata[0] == first->pdata[0]);
  hover (view, xs[4] + 1, height / 2.0 + 1);
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

  destroy_view (window, view);
}

static void
test_view_tooltip (void)
{
  g_autoptr(TallyFrame) frame = timeseries_frame (TRUE);
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_LINE, frame, &window);
  g_autoptr(cairo_surface_t) before = render (GTK_WIDGET (view), "tooltip-before");
  g_autoptr(cairo_surface_t) during = NULL;
  g_autoptr(cairo_surface_t) after = NULL;
  const TallyChartHit *hit;
  double xs[N_BUCKETS];
  int width = width_of (before), height = height_of (before);
  int x;

  g_assert_null (tally_chart_view_get_hit (view));
  bucket_positions (view, xs);
  x = (int) floor (xs[8]);

  /* The pointer near the ramp at bucket 8: the hit carries the frame's
   * exact values. */
  hover (view, xs[8] + 2, height / 2.0);
  hit = tally_chart_view_get_hit (view);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_POINT);
  g_assert_cmpint (hit->index, ==, 8);
  g_assert_cmpint (hit->time, ==, T0 + 8 * 600);
  g_assert_cmpint (hit->series, >=, 0);
  g_assert_cmpfloat (hit->value, ==, tally_frame_get_series_values (frame, hit->series)[8]);
  g_assert_nonnull (strstr (hit->text, "Nov 23, 01:20\n"));
  g_assert_nonnull (strstr (hit->text, "gpt-4o: 66.7"));
  g_assert_nonnull (strstr (hit->text, "o3: 30"));

  /* The crosshair runs down the bucket's column, and a tooltip box is
   * drawn beside it; the rest of the chart stays as it was. */
  during = render (GTK_WIDGET (view), "tooltip-during");
  g_assert_cmpuint (count_changed (before, during, x - 1, 0, x + 2, height), >, (guint) height / 3);
  g_assert_cmpuint (count_changed (before, during, 0, 0, width, height), >,
                    count_changed (before, during, x - 1, 0, x + 2, height) + 200);
  g_assert_cmpuint (count_changed (before, during, 0, 0, (int) xs[2], height), ==, 0);

  /* Leaving clears the layer: the pixels are the chart's again. */
  leave (view);
  g_assert_null (tally_chart_view_get_hit (view));
  after = render (GTK_WIDGET (view), "tooltip-after");
  g_assert_cmpuint (count_changed (before, after, 0, 0, width, height), ==, 0);

  /* New data under a resting pointer: the tooltip follows the data. */
  hover (view, xs[3], height / 2.0);
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 3);
  {
    g_autoptr(TallyFrame) single = timeseries_frame (FALSE);

    tally_chart_set_frame (tally_chart_view_get_chart (view), single);
    hit = tally_chart_view_get_hit (view);
    g_assert_nonnull (hit);
    g_assert_cmpint (hit->series, ==, 0);
    g_assert_cmpfloat (hit->value, ==, ramp_value (3));
    g_assert_null (strstr (hit->text, "o3"));
  }

  destroy_view (window, view);
}

/* Where the chart says the legend entry @name is. */
static gboolean
find_legend_entry (TallyChartView *view,
                   const char     *name,
                   double         *x,
                   double         *y)
{
  TallyChart *chart = tally_chart_view_get_chart (view);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  for (int py = 0; py < height; py++)
    for (int px = 0; px < width; px++)
      if (g_strcmp0 (tally_chart_legend_hit_test (chart, px, py), name) == 0)
        {
          *x = px + 2;
          *y = py + 2;
          return TRUE;
        }

  return FALSE;
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
  g_autoptr(TallyFrame) frame = timeseries_frame (TRUE);
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_LINE, frame, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  g_autoptr(cairo_surface_t) shown = render (GTK_WIDGET (view), "legend-shown");
  g_autoptr(cairo_surface_t) hidden = NULL;
  g_autoptr(cairo_surface_t) back = NULL;
  guint notified = 0;
  double x, y;
  int plot_bottom;

  g_assert_true (find_legend_entry (view, "o3", &x, &y));
  plot_bottom = (int) y - 6;
  g_signal_connect (chart, "notify::options", G_CALLBACK (options_notified_cb), &notified);

  /* The flat o3 line is drawn in its colour above the legend. */
  g_assert_cmpuint (count_like (shown, 0, plot_bottom, series_color (view, 1)), >, 200);

  /* A click on its entry hides it: gone from the plot, saved in the options. */
  click (view, x, y);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (tally_chart_options_is_hidden (tally_chart_get_options (chart), "o3"));
  hidden = render (GTK_WIDGET (view), "legend-hidden");
  g_assert_cmpuint (count_like (hidden, 0, plot_bottom, series_color (view, 1)), <, 10);
  g_assert_cmpuint (count_like (hidden, 0, plot_bottom, series_color (view, 0)), >, 200);

  /* A click elsewhere does nothing; another on the entry brings it back. */
  click (view, width_of (hidden) / 2.0, height_of (hidden) / 3.0);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (find_legend_entry (view, "o3", &x, &y));
  click (view, x, y);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (tally_chart_options_is_hidden (tally_chart_get_options (chart), "o3"));
  back = render (GTK_WIDGET (view), "legend-back");
  g_assert_cmpuint (count_all_changed (shown, back), ==, 0);

  /* The same through the action a menu or a keyboard user can reach. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.toggle-series", "s",
                                             "gpt-4o"));
  g_assert_true (tally_chart_options_is_hidden (tally_chart_get_options (chart), "gpt-4o"));

  destroy_view (window, view);
}

static void
test_view_accessible (void)
{
  g_autoptr(TallyFrame) frame = timeseries_frame (TRUE);
  g_autoptr(TallyFrame) categories = categories_frame ();
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_LINE, frame, &window);
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

  destroy_view (window, view);
}

static void
collect_label_texts (GtkWidget *widget,
                     GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

static void
test_view_table (void)
{
  g_autoptr(TallyFrame) frame = timeseries_frame (TRUE);
  g_autoptr(TallyFrame) categories = categories_frame ();
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_LINE, frame, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  g_autoptr(cairo_surface_t) chart_pixels = render (GTK_WIDGET (view), "table-chart");
  g_autoptr(cairo_surface_t) table_pixels = NULL;
  g_autoptr(cairo_surface_t) back = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *first_time = tally_format_time (T0, utc, TALLY_TIME_FORMAT_DATE_TIME, FALSE);
  GtkWidget *column_view;
  GListModel *rows, *columns;

  g_assert_null (tally_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.view-as-table", NULL));
  g_assert_true (tally_chart_view_get_view_as_table (view));
  tally_test_drain ();

  /* A row per bucket: the time, then each series' value, as text a
   * screen reader reads. */
  column_view = tally_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, NULL);
  g_assert_nonnull (column_view);
  g_assert_true (gtk_widget_get_mapped (column_view));
  g_assert_false (gtk_widget_get_focusable (GTK_WIDGET (view)));
  rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_BUCKETS);
  columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (column_view));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 3);
  collect_label_texts (column_view, texts);
  table_pixels = render (GTK_WIDGET (view), "table-shown");
  g_assert_cmpuint (count_all_changed (chart_pixels, table_pixels), >, 1000);
  g_assert_true (has_text (texts, "Time"));
  g_assert_true (has_text (texts, "gpt-4o"));
  g_assert_true (has_text (texts, "o3"));
  g_assert_true (has_text (texts, first_time));
  g_assert_true (has_text (texts, "0"));
  g_assert_true (has_text (texts, "25"));
  g_assert_true (has_text (texts, "30"));
  {
    g_autoptr(GtkStringList) row = g_list_model_get_item (rows, 6);

    g_assert_cmpstr (gtk_string_list_get_string (row, 1), ==, "50");
    g_assert_cmpstr (gtk_string_list_get_string (row, 2), ==, "30");
  }

  /* The table follows the chart: categories give a name and a value. */
  tally_chart_set_chart_type (chart, TALLY_CHART_PIE);
  tally_chart_set_frame (chart, categories);
  tally_test_drain ();
  g_assert_true (tally_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, NULL) ==
                 column_view);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_ptr_array_set_size (texts, 0);
  collect_label_texts (column_view, texts);
  g_assert_true (has_text (texts, "Name"));
  g_assert_true (has_text (texts, "claude"));
  g_assert_true (has_text (texts, "$3.75"));
  g_assert_true (has_text (texts, "$0.50"));

  /* An error over the data shows above the table. */
  tally_chart_set_error (chart, "Connection refused");
  tally_test_drain ();
  g_ptr_array_set_size (texts, 0);
  collect_label_texts (GTK_WIDGET (view), texts);
  g_assert_true (has_text (texts, "Connection refused"));
  tally_chart_set_error (chart, NULL);

  /* Back to the chart: the table goes, the chart is drawn as before. */
  tally_chart_set_chart_type (chart, TALLY_CHART_LINE);
  tally_chart_set_frame (chart, frame);
  tally_chart_view_set_view_as_table (view, FALSE);
  g_assert_null (tally_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));
  back = render (GTK_WIDGET (view), "table-back");
  g_assert_cmpuint (count_all_changed (chart_pixels, back), ==, 0);

  destroy_view (window, view);
}

static void
test_view_table_shapes (void)
{
  g_autoptr(GtkWidget) view = g_object_ref_sink (tally_chart_view_new (TALLY_CHART_HEATMAP));
  TallyChart *chart = tally_chart_view_get_chart (TALLY_CHART_VIEW (view));
  g_autoptr(TallyFrame) matrix = matrix_frame ();
  g_autoptr(TallyFrame) scalar = tally_frame_new_scalar ("latency", "p95", "ms", 812.5, 790.1);
  g_autoptr(TallyFrame) table = NULL;

  /* Nothing to list without data. */
  g_assert_null (tally_chart_view_frame_to_table (chart));

  tally_chart_set_frame (chart, matrix);
  table = tally_chart_view_frame_to_table (chart);
  g_assert_cmpint (tally_frame_get_shape (table), ==, TALLY_SHAPE_TABLE);
  g_assert_cmpuint (tally_frame_get_n_rows (table), ==, 3);
  g_assert_cmpuint (tally_frame_get_n_columns (table), ==, 5);
  g_assert_cmpstr (tally_frame_get_column_name (table, 3), ==, "02");
  g_assert_cmpstr (tally_frame_get_string (table, 1, 0), ==, "Tue");
  g_assert_cmpfloat (tally_frame_get_number (table, 1, 3), ==, 6);
  g_clear_pointer (&table, tally_frame_unref);

  tally_chart_set_chart_type (chart, TALLY_CHART_STAT);
  tally_chart_set_frame (chart, scalar);
  table = tally_chart_view_frame_to_table (chart);
  g_assert_cmpuint (tally_frame_get_n_rows (table), ==, 1);
  g_assert_cmpuint (tally_frame_get_n_columns (table), ==, 2);
  g_assert_cmpfloat (tally_frame_get_number (table, 0, 0), ==, 812.5);
  g_assert_cmpfloat (tally_frame_get_number (table, 0, 1), ==, 790.1);
}

static void
test_view_keyboard_line (void)
{
  g_autoptr(TallyFrame) frame = timeseries_frame (TRUE);
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_LINE, frame, &window);
  g_autoptr(cairo_surface_t) before = render (GTK_WIDGET (view), "keyboard-line-before");
  g_autoptr(cairo_surface_t) during = NULL;
  const TallyChartHit *hit;
  double xs[N_BUCKETS];

  bucket_positions (view, xs);

  /* Right from nothing: the first bucket, then one bucket per press. */
  g_assert_true (press_key (view, GDK_KEY_Right));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 0);
  for (int b = 1; b <= 3; b++)
    {
      g_assert_true (press_key (view, GDK_KEY_Right));
      hit = tally_chart_view_get_hit (view);
      g_assert_cmpint (hit->index, ==, b);
      g_assert_cmpfloat (fabs (hit->x - xs[b]), <, 0.01);
      g_assert_cmpfloat (hit->value, ==, tally_frame_get_series_values (frame, hit->series)[b]);
    }
  g_assert_true (press_key (view, GDK_KEY_Left));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 2);

  /* The tooltip is drawn as for the pointer. */
  during = render (GTK_WIDGET (view), "keyboard-line-during");
  g_assert_cmpuint (count_all_changed (before, during), >, 200);

  g_assert_true (press_key (view, GDK_KEY_End));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, N_BUCKETS - 1);
  g_assert_true (press_key (view, GDK_KEY_Right));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, N_BUCKETS - 1);
  g_assert_true (press_key (view, GDK_KEY_Home));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 0);

  /* From where the pointer left it. */
  hover (view, xs[7], height_of (before) / 4.0);
  g_assert_true (press_key (view, GDK_KEY_Right));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 8);

  /* Up and down are not a line chart's: they go on to the parent. */
  g_assert_false (press_key (view, GDK_KEY_Up));
  g_assert_false (press_key (view, GDK_KEY_a));

  /* Escape puts the tooltip away; a second Escape is not ours. */
  g_assert_true (press_key (view, GDK_KEY_Escape));
  g_assert_null (tally_chart_view_get_hit (view));
  g_assert_false (press_key (view, GDK_KEY_Escape));

  destroy_view (window, view);
}

static void
test_view_keyboard_pie (void)
{
  g_autoptr(TallyFrame) frame = categories_frame ();
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_PIE, frame, &window);
  g_autoptr(cairo_surface_t) pixels = render (GTK_WIDGET (view), "pie");
  const TallyChartHit *hit;
  guint n0, n1, n2;

  /* Slice areas in proportion to 3.75 : 1.25 : 0.5. */
  n0 = count_like (pixels, 0, height_of (pixels), series_color (view, 0));
  n1 = count_like (pixels, 0, height_of (pixels), series_color (view, 1));
  n2 = count_like (pixels, 0, height_of (pixels), series_color (view, 2));
  g_assert_cmpfloat (fabs ((double) n0 / n1 - 3), <, 0.3);
  g_assert_cmpfloat (fabs ((double) n1 / n2 - 2.5), <, 0.4);

  /* The arrows go round the slices in the frame's order. */
  for (int i = 0; i < 3; i++)
    {
      g_assert_true (press_key (view, GDK_KEY_Right));
      hit = tally_chart_view_get_hit (view);
      g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_SLICE);
      g_assert_cmpint (hit->series, ==, i);
      g_assert_cmpfloat (hit->value, ==, tally_frame_get_category_value (frame, i));
    }
  g_assert_true (press_key (view, GDK_KEY_Up));
  g_assert_cmpint (tally_chart_view_get_hit (view)->series, ==, 1);
  g_assert_nonnull (strstr (tally_chart_view_get_hit (view)->text, "$1.25"));

  destroy_view (window, view);
}

static void
test_view_keyboard_heatmap (void)
{
  g_autoptr(TallyFrame) frame = matrix_frame ();
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_HEATMAP, frame, &window);
  g_autoptr(cairo_surface_t) before = render (GTK_WIDGET (view), "heatmap");
  g_autoptr(cairo_surface_t) during = NULL;
  const TallyChartHit *hit;

  /* Home is the top left cell; the arrows move across and down. */
  g_assert_true (press_key (view, GDK_KEY_Home));
  hit = tally_chart_view_get_hit (view);
  g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_CELL);
  g_assert_cmpint (hit->index, ==, 0);
  g_assert_cmpint (hit->column, ==, 0);
  g_assert_true (press_key (view, GDK_KEY_Right));
  g_assert_true (press_key (view, GDK_KEY_Right));
  hit = tally_chart_view_get_hit (view);
  g_assert_cmpint (hit->index, ==, 0);
  g_assert_cmpint (hit->column, ==, 2);
  g_assert_true (press_key (view, GDK_KEY_Down));
  hit = tally_chart_view_get_hit (view);
  g_assert_cmpint (hit->index, ==, 1);
  g_assert_cmpint (hit->column, ==, 2);
  g_assert_cmpfloat (hit->value, ==, tally_frame_get_cell (frame, 1, 2));
  during = render (GTK_WIDGET (view), "heatmap-keyboard");
  g_assert_cmpuint (count_all_changed (before, during), >, 200);
  g_assert_true (press_key (view, GDK_KEY_End));
  hit = tally_chart_view_get_hit (view);
  g_assert_cmpint (hit->index, ==, 2);
  g_assert_cmpint (hit->column, ==, 3);

  destroy_view (window, view);
}

static void
test_view_keyboard_table (void)
{
  g_autoptr(TallyFrame) frame = table_frame (60);
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_TABLE, frame, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  const TallyChartHit *hit;
  guint shown = 0;

  /* Down walks the rows; past the last one shown, the table scrolls. */
  g_assert_true (press_key (view, GDK_KEY_Down));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 0);
  while (tally_chart_get_first_row (chart) == 0)
    {
      g_assert_true (press_key (view, GDK_KEY_Down));
      g_assert_cmpuint (++shown, <, 60);
    }
  hit = tally_chart_view_get_hit (view);
  g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_ROW);
  g_assert_cmpint (hit->index, ==, (int) shown);
  g_assert_cmpuint (tally_chart_get_first_row (chart), ==, 1);
  g_assert_cmpfloat (tally_frame_get_number (frame, hit->index, 2), ==, 100 + shown);

  /* End goes to the last row of the frame, Home back to the first. */
  g_assert_true (press_key (view, GDK_KEY_End));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 59);
  g_assert_true (press_key (view, GDK_KEY_Home));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 0);
  g_assert_cmpuint (tally_chart_get_first_row (chart), ==, 0);

  destroy_view (window, view);
}

static void
test_view_states (void)
{
  g_autoptr(TallyFrame) frame = timeseries_frame (FALSE);
  GtkWindow *window;
  TallyChartView *view = new_view (TALLY_CHART_LINE, NULL, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  g_autoptr(cairo_surface_t) empty = render (GTK_WIDGET (view), "states-empty");
  g_autoptr(cairo_surface_t) loaded = NULL;
  g_autoptr(cairo_surface_t) failed = NULL;
  g_autofree char *description = NULL;
  TallyTestPixel error_color;
  int strip;

  /* No data: nothing to hover, nothing to walk. */
  hover (view, width_of (empty) / 2.0, height_of (empty) / 2.0);
  g_assert_null (tally_chart_view_get_hit (view));
  g_assert_false (press_key (view, GDK_KEY_Right));

  /* The data arrives under the resting pointer. */
  tally_chart_set_frame (chart, frame);
  g_assert_nonnull (tally_chart_view_get_hit (view));
  leave (view);
  loaded = render (GTK_WIDGET (view), "states-loaded");
  g_assert_cmpuint (count_all_changed (empty, loaded), >, 500);

  /* A failed refresh keeps the data under a strip in the error colour. */
  tally_chart_set_error (chart, "Timeout");
  failed = render (GTK_WIDGET (view), "states-failed");
  error_color = tally_test_theme_color (tally_chart_get_theme (chart), TALLY_CHART_COLOR_ERROR);
  strip = 24;
  g_assert_cmpuint (count_like (failed, 0, strip, error_color), >, 10);
  g_assert_cmpuint (count_like (loaded, 0, strip, error_color), ==, 0);
  g_assert_cmpuint (count_changed (loaded, failed, 0, strip + 8, width_of (loaded),
                                   height_of (loaded)), <, (guint) width_of (loaded));
  description = tally_chart_describe (chart);
  g_assert_nonnull (strstr (description, "(error: Timeout)"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       description);

  destroy_view (window, view);
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
  g_test_add_func ("/tally/chart-view/table", test_view_table);
  g_test_add_func ("/tally/chart-view/table-shapes", test_view_table_shapes);
  g_test_add_func ("/tally/chart-view/keyboard-line", test_view_keyboard_line);
  g_test_add_func ("/tally/chart-view/keyboard-pie", test_view_keyboard_pie);
  g_test_add_func ("/tally/chart-view/keyboard-heatmap", test_view_keyboard_heatmap);
  g_test_add_func ("/tally/chart-view/keyboard-table", test_view_keyboard_table);
  g_test_add_func ("/tally/chart-view/states", test_view_states);

  return g_test_run ();
}
