/* tally-chart-axes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Axes on a cairo_t: the value axis (ticks from tally-axis.c, labels from
 * tally-format.c, grid lines) and the time axis (tally-time-axis.c), and
 * the threshold lines drawn across a plot. Grid lines are one device pixel
 * wide and snapped to the pixel grid at any scale, as GTK draws borders. */

#include "config.h"

#include <math.h>

#include "tally-chart-private.h"
#include "tally-format.h"

/* The minimum room per tick, in pixels. */
#define VALUE_TICK_SPACING_V 36.0
#define VALUE_TICK_SPACING_H 72.0
#define TIME_TICK_SPACING    84.0

/* Lines and bars read best from zero when the data are not far from it;
 * a latency between 800 and 850 ms keeps its own range. */
void
tally_value_range_include_zero (double *lo,
                                double *hi)
{
  if (*lo > 0 && *lo < *hi * 0.5)
    *lo = 0;
  else if (*hi < 0 && *hi > *lo * 0.5)
    *hi = 0;
}

static void
clamp_to_options (TallyValueAxis *axis,
                  TallyChart     *self)
{
  const TallyChartOptions *options = self->options;
  guint kept = 0;

  if (!isnan (options->min))
    axis->ticks.min = options->min;
  if (!isnan (options->max))
    axis->ticks.max = options->max;
  for (guint i = 0; i < axis->ticks.n_ticks; i++)
    {
      double t = axis->ticks.ticks[i];

      if (t >= axis->ticks.min - 1e-9 * fabs (axis->ticks.step) &&
          t <= axis->ticks.max + 1e-9 * fabs (axis->ticks.step))
        axis->ticks.ticks[kept++] = t;
    }
  axis->ticks.n_ticks = kept;
}

/* Ticks and labels for values from @lo to @hi on an axis @length pixels
 * long; the panel's min and max, when set, win over the data. */
void
tally_value_axis_compute (TallyValueAxis *axis,
                          TallyChart     *self,
                          double          lo,
                          double          hi,
                          double          length,
                          gboolean        vertical)
{
  const TallyChartOptions *options = self->options;
  double spacing = vertical ? VALUE_TICK_SPACING_V : VALUE_TICK_SPACING_H;

  *axis = (TallyValueAxis) { { 0 } };
  if (!isnan (options->min))
    lo = options->min;
  if (!isnan (options->max))
    hi = options->max;
  if (lo > hi)
    hi = lo;

  tally_axis_compute (lo, hi, (guint) MAX (length / spacing, 1), tally_chart_get_unit (self),
                      TRUE, tally_chart_values_are_whole (self), &axis->ticks);
  clamp_to_options (axis, self);
  tally_format_ticks (axis->ticks.ticks, axis->ticks.n_ticks, axis->ticks.step,
                      tally_chart_get_unit (self), TALLY_FORMAT_AUTO, axis->labels);

  for (guint i = 0; i < axis->ticks.n_ticks; i++)
    {
      PangoLayout *layout = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, axis->labels[i], -1);
      double w, h;

      tally_text_size (layout, &w, &h);
      axis->label_width = MAX (axis->label_width, w);
      axis->label_height = MAX (axis->label_height, h);
    }
}

void
tally_value_axis_clear (TallyValueAxis *axis)
{
  for (guint i = 0; i < axis->ticks.n_ticks; i++)
    g_clear_pointer (&axis->labels[i], g_free);
  axis->ticks.n_ticks = 0;
}

/* @value on the axis, as a position between @from (the axis minimum) and
 * @to (its maximum). */
double
tally_value_axis_map (const TallyValueAxis *axis,
                      double                value,
                      double                from,
                      double                to)
{
  double span = axis->ticks.max - axis->ticks.min;

  if (!(span > 0))
    return from;
  return from + (value - axis->ticks.min) / span * (to - from);
}

static void
draw_grid_line (cairo_t         *cr,
                double           pos,
                const cairo_rectangle_t *plot,
                gboolean         vertical,
                double           scale)
{
  if (vertical)
    {
      double y = tally_snap (pos, scale);

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
    }
  else
    {
      double x = tally_snap (pos, scale);

      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->height);
    }
}

/* Grid lines across @plot and labels beside it: at its left for a
 * @vertical axis, under it otherwise. The zero line is a border. */
void
tally_value_axis_draw (const TallyValueAxis    *axis,
                       TallyChart              *self,
                       cairo_t                 *cr,
                       const cairo_rectangle_t *plot,
                       gboolean                 vertical)
{
  double scale = tally_chart_device_scale (self, cr);
  const TallyRgba *dim = tally_chart_shade (self, TALLY_CHART_SHADE_DIM);

  cairo_save (cr);
  cairo_set_line_width (cr, 1 / scale);
  for (guint i = 0; i < axis->ticks.n_ticks; i++)
    {
      double t = axis->ticks.ticks[i];
      double pos = vertical ? tally_value_axis_map (axis, t, plot->y + plot->height, plot->y)
                            : tally_value_axis_map (axis, t, plot->x, plot->x + plot->width);
      PangoLayout *layout = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, axis->labels[i], -1);

      draw_grid_line (cr, pos, plot, vertical, scale);
      tally_cairo_set_color (cr, tally_chart_shade (self, t == 0 ? TALLY_CHART_SHADE_BORDER
                                                                 : TALLY_CHART_SHADE_GRID), 1);
      cairo_stroke (cr);

      if (vertical)
        tally_text_draw (cr, layout, plot->x - TALLY_CHART_GAP,
                         CLAMP (pos, axis->label_height / 2, self->height - axis->label_height / 2),
                         1, 0.5, dim);
      else
        tally_text_draw (cr, layout, CLAMP (pos, 0, self->width), plot->y + plot->height + 3,
                         pos <= plot->x + 1 ? 0 : (pos >= plot->x + plot->width - 1 ? 1 : 0.5),
                         0, dim);
    }
  cairo_restore (cr);
}

