/* test-data-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* TallyDataModel against a real store in a temporary file, through a
 * recording source that passes every query on to the local source: the
 * frames panels get, coalescing, cancelling superseded queries, re-running
 * only what changed, pausing, live refreshes while events arrive, and
 * errors that keep the last good frame. */

#include "config.h"

#include "tally-data-model.h"
#include "tally-local-source.h"
#include "tally-test-events.h"
#include "tally-test-source.h"
#include "tally-test-utils.h"

#define N_EVENTS 3000

typedef struct
{
  char             *dir;
  TallyStore       *store;
  TallyLocalSource *local;
  TallyTestSource  *source;
  gint64            t_now;      /* a whole minute, just before the clock's */
  GDateTime        *now;
  TallyDashboard   *dashboard;
  TallyPanel       *panels[4];
  TallyDataModel   *model;
} Fixture;

/* The four panels, each with a metric of its own so the recording source
 * can tell their queries apart. */
enum { LATENCY_P95, REQUESTS_BY_MODEL, TOKENS_BY_PROJECT, INPUT_TOKENS_TODAY };

static const TallyMetric panel_metrics[] = {
  TALLY_METRIC_LATENCY, TALLY_METRIC_REQUESTS, TALLY_METRIC_TOKENS, TALLY_METRIC_INPUT_TOKENS,
};

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* Ingests @n events between @from and @to (Unix seconds) and waits for
 * the store's "changed" that follows, so it cannot reach a model later. */
static void
ingest (Fixture *f,
        guint32  seed,
        guint    n,
        gint64   from,
        gint64   to)
{
  g_autoptr(GPtrArray) events = tally_test_make_events (seed, n, from * 1000, to * 1000);
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  gulong id;

  id = g_signal_connect_swapped (f->store, "changed", G_CALLBACK (flag_cb), &changed);
  g_assert_true (tally_store_ingest (f->store, events, &error));
  g_assert_no_error (error);
  g_assert_true (tally_test_wait_until (is_true, &changed, 5000));
  g_signal_handler_disconnect (f->store, id);
}

static TallyPanel *
add_panel (Fixture        *f,
           TallyPanelType  type,
           TallyMetric     metric,
           TallyStat       stat,
           const char     *group_by)
{
  g_autoptr(TallyPanel) panel = NULL;
  g_autoptr(TallyQuery) query = tally_query_new ();

  panel = tally_panel_new (tally_dashboard_next_panel_id (f->dashboard), type);
  query->metric = metric;
  query->stat = stat;
  if (group_by != NULL)
    g_assert_true (tally_dimension_parse (group_by, &query->group_by, NULL));
  query->top = 3;
  tally_panel_set_query (panel, query);
  tally_dashboard_add_panel (f->dashboard, panel);

  return panel;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  static const char *projects[] = { "search", "chat", NULL };

  f->dir = tally_test_make_tmp_dir ();
  path = g_build_filename (f->dir, "usage.db", NULL);
  f->store = tally_store_open (path, &error);
  g_assert_no_error (error);
  f->t_now = g_get_real_time () / G_USEC_PER_SEC / 60 * 60;
  f->now = g_date_time_new_from_unix_local (f->t_now);
  ingest (f, 11, N_EVENTS, f->t_now - 36 * 3600, f->t_now - 60);

  f->local = tally_local_source_new (f->store);
  f->source = tally_test_source_new (TALLY_SOURCE (f->local));

  f->dashboard = tally_dashboard_new ();
  tally_dashboard_set_time (f->dashboard, "now-24h", "now");
  tally_dashboard_set_filter (f->dashboard, "project", projects);
  f->panels[LATENCY_P95] = add_panel (f, TALLY_PANEL_STAT, TALLY_METRIC_LATENCY, TALLY_STAT_P95,
                                      NULL);
  f->panels[REQUESTS_BY_MODEL] = add_panel (f, TALLY_PANEL_LINE, TALLY_METRIC_REQUESTS,
                                            TALLY_STAT_SUM, "model");
  f->panels[TOKENS_BY_PROJECT] = add_panel (f, TALLY_PANEL_PIE, TALLY_METRIC_TOKENS,
                                            TALLY_STAT_SUM, "project");
  f->panels[INPUT_TOKENS_TODAY] = add_panel (f, TALLY_PANEL_STAT, TALLY_METRIC_INPUT_TOKENS,
                                             TALLY_STAT_SUM, NULL);
  tally_panel_set_time (f->panels[INPUT_TOKENS_TODAY], "now/d", "now");
}

