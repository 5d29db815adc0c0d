/* tally-stat-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The stat card of a scalar frame: the value, big, in its unit and in the
 * colour of the threshold it passed; its change from the previous period
 * of equal length with an arrow coloured by what a rise means for the
 * metric (TallyTrend: more errors is bad news, more cached tokens good
 * news); and the sparkline of the period under it. The value's size
 * follows the card: as large as fits. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-chart-private.h"
#include "tally-decimate.h"
#include "tally-format.h"
#include "tally-metric.h"

#define SPARK_SHARE 0.34
#define SPARK_MIN_HEIGHT 90.0
#define SPARK_LINE 1.5

typedef struct
{
  char              *value;
  char              *change;      /* "▲ +12 %", or NULL */
  double             ratio;       /* the change, NAN without one */
  double             value_size;
  cairo_rectangle_t  text_area;
  cairo_rectangle_t  spark;       /* zero width: no sparkline */
  double             spark_lo;
  double             spark_hi;
  GArray            *points;      /* the sparkline's path, (x, y) pairs, NAN breaks */
} StatLayout;

static gboolean
stat_accepts (TallyShape shape)
{
  return shape == TALLY_SHAPE_SCALAR;
}

static void
stat_free (gpointer data)
{
  StatLayout *layout = data;

  g_free (layout->value);
  g_free (layout->change);
  g_clear_pointer (&layout->points, g_array_unref);
  g_free (layout);
}

static TallyTrend
frame_trend (TallyChart *self)
{
  TallyMetric metric;

  if (!tally_metric_from_string (tally_frame_get_metric (self->frame), &metric))
    return TALLY_TREND_NEUTRAL;
  return tally_metric_get_trend (metric);
}

/* Green when the change is good news, red when bad, dim when neither. */
static const TallyRgba *
change_color (TallyChart *self,
              double      ratio,
              const char *text)
{
  TallyTrend trend = frame_trend (self);

  if (isnan (ratio) || trend == TALLY_TREND_NEUTRAL || g_str_has_prefix (text, "±"))
    return tally_chart_shade (self, TALLY_CHART_SHADE_DIM);
  if ((ratio > 0) == (trend == TALLY_TREND_UP_IS_GOOD))
    return tally_chart_color (self, TALLY_CHART_COLOR_SUCCESS);
  return tally_chart_color (self, TALLY_CHART_COLOR_ERROR);
}

static char *
change_text (TallyChart *self,
             double     *ratio)
{
  double value = tally_frame_get_value (self->frame);
  double previous = tally_frame_get_previous (self->frame);
  g_autofree char *change = tally_format_change (value, previous, tally_chart_get_unit (self));

  *ratio = tally_format_change_ratio (value, previous, tally_chart_get_unit (self));
  if (change == NULL)
    return NULL;
  if (g_str_has_prefix (change, "±"))
    return g_steal_pointer (&change);
  return g_strdup_printf ("%s %s", *ratio > 0 ? "▲" : "▼", change);
}

static void
add_point (StatLayout *layout,
           double      x,
           double      v)
{
  double pt[2] = { x, NAN };

  if (!isnan (v))
    pt[1] = layout->spark.y + layout->spark.height -
            (v - layout->spark_lo) / (layout->spark_hi - layout->spark_lo) * layout->spark.height;
  g_array_append_vals (layout->points, pt, 2);
}

static void
spark_range (StatLayout   *layout,
             const double *values,
             guint         n)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      lo = MIN (lo, values[i]), hi = MAX (hi, values[i]);
  if (!isfinite (lo) || !isfinite (hi))
    lo = 0, hi = 1;
  if (!(hi > lo))
    lo -= 1, hi += 1;
  layout->spark_lo = lo;
  layout->spark_hi = hi;
}

/* The sparkline as a path, NAN breaking it: the points themselves, or,
 * when they outnumber the pixel columns, each column's first, min, max
 * and last value. */
