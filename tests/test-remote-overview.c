/* test-remote-overview.c
 *
 * The built-in Overview dashboard in the window, shown from remote sources
 * the way `tally --source NAME` shows it:
 *
 * - from a real Prometheus holding OpenTelemetry GenAI metrics
 *   (tally-test-prometheus.c), its panels show the numbers Prometheus's own
 *   HTTP API gives for the same range, and the cost panels, which OTel
 *   metrics cannot answer, say so instead of showing zero;
 * - from the OpenAI Usage and Costs APIs (a server on 127.0.0.1 answering
 *   in their shapes), the panels show the tokens and the cost it served, and
 *   mark latency and errors as not available.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <libsoup/soup.h>

#include "tally-dashboard-page.h"
#include "tally-dashboard-sidebar.h"
#include "tally-paths.h"
#include "tally-test-gui.h"
#include "tally-test-http.h"
#include "tally-test-prometheus.h"
#include "tally-window.h"

/* The Overview's panels, by id (data/dashboards/overview.json). */
enum
{
  REQUESTS = 1,
  INPUT_TOKENS = 3,
  OUTPUT_TOKENS = 4,
  COST_TODAY = 5,
  AVERAGE_LATENCY = 7,
  P95_LATENCY = 8,
  ERROR_RATE = 10,
};

#define OPENAI_KEY "sk-admin-overview-test"

static TallyApplication *app;
static TallyTestPrometheus *prom;
static TallyTestHttp *openai;

typedef struct
{
  TallyWindow *window;
  const char  *source;
  const guint *panels;
  gint64       now;
} Settled;

static TallyPanelData *
panel_data (TallyWindow *window,
            guint        id)
{
  TallyDataModel *model = tally_dashboard_page_get_data_model (tally_window_get_page (window));
  TallyDashboard *dashboard = tally_data_model_get_dashboard (model);
  TallyPanel *panel = dashboard ? tally_dashboard_find_panel (dashboard, id) : NULL;

  return panel != NULL ? tally_data_model_get_panel_data (model, panel) : NULL;
}

/* Every panel of @data->panels has its answer from the source named, for
 * the range at the fixed "now". */
static gboolean
is_settled (gpointer user_data)
{
  Settled *settled = user_data;
  TallyDataModel *model =
    tally_dashboard_page_get_data_model (tally_window_get_page (settled->window));
  TallySource *source = tally_data_model_get_source (model);

  if (source == NULL || g_strcmp0 (tally_source_get_name (source), settled->source) != 0)
    return FALSE;
  for (guint i = 0; settled->panels[i] != 0; i++)
    {
      TallyPanelData *data = panel_data (settled->window, settled->panels[i]);
      const TallyTimeRange *range = data ? tally_panel_data_get_range (data) : NULL;

      if (data == NULL || tally_panel_data_get_loading (data))
        return FALSE;
      /* an answer for the range at the fixed "now", not an earlier one */
      if (tally_panel_data_get_frame (data) != NULL && (range == NULL || range->now != settled->now))
        return FALSE;
      if (tally_panel_data_get_frame (data) == NULL && !tally_panel_data_get_unsupported (data) &&
          tally_panel_data_get_error (data) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Opens the Overview from @source with "now" fixed at @now (UTC seconds). */
static TallyWindow *
show_overview (const char  *source,
               gint64       now,
               const guint *panels)
{
  TallyWindow *window;
  TallyDataModel *model;
  g_autoptr(GDateTime) fixed = g_date_time_new_from_unix_utc (now);
  Settled settled;

  tally_application_set_source_override (app, source);
  window = tally_test_app_open_window (app);
  tally_dashboard_sidebar_set_selected (tally_window_get_sidebar (window),
                                        tally_dashboard_library_find (
                                          tally_application_get_library (app), "overview"));
  tally_test_wait_window_shows (window, "overview");
  model = tally_dashboard_page_get_data_model (tally_window_get_page (window));
  g_assert_cmpstr (tally_source_get_name (tally_data_model_get_source (model)), ==, source);
  tally_data_model_set_now (model, fixed);
  tally_data_model_refresh (model);

  settled = (Settled) { window, source, panels, now };
  g_assert_true (tally_test_wait_until (is_settled, &settled, 60000));
  return window;
}

static double
panel_value (TallyWindow *window,
             guint        id)
{
  TallyPanelData *data = panel_data (window, id);

  g_assert_null (tally_panel_data_get_error (data));
  g_assert_false (tally_panel_data_get_unsupported (data));
  g_assert_nonnull (tally_panel_data_get_frame (data));
  return tally_frame_get_value (tally_panel_data_get_frame (data));
}

static void
assert_not_available (TallyWindow *window,
                      guint        id)
{
  TallyPanelData *data = panel_data (window, id);

  g_assert_true (tally_panel_data_get_unsupported (data));
  g_assert_null (tally_panel_data_get_error (data));
}

/* What Prometheus's own /api/v1/query gives for @promql at @time: one
 * number, the value of its only sample. */
static double
prometheus_says (const char *promql,
                 gint64      time)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *escaped = g_uri_escape_string (promql, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/api/v1/query?query=%s&time=%" G_GINT64_FORMAT,
                                          prom->url, escaped, time);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *result;
  JsonArray *value;

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  root = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  result = json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (root), "data"), "result");
  g_assert_cmpuint (json_array_get_length (result), ==, 1);
  value = json_object_get_array_member (json_array_get_object_element (result, 0), "value");

  return g_ascii_strtod (json_array_get_string_element (value, 1), NULL);
}