/* Dispatches what is ready now without waiting for anything: the idle
 * callback that starts pending queries runs here. */
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

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gpointer store = f->store;

  if (f->model != NULL)
    g_assert_finalize_object (f->model);
  /* Answers finish their GTasks from idle callbacks. */
  dispatch_ready ();
  g_assert_cmpuint (tally_test_source_get_n_pending (f->source), ==, 0);
  g_assert_finalize_object (f->dashboard);
  g_assert_finalize_object (f->source);
  g_assert_finalize_object (f->local);
  /* The store's last query task may let go of it a moment after its
   * callback ran. */
  g_object_add_weak_pointer (store, &store);
  g_object_unref (f->store);
  g_assert_true (tally_test_wait_until (is_null, &store, 5000));
  g_date_time_unref (f->now);
  g_free (f->dir);
}

/* The model, with "now" fixed at the fixture's unless @clock. */
static void
start_model (Fixture  *f,
             gboolean  clock)
{
  f->model = tally_data_model_new (TALLY_SOURCE (f->source), f->dashboard);
  if (!clock)
    tally_data_model_set_now (f->model, f->now);
}

static TallyPanelData *
data_of (Fixture *f,
         guint    panel)
{
  TallyPanelData *data = tally_data_model_get_panel_data (f->model, f->panels[panel]);

  g_assert_nonnull (data);
  return data;
}

static guint
count (Fixture *f,
       guint    panel)
{
  return tally_test_source_count (f->source, panel_metrics[panel]);
}

typedef struct
{
  Fixture *f;
  guint    panel;
  guint    n;
} PanelRef;

static gboolean
count_reached (gpointer user_data)
{
  PanelRef *ref = user_data;

  return count (ref->f, ref->panel) >= ref->n;
}

/* Waits until the panel's query was asked at least @n times. */
static void
wait_count (Fixture *f,
            guint    panel,
            guint    n)
{
  PanelRef ref = { f, panel, n };

  g_assert_true (tally_test_wait_until (count_reached, &ref, 10000));
}

/* Every panel has an answer (a frame or an error) and none is loading. */
static gboolean
all_loaded (gpointer user_data)
{
  Fixture *f = user_data;

  if (tally_data_model_get_loading (f->model))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (f->panels); i++)
    {
      TallyPanelData *data;

      if (f->panels[i] == NULL)
        continue;
      data = data_of (f, i);
      if (tally_panel_data_get_loading (data) ||
          (tally_panel_data_get_frame (data) == NULL && tally_panel_data_get_error (data) == NULL))
        return FALSE;
    }

  return TRUE;
}

/* Starts what is pending, then waits for every answer. */
static void
wait_loaded (Fixture *f)
{
  dispatch_ready ();
  g_assert_true (tally_test_wait_until (all_loaded, f, 10000));
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

/* The query a panel should run, written out here: the panel's own query
 * with the dashboard's project filter and the width. */
static TallyQuery *
expected_query (Fixture    *f,
                guint       panel,
                guint       width_px)
{
  static const char *projects[] = { "search", "chat", NULL };
  TallyQuery *query = tally_query_copy (tally_panel_get_query (f->panels[panel]));

  g_assert_true (tally_query_add_filter (query, "project", projects, NULL));
  query->width_px = width_px;
  return query;
}

static char *
frame_json (TallyFrame *frame)
{
  g_assert_nonnull (frame);
  return tally_frame_to_json_string (frame, FALSE);
}

/* The panel's frame is exactly what the store answers for the expected
 * query over @range. */
static void
assert_frame (Fixture              *f,
              guint                 panel,
              guint                 width_px,
              const TallyTimeRange *range)
{
  g_autoptr(TallyQuery) query = expected_query (f, panel, width_px);
  g_autoptr(TallyFrame) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *want = NULL, *got = NULL;
  TallyPanelData *data = data_of (f, panel);

  expected = tally_store_query (f->store, query, range, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (tally_frame_is_empty (expected));
  want = frame_json (expected);
  got = frame_json (tally_panel_data_get_frame (data));
  g_assert_cmpstr (got, ==, want);
  g_assert_null (tally_panel_data_get_error (data));
}

static TallyTimeRange *
fixed_range (Fixture *f,
             gint64   from)
{
  return tally_time_range_new (from, f->t_now, f->t_now, g_date_time_get_timezone (f->now));
}

static gint64
local_midnight (Fixture *f)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (f->now),
                                                    g_date_time_get_month (f->now),
                                                    g_date_time_get_day_of_month (f->now),
                                                    0, 0, 0);

  return g_date_time_to_unix (day);
}

