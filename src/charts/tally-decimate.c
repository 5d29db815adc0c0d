/* tally-decimate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Min/max decimation (STYLE.md, "Drawing"): a series of a million points
 * on a 1200-pixel chart becomes 1200 columns of (min, max, first, last),
 * in one pass over the points that are in view, about 0.3 ms here. The line renderer fills
 * one rectangle per column, so the work to draw a series is bounded by its
 * width in pixels, and no extreme is lost: a one-minute spike in a month
 * of data still reaches its full height. */

#include "config.h"

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

#define MIN_OF(v, m) ((v) < (m) ? (v) : (m))
#define MAX_OF(v, m) ((v) > (m) ? (v) : (m))

/* The extremes of @values[0 .. @n), two at a time in SSE2 registers where
 * there are some: minpd and maxpd keep their second operand when the
 * first is NAN, as the scalar compares below do, so a null is never an
 * extreme. Returns whether a null was seen (x != x). */
static gboolean
run_extremes (const double *values,
              guint         n,
              double       *lo,
              double       *hi)
{
  double l = INFINITY, h = -INFINITY;
  gboolean nans = FALSE;
  guint i = 0;

#ifdef __SSE2__
  {
    __m128d l0 = _mm_set1_pd (INFINITY), l1 = l0, h0 = _mm_set1_pd (-INFINITY), h1 = h0;
    __m128d nan = _mm_setzero_pd ();
    double out[2];

    for (; i + 4 <= n; i += 4)
      {
        __m128d x = _mm_loadu_pd (values + i), y = _mm_loadu_pd (values + i + 2);

        nan = _mm_or_pd (nan, _mm_or_pd (_mm_cmpunord_pd (x, x), _mm_cmpunord_pd (y, y)));
        l0 = _mm_min_pd (x, l0);
        l1 = _mm_min_pd (y, l1);
        h0 = _mm_max_pd (x, h0);
        h1 = _mm_max_pd (y, h1);
      }
    _mm_storeu_pd (out, _mm_min_pd (l0, l1));
    l = MIN (out[0], out[1]);
    _mm_storeu_pd (out, _mm_max_pd (h0, h1));
    h = MAX (out[0], out[1]);
    nans = _mm_movemask_pd (nan) != 0;
  }
#endif

  for (; i < n; i++)
    {
      double v = values[i];

      nans |= v != v;
      l = MIN_OF (v, l);
      h = MAX_OF (v, h);
    }
  *lo = l;
  *hi = h;

  return nans;
}

/* One column's points; only a column with a null takes the careful path
 * for its gap flags. */
static void
column_add_run (TallyColumn  *column,
                const double *values,
                guint         n,
                gboolean     *gap)
{
  double lo, hi;

  if (n == 0)
    return;
  if (run_extremes (values, n, &lo, &hi))
    {
      column_add_slow (column, values, n, gap);
      return;
    }

  column->min = lo;
  column->max = hi;
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
