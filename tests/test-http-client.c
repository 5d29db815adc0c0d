/* test-http-client.c
 *
 * The HTTP client of the remote sources against servers on 127.0.0.1: what
 * it sends, and the error each kind of failure becomes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "tally-error.h"
#include "tally-http-client.h"
#include "tally-test-http.h"
#include "tally-test-utils.h"

/* GETs @path from @url; returns the node, or NULL with @error set. */
static JsonNode *
fetch (const char    *url,
       const char    *path,
       const char    *query,
       guint          timeout_s,
       gsize          max_body,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(TallyHttpClient) client = tally_http_client_new (url, NULL);
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_nonnull (client);
  tally_http_client_set_bearer (client, "sk-test-123");
  if (timeout_s > 0)
    tally_http_client_set_timeout (client, timeout_s);
  if (max_body > 0)
    tally_http_client_set_max_body (client, max_body);
  tally_http_client_get_json_async (client, path, query, cancellable,
                                    tally_test_result_cb, &pending);
  result = tally_test_wait_result (&pending);

  return tally_http_client_get_json_finish (client, result, error);
}

static void
test_success_sends_query_and_bearer (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  tally_test_http_queue (http, "/api/v1/query", 200, NULL, "{\"status\":\"success\",\"n\":42}");
  tally_http_query_add (query, "query", "sum(rate(x{model=\"a b\"}[5m]))");
  tally_http_query_add (query, "step", "60");
  node = fetch (tally_test_http_get_url (http), "/api/v1/query", query->str, 0, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "n"), ==, 42);
  g_assert_cmpuint (tally_test_http_count (http, "/api/v1/query"), ==, 1);
  g_assert_cmpstr (tally_test_http_last_query (http, "/api/v1/query"), ==,
                   "query=sum%28rate%28x%7Bmodel%3D%22a%20b%22%7D%5B5m%5D%29%29&step=60");
  g_assert_cmpstr (tally_test_http_last_header (http, "Authorization"), ==, "Bearer sk-test-123");
}

static void
test_basic_auth (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallyHttpClient) client = tally_http_client_new (tally_test_http_get_url (http), NULL);
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;

  tally_test_http_queue (http, "/x", 200, NULL, "[]");
  tally_http_client_set_basic (client, "ada", "s3cr:t");
  tally_http_client_get_json_async (client, "/x", NULL, NULL, tally_test_result_cb, &pending);
  result = tally_test_wait_result (&pending);
  node = tally_http_client_get_json_finish (client, result, NULL);

  g_assert_nonnull (node);
  /* base64 ("ada:s3cr:t") */
  g_assert_cmpstr (tally_test_http_last_header (http, "authorization"), ==, "Basic YWRhOnMzY3I6dA==");
}

static void
test_rate_limited_carries_retry_after (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  tally_test_http_queue (http, "/v1/organization/costs", 429, "Retry-After: 7",
                         "{\"error\":{\"message\":\"Too many requests, slow down\"}}");
  node = fetch (tally_test_http_get_url (http), "/v1/organization/costs", NULL, 0, 0, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK);
  g_assert_cmpuint (tally_error_get_http_status (error), ==, 429);
  g_assert_cmpint (tally_error_get_retry_after (error), ==, 7);
  g_assert_true (tally_error_is_transient (error));
  g_assert_nonnull (strstr (error->message, "HTTP 429"));
  g_assert_nonnull (strstr (error->message, "Too many requests, slow down"));
}

static void
test_retry_after_forms (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);

  g_assert_cmpint (tally_http_parse_retry_after ("120", now), ==, 120);
  g_assert_cmpint (tally_http_parse_retry_after (" 0", now), ==, 0);
  g_assert_cmpint (tally_http_parse_retry_after ("Mon, 23 Nov 2026 12:01:30 GMT", now), ==, 90);
  g_assert_cmpint (tally_http_parse_retry_after ("Mon, 23 Nov 2026 11:00:00 GMT", now), ==, 0);
  g_assert_cmpint (tally_http_parse_retry_after ("soon", now), ==, -1);
  g_assert_cmpint (tally_http_parse_retry_after ("-5", now), ==, -1);
  g_assert_cmpint (tally_http_parse_retry_after (NULL, now), ==, -1);
}

static void
test_server_error_quotes_message (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  tally_test_http_queue (http, "/q", 500, NULL, "{\"status\":\"error\",\"error\":\"query timed out in expression evaluation\"}");
  node = fetch (tally_test_http_get_url (http), "/q", NULL, 0, 0, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK);
  g_assert_cmpuint (tally_error_get_http_status (error), ==, 500);
  g_assert_cmpint (tally_error_get_retry_after (error), ==, -1);
  g_assert_true (tally_error_is_transient (error));
  g_assert_nonnull (strstr (error->message, "HTTP 500"));
  g_assert_nonnull (strstr (error->message, "query timed out in expression evaluation"));
}

