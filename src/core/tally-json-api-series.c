/* tally-json-api-series.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Ready-made series of an "http-json" source: points of one metric each,
 * read through the "series" mapping, answering scalars and timeseries.
 * A point counts in the bucket its timestamp falls in: counts and amounts
 * add up (sum, or rate per minute), other metrics average their points. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-error.h"
#include "tally-event.h"
#include "tally-json-api-private.h"
#include "tally-json-pointer.h"

static void
points_free (TallyJsonApiPoints *points)
{
  g_array_unref (points->times);
  g_array_unref (points->values);
  g_free (points);
}

void
tally_json_api_series_free (TallyJsonApiSeries *series)
{
  for (guint i = 0; i < TALLY_N_METRICS; i++)
    g_clear_pointer (&series->metrics[i], points_free);
  g_free (series);
}

typedef struct
{
  gint64 time;
  double value;
} Point;

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const Point *x = a, *y = b;

  return x->time < y->time ? -1 : x->time > y->time;
}

/* One point; FALSE with an error naming the pointer at fault. A null value
 * is no point (*has_value FALSE). */
static gboolean
read_point (const char  *timestamp,
            const char  *value_pointer,
            JsonNode    *element,
            Point       *point,
            gboolean    *has_value,
            GError     **error)
{
  JsonNode *time = tally_json_pointer_get (element, timestamp, error);
  JsonNode *value;
  gint64 time_ms;

  if (time == NULL)
    return FALSE;
  if (!tally_event_parse_time (time, &time_ms, NULL))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                   _("The value at the JSON pointer “%s” is not a time"), timestamp);
      return FALSE;
    }
  if ((value = tally_json_pointer_get (element, value_pointer, error)) == NULL)
    return FALSE;

  *has_value = !JSON_NODE_HOLDS_NULL (value);
  if (*has_value && (!JSON_NODE_HOLDS_VALUE (value) ||
                     (json_node_get_value_type (value) != G_TYPE_INT64 &&
                      json_node_get_value_type (value) != G_TYPE_DOUBLE)))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                   _("The value at the JSON pointer “%s” is not a number"), value_pointer);
      return FALSE;
    }

  point->time = time_ms / 1000;
  point->value = *has_value ? json_node_get_double (value) : NAN;
  return TRUE;
}

static TallyJsonApiPoints *
read_points (JsonArray   *array,
             const char  *timestamp,
             const char  *value_pointer,
             GError     **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (Point));
  TallyJsonApiPoints *out;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Point point;
      gboolean has_value;

      if (!read_point (timestamp, value_pointer, json_array_get_element (array, i), &point,
                       &has_value, error))
        return NULL;
      if (has_value)
        g_array_append_val (points, point);
    }
  g_array_sort (points, compare_points);

  out = g_new0 (TallyJsonApiPoints, 1);
  out->times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), points->len);
  out->values = g_array_sized_new (FALSE, FALSE, sizeof (double), points->len);
  for (guint i = 0; i < points->len; i++)
    {
      g_array_append_val (out->times, g_array_index (points, Point, i).time);
      g_array_append_val (out->values, g_array_index (points, Point, i).value);
    }

  return out;
}

/**
 * tally_json_api_read_series:
 *
 * Returns: (transfer full): the series of @root, or %NULL with
 *   %TALLY_ERROR_BAD_RESPONSE naming the pointer that found nothing
 */
TallyJsonApiSeries *
tally_json_api_read_series (const TallyJsonApiMapping  *mapping,
                            JsonNode                   *root,
                            GError                    **error)
{
  g_autoptr(TallyJsonApiSeries) series = g_new0 (TallyJsonApiSeries, 1);

  for (guint m = 0; m < TALLY_N_METRICS; m++)
    {
      const char *pointer = tally_json_api_mapping_get_series (mapping, m);
      JsonNode *node;

      if (pointer == NULL)
        continue;
      if ((node = tally_json_pointer_get (root, pointer, error)) == NULL)
        return NULL;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                       _("The answer has no array at the JSON pointer “%s”"), pointer);
          return NULL;
        }
      series->metrics[m] = read_points (json_node_get_array (node),
                                        tally_json_api_mapping_get_timestamp (mapping),
                                        tally_json_api_mapping_get_value (mapping), error);
      if (series->metrics[m] == NULL)
        return NULL;
    }

  return g_steal_pointer (&series);
}

