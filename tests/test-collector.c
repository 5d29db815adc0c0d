/* test-collector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The collector's ingest over real HTTP: a SoupSession posts events
 * (JSON, NDJSON, gzip, OTLP traces) to a TallyCollector on a free loopback
 * port, which writes into a real SQLite store. Each case checks the answer
 * and what the store holds afterwards, limits and refusals included. */

#include "config.h"

#include "tally-error.h"
#include "tally-otlp.h"
#include "tally-test-collector.h"
#include "tally-test-utils.h"

static void
test_events_array (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = tc_event_json (f, 10, "gpt-4o", 100);
  g_autofree char *b = tc_event_json (f, 20, "gpt-4o", 50);
  g_autofree char *c = tc_event_json (f, 30, "o3", 7);
  g_autofree char *body = g_strdup_printf ("[%s,%s,%s]", a, b, c);
  g_autoptr(Response) r = tc_post (f, "/v1/events", "application/json", body);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->body, ==, "{\"accepted\":3,\"rejected\":[]}");
  g_assert_cmpint (tc_count_events (f), ==, 3);
  g_assert_cmpfloat (tc_sum_over_day (f, TALLY_METRIC_INPUT_TOKENS, "gpt-4o"), ==, 150);
  g_assert_cmpfloat (tc_sum_over_day (f, TALLY_METRIC_INPUT_TOKENS, "o3"), ==, 7);
}

static void
test_events_object (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = tc_event_json (f, 10, "gpt-4o", 100);
  g_autofree char *body = g_strdup_printf ("{\"source\":\"x\",\"events\":[%s,%s]}", a, a);
  g_autoptr(Response) r = NULL;

  /* curl --data sends this content type unless told otherwise */
  r = tc_post (f, "/v1/events", "application/x-www-form-urlencoded", body);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->body, ==, "{\"accepted\":2,\"rejected\":[]}");
  g_assert_cmpint (tc_count_events (f), ==, 2);
}

static void
test_events_ndjson (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = tc_event_json (f, 10, "gpt-4o", 1);
  g_autofree char *b = tc_event_json (f, 20, "o3", 2);
  g_autofree char *c = tc_event_json (f, 30, "o3", 4);
  g_autofree char *body = g_strdup_printf ("%s\r\n\r\n%s\r\n   \n{\"model\":\"x\"}\n%s", a, b, c);
  g_autoptr(Response) r = tc_post (f, "/v1/events", "application/x-ndjson; charset=utf-8", body);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_nonnull (strstr (r->body, "\"accepted\":3"));
  g_assert_nonnull (strstr (r->body, "{\"index\":2,\"error\":\"line 5: time: required\"}"));
  g_assert_cmpint (tc_count_events (f), ==, 3);
  g_assert_cmpfloat (tc_sum_over_day (f, TALLY_METRIC_INPUT_TOKENS, "o3"), ==, 6);
}

/* Bad events are refused alone, each with its reason; the good ones are
 * stored, and only they. */
static void
test_events_partial (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) labels = g_string_new ("{");
  g_autofree char *good = tc_event_json (f, 10, "gpt-4o", 5);
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

  r = tc_post (f, "/v1/events", "application/json", body);
  g_assert_cmpuint (r->status, ==, 200);
  node = tc_parse_json (r->body);
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

  g_assert_cmpint (tc_count_events (f), ==, 2);
  g_assert_cmpfloat (tc_sum_over_day (f, TALLY_METRIC_REQUESTS, "gpt-4o"), ==, 2);
  g_assert_cmpfloat (tc_sum_over_day (f, TALLY_METRIC_REQUESTS, NULL), ==, 2);
}

