/* tally-frame-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Frames as JSON, exactly as DESIGN.md shows them: what `tally query
 * --json` prints, what `GET /api/v1/query` answers, and what a remote
 * Tally or a test reads back. Reading checks every member and names the
 * one that is wrong. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-error.h"
#include "tally-frame.h"
#include "tally-json-util.h"

/* Writing */

/* Integral values print as integers ("12", not "12.0"); NAN is null;
 * infinities, which JSON cannot hold, are null too. */
static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else if (value == floor (value) && fabs (value) < 9007199254740992.0)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_numbers (JsonBuilder  *builder,
             const double *values,
             guint         n)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    add_number (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_times (JsonBuilder  *builder,
           const gint64 *times,
           guint         n)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_int_value (builder, times[i]);
  json_builder_end_array (builder);
}

static void
write_scalar (const TallyFrame *frame,
              JsonBuilder      *builder)
{
  const double *sparkline;
  const gint64 *times;
  guint n;

  json_builder_set_member_name (builder, "value");
  add_number (builder, tally_frame_get_value (frame));
  json_builder_set_member_name (builder, "previous");
  add_number (builder, tally_frame_get_previous (frame));

  sparkline = tally_frame_get_sparkline (frame, &n);
  if (n == 0)
    return;
  times = tally_frame_get_buckets (frame, NULL);
  json_builder_set_member_name (builder, "sparkline");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, times[0]);
  json_builder_set_member_name (builder, "interval_s");
  json_builder_add_int_value (builder, tally_frame_get_interval (frame));
  json_builder_set_member_name (builder, "values");
  add_numbers (builder, sparkline, n);
  json_builder_end_object (builder);
}

