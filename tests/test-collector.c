/* test-collector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The collector over real HTTP: a SoupSession talks to a TallyCollector on
 * a free loopback port, which writes into a real SQLite store. Each case
 * checks the answer and what the store holds afterwards. */

#include "config.h"

#include <libsoup/soup.h>

#include "tally-collector.h"
#include "tally-error.h"
#include "tally-otlp.h"
#include "tally-test-utils.h"

typedef struct
{
  char           *dir;
  TallyStore     *store;
  TallyCollector *collector;
  SoupSession    *session;
  char           *base;
  gint64          t0;     /* a whole hour, two days ago: every event's time */
} Fixture;

typedef struct
{
  guint               status;
  char               *body;
  SoupMessageHeaders *headers;
} Response;

static void
response_free (Response *response)
{
  g_free (response->body);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static void
start_collector (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_collector_start (f->collector, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tally_collector_get_state (f->collector), ==, TALLY_COLLECTOR_LISTENING);
  g_free (f->base);
  f->base = g_strdup_printf ("http://%s", tally_collector_get_address (f->collector));
}

static void
fixture_setup (Fixture       *f,
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
  start_collector (f);
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
static Response *
send_request (Fixture            *f,
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

static Response *
post (Fixture    *f,
      const char *path,
      const char *content_type,
      const char *text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

  return send_request (f, "POST", path, content_type, body, NULL);
}

static Response *
get (Fixture    *f,
     const char *path)
{
  return send_request (f, "GET", path, NULL, NULL, NULL);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* The "error" member of an error answer. */
static char *
error_of (const Response *response)
{
  g_autoptr(JsonNode) node = parse_json (response->body);
  JsonObject *object = json_node_get_object (node);

  if (!json_object_has_member (object, "error"))
    g_error ("%u %s", response->status, response->body);
  g_assert_cmpuint (json_object_get_size (object), ==, 1);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==,
                   "application/json");
  return g_strdup (json_object_get_string_member (object, "error"));
}

static void
assert_error (const Response *response,
              guint           status,
              const char     *needle)
{
  g_autofree char *message = error_of (response);

  g_assert_cmpuint (response->status, ==, status);
  if (strstr (message, needle) == NULL)
    g_error ("“%s” does not contain “%s”", message, needle);
}

static gint64
count_events (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = tally_store_count_events (f->store, &error);

  g_assert_no_error (error);
  return n;
}

/* An event as JSON, at t0 + @offset seconds. */
static char *
event_json (Fixture    *f,
            int         offset,
            const char *model,
            int         input_tokens)
{
  return g_strdup_printf ("{\"time\":%" G_GINT64_FORMAT ",\"model\":\"%s\",\"input_tokens\":%d,"
                          "\"latency_ms\":%d}", f->t0 + offset, model, input_tokens,
                          100 + offset % 900);
}

static char *
events_array (Fixture *f,
              guint    n,
              guint    seed)
{
  g_autoptr(GString) s = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *e = event_json (f, (seed * 7919 + i * 13) % 86400, i % 2 ? "o3" : "gpt-4o",
                                       (int) (i % 100));

      /* one in ten failed: {…} becomes {…,"status":500} */
      e[strlen (e) - 1] = '\0';
      g_string_append_printf (s, "%s%s,\"status\":%d}", i ? "," : "", e, i % 10 == 3 ? 500 : 200);
    }
  g_string_append_c (s, ']');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static double
sum_over_day (Fixture    *f,
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

static void
test_events_array (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = event_json (f, 10, "gpt-4o", 100);
  g_autofree char *b = event_json (f, 20, "gpt-4o", 50);
  g_autofree char *c = event_json (f, 30, "o3", 7);
  g_autofree char *body = g_strdup_printf ("[%s,%s,%s]", a, b, c);
  g_autoptr(Response) r = post (f, "/v1/events", "application/json", body);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->body, ==, "{\"accepted\":3,\"rejected\":[]}");
  g_assert_cmpint (count_events (f), ==, 3);
  g_assert_cmpfloat (sum_over_day (f, TALLY_METRIC_INPUT_TOKENS, "gpt-4o"), ==, 150);
  g_assert_cmpfloat (sum_over_day (f, TALLY_METRIC_INPUT_TOKENS, "o3"), ==, 7);
}

static void
test_events_object (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = event_json (f, 10, "gpt-4o", 100);
  g_autofree char *body = g_strdup_printf ("{\"source\":\"x\",\"events\":[%s,%s]}", a, a);
  g_autoptr(Response) r = NULL;

  /* curl --data sends this content type unless told otherwise */
  r = post (f, "/v1/events", "application/x-www-form-urlencoded", body);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->body, ==, "{\"accepted\":2,\"rejected\":[]}");
  g_assert_cmpint (count_events (f), ==, 2);
}

static void
test_events_ndjson (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = event_json (f, 10, "gpt-4o", 1);
  g_autofree char *b = event_json (f, 20, "o3", 2);
  g_autofree char *c = event_json (f, 30, "o3", 4);
  g_autofree char *body = g_strdup_printf ("%s\r\n\r\n%s\r\n   \n{\"model\":\"x\"}\n%s", a, b, c);
  g_autoptr(Response) r = post (f, "/v1/events", "application/x-ndjson; charset=utf-8", body);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_nonnull (strstr (r->body, "\"accepted\":3"));
  g_assert_nonnull (strstr (r->body, "{\"index\":2,\"error\":\"line 5: time: required\"}"));
  g_assert_cmpint (count_events (f), ==, 3);
  g_assert_cmpfloat (sum_over_day (f, TALLY_METRIC_INPUT_TOKENS, "o3"), ==, 6);
}

/* Bad events are refused alone, each with its reason; the good ones are
 * stored, and only they. */
static void
test_events_partial (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) labels = g_string_new ("{");
  g_autofree char *good = event_json (f, 10, "gpt-4o", 5);
  g_autofree char *body = NULL;
  g_autoptr(Response) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *rejected;

  for (guint i = 0; i < 17; i++)
    g_string_append_printf (labels, "%s\"k%u\":\"v\"", i ? "," : "", i);
  g_string_append_c (labels, '}');
  body = g_strdup_printf ("[%s,{\"time\":%" G_GINT64_FORMAT ",\"model\":\"bad\","
                          "\"input_tokens\":-3},{\"time\":%" G_GINT64_FORMAT ",\"model\":\"many\","
                          "\"labels\":%s},%s]", good, f->t0, f->t0, labels->str, good);

  r = post (f, "/v1/events", "application/json", body);
  g_assert_cmpuint (r->status, ==, 200);
  node = parse_json (r->body);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "accepted"), ==, 2);
  rejected = json_object_get_array_member (json_node_get_object (node), "rejected");
  g_assert_cmpuint (json_array_get_length (rejected), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rejected, 0),
                                               "index"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rejected, 0),
                                                  "error"), ==, "input_tokens: must be an integer ≥ 0");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rejected, 1),
                                               "index"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rejected, 1),
                                                  "error"), ==, "labels: at most 16 keys");

  g_assert_cmpint (count_events (f), ==, 2);
  g_assert_cmpfloat (sum_over_day (f, TALLY_METRIC_REQUESTS, "gpt-4o"), ==, 2);
  g_assert_cmpfloat (sum_over_day (f, TALLY_METRIC_REQUESTS, NULL), ==, 2);
}

