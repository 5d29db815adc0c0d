/* test-query-categories.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Categories, one value per group over the whole range, largest first and
 * "Other" last, against the brute-force reference: grouped by every
 * dimension, with and without top N, filtered; and refused without a
 * group_by. */

#include "config.h"

#include "tally-error.h"
#include "tally-test-query.h"
#include "tally-test-utils.h"

static const char *dimensions[] = {
  "model", "provider", "project", "api_key", "user", "service", "language", "operation",
  "status", "status_class", "error", "label.voice", "label.tier",
};

typedef struct
{
  TqStoreState  state;
  const char   *dimension;
} CategoryCase;

/* Every metric under a few stats, different ones per dimension, so that
 * every stat meets categories somewhere. */
static gboolean
picks (TallyMetric metric,
       TallyStat   stat,
       guint       salt)
{
  return tally_ref_metric_compares (metric, stat) && (metric + stat + salt) % 4 == 0;
}

static void
check_dimension (TqStoreState  state,
                 const char   *dimension,
                 guint         salt)
{
  static const guint tops[] = { 0, 1, 3 };
  guint n_seeds;
  const guint32 *seeds = tq_get_seeds (state, &n_seeds);

  for (guint i = 0; i < n_seeds; i++)
    {
      TallyStore *store = tq_get_store (seeds[i], state);
      gboolean full = tq_is_full_run (state, seeds[i]);

      tq_set_seed (seeds[i]);
      for (TallyMetric m = 0; m < TALLY_N_EVENT_METRICS; m++)
        for (TallyStat s = 0; s < TALLY_N_STATS; s++)
          for (guint t = 0; t < G_N_ELEMENTS (tops); t++)
            {
              g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_CATEGORIES, m, s);
              g_autoptr(TallyTimeRange) range = NULL;

              if (!picks (m, s, salt + t) || (!full && (m + t) % 3 != 0))
                continue;
              /* Odd ends; past now in New York; a day in Berlin, filtered. */
              if (t == 0)
                range = tq_range (TQ_ODD_FROM, TQ_ODD_TO, TQ_NOW, NULL);
              else if (t == 1)
                range = tq_range (TQ_NOW - 30 * TQ_HOUR - 5, TQ_NOW + TQ_HOUR, TQ_NOW,
                                  "America/New_York");
              else
                {
                  range = tq_range (TQ_D0 + 22 * TQ_HOUR, TQ_D0 + 46 * TQ_HOUR, TQ_NOW,
                                    "Europe/Berlin");
                  tq_add_filters (query, "project=chat|voice|batch;status_class=2xx|4xx");
                }
              query->top = tops[t];
              tq_set_dimension (&query->group_by, dimension);
              tq_check (tq_get_ref (seeds[i]), store, query, range);
            }
    }
}

static void
test_query_categories (gconstpointer data)
{
  const CategoryCase *c = data;
  guint salt = 0;

  for (guint d = 0; dimensions[d] != c->dimension; d++)
    salt++;
  tq_begin (c->state);
  check_dimension (c->state, c->dimension, salt);
  tq_end ();
}

/* Twenty quiet minutes where few values occur, and a range before the
 * data: the categories are the values that occur, none for the latter. */
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
    for (guint d = 0; d < G_N_ELEMENTS (dimensions); d++)
      for (TallyMetric m = 0; m < TALLY_N_EVENT_METRICS; m++)
        {
          TallyStat stat = tally_ref_metric_compares (m, TALLY_STAT_SUM) ? TALLY_STAT_SUM
                                                                         : TALLY_STAT_AVG;
          g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_CATEGORIES, m, stat);
          g_autoptr(TallyTimeRange) range = tq_range (ranges[r][0], ranges[r][1], TQ_NOW, NULL);

          /* Labels have a bug of their own (group-by-label.*). */
          if ((d + m) % 3 != 0 || g_str_has_prefix (dimensions[d], "label.") ||
              !tally_ref_metric_compares (m, stat))
            continue;
          query->top = m % 3;
          tq_set_dimension (&query->group_by, dimensions[d]);
          tq_check (tq_get_ref (seed), tq_get_store (seed, state), query, range);
        }
  tq_end ();
}

/* More groups than the 100 "top 0" keeps: the 100 largest, then "Other";
 * every metric under one stat or two. */
static void
test_query_top_100 (gconstpointer data)
{
  TqStoreState state = GPOINTER_TO_UINT (data);
  g_autoptr(GPtrArray) events = tq_make_many_groups_events ();
  g_autoptr(TallyRef) ref = tally_ref_new (events);
  g_autoptr(TallyStore) store = tq_new_store (events, state);

  tq_begin (state);
  for (TallyMetric m = 0; m < TALLY_N_EVENT_METRICS; m++)
    for (TallyStat s = 0; s < TALLY_N_STATS; s++)
      {
        g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_CATEGORIES, m, s);
        g_autoptr(TallyTimeRange) range = tq_range (TQ_D0 + 10 * TQ_HOUR, TQ_D0 + 13 * TQ_HOUR,
                                                    TQ_NOW, NULL);

        if (!picks (m, s, 1) && !picks (m, s, 2))
          continue;
        tq_set_dimension (&query->group_by, "user");
        tq_check (ref, store, query, range);
      }
  tq_end ();
}

/* "A group_by is required." */
static void
test_query_needs_group_by (void)
{
  TallyStore *store = tq_get_store (tq_seeds[0], TQ_STORE_ROLLED);
  g_autoptr(TallyQuery) query = tq_query (TALLY_SHAPE_CATEGORIES, TALLY_METRIC_COST,
                                          TALLY_STAT_SUM);
  g_autoptr(TallyTimeRange) range = tq_range (TQ_ODD_FROM, TQ_ODD_TO, TQ_NOW, NULL);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  frame = tally_store_query (store, query, range, NULL, &error);
  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  static CategoryCase cases[TQ_N_STORES][G_N_ELEMENTS (dimensions)];
  int status;

  tq_init (&argc, &argv);

  g_test_add_func ("/tally/query/categories/needs-group-by", test_query_needs_group_by);
  for (TqStoreState state = 0; state < TQ_N_STORES; state++)
    {
      const char *name = tq_store_state_name (state);
      g_autofree char *absent = g_strdup_printf ("/tally/query/categories/%s/absent-values", name);
      g_autofree char *top = g_strdup_printf ("/tally/query/categories/%s/top-100", name);

      for (guint d = 0; d < G_N_ELEMENTS (dimensions); d++)
        {
          g_autofree char *path = g_strdup_printf ("/tally/query/categories/%s/group-by-%s", name,
                                                   dimensions[d]);

          cases[state][d] = (CategoryCase) { state, dimensions[d] };
          g_test_add_data_func (path, &cases[state][d], test_query_categories);
        }
      g_test_add_data_func (absent, GUINT_TO_POINTER (state), test_query_absent_values);
      g_test_add_data_func (top, GUINT_TO_POINTER (state), test_query_top_100);
    }

  status = g_test_run ();
  tq_cleanup ();
  return status;
}
