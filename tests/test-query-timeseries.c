/* test-query-timeseries.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Timeseries, every bucket of every series against the brute-force
 * reference: fixed and automatic intervals in UTC and across Berlin's DST
 * change, grouped by each kind of dimension with top N and "Other",
 * filtered every way the spec allows, and groups that tie. */

#include "config.h"

#include <math.h>

#include "tally-test-query.h"
#include "tally-test-utils.h"

/* From just before the first event (within a minute) to two hours past
 * now, so that the first bucket is partial and the last ones are empty. */
#define FROM (TQ_DATA_FROM - 17)
#define TO   (TQ_NOW + 2 * TQ_HOUR)

static const struct
{
  gint64      interval_s;
  const char *zone;
} intervals[] = {
  { 5 * TQ_MINUTE, NULL },
  { TQ_HOUR, NULL },
  { TQ_DAY, NULL },
  { 0, NULL },
  { TQ_HOUR, "Europe/Berlin" },
  { TQ_DAY, "Europe/Berlin" },
  { 0, "America/New_York" },
};

/* A metric of each kind under stats of each sort: totals, rates,
 * per-minute values, per-event values and percentiles. */
static const struct
{
  TallyMetric metric;
  TallyStat   stat;
} samples[] = {
  { TALLY_METRIC_REQUESTS, TALLY_STAT_SUM },
  { TALLY_METRIC_ERRORS, TALLY_STAT_RATE },
  { TALLY_METRIC_RATE_LIMITED, TALLY_STAT_P90 },
  { TALLY_METRIC_TOKENS, TALLY_STAT_AVG },
  { TALLY_METRIC_COST, TALLY_STAT_SUM },
  { TALLY_METRIC_CACHED_TOKENS, TALLY_STAT_MIN },
  { TALLY_METRIC_ERROR_RATE, TALLY_STAT_AVG },
  { TALLY_METRIC_COST_PER_REQUEST, TALLY_STAT_MAX },
  { TALLY_METRIC_TOKENS_PER_DOLLAR, TALLY_STAT_AVG },
  { TALLY_METRIC_LATENCY, TALLY_STAT_P95 },
  { TALLY_METRIC_TTFT, TALLY_STAT_COUNT },
  { TALLY_METRIC_RTF, TALLY_STAT_P50 },
  { TALLY_METRIC_CONCURRENCY, TALLY_STAT_AVG },
  { TALLY_METRIC_CONCURRENCY, TALLY_STAT_P99 },
};

/* The @k-th (modulo) of the stats @metric has. */
static TallyStat
nth_stat (TallyMetric metric,
          guint       k)
{
  guint n = 0;

  for (TallyStat s = 0; s < TALLY_N_STATS; s++)
    n += tally_ref_metric_compares (metric, s);
  k %= n;
  for (TallyStat s = 0; s < TALLY_N_STATS; s++)
    {
      if (tally_ref_metric_compares (metric, s) && k-- == 0)
        return s;
    }

  g_assert_not_reached ();
}

/* Every metric and stat, ungrouped, at every interval; beyond the full
 * run, each metric under one stat per interval, a different one each. */
static void
test_query_intervals (gconstpointer data)
{
  TqStoreState state = GPOINTER_TO_UINT (data);
  guint n_seeds;
  const guint32 *seeds = tq_get_seeds (state, &n_seeds);

  tq_begin (state);
  for (guint i = 0; i < n_seeds; i++)
    {
      TallyStore *store = tq_get_store (seeds[i], state);
      gboolean full = tq_is_full_run (state, seeds[i]);

      tq_set_seed (seeds[i]);
      for (guint n = 0; n < G_N_ELEMENTS (intervals); n++)
        for (TallyMetric m = 0; m < TALLY_N_EVENT_METRICS; m++)
          for (TallyStat s = 0; s < TALLY_N_STATS; s++)
            {
              g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_TIMESERIES, m, s);
              g_autoptr(TallyTimeRange) range = tq_range (FROM, TO, TQ_NOW, intervals[n].zone);

              if (!tally_ref_metric_compares (m, s) || (!full && s != nth_stat (m, n + i)))
                continue;
              query->interval_s = intervals[n].interval_s;
              tq_check (tq_get_ref (seeds[i]), store, query, range);
            }
    }
  tq_end ();
}

typedef struct
{
  TqStoreState  state;
  const char   *dimension;
} GroupCase;

static const char *group_dimensions[] = {
  "model", "project", "status", "status_class", "label.voice", "user",
};

/* Grouped, each sample with all its groups and with the top 2 and
 * "Other", hourly over odd ends and daily in Berlin; every metric and
 * stat once. */
