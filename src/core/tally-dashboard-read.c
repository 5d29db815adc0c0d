/* tally-dashboard-read.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Reading a dashboard layout (DESIGN.md, "Dashboard layout JSON",
 * version 1). A shared file may be wrong in many places at once, so every
 * problem is collected, each naming its JSON path and the rule it breaks
 * ("panels[3].gridPos.w: must be 1..24"), and the layout is refused whole:
 * loading never half-loads. A layout from a newer Tally is refused with
 * its own error; keys this version does not know are kept for writing
 * back; anything that looks like a credential is refused, so a layout is
 * always safe to share. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-dashboard-private.h"
#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-time-range.h"

#define MAX_PROBLEMS 100

typedef struct
{
  GPtrArray *problems;
  GDateTime *now;
} Checker;

static void G_GNUC_PRINTF (3, 4)
problem (Checker    *c,
         const char *path,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (c->problems->len >= MAX_PROBLEMS)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (c->problems, g_strdup_printf ("%s: %s", path, message));
}

/* A message of the query reader starts with its member ("metric: …"):
 * join it to the path so it reads "panels[2].query.metric: …". */
static void
problem_at_member (Checker    *c,
                   const char *path,
                   const char *message)
{
  const char *colon = strstr (message, ": ");
  gboolean member = colon != NULL && colon > message;

  for (const char *p = message; member && p < colon; p++)
    member = g_ascii_isalnum (*p) || strchr ("_.[]", *p) != NULL;

  if (member)
    {
      g_autofree char *full = g_strdup_printf ("%s.%.*s", path, (int) (colon - message), message);

      problem (c, full, "%s", colon + 2);
    }
  else
    {
      problem (c, path, "%s", message);
    }
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* A string member: NULL when absent or null; a problem when not a string. */
static const char *
get_string (Checker    *c,
            JsonObject *object,
            const char *path,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *full = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (is_string (node))
    return json_node_get_string (node);

  full = path[0] ? g_strdup_printf ("%s.%s", path, member) : g_strdup (member);
  problem (c, full, _("must be a string"));
  return NULL;
}

/* Strings that are credentials, whatever the key they sit under: known
 * secret-key prefixes, bearer tokens, JSON web tokens, URLs with a user or
 * password in them. Plain long identifiers are not flagged. */
static gboolean
looks_like_credential (const char *s)
{
  static const char *prefixes[] = { "sk-", "sk_live_", "sk_test_", "rk_", "AIza", "xai-", "gsk_",
                                    "ghp_", "github_pat_", "glpat-", "xoxb-", "xoxp-" };
  const char *scheme_end;

  if (strstr (s, "…") != NULL)   /* already masked, as Tally shows keys */
    return FALSE;
  if (g_str_has_prefix (s, "Bearer ") || g_str_has_prefix (s, "Basic "))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      if (g_str_has_prefix (s, prefixes[i]) && strlen (s) >= strlen (prefixes[i]) + 16)
        return TRUE;
    }
  if (g_str_has_prefix (s, "eyJ") && strchr (s, '.') != NULL && strlen (s) > 40)
    return TRUE;
  if ((scheme_end = strstr (s, "://")) != NULL)
    {
      const char *host = scheme_end + 3;
      const char *at = strchr (host, '@');
      const char *slash = strchr (host, '/');

      if (at != NULL && (slash == NULL || at < slash))
        return TRUE;
    }

  return FALSE;
}

static void
check_credentials (Checker    *c,
                   JsonNode   *node,
                   const char *path)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child = path[0] ? g_strdup_printf ("%s.%s", path, (char *) l->data)
                                           : g_strdup (l->data);

          check_credentials (c, json_object_get_member (object, l->data), child);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);

          check_credentials (c, json_array_get_element (array, i), child);
        }
    }
  else if (is_string (node) && looks_like_credential (json_node_get_string (node)))
    {
      problem (c, path[0] ? path : "(document)",
               _("looks like a key, token or password: a layout must not carry credentials "
                 "(data sources keep them in the keyring)"));
    }
}

