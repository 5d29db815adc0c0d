/* tally-alert-rules-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Edits of alerts.json made by the app: turning a rule off or on through
 * the file's "disable" list, and adding, changing and removing the user's
 * rules in its "rules" list (docs/alerts.md). Every other member stays as
 * it was; a file that does not load is refused, never overwritten. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-alert-rule.h"
#include "tally-error.h"
#include "tally-json-util.h"

/* @array as @object's @member, taking it; the member goes once the
 * array is empty. */
static void
set_or_remove (JsonObject *object,
               const char *member,
               JsonArray  *array)
{
  if (json_array_get_length (array) > 0)
    json_object_set_array_member (object, member, array);
  else
    {
      json_array_unref (array);
      json_object_remove_member (object, member);
    }
}

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

  set_or_remove (object, "disable", array);
}

/* alerts.json at @path, read once and known to load, or `{"version": 1}`
 * when there is no file; NULL with the loader's error otherwise. What
 * the loader makes of it goes to @rules and @disabled when asked for. */
static JsonNode *
read_root (const char  *path,
           GPtrArray  **rules,
           GStrv       *disabled,
           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean missing;

  root = tally_json_read_file (path, &missing, error);
  if (root == NULL && !missing)
    return NULL;
  if (root == NULL)
    {
      root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (root, json_object_new ());
      json_object_set_int_member (json_node_get_object (root), "version", 1);
    }
  listed = tally_alert_rules_list_json (root, path, &ids, error);
  if (listed == NULL)
    return NULL;

  if (rules != NULL)
    *rules = g_steal_pointer (&listed);
  if (disabled != NULL)
    *disabled = g_steal_pointer (&ids);
  return g_steal_pointer (&root);
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

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  root = read_root (path, &rules, &ids, error);
  if (root == NULL)
    return FALSE;
  if (tally_alert_rules_find (rules, id) == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND, _("%s: there is no rule “%s”"), path, id);
      return FALSE;
    }
  if (disabled && g_strv_contains ((const char * const *) ids, id))
    return TRUE;

  edit_disable (json_node_get_object (root), id, disabled);
  return tally_json_write_file (path, root, error);
}

/* The index in @array of the rule @id, or -1. */
static int
find_rule (JsonArray  *array,
           const char *id)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          g_strcmp0 (tally_json_peek_string (json_node_get_object (element), "id"), id) == 0)
        return i;
    }

  return -1;
}

/* @object's "rules" array, or NULL when it has none. */
static JsonArray *
get_rules (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "rules");

  /* the file loaded, so "rules" is an array when there */
  return node != NULL ? json_node_get_array (node) : NULL;
}

/* @old with @rule put at @position (replacing the element there when
 * @replace), or without the element at @position when @rule is NULL; the
 * member goes once it is empty. JsonArray cannot insert, so it is built
 * anew. */
static void
edit_rules (JsonObject *object,
            JsonNode   *rule,
            guint       position,
            gboolean    replace)
{
  JsonArray *old = get_rules (object);
  JsonArray *array = json_array_new ();
  guint n = old != NULL ? json_array_get_length (old) : 0;

  for (guint i = 0; i <= n; i++)
    {
      if (i == position && rule != NULL)
        json_array_add_element (array, json_node_copy (rule));
      if (i < n && !(i == position && (replace || rule == NULL)))
        json_array_add_element (array, json_node_copy (json_array_get_element (old, i)));
    }

  set_or_remove (object, "rules", array);
}

/* alerts.json once it is known to load (read_root()), its "rules" in
 * @rules (NULL when none) and the index of the rule @id there in @found
 * (-1 when none). */
static JsonNode *
read_rule (const char  *path,
           const char  *id,
           JsonArray  **rules,
           int         *found,
           GError     **error)
{
  JsonNode *root = read_root (path, NULL, NULL, error);

  if (root == NULL)
    return NULL;
  *rules = get_rules (json_node_get_object (root));
  *found = find_rule (*rules, id);
  return root;
}

/**
 * tally_alert_rules_put:
 * @path: alerts.json; a missing file is taken as `{"version": 1}`
 * @rule: one rule as alerts.json has it (tally_alert_rule_to_json())
 * @position: where in "rules" a rule the file does not have yet goes;
 *   -1 (or past the end) for the end
 *
 * Saves a rule of the user's: it replaces the rule of "rules" with the
 * same id, in its place, or is added at @position. A default rule's id
 * makes it a changed default. The rule is checked first, as the loader
 * would, and a file that does not load is left untouched; either way the
 * error names what is wrong.
 */
