/* test-event-batch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Request bodies to events: the strict streaming reader on tricky JSON,
 * the batch formats, partial rejection with the right indices, the errors
 * that refuse a whole body, and agreement with json-glib on every value. */

#include "config.h"

#include <math.h>

#include "tally-error.h"
#include "tally-event-batch.h"
#include "tally-json-reader.h"
#include "tally-test-utils.h"

/* 2025-11-23T12:00:00Z */
#define NOW_MS G_GINT64_CONSTANT (1763899200000)
#define EV(model) "{\"time\":\"2025-11-23T10:15:30Z\",\"model\":\"" model "\"}"

/* Test names in the log, escaped: TAP is line-based and UTF-8. */
static void
note (const char *text)
{
  g_autofree char *escaped = g_strescape (text, NULL);

  g_test_message ("%s", escaped);
}

/* Reads one value that must be the whole of @json. */
static gboolean
read_one (const char       *json,
          gsize             len,
          TallyEventValue  *value,
          char            **string_copy,
          GError          **error)
{
  TallyJsonReader reader;
  gboolean ok;

  tally_json_reader_init (&reader, json, len);
  ok = tally_json_reader_read_value (&reader, value, error) && tally_json_reader_end (&reader, error);
  if (ok && string_copy != NULL && value->type == TALLY_EVENT_VALUE_STRING)
    *string_copy = g_memdup2 (value->str, value->len + 1);
  tally_json_reader_clear (&reader);
  return ok;
}

