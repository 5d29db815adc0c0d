/* test-chart-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Bar charts measured in pixels: bar lengths proportional to the values,
 * vertical and horizontal, stacked segments adding up, negative bars
 * going down from zero, thresholds colouring bars, exact hit tests. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tally-chart.h"
#include "tally-test-pixels.h"
#include "tally-test-utils.h"

#define W 480
#define H 300
#define T0 1763856000

typedef struct
{
  int start;
  int end;       /* inclusive */
} Run;

/* Runs of @pixel along row @y (or column @x when @x >= 0). */
static guint
find_runs (cairo_surface_t *surface,
           int              x,
           int              y,
           TallyTestPixel   pixel,
           Run             *runs,
           guint            max_runs)
{
  int length = x >= 0 ? H : W;
  guint n = 0;
  gboolean in = FALSE;

  for (int i = 0; i < length; i++)
    {
      gboolean like = tally_test_pixel_near (surface, x >= 0 ? x : i, x >= 0 ? i : y, pixel, 12);

      if (like && !in && n < max_runs)
        runs[n++].start = i;
      if (like)
        runs[n - 1].end = i;
      in = like;
    }

  return n;
}

static TallyChart *
new_chart (TallyFrame             *frame,
           TallyChartThemeVariant  variant,
           TallyChartOptions      *options)
{
  return tally_test_chart_new (TALLY_CHART_BAR, variant, frame, options, 0, 0);
}

static TallyFrame *
categories (const double *values,
            guint         n)
{
  static const char *labels[] = { "gpt-4o", "o3", "claude-sonnet-4", "gemini-2.5-pro", "Other" };
  TallyFrame *frame = tally_frame_new_categories ("cost", "sum", "usd");

  for (guint i = 0; i < n; i++)
    tally_frame_add_category (frame, labels[i], values[i]);
  return frame;
}

static void
check_vertical (TallyChartThemeVariant variant)
{
  const double values[] = { 10, 20, 40, 80 };
  g_autoptr(TallyFrame) frame = categories (values, 4);
  g_autoptr(TallyChart) chart = new_chart (frame, variant, NULL);
  g_autoptr(cairo_surface_t) surface = tally_test_render (chart, W, H);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (variant);
  TallyTestPixel ink = tally_test_theme_series (theme, 0);
  double heights[4];
  Run runs[8], column[4];
  int bottom = -1;

  tally_test_save_surface (surface, variant ? "bar-vertical-dark" : "bar-vertical-light");
  /* Find the bars along a row just above the zero line. */
  for (int y = H - 1; y > 0 && bottom < 0; y--)
    if (find_runs (surface, -1, y, ink, runs, 8) == 4)
      bottom = y;
  g_assert_cmpint (bottom, >, H / 2);
  g_assert_cmpuint (find_runs (surface, -1, bottom, ink, runs, 8), ==, 4);

  for (guint i = 0; i < 4; i++)
    {
      int x = (runs[i].start + runs[i].end) / 2;

      g_assert_cmpuint (find_runs (surface, x, -1, ink, column, 4), ==, 1);
      heights[i] = column[0].end - column[0].start + 1;
      /* Bars are as wide as each other, and apart. */
      g_assert_cmpint (runs[i].end - runs[i].start, ==, runs[0].end - runs[0].start);
    }
  /* Lengths in proportion to 10 : 20 : 40 : 80, within a pixel. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (fabs (heights[i] - heights[3] * values[i] / values[3]), <=, 1.5);
  g_assert_cmpfloat (heights[3], >, H * 0.5);
}

static void
test_bar_vertical_light (void)
{
  check_vertical (TALLY_CHART_THEME_LIGHT);
}

static void
test_bar_vertical_dark (void)
{
  check_vertical (TALLY_CHART_THEME_DARK);
}

static void
test_bar_horizontal (void)
{
  const double values[] = { 12.5, 7.25, 3.1, 1.2, 0.8 };
  g_autoptr(TallyFrame) frame = categories (values, 5);
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel ink = tally_test_theme_series (theme, 0);
  TallyTestPixel other = tally_test_theme_shade (theme, TALLY_CHART_SHADE_OTHER);
  Run rows[8], bar[2];
  int left = -1;
  double widths[5];

  options->bar.orientation = TALLY_ORIENTATION_HORIZONTAL;
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, options);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, "bar-horizontal");

  /* The first four bars share the series colour; "Other" is grey. */
  for (int x = 0; x < W && left < 0; x++)
    if (find_runs (surface, x, -1, ink, rows, 8) == 4)
      left = x;
  g_assert_cmpint (left, >, 0);
  for (guint i = 0; i < 4; i++)
    {
      int y = (rows[i].start + rows[i].end) / 2;

      g_assert_cmpuint (find_runs (surface, -1, y, ink, bar, 2), ==, 1);
      g_assert_cmpint (abs (bar[0].start - left), <=, 1);
      widths[i] = bar[0].end - bar[0].start + 1;
    }
  g_assert_cmpuint (find_runs (surface, left + 1, -1, other, rows + 4, 1), ==, 1);
  g_assert_cmpuint (find_runs (surface, -1, (rows[4].start + rows[4].end) / 2, other, bar, 2), ==, 1);
  widths[4] = bar[0].end - bar[0].start + 1;

  for (guint i = 1; i < 5; i++)
    g_assert_cmpfloat (fabs (widths[i] - widths[0] * values[i] / values[0]), <=, 1.5);
  /* Top to bottom in the frame's order. */
  g_assert_cmpint (rows[0].start, <, rows[1].start);
}

