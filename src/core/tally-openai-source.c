/* tally-openai-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The "openai" source: an organisation's usage and costs from OpenAI's
 * Usage API (/v1/organization/usage/completions) and Costs API
 * (/v1/organization/costs), read with an Admin key. What it can and cannot
 * answer, and how cost is spread below a day: docs/openai.md. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-error.h"
#include "tally-openai-private.h"
#include "tally-openai-source.h"

#define LIST_VALUES_DAYS 30

struct _TallyOpenaiSource
{
  TallySource      parent_instance;

  TallyHttpClient *client;
  gboolean         has_secret;
};

G_DEFINE_FINAL_TYPE (TallyOpenaiSource, tally_openai_source, TALLY_TYPE_SOURCE)

static const char query_tag[] = "tally_openai_source_query_async";
static const char list_values_tag[] = "tally_openai_source_list_values_async";

typedef struct
{
  TallyQuery      *query;
  TallyTimeRange  *range;
  TallyOpenaiPlan  plan;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_clear_pointer (&data->query, tally_query_free);
  g_clear_pointer (&data->range, tally_time_range_free);
  tally_openai_plan_clear (&data->plan);
  g_free (data);
}

/* Reads "timeout" (whole seconds, 1 to 3600) when @entry has it. */
static gboolean
read_timeout (JsonObject  *entry,
              guint       *timeout,
              GError     **error)
{
  JsonNode *node = entry != NULL ? json_object_get_member (entry, "timeout") : NULL;
  gint64 value;

  *timeout = TALLY_HTTP_DEFAULT_TIMEOUT_S;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (value = json_node_get_int (node)) < 1 || value > 3600)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“timeout” must be a whole number of seconds from 1 to 3600"));
      return FALSE;
    }

  *timeout = (guint) value;
  return TRUE;
}

/**
 * tally_openai_source_new_from_config:
 * @name: the source's name
 * @entry: (nullable): its object in sources.json: "url" (default
 *   https://api.openai.com), "timeout" in seconds
 * @secret: (nullable): the organisation's Admin key; without it every
 *   query fails with a message saying so
 *
 * Returns: (transfer full): the source, or %NULL with
 *   %TALLY_ERROR_INVALID when @entry is malformed
 */
TallySource *
tally_openai_source_new_from_config (const char  *name,
                                     JsonObject  *entry,
                                     const char  *secret,
                                     GError     **error)
{
  g_autoptr(TallyOpenaiSource) self = NULL;
  const char *url = TALLY_OPENAI_DEFAULT_URL;
  guint timeout;

  g_return_val_if_fail (name != NULL, NULL);

  if (entry != NULL && json_object_has_member (entry, "url"))
    {
      url = json_object_get_string_member_with_default (entry, "url", NULL);
      if (url == NULL)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("“url” must be a string"));
          return NULL;
        }
    }
  if (!read_timeout (entry, &timeout, error))
    return NULL;

  self = g_object_new (TALLY_TYPE_OPENAI_SOURCE, "name", name, NULL);
  self->client = tally_http_client_new (url, error);
  if (self->client == NULL)
    return NULL;
  tally_http_client_set_timeout (self->client, timeout);
  if (secret != NULL && *secret != '\0')
    {
      tally_http_client_set_bearer (self->client, secret);
      self->has_secret = TRUE;
    }

  return TALLY_SOURCE (g_steal_pointer (&self));
}

static gboolean
check_secret (TallyOpenaiSource  *self,
              GError            **error)
{
  if (self->has_secret)
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
               _("The source “%s” has no OpenAI Admin key: the Usage API needs one"),
               tally_source_get_name (TALLY_SOURCE (self)));
  return FALSE;
}

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QueryData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  TallyFrame *frame;

  records = tally_openai_fetch_finish (result, &error);
  if (records != NULL)
    frame = tally_openai_build_frame (data->query, data->range, &data->plan, records, &error);
  if (records == NULL || frame == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, frame, (GDestroyNotify) tally_frame_unref);
}

static void
tally_openai_source_query_async (TallySource          *source,
                                 const TallyQuery     *query,
                                 const TallyTimeRange *range,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  TallyOpenaiSource *self = TALLY_OPENAI_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  QueryData *data = g_new0 (QueryData, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, (gpointer) query_tag);
  data->query = tally_query_copy (query);
  data->range = tally_time_range_copy (range);
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);

  if (!tally_openai_plan_init (&data->plan, data->query, data->range, &error) ||
      !check_secret (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  tally_openai_fetch_async (self->client, &data->plan, cancellable, fetch_done_cb,
                            g_steal_pointer (&task));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
values_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  GError *error = NULL;

  records = tally_openai_fetch_finish (result, &error);
  if (records == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < records->len; i++)
    {
      TallyOpenaiRecord *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (record->group[0], TALLY_OPENAI_UNKNOWN) == 0 ||
          !g_hash_table_add (seen, record->group[0]))
        continue;
      g_ptr_array_add (values, g_strdup (record->group[0]));
    }
  g_ptr_array_sort (values, compare_strings);
  g_ptr_array_add (values, NULL);

  g_task_return_pointer (task, g_ptr_array_steal (values, NULL), (GDestroyNotify) g_strfreev);
}

/* The values of a dimension: those of the usage results of the last 30
 * days, whole UTC days. */
static void
tally_openai_source_list_values_async (TallySource         *source,
                                       const char          *dimension,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  TallyOpenaiSource *self = TALLY_OPENAI_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  QueryData *data = g_new0 (QueryData, 1);
  TallyDimension parsed = { 0 };
  GError *error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_task_set_source_tag (task, (gpointer) list_values_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);
  if (!tally_dimension_parse (dimension, &parsed, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->plan.group_fields[0] = tally_openai_dimension_field (parsed.kind);
  if (data->plan.group_fields[0] == NULL)
    {
      g_task_return_new_error (task, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                               _("%s is not available from this source"),
                               tally_dimension_get_title (parsed.kind));
      tally_dimension_clear (&parsed);
      return;
    }
  tally_dimension_clear (&parsed);
  if (!check_secret (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data->plan.n_groups = 1;
  data->plan.width = TALLY_OPENAI_DAY;
  data->plan.fetch_to = now - now % TALLY_OPENAI_DAY + TALLY_OPENAI_DAY;
  data->plan.fetch_from = data->plan.fetch_to - LIST_VALUES_DAYS * TALLY_OPENAI_DAY;
  data->plan.filters = g_string_new (NULL);
  data->plan.cost_filters = g_string_new (NULL);
  tally_openai_fetch_async (self->client, &data->plan, cancellable, values_done_cb,
                            g_steal_pointer (&task));
}

static void
tally_openai_source_dispose (GObject *object)
{
  TallyOpenaiSource *self = TALLY_OPENAI_SOURCE (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (tally_openai_source_parent_class)->dispose (object);
}

static void
tally_openai_source_class_init (TallyOpenaiSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TallySourceClass *source_class = TALLY_SOURCE_CLASS (klass);

  object_class->dispose = tally_openai_source_dispose;

  source_class->query_async = tally_openai_source_query_async;
  source_class->list_values_async = tally_openai_source_list_values_async;
}

static void
tally_openai_source_init (TallyOpenaiSource *self)
{
}
