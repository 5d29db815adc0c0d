/* tally-time-range.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A resolved time range, and how it is cut into the buckets every source
 * and the store aggregate into: fixed widths on the local wall clock,
 * local midnights for days (23 or 25 hours long on a DST change), Mondays
 * for weeks and the 1st for months; and the automatic interval that fits a
 * chart's width. docs/time-ranges.md states the rules. */

#include "config.h"

#include <string.h>

#include "tally-error.h"
#include "tally-time-private.h"

TallyTimeRange *
tally_time_range_new (gint64     from,
                      gint64     to,
                      gint64     now,
                      GTimeZone *tz)
{
  TallyTimeRange *range = g_new0 (TallyTimeRange, 1);

  range->from = from;
  range->to = to;
  range->now = now;
  range->tz = tz ? g_time_zone_ref (tz) : g_time_zone_new_utc ();
  return range;
}

TallyTimeRange *
tally_time_range_copy (const TallyTimeRange *range)
{
  g_return_val_if_fail (range != NULL, NULL);

  return tally_time_range_new (range->from, range->to, range->now, range->tz);
}

void
tally_time_range_free (TallyTimeRange *range)
{
  if (range == NULL)
    return;

  g_time_zone_unref (range->tz);
  g_free (range);
}

/* The period of equal length just before, for "compared with the previous
 * period" figures. */
TallyTimeRange *
tally_time_range_get_previous (const TallyTimeRange *range)
{
  gint64 length;

  g_return_val_if_fail (range != NULL, NULL);

  length = range->to - range->from;
  return tally_time_range_new (range->from - length, range->from, range->now, range->tz);
}

/* Buckets */

/* Buckets of a fixed width in local time: a bucket starts where the wall
 * clock reaches a multiple of the width (counted from @anchor), and where
 * a DST change makes the wall clock jump into another bucket or back onto
 * a multiple (a repeated hour is a bucket of its own). */
typedef struct
{
  GTimeZone *tz;
  gint64     width;
  gint64     anchor;
} Grid;

static inline gint64
grid_index (const Grid *grid,
            gint64      local)
{
  return floor_div (local - grid->anchor, grid->width);
}

/* The first instant after @lo where the offset is no longer @offset,
 * knowing it has changed by @hi. */
static gint64
find_offset_change (GTimeZone *tz,
                    gint64     lo,
                    gint64     hi,
                    gint32     offset)
{
  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (offset_at (tz, mid) == offset)
        lo = mid;
      else
        hi = mid;
    }
  return hi;
}

static gint64
grid_next (const Grid *grid,
           gint64      after)
{
  gint64 u = after;

  for (;;)
    {
      gint32 offset = offset_at (grid->tz, u);
      gint64 index = grid_index (grid, u + offset);
      gint64 next = (index + 1) * grid->width + grid->anchor - offset;
      gint64 change, local;

      if (offset_at (grid->tz, next) == offset)
        return next;

      change = find_offset_change (grid->tz, u, next, offset);
      local = to_local (grid->tz, change);
      if (grid_index (grid, local) != index || floor_mod (local - grid->anchor, grid->width) == 0)
        return change;
      u = change;
    }
}

/* The start of the bucket that holds @at. */
static gint64
grid_start (const Grid *grid,
            gint64      at)
{
  gint32 offset = offset_at (grid->tz, at);
  gint64 start = grid_index (grid, at + offset) * grid->width + grid->anchor - offset;
  gint64 b, next;

  if (offset_at (grid->tz, start) == offset)
    return start;

  /* The offset changed inside this bucket: walk up to @at from well before. */
  b = grid_next (grid, at - grid->width - 2 * DAY_S);
  if (b > at)
    return start;
  while ((next = grid_next (grid, b)) <= at)
    b = next;
  return b;
}

