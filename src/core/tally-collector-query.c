/* tally-collector-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* GET /api/v1/query's parameters: the options of `tally query` as a URL
 * query string (`?metric=latency&stat=p95&filter=model=gpt-4o`). Every
 * error starts with the parameter it is about, so a script's author sees
 * at once which one to fix. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-collector-private.h"
#include "tally-error.h"

#define DEFAULT_FROM "now-24h"
#define DEFAULT_TO   "now"

typedef enum
{
  PARAM_METRIC,
  PARAM_STAT,
  PARAM_SHAPE,
  PARAM_GROUP_BY,
  PARAM_ROWS,
  PARAM_COLUMNS,
  PARAM_INTERVAL,
  PARAM_TOP,
  PARAM_LIMIT,
  PARAM_WIDTH,
  PARAM_FROM,
  PARAM_TO,
  PARAM_TZ,
  PARAM_FILTER,
  N_PARAMS
} Param;

static const char *param_names[N_PARAMS] = {
  "metric", "stat", "shape", "group_by", "rows", "columns", "interval", "top", "limit",
  "width", "from", "to", "tz", "filter",
};

typedef struct
{
  char      *values[N_PARAMS];
  GPtrArray *filters;
} Params;

static void
params_clear (Params *params)
{
  for (guint i = 0; i < N_PARAMS; i++)
    g_free (params->values[i]);
  g_clear_pointer (&params->filters, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Params, params_clear)

static gboolean
fail (GError     **error,
      Param        param,
      const char  *message)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, "%s: %s", param_names[param], message);
  return FALSE;
}

/* Form decoding: "+" is a space, then %XX escapes. */
static char *
decode (const char *text,
        gsize       len)
{
  g_autofree char *plus = g_strndup (text, len);

  g_strdelimit (plus, "+", ' ');
  return g_uri_unescape_string (plus, NULL);
}

static int
find_param (const char *name)
{
  g_autofree char *canonical = g_strdelimit (g_strdup (name), "-", '_');

  for (guint i = 0; i < N_PARAMS; i++)
    {
      if (g_str_equal (canonical, param_names[i]))
        return i;
    }

  return -1;
}

static gboolean
add_param (Params      *params,
           const char  *item,
           gsize        len,
           GError     **error)
{
  const char *eq = memchr (item, '=', len);
  g_autofree char *name = decode (item, eq ? (gsize) (eq - item) : len);
  g_autofree char *value = eq ? decode (eq + 1, len - (eq + 1 - item)) : g_strdup ("");
  int param;

  if (name == NULL || value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("the query string is not valid UTF-8 URL encoding"));
      return FALSE;
    }

  if ((param = find_param (name)) < 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("%s: unknown parameter (use metric, stat, shape, group_by, rows, columns, "
                     "interval, top, limit, width, from, to, tz or filter)"), name);
      return FALSE;
    }

  if (param == PARAM_FILTER)
    g_ptr_array_add (params->filters, g_steal_pointer (&value));
  else if (params->values[param] != NULL)
    return fail (error, param, _("given more than once"));
  else
    params->values[param] = g_steal_pointer (&value);

  return TRUE;
}

static gboolean
split_params (const char  *query_string,
              Params      *params,
              GError     **error)
{
  const char *p = query_string;

  params->filters = g_ptr_array_new_with_free_func (g_free);
  while (p != NULL && *p != '\0')
    {
      const char *end = strchr (p, '&');
      gsize len = end ? (gsize) (end - p) : strlen (p);

      if (len > 0 && !add_param (params, p, len, error))
        return FALSE;
      p = end ? end + 1 : NULL;
    }

  return TRUE;
}

static gboolean
parse_uint (const Params  *params,
            Param          param,
            guint          min,
            guint          max,
            guint         *value,
            GError       **error)
{
  guint64 n;

  if (params->values[param] == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (params->values[param], 10, min, max, &n, NULL))
    {
      g_autofree char *rule = g_strdup_printf (_("must be an integer %u..%u"), min, max);

      return fail (error, param, rule);
    }

  *value = (guint) n;
  return TRUE;
}

static gboolean
parse_dimension (const Params    *params,
                 Param            param,
                 TallyDimension  *dimension,
                 GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  if (params->values[param] == NULL)
    return TRUE;
  if (!tally_dimension_parse (params->values[param], dimension, &local_error))
    return fail (error, param, local_error->message);

  return TRUE;
}

static gboolean
parse_names (const Params  *params,
             TallyQuery    *query,
             GError       **error)
{
  const char *metric = params->values[PARAM_METRIC];
  const char *stat = params->values[PARAM_STAT];
  const char *shape = params->values[PARAM_SHAPE];

  if (metric != NULL && !tally_metric_from_string (metric, &query->metric))
    {
      g_autofree char *rule = g_strdup_printf (_("“%s” is not a metric"), metric);

      return fail (error, PARAM_METRIC, rule);
    }
  if (stat != NULL && !tally_stat_from_string (stat, &query->stat))
    {
      g_autofree char *rule = g_strdup_printf (_("“%s” is not a stat (sum, count, rate, avg, "
                                                 "min, max, p50, p90, p95, p99)"), stat);

      return fail (error, PARAM_STAT, rule);
    }
  if (shape != NULL && !tally_shape_from_string (shape, &query->shape))
    {
      g_autofree char *rule = g_strdup_printf (_("“%s” is not a shape (scalar, timeseries, "
                                                 "categories, matrix, table)"), shape);

      return fail (error, PARAM_SHAPE, rule);
    }

  /* Without a shape, the axes say which one is meant. */
  if (shape == NULL && (params->values[PARAM_ROWS] != NULL || params->values[PARAM_COLUMNS] != NULL))
    query->shape = TALLY_SHAPE_MATRIX;
  else if (shape == NULL && params->values[PARAM_GROUP_BY] != NULL)
    query->shape = TALLY_SHAPE_CATEGORIES;

  return TRUE;
}

