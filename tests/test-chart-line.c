/* test-chart-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The line chart, read back from its pixels: a ramp crosses each bucket
 * at the row its value gives, nulls leave a gap, a spike among a million
 * points still reaches the top, stacks add up, and hit tests return the
 * frame's exact values. In the light and the dark theme. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tally-chart.h"
#include "tally-test-pixels.h"
#include "tally-test-utils.h"

#define W 480
#define H 260
#define T0 1763856000   /* Sun Nov 23 2025, 00:00 UTC */

static TallyFrame *
ramp_frame (guint         n,
            const double *values)
{
  g_autofree gint64 *buckets = g_new (gint64, n);
  TallyFrame *frame;

  for (guint b = 0; b < n; b++)
    buckets[b] = T0 + b * 600;
  frame = tally_frame_new_timeseries ("requests", "count", "requests", 600, buckets, n);
  tally_frame_add_series (frame, "gpt-4o", values);
  return frame;
}

static TallyChart *
new_chart (TallyFrame             *frame,
           TallyChartThemeVariant  variant,
           TallyChartOptions      *options)
{
  return tally_test_chart_new (TALLY_CHART_LINE, variant, frame, options, W, H);
}

/* Where the chart puts each bucket, found by sweeping hit tests across. */
static void
bucket_positions (TallyChart *chart,
                  double     *xs,
                  guint       n)
{
  for (guint b = 0; b < n; b++)
    xs[b] = NAN;
  for (int x = 0; x < W; x++)
    {
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, x, H / 2);

      if (hit != NULL && hit->index >= 0 && (guint) hit->index < n)
        xs[hit->index] = hit->x;
    }
  for (guint b = 0; b < n; b++)
    g_assert_false (isnan (xs[b]));
}

/* The middle of the series' ink in column @x, or NAN. */
static double
ink_centre (cairo_surface_t *surface,
            int              x,
            TallyTestPixel   color)
{
  int top = tally_test_column_top (surface, x, 0, H - 1, color, 40);
  int bottom = tally_test_column_bottom (surface, x, 0, H - 1, color, 40);

  return top < 0 ? NAN : (top + bottom) / 2.0 + 0.5;
}

static void
check_ramp (TallyChartThemeVariant variant)
{
  double values[21], xs[21], ys[21];
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (variant);
  TallyTestPixel ink = tally_test_theme_series (theme, 0);
  TallyTestPixel bg = tally_test_theme_color (theme, TALLY_CHART_COLOR_BACKGROUND);

  for (guint b = 0; b < 21; b++)
    values[b] = 5.0 * b;
  frame = ramp_frame (21, values);
  options->min = 0;
  options->max = 100;
  options->line.points = TALLY_POINTS_NEVER;
  chart = new_chart (frame, variant, options);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, variant ? "line-ramp-dark" : "line-ramp-light");
  bucket_positions (chart, xs, 21);

  for (guint b = 0; b < 21; b++)
    {
      ys[b] = ink_centre (surface, (int) floor (xs[b]), ink);
      g_assert_false (isnan (ys[b]));
    }
  /* The plot spans most of the chart, and each bucket's value sits on a
   * straight line from 0 (bottom) to 100 (top). */
  g_assert_cmpfloat (ys[0] - ys[20], >, H * 0.6);
  g_assert_cmpfloat (xs[20] - xs[0], >, W * 0.75);
  for (guint b = 0; b < 21; b++)
    {
      double expected = ys[0] + (ys[20] - ys[0]) * b / 20.0;

      g_assert_cmpfloat (fabs (ys[b] - expected), <=, 1.5);
    }
  /* Halfway: the value 50 crosses the middle row at bucket 10. */
  g_assert_cmpfloat (fabs (ys[10] - (ys[0] + ys[20]) / 2), <=, 1.0);

  /* The line starts at the first bucket and ends at the last. */
  g_assert_cmpint (tally_test_column_top (surface, (int) xs[0] - 4, 0, H - 30, ink, 40), <, 0);
  g_assert_cmpint (tally_test_column_top (surface, (int) xs[20] + 4, 0, H - 30, ink, 40), <, 0);
  g_assert_true (tally_test_pixel_near (surface, W / 2, 2, bg, 2));
}

static void
test_line_ramp_light (void)
{
  check_ramp (TALLY_CHART_THEME_LIGHT);
}

static void
test_line_ramp_dark (void)
{
  check_ramp (TALLY_CHART_THEME_DARK);
}

