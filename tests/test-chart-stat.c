/* test-chart-stat.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Stat cards and gauges: the value is drawn inside the card, in the
 * colour of the threshold it passed; its change is red when a rise is bad
 * news for the metric and green when good; the sparkline breaks at a
 * null; a gauge fills its track to the value and marks the 80 % and 95 %
 * bands. */

#include "config.h"

#include <math.h>

#include "tally-chart.h"
#include "tally-test-pixels.h"
#include "tally-test-utils.h"

#define W 320
#define H 180

static TallyChart *
new_chart (TallyChartType          type,
           TallyFrame             *frame,
           TallyChartThemeVariant  variant,
           TallyChartOptions      *options)
{
  return tally_test_chart_new (type, variant, frame, options, W, H);
}

static TallyTestPixel
color (TallyChartThemeVariant variant,
       TallyChartColor        which)
{
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (variant);

  return tally_test_pixel_from_rgba (tally_chart_theme_get_color (theme, which),
                                     tally_chart_theme_get_color (theme, TALLY_CHART_COLOR_BACKGROUND));
}

static void
check_value (TallyChartThemeVariant variant)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_scalar ("latency", "p95", "ms", 812.5, 790.1);
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_surface_t) calm = NULL;
  TallyTestPixel bg = color (variant, TALLY_CHART_COLOR_BACKGROUND);
  TallyTestPixel warning = color (variant, TALLY_CHART_COLOR_WARNING);
  TallyTestPixel fg = color (variant, TALLY_CHART_COLOR_FOREGROUND);
  guint inside, total;

  tally_chart_options_add_threshold (options, 800, TALLY_COLOR_ROLE_WARNING, NULL);
  chart = new_chart (TALLY_CHART_STAT, frame, variant, options);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, variant ? "stat-dark" : "stat-light");

  /* Text, all of it inside the card's padding, most of it in the middle. */
  total = tally_test_count_unlike (surface, 0, 0, W, H, bg, 30);
  inside = tally_test_count_unlike (surface, 8, 8, W - 16, H - 16, bg, 30);
  g_assert_cmpuint (total, >, 500);
  g_assert_cmpuint (inside, ==, total);
  g_assert_cmpuint (tally_test_count_unlike (surface, W / 4, H / 4, W / 2, H / 2, bg, 30), >, total / 3);
  /* Over the threshold: the value in the warning colour. */
  g_assert_cmpuint (tally_test_count_like (surface, 0, 0, W, H, warning, 16), >, 300);

  /* Under it, the plain foreground. */
  {
    g_autoptr(TallyFrame) low = tally_frame_new_scalar ("latency", "p95", "ms", 700, 790.1);

    tally_chart_set_frame (chart, low);
    calm = tally_test_render (chart, W, H);
    g_assert_cmpuint (tally_test_count_like (calm, 0, 0, W, H, warning, 16), ==, 0);
    g_assert_cmpuint (tally_test_count_like (calm, 0, 0, W, H, fg, 16), >, 300);
  }
}

static void
test_stat_value_light (void)
{
  check_value (TALLY_CHART_THEME_LIGHT);
}

static void
test_stat_value_dark (void)
{
  check_value (TALLY_CHART_THEME_DARK);
}

/* How many pixels of the change line wear the success and error colours. */
static void
change_colors (const char *metric,
               double      value,
               double      previous,
               guint      *good,
               guint      *bad)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_scalar (metric, "sum", "tokens", value, previous);
  g_autoptr(TallyChart) chart = new_chart (TALLY_CHART_STAT, frame, TALLY_CHART_THEME_LIGHT, NULL);
  g_autoptr(cairo_surface_t) surface = tally_test_render (chart, W, H);
  TallyTestPixel success = color (TALLY_CHART_THEME_LIGHT, TALLY_CHART_COLOR_SUCCESS);
  TallyTestPixel error = color (TALLY_CHART_THEME_LIGHT, TALLY_CHART_COLOR_ERROR);

  *good = tally_test_count_like (surface, 0, 0, W, H, success, 20);
  *bad = tally_test_count_like (surface, 0, 0, W, H, error, 20);
}

