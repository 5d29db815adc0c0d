/* tally-prometheus-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A server speaking Prometheus' HTTP API (Prometheus, Thanos, Mimir,
 * VictoriaMetrics) behind the TallySource contract. A query becomes one
 * to three PromQL requests (tally-promql.c), sent at once on the caller's
 * main context: a scalar asks for its range, the period before it and a
 * sparkline; a timeseries is one query_range whose step is aligned like
 * Grafana's; categories and matrices are one instant query summed by the
 * group's labels. The answers become frames in tally-prometheus-frames.c.
 * docs/prometheus.md is the prose of this file. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-error.h"
#include "tally-http-client.h"
#include "tally-prometheus-frames.h"
#include "tally-prometheus-result.h"
#include "tally-prometheus-source.h"
#include "tally-promql.h"

/* Points of a scalar's sparkline. */
#define SPARKLINE_POINTS 40
#define MAX_REQUESTS 3

struct _TallyPrometheusSource
{
  TallySource      parent_instance;

  TallyHttpClient *client;
  TallyPromql     *promql;
  guint            scrape_interval_s;
};

G_DEFINE_FINAL_TYPE (TallyPrometheusSource, tally_prometheus_source, TALLY_TYPE_SOURCE)

static const char query_tag[] = "tally_prometheus_source_query_async";
static const char list_values_tag[] = "tally_prometheus_source_list_values_async";

typedef struct
{
  TallyQuery     *query;
  TallyTimeRange *range;
  GStrv           by;
  GPtrArray      *results[MAX_REQUESTS];
  guint           pending;
  gboolean        failed;
  /* the range query's buckets */
  gint64          first;
  gint64          step;
  guint           n_buckets;
} Job;

typedef struct
{
  GTask *task;
  guint  index;
} Request;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->query, tally_query_free);
  g_clear_pointer (&job->range, tally_time_range_free);
  g_strfreev (job->by);
  for (guint i = 0; i < MAX_REQUESTS; i++)
    g_clear_pointer (&job->results[i], g_ptr_array_unref);
  g_free (job);
}

static gboolean
read_string (JsonObject  *entry,
             const char  *key,
             const char **value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (entry, key);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("“%s” must be a string"), key);
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

/* A whole number of seconds in 1 … 86400, or @fallback when absent. */
static gboolean
read_seconds (JsonObject  *entry,
              const char  *key,
              guint        fallback,
              guint       *value,
              GError     **error)
{
  JsonNode *node = json_object_get_member (entry, key);
  double number;

  *value = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING &&
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      number = json_node_get_double (node);
      if (number >= 1 && number <= 86400 && number == floor (number))
        {
          *value = (guint) number;
          return TRUE;
        }
    }
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
               _("“%s” must be a whole number of seconds from 1 to 86400"), key);
  return FALSE;
}