static void
append_month_buckets (GArray               *buckets,
                      const TallyTimeRange *range,
                      gint64                months)
{
  gint64 day = floor_div (to_local (range->tz, range->from), DAY_S);
  gint64 month;
  GDate date;

  day_to_date (CLAMP (day, MIN_DAY, MAX_DAY), &date);
  month = MAX (floor_div (month_of (&date), months) * months, 12);

  for (; month_in_range (month); month += months)
    {
      gint64 start = day_start (range->tz, month_day (month, 1));

      if (start >= range->to)
        break;
      g_array_append_val (buckets, start);
    }
}

/**
 * tally_time_range_get_buckets:
 * @interval_s: the bucket width; whole multiples of 30 days (`1M`) are
 *   calendar months, multiples of a week start on Mondays, and everything
 *   else is aligned to multiples of @interval_s in local wall-clock time
 *   (so whole days start at local midnight)
 *
 * Returns: (transfer full): the bucket starts, Unix seconds: the first at
 *   or before @range's from, the last before its to; empty when the range
 *   is. The caller keeps (to − from) / interval_s reasonable.
 */
GArray *
tally_time_range_get_buckets (const TallyTimeRange *range,
                              gint64                interval_s)
{
  GArray *buckets;
  Grid grid;

  g_return_val_if_fail (range != NULL, NULL);
  g_return_val_if_fail (interval_s > 0, NULL);

  buckets = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (range->from >= range->to)
    return buckets;

  if (interval_s % MONTH_S == 0)
    {
      append_month_buckets (buckets, range, interval_s / MONTH_S);
      return buckets;
    }

  grid.tz = range->tz;
  grid.width = interval_s;
  grid.anchor = interval_s % WEEK_S == 0 ? MONDAY_ANCHOR : 0;
  for (gint64 t = grid_start (&grid, range->from); t < range->to; t = grid_next (&grid, t))
    g_array_append_val (buckets, t);

  return buckets;
}

/* What an automatic interval snaps to; past a year, whole years in 1-2-5
 * steps (only spans of centuries get there). */
static const gint64 auto_steps[] = {
  60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
  DAY_S, WEEK_S, MONTH_S, 3 * MONTH_S, 6 * MONTH_S, 12 * MONTH_S,
};

static gint64
auto_step (guint i)
{
  static const int mantissa[] = { 1, 2, 5 };
  gint64 years = 1;

  if (i < G_N_ELEMENTS (auto_steps))
    return auto_steps[i];

  i -= G_N_ELEMENTS (auto_steps) - 1;
  for (guint j = 0; j < i / 3; j++)
    years *= 10;
  return mantissa[i % 3] * years * 12 * MONTH_S;
}

/* Whether @step cuts @range into at most TALLY_MAX_BUCKETS buckets. Only
 * near the limit are they counted: misalignment, 23-hour days and short
 * months can add one or two. */
static gboolean
fits (const TallyTimeRange *range,
      gint64                step)
{
  g_autoptr(GArray) buckets = NULL;

  if ((range->to - range->from) / step < TALLY_MAX_BUCKETS - 64)
    return TRUE;

  buckets = tally_time_range_get_buckets (range, step);
  return buckets->len <= TALLY_MAX_BUCKETS;
}

/**
 * tally_time_range_auto_interval:
 * @width_px: the plot's width, or 0 for TALLY_DEFAULT_WIDTH_PX
 *
 * About one bucket per two pixels, never more than TALLY_MAX_BUCKETS:
 * the smallest step of 1m, 2m, 5m, 10m, 15m, 30m, 1h, 2h, 3h, 6h, 12h,
 * 1d, 1w, 1M that is at least max(span / (width / 2), span / 2000).
 */
gint64
tally_time_range_auto_interval (const TallyTimeRange *range,
                                guint                 width_px)
{
  double span, need;

  g_return_val_if_fail (range != NULL, TALLY_INTERVAL_MIN);

  span = (double) MAX (range->to - range->from, 0);
  need = MAX (span * 2.0 / (width_px > 0 ? width_px : TALLY_DEFAULT_WIDTH_PX),
              span / TALLY_MAX_BUCKETS);

  for (guint i = 0;; i++)
    {
      gint64 step = auto_step (i);

      if ((double) step >= need && (span == 0 || fits (range, step)))
        return MAX (step, TALLY_INTERVAL_MIN);
    }
}