static void
place_sparkline (TallyChart *self,
                 StatLayout *layout)
{
  guint n, n_columns = (guint) MAX (ceil (layout->spark.width), 1);
  const double *values = tally_frame_get_sparkline (self->frame, &n);
  const gint64 *times = tally_frame_get_buckets (self->frame, NULL);
  g_autofree TallyColumn *columns = NULL;
  double step = layout->spark.width / MAX (n - 1, 1);

  layout->points = g_array_new (FALSE, FALSE, sizeof (double));
  spark_range (layout, values, n);
  if (n <= n_columns)
    {
      for (guint i = 0; i < n; i++)
        add_point (layout, layout->spark.x + i * step, values[i]);
      return;
    }

  columns = g_new (TallyColumn, n_columns);
  tally_decimate (times, values, n, times[0], times[n - 1], columns, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      const TallyColumn *col = &columns[c];
      double x = layout->spark.x + c * layout->spark.width / MAX (n_columns - 1, 1);

      if (!(col->flags & TALLY_COLUMN_HAS_DATA))
        continue;
      if (col->flags & TALLY_COLUMN_GAP_BEFORE)
        add_point (layout, x, NAN);
      add_point (layout, x, col->first);
      add_point (layout, x, col->min);
      add_point (layout, x, col->max);
      add_point (layout, x, col->last);
    }
}

static gpointer
stat_layout (TallyChart              *self,
             const cairo_rectangle_t *content)
{
  StatLayout *layout = g_new0 (StatLayout, 1);
  guint n_spark = 0;
  double change_height = 0, w, h;

  layout->value = tally_chart_format (self, tally_frame_get_value (self->frame));
  layout->change = change_text (self, &layout->ratio);
  layout->text_area = *content;
  tally_frame_get_sparkline (self->frame, &n_spark);
  if (n_spark > 1 && content->height >= SPARK_MIN_HEIGHT)
    {
      double spark_height = content->height * SPARK_SHARE;

      layout->spark = (cairo_rectangle_t) { content->x, content->y + content->height - spark_height,
                                            content->width, spark_height };
      layout->text_area.height -= spark_height + TALLY_CHART_GAP;
      place_sparkline (self, layout);
    }

  if (layout->change != NULL)
    change_height = tally_text_line_height (self->text, TALLY_TEXT_SMALL) + 2;
  layout->value_size = MAX ((layout->text_area.height - change_height) * 0.62, 1);
  tally_text_size (tally_text_layout (self->text, TALLY_TEXT_VALUE, layout->value_size, layout->value,
                                      -1),
                   &w, &h);
  if (w > layout->text_area.width * 0.95)
    layout->value_size *= layout->text_area.width * 0.95 / w;
  layout->value_size = floor (MAX (layout->value_size, 6) * 2) / 2;

  return layout;
}

static void
draw_sparkline (TallyChart       *self,
                const StatLayout *layout,
                const TallyRgba  *color,
                cairo_t          *cr)
{
  const double *p = (const double *) (gpointer) layout->points->data;
  guint n = layout->points->len / 2;
  double bottom = layout->spark.y + layout->spark.height;
  gboolean down = FALSE;

  /* The area, run by run, then the line over it. */
  for (guint pass = 0; pass < 2; pass++)
    {
      double first_x = 0, last_x = 0;

      down = FALSE;
      for (guint i = 0; i <= n; i++)
        {
          gboolean end = i == n || isnan (p[2 * i + 1]);

          if (end && down && pass == 0)
            {
              cairo_line_to (cr, last_x, bottom);
              cairo_line_to (cr, first_x, bottom);
              cairo_close_path (cr);
            }
          if (end)
            {
              down = FALSE;
              continue;
            }
          if (!down)
            first_x = p[2 * i];
          (down ? cairo_line_to : cairo_move_to) (cr, p[2 * i], p[2 * i + 1]);
          last_x = p[2 * i];
          down = TRUE;
        }
      tally_cairo_set_color (cr, color, pass == 0 ? 0.18 : 1);
      if (pass == 0)
        cairo_fill (cr);
      else
        {
          cairo_set_line_width (cr, SPARK_LINE);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_stroke (cr);
        }
    }
}