static gboolean
read_templates (TallyPromql *promql,
                JsonObject  *entry,
                GError     **error)
{
  JsonNode *node = json_object_get_member (entry, "templates");
  g_autoptr(GList) members = NULL;
  JsonObject *templates;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“templates” must be an object of metric names and PromQL selectors"));
      return FALSE;
    }
  templates = json_node_get_object (node);
  members = json_object_get_members (templates);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *text;

      if (!read_string (templates, l->data, &text, error) ||
          (text != NULL && !tally_promql_set_template (promql, l->data, text, error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
setup_auth (TallyHttpClient *client,
            JsonObject      *entry,
            const char      *secret,
            GError         **error)
{
  const char *auth, *user;

  if (!read_string (entry, "auth", &auth, error) || !read_string (entry, "user", &user, error))
    return FALSE;
  if (g_strcmp0 (auth, "basic") == 0)
    {
      if (user == NULL || *user == '\0')
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("basic authentication needs a “user”"));
          return FALSE;
        }
      tally_http_client_set_basic (client, user, secret);
    }
  else if (auth == NULL || g_strcmp0 (auth, "bearer") == 0)
    tally_http_client_set_bearer (client, secret);
  else
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“auth” must be “bearer” or “basic”, not “%s”"), auth);
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure (TallyPrometheusSource *self,
           JsonObject            *entry,
           const char            *secret,
           GError               **error)
{
  const char *url, *preset_name;
  TallyPromqlPreset preset = TALLY_PROMQL_PRESET_OTEL;
  guint timeout_s;

  if (!read_string (entry, "url", &url, error) || !read_string (entry, "preset", &preset_name, error))
    return FALSE;
  if (url == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("a Prometheus source needs a “url”"));
      return FALSE;
    }
  if (preset_name != NULL && !tally_promql_preset_from_string (preset_name, &preset))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“preset” must be “otel” or “litellm”, not “%s”"), preset_name);
      return FALSE;
    }
  self->promql = tally_promql_new (preset);
  if (!(self->client = tally_http_client_new (url, error)) ||
      !setup_auth (self->client, entry, secret, error) ||
      !read_seconds (entry, "scrape_interval", TALLY_PROMQL_DEFAULT_SCRAPE_S,
                     &self->scrape_interval_s, error) ||
      !read_seconds (entry, "timeout", TALLY_HTTP_DEFAULT_TIMEOUT_S, &timeout_s, error) ||
      !read_templates (self->promql, entry, error))
    return FALSE;
  tally_http_client_set_timeout (self->client, timeout_s);
  return TRUE;
}

/**
 * tally_prometheus_source_new_from_config:
 * @name: the source's name, as dashboards give it
 * @entry: its object in sources.json (docs/prometheus.md lists the keys)
 * @secret: (nullable): the bearer token, or the basic password
 *
 * Returns: (transfer full): the source, or %NULL with %TALLY_ERROR_INVALID
 *   naming the key that is wrong
 */
TallySource *
tally_prometheus_source_new_from_config (const char  *name,
                                         JsonObject  *entry,
                                         const char  *secret,
                                         GError     **error)
{
  g_autoptr(TallyPrometheusSource) self = NULL;

  g_return_val_if_fail (name != NULL && entry != NULL, NULL);

  self = g_object_new (TALLY_TYPE_PROMETHEUS_SOURCE, "name", name, NULL);
  if (!configure (self, entry, secret, error))
    return NULL;

  return TALLY_SOURCE (g_steal_pointer (&self));
}

/* An HTTP 400 or 422 is Prometheus refusing the query itself. */
static GError *
classify_error (GError *error)
{
  guint status = tally_error_get_http_status (error);
  GError *refused = NULL;

  if (status != 400 && status != 422)
    return error;
  tally_error_set_http (&refused, TALLY_ERROR_INVALID, status, -1,
                        _("Prometheus rejected the query: %s"), error->message);
  g_error_free (error);
  return refused;
}

static TallyFrame *
build_frame (Job *job)
{
  const TallyQuery *query = job->query;
  TallyFrame *frame;

  switch (query->shape)
    {
    case TALLY_SHAPE_SCALAR:
      {
        g_autoptr(TallyFrame) spark = tally_prometheus_frame_timeseries (query, job->results[2],
                                                                         job->first, job->step,
                                                                         job->n_buckets);
        frame = tally_frame_new_scalar (tally_metric_to_string (query->metric),
                                        tally_stat_to_string (query->stat),
                                        tally_metric_get_unit (query->metric, query->stat),
                                        tally_prometheus_frame_value (job->results[0]),
                                        tally_prometheus_frame_value (job->results[1]));
        if (job->n_buckets > 0)
          tally_frame_set_sparkline (frame, job->first, job->step,
                                     tally_frame_get_series_values (spark, 0), job->n_buckets);
        return frame;
      }
    case TALLY_SHAPE_TIMESERIES:
      return tally_prometheus_frame_timeseries (query, job->results[0], job->first, job->step,
                                                job->n_buckets);
    case TALLY_SHAPE_CATEGORIES:
      return tally_prometheus_frame_categories (query, job->results[0]);
    case TALLY_SHAPE_MATRIX:
      return tally_prometheus_frame_matrix (query, job->results[0]);
    default:
      g_assert_not_reached ();
    }
}

