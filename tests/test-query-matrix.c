/* test-query-matrix.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Matrices, every cell against the brute-force reference: day of week ×
 * hour of day in three zones (cells the range never reaches null, the
 * autumn DST hour twice as long), latency ranges × time buckets (counts
 * exact: no duration lies within 1.5 % of a range's edge), and two
 * dimensions (pairs that never occur null). */

#include "config.h"

#include "tally-test-query.h"
#include "tally-test-utils.h"

/* From within a minute before the first event to two hours past now. */
#define FROM (TQ_DATA_FROM - 17)
#define TO   (TQ_NOW + 2 * TQ_HOUR)

static TallyQuery *
matrix_query (TallyMetric  metric,
              TallyStat    stat,
              const char  *rows,
              const char  *columns)
{
  TallyQuery *query = tq_query (TALLY_SHAPE_MATRIX, metric, stat);

  tq_set_dimension (&query->rows, rows);
  tq_set_dimension (&query->columns, columns);
  return query;
}

/* Every metric and stat over the whole data, in Berlin (with its DST
 * change) and New York; over odd ends, in UTC, filtered. Beyond the full
 * run, a third of them. */
static void
test_query_day_hour (gconstpointer data)
{
  TqStoreState state = GPOINTER_TO_UINT (data);
  guint n_seeds;
  const guint32 *seeds = tq_get_seeds (state, &n_seeds);

  tq_begin (state);
  for (guint i = 0; i < n_seeds; i++)
    {
      TallyStore *store = tq_get_store (seeds[i], state);

      tq_set_seed (seeds[i]);
      for (guint z = 0; z < 3; z++)
        for (TallyMetric m = 0; m < TALLY_N_EVENT_METRICS; m++)
          for (TallyStat s = 0; s < TALLY_N_STATS; s++)
            {
              g_autoptr(TallyQuery) query = matrix_query (m, s, "day_of_week", "hour_of_day");
              g_autoptr(TallyTimeRange) range = NULL;

              if (!tally_ref_metric_compares (m, s) ||
                  (!tq_is_full_run (state, seeds[i]) && (m + s + z) % 3 != 0))
                continue;
              if (z == 0)
                range = tq_range (FROM, TO, TQ_NOW, "Europe/Berlin");
              else if (z == 1)
                range = tq_range (FROM, TO, TQ_NOW, "America/New_York");
              else
                {
                  range = tq_range (TQ_ODD_FROM, TQ_ODD_TO, TQ_NOW, NULL);
                  tq_add_filters (query, "model=gpt-4o|o3|gpt-4o-mini;status_class=2xx|5xx");
                }
              tq_check (tq_get_ref (seeds[i]), store, query, range);
            }
    }
  tq_end ();
}

/* Latency, TTFT and queue time count their own ranges; any other metric
 * counts latency. */
static void
test_query_latency_time (gconstpointer data)
{
  TqStoreState state = GPOINTER_TO_UINT (data);
  static const struct
  {
    TallyMetric metric;
    TallyStat   stat;
  } metrics[] = {
    { TALLY_METRIC_LATENCY, TALLY_STAT_P95 },
    { TALLY_METRIC_TTFT, TALLY_STAT_COUNT },
    { TALLY_METRIC_QUEUE_TIME, TALLY_STAT_AVG },
    { TALLY_METRIC_REQUESTS, TALLY_STAT_SUM },
    { TALLY_METRIC_RTF, TALLY_STAT_MAX },
    { TALLY_METRIC_ERROR_RATE, TALLY_STAT_AVG },
  };
  static const char *filters[] = { NULL, "model=o3|gpt-4o", "status_class=2xx;label.voice=sage" };
  guint n_seeds;
  const guint32 *seeds = tq_get_seeds (state, &n_seeds);

  tq_begin (state);
  for (guint i = 0; i < n_seeds; i++)
    {
      TallyStore *store = tq_get_store (seeds[i], state);

      tq_set_seed (seeds[i]);
      for (guint k = 0; k < G_N_ELEMENTS (metrics); k++)
        for (guint z = 0; z < 3; z++)
          for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
            {
              g_autoptr(TallyQuery) query = matrix_query (metrics[k].metric, metrics[k].stat,
                                                          "latency_bucket", "time");
              g_autoptr(TallyTimeRange) range = NULL;

              if (!tq_is_full_run (state, seeds[i]) && (k + z + f) % 3 != 0)
                continue;
              /* Hourly over odd ends; automatic over the whole data; daily
               * in Berlin. */
              if (z == 0)
                range = tq_range (TQ_ODD_FROM, TQ_ODD_TO, TQ_NOW, NULL);
              else
                range = tq_range (FROM, TO, TQ_NOW, z == 1 ? NULL : "Europe/Berlin");
              query->interval_s = (const gint64[]) { TQ_HOUR, 0, TQ_DAY }[z];
              query->width_px = 300;
              tq_add_filters (query, filters[f]);
              tq_check (tq_get_ref (seeds[i]), store, query, range);
            }
    }
  tq_end ();
}