static void
test_query_group (gconstpointer data)
{
  const GroupCase *c = data;
  guint n_seeds;
  const guint32 *seeds = tq_get_seeds (c->state, &n_seeds);
  static const guint tops[] = { 0, 2 };

  tq_begin (c->state);
  for (guint i = 0; i < n_seeds; i++)
    {
      TallyStore *store = tq_get_store (seeds[i], c->state);

      tq_set_seed (seeds[i]);
      for (guint k = 0; k < G_N_ELEMENTS (samples); k++)
        for (guint t = 0; t < G_N_ELEMENTS (tops); t++)
          for (guint z = 0; z < 2; z++)
            {
              g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_TIMESERIES, samples[k].metric,
                                                      samples[k].stat);
              g_autoptr(TallyTimeRange) range = NULL;

              if (!tq_is_full_run (c->state, seeds[i]) && (k + t + z) % 3 != 0)
                continue;
              range = z == 0 ? tq_range (TQ_ODD_FROM, TQ_ODD_TO, TQ_NOW, NULL)
                             : tq_range (FROM, TO, TQ_NOW, "Europe/Berlin");
              query->interval_s = z == 0 ? TQ_HOUR : TQ_DAY;
              query->top = tops[t];
              tq_set_dimension (&query->group_by, c->dimension);
              tq_check (tq_get_ref (seeds[i]), store, query, range);
            }

      /* In the full run, every metric and stat too, top 3 over odd ends. */
      for (TallyMetric m = 0; tq_is_full_run (c->state, seeds[i]) && m < TALLY_N_EVENT_METRICS; m++)
        for (TallyStat s = 0; s < TALLY_N_STATS; s++)
          {
            g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_TIMESERIES, m, s);
            g_autoptr(TallyTimeRange) range = tq_range (TQ_ODD_FROM, TQ_ODD_TO, TQ_NOW, NULL);

            if (!tally_ref_metric_compares (m, s))
              continue;
            query->interval_s = 2 * TQ_HOUR;
            query->top = 3;
            tq_set_dimension (&query->group_by, c->dimension);
            tq_check (tq_get_ref (seeds[i]), store, query, range);
          }
    }
  tq_end ();
}

/* Filters: AND across dimensions, OR within one, two clauses on one
 * dimension intersect, values never seen match nothing. ';' separates
 * clauses, '|' values; a second clause on the same dimension is added
 * after a '+'. The first ones match no event at all. */
#define N_MATCHING_NOTHING 3
static const char *filter_sets[] = {
  "model=no-such-model",
  "project=chat|voice|batch+project=search",
  "status_class=2xx;status=500",
  "model=gpt-4o",
  "model=gpt-4o|o3;project=chat",
  "model=gpt-4o|o3+model=o3|gemini-2.5-pro",
  "model=no-such-model|o3",
  "status=429|0",
  "status=200;status_class=2xx",
  "status_class=5xx|error",
  "label.voice=alloy",
  "label.tier=pro;user=ana|bo",
  "error=rate_limit_exceeded|timeout",
  "provider=anthropic|google;label.voice=sage|verse;api_key=key-2",
  "service=api;language=de|ja;operation=chat",
};

static void
add_filter_set (TallyQuery *query,
                const char *set)
{
  g_auto(GStrv) parts = g_strsplit (set, "+", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    tq_add_filters (query, parts[i]);
}

static void
check_filters (TqStoreState state,
               guint        first,
               guint        end)
{
  guint n_seeds;
  const guint32 *seeds = tq_get_seeds (state, &n_seeds);

  for (guint i = 0; i < n_seeds; i++)
    {
      TallyStore *store = tq_get_store (seeds[i], state);

      tq_set_seed (seeds[i]);
      for (guint f = first; f < end; f++)
        for (guint k = 0; k < G_N_ELEMENTS (samples); k++)
          for (guint g = 0; g < 2; g++)
            {
              g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_TIMESERIES, samples[k].metric,
                                                      samples[k].stat);
              g_autoptr(TallyTimeRange) range = tq_range (TQ_ODD_FROM, TQ_ODD_TO, TQ_NOW, NULL);

              if ((f + k + g) % (tq_is_full_run (state, seeds[i]) ? 2 : 5) != 0)
                continue;
              query->interval_s = 3 * TQ_HOUR;
              add_filter_set (query, filter_sets[f]);
              if (g == 1)
                {
                  tq_set_dimension (&query->group_by, "model");
                  query->top = 3;
                }
              tq_check (tq_get_ref (seeds[i]), store, query, range);
            }
    }
}

static void
test_query_filters (gconstpointer data)
{
  tq_begin (GPOINTER_TO_UINT (data));
  check_filters (GPOINTER_TO_UINT (data), N_MATCHING_NOTHING, G_N_ELEMENTS (filter_sets));
  tq_end ();
}

