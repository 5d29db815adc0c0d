/* test-chart-pie.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Pie and donut charts sampled along a circle: each slice's colour sits
 * between the angles its share gives, clockwise from twelve o'clock; the
 * donut's hole is background; small slices fold into "Other". */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-chart.h"
#include "tally-test-pixels.h"
#include "tally-test-utils.h"

/* With no legend and no title, the pie is centred in the chart, its
 * radius half the shorter side less the padding (8) and 2. */
#define W 400
#define H 300
#define CX 200.0
#define CY 150.0
#define R 140.0

static const char *labels[] = { "gpt-4o", "claude-sonnet-4", "o3", "gemini-2.5-pro", "mistral-large",
                                "llama-4", "qwen-3", "deepseek-r1", "command-r", "jamba" };

static TallyFrame *
shares (const double *values,
        guint         n)
{
  TallyFrame *frame = tally_frame_new_categories ("cost", "sum", "usd");

  for (guint i = 0; i < n; i++)
    tally_frame_add_category (frame, labels[i], values[i]);
  return frame;
}

static TallyChart *
new_chart (TallyFrame             *frame,
           TallyChartThemeVariant  variant,
           gboolean                donut)
{
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();

  options->legend = TALLY_LEGEND_HIDE;
  options->pie.donut = donut;
  return tally_test_chart_new (TALLY_CHART_PIE, variant, frame, options, W, H);
}

/* Degrees clockwise from twelve o'clock, at @fraction of the radius. */
static void
polar (double  degrees,
       double  fraction,
       double *x,
       double *y)
{
  double a = degrees * G_PI / 180;

  *x = CX + fraction * R * sin (a);
  *y = CY - fraction * R * cos (a);
}

static TallyTestPixel
sample (cairo_surface_t *surface,
        double           degrees,
        double           fraction)
{
  double x, y;

  polar (degrees, fraction, &x, &y);
  return tally_test_pixel (surface, (int) floor (x), (int) floor (y));
}

static void
assert_slice (cairo_surface_t       *surface,
              const TallyChartTheme *theme,
              guint                  index,
              double                 degrees,
              double                 fraction)
{
  TallyTestPixel want = tally_test_theme_series (theme, index);
  TallyTestPixel got = sample (surface, degrees, fraction);

  if (tally_test_pixel_distance (got, want) > 6)
    g_test_message ("at %.1f°: %d,%d,%d, slice %u is %d,%d,%d", degrees, got.red, got.green, got.blue,
                    index, want.red, want.green, want.blue);
  g_assert_cmpint (tally_test_pixel_distance (got, want), <=, 6);
}

static void
check_angles (TallyChartThemeVariant variant)
{
  const double values[] = { 50, 25, 15, 10 };
  const double bounds[] = { 0, 180, 270, 324, 360 };
  g_autoptr(TallyFrame) frame = shares (values, 4);
  g_autoptr(TallyChart) chart = new_chart (frame, variant, FALSE);
  g_autoptr(cairo_surface_t) surface = tally_test_render (chart, W, H);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (variant);
  TallyTestPixel bg = tally_test_theme_color (theme, TALLY_CHART_COLOR_BACKGROUND);

  tally_test_save_surface (surface, variant ? "pie-dark" : "pie-light");
  for (guint i = 0; i < 4; i++)
    {
      double sweep = bounds[i + 1] - bounds[i];

      assert_slice (surface, theme, i, bounds[i] + sweep * 0.2, 0.9);
      assert_slice (surface, theme, i, bounds[i] + sweep * 0.8, 0.9);
      /* Three degrees either side of each boundary, the right slice. */
      assert_slice (surface, theme, i, bounds[i] + 3, 0.85);
      assert_slice (surface, theme, i, bounds[i + 1] - 3, 0.85);
      assert_slice (surface, theme, i, bounds[i] + sweep / 2, 0.3);
    }
  /* Outside the circle, background. */
  g_assert_cmpint (tally_test_pixel_distance (sample (surface, 45, 1.05), bg), <=, 2);
  g_assert_true (tally_test_pixel_near (surface, 2, 2, bg, 0));
}

static void
test_pie_angles_light (void)
{
  check_angles (TALLY_CHART_THEME_LIGHT);
}

static void
test_pie_angles_dark (void)
{
  check_angles (TALLY_CHART_THEME_DARK);
}

