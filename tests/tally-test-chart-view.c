/* tally-test-chart-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Helpers of the chart view's tests: a view in a window, read back as
 * pixels; the frames it shows; pointer and keys sent to its controllers. */

#include "config.h"

#include <math.h>

#include "tally-test-chart-view.h"

/* The widget as GTK draws it, as an image surface for the pixel helpers;
 * with TALLY_TEST_SAVE_PNG set, kept as build/tests/chart-view-NAME.png. */
cairo_surface_t *
tcv_render (GtkWidget  *widget,
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

int
tcv_width_of (cairo_surface_t *surface)
{
  return cairo_image_surface_get_width (surface);
}

int
tcv_height_of (cairo_surface_t *surface)
{
  return cairo_image_surface_get_height (surface);
}

/* How many pixels of the rectangle (@x0, @y0)–(@x1, @y1) differ. */
guint
tcv_count_changed (cairo_surface_t *a,
                   cairo_surface_t *b,
                   int              x0,
                   int              y0,
                   int              x1,
                   int              y1)
{
  guint n = 0;

  g_assert_cmpint (tcv_width_of (a), ==, tcv_width_of (b));
  g_assert_cmpint (tcv_height_of (a), ==, tcv_height_of (b));
  for (int y = MAX (y0, 0); y < MIN (y1, tcv_height_of (a)); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, tcv_width_of (a)); x++)
      n += tally_test_pixel_distance (tally_test_pixel (a, x, y), tally_test_pixel (b, x, y)) > 0;

  return n;
}

guint
tcv_count_all_changed (cairo_surface_t *a,
                       cairo_surface_t *b)
{
  return tcv_count_changed (a, b, 0, 0, tcv_width_of (a), tcv_height_of (a));
}

double
tcv_luminance_at (cairo_surface_t *surface,
                  int              x,
                  int              y)
{
  TallyTestPixel p = tally_test_pixel (surface, x, y);
  double rgb[3] = { p.red / 255.0, p.green / 255.0, p.blue / 255.0 };

  return tally_test_luminance (rgb);
}

/* The middle of @color's ink in column @x, or NAN. */
double
tcv_ink_centre (cairo_surface_t *surface,
                int              x,
                TallyTestPixel   color)
{
  int top = tally_test_column_top (surface, x, 0, tcv_height_of (surface) - 1, color, TCV_TOLERANCE);
  int bottom = tally_test_column_bottom (surface, x, 0, tcv_height_of (surface) - 1, color, TCV_TOLERANCE);

  return top < 0 ? NAN : (top + bottom) / 2.0 + 0.5;
}

guint
tcv_count_like (cairo_surface_t *surface,
                int              y0,
                int              y1,
                TallyTestPixel   color)
{
  return tally_test_count_like (surface, 0, y0, tcv_width_of (surface), y1 - y0, color, TCV_TOLERANCE);
}

/* Frames */

double
tcv_ramp_value (guint b)
{
  return 100.0 * b / (TCV_N_BUCKETS - 1);
}

TallyFrame *
tcv_timeseries_frame (gboolean two_series)
{
  gint64 buckets[TCV_N_BUCKETS];
  double up[TCV_N_BUCKETS], flat[TCV_N_BUCKETS];
  TallyFrame *frame;

  for (guint b = 0; b < TCV_N_BUCKETS; b++)
    {
      buckets[b] = TCV_T0 + b * 600;
      up[b] = tcv_ramp_value (b);
      flat[b] = 30;
    }
  frame = tally_frame_new_timeseries ("requests", "count", "requests", 600, buckets, TCV_N_BUCKETS);
  tally_frame_add_series (frame, "gpt-4o", up);
  if (two_series)
    tally_frame_add_series (frame, "o3", flat);

  return frame;
}

TallyFrame *
tcv_categories_frame (void)
{
  TallyFrame *frame = tally_frame_new_categories ("cost", "sum", "usd");

  tally_frame_add_category (frame, "gpt-4o", 3.75);
  tally_frame_add_category (frame, "o3", 1.25);
  tally_frame_add_category (frame, "claude", 0.5);
  return frame;
}

