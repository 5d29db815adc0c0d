/* test-alert-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Several writers on one store file: history handles on their own
 * connections and threads, and evaluators with the same rule, record an
 * alert once and resolve it once. An asynchronous evaluation writes the
 * history on its worker thread: a store locked by the caller's thread
 * does not stop the caller's main loop. */

#include "config.h"

#include <math.h>
#include <sqlite3.h>

#include "tally-alert-evaluator.h"
#include "tally-test-utils.h"

/* 2026-11-02 00:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1793577600)
#define N_THREADS 4

static char *
new_store_path (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();

  return g_build_filename (dir, "usage.db", NULL);
}

static TallyAlert *
rule_alert (const char *rule,
            gint64      fired_at)
{
  TallyAlert *alert = tally_alert_new ();

  alert->rule = g_strdup (rule);
  alert->name = g_strdup (rule);
  alert->severity = g_strdup ("warning");
  alert->metric = g_strdup ("error_rate");
  alert->fired_at = fired_at;
  return alert;
}

static TallyAlertHistory *
open_history (const char *path)
{
  g_autoptr(GError) error = NULL;
  TallyAlertHistory *history = tally_alert_history_open (path, FALSE, &error);

  g_assert_no_error (error);
  return history;
}

/* Two connections: the second add takes the first's row; the second
 * resolve keeps the first's resolution; a new firing is a new row. */
static void
test_two_connections (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(TallyAlertHistory) one = open_history (path);
  g_autoptr(TallyAlertHistory) two = open_history (path);
  g_autoptr(TallyAlert) first = rule_alert ("errors", T0);
  g_autoptr(TallyAlert) second = rule_alert ("errors", T0 + 60);
  g_autoptr(TallyAlert) other = rule_alert ("latency", T0 + 60);
  g_autoptr(TallyAlert) again = rule_alert ("errors", T0 + 600);
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_alert_history_add (one, first, &error));
  g_assert_true (tally_alert_history_add (two, second, &error));
  g_assert_true (tally_alert_history_add (two, other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first->id, >, 0);
  g_assert_cmpint (second->id, ==, first->id);
  g_assert_cmpint (second->fired_at, ==, T0);
  g_assert_cmpint (other->id, !=, first->id);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT count(*) FROM alerts"), ==, 2);

  g_assert_true (tally_alert_history_resolve (one, first, T0 + 300, 0.01, &error));
  g_assert_true (tally_alert_history_resolve (two, second, T0 + 360, 0.02, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first->resolved_at, ==, T0 + 300);
  g_assert_cmpint (second->resolved_at, ==, T0 + 300);
  g_assert_cmpfloat (second->resolved_value, ==, 0.01);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT resolved_at FROM alerts WHERE rule = 'errors'"),
                   ==, T0 + 300);

  g_assert_true (tally_alert_history_add (two, again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again->id, >, other->id);
  g_assert_cmpint (again->fired_at, ==, T0 + 600);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT count(*) FROM alerts WHERE rule = 'errors'"),
                   ==, 2);
  g_assert_cmpint (tally_test_sql_int (path, NULL,
                                       "SELECT count(*) FROM alerts WHERE resolved_at IS NULL"), ==, 2);
}

static gpointer
add_thread (gpointer data)
{
  g_autoptr(TallyAlertHistory) history = open_history (data);
  g_autoptr(TallyAlert) alert = rule_alert ("errors", T0 + g_random_int_range (0, 60));
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_alert_history_add (history, alert, &error));
  g_assert_no_error (error);
  return GINT_TO_POINTER (alert->id);
}

/* Four connections adding at once wait for each other: one row. */
static void
test_concurrent_adds (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(TallyAlertHistory) history = open_history (path);
  GThread *threads[N_THREADS];
  gint64 ids[N_THREADS];

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("add", add_thread, path);
  for (guint i = 0; i < N_THREADS; i++)
    ids[i] = GPOINTER_TO_INT (g_thread_join (threads[i]));

  for (guint i = 1; i < N_THREADS; i++)
    g_assert_cmpint (ids[i], ==, ids[0]);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT count(*) FROM alerts"), ==, 1);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT id FROM alerts"), ==, ids[0]);
}

typedef struct
{
  guint  fired;
  guint  resolved;
  gint64 fired_at;
  gint64 resolved_at;
} Count;

static void
fired_cb (TallyAlertEvaluator *evaluator,
          TallyAlert          *alert,
          Count               *count)
{
  count->fired++;
  count->fired_at = alert->fired_at;
}

static void
resolved_cb (TallyAlertEvaluator *evaluator,
             TallyAlert          *alert,
             Count               *count)
{
  count->resolved++;
  count->resolved_at = alert->resolved_at;
}

/* 10 minutes of 20 requests a minute, 4 of them errors (20 %). */
static TallyStore *
open_store (const char *path)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  g_autoptr(GError) error = NULL;
  TallyStore *store = tally_store_open (path, &error);

  g_assert_no_error (error);
  tally_store_set_retention (store, 5000, 5000);
  for (guint i = 0; i < 10 * 20; i++)
    {
      TallyEvent *event = tally_event_new ();

      event->time_ms = (T0 + 60 * (i / 20) + i % 20) * 1000;
      event->dims[TALLY_DIMENSION_MODEL] = g_strdup ("m");
      event->status = i % 5 == 0 ? 500 : 200;
      g_ptr_array_add (events, event);
    }
  g_assert_true (tally_store_ingest (store, events, &error));
  g_assert_no_error (error);
  return store;
}

