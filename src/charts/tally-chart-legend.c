/* tally-chart-legend.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The legend: a swatch and a name per series (and a detail such as a
 * slice's share), under the plot in rows or beside it in a column. A
 * hidden series keeps its entry, hollow and dimmed, so a click brings it
 * back; entries that do not fit fold into "+N". The chart keeps the
 * entries' rectangles for tally_chart_legend_hit_test(). */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-chart-private.h"

#define ITEM_SPACING 16.0
#define MAX_NAME_WIDTH 160.0
#define MAX_ROWS 3

typedef struct
{
  char              *name;
  char              *detail;
  TallyRgba          color;
  gboolean           hidden;
  gboolean           shown;
  cairo_rectangle_t  rect;
} Item;

struct _TallyLegend
{
  GArray            *items;       /* Item */
  guint              n_shown;
  double             row_height;
  double             name_width;  /* the widest name, capped, in a side legend */
  double             detail_width;
  cairo_rectangle_t  more;        /* where "+N" goes, when some did not fit */
};

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->name);
  g_free (item->detail);
}

TallyLegend *
tally_legend_new (void)
{
  TallyLegend *self = g_new0 (TallyLegend, 1);

  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);

  return self;
}

void
tally_legend_free (TallyLegend *legend)
{
  if (legend == NULL)
    return;

  g_array_unref (legend->items);
  g_free (legend);
}

void
tally_legend_add (TallyLegend     *legend,
                  const char      *name,
                  const TallyRgba *color,
                  gboolean         hidden,
                  const char      *detail)
{
  Item item = { g_strdup (name), g_strdup (detail), *color, hidden, FALSE, { 0 } };

  g_array_append_val (legend->items, item);
}

guint
tally_legend_get_n_shown (TallyLegend *legend)
{
  return legend->n_shown;
}

static double
text_width (TallyChart *self,
            const char *string,
            double      max_width)
{
  double w;

  tally_text_size (tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, string, max_width), &w, NULL);
  return w;
}

static double
item_width (TallyLegend *legend,
            TallyChart  *self,
            const Item  *item)
{
  double w = TALLY_CHART_SWATCH + TALLY_CHART_GAP + text_width (self, item->name, MAX_NAME_WIDTH);

  if (item->detail != NULL)
    w += TALLY_CHART_GAP + text_width (self, item->detail, -1);
  return w;
}

/* Rows under the plot, left to right. */
static double
layout_rows (TallyLegend             *legend,
             TallyChart              *self,
             const cairo_rectangle_t *area,
             guint                    max_rows)
{
  double x = 0, more_width = text_width (self, "+99", -1) + ITEM_SPACING;
  guint row = 0;

  for (guint i = 0; i < legend->items->len; i++)
    {
      Item *item = &g_array_index (legend->items, Item, i);
      double w = MIN (item_width (legend, self, item), area->width);
      gboolean last_row = row + 1 == max_rows;
      double room = area->width - (last_row && i + 1 < legend->items->len ? more_width : 0);

      if (x > 0 && x + w > room)
        {
          if (last_row)
            break;
          row++;
          x = 0;
        }
      item->rect = (cairo_rectangle_t) { area->x + x, row * legend->row_height, w, legend->row_height };
      item->shown = TRUE;
      legend->n_shown++;
      x += w + ITEM_SPACING;
    }
  legend->more = (cairo_rectangle_t) { area->x + x, row * legend->row_height, more_width,
                                       legend->row_height };
  return (row + 1) * legend->row_height;
}

/* One column beside the plot. */
static double
layout_column (TallyLegend             *legend,
               TallyChart              *self,
               const cairo_rectangle_t *area,
               guint                    max_rows)
{
  for (guint i = 0; i < legend->items->len; i++)
    {
      Item *item = &g_array_index (legend->items, Item, i);

      legend->name_width = MAX (legend->name_width, text_width (self, item->name, MAX_NAME_WIDTH));
      if (item->detail != NULL)
        legend->detail_width = MAX (legend->detail_width, text_width (self, item->detail, -1));
    }
  for (guint i = 0; i < legend->items->len && i < max_rows; i++)
    {
      Item *item = &g_array_index (legend->items, Item, i);

      if (i + 1 == max_rows && i + 1 < legend->items->len)
        break;
      item->rect = (cairo_rectangle_t) { 0, i * legend->row_height, 0, legend->row_height };
      item->shown = TRUE;
      legend->n_shown++;
    }
  legend->more = (cairo_rectangle_t) { 0, legend->n_shown * legend->row_height, 0, legend->row_height };

  return TALLY_CHART_SWATCH + TALLY_CHART_GAP + legend->name_width +
         (legend->detail_width > 0 ? TALLY_CHART_GAP + legend->detail_width : 0);
}

