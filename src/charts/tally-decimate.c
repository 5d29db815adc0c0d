/* tally-decimate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Min/max decimation (STYLE.md, "Drawing"): a series of a million points
 * on a 1200-pixel chart becomes 1200 columns of (min, max, first, last),
 * in one pass over the points that are in view. The line renderer fills
 * one rectangle per column, so the work to draw a series is bounded by its
 * width in pixels, and no extreme is lost: a one-minute spike in a month
 * of data still reaches its full height. */

#include "config.h"

#include <math.h>

#include "tally-decimate.h"

/* The points of @times (ascending) within [@t0, @t1]: [*@first, *@end). */
void
tally_decimate_find_range (const gint64 *times,
                           guint         n_values,
                           double        t0,
                           double        t1,
                           guint        *first,
                           guint        *end)
{
  guint lo = 0, hi = n_values;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) times[mid] < t0)
        lo = mid + 1;
      else
        hi = mid;
    }
  *first = lo;

  hi = n_values;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) times[mid] <= t1)
        lo = mid + 1;
      else
        hi = mid;
    }
  *end = lo;
}

/* The first index in [@lo, @hi) whose time is at or after @t, guessed
 * from the times being about evenly spaced, then corrected by galloping:
 * two or three probes per column for regular buckets, never a scan. */
static guint
lower_bound (const gint64 *times,
             guint         lo,
             guint         hi,
             double        t)
{
  guint guess, step = 1, a, b;

  if (lo >= hi || (double) times[lo] >= t)
    return lo;
  if ((double) times[hi - 1] < t)
    return hi;
  guess = lo + (guint) ((t - times[lo]) / ((double) times[hi - 1] - times[lo]) * (hi - 1 - lo));
  guess = CLAMP (guess, lo + 1, hi - 1);

  /* Now times[lo] < t <= times[hi - 1]: gallop from the guess. */
  if ((double) times[guess] < t)
    {
      for (a = guess; a + step < hi && (double) times[a + step] < t; step *= 2)
        a += step;
      b = MIN (a + step, hi - 1);
    }
  else
    {
      for (b = guess; b - lo > step && (double) times[b - step] >= t; step *= 2)
        b -= step;
      a = b - lo > step ? b - step : lo;
    }

  /* times[a] < t <= times[b] */
  while (b - a > 1)
    {
      guint mid = a + (b - a) / 2;

      if ((double) times[mid] < t)
        a = mid;
      else
        b = mid;
    }

  return b;
}

/* The careful path, for a column with nulls in it. */
static void
column_add_slow (TallyColumn  *column,
                 const double *values,
                 guint         n,
                 gboolean     *gap)
{
  for (guint i = 0; i < n; i++)
    {
      double v = values[i];

      if (isnan (v))
        {
          *gap = TRUE;
          continue;
        }
      if (!(column->flags & TALLY_COLUMN_HAS_DATA))
        {
          column->min = column->max = column->first = v;
          column->flags |= TALLY_COLUMN_HAS_DATA | (*gap ? TALLY_COLUMN_GAP_BEFORE : 0);
        }
      *gap = FALSE;
      column->min = v < column->min ? v : column->min;
      column->max = v > column->max ? v : column->max;
      column->last = v;
    }
}

/* One column's points: a loop of four independent min/max chains that
 * the CPU overlaps, counting nulls on the way (x != x); only a column
 * with a null takes the careful path. */
static void
column_add_run (TallyColumn  *column,
                const double *values,
                guint         n,
                gboolean     *gap)
{
  double lo[4] = { INFINITY, INFINITY, INFINITY, INFINITY };
  double hi[4] = { -INFINITY, -INFINITY, -INFINITY, -INFINITY };
  guint nans = 0, i = 0;

  if (n == 0)
    return;
  for (; i + 4 <= n; i += 4)
    for (guint k = 0; k < 4; k++)
      {
        double v = values[i + k];

        nans += v != v;
        lo[k] = v < lo[k] ? v : lo[k];
        hi[k] = v > hi[k] ? v : hi[k];
      }
  for (; i < n; i++)
    {
      double v = values[i];

      nans += v != v;
      lo[0] = v < lo[0] ? v : lo[0];
      hi[0] = v > hi[0] ? v : hi[0];
    }
  if (nans > 0)
    {
      column_add_slow (column, values, n, gap);
      return;
    }

  column->min = MIN (MIN (lo[0], lo[1]), MIN (lo[2], lo[3]));
  column->max = MAX (MAX (hi[0], hi[1]), MAX (hi[2], hi[3]));
  column->first = values[0];
  column->last = values[n - 1];
  column->flags = TALLY_COLUMN_HAS_DATA | (*gap ? TALLY_COLUMN_GAP_BEFORE : 0);
  *gap = FALSE;
}

/* Spreads the points of @times/@values that fall within [@t0, @t1] over
 * @n_columns equal columns, column 0 starting at @t0. NAN values are gaps.
 * Returns how many points were in view. Reads each value once and the
 * times only where a column ends. */
guint
tally_decimate (const gint64 *times,
                const double *values,
                guint         n_values,
                double        t0,
                double        t1,
                TallyColumn  *columns,
                guint         n_columns)
{
  gboolean gap = FALSE;
  guint first, end, i;
  double width;

  g_return_val_if_fail (n_columns > 0 && columns != NULL, 0);

  for (guint c = 0; c < n_columns; c++)
    columns[c] = (TallyColumn) { NAN, NAN, NAN, NAN, 0 };
  if (n_values == 0)
    return 0;

  tally_decimate_find_range (times, n_values, t0, t1, &first, &end);
  width = t1 > t0 ? (t1 - t0) / n_columns : 0;
  i = first;
  for (guint c = 0; c < n_columns && i < end; c++)
    {
      guint j = c + 1 == n_columns || width == 0 ? end
                                                 : lower_bound (times, i, end, t0 + (c + 1) * width);

      column_add_run (&columns[c], values + i, j - i, &gap);
      i = j;
    }

  return end - first;
}
