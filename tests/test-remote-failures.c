/* test-remote-failures.c
 *
 * A dashboard's panels on the OpenAI source when its server fails, against
 * servers on 127.0.0.1 answering in the Usage API's shape: a 429 with
 * Retry-After, a 500, a body cut short and a server that never answers
 * each end with the panel keeping its last good frame, saying what went
 * wrong and when it will retry (exact times, on the model's fixed clock);
 * a good answer clears it all; latency, which the API has not, is "not
 * available" without a request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "tally-data-model-private.h"
#include "tally-error.h"
#include "tally-openai-source.h"
#include "tally-test-http.h"
#include "tally-test-utils.h"

#define USAGE    "/v1/organization/usage/completions"
/* 2026-11-20 12:00 UTC, and a fixed reading of the monotonic clock */
#define NOW      G_GINT64_CONSTANT (1795176000)
#define CLOCK_US G_GINT64_CONSTANT (1000000000000)
#define S(s)     ((gint64) (s) * G_USEC_PER_SEC)

typedef struct
{
  TallyTestHttp  *http;
  TallySource    *source;
  TallyDashboard *dashboard;
  TallyPanel     *tokens;
  TallyPanel     *latency;
  TallyDataModel *model;
} Fixture;

static char *
usage_page (gint64 input_tokens)
{
  return g_strdup_printf (
    "{\"object\":\"page\",\"has_more\":false,\"next_page\":null,\"data\":["
    "{\"object\":\"bucket\",\"start_time\":%" G_GINT64_FORMAT ",\"end_time\":%" G_GINT64_FORMAT ","
    "\"results\":[{\"object\":\"organization.usage.completions.result\",\"input_tokens\":%"
    G_GINT64_FORMAT ",\"output_tokens\":7,\"input_cached_tokens\":0,\"num_model_requests\":3,"
    "\"project_id\":null,\"user_id\":null,\"api_key_id\":null,\"batch\":null,\"model\":\"gpt-4o\"}]}]}",
    NOW - 7200, NOW - 3600, input_tokens);
}

static TallySource *
make_source (const char *url)
{
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autoptr(GError) error = NULL;
  TallySource *source;

  json_object_set_string_member (entry, "url", url);
  json_object_set_int_member (entry, "timeout", 1);
  source = tally_openai_source_new_from_config ("billing", entry, "sk-admin-test", &error);
  g_assert_no_error (error);
  return source;
}

static TallyPanel *
add_panel (TallyDashboard *dashboard,
           guint           id,
           TallyMetric     metric,
           TallyStat       stat)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  TallyPanel *panel = tally_panel_new (id, TALLY_PANEL_STAT);

  query->metric = metric;
  query->stat = stat;
  tally_panel_set_query (panel, query);
  tally_dashboard_add_panel (dashboard, panel);
  g_object_unref (panel);
  return panel;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (NOW);

  f->http = tally_test_http_new ();
  f->source = make_source (tally_test_http_get_url (f->http));
  f->dashboard = tally_dashboard_new ();
  tally_dashboard_set_time (f->dashboard, "now-6h", "now");
  f->tokens = add_panel (f->dashboard, 1, TALLY_METRIC_INPUT_TOKENS, TALLY_STAT_SUM);
  f->latency = add_panel (f->dashboard, 2, TALLY_METRIC_LATENCY, TALLY_STAT_P95);
  f->model = tally_data_model_new (f->source, f->dashboard);
  tally_data_model_set_now (f->model, now);
  tally_data_model_set_clock (f->model, CLOCK_US);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->model);
  g_assert_finalize_object (f->dashboard);
  g_object_unref (f->source);
  tally_test_http_free (f->http);
}

static TallyPanelData *
tokens_data (Fixture *f)
{
  return tally_data_model_get_panel_data (f->model, f->tokens);
}

typedef struct
{
  Fixture    *f;
  const char *error;   /* NULL: waits for a frame without error */
  double      value;
} Wait;

static gboolean
has_answer (gpointer user_data)
{
  Wait *wait = user_data;
  TallyPanelData *data = tokens_data (wait->f);
  const char *error = tally_panel_data_get_error (data);

  if (tally_panel_data_get_loading (data))
    return FALSE;
  if (wait->error != NULL)
    return error != NULL && strstr (error, wait->error) != NULL;
  return error == NULL && tally_panel_data_get_frame (data) != NULL &&
         tally_frame_get_value (tally_panel_data_get_frame (data)) == wait->value;
}

