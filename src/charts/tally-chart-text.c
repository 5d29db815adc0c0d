/* tally-chart-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Text for the renderers. Shaping is the dearest part of drawing a chart
 * once the series are decimated, and the same labels come back on every
 * frame (axis ticks, legend names), so laid-out PangoLayouts are kept by
 * (style, size, width, text) and reused; the cache empties itself when it
 * grows past a few hundred entries. One PangoContext per chart, made once
 * on the default cairo font map: no font map churn per frame.
 *
 * Metrics are unhinted so a layout measured for the window is the layout
 * drawn into a PDF: sizes are in user-space pixels at 96 dpi, GTK's. */

#include "config.h"

#include "tally-chart-text.h"

#define MAX_ENTRIES 512

struct _TallyText
{
  PangoContext         *context;
  PangoFontDescription *fonts[TALLY_N_TEXT_STYLES];
  double                sizes[TALLY_N_TEXT_STYLES];
  double                line_heights[TALLY_N_TEXT_STYLES];
  GHashTable           *layouts;      /* key string -> PangoLayout */
  PangoAttrList        *attrs;
  const TallyChartTheme *theme;
  guint                 serial;
};

static const double style_scale[TALLY_N_TEXT_STYLES] = { 0.85, 1, 1, 2 };

TallyText *
tally_text_new (const TallyChartTheme *theme)
{
  TallyText *self = g_new0 (TallyText, 1);
  cairo_font_options_t *options = cairo_font_options_create ();
  double body = tally_chart_theme_get_font_size (theme) * 96.0 / 72.0;

  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 96);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < TALLY_N_TEXT_STYLES; i++)
    {
      PangoFontDescription *font = pango_font_description_new ();

      pango_font_description_set_family (font, tally_chart_theme_get_font_family (theme));
      self->sizes[i] = body * style_scale[i];
      pango_font_description_set_absolute_size (font, self->sizes[i] * PANGO_SCALE);
      if (i == TALLY_TEXT_BOLD || i == TALLY_TEXT_VALUE)
        pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      self->fonts[i] = font;
    }

  /* Tabular figures: numbers in a column or on an axis line up. */
  self->attrs = pango_attr_list_new ();
  pango_attr_list_insert (self->attrs, pango_attr_font_features_new ("tnum=1"));
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->theme = theme;
  self->serial = tally_chart_theme_get_serial (theme);

  for (guint i = 0; i < TALLY_N_TEXT_STYLES; i++)
    {
      PangoLayout *layout = tally_text_layout (self, i, 0, "Xg", -1);
      double w;

      tally_text_size (layout, &w, &self->line_heights[i]);
    }

  return self;
}

void
tally_text_free (TallyText *text)
{
  if (text == NULL)
    return;

  g_hash_table_unref (text->layouts);
  pango_attr_list_unref (text->attrs);
  for (guint i = 0; i < TALLY_N_TEXT_STYLES; i++)
    pango_font_description_free (text->fonts[i]);
  g_object_unref (text->context);
  g_free (text);
}

/* Whether the cache was made for @theme as it is now. */
gboolean
tally_text_matches (TallyText             *text,
                    const TallyChartTheme *theme)
{
  return text != NULL && text->theme == theme &&
         text->serial == tally_chart_theme_get_serial (theme);
}

/* A layout of @string in @style (at @size_px for TALLY_TEXT_VALUE, or 0
 * for the style's size), ellipsised at @max_width when it is positive.
 * The layout belongs to the cache: do not change it. */
PangoLayout *
tally_text_layout (TallyText      *text,
                   TallyTextStyle  style,
                   double          size_px,
                   const char     *string,
                   double          max_width)
{
  g_autofree char *key = NULL;
  PangoLayout *layout;

  g_return_val_if_fail (style < TALLY_N_TEXT_STYLES, NULL);

  if (string == NULL)
    string = "";
  size_px = size_px > 0 ? size_px : text->sizes[style];
  max_width = max_width > 0 ? max_width : -1;
  key = g_strdup_printf ("%u|%.1f|%.1f|%s", style, size_px, max_width, string);
  layout = g_hash_table_lookup (text->layouts, key);
  if (layout != NULL)
    return layout;

  if (g_hash_table_size (text->layouts) >= MAX_ENTRIES)
    g_hash_table_remove_all (text->layouts);

  layout = pango_layout_new (text->context);
  if (size_px != text->sizes[style])
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_copy (text->fonts[style]);

      pango_font_description_set_absolute_size (font, size_px * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
    }
  else
    pango_layout_set_font_description (layout, text->fonts[style]);
  pango_layout_set_attributes (layout, text->attrs);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
    }
  pango_layout_set_text (layout, string, -1);
  g_hash_table_insert (text->layouts, g_steal_pointer (&key), layout);

  return layout;
}

/* A new layout (the caller owns it) of @string wrapped at @width, at most
 * @max_lines lines, for messages and tooltips: not cached, they change. */
PangoLayout *
tally_text_paragraph (TallyText      *text,
                      TallyTextStyle  style,
                      const char     *string,
                      double          width,
                      int             max_lines,
                      PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (text->context);

  pango_layout_set_font_description (layout, text->fonts[style]);
  pango_layout_set_attributes (layout, text->attrs);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -MAX (max_lines, 1));
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, string != NULL ? string : "", -1);

  return layout;
}

double
tally_text_style_size (TallyText      *text,
                       TallyTextStyle  style)
{
  return text->sizes[style];
}

/* The height of one line of @style. */
double
tally_text_line_height (TallyText      *text,
                        TallyTextStyle  style)
{
  return text->line_heights[style];
}

/* The logical size of @layout in user-space pixels. */
void
tally_text_size (PangoLayout *layout,
                 double      *width,
                 double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Draws @layout with the point (@x, @y) at its (@align_x, @align_y)
 * fraction: (0, 0) top left, (0.5, 0.5) centre, (1, 0.5) right middle. */
void
tally_text_draw (cairo_t         *cr,
                 PangoLayout     *layout,
                 double           x,
                 double           y,
                 double           align_x,
                 double           align_y,
                 const TallyRgba *color)
{
  double width, height;

  tally_text_size (layout, &width, &height);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
  cairo_move_to (cr, x - width * align_x, y - height * align_y);
  pango_cairo_show_layout (cr, layout);
}