/* Every panel's frame is the store's answer to its query over its range,
 * resolved at the fixed "now" in the local zone. */
static void
test_frames (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TallyTimeRange) day = fixed_range (f, f->t_now - 86400);
  g_autoptr(TallyTimeRange) today = fixed_range (f, local_midnight (f));
  TallyPanelData *line;

  start_model (f, FALSE);
  line = data_of (f, REQUESTS_BY_MODEL);
  g_assert_true (tally_panel_data_get_panel (line) == f->panels[REQUESTS_BY_MODEL]);
  g_assert_true (tally_data_model_get_loading (f->model) == FALSE);
  tally_panel_data_set_width (line, 300);
  wait_loaded (f);

  assert_frame (f, LATENCY_P95, TALLY_DEFAULT_WIDTH_PX, day);
  assert_frame (f, REQUESTS_BY_MODEL, 300, day);
  assert_frame (f, TOKENS_BY_PROJECT, TALLY_DEFAULT_WIDTH_PX, day);
  assert_frame (f, INPUT_TOKENS_TODAY, TALLY_DEFAULT_WIDTH_PX, today);

  /* 24 hours over 300 pixels: one bucket per 2 pixels is 576 s, so 10 minutes. */
  g_assert_cmpint (tally_frame_get_interval (tally_panel_data_get_frame (line)), ==, 600);
  g_assert_cmpint (tally_frame_get_shape (tally_panel_data_get_frame (data_of (f, TOKENS_BY_PROJECT))),
                   ==, TALLY_SHAPE_CATEGORIES);
  g_assert_cmpint (tally_panel_data_get_range (line)->from, ==, f->t_now - 86400);
  g_assert_cmpint (tally_panel_data_get_range (line)->to, ==, f->t_now);
  g_assert_cmpint (tally_panel_data_get_range (data_of (f, INPUT_TOKENS_TODAY))->from, ==,
                   local_midnight (f));
  g_assert_cmpint (g_date_time_to_unix (tally_panel_data_get_updated (line)), ==, f->t_now);
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 4);
}

/* Any number of requests within one main-loop iteration: one query per panel. */
static void
test_coalesce (Fixture       *f,
               gconstpointer  data)
{
  start_model (f, FALSE);
  for (guint i = 0; i < 10; i++)
    tally_data_model_refresh (f->model);
  tally_dashboard_set_time (f->dashboard, "now-12h", "now");
  tally_dashboard_set_time (f->dashboard, "now-6h", "now");
  tally_panel_data_set_width (data_of (f, REQUESTS_BY_MODEL), 200);
  wait_loaded (f);
  for (guint i = 0; i < G_N_ELEMENTS (f->panels); i++)
    g_assert_cmpuint (count (f, i), ==, 1);

  for (guint i = 0; i < 25; i++)
    tally_data_model_refresh (f->model);
  wait_loaded (f);
  for (guint i = 0; i < G_N_ELEMENTS (f->panels); i++)
    g_assert_cmpuint (count (f, i), ==, 2);
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 8);
  assert_frame (f, LATENCY_P95, TALLY_DEFAULT_WIDTH_PX, tally_panel_data_get_range (data_of (f, 0)));
  g_assert_cmpint (tally_panel_data_get_range (data_of (f, 0))->from, ==, f->t_now - 6 * 3600);
}

/* The call of the recording source that asked for @metric the @nth time. */
static guint
find_call (Fixture     *f,
           TallyMetric  metric,
           guint        nth)
{
  for (guint i = 0; i < tally_test_source_get_n_queries (f->source); i++)
    {
      if (tally_test_source_get_query (f->source, i)->metric == metric && nth-- == 0)
        return i;
    }

  g_assert_not_reached ();
}

static gboolean
none_pending (gpointer user_data)
{
  Fixture *f = user_data;

  return tally_test_source_get_n_pending (f->source) == 0;
}