static void
place_column (TallyLegend       *legend,
              cairo_rectangle_t *area,
              double             width)
{
  guint n = legend->n_shown + (legend->n_shown < legend->items->len ? 1 : 0);
  double top = area->y + MAX (area->height - n * legend->row_height, 0) / 2;
  double x = area->x + area->width - width;

  for (guint i = 0; i < legend->items->len; i++)
    {
      Item *item = &g_array_index (legend->items, Item, i);

      item->rect.x = x;
      item->rect.y += top;
      item->rect.width = width;
    }
  legend->more.x = x;
  legend->more.y += top;
  legend->more.width = width;
  area->width = MAX (area->width - width - 2 * TALLY_CHART_GAP, 0);
}

/* Places the legend in @area, under it (or at its right when @side), and
 * shrinks @area to what is left for the plot. */
void
tally_legend_layout (TallyLegend       *legend,
                     TallyChart        *self,
                     cairo_rectangle_t *area,
                     gboolean           side)
{
  guint max_rows;

  legend->row_height = tally_text_line_height (self->text, TALLY_TEXT_SMALL) + 4;
  legend->n_shown = 0;

  if (side)
    {
      double width;

      max_rows = (guint) MAX (area->height / legend->row_height, 1);
      width = MIN (layout_column (legend, self, area, max_rows), area->width * 0.45);
      place_column (legend, area, width);
      return;
    }

  max_rows = (guint) CLAMP (area->height * 0.3 / legend->row_height, 1, MAX_ROWS);
  {
    double height = layout_rows (legend, self, area, max_rows);
    double top = area->y + area->height - height;

    for (guint i = 0; i < legend->items->len; i++)
      g_array_index (legend->items, Item, i).rect.y += top;
    legend->more.y += top;
    area->height = MAX (area->height - height - TALLY_CHART_GAP, 0);
  }
}

static void
draw_item (TallyLegend *legend,
           TallyChart  *self,
           cairo_t     *cr,
           const Item  *item)
{
  double cy = item->rect.y + item->rect.height / 2;
  double name_width = item->rect.width - TALLY_CHART_SWATCH - TALLY_CHART_GAP;
  TallyRgba fg = *tally_chart_color (self, TALLY_CHART_COLOR_FOREGROUND);
  PangoLayout *layout;

  if (item->hidden)
    fg.alpha *= 0.45;

  tally_cairo_rounded_rect (cr, item->rect.x + 0.75, cy - TALLY_CHART_SWATCH / 2 + 0.75,
                            TALLY_CHART_SWATCH - 1.5, TALLY_CHART_SWATCH - 1.5, 2.5);
  tally_cairo_set_color (cr, &item->color, 1);
  cairo_set_line_width (cr, 1.5);
  if (item->hidden)
    cairo_stroke (cr);
  else
    cairo_fill (cr);

  if (item->detail != NULL)
    {
      layout = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, item->detail, -1);
      tally_text_draw (cr, layout, item->rect.x + item->rect.width, cy, 1, 0.5,
                       tally_chart_shade (self, TALLY_CHART_SHADE_DIM));
      double detail = legend->detail_width > 0 ? legend->detail_width
                                               : text_width (self, item->detail, -1);

      name_width -= detail + TALLY_CHART_GAP;
    }
  layout = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, item->name,
                              MIN (MAX (name_width, 1), MAX_NAME_WIDTH));
  tally_text_draw (cr, layout, item->rect.x + TALLY_CHART_SWATCH + TALLY_CHART_GAP, cy, 0, 0.5, &fg);
}

void
tally_legend_draw (TallyLegend *legend,
                   TallyChart  *self,
                   cairo_t     *cr)
{
  for (guint i = 0; i < legend->items->len; i++)
    {
      const Item *item = &g_array_index (legend->items, Item, i);

      if (item->shown)
        draw_item (legend, self, cr, item);
    }

  if (legend->n_shown < legend->items->len)
    {
      g_autofree char *more = g_strdup_printf (_("+%u"), legend->items->len - legend->n_shown);
      PangoLayout *layout = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, more, -1);

      tally_text_draw (cr, layout, legend->more.x, legend->more.y + legend->more.height / 2, 0, 0.5,
                       tally_chart_shade (self, TALLY_CHART_SHADE_DIM));
    }
}

const char *
tally_legend_hit_test (TallyLegend *legend,
                       double       x,
                       double       y)
{
  for (guint i = 0; i < legend->items->len; i++)
    {
      const Item *item = &g_array_index (legend->items, Item, i);

      if (item->shown && tally_rect_contains (&item->rect, x, y))
        return item->name;
    }

  return NULL;
}
