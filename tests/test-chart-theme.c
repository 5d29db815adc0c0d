/* test-chart-theme.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The built-in themes are libadwaita 1.2's colours; the series palette
 * reads against both backgrounds (WCAG's 3:1 for graphics) and its
 * colours stay apart for people with deutan, protan or tritan vision
 * (Machado et al. 2009 at full severity, distances in OKLab). */

#include "config.h"

#include <math.h>

#include "tally-chart-theme.h"
#include "tally-test-utils.h"

static void
assert_color (const TallyRgba *rgba,
              const char      *spec)
{
  g_autofree char *text = tally_rgba_to_string (rgba);

  g_assert_cmpstr (text, ==, spec);
}

static void
test_theme_libadwaita (void)
{
  g_autoptr(TallyChartTheme) light = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  g_autoptr(TallyChartTheme) dark = tally_chart_theme_new (TALLY_CHART_THEME_DARK);
  g_autoptr(TallyChartTheme) hc = tally_chart_theme_new (TALLY_CHART_THEME_HIGH_CONTRAST);

  assert_color (tally_chart_theme_get_color (light, TALLY_CHART_COLOR_BACKGROUND), "#ffffff");
  assert_color (tally_chart_theme_get_color (light, TALLY_CHART_COLOR_FOREGROUND), "#000000cc");
  assert_color (tally_chart_theme_get_color (light, TALLY_CHART_COLOR_ACCENT_BG), "#3584e4");
  assert_color (tally_chart_theme_get_color (light, TALLY_CHART_COLOR_SUCCESS), "#1b8553");
  assert_color (tally_chart_theme_get_color (light, TALLY_CHART_COLOR_WARNING_BG), "#e5a50a");
  assert_color (tally_chart_theme_get_color (light, TALLY_CHART_COLOR_ERROR), "#c01c28");
  assert_color (tally_chart_theme_get_color (dark, TALLY_CHART_COLOR_BACKGROUND), "#1e1e1e");
  assert_color (tally_chart_theme_get_color (dark, TALLY_CHART_COLOR_ACCENT), "#78aeed");
  assert_color (tally_chart_theme_get_color (dark, TALLY_CHART_COLOR_ERROR), "#ff7b63");
  assert_color (tally_chart_theme_get_color (dark, TALLY_CHART_COLOR_TOOLTIP_BG), "#383838");

  g_assert_false (tally_chart_theme_is_dark (light));
  g_assert_true (tally_chart_theme_is_dark (dark));
  g_assert_true (tally_chart_theme_is_high_contrast (hc));
  /* High contrast: opaque text and borders at half the foreground. */
  g_assert_cmpfloat (tally_chart_theme_get_color (hc, TALLY_CHART_COLOR_FOREGROUND)->alpha, ==, 1);
  g_assert_cmpfloat (tally_chart_theme_get_shade (hc, TALLY_CHART_SHADE_BORDER)->alpha, ==, 0.5f);
  g_assert_cmpfloat (tally_chart_theme_get_shade (light, TALLY_CHART_SHADE_BORDER)->alpha, <, 0.15f);
  g_assert_cmpstr (tally_chart_color_get_style_name (TALLY_CHART_COLOR_BACKGROUND), ==, "view_bg_color");
  g_assert_cmpstr (tally_chart_color_get_style_name (TALLY_CHART_COLOR_WARNING_BG), ==, "warning_bg_color");
}

static void
test_theme_palette_contrast (void)
{
  for (guint v = 0; v < TALLY_CHART_N_THEME_VARIANTS; v++)
    {
      g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (v);
      const TallyRgba *bg = tally_chart_theme_get_color (theme, TALLY_CHART_COLOR_BACKGROUND);

      for (guint i = 0; i < TALLY_CHART_PALETTE_SIZE; i++)
        g_assert_cmpfloat (tally_rgba_contrast (tally_chart_theme_get_series_color (theme, i), bg), >=, 3.0);
      g_assert_cmpfloat (tally_rgba_contrast (tally_chart_theme_get_shade (theme, TALLY_CHART_SHADE_OTHER), bg),
                         >=, 3.0);
    }
}

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static void
to_oklab (const double rgb[3],
          double       lab[3])
{
  double l = cbrt (0.4122214708 * rgb[0] + 0.5363325363 * rgb[1] + 0.0514459929 * rgb[2]);
  double m = cbrt (0.2119034982 * rgb[0] + 0.6806995451 * rgb[1] + 0.1073969566 * rgb[2]);
  double s = cbrt (0.0883024619 * rgb[0] + 0.2817188376 * rgb[1] + 0.6299787005 * rgb[2]);

  lab[0] = 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s;
  lab[1] = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s;
  lab[2] = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s;
}

/* Machado, Oliveira and Fernandes (2009), severity 1, in linear RGB. */
static const double cvd[4][3][3] = {
  { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
  { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } },
  { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } },
  { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 }, { 0.004733, 0.691367, 0.303900 } },
};

static void
seen_as (const TallyRgba *rgba,
         guint            vision,
         double           lab[3])
{
  double in[3] = { linear (rgba->red), linear (rgba->green), linear (rgba->blue) }, out[3];

  for (guint i = 0; i < 3; i++)
    out[i] = CLAMP (cvd[vision][i][0] * in[0] + cvd[vision][i][1] * in[1] + cvd[vision][i][2] * in[2], 0, 1);
  to_oklab (out, lab);
}