static void
read_header (Checker        *c,
             JsonObject     *root,
             TallyDashboard *dashboard)
{
  const char *format = get_string (c, root, "", "format");
  const char *uid = get_string (c, root, "", "uid");
  const char *title = get_string (c, root, "", "title");
  const char *description = get_string (c, root, "", "description");
  const char *source = get_string (c, root, "", "source");
  JsonNode *editable = json_object_get_member (root, "editable");

  if (g_strcmp0 (format, TALLY_DASHBOARD_FORMAT) != 0)
    problem (c, "format", _("must be “%s”"), TALLY_DASHBOARD_FORMAT);

  if (title == NULL || *title == '\0')
    problem (c, "title", _("required: a dashboard needs a title"));
  else if (g_utf8_strlen (title, -1) > 200)
    problem (c, "title", _("longer than 200 characters"));
  tally_dashboard_set_title (dashboard, title);

  if (uid != NULL && !tally_dashboard_name_is_valid (uid, 128))
    problem (c, "uid", _("must be 1..128 letters, digits, '_', '-' or '.'"));
  if (uid != NULL)
    tally_dashboard_set_uid (dashboard, uid);
  else
    {
      g_autofree char *generated = tally_dashboard_make_uid (title ? title : "");

      tally_dashboard_set_uid (dashboard, generated);
    }

  tally_dashboard_set_description (dashboard, description);
  if (source != NULL && !tally_dashboard_name_is_valid (source, 64))
    problem (c, "source", _("must be the name of a data source (letters, digits, '_', '-', '.')"));
  tally_dashboard_set_source (dashboard, source);

  if (editable != NULL && !JSON_NODE_HOLDS_NULL (editable))
    {
      if (JSON_NODE_HOLDS_VALUE (editable) && json_node_get_value_type (editable) == G_TYPE_BOOLEAN)
        tally_dashboard_set_editable (dashboard, json_node_get_boolean (editable));
      else
        problem (c, "editable", _("must be true or false"));
    }
}

static void
read_tags (Checker        *c,
           JsonObject     *root,
           TallyDashboard *dashboard)
{
  JsonNode *node = json_object_get_member (root, "tags");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tags = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (c, "tags", _("must be an array of strings"));
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *tag = json_array_get_element (array, i);

      if (is_string (tag))
        g_strv_builder_add (builder, json_node_get_string (tag));
      else
        {
          g_autofree char *path = g_strdup_printf ("tags[%u]", i);

          problem (c, path, _("must be a string"));
        }
    }
  tags = g_strv_builder_end (builder);
  tally_dashboard_set_tags (dashboard, (const char * const *) tags);
}

/* A "time" object of @object (the layout's or a panel's) at @path: both
 * ends set and valid, or neither. FALSE when absent or wrong. */
static gboolean
read_time_object (Checker     *c,
                  JsonObject  *object,
                  const char  *path,
                  const char **from,
                  const char **to)
{
  JsonNode *node = json_object_get_member (object, "time");
  g_autofree char *where = path[0] ? g_strdup_printf ("%s.time", path) : g_strdup ("time");
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (c, where, _("must be an object with “from” and “to”"));
      return FALSE;
    }

  *from = get_string (c, json_node_get_object (node), where, "from");
  *to = get_string (c, json_node_get_object (node), where, "to");
  if (*from == NULL || *to == NULL)
    {
      problem (c, where, _("needs both “from” and “to”, such as “now-24h” and “now”"));
      return FALSE;
    }
  if ((range = tally_time_range_parse (*from, *to, c->now, &error)) == NULL)
    {
      problem (c, where, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static void
read_time (Checker        *c,
           JsonObject     *root,
           TallyDashboard *dashboard)
{
  const char *from, *to;

  if (read_time_object (c, root, "", &from, &to))
    tally_dashboard_set_time (dashboard, from, to);
}

static void
read_refresh (Checker        *c,
              JsonObject     *root,
              TallyDashboard *dashboard)
{
  const char *refresh = get_string (c, root, "", "refresh");
  g_autoptr(GError) error = NULL;
  gint64 seconds;

  if (refresh == NULL || *refresh == '\0' || g_str_equal (refresh, "off"))
    {
      tally_dashboard_set_refresh (dashboard, refresh);
      return;
    }
  if (!tally_time_parse_interval (refresh, &seconds, &error))
    problem (c, "refresh", "%s", error->message);
  else if (seconds < 5)
    problem (c, "refresh", _("must be at least 5s (or “off”)"));
  tally_dashboard_set_refresh (dashboard, refresh);
}

/* Filter values: strings, or integers for statuses. */
static GStrv
read_values (Checker    *c,
             JsonNode   *node,
             const char *path)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (c, path, _("must be an array of values"));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *value = json_array_get_element (array, i);

      if (is_string (value))
        g_strv_builder_add (builder, json_node_get_string (value));
      else if (is_int (value))
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));

          g_strv_builder_add (builder, number);
        }
      else
        {
          g_autofree char *item = g_strdup_printf ("%s[%u]", path, i);

          problem (c, item, _("must be a string or an integer"));
        }
    }

  return g_strv_builder_end (builder);
}

