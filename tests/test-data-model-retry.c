/* test-data-model-retry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* TallyDataModel under failure, against a real store through the recording
 * source, which fails queries with the errors a remote source raises or
 * hangs until cancelled: the last good frame stays, transient failures
 * are retried with back-off (exact times on a fixed clock), Retry-After is
 * honoured, other failures are not retried, UNSUPPORTED is a state of its
 * own, superseded queries are cancelled, and no retry outlives the model
 * or its source. */

#include "config.h"

#include "tally-data-model-private.h"
#include "tally-error.h"
#include "tally-local-source.h"
#include "tally-test-events.h"
#include "tally-test-source.h"
#include "tally-test-utils.h"

/* A fixed reading of the monotonic clock, in microseconds. */
#define CLOCK_US G_GINT64_CONSTANT (1000000000000)
#define S(s)     ((gint64) (s) * G_USEC_PER_SEC)

typedef struct
{
  char             *dir;
  TallyStore       *store;
  TallyLocalSource *local;
  TallyTestSource  *source;
  TallyDashboard   *dashboard;
  TallyPanel       *panel;
  TallyDataModel   *model;
  GDateTime        *now;
  guint             n_retry_at_notifies;
} Fixture;

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
changed_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* Ingests @events and waits for the store's "changed" that follows, so it
 * cannot reach a model later and run its panels again. */
static void
ingest (TallyStore *store,
        GPtrArray  *events)
{
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  gulong id;

  id = g_signal_connect_swapped (store, "changed", G_CALLBACK (changed_cb), &changed);
  g_assert_true (tally_store_ingest (store, events, &error));
  g_assert_no_error (error);
  g_assert_true (tally_test_wait_until (is_true, &changed, 5000));
  g_signal_handler_disconnect (store, id);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyQuery) query = tally_query_new ();
  gint64 t_now = g_get_real_time () / G_USEC_PER_SEC / 60 * 60;

  f->dir = tally_test_make_tmp_dir ();
  path = g_build_filename (f->dir, "usage.db", NULL);
  f->store = tally_store_open (path, &error);
  g_assert_no_error (error);
  events = tally_test_make_events (5, 200, (t_now - 3600) * 1000, (t_now - 60) * 1000);
  ingest (f->store, events);
  f->now = g_date_time_new_from_unix_local (t_now);

  f->local = tally_local_source_new (f->store);
  f->source = tally_test_source_new (TALLY_SOURCE (f->local));
  f->dashboard = tally_dashboard_new ();
  tally_dashboard_set_time (f->dashboard, "now-6h", "now");
  f->panel = tally_panel_new (1, TALLY_PANEL_STAT);
  query->metric = TALLY_METRIC_REQUESTS;
  query->stat = TALLY_STAT_COUNT;
  tally_panel_set_query (f->panel, query);
  tally_dashboard_add_panel (f->dashboard, f->panel);
  g_object_unref (f->panel);
}