static void
request_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GTask) task = request->task;
  Job *job = g_task_get_task_data (task);
  guint index = request->index;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  g_free (request);
  job->pending--;
  root = tally_http_client_get_json_finish (TALLY_HTTP_CLIENT (object), result, &error);
  if (root != NULL)
    job->results[index] = tally_prometheus_parse (root, (const char * const *) job->by, &error);
  if (job->failed)
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    {
      job->failed = TRUE;
      g_task_return_error (task, classify_error (error));
      return;
    }
  if (job->pending == 0)
    g_task_return_pointer (task, build_frame (job), (GDestroyNotify) tally_frame_unref);
}

static void
send_request (GTask      *task,
              guint       index,
              const char *expr,
              gint64      time,
              gint64      step)
{
  TallyPrometheusSource *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *t = g_strdup_printf ("%" G_GINT64_FORMAT, time);
  Request *request = g_new0 (Request, 1);

  tally_http_query_add (query, "query", expr);
  if (step > 0)
    {
      g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, job->first + step);
      g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              job->first + (gint64) job->n_buckets * step);
      g_autofree char *step_text = g_strdup_printf ("%" G_GINT64_FORMAT, step);

      tally_http_query_add (query, "start", start);
      tally_http_query_add (query, "end", end);
      tally_http_query_add (query, "step", step_text);
    }
  else
    tally_http_query_add (query, "time", t);

  request->task = g_object_ref (task);
  request->index = index;
  job->pending++;
  tally_http_client_get_json_async (self->client, step > 0 ? "/api/v1/query_range" : "/api/v1/query",
                                    query->str, g_task_get_cancellable (task), request_done_cb,
                                    request);
}

/* The PromQL of @job's metric and stat over @window_s. */
static char *
build_expr (TallyPrometheusSource *self,
            Job                   *job,
            gint64                 window_s,
            GError               **error)
{
  return tally_promql_build (self->promql, job->query->metric, job->query->stat,
                             job->query->filters, (const char * const *) job->by, window_s, error);
}

/* The labels @query groups by, or %NULL with an error. */
static gboolean
setup_labels (TallyPrometheusSource *self,
              Job                   *job,
              GError               **error)
{
  const TallyQuery *query = job->query;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const TallyDimension *axes[2] = { NULL, NULL };

  if (query->shape == TALLY_SHAPE_TIMESERIES || query->shape == TALLY_SHAPE_CATEGORIES)
    axes[0] = tally_query_has_group_by (query) ? &query->group_by : NULL;
  else if (query->shape == TALLY_SHAPE_MATRIX)
    {
      axes[0] = &query->rows;
      axes[1] = &query->columns;
      for (guint i = 0; i < 2; i++)
        {
          if (axes[i]->kind >= TALLY_N_EVENT_DIMENSIONS && axes[i]->kind != TALLY_DIMENSION_LABEL)
            {
              g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                           _("A matrix by “%s” is not available from this source"),
                           tally_dimension_kind_to_string (axes[i]->kind));
              return FALSE;
            }
        }
    }

  for (guint i = 0; i < 2 && axes[i] != NULL; i++)
    {
      g_autofree char *label = tally_promql_get_label (self->promql, axes[i], error);

      if (label == NULL)
        return FALSE;
      g_strv_builder_add (builder, label);
    }
  job->by = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