static void
test_reader_strings (void)
{
  static const struct { const char *json; const char *expected; gsize len; } cases[] = {
    { "\"\"", "", 0 },
    { "\"plain ascii text that is longer than eight bytes\"", "plain ascii text that is longer than eight bytes", 48 },
    { "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t", 8 },
    { "\"\\u0041\\u00e9\\u20AC\"", "Aé€", 6 },
    { "\"\\ud83d\\ude80 rocket\"", "🚀 rocket", 11 },
    { "\"\\uD834\\uDD1E\"", "𝄞", 4 },
    { "\"é€🚀 raw\"", "é€🚀 raw", 13 },
    { "\"a\\u0000b\"", "a\0b", 3 },
    { "\"\\u007f\x7f\"", "\x7f\x7f", 2 },
    { "\"before \\n after: a long tail to cross the eight byte blocks\"",
      "before \n after: a long tail to cross the eight byte blocks", 58 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = NULL;
      TallyEventValue value;

      note (cases[i].json);
      g_assert_true (read_one (cases[i].json, strlen (cases[i].json), &value, &copy, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value.type, ==, TALLY_EVENT_VALUE_STRING);
      g_assert_cmpuint (value.len, ==, cases[i].len);
      g_assert_cmpmem (copy, value.len, cases[i].expected, cases[i].len);
    }
}

static void
test_reader_bad_strings (void)
{
  static const struct { const char *json; const char *reason; TallyJsonErrorKind kind; } cases[] = {
    { "\"\\ud83d\"", "lone surrogate in a \\u escape", TALLY_JSON_ERROR_SYNTAX },
    { "\"\\ud83d\\u0041\"", "lone surrogate in a \\u escape", TALLY_JSON_ERROR_SYNTAX },
    { "\"\\ud83dx\"", "lone surrogate in a \\u escape", TALLY_JSON_ERROR_SYNTAX },
    { "\"\\ude80\"", "lone surrogate in a \\u escape", TALLY_JSON_ERROR_SYNTAX },
    { "\"\\u12\"", "invalid \\u escape", TALLY_JSON_ERROR_SYNTAX },
    { "\"\\u12G4\"", "invalid \\u escape", TALLY_JSON_ERROR_SYNTAX },
    { "\"\\x41\"", "invalid escape sequence", TALLY_JSON_ERROR_SYNTAX },
    { "\"\\'\"", "invalid escape sequence", TALLY_JSON_ERROR_SYNTAX },
    { "\"a\nb\"", "control character in a string", TALLY_JSON_ERROR_SYNTAX },
    { "\"a\tb\"", "control character in a string", TALLY_JSON_ERROR_SYNTAX },
    { "\"unterminated", "unexpected end of input in a string", TALLY_JSON_ERROR_SYNTAX },
    { "\"ends in escape\\", "unexpected end of input in a string", TALLY_JSON_ERROR_SYNTAX },
    { "\"\xC0\xAF\"", "invalid UTF-8", TALLY_JSON_ERROR_UTF8 },
    { "\"\xE0\x80\xAF\"", "invalid UTF-8", TALLY_JSON_ERROR_UTF8 },
    { "\"\xED\xA0\x80\"", "invalid UTF-8", TALLY_JSON_ERROR_UTF8 },
    { "\"\xF4\x90\x80\x80\"", "invalid UTF-8", TALLY_JSON_ERROR_UTF8 },
    { "\"\xF8\x88\x80\x80\x80\"", "invalid UTF-8", TALLY_JSON_ERROR_UTF8 },
    { "\"\xE2\x82\"", "invalid UTF-8", TALLY_JSON_ERROR_UTF8 },
    { "\"\x80\"", "invalid UTF-8", TALLY_JSON_ERROR_UTF8 },
    { "\"\xFF\"", "invalid UTF-8", TALLY_JSON_ERROR_UTF8 },
    { "\"12345678\xE2\x82\"", "invalid UTF-8", TALLY_JSON_ERROR_UTF8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TallyJsonReader reader;
      TallyEventValue value;
      g_autoptr(GError) error = NULL;

      note (cases[i].json);
      tally_json_reader_init (&reader, cases[i].json, strlen (cases[i].json));
      g_assert_false (tally_json_reader_read_value (&reader, &value, &error));
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      g_assert_cmpstr (tally_json_reader_get_error_reason (&reader), ==, cases[i].reason);
      g_assert_cmpint (tally_json_reader_get_error_kind (&reader), ==, cases[i].kind);
      tally_json_reader_clear (&reader);
    }
}

static void
test_reader_numbers (void)
{
  static const struct { const char *json; gboolean is_int; gint64 i; double d; } cases[] = {
    { "0", TRUE, 0, 0 },
    { "-0", TRUE, 0, 0 },
    { "123", TRUE, 123, 123 },
    { "-123", TRUE, -123, -123 },
    { "9223372036854775807", TRUE, G_MAXINT64, 9223372036854775807.0 },
    { "-9223372036854775808", TRUE, G_MININT64, -9223372036854775808.0 },
    { "9223372036854775808", FALSE, 0, 9223372036854775808.0 },
    { "-9223372036854775809", FALSE, 0, -9223372036854775809.0 },
    { "18446744073709551616", FALSE, 0, 18446744073709551616.0 },
    { "123456789012345678901234567890", FALSE, 0, 123456789012345678901234567890.0 },
    { "1.5", FALSE, 0, 1.5 },
    { "0.1", FALSE, 0, 0.1 },
    { "0.30000000000000004", FALSE, 0, 0.30000000000000004 },
    { "1e3", FALSE, 0, 1000 },
    { "1E+3", FALSE, 0, 1000 },
    { "12.0", FALSE, 0, 12 },
    { "1e-3", FALSE, 0, 0.001 },
    { "-2.5e-3", FALSE, 0, -0.0025 },
    { "0.000001", FALSE, 0, 0.000001 },
    { "123456.789", FALSE, 0, 123456.789 },
    { "1763892930.123", FALSE, 0, 1763892930.123 },
    { "4.9e-324", FALSE, 0, 4.9e-324 },
    { "2.2250738585072014e-308", FALSE, 0, 2.2250738585072014e-308 },
    { "1.7976931348623157e308", FALSE, 0, 1.7976931348623157e308 },
    { "9007199254740993", TRUE, G_GINT64_CONSTANT (9007199254740993), 9007199254740992.0 },
    { "9007199254740993.0", FALSE, 0, 9007199254740992.0 },
    { "0.1e1", FALSE, 0, 1 },
    { "100e-2", FALSE, 0, 1 },
    { "1e0000000000000000000003", FALSE, 0, 1000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      TallyEventValue value;

      note (cases[i].json);
      g_assert_true (read_one (cases[i].json, strlen (cases[i].json), &value, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value.type, ==, TALLY_EVENT_VALUE_NUMBER);
      g_assert_cmpint (value.is_int, ==, cases[i].is_int);
      if (cases[i].is_int)
        g_assert_cmpint (value.i, ==, cases[i].i);
      g_assert_cmpfloat (value.d, ==, cases[i].d);
    }
}

static void
test_reader_number_limits (void)
{
  TallyEventValue value;

  /* Overflow to infinity is a value, refused later by the field rules. */
  g_assert_true (read_one ("1e400", 5, &value, NULL, NULL));
  g_assert_true (isinf (value.d) && value.d > 0);
  g_assert_true (read_one ("-1e400", 6, &value, NULL, NULL));
  g_assert_true (isinf (value.d) && value.d < 0);
  g_assert_true (read_one ("1e-400", 6, &value, NULL, NULL));
  g_assert_cmpfloat (value.d, ==, 0);
}

static void
test_reader_bad_values (void)
{
  static const char *cases[] = {
    "01", "-01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "-Infinity",
    "tru", "nul", "True", "NULL", "fals", "'a'", "", "   ", "1 2", "[1,]", "[,1]", "{\"a\":1,}",
    "{\"a\" 1}", "{a:1}", "{\"a\":1 \"b\":2}", "[1 2]", "{\"a\"}", "{1:2}", "[", "{", "]", "}",
    "[1]]", "{}}", "\"a\"\"b\"", "/* c */ 1", "1 // c", "\xEF\xBB\xBF" "1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      note (cases[i]);
      g_assert_false (tally_json_validate (cases[i], strlen (cases[i]), &error));
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
    }
}

static void
test_reader_literals_and_containers (void)
{
  const char *json = " {\"a\" : [true, false, null, {}, [], {\"b\":[[]]}, -1.5e2, \"s\"] , \"\" : {} }\r\n\t";
  TallyJsonReader reader;
  TallyEventValue value;
  gboolean more;
  const char *name;
  gsize len;

  g_assert_true (tally_json_validate (json, strlen (json), NULL));
  tally_json_reader_init (&reader, json, strlen (json));
  g_assert_cmpint (tally_json_reader_peek (&reader), ==, TALLY_EVENT_VALUE_OBJECT);
  g_assert_true (tally_json_reader_enter_object (&reader, NULL));
  g_assert_true (tally_json_reader_next_member (&reader, &more, &name, &len, NULL));
  g_assert_true (more);
  g_assert_cmpmem (name, len, "a", 1);
  g_assert_true (tally_json_reader_enter_array (&reader, NULL));
  g_assert_true (tally_json_reader_next_element (&reader, &more, NULL) && more);
  g_assert_true (tally_json_reader_read_value (&reader, &value, NULL));
  g_assert_true (value.type == TALLY_EVENT_VALUE_BOOLEAN && value.i == TRUE);
  g_assert_true (tally_json_reader_next_element (&reader, &more, NULL) && more);
  g_assert_true (tally_json_reader_read_value (&reader, &value, NULL));
  g_assert_true (value.type == TALLY_EVENT_VALUE_BOOLEAN && value.i == FALSE);
  g_assert_true (tally_json_reader_next_element (&reader, &more, NULL) && more);
  g_assert_true (tally_json_reader_read_value (&reader, &value, NULL));
  g_assert_cmpint (value.type, ==, TALLY_EVENT_VALUE_NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (tally_json_reader_next_element (&reader, &more, NULL) && more);
      g_assert_true (tally_json_reader_skip_value (&reader, NULL));
    }
  g_assert_true (tally_json_reader_next_element (&reader, &more, NULL) && more);
  g_assert_true (tally_json_reader_read_value (&reader, &value, NULL));
  g_assert_cmpfloat (value.d, ==, -150);
  g_assert_true (tally_json_reader_next_element (&reader, &more, NULL) && more);
  g_assert_true (tally_json_reader_skip_value (&reader, NULL));
  g_assert_true (tally_json_reader_next_element (&reader, &more, NULL));
  g_assert_false (more);
  g_assert_true (tally_json_reader_next_member (&reader, &more, &name, &len, NULL) && more);
  g_assert_cmpuint (len, ==, 0);
  g_assert_true (tally_json_reader_skip_value (&reader, NULL));
  g_assert_true (tally_json_reader_next_member (&reader, &more, &name, &len, NULL));
  g_assert_false (more);
  g_assert_true (tally_json_reader_end (&reader, NULL));
  tally_json_reader_clear (&reader);
}

static char *
nested (guint       depth,
        const char *open,
        const char *inner,
        const char *close)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

static void
test_reader_depth (void)
{
  g_autofree char *ok_arrays = nested (TALLY_JSON_MAX_DEPTH, "[", "1", "]");
  g_autofree char *deep_arrays = nested (TALLY_JSON_MAX_DEPTH + 1, "[", "1", "]");
  g_autofree char *ok_objects = nested (TALLY_JSON_MAX_DEPTH, "{\"a\":", "1", "}");
  g_autofree char *deep_objects = nested (TALLY_JSON_MAX_DEPTH + 1, "{\"a\":", "1", "}");
  g_autofree char *bomb = g_strnfill (1000000, '[');
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_json_validate (ok_arrays, strlen (ok_arrays), NULL));
  g_assert_true (tally_json_validate (ok_objects, strlen (ok_objects), NULL));
  g_assert_false (tally_json_validate (deep_arrays, strlen (deep_arrays), &error));
  g_assert_cmpstr (error->message, ==, "invalid JSON at line 1, column 65 (byte 64): nested deeper than 64 levels");
  g_clear_error (&error);
  g_assert_false (tally_json_validate (deep_objects, strlen (deep_objects), &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tally_json_validate (bomb, strlen (bomb), &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
}

static void
test_reader_error_position (void)
{
  g_autoptr(GError) error = NULL;
  const char *json = "[\n  {\"a\" 1}\n]";

  g_assert_false (tally_json_validate (json, strlen (json), &error));
  g_assert_cmpstr (error->message, ==, "invalid JSON at line 2, column 8 (byte 9): expected ‘:’");
  g_clear_error (&error);
  g_assert_false (tally_json_validate ("[1] x", 5, &error));
  g_assert_cmpstr (error->message, ==,
                   "invalid JSON at line 1, column 5 (byte 4): unexpected data after the JSON value");
  g_clear_error (&error);
  /* The input need not be NUL-terminated: the length is the end. */
  g_assert_true (tally_json_validate ("[1]garbage", 3, NULL));
  g_assert_true (tally_json_utf8_validate ("aé", 3, NULL));
}

static gboolean
parse (const char             *body,
       TallyEventBatchFormat   format,
       guint                   max_events,
       GPtrArray             **events,
       GArray                **rejected,
       GError                **error)
{
  return tally_event_batch_parse (body, strlen (body), format, NOW_MS, max_events,
                                  events, rejected, error);
}

static void
assert_models (GPtrArray  *events,
               const char *models)
{
  g_auto(GStrv) expected = g_strsplit (models, ",", -1);

  g_assert_cmpuint (events->len, ==, g_strv_length (expected));
  for (guint i = 0; i < events->len; i++)
    {
      TallyEvent *event = g_ptr_array_index (events, i);

      g_assert_cmpstr (event->dims[TALLY_DIMENSION_MODEL], ==, expected[i]);
    }
}

static void
assert_rejection (GArray     *rejected,
                  guint       i,
                  guint       index,
                  const char *message)
{
  TallyEventRejection *r;

  g_assert_cmpuint (i, <, rejected->len);
  r = &g_array_index (rejected, TallyEventRejection, i);
  g_assert_cmpuint (r->index, ==, index);
  g_assert_cmpstr (r->error, ==, message);
}

static void
test_batch_array (void)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (parse ("[" EV ("a") "," EV ("b") " , " EV ("c") "]", TALLY_EVENT_BATCH_JSON, 0,
                        &events, &rejected, &error));
  g_assert_no_error (error);
  assert_models (events, "a,b,c");
  g_assert_cmpuint (rejected->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  g_clear_pointer (&rejected, g_array_unref);

  g_assert_true (parse (" [ ]\n", TALLY_EVENT_BATCH_JSON, 0, &events, &rejected, &error));
  g_assert_cmpuint (events->len, ==, 0);
  g_assert_cmpuint (rejected->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  g_clear_pointer (&rejected, g_array_unref);

  /* A byte order mark is ignored. */
  g_assert_true (parse ("\xEF\xBB\xBF[" EV ("a") "]", TALLY_EVENT_BATCH_JSON, 0,
                        &events, &rejected, &error));
  assert_models (events, "a");
}

static void
test_batch_object (void)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (parse ("{\"source\":{\"sdk\":[1,{\"x\":null}]},\"events\":[" EV ("a") "," EV ("b")
                        "],\"after\":\"ignored\"}", TALLY_EVENT_BATCH_JSON, 0,
                        &events, &rejected, &error));
  g_assert_no_error (error);
  assert_models (events, "a,b");
  g_clear_pointer (&events, g_ptr_array_unref);
  g_clear_pointer (&rejected, g_array_unref);

  g_assert_true (parse ("{\"events\":[]}", TALLY_EVENT_BATCH_JSON, 0, &events, &rejected, &error));
  g_assert_cmpuint (events->len, ==, 0);
}

static void
test_batch_partial (void)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(GError) error = NULL;
  const char *body =
    "[" EV ("a") ","
    "{\"time\":\"2025-11-23T10:15:30Z\",\"model\":\"bad\",\"input_tokens\":-5,\"labels\":{\"x\":{}}},"
    EV ("c") ",42,"
    "{\"model\":\"no time\",\"unknown\":[{\"deep\":[1,2,{\"deeper\":\"\\u00e9\"}]}]},"
    "{\"time\":\"2025-11-23T10:15:30Z\",\"model\":\"f\",\"labels\":{\"k\":\"v\"}},"
    "null]";

  g_assert_true (parse (body, TALLY_EVENT_BATCH_JSON, 0, &events, &rejected, &error));
  g_assert_no_error (error);
  assert_models (events, "a,c,f");
  g_assert_cmpstr (tally_event_get_label (g_ptr_array_index (events, 2), "k"), ==, "v");
  g_assert_cmpuint (rejected->len, ==, 4);
  assert_rejection (rejected, 0, 1, "input_tokens: must be an integer ≥ 0");
  assert_rejection (rejected, 1, 3, "event: must be a JSON object");
  assert_rejection (rejected, 2, 4, "time: required");
  assert_rejection (rejected, 3, 6, "event: must be a JSON object");
}

static void
test_batch_nul_in_strings (void)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) rejected = NULL;
  const char *body =
    "[{\"time\":\"2025-11-23T10:15:30Z\",\"model\":\"a\\u0000b\"},"
    "{\"time\":\"2025-11-23T10:15:30Z\",\"model\":\"m\",\"labels\":{\"k\":\"a\\u0000\"}},"
    "{\"time\":\"2025-11-23T10:15:30Z\",\"model\":\"m\",\"labels\":{\"k\\u0000\":\"v\"}},"
    "{\"time\":\"2025-11-23T10:15:30Z\\u0000\",\"model\":\"m\"}]";

  g_assert_true (parse (body, TALLY_EVENT_BATCH_JSON, 0, &events, &rejected, NULL));
  g_assert_cmpuint (events->len, ==, 0);
  assert_rejection (rejected, 0, 0, "model: must not contain NUL characters");
  assert_rejection (rejected, 1, 1, "labels.k: must not contain NUL characters");
  assert_rejection (rejected, 2, 2, "labels: a key must not contain NUL characters");
  assert_rejection (rejected, 3, 3, "time: must be an RFC 3339 date-time or Unix seconds");
}

static void
test_batch_ndjson (void)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(GError) error = NULL;
  const char *body =
    "\xEF\xBB\xBF" EV ("a") "\r\n"
    "\r\n"
    "   \t\n"
    EV ("b") "\n"
    "{\"time\":\"2025-11-23T10:15:30Z\",\"model\":\"c\",\"status\":700}\r\n"
    "{\"time\":\"2025-11-23T10:15:30Z\",\"model\":\"d\"\n"
    "\n"
    "  " EV ("e") "  \r\n"
    EV ("f") " " EV ("g") "\n"
    "[" EV ("h") "]\n"
    "not json at all\n"
    EV ("last");

  g_assert_true (parse (body, TALLY_EVENT_BATCH_NDJSON, 0, &events, &rejected, &error));
  g_assert_no_error (error);
  assert_models (events, "a,b,e,last");
  g_assert_cmpuint (rejected->len, ==, 5);
  assert_rejection (rejected, 0, 2, "line 5: status: must be an integer 0..599");
  assert_rejection (rejected, 1, 3, "line 6: invalid JSON at column 43: unexpected end of input");
  assert_rejection (rejected, 2, 5,
                    "line 9: invalid JSON at column 45: unexpected data after the JSON value");
  assert_rejection (rejected, 3, 6, "line 10: event: must be a JSON object");
  assert_rejection (rejected, 4, 7, "line 11: invalid JSON at column 1: expected a value");
  g_clear_pointer (&events, g_ptr_array_unref);
  g_clear_pointer (&rejected, g_array_unref);

  g_assert_true (parse ("", TALLY_EVENT_BATCH_NDJSON, 0, &events, &rejected, &error));
  g_assert_cmpuint (events->len + rejected->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  g_clear_pointer (&rejected, g_array_unref);
  g_assert_true (parse ("\n\r\n\n", TALLY_EVENT_BATCH_NDJSON, 0, &events, &rejected, &error));
  g_assert_cmpuint (events->len + rejected->len, ==, 0);
}

static void
test_batch_ndjson_bad_utf8 (void)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(GError) error = NULL;

  /* In a string, and outside one after a syntax error: both fail the body. */
  g_assert_false (parse (EV ("a") "\n{\"time\":\"2025-11-23T10:15:30Z\",\"model\":\"\xC3\x28\"}\n",
                         TALLY_EVENT_BATCH_NDJSON, 0, &events, &rejected, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "invalid UTF-8 at line 2, column 41");
  g_assert_null (events);
  g_assert_null (rejected);
  g_clear_error (&error);
  g_assert_false (parse ("{x \xFF}\n", TALLY_EVENT_BATCH_NDJSON, 0, &events, &rejected, &error));
  g_assert_cmpstr (error->message, ==, "invalid UTF-8 at line 1, column 4");
}

static void
assert_body_error (const char            *body,
                   gsize                  len,
                   TallyEventBatchFormat  format,
                   int                    code,
                   const char            *message)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *start = g_strndup (body, MIN (len, 80));

  note (start);
  g_assert_false (tally_event_batch_parse (body, len, format, NOW_MS, 3, &events, &rejected, &error));
  g_assert_error (error, TALLY_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  g_assert_null (events);
  g_assert_null (rejected);
}

#define BODY_ERROR(body, code, message) \
  assert_body_error (body, strlen (body), TALLY_EVENT_BATCH_JSON, TALLY_ERROR_##code, message)

static void
test_batch_body_errors (void)
{
  const char *shape = "expected a JSON array of events or an object with an “events” array";
  g_autofree char *bomb = g_strnfill (100000, '[');
  g_autofree char *deep = nested (200, "[", "", "]");
  g_autofree char *deep_member = g_strdup_printf ("[{\"time\":1,\"x\":%s}]", deep);

  BODY_ERROR ("", INVALID, "the body is empty");
  BODY_ERROR (" \n ", INVALID, "the body is empty");
  BODY_ERROR ("[{\"time\":", INVALID,
              "invalid JSON at line 1, column 10 (byte 9): unexpected end of input");
  BODY_ERROR ("[" EV ("a"), INVALID,
              "invalid JSON at line 1, column 45 (byte 44): unexpected end of input");
  BODY_ERROR ("[" EV ("a") "] []", INVALID,
              "invalid JSON at line 1, column 47 (byte 46): unexpected data after the JSON value");
  BODY_ERROR ("[" EV ("a") ",]", INVALID,
              "invalid JSON at line 1, column 46 (byte 45): expected a value");
  BODY_ERROR ("[{\"time\":\"2025-11-23T10:15:30Z\",\"model\":\"\xE9t\xE9\"}]", INVALID,
              "invalid JSON at line 1, column 42 (byte 41): invalid UTF-8");
  BODY_ERROR (bomb, INVALID, "invalid JSON at line 1, column 65 (byte 64): nested deeper than 64 levels");
  BODY_ERROR (deep_member, INVALID, NULL);
  BODY_ERROR ("42", INVALID, shape);
  BODY_ERROR ("\"events\"", INVALID, shape);
  BODY_ERROR ("null", INVALID, shape);
  BODY_ERROR ("{}", INVALID, shape);
  BODY_ERROR ("{\"event\":[]}", INVALID, shape);
  BODY_ERROR ("{\"events\":{}}", INVALID, "events: must be an array");
  BODY_ERROR ("{\"events\":null}", INVALID, "events: must be an array");
  BODY_ERROR ("{\"events\":[],\"events\":[]}", INVALID, "events: given twice");
  BODY_ERROR ("{\"events\":[]} x", INVALID,
              "invalid JSON at line 1, column 15 (byte 14): unexpected data after the JSON value");
  BODY_ERROR ("nope", INVALID, "invalid JSON at line 1, column 1 (byte 0): expected a value");
  BODY_ERROR ("<html>", INVALID, "invalid JSON at line 1, column 1 (byte 0): expected a value");
  /* A NUL byte is not JSON white space. */
  assert_body_error ("[]\0", 3, TALLY_EVENT_BATCH_JSON, TALLY_ERROR_INVALID,
                     "invalid JSON at line 1, column 3 (byte 2): unexpected data after the JSON value");
}

static void
test_batch_max_events (void)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(GError) error = NULL;
  const char *three = "[" EV ("a") ",1," EV ("c") "]";
  const char *four = "[" EV ("a") ",1," EV ("c") "," EV ("d") "]";

  /* Rejected events count: the limit is on what the body carries. */
  g_assert_true (parse (three, TALLY_EVENT_BATCH_JSON, 3, &events, &rejected, &error));
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);
  g_clear_pointer (&rejected, g_array_unref);
  g_assert_true (parse (four, TALLY_EVENT_BATCH_JSON, 0, &events, &rejected, &error));
  g_assert_cmpuint (events->len, ==, 3);

  assert_body_error (four, strlen (four), TALLY_EVENT_BATCH_JSON, TALLY_ERROR_TOO_LARGE,
                     "more than 3 events in one request");
  assert_body_error ("{\"events\":" "[" EV ("a") ",1," EV ("c") "," EV ("d") "]}",
                     strlen ("{\"events\":" "[" EV ("a") ",1," EV ("c") "," EV ("d") "]}"),
                     TALLY_EVENT_BATCH_JSON, TALLY_ERROR_TOO_LARGE, NULL);
  assert_body_error (EV ("a") "\n\n" EV ("b") "\nx\n" EV ("d") "\n",
                     strlen (EV ("a") "\n\n" EV ("b") "\nx\n" EV ("d") "\n"),
                     TALLY_EVENT_BATCH_NDJSON, TALLY_ERROR_TOO_LARGE, "more than 3 events in one request");
}

static void
test_batch_content_type (void)
{
  g_assert_cmpint (tally_event_batch_format_for_content_type (NULL), ==, TALLY_EVENT_BATCH_JSON);
  g_assert_cmpint (tally_event_batch_format_for_content_type ("application/json"), ==,
                   TALLY_EVENT_BATCH_JSON);
  g_assert_cmpint (tally_event_batch_format_for_content_type ("application/json; charset=utf-8"), ==,
                   TALLY_EVENT_BATCH_JSON);
  g_assert_cmpint (tally_event_batch_format_for_content_type ("application/x-ndjson"), ==,
                   TALLY_EVENT_BATCH_NDJSON);
  g_assert_cmpint (tally_event_batch_format_for_content_type ("Application/X-NDJSON; charset=utf-8"), ==,
                   TALLY_EVENT_BATCH_NDJSON);
  g_assert_cmpint (tally_event_batch_format_for_content_type ("application/jsonl"), ==,
                   TALLY_EVENT_BATCH_NDJSON);
  g_assert_cmpint (tally_event_batch_format_for_content_type ("application/x-ndjsonx"), ==,
                   TALLY_EVENT_BATCH_JSON);
}

static void
test_batch_response (void)
{
  g_autoptr(GArray) rejected = tally_event_rejections_new ();
  g_autofree char *none = tally_event_batch_build_response (3, NULL);
  g_autofree char *some = NULL;

  g_assert_cmpstr (none, ==, "{\"accepted\":3,\"rejected\":[]}");
  tally_event_rejections_add (rejected, 1, "input_tokens: must be an integer ≥ 0");
  tally_event_rejections_add (rejected, 4, "model: \"quoted\"\n");
  some = tally_event_batch_build_response (2, rejected);
  g_assert_cmpstr (some, ==,
                   "{\"accepted\":2,\"rejected\":[{\"index\":1,\"error\":\"input_tokens: must be an "
                   "integer ≥ 0\"},{\"index\":4,\"error\":\"model: \\\"quoted\\\"\\n\"}]}");
}

/* Random events with every field, numbers in many notations and strings
 * with escapes: the reader and json-glib must read the same events. */
static void
append_random_event (GString *s,
                     GRand   *rand)
{
  static const char *numbers[] = { "0", "12", "12.0", "1.25e2", "1E3", "0.001", "123456.789", "7e-1" };
  static const char *strings[] = {
    "plain", "caf\\u00e9", "\\ud83d\\ude80 launch", "tab\\tand\\nnewline", "quote \\\" slash \\/",
    "ünïcödé", "sk-proj-Q8wE7rT6yU5iO4pA3sD2fG1hJ0kLwxyz", "a1b2c3d4e5f6g7h8i9j0k1l2m3",
  };
  const char *fields[] = { "provider", "project", "api_key", "user", "error", "trace_id" };
  const char *numeric[] = { "input_tokens", "output_tokens", "latency_ms", "ttft_ms", "cost" };

  g_string_append_printf (s, "{\"time\":%d.%03d,\"model\":\"%s\"", 1763890000 + g_rand_int_range (rand, 0, 9000),
                          g_rand_int_range (rand, 0, 1000), strings[g_rand_int_range (rand, 0, 8)]);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_rand_boolean (rand))
      g_string_append_printf (s, ",\"%s\":\"%s\"", fields[i], strings[g_rand_int_range (rand, 0, 8)]);
  for (guint i = 0; i < G_N_ELEMENTS (numeric); i++)
    if (g_rand_boolean (rand))
      g_string_append_printf (s, ",\"%s\":%s", numeric[i], numbers[g_rand_int_range (rand, 0, 8)]);
  if (g_rand_boolean (rand))
    g_string_append_printf (s, ",\"status\":%d", g_rand_int_range (rand, 0, 600));
  if (g_rand_boolean (rand))
    g_string_append (s, ",\"labels\":{\"z\":\"1\",\"a\":\"caf\\u00e9\"},\"extra\":{\"n\":[1,{}]}");
  g_string_append_c (s, '}');
}

static void
test_batch_agrees_with_json_glib (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GString) body = g_string_new ("[");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  for (guint i = 0; i < 500; i++)
    {
      if (i > 0)
        g_string_append_c (body, ',');
      append_random_event (body, rand);
    }
  g_string_append_c (body, ']');

  g_assert_true (parse (body->str, TALLY_EVENT_BATCH_JSON, 0, &events, &rejected, NULL));
  g_assert_true (json_parser_load_from_data (parser, body->str, body->len, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, events->len + rejected->len);
  /* Both kinds must occur for the comparison to mean something. */
  g_assert_cmpuint (events->len, >, 100);
  g_assert_cmpuint (rejected->len, >, 100);

  for (guint i = 0, e = 0, r = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TallyEvent) event = tally_event_new_from_json (json_array_get_element (array, i),
                                                               NOW_MS, &error);
      g_autoptr(JsonNode) a = NULL;
      g_autoptr(JsonNode) b = NULL;
      g_autofree char *text_a = NULL;
      g_autofree char *text_b = NULL;

      if (event == NULL)
        {
          assert_rejection (rejected, r++, i, error->message);
          continue;
        }
      a = tally_event_to_json (event);
      b = tally_event_to_json (g_ptr_array_index (events, e++));
      text_a = json_to_string (a, FALSE);
      text_b = json_to_string (b, FALSE);
      g_assert_cmpstr (text_a, ==, text_b);
    }
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/event-batch/reader/strings", test_reader_strings);
  g_test_add_func ("/tally/event-batch/reader/bad-strings", test_reader_bad_strings);
  g_test_add_func ("/tally/event-batch/reader/numbers", test_reader_numbers);
  g_test_add_func ("/tally/event-batch/reader/number-limits", test_reader_number_limits);
  g_test_add_func ("/tally/event-batch/reader/bad-values", test_reader_bad_values);
  g_test_add_func ("/tally/event-batch/reader/literals-and-containers", test_reader_literals_and_containers);
  g_test_add_func ("/tally/event-batch/reader/depth", test_reader_depth);
  g_test_add_func ("/tally/event-batch/reader/error-position", test_reader_error_position);
  g_test_add_func ("/tally/event-batch/array", test_batch_array);
  g_test_add_func ("/tally/event-batch/object", test_batch_object);
  g_test_add_func ("/tally/event-batch/partial", test_batch_partial);
  g_test_add_func ("/tally/event-batch/nul-in-strings", test_batch_nul_in_strings);
  g_test_add_func ("/tally/event-batch/ndjson", test_batch_ndjson);
  g_test_add_func ("/tally/event-batch/ndjson-bad-utf8", test_batch_ndjson_bad_utf8);
  g_test_add_func ("/tally/event-batch/body-errors", test_batch_body_errors);
  g_test_add_func ("/tally/event-batch/max-events", test_batch_max_events);
  g_test_add_func ("/tally/event-batch/content-type", test_batch_content_type);
  g_test_add_func ("/tally/event-batch/response", test_batch_response);
  g_test_add_func ("/tally/event-batch/agrees-with-json-glib", test_batch_agrees_with_json_glib);

  return g_test_run ();
}