static void
write_timeseries (const TallyFrame *frame,
                  JsonBuilder      *builder)
{
  guint n_buckets;
  const gint64 *buckets = tally_frame_get_buckets (frame, &n_buckets);

  json_builder_set_member_name (builder, "interval_s");
  json_builder_add_int_value (builder, tally_frame_get_interval (frame));
  json_builder_set_member_name (builder, "buckets");
  add_times (builder, buckets, n_buckets);
  json_builder_set_member_name (builder, "series");
  json_builder_begin_array (builder);
  for (guint s = 0; s < tally_frame_get_n_series (frame); s++)
    {
      json_builder_begin_object (builder);
      tally_json_builder_add_string_member (builder, "name", tally_frame_get_series_name (frame, s));
      json_builder_set_member_name (builder, "values");
      add_numbers (builder, tally_frame_get_series_values (frame, s), n_buckets);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_categories (const TallyFrame *frame,
                  JsonBuilder      *builder)
{
  guint n = tally_frame_get_n_categories (frame);

  json_builder_set_member_name (builder, "labels");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_string_value (builder, tally_frame_get_category_label (frame, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "values");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    add_number (builder, tally_frame_get_category_value (frame, i));
  json_builder_end_array (builder);
}

static void
write_matrix (const TallyFrame *frame,
              JsonBuilder      *builder)
{
  guint n_rows = tally_frame_get_n_rows (frame);
  guint n_columns = tally_frame_get_n_columns (frame);

  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < n_rows; r++)
    json_builder_add_string_value (builder, tally_frame_get_row_label (frame, r));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < n_columns; c++)
    json_builder_add_string_value (builder, tally_frame_get_column_label (frame, c));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "values");
  json_builder_begin_array (builder);
  for (guint r = 0; r < n_rows; r++)
    {
      json_builder_begin_array (builder);
      for (guint c = 0; c < n_columns; c++)
        add_number (builder, tally_frame_get_cell (frame, r, c));
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static void
write_table (const TallyFrame *frame,
             JsonBuilder      *builder)
{
  guint n_columns = tally_frame_get_n_columns (frame);
  guint n_rows = tally_frame_get_n_rows (frame);

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < n_columns; c++)
    {
      TallyColumnType type = tally_frame_get_column_type (frame, c);

      json_builder_begin_object (builder);
      tally_json_builder_add_string_member (builder, "name", tally_frame_get_column_name (frame, c));
      tally_json_builder_add_string_member (builder, "type", tally_column_type_to_string (type));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < n_rows; r++)
    {
      json_builder_begin_array (builder);
      for (guint c = 0; c < n_columns; c++)
        {
          if (tally_frame_get_column_type (frame, c) != TALLY_COLUMN_STRING)
            add_number (builder, tally_frame_get_number (frame, r, c));
          else if (tally_frame_get_string (frame, r, c) == NULL)
            json_builder_add_null_value (builder);
          else
            json_builder_add_string_value (builder, tally_frame_get_string (frame, r, c));
        }
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
tally_frame_to_json (const TallyFrame *frame)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  TallyShape shape;

  g_return_val_if_fail (frame != NULL, NULL);

  shape = tally_frame_get_shape (frame);
  json_builder_begin_object (builder);
  tally_json_builder_add_string_member (builder, "shape", tally_shape_to_string (shape));
  tally_json_builder_add_string_member (builder, "metric", tally_frame_get_metric (frame));
  tally_json_builder_add_string_member (builder, "stat", tally_frame_get_stat (frame));
  tally_json_builder_add_string_member (builder, "unit", tally_frame_get_unit (frame));

  switch (shape)
    {
    case TALLY_SHAPE_SCALAR:
      write_scalar (frame, builder);
      break;
    case TALLY_SHAPE_TIMESERIES:
      write_timeseries (frame, builder);
      break;
    case TALLY_SHAPE_CATEGORIES:
      write_categories (frame, builder);
      break;
    case TALLY_SHAPE_MATRIX:
      write_matrix (frame, builder);
      break;
    case TALLY_SHAPE_TABLE:
      write_table (frame, builder);
      break;
    case TALLY_N_SHAPES:
    default:
      g_assert_not_reached ();
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
tally_frame_to_json_string (const TallyFrame *frame,
                            gboolean          pretty)
{
  g_autoptr(JsonNode) node = tally_frame_to_json (frame);

  /* Not json_to_string(): json-glib writes 790.1 as 790.10000000000002. */
  return pretty ? tally_json_to_pretty_string (node, NULL) : tally_json_to_compact_string (node, NULL);
}

/* Reading */

static JsonArray *
get_array (JsonObject  *object,
           const char  *member,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      tally_json_fail (error, member, _("must be an array"));
      return NULL;
    }

  return json_node_get_array (node);
}

/* A number or null (NAN). */
static gboolean
read_number (JsonNode    *node,
             const char  *path,
             double      *value,
             GError     **error)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *value = NAN;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return tally_json_fail (error, path, _("must be a number or null"));

  *value = json_node_get_double (node);
  return TRUE;
}

static gboolean
read_integer (JsonNode    *node,
              const char  *path,
              gint64      *value,
              GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return tally_json_fail (error, path, _("must be an integer"));

  *value = json_node_get_int (node);
  return TRUE;
}

static double *
read_numbers (JsonArray   *array,
              const char  *path,
              guint        expected,
              GError     **error)
{
  g_autofree double *values = NULL;
  guint n = json_array_get_length (array);

  if (expected != G_MAXUINT && n != expected)
    {
      g_autofree char *rule = g_strdup_printf (_("must have %u values, not %u"), expected, n);

      tally_json_fail (error, path, rule);
      return NULL;
    }

  values = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item = g_strdup_printf ("%s[%u]", path, i);

      if (!read_number (json_array_get_element (array, i), item, &values[i], error))
        return NULL;
    }

  return g_steal_pointer (&values);
}

static GStrv
read_strings (JsonArray   *array,
              const char  *path,
              GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *item = g_strdup_printf ("%s[%u]", path, i);

          tally_json_fail (error, item, _("must be a string"));
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

static gint64 *
read_times (JsonArray   *array,
            const char  *path,
            GError     **error)
{
  guint n = json_array_get_length (array);
  g_autofree gint64 *times = g_new (gint64, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item = g_strdup_printf ("%s[%u]", path, i);

      if (!read_integer (json_array_get_element (array, i), item, &times[i], error))
        return NULL;
    }

  return g_steal_pointer (&times);
}

static TallyFrame *
read_scalar (JsonObject  *object,
             const char  *metric,
             const char  *stat,
             const char  *unit,
             GError     **error)
{
  g_autoptr(TallyFrame) frame = NULL;
  JsonNode *sparkline_node;
  double value, previous;

  if (!read_number (json_object_get_member (object, "value"), "value", &value, error) ||
      !read_number (json_object_get_member (object, "previous"), "previous", &previous, error))
    return NULL;

  frame = tally_frame_new_scalar (metric, stat, unit, value, previous);

  sparkline_node = json_object_get_member (object, "sparkline");
  if (sparkline_node != NULL && !JSON_NODE_HOLDS_NULL (sparkline_node))
    {
      JsonObject *sparkline;
      JsonArray *values;
      g_autofree double *numbers = NULL;
      gint64 start, interval;

      if (!JSON_NODE_HOLDS_OBJECT (sparkline_node))
        return tally_json_fail (error, "sparkline", _("must be an object")), NULL;
      sparkline = json_node_get_object (sparkline_node);
      if (!read_integer (json_object_get_member (sparkline, "start"), "sparkline.start", &start, error) ||
          !read_integer (json_object_get_member (sparkline, "interval_s"), "sparkline.interval_s",
                         &interval, error))
        return NULL;
      if (!(values = get_array (sparkline, "values", error)))
        return g_prefix_error (error, "sparkline."), NULL;
      if (!(numbers = read_numbers (values, "sparkline.values", G_MAXUINT, error)))
        return NULL;
      tally_frame_set_sparkline (frame, start, interval, numbers, json_array_get_length (values));
    }

  return g_steal_pointer (&frame);
}

static TallyFrame *
read_timeseries (JsonObject  *object,
                 const char  *metric,
                 const char  *stat,
                 const char  *unit,
                 GError     **error)
{
  g_autoptr(TallyFrame) frame = NULL;
  g_autofree gint64 *buckets = NULL;
  JsonArray *bucket_array;
  JsonArray *series;
  gint64 interval;
  guint n_buckets;

  if (!read_integer (json_object_get_member (object, "interval_s"), "interval_s", &interval, error))
    return NULL;
  if (!(bucket_array = get_array (object, "buckets", error)) ||
      !(series = get_array (object, "series", error)))
    return NULL;
  n_buckets = json_array_get_length (bucket_array);
  if (!(buckets = read_times (bucket_array, "buckets", error)))
    return NULL;

  frame = tally_frame_new_timeseries (metric, stat, unit, interval, buckets, n_buckets);
  for (guint s = 0; s < json_array_get_length (series); s++)
    {
      JsonNode *node = json_array_get_element (series, s);
      g_autofree char *path = g_strdup_printf ("series[%u]", s);
      g_autofree char *values_path = g_strdup_printf ("series[%u].values", s);
      g_autofree double *values = NULL;
      JsonObject *item;
      JsonArray *value_array;
      const char *name;
      gboolean ok = TRUE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return tally_json_fail (error, path, _("must be an object")), NULL;
      item = json_node_get_object (node);
      name = tally_json_get_optional_string (item, "name", &ok, error);
      if (!ok)
        return g_prefix_error (error, "%s.", path), NULL;
      if (name == NULL)
        return tally_json_fail (error, path, _("needs a name")), NULL;
      if (!(value_array = get_array (item, "values", error)))
        return g_prefix_error (error, "%s.", path), NULL;
      if (!(values = read_numbers (value_array, values_path, n_buckets, error)))
        return NULL;
      tally_frame_add_series (frame, name, values);
    }

  return g_steal_pointer (&frame);
}

static TallyFrame *
read_categories (JsonObject  *object,
                 const char  *metric,
                 const char  *stat,
                 const char  *unit,
                 GError     **error)
{
  g_autoptr(TallyFrame) frame = NULL;
  g_auto(GStrv) labels = NULL;
  g_autofree double *values = NULL;
  JsonArray *label_array;
  JsonArray *value_array;

  if (!(label_array = get_array (object, "labels", error)) ||
      !(value_array = get_array (object, "values", error)))
    return NULL;
  if (!(labels = read_strings (label_array, "labels", error)) ||
      !(values = read_numbers (value_array, "values", g_strv_length (labels), error)))
    return NULL;

  frame = tally_frame_new_categories (metric, stat, unit);
  for (guint i = 0; labels[i] != NULL; i++)
    tally_frame_add_category (frame, labels[i], values[i]);

  return g_steal_pointer (&frame);
}

static TallyFrame *
read_matrix (JsonObject  *object,
             const char  *metric,
             const char  *stat,
             const char  *unit,
             GError     **error)
{
  g_autoptr(TallyFrame) frame = NULL;
  g_auto(GStrv) rows = NULL;
  g_auto(GStrv) columns = NULL;
  JsonArray *row_array, *column_array, *values;
  guint n_rows, n_columns;

  if (!(row_array = get_array (object, "rows", error)) ||
      !(column_array = get_array (object, "columns", error)) ||
      !(values = get_array (object, "values", error)))
    return NULL;
  if (!(rows = read_strings (row_array, "rows", error)) ||
      !(columns = read_strings (column_array, "columns", error)))
    return NULL;

  n_rows = g_strv_length (rows);
  n_columns = g_strv_length (columns);
  if (json_array_get_length (values) != n_rows)
    return tally_json_fail (error, "values", _("must have one array per row")), NULL;

  frame = tally_frame_new_matrix (metric, stat, unit, (const char * const *) rows, n_rows,
                                  (const char * const *) columns, n_columns);
  for (guint r = 0; r < n_rows; r++)
    {
      JsonNode *node = json_array_get_element (values, r);
      g_autofree char *path = g_strdup_printf ("values[%u]", r);
      g_autofree double *cells = NULL;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return tally_json_fail (error, path, _("must be an array")), NULL;
      if (!(cells = read_numbers (json_node_get_array (node), path, n_columns, error)))
        return NULL;
      for (guint c = 0; c < n_columns; c++)
        tally_frame_set_cell (frame, r, c, cells[c]);
    }

  return g_steal_pointer (&frame);
}

static gboolean
read_table_columns (TallyFrame  *frame,
                    JsonArray   *columns,
                    GError     **error)
{
  for (guint c = 0; c < json_array_get_length (columns); c++)
    {
      JsonNode *node = json_array_get_element (columns, c);
      g_autofree char *path = g_strdup_printf ("columns[%u]", c);
      TallyColumnType type;
      const char *name;
      const char *type_name;
      gboolean ok = TRUE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return tally_json_fail (error, path, _("must be an object"));
      name = tally_json_get_optional_string (json_node_get_object (node), "name", &ok, error);
      type_name = ok ? tally_json_get_optional_string (json_node_get_object (node), "type", &ok, error) : NULL;
      if (!ok)
        return g_prefix_error (error, "%s.", path), FALSE;
      if (name == NULL)
        return tally_json_fail (error, path, _("needs a name"));
      if (!tally_column_type_from_string (type_name, &type))
        {
          g_autofree char *type_path = g_strdup_printf ("%s.type", path);

          return tally_json_fail (error, type_path, _("must be time, string, integer, number or status"));
        }
      tally_frame_add_column (frame, name, type);
    }

  return TRUE;
}

static gboolean
read_table_cell (TallyFrame  *frame,
                 guint        row,
                 guint        column,
                 JsonNode    *cell,
                 GError     **error)
{
  g_autofree char *path = g_strdup_printf ("rows[%u][%u]", row, column);
  double number;

  if (tally_frame_get_column_type (frame, column) != TALLY_COLUMN_STRING)
    {
      if (!read_number (cell, path, &number, error))
        return FALSE;
      tally_frame_set_number (frame, row, column, number);
      return TRUE;
    }

  if (JSON_NODE_HOLDS_NULL (cell))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (cell) || json_node_get_value_type (cell) != G_TYPE_STRING)
    return tally_json_fail (error, path, _("must be a string or null"));
  tally_frame_set_string (frame, row, column, json_node_get_string (cell));

  return TRUE;
}

static TallyFrame *
read_table (JsonObject  *object,
            GError     **error)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_table ();
  JsonArray *columns, *rows;
  guint n_columns;

  if (!(columns = get_array (object, "columns", error)) ||
      !(rows = get_array (object, "rows", error)))
    return NULL;
  if (!read_table_columns (frame, columns, error))
    return NULL;

  n_columns = json_array_get_length (columns);
  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonNode *node = json_array_get_element (rows, r);
      g_autofree char *path = g_strdup_printf ("rows[%u]", r);
      JsonArray *cells;
      guint row;

      if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) != n_columns)
        return tally_json_fail (error, path, _("must be an array with one value per column")), NULL;
      cells = json_node_get_array (node);
      row = tally_frame_append_row (frame);
      for (guint c = 0; c < n_columns; c++)
        {
          if (!read_table_cell (frame, row, c, json_array_get_element (cells, c), error))
            return NULL;
        }
    }

  return g_steal_pointer (&frame);
}

