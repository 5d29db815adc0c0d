/* tally-chart-theme.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * TallyRgba:
 *
 * A colour with straight (not premultiplied) alpha, every channel 0..1.
 * It has GdkRGBA's layout, so a widget can copy a GdkRGBA field by field.
 */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} TallyRgba;

gboolean         tally_rgba_parse                (TallyRgba        *rgba,
                                                  const char       *spec);
char            *tally_rgba_to_string            (const TallyRgba  *rgba);
gboolean         tally_rgba_equal                (const TallyRgba  *a,
                                                  const TallyRgba  *b);
double           tally_rgba_contrast             (const TallyRgba  *a,
                                                  const TallyRgba  *b);

typedef enum
{
  TALLY_CHART_THEME_LIGHT,
  TALLY_CHART_THEME_DARK,
  TALLY_CHART_THEME_HIGH_CONTRAST,
  TALLY_CHART_THEME_HIGH_CONTRAST_DARK,
  TALLY_CHART_N_THEME_VARIANTS
} TallyChartThemeVariant;

/**
 * TallyChartColor:
 *
 * The colours a chart takes from libadwaita's style, each one named
 * colour (tally_chart_color_get_style_name() gives the name to look up).
 * The *_BG roles fill areas (gauge bands, bars over a threshold); the
 * others colour text and lines.
 */
typedef enum
{
  TALLY_CHART_COLOR_BACKGROUND,     /* view_bg_color */
  TALLY_CHART_COLOR_FOREGROUND,     /* view_fg_color */
  TALLY_CHART_COLOR_ACCENT_BG,      /* accent_bg_color */
  TALLY_CHART_COLOR_ACCENT,         /* accent_color */
  TALLY_CHART_COLOR_SUCCESS_BG,     /* success_bg_color */
  TALLY_CHART_COLOR_SUCCESS,        /* success_color */
  TALLY_CHART_COLOR_WARNING_BG,     /* warning_bg_color */
  TALLY_CHART_COLOR_WARNING,        /* warning_color */
  TALLY_CHART_COLOR_ERROR_BG,       /* error_bg_color */
  TALLY_CHART_COLOR_ERROR,          /* error_color */
  TALLY_CHART_COLOR_TOOLTIP_BG,     /* popover_bg_color */
  TALLY_CHART_COLOR_TOOLTIP_FG,     /* popover_fg_color */
  TALLY_CHART_N_COLORS
} TallyChartColor;

/* Colours every theme derives from the ones above (see tally-chart-theme.c). */
typedef enum
{
  TALLY_CHART_SHADE_DIM,            /* secondary text: axis labels, legend */
  TALLY_CHART_SHADE_GRID,           /* grid lines */
  TALLY_CHART_SHADE_BORDER,         /* axes, separators, outlines */
  TALLY_CHART_SHADE_OTHER,          /* the "Other" series */
  TALLY_CHART_N_SHADES
} TallyChartShade;

#define TALLY_CHART_PALETTE_SIZE 7
#define TALLY_CHART_HEAT_STOPS   6

#define TALLY_TYPE_CHART_THEME (tally_chart_theme_get_type ())

/**
 * TallyChartTheme:
 *
 * Colours, fonts and the device scale of every chart on a surface. Share
 * one theme among the charts of a dashboard; it is not changed once a
 * chart holds it: on a style change, build a new one and give it to
 * every chart (tally_chart_set_theme()).
 */
typedef struct _TallyChartTheme TallyChartTheme;

GType             tally_chart_theme_get_type        (void) G_GNUC_CONST;

TallyChartTheme  *tally_chart_theme_new             (TallyChartThemeVariant  variant);
TallyChartTheme  *tally_chart_theme_copy            (const TallyChartTheme  *theme);
TallyChartTheme  *tally_chart_theme_ref             (TallyChartTheme        *theme);
void              tally_chart_theme_unref           (TallyChartTheme        *theme);

const char       *tally_chart_color_get_style_name  (TallyChartColor         color);

void              tally_chart_theme_set_color       (TallyChartTheme        *theme,
                                                     TallyChartColor         color,
                                                     const TallyRgba        *rgba);
const TallyRgba  *tally_chart_theme_get_color       (const TallyChartTheme  *theme,
                                                     TallyChartColor         color);
const TallyRgba  *tally_chart_theme_get_shade       (const TallyChartTheme  *theme,
                                                     TallyChartShade         shade);
const TallyRgba  *tally_chart_theme_get_series_color (const TallyChartTheme *theme,
                                                      guint                  index);
const TallyRgba  *tally_chart_theme_get_heat_stop   (const TallyChartTheme  *theme,
                                                     guint                   stop);
void              tally_chart_theme_get_heat_color  (const TallyChartTheme  *theme,
                                                     double                  fraction,
                                                     TallyRgba              *rgba);

gboolean          tally_chart_theme_is_dark         (const TallyChartTheme  *theme);
gboolean          tally_chart_theme_is_high_contrast (const TallyChartTheme *theme);
void              tally_chart_theme_set_high_contrast (TallyChartTheme      *theme,
                                                       gboolean              high_contrast);

void              tally_chart_theme_set_font        (TallyChartTheme        *theme,
                                                     const char             *family,
                                                     double                  size_pt);
const char       *tally_chart_theme_get_font_family (const TallyChartTheme  *theme);
double            tally_chart_theme_get_font_size   (const TallyChartTheme  *theme);

void              tally_chart_theme_set_scale       (TallyChartTheme        *theme,
                                                     double                  scale);
double            tally_chart_theme_get_scale       (const TallyChartTheme  *theme);

void              tally_chart_theme_set_clock_12h   (TallyChartTheme        *theme,
                                                     gboolean                clock_12h);
gboolean          tally_chart_theme_get_clock_12h   (const TallyChartTheme  *theme);

guint             tally_chart_theme_get_serial      (const TallyChartTheme  *theme);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyChartTheme, tally_chart_theme_unref)

G_END_DECLS
