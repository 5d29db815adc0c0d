/* tally-limits.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* limits.json: the rate limits and budgets usage is measured against
 * (docs/alerts.md). The members at the top level are the local source's
 * limits as a whole; "limits" holds entries for one source, model or API
 * key. Every number must be positive and finite; an unknown member, a
 * duplicate entry or a bad number is refused with the path to it. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-limits.h"
#include "tally-paths.h"

#define LIMITS_FORMAT_VERSION 1

struct _TallyLimits
{
  GPtrArray *entries;   /* TallyLimit */
};

/* JSON names of the rate kinds; budgets live in "budget". */
static const char *kind_names[TALLY_N_LIMIT_KINDS] = {
  [TALLY_LIMIT_RPM] = "rpm",
  [TALLY_LIMIT_TPM] = "tpm",
  [TALLY_LIMIT_RPD] = "rpd",
  [TALLY_LIMIT_DAILY_BUDGET] = "daily",
  [TALLY_LIMIT_MONTHLY_BUDGET] = "monthly",
};

const char *
tally_limit_kind_to_string (TallyLimitKind kind)
{
  g_return_val_if_fail (kind < TALLY_N_LIMIT_KINDS, NULL);

  return kind_names[kind];
}

void
tally_limit_free (TallyLimit *limit)
{
  if (limit == NULL)
    return;
  g_free (limit->source);
  g_free (limit->model);
  g_free (limit->api_key);
  g_free (limit);
}

TallyLimits *
tally_limits_new (void)
{
  TallyLimits *limits = g_new0 (TallyLimits, 1);

  limits->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_limit_free);
  return limits;
}

void
tally_limits_free (TallyLimits *limits)
{
  if (limits == NULL)
    return;
  g_ptr_array_unref (limits->entries);
  g_free (limits);
}

/* A new entry with no value set; NULL @source means "local". */
TallyLimit *
tally_limits_add (TallyLimits *limits,
                  const char  *source,
                  const char  *model,
                  const char  *api_key)
{
  return tally_limits_insert (limits, limits->entries->len, source, model, api_key);
}

/**
 * tally_limits_insert:
 * @index: where it goes among tally_limits_get()'s entries; past the end
 *   appends
 *
 * Like tally_limits_add(), at @index.
 */
TallyLimit *
tally_limits_insert (TallyLimits *limits,
                     guint        index,
                     const char  *source,
                     const char  *model,
                     const char  *api_key)
{
  TallyLimit *limit;

  g_return_val_if_fail (limits != NULL, NULL);

  limit = g_new0 (TallyLimit, 1);
  limit->source = g_strdup (source != NULL ? source : "local");
  limit->model = g_strdup (model);
  limit->api_key = g_strdup (api_key);
  for (guint k = 0; k < TALLY_N_LIMIT_KINDS; k++)
    limit->values[k] = NAN;
  g_ptr_array_insert (limits->entries, MIN (index, limits->entries->len), limit);

  return limit;
}

/* Frees the entry at @index. */
void
tally_limits_remove (TallyLimits *limits,
                     guint        index)
{
  g_return_if_fail (limits != NULL);
  g_return_if_fail (index < limits->entries->len);

  g_ptr_array_remove_index (limits->entries, index);
}

TallyLimit *
tally_limit_copy (const TallyLimit *limit)
{
  TallyLimit *copy;

  g_return_val_if_fail (limit != NULL, NULL);

  copy = g_new0 (TallyLimit, 1);
  copy->source = g_strdup (limit->source);
  copy->model = g_strdup (limit->model);
  copy->api_key = g_strdup (limit->api_key);
  memcpy (copy->values, limit->values, sizeof copy->values);

  return copy;
}

guint
tally_limits_get_n (const TallyLimits *limits)
{
  return limits->entries->len;
}

const TallyLimit *
tally_limits_get (const TallyLimits *limits,
                  guint              index)
{
  g_return_val_if_fail (index < limits->entries->len, NULL);

  return g_ptr_array_index (limits->entries, index);
}

static gboolean
read_number (JsonNode    *node,
             const char  *path,
             double      *value,
             GError     **error)
{
  double v;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return tally_json_fail (error, path, _("must be a number"));

  v = json_node_get_double (node);
  if (!isfinite (v) || v <= 0 || v > 1e15)
    return tally_json_fail (error, path, _("must be a positive number (at most 10¹⁵)"));

  *value = v;
  return TRUE;
}

