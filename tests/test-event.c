/* test-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The usage event as it is read: every field's rule with its exact
 * message, RFC 3339 and Unix times, strings, numbers and labels. Each
 * event is read by both readers (json-glib's tree and the collector's
 * streaming batch reader), which must agree word for word. */

#include "config.h"

#include <math.h>

#include "tally-error.h"
#include "tally-event.h"
#include "tally-event-batch.h"
#include "tally-test-events.h"
#include "tally-test-utils.h"

#define T0     "\"time\":\"2025-11-23T10:15:30Z\""
#define T0_MS  G_GINT64_CONSTANT (1763892930000)

static void
test_event_new_is_empty (void)
{
  g_autoptr(TallyEvent) event = tally_event_new ();

  g_assert_cmpint (event->time_ms, ==, 0);
  for (guint i = 0; i < TALLY_N_EVENT_DIMENSIONS; i++)
    g_assert_null (event->dims[i]);
  g_assert_cmpint (event->status, ==, -1);
  g_assert_cmpint (event->input_tokens, ==, -1);
  g_assert_cmpint (event->output_tokens, ==, -1);
  g_assert_cmpint (event->cached_tokens, ==, -1);
  g_assert_true (isnan (event->latency_ms) && isnan (event->ttft_ms));
  g_assert_true (isnan (event->queue_ms) && isnan (event->audio_ms) && isnan (event->cost));
  g_assert_cmpuint (event->n_labels, ==, 0);
  g_assert_cmpint (tally_event_get_tokens (event), ==, -1);
  g_assert_true (isnan (tally_event_get_rtf (event)));
}

static void
test_event_every_field (void)
{
  g_autoptr(TallyEvent) event = tally_test_parse_event (
                  "{\"time\":\"2025-11-23T10:15:30.250Z\",\"model\":\"gpt-4o\",\"provider\":\"openai\","
                  "\"project\":\"search\",\"api_key\":\"prod-backend\",\"user\":\"alice\","
                  "\"service\":\"chat-api\",\"language\":\"de\",\"operation\":\"chat\",\"status\":429,"
                  "\"error\":\"rate_limit_exceeded\",\"input_tokens\":1200,\"output_tokens\":340,"
                  "\"cached_tokens\":1024,\"latency_ms\":1812.5,\"ttft_ms\":210.25,\"queue_ms\":3,"
                  "\"audio_ms\":0.5,\"cost\":0.00123,\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                  "\"request_id\":\"req_01\",\"labels\":{\"team\":\"growth\",\"env\":\"prod\"},"
                  "\"unknown\":{\"nested\":[1,{\"deep\":true}]},\"also_unknown\":null}");

  g_assert_cmpint (event->time_ms, ==, T0_MS + 250);
  g_assert_cmpstr (event->dims[TALLY_DIMENSION_MODEL], ==, "gpt-4o");
  g_assert_cmpstr (event->dims[TALLY_DIMENSION_PROVIDER], ==, "openai");
  g_assert_cmpstr (event->dims[TALLY_DIMENSION_PROJECT], ==, "search");
  g_assert_cmpstr (event->dims[TALLY_DIMENSION_API_KEY], ==, "prod-backend");
  g_assert_cmpstr (event->dims[TALLY_DIMENSION_USER], ==, "alice");
  g_assert_cmpstr (event->dims[TALLY_DIMENSION_SERVICE], ==, "chat-api");
  g_assert_cmpstr (event->dims[TALLY_DIMENSION_LANGUAGE], ==, "de");
  g_assert_cmpstr (event->dims[TALLY_DIMENSION_OPERATION], ==, "chat");
  g_assert_null (event->dims[TALLY_DIMENSION_STATUS]);
  g_assert_null (event->dims[TALLY_DIMENSION_STATUS_CLASS]);
  g_assert_cmpstr (event->dims[TALLY_DIMENSION_ERROR], ==, "rate_limit_exceeded");
  g_assert_cmpint (event->status, ==, 429);
  g_assert_cmpint (event->input_tokens, ==, 1200);
  g_assert_cmpint (event->output_tokens, ==, 340);
  g_assert_cmpint (event->cached_tokens, ==, 1024);
  g_assert_cmpfloat (event->latency_ms, ==, 1812.5);
  g_assert_cmpfloat (event->ttft_ms, ==, 210.25);
  g_assert_cmpfloat (event->queue_ms, ==, 3);
  g_assert_cmpfloat (event->audio_ms, ==, 0.5);
  g_assert_cmpfloat (event->cost, ==, 0.00123);
  g_assert_cmpstr (event->trace_id, ==, "4bf92f3577b34da6a3ce929d0e0e4736");
  g_assert_cmpstr (event->request_id, ==, "req_01");
  g_assert_cmpuint (event->n_labels, ==, 2);
  g_assert_cmpstr (event->label_keys[0], ==, "env");
  g_assert_cmpstr (event->label_values[0], ==, "prod");
  g_assert_cmpstr (event->label_keys[1], ==, "team");
  g_assert_cmpstr (event->label_values[1], ==, "growth");
  g_assert_null (event->label_keys[2]);
  g_assert_cmpint (tally_event_get_tokens (event), ==, 1540);
  g_assert_cmpfloat (tally_event_get_rtf (event), ==, 3625.0);
}