static void
test_bar_stacked (void)
{
  gint64 buckets[6];
  double ok[6] = { 30, 30, 30, 30, 30, 30 }, errors[6] = { 10, 20, 30, 0, 10, NAN };
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel ink_ok = tally_test_theme_series (theme, 0);
  TallyTestPixel ink_err = tally_test_theme_series (theme, 1);
  g_autoptr(TallyChartHit) hit = NULL;
  Run runs[8], seg_ok[2], seg_err[2];
  int row = -1;

  for (guint i = 0; i < 6; i++)
    buckets[i] = T0 + i * 3600;
  frame = tally_frame_new_timeseries ("requests", "count", "requests", 3600, buckets, 6);
  tally_frame_add_series (frame, "2xx", ok);
  tally_frame_add_series (frame, "5xx", errors);
  options->bar.stack = TRUE;
  options->min = 0;
  options->max = 60;
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, options);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, "bar-stacked");

  for (int y = H / 2; y < H && row < 0; y++)
    if (find_runs (surface, -1, y, ink_ok, runs, 8) == 6)
      row = y;
  g_assert_cmpint (row, >, 0);

  /* Bucket 2: 30 + 30 reaches the top (60); the 5xx segment sits on the 2xx. */
  {
    int x = (runs[2].start + runs[2].end) / 2;

    g_assert_cmpuint (find_runs (surface, x, -1, ink_ok, seg_ok, 2), ==, 1);
    g_assert_cmpuint (find_runs (surface, x, -1, ink_err, seg_err, 2), ==, 1);
    g_assert_cmpint (abs (seg_err[0].end + 1 - seg_ok[0].start), <=, 1);
    g_assert_cmpint (abs ((seg_err[0].end - seg_err[0].start) - (seg_ok[0].end - seg_ok[0].start)), <=, 1);
  }
  /* Bucket 3 has no errors, bucket 5 a null: one segment each. */
  g_assert_cmpuint (find_runs (surface, (runs[3].start + runs[3].end) / 2, -1, ink_err, seg_err, 2), ==, 0);
  g_assert_cmpuint (find_runs (surface, (runs[5].start + runs[5].end) / 2, -1, ink_err, seg_err, 2), ==, 0);

  /* Over bucket 1's 5xx segment: that bar, exactly, and the bucket's total. */
  g_assert_cmpuint (find_runs (surface, (runs[1].start + runs[1].end) / 2, -1, ink_err, seg_err, 2), ==, 1);
  hit = tally_chart_hit_test (chart, (runs[1].start + runs[1].end) / 2.0, (seg_err[0].start + seg_err[0].end) / 2.0);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_BAR);
  g_assert_cmpint (hit->index, ==, 1);
  g_assert_cmpint (hit->series, ==, 1);
  g_assert_cmpfloat (hit->value, ==, 20);
  g_assert_cmpint (hit->time, ==, T0 + 3600);
  g_assert_cmpstr (hit->text, ==, "Nov 23, 01:00\n2xx: 30\n5xx: 20\nTotal: 50");
}

