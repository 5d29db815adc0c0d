/* tally-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A query as a panel's JSON, the command line and the HTTP API state it,
 * checked once here so that every source can trust what it is given. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-query.h"
#include "tally-time-range.h"

static void
filter_free (gpointer data)
{
  TallyFilter *filter = data;

  tally_dimension_clear (&filter->dimension);
  g_strfreev (filter->values);
  g_free (filter);
}

static void
dimension_unset (TallyDimension *dimension)
{
  dimension->kind = TALLY_N_DIMENSIONS;
  dimension->label = NULL;
}

static void
dimension_copy (TallyDimension       *dest,
                const TallyDimension *src)
{
  dest->kind = src->kind;
  dest->label = g_strdup (src->label);
}

TallyQuery *
tally_query_new (void)
{
  TallyQuery *self = g_new0 (TallyQuery, 1);

  self->shape = TALLY_SHAPE_SCALAR;
  self->metric = TALLY_METRIC_REQUESTS;
  self->stat = TALLY_STAT_SUM;
  dimension_unset (&self->group_by);
  dimension_unset (&self->rows);
  dimension_unset (&self->columns);
  self->width_px = 1200;
  self->limit = TALLY_QUERY_DEFAULT_LIMIT;
  self->filters = g_ptr_array_new_with_free_func (filter_free);

  return self;
}

TallyQuery *
tally_query_copy (const TallyQuery *query)
{
  TallyQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = tally_query_new ();
  copy->shape = query->shape;
  copy->metric = query->metric;
  copy->stat = query->stat;
  dimension_copy (&copy->group_by, &query->group_by);
  dimension_copy (&copy->rows, &query->rows);
  dimension_copy (&copy->columns, &query->columns);
  copy->interval_s = query->interval_s;
  copy->width_px = query->width_px;
  copy->top = query->top;
  copy->limit = query->limit;
  for (guint i = 0; i < query->filters->len; i++)
    {
      const TallyFilter *filter = g_ptr_array_index (query->filters, i);
      TallyFilter *clause = g_new0 (TallyFilter, 1);

      dimension_copy (&clause->dimension, &filter->dimension);
      clause->values = g_strdupv (filter->values);
      g_ptr_array_add (copy->filters, clause);
    }

  return copy;
}

void
tally_query_free (TallyQuery *query)
{
  if (query == NULL)
    return;

  tally_dimension_clear (&query->group_by);
  tally_dimension_clear (&query->rows);
  tally_dimension_clear (&query->columns);
  g_ptr_array_unref (query->filters);
  g_free (query);
}

gboolean
tally_query_has_group_by (const TallyQuery *query)
{
  g_return_val_if_fail (query != NULL, FALSE);

  return query->group_by.kind != TALLY_N_DIMENSIONS;
}

/**
 * tally_query_add_filter:
 * @dimension: a dimension name: model, status, label.voice, …
 * @values: the values, any of which matches
 *
 * Adds a clause. Two clauses on one dimension both apply (their values
 * intersect), as a dashboard filter and a panel filter do.
 */
gboolean
tally_query_add_filter (TallyQuery          *query,
                        const char          *dimension,
                        const char * const  *values,
                        GError             **error)
{
  TallyFilter *filter;
  TallyDimension dim;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  if (!tally_dimension_parse (dimension, &dim, error))
    return FALSE;
  if (!tally_dimension_is_groupable (dim.kind))
    {
      tally_dimension_clear (&dim);
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("cannot filter on %s"), dimension);
      return FALSE;
    }

  filter = g_new0 (TallyFilter, 1);
  filter->dimension = dim;
  filter->values = g_strdupv ((char **) values);
  g_ptr_array_add (query->filters, filter);

  return TRUE;
}

/* "model=gpt-4o", as `tally query --filter` takes it. Repeating a
 * dimension in several expressions ORs the values, as a multi-select does. */
gboolean
tally_query_parse_filter (TallyQuery  *query,
                          const char  *expression,
                          GError     **error)
{
  g_auto(GStrv) parts = NULL;
  TallyDimension dim;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (expression != NULL, FALSE);

  parts = g_strsplit (expression, "=", 2);
  if (parts[0] == NULL || parts[1] == NULL || parts[0][0] == '\0')
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("the filter “%s” is not DIMENSION=VALUE"), expression);
      return FALSE;
    }

  if (!tally_dimension_parse (parts[0], &dim, error))
    return FALSE;

  for (guint i = 0; i < query->filters->len; i++)
    {
      TallyFilter *filter = g_ptr_array_index (query->filters, i);

      if (filter->dimension.kind == dim.kind &&
          g_strcmp0 (filter->dimension.label, dim.label) == 0)
        {
          guint n = g_strv_length (filter->values);

          filter->values = g_renew (char *, filter->values, n + 2);
          filter->values[n] = g_strdup (parts[1]);
          filter->values[n + 1] = NULL;
          tally_dimension_clear (&dim);
          return TRUE;
        }
    }

  tally_dimension_clear (&dim);
  return tally_query_add_filter (query, parts[0], (const char * const[]) { parts[1], NULL }, error);
}