static void
test_event_null_is_absent (void)
{
  g_autoptr(TallyEvent) event = tally_test_parse_event (
                  "{" T0 ",\"model\":\"m\",\"provider\":null,\"project\":null,\"api_key\":null,\"user\":null,"
                  "\"service\":null,\"language\":null,\"operation\":null,\"status\":null,\"error\":null,"
                  "\"input_tokens\":null,\"output_tokens\":null,\"cached_tokens\":null,\"latency_ms\":null,"
                  "\"ttft_ms\":null,\"queue_ms\":null,\"audio_ms\":null,\"cost\":null,\"trace_id\":null,"
                  "\"request_id\":null,\"labels\":null}");
  g_autoptr(TallyEvent) empty = tally_event_new ();

  g_assert_cmpint (event->time_ms, ==, T0_MS);
  for (guint i = 1; i < TALLY_N_EVENT_DIMENSIONS; i++)
    g_assert_null (event->dims[i]);
  g_assert_cmpint (event->status, ==, -1);
  g_assert_cmpint (event->input_tokens, ==, -1);
  g_assert_true (isnan (event->latency_ms) && isnan (event->cost));
  g_assert_null (event->trace_id);
  g_assert_null (event->request_id);
  g_assert_cmpuint (event->n_labels, ==, 0);
  /* An empty string counts as absent too. */
  g_clear_pointer (&event, tally_event_free);
  event = tally_test_parse_event ("{" T0 ",\"model\":\"m\",\"provider\":\"\",\"error\":\"\"}");
  g_assert_null (event->dims[TALLY_DIMENSION_PROVIDER]);
  g_assert_null (event->dims[TALLY_DIMENSION_ERROR]);
  g_assert_false (tally_event_is_error (event));
}

static void
test_event_required (void)
{
  tally_test_assert_event_rejected ("{}", "time: required");
  tally_test_assert_event_rejected ("{\"model\":\"m\"}", "time: required");
  tally_test_assert_event_rejected ("{\"time\":null,\"model\":\"m\"}", "time: required");
  tally_test_assert_event_rejected ("{" T0 "}", "model: required");
  tally_test_assert_event_rejected ("{" T0 ",\"model\":\"\"}", "model: required");
  tally_test_assert_event_rejected ("{" T0 ",\"model\":null}", "model: required");
  tally_test_assert_event_rejected ("[]", "event: must be a JSON object");
  tally_test_assert_event_rejected ("\"event\"", "event: must be a JSON object");
  tally_test_assert_event_rejected ("null", "event: must be a JSON object");
}

