/* test-otlp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* OTLP traces to events, on bodies the official OpenTelemetry JS exporter
 * really sent (tests/data/otlp/README.md) and on hand-written edge cases:
 * the exact events, the ignored and rejected spans, the whole-body errors
 * and OTLP's partialSuccess answer. */

#include "config.h"

#include <math.h>

#include "tally-error.h"
#include "tally-event-batch.h"
#include "tally-otlp.h"
#include "tally-test-utils.h"

/* 2025-11-23T12:00:00Z; the fixtures' spans start at midnight. */
#define NOW_MS G_GINT64_CONSTANT (1763899200000)

static TallyOtlpTraces *
parse_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "otlp", name, NULL);
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  TallyOtlpTraces *traces;
  gsize len;

  g_assert_true (g_file_get_contents (path, &body, &len, &error));
  traces = tally_otlp_parse_traces (body, len, NOW_MS, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (traces);
  return traces;
}

static TallyEvent *
event_at (TallyOtlpTraces *traces,
          guint            i)
{
  g_assert_cmpuint (i, <, traces->events->len);
  return g_ptr_array_index (traces->events, i);
}

static const char *
rejection_at (TallyOtlpTraces *traces,
              guint            i,
              guint            index)
{
  TallyEventRejection *r;

  g_assert_cmpuint (i, <, traces->rejected->len);
  r = &g_array_index (traces->rejected, TallyEventRejection, i);
  g_assert_cmpuint (r->index, ==, index);
  return r->error;
}

static void
test_otlp_js_sdk_chat_api (void)
{
  g_autoptr(TallyOtlpTraces) traces = parse_fixture ("js-sdk-chat-api.json");
  g_autofree char *response = tally_otlp_traces_build_response (traces);
  TallyEvent *e;

  g_assert_cmpuint (traces->n_spans, ==, 6);
  g_assert_cmpuint (traces->n_ignored, ==, 3);
  g_assert_cmpuint (traces->rejected->len, ==, 0);
  g_assert_cmpuint (traces->events->len, ==, 3);
  g_assert_cmpstr (response, ==, "{}");

  e = event_at (traces, 0);
  g_assert_cmpint (e->time_ms, ==, G_GINT64_CONSTANT (1763856000120));
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_MODEL], ==, "gpt-4o-2024-08-06");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_PROVIDER], ==, "openai");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_OPERATION], ==, "chat");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_SERVICE], ==, "chat-api");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_PROJECT], ==, "search");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_USER], ==, "alice");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_API_KEY], ==, "sk-proj-…wxyz");
  g_assert_null (e->dims[TALLY_DIMENSION_ERROR]);
  g_assert_cmpint (e->status, ==, 200);
  g_assert_cmpint (e->input_tokens, ==, 1200);
  g_assert_cmpint (e->output_tokens, ==, 340);
  g_assert_cmpint (e->cached_tokens, ==, 1024);
  g_assert_cmpfloat (e->latency_ms, ==, 1812.5);
  g_assert_true (isnan (e->ttft_ms) && isnan (e->cost));
  g_assert_cmpstr (e->trace_id, ==, "779aeb6fd43fa6dfe836da979f120d46");
  g_assert_cmpstr (e->request_id, ==, "chatcmpl-AbC123xyz");
  g_assert_false (tally_event_is_error (e));

  e = event_at (traces, 1);
  g_assert_cmpint (e->time_ms, ==, G_GINT64_CONSTANT (1763856002000));
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_MODEL], ==, "text-embedding-3-small");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_OPERATION], ==, "embeddings");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_USER], ==, "bob");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_API_KEY], ==, "search-indexer");
  g_assert_null (e->dims[TALLY_DIMENSION_PROJECT]);
  g_assert_cmpint (e->input_tokens, ==, 512);
  g_assert_cmpint (e->output_tokens, ==, -1);
  g_assert_cmpint (e->cached_tokens, ==, -1);
  g_assert_cmpfloat (e->latency_ms, ==, 85.25);
  g_assert_null (e->request_id);

  e = event_at (traces, 2);
  g_assert_cmpint (e->time_ms, ==, G_GINT64_CONSTANT (1763856003000));
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_MODEL], ==, "gpt-4o-mini");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_ERROR], ==, "rate_limit_exceeded");
  g_assert_cmpint (e->status, ==, 429);
  g_assert_cmpfloat (e->latency_ms, ==, 250);
  g_assert_true (tally_event_is_error (e));
  g_assert_true (tally_event_is_rate_limited (e));
  g_assert_cmpstr (tally_event_get_status_class (e), ==, "4xx");
}