static void
test_events_refused (Fixture       *f,
                     gconstpointer  data)
{
  static const char invalid_utf8[] = "[{\"time\":1,\"model\":\"\xff\"}]";
  g_autoptr(Response) r = NULL;
  g_autofree char *all_bad = g_strdup_printf ("[{\"time\":%" G_GINT64_FORMAT "},{\"model\":\"x\"}]",
                                              f->t0);

  r = post (f, "/v1/events", "application/json", all_bad);
  g_assert_cmpuint (r->status, ==, 400);
  g_assert_cmpstr (r->body, ==, "{\"accepted\":0,\"rejected\":[{\"index\":0,\"error\":\"model: "
                   "required\"},{\"index\":1,\"error\":\"time: required\"}]}");
  g_clear_pointer (&r, response_free);

  r = post (f, "/v1/events", "application/json", "[{\"time\": 1,}]");
  assert_error (r, 400, "invalid JSON at line 1");
  g_clear_pointer (&r, response_free);
  r = post (f, "/v1/events", "application/json", invalid_utf8);
  assert_error (r, 400, "invalid UTF-8");
  g_clear_pointer (&r, response_free);
  r = post (f, "/v1/events", "application/json", "{\"events\": 5}");
  assert_error (r, 400, "events: must be an array");
  g_clear_pointer (&r, response_free);
  r = post (f, "/v1/events", "application/json", "\"hello\"");
  assert_error (r, 400, "expected a JSON array of events");
  g_clear_pointer (&r, response_free);
  r = post (f, "/v1/events", "application/json", "");
  assert_error (r, 400, "the body is empty");
  g_clear_pointer (&r, response_free);

  r = post (f, "/v1/events", "application/json", "[]");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->body, ==, "{\"accepted\":0,\"rejected\":[]}");

  g_assert_cmpint (count_events (f), ==, 0);
}

