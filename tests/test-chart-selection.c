/* test-chart-selection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Selecting a range on a chart: the bucket under a point of the time axis
 * agrees with the hover's hit test, its start and end are the frame's
 * (a last month bucket ends on the 1st, a last day on a DST change after
 * 23 hours), charts without a time axis say so, and the band tints
 * exactly the selected buckets' columns with the theme's accent. */

#include "config.h"

#include <math.h>

#include "tally-chart.h"
#include "tally-test-pixels.h"
#include "tally-test-time.h"
#include "tally-test-utils.h"

#define W 480
#define H 260
#define N 13
#define T0 1763856000   /* Sun Nov 23 2025, 00:00 UTC */

static TallyFrame *
ramp_frame (void)
{
  gint64 buckets[N];
  double values[N];
  TallyFrame *frame;

  for (guint b = 0; b < N; b++)
    {
      buckets[b] = T0 + b * 600;
      values[b] = 10.0 * b;
    }
  frame = tally_frame_new_timeseries ("requests", "count", "requests", 600, buckets, N);
  tally_frame_add_series (frame, "gpt-4o", values);
  return frame;
}

/* Where the hover's hit test says each bucket's point is. */
static void
hit_positions (TallyChart *chart,
               double     *xs)
{
  for (guint b = 0; b < N; b++)
    xs[b] = NAN;
  for (int x = 0; x < W; x++)
    {
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, x, H / 2.0);

      if (hit != NULL && hit->index >= 0 && hit->index < N)
        xs[hit->index] = hit->x;
    }
  for (guint b = 0; b < N; b++)
    g_assert_false (isnan (xs[b]));
}

static void
assert_bucket (TallyChart *chart,
               double      x,
               int         expected)
{
  gint64 start = 0, end = 0;

  g_assert_cmpint (tally_chart_get_bucket_at (chart, x, &start, &end), ==, expected);
  g_assert_cmpint (start, ==, T0 + expected * 600);
  g_assert_cmpint (end, ==, T0 + (expected + 1) * 600);
}

static void
test_line_buckets (void)
{
  g_autoptr(TallyFrame) frame = ramp_frame ();
  g_autoptr(TallyChart) chart = tally_test_chart_new (TALLY_CHART_LINE, TALLY_CHART_THEME_LIGHT,
                                                      frame, NULL, W, H);
  cairo_rectangle_t plot;
  double xs[N];

  g_assert_true (tally_chart_get_time_plot (chart, &plot));
  g_assert_cmpfloat (plot.width, >, W / 2);
  hit_positions (chart, xs);

  /* The nearest point, as the hover picks it: each point, and either side
   * of half way to the next; the last ends one interval after its start. */
  for (guint b = 0; b < N; b++)
    {
      assert_bucket (chart, xs[b], b);
      if (b + 1 < N)
        {
          assert_bucket (chart, (xs[b] + xs[b + 1]) / 2 - 0.5, b);
          assert_bucket (chart, (xs[b] + xs[b + 1]) / 2 + 0.5, b + 1);
        }
    }
  /* Beyond the plot: the first and the last. */
  assert_bucket (chart, -100, 0);
  assert_bucket (chart, plot.x - 2, 0);
  assert_bucket (chart, W + 100, N - 1);
}

static void
test_bar_buckets (void)
{
  g_autoptr(TallyFrame) frame = ramp_frame ();
  g_autoptr(TallyChart) chart = tally_test_chart_new (TALLY_CHART_BAR, TALLY_CHART_THEME_LIGHT,
                                                      frame, NULL, W, H);
  cairo_rectangle_t plot;
  double slot;

  g_assert_true (tally_chart_get_time_plot (chart, &plot));
  slot = plot.width / N;
  /* Bars over time: the slot under x, edge to edge. */
  for (guint b = 0; b < N; b++)
    {
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, plot.x + (b + 0.5) * slot,
                                                           plot.y + plot.height - 1);

      g_assert_nonnull (hit);
      g_assert_cmpint (hit->index, ==, b);
      assert_bucket (chart, plot.x + b * slot + 0.5, b);
      assert_bucket (chart, plot.x + (b + 1) * slot - 0.5, b);
    }
  assert_bucket (chart, 0, 0);
  assert_bucket (chart, W, N - 1);
}

static void
test_no_time_axis (void)
{
  g_autoptr(TallyFrame) categories = tally_frame_new_categories ("cost", "sum", "usd");
  g_autoptr(TallyFrame) ramp = ramp_frame ();
  const TallyChartType types[] = { TALLY_CHART_PIE, TALLY_CHART_BAR, TALLY_CHART_TABLE };
  g_autoptr(TallyChart) empty = tally_test_chart_new (TALLY_CHART_LINE, TALLY_CHART_THEME_LIGHT,
                                                      NULL, NULL, W, H);
  g_autoptr(TallyChart) heatmap = tally_test_chart_new (TALLY_CHART_HEATMAP, TALLY_CHART_THEME_LIGHT,
                                                        ramp, NULL, W, H);
  gint64 start = -1;

  tally_frame_add_category (categories, "gpt-4o", 3);
  tally_frame_add_category (categories, "o3", 1);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(TallyChart) chart = tally_test_chart_new (types[i], TALLY_CHART_THEME_LIGHT,
                                                          categories, NULL, W, H);

      g_assert_false (tally_chart_get_time_plot (chart, NULL));
      g_assert_cmpint (tally_chart_get_bucket_at (chart, W / 2.0, &start, NULL), ==, -1);
      g_assert_cmpint (start, ==, -1);
    }
  /* No frame, or a frame the chart cannot show. */
  g_assert_false (tally_chart_get_time_plot (empty, NULL));
  g_assert_cmpint (tally_chart_get_bucket_at (empty, W / 2.0, NULL, NULL), ==, -1);
  g_assert_false (tally_chart_get_time_plot (heatmap, NULL));
}

