/* tally-test-collector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Helpers of the collector's tests: the fixture (a collector on a free
 * loopback port over a real store), requests and their answers, and the
 * events they send. */

#include "config.h"

#include "tally-test-collector.h"
#include "tally-test-utils.h"

void
tc_response_free (Response *response)
{
  g_free (response->body);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response);
}

void
tc_start_collector (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_collector_start (f->collector, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tally_collector_get_state (f->collector), ==, TALLY_COLLECTOR_LISTENING);
  g_free (f->base);
  f->base = g_strdup_printf ("http://%s", tally_collector_get_address (f->collector));
}

void
tc_fixture_setup (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = tally_test_make_tmp_dir ();
  path = g_build_filename (f->dir, "usage.db", NULL);
  f->store = tally_store_open (path, &error);
  g_assert_no_error (error);
  /* No proxy, whatever the environment says: the collector is local. */
  f->session = soup_session_new_with_options ("timeout", 60, "proxy-resolver", NULL, NULL);
  f->t0 = (g_get_real_time () / G_USEC_PER_SEC / 3600 - 48) * 3600;
  f->collector = tally_collector_new (f->store);
  tally_collector_set_listen_address (f->collector, "127.0.0.1:0");
  tally_collector_set_token (f->collector, data);
  tc_start_collector (f);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
tc_fixture_teardown (Fixture       *f,
                     gconstpointer  data)
{
  gpointer store = f->store;

  g_clear_object (&f->session);
  tally_collector_stop (f->collector);
  g_assert_cmpint (tally_collector_get_state (f->collector), ==, TALLY_COLLECTOR_STOPPED);
  g_assert_finalize_object (f->collector);
  /* The last GTask of the store's writer or query pool may let go of the
   * store a moment after its callback ran. */
  g_object_add_weak_pointer (store, &store);
  g_object_unref (f->store);
  g_assert_true (tally_test_wait_until (is_null, &store, 5000));
  g_free (f->base);
  g_free (f->dir);
}

/* Sends a request; @headers are name, value pairs, NULL-terminated. */
Response *
tc_send_request (Fixture            *f,
                 const char         *method,
                 const char         *path,
                 const char         *content_type,
                 GBytes             *body,
                 const char * const *headers)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  Response *response = g_new0 (Response, 1);

  g_assert_nonnull (msg);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (msg), headers[i], headers[i + 1]);

  answer = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (msg);
  response->body = g_strndup (answer ? g_bytes_get_data (answer, NULL) : NULL,
                              answer ? g_bytes_get_size (answer) : 0);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  return response;
}

Response *
tc_post (Fixture    *f,
         const char *path,
         const char *content_type,
         const char *text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  return tc_send_request (f, "POST", path, content_type, body, NULL);
}

Response *
tc_get (Fixture    *f,
        const char *path)
{
  return tc_send_request (f, "GET", path, NULL, NULL, NULL);
}

JsonNode *
tc_parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* The "error" member of an error answer. */
char *
tc_error_of (const Response *response)
{
  g_autoptr(JsonNode) node = tc_parse_json (response->body);
  JsonObject *object = json_node_get_object (node);

  if (!json_object_has_member (object, "error"))
    g_error ("%u %s", response->status, response->body);
  g_assert_cmpuint (json_object_get_size (object), ==, 1);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==,
                   "application/json");
  return g_strdup (json_object_get_string_member (object, "error"));
}

void
tc_assert_error (const Response *response,
                 guint           status,
                 const char     *needle)
{
  g_autofree char *message = tc_error_of (response);

  g_assert_cmpuint (response->status, ==, status);
  if (strstr (message, needle) == NULL)
    g_error ("“%s” does not contain “%s”", message, needle);
}

gint64
tc_count_events (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = tally_store_count_events (f->store, &error);

  g_assert_no_error (error);
  return n;
}

/* An event as JSON, at t0 + @offset seconds. */
char *
tc_event_json (Fixture    *f,
               int         offset,
               const char *model,
               int         input_tokens)
{
  return g_strdup_printf ("{\"time\":%" G_GINT64_FORMAT ",\"model\":\"%s\",\"input_tokens\":%d,"
                          "\"latency_ms\":%d}", f->t0 + offset, model, input_tokens,
                          100 + offset % 900);
}

char *
tc_events_array (Fixture *f,
                 guint    n,
                 guint    seed)
{
  g_autoptr(GString) s = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *e = tc_event_json (f, (seed * 7919 + i * 13) % 86400, i % 2 ? "o3" : "gpt-4o",
                                          (int) (i % 100));

      /* one in ten failed: {…} becomes {…,"status":500} */
      e[strlen (e) - 1] = '\0';
      g_string_append_printf (s, "%s%s,\"status\":%d}", i ? "," : "", e, i % 10 == 3 ? 500 : 200);
    }
  g_string_append_c (s, ']');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

double
tc_sum_over_day (Fixture    *f,
                 TallyMetric metric,
                 const char *model)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (f->t0, f->t0 + 86400, f->t0 + 86400, utc);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  query->metric = metric;
  query->stat = TALLY_STAT_SUM;
  if (model != NULL)
    g_assert_true (tally_query_add_filter (query, "model", (const char * const[]) { model, NULL },
                                           NULL));
  frame = tally_store_query (f->store, query, range, NULL, &error);
  g_assert_no_error (error);
  return tally_frame_get_value (frame);
}
