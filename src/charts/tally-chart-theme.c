/* tally-chart-theme.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The colours and fonts of the charts. Renderers never hard-code a colour:
 * the built-in variants are copies of libadwaita 1.2's named colours
 * (defaults-light.css, defaults-dark.css, base-hc.css), so a PNG exported
 * headless looks like the window, and the widget replaces them with the
 * colours it reads from the live style.
 *
 * The series palette is Okabe and Ito's, tuned in OKLab lightness until
 * every colour has a contrast of at least 3:1 (WCAG's bar for graphics)
 * against view_bg_color of its variant: the light variant darkens orange,
 * sky blue and purple and trades yellow (which cannot reach 3:1 on white
 * and still look yellow) for indigo. test-chart-theme checks the contrast
 * and that the colours stay apart under simulated deutan, protan and tritan
 * vision. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tally-chart-theme.h"

struct _TallyChartTheme
{
  TallyRgba  colors[TALLY_CHART_N_COLORS];
  TallyRgba  shades[TALLY_CHART_N_SHADES];
  TallyRgba  palette[TALLY_CHART_PALETTE_SIZE];
  TallyRgba  heat[TALLY_CHART_HEAT_STOPS];
  char      *font_family;
  double     font_size;
  double     scale;
  guint      serial;
  guint      dark : 1;
  guint      high_contrast : 1;
  guint      clock_12h : 1;
};

static const char *style_names[TALLY_CHART_N_COLORS] = {
  "view_bg_color", "view_fg_color", "accent_bg_color", "accent_color",
  "success_bg_color", "success_color", "warning_bg_color", "warning_color",
  "error_bg_color", "error_color", "popover_bg_color", "popover_fg_color",
};

/* libadwaita 1.2, in TallyChartColor order. */
static const char *light_colors[TALLY_CHART_N_COLORS] = {
  "#ffffff", "#000000cc", "#3584e4", "#1c71d8",
  "#2ec27e", "#1b8553", "#e5a50a", "#9c6e03",
  "#e01b24", "#c01c28", "#ffffff", "#000000cc",
};

static const char *dark_colors[TALLY_CHART_N_COLORS] = {
  "#1e1e1e", "#ffffff", "#3584e4", "#78aeed",
  "#26a269", "#8ff0a4", "#cd9309", "#f8e45c",
  "#c01c28", "#ff7b63", "#383838", "#ffffff",
};

static const char *light_palette[TALLY_CHART_PALETTE_SIZE] = {
  "#0072b2", "#c68100", "#009e73", "#d55e00", "#3698cb", "#c774a2", "#4b2991",
};

static const char *dark_palette[TALLY_CHART_PALETTE_SIZE] = {
  "#3a8fd8", "#e69f00", "#009e73", "#d55e00", "#56b4e9", "#cc79a7", "#f0e442",
};

/* Sequential blues from libadwaita's palette: the lowest stop stays apart
 * from the background so a zero cell never looks like an empty one. */
static const char *light_heat[TALLY_CHART_HEAT_STOPS] = {
  "#dcebfc", "#99c1f1", "#62a0ea", "#3584e4", "#1a5fb4", "#0b3669",
};