static gboolean
check_groupable (const TallyDimension  *dimension,
                 const char            *what,
                 GError               **error)
{
  if (dimension->kind == TALLY_N_DIMENSIONS || tally_dimension_is_groupable (dimension->kind))
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: cannot group by %s"),
               what, tally_dimension_kind_to_string (dimension->kind));
  return FALSE;
}

/* A matrix is day_of_week × hour_of_day, time × latency_bucket, or any
 * two groupable dimensions. */
static gboolean
check_matrix (const TallyQuery  *query,
              GError           **error)
{
  TallyDimensionKind rows = query->rows.kind;
  TallyDimensionKind columns = query->columns.kind;

  if (rows == TALLY_N_DIMENSIONS || columns == TALLY_N_DIMENSIONS)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("a matrix needs rows and columns (for example day_of_week and hour_of_day)"));
      return FALSE;
    }

  if ((rows == TALLY_DIMENSION_DAY_OF_WEEK && columns == TALLY_DIMENSION_HOUR_OF_DAY) ||
      (rows == TALLY_DIMENSION_LATENCY_BUCKET && columns == TALLY_DIMENSION_TIME))
    return TRUE;

  if (rows == TALLY_DIMENSION_LATENCY_BUCKET || columns == TALLY_DIMENSION_LATENCY_BUCKET)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("latency_bucket rows go with time columns"));
      return FALSE;
    }

  if (!tally_dimension_is_groupable (rows) || !tally_dimension_is_groupable (columns))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("a matrix is day_of_week × hour_of_day, latency_bucket × time, "
                     "or two dimensions such as model × project"));
      return FALSE;
    }

  return TRUE;
}

gboolean
tally_query_validate (const TallyQuery  *query,
                      GError           **error)
{
  g_return_val_if_fail (query != NULL, FALSE);

  if (query->shape >= TALLY_N_SHAPES || query->metric >= TALLY_N_METRICS ||
      query->stat >= TALLY_N_STATS)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("the query is incomplete"));
      return FALSE;
    }

  if (query->shape != TALLY_SHAPE_TABLE && !tally_metric_check_stat (query->metric, query->stat, error))
    return FALSE;
  if (!check_groupable (&query->group_by, "group_by", error))
    return FALSE;
  if (query->shape == TALLY_SHAPE_MATRIX && !check_matrix (query, error))
    return FALSE;
  if (query->interval_s < 0 || (query->interval_s > 0 && query->interval_s % 60 != 0))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("the interval must be a whole number of minutes"));
      return FALSE;
    }
  if (query->top > TALLY_QUERY_MAX_TOP)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("top must be at most %d"),
                   TALLY_QUERY_MAX_TOP);
      return FALSE;
    }
  if (query->limit < 1 || query->limit > TALLY_QUERY_MAX_LIMIT)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("limit must be 1..%d"),
                   TALLY_QUERY_MAX_LIMIT);
      return FALSE;
    }
  if (query->width_px < 10 || query->width_px > 100000)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("the width must be 10..100000 pixels"));
      return FALSE;
    }

  return TRUE;
}

/* JSON: a panel's "query" object */

static gboolean
json_get_uint (JsonObject  *object,
               const char  *member,
               guint        max,
               guint       *value,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (n = json_node_get_int (node)) < 0 || n > max)
    {
      g_autofree char *rule = g_strdup_printf (_("must be an integer 0..%u"), max);

      return tally_json_fail (error, member, rule);
    }

  *value = (guint) n;
  return TRUE;
}

static gboolean
json_get_dimension (JsonObject      *object,
                    const char      *member,
                    TallyDimension  *dimension,
                    GError         **error)
{
  gboolean ok = TRUE;
  const char *name = tally_json_get_optional_string (object, member, &ok, error);

  if (!ok)
    return FALSE;
  if (name == NULL)
    return TRUE;
  if (!tally_dimension_parse (name, dimension, error))
    return g_prefix_error (error, "%s: ", member), FALSE;

  return TRUE;
}

static gboolean
json_get_interval (JsonObject  *object,
                   gint64      *interval_s,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, "interval");

  *interval_s = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (g_str_equal (text, "auto"))
        return TRUE;
      if (!tally_time_parse_interval (text, interval_s, error))
        return g_prefix_error (error, "interval: "), FALSE;
      return TRUE;
    }

  return tally_json_fail (error, "interval", _("must be \"auto\" or a duration such as \"5m\""));
}

