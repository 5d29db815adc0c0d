/* test-query-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Tables, every cell against the brute-force reference: the latest events
 * of a range that pass the filters, newest first, errors only or
 * rate-limited only through the metric, each column's value (times to the
 * millisecond, strings, statuses, numbers, labels as "k=v, …"). */

#include "config.h"

#include "tally-test-query.h"
#include "tally-test-utils.h"

static const struct
{
  TallyMetric metric;
  TallyStat   stat;
} metrics[] = {
  { TALLY_METRIC_REQUESTS, TALLY_STAT_SUM },
  { TALLY_METRIC_ERRORS, TALLY_STAT_SUM },
  { TALLY_METRIC_RATE_LIMITED, TALLY_STAT_RATE },
  /* any other metric keeps every event, whatever the stat */
  { TALLY_METRIC_LATENCY, TALLY_STAT_P95 },
  { TALLY_METRIC_COST, TALLY_STAT_RATE },
};

static const guint limits[] = { 1, 7, TALLY_QUERY_DEFAULT_LIMIT, TALLY_QUERY_MAX_LIMIT };

static const char *filters[] = {
  NULL,
  "model=o3|gpt-4o;status=429|500|0",
  "label.voice=sage;project=voice|chat",
  "user=ana+user=ana|bo",
  "status_class=error",
  "model=no-such-model",
};

static void
add_filter_set (TallyQuery *query,
                const char *set)
{
  g_auto(GStrv) parts = g_strsplit (set ? set : "", "+", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    tq_add_filters (query, parts[i]);
}

static void
check_tables (TqStoreState  state,
              const gint64  ranges[][2],
              guint         n_ranges)
{
  guint n_seeds;
  const guint32 *seeds = tq_get_seeds (state, &n_seeds);

  tq_begin (state);
  for (guint i = 0; i < n_seeds; i++)
    {
      TallyStore *store = tq_get_store (seeds[i], state);
      guint every = tq_is_full_run (state, seeds[i]) ? 1 : 4;

      tq_set_seed (seeds[i]);
      for (guint k = 0; k < G_N_ELEMENTS (metrics); k++)
        for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
          for (guint r = 0; r < n_ranges; r++)
            for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
              {
                g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_TABLE, metrics[k].metric,
                                                        metrics[k].stat);
                g_autoptr(TallyTimeRange) range = tq_range (ranges[r][0], ranges[r][1], TQ_NOW,
                                                            NULL);

                /* Each metric with each limit, range and filter, not all
                 * their combinations. */
                if ((k + l + r + f) % (2 * every) != 0 &&
                    (k + 2 * l + 3 * r + f) % (3 * every) != 0)
                  continue;
                query->limit = limits[l];
                add_filter_set (query, filters[f]);
                tq_check (tq_get_ref (seeds[i]), store, query, range);
              }
    }
  tq_end ();
}

/* Ranges of whole minutes: a day, the hours around now, two minutes,
 * before the data. */
static void
test_query_table (gconstpointer data)
{
  const gint64 ranges[][2] = {
    { TQ_D0 + 13 * TQ_HOUR + 7 * TQ_MINUTE, TQ_D0 + 37 * TQ_HOUR + 7 * TQ_MINUTE },
    { TQ_NOW - 27 - 6 * TQ_HOUR, TQ_NOW + 33 + 3 * TQ_HOUR },
    { TQ_ODD_FROM - 41, TQ_ODD_FROM + 79 },
    { TQ_D0 - 3 * TQ_DAY, TQ_D0 - TQ_DAY },
  };

  check_tables (GPOINTER_TO_UINT (data), ranges, G_N_ELEMENTS (ranges));
}

/* Ends within minutes, rounded out: an event before "from" in its minute,
 * or after "to" in its, belongs to the range. */
static void
test_query_table_odd_ends (gconstpointer data)
{
  const gint64 ranges[][2] = {
    { TQ_ODD_FROM, TQ_ODD_TO },
    { TQ_NOW - 6 * TQ_HOUR - 20, TQ_NOW + 3 * TQ_HOUR + 10 },
    { TQ_ODD_FROM, TQ_ODD_FROM + 2 * TQ_MINUTE },
  };

  check_tables (GPOINTER_TO_UINT (data), ranges, G_N_ELEMENTS (ranges));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tq_init (&argc, &argv);

  for (TqStoreState state = 0; state < TQ_N_STORES; state++)
    {
      g_autofree char *path = g_strdup_printf ("/tally/query/table/%s/latest",
                                               tq_store_state_name (state));
      g_autofree char *odd = g_strdup_printf ("/tally/query/table/%s/odd-ends",
                                              tq_store_state_name (state));

      g_test_add_data_func (path, GUINT_TO_POINTER (state), test_query_table);
      g_test_add_data_func (odd, GUINT_TO_POINTER (state), test_query_table_odd_ends);
    }

  status = g_test_run ();
  tq_cleanup ();
  return status;
}