/* A changed query cancels the one still running for its panel, whose
 * answer never shows; a removed panel's query is cancelled too. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TallyQuery) by_project = tally_query_copy (tally_panel_get_query (f->panels[1]));
  g_autoptr(TallyTimeRange) day = fixed_range (f, f->t_now - 86400);
  g_autoptr(TallyPanelData) removed = NULL;
  TallyPanelData *line;
  guint first, second;

  tally_test_source_set_hold (f->source, TRUE);
  start_model (f, FALSE);
  line = data_of (f, REQUESTS_BY_MODEL);
  dispatch_ready ();
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 4);
  g_assert_true (tally_panel_data_get_loading (line));
  g_assert_true (tally_data_model_get_loading (f->model));

  tally_dimension_clear (&by_project->group_by);
  g_assert_true (tally_dimension_parse ("project", &by_project->group_by, NULL));
  tally_panel_set_query (f->panels[REQUESTS_BY_MODEL], by_project);
  dispatch_ready ();
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 5);
  first = find_call (f, TALLY_METRIC_REQUESTS, 0);
  second = find_call (f, TALLY_METRIC_REQUESTS, 1);
  g_assert_true (g_cancellable_is_cancelled (tally_test_source_get_cancellable (f->source, first)));
  g_assert_false (g_cancellable_is_cancelled (tally_test_source_get_cancellable (f->source, second)));
  g_assert_cmpint (tally_test_source_get_query (f->source, second)->group_by.kind, ==,
                   TALLY_DIMENSION_PROJECT);

  /* The superseded query reaches the store already cancelled. */
  g_assert_cmpuint (tally_test_source_release (f->source), ==, 5);
  wait_loaded (f);
  g_assert_true (tally_test_wait_until (none_pending, f, 5000));
  g_assert_cmpuint (tally_test_source_get_n_cancelled (f->source), ==, 1);
  assert_frame (f, REQUESTS_BY_MODEL, TALLY_DEFAULT_WIDTH_PX, day);

  /* Removing a panel cancels its query and forgets its data. */
  tally_test_source_set_hold (f->source, TRUE);
  tally_data_model_refresh (f->model);
  dispatch_ready ();
  removed = g_object_ref (data_of (f, TOKENS_BY_PROJECT));
  g_assert_true (tally_panel_data_get_loading (removed));
  tally_dashboard_remove_panel (f->dashboard, f->panels[TOKENS_BY_PROJECT]);
  g_assert_false (tally_panel_data_get_loading (removed));
  g_assert_null (tally_data_model_get_panel_data (f->model, f->panels[TOKENS_BY_PROJECT]));
  g_assert_true (g_cancellable_is_cancelled (
    tally_test_source_get_cancellable (f->source, find_call (f, TALLY_METRIC_TOKENS, 1))));
  f->panels[TOKENS_BY_PROJECT] = NULL;
  tally_test_source_release (f->source);
  wait_loaded (f);
  g_assert_true (tally_test_wait_until (none_pending, f, 5000));
  g_assert_cmpuint (tally_test_source_get_n_cancelled (f->source), ==, 2);
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 9);
}

/* A model freed with queries running lets go at once; their answers,
 * arriving later, are dropped. */
static void
test_dispose_running (Fixture       *f,
                      gconstpointer  data)
{
  TallyDataModel *model;

  tally_test_source_set_hold (f->source, TRUE);
  start_model (f, FALSE);
  dispatch_ready ();
  g_assert_cmpuint (tally_test_source_get_n_queries (f->source), ==, 4);
  model = g_steal_pointer (&f->model);
  g_assert_finalize_object (model);
  for (guint i = 0; i < 4; i++)
    g_assert_true (g_cancellable_is_cancelled (tally_test_source_get_cancellable (f->source, i)));
  tally_test_source_release (f->source);
  g_assert_true (tally_test_wait_until (none_pending, f, 5000));
  g_assert_cmpuint (tally_test_source_get_n_cancelled (f->source), ==, 4);
}

static void
assert_counts (Fixture     *f,
               const guint  expected[4])
{
  for (guint i = 0; i < G_N_ELEMENTS (f->panels); i++)
    g_assert_cmpuint (count (f, i), ==, expected[i]);
}

/* A dashboard change re-runs the panels whose query or range it changed;
 * the dashboard's time or filters, every panel. */
