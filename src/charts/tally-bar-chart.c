/* tally-bar-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Bar charts: categories (cost per model) as vertical or horizontal bars,
 * and timeseries (requests per hour per status class) as bars per bucket,
 * side by side or stacked. Bars start at zero and go down for negative
 * values. The geometry of every bar is computed once per layout, so a
 * redraw fills rectangles and a hit test is arithmetic. When buckets are
 * narrower than a few device pixels, bars would be noise: each device
 * column then shows the tallest bucket that falls in it (the bar chart's
 * decimation), bounding the work by the width again. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-chart-private.h"
#include "tally-format.h"

#define BAR_FILL 0.72          /* of a slot */
#define MAX_BAR_WIDTH 56.0
#define MIN_LABEL_SPACING 44.0
#define DENSE_SLOT 3.0         /* device pixels per bucket below which bars decimate */

typedef struct
{
  cairo_rectangle_t rect;
  int               series;    /* frame series, or -1 for a category */
  guint             item;      /* bucket or category */
  double            value;
} Bar;

typedef struct
{
  gboolean           timeseries;
  gboolean           horizontal;
  gboolean           stacked;
  TallyValueAxis     v;
  TallyTimeAxis      t;
  cairo_rectangle_t  plot;
  double             label_width;
  guint              n_items;
  double             slot;
  guint              label_every;
  GArray            *bars;
  /* dense timeseries */
  gboolean           dense;
  guint              n_columns;
  double            *columns;   /* n_series × n_columns; NAN where empty */
} BarLayout;

static gboolean
bar_accepts (TallyShape shape)
{
  return shape == TALLY_SHAPE_CATEGORIES || shape == TALLY_SHAPE_TIMESERIES;
}

static void
bar_free (gpointer data)
{
  BarLayout *layout = data;

  tally_value_axis_clear (&layout->v);
  if (layout->timeseries)
    tally_time_axis_clear (&layout->t);
  g_array_unref (layout->bars);
  g_free (layout->columns);
  g_free (layout);
}

static const char *
item_name (TallyChart *self,
           int         series,
           guint       item)
{
  if (series >= 0)
    return tally_frame_get_series_name (self->frame, series);
  return tally_frame_get_category_label (self->frame, item);
}

static gboolean
shown (TallyChart *self,
       guint       series)
{
  return !tally_chart_is_hidden (self, tally_frame_get_series_name (self->frame, series));
}

/* The range the bars span, always with zero: stacks sum their positive and
 * their negative parts apart. */
static void
value_range (TallyChart      *self,
             const BarLayout *layout,
             double          *lo,
             double          *hi)
{
  *lo = *hi = 0;
  for (guint b = 0; b < layout->n_items; b++)
    {
      double up = 0, down = 0;

      if (!layout->timeseries)
        {
          double v = tally_frame_get_category_value (self->frame, b);

          if (isfinite (v) && !tally_chart_is_hidden (self, item_name (self, -1, b)))
            up = MAX (v, 0), down = MIN (v, 0);
        }
      for (guint i = 0; layout->timeseries && i < tally_frame_get_n_series (self->frame); i++)
        {
          double v = tally_frame_get_series_values (self->frame, i)[b];

          if (!isfinite (v) || !shown (self, i))
            continue;
          if (layout->stacked)
            up += MAX (v, 0), down += MIN (v, 0);
          else
            up = MAX (up, v), down = MIN (down, v);
        }
      *lo = MIN (*lo, down);
      *hi = MAX (*hi, up);
    }
}

/* Along the value axis: from @from to @to, in pixels. */
static void
bar_extent (const BarLayout *layout,
            double           from,
            double           to,
            double           along,
            double           thickness,
            cairo_rectangle_t *rect)
{
  const cairo_rectangle_t *p = &layout->plot;

  if (layout->horizontal)
    {
      double a = tally_value_axis_map (&layout->v, from, p->x, p->x + p->width);
      double b = tally_value_axis_map (&layout->v, to, p->x, p->x + p->width);

      *rect = (cairo_rectangle_t) { MIN (a, b), along, fabs (b - a), thickness };
    }
  else
    {
      double a = tally_value_axis_map (&layout->v, from, p->y + p->height, p->y);
      double b = tally_value_axis_map (&layout->v, to, p->y + p->height, p->y);

      *rect = (cairo_rectangle_t) { along, MIN (a, b), thickness, fabs (b - a) };
    }
}