static void
assert_same (double shown,
             double expected)
{
  g_assert_cmpfloat (expected, >, 0);
  g_assert_cmpfloat_with_epsilon (shown, expected, expected * 1e-9);
}

static void
test_prometheus (void)
{
  static const guint panels[] = { REQUESTS, INPUT_TOKENS, OUTPUT_TOKENS, COST_TODAY,
                                  AVERAGE_LATENCY, P95_LATENCY, 0 };
  /* The Overview shows the last 24 hours; "now" is the end of the data,
   * so the range holds all of it and the counters start at zero in it. */
  gint64 now = prom->truth.to;
  TallyWindow *window;
  double requests;

  if (prom->skip != NULL)
    {
      g_test_skip (prom->skip);
      return;
    }

  window = show_overview ("team-prom", now, panels);

  /* The counters start at zero inside the range: their values at its end
   * are what the range holds. */
  requests = prometheus_says ("sum(gen_ai_client_operation_duration_seconds_count)", now);
  assert_same (panel_value (window, REQUESTS), requests);
  assert_same (panel_value (window, INPUT_TOKENS),
               prometheus_says ("sum(gen_ai_client_token_usage_sum{gen_ai_token_type=\"input\"})",
                                now));
  assert_same (panel_value (window, OUTPUT_TOKENS),
               prometheus_says ("sum(gen_ai_client_token_usage_sum{gen_ai_token_type=\"output\"})",
                                now));
  assert_same (panel_value (window, AVERAGE_LATENCY),
               1000 * prometheus_says ("sum(gen_ai_client_operation_duration_seconds_sum)", now) /
               requests);
  assert_same (panel_value (window, P95_LATENCY),
               1000 * prometheus_says ("histogram_quantile(0.95, sum by (le) (increase("
                                       "gen_ai_client_operation_duration_seconds_bucket[1d])))",
                                       now));
  /* OpenTelemetry's GenAI metrics carry no cost. */
  assert_not_available (window, COST_TODAY);

  tally_test_destroy_window (GTK_WINDOW (window));
}

/* A day of OpenAI usage: 2026-11-20, in UTC. */
#define DAY0 G_GINT64_CONSTANT (1795132800)