typedef struct
{
  TqStoreState  state;
  const char   *rows;
  const char   *columns;
} PairCase;

static const char *pairs[][2] = {
  { "model", "project" },
  { "user", "model" },
  { "status_class", "status" },
  { "error", "provider" },
  { "project", "label.voice" },
};

/* Every metric under a few stats, over odd ends and over a filtered day
 * in New York. */
static void
test_query_two_dimensions (gconstpointer data)
{
  const PairCase *c = data;
  guint n_seeds;
  const guint32 *seeds = tq_get_seeds (c->state, &n_seeds);

  tq_begin (c->state);
  for (guint i = 0; i < n_seeds; i++)
    {
      TallyStore *store = tq_get_store (seeds[i], c->state);

      tq_set_seed (seeds[i]);
      for (TallyMetric m = 0; m < TALLY_N_EVENT_METRICS; m++)
        for (TallyStat s = 0; s < TALLY_N_STATS; s++)
          for (guint z = 0; z < 2; z++)
            {
              g_autoptr(TallyQuery) query = matrix_query (m, s, c->rows, c->columns);
              g_autoptr(TallyTimeRange) range = NULL;
              guint every = tq_is_full_run (c->state, seeds[i]) ? 3 : 9;

              if (!tally_ref_metric_compares (m, s) || (m + s + z) % every != 0)
                continue;
              if (z == 0)
                range = tq_range (TQ_ODD_FROM, TQ_ODD_TO, TQ_NOW, NULL);
              else
                {
                  range = tq_range (TQ_NOW - 26 * TQ_HOUR, TQ_NOW - 2 * TQ_HOUR, TQ_NOW,
                                    "America/New_York");
                  tq_add_filters (query, "api_key=key-1|key-3");
                }
              tq_check (tq_get_ref (seeds[i]), store, query, range);
            }
    }
  tq_end ();
}

int
main (int   argc,
      char *argv[])
{
  static PairCase pair_cases[TQ_N_STORES][G_N_ELEMENTS (pairs)];
  int status;

  tq_init (&argc, &argv);

  for (TqStoreState state = 0; state < TQ_N_STORES; state++)
    {
      g_autofree char *prefix = g_strdup_printf ("/tally/query/matrix/%s",
                                                 tq_store_state_name (state));
      g_autofree char *day_hour = g_strconcat (prefix, "/day-hour", NULL);
      g_autofree char *latency_time = g_strconcat (prefix, "/latency-time", NULL);

      g_test_add_data_func (day_hour, GUINT_TO_POINTER (state), test_query_day_hour);
      g_test_add_data_func (latency_time, GUINT_TO_POINTER (state), test_query_latency_time);
      for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s-%s", prefix, pairs[p][0], pairs[p][1]);

          pair_cases[state][p] = (PairCase) { state, pairs[p][0], pairs[p][1] };
          g_test_add_data_func (path, &pair_cases[state][p], test_query_two_dimensions);
        }
    }

  status = g_test_run ();
  tq_cleanup ();
  return status;
}
