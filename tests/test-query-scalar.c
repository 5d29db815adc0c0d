/* test-query-scalar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Every metric under every stat it has, as a scalar with its previous
 * period and sparkline, checked against the brute-force reference over the
 * same seeded events: ranges aligned and not, running past now, empty, on a
 * DST day, filtered; and the stats a metric does not have, refused. */

#include "config.h"

#include <string.h>

#include "tally-error.h"
#include "tally-test-query.h"
#include "tally-test-utils.h"

typedef struct
{
  gint64      from;
  gint64      to;
  const char *zone;
  const char *filters;
  /* "A group_by on a scalar is ignored." */
  const char *group_by;
  /* Raw and mixed stores answer slowly: they, and the second seed, run
   * only the ranges marked here, which read the total, one dimension and
   * several, and pass now. */
  gboolean    every_store;
} RangeCase;

static const RangeCase ranges[] = {
  /* the last 4 days */
  { TQ_NOW - 4 * TQ_DAY, TQ_NOW, NULL, NULL, NULL, FALSE },
  /* a day of whole hours, grouped for nothing */
  { TQ_D0 + 30 * TQ_HOUR, TQ_D0 + 54 * TQ_HOUR, NULL, NULL, "model", FALSE },
  /* ends within minutes, and filtered on one dimension or several */
  { TQ_ODD_FROM, TQ_ODD_TO, NULL, NULL, NULL, FALSE },
  { TQ_ODD_FROM, TQ_ODD_TO, NULL, "model=gpt-4o|o3", NULL, FALSE },
  { TQ_ODD_FROM, TQ_ODD_TO, NULL,
    "model=gpt-4o|o3|claude-sonnet-4;project=chat|voice;label.voice=alloy|sage", NULL, TRUE },
  /* running 3 hours past now */
  { TQ_NOW - 6 * TQ_HOUR - 20, TQ_NOW + 3 * TQ_HOUR + 10, NULL, NULL, NULL, TRUE },
  /* seven minutes of the busy hour */
  { TQ_BURST + 20 * TQ_MINUTE + 10, TQ_BURST + 27 * TQ_MINUTE, NULL, NULL, NULL, FALSE },
  /* empty: before the data, and wholly after now */
  { TQ_D0 - 5 * TQ_DAY, TQ_D0 - 4 * TQ_DAY, NULL, NULL, NULL, FALSE },
  { TQ_NOW + TQ_HOUR, TQ_NOW + 2 * TQ_HOUR, NULL, NULL, NULL, FALSE },
  /* the day Berlin leaves summer time, in Berlin */
  { TQ_D0 + TQ_DAY + 22 * TQ_HOUR, TQ_D0 + 2 * TQ_DAY + 23 * TQ_HOUR, "Europe/Berlin",
    "status_class=4xx|5xx|error", NULL, TRUE },
};

typedef struct
{
  TqStoreState state;
  TallyMetric  metric;
} ScalarCase;

/* The catalogue in the code says what the spec's tables say. */
static void
test_query_catalogue (void)
{
  for (TallyMetric m = 0; m < TALLY_N_EVENT_METRICS; m++)
    {
      g_assert_cmpint (tally_metric_get_kind (m), ==, tally_ref_metric_kind (m));
      for (TallyStat s = 0; s < TALLY_N_STATS; s++)
        {
          if (tally_metric_has_stat (m, s) != tally_ref_metric_has_stat (m, s))
            g_error ("%s/%s: the catalogue says %d, the spec %d", tally_metric_to_string (m),
                     tally_stat_to_string (s), tally_metric_has_stat (m, s),
                     tally_ref_metric_has_stat (m, s));
        }
    }
}

static gboolean
has_word (const char *text,
          const char *word)
{
  gsize len = strlen (word);

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    {
      gboolean starts = p == text || !(g_ascii_isalnum (p[-1]) || p[-1] == '_');
      gboolean ends = !(g_ascii_isalnum (p[len]) || p[len] == '_');

      if (starts && ends)
        return TRUE;
    }

  return FALSE;
}

/* A stat marked "—" is refused with an error that lists the stats the
 * metric has, from the store as from the query's own check. */
static void
test_query_refused (void)
{
  TallyStore *store = tq_get_store (tq_seeds[0], TQ_STORE_ROLLED);
  g_autoptr(TallyTimeRange) range = tq_range (TQ_NOW - TQ_DAY, TQ_NOW, TQ_NOW, NULL);
  guint refused = 0;

  /* utilisation metrics have a test of their own (test-limits) */
  for (TallyMetric m = 0; m < TALLY_N_METRICS; m++)
    for (TallyStat s = 0; s < TALLY_N_STATS; s++)
      for (TallyShape shape = TALLY_SHAPE_SCALAR; shape <= TALLY_SHAPE_TIMESERIES; shape++)
        {
          g_autoptr(TallyQuery) query = tq_query (shape, m, s);
          g_autoptr(TallyFrame) frame = NULL;
          g_autoptr(GError) error = NULL;

          if (tally_metric_is_utilization (m) || tally_ref_metric_has_stat (m, s))
            continue;

          frame = tally_store_query (store, query, range, NULL, &error);
          g_assert_null (frame);
          g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
          g_assert_true (has_word (error->message, tally_metric_to_string (m)));
          for (TallyStat t = 0; t < TALLY_N_STATS; t++)
            {
              if (t != s && has_word (error->message, tally_stat_to_string (t)) !=
                            tally_ref_metric_has_stat (m, t))
                g_error ("%s/%s: “%s” %s %s", tally_metric_to_string (m), tally_stat_to_string (s),
                         error->message, tally_ref_metric_has_stat (m, t) ? "leaves out" : "lists",
                         tally_stat_to_string (t));
            }
          refused++;
        }

  /* ratio 4 × 3, concurrency 3, amounts 5 × 4, durations 4 × 1, forecasts 7 × 9; twice */
  g_assert_cmpuint (refused, ==, 2 * (12 + 3 + 20 + 4 + 7 * 9));
}

