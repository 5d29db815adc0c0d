/* tally-json-pointer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* JSON pointers (RFC 6901): "" is the whole document, "/a/0/b" walks
 * members and array indices, "~1" stands for "/" and "~0" for "~" inside
 * a member name. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-error.h"
#include "tally-json-pointer.h"

/* Decodes one reference token (the text between two "/"); NULL when it
 * holds a "~" not followed by 0 or 1. */
static char *
decode_token (const char *start,
              gsize       len)
{
  GString *token = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (start[i] != '~')
        {
          g_string_append_c (token, start[i]);
          continue;
        }
      if (i + 1 < len && (start[i + 1] == '0' || start[i + 1] == '1'))
        {
          g_string_append_c (token, start[i + 1] == '0' ? '~' : '/');
          i++;
          continue;
        }
      g_string_free (token, TRUE);
      return NULL;
    }

  return g_string_free (token, FALSE);
}

/**
 * tally_json_pointer_check:
 *
 * Whether @pointer is a well-formed JSON pointer: empty, or "/" followed by
 * tokens whose "~" escapes are "~0" or "~1".
 */
gboolean
tally_json_pointer_check (const char  *pointer,
                          GError     **error)
{
  g_return_val_if_fail (pointer != NULL, FALSE);

  if (*pointer != '\0' && *pointer != '/')
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is not a JSON pointer: it must be empty or start with “/”"), pointer);
      return FALSE;
    }

  for (const char *p = pointer; *p != '\0'; p++)
    {
      if (*p == '~' && p[1] != '0' && p[1] != '1')
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("“%s” is not a JSON pointer: “~” must be followed by 0 or 1"), pointer);
          return FALSE;
        }
    }

  return TRUE;
}

/* An array index: "0" or digits without a leading zero. */
static gboolean
parse_index (const char *token,
             guint       length,
             guint      *index)
{
  guint64 value;

  if (*token == '\0' || (token[0] == '0' && token[1] != '\0'))
    return FALSE;
  if (!g_ascii_string_to_unsigned (token, 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;
  if (value >= length)
    return FALSE;

  *index = (guint) value;
  return TRUE;
}

static JsonNode *
step (JsonNode   *node,
      const char *token)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      return json_object_has_member (object, token) ? json_object_get_member (object, token) : NULL;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint index;

      if (!parse_index (token, json_array_get_length (array), &index))
        return NULL;
      return json_array_get_element (array, index);
    }

  return NULL;
}

/**
 * tally_json_pointer_get:
 * @root: the document
 * @pointer: where to look
 *
 * Returns: (transfer none): the node @pointer names in @root, or %NULL with
 *   a %TALLY_ERROR_BAD_RESPONSE naming @pointer when the document has no
 *   such node (or %TALLY_ERROR_INVALID when @pointer is malformed)
 */
JsonNode *
tally_json_pointer_get (JsonNode    *root,
                        const char  *pointer,
                        GError     **error)
{
  JsonNode *node = root;
  const char *p;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (pointer != NULL, NULL);

  if (!tally_json_pointer_check (pointer, error))
    return NULL;

  p = pointer;
  while (*p == '/')
    {
      const char *end = strchr (p + 1, '/');
      gsize len = end != NULL ? (gsize) (end - p - 1) : strlen (p + 1);
      g_autofree char *token = decode_token (p + 1, len);

      node = token != NULL ? step (node, token) : NULL;
      if (node == NULL)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                       _("The answer has nothing at the JSON pointer “%s”"), pointer);
          return NULL;
        }
      p += len + 1;
    }

  return node;
}