static void
test_line_gap (void)
{
  double values[20], xs[20];
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel ink = tally_test_theme_series (theme, 0);

  for (guint b = 0; b < 20; b++)
    values[b] = b >= 8 && b <= 11 ? NAN : 50 + 10 * (b % 3);
  values[15] = NAN;
  values[17] = NAN;        /* 16 stands alone between two nulls */
  frame = ramp_frame (20, values);
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, NULL);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, "line-gap");
  bucket_positions (chart, xs, 20);

  /* Ink up to bucket 7 and from bucket 12, none over the nulls. */
  g_assert_false (isnan (ink_centre (surface, (int) xs[7], ink)));
  g_assert_false (isnan (ink_centre (surface, (int) xs[12], ink)));
  for (int x = (int) ceil (xs[7] + 3); x <= (int) floor (xs[12] - 3); x++)
    g_assert_true (isnan (ink_centre (surface, x, ink)));
  /* A lone point between nulls is still drawn, as a dot. */
  g_assert_false (isnan (ink_centre (surface, (int) xs[16], ink)));
  g_assert_true (isnan (ink_centre (surface, (int) ((xs[15] + xs[16]) / 2) - 1, ink)));
}

/* A one-point spike in a million points still reaches the top. */
static void
test_line_dense_spike (void)
{
  guint n = 1000000;
  g_autofree gint64 *buckets = g_new (gint64, n);
  g_autofree double *values = g_new (double, n);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel ink = tally_test_theme_series (theme, 0);
  g_autoptr(TallyChartHit) hit = NULL;
  int spike_x = -1, flat_top = H, spike_top = H;

  for (guint i = 0; i < n; i++)
    {
      buckets[i] = T0 + i;
      values[i] = 100 + (i % 2);
    }
  values[700000] = 1000;
  frame = tally_frame_new_timeseries ("requests", "count", "requests", 1, buckets, n);
  tally_frame_add_series (frame, "spiky", values);
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, NULL);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, "line-spike");

  for (int x = 0; x < W; x++)
    {
      int top = tally_test_column_top (surface, x, 0, H - 1, ink, 40);

      if (top >= 0 && top < spike_top)
        spike_top = top, spike_x = x;
    }
  for (int x = 0; x < W; x++)
    {
      int top = tally_test_column_top (surface, x, 0, H - 1, ink, 40);

      if (top >= 0 && abs (x - spike_x) > 3)
        flat_top = MIN (flat_top, top);
    }
  /* The spike is ten times the rest: far above it, one column wide. */
  g_assert_cmpint (flat_top - spike_top, >, H / 2);
  hit = tally_chart_hit_test (chart, spike_x, H / 2);
  g_assert_nonnull (hit);
  g_assert_cmpint (abs (hit->index - 700000), <, (int) (n / (W - 60)) + 1);
}

static void
test_line_stack_fill (void)
{
  double a[10], b[10], xs[10];
  g_autofree gint64 *buckets = g_new (gint64, 10);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel ink_a = tally_test_theme_series (theme, 0);
  TallyTestPixel ink_b = tally_test_theme_series (theme, 1);
  TallyTestPixel bg = tally_test_theme_color (theme, TALLY_CHART_COLOR_BACKGROUND);
  double ya, yb, y0;
  int x;

  for (guint i = 0; i < 10; i++)
    buckets[i] = T0 + i * 60, a[i] = 10, b[i] = 20;
  frame = tally_frame_new_timeseries ("tokens", "sum", "tokens", 60, buckets, 10);
  tally_frame_add_series (frame, "input", a);
  tally_frame_add_series (frame, "output", b);
  options->line.stack = TRUE;
  options->line.fill = TRUE;
  options->min = 0;
  options->max = 40;
  options->legend = TALLY_LEGEND_HIDE;
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, options);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, "line-stack");
  bucket_positions (chart, xs, 10);

  x = (int) ((xs[4] + xs[5]) / 2);
  ya = ink_centre (surface, x, ink_a);
  yb = ink_centre (surface, x, ink_b);
  /* Zero at the bottom, 10 one quarter up, 10 + 20 three quarters up. */
  y0 = ya + (ya - yb) / 2;
  g_assert_cmpfloat (fabs ((y0 - yb) / (y0 - ya) - 3), <, 0.1);
  /* Between the lines, the upper series' fill; under the lower one, its own. */
  g_assert_false (tally_test_pixel_near (surface, x, (int) ((ya + yb) / 2), bg, 10));
  g_assert_false (tally_test_pixel_near (surface, x, (int) ((ya + y0) / 2), bg, 10));
  g_assert_false (tally_test_pixel_near (surface, x, (int) ((ya + yb) / 2),
                                         tally_test_pixel (surface, x, (int) ((ya + y0) / 2)), 10));
  /* Above the stack, background. */
  g_assert_true (tally_test_pixel_near (surface, x, (int) yb - 12, bg, 2));
}

