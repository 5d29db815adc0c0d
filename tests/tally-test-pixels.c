/* tally-test-pixels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Reading the pixels a chart renderer drew, with no display: charts draw
 * into ARGB32 image surfaces and the tests look at colours where the
 * answer is known (a bar's top, a slice at an angle, a margin that must
 * stay background). A test that sets TALLY_TEST_SAVE_PNG keeps what it
 * drew under the build tree, to look at when a check fails. */

#include "config.h"

#include <stdlib.h>

#include "tally-test-pixels.h"

cairo_surface_t *
tally_test_surface_new (int width,
                        int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* @chart drawn at @width × @height at the origin of a new surface. */
cairo_surface_t *
tally_test_render (TallyChart *chart,
                   int         width,
                   int         height)
{
  cairo_surface_t *surface = tally_test_surface_new (width, height);
  cairo_t *cr = cairo_create (surface);

  tally_chart_set_size (chart, width, height);
  tally_chart_draw (chart, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* A chart as the chart tests draw it: @variant's theme, UTC, @options and
 * @frame when given, @width × @height when not 0. */
TallyChart *
tally_test_chart_new (TallyChartType          type,
                      TallyChartThemeVariant  variant,
                      TallyFrame             *frame,
                      TallyChartOptions      *options,
                      int                     width,
                      int                     height)
{
  TallyChart *chart = tally_chart_new (type);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (variant);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  tally_chart_set_theme (chart, theme);
  tally_chart_set_time_zone (chart, utc);
  if (options != NULL)
    tally_chart_set_options (chart, options);
  if (frame != NULL)
    tally_chart_set_frame (chart, frame);
  if (width > 0 && height > 0)
    tally_chart_set_size (chart, width, height);
  return chart;
}

TallyTestPixel
tally_test_pixel (cairo_surface_t *surface,
                  int              x,
                  int              y)
{
  const guchar *data;
  guint32 p;
  int a;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  p = *(const guint32 *) (gconstpointer) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  a = p >> 24;
  if (a == 0)
    return (TallyTestPixel) { 0, 0, 0, 0 };

  return (TallyTestPixel) { (int) ((p >> 16 & 0xff) * 255 + a / 2) / a,
                            (int) ((p >> 8 & 0xff) * 255 + a / 2) / a,
                            (int) ((p & 0xff) * 255 + a / 2) / a, a };
}

/* @rgba as it shows over the opaque colour @over (NULL: as it is). */
TallyTestPixel
tally_test_pixel_from_rgba (const TallyRgba *rgba,
                            const TallyRgba *over)
{
  double a = rgba->alpha;

  if (over == NULL)
    return (TallyTestPixel) { (int) (rgba->red * 255 + 0.5), (int) (rgba->green * 255 + 0.5),
                              (int) (rgba->blue * 255 + 0.5), (int) (a * 255 + 0.5) };

  return (TallyTestPixel) { (int) ((rgba->red * a + over->red * (1 - a)) * 255 + 0.5),
                            (int) ((rgba->green * a + over->green * (1 - a)) * 255 + 0.5),
                            (int) ((rgba->blue * a + over->blue * (1 - a)) * 255 + 0.5), 255 };
}

/* A theme's colours as they show on its background. */
TallyTestPixel
tally_test_theme_color (const TallyChartTheme *theme,
                        TallyChartColor        color)
{
  return tally_test_pixel_from_rgba (tally_chart_theme_get_color (theme, color),
                                     tally_chart_theme_get_color (theme, TALLY_CHART_COLOR_BACKGROUND));
}

TallyTestPixel
tally_test_theme_shade (const TallyChartTheme *theme,
                        TallyChartShade        shade)
{
  return tally_test_pixel_from_rgba (tally_chart_theme_get_shade (theme, shade),
                                     tally_chart_theme_get_color (theme, TALLY_CHART_COLOR_BACKGROUND));
}

TallyTestPixel
tally_test_theme_series (const TallyChartTheme *theme,
                         guint                  index)
{
  return tally_test_pixel_from_rgba (tally_chart_theme_get_series_color (theme, index), NULL);
}

TallyTestPixel
tally_test_theme_heat (const TallyChartTheme *theme,
                       guint                  stop)
{
  return tally_test_pixel_from_rgba (tally_chart_theme_get_heat_stop (theme, stop), NULL);
}

/* The largest difference of any channel. */
int
tally_test_pixel_distance (TallyTestPixel a,
                           TallyTestPixel b)
{
  return MAX (MAX (abs (a.red - b.red), abs (a.green - b.green)),
              MAX (abs (a.blue - b.blue), abs (a.alpha - b.alpha)));
}

gboolean
tally_test_pixel_near (cairo_surface_t *surface,
                       int              x,
                       int              y,
                       TallyTestPixel   expected,
                       int              tolerance)
{
  return tally_test_pixel_distance (tally_test_pixel (surface, x, y), expected) <= tolerance;
}

static guint
count (cairo_surface_t *surface,
       int              x,
       int              y,
       int              width,
       int              height,
       TallyTestPixel   pixel,
       int              tolerance,
       gboolean         like)
{
  guint n = 0;

  for (int j = y; j < y + height; j++)
    for (int i = x; i < x + width; i++)
      if (tally_test_pixel_near (surface, i, j, pixel, tolerance) == like)
        n++;

  return n;
}

/* How many pixels of the rectangle differ from @pixel by more than @tolerance. */
guint
tally_test_count_unlike (cairo_surface_t *surface,
                         int              x,
                         int              y,
                         int              width,
                         int              height,
                         TallyTestPixel   pixel,
                         int              tolerance)
{
  return count (surface, x, y, width, height, pixel, tolerance, FALSE);
}

guint
tally_test_count_like (cairo_surface_t *surface,
                       int              x,
                       int              y,
                       int              width,
                       int              height,
                       TallyTestPixel   pixel,
                       int              tolerance)
{
  return count (surface, x, y, width, height, pixel, tolerance, TRUE);
}

/* The first row from @y_from down to @y_to (inclusive) where column @x is
 * like @pixel, or -1. */
int
tally_test_column_top (cairo_surface_t *surface,
                       int              x,
                       int              y_from,
                       int              y_to,
                       TallyTestPixel   pixel,
                       int              tolerance)
{
  for (int y = y_from; y <= y_to; y++)
    if (tally_test_pixel_near (surface, x, y, pixel, tolerance))
      return y;

  return -1;
}

/* The last row from @y_from down to @y_to where column @x is like @pixel. */
int
tally_test_column_bottom (cairo_surface_t *surface,
                          int              x,
                          int              y_from,
                          int              y_to,
                          TallyTestPixel   pixel,
                          int              tolerance)
{
  for (int y = y_to; y >= y_from; y--)
    if (tally_test_pixel_near (surface, x, y, pixel, tolerance))
      return y;

  return -1;
}

/* With TALLY_TEST_SAVE_PNG set, writes @surface as <name>.png in the
 * test's build directory. */
void
tally_test_save_surface (cairo_surface_t *surface,
                         const char      *name)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (g_getenv ("TALLY_TEST_SAVE_PNG") == NULL)
    return;
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), file, NULL);
  cairo_surface_write_to_png (surface, path);
}