static void
test_changed_only (Fixture       *f,
                   gconstpointer  data)
{
  static const char *models[] = { "gpt-4o", NULL };
  g_autoptr(TallyQuery) p99 = tally_query_copy (tally_panel_get_query (f->panels[0]));
  TallyPanelData *line;

  start_model (f, FALSE);
  wait_loaded (f);
  assert_counts (f, (guint[]) { 1, 1, 1, 1 });

  p99->stat = TALLY_STAT_P99;
  tally_panel_set_query (f->panels[LATENCY_P95], p99);
  wait_loaded (f);
  assert_counts (f, (guint[]) { 2, 1, 1, 1 });
  g_assert_cmpint (tally_test_source_get_query (f->source, 4)->stat, ==, TALLY_STAT_P99);

  /* What no query depends on. */
  tally_dashboard_set_title (f->dashboard, "Renamed");
  tally_panel_set_title (f->panels[TOKENS_BY_PROJECT], "Tokens");
  tally_panel_set_grid (f->panels[REQUESTS_BY_MODEL], 6, 4, 12, 8);
  dispatch_ready ();
  assert_counts (f, (guint[]) { 2, 1, 1, 1 });

  /* A width that keeps the automatic interval (5 minutes for 24 hours
   * over 1200 or 1180 pixels) does not re-run; one that changes it does. */
  line = data_of (f, REQUESTS_BY_MODEL);
  tally_panel_data_set_width (line, 1180);
  dispatch_ready ();
  assert_counts (f, (guint[]) { 2, 1, 1, 1 });
  tally_panel_data_set_width (line, 300);
  wait_loaded (f);
  assert_counts (f, (guint[]) { 2, 2, 1, 1 });
  g_assert_cmpint (tally_frame_get_interval (tally_panel_data_get_frame (line)), ==, 600);

  /* The panel's own range. */
  tally_panel_set_time (f->panels[INPUT_TOKENS_TODAY], "now-7d", "now");
  wait_loaded (f);
  assert_counts (f, (guint[]) { 2, 2, 1, 2 });

  /* The dashboard's filters and time: everything, the panel with a range
   * of its own too. */
  tally_dashboard_set_filter (f->dashboard, "model", models);
  wait_loaded (f);
  assert_counts (f, (guint[]) { 3, 3, 2, 3 });
  tally_dashboard_set_time (f->dashboard, "now-2d", "now");
  wait_loaded (f);
  assert_counts (f, (guint[]) { 4, 4, 3, 4 });
  g_assert_cmpint (tally_panel_data_get_range (data_of (f, TOKENS_BY_PROJECT))->from, ==,
                   f->t_now - 2 * 86400);
  g_assert_cmpint (tally_panel_data_get_range (data_of (f, INPUT_TOKENS_TODAY))->from, ==,
                   f->t_now - 7 * 86400);

  /* A new panel runs alone. */
  add_panel (f, TALLY_PANEL_STAT, TALLY_METRIC_COST, TALLY_STAT_SUM, NULL);
  wait_loaded (f);
  assert_counts (f, (guint[]) { 4, 4, 3, 4 });
  g_assert_cmpuint (tally_test_source_count (f->source, TALLY_METRIC_COST), ==, 1);
}