static TallyAlertEvaluator *
new_evaluator (TallyStore *store,
               Count      *count)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_alert_rule_free);
  TallyAlertRule *rule = tally_alert_rule_new ("errors", TALLY_ALERT_THRESHOLD, TALLY_METRIC_ERROR_RATE,
                                               TALLY_STAT_AVG);
  g_autoptr(GError) error = NULL;
  TallyAlertEvaluator *evaluator;

  rule->window_s = 300;
  rule->comparison = TALLY_COMPARE_GT;
  rule->threshold = 0.05;
  rule->min_requests = 20;
  rule->fire_after = 1;
  rule->resolve_after = 1;
  g_ptr_array_add (rules, rule);
  evaluator = tally_alert_evaluator_new (store, rules);
  tally_alert_evaluator_set_time_zone (evaluator, NULL);
  g_signal_connect (evaluator, "alert-fired", G_CALLBACK (fired_cb), count);
  g_signal_connect (evaluator, "alert-resolved", G_CALLBACK (resolved_cb), count);
  g_assert_true (tally_alert_evaluator_open_history (evaluator, TRUE, &error));
  g_assert_no_error (error);
  return evaluator;
}

static void
evaluate (TallyAlertEvaluator *evaluator,
          gint64               now)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_alert_evaluator_evaluate (evaluator, now, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tally_alert_evaluator_get_errors (evaluator)->len, ==, 0);
}

static guint
n_firing (TallyAlertEvaluator *evaluator)
{
  g_autoptr(GPtrArray) firing = tally_alert_evaluator_get_firing (evaluator);

  return firing->len;
}

/* Both evaluators see the rule breach; the first fires and records, the
 * second takes its row up; the first resolves, the second lets it go.
 * Each tells the alert once (the app notifies of what `tally collect`
 * recorded first), with the one row's start. */
static void
test_two_evaluators (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(TallyStore) store = open_store (path);
  Count a = { 0 }, b = { 0 };
  g_autoptr(TallyAlertEvaluator) one = new_evaluator (store, &a);
  g_autoptr(TallyAlertEvaluator) two = new_evaluator (store, &b);

  evaluate (one, T0 + 300);
  evaluate (two, T0 + 360);
  evaluate (one, T0 + 420);
  g_assert_cmpuint (a.fired, ==, 1);
  g_assert_cmpint (a.fired_at, ==, T0 + 300);
  g_assert_cmpuint (b.fired, ==, 1);
  g_assert_cmpint (b.fired_at, ==, T0 + 300);
  g_assert_cmpuint (n_firing (two), ==, 1);
  {
    g_autoptr(GPtrArray) firing = tally_alert_evaluator_get_firing (two);

    g_assert_cmpint (((TallyAlert *) g_ptr_array_index (firing, 0))->fired_at, ==, T0 + 300);
  }
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT count(*) FROM alerts"), ==, 1);

  /* no traffic in the window from minute 15 on: the alert resolves */
  evaluate (one, T0 + 900);
  evaluate (two, T0 + 960);
  evaluate (one, T0 + 1020);
  evaluate (two, T0 + 1080);
  g_assert_cmpuint (a.resolved, ==, 1);
  g_assert_cmpint (a.resolved_at, ==, T0 + 900);
  g_assert_cmpuint (b.resolved, ==, 1);
  g_assert_cmpint (b.resolved_at, ==, T0 + 960);
  g_assert_cmpuint (n_firing (one), ==, 0);
  g_assert_cmpuint (n_firing (two), ==, 0);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT count(*) FROM alerts"), ==, 1);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT fired_at FROM alerts"), ==, T0 + 300);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT resolved_at FROM alerts"), ==, T0 + 900);
  g_assert_cmpuint (a.fired, ==, 1);
  g_assert_cmpuint (b.fired, ==, 1);
  tally_store_close (store);
}

typedef struct
{
  sqlite3      *db;
  gboolean      released;
  gboolean      released_first;
  GAsyncResult *result;
} Locked;

static gboolean
release_cb (gpointer data)
{
  Locked *locked = data;

  g_assert_cmpint (sqlite3_exec (locked->db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  locked->released = TRUE;
  return G_SOURCE_REMOVE;
}

static void
evaluated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  Locked *locked = data;

  locked->released_first = locked->released;
  locked->result = g_object_ref (result);
}

/* The caller's thread holds the store's write lock, and lets it go from
 * its main loop a second later: the evaluation's worker waits for it to
 * record the alert, and the result comes after. */
static void
test_async_writes_in_worker (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(TallyStore) store = open_store (path);
  Count count = { 0 };
  g_autoptr(TallyAlertEvaluator) evaluator = new_evaluator (store, &count);
  g_autoptr(GError) error = NULL;
  Locked locked = { 0 };

  g_assert_cmpint (sqlite3_open (path, &locked.db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (locked.db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_timeout_add (1000, release_cb, &locked);
  tally_alert_evaluator_evaluate_async (evaluator, T0 + 300, NULL, evaluated_cb, &locked);
  while (locked.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (locked.released_first);
  g_assert_cmpuint (count.fired, ==, 0);
  g_assert_true (tally_alert_evaluator_evaluate_finish (evaluator, locked.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tally_alert_evaluator_get_errors (evaluator)->len, ==, 0);
  g_assert_cmpuint (count.fired, ==, 1);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT count(*) FROM alerts"), ==, 1);
  g_assert_cmpint (tally_test_sql_int (path, NULL, "SELECT fired_at FROM alerts"), ==, T0 + 300);

  g_object_unref (locked.result);
  sqlite3_close (locked.db);
  tally_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/alert-history/two-connections", test_two_connections);
  g_test_add_func ("/alert-history/concurrent-adds", test_concurrent_adds);
  g_test_add_func ("/alert-history/two-evaluators", test_two_evaluators);
  g_test_add_func ("/alert-history/async-writes-in-worker", test_async_writes_in_worker);

  return g_test_run ();
}
