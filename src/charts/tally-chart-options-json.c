/* tally-chart-options-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A panel's `options` object, read from and written back to the dashboard
 * JSON. Reading checks every member it knows and names the one that is
 * wrong ("options.thresholds[1].value: must be a number"), so a bad file
 * says where it is bad; members it does not know are kept and written back
 * untouched, so a layout made by a newer Tally survives an edit here. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-chart-options.h"
#include "tally-error.h"
#include "tally-format.h"
#include "tally-json-util.h"

static const char *top_members[] = {
  "unit", "decimals", "min", "max", "thresholds", "legend", "hidden_series",
  "line", "bar", "pie", "gauge", "table", NULL,
};
static const char *line_members[] = { "fill", "stack", "points", NULL };
static const char *bar_members[] = { "orientation", "mode", NULL };
static const char *pie_members[] = { "donut", NULL };
static const char *gauge_members[] = { "limit", "bands", NULL };
static const char *table_members[] = { "columns", "show", NULL };
static const char *column_members[] = { "title", "unit", "decimals", NULL };

static const char *points_names[] = { "auto", "always", "never", NULL };
static const char *orientation_names[] = { "vertical", "horizontal", NULL };
static const char *bar_mode_names[] = { "grouped", "stacked", NULL };
static const char *role_names[] = { NULL, "accent", "success", "warning", "error" };

/* Reading */

/* The member @name of @object when it is there and not null. */
static JsonNode *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_DOUBLE || type == G_TYPE_INT64;
}