/* While paused nothing runs; on resume, what went stale does. */
static void
test_pause (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TallyQuery) by_project = tally_query_copy (tally_panel_get_query (f->panels[1]));
  g_autoptr(TallyTimeRange) day = fixed_range (f, f->t_now - 86400);

  start_model (f, FALSE);
  /* Every "changed" counts here: throttling is test_live's. */
  tally_data_model_set_live_interval (f->model, 0);
  wait_loaded (f);
  assert_counts (f, (guint[]) { 1, 1, 1, 1 });

  tally_data_model_set_paused (f->model, TRUE);
  g_assert_true (tally_data_model_get_paused (f->model));
  tally_dimension_clear (&by_project->group_by);
  g_assert_true (tally_dimension_parse ("project", &by_project->group_by, NULL));
  tally_panel_set_query (f->panels[REQUESTS_BY_MODEL], by_project);
  tally_source_emit_changed (TALLY_SOURCE (f->local));
  dispatch_ready ();
  assert_counts (f, (guint[]) { 1, 1, 1, 1 });

  /* The changed panel and the live ones (new data) run; "today" reaches
   * now too. */
  tally_data_model_set_paused (f->model, FALSE);
  dispatch_ready ();
  assert_counts (f, (guint[]) { 2, 2, 2, 2 });
  wait_loaded (f);
  assert_frame (f, REQUESTS_BY_MODEL, TALLY_DEFAULT_WIDTH_PX, day);

  /* A past range is not live. */
  tally_panel_set_time (f->panels[INPUT_TOKENS_TODAY], "now-3d", "now-2d");
  wait_loaded (f);
  assert_counts (f, (guint[]) { 2, 2, 2, 3 });
  tally_data_model_set_paused (f->model, TRUE);
  tally_source_emit_changed (TALLY_SOURCE (f->local));
  tally_data_model_set_paused (f->model, FALSE);
  dispatch_ready ();
  assert_counts (f, (guint[]) { 3, 3, 3, 3 });
  wait_loaded (f);

  /* The refresh timer runs every panel (all in one run) ... */
  tally_dashboard_set_refresh (f->dashboard, "1s");
  wait_count (f, INPUT_TOKENS_TODAY, 4);
  tally_data_model_set_paused (f->model, TRUE);
  wait_loaded (f);
  assert_counts (f, (guint[]) { 4, 4, 4, 4 });

  /* ... but not while paused; resuming after the interval runs them at once. */
  run_for (1500);
  assert_counts (f, (guint[]) { 4, 4, 4, 4 });
  tally_data_model_set_paused (f->model, FALSE);
  dispatch_ready ();
  assert_counts (f, (guint[]) { 5, 5, 5, 5 });
  wait_loaded (f);
  tally_dashboard_set_refresh (f->dashboard, "off");
}

/* The panel shows exactly what the store holds over the range it last
 * ran with: every event ingested so far is in it. */
static gboolean
shows_store (gpointer user_data)
{
  PanelRef *ref = user_data;
  TallyPanelData *data = data_of (ref->f, ref->panel);
  g_autoptr(TallyQuery) query = NULL;
  g_autoptr(TallyFrame) expected = NULL;
  g_autofree char *want = NULL, *got = NULL;

  if (tally_panel_data_get_loading (data) || tally_panel_data_get_frame (data) == NULL)
    return FALSE;
  query = expected_query (ref->f, ref->panel, TALLY_DEFAULT_WIDTH_PX);
  expected = tally_store_query (ref->f->store, query, tally_panel_data_get_range (data), NULL, NULL);
  want = frame_json (expected);
  got = frame_json (tally_panel_data_get_frame (data));
  return g_str_equal (want, got);
}

static double
category_total (TallyFrame *frame)
{
  double total = 0;

  for (guint i = 0; i < tally_frame_get_n_categories (frame); i++)
    total += tally_frame_get_category_value (frame, i);

  return total;
}

/* New events refresh the panels whose range reaches now, at most once per
 * live interval, and the last refresh shows every event. */
static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  PanelRef ref = { f, LATENCY_P95, 0 };
  const guint interval_ms = 300;
  gint64 start, clock, elapsed_ms;
  guint before, runs, emitted = 0;
  TallyFrame *first;
  double total;

  tally_panel_set_time (f->panels[INPUT_TOKENS_TODAY], "now-3d", "now-2d");
  start_model (f, TRUE);
  tally_data_model_set_live_interval (f->model, interval_ms);
  g_assert_cmpuint (tally_data_model_get_live_interval (f->model), ==, interval_ms);
  wait_loaded (f);
  assert_counts (f, (guint[]) { 1, 1, 1, 1 });
  first = tally_panel_data_get_frame (data_of (f, TOKENS_BY_PROJECT));
  total = category_total (first);

  /* One batch: the store says so, the live panels run once more. */
  clock = g_get_real_time () / G_USEC_PER_SEC;
  ingest (f, 12, 400, clock - 90, clock - 30);
  wait_count (f, LATENCY_P95, 2);
  g_assert_true (tally_test_wait_until (shows_store, &ref, 10000));
  wait_loaded (f);
  assert_counts (f, (guint[]) { 2, 2, 2, 1 });
  g_assert_cmpfloat (category_total (tally_panel_data_get_frame (data_of (f, TOKENS_BY_PROJECT))),
                     >, total);

  /* Batches while the model runs, and "changed" on every iteration: the
   * refreshes stay within one per interval, plus the first. */
  before = count (f, LATENCY_P95);
  start = g_get_monotonic_time ();
  for (guint batch = 0; g_get_monotonic_time () - start < 1200 * 1000; batch++)
    {
      clock = g_get_real_time () / G_USEC_PER_SEC;
      if (batch % 50 == 0)
        {
          g_autoptr(GPtrArray) events = tally_test_make_events (100 + batch, 50, (clock - 20) * 1000,
                                                                (clock - 1) * 1000);

          g_assert_true (tally_store_ingest (f->store, events, NULL));
        }
      tally_source_emit_changed (TALLY_SOURCE (f->local));
      emitted++;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_true (tally_test_wait_until (shows_store, &ref, 10000));
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  runs = count (f, LATENCY_P95) - before;
  g_test_message ("%u \"changed\" in %" G_GINT64_FORMAT " ms: %u refreshes", emitted, elapsed_ms,
                  runs);
  g_assert_cmpuint (emitted, >, 50);
  g_assert_cmpuint (runs, >=, 1);
  g_assert_cmpuint (runs, <=, elapsed_ms / interval_ms + 2);
  g_assert_cmpuint (count (f, INPUT_TOKENS_TODAY), ==, 1);
}