static GBytes *
gzip (const char *data,
      gsize       len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (out, data, len, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static Response *
post_gzip (Fixture    *f,
           const char *path,
           const char *data,
           gsize       len)
{
  g_autoptr(GBytes) body = gzip (data, len);
  const char *headers[] = { "Content-Encoding", "gzip", NULL };

  return send_request (f, "POST", path, "application/json", body, headers);
}

/* Too big as sent, as it arrives in chunks, once decompressed, or in
 * events: 413, and nothing stored. */
static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *big = events_array (f, 4000, 1);
  g_autofree char *bomb = g_malloc (8 * 1024 * 1024);
  g_autofree char *small = events_array (f, 11, 2);
  g_autoptr(Response) r = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  tally_collector_stop (f->collector);
  tally_collector_set_max_body_size (f->collector, 256 * 1024);
  tally_collector_set_max_batch_events (f->collector, 10);
  start_collector (f);
  g_assert_cmpuint (strlen (big), >, 256 * 1024);

  r = post (f, "/v1/events", "application/json", big);
  assert_error (r, 413, "the body is larger than 262144 bytes");
  g_clear_pointer (&r, response_free);

  /* Chunked: no Content-Length to refuse it by. */
  url = g_strconcat (f->base, "/v1/events", NULL);
  msg = soup_message_new ("POST", url);
  stream = g_memory_input_stream_new_from_data (big, strlen (big), NULL);
  soup_message_set_request_body (msg, "application/json", stream, -1);
  answer = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 413);
  g_assert_nonnull (strstr (g_bytes_get_data (answer, NULL), "larger than 262144 bytes"));

  /* 8 MiB of spaces, about 8 KiB compressed */
  bomb[0] = '[';
  memset (bomb + 1, ' ', 8 * 1024 * 1024 - 2);
  bomb[8 * 1024 * 1024 - 1] = ']';
  r = post_gzip (f, "/v1/events", bomb, 8 * 1024 * 1024);
  assert_error (r, 413, "larger than 262144 bytes once decompressed");
  g_clear_pointer (&r, response_free);

  r = post (f, "/v1/events", "application/json", small);
  assert_error (r, 413, "more than 10 events");
  g_clear_pointer (&r, response_free);

  g_assert_cmpint (count_events (f), ==, 0);
}

static Response *
post_fixture (Fixture    *f,
              const char *name,
              gboolean    compressed,
              char      **contents)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "otlp", name, NULL);
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, contents, &len, &error));
  g_assert_no_error (error);
  if (compressed)
    return post_gzip (f, "/v1/traces", *contents, len);

  return post (f, "/v1/traces", "application/json", *contents);
}

/* The OpenTelemetry JS SDK's own request bodies, plain and gzipped as the
 * exporter sends them with compression on; old and new attribute names. */
static void
test_traces (Fixture       *f,
             gconstpointer  data)
{
  const char *names[] = { "js-sdk-chat-api.json", "js-sdk-legacy-attributes.json" };
  gint64 expected_events = 0;
  gint64 expected_tokens = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names) * 2; i++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(Response) r = post_fixture (f, names[i / 2], i % 2 == 1, &contents);
      g_autoptr(TallyOtlpTraces) traces = tally_otlp_parse_traces (contents, strlen (contents), 0,
                                                                   0, NULL);

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpstr (r->body, ==, "{}");
      expected_events += traces->events->len;
      for (guint j = 0; j < traces->events->len; j++)
        {
          TallyEvent *event = g_ptr_array_index (traces->events, j);

          expected_tokens += MAX (0, event->input_tokens);
        }
      g_assert_cmpint (count_events (f), ==, expected_events);
    }

  /* chat-api: 3 model calls of 6 spans; legacy: 2 of 2; each sent twice */
  g_assert_cmpint (expected_events, ==, 10);
  g_assert_cmpint (expected_tokens, >, 2 * (1200 + 512 + 3000));
  {
    g_autoptr(TallyQuery) query = tally_query_new ();
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    /* 2025-11-23, when the fixtures were captured */
    g_autoptr(TallyTimeRange) range = tally_time_range_new (1763856000, 1763942400, 1763942400, utc);
    g_autoptr(TallyFrame) frame = NULL;

    query->metric = TALLY_METRIC_INPUT_TOKENS;
    frame = tally_store_query (f->store, query, range, NULL, NULL);
    g_assert_cmpfloat (tally_frame_get_value (frame), ==, expected_tokens);
  }
}

