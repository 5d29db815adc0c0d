/* tally-chart-theme-gtk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The charts' theme as the live GTK style says it: libadwaita's named
 * colours (light, dark, high contrast, and whatever a stylesheet redefines),
 * the interface font and the widget's scale factor. src/charts cannot ask
 * GTK, so the widgets build the theme here and hand it down.
 *
 * Every chart on a dashboard sees the same style, so they share one theme:
 * each lookup builds a candidate (a dozen colour lookups, cheap) and
 * returns the cached theme equal to it, so a chart given the theme it
 * already holds keeps its layout and text caches. The cache holds the few
 * styles in use (light, dark, a card background, two scale factors). */

#include "config.h"

#include <adwaita.h>

#include "tally-chart-theme-gtk.h"

#define CACHE_SIZE 8

static GPtrArray *cache;   /* TallyChartTheme *, most recently used first */

/* A chart on a card takes the card's colours, so the panel reads as one
 * surface; elsewhere it is a view, like a list. */
static gboolean
on_card (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (gtk_widget_has_css_class (w, "card"))
        return TRUE;
      if (gtk_widget_has_css_class (w, "view") || GTK_IS_ROOT (w))
        break;
    }

  return FALSE;
}

static gboolean
lookup_color (GtkStyleContext *context,
              const char      *name,
              TallyRgba       *rgba)
{
  GdkRGBA color;

  if (!gtk_style_context_lookup_color (context, name, &color))
    return FALSE;
  *rgba = (TallyRgba) { color.red, color.green, color.blue, color.alpha };
  return TRUE;
}

/* The card's colour as it shows. In the dark style it is a veil of white
 * over the window (rgba(255, 255, 255, 0.08)): a chart painting that veil
 * again over the card would stand out lighter than the card's header, so
 * it paints the veil and the window beneath it, opaque. */
static gboolean
card_background (GtkStyleContext *context,
                 TallyRgba       *rgba)
{
  TallyRgba below;

  if (!lookup_color (context, "card_bg_color", rgba))
    return FALSE;
  if (rgba->alpha >= 1 || !lookup_color (context, "window_bg_color", &below))
    return TRUE;

  rgba->red = rgba->red * rgba->alpha + below.red * (1 - rgba->alpha);
  rgba->green = rgba->green * rgba->alpha + below.green * (1 - rgba->alpha);
  rgba->blue = rgba->blue * rgba->alpha + below.blue * (1 - rgba->alpha);
  rgba->alpha = 1;
  return TRUE;
}

/* GTK's gtk-font-name, "Cantarell 11", as a family and a size in points. */
static void
set_font (TallyChartTheme *theme,
          GtkWidget       *widget)
{
  g_autofree char *name = NULL;
  PangoFontDescription *desc;
  const char *family;
  double size;

  g_object_get (gtk_widget_get_settings (widget), "gtk-font-name", &name, NULL);
  if (name == NULL)
    return;
  desc = pango_font_description_from_string (name);
  family = pango_font_description_get_family (desc);
  size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;
  /* An absolute size is in device units at 96 dpi: 4/3 of a point. */
  if (pango_font_description_get_size_is_absolute (desc))
    size *= 0.75;
  if (family != NULL && size > 0)
    tally_chart_theme_set_font (theme, family, size);
  pango_font_description_free (desc);
}

static TallyChartTheme *
theme_new_for_widget (GtkWidget *widget)
{
  AdwStyleManager *manager = adw_style_manager_get_for_display (gtk_widget_get_display (widget));
  gboolean dark = adw_style_manager_get_dark (manager);
  gboolean high_contrast = adw_style_manager_get_high_contrast (manager);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  TallyChartTheme *theme;
  TallyRgba rgba;
  gboolean card;

  if (high_contrast)
    theme = tally_chart_theme_new (dark ? TALLY_CHART_THEME_HIGH_CONTRAST_DARK
                                        : TALLY_CHART_THEME_HIGH_CONTRAST);
  else
    theme = tally_chart_theme_new (dark ? TALLY_CHART_THEME_DARK : TALLY_CHART_THEME_LIGHT);

  card = on_card (widget);
  for (guint c = 0; c < TALLY_CHART_N_COLORS; c++)
    {
      const char *name = tally_chart_color_get_style_name (c);

      if (card && c == TALLY_CHART_COLOR_BACKGROUND)
        {
          if (card_background (context, &rgba))
            tally_chart_theme_set_color (theme, c, &rgba);
          continue;
        }
      if (card && c == TALLY_CHART_COLOR_FOREGROUND)
        name = "card_fg_color";
      if (lookup_color (context, name, &rgba))
        tally_chart_theme_set_color (theme, c, &rgba);
    }
  tally_chart_theme_set_high_contrast (theme, high_contrast);
  set_font (theme, widget);
  tally_chart_theme_set_scale (theme, gtk_widget_get_scale_factor (widget));

  return theme;
}

/* Whether two themes draw alike (their serials aside). */
gboolean
tally_chart_theme_gtk_equal (const TallyChartTheme *a,
                             const TallyChartTheme *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint c = 0; c < TALLY_CHART_N_COLORS; c++)
    if (!tally_rgba_equal (tally_chart_theme_get_color (a, c), tally_chart_theme_get_color (b, c)))
      return FALSE;

  return tally_chart_theme_is_high_contrast (a) == tally_chart_theme_is_high_contrast (b) &&
         tally_chart_theme_get_scale (a) == tally_chart_theme_get_scale (b) &&
         tally_chart_theme_get_font_size (a) == tally_chart_theme_get_font_size (b) &&
         tally_chart_theme_get_clock_12h (a) == tally_chart_theme_get_clock_12h (b) &&
         g_strcmp0 (tally_chart_theme_get_font_family (a),
                    tally_chart_theme_get_font_family (b)) == 0;
}

/* The theme for charts drawn in @widget, shared with every other widget
 * of the same style. Transfer full; treat it as read-only. */
TallyChartTheme *
tally_chart_theme_gtk_lookup (GtkWidget *widget)
{
  g_autoptr(TallyChartTheme) candidate = NULL;
  TallyChartTheme *theme;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  candidate = theme_new_for_widget (widget);
  if (cache == NULL)
    cache = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_chart_theme_unref);

  for (guint i = 0; i < cache->len; i++)
    {
      theme = g_ptr_array_index (cache, i);
      if (tally_chart_theme_gtk_equal (theme, candidate))
        {
          theme = g_ptr_array_steal_index (cache, i);
          g_ptr_array_insert (cache, 0, theme);
          return tally_chart_theme_ref (theme);
        }
    }

  if (cache->len == CACHE_SIZE)
    g_ptr_array_remove_index (cache, CACHE_SIZE - 1);
  g_ptr_array_insert (cache, 0, tally_chart_theme_ref (candidate));

  return g_steal_pointer (&candidate);
}
