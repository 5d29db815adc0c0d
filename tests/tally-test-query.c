/* tally-test-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What the query tests share: seeded events over a few days, the same
 * events in stores in three states (rolled up, raw, half and half), and
 * the comparison of a store's frame with the reference's, which names the
 * query, the place and both numbers of every difference so that a failure
 * says where to look. */

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
#define MAX_MESSAGES  60


/* Like tally_test_init(), but a failed case does not stop the program:
 * every case reports, so that one run lists every difference. */
void
tq_init (int    *argc,
         char ***argv)
{
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

/* @attach: a second file, attached as "half", or NULL */
static int
sql_int (const char *path,
         const char *attach,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (attach != NULL)
    {
      g_autofree char *sql_attach = g_strdup_printf ("ATTACH '%s' AS half", attach);

      g_assert_cmpint (sqlite3_exec (db, sql_attach, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
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

  g_assert_cmpint (sql_int (path, half_path,
                            "SELECT (SELECT count(*) FROM (SELECT * FROM half.dict "
                            "                              EXCEPT SELECT * FROM main.dict)) + "
                            "       (SELECT count(*) FROM (SELECT * FROM half.series "
                            "                              EXCEPT SELECT * FROM main.series))"),
                   ==, 0);
  g_assert_cmpint (sql_int (path, NULL, "SELECT value FROM state WHERE key = 'rolled_up_to'"),
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

/* Checking */

static struct
{
  TqStoreState  state;
  guint32       seed;
  guint         n_checks;
  guint         n_failed;
  guint         n_known;
  GPtrArray    *messages;
  GPtrArray    *known_messages;
  GPtrArray    *reasons;
  guint         parts;
  const char   *topic;
} checker;

void
tq_begin (TqStoreState state)
{
  checker.state = state;
  checker.seed = 0;
  checker.n_checks = checker.n_failed = checker.n_known = 0;
  g_clear_pointer (&checker.messages, g_ptr_array_unref);
  g_clear_pointer (&checker.known_messages, g_ptr_array_unref);
  g_clear_pointer (&checker.reasons, g_ptr_array_unref);
  checker.messages = g_ptr_array_new_with_free_func (g_free);
  checker.known_messages = g_ptr_array_new_with_free_func (g_free);
  checker.reasons = g_ptr_array_new ();
  checker.parts = TQ_PART_ALL;
  checker.topic = NULL;
}

/* What the test is about, for known_store_bug(): a case that exists to
 * show a store bug names it here. */
void
tq_set_topic (const char *topic)
{
  checker.topic = topic;
}

/* Which parts of a scalar tq_check() compares (TqPart flags). */
void
tq_set_parts (guint parts)
{
  checker.parts = parts;
}

void
tq_set_seed (guint32 seed)
{
  checker.seed = seed;
}

void
tq_count_check (void)
{
  checker.n_checks++;
}

/* Known store bugs: a mismatch one of them explains marks its test
 * incomplete ("not ok … # TODO") instead of failed, so that the rest still
 * reports. Each is as narrow as the bug; delete it once the store is fixed. */
static const char *
known_store_bug (const TallyQuery     *query,
                 const TallyTimeRange *range,
                 const char           *where,
                 const char           *detail)
{
  /* The previous period is taken from the range before its ends are
   * rounded out to minutes: it then overlaps the range's first minute and
   * can be a minute longer than the range. */
  if (query->shape == TALLY_SHAPE_SCALAR && g_str_equal (where, "previous") &&
      range->from % TQ_MINUTE != 0)
    return "store bug: the previous period overlaps the range when “from” is not a whole minute";

  /* Grouped by a label, events without it form a "(none)" group (and
   * join "Other"), where the spec counts only the events carrying it. */
  if ((query->group_by.kind == TALLY_DIMENSION_LABEL &&
       (g_str_equal (where, "series names") || g_str_equal (where, "categories") ||
        strstr (where, "“Other”") != NULL)) ||
      (query->shape == TALLY_SHAPE_MATRIX &&
       ((query->rows.kind == TALLY_DIMENSION_LABEL && g_str_equal (where, "rows")) ||
        (query->columns.kind == TALLY_DIMENSION_LABEL && g_str_equal (where, "columns")))))
    return "store bug: grouping by a label makes a “(none)” group of the events without it";

  /* Grouped, every value of the dimension the store has ever seen (and
   * that passes the filters) becomes a group, even with no event in the
   * range: empty series, which with "top" can push real ones into
   * "Other". */
  if (g_strcmp0 (checker.topic, "absent-values") == 0 && tally_query_has_group_by (query) &&
      (g_str_equal (where, "series names") || g_str_equal (where, "categories") ||
       strstr (where, "“Other”") != NULL))
    return "store bug: values that do not occur in the range become groups";

  /* A matrix of two dimensions has the right rows and columns, but not
   * in the order of their totals. */
  if (query->shape == TALLY_SHAPE_MATRIX &&
      (g_str_equal (where, "rows (order)") || g_str_equal (where, "columns (order)")))
    return "store bug: a matrix of two dimensions does not order rows and columns by their totals";

  /* Pairs that never occur are 0, not null, under the per-minute stats
   * of counts (min, max, percentiles of requests per minute). */
  if (query->shape == TALLY_SHAPE_MATRIX && tally_dimension_is_groupable (query->rows.kind) &&
      g_str_has_prefix (where, "cell") && g_str_equal (detail, "expected null, got 0"))
    return "store bug: in a matrix of two dimensions, pairs that never occur are 0, not null";

  /* A table lists the events of [from, to) as given, not rounded out to
   * whole minutes as every other answer counts them. */
  if (query->shape == TALLY_SHAPE_TABLE && g_str_equal (where, "rows (the minutes at the ends)"))
    return "store bug: a table does not round the range's ends out to whole minutes";

  /* Without a group_by, a timeseries with no event passing the filters
   * has no series at all instead of its one series of zeros and nulls. */
  if (query->shape == TALLY_SHAPE_TIMESERIES && !tally_query_has_group_by (query) &&
      g_str_equal (where, "series names") && g_str_has_suffix (detail, "got []"))
    return "store bug: an ungrouped timeseries without matching events has no series";

  return NULL;
}

void
tq_mismatch (const TallyQuery     *query,
             const TallyTimeRange *range,
             const char           *where,
             const char           *format,
             ...)
{
  g_autofree char *description = tq_describe (query, range);
  g_autofree char *detail = NULL;
  const char *bug;
  GPtrArray *messages;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  bug = known_store_bug (query, range, where, detail);
  messages = bug ? checker.known_messages : checker.messages;

  if (bug != NULL)
    {
      checker.n_known++;
      if (!g_ptr_array_find (checker.reasons, bug, NULL))
        g_ptr_array_add (checker.reasons, (gpointer) bug);
    }
  else
    checker.n_failed++;

  if (messages->len < MAX_MESSAGES)
    g_ptr_array_add (messages, g_strdup_printf ("[%s store, seed %u] %s\n    at %s: %s",
                                                tq_store_state_name (checker.state),
                                                checker.seed, description, where, detail));
}

void
tq_end (void)
{
  g_test_message ("%u values checked against docs/queries.md", checker.n_checks);
  for (guint i = 0; i < checker.known_messages->len; i++)
    g_test_message ("known: %s", (char *) g_ptr_array_index (checker.known_messages, i));
  for (guint i = 0; i < checker.messages->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (checker.messages, i));
  if (checker.n_failed + checker.n_known > MAX_MESSAGES)
    g_test_message ("… and more: %u mismatches in all", checker.n_failed + checker.n_known);

  if (checker.n_known > 0)
    {
      g_ptr_array_add (checker.reasons, NULL);
      g_autofree char *reasons = g_strjoinv ("; ", (char **) checker.reasons->pdata);

      g_test_incomplete (reasons);
    }
  if (checker.n_failed > 0)
    g_test_fail_printf ("%u of %u values differ from docs/queries.md", checker.n_failed,
                        checker.n_checks);
}

/* Comparing frames */

static char *
format_number (double value)
{
  return isnan (value) ? g_strdup ("null") : g_strdup_printf ("%.12g", value);
}

static gboolean
numbers_match (double expected,
               double got,
               double relative,
               double absolute)
{
  if (isnan (expected) || isnan (got))
    return isnan (expected) && isnan (got);

  return fabs (expected - got) <= relative * MAX (fabs (expected), fabs (got)) + absolute;
}

static void
compare_number (const TallyQuery     *query,
                const TallyTimeRange *range,
                const char           *where,
                double                expected,
                double                got,
                double                relative,
                double                absolute)
{
  g_autofree char *e = NULL, *g = NULL;

  tq_count_check ();
  if (numbers_match (expected, got, relative, absolute))
    return;

  e = format_number (expected);
  g = format_number (got);
  if (!isnan (expected) && !isnan (got) && expected != 0)
    tq_mismatch (query, range, where, "expected %s, got %s (off by %.3g %%)", e, g,
                 100 * (got - expected) / fabs (expected));
  else
    tq_mismatch (query, range, where, "expected %s, got %s", e, g);
}

/* Durations' percentiles come from sketches: within 1 %. Everything else
 * is exact but for the order of a floating-point sum. */
static double
tolerance_of (const TallyQuery *query)
{
  if (query->shape == TALLY_SHAPE_MATRIX && query->rows.kind == TALLY_DIMENSION_LATENCY_BUCKET)
    return 1e-9;
  if (tally_ref_metric_kind (query->metric) == TALLY_METRIC_KIND_DURATION &&
      query->stat >= TALLY_STAT_P50 && query->stat <= TALLY_STAT_P99)
    return 0.01;

  return 1e-9;
}

static char *
join_labels (GPtrArray *labels)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (s, "%s“%s”", i ? ", " : "", (char *) g_ptr_array_index (labels, i));
  g_string_append_c (s, ']');

  return g_string_free (s, FALSE);
}

static gboolean
compare_labels (const TallyQuery     *query,
                const TallyTimeRange *range,
                const char           *where,
                GPtrArray            *expected,
                GPtrArray            *got)
{
  guint first = 0;

  while (first < MIN (expected->len, got->len) &&
         g_str_equal (g_ptr_array_index (expected, first), g_ptr_array_index (got, first)))
    first++;

  tq_count_check ();
  if (first == expected->len && first == got->len)
    return TRUE;

  if (expected->len + got->len <= 24)
    {
      g_autofree char *e = join_labels (expected), *g = join_labels (got);

      tq_mismatch (query, range, where, "expected %s, got %s", e, g);
    }
  else
    tq_mismatch (query, range, where, "expected %u, got %u; the first difference, at %u: "
                 "expected “%s”, got “%s”", expected->len, got->len, first,
                 first < expected->len ? (char *) g_ptr_array_index (expected, first) : "",
                 first < got->len ? (char *) g_ptr_array_index (got, first) : "");

  return FALSE;
}

static int
find_label (GPtrArray  *labels,
            const char *label)
{
  for (guint i = 0; i < labels->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (labels, i), label))
        return i;
    }

  return -1;
}

static void
compare_scalar (const TallyRef       *ref,
                const TallyQuery     *query,
                const TallyTimeRange *range,
                TallyFrame           *expected,
                TallyFrame           *got)
{
  double tolerance = tolerance_of (query);
  guint n_buckets = 0, n_values = 0;
  const gint64 *buckets = tally_frame_get_buckets (got, &n_buckets);
  const double *values = tally_frame_get_sparkline (got, &n_values);
  g_autofree double *spark = NULL;
  gint64 from, to;

  if (checker.parts & TQ_PART_VALUE)
    compare_number (query, range, "value", tally_frame_get_value (expected),
                    tally_frame_get_value (got), tolerance, 1e-12);
  if (checker.parts & TQ_PART_PREVIOUS)
    compare_number (query, range, "previous", tally_frame_get_previous (expected),
                    tally_frame_get_previous (got), tolerance, 1e-12);
  if (!(checker.parts & TQ_PART_SPARKLINE))
    return;

  /* The sparkline's buckets are the store's choice: about 40 over the
   * range (fewer when it has fewer minutes), and each value the stat over
   * its bucket. */
  tally_ref_round_range (range, &from, &to);
  tq_count_check ();
  if (n_buckets != n_values || n_buckets < MIN (20, (to - from) / 60) || n_buckets > 80 ||
      buckets[0] > from || buckets[n_buckets - 1] >= to)
    {
      g_autofree char *first = n_buckets ? tq_format_time (buckets[0]) : g_strdup ("-");

      tq_mismatch (query, range, "sparkline", "expected about 40 buckets covering the range, "
                   "got %u buckets (%u values) from %s", n_buckets, n_values, first);
      return;
    }

  spark = tally_ref_series (ref, query, range, buckets, n_buckets);
  for (guint b = 0; b < n_buckets; b++)
    {
      g_autofree char *start = tq_format_time (buckets[b]);
      g_autofree char *where = g_strdup_printf ("sparkline bucket %u (%s)", b, start);

      compare_number (query, range, where, spark[b], values[b], tolerance, 1e-12);
    }
}

static GPtrArray *
series_names (TallyFrame *frame)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < tally_frame_get_n_series (frame); i++)
    g_ptr_array_add (names, (gpointer) tally_frame_get_series_name (frame, i));

  return names;
}

static int
find_bucket (const gint64 *buckets,
             guint         n,
             gint64        start)
{
  for (guint i = 0; i < n; i++)
    {
      if (buckets[i] == start)
        return i;
    }

  return -1;
}

static void
compare_timeseries (const TallyQuery     *query,
                    const TallyTimeRange *range,
                    TallyFrame           *expected,
                    TallyFrame           *got)
{
  guint n_exp = 0, n_got = 0;
  const gint64 *exp_buckets = tally_frame_get_buckets (expected, &n_exp);
  const gint64 *got_buckets = tally_frame_get_buckets (got, &n_got);
  g_autoptr(GPtrArray) exp_names = series_names (expected);
  g_autoptr(GPtrArray) got_names = series_names (got);

  tq_count_check ();
  if (tally_frame_get_interval (expected) != tally_frame_get_interval (got))
    tq_mismatch (query, range, "interval_s", "expected %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,
                 tally_frame_get_interval (expected), tally_frame_get_interval (got));

  tq_count_check ();
  for (guint b = 0; b < MAX (n_exp, n_got); b++)
    {
      if (b >= n_exp || b >= n_got || exp_buckets[b] != got_buckets[b])
        {
          g_autofree char *e = b < n_exp ? tq_format_time (exp_buckets[b]) : g_strdup ("none");
          g_autofree char *g = b < n_got ? tq_format_time (got_buckets[b]) : g_strdup ("none");

          tq_mismatch (query, range, "buckets", "%u buckets expected, %u got; bucket %u: "
                       "expected %s, got %s", n_exp, n_got, b, e, g);
          break;
        }
    }

  compare_labels (query, range, "series names", exp_names, got_names);
  for (guint s = 0; s < exp_names->len; s++)
    {
      const char *name = g_ptr_array_index (exp_names, s);
      int t = find_label (got_names, name);
      const double *exp_values = tally_frame_get_series_values (expected, s);
      const double *got_values;

      if (t < 0)
        continue;
      got_values = tally_frame_get_series_values (got, t);
      for (guint b = 0; b < n_exp; b++)
        {
          int c = find_bucket (got_buckets, n_got, exp_buckets[b]);
          g_autofree char *start = tq_format_time (exp_buckets[b]);
          g_autofree char *where = g_strdup_printf ("series “%s” bucket %u (%s)", name, b, start);

          if (c >= 0)
            compare_number (query, range, where, exp_values[b], got_values[c],
                            tolerance_of (query), 1e-12);
        }
    }
}

static int
category_index (TallyFrame *frame,
                const char *label)
{
  for (guint i = 0; i < tally_frame_get_n_categories (frame); i++)
    {
      if (g_str_equal (tally_frame_get_category_label (frame, i), label))
        return i;
    }

  return -1;
}

/* Categories are in order of values that may be 1 % off (percentiles of
 * durations): two within that of each other may come in either order.
 * Whether @got has @expected's categories, "Other" where it is, and each
 * no smaller than the next by more than the tolerance allows, going by
 * the expected values. */
static gboolean
same_order_within (TallyFrame *expected,
                   TallyFrame *got,
                   double      tolerance)
{
  guint n = tally_frame_get_n_categories (expected);

  if (tolerance <= 1e-9 || tally_frame_get_n_categories (got) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *label = tally_frame_get_category_label (got, i);

      if (category_index (expected, label) < 0 ||
          g_str_equal (label, "Other") !=
          g_str_equal (tally_frame_get_category_label (expected, i), "Other"))
        return FALSE;
    }

  for (guint i = 0; i + 1 < n; i++)
    {
      const char *next = tally_frame_get_category_label (got, i + 1);
      double a, b;

      if (g_str_equal (next, "Other"))
        continue;
      a = tally_frame_get_category_value (expected,
                                          category_index (expected,
                                                          tally_frame_get_category_label (got, i)));
      b = tally_frame_get_category_value (expected, category_index (expected, next));
      if ((isnan (a) && !isnan (b)) ||
          (!isnan (a) && !isnan (b) && a < b - 2 * tolerance * fabs (b)))
        return FALSE;
    }

  return TRUE;
}

static void
compare_categories (const TallyQuery     *query,
                    const TallyTimeRange *range,
                    TallyFrame           *expected,
                    TallyFrame           *got)
{
  g_autoptr(GPtrArray) exp_labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) got_labels = g_ptr_array_new ();

  for (guint i = 0; i < tally_frame_get_n_categories (expected); i++)
    g_ptr_array_add (exp_labels, (gpointer) tally_frame_get_category_label (expected, i));
  for (guint i = 0; i < tally_frame_get_n_categories (got); i++)
    g_ptr_array_add (got_labels, (gpointer) tally_frame_get_category_label (got, i));

  if (!same_order_within (expected, got, tolerance_of (query)))
    compare_labels (query, range, "categories", exp_labels, got_labels);
  else
    tq_count_check ();
  for (guint i = 0; i < exp_labels->len; i++)
    {
      const char *label = g_ptr_array_index (exp_labels, i);
      int j = find_label (got_labels, label);
      g_autofree char *where = g_strdup_printf ("category “%s”", label);

      if (j >= 0)
        compare_number (query, range, where, tally_frame_get_category_value (expected, i),
                        tally_frame_get_category_value (got, j), tolerance_of (query), 1e-12);
    }
}