/* No event to count, through filters no event passes or in a range
 * before the data or wholly after now: no group, and the one series of an
 * ungrouped query empty, counts 0 and the rest null. */
static void
test_query_no_events (gconstpointer data)
{
  TqStoreState state = GPOINTER_TO_UINT (data);
  guint32 seed = tq_get_seeds (state, &(guint) { 0 })[0];
  const gint64 empty[][2] = {
    { TQ_D0 - 3 * TQ_DAY, TQ_D0 - TQ_DAY },
    { TQ_NOW + TQ_HOUR + 30, TQ_NOW + 5 * TQ_HOUR },
  };

  tq_begin (state);
  check_filters (state, 0, N_MATCHING_NOTHING);
  tq_set_seed (seed);
  for (guint r = 0; r < G_N_ELEMENTS (empty); r++)
    for (guint k = 0; k < G_N_ELEMENTS (samples); k++)
      {
        g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_TIMESERIES, samples[k].metric,
                                                samples[k].stat);
        g_autoptr(TallyTimeRange) range = tq_range (empty[r][0], empty[r][1], TQ_NOW, NULL);

        query->interval_s = TQ_HOUR;
        tq_check (tq_get_ref (seed), tq_get_store (seed, state), query, range);
      }
  tq_end ();
}

/* Twenty quiet minutes, where few values of each dimension occur, and an
 * empty range: the groups are the values that occur, none for the empty
 * range. */
static void
test_query_absent_values (gconstpointer data)
{
  TqStoreState state = GPOINTER_TO_UINT (data);
  guint32 seed = tq_get_seeds (state, &(guint) { 0 })[0];
  gint64 quiet = TQ_D0 + 3 * TQ_DAY + 4 * TQ_HOUR + 11 * TQ_MINUTE;
  const gint64 ranges[][2] = {
    { quiet, quiet + 20 * TQ_MINUTE },
    { TQ_D0 - 3 * TQ_DAY, TQ_D0 - TQ_DAY },
  };

  tq_begin (state);
  tq_set_seed (seed);
  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (guint d = 0; d < G_N_ELEMENTS (group_dimensions); d++)
      for (guint k = 0; k < G_N_ELEMENTS (samples); k++)
        {
          g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_TIMESERIES, samples[k].metric,
                                                  samples[k].stat);
          g_autoptr(TallyTimeRange) range = tq_range (ranges[r][0], ranges[r][1], TQ_NOW, NULL);

          /* Labels have a bug of their own (group-by-label.voice). */
          if ((d + k) % 2 != 0 || g_str_has_prefix (group_dimensions[d], "label."))
            continue;
          query->interval_s = 5 * TQ_MINUTE;
          query->top = k % 3;
          tq_set_dimension (&query->group_by, group_dimensions[d]);
          tq_check (tq_get_ref (seed), tq_get_store (seed, state), query, range);
        }
  tq_end ();
}

/* Groups that tie, made by hand: equal counts, equal sums and equal
 * numbers of requests, a missing value, a label some events lack. */
static GPtrArray *
make_tied_events (void)
{
  static const struct
  {
    const char *model;
    const char *user;
    int         status;
    double      cost;
    const char *voice;
  } rows[] = {
    { "b", "zed", 200, 0.25, "alloy" }, { "b", "zed", 500, 0.25, NULL },
    { "b", NULL, 200, 0.5, "sage" },    { "a", "amy", 429, 0.5, "sage" },
    { "a", NULL, 200, 0.25, NULL },     { "a", "amy", 200, 0.25, "alloy" },
    { "d", "amy", 200, 0.5, NULL },     { "d", "zed", 0, 0.5, "verse" },
    { "c", NULL, 200, 1.0, "verse" },   { "c", "bea", 404, NAN, NULL },
    { "c", "bea", 200, 0, "alloy" },    { "e", "bea", 200, 0.75, "sage" },
  };
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      TallyEvent *event = tally_event_new ();

      event->time_ms = (TQ_D0 + 10 * TQ_HOUR + i * 7 * TQ_MINUTE) * 1000 + 250 * i;
      event->dims[TALLY_DIMENSION_MODEL] = g_strdup (rows[i].model);
      event->dims[TALLY_DIMENSION_USER] = g_strdup (rows[i].user);
      event->status = rows[i].status;
      event->cost = rows[i].cost;
      event->input_tokens = 100;
      event->output_tokens = 10 * (i % 3);
      event->latency_ms = 200 + 50 * i;
      if (rows[i].voice != NULL)
        g_assert_true (tally_event_set_label (event, "voice", rows[i].voice, NULL));
      g_ptr_array_add (events, event);
    }

  return events;
}