static void
add_bar (BarLayout *layout,
         int        series,
         guint      item,
         double     value,
         double     from,
         double     to,
         double     along,
         double     thickness)
{
  Bar bar = { { 0 }, series, item, value };

  bar_extent (layout, from, to, along, thickness, &bar.rect);
  g_array_append_val (layout->bars, bar);
}

static void
place_category_bars (TallyChart *self,
                     BarLayout  *layout)
{
  double start = layout->horizontal ? layout->plot.y : layout->plot.x;
  double thickness = MIN (layout->slot * BAR_FILL, MAX_BAR_WIDTH);

  for (guint i = 0; i < layout->n_items; i++)
    {
      double v = tally_frame_get_category_value (self->frame, i);
      double along = start + i * layout->slot + (layout->slot - thickness) / 2;

      if (!isfinite (v) || tally_chart_is_hidden (self, item_name (self, -1, i)))
        continue;
      add_bar (layout, -1, i, v, 0, v, along, thickness);
    }
}

static void
place_series_bars (TallyChart *self,
                   BarLayout  *layout)
{
  guint n_series = tally_frame_get_n_series (self->frame), n_shown = 0;
  double group, thickness;

  for (guint i = 0; i < n_series; i++)
    n_shown += shown (self, i);
  group = MIN (layout->slot * BAR_FILL, MAX_BAR_WIDTH * MAX (n_shown, 1));
  thickness = layout->stacked ? group : group / MAX (n_shown, 1);

  for (guint b = 0; b < layout->n_items; b++)
    {
      double along = layout->plot.x + b * layout->slot + (layout->slot - group) / 2;
      double up = 0, down = 0;

      for (guint i = 0, k = 0; i < n_series; i++)
        {
          double v = tally_frame_get_series_values (self->frame, i)[b];
          double base = v >= 0 ? up : down;

          if (!shown (self, i))
            continue;
          k++;
          if (!isfinite (v))
            continue;
          if (layout->stacked)
            {
              add_bar (layout, i, b, v, base, base + v, along, thickness);
              *(v >= 0 ? &up : &down) += v;
            }
          else
            add_bar (layout, i, b, v, 0, v, along + (k - 1) * thickness, thickness);
        }
    }
}

/* Bars too thin to see: per device column and series, the tallest value
 * (stacked: the tallest stack top) among the buckets in that column. */
static void
place_dense_columns (TallyChart *self,
                     BarLayout  *layout)
{
  guint n_series = tally_frame_get_n_series (self->frame);
  double k = layout->n_columns / (layout->t.t1 - layout->t.t0);
  const gint64 *buckets = tally_frame_get_buckets (self->frame, NULL);

  layout->columns = g_new (double, (gsize) n_series * layout->n_columns);
  for (gsize i = 0; i < (gsize) n_series * layout->n_columns; i++)
    layout->columns[i] = NAN;

  for (guint b = 0; b < layout->n_items; b++)
    {
      guint c = MIN ((guint) ((buckets[b] - layout->t.t0) * k), layout->n_columns - 1);
      double top = 0;

      for (guint i = 0; i < n_series; i++)
        {
          double v = tally_frame_get_series_values (self->frame, i)[b];
          double *cell = &layout->columns[(gsize) i * layout->n_columns + c];

          if (!shown (self, i) || !isfinite (v))
            continue;
          top = layout->stacked ? top + v : v;
          if (isnan (*cell) || fabs (top) > fabs (*cell))
            *cell = top;
        }
    }
}

static void
add_legend (TallyChart        *self,
            cairo_rectangle_t *area)
{
  guint n_series = tally_frame_get_n_series (self->frame);
  TallyLegend *legend;

  if (!tally_chart_show_legend (self, n_series))
    return;
  legend = tally_legend_new ();
  for (guint i = 0; i < n_series; i++)
    {
      const char *name = tally_frame_get_series_name (self->frame, i);

      tally_legend_add (legend, name, tally_chart_series_color (self, i, name), !shown (self, i), NULL);
    }
  tally_legend_layout (legend, self, area, FALSE);
  tally_chart_set_legend (self, legend);
}

static double
widest_label (TallyChart *self,
              guint       n_items)
{
  double widest = 0;

  for (guint i = 0; i < n_items; i++)
    {
      double w;

      tally_text_size (tally_text_layout (self->text, TALLY_TEXT_SMALL, 0,
                                          tally_frame_get_category_label (self->frame, i), -1),
                       &w, NULL);
      widest = MAX (widest, w);
    }

  return widest;
}

