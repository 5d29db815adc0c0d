/* test-event-object.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The usage event once read: secret-looking keys masked, labels set and
 * replaced, the JSON round trip, copies, and the values derived from the
 * fields (tokens, RTF, parsed times). */

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
test_event_mask_secret (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    /* names stay */
    { "prod-backend", "prod-backend" },
    { "key_1", "key_1" },
    { "team-a", "team-a" },
    { "search-indexer", "search-indexer" },
    { "prod-backend-service-primary", "prod-backend-service-primary" },
    { "12345678901234567890123456789", "12345678901234567890123456789" },
    { "my key 1234567890abcdefghijkl", "my key 1234567890abcdefghijkl" },
    { "sk-test", "sk-test" },
    { "", "" },
    /* known prefixes */
    { "sk-abcdefghijklmnopqrstuvwxyzabcd", "sk-…abcd" },
    { "sk-proj-Q8wE7rT6yU5iO4pA3sD2fG1hJ0kLwxyz", "sk-proj-…wxyz" },
    { "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-k9Zq", "sk-ant-…k9Zq" },
    { "sk_live_51HxYzAbCdEfGhIjKlMn", "sk_…KlMn" },
    { "rk_live_51HxYzAbCdEfGhIjKlMn", "rk_…KlMn" },
    { "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv", "AIza…StUv" },
    { "xai-AbCdEfGhIjKlMnOpQrStUvWx1234", "xai-…1234" },
    { "gsk_AbCdEfGhIjKlMnOpQrStUvWx5678", "gsk_…5678" },
    { "pk-lf-1234abcd-5678-90ef-abcd-1234567890ab", "pk-…90ab" },
    { "Bearer abcdefghijklmnop1234", "Bearer …1234" },
    { "bearer abcdefghijklmnop1234", "bearer …1234" },
    /* prefixed but short: the prefix alone, no tail */
    { "sk-12345678", "sk-…" },
    { "sk-proj-abcdefghijkl", "sk-proj-…" },
    /* unprefixed random tokens */
    { "a1b2c3d4e5f6g7h8i9j0k1l2", "…k1l2" },
    { "Xk3mP9qR7tY2wE5uI8oA1sD4fG6hJ0k9Zq", "…k9Zq" },
    { "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcDEF123_-x", "…3_-x" },
    /* already masked values are kept: reading an exported event again */
    { "sk-…abcd", "sk-…abcd" },
    { "…k9Zq", "…k9Zq" },
  };

  g_assert_null (tally_event_mask_secret (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = tally_event_mask_secret (cases[i].in);

      g_test_message ("%s", cases[i].in);
      g_assert_cmpstr (masked, ==, cases[i].out);
    }
}

static void
test_event_api_key_masked (void)
{
  g_autoptr(TallyEvent) event = tally_test_parse_event (
                  "{" T0 ",\"model\":\"m\",\"api_key\":\"sk-proj-Q8wE7rT6yU5iO4pA3sD2fG1hJ0kLwxyz\"}");
  g_autofree char *a254 = g_strnfill (254, 'a');
  g_autofree char *json = NULL;

  g_assert_cmpstr (event->dims[TALLY_DIMENSION_API_KEY], ==, "sk-proj-…wxyz");
  /* Only api_key is masked: a user is not a secret. */
  g_clear_pointer (&event, tally_event_free);
  event = tally_test_parse_event ("{" T0 ",\"model\":\"m\",\"user\":\"a1b2c3d4e5f6g7h8i9j0k1l2\"}");
  g_assert_cmpstr (event->dims[TALLY_DIMENSION_USER], ==, "a1b2c3d4e5f6g7h8i9j0k1l2");
  /* The length limit applies to what was sent. */
  json = g_strdup_printf ("{" T0 ",\"model\":\"m\",\"api_key\":\"sk-%s\"}", a254);
  tally_test_assert_event_rejected (json, "api_key: longer than 256 bytes");
}