static void
read_filters (Checker        *c,
              JsonObject     *root,
              TallyDashboard *dashboard)
{
  JsonNode *node = json_object_get_member (root, "filters");
  g_autoptr(GList) members = NULL;
  JsonObject *filters;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (c, "filters", _("must be an object of dimension → values"));
      return;
    }

  filters = json_node_get_object (node);
  members = json_object_get_members (filters);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *path = g_strdup_printf ("filters.%s", (char *) l->data);
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) values = NULL;
      TallyDimension dimension;

      if (!tally_dimension_parse (l->data, &dimension, &error))
        {
          problem (c, path, "%s", error->message);
          continue;
        }
      if (!tally_dimension_is_groupable (dimension.kind))
        problem (c, path, _("cannot filter on this dimension"));
      tally_dimension_clear (&dimension);

      if ((values = read_values (c, json_object_get_member (filters, l->data), path)) != NULL)
        tally_dashboard_set_filter (dashboard, l->data, (const char * const *) values);
    }
}

static gboolean
read_grid_member (Checker    *c,
                  JsonObject *grid,
                  const char *path,
                  const char *member,
                  int         min,
                  int         max,
                  int        *value)
{
  JsonNode *node = json_object_get_member (grid, member);
  g_autofree char *full = g_strdup_printf ("%s.%s", path, member);

  if (!is_int (node) || json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      problem (c, full, _("must be %d..%d"), min, max);
      return FALSE;
    }

  *value = (int) json_node_get_int (node);
  return TRUE;
}

static void
read_grid (Checker    *c,
           JsonObject *panel_object,
           const char *panel_path,
           TallyPanel *panel)
{
  JsonNode *node = json_object_get_member (panel_object, "gridPos");
  g_autofree char *path = g_strdup_printf ("%s.gridPos", panel_path);
  JsonObject *grid;
  int x = 0, y = 0, w = 6, h = 4;
  gboolean ok;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (c, path, _("required: an object with x, y, w and h"));
      return;
    }

  grid = json_node_get_object (node);
  ok = read_grid_member (c, grid, path, "x", 0, TALLY_GRID_COLUMNS - 1, &x);
  ok &= read_grid_member (c, grid, path, "y", 0, 100000, &y);
  ok &= read_grid_member (c, grid, path, "w", 1, TALLY_GRID_COLUMNS, &w);
  ok &= read_grid_member (c, grid, path, "h", 1, TALLY_GRID_MAX_H, &h);
  if (ok && x + w > TALLY_GRID_COLUMNS)
    {
      g_autofree char *wpath = g_strdup_printf ("%s.w", path);

      problem (c, wpath, _("x + w must be at most %d (the grid has %d columns)"), TALLY_GRID_COLUMNS,
               TALLY_GRID_COLUMNS);
      ok = FALSE;
    }
  if (ok)
    tally_panel_set_grid (panel, x, y, w, h);
}

/* The query's shape follows from the panel type; a bar chart's from its
 * query too, so the query is read once to see, then checked for real. */
