/* tally-test-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What the query tests share: seeded events over a few days, the same
 * events in stores in three states (rolled up, raw, half and half) and a
 * live one, and queries and ranges made and described briefly. Checking
 * is in tally-test-query-check.c, comparing in tally-test-query-compare.c. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "tally-test-events.h"
#include "tally-test-query.h"
#include "tally-test-utils.h"

const guint32 tq_seeds[] = { 11, 2024 };
const guint tq_n_seeds = G_N_ELEMENTS (tq_seeds);

#define N_EVENTS      4000
#define N_BURST       1000
#define BATCH         1000

/* Like tally_test_init(), but a failed case does not stop the program:
 * every case reports, so that one run lists every difference. */
void
tq_init (int    *argc,
         char ***argv)
{
  /* argv must outlive the tests: kept to the end of the program. */
  static GPtrArray *args = NULL;

  args = g_ptr_array_new ();
  for (int i = 0; i < *argc; i++)
    g_ptr_array_add (args, (*argv)[i]);
  g_ptr_array_add (args, (gpointer) "--keep-going");
  g_ptr_array_add (args, NULL);
  *argc = args->len - 1;
  *argv = (char **) args->pdata;

  /* Messages name labels such as "≥30 s": print them as they are. */
  setlocale (LC_ALL, "");
  tally_test_init (argc, argv);
}

/* Events */

/* Latency buckets come from sketches of about 0.5 % resolution: keeping
 * every duration 1.5 % away from a bucket edge makes the counts exact. */
static void
nudge_off_edges (double *ms)
{
  static const double edges[] = { 100, 250, 500, 1000, 2500, 5000, 10000, 30000 };

  for (guint i = 0; !isnan (*ms) && i < G_N_ELEMENTS (edges); i++)
    {
      if (fabs (*ms / edges[i] - 1) < 0.015)
        *ms = edges[i] * (*ms < edges[i] ? 0.98 : 1.02);
    }
}

#define PICK(rand, items) ((items)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (items))])

/* What tally_test_make_events() leaves out: errors named without a
 * status or despite a 200, rarer statuses, missing and very long
 * latencies, the other dimensions, ids and a second label. */
static void
vary_event (GRand      *rand,
            TallyEvent *event)
{
  static const char *services[] = { "api", "worker" };
  static const char *languages[] = { "en", "de", "ja" };
  static const char *operations[] = { "chat", "embeddings", "speech" };
  static const char *tiers[] = { "free", "pro" };
  static const struct
  {
    int         status;
    const char *error;
  } odd[] = {
    { -1, "Too Many Requests" },
    { 200, "RateLimitError: slow down" },
    { 503, "upstream said 429" },
    { -1, "context_length_exceeded" },
    { 302, NULL },
    { 404, "not_found" },
    { 101, NULL },
    { 0, "connection reset" },
  };

  if (g_rand_int_range (rand, 0, 100) < 6)
    {
      guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (odd));

      event->status = odd[i].status;
      g_free (event->dims[TALLY_DIMENSION_ERROR]);
      event->dims[TALLY_DIMENSION_ERROR] = g_strdup (odd[i].error);
    }
  if (g_rand_int_range (rand, 0, 50) == 0)
    event->latency_ms = event->ttft_ms = NAN;
  else if (g_rand_int_range (rand, 0, 30) == 0)
    event->latency_ms *= 25;
  nudge_off_edges (&event->latency_ms);
  nudge_off_edges (&event->ttft_ms);
  nudge_off_edges (&event->queue_ms);

  if (g_rand_boolean (rand))
    event->dims[TALLY_DIMENSION_SERVICE] = g_strdup (PICK (rand, services));
  if (g_rand_int_range (rand, 0, 10) < 3)
    event->dims[TALLY_DIMENSION_LANGUAGE] = g_strdup (PICK (rand, languages));
  if (g_rand_int_range (rand, 0, 10) < 7)
    event->dims[TALLY_DIMENSION_OPERATION] = g_strdup (PICK (rand, operations));
  if (g_rand_boolean (rand))
    event->trace_id = g_strdup_printf ("trace-%08x", g_rand_int (rand));
  if (g_rand_boolean (rand))
    event->request_id = g_strdup_printf ("req-%06x", g_rand_int_range (rand, 0, 0xffffff));
  if (g_rand_int_range (rand, 0, 5) == 0)
    g_assert_true (tally_event_set_label (event, "tier", PICK (rand, tiers), NULL));
}

static void
add_events (GPtrArray *events,
            GPtrArray *more)
{
  for (guint i = 0; i < more->len; i++)
    g_ptr_array_add (events, g_ptr_array_index (more, i));
  g_ptr_array_set_free_func (more, NULL);
  g_ptr_array_unref (more);
}

