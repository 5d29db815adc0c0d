/* tally-dashboard-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What a user changes on a dashboard merely by looking at it: its time
 * range and its filters, as the layout's own "time" and "filters" JSON.
 * The window keeps it for the built-in dashboards, whose files are
 * read-only, so they open again as they were left. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tally-dashboard-state.h"

/**
 * tally_dashboard_get_view_state:
 * @dashboard: a dashboard
 *
 * Returns: (transfer full): `{"time": {...}, "filters": {...}}`, the two
 *   members as the dashboard's layout writes them
 */
char *
tally_dashboard_get_view_state (TallyDashboard *dashboard)
{
  g_autoptr(JsonNode) layout = NULL;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *state = json_object_new ();
  JsonObject *object;
  const char *members[] = { "time", "filters" };

  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), NULL);

  layout = tally_dashboard_to_json (dashboard);
  object = json_node_get_object (layout);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (json_object_has_member (object, members[i]))
      json_object_set_member (state, members[i],
                              json_node_copy (json_object_get_member (object, members[i])));
  json_node_take_object (root, state);
  return json_to_string (root, FALSE);
}

static gboolean
read_filters (JsonObject  *filters,
              GPtrArray   *dimensions,
              GPtrArray   *values,
              GError     **error)
{
  g_autoptr(GList) names = json_object_get_members (filters);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (filters, l->data);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("filters.%s: must be an array of strings"), (const char *) l->data);
          return FALSE;
        }
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *value = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("filters.%s[%u]: must be a string"), (const char *) l->data, i);
              return FALSE;
            }
          g_strv_builder_add (builder, json_node_get_string (value));
        }
      g_ptr_array_add (dimensions, g_strdup (l->data));
      g_ptr_array_add (values, g_strv_builder_end (builder));
    }
  return TRUE;
}

/**
 * tally_dashboard_apply_view_state:
 * @dashboard: a dashboard
 * @state: what tally_dashboard_get_view_state() gave
 * @error: what is wrong with @state
 *
 * Sets the range and filters @state holds; a @state that does not read
 * changes nothing.
 *
 * Returns: whether @state was applied
 */
gboolean
tally_dashboard_apply_view_state (TallyDashboard  *dashboard,
                                  const char      *state,
                                  GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) dimensions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *from = NULL, *to = NULL;
  JsonObject *object;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (!json_parser_load_from_data (parser, state, -1, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("must be an object"));
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  if (json_object_has_member (object, "time"))
    {
      JsonNode *time = json_object_get_member (object, "time");
      JsonObject *range = JSON_NODE_HOLDS_OBJECT (time) ? json_node_get_object (time) : NULL;

      if (range != NULL)
        {
          from = json_object_get_string_member_with_default (range, "from", NULL);
          to = json_object_get_string_member_with_default (range, "to", NULL);
        }
      if (from == NULL || to == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("time: must have a “from” and a “to”"));
          return FALSE;
        }
    }
  if (json_object_has_member (object, "filters"))
    {
      JsonNode *filters = json_object_get_member (object, "filters");

      if (!JSON_NODE_HOLDS_OBJECT (filters))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("filters: must be an object"));
          return FALSE;
        }
      if (!read_filters (json_node_get_object (filters), dimensions, values, error))
        return FALSE;
    }

  if (from != NULL)
    tally_dashboard_set_time (dashboard, from, to);
  for (guint i = 0; i < dimensions->len; i++)
    tally_dashboard_set_filter (dashboard, dimensions->pdata[i],
                                (const char * const *) values->pdata[i]);
  return TRUE;
}