static gboolean
parse_interval (const Params  *params,
                TallyQuery    *query,
                GError       **error)
{
  const char *interval = params->values[PARAM_INTERVAL];
  g_autoptr(GError) local_error = NULL;

  if (interval == NULL || g_str_equal (interval, "auto"))
    return TRUE;
  if (!tally_time_parse_interval (interval, &query->interval_s, &local_error))
    return fail (error, PARAM_INTERVAL, local_error->message);

  return TRUE;
}

static gboolean
parse_filters (const Params  *params,
               TallyQuery    *query,
               GError       **error)
{
  for (guint i = 0; i < params->filters->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!tally_query_parse_filter (query, g_ptr_array_index (params->filters, i), &local_error))
        return fail (error, PARAM_FILTER, local_error->message);
    }

  return TRUE;
}

static TallyQuery *
build_query (const Params  *params,
             GError       **error)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(GError) local_error = NULL;

  if (!parse_names (params, query, error) ||
      !parse_dimension (params, PARAM_GROUP_BY, &query->group_by, error) ||
      !parse_dimension (params, PARAM_ROWS, &query->rows, error) ||
      !parse_dimension (params, PARAM_COLUMNS, &query->columns, error) ||
      !parse_interval (params, query, error) ||
      !parse_uint (params, PARAM_TOP, 0, TALLY_QUERY_MAX_TOP, &query->top, error) ||
      !parse_uint (params, PARAM_LIMIT, 1, TALLY_QUERY_MAX_LIMIT, &query->limit, error) ||
      !parse_uint (params, PARAM_WIDTH, 10, 100000, &query->width_px, error) ||
      !parse_filters (params, query, error))
    return NULL;

  if (query->shape != TALLY_SHAPE_TABLE &&
      !tally_metric_check_stat (query->metric, query->stat, &local_error))
    return fail (error, PARAM_STAT, local_error->message), NULL;
  if (query->group_by.kind != TALLY_N_DIMENSIONS &&
      !tally_dimension_is_groupable (query->group_by.kind))
    return fail (error, PARAM_GROUP_BY, _("cannot group by this dimension")), NULL;
  /* What is left (matrix axes, interval steps) names its parameters. */
  if (!tally_query_validate (query, error))
    return NULL;

  return g_steal_pointer (&query);
}

static TallyTimeRange *
build_range (const Params  *params,
             GError       **error)
{
  const char *from = params->values[PARAM_FROM] ? params->values[PARAM_FROM] : DEFAULT_FROM;
  const char *to = params->values[PARAM_TO] ? params->values[PARAM_TO] : DEFAULT_TO;
  const char *tz_name = params->values[PARAM_TZ];
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 from_s, to_s;

  tz = tz_name ? g_time_zone_new_identifier (tz_name) : g_time_zone_new_local ();
  if (tz == NULL)
    {
      g_autofree char *rule = g_strdup_printf (_("“%s” is not a time zone (use an IANA name "
                                                 "such as Europe/Berlin, or UTC)"), tz_name);

      return fail (error, PARAM_TZ, rule), NULL;
    }

  now = g_date_time_new_now (tz);
  if (!tally_time_parse_point (from, now, FALSE, &from_s, &local_error))
    return fail (error, PARAM_FROM, local_error->message), NULL;
  if (!tally_time_parse_point (to, now, TRUE, &to_s, &local_error))
    return fail (error, PARAM_TO, local_error->message), NULL;
  if (from_s >= to_s)
    {
      g_autofree char *rule = g_strdup_printf (_("the range is empty: “%s” is not before “%s”"),
                                               from, to);

      return fail (error, PARAM_FROM, rule), NULL;
    }

  return tally_time_range_new (from_s, to_s, g_date_time_to_unix (now), tz);
}

/**
 * tally_collector_parse_query:
 * @query_string: (nullable): the URL's query, still encoded
 *
 * Defaults: metric `requests`, stat `sum`, shape `scalar` (`matrix` when
 * rows or columns are given, `categories` with a group_by), from
 * `now-24h`, to `now`, tz the collector's local time zone.
 */
gboolean
tally_collector_parse_query (const char      *query_string,
                             TallyQuery     **query,
                             TallyTimeRange **range,
                             GError         **error)
{
  g_auto(Params) params = { { NULL, }, NULL };

  if (!split_params (query_string, &params, error) ||
      (*query = build_query (&params, error)) == NULL)
    return FALSE;

  if ((*range = build_range (&params, error)) == NULL)
    {
      g_clear_pointer (query, tally_query_free);
      return FALSE;
    }

  return TRUE;
}