static int
compare_event_times (gconstpointer a,
                     gconstpointer b)
{
  const TallyEvent *x = *(TallyEvent **) a, *y = *(TallyEvent **) b;

  return x->time_ms < y->time_ms ? -1 : x->time_ms > y->time_ms;
}

/* No two events at the same millisecond: "newest first" has one answer. */
static void
make_times_unique (GPtrArray *events)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (events, NULL, NULL);

  /* The copy would free the events with it. */
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_event_times);
  for (guint i = 1; i < sorted->len; i++)
    {
      TallyEvent *prev = g_ptr_array_index (sorted, i - 1), *event = g_ptr_array_index (sorted, i);

      if (event->time_ms <= prev->time_ms)
        event->time_ms = prev->time_ms + 1;
    }
}

GPtrArray *
tq_make_events (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x5eed);
  GPtrArray *events = tally_test_make_events (seed, N_EVENTS, TQ_DATA_FROM * 1000, TQ_NOW * 1000);
  gint64 odd_from = TQ_ODD_FROM / 60 * 60, odd_to = TQ_ODD_TO / 60 * 60 + 60;
  /* Just inside and just outside the minutes an odd range rounds out to,
   * on both sides of an hour, and in the minute of now before it. */
  const gint64 edges_ms[] = {
    odd_from * 1000 - 1, odd_from * 1000, TQ_ODD_FROM * 1000 - 500,
    TQ_ODD_TO * 1000 + 500, odd_to * 1000 - 1, odd_to * 1000,
    (TQ_D0 + 30 * TQ_HOUR) * 1000 - 1, (TQ_D0 + 30 * TQ_HOUR) * 1000,
    TQ_NOW * 1000 - 20000, TQ_NOW * 1000 - 3000,
  };

  add_events (events, tally_test_make_events (seed + 1, N_BURST, TQ_BURST * 1000,
                                              (TQ_BURST + TQ_HOUR) * 1000));
  for (guint i = 0; i < G_N_ELEMENTS (edges_ms); i++)
    add_events (events, tally_test_make_events (seed + 2 + i, 1, edges_ms[i], edges_ms[i] + 1));

  for (guint i = 0; i < events->len; i++)
    vary_event (rand, g_ptr_array_index (events, i));
  /* Shuffled, so that the two halves of the mixed store both span the
   * whole timeline. */
  for (guint i = events->len - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      gpointer tmp = events->pdata[i];

      events->pdata[i] = events->pdata[j];
      events->pdata[j] = tmp;
    }
  make_times_unique (events);

  return events;
}

/* 130 users, user-000 to user-129, with 1 to 11 requests each, many of
 * them equal: more groups than top 0 keeps (100), ties among them. Two
 * hours from TQ_D0 + 10 h. */
GPtrArray *
tq_make_many_groups_events (void)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  guint n = 0;

  for (guint u = 0; u < 130; u++)
    for (guint k = 0; k <= u * 37 % 11; k++)
      {
        TallyEvent *event = tally_event_new ();

        event->time_ms = (TQ_D0 + 10 * TQ_HOUR) * 1000 + (gint64) n++ * 9001;
        event->dims[TALLY_DIMENSION_MODEL] = g_strdup (k % 2 ? "o3" : "gpt-4o");
        event->dims[TALLY_DIMENSION_USER] = g_strdup_printf ("user-%03u", u);
        event->status = (u + k) % 9 == 0 ? 500 : 200;
        /* Binary fractions: sums and ties are exact in any order. */
        event->cost = ((u + k) % 5) / 1024.0;
        event->input_tokens = 10 * (u % 7);
        event->output_tokens = k;
        event->latency_ms = 150 + 10 * ((u * 13 + k) % 50);
        g_ptr_array_add (events, event);
      }

  return events;
}

/* Stores */

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
ingest (TallyStore *store,
        GPtrArray  *events,
        guint       from,
        guint       to)
{
  for (guint start = from; start < to; start += BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;

      for (guint i = start; i < MIN (start + BATCH, to); i++)
        g_ptr_array_add (batch, g_ptr_array_index (events, i));
      g_assert_true (tally_store_ingest (store, batch, &error));
      g_assert_no_error (error);
    }
}

const char *
tq_store_state_name (TqStoreState state)
{
  static const char *names[] = { "rolled", "raw", "mixed", "live" };

  g_assert (state <= TQ_STORE_LIVE);
  return names[state];
}

static char *store_dir = NULL;

static char *
new_store_path (const char *name)
{
  static guint counter = 0;

  if (store_dir == NULL)
    store_dir = tally_test_make_tmp_dir ();

  return g_strdup_printf ("%s/%s-%u.db", store_dir, name, counter++);
}

