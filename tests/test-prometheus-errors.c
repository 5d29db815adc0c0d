/* test-prometheus-errors.c
 *
 * The Prometheus source against a SoupServer on 127.0.0.1 playing
 * Prometheus: its configuration, what it asks, how it reads answers with
 * "NaN", "+Inf" and no series at all, and the error each bad answer
 * becomes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>

#include "tally-error.h"
#include "tally-prometheus-source.h"
#include "tally-test-http.h"
#include "tally-test-utils.h"

#define FROM 1700000000
#define TO   (FROM + 6 * 3600)

static TallySource *
make_source (const char *url,
             const char *extra_json,
             const char *secret)
{
  g_autofree char *json = g_strdup_printf ("{\"url\":\"%s\"%s%s}", url,
                                           extra_json ? "," : "", extra_json ? extra_json : "");
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  TallySource *source;

  g_assert_nonnull (node);
  source = tally_prometheus_source_new_from_config ("prom", json_node_get_object (node), secret,
                                                     &error);
  g_assert_no_error (error);
  return source;
}

static TallyFrame *
run_query (TallySource  *source,
           TallyShape    shape,
           const char   *metric,
           const char   *group_by,
           GError      **error)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (FROM, TO, TO, NULL);
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  query->shape = shape;
  g_assert_true (tally_metric_from_string (metric, &query->metric));
  if (group_by != NULL)
    g_assert_true (tally_dimension_parse (group_by, &query->group_by, NULL));
  tally_source_query_async (source, query, range, NULL, tally_test_result_cb, &pending);
  result = tally_test_wait_result (&pending);

  return tally_source_query_finish (source, result, error);
}

/* The value of @key in the form-encoded @query. */
static char *
query_param (const char *query,
             const char *key)
{
  g_autoptr(GHashTable) params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);

  g_assert_nonnull (params);
  return g_strdup (g_hash_table_lookup (params, key));
}