static void
layout_horizontal (TallyChart              *self,
                   BarLayout               *layout,
                   const cairo_rectangle_t *area,
                   double                   lo,
                   double                   hi)
{
  double line = tally_text_line_height (self->text, TALLY_TEXT_SMALL);
  double left = MIN (widest_label (self, layout->n_items), area->width * 0.35);
  double right = 16;

  layout->label_width = left;
  layout->plot.x = area->x + left + TALLY_CHART_GAP;
  layout->plot.width = MAX (area->width - left - TALLY_CHART_GAP - right, 1);
  layout->plot.y = area->y;
  layout->plot.height = MAX (area->height - line - 3, 1);
  tally_value_axis_compute (&layout->v, self, lo, hi, layout->plot.width, FALSE);
  layout->slot = layout->plot.height / MAX (layout->n_items, 1);
}

static gpointer
bar_layout (TallyChart              *self,
            const cairo_rectangle_t *content)
{
  BarLayout *layout = g_new0 (BarLayout, 1);
  cairo_rectangle_t area = *content;
  double lo, hi, line = tally_text_line_height (self->text, TALLY_TEXT_SMALL);

  layout->timeseries = tally_frame_get_shape (self->frame) == TALLY_SHAPE_TIMESERIES;
  layout->horizontal = !layout->timeseries &&
                       self->options->bar.orientation == TALLY_ORIENTATION_HORIZONTAL;
  layout->stacked = layout->timeseries && self->options->bar.stack;
  layout->bars = g_array_new (FALSE, FALSE, sizeof (Bar));
  if (layout->timeseries)
    {
      tally_frame_get_buckets (self->frame, &layout->n_items);
      add_legend (self, &area);
    }
  else
    layout->n_items = tally_frame_get_n_categories (self->frame);
  value_range (self, layout, &lo, &hi);

  if (layout->horizontal)
    {
      layout_horizontal (self, layout, &area, lo, hi);
      place_category_bars (self, layout);
      return layout;
    }

  tally_chart_layout_plot (self, &area, lo, hi, line + 3, &layout->v, &layout->plot);
  layout->slot = layout->plot.width / MAX (layout->n_items, 1);
  layout->label_every = (guint) ceil (MIN_LABEL_SPACING / MAX (layout->slot, 1e-3));
  if (!layout->timeseries)
    {
      place_category_bars (self, layout);
      return layout;
    }

  {
    const gint64 *buckets = tally_frame_get_buckets (self->frame, NULL);
    gint64 interval = MAX (tally_frame_get_interval (self->frame), 1);
    double scale = tally_chart_theme_get_scale (self->theme);

    tally_time_axis_compute (&layout->t, self, buckets[0], buckets[layout->n_items - 1] + interval,
                             layout->plot.width);
    layout->dense = layout->slot * scale < DENSE_SLOT;
    layout->n_columns = (guint) MAX (ceil (layout->plot.width * scale), 1);
    if (layout->dense)
      place_dense_columns (self, layout);
    else
      place_series_bars (self, layout);
  }

  return layout;
}

static const TallyRgba *
bar_color (TallyChart *self,
           const Bar  *bar)
{
  const char *name = item_name (self, bar->series, bar->item);
  const TallyRgba *base = bar->series >= 0 ? tally_chart_series_color (self, bar->series, name)
                                           : tally_chart_series_color (self, 0, name);

  return tally_chart_threshold_color (self, bar->value, TRUE, base);
}

/* A bar with its outer corners rounded, as GNOME Settings draws them. */
static void
path_bar (cairo_t         *cr,
          const BarLayout *layout,
          const Bar       *bar)
{
  const cairo_rectangle_t *r = &bar->rect;
  double thickness = layout->horizontal ? r->height : r->width;

  if (layout->stacked || thickness < 8)
    {
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      return;
    }
  tally_cairo_rounded_rect (cr, r->x, r->y, r->width, r->height, MIN (3, thickness / 4));
}

