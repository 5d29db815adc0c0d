/* bench-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Whether the line renderer keeps uPlot's promise: one series of a
 * million points drawn into a 1200×400 image in a few milliseconds. The
 * baseline is the least a renderer could do, written here in a few lines:
 * min/max per pixel column, one rectangle per column, one fill. The line
 * chart does that plus axes, ticks, labels, a legendless layout and gap
 * handling. Both run in this process on the same surface, alternately, so
 * only their ratio means anything on a shared machine; times are printed,
 * never asserted. */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "tally-chart.h"

#define N_POINTS 1000000
#define WIDTH    1200
#define HEIGHT   400
#define ROUNDS   31

typedef struct
{
  gint64 *buckets;
  double *values;
} Series;

/* A day of requests per tenth of a second: a daily wave, noise, spikes. */
static void
make_series (Series *series)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);

  series->buckets = g_new (gint64, N_POINTS);
  series->values = g_new (double, N_POINTS);
  for (guint i = 0; i < N_POINTS; i++)
    {
      series->buckets[i] = 1763856000 + i;
      series->values[i] = 300 + 200 * sin (i * 2 * G_PI / N_POINTS) +
                          g_rand_double_range (rand, -40, 40) +
                          (g_rand_int_range (rand, 0, 10000) == 0 ? 400 : 0);
    }
}

/* The baseline: decimate and fill, nothing else. Naive, it finds each
 * point's column by arithmetic and fills boxes with fractional ends;
 * tuned, it walks each column's points in one tight loop and rounds the
 * boxes to whole pixels, as the line chart does. */
static void
draw_baseline (cairo_t      *cr,
               const double *values,
               gboolean      tuned)
{
  static double lo[WIDTH], hi[WIDTH];
  double min = INFINITY, max = -INFINITY;

  for (guint c = 0; c < WIDTH; c++)
    lo[c] = INFINITY, hi[c] = -INFINITY;
  if (tuned)
    for (guint c = 0; c < WIDTH; c++)
      for (guint64 i = (guint64) c * N_POINTS / WIDTH; i < (guint64) (c + 1) * N_POINTS / WIDTH; i++)
        {
          lo[c] = values[i] < lo[c] ? values[i] : lo[c];
          hi[c] = values[i] > hi[c] ? values[i] : hi[c];
        }
  else
    for (guint i = 0; i < N_POINTS; i++)
      {
        guint c = (guint) ((guint64) i * WIDTH / N_POINTS);
        double v = values[i];

        if (v < lo[c])
          lo[c] = v;
        if (v > hi[c])
          hi[c] = v;
      }
  for (guint c = 0; c < WIDTH; c++)
    min = MIN (min, lo[c]), max = MAX (max, hi[c]);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (guint c = 0; c < WIDTH; c++)
    {
      double y0 = HEIGHT - (hi[c] - min) / (max - min) * HEIGHT - 1;
      double y1 = HEIGHT - (lo[c] - min) / (max - min) * HEIGHT + 1;

      if (tuned)
        y0 = floor (y0), y1 = ceil (y1);
      cairo_rectangle (cr, c, y0, 1, y1 - y0);
    }
  cairo_set_source_rgb (cr, 0, 0.45, 0.7);
  cairo_fill (cr);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  double best;
  double median;
} Figure;

/* The best round is the machine's answer; the median, what a loaded
 * machine (two cores shared with compilers) gives on a typical draw. */
static Figure
summarize (double *times)
{
  qsort (times, ROUNDS, sizeof (double), compare_doubles);
  return (Figure) { times[0], times[ROUNDS / 2] };
}

static void
print_figure (const char   *name,
              const Figure *figure,
              const Figure *naive,
              const Figure *tuned)
{
  g_print ("  %-46s %6.2f ms %7.2f ms", name, figure->best, figure->median);
  if (naive != NULL)
    g_print ("   %5.2fx naive, %5.2fx tuned (best), %5.2fx tuned (median)",
             figure->best / naive->best, figure->best / tuned->best, figure->median / tuned->median);
  g_print ("\n");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyChart) chart = tally_chart_new (TALLY_CHART_LINE);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  double naive[ROUNDS], tuned[ROUNDS], cold[ROUNDS], warm[ROUNDS], first;
  Series series;
  gint64 start;

  make_series (&series);
  frame = tally_frame_new_timeseries ("requests", "count", "requests", 1, series.buckets, N_POINTS);
  tally_frame_add_series (frame, "requests", series.values);
  tally_chart_set_size (chart, WIDTH, HEIGHT);

  /* The very first draw also loads fonts: shown apart, once. */
  start = g_get_monotonic_time ();
  tally_chart_set_frame (chart, frame);
  tally_chart_draw (chart, cr);
  first = elapsed_ms (start);

  for (guint round = 0; round < ROUNDS; round++)
    {
      start = g_get_monotonic_time ();
      draw_baseline (cr, series.values, FALSE);
      cairo_surface_flush (surface);
      naive[round] = elapsed_ms (start);

      start = g_get_monotonic_time ();
      draw_baseline (cr, series.values, TRUE);
      cairo_surface_flush (surface);
      tuned[round] = elapsed_ms (start);

      /* New data, as on every refresh: layout, decimation and drawing. */
      tally_chart_set_frame (chart, NULL);
      start = g_get_monotonic_time ();
      tally_chart_set_frame (chart, frame);
      tally_chart_draw (chart, cr);
      cairo_surface_flush (surface);
      cold[round] = elapsed_ms (start);

      /* A redraw of the same data: the widget after an expose. */
      start = g_get_monotonic_time ();
      tally_chart_draw (chart, cr);
      cairo_surface_flush (surface);
      warm[round] = elapsed_ms (start);
    }

  {
    Figure n = summarize (naive), t = summarize (tuned), c = summarize (cold), w = summarize (warm);

    g_print ("line chart, %d points, %dx%d ARGB32, %d rounds\n", N_POINTS, WIDTH, HEIGHT, ROUNDS);
    g_print ("  %-46s %9s %10s\n", "", "best", "median");
    print_figure ("baseline, naive (per-point columns, boxes)", &n, NULL, NULL);
    print_figure ("baseline, tuned (column loops, aligned boxes)", &t, NULL, NULL);
    print_figure ("line chart, new frame (layout, decimate, draw)", &c, &n, &t);
    print_figure ("line chart, redraw (layout and columns kept)", &w, &n, &t);
    g_print ("  %-46s %6.2f ms\n", "first draw of a new chart (loads the fonts)", first);
    g_print ("  target: a new frame in <= 4 ms and <= 2.5x the baseline\n");
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_free (series.buckets);
  g_free (series.values);
  return 0;
}
