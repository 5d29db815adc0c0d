/* test-json-pointer.c
 *
 * JSON pointers (RFC 6901) over a document parsed by json-glib: the
 * examples of the RFC's section 5, and the errors for what is not there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "tally-error.h"
#include "tally-json-pointer.h"
#include <string.h>

#include "tally-test-utils.h"

/* RFC 6901, section 5 */
static const char rfc_document[] =
  "{\"foo\": [\"bar\", \"baz\"], \"\": 0, \"a/b\": 1, \"c%d\": 2, \"e^f\": 3,"
  " \"g|h\": 4, \"i\\\\j\": 5, \"k\\\"l\": 6, \" \": 7, \"m~n\": 8}";

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static gint64
int_at (JsonNode   *root,
        const char *pointer)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = tally_json_pointer_get (root, pointer, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return json_node_get_int (node);
}

static void
test_rfc_examples (void)
{
  g_autoptr(JsonNode) root = parse (rfc_document);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  node = tally_json_pointer_get (root, "", &error);
  g_assert_no_error (error);
  g_assert_true (node == root);

  node = tally_json_pointer_get (root, "/foo", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);

  node = tally_json_pointer_get (root, "/foo/0", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (node), ==, "bar");
  node = tally_json_pointer_get (root, "/foo/1", &error);
  g_assert_cmpstr (json_node_get_string (node), ==, "baz");

  g_assert_cmpint (int_at (root, "/"), ==, 0);
  g_assert_cmpint (int_at (root, "/a~1b"), ==, 1);
  g_assert_cmpint (int_at (root, "/c%d"), ==, 2);
  g_assert_cmpint (int_at (root, "/e^f"), ==, 3);
  g_assert_cmpint (int_at (root, "/g|h"), ==, 4);
  g_assert_cmpint (int_at (root, "/i\\j"), ==, 5);
  g_assert_cmpint (int_at (root, "/k\"l"), ==, 6);
  g_assert_cmpint (int_at (root, "/ "), ==, 7);
  g_assert_cmpint (int_at (root, "/m~0n"), ==, 8);
}

/* "~01" is "~1" unescaped once: the member "~1", not "/" */
static void
test_escape_order (void)
{
  g_autoptr(JsonNode) root = parse ("{\"~1\": 10, \"/\": 20, \"a\": {\"~\": {\"b/c\": 30}}}");

  g_assert_cmpint (int_at (root, "/~01"), ==, 10);
  g_assert_cmpint (int_at (root, "/~1"), ==, 20);
  g_assert_cmpint (int_at (root, "/a/~0/b~1c"), ==, 30);
}

static void
assert_missing (JsonNode   *root,
                const char *pointer,
                int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (tally_json_pointer_get (root, pointer, &error));
  g_assert_error (error, TALLY_ERROR, code);
  /* the message names the pointer */
  g_assert_nonnull (strstr (error->message, pointer));
}

static void
test_missing_and_malformed (void)
{
  g_autoptr(JsonNode) root = parse ("{\"list\": [1, 2, 3], \"n\": 4}");

  assert_missing (root, "/nope", TALLY_ERROR_BAD_RESPONSE);
  assert_missing (root, "/list/3", TALLY_ERROR_BAD_RESPONSE);
  assert_missing (root, "/list/01", TALLY_ERROR_BAD_RESPONSE);
  assert_missing (root, "/list/-", TALLY_ERROR_BAD_RESPONSE);
  assert_missing (root, "/list/x", TALLY_ERROR_BAD_RESPONSE);
  assert_missing (root, "/n/0", TALLY_ERROR_BAD_RESPONSE);
  assert_missing (root, "list", TALLY_ERROR_INVALID);
  assert_missing (root, "/a~2b", TALLY_ERROR_INVALID);
  assert_missing (root, "/a~", TALLY_ERROR_INVALID);

  g_assert_cmpint (int_at (root, "/list/2"), ==, 3);
  g_assert_true (tally_json_pointer_check ("", NULL));
  g_assert_true (tally_json_pointer_check ("/a/~0~1", NULL));
  g_assert_false (tally_json_pointer_check ("a", NULL));
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/json-pointer/rfc-examples", test_rfc_examples);
  g_test_add_func ("/json-pointer/escape-order", test_escape_order);
  g_test_add_func ("/json-pointer/missing-and-malformed", test_missing_and_malformed);

  return g_test_run ();
}