static void
test_refused_credentials_are_not_transient (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  tally_test_http_queue (http, "/q", 401, NULL, "{\"error\":{\"message\":\"Incorrect API key provided\"}}");
  node = fetch (tally_test_http_get_url (http), "/q", NULL, 0, 0, NULL, &error);

  g_assert_null (node);
  g_assert_cmpuint (tally_error_get_http_status (error), ==, 401);
  g_assert_false (tally_error_is_transient (error));
  g_assert_nonnull (strstr (error->message, "refused the credentials"));
  g_assert_nonnull (strstr (error->message, "Incorrect API key provided"));
  g_assert_null (strstr (error->message, "sk-test-123"));
}

/* A redirect is not followed: the credentials would go along. */
static void
test_redirect_not_followed (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  tally_test_http_queue (http, "/q", 302, "Location: http://127.0.0.1:9/elsewhere", NULL);
  tally_test_http_queue (http, "/elsewhere", 200, NULL, "[]");
  node = fetch (tally_test_http_get_url (http), "/q", NULL, 0, 0, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK);
  g_assert_cmpuint (tally_error_get_http_status (error), ==, 302);
  g_assert_nonnull (strstr (error->message, "redirects to “http://127.0.0.1:9/elsewhere”"));
  g_assert_cmpuint (tally_test_http_count (http, "/elsewhere"), ==, 0);
}

static void
test_not_json (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  tally_test_http_queue (http, "/q", 200, NULL, "<html>Gateway login</html>");
  node = fetch (tally_test_http_get_url (http), "/q", NULL, 0, 0, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE);
  g_assert_true (tally_error_is_transient (error));
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_truncated_body (void)
{
  g_autoptr(GSocketService) service = NULL;
  g_autofree char *url = tally_test_raw_server_new (
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
      "{\"data\":[{\"x\":1},", &service);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = fetch (url, "/q", NULL, 5, 0, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "cut short"));
  g_socket_service_stop (service);
}

static void
test_hang_times_out (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  tally_test_http_queue (http, "/q", TALLY_TEST_HTTP_HANG, NULL, NULL);
  node = fetch (tally_test_http_get_url (http), "/q", NULL, 1, 0, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK);
  g_assert_true (tally_error_is_transient (error));
  g_assert_nonnull (strstr (error->message, "did not answer within 1 s"));
}

static void
test_refused_connection (void)
{
  g_autofree char *url = tally_test_refused_url ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = fetch (url, "/q", NULL, 5, 0, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK);
  g_assert_cmpuint (tally_error_get_http_status (error), ==, 0);
  g_assert_true (tally_error_is_transient (error));
  g_assert_true (g_str_has_prefix (error->message, "could not reach 127.0.0.1"));
}

static void
test_too_large (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(GString) big = g_string_new ("[");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (big, "%s%u", i ? "," : "", i);
  g_string_append_c (big, ']');
  tally_test_http_queue (http, "/q", 200, NULL, big->str);

  node = fetch (tally_test_http_get_url (http), "/q", NULL, 0, 1024, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* The same answer under a cap it fits reads whole: 2000 numbers. */
  node = fetch (tally_test_http_get_url (http), "/q", NULL, 0, big->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2000);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancelled (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  tally_test_http_queue (http, "/q", TALLY_TEST_HTTP_HANG, NULL, NULL);
  g_timeout_add (100, cancel_cb, cancellable);
  node = fetch (tally_test_http_get_url (http), "/q", NULL, 30, 0, cancellable, &error);

  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (tally_error_is_transient (error));
}

static void
test_bad_base_urls (void)
{
  const char *bad[] = { "ftp://example.org", "not a url", "http://", "file:///etc" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TallyHttpClient) client = tally_http_client_new (bad[i], &error);

      g_assert_null (client);
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

static void
test_build_url (void)
{
  g_autoptr(TallyHttpClient) client = tally_http_client_new ("http://127.0.0.1:9090/prom/", NULL);
  g_autofree char *plain = tally_http_client_build_url (client, "/api/v1/labels", NULL);
  g_autofree char *with_query = tally_http_client_build_url (client, "/api/v1/series", "match%5B%5D=up");

  g_assert_cmpstr (plain, ==, "http://127.0.0.1:9090/prom/api/v1/labels");
  g_assert_cmpstr (with_query, ==, "http://127.0.0.1:9090/prom/api/v1/series?match%5B%5D=up");
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/http-client/success", test_success_sends_query_and_bearer);
  g_test_add_func ("/http-client/basic-auth", test_basic_auth);
  g_test_add_func ("/http-client/rate-limited", test_rate_limited_carries_retry_after);
  g_test_add_func ("/http-client/retry-after-forms", test_retry_after_forms);
  g_test_add_func ("/http-client/server-error", test_server_error_quotes_message);
  g_test_add_func ("/http-client/refused-credentials", test_refused_credentials_are_not_transient);
  g_test_add_func ("/http-client/redirect", test_redirect_not_followed);
  g_test_add_func ("/http-client/not-json", test_not_json);
  g_test_add_func ("/http-client/truncated", test_truncated_body);
  g_test_add_func ("/http-client/hang", test_hang_times_out);
  g_test_add_func ("/http-client/refused", test_refused_connection);
  g_test_add_func ("/http-client/too-large", test_too_large);
  g_test_add_func ("/http-client/cancelled", test_cancelled);
  g_test_add_func ("/http-client/bad-base-urls", test_bad_base_urls);
  g_test_add_func ("/http-client/build-url", test_build_url);

  return g_test_run ();
}
