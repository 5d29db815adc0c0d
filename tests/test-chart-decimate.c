/* test-chart-decimate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Min/max decimation against the obvious answer: every point put in its
 * column by arithmetic, on random series with nulls, irregular times and
 * points outside the range. */

#include "config.h"

#include <math.h>

#include "tally-decimate.h"
#include "tally-test-utils.h"

/* The reference: each point to column floor((t - t0) / width). */
static void
reference (const gint64 *times,
           const double *values,
           guint         n,
           double        t0,
           double        t1,
           TallyColumn  *columns,
           guint         n_columns)
{
  gboolean gap = FALSE;
  double width = (t1 - t0) / n_columns;

  for (guint c = 0; c < n_columns; c++)
    columns[c] = (TallyColumn) { NAN, NAN, NAN, NAN, 0 };
  for (guint i = 0; i < n; i++)
    {
      TallyColumn *col;
      guint c;

      if (times[i] < t0 || times[i] > t1)
        continue;
      if (isnan (values[i]))
        {
          gap = TRUE;
          continue;
        }
      c = MIN ((guint) floor ((times[i] - t0) / width), n_columns - 1);
      col = &columns[c];
      if (!(col->flags & TALLY_COLUMN_HAS_DATA))
        {
          col->min = col->max = col->first = values[i];
          col->flags = TALLY_COLUMN_HAS_DATA | (gap ? TALLY_COLUMN_GAP_BEFORE : 0);
        }
      gap = FALSE;
      col->min = MIN (col->min, values[i]);
      col->max = MAX (col->max, values[i]);
      col->last = values[i];
    }
}

static void
assert_columns_equal (const TallyColumn *a,
                      const TallyColumn *b,
                      guint              n)
{
  for (guint c = 0; c < n; c++)
    {
      g_assert_cmpuint (a[c].flags, ==, b[c].flags);
      if (!(a[c].flags & TALLY_COLUMN_HAS_DATA))
        continue;
      g_assert_cmpfloat (a[c].min, ==, b[c].min);
      g_assert_cmpfloat (a[c].max, ==, b[c].max);
      g_assert_cmpfloat (a[c].first, ==, b[c].first);
      g_assert_cmpfloat (a[c].last, ==, b[c].last);
    }
}

static void
run_random (guint    seed,
            guint    n,
            guint    n_columns,
            gboolean regular,
            double   null_share)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree gint64 *times = g_new (gint64, n);
  g_autofree double *values = g_new (double, n);
  g_autofree TallyColumn *got = g_new (TallyColumn, n_columns);
  g_autofree TallyColumn *want = g_new (TallyColumn, n_columns);
  gint64 t = 1000;
  double t0, t1;
  guint in_view;

  for (guint i = 0; i < n; i++)
    {
      t += regular ? 60 : g_rand_int_range (rand, 1, 500);
      times[i] = t;
      values[i] = g_rand_double (rand) < null_share ? NAN : g_rand_double_range (rand, -1e3, 1e3);
    }
  /* A view that cuts the series at both ends. */
  t0 = times[n / 10] + 0.5;
  t1 = times[n - n / 10 - 1];

  in_view = tally_decimate (times, values, n, t0, t1, got, n_columns);
  reference (times, values, n, t0, t1, want, n_columns);
  assert_columns_equal (got, want, n_columns);
  g_assert_cmpuint (in_view, ==, (n - n / 10) - (n / 10 + 1));
}

static void
test_decimate_random (void)
{
  run_random (1, 100000, 1200, TRUE, 0);
  run_random (2, 100000, 1200, TRUE, 0.01);
  run_random (3, 50000, 777, FALSE, 0.05);
  run_random (4, 5000, 1200, FALSE, 0.3);
  run_random (5, 3000, 3000, TRUE, 0);
}

/* A one-point spike among a million flat points keeps its full height. */
static void
test_decimate_spike (void)
{
  guint n = 1000000;
  g_autofree gint64 *times = g_new (gint64, n);
  g_autofree double *values = g_new (double, n);
  TallyColumn columns[100];
  double max = -INFINITY;

  for (guint i = 0; i < n; i++)
    {
      times[i] = i;
      values[i] = 1;
    }
  values[543210] = 1e6;
  tally_decimate (times, values, n, 0, n - 1, columns, G_N_ELEMENTS (columns));
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    max = MAX (max, columns[c].max);
  g_assert_cmpfloat (max, ==, 1e6);
  g_assert_cmpfloat (columns[54].max, ==, 1e6);
  g_assert_cmpfloat (columns[54].min, ==, 1);
}

/* A null between two columns breaks the line; nulls inside a column keep
 * its extremes; an all-null series has no data anywhere. */
static void
test_decimate_gaps (void)
{
  gint64 times[12];
  double values[12] = { 1, 2, NAN, 4, 5, 6, 7, 8, NAN, NAN, 11, 12 };
  double nulls[12];
  TallyColumn columns[4];

  for (guint i = 0; i < 12; i++)
    times[i] = i * 10, nulls[i] = NAN;

  /* Columns of 30 s: [0, 30) [30, 60) [60, 90) [90, 120]. */
  tally_decimate (times, values, 12, 0, 120, columns, 4);
  g_assert_cmpuint (columns[0].flags, ==, TALLY_COLUMN_HAS_DATA);
  g_assert_cmpfloat (columns[0].min, ==, 1);
  g_assert_cmpfloat (columns[0].max, ==, 2);
  g_assert_cmpuint (columns[1].flags, ==, TALLY_COLUMN_HAS_DATA | TALLY_COLUMN_GAP_BEFORE);
  g_assert_cmpfloat (columns[1].first, ==, 4);
  g_assert_cmpuint (columns[2].flags, ==, TALLY_COLUMN_HAS_DATA);
  g_assert_cmpfloat (columns[2].last, ==, 8);
  g_assert_cmpuint (columns[3].flags, ==, TALLY_COLUMN_HAS_DATA | TALLY_COLUMN_GAP_BEFORE);
  g_assert_cmpfloat (columns[3].min, ==, 11);

  tally_decimate (times, nulls, 12, 0, 120, columns, 4);
  for (guint c = 0; c < 4; c++)
    g_assert_cmpuint (columns[c].flags, ==, 0);

  g_assert_cmpuint (tally_decimate (times, values, 0, 0, 120, columns, 4), ==, 0);
}

static void
test_decimate_find_range (void)
{
  gint64 times[] = { 10, 20, 20, 30, 40 };
  guint first, end;

  tally_decimate_find_range (times, 5, 20, 30, &first, &end);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (end, ==, 4);
  tally_decimate_find_range (times, 5, 41, 50, &first, &end);
  g_assert_cmpuint (first, ==, 5);
  g_assert_cmpuint (end, ==, 5);
  tally_decimate_find_range (times, 5, 0, 9, &first, &end);
  g_assert_cmpuint (end - first, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-decimate/random", test_decimate_random);
  g_test_add_func ("/tally/chart-decimate/spike", test_decimate_spike);
  g_test_add_func ("/tally/chart-decimate/gaps", test_decimate_gaps);
  g_test_add_func ("/tally/chart-decimate/find-range", test_decimate_find_range);

  return g_test_run ();
}
