/* test-alert-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The `alerts` panels of a dashboard, run by TallyDataModel against the
 * alert history of a real store through the local source: the rows of a
 * range exactly (firing first, then the newest), the panel's limit and
 * its own range; a source without an alert history makes the panel
 * "not available"; and tally_data_model_refresh_alerts() runs the alerts
 * panels again and nothing else. */

#include "config.h"

#include <math.h>

#include "tally-data-model.h"
#include "tally-error.h"
#include "tally-local-source.h"
#include "tally-prometheus-source.h"
#include "tally-test-alerts.h"
#include "tally-test-source.h"
#include "tally-test-utils.h"

#define T0 1763899200   /* 2025-11-23 12:00:00 UTC */

/* Every panel has a query; an alerts panel reads only its limit. */
#define ALERTS_QUERY "{\"metric\": \"requests\", \"stat\": \"count\"}"

/* "now" is T0 + 1 h: the dashboard's last hour is [T0, T0 + 3600). */
static const char dashboard_json[] =
  "{\"format\": \"tally-dashboard\", \"version\": 1, \"title\": \"Alerts\","
  " \"time\": {\"from\": \"now-1h\", \"to\": \"now\"}, \"panels\": ["
  " {\"id\": 1, \"type\": \"alerts\", \"title\": \"Alerts\", \"query\": " ALERTS_QUERY ","
  "  \"gridPos\": {\"x\": 0, \"y\": 0, \"w\": 12, \"h\": 6}},"
  " {\"id\": 2, \"type\": \"alerts\", \"title\": \"Latest\","
  "  \"query\": {\"metric\": \"requests\", \"stat\": \"count\", \"limit\": 1},"
  "  \"gridPos\": {\"x\": 12, \"y\": 0, \"w\": 12, \"h\": 6}},"
  " {\"id\": 3, \"type\": \"alerts\", \"title\": \"Three hours\", \"query\": " ALERTS_QUERY ","
  "  \"time\": {\"from\": \"now-3h\", \"to\": \"now\"},"
  "  \"gridPos\": {\"x\": 0, \"y\": 6, \"w\": 12, \"h\": 6}},"
  " {\"id\": 4, \"type\": \"stat\", \"title\": \"Requests\","
  "  \"query\": {\"metric\": \"requests\", \"stat\": \"sum\"},"
  "  \"gridPos\": {\"x\": 12, \"y\": 6, \"w\": 12, \"h\": 6}}]}";

typedef struct
{
  char             *dir;
  char             *path;
  TallyStore       *store;
  TallyLocalSource *local;
  TallyDashboard   *dashboard;
  TallyDataModel   *model;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = tally_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "usage.db", NULL);
  f->store = tally_store_open (f->path, &error);
  g_assert_no_error (error);
  tally_test_alerts_write (f->path, T0);
  f->local = tally_local_source_new (f->store);
  f->dashboard = tally_dashboard_new_from_data (dashboard_json, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->dashboard);
  g_clear_object (&f->local);
  tally_store_close (f->store);
  g_clear_object (&f->store);
  g_free (f->path);
  g_free (f->dir);
}

static void
start_model (Fixture     *f,
             TallySource *source)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (T0 + 3600);

  f->model = tally_data_model_new (source, f->dashboard);
  tally_data_model_set_now (f->model, now);
}

static TallyPanelData *
data_of (Fixture *f,
         guint    id)
{
  TallyPanel *panel = tally_dashboard_find_panel (f->dashboard, id);

  g_assert_nonnull (panel);
  return tally_data_model_get_panel_data (f->model, panel);
}

/* Every panel has its answer: a frame, an error or "unsupported". */
static gboolean
all_answered (gpointer user_data)
{
  Fixture *f = user_data;

  for (guint id = 1; id <= 4; id++)
    {
      TallyPanelData *data = data_of (f, id);

      if (tally_panel_data_get_loading (data) ||
          (tally_panel_data_get_frame (data) == NULL && tally_panel_data_get_error (data) == NULL &&
           !tally_panel_data_get_unsupported (data)))
        return FALSE;
    }
  return !tally_data_model_get_loading (f->model);
}

/* The rows of an alerts frame, one line each, times relative to T0. */
static char *
rows_of (TallyFrame *frame)
{
  GString *rows = g_string_new (NULL);

  g_assert_nonnull (frame);
  for (guint r = 0; r < tally_frame_get_n_rows (frame); r++)
    {
      double resolved = tally_frame_get_number (frame, r, 5);

      g_string_append_printf (rows, "%s|%s|%s|%s|%+.0f|", tally_frame_get_string (frame, r, 0),
                              tally_frame_get_string (frame, r, 1),
                              tally_frame_get_string (frame, r, 2),
                              tally_frame_get_string (frame, r, 3),
                              tally_frame_get_number (frame, r, 4) - T0);
      if (isnan (resolved))
        g_string_append (rows, "-\n");
      else
        g_string_append_printf (rows, "%+.0f\n", resolved - T0);
    }
  return g_string_free (rows, FALSE);
}

#define BUDGET "Firing|Critical|Daily budget exceeded|budget: 85.0 % >= 80.0 %|+1200|-\n"
#define RPM "Resolved|Warning|Requests per minute near the limit|rpm: 85.0 % >= 80.0 %|-600|+600\n"
#define TPM "Firing|Critical|Tokens per minute near the limit|tpm: 85.0 % >= 80.0 %|+1800|-\n"
#define OLD "Resolved|Warning|Error rate above 5 %|error-old: 85.0 % >= 80.0 %|-7200|-3600\n"