static void
test_line_hit_test (void)
{
  double a[6] = { 1, 2, 3, NAN, 5, 6 }, b[6] = { 10, 20, 30, 40, 50, 60.26 }, xs[6];
  g_autofree gint64 *buckets = g_new (gint64, 6);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(TallyChartHit) hit = NULL;
  g_autoptr(TallyChartHit) low = NULL;
  g_autoptr(TallyChartHit) gap = NULL;

  for (guint i = 0; i < 6; i++)
    buckets[i] = T0 + i * 3600;
  frame = tally_frame_new_timeseries ("latency", "p95", "ms", 3600, buckets, 6);
  tally_frame_add_series (frame, "fast", a);
  tally_frame_add_series (frame, "slow", b);
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, NULL);
  bucket_positions (chart, xs, 6);

  /* Near the top at bucket 5: the slow series, exactly. */
  hit = tally_chart_hit_test (chart, xs[5] - 2, 20);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_POINT);
  g_assert_cmpint (hit->index, ==, 5);
  g_assert_cmpint (hit->series, ==, 1);
  g_assert_cmpfloat (hit->value, ==, 60.26);
  g_assert_cmpint (hit->time, ==, T0 + 5 * 3600);
  g_assert_cmpstr (hit->label, ==, "slow");
  g_assert_cmpstr (hit->value_text, ==, "60.3 ms");
  g_assert_cmpstr (hit->text, ==, "Nov 23, 05:00\nfast: 6 ms\nslow: 60.3 ms");

  /* Near the bottom: the fast one. */
  low = tally_chart_hit_test (chart, xs[2] + 1, H - 80);
  g_assert_nonnull (low);
  g_assert_cmpint (low->series, ==, 0);
  g_assert_cmpfloat (low->value, ==, 3);

  /* Over a null, the other series answers and the tooltip says "—". */
  gap = tally_chart_hit_test (chart, xs[3], H - 80);
  g_assert_nonnull (gap);
  g_assert_cmpint (gap->index, ==, 3);
  g_assert_cmpint (gap->series, ==, 1);
  g_assert_nonnull (strstr (gap->text, "fast: —"));

  /* Outside the plot: nothing. */
  g_assert_null (tally_chart_hit_test (chart, 1, 1));
  g_assert_null (tally_chart_hit_test (chart, -5, H / 2));
  g_assert_null (tally_chart_hit_test (chart, W + 5, H / 2));
}

static void
test_line_describe (void)
{
  double a[6] = { 1, 2, 3, NAN, 5, 6 }, b[6] = { 10, 90, 30, 40, 50, 60 };
  g_autofree gint64 *buckets = g_new (gint64, 6);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyFrame) recent = NULL;
  g_autoptr(TallyChart) chart = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *now_text = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < 6; i++)
    buckets[i] = T0 + i * 3600;
  frame = tally_frame_new_timeseries ("requests", "rate", "requests/min", 3600, buckets, 6);
  tally_frame_add_series (frame, "gpt-4o", a);
  tally_frame_add_series (frame, "o3", b);
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, NULL);
  text = tally_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Requests (Per minute), Nov 23, 00:00 to Nov 23, 06:00, 2 series, "
                             "peak 90/min (o3) at Nov 23, 01:00");

  tally_chart_set_title (chart, "Traffic");
  tally_chart_set_series_hidden (chart, "o3", TRUE);
  hidden = tally_chart_describe (chart);
  g_assert_cmpstr (hidden, ==, "Traffic, Nov 23, 00:00 to Nov 23, 06:00, 1 series, peak 6/min at Nov 23, 05:00");

  /* A range that ends now is "the last …". */
  for (guint i = 0; i < 6; i++)
    buckets[i] = now - (6 - i) * 14400;
  recent = tally_frame_new_timeseries ("requests", "count", "requests", 14400, buckets, 6);
  tally_frame_add_series (recent, "all", b);
  tally_chart_set_frame (chart, recent);
  now_text = tally_chart_describe (chart);
  g_assert_true (g_str_has_prefix (now_text, "Traffic, last 24 hours, 1 series, peak 90 at "));
}