static gboolean
is_additive (TallyMetric metric)
{
  TallyMetricKind kind = tally_metric_get_kind (metric);

  return kind == TALLY_METRIC_KIND_COUNT || kind == TALLY_METRIC_KIND_AMOUNT;
}

static gboolean
check_query (const TallyJsonApiSeries  *series,
             const TallyQuery          *query,
             GError                   **error)
{
  if (query->shape != TALLY_SHAPE_SCALAR && query->shape != TALLY_SHAPE_TIMESERIES)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("A %s is not available from this source: it gives ready-made series"),
                   tally_shape_to_string (query->shape));
      return FALSE;
    }
  if ((query->shape == TALLY_SHAPE_TIMESERIES && tally_query_has_group_by (query)) ||
      (query->filters != NULL && query->filters->len > 0))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("Groups and filters are not available from this source: it gives ready-made series"));
      return FALSE;
    }
  if (series->metrics[query->metric] == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("%s is not available from this source"), tally_metric_get_title (query->metric));
      return FALSE;
    }
  if (!tally_metric_check_stat (query->metric, query->stat, error))
    return FALSE;
  if (is_additive (query->metric) ? query->stat != TALLY_STAT_SUM && query->stat != TALLY_STAT_RATE
                                  : query->stat != TALLY_STAT_AVG)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("The %s of %s is not available from this source"),
                   tally_stat_get_title (query->stat), tally_metric_get_title (query->metric));
      return FALSE;
    }

  return TRUE;
}

/* The stat over the points in [start, end), counting minutes up to now. */
static double
points_value (const TallyJsonApiPoints *points,
              const TallyQuery         *query,
              gint64                    start,
              gint64                    end,
              gint64                    now)
{
  double sum = 0, minutes;
  guint n = 0;

  for (guint i = 0; i < points->times->len; i++)
    {
      gint64 t = g_array_index (points->times, gint64, i);

      if (t >= start && t < end)
        {
          sum += g_array_index (points->values, double, i);
          n++;
        }
    }

  if (!is_additive (query->metric))
    return n > 0 ? sum / n : NAN;
  if (query->stat == TALLY_STAT_SUM)
    return sum;

  minutes = (double) (MIN (end, now) - start) / 60;
  return minutes > 0 ? sum / minutes : NAN;
}

/**
 * tally_json_api_series_query:
 *
 * Answers a scalar or an ungrouped timeseries from @series; anything else
 * is %TALLY_ERROR_UNSUPPORTED.
 */
TallyFrame *
tally_json_api_series_query (const TallyJsonApiSeries  *series,
                             const TallyQuery          *query,
                             const TallyTimeRange      *range,
                             GError                   **error)
{
  const TallyJsonApiPoints *points;
  const char *metric = tally_metric_to_string (query->metric);
  const char *stat = tally_stat_to_string (query->stat);
  const char *unit = tally_metric_get_unit (query->metric, query->stat);
  g_autoptr(GArray) starts = NULL;
  g_autofree double *values = NULL;
  gint64 interval, len = range->to - range->from;
  TallyFrame *frame;

  if (!check_query (series, query, error))
    return NULL;
  points = series->metrics[query->metric];

  if (query->shape == TALLY_SHAPE_SCALAR)
    return tally_frame_new_scalar (metric, stat, unit,
                                   points_value (points, query, range->from, range->to, range->now),
                                   points_value (points, query, range->from - len, range->from,
                                                 range->now));

  interval = query->interval_s > 0 ? query->interval_s
                                   : tally_time_range_auto_interval (range, query->width_px);
  starts = tally_time_range_get_buckets (range, interval);
  values = g_new0 (double, MAX (starts->len, 1));
  for (guint b = 0; b < starts->len; b++)
    {
      gint64 start = MAX (g_array_index (starts, gint64, b), range->from);
      gint64 end = b + 1 < starts->len ? g_array_index (starts, gint64, b + 1) : range->to;

      values[b] = points_value (points, query, start, end, range->now);
    }

  frame = tally_frame_new_timeseries (metric, stat, unit, interval, (const gint64 *) starts->data,
                                      starts->len);
  tally_frame_add_series (frame, metric, values);
  return frame;
}
