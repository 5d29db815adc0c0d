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

static inline void
column_add (TallyColumn *column,
            double       value,
            gboolean    *gap)
{
  if (!(column->flags & TALLY_COLUMN_HAS_DATA))
    {
      column->min = column->max = column->first = value;
      column->flags |= TALLY_COLUMN_HAS_DATA | (*gap ? TALLY_COLUMN_GAP_BEFORE : 0);
      *gap = FALSE;
    }
  else if (*gap)
    {
      /* A null inside the column: keep the extremes, and let the next
       * column know the line broke. */
      *gap = FALSE;
    }
  if (value < column->min)
    column->min = value;
  if (value > column->max)
    column->max = value;
  column->last = value;
}

/* Spreads the points of @times/@values that fall within [@t0, @t1] over
 * @n_columns equal columns, column 0 starting at @t0. NAN values are gaps.
 * Returns how many points were in view. */
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
  guint first, end;
  double k;

  g_return_val_if_fail (n_columns > 0 && columns != NULL, 0);

  for (guint c = 0; c < n_columns; c++)
    columns[c] = (TallyColumn) { NAN, NAN, NAN, NAN, 0 };
  if (n_values == 0)
    return 0;

  tally_decimate_find_range (times, n_values, t0, t1, &first, &end);
  k = t1 > t0 ? n_columns / (t1 - t0) : 0;

  for (guint i = first; i < end; i++)
    {
      double v = values[i];
      guint c;

      if (isnan (v))
        {
          gap = TRUE;
          continue;
        }
      c = (guint) ((double) (times[i] - (gint64) t0) * k);
      column_add (&columns[MIN (c, n_columns - 1)], v, &gap);
    }

  return end - first;
}
