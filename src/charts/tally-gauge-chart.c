/* tally-gauge-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A gauge of a scalar frame against a limit: a budget, a rate limit, a
 * quota. A 240° track fills up to the value; a thin outer ring marks the
 * warning band (80 % of the limit by default) and the error band (95 %),
 * and the fill takes the colour of the band the value is in. The limit is
 * the panel's gauge.limit, else 100 % for percentages, else the highest
 * threshold; with none, the gauge scales to a round number above the value
 * and says so. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-chart-private.h"
#include "tally-format.h"

#define START (G_PI * 5 / 6)       /* 150°, lower left; cairo turns clockwise */
#define SWEEP (G_PI * 4 / 3)       /* 240° */

typedef struct
{
  double  limit;
  double  fraction;                /* the value / limit, clamped to 0..1 */
  double  cx;
  double  cy;
  double  radius;
  double  thickness;
  char   *value;
  char   *detail;                  /* "of 1,000 · 81 %" */
} GaugeLayout;

static gboolean
gauge_accepts (TallyShape shape)
{
  return shape == TALLY_SHAPE_SCALAR;
}

static void
gauge_free (gpointer data)
{
  GaugeLayout *layout = data;

  g_free (layout->value);
  g_free (layout->detail);
  g_free (layout);
}

static const double round_numbers[] = { 1, 2, 5, 10 };

/* The limit, in the order the file comment gives. */
static double
gauge_limit (TallyChart *self,
             double      value)
{
  GArray *thresholds = self->options->thresholds;
  const char *unit = tally_chart_get_unit (self);

  if (!isnan (self->options->gauge.limit))
    return self->options->gauge.limit;
  if (g_strcmp0 (unit, "percent") == 0)
    return 1;
  if (thresholds->len > 0 && g_array_index (thresholds, TallyThreshold, thresholds->len - 1).value > 0)
    return g_array_index (thresholds, TallyThreshold, thresholds->len - 1).value;
  if (value > 0 && isfinite (value))
    {
      /* The first 1, 2 or 5 × 10^k at or above the value: 412 → 500. */
      double magnitude = pow (10, floor (log10 (value)));

      for (guint i = 0; i < G_N_ELEMENTS (round_numbers); i++)
        if (round_numbers[i] * magnitude >= value)
          return round_numbers[i] * magnitude;
    }
  return 1;
}

static gpointer
gauge_layout (TallyChart              *self,
              const cairo_rectangle_t *content)
{
  GaugeLayout *layout = g_new0 (GaugeLayout, 1);
  double value = tally_frame_get_value (self->frame);
  g_autofree char *limit = NULL;
  g_autofree char *share = NULL;

  layout->limit = gauge_limit (self, value);
  layout->fraction = CLAMP (value / layout->limit, 0, 1);
  layout->value = tally_chart_format (self, value);
  limit = tally_chart_format (self, layout->limit);
  share = tally_format_value (value / layout->limit, "percent", TALLY_FORMAT_AUTO);
  /* Translators: under a gauge's value, e.g. "of $1,000 · 81 %" */
  layout->detail = g_strdup_printf (_("of %s · %s"), limit, share);

  /* Up, the band ring reaches 1.15 radius and 4 pixels; down, the track
   * ends at sin(30°) = 0.5 radius plus its round cap, 0.1. */
  layout->radius = MAX (MIN ((content->width / 2 - 5) / 1.15, (content->height - 5) / 1.75), 4);
  layout->thickness = layout->radius * 0.2;
  layout->cx = content->x + content->width / 2;
  layout->cy = content->y + (content->height - 1.75 * layout->radius - 5) / 2 +
               1.15 * layout->radius + 5;

  return layout;
}

static void
arc (cairo_t           *cr,
     const GaugeLayout *layout,
     double             radius,
     double             from,
     double             to)
{
  cairo_new_path (cr);
  cairo_arc (cr, layout->cx, layout->cy, radius, START + from * SWEEP, START + to * SWEEP);
}