static void
test_traces_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(Response) r = post_fixture (f, "edge-huge-values.json", FALSE, &contents);
  g_autoptr(TallyOtlpTraces) traces = tally_otlp_parse_traces (contents, strlen (contents), 0, 0,
                                                               NULL);
  g_autoptr(JsonNode) node = parse_json (r->body);
  JsonObject *partial;

  /* Some spans refused: still 200, as OTLP says, with the count and reasons. */
  g_assert_cmpuint (r->status, ==, 200);
  partial = json_object_get_object_member (json_node_get_object (node), "partialSuccess");
  g_assert_cmpint (json_object_get_int_member (partial, "rejectedSpans"), ==, traces->rejected->len);
  g_assert_nonnull (strstr (json_object_get_string_member (partial, "errorMessage"), "span "));
  g_assert_cmpint (count_events (f), ==, traces->events->len);
  g_clear_pointer (&r, response_free);

  r = post (f, "/v1/traces", "application/json", "{\"resourceSpans\": {}}");
  assert_error (r, 400, "resourceSpans: must be an array");
  g_clear_pointer (&r, response_free);
  r = post (f, "/v1/traces", "application/x-protobuf", "\x0a\x02\x08\x01");
  assert_error (r, 415, "OTEL_EXPORTER_OTLP_PROTOCOL=http/json");
  g_clear_pointer (&r, response_free);
  {
    const char *headers[] = { "Content-Encoding", "gzip", NULL };
    g_autoptr(GBytes) junk = g_bytes_new_static ("not gzip at all", 15);

    r = send_request (f, "POST", "/v1/traces", "application/json", junk, headers);
    assert_error (r, 400, "the compressed body is damaged");
  }
  g_assert_cmpint (count_events (f), ==, traces->events->len);
}

static void
test_routes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Response) r = NULL;
  const char *brotli[] = { "Content-Encoding", "br", NULL };
  g_autoptr(GBytes) empty = g_bytes_new_static ("[]", 2);

  r = get (f, "/v1/nothing");
  assert_error (r, 404, "there is nothing at /v1/nothing");
  g_clear_pointer (&r, response_free);

  r = get (f, "/v1/events");
  assert_error (r, 405, "/v1/events does not take GET");
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Allow"), ==, "POST");
  g_clear_pointer (&r, response_free);

  r = post (f, "/healthz", "application/json", "{}");
  assert_error (r, 405, "use GET, HEAD");
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Allow"), ==, "GET, HEAD");
  g_clear_pointer (&r, response_free);

  r = post (f, "/v1/events", "application/xml", "<events/>");
  assert_error (r, 415, "cannot read a body of type application/xml");
  g_clear_pointer (&r, response_free);

  r = send_request (f, "POST", "/v1/events", "application/json", empty, brotli);
  assert_error (r, 415, "Content-Encoding “br”");
  g_clear_pointer (&r, response_free);

  r = get (f, "/healthz");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_nonnull (g_str_has_prefix (r->body, "{\"status\":\"ok\",\"store\":\"") ? r->body : NULL);
  g_clear_pointer (&r, response_free);

  r = send_request (f, "HEAD", "/healthz", NULL, NULL, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (r->body == NULL || r->body[0] == '\0');
}

