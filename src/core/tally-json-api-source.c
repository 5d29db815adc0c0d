/* tally-json-api-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The "http-json" source: one URL answering JSON, read through a mapping
 * of JSON pointers (tally-json-api-map.c) into usage events or ready-made
 * series. Events go into a store of their own in the cache folder, so
 * every query shape is answered by the same engine as the local store's;
 * series answer scalars and timeseries. One answer serves every query for
 * the polling interval (or a few seconds without one); a poll that brings
 * a different answer emits "changed". */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tally-error.h"
#include "tally-http-client.h"
#include "tally-json-api-private.h"
#include "tally-json-api-source.h"
#include "tally-store.h"

/* Without polling, an answer still serves the queries of one refresh. */
#define CACHE_S 5
#define MAX_INTERVAL_S (24 * 3600)

struct _TallyJsonApiSource
{
  TallySource          parent_instance;

  TallyHttpClient     *client;
  char                *path;
  char                *query;
  TallyJsonApiMapping *mapping;
  guint                interval_s;
  guint                poll_id;

  char                *dir;         /* the stores' folder, made on first use */
  guint                generation;
  TallyStore          *store;       /* events mode */
  TallyJsonApiSeries  *series;      /* series mode */
  char                *last_answer; /* the compact JSON the data came from */
  gint64               fetched_at;  /* monotonic µs */

  gboolean             fetching;
  gboolean             polling;
  GCancellable        *cancellable;
  GPtrArray           *waiting;     /* GTask */
};

G_DEFINE_FINAL_TYPE (TallyJsonApiSource, tally_json_api_source, TALLY_TYPE_SOURCE)

static const char query_tag[] = "tally_json_api_source_query_async";
static const char list_values_tag[] = "tally_json_api_source_list_values_async";

typedef struct
{
  TallyQuery     *query;   /* NULL for a list of values */
  TallyTimeRange *range;
  char           *dimension;
} Request;

static void
request_free (Request *request)
{
  g_clear_pointer (&request->query, tally_query_free);
  g_clear_pointer (&request->range, tally_time_range_free);
  g_free (request->dimension);
  g_free (request);
}

static gboolean
read_whole (JsonObject  *entry,
            const char  *name,
            gint64       min,
            gint64       max,
            gint64      *value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (entry, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” must be a whole number of seconds from %" G_GINT64_FORMAT " to %"
                     G_GINT64_FORMAT), name, min, max);
      return FALSE;
    }

  *value = json_node_get_int (node);
  return TRUE;
}

/* Splits "url" into the client's base (scheme, host, port) and the path
 * and query of each GET. */
static gboolean
read_url (TallyJsonApiSource  *self,
          JsonObject          *entry,
          GError             **error)
{
  const char *url = json_object_get_string_member_with_default (entry, "url", NULL);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *base = NULL;

  if (url == NULL || (uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL)) == NULL ||
      g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“url” must be the http or https address the JSON is read from"));
      return FALSE;
    }

  base = g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
  self->client = tally_http_client_new (base, error);
  if (self->client == NULL)
    return FALSE;
  self->path = g_strdup (*g_uri_get_path (uri) == '/' ? g_uri_get_path (uri) : "/");
  self->query = g_strdup (g_uri_get_query (uri));

  return TRUE;
}

static gboolean poll_cb (gpointer user_data);

/**
 * tally_json_api_source_new_from_config:
 * @entry: the source's object in sources.json: "url", "mapping", and
 *   optionally "interval" and "timeout" in seconds
 * @secret: (nullable): sent as a bearer token
 *
 * Returns: (transfer full): the source, or %NULL with %TALLY_ERROR_INVALID
 *   naming the key at fault
 */
TallySource *
tally_json_api_source_new_from_config (const char  *name,
                                       JsonObject  *entry,
                                       const char  *secret,
                                       GError     **error)
{
  g_autoptr(TallyJsonApiSource) self = NULL;
  JsonNode *mapping;
  gint64 timeout = TALLY_HTTP_DEFAULT_TIMEOUT_S, interval = 0;

  g_return_val_if_fail (name != NULL && entry != NULL, NULL);

  self = g_object_new (TALLY_TYPE_JSON_API_SOURCE, "name", name, NULL);
  if (!read_url (self, entry, error) ||
      !read_whole (entry, "timeout", 1, 3600, &timeout, error) ||
      !read_whole (entry, "interval", 1, MAX_INTERVAL_S, &interval, error))
    return NULL;

  mapping = json_object_get_member (entry, "mapping");
  if (mapping == NULL || !JSON_NODE_HOLDS_OBJECT (mapping))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“mapping” must be an object of JSON pointers (docs/json-api.md)"));
      return NULL;
    }
  self->mapping = tally_json_api_mapping_new (json_node_get_object (mapping), error);
  if (self->mapping == NULL)
    return NULL;

  tally_http_client_set_timeout (self->client, (guint) timeout);
  if (secret != NULL && *secret != '\0')
    tally_http_client_set_bearer (self->client, secret);
  self->interval_s = (guint) interval;
  if (self->interval_s > 0)
    self->poll_id = g_timeout_add_seconds (self->interval_s, poll_cb, self);

  return TALLY_SOURCE (g_steal_pointer (&self));
}

