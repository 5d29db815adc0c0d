/* tally-json-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Small helpers json-glib 1.6 and GLib 2.74 lack: a deep copy
 * (json_node_copy shares objects and arrays), replacing a string field
 * only when it changes (g_set_str is GLib 2.76), and the errors every
 * reader of Tally's JSON gives: the member's path, then the rule broken. */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-paths.h"

JsonNode *
tally_json_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *dest = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (dest, l->data,
                                tally_json_deep_copy (json_object_get_member (object, l->data)));
      copy = json_node_init_object (json_node_alloc (), dest);
      json_object_unref (dest);
      return copy;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *dest = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (dest, tally_json_deep_copy (json_array_get_element (array, i)));
      copy = json_node_init_array (json_node_alloc (), dest);
      json_array_unref (dest);
      return copy;
    }

  return json_node_copy (node);
}

/* A new reference to a deep copy of @object. */
JsonObject *
tally_json_object_deep_copy (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  node = json_node_init_object (json_node_alloc (), object);
  copy = tally_json_deep_copy (node);

  return json_object_ref (json_node_get_object (copy));
}

/* Sets *@target to a copy of @value; returns whether it changed. */
gboolean
tally_str_replace (char       **target,
                   const char  *value)
{
  if (g_strcmp0 (*target, value) == 0)
    return FALSE;

  g_free (*target);
  *target = g_strdup (value);
  return TRUE;
}

/**
 * tally_append_shortest_double:
 * @out: where to append
 * @value: a finite number
 *
 * Appends the shortest decimal that reads back as the same double:
 * 0.05, not 0.050000000000000003; 2, not 2.0.
 */
void
tally_append_shortest_double (GString *out,
                              double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (out != NULL);
  g_return_if_fail (isfinite (value));

  for (int digits = 15; digits <= 17; digits++)
    {
      g_ascii_formatd (buf, sizeof buf, digits == 15 ? "%.15g" : digits == 16 ? "%.16g" : "%.17g",
                       value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

static void
append_double (GString *out,
               double   value)
{
  gsize start = out->len;

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  tally_append_shortest_double (out, value);
  /* Keep it a float for readers that care: 2 stays 2.0. */
  if (strpbrk (out->str + start, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
append_string (GString    *out,
               const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
append_indent (GString *out,
               int      depth)
{
  /* A negative depth means compact: no newlines, no indents. */
  if (depth < 0)
    return;
  g_string_append_c (out, '\n');
  for (int i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_node (GString  *out,
             JsonNode *node,
             int       depth)
{
  gboolean compact = depth < 0;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      if (members == NULL)
        {
          g_string_append (out, "{}");
          return;
        }
      g_string_append_c (out, '{');
      for (GList *l = members; l != NULL; l = l->next)
        {
          append_indent (out, compact ? -1 : depth + 1);
          append_string (out, l->data);
          g_string_append (out, compact ? ":" : ": ");
          append_node (out, json_object_get_member (object, l->data), compact ? -1 : depth + 1);
          if (l->next != NULL)
            g_string_append_c (out, ',');
        }
      append_indent (out, depth);
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);
      gboolean flat = TRUE;

      /* Arrays of plain values stay on one line: ["a", "b"], [1, 2]. */
      for (guint i = 0; i < n; i++)
        flat = flat && (compact || JSON_NODE_HOLDS_VALUE (json_array_get_element (array, i)));
      g_string_append_c (out, '[');
      for (guint i = 0; i < n; i++)
        {
          if (!flat)
            append_indent (out, depth + 1);
          append_node (out, json_array_get_element (array, i), compact ? -1 : depth + 1);
          if (i + 1 < n)
            g_string_append (out, flat && !compact ? ", " : ",");
        }
      if (!flat && n > 0)
        append_indent (out, depth);
      g_string_append_c (out, ']');
    }
  else if (JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "null");
    }
  else
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        default:
          append_string (out, json_node_get_string (node));
          break;
        }
    }
}

/**
 * tally_json_to_pretty_string:
 *
 * @node as JSON for people to read and share: two-space indents, plain
 * arrays on one line, numbers as short as they can be and still read back
 * exactly (json-glib writes 0.05 as 0.050000000000000003), and a final
 * newline.
 */
char *
tally_json_to_pretty_string (JsonNode *node,
                             gsize    *length)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  append_node (out, node, 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/* The same on one line, with no spaces and no final newline: what the
 * HTTP API and `tally query --json` without --pretty print. */
char *
tally_json_to_compact_string (JsonNode *node,
                              gsize    *length)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  append_node (out, node, -1);
  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/* Sets @error to "@path: @rule" (TALLY_ERROR_INVALID) and returns FALSE. */
gboolean
tally_json_fail (GError     **error,
                 const char  *path,
                 const char  *rule)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, "%s: %s", path, rule);
  return FALSE;
}

/* The string @member of @object, or NULL where it is missing or null;
 * anything else sets @error, clears @ok and returns NULL. */
const char *
tally_json_get_optional_string (JsonObject  *object,
                                const char  *member,
                                gboolean    *ok,
                                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *ok = tally_json_fail (error, member, _("must be a string"));
      return NULL;
    }

  return json_node_get_string (node);
}

/**
 * tally_json_describe_parse_error:
 *
 * json-glib's message for text that is not JSON, where it is: "line 1,
 * column 14: unexpected character …" for "<data>:1:14: Parse error:
 * unexpected character …" (json-glib names text parsed from memory
 * "<data>"). A message of another form is kept as it is.
 *
 * Returns: (transfer full): the message
 */
char *
tally_json_describe_parse_error (const GError *error)
{
  const char *message = error->message;
  const char *rest;
  guint line, column;
  int end = -1;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &end) < 2 || end < 0)
    return g_strdup (message);

  rest = message + end;
  if (g_str_has_prefix (rest, "Parse error: "))
    rest += strlen ("Parse error: ");
  /* Translators: where the JSON text stops being JSON, then why */
  return g_strdup_printf (_("line %u, column %u: %s"), line, column, rest);
}