static void
test_otlp_js_sdk_legacy (void)
{
  g_autoptr(TallyOtlpTraces) traces = parse_fixture ("js-sdk-legacy-attributes.json");
  TallyEvent *e;

  g_assert_cmpuint (traces->n_spans, ==, 2);
  g_assert_cmpuint (traces->n_ignored, ==, 0);
  g_assert_cmpuint (traces->rejected->len, ==, 0);
  g_assert_cmpuint (traces->events->len, ==, 2);

  e = event_at (traces, 0);
  g_assert_cmpint (e->time_ms, ==, G_GINT64_CONSTANT (1763856010000));
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_MODEL], ==, "claude-sonnet-4-5-20250929");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_PROVIDER], ==, "anthropic");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_SERVICE], ==, "summarizer");
  g_assert_cmpint (e->input_tokens, ==, 3000);
  g_assert_cmpint (e->output_tokens, ==, 800);
  g_assert_cmpint (e->cached_tokens, ==, 2048);
  g_assert_cmpfloat (e->latency_ms, ==, 4500);
  g_assert_cmpstr (e->request_id, ==, "msg_01XFDUDYJgAACzvnptvVoYEL");
  g_assert_cmpstr (e->trace_id, ==, "9a03909f3bb9160e11a3636027f9261b");
  g_assert_false (tally_event_is_error (e));

  /* Status ERROR without error.type: a timeout, no HTTP status. */
  e = event_at (traces, 1);
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_MODEL], ==, "claude-haiku-4-5");
  g_assert_cmpint (e->input_tokens, ==, 150);
  g_assert_cmpint (e->output_tokens, ==, -1);
  g_assert_cmpfloat (e->latency_ms, ==, 30000);
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_ERROR], ==, "error");
  g_assert_cmpint (e->status, ==, -1);
  g_assert_true (tally_event_is_error (e));
  g_assert_false (tally_event_is_rate_limited (e));
  g_assert_cmpstr (tally_event_get_status_class (e), ==, "error");
}

static void
test_otlp_number_encodings (void)
{
  g_autoptr(TallyOtlpTraces) traces = parse_fixture ("edge-number-encodings.json");
  g_autofree char *response = tally_otlp_traces_build_response (traces);
  TallyEvent *e;

  g_assert_cmpuint (traces->n_spans, ==, 6);
  g_assert_cmpuint (traces->n_ignored, ==, 2);
  g_assert_cmpuint (traces->events->len, ==, 2);
  g_assert_cmpuint (traces->rejected->len, ==, 2);

  e = event_at (traces, 0);
  g_assert_cmpint (e->time_ms, ==, G_GINT64_CONSTANT (1763856100000));
  g_assert_cmpfloat (e->latency_ms, ==, 750);
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_MODEL], ==, "gpt-4.1");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_SERVICE], ==, "batch-worker");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_PROJECT], ==, "nightly-eval");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_USER], ==, "carol");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_API_KEY], ==, "sk-…abcd");
  g_assert_cmpint (e->input_tokens, ==, 1500);
  g_assert_cmpint (e->output_tokens, ==, 200);
  g_assert_cmpint (e->status, ==, 200);
  g_assert_null (e->dims[TALLY_DIMENSION_ERROR]);

  e = event_at (traces, 1);
  g_assert_cmpint (e->time_ms, ==, G_GINT64_CONSTANT (1763856101000));
  g_assert_true (isnan (e->latency_ms));
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_MODEL], ==, "gpt-4.1-mini");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_PROJECT], ==, "override");
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_ERROR], ==, "error");
  g_assert_cmpint (e->input_tokens, ==, 12);
  g_assert_cmpint (e->output_tokens, ==, 7);
  g_assert_cmpint (e->cached_tokens, ==, 4);

  g_assert_cmpstr (rejection_at (traces, 0, 2), ==, "span d9cf8d938b425553: model: required");
  g_assert_cmpstr (rejection_at (traces, 1, 4), ==, "span #4: must be a JSON object");
  g_assert_cmpstr (response, ==,
                   "{\"partialSuccess\":{\"rejectedSpans\":2,\"errorMessage\":"
                   "\"span d9cf8d938b425553: model: required; span #4: must be a JSON object\"}}");
}