gboolean
tally_alert_rules_put (const char  *path,
                       JsonNode    *rule,
                       int          position,
                       GError     **error)
{
  g_autoptr(TallyAlertRule) checked = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *rules;
  int found;
  guint n;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  checked = tally_alert_rule_new_from_json (rule, error);
  if (checked == NULL)
    return FALSE;
  root = read_root (path, NULL, NULL, error);
  if (root == NULL)
    return FALSE;

  rules = get_rules (json_node_get_object (root));
  n = rules != NULL ? json_array_get_length (rules) : 0;
  found = find_rule (rules, checked->id);
  if (found >= 0)
    edit_rules (json_node_get_object (root), rule, found, TRUE);
  else
    edit_rules (json_node_get_object (root), rule, position < 0 ? n : MIN ((guint) position, n), FALSE);

  return tally_json_write_file (path, root, error);
}

/**
 * tally_alert_rules_remove:
 * @removed: (out) (optional): the rule's entry as the file had it
 * @position: (out) (optional): its place in "rules"
 *
 * Takes the user's rule @id out of alerts.json's "rules": a rule of the
 * user's goes, a changed default is the default again. The "disable" list
 * is left as it is. A rule that is not in "rules" is refused, as is a
 * file that does not load, which is left untouched.
 */
gboolean
tally_alert_rules_remove (const char  *path,
                          const char  *id,
                          JsonNode   **removed,
                          int         *position,
                          GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *rules;
  int found;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  root = read_rule (path, id, &rules, &found, error);
  if (root == NULL)
    return FALSE;
  if (found < 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND, _("%s: “%s” is not one of your rules"), path, id);
      return FALSE;
    }

  if (removed != NULL)
    *removed = json_node_copy (json_array_get_element (rules, found));
  if (position != NULL)
    *position = found;
  edit_rules (json_node_get_object (root), NULL, found, TRUE);
  if (tally_json_write_file (path, root, error))
    return TRUE;

  if (removed != NULL)
    g_clear_pointer (removed, json_node_unref);
  return FALSE;
}

/**
 * tally_alert_rules_get_own:
 * @path: alerts.json
 * @rules: (out) (optional): every rule it knows (tally_alert_rules_list())
 * @disabled: (out) (optional): the ids its "disable" turns off
 *
 * The ids of the rules alerts.json's "rules" holds: the user's own and
 * the defaults they changed, with what tally_alert_rules_list() gives,
 * from one reading of the file. None when the file is missing; %NULL
 * with the error when it does not load.
 */
GStrv
tally_alert_rules_get_own (const char  *path,
                           GPtrArray  **rules,
                           GStrv       *disabled,
                           GError     **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *own;

  g_return_val_if_fail (path != NULL, NULL);

  builder = g_strv_builder_new ();
  root = read_root (path, rules, disabled, error);
  if (root == NULL)
    return NULL;
  own = get_rules (json_node_get_object (root));
  for (guint i = 0; own != NULL && i < json_array_get_length (own); i++)
    g_strv_builder_add (builder, tally_json_peek_string (json_array_get_object_element (own, i), "id"));

  return g_strv_builder_end (builder);
}

/**
 * tally_alert_rules_get_entry:
 * @entry: (out) (nullable): the user's entry for @id as the file has it,
 *   or %NULL when "rules" has none (a default as it is, or no such rule)
 *
 * What Undo of a change to the rule @id puts back. %FALSE with the error
 * when the file does not load.
 */
gboolean
tally_alert_rules_get_entry (const char  *path,
                             const char  *id,
                             JsonNode   **entry,
                             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *rules;
  int found;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  *entry = NULL;
  root = read_rule (path, id, &rules, &found, error);
  if (root == NULL)
    return FALSE;
  if (found >= 0)
    *entry = json_node_copy (json_array_get_element (rules, found));
  return TRUE;
}

/**
 * tally_alert_rules_make_id:
 * @rules: every rule alerts.json knows (tally_alert_rules_list())
 * @disabled: the ids its "disable" lists
 * @name: the new rule's name
 *
 * An id for a new rule: @name in ASCII (accents dropped) and lower case,
 * with every run of other characters than letters and digits made one
 * "-" ("GPT-4o failing" gives "gpt-4o-failing", "Crème" "creme"), at
 * most 64 characters, and "-2", "-3"… added until no rule, no default
 * rule (which "defaults": false may leave out) and no id of "disable"
 * has it; "rule" when @name has no letter or digit.
 */
char *
tally_alert_rules_make_id (GPtrArray          *rules,
                           const char * const *disabled,
                           const char         *name)
{
  g_autoptr(GPtrArray) defaults = tally_alert_rule_get_defaults ();
  g_autofree char *ascii = g_str_to_ascii (name != NULL ? name : "", "C");
  g_autoptr(GString) base = g_string_new (NULL);
  char *id;

  for (const char *p = ascii; *p != '\0' && base->len < 64; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, g_ascii_tolower (*p));
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_assign (base, "rule");

  id = g_strdup (base->str);
  for (guint i = 2; tally_alert_rules_find (rules, id) != NULL || tally_alert_rules_find (defaults, id) != NULL ||
                    (disabled != NULL && g_strv_contains (disabled, id)); i++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base->str, i);
    }

  return id;
}