/**
 * tally_frame_new_from_json:
 *
 * Reads a frame written by tally_frame_to_json() or by any source that
 * follows DESIGN.md. Errors name the member: "series[2].values: must have
 * 10 values, not 9".
 */
TallyFrame *
tally_frame_new_from_json (JsonNode  *node,
                           GError   **error)
{
  JsonObject *object;
  const char *shape_name, *metric, *stat, *unit;
  TallyShape shape;
  gboolean ok = TRUE;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return tally_json_fail (error, "frame", _("must be a JSON object")), NULL;
  object = json_node_get_object (node);

  shape_name = tally_json_get_optional_string (object, "shape", &ok, error);
  if (!ok)
    return NULL;
  if (!tally_shape_from_string (shape_name, &shape))
    return tally_json_fail (error, "shape", _("must be scalar, timeseries, categories, matrix or table")), NULL;

  metric = tally_json_get_optional_string (object, "metric", &ok, error);
  stat = ok ? tally_json_get_optional_string (object, "stat", &ok, error) : NULL;
  unit = ok ? tally_json_get_optional_string (object, "unit", &ok, error) : NULL;
  if (!ok)
    return NULL;

  switch (shape)
    {
    case TALLY_SHAPE_SCALAR:
      return read_scalar (object, metric, stat, unit, error);
    case TALLY_SHAPE_TIMESERIES:
      return read_timeseries (object, metric, stat, unit, error);
    case TALLY_SHAPE_CATEGORIES:
      return read_categories (object, metric, stat, unit, error);
    case TALLY_SHAPE_MATRIX:
      return read_matrix (object, metric, stat, unit, error);
    case TALLY_SHAPE_TABLE:
      return read_table (object, error);
    case TALLY_N_SHAPES:
    default:
      g_assert_not_reached ();
    }
}