static void
test_event_set_label (void)
{
  g_autoptr(TallyEvent) event = tally_event_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *long_value = g_strnfill (257, 'v');

  g_assert_true (tally_event_set_label (event, "team", "growth", &error));
  g_assert_true (tally_event_set_label (event, "env", "prod", &error));
  g_assert_true (tally_event_set_label (event, "zone", "eu", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (event->n_labels, ==, 3);
  g_assert_cmpstr (event->label_keys[0], ==, "env");
  g_assert_cmpstr (event->label_keys[1], ==, "team");
  g_assert_cmpstr (event->label_keys[2], ==, "zone");
  g_assert_null (event->label_keys[3]);
  g_assert_null (event->label_values[3]);

  g_assert_true (tally_event_set_label (event, "team", "search", &error));
  g_assert_cmpuint (event->n_labels, ==, 3);
  g_assert_cmpstr (tally_event_get_label (event, "team"), ==, "search");
  g_assert_null (tally_event_get_label (event, "nope"));

  g_assert_true (tally_event_set_label (event, "env", NULL, &error));
  g_assert_true (tally_event_set_label (event, "never-set", NULL, &error));
  g_assert_cmpuint (event->n_labels, ==, 2);
  g_assert_cmpstr (event->label_keys[0], ==, "team");
  g_assert_cmpstr (event->label_keys[1], ==, "zone");
  g_assert_null (event->label_keys[2]);
  g_assert_null (tally_event_get_label (event, "env"));

  g_assert_false (tally_event_set_label (event, "bad key", "x", &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tally_event_set_label (event, "team", long_value, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "labels.team: longer than 256 bytes");
  g_clear_error (&error);

  for (guint i = event->n_labels; i < TALLY_EVENT_MAX_LABELS; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);

      g_assert_true (tally_event_set_label (event, key, "v", &error));
    }
  g_assert_false (tally_event_set_label (event, "one-more", "v", &error));
  g_assert_cmpstr (error->message, ==, "labels: at most 16 keys");
  g_clear_error (&error);
  /* Replacing at the limit is fine. */
  g_assert_true (tally_event_set_label (event, "team", "x", &error));
  g_assert_no_error (error);
}

static void
test_event_round_trip (void)
{
  const char *json =
    "{\"time\":\"2025-11-23T10:15:30.250Z\",\"model\":\"gpt-4o\",\"provider\":\"openai\","
    "\"project\":\"search\",\"api_key\":\"sk-proj-…wxyz\",\"user\":\"alice\","
    "\"service\":\"chat-api\",\"language\":\"de\",\"operation\":\"chat\","
    "\"error\":\"rate_limit_exceeded\",\"status\":429,\"input_tokens\":1200,"
    "\"output_tokens\":340,\"cached_tokens\":1024,\"latency_ms\":1812.5,\"ttft_ms\":0.25,"
    "\"queue_ms\":3.0,\"audio_ms\":0.5,\"cost\":0.00123,\"trace_id\":\"4bf92f35\","
    "\"request_id\":\"req_01\",\"labels\":{\"env\":\"prod\",\"team\":\"growth\"}}";
  g_autoptr(TallyEvent) event = tally_test_parse_event (json);
  g_autoptr(TallyEvent) again = NULL;
  g_autoptr(TallyEvent) minimal = NULL;
  g_autofree char *text = tally_test_event_to_string (event);
  g_autofree char *text_again = NULL;
  g_autofree char *minimal_text = NULL;

  g_assert_cmpstr (text, ==, json);
  again = tally_test_parse_event (text);
  text_again = tally_test_event_to_string (again);
  g_assert_cmpstr (text_again, ==, text);

  minimal = tally_test_parse_event ("{\"time\":1763892930,\"model\":\"m\",\"status\":0}");
  minimal_text = tally_test_event_to_string (minimal);
  g_assert_cmpstr (minimal_text, ==, "{\"time\":\"2025-11-23T10:15:30.000Z\",\"model\":\"m\",\"status\":0}");

  /* json-glib prints doubles with 17 digits (0.1 as 0.10000000000000001),
   * which still reads back to the same double. */
  g_clear_pointer (&event, tally_event_free);
  g_clear_pointer (&again, tally_event_free);
  g_clear_pointer (&text, g_free);
  event = tally_test_parse_event ("{" T0 ",\"model\":\"m\",\"cost\":0.1,\"ttft_ms\":123.456}");
  text = tally_test_event_to_string (event);
  again = tally_test_parse_event (text);
  g_assert_cmpfloat (again->cost, ==, 0.1);
  g_assert_cmpfloat (again->ttft_ms, ==, 123.456);
}

static void
test_event_copy (void)
{
  g_autoptr(TallyEvent) event = tally_test_parse_event (
                  "{" T0 ",\"model\":\"m\",\"trace_id\":\"t\",\"request_id\":\"r\",\"labels\":{\"a\":\"1\"}}");
  g_autoptr(TallyEvent) copy = tally_event_copy (event);
  g_autoptr(TallyEvent) empty = tally_event_new ();
  g_autoptr(TallyEvent) empty_copy = tally_event_copy (empty);
  g_autofree char *a = tally_test_event_to_string (event);
  g_autofree char *b = NULL;

  g_assert_true (copy->dims[0] != event->dims[0]);
  g_assert_true (copy->label_keys != event->label_keys);
  g_clear_pointer (&event, tally_event_free);
  b = tally_test_event_to_string (copy);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpuint (empty_copy->n_labels, ==, 0);
  g_assert_true (tally_event_set_label (empty_copy, "x", "y", NULL));
}

static void
test_event_derived (void)
{
  static const struct
  {
    int status;
    const char *error;
    gboolean is_error;
    gboolean rate_limited;
    const char *status_class;
  } cases[] = {
    { 200, NULL, FALSE, FALSE, "2xx" },
    { -1, NULL, FALSE, FALSE, "2xx" },
    { 0, NULL, TRUE, FALSE, "error" },
    { 301, NULL, FALSE, FALSE, "3xx" },
    { 399, NULL, FALSE, FALSE, "3xx" },
    { 400, NULL, TRUE, FALSE, "4xx" },
    { 429, NULL, TRUE, TRUE, "4xx" },
    { 503, NULL, TRUE, FALSE, "5xx" },
    { 200, "timeout", TRUE, FALSE, "2xx" },
    { -1, "timeout", TRUE, FALSE, "error" },
    { -1, "rate_limit_exceeded", TRUE, TRUE, "error" },
    { 500, "RateLimitError", TRUE, TRUE, "5xx" },
    { -1, "Rate Limit reached for gpt-4o", TRUE, TRUE, "error" },
    { -1, "HTTP 429", TRUE, TRUE, "error" },
    { -1, "Too Many Requests", TRUE, TRUE, "error" },
    { 0, "rate-limited", TRUE, FALSE, "error" },
    { 400, "invalid_request_error", TRUE, FALSE, "4xx" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TallyEvent) event = tally_event_new ();

      event->status = cases[i].status;
      event->dims[TALLY_DIMENSION_ERROR] = g_strdup (cases[i].error);
      g_test_message ("%d %s", cases[i].status, cases[i].error);
      g_assert_cmpint (tally_event_is_error (event), ==, cases[i].is_error);
      g_assert_cmpint (tally_event_is_rate_limited (event), ==, cases[i].rate_limited);
      g_assert_cmpstr (tally_event_get_status_class (event), ==, cases[i].status_class);
    }
}

static void
test_event_tokens_and_rtf (void)
{
  g_autoptr(TallyEvent) event = tally_event_new ();

  event->input_tokens = 100;
  g_assert_cmpint (tally_event_get_tokens (event), ==, 100);
  event->cached_tokens = 80;
  g_assert_cmpint (tally_event_get_tokens (event), ==, 100);
  event->input_tokens = -1;
  event->output_tokens = 7;
  g_assert_cmpint (tally_event_get_tokens (event), ==, 7);
  event->input_tokens = 100;
  g_assert_cmpint (tally_event_get_tokens (event), ==, 107);

  event->latency_ms = 500;
  g_assert_true (isnan (tally_event_get_rtf (event)));
  event->audio_ms = 0;
  g_assert_true (isnan (tally_event_get_rtf (event)));
  event->audio_ms = 2000;
  g_assert_cmpfloat (tally_event_get_rtf (event), ==, 0.25);
  event->latency_ms = NAN;
  g_assert_true (isnan (tally_event_get_rtf (event)));
}

static void
test_event_parse_time (void)
{
  g_autoptr(JsonNode) string = json_node_new (JSON_NODE_VALUE);
  g_autoptr(JsonNode) number = json_node_new (JSON_NODE_VALUE);
  g_autoptr(JsonNode) boolean = json_node_new (JSON_NODE_VALUE);
  g_autoptr(GError) error = NULL;
  gint64 ms = 0;

  json_node_set_string (string, "2025-11-23T10:15:30.5Z");
  g_assert_true (tally_event_parse_time (string, &ms, &error));
  g_assert_cmpint (ms, ==, T0_MS + 500);
  json_node_set_double (number, 1763892930.25);
  g_assert_true (tally_event_parse_time (number, &ms, &error));
  g_assert_cmpint (ms, ==, T0_MS + 250);
  /* Only the format: the range check needs the event's "now". */
  json_node_set_string (string, "1990-01-01T00:00:00Z");
  g_assert_true (tally_event_parse_time (string, &ms, &error));
  g_assert_no_error (error);
  json_node_set_boolean (boolean, TRUE);
  g_assert_false (tally_event_parse_time (boolean, &ms, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "time: must be an RFC 3339 date-time or Unix seconds");
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/event/mask-secret", test_event_mask_secret);
  g_test_add_func ("/tally/event/api-key-masked", test_event_api_key_masked);
  g_test_add_func ("/tally/event/set-label", test_event_set_label);
  g_test_add_func ("/tally/event/round-trip", test_event_round_trip);
  g_test_add_func ("/tally/event/copy", test_event_copy);
  g_test_add_func ("/tally/event/derived", test_event_derived);
  g_test_add_func ("/tally/event/tokens-and-rtf", test_event_tokens_and_rtf);
  g_test_add_func ("/tally/event/parse-time", test_event_parse_time);

  return g_test_run ();
}