static GPtrArray *
matrix_labels (TallyFrame *frame,
               gboolean    rows)
{
  GPtrArray *labels = g_ptr_array_new ();
  guint n = rows ? tally_frame_get_n_rows (frame) : tally_frame_get_n_columns (frame);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (labels, (gpointer) (rows ? tally_frame_get_row_label (frame, i)
                                              : tally_frame_get_column_label (frame, i)));

  return labels;
}

/* Whether @a and @b hold the same labels, in any order. */
static gboolean
same_set (GPtrArray *a,
          GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      if (find_label (b, g_ptr_array_index (a, i)) < 0)
        return FALSE;
    }

  return TRUE;
}

static void
compare_matrix (const TallyQuery     *query,
                const TallyTimeRange *range,
                TallyFrame           *expected,
                TallyFrame           *got)
{
  g_autoptr(GPtrArray) exp_rows = matrix_labels (expected, TRUE);
  g_autoptr(GPtrArray) got_rows = matrix_labels (got, TRUE);
  g_autoptr(GPtrArray) exp_columns = matrix_labels (expected, FALSE);
  g_autoptr(GPtrArray) got_columns = matrix_labels (got, FALSE);

  compare_labels (query, range, same_set (exp_rows, got_rows) ? "rows (order)" : "rows",
                  exp_rows, got_rows);
  /* Time columns of other widths hold other counts: no cell to compare. */
  if (!compare_labels (query, range,
                       same_set (exp_columns, got_columns) ? "columns (order)" : "columns",
                       exp_columns, got_columns) &&
      query->columns.kind == TALLY_DIMENSION_TIME)
    return;
  for (guint r = 0; r < exp_rows->len; r++)
    for (guint c = 0; c < exp_columns->len; c++)
      {
        const char *row = g_ptr_array_index (exp_rows, r);
        const char *column = g_ptr_array_index (exp_columns, c);
        int gr = find_label (got_rows, row), gc = find_label (got_columns, column);
        g_autofree char *where = g_strdup_printf ("cell (“%s”, “%s”)", row, column);

        if (gr >= 0 && gc >= 0)
          compare_number (query, range, where, tally_frame_get_cell (expected, r, c),
                          tally_frame_get_cell (got, gr, gc), tolerance_of (query), 1e-12);
      }
}