static void
test_stat_trend (void)
{
  guint good, bad;

  /* Cost up is bad news; down, good. */
  change_colors ("cost", 120, 100, &good, &bad);
  g_assert_cmpuint (good, ==, 0);
  g_assert_cmpuint (bad, >, 5);
  change_colors ("cost", 80, 100, &good, &bad);
  g_assert_cmpuint (good, >, 5);
  g_assert_cmpuint (bad, ==, 0);
  /* More cached tokens is good news. */
  change_colors ("cached_tokens", 120, 100, &good, &bad);
  g_assert_cmpuint (good, >, 5);
  g_assert_cmpuint (bad, ==, 0);
  /* Requests are neither. */
  change_colors ("requests", 120, 100, &good, &bad);
  g_assert_cmpuint (good + bad, ==, 0);
}

static void
test_stat_sparkline (void)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_scalar ("requests", "count", "requests", 1234, 1000);
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  TallyTestPixel accent = color (TALLY_CHART_THEME_LIGHT, TALLY_CHART_COLOR_ACCENT);
  double values[40];
  int gap_x, gap_inked = 0, left_inked = 0;

  for (guint i = 0; i < 40; i++)
    values[i] = i >= 18 && i <= 21 ? NAN : 10 + i;
  tally_frame_set_sparkline (frame, 1763856000, 3600, values, 40);
  chart = new_chart (TALLY_CHART_STAT, frame, TALLY_CHART_THEME_LIGHT, NULL);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, "stat-sparkline");

  /* The line is in the lower third; over the nulls (buckets 18 to 21 of
   * 40, the middle tenth of the width), none. */
  g_assert_cmpuint (tally_test_count_like (surface, 0, H * 2 / 3, W, H / 3, accent, 20), >, 100);
  g_assert_cmpuint (tally_test_count_like (surface, 0, 0, W, H / 2, accent, 20), ==, 0);
  gap_x = 8 + (W - 16) * 19.5 / 39;
  for (int y = H / 2; y < H; y++)
    {
      gap_inked += tally_test_pixel_near (surface, gap_x, y, accent, 20);
      left_inked += tally_test_pixel_near (surface, W / 4, y, accent, 20);
    }
  g_assert_cmpint (gap_inked, ==, 0);
  g_assert_cmpint (left_inked, >, 0);
}

static void
test_stat_hit_and_describe (void)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_scalar ("error_rate", "avg", "percent", 0.03, 0.02);
  g_autoptr(TallyChart) chart = new_chart (TALLY_CHART_STAT, frame, TALLY_CHART_THEME_LIGHT, NULL);
  g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, W / 2, H / 2);
  g_autofree char *text = tally_chart_describe (chart);

  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_VALUE);
  g_assert_cmpfloat (hit->value, ==, 0.03);
  g_assert_cmpstr (hit->value_text, ==, "3 %");
  g_assert_cmpstr (hit->label, ==, "Error rate (Average)");
  g_assert_cmpstr (hit->text, ==, "3 %\n▲ +1.0 pp\nPrevious period: 2 %");
  g_assert_cmpstr (text, ==, "Error rate (Average), 3 %, +1.0 pp from 2 % in the previous period");
}

typedef struct
{
  double cx;
  double cy;
  double radius;
} Dial;

/* The dial's centre and radius: the hit test's anchor is the track's
 * right end, level with the centre. */
static void
find_dial (TallyChart *chart,
           Dial       *dial)
{
  g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, W / 2, H / 2);

  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_VALUE);
  dial->cx = W / 2.0;
  dial->cy = hit->y;
  dial->radius = hit->x - dial->cx;
  g_assert_cmpfloat (dial->radius, >, 30);
}

/* The pixel at @fraction along the 240° track, @out beyond its middle line. */
static TallyTestPixel
on_track (cairo_surface_t *surface,
          const Dial      *dial,
          double           fraction,
          double           out)
{
  double a = G_PI * 5 / 6 + fraction * G_PI * 4 / 3;
  double r = dial->radius + out;

  return tally_test_pixel (surface, (int) floor (dial->cx + r * cos (a)), (int) floor (dial->cy + r * sin (a)));
}