/**
 * tally_json_read_file:
 * @missing: (out): set when the file does not exist
 *
 * Reads and parses the settings file @path. A missing file is no error:
 * %NULL with @missing set. An empty file gives a JSON null, for the
 * caller's "must be an object" to name.
 *
 * Returns: (transfer full) (nullable): the root, or %NULL
 */
JsonNode *
tally_json_read_file (const char  *path,
                      gboolean    *missing,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  JsonNode *root;
  gsize len;

  *missing = FALSE;
  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        *missing = TRUE;
      else
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, _("Cannot read %s: %s"), path,
                     local_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, contents, len, &local_error))
    {
      g_autofree char *where = tally_json_describe_parse_error (local_error);

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s is not valid JSON: %s"), path, where);
      return NULL;
    }
  root = json_parser_get_root (parser);

  return root != NULL ? json_node_ref (root) : json_node_new (JSON_NODE_NULL);
}

/**
 * tally_json_write_file:
 *
 * Writes @root to the settings file @path as tally_json_to_pretty_string()
 * does, making its folder if need be, through a temporary file and a
 * rename: a crash leaves the old file or the new one, never half of one.
 */
gboolean
tally_json_write_file (const char  *path,
                       JsonNode    *root,
                       GError     **error)
{
  g_autofree char *text = tally_json_to_pretty_string (root, NULL);
  g_autoptr(GError) local_error = NULL;

  if (!tally_paths_ensure_parent (path, error))
    return FALSE;
  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, _("Cannot write %s: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* The string @member of @object holds, or NULL when it is absent or not
 * a string: for reading a server's answer, whose shapes are not trusted
 * (json-glib's getters warn on a member of another type). */
const char *
tally_json_peek_string (JsonObject *object,
                        const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The boolean @member of @object holds, or @otherwise when it is absent
 * or not a boolean. */
gboolean
tally_json_peek_boolean (JsonObject *object,
                         const char *member,
                         gboolean    otherwise)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return otherwise;
  return json_node_get_boolean (node);
}

/* Adds the member @name = @value to the object @builder is in, unless
 * @value is NULL: a missing value is a missing member. */
void
tally_json_builder_add_string_member (JsonBuilder *builder,
                                      const char  *name,
                                      const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}