static void
dispatch_ready (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
none_pending (gpointer data)
{
  Fixture *f = data;

  return tally_test_source_get_n_pending (f->source) == 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gpointer store = f->store;

  if (f->model != NULL)
    g_assert_finalize_object (f->model);
  g_assert_true (tally_test_wait_until (none_pending, f, 5000));
  dispatch_ready ();
  g_assert_finalize_object (f->dashboard);
  g_assert_finalize_object (f->source);
  g_assert_finalize_object (f->local);
  g_object_add_weak_pointer (store, &store);
  g_object_unref (f->store);
  g_assert_true (tally_test_wait_until (is_null, &store, 5000));
  g_date_time_unref (f->now);
  g_free (f->dir);
}

static void
retry_at_notify_cb (GObject    *object,
                    GParamSpec *pspec,
                    Fixture    *f)
{
  f->n_retry_at_notifies++;
}

static TallyPanelData *
data_of (Fixture *f)
{
  TallyPanelData *data = tally_data_model_get_panel_data (f->model, f->panel);

  g_assert_nonnull (data);
  return data;
}

/* The model on a fixed clock, the back-off's default delays. */
static void
start_model (Fixture *f)
{
  f->model = tally_data_model_new (TALLY_SOURCE (f->source), f->dashboard);
  tally_data_model_set_now (f->model, f->now);
  tally_data_model_set_clock (f->model, CLOCK_US);
  g_signal_connect (data_of (f), "notify::retry-at", G_CALLBACK (retry_at_notify_cb), f);
}

static gboolean
answered (gpointer data)
{
  Fixture *f = data;
  TallyPanelData *panel_data = data_of (f);

  return !tally_panel_data_get_loading (panel_data) && none_pending (f) &&
         (tally_panel_data_get_frame (panel_data) != NULL ||
          tally_panel_data_get_error (panel_data) != NULL ||
          tally_panel_data_get_unsupported (panel_data));
}

/* Starts what is pending and waits for its answer. */
static void
wait_answered (Fixture *f)
{
  dispatch_ready ();
  g_assert_true (tally_test_wait_until (answered, f, 10000));
}

static void
fail_next (Fixture    *f,
           TallyError  code,
           guint       status,
           gint64      retry_after_s,
           const char *message)
{
  g_autoptr(GError) error = NULL;

  tally_error_set_http (&error, code, status, retry_after_s, "%s", message);
  tally_test_source_fail_next (f->source, error);
}

/* Retries the panel now (its Retry Now button) and waits for the answer. */
static void
retry_now (Fixture *f)
{
  guint before = tally_test_source_get_n_queries (f->source);

  tally_data_model_retry (f->model, f->panel);
  wait_answered (f);
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, before + 1);
}

static void
assert_failed (Fixture    *f,
               TallyFrame *frame,
               const char *message,
               gint64      delay_us)
{
  TallyPanelData *data = data_of (f);

  g_assert_true (tally_panel_data_get_frame (data) == frame);
  g_assert_cmpstr (tally_panel_data_get_error (data), ==, message);
  g_assert_false (tally_panel_data_get_unsupported (data));
  g_assert_false (tally_panel_data_get_loading (data));
  if (delay_us == 0)
    g_assert_cmpint (tally_panel_data_get_retry_at (data), ==, 0);
  else
    g_assert_cmpint (tally_panel_data_get_retry_at (data) - CLOCK_US, ==, delay_us);
}

/* Transient failures keep the frame and wait 5 s, doubling to 5 minutes;
 * a longer Retry-After wins, a shorter one does not shorten the wait; a
 * success starts over. */
static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  /* 5 s doubled at each failure: 10, 20, 40, 80, 160, then 320 capped. */
  static const gint64 delays_s[] = { 5, 10, 20, 40, 80, 160, 300, 300 };
  TallyFrame *good;

  start_model (f);
  wait_answered (f);
  good = tally_panel_data_get_frame (data_of (f));
  g_assert_nonnull (good);
  g_assert_cmpint (tally_panel_data_get_retry_at (data_of (f)), ==, 0);

  fail_next (f, TALLY_ERROR_NETWORK, 0, -1, "Could not connect: Connection refused");
  tally_data_model_refresh (f->model);
  wait_answered (f);
  assert_failed (f, good, "Could not connect: Connection refused", S (delays_s[0]));
  g_assert_cmpuint (f->n_retry_at_notifies, ==, 1);

  for (guint i = 1; i < G_N_ELEMENTS (delays_s); i++)
    {
      fail_next (f, TALLY_ERROR_NETWORK, 502, -1, "The server answered 502 Bad Gateway");
      retry_now (f);
      assert_failed (f, good, "The server answered 502 Bad Gateway", S (delays_s[i]));
    }

  /* A Retry-After past the cap is honoured; one under it is not shorter. */
  fail_next (f, TALLY_ERROR_NETWORK, 429, 600, "Too many requests");
  retry_now (f);
  assert_failed (f, good, "Too many requests", S (600));
  fail_next (f, TALLY_ERROR_NETWORK, 429, 2, "Too many requests");
  retry_now (f);
  assert_failed (f, good, "Too many requests", S (300));

  /* Success: a new frame, no error, no retry. */
  retry_now (f);
  g_assert_true (tally_panel_data_get_frame (data_of (f)) != good);
  good = tally_panel_data_get_frame (data_of (f));
  assert_failed (f, good, NULL, 0);

  /* The back-off starts over; a Retry-After longer than its first step
   * wins from the start. */
  fail_next (f, TALLY_ERROR_BAD_RESPONSE, 200, -1, "The answer is not JSON");
  tally_data_model_refresh (f->model);
  wait_answered (f);
  assert_failed (f, good, "The answer is not JSON", S (5));
  fail_next (f, TALLY_ERROR_NETWORK, 503, 30, "The server answered 503");
  retry_now (f);
  assert_failed (f, good, "The server answered 503", S (30));

  /* A new question starts over too. */
  fail_next (f, TALLY_ERROR_NETWORK, 0, -1, "Timed out");
  tally_dashboard_set_time (f->dashboard, "now-3h", "now");
  wait_answered (f);
  assert_failed (f, good, "Timed out", S (5));
}