static void
check_gauge (double          value,
             TallyChartColor fill)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_scalar ("cost", "sum", "usd", value, NAN);
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel want = tally_test_theme_color (theme, fill);
  TallyTestPixel track = tally_test_theme_shade (theme, TALLY_CHART_SHADE_GRID);
  TallyTestPixel warning = tally_test_theme_color (theme, TALLY_CHART_COLOR_WARNING_BG);
  TallyTestPixel error = tally_test_theme_color (theme, TALLY_CHART_COLOR_ERROR_BG);
  double band;
  Dial dial;

  options->gauge.limit = 100;
  chart = new_chart (TALLY_CHART_GAUGE, frame, TALLY_CHART_THEME_LIGHT, options);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, "gauge");
  find_dial (chart, &dial);
  band = dial.radius * 0.1 + 4;

  /* Filled up to the value, in the colour of its band; empty after. */
  g_assert_cmpint (tally_test_pixel_distance (on_track (surface, &dial, value / 100 * 0.5, 0), want), <=, 4);
  g_assert_cmpint (tally_test_pixel_distance (on_track (surface, &dial, value / 100 - 0.03, 0), want), <=, 4);
  if (value < 95)
    g_assert_cmpint (tally_test_pixel_distance (on_track (surface, &dial, value / 100 + 0.04, 0), track), <=, 4);
  /* The bands, outside the track: warning from 80 %, error from 95 %. */
  g_assert_cmpint (tally_test_pixel_distance (on_track (surface, &dial, 0.875, band), warning), <=, 4);
  g_assert_cmpint (tally_test_pixel_distance (on_track (surface, &dial, 0.975, band), error), <=, 4);
  g_assert_cmpint (tally_test_pixel_distance (on_track (surface, &dial, 0.5, band),
                                              tally_test_theme_color (theme, TALLY_CHART_COLOR_BACKGROUND)),
                   <=, 2);
}

static void
test_gauge_bands (void)
{
  check_gauge (50, TALLY_CHART_COLOR_ACCENT_BG);
  check_gauge (87, TALLY_CHART_COLOR_WARNING_BG);
  check_gauge (99, TALLY_CHART_COLOR_ERROR_BG);
}

static void
test_gauge_limits (void)
{
  g_autoptr(TallyFrame) percent = tally_frame_new_scalar ("error_rate", "avg", "percent", 0.25, NAN);
  g_autoptr(TallyFrame) plain = tally_frame_new_scalar ("requests", "count", "requests", 412, NAN);
  g_autoptr(TallyChart) chart = new_chart (TALLY_CHART_GAUGE, percent, TALLY_CHART_THEME_LIGHT, NULL);
  g_autofree char *a = tally_chart_describe (chart);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();

  /* Percentages run to 100 %; other values to a round number above. */
  g_assert_cmpstr (a, ==, "Error rate (Average), 25 % of 100 % · 25 %");
  tally_chart_set_frame (chart, plain);
  b = tally_chart_describe (chart);
  g_assert_cmpstr (b, ==, "Requests, 412 of 500 · 82.4 %");
  /* Or to the highest threshold. */
  tally_chart_options_add_threshold (options, 1000, TALLY_COLOR_ROLE_ERROR, NULL);
  tally_chart_set_options (chart, options);
  c = tally_chart_describe (chart);
  g_assert_cmpstr (c, ==, "Requests, 412 of 1000 · 41.2 %");
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-stat/value-light", test_stat_value_light);
  g_test_add_func ("/tally/chart-stat/value-dark", test_stat_value_dark);
  g_test_add_func ("/tally/chart-stat/trend", test_stat_trend);
  g_test_add_func ("/tally/chart-stat/sparkline", test_stat_sparkline);
  g_test_add_func ("/tally/chart-stat/hit-and-describe", test_stat_hit_and_describe);
  g_test_add_func ("/tally/chart-stat/gauge-bands", test_gauge_bands);
  g_test_add_func ("/tally/chart-stat/gauge-limits", test_gauge_limits);

  return g_test_run ();
}