static void
read_query (Checker    *c,
            JsonObject *panel_object,
            const char *panel_path,
            TallyPanel *panel)
{
  JsonNode *node = json_object_get_member (panel_object, "query");
  g_autofree char *path = g_strdup_printf ("%s.query", panel_path);
  g_autoptr(TallyQuery) query = NULL;
  g_autoptr(TallyQuery) probe = NULL;
  g_autoptr(GError) error = NULL;
  TallyPanelType type = tally_panel_get_panel_type (panel);
  TallyShape shape;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (c, path, _("required: an object with at least “metric” and “stat”"));
      return;
    }

  probe = tally_query_new_from_json (node, TALLY_SHAPE_TIMESERIES, NULL);
  shape = tally_panel_type_get_shape (type, probe);
  if ((query = tally_query_new_from_json (node, shape, &error)) == NULL)
    {
      problem_at_member (c, path, error->message);
      return;
    }
  tally_panel_set_query (panel, query);
}

static void
read_panel (Checker        *c,
            JsonNode       *node,
            guint           index,
            GHashTable     *ids,
            TallyDashboard *dashboard)
{
  g_autofree char *path = g_strdup_printf ("panels[%u]", index);
  g_autoptr(TallyPanel) panel = NULL;
  JsonObject *object;
  JsonNode *id, *options;
  const char *type_name, *from, *to;
  TallyPanelType type = TALLY_PANEL_STAT;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (c, path, _("must be an object"));
      return;
    }
  object = json_node_get_object (node);

  id = json_object_get_member (object, "id");
  if (!is_int (id) || json_node_get_int (id) < 1 || json_node_get_int (id) > G_MAXINT32)
    {
      g_autofree char *id_path = g_strdup_printf ("%s.id", path);

      problem (c, id_path, _("must be a positive integer"));
    }
  else if (!g_hash_table_add (ids, GINT_TO_POINTER ((int) json_node_get_int (id))))
    {
      g_autofree char *id_path = g_strdup_printf ("%s.id", path);

      problem (c, id_path, _("%d is the id of another panel too"), (int) json_node_get_int (id));
    }

  type_name = get_string (c, object, path, "type");
  if (!tally_panel_type_from_string (type_name, &type))
    {
      g_autofree char *type_path = g_strdup_printf ("%s.type", path);

      problem (c, type_path, _("must be stat, line, bar, pie, heatmap, table, gauge, alerts or logs"));
    }

  panel = tally_panel_new (is_int (id) ? (guint) MAX (json_node_get_int (id), 0) : 0, type);
  tally_panel_set_title (panel, get_string (c, object, path, "title"));
  tally_panel_set_description (panel, get_string (c, object, path, "description"));
  read_grid (c, object, path, panel);
  if (read_time_object (c, object, path, &from, &to))
    tally_panel_set_time (panel, from, to);
  read_query (c, object, path, panel);

  options = json_object_get_member (object, "options");
  if (options != NULL && JSON_NODE_HOLDS_OBJECT (options))
    tally_panel_set_options (panel, json_node_get_object (options));
  else if (options != NULL && !JSON_NODE_HOLDS_NULL (options))
    {
      g_autofree char *options_path = g_strdup_printf ("%s.options", path);

      problem (c, options_path, _("must be an object"));
    }

  tally_panel_set_raw (panel, object);
  tally_dashboard_add_panel (dashboard, panel);
}

static void
read_panels (Checker        *c,
             JsonObject     *root,
             TallyDashboard *dashboard)
{
  JsonNode *node = json_object_get_member (root, "panels");
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  JsonArray *panels;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (c, "panels", _("must be an array of panels"));
      return;
    }

  panels = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (panels); i++)
    read_panel (c, json_array_get_element (panels, i), i, ids, dashboard);
}

/* Returns FALSE with the version error when the layout is not version 1. */
static gboolean
check_version (JsonObject  *root,
               Checker     *c,
               GError     **error)
{
  JsonNode *node = json_object_get_member (root, "version");
  gint64 version;

  if (!is_int (node))
    {
      problem (c, "version", _("must be the integer %d"), TALLY_DASHBOARD_VERSION);
      return TRUE;
    }

  version = json_node_get_int (node);
  if (version > TALLY_DASHBOARD_VERSION)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NEWER_VERSION,
                   _("version: this layout is version %" G_GINT64_FORMAT " and this Tally reads "
                     "up to version %d: update Tally to open it"), version, TALLY_DASHBOARD_VERSION);
      return FALSE;
    }
  if (version < 1)
    problem (c, "version", _("must be the integer %d"), TALLY_DASHBOARD_VERSION);

  return TRUE;
}