static void
test_bar_negative_and_thresholds (void)
{
  const double values[] = { 50, -25, 100 };
  g_autoptr(TallyFrame) frame = categories (values, 3);
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel ink = tally_test_theme_series (theme, 0);
  TallyTestPixel hot = tally_test_theme_color (theme, TALLY_CHART_COLOR_ERROR_BG);
  Run a[2], b[2], c[2];
  int x_a = -1, x_b = -1, x_c = -1;

  tally_chart_options_add_threshold (options, 80, TALLY_COLOR_ROLE_ERROR, NULL);
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, options);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, "bar-negative");

  /* The bars' columns, left to right: two in the series colour, then one
   * in the error colour, over the threshold. */
  {
    Run groups[4];
    guint n_groups = 0;
    gboolean in = FALSE;

    for (int x = 0; x < W; x++)
      {
        gboolean inked = find_runs (surface, x, -1, ink, a, 2) == 1 && a[0].end - a[0].start > 20;

        if (inked && !in && n_groups < 4)
          groups[n_groups++].start = x;
        if (inked)
          groups[n_groups - 1].end = x;
        in = inked;
      }
    g_assert_cmpuint (n_groups, ==, 2);
    x_a = (groups[0].start + groups[0].end) / 2;
    x_b = (groups[1].start + groups[1].end) / 2;
  }
  for (int x = x_b + 1; x < W && x_c < 0; x++)
    if (find_runs (surface, x, -1, hot, c, 2) == 1 && c[0].end - c[0].start > 20)
      x_c = x + 3;
  g_assert_cmpint (x_c, >, x_b);
  find_runs (surface, x_a, -1, ink, a, 2);
  find_runs (surface, x_b, -1, ink, b, 2);
  /* The dashed threshold line crosses this bar: measure its ends. */
  c[0].start = tally_test_column_top (surface, x_c, 0, H - 1, hot, 12);
  c[0].end = tally_test_column_bottom (surface, x_c, 0, H - 1, hot, 12);

  /* 50 goes up from zero, -25 goes down from it, half as far (each end
   * measured to a pixel, so doubled lengths agree within three). */
  g_assert_cmpint (abs (a[0].end - b[0].start), <=, 2);
  g_assert_cmpfloat (fabs ((b[0].end - b[0].start) * 2.0 - (a[0].end - a[0].start)), <=, 3.5);
  g_assert_cmpfloat (fabs ((c[0].end - c[0].start) - 2.0 * (a[0].end - a[0].start)), <=, 3.5);
}

static void
test_bar_hit_test (void)
{
  const double values[] = { 12.5, 7.25, 3.1, 1.2, 0.8 };
  g_autoptr(TallyFrame) frame = categories (values, 5);
  g_autoptr(TallyChart) chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, NULL);
  g_autofree char *text = NULL;
  guint seen = 0;

  tally_chart_set_size (chart, W, H);
  for (int x = 0; x < W; x += 2)
    {
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, x, H - 60);

      if (hit == NULL)
        continue;
      g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_BAR);
      g_assert_cmpint (hit->series, >=, 0);
      g_assert_cmpint (hit->series, <, 5);
      g_assert_cmpfloat (hit->value, ==, values[hit->series]);
      g_assert_cmpstr (hit->label, ==, tally_frame_get_category_label (frame, hit->series));
      seen |= 1u << hit->series;
    }
  g_assert_cmpuint (seen, ==, 0x1f);

  {
    g_autoptr(TallyChartHit) hit = NULL;

    for (int x = 0; x < W && hit == NULL; x++)
      {
        hit = tally_chart_hit_test (chart, x, H - 60);
        if (hit != NULL && hit->series != 1)
          g_clear_pointer (&hit, tally_chart_hit_free);
      }
    g_assert_nonnull (hit);
    g_assert_cmpstr (hit->text, ==, "o3\n$7.25");
  }

  text = tally_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Cost, 5 categories, largest gpt-4o with $12.50");
}

/* Thousands of hourly buckets on a small chart: one bar per pixel column
 * with the tallest bucket in it, nothing lost at the peak. */
static void
test_bar_dense (void)
{
  guint n = 5000;
  g_autofree gint64 *buckets = g_new (gint64, n);
  g_autofree double *values = g_new (double, n);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel ink = tally_test_theme_series (theme, 0);
  g_autoptr(TallyChartHit) hit = NULL;
  int top = H, top_x = -1;

  for (guint i = 0; i < n; i++)
    buckets[i] = T0 + i * 60, values[i] = 10;
  values[2500] = 100;
  frame = tally_frame_new_timeseries ("requests", "count", "requests", 60, buckets, n);
  tally_frame_add_series (frame, "all", values);
  options->min = 0;
  options->max = 100;
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, options);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, "bar-dense");

  for (int x = 0; x < W; x++)
    {
      int t = tally_test_column_top (surface, x, 0, H - 1, ink, 40);

      if (t >= 0 && t < top)
        top = t, top_x = x;
    }
  g_assert_cmpint (top_x, >, W / 3);
  g_assert_cmpint (top_x, <, 2 * W / 3);
  /* The peak is ten times the rest. */
  g_assert_cmpint (tally_test_column_top (surface, top_x - 20, 0, H - 1, ink, 40) - top, >, H / 2);
  hit = tally_chart_hit_test (chart, top_x, H / 2);
  g_assert_nonnull (hit);
  g_assert_cmpint (abs (hit->index - 2500), <, 20);
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-bar/vertical-light", test_bar_vertical_light);
  g_test_add_func ("/tally/chart-bar/vertical-dark", test_bar_vertical_dark);
  g_test_add_func ("/tally/chart-bar/horizontal", test_bar_horizontal);
  g_test_add_func ("/tally/chart-bar/stacked", test_bar_stacked);
  g_test_add_func ("/tally/chart-bar/negative-and-thresholds", test_bar_negative_and_thresholds);
  g_test_add_func ("/tally/chart-bar/hit-test", test_bar_hit_test);
  g_test_add_func ("/tally/chart-bar/dense", test_bar_dense);

  return g_test_run ();
}