static void
test_event_time_formats (void)
{
  static const struct { const char *time; gint64 ms; } cases[] = {
    { "\"2025-11-23T10:15:30Z\"", T0_MS },
    { "\"2025-11-23T10:15:30.123Z\"", T0_MS + 123 },
    { "\"2025-11-23T10:15:30.1Z\"", T0_MS + 100 },
    { "\"2025-11-23T10:15:30.12Z\"", T0_MS + 120 },
    { "\"2025-11-23T10:15:30.123999999Z\"", T0_MS + 123 },
    { "\"2025-11-23T12:15:30+02:00\"", T0_MS },
    { "\"2025-11-23T05:15:30-05:00\"", T0_MS },
    { "\"2025-11-23T15:45:30.5+05:30\"", T0_MS + 500 },
    { "\"2025-11-23T10:15:30+00:00\"", T0_MS },
    { "\"2025-11-23T10:15:30-00:00\"", T0_MS },
    { "\"2025-11-23t10:15:30z\"", T0_MS },
    { "\"2025-11-23 10:15:30Z\"", T0_MS },
    { "\"2025-11-23T10:15:29.999Z\"", T0_MS - 1 },
    { "\"2024-02-29T00:00:00Z\"", G_GINT64_CONSTANT (1709164800000) },
    { "\"2000-01-01T00:00:00Z\"", G_GINT64_CONSTANT (946684800000) },
    { "\"2025-11-24T12:00:00Z\"", TALLY_TEST_EVENT_NOW_MS + 86400000 },
    { "1763892930", T0_MS },
    { "1763892930.0", T0_MS },
    { "1763892930.123", T0_MS + 123 },
    { "1763892930.5", T0_MS + 500 },
    { "1.76389293e9", T0_MS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"time\":%s,\"model\":\"m\"}", cases[i].time);
      g_autoptr(TallyEvent) event = tally_test_parse_event (json);

      g_test_message ("%s", cases[i].time);
      g_assert_cmpint (event->time_ms, ==, cases[i].ms);
    }
}

static void
test_event_time_invalid (void)
{
  static const char *cases[] = {
    "\"2025-11-23\"", "\"2025-11-23T10:15:30\"", "\"2025-11-23T10:15Z\"",
    "\"2025-02-29T00:00:00Z\"", "\"2025-13-01T00:00:00Z\"", "\"2025-00-10T00:00:00Z\"",
    "\"2025-04-31T00:00:00Z\"", "\"2025-11-23T24:00:00Z\"", "\"2025-11-23T10:60:00Z\"",
    "\"2025-11-23T10:15:30.Z\"", "\"2025-11-23T10:15:30+0200\"", "\"2025-11-23T10:15:30+24:00\"",
    "\"2025-11-23T10:15:30+02\"", "\"2025-11-23T10:15:30Z \"", "\" 2025-11-23T10:15:30Z\"",
    "\"2025-11-23X10:15:30Z\"", "\"25-11-23T10:15:30Z\"", "\"yesterday\"", "\"1763892930\"",
    "\"\"", "true", "{}", "[1763892930]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"time\":%s,\"model\":\"m\"}", cases[i]);

      g_test_message ("%s", cases[i]);
      tally_test_assert_event_rejected (json, "time: must be an RFC 3339 date-time or Unix seconds");
    }
}

static void
test_event_time_range (void)
{
  const char *range = "time: must be between 2000-01-01 and one day from now";

  tally_test_assert_event_rejected ("{\"time\":\"1999-12-31T23:59:59.999Z\",\"model\":\"m\"}", range);
  tally_test_assert_event_rejected ("{\"time\":\"2025-11-24T12:00:00.001Z\",\"model\":\"m\"}", range);
  tally_test_assert_event_rejected ("{\"time\":\"9999-12-31T23:59:59Z\",\"model\":\"m\"}", range);
  tally_test_assert_event_rejected ("{\"time\":0,\"model\":\"m\"}", range);
  tally_test_assert_event_rejected ("{\"time\":-1763892930,\"model\":\"m\"}", range);
  tally_test_assert_event_rejected ("{\"time\":1e300,\"model\":\"m\"}",
                                    "time: must be an RFC 3339 date-time or Unix seconds");
  /* Milliseconds by mistake get a hint. */
  tally_test_assert_event_rejected ("{\"time\":1763892930000,\"model\":\"m\"}",
                                    "time: must be Unix seconds, not milliseconds");
}

static const char *string_fields[] = {
  "provider", "project", "api_key", "user", "service", "language", "operation", "error",
  "trace_id", "request_id",
};