static void
wait_value (Fixture *f,
            double   value)
{
  Wait wait = { f, NULL, value };

  g_assert_true (tally_test_wait_until (has_answer, &wait, 10000));
  g_assert_cmpint (tally_panel_data_get_retry_at (tokens_data (f)), ==, 0);
}

/* The panel failed with @error, still shows @value, and retries after
 * @delay_s on the model's clock. */
static void
wait_failed (Fixture    *f,
             const char *error,
             double      value,
             gint64      delay_s)
{
  Wait wait = { f, error, 0 };
  TallyPanelData *data = tokens_data (f);

  g_assert_true (tally_test_wait_until (has_answer, &wait, 10000));
  g_assert_nonnull (tally_panel_data_get_frame (data));
  g_assert_cmpfloat (tally_frame_get_value (tally_panel_data_get_frame (data)), ==, value);
  g_assert_false (tally_panel_data_get_unsupported (data));
  g_assert_cmpint (tally_panel_data_get_retry_at (data), ==, CLOCK_US + S (delay_s));
}

static void
test_failures_keep_last_frame (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *first = usage_page (1300);
  g_autofree char *later = usage_page (2100);
  TallyPanelData *latency = tally_data_model_get_panel_data (f->model, f->latency);

  tally_test_http_queue (f->http, USAGE, 200, NULL, first);
  tally_data_model_refresh (f->model);
  wait_value (f, 1300);
  /* Latency: not available, and never asked for. */
  g_assert_true (tally_panel_data_get_unsupported (latency));
  g_assert_null (tally_panel_data_get_error (latency));
  g_assert_cmpuint (tally_test_http_count (f->http, USAGE), ==, 1);

  /* 429: the retry waits as long as Retry-After asks, beyond 5 s. */
  tally_test_http_queue (f->http, USAGE, 429, "Retry-After: 30",
                         "{\"error\":{\"message\":\"Rate limit reached for requests\"}}");
  tally_data_model_refresh (f->model);
  wait_failed (f, "HTTP 429", 1300, 30);
  g_assert_nonnull (strstr (tally_panel_data_get_error (tokens_data (f)),
                            "Rate limit reached for requests"));

  /* 500: the second failure in a row waits twice the first delay, 10 s. */
  tally_test_http_queue (f->http, USAGE, 500, NULL, "{\"error\":{\"message\":\"internal\"}}");
  tally_data_model_retry (f->model, f->tokens);
  wait_failed (f, "HTTP 500", 1300, 10);

  /* A server that never answers: the timeout, then 20 s. */
  tally_test_http_queue (f->http, USAGE, TALLY_TEST_HTTP_HANG, NULL, NULL);
  tally_data_model_retry (f->model, f->tokens);
  wait_failed (f, "did not answer within 1 s", 1300, 20);

  /* Good again: the new number, no error, no retry pending. */
  tally_test_http_queue (f->http, USAGE, 200, NULL, later);
  tally_data_model_retry (f->model, f->tokens);
  wait_value (f, 2100);
}

static void
test_truncated_without_frame (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GSocketService) service = NULL;
  g_autofree char *url = tally_test_raw_server_new (
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n"
      "{\"object\":\"page\",\"data\":[", &service);
  g_autoptr(TallySource) raw = make_source (url);
  Wait wait = { f, "cut short", 0 };
  TallyPanelData *panel;

  tally_data_model_set_source (f->model, raw);
  tally_data_model_refresh (f->model);
  g_assert_true (tally_test_wait_until (has_answer, &wait, 10000));
  panel = tokens_data (f);
  /* Never a zero: no frame at all, the error, and the first retry in 5 s. */
  g_assert_null (tally_panel_data_get_frame (panel));
  g_assert_cmpint (tally_panel_data_get_retry_at (panel), ==, CLOCK_US + S (5));
  g_socket_service_stop (service);
  tally_data_model_set_source (f->model, f->source);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add ("/tally/remote-failures/keep-last-frame", Fixture, NULL,
              fixture_setup, test_failures_keep_last_frame, fixture_teardown);
  g_test_add ("/tally/remote-failures/truncated", Fixture, NULL,
              fixture_setup, test_truncated_without_frame, fixture_teardown);

  return g_test_run ();
}