/* "k=v, k2=v2" in any order: the spec names no order. */
static gboolean
same_labels (const char *a,
             const char *b)
{
  g_auto(GStrv) x = g_strsplit (a ? a : "", ", ", -1);
  g_auto(GStrv) y = g_strsplit (b ? b : "", ", ", -1);

  if (a == NULL || b == NULL || g_strv_length (x) != g_strv_length (y))
    return FALSE;
  for (guint i = 0; x[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) y, x[i]))
        return FALSE;
    }

  return TRUE;
}

/* How a table's cell differs, or NULL: strings exactly, times to the
 * millisecond, other numbers exactly. */
static char *
table_cell_differs (TallyFrame *expected,
                    TallyFrame *got,
                    guint       row,
                    guint       got_row,
                    guint       column)
{
  TallyColumnType type = tally_frame_get_column_type (expected, column);

  if (type == TALLY_COLUMN_STRING)
    {
      const char *e = tally_frame_get_string (expected, row, column);
      const char *g = tally_frame_get_string (got, got_row, column);

      if (g_strcmp0 (e, g) == 0 ||
          (g_str_equal (tally_frame_get_column_name (expected, column), "labels") &&
           same_labels (e, g)))
        return NULL;
      return g_strdup_printf ("expected %s%s%s, got %s%s%s", e ? "“" : "", e ? e : "null",
                              e ? "”" : "", g ? "“" : "", g ? g : "null", g ? "”" : "");
    }
  else
    {
      double e = tally_frame_get_number (expected, row, column);
      double g = tally_frame_get_number (got, got_row, column);
      gboolean time = type == TALLY_COLUMN_TIME;
      g_autofree char *es = NULL, *gs = NULL;

      if (numbers_match (e, g, time ? 0 : 1e-9, time ? 0.0001 : 1e-12))
        return NULL;
      es = isnan (e) ? g_strdup ("null") : g_strdup_printf ("%.17g", e);
      gs = isnan (g) ? g_strdup ("null") : g_strdup_printf ("%.17g", g);
      return g_strdup_printf ("expected %s, got %s", es, gs);
    }
}

