/* tally-alert-rules-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Edits of alerts.json made by the app: turning a rule off or on through
 * the file's "disable" list (docs/alerts.md). Every other member stays as
 * it was; a file that does not load is refused, never overwritten. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-alert-rule.h"
#include "tally-error.h"
#include "tally-json-util.h"

/* @object's "disable" with @id taken out, and put back at the end when
 * @disabled; the member goes once it is empty. */
static void
edit_disable (JsonObject *object,
              const char *id,
              gboolean    disabled)
{
  JsonNode *node = json_object_get_member (object, "disable");
  JsonArray *array = json_array_new ();

  /* tally_alert_rules_list() checked the list holds strings alone */
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *old = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (old); i++)
        {
          JsonNode *element = json_array_get_element (old, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || g_strcmp0 (json_node_get_string (element), id) != 0)
            json_array_add_element (array, json_node_copy (element));
        }
    }
  if (disabled)
    json_array_add_string_element (array, id);

  if (json_array_get_length (array) > 0)
    json_object_set_array_member (object, "disable", array);
  else
    {
      json_array_unref (array);
      json_object_remove_member (object, "disable");
    }
}

/**
 * tally_alert_rules_set_disabled:
 * @path: alerts.json; a missing file is taken as `{"version": 1}`
 * @id: a default rule's or the user's
 * @disabled: whether the rule is to be off
 *
 * Turns the rule @id off or on by adding it to or removing it from the
 * "disable" list of alerts.json, keeping every other member. A file that
 * does not load (bad JSON, a bad rule) is left untouched and its error
 * returned, as is a rule the file does not know.
 */
gboolean
tally_alert_rules_set_disabled (const char  *path,
                                const char  *id,
                                gboolean     disabled,
                                GError     **error)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(JsonNode) root = NULL;
  gboolean missing;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  rules = tally_alert_rules_list (path, &ids, error);
  if (rules == NULL)
    return FALSE;
  if (tally_alert_rules_find (rules, id) == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND, _("%s: there is no rule “%s”"), path, id);
      return FALSE;
    }
  if (disabled && g_strv_contains ((const char * const *) ids, id))
    return TRUE;

  root = tally_json_read_file (path, &missing, error);
  if (root == NULL && !missing)
    return FALSE;
  if (root == NULL)
    {
      root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (root, json_object_new ());
      json_object_set_int_member (json_node_get_object (root), "version", 1);
    }

  edit_disable (json_node_get_object (root), id, disabled);
  return tally_json_write_file (path, root, error);
}