static void
test_query_ties (gconstpointer data)
{
  const GroupCase *c = data;
  g_autoptr(GPtrArray) events = make_tied_events ();
  g_autoptr(TallyRef) ref = tally_ref_new (events);
  g_autoptr(TallyStore) store = tq_new_store (events, c->state);
  static const guint tops[] = { 0, 1, 2, 3 };

  tq_begin (c->state);
  for (guint t = 0; t < G_N_ELEMENTS (tops); t++)
    for (guint k = 0; k < G_N_ELEMENTS (samples); k++)
      {
        g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_TIMESERIES, samples[k].metric,
                                                samples[k].stat);
        g_autoptr(TallyTimeRange) range = tq_range (TQ_D0 + 9 * TQ_HOUR, TQ_D0 + 12 * TQ_HOUR,
                                                    TQ_NOW, NULL);

        query->interval_s = TQ_HOUR;
        query->top = tops[t];
        tq_set_dimension (&query->group_by, c->dimension);
        tq_check (ref, store, query, range);
      }
  tq_end ();
}

/* More groups than the 100 "top 0" keeps: the 100 largest, ties
 * alphabetically, then "Other". */
static void
test_query_top_100 (gconstpointer data)
{
  TqStoreState state = GPOINTER_TO_UINT (data);
  g_autoptr(GPtrArray) events = tq_make_many_groups_events ();
  g_autoptr(TallyRef) ref = tally_ref_new (events);
  g_autoptr(TallyStore) store = tq_new_store (events, state);

  tq_begin (state);
  for (guint k = 0; k < G_N_ELEMENTS (samples); k++)
    {
      g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_TIMESERIES, samples[k].metric,
                                              samples[k].stat);
      g_autoptr(TallyTimeRange) range = tq_range (TQ_D0 + 10 * TQ_HOUR, TQ_D0 + 13 * TQ_HOUR,
                                                  TQ_NOW, NULL);

      query->interval_s = 30 * TQ_MINUTE;
      tq_set_dimension (&query->group_by, "user");
      tq_check (ref, store, query, range);
    }
  tq_end ();
}

int
main (int   argc,
      char *argv[])
{
  static GroupCase group_cases[TQ_N_STORES][G_N_ELEMENTS (group_dimensions)];
  static const char *tie_dimensions[] = { "model", "user", "label.voice" };
  static GroupCase tie_cases[TQ_N_STORES][G_N_ELEMENTS (tie_dimensions)];
  int status;

  tq_init (&argc, &argv);

  for (TqStoreState state = 0; state < TQ_N_STORES; state++)
    {
      const char *name = tq_store_state_name (state);
      g_autofree char *prefix = g_strdup_printf ("/tally/query/timeseries/%s", name);
      g_autofree char *intervals_path = g_strconcat (prefix, "/intervals", NULL);
      g_autofree char *filters_path = g_strconcat (prefix, "/filters", NULL);
      g_autofree char *empty_path = g_strconcat (prefix, "/no-events", NULL);
      g_autofree char *absent_path = g_strconcat (prefix, "/absent-values", NULL);
      g_autofree char *top_path = g_strconcat (prefix, "/top-100", NULL);

      g_test_add_data_func (intervals_path, GUINT_TO_POINTER (state), test_query_intervals);
      for (guint d = 0; d < G_N_ELEMENTS (group_dimensions); d++)
        {
          g_autofree char *path = g_strdup_printf ("/tally/query/timeseries/%s/group-by-%s", name,
                                                   group_dimensions[d]);

          group_cases[state][d] = (GroupCase) { state, group_dimensions[d] };
          g_test_add_data_func (path, &group_cases[state][d], test_query_group);
        }
      g_test_add_data_func (filters_path, GUINT_TO_POINTER (state), test_query_filters);
      g_test_add_data_func (empty_path, GUINT_TO_POINTER (state), test_query_no_events);
      g_test_add_data_func (absent_path, GUINT_TO_POINTER (state), test_query_absent_values);
      g_test_add_data_func (top_path, GUINT_TO_POINTER (state), test_query_top_100);
      for (guint d = 0; d < G_N_ELEMENTS (tie_dimensions); d++)
        {
          g_autofree char *path = g_strdup_printf ("/tally/query/timeseries/%s/ties-%s", name,
                                                   tie_dimensions[d]);

          tie_cases[state][d] = (GroupCase) { state, tie_dimensions[d] };
          g_test_add_data_func (path, &tie_cases[state][d], test_query_ties);
        }
    }

  status = g_test_run ();
  tq_cleanup ();
  return status;
}