/* Drawn at twice the pixels, the chart is the same chart: the line sits
 * at twice the coordinates and is decimated per device pixel. */
static void
test_line_hidpi (void)
{
  double values[21], xs[21];
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = tally_test_surface_new (W * 2, H * 2);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel ink = tally_test_theme_series (theme, 0);
  cairo_t *cr;

  for (guint b = 0; b < 21; b++)
    values[b] = 5.0 * b;
  frame = ramp_frame (21, values);
  options->min = 0;
  options->max = 100;
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, options);
  cairo_surface_set_device_scale (surface, 2, 2);
  cr = cairo_create (surface);
  tally_chart_draw (chart, cr);
  cairo_destroy (cr);
  tally_test_save_surface (surface, "line-hidpi");
  bucket_positions (chart, xs, 21);

  {
    cairo_surface_t *image = surface;
    int top = tally_test_column_top (image, (int) (xs[20] * 2) - 1, 0, 2 * H - 1, ink, 40);
    int bottom = tally_test_column_bottom (image, (int) (xs[0] * 2) + 1, 0, 2 * H - 1, ink, 40);

    g_assert_cmpint (top, >=, 0);
    g_assert_cmpint (bottom - top, >, (int) (2 * H * 0.6));
  }
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_line_legend (void)
{
  double a[5] = { 1, 2, 3, 4, 5 }, b[5] = { 5, 4, 3, 2, 1 };
  g_autofree gint64 *buckets = g_new (gint64, 5);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) before = NULL;
  g_autoptr(cairo_surface_t) after = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel ink_b = tally_test_theme_series (theme, 1);
  const char *name = NULL;
  guint notified = 0;
  int swatch_x = -1, swatch_y = -1;

  for (guint i = 0; i < 5; i++)
    buckets[i] = T0 + i * 60;
  frame = tally_frame_new_timeseries ("requests", "count", "requests", 60, buckets, 5);
  tally_frame_add_series (frame, "up", a);
  tally_frame_add_series (frame, "down", b);
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, NULL);
  g_signal_connect_swapped (chart, "notify::options", G_CALLBACK (count_cb), &notified);
  before = tally_test_render (chart, W, H);

  /* The second swatch is in the legend at the bottom. */
  for (int y = H - 1; y > H - 40 && swatch_x < 0; y--)
    for (int x = 0; x < W / 2 && swatch_x < 0; x++)
      if (tally_test_pixel_near (before, x, y, ink_b, 20))
        swatch_x = x, swatch_y = y;
  g_assert_cmpint (swatch_x, >=, 0);
  name = tally_chart_legend_hit_test (chart, swatch_x + 2, swatch_y);
  g_assert_cmpstr (name, ==, "down");
  g_assert_null (tally_chart_legend_hit_test (chart, W / 2, H / 3));

  tally_chart_toggle_series (chart, name);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (tally_chart_get_series_hidden (chart, "down"));
  g_assert_true (tally_chart_options_is_hidden (tally_chart_get_options (chart), "down"));
  after = tally_test_render (chart, W, H);
  /* Its line is gone from the plot; its entry stays, to bring it back. */
  g_assert_cmpuint (tally_test_count_like (before, 0, 0, W, H - 40, ink_b, 20), >, 50);
  g_assert_cmpuint (tally_test_count_like (after, 0, 0, W, H - 40, ink_b, 20), ==, 0);
  g_assert_cmpstr (tally_chart_legend_hit_test (chart, swatch_x + 2, swatch_y), ==, "down");
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-line/ramp-light", test_line_ramp_light);
  g_test_add_func ("/tally/chart-line/ramp-dark", test_line_ramp_dark);
  g_test_add_func ("/tally/chart-line/gap", test_line_gap);
  g_test_add_func ("/tally/chart-line/dense-spike", test_line_dense_spike);
  g_test_add_func ("/tally/chart-line/stack-fill", test_line_stack_fill);
  g_test_add_func ("/tally/chart-line/hit-test", test_line_hit_test);
  g_test_add_func ("/tally/chart-line/describe", test_line_describe);
  g_test_add_func ("/tally/chart-line/hidpi", test_line_hidpi);
  g_test_add_func ("/tally/chart-line/legend", test_line_legend);

  return g_test_run ();
}