static gboolean
has_data (TallyJsonApiSource *self)
{
  return self->store != NULL || self->series != NULL;
}

static gboolean
data_is_fresh (TallyJsonApiSource *self)
{
  gint64 age = g_get_monotonic_time () - self->fetched_at;

  if (!has_data (self))
    return FALSE;
  /* polling keeps the data as fresh as the source asks */
  if (self->interval_s > 0)
    return TRUE;

  return age < CACHE_S * G_USEC_PER_SEC;
}

static void
values_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TallyStore *store = g_object_get_data (G_OBJECT (task), "store");
  Request *request = task_data;
  TallyDimension dimension;
  GError *error = NULL;
  GStrv values;

  if (!tally_dimension_parse (request->dimension, &dimension, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  values = tally_store_list_values (store, &dimension, &error);
  tally_dimension_clear (&dimension);
  if (values == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, values, (GDestroyNotify) g_strfreev);
}

static void
store_query_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  TallyFrame *frame = tally_store_query_finish (TALLY_STORE (object), result, &error);

  if (frame == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, frame, (GDestroyNotify) tally_frame_unref);
}

/* Answers @task from the data now held. */
static void
answer (TallyJsonApiSource *self,
        GTask              *task)
{
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  TallyFrame *frame;

  if (request->query == NULL && self->store == NULL)
    g_task_return_new_error (task, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                             _("This source gives ready-made series: it has no values to list"));
  else if (request->query == NULL)
    {
      g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (self->store), g_object_unref);
      g_task_run_in_thread (task, values_thread);
    }
  else if (self->store != NULL)
    tally_store_query_async (self->store, request->query, request->range, g_task_get_cancellable (task),
                             store_query_cb, g_object_ref (task));
  else if ((frame = tally_json_api_series_query (self->series, request->query, request->range,
                                                 &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, frame, (GDestroyNotify) tally_frame_unref);
}

static void
finish_waiting (TallyJsonApiSource *self,
                const GError       *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        answer (self, task);
    }
}

/* Lets go of the store of an earlier answer and removes its files. A
 * query still running on it holds its own reference (its task's source
 * object), and reads on from the open file. */
static void
drop_store (TallyStore *store)
{
  g_autofree char *path = g_strdup (tally_store_get_path (store));
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_object_unref (store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* The data of one answer is in: keep it, answer who waited for it, and
 * say "changed" when it differs from what earlier queries saw. */
static void
accept_answer (TallyJsonApiSource *self,
               char               *text,
               TallyStore         *store,
               TallyJsonApiSeries *series)
{
  gboolean emit = has_data (self) || self->polling;

  if (self->store != NULL)
    drop_store (g_steal_pointer (&self->store));
  g_clear_pointer (&self->series, tally_json_api_series_free);
  self->store = store;
  self->series = series;
  g_free (self->last_answer);
  self->last_answer = text;
  self->fetched_at = g_get_monotonic_time ();
  self->fetching = FALSE;

  finish_waiting (self, NULL);
  if (emit)
    tally_source_emit_changed (TALLY_SOURCE (self));
}

static void
fail_fetch (TallyJsonApiSource *self,
            const GError       *error)
{
  self->fetching = FALSE;
  finish_waiting (self, error);
}

/* A new store's file for the events of one answer, in the cache folder. */
static char *
next_store_path (TallyJsonApiSource  *self,
                 GError             **error)
{
  g_autofree char *file = NULL;

  if (self->dir == NULL)
    {
      g_autofree char *parent = g_build_filename (g_get_user_cache_dir (), "tally", NULL);
      g_autofree char *template = g_build_filename (parent, "json-api-XXXXXX", NULL);

      if (g_mkdir_with_parents (parent, 0700) != 0 || g_mkdtemp_full (template, 0700) == NULL)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                       _("Could not make a folder for the source’s events in %s"), parent);
          return NULL;
        }
      self->dir = g_steal_pointer (&template);
    }

  file = g_strdup_printf ("answer-%u.db", ++self->generation);
  return g_build_filename (self->dir, file, NULL);
}

/* One answer, read off the main thread: its compact text, and what the
 * mapping makes of it, events in a store of their own or series. */
typedef struct
{
  JsonNode           *root;
  char               *last_answer;  /* of the data held, or NULL */
  char               *store_path;   /* events mode */

  char               *text;
  gboolean            unchanged;
  TallyStore         *store;
  TallyJsonApiSeries *series;
} Reading;

static void
reading_free (gpointer data)
{
  Reading *reading = data;

  json_node_unref (reading->root);
  g_free (reading->last_answer);
  g_free (reading->text);
  if (reading->store != NULL)
    drop_store (g_steal_pointer (&reading->store));
  g_clear_pointer (&reading->series, tally_json_api_series_free);
  g_free (reading->store_path);
  g_free (reading);
}