static void
test_pie_donut (void)
{
  const double values[] = { 3, 1 };
  g_autoptr(TallyFrame) frame = shares (values, 2);
  g_autoptr(TallyChart) chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, TRUE);
  g_autoptr(cairo_surface_t) surface = tally_test_render (chart, W, H);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel bg = tally_test_theme_color (theme, TALLY_CHART_COLOR_BACKGROUND);
  TallyTestPixel fg = tally_test_theme_color (theme, TALLY_CHART_COLOR_FOREGROUND);

  tally_test_save_surface (surface, "pie-donut");
  assert_slice (surface, theme, 0, 135, 0.8);
  assert_slice (surface, theme, 1, 315, 0.8);
  /* The hole is background, with the total ($4.00) written in it. */
  g_assert_cmpint (tally_test_pixel_distance (sample (surface, 135, 0.5), bg), <=, 2);
  g_assert_cmpint (tally_test_pixel_distance (sample (surface, 315, 0.55), bg), <=, 2);
  g_assert_cmpuint (tally_test_count_like (surface, CX - 40, CY - 20, 80, 40, fg, 30), >, 20);
  g_assert_null (tally_chart_hit_test (chart, CX, CY));
}

static void
test_pie_other (void)
{
  const double values[] = { 100, 90, 80, 70, 60, 50, 40, 30, 20, 10 };
  g_autoptr(TallyFrame) frame = shares (values, 10);
  g_autoptr(TallyChart) chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, FALSE);
  g_autoptr(cairo_surface_t) surface = tally_test_render (chart, W, H);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel grey = tally_test_theme_shade (theme, TALLY_CHART_SHADE_OTHER);
  g_autoptr(TallyChartHit) hit = NULL;
  double x, y;

  tally_test_save_surface (surface, "pie-other");
  /* Seven slices keep their colours; 30 + 20 + 10 fold into a grey last
   * slice from 490/550 of the turn. */
  assert_slice (surface, theme, 6, 360 * 470 / 550.0, 0.8);
  g_assert_cmpint (tally_test_pixel_distance (sample (surface, 340, 0.8), grey), <=, 6);
  polar (340, 0.8, &x, &y);
  hit = tally_chart_hit_test (chart, x, y);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_SLICE);
  g_assert_cmpint (hit->series, ==, -1);
  g_assert_cmpstr (hit->label, ==, "Other");
  g_assert_cmpfloat (hit->value, ==, 60);
}

static void
test_pie_hit_test_and_hidden (void)
{
  const double values[] = { 50, 25, 15, 10 };
  g_autoptr(TallyFrame) frame = shares (values, 4);
  g_autoptr(TallyChart) chart = new_chart (frame, TALLY_CHART_THEME_LIGHT, FALSE);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  g_autoptr(TallyChartHit) hit = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autofree char *text = NULL;
  double x, y;

  polar (90, 0.7, &x, &y);
  hit = tally_chart_hit_test (chart, x, y);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->series, ==, 0);
  g_assert_cmpfloat (hit->value, ==, 50);
  g_assert_cmpstr (hit->value_text, ==, "$50.00");
  g_assert_cmpstr (hit->text, ==, "gpt-4o\n$50.00 (50 %)");
  g_clear_pointer (&hit, tally_chart_hit_free);
  polar (300, 0.7, &x, &y);
  hit = tally_chart_hit_test (chart, x, y);
  g_assert_cmpint (hit->series, ==, 2);
  g_assert_null (tally_chart_hit_test (chart, CX + R + 3, CY));

  text = tally_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Cost, 4 categories, largest gpt-4o with $50.00 (50 %)");

  /* Hiding the largest: the others share the whole turn, 25 : 15 : 10. */
  tally_chart_set_series_hidden (chart, "gpt-4o", TRUE);
  surface = tally_test_render (chart, W, H);
  assert_slice (surface, theme, 1, 170, 0.8);
  assert_slice (surface, theme, 2, 190, 0.8);
  assert_slice (surface, theme, 2, 284, 0.8);
  assert_slice (surface, theme, 3, 300, 0.8);
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-pie/angles-light", test_pie_angles_light);
  g_test_add_func ("/tally/chart-pie/angles-dark", test_pie_angles_dark);
  g_test_add_func ("/tally/chart-pie/donut", test_pie_donut);
  g_test_add_func ("/tally/chart-pie/other", test_pie_other);
  g_test_add_func ("/tally/chart-pie/hit-test-and-hidden", test_pie_hit_test_and_hidden);

  return g_test_run ();
}