static void
test_event_strings (void)
{
  g_autofree char *max = g_strnfill (256, 'a');
  g_autofree char *over = g_strnfill (257, 'a');
  g_autofree char *error_max = g_strnfill (1024, 'e');
  g_autofree char *error_over = g_strnfill (1025, 'e');
  g_autofree char *model_over = g_strdup_printf ("{" T0 ",\"model\":\"%s\"}", over);

  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    {
      const char *name = string_fields[i];
      gboolean is_error = g_str_equal (name, "error");
      g_autofree char *wrong = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"%s\":12}", name);
      g_autofree char *wrong_message = g_strdup_printf ("%s: must be a string", name);
      g_autofree char *array = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"%s\":[\"a\"]}", name);
      g_autofree char *fits = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"%s\":\"%s\"}", name,
                                               is_error ? error_max : max);
      g_autofree char *long_json = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"%s\":\"%s\"}", name,
                                                    is_error ? error_over : over);
      g_autofree char *long_message = g_strdup_printf ("%s: longer than %d bytes", name,
                                                       is_error ? 1024 : 256);
      g_autoptr(TallyEvent) event = NULL;

      tally_test_assert_event_rejected (wrong, wrong_message);
      tally_test_assert_event_rejected (array, wrong_message);
      tally_test_assert_event_rejected (long_json, long_message);
      event = tally_test_parse_event (fits);
      g_assert_nonnull (event);
    }

  tally_test_assert_event_rejected ("{" T0 ",\"model\":true}", "model: must be a string");
  tally_test_assert_event_rejected (model_over, "model: longer than 256 bytes");
}

static void
test_event_strings_unicode (void)
{
  /* Limits count bytes: 128 two-byte characters fit, 129 do not. */
  g_autoptr(GString) fits = g_string_new ("{" T0 ",\"model\":\"");
  g_autoptr(GString) over = NULL;
  g_autoptr(TallyEvent) event = NULL;

  for (guint i = 0; i < 128; i++)
    g_string_append (fits, "é");
  over = g_string_new (fits->str);
  g_string_append (over, "é\"}");
  g_string_append (fits, "\"}");
  event = tally_test_parse_event (fits->str);
  g_assert_cmpuint (strlen (event->dims[TALLY_DIMENSION_MODEL]), ==, 256);
  tally_test_assert_event_rejected (over->str, "model: longer than 256 bytes");

  g_clear_pointer (&event, tally_event_free);
  event = tally_test_parse_event ("{" T0 ",\"model\":\"mod\\u00e8le \\ud83d\\ude80 \\\"x\\\"\"}");
  g_assert_cmpstr (event->dims[TALLY_DIMENSION_MODEL], ==, "modèle 🚀 \"x\"");
}

static void
test_event_status (void)
{
  static const struct { const char *json; int status; } good[] = {
    { "0", 0 }, { "200", 200 }, { "429", 429 }, { "599", 599 }, { "200.0", 200 }, { "2e2", 200 },
  };
  static const char *bad[] = { "-1", "600", "200.5", "\"200\"", "true", "{}", "1e400" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *json = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"status\":%s}", good[i].json);
      g_autoptr(TallyEvent) event = tally_test_parse_event (json);

      g_assert_cmpint (event->status, ==, good[i].status);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *json = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"status\":%s}", bad[i]);

      g_test_message ("status %s", bad[i]);
      tally_test_assert_event_rejected (json, "status: must be an integer 0..599");
    }
}

static void
test_event_tokens (void)
{
  static const char *fields[] = { "input_tokens", "output_tokens", "cached_tokens" };
  static const struct { const char *json; gint64 value; } good[] = {
    { "0", 0 }, { "12", 12 }, { "12.0", 12 }, { "1.2e3", 1200 }, { "-0", 0 },
    { "1000000000000", G_GINT64_CONSTANT (1000000000000) },
  };
  static const char *bad[] = {
    "-1", "1.5", "\"12\"", "true", "[]", "{}", "-9223372036854775808", "1e-3", "-1e400",
  };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      g_autofree char *message = g_strdup_printf ("%s: must be an integer ≥ 0", fields[f]);
      g_autofree char *max_message = g_strdup_printf ("%s: must be at most 1000000000000", fields[f]);

      for (guint i = 0; i < G_N_ELEMENTS (good); i++)
        {
          g_autofree char *json = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"%s\":%s}",
                                                   fields[f], good[i].json);
          g_autoptr(TallyEvent) event = tally_test_parse_event (json);
          gint64 values[] = { event->input_tokens, event->output_tokens, event->cached_tokens };

          g_assert_cmpint (values[f], ==, good[i].value);
        }
      for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
        {
          g_autofree char *json = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"%s\":%s}",
                                                   fields[f], bad[i]);

          g_test_message ("%s %s", fields[f], bad[i]);
          tally_test_assert_event_rejected (json, message);
        }
      for (guint i = 0; i < 3; i++)
        {
          static const char *over[] = { "1000000000001", "1e13", "9223372036854775807" };
          g_autofree char *json = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"%s\":%s}",
                                                   fields[f], over[i]);

          tally_test_assert_event_rejected (json, max_message);
        }
    }
}