/* The first @n events, in batches from the start and from @half. */
static TallyStore *
open_filled (const char *path,
             GPtrArray  *events,
             guint       n,
             guint       half)
{
  g_autoptr(GError) error = NULL;
  TallyStore *store = tally_store_open (path, &error);

  g_assert_no_error (error);
  ingest (store, events, 0, MIN (half, n));
  ingest (store, events, MIN (half, n), n);
  g_assert_true (tally_store_flush (store, &error));
  g_assert_no_error (error);

  return store;
}

/* All the events, with the rollups of the first half only: the rollups of
 * a store that holds just that half, spliced in. Both stores took the
 * first half in the same batches, so their dictionary and series ids
 * agree, which is checked. Read-only, the store then stays half rolled
 * up. */
static void
splice_half_rollups (const char *path,
                     GPtrArray  *events,
                     guint       half)
{
  g_autofree char *half_path = new_store_path ("half");
  g_autofree char *sql = NULL;

  g_assert_finalize_object (open_filled (half_path, events, half, half));
  sql = g_strdup_printf ("ATTACH '%s' AS half; "
                         "DELETE FROM main.rollups; "
                         "INSERT INTO main.rollups SELECT * FROM half.rollups; "
                         "UPDATE main.state SET value = (SELECT value FROM half.state "
                         "  WHERE key = 'rolled_up_to') WHERE key = 'rolled_up_to';", half_path);
  sql_exec (path, sql);

  g_assert_cmpint (tally_test_sql_int (path, half_path,
                                       "SELECT (SELECT count(*) FROM (SELECT * FROM half.dict "
                                       "                              EXCEPT SELECT * FROM main.dict)) + "
                                       "       (SELECT count(*) FROM (SELECT * FROM half.series "
                                       "                              EXCEPT SELECT * FROM main.series))"),
                   ==, 0);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT value FROM state WHERE key = 'rolled_up_to'"),
                   ==, half);
  g_remove (half_path);
}

TallyStore *
tq_new_store (GPtrArray    *events,
              TqStoreState  state)
{
  g_autofree char *path = new_store_path (tq_store_state_name (state));
  guint half = events->len / 2;
  g_autoptr(GError) error = NULL;
  TallyStore *store;

  switch (state)
    {
    case TQ_STORE_ROLLED:
      return open_filled (path, events, events->len, half);

    case TQ_STORE_RAW:
      g_assert_finalize_object (open_filled (path, events, events->len, half));
      sql_exec (path, "DELETE FROM rollups; "
                      "UPDATE state SET value = 0 WHERE key = 'rolled_up_to';");
      break;

    case TQ_STORE_MIXED:
      g_assert_finalize_object (open_filled (path, events, events->len, half));
      splice_half_rollups (path, events, half);
      break;

    case TQ_STORE_LIVE:
      /* The writer may or may not have rolled up the second half when
       * the queries run: the answers must not depend on it. */
      store = open_filled (path, events, half, half);
      ingest (store, events, half, events->len);
      return store;

    default:
      g_assert_not_reached ();
    }

  store = tally_store_open_read_only (path, &error);
  g_assert_no_error (error);
  return store;
}

typedef struct
{
  GPtrArray  *events;
  TallyRef   *ref;
  TallyStore *stores[TQ_N_STORES];
} Dataset;

static Dataset datasets[G_N_ELEMENTS (tq_seeds)];

static Dataset *
get_dataset (guint32 seed)
{
  guint i = 0;

  while (i < tq_n_seeds && tq_seeds[i] != seed)
    i++;
  g_assert (i < tq_n_seeds);
  if (datasets[i].events == NULL)
    {
      datasets[i].events = tq_make_events (seed);
      datasets[i].ref = tally_ref_new (datasets[i].events);
    }

  return &datasets[i];
}

TallyRef *
tq_get_ref (guint32 seed)
{
  return get_dataset (seed)->ref;
}

/* Rolled-up stores hold every seed; the slower raw and mixed ones one
 * seed each, a different one. */
const guint32 *
tq_get_seeds (TqStoreState  state,
              guint        *n_seeds)
{
  g_assert (state < TQ_N_STORES);
  *n_seeds = state == TQ_STORE_ROLLED ? tq_n_seeds : 1;

  return state == TQ_STORE_MIXED ? &tq_seeds[1] : &tq_seeds[0];
}

/* Whether a test runs all its cases for this store and seed, or only a
 * sample: the raw and mixed stores answer several times slower, and a
 * second seed adds less than the first. */
gboolean
tq_is_full_run (TqStoreState state,
                guint32      seed)
{
  return state == TQ_STORE_ROLLED && seed == tq_seeds[0];
}

/* The store of @seed's events in @state, made once. */
TallyStore *
tq_get_store (guint32      seed,
              TqStoreState state)
{
  Dataset *dataset = get_dataset (seed);

  g_assert (state < TQ_N_STORES);
  if (dataset->stores[state] == NULL)
    dataset->stores[state] = tq_new_store (dataset->events, state);

  return dataset->stores[state];
}

