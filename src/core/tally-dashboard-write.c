/* tally-dashboard-write.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Writing a dashboard layout. The JSON it was read from is the starting
 * point: known members are set in place and unknown ones stay where they
 * were, so a layout keeps keys this Tally does not know, and a saved file
 * changes only where the dashboard did. Saving writes a temporary file and
 * renames it over the old one only once it is whole: a failed save leaves
 * the old file as it was. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-dashboard-private.h"
#include "tally-error.h"
#include "tally-json-util.h"

static void
set_string (JsonObject *object,
            const char *member,
            const char *value,
            gboolean    keep_empty)
{
  if (value == NULL || (*value == '\0' && !keep_empty && !json_object_has_member (object, member)))
    {
      if (json_object_has_member (object, member) && value == NULL)
        json_object_remove_member (object, member);
      return;
    }
  json_object_set_string_member (object, member, value);
}

/* A node holding @object, which it takes: json_node_init_object() adds a
 * reference of its own. */
static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

static JsonObject *
child_object (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_set_object_member (object, member, json_object_new ());
      node = json_object_get_member (object, member);
    }

  return json_node_get_object (node);
}

static JsonArray *
strv_array (const char * const *strv,
            gboolean            numbers)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv[i] != NULL; i++)
    {
      char *end = NULL;
      gint64 n = g_ascii_strtoll (strv[i], &end, 10);

      if (numbers && end != strv[i] && *end == '\0')
        json_array_add_int_element (array, n);
      else
        json_array_add_string_element (array, strv[i]);
    }

  return array;
}

/* The query's known members set in place, stale ones removed. */
static void
write_query (JsonObject       *panel,
             const TallyQuery *query)
{
  static const char *known[] = { "metric", "stat", "group_by", "rows", "columns", "interval",
                                 "top", "limit", "filters" };
  JsonObject *object = child_object (panel, "query");
  g_autoptr(JsonNode) fresh = tally_query_to_json (query);
  JsonObject *values = json_node_get_object (fresh);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      JsonNode *value = json_object_get_member (values, known[i]);

      if (value != NULL)
        json_object_set_member (object, known[i], tally_json_deep_copy (value));
      else if (json_object_has_member (object, known[i]))
        json_object_remove_member (object, known[i]);
    }
}

static JsonNode *
write_panel (TallyPanel *panel)
{
  JsonObject *raw = tally_panel_get_raw (panel);
  JsonObject *object = raw ? tally_json_object_deep_copy (raw) : json_object_new ();
  JsonObject *grid;
  int x, y, w, h;

  json_object_set_int_member (object, "id", tally_panel_get_id (panel));
  json_object_set_string_member (object, "type", tally_panel_type_to_string (tally_panel_get_panel_type (panel)));
  json_object_set_string_member (object, "title", tally_panel_get_title (panel));
  set_string (object, "description", tally_panel_get_description (panel), FALSE);

  tally_panel_get_grid (panel, &x, &y, &w, &h);
  grid = child_object (object, "gridPos");
  json_object_set_int_member (grid, "x", x);
  json_object_set_int_member (grid, "y", y);
  json_object_set_int_member (grid, "w", w);
  json_object_set_int_member (grid, "h", h);

  if (tally_panel_get_time_from (panel) != NULL)
    {
      JsonObject *time = child_object (object, "time");

      json_object_set_string_member (time, "from", tally_panel_get_time_from (panel));
      json_object_set_string_member (time, "to", tally_panel_get_time_to (panel));
    }
  else if (json_object_has_member (object, "time"))
    {
      json_object_remove_member (object, "time");
    }

  write_query (object, tally_panel_get_query (panel));

  if (tally_panel_get_options (panel) != NULL)
    json_object_set_object_member (object, "options",
                                   tally_json_object_deep_copy (tally_panel_get_options (panel)));
  else if (json_object_has_member (object, "options"))
    json_object_remove_member (object, "options");

  return take_object (object);
}

static void
write_filters (JsonObject     *root,
               TallyDashboard *self)
{
  GPtrArray *names = tally_dashboard_get_filter_names (self);
  JsonObject *filters = child_object (root, "filters");

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      json_object_set_array_member (filters, name,
                                    strv_array (tally_dashboard_get_filter (self, name),
                                                g_str_equal (name, "status")));
    }
}

static void
write_panels (JsonObject     *root,
              TallyDashboard *self)
{
  GListModel *panels = tally_dashboard_get_panels (self);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);

      json_array_add_element (array, write_panel (panel));
    }
  json_object_set_array_member (root, "panels", array);
}

/**
 * tally_dashboard_to_json:
 *
 * The layout as version 1 JSON, with the keys this Tally does not know
 * where they were.
 */
JsonNode *
tally_dashboard_to_json (TallyDashboard *self)
{
  JsonObject *raw;
  JsonObject *root;
  JsonObject *time;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), NULL);

  raw = tally_dashboard_get_raw (self);
  root = raw ? tally_json_object_deep_copy (raw) : json_object_new ();

  json_object_set_string_member (root, "format", TALLY_DASHBOARD_FORMAT);
  json_object_set_int_member (root, "version", TALLY_DASHBOARD_VERSION);
  json_object_set_string_member (root, "uid", tally_dashboard_get_uid (self));
  json_object_set_string_member (root, "title", tally_dashboard_get_title (self));
  set_string (root, "description", tally_dashboard_get_description (self), TRUE);
  json_object_set_array_member (root, "tags", strv_array (tally_dashboard_get_tags (self), FALSE));
  json_object_set_boolean_member (root, "editable", tally_dashboard_get_editable (self));
  json_object_set_string_member (root, "source", tally_dashboard_get_source (self));
  time = child_object (root, "time");
  json_object_set_string_member (time, "from", tally_dashboard_get_time_from (self));
  json_object_set_string_member (time, "to", tally_dashboard_get_time_to (self));
  set_string (root, "refresh", tally_dashboard_get_refresh (self), TRUE);
  write_filters (root, self);
  write_panels (root, self);

  return take_object (root);
}

char *
tally_dashboard_to_data (TallyDashboard *self,
                         gsize          *length)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), NULL);

  node = tally_dashboard_to_json (self);
  return tally_json_to_pretty_string (node, length);
}

/* Writes the layout to @file through a temporary file, synced, then
 * renamed over the old one. (g_file_replace_contents() is not enough: on a
 * failed write it closes the stream normally, which renames the partial
 * file into place.) */
gboolean
tally_dashboard_save_to_file (TallyDashboard  *self,
                              GFile           *file,
                              GError         **error)
{
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("Cannot save the dashboard to %s: not a local file"), name);
      return FALSE;
    }

  data = tally_dashboard_to_data (self, &length);
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 &local_error))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, _("Cannot save the dashboard to %s: %s"),
                   path, local_error->message);
      return FALSE;
    }

  return TRUE;
}