static void
draw_dense (TallyChart *self,
            BarLayout  *layout,
            cairo_t    *cr)
{
  guint n_series = tally_frame_get_n_series (self->frame), n_shown = 0;
  double px = layout->plot.width / layout->n_columns;
  double zero = tally_value_axis_map (&layout->v, 0, layout->plot.y + layout->plot.height,
                                      layout->plot.y);

  for (guint i = 0; i < n_series; i++)
    n_shown += shown (self, i);

  /* Top of the stack first, so each lower series paints over its part;
   * side by side series overlap, slightly see-through. */
  for (guint n = 0; n < n_series; n++)
    {
      guint i = layout->stacked ? n_series - 1 - n : n;
      const char *name = tally_frame_get_series_name (self->frame, i);

      for (guint c = 0; c < layout->n_columns; c++)
        {
          double v = layout->columns[(gsize) i * layout->n_columns + c];
          double y;

          if (isnan (v))
            continue;
          y = tally_value_axis_map (&layout->v, v, layout->plot.y + layout->plot.height, layout->plot.y);
          cairo_rectangle (cr, layout->plot.x + c * px, MIN (y, zero), px, fabs (zero - y));
        }
      tally_cairo_set_color (cr, tally_chart_series_color (self, i, name),
                             layout->stacked || n_shown == 1 ? 1 : 0.8);
      cairo_fill (cr);
    }
}

static void
draw_category_labels (TallyChart *self,
                      BarLayout  *layout,
                      cairo_t    *cr)
{
  const TallyRgba *dim = tally_chart_shade (self, TALLY_CHART_SHADE_DIM);

  for (guint i = 0; i < layout->n_items; i++)
    {
      const char *label = tally_frame_get_category_label (self->frame, i);
      PangoLayout *text;

      if (layout->horizontal)
        {
          text = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, label, layout->label_width);
          tally_text_draw (cr, text, layout->plot.x - TALLY_CHART_GAP,
                           layout->plot.y + (i + 0.5) * layout->slot, 1, 0.5, dim);
          continue;
        }
      if (i % MAX (layout->label_every, 1) != 0)
        continue;
      text = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, label,
                                layout->slot * MAX (layout->label_every, 1) - 4);
      tally_text_draw (cr, text, layout->plot.x + (i + 0.5) * layout->slot,
                       layout->plot.y + layout->plot.height + 3, 0.5, 0, dim);
    }
}

static void
bar_draw (TallyChart *self,
          gpointer    data,
          cairo_t    *cr)
{
  BarLayout *layout = data;

  tally_value_axis_draw (&layout->v, self, cr, &layout->plot, !layout->horizontal);
  if (layout->timeseries)
    tally_time_axis_draw (&layout->t, self, cr, &layout->plot);
  else
    draw_category_labels (self, layout, cr);

  if (layout->dense)
    draw_dense (self, layout, cr);
  for (guint i = 0; i < layout->bars->len; i++)
    {
      const Bar *bar = &g_array_index (layout->bars, Bar, i);

      path_bar (cr, layout, bar);
      tally_cairo_set_color (cr, bar_color (self, bar), 1);
      cairo_fill (cr);
    }
  tally_chart_draw_thresholds (self, cr, &layout->v, &layout->plot, !layout->horizontal);
}

/* The item (bucket or category) under the pointer, or -1. */
static int
item_at (const BarLayout *layout,
         double           x,
         double           y)
{
  double pos = layout->horizontal ? y - layout->plot.y : x - layout->plot.x;
  double other = layout->horizontal ? x - layout->plot.x : y - layout->plot.y;
  double other_size = layout->horizontal ? layout->plot.width : layout->plot.height;
  int i = (int) floor (pos / layout->slot);

  if (other < 0 || other > other_size || i < 0 || i >= (int) layout->n_items)
    return -1;
  return i;
}

static char *
bucket_tooltip (TallyChart *self,
                guint       b)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const gint64 *buckets = tally_frame_get_buckets (self->frame, NULL);
  double total = 0;
  guint n = 0;

  g_ptr_array_add (lines, tally_chart_format_time (self, buckets[b], tally_chart_hover_time_format (
                                                     tally_frame_get_interval (self->frame))));
  for (guint i = 0; i < tally_frame_get_n_series (self->frame); i++)
    {
      double v = tally_frame_get_series_values (self->frame, i)[b];
      g_autofree char *text = NULL;

      if (!shown (self, i))
        continue;
      text = tally_chart_format (self, v);
      g_ptr_array_add (lines, g_strdup_printf ("%s: %s", tally_frame_get_series_name (self->frame, i),
                                               text));
      total += isfinite (v) ? v : 0;
      n++;
    }
  if (self->options->bar.stack && n > 1)
    {
      g_autofree char *text = tally_chart_format (self, total);

      g_ptr_array_add (lines, g_strdup_printf (_("Total: %s"), text));
    }

  return tally_chart_join_lines (lines);
}