static void
test_token (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *event = event_json (f, 5, "gpt-4o", 1);
  g_autofree char *body = g_strdup_printf ("[%s]", event);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  const char *wrong[] = { "Authorization", "Bearer s3cret-but-not-this", NULL };
  const char *right[] = { "Authorization", "Bearer s3cret", NULL };
  const char *basic[] = { "Authorization", "Basic czNjcmV0Og==", NULL };
  g_autoptr(Response) r = NULL;

  r = post (f, "/v1/events", "application/json", body);
  assert_error (r, 401, "Authorization: Bearer TOKEN");
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "WWW-Authenticate"), ==,
                   "Bearer realm=\"tally\"");
  g_clear_pointer (&r, response_free);
  r = send_request (f, "POST", "/v1/events", "application/json", bytes, wrong);
  assert_error (r, 401, "the bearer token is wrong");
  g_clear_pointer (&r, response_free);
  r = send_request (f, "POST", "/v1/events", "application/json", bytes, basic);
  g_assert_cmpuint (r->status, ==, 401);
  g_clear_pointer (&r, response_free);
  r = get (f, "/api/v1/query?metric=requests");
  g_assert_cmpuint (r->status, ==, 401);
  g_clear_pointer (&r, response_free);
  g_assert_cmpint (count_events (f), ==, 0);

  r = send_request (f, "POST", "/v1/events", "application/json", bytes, right);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (count_events (f), ==, 1);
  g_clear_pointer (&r, response_free);

  /* Liveness needs no token, but tells a stranger nothing more. */
  r = get (f, "/healthz");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->body, ==, "{\"status\":\"ok\"}");
  g_clear_pointer (&r, response_free);
  r = send_request (f, "GET", "/healthz", NULL, NULL, right);
  g_assert_nonnull (strstr (r->body, "\"store\":"));
}

/* GET /api/v1/query answers exactly what the store answers to the same
 * query run directly. */
static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  static const struct
  {
    const char *params;
    const char *json;
    TallyShape  shape;
  } cases[] = {
    { "metric=input_tokens&stat=sum&shape=timeseries&group_by=model&interval=1h",
      "{\"metric\":\"input_tokens\",\"stat\":\"sum\",\"group_by\":\"model\",\"interval\":\"1h\"}",
      TALLY_SHAPE_TIMESERIES },
    { "metric=latency&stat=p95", "{\"metric\":\"latency\",\"stat\":\"p95\"}", TALLY_SHAPE_SCALAR },
    { "metric=requests&stat=count&group-by=model&filter=model%3Do3&filter=model=nothing&top=3",
      "{\"metric\":\"requests\",\"stat\":\"count\",\"group_by\":\"model\",\"top\":3,"
      "\"filters\":{\"model\":[\"o3\",\"nothing\"]}}", TALLY_SHAPE_CATEGORIES },
    { "metric=requests&rows=day_of_week&columns=hour_of_day",
      "{\"metric\":\"requests\",\"rows\":\"day_of_week\",\"columns\":\"hour_of_day\"}",
      TALLY_SHAPE_MATRIX },
    { "metric=errors&shape=table&limit=5", "{\"metric\":\"errors\",\"limit\":5}", TALLY_SHAPE_TABLE },
  };
  g_autofree char *events = events_array (f, 500, 3);
  g_autoptr(Response) r = post (f, "/v1/events", "application/json", events);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) from = g_date_time_new_from_unix_utc (f->t0 - 3600);
  g_autoptr(GDateTime) to = g_date_time_new_from_unix_utc (f->t0 + 86400);
  g_autofree char *from_s = g_date_time_format_iso8601 (from);
  g_autofree char *to_s = g_date_time_format_iso8601 (to);
  g_autoptr(TallyTimeRange) range = tally_time_range_new (f->t0 - 3600, f->t0 + 86400,
                                                          g_get_real_time () / G_USEC_PER_SEC, utc);

  g_assert_cmpuint (r->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/query?%s&from=%s&to=%s&tz=UTC",
                                               cases[i].params, from_s, to_s);
      g_autoptr(JsonNode) node = parse_json (cases[i].json);
      g_autoptr(TallyQuery) query = tally_query_new_from_json (node, cases[i].shape, NULL);
      g_autoptr(TallyFrame) frame = tally_store_query (f->store, query, range, NULL, NULL);
      g_autofree char *expected = tally_frame_to_json_string (frame, FALSE);
      g_autoptr(Response) answer = get (f, path);

      g_assert_cmpuint (answer->status, ==, 200);
      g_assert_cmpstr (soup_message_headers_get_content_type (answer->headers, NULL), ==,
                       "application/json");
      g_assert_cmpstr (answer->body, ==, expected);
      g_assert_false (tally_frame_is_empty (frame));
    }
}