/* Closes every store and removes their files: each holds tens of MB. */
void
tq_cleanup (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  for (guint i = 0; i < tq_n_seeds; i++)
    {
      for (guint s = 0; s < TQ_N_STORES; s++)
        g_clear_object (&datasets[i].stores[s]);
      g_clear_pointer (&datasets[i].ref, tally_ref_free);
      g_clear_pointer (&datasets[i].events, g_ptr_array_unref);
    }

  if (store_dir == NULL || (dir = g_dir_open (store_dir, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (store_dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (store_dir);
  g_clear_pointer (&store_dir, g_free);
}

/* Queries */

TallyTimeRange *
tq_range (gint64      from,
          gint64      to,
          gint64      now,
          const char *zone)
{
  g_autoptr(GTimeZone) tz = zone ? g_time_zone_new_identifier (zone) : g_time_zone_new_utc ();

  /* Without tzdata every zone would silently be UTC. */
  g_assert_nonnull (tz);
  return tally_time_range_new (from, to, now, tz);
}

TallyQuery *
tq_query (TallyShape  shape,
          TallyMetric metric,
          TallyStat   stat)
{
  TallyQuery *query = tally_query_new ();

  query->shape = shape;
  query->metric = metric;
  query->stat = stat;
  return query;
}

/* @values separated by '|' */
void
tq_add_filter (TallyQuery *query,
               const char *dimension,
               const char *values)
{
  g_auto(GStrv) split = g_strsplit (values, "|", -1);
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_query_add_filter (query, dimension, (const char * const *) split, &error));
  g_assert_no_error (error);
}

/* "model=gpt-4o|o3;project=chat": clauses separated by ';' */
void
tq_add_filters (TallyQuery *query,
                const char *clauses)
{
  g_auto(GStrv) split = g_strsplit (clauses ? clauses : "", ";", -1);

  for (guint i = 0; split[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (split[i], "=", 2);

      if (pair[0] == NULL || pair[0][0] == '\0')
        continue;
      g_assert_nonnull (pair[1]);
      tq_add_filter (query, pair[0], pair[1]);
    }
}

void
tq_set_dimension (TallyDimension *dimension,
                  const char     *name)
{
  g_autoptr(GError) error = NULL;

  tally_dimension_clear (dimension);
  g_assert_true (tally_dimension_parse (name, dimension, &error));
  g_assert_no_error (error);
}

char *
tq_format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

char *
tq_describe (const TallyQuery     *query,
             const TallyTimeRange *range)
{
  GString *s = g_string_new (NULL);
  g_autofree char *from = tq_format_time (range->from);
  g_autofree char *to = tq_format_time (range->to);
  g_autofree char *now = tq_format_time (range->now);

  g_string_append_printf (s, "%s %s/%s", tally_shape_to_string (query->shape),
                          tally_metric_to_string (query->metric),
                          tally_stat_to_string (query->stat));
  if (tally_query_has_group_by (query))
    {
      g_autofree char *name = tally_dimension_to_string (&query->group_by);

      g_string_append_printf (s, " group_by=%s top=%u", name, query->top);
    }
  if (query->shape == TALLY_SHAPE_MATRIX)
    {
      g_autofree char *rows = tally_dimension_to_string (&query->rows);
      g_autofree char *columns = tally_dimension_to_string (&query->columns);

      g_string_append_printf (s, " rows=%s columns=%s", rows, columns);
    }
  if (query->shape == TALLY_SHAPE_TIMESERIES ||
      (query->shape == TALLY_SHAPE_MATRIX && query->columns.kind == TALLY_DIMENSION_TIME))
    {
      g_autofree char *interval = tally_time_format_interval (query->interval_s);

      g_string_append_printf (s, " interval=%s", query->interval_s ? interval : "auto");
      if (query->interval_s == 0)
        g_string_append_printf (s, " width=%u", query->width_px);
    }
  if (query->shape == TALLY_SHAPE_TABLE)
    g_string_append_printf (s, " limit=%u", query->limit);
  for (guint i = 0; i < query->filters->len; i++)
    {
      const TallyFilter *filter = g_ptr_array_index (query->filters, i);
      g_autofree char *name = tally_dimension_to_string (&filter->dimension);
      g_autofree char *values = g_strjoinv ("|", filter->values);

      g_string_append_printf (s, "%s%s=%s", i == 0 ? " filters: " : " AND ", name, values);
    }
  g_string_append_printf (s, " range=[%s, %s) now=%s tz=%s", from, to, now,
                          g_time_zone_get_identifier (range->tz));

  return g_string_free (s, FALSE);
}