/* A failing query keeps the panel's last good frame and says why; the
 * next good answer clears the message. */
static void
test_error (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TallyQuery) minutes = tally_query_copy (tally_panel_get_query (f->panels[1]));
  g_autoptr(TallyQuery) hours = NULL;
  TallyPanelData *line, *today;
  TallyFrame *good;
  const char *error;

  tally_dashboard_set_time (f->dashboard, "now-30d", "now");
  start_model (f, FALSE);
  wait_loaded (f);
  line = data_of (f, REQUESTS_BY_MODEL);
  good = tally_panel_data_get_frame (line);
  g_assert_nonnull (good);

  /* 30 days of 1-minute buckets: the store refuses. */
  minutes->interval_s = 60;
  tally_panel_set_query (f->panels[REQUESTS_BY_MODEL], minutes);
  wait_loaded (f);
  error = tally_panel_data_get_error (line);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "43200 buckets is too many"));
  g_assert_true (tally_panel_data_get_frame (line) == good);
  g_assert_false (tally_panel_data_get_loading (line));
  g_assert_null (tally_panel_data_get_error (data_of (f, LATENCY_P95)));

  hours = tally_query_copy (minutes);
  hours->interval_s = 3600;
  tally_panel_set_query (f->panels[REQUESTS_BY_MODEL], hours);
  wait_loaded (f);
  g_assert_null (tally_panel_data_get_error (line));
  g_assert_true (tally_panel_data_get_frame (line) != good);
  g_assert_cmpint (tally_frame_get_interval (tally_panel_data_get_frame (line)), ==, 3600);

  /* A range that cannot be read: the panels that use it say so; the one
   * with a range of its own still runs. */
  today = data_of (f, INPUT_TOKENS_TODAY);
  good = tally_panel_data_get_frame (line);
  tally_dashboard_set_time (f->dashboard, "now-3x", "now");
  wait_loaded (f);
  g_assert_nonnull (strstr (tally_panel_data_get_error (line), "now-3x"));
  g_assert_true (tally_panel_data_get_frame (line) == good);
  g_assert_null (tally_panel_data_get_error (today));
  g_assert_nonnull (tally_panel_data_get_frame (today));

  /* A store that stops answering. */
  tally_dashboard_set_time (f->dashboard, "now-1d", "now");
  wait_loaded (f);
  good = tally_panel_data_get_frame (line);
  tally_store_close (f->store);
  tally_data_model_refresh (f->model);
  wait_loaded (f);
  for (guint i = 0; i < G_N_ELEMENTS (f->panels); i++)
    {
      g_assert_nonnull (strstr (tally_panel_data_get_error (data_of (f, i)), "is closed"));
      g_assert_nonnull (tally_panel_data_get_frame (data_of (f, i)));
    }
  g_assert_true (tally_panel_data_get_frame (line) == good);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/tally/data-model/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("frames", test_frames);
  ADD ("coalesce", test_coalesce);
  ADD ("cancel", test_cancel);
  ADD ("dispose-running", test_dispose_running);
  ADD ("changed-only", test_changed_only);
  ADD ("pause", test_pause);
  ADD ("live", test_live);
  ADD ("error", test_error);

#undef ADD

  return g_test_run ();
}