/* Ticks for times from @t0 to @t1 (Unix seconds) across @width pixels. */
void
tally_time_axis_compute (TallyTimeAxis *axis,
                         TallyChart    *self,
                         double         t0,
                         double         t1,
                         double         width)
{
  double spacing = TIME_TICK_SPACING * (tally_chart_theme_get_clock_12h (self->theme) ? 1.3 : 1);

  axis->t0 = t0;
  axis->t1 = t1;
  tally_time_ticks_compute ((gint64) ceil (t0), (gint64) floor (t1),
                            (guint) MAX (width / spacing, 1), self->tz,
                            tally_chart_theme_get_clock_12h (self->theme), &axis->ticks);
}

void
tally_time_axis_clear (TallyTimeAxis *axis)
{
  tally_time_ticks_clear (&axis->ticks);
}

double
tally_time_axis_map (const TallyTimeAxis     *axis,
                     double                   t,
                     const cairo_rectangle_t *plot)
{
  if (!(axis->t1 > axis->t0))
    return plot->x + plot->width / 2;
  return plot->x + (t - axis->t0) / (axis->t1 - axis->t0) * plot->width;
}

/* Labels under @plot, and faint grid lines at each tick. A label near an
 * edge is pushed inside the chart rather than cut. */
void
tally_time_axis_draw (const TallyTimeAxis     *axis,
                      TallyChart              *self,
                      cairo_t                 *cr,
                      const cairo_rectangle_t *plot)
{
  double scale = tally_chart_device_scale (self, cr);
  const TallyRgba *dim = tally_chart_shade (self, TALLY_CHART_SHADE_DIM);

  cairo_save (cr);
  cairo_set_line_width (cr, 1 / scale);
  tally_cairo_set_color (cr, tally_chart_shade (self, TALLY_CHART_SHADE_GRID), 1);
  for (guint i = 0; i < axis->ticks.n_ticks; i++)
    draw_grid_line (cr, tally_time_axis_map (axis, axis->ticks.ticks[i], plot), plot, FALSE, scale);
  cairo_stroke (cr);

  for (guint i = 0; i < axis->ticks.n_ticks; i++)
    {
      PangoLayout *layout = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0,
                                               axis->ticks.labels[i], -1);
      double x = tally_time_axis_map (axis, axis->ticks.ticks[i], plot);
      double w;

      tally_text_size (layout, &w, NULL);
      x = CLAMP (x - w / 2, TALLY_CHART_PADDING / 2, self->width - w - TALLY_CHART_PADDING / 2);
      tally_text_draw (cr, layout, x, plot->y + plot->height + 3, 0, 0, dim);
    }
  cairo_restore (cr);
}

/* A dashed line at each threshold inside the axis range. */
void
tally_chart_draw_thresholds (TallyChart              *self,
                             cairo_t                 *cr,
                             const TallyValueAxis    *axis,
                             const cairo_rectangle_t *plot,
                             gboolean                 vertical)
{
  GArray *thresholds = self->options->thresholds;
  double scale = tally_chart_device_scale (self, cr);
  double dash[] = { 4, 3 };

  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  for (guint i = 0; i < thresholds->len; i++)
    {
      const TallyThreshold *t = &g_array_index (thresholds, TallyThreshold, i);
      double pos;

      if (t->value <= axis->ticks.min || t->value > axis->ticks.max)
        continue;
      pos = vertical ? tally_value_axis_map (axis, t->value, plot->y + plot->height, plot->y)
                     : tally_value_axis_map (axis, t->value, plot->x, plot->x + plot->width);
      draw_grid_line (cr, pos, plot, vertical, scale);
      tally_cairo_set_color (cr, tally_chart_role_color (self, t->role, &t->rgba, FALSE), 1);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* A plot with a value axis at its left, in @area less @bottom pixels for
 * what goes under it (time labels, category names). */
void
tally_chart_layout_plot (TallyChart              *self,
                         const cairo_rectangle_t *area,
                         double                   lo,
                         double                   hi,
                         double                   bottom,
                         TallyValueAxis          *axis,
                         cairo_rectangle_t       *plot)
{
  double top = tally_text_line_height (self->text, TALLY_TEXT_SMALL) / 2;
  double height = MAX (area->height - bottom - top, 1);
  double left;

  tally_value_axis_compute (axis, self, lo, hi, height, TRUE);
  left = axis->label_width + TALLY_CHART_GAP;
  *plot = (cairo_rectangle_t) { area->x + left, area->y + top, MAX (area->width - left - 2, 1), height };
}

/* How a tooltip names a bucket of @interval_s seconds. */
int
tally_chart_hover_time_format (gint64 interval_s)
{
  if (interval_s >= 86400)
    return TALLY_TIME_FORMAT_DATE;
  if (interval_s > 0 && interval_s < 60)
    return TALLY_TIME_FORMAT_FULL;
  return TALLY_TIME_FORMAT_DATE_TIME;
}