TallyFrame *
tcv_matrix_frame (void)
{
  const char *rows[] = { "Mon", "Tue", "Wed" };
  const char *columns[] = { "00", "01", "02", "03" };
  TallyFrame *frame = tally_frame_new_matrix ("requests", "count", "requests", rows, 3, columns, 4);

  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 4; c++)
      tally_frame_set_cell (frame, r, c, r * 4 + c);
  return frame;
}

TallyFrame *
tcv_table_frame (guint n_rows)
{
  TallyFrame *frame = tally_frame_new_table ();

  tally_frame_add_column (frame, "time", TALLY_COLUMN_TIME);
  tally_frame_add_column (frame, "model", TALLY_COLUMN_STRING);
  tally_frame_add_column (frame, "latency_ms", TALLY_COLUMN_NUMBER);
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *model = g_strdup_printf ("model-%u", r);

      tally_frame_append_row (frame);
      tally_frame_set_number (frame, r, 0, TCV_T0 + r * 60);
      tally_frame_set_string (frame, r, 1, model);
      tally_frame_set_number (frame, r, 2, 100 + r);
    }
  return frame;
}

/* Windows */

TallyChartView *
tcv_new_view (TallyChartType  type,
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
void
tcv_destroy_view (GtkWindow      *window,
                  TallyChartView *view)
{
  g_autoptr(GPtrArray) also = g_ptr_array_new ();

  g_ptr_array_add (also, view);
  g_ptr_array_add (also, tally_chart_view_get_chart (view));
  tally_test_destroy_window_with (window, also);
}

GtkEventController *
tcv_find_controller (GtkWidget  *widget,
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

void
tcv_hover (TallyChartView *view,
           double          x,
           double          y)
{
  g_signal_emit_by_name (tcv_find_controller (GTK_WIDGET (view), "chart-motion"), "motion", x, y);
}

void
tcv_leave (TallyChartView *view)
{
  g_signal_emit_by_name (tcv_find_controller (GTK_WIDGET (view), "chart-motion"), "leave");
}

gboolean
tcv_press_key (TallyChartView *view,
               guint           keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (tcv_find_controller (GTK_WIDGET (view), "chart-keys"), "key-pressed",
                         keyval, 0, (GdkModifierType) 0, &handled);
  return handled;
}

void
tcv_click (TallyChartView *view,
           double          x,
           double          y)
{
  g_signal_emit_by_name (tcv_find_controller (GTK_WIDGET (view), "chart-click"), "released", 1, x, y);
}

/* A drag as the view's drag gesture reports it: where it began, then how
 * far it has gone. */
void
tcv_drag_begin (TallyChartView *view,
                double          x,
                double          y)
{
  g_signal_emit_by_name (tcv_find_controller (GTK_WIDGET (view), "chart-drag"), "drag-begin", x, y);
}

void
tcv_drag_update (TallyChartView *view,
                 double          offset_x,
                 double          offset_y)
{
  g_signal_emit_by_name (tcv_find_controller (GTK_WIDGET (view), "chart-drag"), "drag-update",
                         offset_x, offset_y);
}

void
tcv_drag_end (TallyChartView *view,
              double          offset_x,
              double          offset_y)
{
  g_signal_emit_by_name (tcv_find_controller (GTK_WIDGET (view), "chart-drag"), "drag-end",
                         offset_x, offset_y);
}

/* Where the chart says the legend entry @name is. */
gboolean
tcv_find_legend_entry (TallyChartView *view,
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

/* Where the chart puts each bucket, from hit tests across the middle. */
void
tcv_bucket_positions (TallyChartView *view,
                      double         *xs)
{
  TallyChart *chart = tally_chart_view_get_chart (view);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  for (guint b = 0; b < TCV_N_BUCKETS; b++)
    xs[b] = NAN;
  for (int x = 0; x < width; x++)
    {
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, x, height / 2.0);

      if (hit != NULL && hit->index >= 0 && hit->index < TCV_N_BUCKETS)
        xs[hit->index] = hit->x;
    }
  for (guint b = 0; b < TCV_N_BUCKETS; b++)
    g_assert_false (isnan (xs[b]));
}

TallyChartTheme *
tcv_theme_of (gpointer view)
{
  return tally_chart_get_theme (tally_chart_view_get_chart (TALLY_CHART_VIEW (view)));
}

TallyTestPixel
tcv_series_color (TallyChartView *view,
                  guint           series)
{
  return tally_test_theme_series (tcv_theme_of (view), series);
}