static gboolean
json_get_filters (JsonObject  *object,
                  TallyQuery  *query,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, "filters");
  JsonObject *filters;
  g_autoptr(GList) members = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return tally_json_fail (error, "filters", _("must be an object of dimension → values"));

  filters = json_node_get_object (node);
  members = json_object_get_members (filters);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *values_node = json_object_get_member (filters, name);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) values = NULL;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (values_node))
        {
          g_autofree char *path = g_strdup_printf ("filters.%s", name);

          return tally_json_fail (error, path, _("must be an array of values"));
        }
      array = json_node_get_array (values_node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *value = json_array_get_element (array, i);
          GType type = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_NONE;

          /* Statuses may be written as numbers. */
          if (type == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (value));
          else if (type == G_TYPE_INT64)
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));

              g_strv_builder_add (builder, number);
            }
          else
            {
              g_autofree char *path = g_strdup_printf ("filters.%s[%u]", name, i);

              return tally_json_fail (error, path, _("must be a string or an integer"));
            }
        }

      /* An empty list is no filter: a dashboard's filter bar starts so. */
      values = g_strv_builder_end (builder);
      if (values[0] == NULL)
        continue;
      if (!tally_query_add_filter (query, name, (const char * const *) values, error))
        return g_prefix_error (error, "filters.%s: ", name), FALSE;
    }

  return TRUE;
}

/**
 * tally_query_new_from_json:
 * @shape: the frame shape, which follows from the widget type
 *
 * Reads a panel's "query" object. Errors name the member, relative to the
 * object ("metric: …"); the dashboard loader adds "panels[3].query.".
 */
TallyQuery *
tally_query_new_from_json (JsonNode    *node,
                           TallyShape   shape,
                           GError     **error)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  JsonObject *object;
  const char *metric, *stat;
  gboolean ok = TRUE;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return tally_json_fail (error, "query", _("must be an object")), NULL;
  object = json_node_get_object (node);

  query->shape = shape;
  metric = tally_json_get_optional_string (object, "metric", &ok, error);
  stat = ok ? tally_json_get_optional_string (object, "stat", &ok, error) : NULL;
  if (!ok)
    return NULL;
  if (metric != NULL && !tally_metric_from_string (metric, &query->metric))
    {
      g_autofree char *rule = g_strdup_printf (_("“%s” is not a metric"), metric);

      return tally_json_fail (error, "metric", rule), NULL;
    }
  if (stat != NULL && !tally_stat_from_string (stat, &query->stat))
    {
      g_autofree char *rule = g_strdup_printf (_("“%s” is not a stat (sum, count, rate, avg, "
                                                 "min, max, p50, p90, p95, p99)"), stat);

      return tally_json_fail (error, "stat", rule), NULL;
    }

  if (!json_get_dimension (object, "group_by", &query->group_by, error) ||
      !json_get_dimension (object, "rows", &query->rows, error) ||
      !json_get_dimension (object, "columns", &query->columns, error) ||
      !json_get_interval (object, &query->interval_s, error) ||
      !json_get_uint (object, "top", TALLY_QUERY_MAX_TOP, &query->top, error) ||
      !json_get_uint (object, "limit", TALLY_QUERY_MAX_LIMIT, &query->limit, error) ||
      !json_get_filters (object, query, error))
    return NULL;

  if (!tally_query_validate (query, error))
    return NULL;

  return g_steal_pointer (&query);
}

static void
json_add_dimension (JsonBuilder          *builder,
                    const char           *member,
                    const TallyDimension *dimension)
{
  g_autofree char *name = NULL;

  if (dimension->kind == TALLY_N_DIMENSIONS)
    return;
  name = tally_dimension_to_string (dimension);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, name);
}

/* The inverse of tally_query_new_from_json(): only what differs from the
 * defaults is written, so a saved layout stays short. */
JsonNode *
tally_query_to_json (const TallyQuery *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (query != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "metric");
  json_builder_add_string_value (builder, tally_metric_to_string (query->metric));
  json_builder_set_member_name (builder, "stat");
  json_builder_add_string_value (builder, tally_stat_to_string (query->stat));
  json_add_dimension (builder, "group_by", &query->group_by);
  json_add_dimension (builder, "rows", &query->rows);
  json_add_dimension (builder, "columns", &query->columns);
  if (query->interval_s > 0)
    {
      g_autofree char *interval = tally_time_format_interval (query->interval_s);

      json_builder_set_member_name (builder, "interval");
      json_builder_add_string_value (builder, interval);
    }
  if (query->top > 0)
    {
      json_builder_set_member_name (builder, "top");
      json_builder_add_int_value (builder, query->top);
    }
  if (query->limit != TALLY_QUERY_DEFAULT_LIMIT)
    {
      json_builder_set_member_name (builder, "limit");
      json_builder_add_int_value (builder, query->limit);
    }
  if (query->filters->len > 0)
    {
      json_builder_set_member_name (builder, "filters");
      json_builder_begin_object (builder);
      for (guint i = 0; i < query->filters->len; i++)
        {
          const TallyFilter *filter = g_ptr_array_index (query->filters, i);
          g_autofree char *name = tally_dimension_to_string (&filter->dimension);

          json_builder_set_member_name (builder, name);
          json_builder_begin_array (builder);
          for (guint v = 0; filter->values[v] != NULL; v++)
            json_builder_add_string_value (builder, filter->values[v]);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
