/* bench-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* How fast a long-range chart answers from the store's rollups, against
 * the plain way: SQL GROUP BY over the raw rows of the same store.
 *
 * The store holds 90 days at TALLY_BENCH_EVENTS_PER_DAY events a day
 * (default one million), with the traffic of a busy team: a daily shape,
 * several models and projects, log-normal latencies. It is built once and
 * kept in the benchmark's cache folder, because building 90 million events
 * takes minutes; later runs reuse it. The figures are the median of seven
 * runs each:
 *
 *   - a 30-day timeseries of requests and of P95 latency, bucketed for a
 *     1200-pixel chart, and the same SQL over the raw rows (the baseline);
 *   - the same timeseries over 90 days.
 *
 * Targets: 30 days at most 50 ms and at least 20× faster than the
 * baseline; 90 days at most 100 ms. Times are printed, never asserted. */

#include "config.h"

#include <math.h>
#include <sqlite3.h>

#include "tally-store.h"
#include "tally-test-utils.h"

#define DAYS          90
#define GENERATOR     "3"     /* bump when the generated traffic changes */
#define RUNS          7
#define BATCH         20000

static const char *models[] = { "gpt-4o", "gpt-4o-mini", "o3", "o4-mini", "claude-sonnet-4",
                                "claude-3.5-haiku", "gemini-2.5-pro", "gemini-2.5-flash" };
static const double model_latency[] = { 900, 450, 4200, 2100, 1300, 600, 2600, 700 };
static const char *projects[] = { "search", "assistant", "support-bot", "voice", "batch", "evals" };
static const int statuses[] = { 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
                                200, 200, 200, 200, 200, 200, 429, 500 };

static double
log_normal (GRand  *rand,
            double  median,
            double  sigma)
{
  double u1 = g_rand_double (rand), u2 = g_rand_double (rand);

  return median * exp (sigma * sqrt (-2.0 * log (MAX (u1, 1e-12))) * cos (2 * G_PI * u2));
}

/* Busier in the day than at night, as real traffic is. */
static gint64
event_time (GRand  *rand,
            gint64  day_start_ms)
{
  for (;;)
    {
      double hour = g_rand_double_range (rand, 0, 24);
      double weight = 0.35 + 0.65 * sin (G_PI * CLAMP ((hour - 6) / 14.0, 0, 1));

      if (g_rand_double (rand) < weight)
        return day_start_ms + (gint64) (hour * 3600 * 1000);
    }
}

static TallyEvent *
make_event (GRand  *rand,
            gint64  day_start_ms)
{
  TallyEvent *event = tally_event_new ();
  int m = g_rand_int_range (rand, 0, G_N_ELEMENTS (models));
  int p = g_rand_int_range (rand, 0, G_N_ELEMENTS (projects));

  event->time_ms = event_time (rand, day_start_ms);
  event->dims[TALLY_DIMENSION_MODEL] = g_strdup (models[m]);
  event->dims[TALLY_DIMENSION_PROJECT] = g_strdup (projects[p]);
  event->dims[TALLY_DIMENSION_USER] = g_strdup_printf ("user-%d", p * 4 + g_rand_int_range (rand, 0, 4));
  event->dims[TALLY_DIMENSION_API_KEY] = g_strdup_printf ("%s-key", projects[p]);
  event->status = statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))];
  event->input_tokens = g_rand_int_range (rand, 50, 3000);
  event->output_tokens = g_rand_int_range (rand, 10, 800);
  event->cost = (event->input_tokens * 2.5 + event->output_tokens * 10) / 1e6;
  event->latency_ms = log_normal (rand, model_latency[m], 0.5);
  event->ttft_ms = event->latency_ms * 0.2;

  return event;
}