static void
test_event_durations_and_cost (void)
{
  static const char *fields[] = { "latency_ms", "ttft_ms", "queue_ms", "audio_ms", "cost" };
  static const char *bad[] = { "-0.001", "-1", "\"5\"", "true", "[]", "{}", "-1e400" };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      gboolean cost = g_str_equal (fields[f], "cost");
      g_autofree char *message = g_strdup_printf ("%s: must be a number ≥ 0", fields[f]);
      g_autofree char *max_message = g_strdup_printf ("%s: must be at most %s", fields[f],
                                                      cost ? "1000000000" : "604800000");
      g_autofree char *good = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"%s\":%s}", fields[f],
                                               cost ? "1e9" : "604800000");
      g_autofree char *over = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"%s\":%s}", fields[f],
                                               cost ? "1000000000.5" : "604800000.001");
      g_autofree char *huge = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"%s\":1e400}", fields[f]);
      g_autoptr(TallyEvent) event = tally_test_parse_event (good);

      for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
        {
          g_autofree char *json = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"%s\":%s}",
                                                   fields[f], bad[i]);

          g_test_message ("%s %s", fields[f], bad[i]);
          tally_test_assert_event_rejected (json, message);
        }
      tally_test_assert_event_rejected (over, max_message);
      /* 1e400 overflows to infinity in the reader: still only too big. */
      tally_test_assert_event_rejected (huge, max_message);
    }
}

static void
test_event_numbers_exact (void)
{
  g_autoptr(TallyEvent) event = tally_test_parse_event (
                  "{" T0 ",\"model\":\"m\",\"latency_ms\":-0,\"ttft_ms\":0.1,\"queue_ms\":123456.789,"
                  "\"cost\":1.7976931348623157e-300,\"audio_ms\":2.5E+3}");

  g_assert_cmpfloat (event->latency_ms, ==, 0.0);
  g_assert_false (signbit (event->latency_ms));
  g_assert_cmpfloat (event->ttft_ms, ==, 0.1);
  g_assert_cmpfloat (event->queue_ms, ==, 123456.789);
  g_assert_cmpfloat (event->cost, ==, 1.7976931348623157e-300);
  g_assert_cmpfloat (event->audio_ms, ==, 2500.0);
}

static char *
labels_json (guint       n,
             const char *extra)
{
  GString *s = g_string_new ("{" T0 ",\"model\":\"m\",\"labels\":{");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s\"k%02u\":\"v%u\"", i ? "," : "", 15 - i % 16 + 16 * (i / 16), i);
  if (extra != NULL)
    g_string_append_printf (s, "%s%s", n ? "," : "", extra);
  g_string_append (s, "}}");
  return g_string_free (s, FALSE);
}