static void
test_otlp_huge_values (void)
{
  static const char *expected[] = {
    "span 0000000000000001: gen_ai.usage.input_tokens: must be an integer ≥ 0",
    "span 0000000000000002: gen_ai.usage.output_tokens: must be at most 1000000000000",
    "span 0000000000000003: startTimeUnixNano: must be Unix nanoseconds",
    "span 0000000000000004: endTimeUnixNano: before startTimeUnixNano",
    "span 0000000000000005: latency_ms: must be at most 604800000",
    "span 0000000000000006: startTimeUnixNano: must be between 2000-01-01 and one day from now",
    "span 0000000000000007: http.response.status_code: must be an integer 0..599",
    "span 0000000000000008: startTimeUnixNano: must be Unix nanoseconds",
    "span 0000000000000009: gen_ai.usage.output_tokens: must be an integer ≥ 0",
    "span 000000000000000a: gen_ai.request.model: must be a string",
    NULL,
    "span #11: gen_ai.usage.cache_read_input_tokens: must be an integer ≥ 0",
  };
  g_autoptr(TallyOtlpTraces) traces = parse_fixture ("edge-huge-values.json");
  g_autofree char *response = tally_otlp_traces_build_response (traces);
  TallyEvent *e;
  guint r = 0;

  g_assert_cmpuint (traces->n_spans, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (traces->n_ignored, ==, 0);
  g_assert_cmpuint (traces->rejected->len, ==, G_N_ELEMENTS (expected) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      if (expected[i] != NULL)
        g_assert_cmpstr (rejection_at (traces, r++, i), ==, expected[i]);
    }

  /* The largest values accepted: at each limit. */
  g_assert_cmpuint (traces->events->len, ==, 1);
  e = event_at (traces, 0);
  g_assert_cmpstr (e->dims[TALLY_DIMENSION_MODEL], ==, "biggest");
  g_assert_cmpint (e->time_ms, ==, G_GINT64_CONSTANT (1763856000000));
  g_assert_cmpint (e->input_tokens, ==, TALLY_EVENT_MAX_TOKENS);
  g_assert_cmpint (e->output_tokens, ==, TALLY_EVENT_MAX_TOKENS);
  g_assert_cmpfloat (e->latency_ms, ==, TALLY_EVENT_MAX_DURATION_MS);

  /* Three reasons and a count of the rest. */
  g_assert_true (g_str_has_prefix (response, "{\"partialSuccess\":{\"rejectedSpans\":11,\"errorMessage\":"
                                             "\"span 0000000000000001: gen_ai.usage.input_tokens"));
  g_assert_true (g_str_has_suffix (response, "startTimeUnixNano: must be Unix nanoseconds (and 8 more)\"}}"));
}

static void
assert_body_error (const char *body,
                   gssize      len,
                   guint       max_spans,
                   int         code,
                   const char *message)
{
  g_autoptr(TallyOtlpTraces) traces = NULL;
  g_autoptr(GError) error = NULL;

  traces = tally_otlp_parse_traces (body, len < 0 ? strlen (body) : (gsize) len, NOW_MS, max_spans,
                                    &error);
  g_assert_null (traces);
  g_assert_error (error, TALLY_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_otlp_body_errors (void)
{
  g_autofree char *bomb = g_strnfill (100000, '[');
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "otlp", "js-sdk-chat-api.json", NULL);
  g_autofree char *body = NULL;
  gsize len;

  assert_body_error ("", 0, 0, TALLY_ERROR_INVALID, "the body is empty");
  assert_body_error ("not json", -1, 0, TALLY_ERROR_INVALID,
                     "invalid JSON at line 1, column 1 (byte 0): expected a value");
  assert_body_error ("{\"resourceSpans\":[", -1, 0, TALLY_ERROR_INVALID,
                     "invalid JSON at line 1, column 19 (byte 18): unexpected end of input");
  assert_body_error ("{\"resourceSpans\":[]} {}", -1, 0, TALLY_ERROR_INVALID, NULL);
  assert_body_error ("{\"a\":\"\xFF\"}", -1, 0, TALLY_ERROR_INVALID,
                     "invalid JSON at line 1, column 7 (byte 6): invalid UTF-8");
  assert_body_error (bomb, -1, 0, TALLY_ERROR_INVALID,
                     "invalid JSON at line 1, column 65 (byte 64): nested deeper than 64 levels");
  assert_body_error ("[]", -1, 0, TALLY_ERROR_INVALID, "expected an OTLP ExportTraceServiceRequest object");
  assert_body_error ("{\"resourceSpans\":{}}", -1, 0, TALLY_ERROR_INVALID,
                     "resourceSpans: must be an array");
  assert_body_error ("{\"resourceSpans\":[1]}", -1, 0, TALLY_ERROR_INVALID,
                     "resourceSpans[0]: must be an object");
  assert_body_error ("{\"resourceSpans\":[{\"scopeSpans\":\"x\"}]}", -1, 0, TALLY_ERROR_INVALID,
                     "resourceSpans[0].scopeSpans: must be an array");
  assert_body_error ("{\"resourceSpans\":[{},{\"scopeSpans\":[{},{\"spans\":{}}]}]}", -1, 0,
                     TALLY_ERROR_INVALID, "resourceSpans[1].scopeSpans[1].spans: must be an array");

  g_assert_true (g_file_get_contents (path, &body, &len, NULL));
  assert_body_error (body, len, 5, TALLY_ERROR_TOO_LARGE, "more than 5 spans in one request");
}

static void
test_otlp_empty_requests (void)
{
  static const char *bodies[] = {
    "{}", "{\"resourceSpans\":[]}", "{\"resourceSpans\":null}", "{\"resourceSpans\":[{}]}",
    "{\"resourceSpans\":[{\"resource\":{\"attributes\":5},\"scopeSpans\":[{\"spans\":null}]}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TallyOtlpTraces) traces = tally_otlp_parse_traces (bodies[i], strlen (bodies[i]),
                                                                  NOW_MS, 0, &error);
      g_autofree char *response = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (traces->n_spans, ==, 0);
      g_assert_cmpuint (traces->events->len, ==, 0);
      response = tally_otlp_traces_build_response (traces);
      g_assert_cmpstr (response, ==, "{}");
    }
}

static void
test_otlp_odd_attributes (void)
{
  const char *body =
    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":7,\"traceId\":[1],"
    "\"startTimeUnixNano\":\"1763856000000000000\",\"status\":{\"code\":2},\"attributes\":["
    "5,{\"key\":1},{\"key\":\"x\"},{\"key\":\"gen_ai.system\",\"value\":5},"
    "{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"m\"}},"
    "{\"key\":\"error.type\",\"value\":{}},"
    "{\"key\":\"gen_ai.provider.name\",\"value\":{\"kvlistValue\":{\"values\":[]}}}]}]}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyOtlpTraces) traces = tally_otlp_parse_traces (body, strlen (body), NOW_MS, 0, &error);

  /* Malformed attributes are skipped; a map where a string belongs is a
   * rule broken, reported with the attribute's name. */
  g_assert_no_error (error);
  g_assert_cmpuint (traces->events->len, ==, 0);
  g_assert_cmpstr (rejection_at (traces, 0, 0), ==, "span #0: gen_ai.provider.name: must be a string");
}

static void
test_otlp_response_builder (void)
{
  g_autofree char *ok = tally_otlp_build_response (0, NULL);
  g_autofree char *ok_empty = tally_otlp_build_response (0, "");
  g_autofree char *warning = tally_otlp_build_response (0, "3 spans ignored");
  g_autofree char *partial = tally_otlp_build_response (2, "span 1: \"x\"");

  g_assert_cmpstr (ok, ==, "{}");
  g_assert_cmpstr (ok_empty, ==, "{}");
  g_assert_cmpstr (warning, ==, "{\"partialSuccess\":{\"rejectedSpans\":0,\"errorMessage\":\"3 spans ignored\"}}");
  g_assert_cmpstr (partial, ==,
                   "{\"partialSuccess\":{\"rejectedSpans\":2,\"errorMessage\":\"span 1: \\\"x\\\"\"}}");
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/otlp/js-sdk-chat-api", test_otlp_js_sdk_chat_api);
  g_test_add_func ("/tally/otlp/js-sdk-legacy-attributes", test_otlp_js_sdk_legacy);
  g_test_add_func ("/tally/otlp/number-encodings", test_otlp_number_encodings);
  g_test_add_func ("/tally/otlp/huge-values", test_otlp_huge_values);
  g_test_add_func ("/tally/otlp/body-errors", test_otlp_body_errors);
  g_test_add_func ("/tally/otlp/empty-requests", test_otlp_empty_requests);
  g_test_add_func ("/tally/otlp/odd-attributes", test_otlp_odd_attributes);
  g_test_add_func ("/tally/otlp/response-builder", test_otlp_response_builder);

  return g_test_run ();
}
