/* tally-chart-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Drawing that every chart type shares, so the states and the hover layer
 * look the same on a line chart and on a table: the centred message of
 * the loading / no data / error states, the error strip over a chart that
 * keeps its last good data, and the tooltip box. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-chart-private.h"

#define TOOLTIP_PADDING 8.0
#define TOOLTIP_OFFSET 14.0
#define TOOLTIP_MAX_WIDTH 280.0
#define TOOLTIP_MAX_LINES 14

void
tally_cairo_set_color (cairo_t         *cr,
                       const TallyRgba *color,
                       double           alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* @v moved to the middle of a device pixel, for crisp one-pixel lines. */
double
tally_snap (double v,
            double scale)
{
  return (floor (v * scale) + 0.5) / scale;
}

void
tally_cairo_rounded_rect (cairo_t *cr,
                          double   x,
                          double   y,
                          double   width,
                          double   height,
                          double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

gboolean
tally_rect_contains (const cairo_rectangle_t *rect,
                     double                   x,
                     double                   y)
{
  return x >= rect->x && y >= rect->y && x < rect->x + rect->width && y < rect->y + rect->height;
}

/* A state, centred in @area: "Loading…", "No data in this range", an error. */
void
tally_chart_draw_message (TallyChart              *self,
                          cairo_t                 *cr,
                          const cairo_rectangle_t *area,
                          const char              *message,
                          const TallyRgba         *color)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (area->width <= 0 || area->height <= 0)
    return;
  layout = tally_text_paragraph (self->text, TALLY_TEXT_BODY, message, area->width, 4,
                                 PANGO_ALIGN_CENTER);
  tally_text_draw (cr, layout, area->x, area->y + area->height / 2, 0, 0.5, color);
}

/* The last good data stays; a strip along the top says what failed. */
void
tally_chart_draw_error_strip (TallyChart *self,
                              cairo_t    *cr,
                              const char *message)
{
  double height = tally_text_line_height (self->text, TALLY_TEXT_SMALL) + 4;
  PangoLayout *layout;

  tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_BACKGROUND), 0.9);
  cairo_rectangle (cr, 0, 0, self->width, height);
  cairo_fill (cr);
  tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_ERROR_BG), 0.2);
  cairo_rectangle (cr, 0, 0, self->width, height);
  cairo_fill (cr);
  layout = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, message,
                              self->width - 2 * TALLY_CHART_PADDING);
  tally_text_draw (cr, layout, TALLY_CHART_PADDING, height / 2, 0, 0.5,
                   tally_chart_color (self, TALLY_CHART_COLOR_ERROR));
}

/* The first line of a tooltip (the time, the category) is bold. */
static void
embolden_first_line (PangoLayout *layout,
                     const char  *text)
{
  const char *newline = strchr (text, '\n');
  PangoAttrList *attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));
  PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

  bold->start_index = 0;
  bold->end_index = newline != NULL ? (guint) (newline - text) : G_MAXUINT;
  pango_attr_list_insert (attrs, bold);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* The tooltip box for @hit, beside the point it is about and inside the
 * chart. */
void
tally_chart_draw_tooltip (TallyChart          *self,
                          cairo_t             *cr,
                          const TallyChartHit *hit)
{
  g_autoptr(PangoLayout) layout = NULL;
  double width, height, x, y;

  if (hit->text == NULL || *hit->text == '\0')
    return;

  layout = tally_text_paragraph (self->text, TALLY_TEXT_BODY, hit->text, TOOLTIP_MAX_WIDTH,
                                 TOOLTIP_MAX_LINES, PANGO_ALIGN_LEFT);
  embolden_first_line (layout, hit->text);
  tally_text_size (layout, &width, &height);
  width += 2 * TOOLTIP_PADDING;
  height += 2 * TOOLTIP_PADDING;

  x = hit->x + TOOLTIP_OFFSET;
  if (x + width > self->width)
    x = hit->x - TOOLTIP_OFFSET - width;
  x = CLAMP (x, 0, MAX (self->width - width, 0));
  y = CLAMP (hit->y - height / 2, 0, MAX (self->height - height, 0));

  tally_cairo_rounded_rect (cr, x + 0.5, y + 0.5, width - 1, height - 1, 6);
  tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_TOOLTIP_BG), 1);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1);
  tally_cairo_set_color (cr, tally_chart_shade (self, TALLY_CHART_SHADE_BORDER), 1);
  cairo_stroke (cr);
  tally_text_draw (cr, layout, x + TOOLTIP_PADDING, y + TOOLTIP_PADDING, 0, 0,
                   tally_chart_color (self, TALLY_CHART_COLOR_TOOLTIP_FG));
}

/* Joins @lines (char *) with newlines. */
char *
tally_chart_join_lines (GPtrArray *lines)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, g_ptr_array_index (lines, i));
    }

  return g_string_free (out, FALSE);
}