static void
test_config_errors (void)
{
  static const struct { const char *json; const char *names; } cases[] = {
    { "{}", "url" },
    { "{\"url\":\"ftp://x\"}", "http" },
    { "{\"url\":\"http://127.0.0.1:1\",\"auth\":\"digest\"}", "auth" },
    { "{\"url\":\"http://127.0.0.1:1\",\"auth\":\"basic\"}", "user" },
    { "{\"url\":\"http://127.0.0.1:1\",\"preset\":\"datadog\"}", "preset" },
    { "{\"url\":\"http://127.0.0.1:1\",\"scrape_interval\":0}", "scrape_interval" },
    { "{\"url\":\"http://127.0.0.1:1\",\"timeout\":\"10\"}", "timeout" },
    { "{\"url\":\"http://127.0.0.1:1\",\"templates\":{\"requests\":7}}", "must be a string" },
    { "{\"url\":\"http://127.0.0.1:1\",\"templates\":{\"latency\":\"sum(x)\"}}", "sum(x)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(TallySource) source = NULL;

      source = tally_prometheus_source_new_from_config ("prom", json_node_get_object (node), NULL,
                                                        &error);
      g_assert_null (source);
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      /* the registry names the source; the constructor names the key */
      if (strstr (error->message, cases[i].names) == NULL)
        g_error ("%s: “%s” does not name %s", cases[i].json, error->message, cases[i].names);
    }
}

static void
test_categories_and_values (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), NULL, "tok-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = NULL;
  g_autofree char *promql = NULL;
  g_autofree char *time = NULL;

  tally_test_http_queue (http, "/api/v1/query", 200, NULL,
                         "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                         "{\"metric\":{\"gen_ai_request_model\":\"small\"},\"value\":[1700021600,\"12.5\"]},"
                         "{\"metric\":{\"gen_ai_request_model\":\"big\"},\"value\":[1700021600,\"+Inf\"]},"
                         "{\"metric\":{\"gen_ai_request_model\":\"odd\"},\"value\":[1700021600,\"NaN\"]},"
                         "{\"metric\":{},\"value\":[1700021600,\"3e2\"]}]}}");
  frame = run_query (source, TALLY_SHAPE_CATEGORIES, "requests", "model", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (tally_frame_get_n_categories (frame), ==, 4);
  g_assert_cmpstr (tally_frame_get_category_label (frame, 0), ==, "big");
  g_assert_true (isinf (tally_frame_get_category_value (frame, 0)));
  g_assert_cmpstr (tally_frame_get_category_label (frame, 1), ==, "(none)");
  g_assert_cmpfloat (tally_frame_get_category_value (frame, 1), ==, 300.0);
  g_assert_cmpstr (tally_frame_get_category_label (frame, 2), ==, "small");
  g_assert_cmpfloat (tally_frame_get_category_value (frame, 2), ==, 12.5);
  g_assert_cmpstr (tally_frame_get_category_label (frame, 3), ==, "odd");
  g_assert_true (isnan (tally_frame_get_category_value (frame, 3)));

  /* what was asked: the whole range, at its end, with the token */
  promql = query_param (tally_test_http_last_query (http, "/api/v1/query"), "query");
  time = query_param (tally_test_http_last_query (http, "/api/v1/query"), "time");
  g_assert_cmpstr (promql, ==, "sum by (gen_ai_request_model) "
                               "(increase(gen_ai_client_operation_duration_seconds_count[21600s]))");
  g_assert_cmpstr (time, ==, "1700021600");
  g_assert_cmpstr (tally_test_http_last_header (http, "Authorization"), ==, "Bearer tok-1");
}

static void
test_timeseries_buckets (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http),
                                               "\"auth\":\"basic\",\"user\":\"ada\","
                                               "\"scrape_interval\":60", "pw");
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *step = NULL;
  const gint64 *buckets;
  const double *values;
  guint n;

  /* 6 h over 600 points: 36 s, so a step of 1 minute; FROM is a multiple
   * of 60 + 20, so the first bucket starts 20 s before it. The points are
   * at bucket ends. */
  tally_test_http_queue (http, "/api/v1/query_range", 200, NULL,
                         "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                         "{\"metric\":{},\"values\":[[1700000040,\"1\"],[1700000160,\"4\"]]}]}}");
  frame = run_query (source, TALLY_SHAPE_TIMESERIES, "requests", NULL, &error);

  g_assert_no_error (error);
  start = query_param (tally_test_http_last_query (http, "/api/v1/query_range"), "start");
  end = query_param (tally_test_http_last_query (http, "/api/v1/query_range"), "end");
  step = query_param (tally_test_http_last_query (http, "/api/v1/query_range"), "step");
  g_assert_cmpstr (step, ==, "60");
  g_assert_cmpstr (start, ==, "1700000040");
  /* 360 buckets plus the one the misaligned start adds */
  g_assert_cmpstr (end, ==, "1700021640");
  g_assert_cmpstr (tally_test_http_last_header (http, "Authorization"), ==, "Basic YWRhOnB3");

  buckets = tally_frame_get_buckets (frame, &n);
  g_assert_cmpuint (n, ==, 361);
  g_assert_cmpint (buckets[0], ==, 1699999980);
  g_assert_cmpint (tally_frame_get_interval (frame), ==, 60);
  values = tally_frame_get_series_values (frame, 0);
  g_assert_cmpfloat (values[0], ==, 1.0);
  g_assert_true (isnan (values[1]));
  g_assert_cmpfloat (values[2], ==, 4.0);
}

static void
test_no_series_is_empty (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) scalar = NULL;
  g_autoptr(TallyFrame) series = NULL;
  const char *empty_vector = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
  const char *empty_matrix = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}";

  tally_test_http_queue (http, "/api/v1/query", 200, NULL, empty_vector);
  tally_test_http_queue (http, "/api/v1/query_range", 200, NULL, empty_matrix);
  scalar = run_query (source, TALLY_SHAPE_SCALAR, "latency", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (isnan (tally_frame_get_value (scalar)));
  g_assert_true (isnan (tally_frame_get_previous (scalar)));
  g_assert_true (tally_frame_is_empty (scalar));
  g_assert_cmpuint (tally_test_http_count (http, "/api/v1/query"), ==, 2);
  g_assert_cmpuint (tally_test_http_count (http, "/api/v1/query_range"), ==, 1);
  g_assert_null (tally_test_http_last_header (http, "Authorization"));

  series = run_query (source, TALLY_SHAPE_TIMESERIES, "requests", "model", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tally_frame_get_n_series (series), ==, 0);
  g_assert_true (tally_frame_is_empty (series));
}