static char *
describe_columns (TallyFrame *frame)
{
  GString *s = g_string_new (NULL);

  for (guint c = 0; c < tally_frame_get_n_columns (frame); c++)
    g_string_append_printf (s, "%s%s:%s", c ? ", " : "", tally_frame_get_column_name (frame, c),
                            tally_column_type_to_string (tally_frame_get_column_type (frame, c)));

  return g_string_free (s, FALSE);
}

static gint64
row_time_ms (TallyFrame *frame,
             guint       row)
{
  return (gint64) llround (tally_frame_get_number (frame, row, 0) * 1000);
}

static int
find_row (TallyFrame *frame,
          gint64      time_ms)
{
  for (guint r = 0; r < tally_frame_get_n_rows (frame); r++)
    {
      if (row_time_ms (frame, r) == time_ms)
        return r;
    }

  return -1;
}

/* Rows are events, known by their times (all different): the events
 * expected and not there, and there but not expected, are named once;
 * the events in both are compared cell by cell, and must come newest
 * first. */
static void
compare_table_rows (const TallyQuery     *query,
                    const TallyTimeRange *range,
                    TallyFrame           *expected,
                    TallyFrame           *got)
{
  guint n_missing = 0, n_extra = 0;
  g_autofree char *first_missing = NULL, *first_extra = NULL;
  gint64 from, to, oldest = G_MAXINT64;
  gboolean at_ends = TRUE;

  /* Whether every difference comes from the minutes the ends are rounded
   * out to: events there missing, and older ones in their place. */
  tally_ref_round_range (range, &from, &to);
  for (guint r = 0; r < tally_frame_get_n_rows (expected); r++)
    {
      gint64 t = row_time_ms (expected, r);

      oldest = MIN (oldest, t);
      if (find_row (got, t) < 0)
        at_ends &= t < range->from * 1000 || t >= range->to * 1000;
    }
  for (guint g = 0; g < tally_frame_get_n_rows (got); g++)
    {
      if (find_row (expected, row_time_ms (got, g)) < 0)
        at_ends &= row_time_ms (got, g) < oldest;
    }

  for (guint r = 0; r < tally_frame_get_n_rows (expected); r++)
    {
      int g = find_row (got, row_time_ms (expected, r));

      if (g < 0 && n_missing++ == 0)
        first_missing = tq_format_time (row_time_ms (expected, r) / 1000);
      for (guint c = 0; g >= 0 && c < tally_frame_get_n_columns (expected); c++)
        {
          g_autofree char *detail = table_cell_differs (expected, got, r, g, c);
          g_autofree char *when = NULL, *where = NULL;

          tq_count_check ();
          if (detail == NULL)
            continue;
          when = tq_format_time (row_time_ms (expected, r) / 1000);
          where = g_strdup_printf ("row %u (the event of %s, %03" G_GINT64_FORMAT " ms) column %s",
                                   r, when, row_time_ms (expected, r) % 1000,
                                   tally_frame_get_column_name (expected, c));
          tq_mismatch (query, range, where, "%s", detail);
        }
    }
  for (guint g = 0; g < tally_frame_get_n_rows (got); g++)
    {
      if (find_row (expected, row_time_ms (got, g)) < 0 && n_extra++ == 0)
        first_extra = tq_format_time (row_time_ms (got, g) / 1000);
      tq_count_check ();
      if (g > 0 && row_time_ms (got, g) >= row_time_ms (got, g - 1))
        tq_mismatch (query, range, "rows", "row %u is not older than row %u", g, g - 1);
    }

  tq_count_check ();
  if (n_missing > 0 || n_extra > 0)
    tq_mismatch (query, range, at_ends ? "rows (the minutes at the ends)" : "rows",
                 "expected %u rows, got %u: %u events missing (the "
                 "first of %s), %u not expected (the first of %s)",
                 tally_frame_get_n_rows (expected), tally_frame_get_n_rows (got), n_missing,
                 first_missing ? first_missing : "-", n_extra, first_extra ? first_extra : "-");
}