/* The events of @reading's answer into a new store at its path. */
static gboolean
store_events (Reading                   *reading,
              const TallyJsonApiMapping *mapping,
              GError                   **error)
{
  g_autoptr(GPtrArray) events = tally_json_api_read_events (mapping, reading->root, error);

  if (events == NULL || (reading->store = tally_store_open (reading->store_path, error)) == NULL)
    return FALSE;
  return tally_store_ingest (reading->store, events, error);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TallyJsonApiSource *self = source_object;
  Reading *reading = task_data;
  GError *error = NULL;

  reading->text = json_to_string (reading->root, FALSE);
  reading->unchanged = g_strcmp0 (reading->text, reading->last_answer) == 0;

  if (!reading->unchanged && !tally_json_api_mapping_has_events (self->mapping))
    reading->series = tally_json_api_read_series (self->mapping, reading->root, &error);
  else if (!reading->unchanged)
    store_events (reading, self->mapping, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TallyJsonApiSource *self = TALLY_JSON_API_SOURCE (object);
  Reading *reading = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail_fetch (self, error);
      return;
    }

  if (reading->unchanged)
    {
      self->fetched_at = g_get_monotonic_time ();
      self->fetching = FALSE;
      finish_waiting (self, NULL);
      return;
    }

  accept_answer (self, g_steal_pointer (&reading->text), g_steal_pointer (&reading->store),
                 g_steal_pointer (&reading->series));
}

/* Serialising, mapping and storing an answer of up to 64 MB runs on a
 * worker thread; its data is taken in here, on the source's context. */
static void
read_answer (TallyJsonApiSource *self,
             JsonNode           *root)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, read_done_cb, NULL);
  g_autoptr(GError) error = NULL;
  Reading *reading = g_new0 (Reading, 1);

  reading->root = json_node_ref (root);
  reading->last_answer = has_data (self) ? g_strdup (self->last_answer) : NULL;
  g_task_set_task_data (task, reading, reading_free);

  if (tally_json_api_mapping_has_events (self->mapping) &&
      (reading->store_path = next_store_path (self, &error)) == NULL)
    {
      fail_fetch (self, error);
      return;
    }
  g_task_run_in_thread (task, read_thread);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TallyJsonApiSource) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  root = tally_http_client_get_json_finish (TALLY_HTTP_CLIENT (object), result, &error);
  if (root == NULL)
    fail_fetch (self, error);
  else
    read_answer (self, root);
}

static void
start_fetch (TallyJsonApiSource *self,
             gboolean            polling)
{
  if (self->fetching)
    return;

  self->fetching = TRUE;
  self->polling = polling;
  tally_http_client_get_json_async (self->client, self->path, self->query, self->cancellable,
                                    fetch_cb, g_object_ref (self));
}

static gboolean
poll_cb (gpointer user_data)
{
  start_fetch (user_data, TRUE);

  return G_SOURCE_CONTINUE;
}

/* Answers @task now if the data is fresh, else once the fetch is in. */
static void
enqueue (TallyJsonApiSource *self,
         GTask              *task)
{
  if (data_is_fresh (self))
    {
      answer (self, task);
      return;
    }

  g_ptr_array_add (self->waiting, g_object_ref (task));
  start_fetch (self, FALSE);
}

static void
tally_json_api_source_query_async (TallySource          *source,
                                   const TallyQuery     *query,
                                   const TallyTimeRange *range,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  TallyJsonApiSource *self = TALLY_JSON_API_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, (gpointer) query_tag);
  request->query = tally_query_copy (query);
  request->range = tally_time_range_copy (range);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  enqueue (self, task);
}

static void
tally_json_api_source_list_values_async (TallySource         *source,
                                         const char          *dimension,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  TallyJsonApiSource *self = TALLY_JSON_API_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, (gpointer) list_values_tag);
  request->dimension = g_strdup (dimension);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  enqueue (self, task);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_remove (file);
    }
  g_rmdir (path);
}

static void
tally_json_api_source_dispose (GObject *object)
{
  TallyJsonApiSource *self = TALLY_JSON_API_SOURCE (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->series, tally_json_api_series_free);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  if (self->dir != NULL)
    remove_dir (self->dir);
  g_clear_pointer (&self->dir, g_free);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (tally_json_api_source_parent_class)->dispose (object);
}

static void
tally_json_api_source_finalize (GObject *object)
{
  TallyJsonApiSource *self = TALLY_JSON_API_SOURCE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->mapping, tally_json_api_mapping_free);
  g_free (self->path);
  g_free (self->query);
  g_free (self->last_answer);

  G_OBJECT_CLASS (tally_json_api_source_parent_class)->finalize (object);
}

static void
tally_json_api_source_class_init (TallyJsonApiSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TallySourceClass *source_class = TALLY_SOURCE_CLASS (klass);

  object_class->dispose = tally_json_api_source_dispose;
  object_class->finalize = tally_json_api_source_finalize;

  source_class->query_async = tally_json_api_source_query_async;
  source_class->list_values_async = tally_json_api_source_list_values_async;
}

static void
tally_json_api_source_init (TallyJsonApiSource *self)
{
  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}