static gboolean
read_number (JsonObject  *object,
             const char  *name,
             const char  *path,
             double      *out,
             GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, name);
  JsonNode *node = member (object, name);

  if (node == NULL)
    return TRUE;
  if (!is_number (node) || !isfinite (json_node_get_double (node)))
    return tally_json_fail (error, where, _("must be a number"));
  *out = json_node_get_double (node);
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *name,
           const char  *path,
           gboolean    *out,
           GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, name);
  JsonNode *node = member (object, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return tally_json_fail (error, where, _("must be true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *name,
             const char  *path,
             char       **out,
             GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, name);
  JsonNode *node = member (object, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    return tally_json_fail (error, where, _("must be a non-empty string"));
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_choice (JsonObject          *object,
             const char          *name,
             const char          *path,
             const char * const  *choices,
             guint               *out,
             GError             **error)
{
  g_autofree char *value = NULL;

  if (!read_string (object, name, path, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (g_str_equal (value, choices[i]))
        {
          *out = i;
          return TRUE;
        }
    }

  {
    g_autofree char *where = g_strdup_printf ("%s.%s", path, name);
    g_autofree char *list = g_strjoinv (", ", (char **) choices);
    g_autofree char *rule = g_strdup_printf (_("must be one of %s"), list);

    return tally_json_fail (error, where, rule);
  }
}

static gboolean
read_decimals (JsonObject  *object,
               const char  *path,
               int         *out,
               GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s.decimals", path);
  JsonNode *node = member (object, "decimals");

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0 || json_node_get_int (node) > 12)
    return tally_json_fail (error, where, _("must be an integer from 0 to 12"));
  *out = (int) json_node_get_int (node);
  return TRUE;
}

/* An object member, or NULL; an error when it is there but not an object. */
static gboolean
read_object (JsonObject   *object,
             const char   *name,
             const char   *path,
             JsonObject  **out,
             GError      **error)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, name);
  JsonNode *node = member (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return tally_json_fail (error, where, _("must be an object"));
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *name,
            const char  *path,
            JsonArray  **out,
            GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, name);
  JsonNode *node = member (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return tally_json_fail (error, where, _("must be an array"));
  *out = json_node_get_array (node);
  return TRUE;
}

/* An array of strings; *@out is NULL when the member is absent. */
static gboolean
read_string_list (JsonObject  *object,
                  const char  *name,
                  const char  *path,
                  GPtrArray  **out,
                  GError     **error)
{
  JsonArray *array;

  *out = NULL;
  if (!read_array (object, name, path, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *where = g_strdup_printf ("%s.%s[%u]", path, name, i);

          g_clear_pointer (out, g_ptr_array_unref);
          return tally_json_fail (error, where, _("must be a string"));
        }
      g_ptr_array_add (*out, g_strdup (json_node_get_string (node)));
    }

  return TRUE;
}

static gboolean
parse_color (const char      *spec,
             TallyColorRole  *role,
             TallyRgba       *rgba)
{
  for (guint i = 1; i < G_N_ELEMENTS (role_names); i++)
    {
      if (g_str_equal (spec, role_names[i]))
        {
          *role = i;
          return TRUE;
        }
    }
  *role = TALLY_COLOR_ROLE_CUSTOM;
  return tally_rgba_parse (rgba, spec);
}

static gboolean
read_threshold (JsonNode           *node,
                const char         *path,
                TallyChartOptions  *self,
                GError            **error)
{
  g_autofree char *color = NULL;
  g_autofree char *where = NULL;
  TallyThreshold threshold = { NAN, TALLY_COLOR_ROLE_ERROR, { 0, 0, 0, 1 } };
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return tally_json_fail (error, path, _("must be an object"));
  object = json_node_get_object (node);

  where = g_strdup_printf ("%s.value", path);
  if (member (object, "value") == NULL)
    return tally_json_fail (error, where, _("must be a number"));
  if (!read_number (object, "value", path, &threshold.value, error) ||
      !read_string (object, "color", path, &color, error))
    return FALSE;
  if (color != NULL && !parse_color (color, &threshold.role, &threshold.rgba))
    {
      g_free (where);
      where = g_strdup_printf ("%s.color", path);
      return tally_json_fail (error, where, _("must be success, warning, error, accent or a #rrggbb colour"));
    }
  g_array_append_val (self->thresholds, threshold);
  return TRUE;
}

static gboolean
read_thresholds (JsonObject         *object,
                 const char         *path,
                 TallyChartOptions  *self,
                 GError            **error)
{
  JsonArray *array;

  if (!read_array (object, "thresholds", path, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s.thresholds[%u]", path, i);

      if (!read_threshold (json_array_get_element (array, i), where, self, error))
        return FALSE;
    }
  g_array_sort (self->thresholds, tally_threshold_compare);
  return TRUE;
}

static gboolean
read_legend (JsonObject         *object,
             const char         *path,
             TallyChartOptions  *self,
             GError            **error)
{
  gboolean show = TRUE;
  g_autoptr(GPtrArray) hidden = NULL;

  if (member (object, "legend") != NULL)
    {
      if (!read_bool (object, "legend", path, &show, error))
        return FALSE;
      self->legend = show ? TALLY_LEGEND_SHOW : TALLY_LEGEND_HIDE;
    }

  if (!read_string_list (object, "hidden_series", path, &hidden, error))
    return FALSE;
  for (guint i = 0; hidden != NULL && i < hidden->len; i++)
    tally_chart_options_set_hidden (self, g_ptr_array_index (hidden, i), TRUE);
  return TRUE;
}

static gboolean
read_line_and_bar (JsonObject         *object,
                   const char         *path,
                   TallyChartOptions  *self,
                   GError            **error)
{
  g_autofree char *line_path = g_strdup_printf ("%s.line", path);
  g_autofree char *bar_path = g_strdup_printf ("%s.bar", path);
  g_autofree char *pie_path = g_strdup_printf ("%s.pie", path);
  JsonObject *line, *bar, *pie;
  guint points = self->line.points, orientation = self->bar.orientation;
  guint mode = self->bar.stack ? 1 : 0;

  if (!read_object (object, "line", path, &line, error) ||
      !read_object (object, "bar", path, &bar, error) ||
      !read_object (object, "pie", path, &pie, error))
    return FALSE;
  if (line != NULL &&
      (!read_bool (line, "fill", line_path, &self->line.fill, error) ||
       !read_bool (line, "stack", line_path, &self->line.stack, error) ||
       !read_choice (line, "points", line_path, points_names, &points, error)))
    return FALSE;
  if (bar != NULL &&
      (!read_choice (bar, "orientation", bar_path, orientation_names, &orientation, error) ||
       !read_choice (bar, "mode", bar_path, bar_mode_names, &mode, error)))
    return FALSE;
  if (pie != NULL && !read_bool (pie, "donut", pie_path, &self->pie.donut, error))
    return FALSE;

  self->line.points = points;
  self->bar.orientation = orientation;
  self->bar.stack = mode == 1;
  return TRUE;
}

static gboolean
read_gauge (JsonObject         *object,
            const char         *path,
            TallyChartOptions  *self,
            GError            **error)
{
  g_autofree char *gauge_path = g_strdup_printf ("%s.gauge", path);
  JsonObject *gauge;
  JsonArray *bands;
  double band[2] = { self->gauge.warning, self->gauge.error };

  if (!read_object (object, "gauge", path, &gauge, error))
    return FALSE;
  if (gauge == NULL)
    return TRUE;
  if (!read_number (gauge, "limit", gauge_path, &self->gauge.limit, error))
    return FALSE;
  if (!isnan (self->gauge.limit) && self->gauge.limit <= 0)
    {
      g_autofree char *where = g_strdup_printf ("%s.limit", gauge_path);

      return tally_json_fail (error, where, _("must be greater than 0"));
    }
  if (!read_array (gauge, "bands", gauge_path, &bands, error))
    return FALSE;
  if (bands != NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s.bands", gauge_path);

      if (json_array_get_length (bands) != 2)
        return tally_json_fail (error, where, _("must hold two fractions of the limit, e.g. [0.8, 0.95]"));
      for (guint i = 0; i < 2; i++)
        {
          JsonNode *node = json_array_get_element (bands, i);
          g_autofree char *item = g_strdup_printf ("%s[%u]", where, i);

          if (!is_number (node) || !(json_node_get_double (node) > 0) ||
              json_node_get_double (node) > 1)
            return tally_json_fail (error, item, _("must be a number above 0 and at most 1"));
          band[i] = json_node_get_double (node);
        }
      if (band[0] > band[1])
        return tally_json_fail (error, where, _("must be in ascending order"));
    }
  self->gauge.warning = band[0];
  self->gauge.error = band[1];
  return TRUE;
}

static gboolean
read_column_format (JsonObject         *columns,
                    const char         *name,
                    const char         *path,
                    TallyChartOptions  *self,
                    GError            **error)
{
  g_autofree char *where = g_strdup_printf ("%s[\"%s\"]", path, name);
  TallyColumnFormat *format;
  JsonNode *node = json_object_get_member (columns, name);
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return tally_json_fail (error, where, _("must be an object"));
  object = json_node_get_object (node);

  format = g_new0 (TallyColumnFormat, 1);
  format->name = g_strdup (name);
  format->decimals = TALLY_FORMAT_AUTO;
  g_ptr_array_add (self->columns, format);

  return read_string (object, "title", where, &format->title, error) &&
         read_string (object, "unit", where, &format->unit, error) &&
         read_decimals (object, where, &format->decimals, error);
}

static gboolean
read_table (JsonObject         *object,
            const char         *path,
            TallyChartOptions  *self,
            GError            **error)
{
  g_autofree char *table_path = g_strdup_printf ("%s.table", path);
  g_autofree char *columns_path = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *table, *columns;

  g_autoptr(GPtrArray) show = NULL;

  if (!read_object (object, "table", path, &table, error))
    return FALSE;
  if (table == NULL)
    return TRUE;
  if (!read_string_list (table, "show", table_path, &show, error))
    return FALSE;
  for (guint i = 0; show != NULL && i < show->len; i++)
    g_ptr_array_add (self->table_show, g_strdup (g_ptr_array_index (show, i)));
  if (!read_object (table, "columns", table_path, &columns, error))
    return FALSE;
  if (columns == NULL)
    return TRUE;

  columns_path = g_strdup_printf ("%s.columns", table_path);
  names = json_object_get_members (columns);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      if (!read_column_format (columns, l->data, columns_path, self, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_basics (JsonObject         *object,
             const char         *path,
             TallyChartOptions  *self,
             GError            **error)
{
  if (!read_string (object, "unit", path, &self->unit, error) ||
      !read_decimals (object, path, &self->decimals, error) ||
      !read_number (object, "min", path, &self->min, error) ||
      !read_number (object, "max", path, &self->max, error))
    return FALSE;
  if (!isnan (self->min) && !isnan (self->max) && self->min >= self->max)
    {
      g_autofree char *where = g_strdup_printf ("%s.max", path);

      return tally_json_fail (error, where, _("must be greater than min"));
    }
  return TRUE;
}

/* Reads @node, a panel's `options` object (or null for the defaults).
 * @path names it in errors ("options" when NULL; the dashboard loader
 * passes "panels[3].options"). */
TallyChartOptions *
tally_chart_options_new_from_json (JsonNode    *node,
                                   const char  *path,
                                   GError     **error)
{
  g_autoptr(TallyChartOptions) self = tally_chart_options_new ();
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = "options";
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&self);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return tally_json_fail (error, path, _("must be an object")), NULL;

  object = json_node_get_object (node);
  if (!read_basics (object, path, self, error) ||
      !read_thresholds (object, path, self, error) ||
      !read_legend (object, path, self, error) ||
      !read_line_and_bar (object, path, self, error) ||
      !read_gauge (object, path, self, error) ||
      !read_table (object, path, self, error))
    return NULL;

  self->source = json_object_ref (object);
  return g_steal_pointer (&self);
}

/* Writing */

/* Copies the members of @from that are not in @known into @to. */
static void
copy_unknown (JsonObject         *to,
              JsonObject         *from,
              const char * const *known)
{
  g_autoptr(GList) names = NULL;

  if (from == NULL)
    return;
  names = json_object_get_members (from);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      if (!g_strv_contains (known, l->data))
        json_object_set_member (to, l->data, json_node_copy (json_object_get_member (from, l->data)));
    }
}

static JsonObject *
source_object (JsonObject *source,
               const char *name)
{
  JsonNode *node = source != NULL ? json_object_get_member (source, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Adds @object as @name unless it is empty. */
static void
set_group (JsonObject *to,
           const char *name,
           JsonObject *object)
{
  if (json_object_get_size (object) > 0)
    json_object_set_object_member (to, name, object);
  else
    json_object_unref (object);
}

static void
write_thresholds (const TallyChartOptions *self,
                  JsonObject              *to)
{
  JsonArray *array;

  if (self->thresholds->len == 0)
    return;
  array = json_array_new ();
  for (guint i = 0; i < self->thresholds->len; i++)
    {
      const TallyThreshold *t = &g_array_index (self->thresholds, TallyThreshold, i);
      JsonObject *item = json_object_new ();

      json_object_set_double_member (item, "value", t->value);
      if (t->role == TALLY_COLOR_ROLE_CUSTOM)
        {
          g_autofree char *spec = tally_rgba_to_string (&t->rgba);

          json_object_set_string_member (item, "color", spec);
        }
      else
        json_object_set_string_member (item, "color", role_names[t->role]);
      json_array_add_object_element (array, item);
    }
  json_object_set_array_member (to, "thresholds", array);
}

static void
write_basics (const TallyChartOptions *self,
              JsonObject              *to)
{
  if (self->unit != NULL)
    json_object_set_string_member (to, "unit", self->unit);
  if (self->decimals >= 0)
    json_object_set_int_member (to, "decimals", self->decimals);
  if (!isnan (self->min))
    json_object_set_double_member (to, "min", self->min);
  if (!isnan (self->max))
    json_object_set_double_member (to, "max", self->max);
  write_thresholds (self, to);
  if (self->legend != TALLY_LEGEND_AUTO)
    json_object_set_boolean_member (to, "legend", self->legend == TALLY_LEGEND_SHOW);
  if (self->hidden_series->len > 0)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < self->hidden_series->len; i++)
        json_array_add_string_element (array, g_ptr_array_index (self->hidden_series, i));
      json_object_set_array_member (to, "hidden_series", array);
    }
}

static void
write_groups (const TallyChartOptions *self,
              JsonObject              *to)
{
  JsonObject *line = json_object_new (), *bar = json_object_new ();
  JsonObject *pie = json_object_new (), *gauge = json_object_new ();

  if (self->line.fill)
    json_object_set_boolean_member (line, "fill", TRUE);
  if (self->line.stack)
    json_object_set_boolean_member (line, "stack", TRUE);
  if (self->line.points != TALLY_POINTS_AUTO)
    json_object_set_string_member (line, "points", points_names[self->line.points]);
  copy_unknown (line, source_object (self->source, "line"), line_members);
  set_group (to, "line", line);

  if (self->bar.orientation != TALLY_ORIENTATION_VERTICAL)
    json_object_set_string_member (bar, "orientation", orientation_names[self->bar.orientation]);
  if (self->bar.stack)
    json_object_set_string_member (bar, "mode", "stacked");
  copy_unknown (bar, source_object (self->source, "bar"), bar_members);
  set_group (to, "bar", bar);

  if (self->pie.donut)
    json_object_set_boolean_member (pie, "donut", TRUE);
  copy_unknown (pie, source_object (self->source, "pie"), pie_members);
  set_group (to, "pie", pie);

  if (!isnan (self->gauge.limit))
    json_object_set_double_member (gauge, "limit", self->gauge.limit);
  if (self->gauge.warning != 0.8 || self->gauge.error != 0.95)
    {
      JsonArray *bands = json_array_new ();

      json_array_add_double_element (bands, self->gauge.warning);
      json_array_add_double_element (bands, self->gauge.error);
      json_object_set_array_member (gauge, "bands", bands);
    }
  copy_unknown (gauge, source_object (self->source, "gauge"), gauge_members);
  set_group (to, "gauge", gauge);
}

static void
write_table (const TallyChartOptions *self,
             JsonObject              *to)
{
  JsonObject *table = json_object_new ();
  JsonObject *source_table = source_object (self->source, "table");
  JsonObject *source_columns = source_object (source_table, "columns");
  JsonObject *columns = json_object_new ();

  for (guint i = 0; i < self->columns->len; i++)
    {
      const TallyColumnFormat *format = g_ptr_array_index (self->columns, i);
      JsonObject *column = json_object_new ();

      if (format->title != NULL)
        json_object_set_string_member (column, "title", format->title);
      if (format->unit != NULL)
        json_object_set_string_member (column, "unit", format->unit);
      if (format->decimals >= 0)
        json_object_set_int_member (column, "decimals", format->decimals);
      copy_unknown (column, source_object (source_columns, format->name), column_members);
      json_object_set_object_member (columns, format->name, column);
    }
  set_group (table, "columns", columns);
  if (self->table_show->len > 0)
    {
      JsonArray *show = json_array_new ();

      for (guint i = 0; i < self->table_show->len; i++)
        json_array_add_string_element (show, g_ptr_array_index (self->table_show, i));
      json_object_set_array_member (table, "show", show);
    }
  copy_unknown (table, source_table, table_members);
  set_group (to, "table", table);
}

/* The options as a JSON object, with the members that were read but not
 * understood carried over. */
JsonNode *
tally_chart_options_to_json (const TallyChartOptions *options)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (options != NULL, NULL);

  object = json_object_new ();
  write_basics (options, object);
  write_groups (options, object);
  write_table (options, object);
  copy_unknown (object, options->source, top_members);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}