static const TallyRgba *
fill_color (TallyChart        *self,
            const GaugeLayout *layout)
{
  if (layout->fraction >= self->options->gauge.error)
    return tally_chart_color (self, TALLY_CHART_COLOR_ERROR_BG);
  if (layout->fraction >= self->options->gauge.warning)
    return tally_chart_color (self, TALLY_CHART_COLOR_WARNING_BG);
  return tally_chart_threshold_color (self, tally_frame_get_value (self->frame), TRUE,
                                      tally_chart_color (self, TALLY_CHART_COLOR_ACCENT_BG));
}

static void
draw_bands (TallyChart        *self,
            const GaugeLayout *layout,
            cairo_t           *cr)
{
  double r = layout->radius + layout->thickness / 2 + 4;
  double warning = self->options->gauge.warning, error = self->options->gauge.error;

  cairo_set_line_width (cr, MAX (layout->thickness * 0.25, 2));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  arc (cr, layout, r, warning, error);
  tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_WARNING_BG), 1);
  cairo_stroke (cr);
  arc (cr, layout, r, error, 1);
  tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_ERROR_BG), 1);
  cairo_stroke (cr);
}

static void
gauge_draw (TallyChart *self,
            gpointer    data,
            cairo_t    *cr)
{
  GaugeLayout *layout = data;
  PangoLayout *value, *detail;
  double size = layout->radius * 0.42, w, h;

  cairo_set_line_width (cr, layout->thickness);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  arc (cr, layout, layout->radius, 0, 1);
  tally_cairo_set_color (cr, tally_chart_shade (self, TALLY_CHART_SHADE_GRID), 1);
  cairo_stroke (cr);
  if (layout->fraction > 0)
    {
      arc (cr, layout, layout->radius, 0, layout->fraction);
      tally_cairo_set_color (cr, fill_color (self, layout), 1);
      cairo_stroke (cr);
    }
  draw_bands (self, layout, cr);

  value = tally_text_layout (self->text, TALLY_TEXT_VALUE, size, layout->value, -1);
  tally_text_size (value, &w, &h);
  if (w > layout->radius * 1.4)
    value = tally_text_layout (self->text, TALLY_TEXT_VALUE, floor (size * layout->radius * 1.4 / w),
                               layout->value, -1);
  tally_text_draw (cr, value, layout->cx, layout->cy, 0.5, 0.6,
                   tally_chart_color (self, TALLY_CHART_COLOR_FOREGROUND));
  detail = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, layout->detail, layout->radius * 2);
  tally_text_draw (cr, detail, layout->cx, layout->cy + layout->radius * 0.5, 0.5, 0.5,
                   tally_chart_shade (self, TALLY_CHART_SHADE_DIM));
}

static gboolean
gauge_hit_test (TallyChart    *self,
                gpointer       data,
                double         x,
                double         y,
                TallyChartHit *hit)
{
  GaugeLayout *layout = data;
  double r = hypot (x - layout->cx, y - layout->cy);

  if (r > layout->radius + layout->thickness || y > layout->cy + layout->radius * 0.75)
    return FALSE;
  hit->kind = TALLY_CHART_HIT_VALUE;
  hit->value = tally_frame_get_value (self->frame);
  hit->value_text = g_strdup (layout->value);
  hit->label = tally_chart_dup_display_title (self);
  hit->text = g_strdup_printf ("%s\n%s", layout->value, layout->detail);
  hit->x = layout->cx + layout->radius;
  hit->y = layout->cy;
  return TRUE;
}

static char *
gauge_describe (TallyChart *self,
                gpointer    data)
{
  GaugeLayout *layout = data;

  return g_strdup_printf ("%s %s", layout->value, layout->detail);
}

const TallyChartRenderer tally_gauge_renderer = {
  .accepts = gauge_accepts,
  .layout = gauge_layout,
  .free = gauge_free,
  .draw = gauge_draw,
  .hit_test = gauge_hit_test,
  .draw_highlight = NULL,
  .describe = gauge_describe,
};