/* Every stat, but only two for the previous period of odd ranges beyond
 * the first seed's rolled-up store: its bug is the same on every path. */
static gboolean
checks_stat (const ScalarCase *c,
             guint32           seed,
             TallyStat         stat,
             gboolean          odd_previous)
{
  TallyStat first = 0;

  if (!tally_ref_metric_compares (c->metric, stat))
    return FALSE;
  if (!odd_previous || tq_is_full_run (c->state, seed))
    return TRUE;

  while (!tally_ref_metric_has_stat (c->metric, first))
    first++;
  return stat == first || stat == TALLY_STAT_MAX;
}

static void
check_ranges (const ScalarCase *c,
              guint32           seed,
              TallyStore       *store,
              gboolean          odd_previous)
{
  TallyRef *ref = tq_get_ref (seed);

  tq_set_seed (seed);
  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    {
      gboolean odd_from = ranges[r].from % TQ_MINUTE != 0;

      if ((odd_previous && !odd_from) ||
          (!tq_is_full_run (c->state, seed) && !ranges[r].every_store))
        continue;
      /* The previous period of a range not starting on a whole minute
       * has a case of its own, which a store bug fails. */
      tq_set_parts (odd_previous ? TQ_PART_PREVIOUS
                    : odd_from ? TQ_PART_VALUE | TQ_PART_SPARKLINE : TQ_PART_ALL);
      for (TallyStat s = 0; s < TALLY_N_STATS; s++)
        {
          g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_SCALAR, c->metric, s);
          g_autoptr(TallyTimeRange) range = tq_range (ranges[r].from, ranges[r].to, TQ_NOW,
                                                      ranges[r].zone);

          if (!checks_stat (c, seed, s, odd_previous))
            continue;
          tq_add_filters (query, ranges[r].filters);
          if (ranges[r].group_by != NULL)
            tq_set_dimension (&query->group_by, ranges[r].group_by);
          tq_check (ref, store, query, range);
        }
    }
}

static void
test_query_scalar (gconstpointer data)
{
  const ScalarCase *c = data;
  guint n_seeds;
  const guint32 *seeds = tq_get_seeds (c->state, &n_seeds);

  tq_begin (c->state);
  for (guint i = 0; i < n_seeds; i++)
    check_ranges (c, seeds[i], tq_get_store (seeds[i], c->state), FALSE);
  tq_end ();
}

/* The previous period of every range above that starts within a minute. */
static void
test_query_previous (gconstpointer data)
{
  TqStoreState state = GPOINTER_TO_UINT (data);
  guint n_seeds;
  const guint32 *seeds = tq_get_seeds (state, &n_seeds);

  tq_begin (state);
  for (guint i = 0; i < n_seeds; i++)
    for (TallyMetric m = 0; m < TALLY_N_EVENT_METRICS; m++)
      {
        ScalarCase c = { state, m };

        check_ranges (&c, seeds[i], tq_get_store (seeds[i], state), TRUE);
      }
  tq_end ();
}

/* Half the events rolled up, the other half just ingested: the writer
 * folds it while the queries run, and no answer may depend on when. */
static void
test_query_live (void)
{
  g_autoptr(GPtrArray) events = tq_make_events (tq_seeds[0]);
  TallyStore *store = tq_new_store (events, TQ_STORE_LIVE);

  tq_begin (TQ_STORE_LIVE);
  for (TallyMetric m = 0; m < TALLY_N_EVENT_METRICS; m++)
    {
      ScalarCase c = { TQ_STORE_LIVE, m };

      check_ranges (&c, tq_seeds[0], store, FALSE);
    }
  tq_end ();

  tally_store_close (store);
  g_object_unref (store);
}

int
main (int   argc,
      char *argv[])
{
  static ScalarCase cases[TQ_N_STORES][TALLY_N_METRICS];
  int status;

  tq_init (&argc, &argv);

  g_test_add_func ("/tally/query/scalar/catalogue", test_query_catalogue);
  g_test_add_func ("/tally/query/scalar/refused", test_query_refused);
  g_test_add_func ("/tally/query/scalar/live", test_query_live);
  for (TqStoreState state = 0; state < TQ_N_STORES; state++)
    for (TallyMetric m = 0; m < TALLY_N_EVENT_METRICS; m++)
      {
        g_autofree char *path = g_strdup_printf ("/tally/query/scalar/%s/%s",
                                                 tq_store_state_name (state),
                                                 tally_metric_to_string (m));

        if (tally_ref_metric_kind (m) == TALLY_METRIC_KIND_FORECAST)
          continue;
        cases[state][m] = (ScalarCase) { state, m };
        g_test_add_data_func (path, &cases[state][m], test_query_scalar);
      }
  for (TqStoreState state = 0; state < TQ_N_STORES; state++)
    {
      g_autofree char *path = g_strdup_printf ("/tally/query/scalar/%s/previous-odd-from",
                                               tq_store_state_name (state));

      g_test_add_data_func (path, GUINT_TO_POINTER (state), test_query_previous);
    }

  status = g_test_run ();
  tq_cleanup ();
  return status;
}