static gboolean
recovered (gpointer data)
{
  Fixture *f = data;

  return tally_test_source_get_n_queries (f->source) >= 6 && answered (f) &&
         tally_panel_data_get_error (data_of (f)) == NULL;
}

/* The timer runs the failed query again by itself, and live data or the
 * refresh timer meanwhile wait for it. */
static void
test_retry_timer (Fixture       *f,
                  gconstpointer  data)
{
  TallyFrame *good;

  start_model (f);
  tally_data_model_set_live_interval (f->model, 0);
  wait_answered (f);
  good = tally_panel_data_get_frame (data_of (f));

  /* Default delays: new data does not hurry a retry 5 s away. */
  fail_next (f, TALLY_ERROR_NETWORK, 500, -1, "The server answered 500");
  tally_data_model_refresh (f->model);
  wait_answered (f);
  assert_failed (f, good, "The server answered 500", S (5));
  tally_source_emit_changed (TALLY_SOURCE (f->local));
  dispatch_ready ();
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 2);
  g_assert_cmpuint (tally_test_source_get_n_pending (f->source), ==, 0);

  /* New data while a query runs that then fails: the panel does not stay
   * loading, and the data waits for the retry too. */
  tally_test_source_set_hold (f->source, TRUE);
  fail_next (f, TALLY_ERROR_NETWORK, 500, -1, "The server answered 500");
  tally_data_model_refresh (f->model);
  dispatch_ready ();
  g_assert_true (tally_panel_data_get_loading (data_of (f)));
  tally_source_emit_changed (TALLY_SOURCE (f->local));
  dispatch_ready ();
  g_assert_cmpuint (tally_test_source_release (f->source), ==, 1);
  wait_answered (f);
  g_assert_false (tally_panel_data_get_loading (data_of (f)));
  g_assert_false (tally_data_model_get_loading (f->model));
  /* The second failure in a row. */
  assert_failed (f, good, "The server answered 500", S (10));
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 3);

  /* Short delays: the third failure in a row waits 80 ms; the timer
   * retries, fails once more (160 ms), retries again and succeeds. */
  tally_data_model_set_retry_delays (f->model, 20, 1000);
  fail_next (f, TALLY_ERROR_NETWORK, 500, -1, "The server answered 500");
  fail_next (f, TALLY_ERROR_NETWORK, 0, -1, "Timed out");
  tally_data_model_refresh (f->model);
  wait_answered (f);
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 4);
  assert_failed (f, good, "The server answered 500", 80 * 1000);

  g_assert_true (tally_test_wait_until (recovered, f, 10000));
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 6);
  g_assert_true (tally_panel_data_get_frame (data_of (f)) != good);
  assert_failed (f, tally_panel_data_get_frame (data_of (f)), NULL, 0);
}