static void
compare_table (const TallyQuery     *query,
               const TallyTimeRange *range,
               TallyFrame           *expected,
               TallyFrame           *got)
{
  guint n_columns = tally_frame_get_n_columns (expected);
  gboolean same_columns = tally_frame_get_n_columns (got) == n_columns;

  for (guint c = 0; same_columns && c < n_columns; c++)
    same_columns = g_str_equal (tally_frame_get_column_name (expected, c),
                                tally_frame_get_column_name (got, c)) &&
                   tally_frame_get_column_type (expected, c) ==
                   tally_frame_get_column_type (got, c);
  tq_count_check ();
  if (!same_columns)
    {
      g_autofree char *e = describe_columns (expected), *g = describe_columns (got);

      tq_mismatch (query, range, "columns", "expected [%s], got [%s]", e, g);
      return;
    }

  compare_table_rows (query, range, expected, got);
}

/* An automatic interval for a heatmap's time columns: the spec's "about
 * one bucket per 2 pixels" fits lines, not cells, and the store takes
 * wider columns. Whatever it takes, the columns must be the buckets of
 * one of the automatic widths (time-ranges.md), no more numerous than the
 * spec's, and every count in them exact: returns that width, or the
 * query's own interval. */
static gint64
heatmap_interval (const TallyQuery     *query,
                  const TallyTimeRange *range,
                  TallyFrame           *got)
{
  static const gint64 steps[] = {
    60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 604800, 2592000,
  };
  gint64 from, to, spec, interval = 0;
  g_autoptr(TallyTimeRange) rounded = tally_time_range_copy (range);

  if (query->shape != TALLY_SHAPE_MATRIX || query->columns.kind != TALLY_DIMENSION_TIME ||
      query->interval_s != 0 || tally_frame_get_shape (got) != TALLY_SHAPE_MATRIX ||
      tally_frame_get_n_columns (got) == 0)
    return query->interval_s;

  tally_ref_round_range (range, &from, &to);
  rounded->from = from;
  rounded->to = to;
  spec = tally_time_range_auto_interval (rounded, query->width_px);
  for (guint i = 0; interval == 0 && i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GArray) buckets = NULL;
      g_autofree char *first = NULL;

      if (steps[i] < spec)
        continue;
      buckets = tally_time_range_get_buckets (rounded, steps[i]);
      first = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (buckets, gint64, 0));
      if (buckets->len == tally_frame_get_n_columns (got) &&
          g_str_equal (tally_frame_get_column_label (got, 0), first))
        interval = steps[i];
    }

  return interval;
}

