/* bench-sketch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Whether the latency sketch earns its place: on the same million values,
 * how far its p50/p90/p95/p99 are from the exact ones, and what inserting
 * everything and reading the four percentiles costs next to the exact
 * answer (copy the values, quickselect each percentile). Both are measured
 * in this run, so only their ratio is printed; accuracy above 1 % is a
 * failure, time never is. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tally-sketch.h"

#define N_VALUES  1000000
#define N_ROUNDS  5
#define MAX_ERROR 0.01

static const double quantiles[] = { 0.5, 0.9, 0.95, 0.99 };

/* Request latencies in ms: median 300 ms, a long right tail. */
static double *
make_latencies (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260323);
  double *values = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      double u = 1.0 - g_rand_double (rand);
      double v = g_rand_double (rand);

      values[i] = 300.0 * exp (0.8 * sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v));
    }
  return values;
}

static inline void
swap (double *a,
      double *b)
{
  double t = *a;

  *a = *b;
  *b = t;
}

/* nth_element: afterwards values[k] is the value of rank k + 1. Hoare
 * partition around a median of three, iterating into one side. */
static double
quickselect (double *values,
             gsize   n,
             gsize   k)
{
  gsize lo = 0, hi = n - 1;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      gsize i = lo, j = hi;
      double pivot;

      if (values[mid] < values[lo])
        swap (&values[mid], &values[lo]);
      if (values[hi] < values[lo])
        swap (&values[hi], &values[lo]);
      if (values[hi] < values[mid])
        swap (&values[hi], &values[mid]);
      pivot = values[mid];

      while (i <= j)
        {
          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i <= j)
            {
              swap (&values[i], &values[j]);
              i++;
              if (j == 0)
                break;
              j--;
            }
        }

      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }

  return values[k];
}

static gsize
rank_index (double q,
            gsize  n)
{
  gsize rank = (gsize) ceil (q * (double) n);

  return CLAMP (rank, 1, n) - 1;
}

/* The exact percentiles the way a query without sketches would get them. */
static gint64
time_exact (const double *values,
            double       *scratch,
            double       *exact)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < G_N_ELEMENTS (quantiles); i++)
    {
      memcpy (scratch, values, sizeof (double) * N_VALUES);
      exact[i] = quickselect (scratch, N_VALUES, rank_index (quantiles[i], N_VALUES));
    }
  return g_get_monotonic_time () - start;
}

static gint64
time_sketch (const double *values,
             double       *estimate)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(TallySketch) sketch = tally_sketch_new ();

  for (guint i = 0; i < N_VALUES; i++)
    tally_sketch_add (sketch, values[i]);
  for (guint i = 0; i < G_N_ELEMENTS (quantiles); i++)
    estimate[i] = tally_sketch_quantile (sketch, quantiles[i]);
  return g_get_monotonic_time () - start;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree double *values = make_latencies (N_VALUES);
  g_autofree double *scratch = g_new (double, N_VALUES);
  double exact[G_N_ELEMENTS (quantiles)];
  double estimate[G_N_ELEMENTS (quantiles)];
  gint64 best_exact = G_MAXINT64, best_sketch = G_MAXINT64;
  double worst = 0;

  /* The quickselect must itself be right: check it once against a sort. */
  time_exact (values, scratch, exact);
  memcpy (scratch, values, sizeof (double) * N_VALUES);
  qsort (scratch, N_VALUES, sizeof (double), compare_doubles);
  for (guint i = 0; i < G_N_ELEMENTS (quantiles); i++)
    if (exact[i] != scratch[rank_index (quantiles[i], N_VALUES)])
      g_error ("quickselect disagrees with qsort at q = %g", quantiles[i]);

  /* The best of a few rounds: the machine is shared and noisy. */
  for (guint round = 0; round < N_ROUNDS; round++)
    {
      best_exact = MIN (best_exact, time_exact (values, scratch, exact));
      best_sketch = MIN (best_sketch, time_sketch (values, estimate));
    }

  for (guint i = 0; i < G_N_ELEMENTS (quantiles); i++)
    {
      double error = fabs (estimate[i] - exact[i]) / exact[i];

      g_print ("p%-4g exact %10.3f  sketch %10.3f  relative error %.3f %%\n",
               100 * quantiles[i], exact[i], estimate[i], 100 * error);
      worst = MAX (worst, error);
    }

  g_print ("sketch max relative error (p50, p90, p95, p99): %.3f %% (bound %.1f %%)\n",
           100 * worst, 100 * MAX_ERROR);
  g_print ("sketch/quickselect time ratio: %.2f\n", (double) best_sketch / (double) best_exact);

  if (worst > MAX_ERROR)
    {
      g_printerr ("FAIL: the sketch is off by more than %.1f %%\n", 100 * MAX_ERROR);
      return 1;
    }
  return 0;
}