static void
assert_rows (Fixture    *f,
             guint       id,
             const char *expected)
{
  g_autofree char *rows = rows_of (tally_panel_data_get_frame (data_of (f, id)));

  g_assert_cmpstr (rows, ==, expected);
  g_assert_null (tally_panel_data_get_error (data_of (f, id)));
}

static void
test_panel_rows (Fixture       *f,
                 gconstpointer  data)
{
  start_model (f, TALLY_SOURCE (f->local));
  g_assert_true (tally_test_wait_until (all_answered, f, 10000));

  /* The last hour: the budget alert firing, first; the rpm alert that
   * fired before the hour and resolved within it. */
  assert_rows (f, 1, BUDGET RPM);
  g_assert_cmpint (tally_panel_data_get_range (data_of (f, 1))->from, ==, T0);
  /* The panel's limit caps the rows; its own range reaches further back. */
  assert_rows (f, 2, BUDGET);
  assert_rows (f, 3, BUDGET RPM OLD);
  g_assert_nonnull (tally_panel_data_get_frame (data_of (f, 4)));
}

/* A range without alerts is an empty table, not an error. */
static void
test_panel_empty (Fixture       *f,
                  gconstpointer  data)
{
  tally_dashboard_set_time (f->dashboard, "2025-11-20T00:00:00Z", "2025-11-21T00:00:00Z");
  start_model (f, TALLY_SOURCE (f->local));
  g_assert_true (tally_test_wait_until (all_answered, f, 10000));

  assert_rows (f, 1, "");
  g_assert_cmpuint (tally_frame_get_n_columns (tally_panel_data_get_frame (data_of (f, 1))), ==, 6);
}

/* A Prometheus source on a closed port: its queries fail at once. */
static TallySource *
remote_source (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"url\": \"http://127.0.0.1:1\"}", NULL);
  g_autoptr(GError) error = NULL;
  TallySource *source;

  source = tally_prometheus_source_new_from_config ("prom", json_node_get_object (node), NULL,
                                                    &error);
  g_assert_no_error (error);
  return source;
}

/* A remote source has no alert history: the alerts panels are "not
 * available", never an error or an empty list. */
static void
test_panel_remote (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TallySource) prometheus = remote_source ();

  start_model (f, prometheus);
  g_assert_true (tally_test_wait_until (all_answered, f, 20000));

  for (guint id = 1; id <= 3; id++)
    {
      g_assert_true (tally_panel_data_get_unsupported (data_of (f, id)));
      g_assert_null (tally_panel_data_get_error (data_of (f, id)));
      g_assert_null (tally_panel_data_get_frame (data_of (f, id)));
    }
}

/* The base class's answer, with the source's name. */
static void
test_source_default (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TallySource) prometheus = remote_source ();
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) got = NULL;
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  range = tally_time_range_new (T0, T0 + 3600, T0 + 3600, utc);
  tally_source_alerts_async (prometheus, range, 100, NULL, tally_test_result_cb, &result);
  got = tally_test_wait_result (&result);
  frame = tally_source_alerts_finish (prometheus, got, &error);
  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "The source “prom” has no alert history");
}

typedef struct
{
  TallyTestSource *source;
  guint            n;
} AlertsCount;

static gboolean
alerts_counted (gpointer user_data)
{
  AlertsCount *count = user_data;

  return tally_test_source_get_n_alerts (count->source) >= count->n;
}

/* An alert that fires and refresh_alerts(): the alerts panels list it,
 * and the other panel is not asked again. */
static void
test_refresh_alerts (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TallyTestSource) source = tally_test_source_new (TALLY_SOURCE (f->local));
  AlertsCount count = { source, 6 };
  guint n_queries;

  start_model (f, TALLY_SOURCE (source));
  g_assert_true (tally_test_wait_until (all_answered, f, 10000));
  g_assert_cmpuint (tally_test_source_get_n_alerts (source), ==, 3);
  n_queries = tally_test_source_get_n_queries (source);
  g_assert_cmpuint (n_queries, ==, 1);

  tally_test_alerts_add (f->path, "tpm", "critical", T0 + 1800, 0);
  tally_data_model_refresh_alerts (f->model);
  tally_data_model_refresh_alerts (f->model);
  g_assert_true (tally_test_wait_until (alerts_counted, &count, 10000));
  g_assert_true (tally_test_wait_until (all_answered, f, 10000));

  /* One listing per alerts panel, however many calls; no query. */
  g_assert_cmpuint (tally_test_source_get_n_alerts (source), ==, 6);
  g_assert_cmpuint (tally_test_source_get_n_queries (source), ==, n_queries);
  /* The new one is the newest firing alert: first. */
  assert_rows (f, 1, TPM BUDGET RPM);
  assert_rows (f, 2, TPM);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add ("/tally/alert-panel/rows", Fixture, NULL, fixture_setup, test_panel_rows,
              fixture_teardown);
  g_test_add ("/tally/alert-panel/empty", Fixture, NULL, fixture_setup, test_panel_empty,
              fixture_teardown);
  g_test_add ("/tally/alert-panel/remote", Fixture, NULL, fixture_setup, test_panel_remote,
              fixture_teardown);
  g_test_add ("/tally/alert-panel/source-default", Fixture, NULL, fixture_setup,
              test_source_default, fixture_teardown);
  g_test_add ("/tally/alert-panel/refresh", Fixture, NULL, fixture_setup, test_refresh_alerts,
              fixture_teardown);

  return g_test_run ();
}
