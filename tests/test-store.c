/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The store on real SQLite files: creating, reopening and refusing files,
 * ingesting, rolling up in chunks, two writers on one file, reading events
 * not yet rolled up, retention, read-only opening and live change
 * notification. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "tally-error.h"
#include "tally-store.h"
#include "tally-test-events.h"
#include "tally-test-utils.h"

/* 2026-11-02 00:00:00 UTC, a Monday */
#define T0 G_GINT64_CONSTANT (1793577600)

static char *
new_store_path (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();

  return g_build_filename (dir, "sub", "usage.db", NULL);
}

static TallyTimeRange *
utc_range (gint64 from,
           gint64 to)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return tally_time_range_new (from, to, to, utc);
}

static double
scalar (TallyStore  *store,
        TallyMetric  metric,
        TallyStat    stat,
        gint64       from,
        gint64       to)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(TallyTimeRange) range = utc_range (from, to);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  query->metric = metric;
  query->stat = stat;
  frame = tally_store_query (store, query, range, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tally_frame_get_shape (frame), ==, TALLY_SHAPE_SCALAR);

  return tally_frame_get_value (frame);
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_store_create_reopen (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GError) error = NULL;
  TallyStore *store;

  store = tally_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (tally_store_get_path (store), ==, path);
  g_assert_cmpint (tally_store_count_events (store, &error), ==, 0);
  g_assert_finalize_object (store);

  g_assert_cmpint (tally_test_sql_int (path, NULL, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT count(*) FROM pragma_journal_mode "
                                                   "WHERE journal_mode = 'wal'"),
                   ==, 1);

  store = tally_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
}