static void
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* Runs the main loop for @ms: only where a test shows that nothing
 * happens meanwhile. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add_once (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Failures that waiting does not mend are shown and not retried; the next
 * refresh runs the query again. */
static void
test_not_transient (Fixture       *f,
                    gconstpointer  data)
{
  TallyFrame *good;

  start_model (f);
  tally_data_model_set_retry_delays (f->model, 10, 10);
  wait_answered (f);
  good = tally_panel_data_get_frame (data_of (f));

  fail_next (f, TALLY_ERROR_INVALID, 400, -1, "bad PromQL: unexpected “}”");
  tally_data_model_refresh (f->model);
  wait_answered (f);
  assert_failed (f, good, "bad PromQL: unexpected “}”", 0);

  fail_next (f, TALLY_ERROR_NETWORK, 401, -1, "The server answered 401 Unauthorized");
  tally_data_model_refresh (f->model);
  wait_answered (f);
  assert_failed (f, good, "The server answered 401 Unauthorized", 0);
  g_assert_cmpuint (f->n_retry_at_notifies, ==, 0);

  /* Nothing runs by itself, well past the retry delays. */
  run_for (200);
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 3);
  assert_failed (f, good, "The server answered 401 Unauthorized", 0);

  /* A transient failure after one that was not waits the first step. */
  fail_next (f, TALLY_ERROR_NETWORK, 0, -1, "Connection reset");
  tally_data_model_set_retry_delays (f->model, 5000, 300000);
  tally_data_model_refresh (f->model);
  wait_answered (f);
  assert_failed (f, good, "Connection reset", S (5));
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n)
{
  (*n)++;
}

/* A query the source cannot answer is no error and no frame: the panel is
 * unsupported until an answer comes, and nothing retries it. */
static void
test_unsupported (Fixture       *f,
                  gconstpointer  data)
{
  TallyPanelData *panel_data;
  guint n_notifies = 0;

  fail_next (f, TALLY_ERROR_UNSUPPORTED, 0, -1, "This source has no latency");
  start_model (f);
  panel_data = data_of (f);
  g_signal_connect (panel_data, "notify::unsupported", G_CALLBACK (notify_count_cb), &n_notifies);
  wait_answered (f);
  g_assert_true (tally_panel_data_get_unsupported (panel_data));
  g_assert_null (tally_panel_data_get_error (panel_data));
  g_assert_null (tally_panel_data_get_frame (panel_data));
  g_assert_cmpint (tally_panel_data_get_retry_at (panel_data), ==, 0);
  g_assert_cmpuint (n_notifies, ==, 1);

  /* The property says so too. */
  {
    gboolean unsupported = FALSE;

    g_object_get (panel_data, "unsupported", &unsupported, NULL);
    g_assert_true (unsupported);
  }

  /* A transient failure then: an error, no longer unsupported. */
  fail_next (f, TALLY_ERROR_NETWORK, 0, -1, "Timed out");
  tally_data_model_refresh (f->model);
  wait_answered (f);
  g_assert_false (tally_panel_data_get_unsupported (panel_data));
  assert_failed (f, NULL, "Timed out", S (5));

  /* Unsupported again, then an answer. */
  fail_next (f, TALLY_ERROR_UNSUPPORTED, 0, -1, "This source has no latency");
  tally_data_model_refresh (f->model);
  wait_answered (f);
  g_assert_true (tally_panel_data_get_unsupported (panel_data));
  g_assert_null (tally_panel_data_get_error (panel_data));
  g_assert_cmpint (tally_panel_data_get_retry_at (panel_data), ==, 0);
  tally_data_model_refresh (f->model);
  wait_answered (f);
  g_assert_false (tally_panel_data_get_unsupported (panel_data));
  g_assert_nonnull (tally_panel_data_get_frame (panel_data));
  g_assert_cmpuint (n_notifies, ==, 4);
}

/* A query that never answers is cancelled by whatever supersedes it: a
 * new range, a filter, a refresh, a "Retry Now". */