/* Runs @query on @store and compares every number of its answer with the
 * reference's. */
void
tq_check (const TallyRef       *ref,
          TallyStore           *store,
          const TallyQuery     *query,
          const TallyTimeRange *range)
{
  g_autoptr(TallyFrame) expected = NULL;
  g_autoptr(TallyFrame) got = NULL;
  g_autoptr(TallyQuery) asked = tally_query_copy (query);
  g_autoptr(GError) error = NULL;

  got = tally_store_query (store, query, range, NULL, &error);
  if (got != NULL)
    asked->interval_s = heatmap_interval (query, range, got);
  expected = tally_ref_query (ref, asked, range);
  tq_count_check ();
  if (got == NULL)
    {
      tq_mismatch (query, range, "answer", "the store failed: %s", error->message);
      return;
    }
  if (tally_frame_get_shape (got) != query->shape)
    {
      tq_mismatch (query, range, "shape", "expected %s, got %s",
                   tally_shape_to_string (query->shape),
                   tally_shape_to_string (tally_frame_get_shape (got)));
      return;
    }
  if (query->shape != TALLY_SHAPE_TABLE &&
      (g_strcmp0 (tally_frame_get_metric (got), tally_frame_get_metric (expected)) != 0 ||
       g_strcmp0 (tally_frame_get_stat (got), tally_frame_get_stat (expected)) != 0 ||
       g_strcmp0 (tally_frame_get_unit (got), tally_frame_get_unit (expected)) != 0))
    tq_mismatch (query, range, "metric, stat and unit", "expected %s/%s in %s, got %s/%s in %s",
                 tally_frame_get_metric (expected), tally_frame_get_stat (expected),
                 tally_frame_get_unit (expected), tally_frame_get_metric (got),
                 tally_frame_get_stat (got), tally_frame_get_unit (got));

  switch (query->shape)
    {
    case TALLY_SHAPE_SCALAR:
      compare_scalar (ref, query, range, expected, got);
      break;
    case TALLY_SHAPE_TIMESERIES:
      compare_timeseries (query, range, expected, got);
      break;
    case TALLY_SHAPE_CATEGORIES:
      compare_categories (query, range, expected, got);
      break;
    case TALLY_SHAPE_MATRIX:
      compare_matrix (query, range, expected, got);
      break;
    case TALLY_SHAPE_TABLE:
      compare_table (query, range, expected, got);
      break;
    case TALLY_N_SHAPES:
    default:
      g_assert_not_reached ();
    }
}
