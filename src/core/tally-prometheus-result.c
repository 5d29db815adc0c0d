/* tally-prometheus-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Reading what Prometheus' HTTP API answers: the envelope
 * {"status": "success"|"error", "data": …, "errorType", "error"}, and in
 * it a matrix, a vector or a scalar, whose values are strings ("1.5",
 * "NaN", "+Inf"). Anything else is a clear TALLY_ERROR_BAD_RESPONSE; a
 * query Prometheus rejects (errorType "bad_data") is TALLY_ERROR_INVALID. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-prometheus-result.h"

void
tally_prom_series_free (TallyPromSeries *series)
{
  if (series == NULL)
    return;
  g_strfreev (series->labels);
  g_clear_pointer (&series->times, g_array_unref);
  g_clear_pointer (&series->values, g_array_unref);
  g_free (series);
}

/* A sample value: a decimal or exponent number, "NaN", "+Inf", "-Inf". */
gboolean
tally_prometheus_parse_value (const char *text,
                              double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (text, "NaN") == 0)
    return *value = NAN, TRUE;
  if (g_ascii_strcasecmp (text, "+Inf") == 0 || g_ascii_strcasecmp (text, "Inf") == 0)
    return *value = INFINITY, TRUE;
  if (g_ascii_strcasecmp (text, "-Inf") == 0)
    return *value = -INFINITY, TRUE;

  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && !isnan (*value);
}

static gboolean
fail (GError    **error,
      const char *what)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
               _("Prometheus answered something that is not a query result: %s"), what);
  return FALSE;
}

/* The "data" of a successful answer, or an error from its envelope. */
static JsonNode *
get_data (JsonNode  *root,
          GError   **error)
{
  JsonObject *object;
  const char *status;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, _("not a JSON object")), NULL;
  object = json_node_get_object (root);
  status = tally_json_peek_string (object, "status");
  if (g_strcmp0 (status, "error") == 0)
    {
      const char *type = tally_json_peek_string (object, "errorType");
      const char *message = tally_json_peek_string (object, "error");

      if (message == NULL)
        message = _("no reason given");

      if (g_strcmp0 (type, "bad_data") == 0)
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                     _("Prometheus rejected the query: %s"), message);
      else
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                     _("Prometheus failed the query (%s): %s"),
                     type != NULL && *type != '\0' ? type : _("error"), message);
      return NULL;
    }
  if (g_strcmp0 (status, "success") != 0)
    return fail (error, _("its “status” is neither “success” nor “error”")), NULL;
  if (!json_object_has_member (object, "data"))
    return fail (error, _("it has no “data”")), NULL;

  return json_object_get_member (object, "data");
}

/* [time, "value"] */
static gboolean
read_point (JsonNode        *node,
            TallyPromSeries *series,
            GError         **error)
{
  JsonArray *pair;
  JsonNode *t, *v;
  double value;
  gint64 time;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (pair = json_node_get_array (node)) != 2)
    return fail (error, _("a point is not a [time, value] pair"));
  t = json_array_get_element (pair, 0);
  v = json_array_get_element (pair, 1);
  if (!JSON_NODE_HOLDS_VALUE (t) || json_node_get_value_type (t) == G_TYPE_STRING ||
      json_node_get_value_type (t) == G_TYPE_BOOLEAN)
    return fail (error, _("a point’s time is not a number"));
  if (!JSON_NODE_HOLDS_VALUE (v) || json_node_get_value_type (v) != G_TYPE_STRING ||
      !tally_prometheus_parse_value (json_node_get_string (v), &value))
    return fail (error, _("a point’s value is not a number in a string"));

  /* Unix seconds from year 0 to 9999: beyond, a server's mistake, and
   * beyond a gint64 the cast would be undefined. */
  if (!(fabs (json_node_get_double (t)) <= 253402300800.0))
    return fail (error, _("a point’s time is out of range"));
  time = (gint64) floor (json_node_get_double (t) + 0.5);
  g_array_append_val (series->times, time);
  g_array_append_val (series->values, value);
  return TRUE;
}

