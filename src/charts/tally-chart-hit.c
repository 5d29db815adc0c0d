/* tally-chart-hit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What is under the pointer on a chart: the hit test of its renderer over
 * the last layout, the hover layer drawn from it (crosshair or highlight,
 * and the tooltip), and the legend's entries. */

#include "config.h"

#include <math.h>

#include "tally-chart-private.h"

static void
hit_clear (TallyChartHit *hit)
{
  g_clear_pointer (&hit->label, g_free);
  g_clear_pointer (&hit->value_text, g_free);
  g_clear_pointer (&hit->text, g_free);
}

static gboolean
hit_test (TallyChart    *self,
          double         x,
          double         y,
          TallyChartHit *hit)
{
  *hit = (TallyChartHit) { TALLY_CHART_HIT_NONE, -1, -1, -1, NAN, 0, x, y, NULL, NULL, NULL };

  tally_chart_ensure_layout (self);
  if (self->renderer_data == NULL || self->renderer->hit_test == NULL)
    return FALSE;
  if (x < 0 || y < 0 || x >= self->width || y >= self->height)
    return FALSE;

  return self->renderer->hit_test (self, self->renderer_data, x, y, hit);
}

/* What is under (@x, @y), with its exact values and a tooltip text; NULL
 * for nothing. */
TallyChartHit *
tally_chart_hit_test (TallyChart *self,
                      double      x,
                      double      y)
{
  TallyChartHit hit;

  g_return_val_if_fail (TALLY_IS_CHART (self), NULL);

  if (!hit_test (self, x, y, &hit))
    {
      hit_clear (&hit);
      return NULL;
    }

  return g_memdup2 (&hit, sizeof hit);
}

/* The hover layer for a pointer at (@x, @y): crosshair or highlight and
 * the tooltip. Cheap: it reuses the layout of the last tally_chart_draw(),
 * so a widget draws it on every motion event over a cached static part. */
void
tally_chart_draw_overlay (TallyChart *self,
                          cairo_t    *cr,
                          double      x,
                          double      y)
{
  TallyChartHit hit;

  g_return_if_fail (TALLY_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  if (!hit_test (self, x, y, &hit))
    {
      hit_clear (&hit);
      return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_clip (cr);
  if (self->renderer->draw_highlight != NULL)
    self->renderer->draw_highlight (self, self->renderer_data, cr, &hit);
  tally_chart_draw_tooltip (self, cr, &hit);
  cairo_restore (cr);
  hit_clear (&hit);
}

/* The name of the series whose legend entry is at (@x, @y), or NULL. */
const char *
tally_chart_legend_hit_test (TallyChart *self,
                             double      x,
                             double      y)
{
  g_return_val_if_fail (TALLY_IS_CHART (self), NULL);

  tally_chart_ensure_layout (self);
  if (self->legend == NULL)
    return NULL;

  return tally_legend_hit_test (self->legend, x, y);
}

TallyChartHit *
tally_chart_hit_copy (const TallyChartHit *hit)
{
  TallyChartHit *copy;

  g_return_val_if_fail (hit != NULL, NULL);

  copy = g_memdup2 (hit, sizeof *hit);
  copy->label = g_strdup (hit->label);
  copy->value_text = g_strdup (hit->value_text);
  copy->text = g_strdup (hit->text);

  return copy;
}

void
tally_chart_hit_free (TallyChartHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->label);
  g_free (hit->value_text);
  g_free (hit->text);
  g_free (hit);
}