static GError *
error_for (guint       status,
           const char *body)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), NULL, NULL);
  g_autoptr(TallyFrame) frame = NULL;
  GError *error = NULL;

  tally_test_http_queue (http, "/api/v1/query", status, NULL, body);
  frame = run_query (source, TALLY_SHAPE_CATEGORIES, "requests", "model", &error);
  g_assert_null (frame);
  g_assert_nonnull (error);
  return error;
}

static void
assert_says (const GError *error,
             const char   *text)
{
  if (strstr (error->message, text) == NULL)
    g_error ("“%s” does not say “%s”", error->message, text);
}

static void
test_error_answers (void)
{
  const char *bad_query = "{\"status\":\"error\",\"errorType\":\"bad_data\","
                          "\"error\":\"1:14: parse error: unexpected character\"}";
  g_autoptr(GError) in_200 = error_for (200, bad_query);
  g_autoptr(GError) in_400 = error_for (400, bad_query);
  g_autoptr(GError) unavailable = error_for (503, "{\"status\":\"error\",\"errorType\":\"unavailable\","
                                                  "\"error\":\"too many concurrent queries\"}");
  g_autoptr(GError) timeout = error_for (200, "{\"status\":\"error\",\"errorType\":\"timeout\","
                                              "\"error\":\"query timed out in expression evaluation\"}");
  g_autoptr(GError) garbage = error_for (200, "<html>502 Bad Gateway</html>");
  g_autoptr(GError) shape = error_for (200, "{\"status\":\"success\",\"data\":{\"resultType\":\"string\","
                                            "\"result\":[1,\"x\"]}}");
  g_autoptr(GError) value = error_for (200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                                            "\"result\":[{\"metric\":{},\"value\":[1,\"lots\"]}]}}");
  /* Members of the wrong type, and a time no clock has: errors, never a
   * warning (the tests run with fatal warnings). */
  g_autoptr(GError) typed = error_for (200, "{\"status\":\"success\",\"data\":{\"resultType\":7,"
                                            "\"result\":[]}}");
  g_autoptr(GError) status = error_for (200, "{\"status\":{},\"data\":{}}");
  g_autoptr(GError) reason = error_for (200, "{\"status\":\"error\",\"errorType\":5,"
                                             "\"error\":{\"x\":1}}");
  g_autoptr(GError) far = error_for (200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                                          "\"result\":[{\"metric\":{},\"value\":[1e300,\"1\"]}]}}");

  g_assert_error (typed, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE);
  assert_says (typed, "resultType");
  g_assert_error (status, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE);
  assert_says (status, "“status” is neither");
  g_assert_nonnull (reason);
  assert_says (reason, "no reason given");
  g_assert_error (far, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE);
  assert_says (far, "time is out of range");

  g_assert_error (in_200, TALLY_ERROR, TALLY_ERROR_INVALID);
  assert_says (in_200, "Prometheus rejected the query: 1:14: parse error: unexpected character");
  g_assert_error (in_400, TALLY_ERROR, TALLY_ERROR_INVALID);
  assert_says (in_400, "parse error: unexpected character");
  g_assert_cmpuint (tally_error_get_http_status (in_400), ==, 400);
  g_assert_false (tally_error_is_transient (in_400));

  g_assert_error (unavailable, TALLY_ERROR, TALLY_ERROR_NETWORK);
  g_assert_cmpuint (tally_error_get_http_status (unavailable), ==, 503);
  assert_says (unavailable, "HTTP 503");
  assert_says (unavailable, "too many concurrent queries");
  g_assert_true (tally_error_is_transient (unavailable));

  g_assert_error (timeout, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE);
  assert_says (timeout, "timeout");
  assert_says (timeout, "query timed out");
  g_assert_error (garbage, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE);
  assert_says (garbage, "not valid JSON");
  g_assert_error (shape, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE);
  assert_says (shape, "resultType");
  g_assert_error (value, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE);
  assert_says (value, "not a number");
}

