/* tally-test-pixels.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>

#include "tally-chart.h"

G_BEGIN_DECLS

/* A pixel, not premultiplied, 0..255. */
typedef struct
{
  int red;
  int green;
  int blue;
  int alpha;
} TallyTestPixel;

cairo_surface_t *tally_test_surface_new        (int                    width,
                                                int                    height);
cairo_surface_t *tally_test_render             (TallyChart            *chart,
                                                int                    width,
                                                int                    height);
TallyChart      *tally_test_chart_new          (TallyChartType         type,
                                                TallyChartThemeVariant variant,
                                                TallyFrame            *frame,
                                                TallyChartOptions     *options,
                                                int                    width,
                                                int                    height);
TallyTestPixel   tally_test_pixel              (cairo_surface_t       *surface,
                                                int                    x,
                                                int                    y);
TallyTestPixel   tally_test_pixel_from_rgba    (const TallyRgba       *rgba,
                                                const TallyRgba       *over);
TallyTestPixel   tally_test_theme_color        (const TallyChartTheme *theme,
                                                TallyChartColor        color);
TallyTestPixel   tally_test_theme_shade        (const TallyChartTheme *theme,
                                                TallyChartShade        shade);
TallyTestPixel   tally_test_theme_series       (const TallyChartTheme *theme,
                                                guint                  index);
TallyTestPixel   tally_test_theme_heat         (const TallyChartTheme *theme,
                                                guint                  stop);
int              tally_test_pixel_distance     (TallyTestPixel         a,
                                                TallyTestPixel         b);
gboolean         tally_test_pixel_near         (cairo_surface_t       *surface,
                                                int                    x,
                                                int                    y,
                                                TallyTestPixel         expected,
                                                int                    tolerance);
guint            tally_test_count_unlike       (cairo_surface_t       *surface,
                                                int                    x,
                                                int                    y,
                                                int                    width,
                                                int                    height,
                                                TallyTestPixel         pixel,
                                                int                    tolerance);
guint            tally_test_count_like         (cairo_surface_t       *surface,
                                                int                    x,
                                                int                    y,
                                                int                    width,
                                                int                    height,
                                                TallyTestPixel         pixel,
                                                int                    tolerance);
int              tally_test_column_top         (cairo_surface_t       *surface,
                                                int                    x,
                                                int                    y_from,
                                                int                    y_to,
                                                TallyTestPixel         pixel,
                                                int                    tolerance);
int              tally_test_column_bottom      (cairo_surface_t       *surface,
                                                int                    x,
                                                int                    y_from,
                                                int                    y_to,
                                                TallyTestPixel         pixel,
                                                int                    tolerance);
void             tally_test_save_surface       (cairo_surface_t       *surface,
                                                const char            *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)

G_END_DECLS