static void
test_superseded (Fixture       *f,
                 gconstpointer  data)
{
  static const char *models[] = { "gpt-4o", NULL };
  guint n;

  tally_test_source_set_hang (f->source, TRUE);
  start_model (f);
  dispatch_ready ();
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 1);
  g_assert_true (tally_panel_data_get_loading (data_of (f)));
  g_assert_true (tally_data_model_get_loading (f->model));

  tally_dashboard_set_time (f->dashboard, "now-2h", "now");
  dispatch_ready ();
  tally_dashboard_set_filter (f->dashboard, "model", models);
  dispatch_ready ();
  tally_data_model_refresh (f->model);
  dispatch_ready ();
  tally_data_model_retry (f->model, f->panel);
  dispatch_ready ();

  n = tally_test_source_get_n_queries (f->source);
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i + 1 < n; i++)
    g_assert_true (g_cancellable_is_cancelled (tally_test_source_get_cancellable (f->source, i)));
  g_assert_false (g_cancellable_is_cancelled (tally_test_source_get_cancellable (f->source, 4)));
  g_assert_cmpuint (tally_test_source_get_n_cancelled (f->source), ==, 4);
  g_assert_cmpuint (tally_test_source_get_n_pending (f->source), ==, 1);
  g_assert_true (tally_panel_data_get_loading (data_of (f)));
  g_assert_null (tally_panel_data_get_error (data_of (f)));

  /* The last one, with the filter and the range, answers. */
  tally_test_source_set_hang (f->source, FALSE);
  tally_data_model_refresh (f->model);
  wait_answered (f);
  g_assert_cmpuint (tally_test_source_get_n_cancelled (f->source), ==, 5);
  g_assert_nonnull (tally_panel_data_get_frame (data_of (f)));
  g_assert_cmpuint (tally_test_source_get_query (f->source, 5)->filters->len, ==, 1);
  g_assert_cmpint (tally_panel_data_get_range (data_of (f))->from, ==,
                   g_date_time_to_unix (f->now) - 2 * 3600);
}

/* No retry outlives the model, nor a change of source. */
static void
test_dispose (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TallyTestSource) other = tally_test_source_new (TALLY_SOURCE (f->local));
  TallyDataModel *model;

  start_model (f);
  tally_data_model_set_retry_delays (f->model, 30, 30);
  wait_answered (f);

  /* A new source: the retry is dropped, the query goes there. */
  fail_next (f, TALLY_ERROR_NETWORK, 0, -1, "Connection refused");
  tally_data_model_refresh (f->model);
  wait_answered (f);
  g_assert_cmpint (tally_panel_data_get_retry_at (data_of (f)), ==, CLOCK_US + 30 * 1000);
  tally_data_model_set_source (f->model, TALLY_SOURCE (other));
  g_assert_cmpint (tally_panel_data_get_retry_at (data_of (f)), ==, 0);
  dispatch_ready ();
  g_assert_true (tally_test_wait_until (answered, f, 10000));
  g_assert_cmpuint (tally_test_source_get_n_queries (other), ==, 1);
  run_for (150);
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 2);
  g_assert_cmpuint (tally_test_source_get_n_queries (other), ==, 1);

  /* The model goes while a retry is due in 30 ms: nothing runs after. */
  tally_data_model_set_source (f->model, TALLY_SOURCE (f->source));
  wait_answered (f);
  fail_next (f, TALLY_ERROR_NETWORK, 0, -1, "Connection refused");
  tally_data_model_refresh (f->model);
  wait_answered (f);
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 4);
  g_assert_cmpint (tally_panel_data_get_retry_at (data_of (f)), >, 0);
  model = g_steal_pointer (&f->model);
  g_assert_finalize_object (model);
  run_for (150);
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 4);
  g_assert_finalize_object (g_steal_pointer (&other));
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/tally/data-model-retry/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("backoff", test_backoff);
  ADD ("retry-timer", test_retry_timer);
  ADD ("not-transient", test_not_transient);
  ADD ("unsupported", test_unsupported);
  ADD ("superseded", test_superseded);
  ADD ("dispose", test_dispose);

#undef ADD

  return g_test_run ();
}