static gint64
last_end (const char   *zone,
          gint64        interval,
          const gint64 *buckets,
          guint         n)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_timeseries ("requests", "count", "requests",
                                                            interval, buckets, n);
  g_autoptr(TallyChart) chart = tally_test_chart_new (TALLY_CHART_BAR, TALLY_CHART_THEME_LIGHT,
                                                      NULL, NULL, W, H);
  g_autoptr(GTimeZone) tz = tally_test_zone (zone);
  g_autofree double *values = g_new0 (double, n);
  gint64 end = 0;

  tally_frame_add_series (frame, "gpt-4o", values);
  tally_chart_set_time_zone (chart, tz);
  tally_chart_set_frame (chart, frame);
  g_assert_cmpint (tally_chart_get_bucket_at (chart, W, NULL, &end), ==, n - 1);
  return end;
}

static void
test_calendar_ends (void)
{
  const gint64 months[] = { tally_test_utc (2026, 1, 1, 0, 0, 0), tally_test_utc (2026, 2, 1, 0, 0, 0),
                            tally_test_utc (2026, 3, 1, 0, 0, 0) };
  /* Berlin midnights: the 29th of March 2026 has 23 hours. */
  const gint64 days[] = { tally_test_utc (2026, 3, 27, 23, 0, 0), tally_test_utc (2026, 3, 28, 23, 0, 0) };

  g_assert_cmpint (last_end ("UTC", 2592000, months, 3), ==, tally_test_utc (2026, 4, 1, 0, 0, 0));
  g_assert_cmpint (last_end ("Europe/Berlin", DAY, days, 2), ==,
                   tally_test_utc (2026, 3, 29, 22, 0, 0));
}

static void
test_band_pixels (void)
{
  g_autoptr(TallyFrame) frame = ramp_frame ();
  g_autoptr(TallyChart) chart = tally_test_chart_new (TALLY_CHART_LINE, TALLY_CHART_THEME_DARK,
                                                      frame, NULL, W, H);
  TallyChartTheme *theme = tally_chart_get_theme (chart);
  g_autoptr(cairo_surface_t) base = tally_test_render (chart, W, H);
  g_autoptr(cairo_surface_t) band = tally_test_render (chart, W, H);
  TallyRgba tint = *tally_chart_theme_get_color (theme, TALLY_CHART_COLOR_ACCENT);
  cairo_rectangle_t plot;
  double xs[N], left, right;
  cairo_t *cr = cairo_create (band);

  hit_positions (chart, xs);
  g_assert_true (tally_chart_get_time_plot (chart, &plot));
  /* From bucket 5 back to bucket 2: the band covers points 2 to 5, half
   * way to their neighbours. */
  tally_chart_draw_selection (chart, cr, xs[5], xs[2]);
  cairo_destroy (cr);
  cairo_surface_flush (band);
  tally_test_save_surface (band, "selection-band");
  left = (xs[1] + xs[2]) / 2;
  right = (xs[5] + xs[6]) / 2;

  /* Inside the band, every pixel of the plot (grid, line and background)
   * is what it was, tinted by 18 % of the accent; outside it, untouched. */
  tint.alpha = 0.18;
  for (int x = (int) ceil (left) + 1; x < (int) right - 1; x++)
    for (int y = (int) ceil (plot.y) + 1; y < (int) (plot.y + plot.height) - 1; y++)
      {
        TallyTestPixel p = tally_test_pixel (base, x, y);
        TallyRgba under = { p.red / 255.0, p.green / 255.0, p.blue / 255.0, 1 };

        g_assert_true (tally_test_pixel_near (band, x, y, tally_test_pixel_from_rgba (&tint, &under), 2));
      }
  for (int x = 0; x < W; x++)
    {
      if (x >= left - 2 && x <= right + 2)
        continue;
      for (int y = 0; y < H; y++)
        g_assert_cmpint (tally_test_pixel_distance (tally_test_pixel (base, x, y),
                                                    tally_test_pixel (band, x, y)), ==, 0);
    }
  /* Nothing above or below the plot. */
  g_assert_cmpint (tally_test_pixel_distance (tally_test_pixel (base, (int) xs[3], (int) plot.y - 3),
                                              tally_test_pixel (band, (int) xs[3], (int) plot.y - 3)),
                   ==, 0);
  /* The edges: solid accent. */
  g_assert_true (tally_test_pixel_near (band, (int) floor (left), (int) plot.y + 4,
                                        tally_test_theme_color (theme, TALLY_CHART_COLOR_ACCENT), 3));
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-selection/line-buckets", test_line_buckets);
  g_test_add_func ("/tally/chart-selection/bar-buckets", test_bar_buckets);
  g_test_add_func ("/tally/chart-selection/no-time-axis", test_no_time_axis);
  g_test_add_func ("/tally/chart-selection/calendar-ends", test_calendar_ends);
  g_test_add_func ("/tally/chart-selection/band-pixels", test_band_pixels);

  return g_test_run ();
}