static void
test_query_errors (Fixture       *f,
                   gconstpointer  data)
{
  static const struct
  {
    const char *params;
    const char *error;
  } cases[] = {
    { "metric=speed", "metric: “speed” is not a metric" },
    { "stat=p42", "stat: “p42” is not a stat" },
    { "metric=error_rate&stat=sum", "stat: " },
    { "shape=pie", "shape: “pie” is not a shape" },
    { "group_by=colour", "group_by: “colour” is not a dimension" },
    { "interval=5x", "interval: " },
    { "top=1000", "top: must be an integer 0..100" },
    { "limit=0&shape=table", "limit: must be an integer 1..10000" },
    { "from=yesterday", "from: " },
    { "from=now&to=now-1h", "from: the range is empty" },
    { "to=now-5x", "to: " },
    { "tz=Mars/Olympus_Mons", "tz: “Mars/Olympus_Mons” is not a time zone" },
    { "filter=model", "filter: the filter “model” is not DIMENSION=VALUE" },
    { "filter=colour=red", "filter: “colour” is not a dimension" },
    { "metric=requests&metric=cost", "metric: given more than once" },
    { "metrics=requests", "metrics: unknown parameter" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/api/v1/query?", cases[i].params, NULL);
      g_autoptr(Response) r = get (f, path);

      assert_error (r, 400, cases[i].error);
    }
}

typedef struct
{
  Fixture *f;
  guint    seed;
  guint    ok;
} Client;

#define N_CLIENTS 8
#define N_BATCHES 50
#define BATCH     20

static gpointer
client_thread (gpointer data)
{
  Client *client = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *url = g_strconcat (client->f->base, "/v1/events", NULL);

  for (guint i = 0; i < N_BATCHES; i++)
    {
      g_autofree char *body = events_array (client->f, BATCH, client->seed * 1000 + i);
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&body), strlen (body));
      g_autoptr(GBytes) answer = NULL;

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      answer = soup_session_send_and_read (session, msg, NULL, NULL);
      if (answer != NULL && soup_message_get_status (msg) == 200)
        client->ok++;
    }

  return NULL;
}

static gboolean
all_reported (gpointer data)
{
  return tally_collector_get_events_accepted (data) == N_CLIENTS * N_BATCHES * BATCH;
}

static void
count_received_cb (TallyCollector *collector,
                   guint           accepted,
                   guint           rejected,
                   guint          *total)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  *total += accepted;
}

/* Eight clients at once: every batch answered 200, and the store holds
 * exactly what they sent. */
static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  Client clients[N_CLIENTS];
  GThread *threads[N_CLIENTS];
  guint signalled = 0;

  g_signal_connect (f->collector, "events-received", G_CALLBACK (count_received_cb), &signalled);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      clients[i] = (Client) { f, i, 0 };
      threads[i] = g_thread_new ("client", client_thread, &clients[i]);
    }
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (clients[i].ok, ==, N_BATCHES);
    }

  g_assert_cmpint (count_events (f), ==, N_CLIENTS * N_BATCHES * BATCH);
  g_assert_true (tally_test_wait_until (all_reported, f->collector, 10000));
  g_assert_cmpuint (signalled, ==, N_CLIENTS * N_BATCHES * BATCH);
  g_assert_cmpuint (tally_collector_get_requests (f->collector), ==, N_CLIENTS * N_BATCHES);
  g_assert_cmpuint (tally_collector_get_events_rejected (f->collector), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

#define ADD(name, func, data) \
  g_test_add ("/tally/collector/" name, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("events-array", test_events_array, NULL);
  ADD ("events-object", test_events_object, NULL);
  ADD ("events-ndjson", test_events_ndjson, NULL);
  ADD ("events-partial", test_events_partial, NULL);
  ADD ("events-refused", test_events_refused, NULL);
  ADD ("limits", test_limits, NULL);
  ADD ("traces", test_traces, NULL);
  ADD ("traces-refused", test_traces_refused, NULL);
  ADD ("routes", test_routes, NULL);
  ADD ("token", test_token, "s3cret");
  ADD ("query", test_query, NULL);
  ADD ("query-errors", test_query_errors, NULL);
  ADD ("concurrent", test_concurrent, NULL);
#undef ADD

  return g_test_run ();
}
