/* tally-chart-style.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What a renderer asks its chart while laying out and drawing: the unit
 * values are in, how to write them, which colour a series, a threshold or
 * a role has in this theme, whether a series is hidden, how many device
 * pixels a unit is, and whether a legend is wanted. One place, so every
 * chart type answers these questions the same way. */

#include "config.h"

#include <math.h>

#include "tally-chart-private.h"
#include "tally-format.h"
#include "tally-metric.h"

const char *
tally_chart_get_unit (TallyChart *self)
{
  if (self->options->unit != NULL)
    return self->options->unit;
  return self->frame != NULL ? tally_frame_get_unit (self->frame) : NULL;
}

/* Whether every value the frame can hold is a whole number (counts of
 * requests, sums of tokens), shown in the frame's own unit. */
gboolean
tally_chart_values_are_whole (TallyChart *self)
{
  TallyMetric metric;
  TallyStat stat;

  if (self->frame == NULL || self->options->unit != NULL)
    return FALSE;
  if (!tally_metric_from_string (tally_frame_get_metric (self->frame), &metric) ||
      !tally_stat_from_string (tally_frame_get_stat (self->frame), &stat))
    return FALSE;

  return tally_metric_stat_is_whole (metric, stat);
}

/* @value in the chart's unit, with the panel's decimals. */
char *
tally_chart_format (TallyChart *self,
                    double      value)
{
  return tally_format_value (value, tally_chart_get_unit (self), self->options->decimals);
}

const TallyRgba *
tally_chart_color (TallyChart      *self,
                   TallyChartColor  color)
{
  return tally_chart_theme_get_color (self->theme, color);
}

const TallyRgba *
tally_chart_shade (TallyChart      *self,
                   TallyChartShade  shade)
{
  return tally_chart_theme_get_shade (self->theme, shade);
}

/* The colour of the @index-th series of the frame; the "Other" group that
 * `top` folds the rest into is grey. */
const TallyRgba *
tally_chart_series_color (TallyChart *self,
                          guint       index,
                          const char *name)
{
  if (name != NULL && g_str_equal (name, "Other"))
    return tally_chart_shade (self, TALLY_CHART_SHADE_OTHER);

  return tally_chart_theme_get_series_color (self->theme, index);
}

/* A named role's colour: the *_bg_color for areas (@fill), the *_color for
 * text and lines. */
const TallyRgba *
tally_chart_role_color (TallyChart      *self,
                        TallyColorRole   role,
                        const TallyRgba *custom,
                        gboolean         fill)
{
  switch (role)
    {
    case TALLY_COLOR_ROLE_ACCENT:
      return tally_chart_color (self, fill ? TALLY_CHART_COLOR_ACCENT_BG : TALLY_CHART_COLOR_ACCENT);
    case TALLY_COLOR_ROLE_SUCCESS:
      return tally_chart_color (self, fill ? TALLY_CHART_COLOR_SUCCESS_BG : TALLY_CHART_COLOR_SUCCESS);
    case TALLY_COLOR_ROLE_WARNING:
      return tally_chart_color (self, fill ? TALLY_CHART_COLOR_WARNING_BG : TALLY_CHART_COLOR_WARNING);
    case TALLY_COLOR_ROLE_ERROR:
      return tally_chart_color (self, fill ? TALLY_CHART_COLOR_ERROR_BG : TALLY_CHART_COLOR_ERROR);
    case TALLY_COLOR_ROLE_CUSTOM:
    default:
      return custom;
    }
}

/* The colour of the highest threshold at or below @value, or @fallback. */
const TallyRgba *
tally_chart_threshold_color (TallyChart      *self,
                             double           value,
                             gboolean         fill,
                             const TallyRgba *fallback)
{
  GArray *thresholds = self->options->thresholds;
  const TallyRgba *color = fallback;

  for (guint i = 0; !isnan (value) && i < thresholds->len; i++)
    {
      const TallyThreshold *t = &g_array_index (thresholds, TallyThreshold, i);

      if (value >= t->value)
        color = tally_chart_role_color (self, t->role, &t->rgba, fill);
    }

  return color;
}

gboolean
tally_chart_is_hidden (TallyChart *self,
                       const char *name)
{
  return tally_chart_options_is_hidden (self->options, name);
}

/* Device pixels per user unit: from @cr when it knows (an image surface
 * with a device scale, a scaled context), and at least the theme's scale
 * (GTK records cairo nodes at scale 1 and scales them later). Vector files
 * have no pixels and may be zoomed: they get four per unit, so a dense
 * series stays smooth in a PDF. */
double
tally_chart_device_scale (TallyChart *self,
                          cairo_t    *cr)
{
  double dx = 1, dy = 0, scale;

  if (cr != NULL)
    cairo_user_to_device_distance (cr, &dx, &dy);
  scale = MAX (hypot (dx, dy), tally_chart_theme_get_scale (self->theme));

  if (cr != NULL)
    switch (cairo_surface_get_type (cairo_get_target (cr)))
      {
      case CAIRO_SURFACE_TYPE_PDF:
      case CAIRO_SURFACE_TYPE_PS:
      case CAIRO_SURFACE_TYPE_SVG:
        return MAX (scale, 4);
      default:
        break;
      }

  return scale;
}

/* Whether a legend of @n_items entries is drawn. */
gboolean
tally_chart_show_legend (TallyChart *self,
                         guint       n_items)
{
  switch (self->options->legend)
    {
    case TALLY_LEGEND_SHOW:
      return n_items > 0;
    case TALLY_LEGEND_HIDE:
      return FALSE;
    case TALLY_LEGEND_AUTO:
    default:
      return n_items > 1 || self->options->hidden_series->len > 0;
    }
}

char *
tally_chart_format_time (TallyChart *self,
                         gint64      t,
                         int         format)
{
  return tally_format_time (t, self->tz, format, tally_chart_theme_get_clock_12h (self->theme));
}

/* Gives the chart the legend a renderer laid out; the chart draws it and
 * answers legend hit tests. */
void
tally_chart_set_legend (TallyChart  *self,
                        TallyLegend *legend)
{
  g_clear_pointer (&self->legend, tally_legend_free);
  self->legend = legend;
}