static void
test_events_refused (Fixture       *f,
                     gconstpointer  data)
{
  static const char invalid_utf8[] = "[{\"time\":1,\"model\":\"\xff\"}]";
  g_autoptr(Response) r = NULL;
  g_autofree char *all_bad = g_strdup_printf ("[{\"time\":%" G_GINT64_FORMAT "},{\"model\":\"x\"}]",
                                              f->t0);

  r = tc_post (f, "/v1/events", "application/json", all_bad);
  g_assert_cmpuint (r->status, ==, 400);
  g_assert_cmpstr (r->body, ==, "{\"accepted\":0,\"rejected\":[{\"index\":0,\"error\":\"model: "
                   "required\"},{\"index\":1,\"error\":\"time: required\"}]}");
  g_clear_pointer (&r, tc_response_free);

  r = tc_post (f, "/v1/events", "application/json", "[{\"time\": 1,}]");
  tc_assert_error (r, 400, "invalid JSON at line 1");
  g_clear_pointer (&r, tc_response_free);
  r = tc_post (f, "/v1/events", "application/json", invalid_utf8);
  tc_assert_error (r, 400, "invalid UTF-8");
  g_clear_pointer (&r, tc_response_free);
  r = tc_post (f, "/v1/events", "application/json", "{\"events\": 5}");
  tc_assert_error (r, 400, "events: must be an array");
  g_clear_pointer (&r, tc_response_free);
  r = tc_post (f, "/v1/events", "application/json", "\"hello\"");
  tc_assert_error (r, 400, "expected a JSON array of events");
  g_clear_pointer (&r, tc_response_free);
  r = tc_post (f, "/v1/events", "application/json", "");
  tc_assert_error (r, 400, "the body is empty");
  g_clear_pointer (&r, tc_response_free);

  r = tc_post (f, "/v1/events", "application/json", "[]");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->body, ==, "{\"accepted\":0,\"rejected\":[]}");

  g_assert_cmpint (tc_count_events (f), ==, 0);
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

  return tc_send_request (f, "POST", path, "application/json", body, headers);
}

/* Too big as sent, as it arrives in chunks, once decompressed, or in
 * events: 413, and nothing stored. */
static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *big = tc_events_array (f, 4000, 1);
  g_autofree char *bomb = g_malloc (8 * 1024 * 1024);
  g_autofree char *small = tc_events_array (f, 11, 2);
  g_autoptr(Response) r = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  tally_collector_stop (f->collector);
  tally_collector_set_max_body_size (f->collector, 256 * 1024);
  tally_collector_set_max_batch_events (f->collector, 10);
  tc_start_collector (f);
  g_assert_cmpuint (strlen (big), >, 256 * 1024);

  r = tc_post (f, "/v1/events", "application/json", big);
  tc_assert_error (r, 413, "the body is larger than 262144 bytes");
  g_clear_pointer (&r, tc_response_free);

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
  tc_assert_error (r, 413, "larger than 262144 bytes once decompressed");
  g_clear_pointer (&r, tc_response_free);

  r = tc_post (f, "/v1/events", "application/json", small);
  tc_assert_error (r, 413, "more than 10 events");
  g_clear_pointer (&r, tc_response_free);

  g_assert_cmpint (tc_count_events (f), ==, 0);
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

  return tc_post (f, "/v1/traces", "application/json", *contents);
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
      g_assert_cmpint (tc_count_events (f), ==, expected_events);
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
  g_autoptr(JsonNode) node = tc_parse_json (r->body);
  JsonObject *partial;

  /* Some spans refused: still 200, as OTLP says, with the count and reasons. */
  g_assert_cmpuint (r->status, ==, 200);
  partial = json_object_get_object_member (json_node_get_object (node), "partialSuccess");
  g_assert_cmpint (json_object_get_int_member (partial, "rejectedSpans"), ==, traces->rejected->len);
  g_assert_nonnull (strstr (json_object_get_string_member (partial, "errorMessage"), "span "));
  g_assert_cmpint (tc_count_events (f), ==, traces->events->len);
  g_clear_pointer (&r, tc_response_free);

  r = tc_post (f, "/v1/traces", "application/json", "{\"resourceSpans\": {}}");
  tc_assert_error (r, 400, "resourceSpans: must be an array");
  g_clear_pointer (&r, tc_response_free);
  r = tc_post (f, "/v1/traces", "application/x-protobuf", "\x0a\x02\x08\x01");
  tc_assert_error (r, 415, "OTEL_EXPORTER_OTLP_PROTOCOL=http/json");
  g_clear_pointer (&r, tc_response_free);
  {
    const char *headers[] = { "Content-Encoding", "gzip", NULL };
    g_autoptr(GBytes) junk = g_bytes_new_static ("not gzip at all", 15);

    r = tc_send_request (f, "POST", "/v1/traces", "application/json", junk, headers);
    tc_assert_error (r, 400, "the compressed body is damaged");
  }
  g_assert_cmpint (tc_count_events (f), ==, traces->events->len);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

#define ADD(name, func, data) \
  g_test_add ("/tally/collector/" name, Fixture, data, tc_fixture_setup, func, tc_fixture_teardown)
  ADD ("events-array", test_events_array, NULL);
  ADD ("events-object", test_events_object, NULL);
  ADD ("events-ndjson", test_events_ndjson, NULL);
  ADD ("events-partial", test_events_partial, NULL);
  ADD ("events-refused", test_events_refused, NULL);
  ADD ("limits", test_limits, NULL);
  ADD ("traces", test_traces, NULL);
  ADD ("traces-refused", test_traces_refused, NULL);
#undef ADD

  return g_test_run ();
}