static void
test_event_labels (void)
{
  g_autofree char *sixteen = labels_json (16, NULL);
  g_autofree char *seventeen = labels_json (17, NULL);
  g_autofree char *key64 = g_strnfill (64, 'k');
  g_autofree char *key65 = g_strnfill (65, 'k');
  g_autofree char *value256 = g_strnfill (256, 'v');
  g_autofree char *value257 = g_strnfill (257, 'v');
  g_autofree char *json = NULL;
  g_autoptr(TallyEvent) event = tally_test_parse_event (sixteen);

  /* Sorted by key whatever the order they came in. */
  g_assert_cmpuint (event->n_labels, ==, 16);
  for (guint i = 0; i < 16; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%02u", i);
      g_autofree char *value = g_strdup_printf ("v%u", 15 - i);

      g_assert_cmpstr (event->label_keys[i], ==, key);
      g_assert_cmpstr (event->label_values[i], ==, value);
    }
  tally_test_assert_event_rejected (seventeen, "labels: at most 16 keys");
  /* A repeated key replaces, and a null value is no label. */
  g_clear_pointer (&event, tally_event_free);
  event = tally_test_parse_event ("{" T0 ",\"model\":\"m\",\"labels\":{\"a\":\"1\",\"b\":null,\"a\":\"2\"}}");
  g_assert_cmpuint (event->n_labels, ==, 1);
  g_assert_cmpstr (tally_event_get_label (event, "a"), ==, "2");

  json = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"labels\":{\"%s\":\"%s\",\"a.b-c_d/e\":\"x\"}}",
                          key64, value256);
  g_clear_pointer (&event, tally_event_free);
  event = tally_test_parse_event (json);
  g_assert_cmpstr (tally_event_get_label (event, key64), ==, value256);
  g_assert_cmpstr (tally_event_get_label (event, "a.b-c_d/e"), ==, "x");

  tally_test_assert_event_rejected ("{" T0 ",\"model\":\"m\",\"labels\":[]}", "labels: must be an object of strings");
  tally_test_assert_event_rejected ("{" T0 ",\"model\":\"m\",\"labels\":\"team=a\"}", "labels: must be an object of strings");
  tally_test_assert_event_rejected ("{" T0 ",\"model\":\"m\",\"labels\":{\"a b\":\"x\"}}",
                                    "labels: “a b” is not a valid key (letters, digits and _-./, 1 to 64 bytes)");
  tally_test_assert_event_rejected ("{" T0 ",\"model\":\"m\",\"labels\":{\"\":\"x\"}}",
                                    "labels: “” is not a valid key (letters, digits and _-./, 1 to 64 bytes)");
  tally_test_assert_event_rejected ("{" T0 ",\"model\":\"m\",\"labels\":{\"é\":\"x\"}}",
                                    "labels: “é” is not a valid key (letters, digits and _-./, 1 to 64 bytes)");
  g_free (json);
  json = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"labels\":{\"%s\":\"x\"}}", key65);
  tally_test_assert_event_rejected (json, "labels: a key is longer than 64 bytes");
  g_free (json);
  json = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"labels\":{\"team\":\"%s\"}}", value257);
  tally_test_assert_event_rejected (json, "labels.team: longer than 256 bytes");
  tally_test_assert_event_rejected ("{" T0 ",\"model\":\"m\",\"labels\":{\"team\":5}}", "labels.team: must be a string");
  tally_test_assert_event_rejected ("{" T0 ",\"model\":\"m\",\"labels\":{\"team\":{\"a\":\"b\"}}}",
                                    "labels.team: must be a string");
}

static void
test_event_first_error_wins (void)
{
  /* Members are checked in order; required fields last. */
  tally_test_assert_event_rejected ("{\"status\":900,\"input_tokens\":-1}", "status: must be an integer 0..599");
  tally_test_assert_event_rejected ("{\"input_tokens\":-1,\"status\":900}", "input_tokens: must be an integer ≥ 0");
  tally_test_assert_event_rejected ("{\"model\":\"m\",\"cost\":-1}", "cost: must be a number ≥ 0");
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/event/new-is-empty", test_event_new_is_empty);
  g_test_add_func ("/tally/event/every-field", test_event_every_field);
  g_test_add_func ("/tally/event/null-is-absent", test_event_null_is_absent);
  g_test_add_func ("/tally/event/required", test_event_required);
  g_test_add_func ("/tally/event/time/formats", test_event_time_formats);
  g_test_add_func ("/tally/event/time/invalid", test_event_time_invalid);
  g_test_add_func ("/tally/event/time/range", test_event_time_range);
  g_test_add_func ("/tally/event/strings", test_event_strings);
  g_test_add_func ("/tally/event/strings-unicode", test_event_strings_unicode);
  g_test_add_func ("/tally/event/status", test_event_status);
  g_test_add_func ("/tally/event/tokens", test_event_tokens);
  g_test_add_func ("/tally/event/durations-and-cost", test_event_durations_and_cost);
  g_test_add_func ("/tally/event/numbers-exact", test_event_numbers_exact);
  g_test_add_func ("/tally/event/labels", test_event_labels);
  g_test_add_func ("/tally/event/first-error-wins", test_event_first_error_wins);

  return g_test_run ();
}