static void
test_refused_and_unsupported (void)
{
  g_autofree char *url = tally_test_refused_url ();
  g_autoptr(TallySource) source = make_source (url, NULL, NULL);
  g_autoptr(TallySource) litellm = make_source (url, "\"preset\":\"litellm\"", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = NULL;

  frame = run_query (source, TALLY_SHAPE_CATEGORIES, "requests", "model", &error);
  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK);
  assert_says (error, "could not reach 127.0.0.1");
  g_clear_error (&error);

  /* refused before anything is sent */
  frame = run_query (source, TALLY_SHAPE_SCALAR, "cost", NULL, &error);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  assert_says (error, "“cost” is not available from this source");
  g_clear_error (&error);
  frame = run_query (source, TALLY_SHAPE_TABLE, "requests", NULL, &error);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  frame = run_query (source, TALLY_SHAPE_CATEGORIES, "requests", "project", &error);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  assert_says (error, "“project” is not available from this source");
  g_clear_error (&error);
  frame = run_query (litellm, TALLY_SHAPE_CATEGORIES, "cached_tokens", "model", &error);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
}

static void
test_hang_times_out_or_cancels (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), "\"timeout\":1", NULL);
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (FROM, TO, TO, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = NULL;

  tally_test_http_queue (http, "/api/v1/query", TALLY_TEST_HTTP_HANG, NULL, NULL);
  frame = run_query (source, TALLY_SHAPE_CATEGORIES, "requests", "model", &error);
  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK);
  assert_says (error, "did not answer within 1 s");
  g_clear_error (&error);

  /* a superseded query ends as cancelled, not as an error to show */
  query->shape = TALLY_SHAPE_SCALAR;
  tally_source_query_async (source, query, range, cancellable, tally_test_result_cb, &pending);
  g_cancellable_cancel (cancellable);
  result = tally_test_wait_result (&pending);
  frame = tally_source_query_finish (source, result, &error);
  g_assert_null (frame);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_list_values (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), NULL, NULL);
  const char *path = "/api/v1/label/gen_ai_request_model/values";
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;
  g_autofree char *match = NULL;

  tally_test_http_queue (http, path, 200, NULL,
                         "{\"status\":\"success\",\"data\":[\"o3\",\"gpt-4o\",\"claude\"]}");
  tally_source_list_values_async (source, "model", NULL, tally_test_result_cb, &pending);
  result = tally_test_wait_result (&pending);
  values = tally_source_list_values_finish (source, result, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (values), ==, 3);
  g_assert_cmpstr (values[0], ==, "claude");
  g_assert_cmpstr (values[1], ==, "gpt-4o");
  g_assert_cmpstr (values[2], ==, "o3");
  match = query_param (tally_test_http_last_query (http, path), "match[]");
  g_assert_cmpstr (match, ==, "gen_ai_client_operation_duration_seconds_count");
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/prometheus-errors/config", test_config_errors);
  g_test_add_func ("/tally/prometheus-errors/categories-and-values", test_categories_and_values);
  g_test_add_func ("/tally/prometheus-errors/timeseries-buckets", test_timeseries_buckets);
  g_test_add_func ("/tally/prometheus-errors/no-series-is-empty", test_no_series_is_empty);
  g_test_add_func ("/tally/prometheus-errors/error-answers", test_error_answers);
  g_test_add_func ("/tally/prometheus-errors/refused-and-unsupported", test_refused_and_unsupported);
  g_test_add_func ("/tally/prometheus-errors/hang", test_hang_times_out_or_cancels);
  g_test_add_func ("/tally/prometheus-errors/list-values", test_list_values);

  return g_test_run ();
}