static void
build_store (const char *path,
             gint64      first_day,
             guint       per_day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = tally_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 started = g_get_monotonic_time ();

  g_assert_no_error (error);
  for (guint day = 0; day < DAYS; day++)
    {
      for (guint done = 0; done < per_day; done += BATCH)
        {
          g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);

          for (guint i = 0; i < MIN (BATCH, per_day - done); i++)
            g_ptr_array_add (batch, make_event (rand, (first_day + day * 86400) * 1000));
          g_assert_true (tally_store_ingest (store, batch, &error));
        }
      g_printerr ("\rbuilding the store: day %u of %u, %.0f s", day + 1, DAYS,
                  (g_get_monotonic_time () - started) / 1e6);
    }
  g_printerr ("\nfolding into rollups…\n");
  g_assert_true (tally_store_flush (store, &error));
  g_printerr ("built %u events in %.0f s\n", DAYS * per_day, (g_get_monotonic_time () - started) / 1e6);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_double);
  return values[n / 2];
}

/* One timeseries query through the store; returns milliseconds. */
static double
time_query (TallyStore *store,
            TallyMetric metric,
            TallyStat   stat,
            gint64      from,
            gint64      to,
            guint      *n_buckets)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (from, to, to, utc);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  query->shape = TALLY_SHAPE_TIMESERIES;
  query->metric = metric;
  query->stat = stat;
  query->width_px = 1200;
  start = g_get_monotonic_time ();
  frame = tally_store_query (store, query, range, NULL, &error);
  g_assert_no_error (error);
  tally_frame_get_buckets (frame, n_buckets);

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The baseline: the same buckets by SQL over raw rows, count and mean
 * latency (a percentile would only make it slower). */
static double
time_sql (const char *path,
          gint64      from,
          gint64      to,
          gint64      interval)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();
  guint rows = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT time_ms / ?, count(*), avg(latency_ms) FROM events "
                                           "WHERE time_ms >= ? AND time_ms < ? GROUP BY 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, interval * 1000);
  sqlite3_bind_int64 (stmt, 2, from * 1000);
  sqlite3_bind_int64 (stmt, 3, to * 1000);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    rows++;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (rows, >, 0);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
timeseries_ms (TallyStore *store,
               gint64      from,
               gint64      to,
               guint      *n_buckets)
{
  double runs[RUNS];

  for (guint i = 0; i < RUNS; i++)
    runs[i] = time_query (store, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM, from, to, n_buckets) +
              time_query (store, TALLY_METRIC_LATENCY, TALLY_STAT_P95, from, to, n_buckets);

  return median (runs, RUNS);
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("TALLY_BENCH_EVENTS_PER_DAY");
  guint per_day = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 1000000;
  g_autofree char *name = g_strdup_printf ("bench-query-%s-%u.db", GENERATOR, per_day);
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  /* 2026-08-25 00:00 UTC: the 90 days end on 2026-11-23. */
  gint64 first_day = G_GINT64_CONSTANT (1787616000);
  gint64 end = first_day + DAYS * 86400;
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  double ours_30, ours_90, sql[3];
  guint buckets_30, buckets_90;

  tally_test_init (&argc, &argv);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    build_store (path, first_day, per_day);
  store = tally_store_open_read_only (path, &error);
  g_assert_no_error (error);

  ours_30 = timeseries_ms (store, end - 30 * 86400, end, &buckets_30);
  ours_90 = timeseries_ms (store, end - 90 * 86400, end, &buckets_90);
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    sql[i] = time_sql (path, end - 30 * 86400, end, 7200);

  g_print ("store: %u events a day for %d days (%s)\n", per_day, DAYS, path);
  g_print ("30-day requests + P95 timeseries, %u buckets: %.1f ms (target ≤ 50 ms)\n",
           buckets_30, ours_30);
  g_print ("SQL GROUP BY over the raw rows, same range: %.1f ms\n", median (sql, G_N_ELEMENTS (sql)));
  g_print ("speed-up over the raw-row baseline: %.1f× (target ≥ 20×)\n",
           median (sql, G_N_ELEMENTS (sql)) / ours_30);
  g_print ("90-day requests + P95 timeseries, %u buckets: %.1f ms (target ≤ 100 ms)\n",
           buckets_90, ours_90);

  return 0;
}