static TallyDashboard *
read_dashboard (JsonNode  *node,
                Checker   *c,
                GError   **error)
{
  g_autoptr(TallyDashboard) dashboard = tally_dashboard_new ();
  JsonObject *root;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (c, "(document)", _("must be a JSON object"));
      return NULL;
    }

  root = json_node_get_object (node);
  if (!check_version (root, c, error))
    return NULL;

  read_header (c, root, dashboard);
  read_tags (c, root, dashboard);
  read_time (c, root, dashboard);
  read_refresh (c, root, dashboard);
  read_filters (c, root, dashboard);
  read_panels (c, root, dashboard);
  check_credentials (c, node, "");
  tally_dashboard_set_raw (dashboard, root);

  return g_steal_pointer (&dashboard);
}

static void
checker_init (Checker *c)
{
  c->problems = g_ptr_array_new_with_free_func (g_free);
  c->now = g_date_time_new_now_local ();
}

static void
checker_clear (Checker *c)
{
  g_ptr_array_unref (c->problems);
  g_date_time_unref (c->now);
}

/* One error naming every problem, one per line. */
static void
set_problems_error (GError    **error,
                    GPtrArray  *problems)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (problems, NULL);
  joined = g_strjoinv ("\n", (char **) problems->pdata);
  g_ptr_array_remove_index (problems, problems->len - 1);
  g_set_error_literal (error, TALLY_ERROR, TALLY_ERROR_INVALID, joined);
}

/**
 * tally_dashboard_read_json:
 * @lenient: whether to accept a layout that breaks rules
 *
 * Reads a layout. Strict, any problem gives NULL and an error whose
 * message lists every problem, one per line, each starting with its JSON
 * path. Lenient, only what cannot be read at all does (not an object, a
 * newer version): undo gives back what a dashboard held, even a state no
 * file may have, such as a title being typed and empty for a moment.
 */
TallyDashboard *
tally_dashboard_read_json (JsonNode  *node,
                           gboolean   lenient,
                           GError   **error)
{
  g_autoptr(TallyDashboard) dashboard = NULL;
  Checker c;

  g_return_val_if_fail (node != NULL, NULL);

  checker_init (&c);
  dashboard = read_dashboard (node, &c, error);
  if (dashboard != NULL && c.problems->len > 0 && !lenient)
    {
      set_problems_error (error, c.problems);
      g_clear_object (&dashboard);
    }
  else if (dashboard == NULL && c.problems->len > 0)
    set_problems_error (error, c.problems);
  checker_clear (&c);

  return g_steal_pointer (&dashboard);
}

/**
 * tally_dashboard_new_from_json:
 *
 * Reads a layout. On any problem, returns NULL and an error whose message
 * lists every problem, one per line, each starting with its JSON path.
 */
TallyDashboard *
tally_dashboard_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);

  return tally_dashboard_read_json (node, FALSE, error);
}

TallyDashboard *
tally_dashboard_new_from_data (const char  *data,
                               gssize       length,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      g_autofree char *where = tally_json_describe_parse_error (parse_error);

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("not valid JSON: %s"), where);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("the file is empty"));
      return NULL;
    }

  return tally_dashboard_new_from_json (json_parser_get_root (parser), error);
}

TallyDashboard *
tally_dashboard_new_from_file (GFile   *file,
                               GError **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, error))
    return NULL;

  return tally_dashboard_new_from_data (data, length, error);
}

/**
 * tally_dashboard_check_data:
 *
 * Every problem of a layout, one string each ("panels[3].gridPos.w: must
 * be 1..24"); an empty list when it is valid. What `tally validate` prints.
 */
GStrv
tally_dashboard_check_data (const char *data,
                            gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyDashboard) dashboard = tally_dashboard_new_from_data (data, length, &error);

  if (dashboard != NULL)
    return g_new0 (char *, 1);

  return g_strsplit (error->message, "\n", -1);
}