static const char *dark_heat[TALLY_CHART_HEAT_STOPS] = {
  "#1d3350", "#1a4f8f", "#1c71d8", "#3584e4", "#62a0ea", "#c4ddfa",
};

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads "#rgb", "#rrggbb" or "#rrggbbaa". */
gboolean
tally_rgba_parse (TallyRgba  *rgba,
                  const char *spec)
{
  float channels[4] = { 0, 0, 0, 1 };
  size_t len;
  guint n, width;

  g_return_val_if_fail (rgba != NULL, FALSE);

  if (spec == NULL || spec[0] != '#')
    return FALSE;
  spec++;
  len = strlen (spec);
  if (len == 3)
    n = 3, width = 1;
  else if (len == 6 || len == 8)
    n = len / 2, width = 2;
  else
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      int hi = hex_digit (spec[i * width]);
      int lo = hex_digit (spec[i * width + width - 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      channels[i] = (hi * 16 + lo) / 255.f;
    }

  *rgba = (TallyRgba) { channels[0], channels[1], channels[2], channels[3] };
  return TRUE;
}

char *
tally_rgba_to_string (const TallyRgba *rgba)
{
  int c[4];

  g_return_val_if_fail (rgba != NULL, NULL);

  c[0] = (int) lroundf (CLAMP (rgba->red, 0, 1) * 255);
  c[1] = (int) lroundf (CLAMP (rgba->green, 0, 1) * 255);
  c[2] = (int) lroundf (CLAMP (rgba->blue, 0, 1) * 255);
  c[3] = (int) lroundf (CLAMP (rgba->alpha, 0, 1) * 255);
  if (c[3] == 255)
    return g_strdup_printf ("#%02x%02x%02x", c[0], c[1], c[2]);
  return g_strdup_printf ("#%02x%02x%02x%02x", c[0], c[1], c[2], c[3]);
}

gboolean
tally_rgba_equal (const TallyRgba *a,
                  const TallyRgba *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue && a->alpha == b->alpha;
}

static double
linear_channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
relative_luminance (const TallyRgba *rgba)
{
  return 0.2126 * linear_channel (rgba->red) + 0.7152 * linear_channel (rgba->green) +
         0.0722 * linear_channel (rgba->blue);
}

/* WCAG 2 contrast ratio of two opaque colours, 1..21. */
double
tally_rgba_contrast (const TallyRgba *a,
                     const TallyRgba *b)
{
  double la = relative_luminance (a);
  double lb = relative_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
parse_list (TallyRgba          *out,
            const char * const *specs,
            guint               n)
{
  for (guint i = 0; i < n; i++)
    {
      gboolean ok = tally_rgba_parse (&out[i], specs[i]);

      g_assert (ok);
    }
}

static TallyRgba
with_alpha (const TallyRgba *rgba,
            double           factor)
{
  return (TallyRgba) { rgba->red, rgba->green, rgba->blue, rgba->alpha * factor };
}

/* The derived shades follow libadwaita's alpha(currentColor, …) rules:
 * borders at .15 (.5 in high contrast), grid lines lighter than borders,
 * dim labels at .55 (GTK's .dim-label). */
static void
derive_shades (TallyChartTheme *self)
{
  const TallyRgba *fg = &self->colors[TALLY_CHART_COLOR_FOREGROUND];
  gboolean hc = self->high_contrast;

  self->dark = relative_luminance (fg) > 0.5;
  self->shades[TALLY_CHART_SHADE_DIM] = with_alpha (fg, hc ? 0.85 : 0.55);
  self->shades[TALLY_CHART_SHADE_GRID] = with_alpha (fg, hc ? 0.3 : 0.1);
  self->shades[TALLY_CHART_SHADE_BORDER] = with_alpha (fg, hc ? 0.5 : 0.15);
  tally_rgba_parse (&self->shades[TALLY_CHART_SHADE_OTHER], self->dark ? "#999999" : "#8e8e8e");
  parse_list (self->palette, self->dark ? dark_palette : light_palette, TALLY_CHART_PALETTE_SIZE);
  parse_list (self->heat, self->dark ? dark_heat : light_heat, TALLY_CHART_HEAT_STOPS);
  self->serial++;
}

TallyChartTheme *
tally_chart_theme_new (TallyChartThemeVariant variant)
{
  TallyChartTheme *self;
  gboolean dark;

  g_return_val_if_fail (variant < TALLY_CHART_N_THEME_VARIANTS, NULL);

  dark = variant == TALLY_CHART_THEME_DARK || variant == TALLY_CHART_THEME_HIGH_CONTRAST_DARK;
  self = g_atomic_rc_box_new0 (TallyChartTheme);
  parse_list (self->colors, dark ? dark_colors : light_colors, TALLY_CHART_N_COLORS);
  self->high_contrast = variant == TALLY_CHART_THEME_HIGH_CONTRAST ||
                        variant == TALLY_CHART_THEME_HIGH_CONTRAST_DARK;
  /* High contrast text is fully opaque. */
  if (self->high_contrast)
    self->colors[TALLY_CHART_COLOR_FOREGROUND].alpha = 1;
  self->font_family = g_strdup ("Cantarell");
  self->font_size = 11;
  self->scale = 1;
  derive_shades (self);

  return self;
}

TallyChartTheme *
tally_chart_theme_copy (const TallyChartTheme *theme)
{
  TallyChartTheme *self;

  g_return_val_if_fail (theme != NULL, NULL);

  self = g_atomic_rc_box_new0 (TallyChartTheme);
  *self = *theme;
  self->font_family = g_strdup (theme->font_family);
  self->serial = 0;

  return self;
}

static void
tally_chart_theme_finalize (TallyChartTheme *self)
{
  g_free (self->font_family);
}

TallyChartTheme *
tally_chart_theme_ref (TallyChartTheme *theme)
{
  g_return_val_if_fail (theme != NULL, NULL);

  return g_atomic_rc_box_acquire (theme);
}

void
tally_chart_theme_unref (TallyChartTheme *theme)
{
  g_return_if_fail (theme != NULL);

  g_atomic_rc_box_release_full (theme, (GDestroyNotify) tally_chart_theme_finalize);
}

/* By hand: G_DEFINE_BOXED_TYPE trips -Wpedantic with GLib 2.74. */
GType
tally_chart_theme_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_boxed_type_register_static (g_intern_static_string ("TallyChartTheme"),
                                                 (GBoxedCopyFunc) tally_chart_theme_ref,
                                                 (GBoxedFreeFunc) tally_chart_theme_unref);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/* The libadwaita named colour a widget looks up (gtk_style_context_lookup_color
 * in GTK 4.8) to fill @color. */
const char *
tally_chart_color_get_style_name (TallyChartColor color)
{
  g_return_val_if_fail (color < TALLY_CHART_N_COLORS, NULL);

  return style_names[color];
}

/* Sets one base colour; the shades, the palette and the heat scale follow
 * (a light foreground means a dark style). */
void
tally_chart_theme_set_color (TallyChartTheme *theme,
                             TallyChartColor  color,
                             const TallyRgba *rgba)
{
  g_return_if_fail (theme != NULL);
  g_return_if_fail (color < TALLY_CHART_N_COLORS);
  g_return_if_fail (rgba != NULL);

  theme->colors[color] = *rgba;
  derive_shades (theme);
}

const TallyRgba *
tally_chart_theme_get_color (const TallyChartTheme *theme,
                             TallyChartColor        color)
{
  g_return_val_if_fail (theme != NULL, NULL);
  g_return_val_if_fail (color < TALLY_CHART_N_COLORS, NULL);

  return &theme->colors[color];
}

const TallyRgba *
tally_chart_theme_get_shade (const TallyChartTheme *theme,
                             TallyChartShade        shade)
{
  g_return_val_if_fail (theme != NULL, NULL);
  g_return_val_if_fail (shade < TALLY_CHART_N_SHADES, NULL);

  return &theme->shades[shade];
}

/* The colour of the @index-th series; the palette repeats past its end. */
const TallyRgba *
tally_chart_theme_get_series_color (const TallyChartTheme *theme,
                                    guint                  index)
{
  g_return_val_if_fail (theme != NULL, NULL);

  return &theme->palette[index % TALLY_CHART_PALETTE_SIZE];
}

const TallyRgba *
tally_chart_theme_get_heat_stop (const TallyChartTheme *theme,
                                 guint                  stop)
{
  g_return_val_if_fail (theme != NULL, NULL);
  g_return_val_if_fail (stop < TALLY_CHART_HEAT_STOPS, NULL);

  return &theme->heat[stop];
}

/* The heat scale at @fraction (0 = lowest value, 1 = highest), interpolated
 * between stops in linear light so the middle does not go muddy. */
void
tally_chart_theme_get_heat_color (const TallyChartTheme *theme,
                                  double                 fraction,
                                  TallyRgba             *rgba)
{
  const TallyRgba *a, *b;
  double pos, t;
  guint i;

  g_return_if_fail (theme != NULL && rgba != NULL);

  if (isnan (fraction))
    fraction = 0;
  pos = CLAMP (fraction, 0, 1) * (TALLY_CHART_HEAT_STOPS - 1);
  i = MIN ((guint) pos, TALLY_CHART_HEAT_STOPS - 2);
  t = pos - i;
  a = &theme->heat[i];
  b = &theme->heat[i + 1];

#define MIX(c) (float) pow (pow (a->c, 2.2) * (1 - t) + pow (b->c, 2.2) * t, 1 / 2.2)
  *rgba = (TallyRgba) { MIX (red), MIX (green), MIX (blue), 1 };
#undef MIX
}

gboolean
tally_chart_theme_is_dark (const TallyChartTheme *theme)
{
  g_return_val_if_fail (theme != NULL, FALSE);

  return theme->dark;
}

gboolean
tally_chart_theme_is_high_contrast (const TallyChartTheme *theme)
{
  g_return_val_if_fail (theme != NULL, FALSE);

  return theme->high_contrast;
}

void
tally_chart_theme_set_high_contrast (TallyChartTheme *theme,
                                     gboolean         high_contrast)
{
  g_return_if_fail (theme != NULL);

  theme->high_contrast = !!high_contrast;
  derive_shades (theme);
}

/* @family as GTK's font name gives it ("Cantarell"), @size_pt in points
 * at 96 dpi, as GTK does. */
void
tally_chart_theme_set_font (TallyChartTheme *theme,
                            const char      *family,
                            double           size_pt)
{
  g_return_if_fail (theme != NULL);
  g_return_if_fail (family != NULL && size_pt > 0);

  g_free (theme->font_family);
  theme->font_family = g_strdup (family);
  theme->font_size = size_pt;
  theme->serial++;
}

const char *
tally_chart_theme_get_font_family (const TallyChartTheme *theme)
{
  g_return_val_if_fail (theme != NULL, NULL);

  return theme->font_family;
}

double
tally_chart_theme_get_font_size (const TallyChartTheme *theme)
{
  g_return_val_if_fail (theme != NULL, 0);

  return theme->font_size;
}

/* Device pixels per unit: the widget's scale factor. Decimation and pixel
 * snapping use it when the cairo_t cannot tell (GTK records cairo nodes on
 * a surface of scale 1 and scales them later). */
void
tally_chart_theme_set_scale (TallyChartTheme *theme,
                             double           scale)
{
  g_return_if_fail (theme != NULL);
  g_return_if_fail (scale > 0);

  theme->scale = scale;
  theme->serial++;
}

double
tally_chart_theme_get_scale (const TallyChartTheme *theme)
{
  g_return_val_if_fail (theme != NULL, 1);

  return theme->scale;
}

void
tally_chart_theme_set_clock_12h (TallyChartTheme *theme,
                                 gboolean         clock_12h)
{
  g_return_if_fail (theme != NULL);

  theme->clock_12h = !!clock_12h;
  theme->serial++;
}

gboolean
tally_chart_theme_get_clock_12h (const TallyChartTheme *theme)
{
  g_return_val_if_fail (theme != NULL, FALSE);

  return theme->clock_12h;
}

/* Changes with every setter: caches keyed on a theme compare it. */
guint
tally_chart_theme_get_serial (const TallyChartTheme *theme)
{
  g_return_val_if_fail (theme != NULL, 0);

  return theme->serial;
}