static void
stat_draw (TallyChart *self,
           gpointer    data,
           cairo_t    *cr)
{
  StatLayout *layout = data;
  const cairo_rectangle_t *area = &layout->text_area;
  double v = tally_frame_get_value (self->frame);
  const TallyRgba *fg = tally_chart_color (self, TALLY_CHART_COLOR_FOREGROUND);
  const TallyRgba *color = tally_chart_threshold_color (self, v, FALSE, fg);
  PangoLayout *value = tally_text_layout (self->text, TALLY_TEXT_VALUE, layout->value_size,
                                          layout->value, -1);
  PangoLayout *change = NULL;
  double value_height, change_height = 0, top;

  tally_text_size (value, NULL, &value_height);
  if (layout->change != NULL)
    {
      change = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, layout->change, area->width);
      tally_text_size (change, NULL, &change_height);
    }
  top = area->y + (area->height - value_height - change_height) / 2;
  tally_text_draw (cr, value, area->x + area->width / 2, top, 0.5, 0, color);
  if (change != NULL)
    tally_text_draw (cr, change, area->x + area->width / 2, top + value_height, 0.5, 0,
                     change_color (self, layout->ratio, layout->change));

  if (layout->points != NULL)
    draw_sparkline (self, layout,
                    tally_chart_threshold_color (self, v, FALSE,
                                                 tally_chart_color (self, TALLY_CHART_COLOR_ACCENT)),
                    cr);
}

static char *
previous_line (TallyChart *self)
{
  g_autofree char *previous = tally_chart_format (self, tally_frame_get_previous (self->frame));

  if (isnan (tally_frame_get_previous (self->frame)))
    return NULL;
  /* Translators: the value of the period before, e.g. "Previous period: 790 ms" */
  return g_strdup_printf (_("Previous period: %s"), previous);
}

static gboolean
stat_hit_test (TallyChart    *self,
               gpointer       data,
               double         x,
               double         y,
               TallyChartHit *hit)
{
  StatLayout *layout = data;
  g_autofree char *previous = previous_line (self);

  if (!tally_rect_contains (&self->content, x, y))
    return FALSE;
  hit->kind = TALLY_CHART_HIT_VALUE;
  hit->value = tally_frame_get_value (self->frame);
  hit->value_text = g_strdup (layout->value);
  hit->label = tally_chart_dup_display_title (self);
  hit->x = layout->text_area.x + layout->text_area.width / 2;
  hit->y = layout->text_area.y + layout->text_area.height / 2;
  if (layout->change != NULL && previous != NULL)
    hit->text = g_strdup_printf ("%s\n%s\n%s", layout->value, layout->change, previous);
  else
    hit->text = g_strdup (layout->value);
  return TRUE;
}

static char *
stat_describe (TallyChart *self,
               gpointer    data)
{
  StatLayout *layout = data;
  g_autofree char *previous = NULL;
  g_autofree char *change = NULL;

  if (isnan (layout->ratio))
    return g_strdup (layout->value);

  previous = tally_chart_format (self, tally_frame_get_previous (self->frame));
  change = tally_format_change (tally_frame_get_value (self->frame),
                                tally_frame_get_previous (self->frame), tally_chart_get_unit (self));
  /* Translators: e.g. "812 ms, +2.8 % from 790 ms in the previous period" */
  return g_strdup_printf (_("%s, %s from %s in the previous period"), layout->value, change, previous);
}

const TallyChartRenderer tally_stat_renderer = {
  .accepts = stat_accepts,
  .layout = stat_layout,
  .free = stat_free,
  .draw = stat_draw,
  .hit_test = stat_hit_test,
  .draw_highlight = NULL,
  .describe = stat_describe,
};