/* The bar of @item nearest the pointer. */
static const Bar *
pick_bar (const BarLayout *layout,
          guint            item,
          double           x,
          double           y)
{
  const Bar *best = NULL;
  double best_distance = INFINITY;

  for (guint i = 0; i < layout->bars->len; i++)
    {
      const Bar *bar = &g_array_index (layout->bars, Bar, i);
      double cx = bar->rect.x + bar->rect.width / 2, cy = bar->rect.y + bar->rect.height / 2;
      double d;

      if (bar->item != item)
        continue;
      if (tally_rect_contains (&bar->rect, x, y))
        return bar;
      d = layout->horizontal ? fabs (cy - y) : fabs (cx - x);
      if (d < best_distance)
        best = bar, best_distance = d;
    }

  return best;
}

static gboolean
bar_hit_test (TallyChart    *self,
              gpointer       data,
              double         x,
              double         y,
              TallyChartHit *hit)
{
  BarLayout *layout = data;
  int item = item_at (layout, x, y);
  const Bar *bar;

  if (item < 0)
    return FALSE;
  bar = pick_bar (layout, item, x, y);
  hit->kind = TALLY_CHART_HIT_BAR;
  hit->index = item;
  if (bar != NULL)
    {
      hit->series = bar->series >= 0 ? bar->series : (int) bar->item;
      hit->value = bar->value;
      hit->x = layout->horizontal ? bar->rect.x + bar->rect.width : bar->rect.x + bar->rect.width / 2;
      hit->y = layout->horizontal ? bar->rect.y + bar->rect.height / 2 : bar->rect.y;
      hit->label = g_strdup (item_name (self, bar->series, bar->item));
      hit->value_text = tally_chart_format (self, bar->value);
    }
  if (layout->timeseries)
    {
      hit->time = tally_frame_get_buckets (self->frame, NULL)[item];
      hit->text = bucket_tooltip (self, item);
    }
  else if (bar != NULL)
    hit->text = g_strdup_printf ("%s\n%s", hit->label, hit->value_text);

  return bar != NULL || layout->dense;
}

static void
bar_draw_highlight (TallyChart          *self,
                    gpointer             data,
                    cairo_t             *cr,
                    const TallyChartHit *hit)
{
  BarLayout *layout = data;
  cairo_rectangle_t slot;

  if (layout->horizontal)
    slot = (cairo_rectangle_t) { layout->plot.x, layout->plot.y + hit->index * layout->slot,
                                 layout->plot.width, layout->slot };
  else
    slot = (cairo_rectangle_t) { layout->plot.x + hit->index * layout->slot, layout->plot.y,
                                 MAX (layout->slot, 1), layout->plot.height };
  cairo_rectangle (cr, slot.x, slot.y, slot.width, slot.height);
  tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_FOREGROUND), 0.08);
  cairo_fill (cr);
}

/* Bars over time: the slot under @x; categories have no time axis. */
static gboolean
bar_bucket_at (TallyChart        *self,
               gpointer           data,
               double             x,
               TallyBucketColumn *column)
{
  BarLayout *layout = data;
  int i;

  if (!layout->timeseries || layout->n_items == 0)
    return FALSE;

  i = (int) floor ((x - layout->plot.x) / layout->slot);
  i = CLAMP (i, 0, (int) layout->n_items - 1);
  column->plot = layout->plot;
  column->index = (guint) i;
  column->left = layout->plot.x + i * layout->slot;
  column->right = column->left + layout->slot;
  return TRUE;
}

static char *
bar_describe (TallyChart *self,
              gpointer    data)
{
  BarLayout *layout = data;

  if (layout->timeseries)
    return tally_chart_describe_timeseries (self);
  return tally_chart_describe_categories (self, NAN);
}

const TallyChartRenderer tally_bar_renderer = {
  .accepts = bar_accepts,
  .layout = bar_layout,
  .free = bar_free,
  .draw = bar_draw,
  .hit_test = bar_hit_test,
  .draw_highlight = bar_draw_highlight,
  .describe = bar_describe,
  .bucket_at = bar_bucket_at,
};