static TallyPromSeries *
series_new (JsonObject         *metric,
            const char * const *labels)
{
  TallyPromSeries *series = g_new0 (TallyPromSeries, 1);
  guint n = labels ? g_strv_length ((char **) labels) : 0;

  series->labels = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const char *value = NULL;

      if (metric != NULL && json_object_has_member (metric, labels[i]) &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (metric, labels[i])))
        value = json_object_get_string_member (metric, labels[i]);
      series->labels[i] = g_strdup (value ? value : "");
    }
  series->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  series->values = g_array_new (FALSE, FALSE, sizeof (double));
  return series;
}

static gboolean
read_result (JsonNode           *item,
             gboolean            is_matrix,
             const char * const *labels,
             GPtrArray          *out,
             GError            **error)
{
  JsonObject *object;
  JsonNode *metric, *points;
  TallyPromSeries *series;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    return fail (error, _("a series is not an object"));
  object = json_node_get_object (item);
  metric = json_object_get_member (object, "metric");
  points = json_object_get_member (object, is_matrix ? "values" : "value");
  if (metric != NULL && !JSON_NODE_HOLDS_OBJECT (metric))
    return fail (error, _("a series’ “metric” is not an object"));
  if (points == NULL)
    return fail (error, is_matrix ? _("a series has no “values”") : _("a sample has no “value”"));

  series = series_new (metric ? json_node_get_object (metric) : NULL, labels);
  g_ptr_array_add (out, series);
  if (!is_matrix)
    return read_point (points, series, error);
  if (!JSON_NODE_HOLDS_ARRAY (points))
    return fail (error, _("a series’ “values” is not an array"));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (points)); i++)
    {
      if (!read_point (json_array_get_element (json_node_get_array (points), i), series, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * tally_prometheus_parse:
 * @root: the answer of /api/v1/query or /api/v1/query_range
 * @labels: (nullable): the labels whose values each series keeps
 *
 * Returns: (transfer full) (element-type TallyPromSeries): the series, none
 *   when nothing matched; %NULL with an error for an error answer or
 *   anything that is not a result
 */
GPtrArray *
tally_prometheus_parse (JsonNode           *root,
                        const char * const *labels,
                        GError            **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_prom_series_free);
  JsonNode *data = get_data (root, error);
  JsonObject *object;
  JsonNode *result;
  const char *type;
  gboolean is_matrix;

  if (data == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (data))
    return fail (error, _("its “data” is not an object")), NULL;
  object = json_node_get_object (data);
  type = tally_json_peek_string (object, "resultType");
  result = json_object_get_member (object, "result");
  if (result == NULL)
    return fail (error, _("it has no “result”")), NULL;

  if (g_strcmp0 (type, "scalar") == 0)
    {
      g_ptr_array_add (out, series_new (NULL, labels));
      if (!read_point (result, g_ptr_array_index (out, 0), error))
        return NULL;
      return g_steal_pointer (&out);
    }
  is_matrix = g_strcmp0 (type, "matrix") == 0;
  if (!is_matrix && g_strcmp0 (type, "vector") != 0)
    return fail (error, _("its “resultType” is not matrix, vector or scalar")), NULL;
  if (!JSON_NODE_HOLDS_ARRAY (result))
    return fail (error, _("its “result” is not an array")), NULL;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (result)); i++)
    {
      if (!read_result (json_array_get_element (json_node_get_array (result), i), is_matrix,
                        labels, out, error))
        return NULL;
    }
  return g_steal_pointer (&out);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * tally_prometheus_parse_strings:
 * @root: the answer of /api/v1/label/<name>/values
 *
 * Returns: (transfer full): the values, sorted, or %NULL with an error
 */
GStrv
tally_prometheus_parse_strings (JsonNode  *root,
                                GError   **error)
{
  JsonNode *data = get_data (root, error);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (data == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (data))
    return fail (error, _("its “data” is not a list of values")), NULL;

  array = json_node_get_array (data);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (error, _("a label value is not a string")), NULL;
      g_ptr_array_add (values, g_strdup (json_node_get_string (node)));
    }
  g_ptr_array_sort (values, compare_strings);
  g_ptr_array_add (values, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&values), FALSE);
}