start_requests (TallyPrometheusSource *self,
                GTask                 *task,
                GError               **error)
{
  Job *job = g_task_get_task_data (task);
  const TallyTimeRange *range = job->range;
  gint64 span = MAX (range->to - range->from, 1);
  g_autofree char *whole = NULL;
  g_autofree char *stepped = NULL;
  guint max_points;

  if (job->query->shape == TALLY_SHAPE_TABLE)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("Tables of single requests are not available from this source"));
      return FALSE;
    }
  if (job->query->shape == TALLY_SHAPE_CATEGORIES && !tally_query_has_group_by (job->query))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("categories need a dimension to group by (group_by)"));
      return FALSE;
    }
  if (!setup_labels (self, job, error))
    return FALSE;

  if (job->query->shape != TALLY_SHAPE_TIMESERIES)
    {
      if (!(whole = build_expr (self, job, span, error)))
        return FALSE;
      send_request (task, 0, whole, range->to, 0);
      if (job->query->shape != TALLY_SHAPE_SCALAR)
        return TRUE;
      send_request (task, 1, whole, range->from, 0);
    }

  max_points = job->query->shape == TALLY_SHAPE_SCALAR ? SPARKLINE_POINTS
               : MAX (job->query->width_px > 0 ? job->query->width_px : 1200, 2) / 2;
  /* a sparkline has its own few points, whatever the panel's interval */
  job->step = tally_promql_step (range->from, range->to, max_points, self->scrape_interval_s,
                                 job->query->shape == TALLY_SHAPE_SCALAR ? 0 : job->query->interval_s);
  job->n_buckets = tally_promql_n_buckets (range->from, range->to, job->step, &job->first);
  if (!(stepped = build_expr (self, job, job->step, error)))
    return FALSE;
  if (job->n_buckets == 0)
    job->results[job->query->shape == TALLY_SHAPE_SCALAR ? 2 : 0] =
      g_ptr_array_new_with_free_func ((GDestroyNotify) tally_prom_series_free);
  else
    send_request (task, job->query->shape == TALLY_SHAPE_SCALAR ? 2 : 0, stepped, 0, job->step);
  return TRUE;
}

static void
tally_prometheus_source_query_async (TallySource          *source,
                                     const TallyQuery     *query,
                                     const TallyTimeRange *range,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  TallyPrometheusSource *self = TALLY_PROMETHEUS_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Job *job = g_new0 (Job, 1);

  g_task_set_source_tag (task, (gpointer) query_tag);
  job->query = tally_query_copy (query);
  job->range = tally_time_range_copy (range);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  if (!tally_query_validate (query, &error) || !start_requests (self, task, &error))
    {
      job->failed = TRUE;
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else if (job->pending == 0)
    g_task_return_pointer (task, build_frame (job), (GDestroyNotify) tally_frame_unref);
}

static void
values_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  GStrv values = NULL;

  root = tally_http_client_get_json_finish (TALLY_HTTP_CLIENT (object), result, &error);
  if (root != NULL)
    values = tally_prometheus_parse_strings (root, &error);
  if (values == NULL)
    g_task_return_error (task, classify_error (error));
  else
    g_task_return_pointer (task, values, (GDestroyNotify) g_strfreev);
}

static void
tally_prometheus_source_list_values_async (TallySource         *source,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  TallyPrometheusSource *self = TALLY_PROMETHEUS_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *path = NULL;
  TallyDimension dimension;
  const char *requests;

  g_task_set_source_tag (task, (gpointer) list_values_tag);
  if (!tally_dimension_parse (name, &dimension, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  label = tally_promql_get_label (self->promql, &dimension, &error);
  tally_dimension_clear (&dimension);
  if (label == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Only the values of the series the source reads, not of every job. */
  requests = tally_promql_get_template (self->promql, TALLY_METRIC_REQUESTS);
  if (requests != NULL)
    tally_http_query_add (query, "match[]", requests);
  path = g_strdup_printf ("/api/v1/label/%s/values", label);
  tally_http_client_get_json_async (self->client, path, query->str, cancellable, values_done_cb,
                                    g_steal_pointer (&task));
}

static void
tally_prometheus_source_finalize (GObject *object)
{
  TallyPrometheusSource *self = TALLY_PROMETHEUS_SOURCE (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->promql, tally_promql_free);

  G_OBJECT_CLASS (tally_prometheus_source_parent_class)->finalize (object);
}

static void
tally_prometheus_source_class_init (TallyPrometheusSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TallySourceClass *source_class = TALLY_SOURCE_CLASS (klass);

  object_class->finalize = tally_prometheus_source_finalize;

  source_class->query_async = tally_prometheus_source_query_async;
  source_class->list_values_async = tally_prometheus_source_list_values_async;
}

static void
tally_prometheus_source_init (TallyPrometheusSource *self)
{
}