static void
serve_openai (void)
{
  g_autofree char *usage = g_strdup_printf (
    "{\"object\":\"page\",\"has_more\":false,\"next_page\":null,\"data\":["
    "{\"object\":\"bucket\",\"start_time\":%" G_GINT64_FORMAT ",\"end_time\":%" G_GINT64_FORMAT ","
    "\"results\":[{\"object\":\"organization.usage.completions.result\",\"input_tokens\":1000,"
    "\"output_tokens\":200,\"input_cached_tokens\":100,\"num_model_requests\":10,"
    "\"project_id\":null,\"user_id\":null,\"api_key_id\":null,\"batch\":null,\"model\":\"gpt-4o\"}]},"
    "{\"object\":\"bucket\",\"start_time\":%" G_GINT64_FORMAT ",\"end_time\":%" G_GINT64_FORMAT ","
    "\"results\":[{\"object\":\"organization.usage.completions.result\",\"input_tokens\":300,"
    "\"output_tokens\":50,\"input_cached_tokens\":0,\"num_model_requests\":5,"
    "\"project_id\":null,\"user_id\":null,\"api_key_id\":null,\"batch\":null,\"model\":null}]}]}",
    DAY0 + 2 * 3600, DAY0 + 3 * 3600, DAY0 + 5 * 3600, DAY0 + 6 * 3600);
  g_autofree char *costs = g_strdup_printf (
    "{\"object\":\"page\",\"has_more\":false,\"next_page\":null,\"data\":["
    "{\"object\":\"bucket\",\"start_time\":%" G_GINT64_FORMAT ",\"end_time\":%" G_GINT64_FORMAT ","
    "\"results\":[{\"object\":\"organization.costs.result\","
    "\"amount\":{\"value\":1.25,\"currency\":\"usd\"},\"line_item\":null,\"project_id\":null}]}]}",
    DAY0, DAY0 + 86400);

  openai = tally_test_http_new ();
  tally_test_http_queue (openai, "/v1/organization/usage/completions", 200, NULL, usage);
  tally_test_http_queue (openai, "/v1/organization/costs", 200, NULL, costs);
}

static void
test_openai (void)
{
  static const guint panels[] = { REQUESTS, INPUT_TOKENS, OUTPUT_TOKENS, COST_TODAY,
                                  AVERAGE_LATENCY, P95_LATENCY, ERROR_RATE, 0 };
  /* Noon of that day: "today" holds all of its usage and its cost. */
  TallyWindow *window = show_overview ("openai", DAY0 + 12 * 3600, panels);

  g_assert_cmpfloat (panel_value (window, REQUESTS), ==, 10 + 5);
  g_assert_cmpfloat (panel_value (window, INPUT_TOKENS), ==, 1000 + 300);
  g_assert_cmpfloat (panel_value (window, OUTPUT_TOKENS), ==, 200 + 50);
  g_assert_cmpfloat_with_epsilon (panel_value (window, COST_TODAY), 1.25, 1e-9);
  assert_not_available (window, AVERAGE_LATENCY);
  assert_not_available (window, P95_LATENCY);
  assert_not_available (window, ERROR_RATE);
  /* The Admin key went to the server, from the variable the entry names. */
  g_assert_cmpstr (tally_test_http_last_header (openai, "Authorization"), ==,
                   "Bearer " OPENAI_KEY);

  tally_test_destroy_window (GTK_WINDOW (window));
}

static void
write_sources (void)
{
  g_autofree char *path = tally_paths_get_sources_file ();
  g_autofree char *json = g_strdup_printf (
    "{\"sources\":["
    "{\"name\":\"team-prom\",\"type\":\"prometheus\",\"url\":\"%s\",\"scrape_interval\":%d},"
    "{\"name\":\"openai\",\"type\":\"openai\",\"url\":\"%s\",\"token_env\":\"TALLY_TEST_OPENAI_KEY\"}"
    "]}",
    prom->url != NULL ? prom->url : "http://127.0.0.1:9", PROM_SCRAPE_S,
    tally_test_http_get_url (openai));
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_paths_ensure_parent (path, &error));
  g_assert_true (g_file_set_contents (path, json, -1, &error));
  g_setenv ("TALLY_TEST_OPENAI_KEY", OPENAI_KEY, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tally_test_gui_init (&argc, &argv);
  prom = tally_test_prometheus_start ();
  serve_openai ();
  write_sources ();
  app = tally_test_app_new ();

  g_test_add_func ("/tally/remote-overview/prometheus", test_prometheus);
  g_test_add_func ("/tally/remote-overview/openai", test_openai);

  status = g_test_run ();
  g_clear_object (&app);
  g_clear_pointer (&openai, tally_test_http_free);
  tally_test_prometheus_stop ();

  return status;
}