static void
test_theme_palette_color_blind (void)
{
  for (guint v = TALLY_CHART_THEME_LIGHT; v <= TALLY_CHART_THEME_DARK; v++)
    {
      g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (v);

      for (guint vision = 0; vision < G_N_ELEMENTS (cvd); vision++)
        for (guint a = 0; a < TALLY_CHART_PALETTE_SIZE; a++)
          for (guint b = a + 1; b < TALLY_CHART_PALETTE_SIZE; b++)
            {
              double la[3], lb[3], distance;

              seen_as (tally_chart_theme_get_series_color (theme, a), vision, la);
              seen_as (tally_chart_theme_get_series_color (theme, b), vision, lb);
              distance = 100 * sqrt (pow (la[0] - lb[0], 2) + pow (la[1] - lb[1], 2) + pow (la[2] - lb[2], 2));
              /* Two units of OKLab ×100 are about one just-noticeable step. */
              if (distance < 3.0)
                g_test_message ("variant %u vision %u colours %u/%u: %.2f", v, vision, a, b, distance);
              g_assert_cmpfloat (distance, >=, 3.0);
            }
    }
}

static void
test_theme_heat_scale (void)
{
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  const TallyRgba *bg = tally_chart_theme_get_color (theme, TALLY_CHART_COLOR_BACKGROUND);
  TallyRgba low, high, mid, nan_color;

  tally_chart_theme_get_heat_color (theme, 0, &low);
  tally_chart_theme_get_heat_color (theme, 1, &high);
  tally_chart_theme_get_heat_color (theme, 0.5, &mid);
  tally_chart_theme_get_heat_color (theme, NAN, &nan_color);
  g_assert_true (tally_rgba_equal (&low, tally_chart_theme_get_heat_stop (theme, 0)));
  g_assert_true (tally_rgba_equal (&high, tally_chart_theme_get_heat_stop (theme, TALLY_CHART_HEAT_STOPS - 1)));
  g_assert_true (tally_rgba_equal (&nan_color, &low));
  /* Zero is not the background; the top stands out most. */
  g_assert_false (tally_rgba_equal (&low, bg));
  g_assert_cmpfloat (tally_rgba_contrast (&high, bg), >, tally_rgba_contrast (&mid, bg));
  g_assert_cmpfloat (tally_rgba_contrast (&mid, bg), >, tally_rgba_contrast (&low, bg));
}

static void
test_theme_from_style (void)
{
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyRgba white = { 1, 1, 1, 1 }, ink = { 0.1f, 0.1f, 0.1f, 1 }, accent;
  guint serial = tally_chart_theme_get_serial (theme);

  /* A widget fills the theme from the style: a light foreground is a dark style. */
  tally_chart_theme_set_color (theme, TALLY_CHART_COLOR_BACKGROUND, &ink);
  tally_chart_theme_set_color (theme, TALLY_CHART_COLOR_FOREGROUND, &white);
  g_assert_true (tally_chart_theme_is_dark (theme));
  g_assert_cmpuint (tally_chart_theme_get_serial (theme), !=, serial);
  g_assert_true (tally_rgba_parse (&accent, "#3a8fd8"));
  g_assert_true (tally_rgba_equal (tally_chart_theme_get_series_color (theme, 0), &accent));
  g_assert_true (tally_rgba_equal (tally_chart_theme_get_series_color (theme, TALLY_CHART_PALETTE_SIZE),
                                   tally_chart_theme_get_series_color (theme, 0)));

  tally_chart_theme_set_font (theme, "Adwaita Sans", 10.5);
  tally_chart_theme_set_scale (theme, 2);
  tally_chart_theme_set_clock_12h (theme, TRUE);
  g_assert_cmpstr (tally_chart_theme_get_font_family (theme), ==, "Adwaita Sans");
  g_assert_cmpfloat (tally_chart_theme_get_font_size (theme), ==, 10.5);
  g_assert_cmpfloat (tally_chart_theme_get_scale (theme), ==, 2);
  g_assert_true (tally_chart_theme_get_clock_12h (theme));

  {
    g_autoptr(TallyChartTheme) copy = tally_chart_theme_copy (theme);

    g_assert_true (tally_chart_theme_is_dark (copy));
    g_assert_cmpstr (tally_chart_theme_get_font_family (copy), ==, "Adwaita Sans");
  }
}

static void
test_rgba_parse (void)
{
  TallyRgba rgba;

  g_assert_true (tally_rgba_parse (&rgba, "#f80"));
  assert_color (&rgba, "#ff8800");
  g_assert_true (tally_rgba_parse (&rgba, "#12345678"));
  assert_color (&rgba, "#12345678");
  g_assert_false (tally_rgba_parse (&rgba, "red"));
  g_assert_false (tally_rgba_parse (&rgba, "#12345"));
  g_assert_false (tally_rgba_parse (&rgba, "#gggggg"));
  g_assert_false (tally_rgba_parse (&rgba, NULL));
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-theme/libadwaita", test_theme_libadwaita);
  g_test_add_func ("/tally/chart-theme/palette-contrast", test_theme_palette_contrast);
  g_test_add_func ("/tally/chart-theme/palette-color-blind", test_theme_palette_color_blind);
  g_test_add_func ("/tally/chart-theme/heat-scale", test_theme_heat_scale);
  g_test_add_func ("/tally/chart-theme/from-style", test_theme_from_style);
  g_test_add_func ("/tally/chart-theme/rgba-parse", test_rgba_parse);

  return g_test_run ();
}