static void
test_store_refuses_newer (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;
  TallyStore *store;

  store = tally_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  sql_exec (path, "PRAGMA user_version = 99");
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = tally_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer version of Tally"));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_store_refuses_other_files (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "not a database, just some words\n", -1, NULL));
  g_assert_null (tally_store_open (path, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_null (tally_store_open_read_only (missing, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_store_ingest_and_query (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = tally_test_make_events (1, 3000, T0 * 1000, (T0 + 86400) * 1000);
  g_autoptr(GPtrArray) first = g_ptr_array_new ();
  g_autoptr(GPtrArray) second = g_ptr_array_new ();
  TallyStore *store = tally_store_open (path, &error);
  double tokens = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      const TallyEvent *event = g_ptr_array_index (events, i);

      g_ptr_array_add (i < 1000 ? first : second, (gpointer) event);
      tokens += tally_event_get_tokens (event) >= 0 ? tally_event_get_tokens (event) : 0;
    }

  g_assert_true (tally_store_ingest (store, first, &error));
  g_assert_no_error (error);
  /* Before the rollups catch up, the same answer comes from raw events. */
  g_assert_cmpfloat (scalar (store, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM, T0, T0 + 86400), ==, 1000);
  g_assert_true (tally_store_ingest (store, second, &error));
  g_assert_true (tally_store_flush (store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (tally_store_count_events (store, &error), ==, 3000);
  g_assert_cmpfloat (scalar (store, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM, T0, T0 + 86400), ==, 3000);
  g_assert_cmpfloat (scalar (store, TALLY_METRIC_TOKENS, TALLY_STAT_SUM, T0, T0 + 86400), ==, tokens);
  g_assert_cmpfloat (scalar (store, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM, T0 - 86400, T0), ==, 0);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT value FROM state WHERE key = 'rolled_up_to'"),
                   ==, 3000);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT count(DISTINCT level) FROM rollups"), ==, 2);

  g_assert_finalize_object (store);
}

static void
test_store_rollup_chunks (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = tally_test_make_events (2, 45000, T0 * 1000, (T0 + 7 * 86400) * 1000);
  TallyStore *store = tally_store_open (path, &error);

  /* More than two writer rollup steps of 20000 events. */
  g_assert_true (tally_store_ingest (store, events, &error));
  g_assert_true (tally_store_flush (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT value FROM state WHERE key = 'rolled_up_to'"),
                   ==, 45000);
  g_assert_cmpfloat (scalar (store, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM, T0, T0 + 7 * 86400), ==, 45000);

  g_assert_finalize_object (store);
}

typedef struct
{
  TallyStore *store;
  GPtrArray  *events;
} WriterData;

static gpointer
write_thread (gpointer data)
{
  WriterData *wd = data;
  g_autoptr(GError) error = NULL;

  for (guint start = 0; start < wd->events->len; start += 250)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();

      for (guint i = start; i < MIN (start + 250, wd->events->len); i++)
        g_ptr_array_add (batch, g_ptr_array_index (wd->events, i));
      g_assert_true (tally_store_ingest (wd->store, batch, &error));
      g_assert_no_error (error);
    }

  return NULL;
}

/* Two stores on one file, as two Tally processes would have: every event
 * of both is stored and counted once. */
static void
test_store_two_writers (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) a = tally_test_make_events (3, 4000, T0 * 1000, (T0 + 3600) * 1000);
  g_autoptr(GPtrArray) b = tally_test_make_events (4, 3000, T0 * 1000, (T0 + 3600) * 1000);
  TallyStore *one = tally_store_open (path, &error);
  TallyStore *two = tally_store_open (path, &error);
  WriterData wa = { one, a }, wb = { two, b };
  GThread *ta, *tb;

  g_assert_no_error (error);
  ta = g_thread_new ("writer-a", write_thread, &wa);
  tb = g_thread_new ("writer-b", write_thread, &wb);
  g_thread_join (ta);
  g_thread_join (tb);

  g_assert_true (tally_store_flush (one, &error));
  g_assert_true (tally_store_flush (two, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tally_store_count_events (one, &error), ==, 7000);
  g_assert_cmpfloat (scalar (one, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM, T0, T0 + 3600), ==, 7000);
  g_assert_cmpfloat (scalar (two, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM, T0, T0 + 3600), ==, 7000);

  g_assert_finalize_object (one);
  g_assert_finalize_object (two);
}

/* Rolled up or read raw, the answers are the same. */
static void
test_store_unrolled_events (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = tally_test_make_events (5, 5000, T0 * 1000, (T0 + 2 * 86400) * 1000);
  const TallyMetric metrics[] = { TALLY_METRIC_REQUESTS, TALLY_METRIC_COST, TALLY_METRIC_LATENCY,
                                  TALLY_METRIC_ERROR_RATE, TALLY_METRIC_CONCURRENCY };
  const TallyStat stats[] = { TALLY_STAT_SUM, TALLY_STAT_SUM, TALLY_STAT_P95, TALLY_STAT_AVG,
                              TALLY_STAT_MAX };
  double rolled[G_N_ELEMENTS (metrics)];
  TallyStore *store = tally_store_open (path, &error);

  g_assert_true (tally_store_ingest (store, events, &error));
  g_assert_true (tally_store_flush (store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    rolled[i] = scalar (store, metrics[i], stats[i], T0 + 3600, T0 + 30 * 3600);
  g_assert_finalize_object (store);

  /* Forget the rollups: every event is then read raw. */
  sql_exec (path, "DELETE FROM rollups; UPDATE state SET value = 0 WHERE key = 'rolled_up_to';");
  store = tally_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_true (tally_store_is_read_only (store));
  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    {
      double raw = scalar (store, metrics[i], stats[i], T0 + 3600, T0 + 30 * 3600);

      g_assert_cmpfloat_with_epsilon (raw, rolled[i], fabs (rolled[i]) * 1e-9);
    }
  g_assert_false (tally_store_ingest (store, events, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_STORE);
  g_assert_finalize_object (store);
}

static void
test_store_retention (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  gint64 now = T0 + 200 * 86400;
  const gint64 ages[] = { 300, 150, 100, 50, 1 };
  TallyStore *store = tally_store_open (path, &error);

  for (guint i = 0; i < G_N_ELEMENTS (ages); i++)
    {
      TallyEvent *event = tally_event_new ();

      event->time_ms = (now - ages[i] * 86400) * 1000;
      event->dims[TALLY_DIMENSION_MODEL] = g_strdup ("gpt-4o");
      g_ptr_array_add (events, event);
    }
  g_assert_true (tally_store_ingest (store, events, &error));
  tally_store_set_retention (store, 90, 200);
  g_assert_true (tally_store_enforce_retention (store, now, &error));
  g_assert_no_error (error);

  /* Raw events older than 90 days are gone; hour rollups older than 200. */
  g_assert_cmpint (tally_store_count_events (store, &error), ==, 2);
  g_assert_cmpfloat (scalar (store, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM, now - 400 * 86400, now),
                     ==, 4);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM rollups WHERE level = 0 AND "
                                            "bucket < %" G_GINT64_FORMAT, now - 90 * 86400);

    g_assert_cmpint (tally_test_sql_int (path, NULL, sql), ==, 0);
  }

  g_assert_finalize_object (store);
}

static void
test_store_list_values (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = tally_test_make_events (6, 500, T0 * 1000, (T0 + 3600) * 1000);
  TallyStore *store = tally_store_open (path, &error);
  TallyDimension model = { TALLY_DIMENSION_MODEL, NULL };
  TallyDimension status_class = { TALLY_DIMENSION_STATUS_CLASS, NULL };
  TallyDimension voice = { TALLY_DIMENSION_LABEL, (char *) "voice" };
  g_auto(GStrv) models = NULL, classes = NULL, voices = NULL;

  g_assert_true (tally_store_ingest (store, events, &error));
  models = tally_store_list_values (store, &model, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (models, ((const char *[]) { "claude-sonnet-4", "gemini-2.5-pro", "gpt-4o",
                                                "gpt-4o-mini", "o3", NULL }));
  classes = tally_store_list_values (store, &status_class, &error);
  g_assert_cmpstrv (classes, ((const char *[]) { "2xx", "4xx", "5xx", "error", NULL }));
  voices = tally_store_list_values (store, &voice, &error);
  g_assert_cmpstrv (voices, ((const char *[]) { "alloy", "sage", "verse", NULL }));

  g_assert_finalize_object (store);
}

static void
changed_cb (TallyStore *store,
            gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static gboolean
changed_seen (gpointer data)
{
  return *(guint *) data > 0;
}

static void
ingested_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_store_ingest_finish (TALLY_STORE (object), result, &error));
  g_assert_no_error (error);
  (*(guint *) user_data)++;
}

static gboolean
only_reference (gpointer data)
{
  return g_atomic_int_get (&G_OBJECT (data)->ref_count) == 1;
}

static void
test_store_changed_signal (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = tally_test_make_events (7, 10, T0 * 1000, (T0 + 60) * 1000);
  TallyStore *store = tally_store_open (path, &error);
  guint changed = 0, done = 0;

  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), &changed);
  tally_store_ingest_async (store, events, NULL, ingested_cb, &done);
  g_assert_true (tally_test_wait_until (changed_seen, &done, 5000));
  g_assert_true (tally_test_wait_until (changed_seen, &changed, 5000));
  g_assert_cmpuint (changed, ==, 1);

  /* The writer thread drops its reference to the finished task (which
   * holds the store) just after completing it. */
  g_assert_true (tally_test_wait_until (only_reference, store, 5000));
  g_assert_finalize_object (store);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/store/create-reopen", test_store_create_reopen);
  g_test_add_func ("/tally/store/refuses-newer", test_store_refuses_newer);
  g_test_add_func ("/tally/store/refuses-other-files", test_store_refuses_other_files);
  g_test_add_func ("/tally/store/ingest-and-query", test_store_ingest_and_query);
  g_test_add_func ("/tally/store/rollup-chunks", test_store_rollup_chunks);
  g_test_add_func ("/tally/store/two-writers", test_store_two_writers);
  g_test_add_func ("/tally/store/unrolled-events", test_store_unrolled_events);
  g_test_add_func ("/tally/store/retention", test_store_retention);
  g_test_add_func ("/tally/store/list-values", test_store_list_values);
  g_test_add_func ("/tally/store/changed-signal", test_store_changed_signal);

  return g_test_run ();
}
