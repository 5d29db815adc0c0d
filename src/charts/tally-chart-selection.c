/* tally-chart-selection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Selecting a time range on a chart by dragging across it: which bucket
 * lies under a point of the time axis, the time it starts and ends, and
 * the translucent band that shows the selection. Line charts and bars
 * over time answer; other charts have no time axis and say so. The band
 * snaps to whole buckets, so it covers exactly what a zoom will show. */

#include "config.h"

#include "tally-chart-private.h"
#include "tally-time-range.h"

#define BAND_FILL_ALPHA 0.18

static gboolean
bucket_column (TallyChart        *self,
               double             x,
               TallyBucketColumn *column)
{
  tally_chart_ensure_layout (self);
  if (self->renderer_data == NULL || self->renderer->bucket_at == NULL)
    return FALSE;

  return self->renderer->bucket_at (self, self->renderer_data, x, column);
}

/* The end of the last bucket: the start of the one that would follow, in
 * the chart's zone, so a month bucket ends on the 1st and a day bucket on
 * a DST change lasts its 23 or 25 hours. */
static gint64
last_bucket_end (TallyChart *self,
                 gint64      start)
{
  gint64 interval = MAX (tally_frame_get_interval (self->frame), 1);
  g_autoptr(TallyTimeRange) range = tally_time_range_new (start, start + 2 * interval, start,
                                                          self->tz);
  g_autoptr(GArray) buckets = tally_time_range_get_buckets (range, interval);

  if (buckets->len >= 2 && g_array_index (buckets, gint64, 1) > start)
    return g_array_index (buckets, gint64, 1);
  return start + interval;
}

/**
 * tally_chart_get_time_plot:
 * @plot: (out) (optional): where the plot is, in chart coordinates
 *
 * Whether the chart shows data along a time axis (a line chart, bars over
 * time) that a range can be selected on.
 */
gboolean
tally_chart_get_time_plot (TallyChart        *self,
                           cairo_rectangle_t *plot)
{
  TallyBucketColumn column;

  g_return_val_if_fail (TALLY_IS_CHART (self), FALSE);

  if (!bucket_column (self, 0, &column))
    return FALSE;
  if (plot != NULL)
    *plot = column.plot;
  return TRUE;
}

/**
 * tally_chart_get_bucket_at:
 * @x: a point of the time axis, in chart coordinates; points beyond the
 *   plot give the first or the last bucket
 * @start: (out) (optional): when the bucket starts, Unix seconds
 * @end: (out) (optional): when it ends (the next bucket's start)
 *
 * The bucket under @x: for a line chart the nearest point, as the hover
 * crosshair picks it; for bars the slot under @x.
 *
 * Returns: the bucket's index in the frame, or -1 without a time axis
 */
int
tally_chart_get_bucket_at (TallyChart *self,
                           double      x,
                           gint64     *start,
                           gint64     *end)
{
  TallyBucketColumn column;
  const gint64 *buckets;
  guint n_buckets;

  g_return_val_if_fail (TALLY_IS_CHART (self), -1);

  if (!bucket_column (self, x, &column))
    return -1;

  buckets = tally_frame_get_buckets (self->frame, &n_buckets);
  g_assert (column.index < n_buckets);
  if (start != NULL)
    *start = buckets[column.index];
  if (end != NULL)
    *end = column.index + 1 < n_buckets ? buckets[column.index + 1]
                                        : last_bucket_end (self, buckets[column.index]);
  return (int) column.index;
}

/**
 * tally_chart_draw_selection:
 * @x1: where the drag started, in chart coordinates
 * @x2: where the pointer is
 *
 * The band of a range being selected, over the whole buckets from @x1 to
 * @x2 in either order: the theme's accent, translucent, with solid edges.
 * Meant for the hover layer, over a chart drawn by tally_chart_draw().
 */
void
tally_chart_draw_selection (TallyChart *self,
                            cairo_t    *cr,
                            double      x1,
                            double      x2)
{
  TallyBucketColumn a, b;
  const TallyRgba *accent;
  double scale, left, right;

  g_return_if_fail (TALLY_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  if (!bucket_column (self, x1, &a) || !bucket_column (self, x2, &b))
    return;

  scale = tally_chart_device_scale (self, cr);
  left = tally_snap (MIN (a.left, b.left), scale);
  right = tally_snap (MAX (a.right, b.right), scale);
  accent = tally_chart_color (self, TALLY_CHART_COLOR_ACCENT);

  cairo_save (cr);
  cairo_rectangle (cr, left, a.plot.y, right - left, a.plot.height);
  tally_cairo_set_color (cr, accent, BAND_FILL_ALPHA);
  cairo_fill (cr);

  cairo_set_line_width (cr, 1 / scale);
  cairo_move_to (cr, left, a.plot.y);
  cairo_line_to (cr, left, a.plot.y + a.plot.height);
  cairo_move_to (cr, right, a.plot.y);
  cairo_line_to (cr, right, a.plot.y + a.plot.height);
  tally_cairo_set_color (cr, accent, 1);
  cairo_stroke (cr);
  cairo_restore (cr);
}