static gboolean
read_budget (JsonNode    *node,
             const char  *path,
             TallyLimit  *limit,
             GError     **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return tally_json_fail (error, path, _("must be an object with “daily” and/or “monthly”"));

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);
      TallyLimitKind kind;

      if (g_str_equal (name, "daily"))
        kind = TALLY_LIMIT_DAILY_BUDGET;
      else if (g_str_equal (name, "monthly"))
        kind = TALLY_LIMIT_MONTHLY_BUDGET;
      else
        return tally_json_fail (error, member_path, _("unknown budget (use “daily” or “monthly”)"));

      if (!read_number (member, member_path, &limit->values[kind], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_scope (JsonNode    *node,
            const char  *path,
            char       **value,
            GError     **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    return tally_json_fail (error, path, _("must be a non-empty string"));

  g_free (*value);
  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* One member of an entry (or of the top level, where @top allows
 * "limits" and "version", which the caller reads). */
static gboolean
read_member (const char  *name,
             JsonNode    *member,
             const char  *path,
             gboolean     top,
             TallyLimit  *limit,
             GError     **error)
{
  g_autofree char *member_path = path[0] ? g_strdup_printf ("%s.%s", path, name) : g_strdup (name);

  for (guint k = TALLY_LIMIT_RPM; k <= TALLY_LIMIT_RPD; k++)
    if (g_str_equal (name, kind_names[k]))
      return read_number (member, member_path, &limit->values[k], error);

  if (g_str_equal (name, "budget"))
    return read_budget (member, member_path, limit, error);
  if (top && (g_str_equal (name, "limits") || g_str_equal (name, "version")))
    return TRUE;
  if (!top && g_str_equal (name, "source"))
    return read_scope (member, member_path, &limit->source, error);
  if (!top && g_str_equal (name, "model"))
    return read_scope (member, member_path, &limit->model, error);
  if (!top && g_str_equal (name, "api_key"))
    return read_scope (member, member_path, &limit->api_key, error);

  return tally_json_fail (error, member_path,
                          top ? _("unknown member (expected rpm, tpm, rpd, budget, limits)")
                              : _("unknown member (expected source, model, api_key, rpm, tpm, rpd, budget)"));
}

static gboolean
read_object (JsonObject  *object,
             const char  *path,
             gboolean     top,
             TallyLimit  *limit,
             GError     **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    if (!read_member (name, member, path, top, limit, error))
      return FALSE;

  return TRUE;
}

/* Whether it sets any limit at all. */
gboolean
tally_limit_has_values (const TallyLimit *limit)
{
  for (guint k = 0; k < TALLY_N_LIMIT_KINDS; k++)
    if (!isnan (limit->values[k]))
      return TRUE;
  return FALSE;
}

/* Whether it is for the local source as a whole: the top-level members. */
gboolean
tally_limit_is_top (const TallyLimit *limit)
{
  return g_str_equal (limit->source, "local") && limit->model == NULL && limit->api_key == NULL;
}

static gboolean
same_scope (const TallyLimit *a,
            const TallyLimit *b)
{
  return g_strcmp0 (a->source, b->source) == 0 && g_strcmp0 (a->model, b->model) == 0 &&
         g_strcmp0 (a->api_key, b->api_key) == 0;
}

/**
 * tally_limits_lookup:
 * @source: (nullable): the source, %NULL for "local"
 *
 * The entry for exactly this source, model and key (%NULL model or key:
 * the entry for every model or key), to change in place; %NULL if none.
 */
TallyLimit *
tally_limits_lookup (TallyLimits *limits,
                     const char  *source,
                     const char  *model,
                     const char  *api_key)
{
  TallyLimit wanted = { (char *) (source != NULL ? source : "local"), (char *) model, (char *) api_key };

  g_return_val_if_fail (limits != NULL, NULL);

  for (guint i = 0; i < limits->entries->len; i++)
    if (same_scope (g_ptr_array_index (limits->entries, i), &wanted))
      return g_ptr_array_index (limits->entries, i);

  return NULL;
}

/**
 * tally_limits_check_entry:
 * @entry: an entry of @limits, or one meant to go there
 * @replacing: (nullable): the entry of @limits that @entry is to replace
 *
 * The rules an entry of "limits" follows besides its members' own: it
 * sets a limit, and no other entry of @limits (@entry and @replacing
 * excepted) has its source, model and API key. An entry for the local
 * source as a whole is taken as the top level's limits when the top level
 * sets none (as files written by hand may have it), and refused as a
 * repeat when it does; the editor of Preferences asks for a narrower one
 * itself. The message names no path; the file's loader adds it.
 */
gboolean
tally_limits_check_entry (const TallyLimits  *limits,
                          const TallyLimit   *entry,
                          const TallyLimit   *replacing,
                          GError            **error)
{
  g_return_val_if_fail (limits != NULL, FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (!tally_limit_has_values (entry))
    {
      g_set_error_literal (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                           _("sets no limit (add rpm, tpm, rpd or budget)"));
      return FALSE;
    }
  for (guint i = 0; i < limits->entries->len; i++)
    {
      const TallyLimit *other = g_ptr_array_index (limits->entries, i);

      if (other != entry && other != replacing && same_scope (other, entry))
        {
          g_set_error_literal (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                               tally_limit_is_top (entry)
                                 ? _("repeats the top-level limits of the local source (name a model or an API key)")
                                 : _("another limit has the same source, model and API key"));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_entries (TallyLimits  *limits,
              JsonNode     *node,
              GError      **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return tally_json_fail (error, "limits", _("must be an array of objects"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("limits[%u]", i);
      JsonNode *element = json_array_get_element (array, i);
      TallyLimit *limit;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return tally_json_fail (error, path, _("must be an object"));

      limit = tally_limits_add (limits, NULL, NULL, NULL);
      if (!read_object (json_node_get_object (element), path, FALSE, limit, error))
        return FALSE;
      if (!tally_limits_check_entry (limits, limit, NULL, error))
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * tally_limits_new_from_json:
 *
 * Reads limits.json's root; the error names the member at fault.
 */
TallyLimits *
tally_limits_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(TallyLimits) limits = tally_limits_new ();
  JsonObject *object;
  JsonNode *version;
  TallyLimit *top;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return tally_json_fail (error, "limits", _("must be a JSON object")), NULL;

  object = json_node_get_object (node);
  version = json_object_get_member (object, "version");
  if (version != NULL && (!JSON_NODE_HOLDS_VALUE (version) ||
                          json_node_get_value_type (version) != G_TYPE_INT64 ||
                          json_node_get_int (version) < 1))
    return tally_json_fail (error, "version", _("must be a positive whole number")), NULL;
  if (version != NULL && json_node_get_int (version) > LIMITS_FORMAT_VERSION)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NEWER_VERSION,
                   _("the limits were written by a newer version of Tally (format %d)"),
                   (int) json_node_get_int (version));
      return NULL;
    }

  top = tally_limits_add (limits, NULL, NULL, NULL);
  if (!read_object (object, "", TRUE, top, error))
    return NULL;
  if (!tally_limit_has_values (top))
    g_ptr_array_remove_index (limits->entries, 0);

  if (json_object_has_member (object, "limits") &&
      !read_entries (limits, json_object_get_member (object, "limits"), error))
    return NULL;

  return g_steal_pointer (&limits);
}

static void
add_values (JsonBuilder      *builder,
            const TallyLimit *limit)
{
  for (guint k = TALLY_LIMIT_RPM; k <= TALLY_LIMIT_RPD; k++)
    if (!isnan (limit->values[k]))
      {
        json_builder_set_member_name (builder, kind_names[k]);
        json_builder_add_double_value (builder, limit->values[k]);
      }

  if (isnan (limit->values[TALLY_LIMIT_DAILY_BUDGET]) && isnan (limit->values[TALLY_LIMIT_MONTHLY_BUDGET]))
    return;

  json_builder_set_member_name (builder, "budget");
  json_builder_begin_object (builder);
  for (guint k = TALLY_LIMIT_DAILY_BUDGET; k <= TALLY_LIMIT_MONTHLY_BUDGET; k++)
    if (!isnan (limit->values[k]))
      {
        json_builder_set_member_name (builder, kind_names[k]);
        json_builder_add_double_value (builder, limit->values[k]);
      }
  json_builder_end_object (builder);
}

JsonNode *
tally_limits_to_json (const TallyLimits *limits)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean has_entries = FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LIMITS_FORMAT_VERSION);
  for (guint i = 0; i < limits->entries->len; i++)
    {
      const TallyLimit *limit = g_ptr_array_index (limits->entries, i);

      if (tally_limit_is_top (limit))
        add_values (builder, limit);
      else
        has_entries = TRUE;
    }

  if (has_entries)
    {
      json_builder_set_member_name (builder, "limits");
      json_builder_begin_array (builder);
      for (guint i = 0; i < limits->entries->len; i++)
        {
          const TallyLimit *limit = g_ptr_array_index (limits->entries, i);

          if (tally_limit_is_top (limit))
            continue;
          json_builder_begin_object (builder);
          tally_json_builder_add_string_member (builder, "source", limit->source);
          tally_json_builder_add_string_member (builder, "model", limit->model);
          tally_json_builder_add_string_member (builder, "api_key", limit->api_key);
          add_values (builder, limit);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * tally_limits_load:
 *
 * Reads @path; a missing file is no limits at all.
 */
TallyLimits *
tally_limits_load (const char  *path,
                   GError     **error)
{
  gboolean missing;
  g_autoptr(JsonNode) root = tally_json_read_file (path, &missing, error);
  TallyLimits *limits;

  if (root == NULL)
    return missing ? tally_limits_new () : NULL;
  limits = tally_limits_new_from_json (root, error);
  if (limits == NULL)
    g_prefix_error (error, "%s: ", path);

  return limits;
}

TallyLimits *
tally_limits_load_default (GError **error)
{
  g_autofree char *path = tally_paths_get_limits_file ();

  return tally_limits_load (path, error);
}

/* Writes through a temporary file and a rename (tally_json_write_file()):
 * a crash leaves the old file or the new one, never half of one. */
gboolean
tally_limits_save (const TallyLimits  *limits,
                   const char         *path,
                   GError            **error)
{
  g_autoptr(JsonNode) root = tally_limits_to_json (limits);

  return tally_json_write_file (path, root, error);
}
