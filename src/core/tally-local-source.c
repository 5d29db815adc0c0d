/* tally-local-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The "local" source: the embedded store behind the TallySource contract.
 * Queries and value lists run on GTask threads, each on a read connection
 * of its own, so the main thread never runs SQL. The store's "changed"
 * (new events committed, by the in-app collector or anything else that
 * writes through this store) becomes the source's "changed". The alerts
 * recorded in the store's history answer the `alerts` panels, listed on
 * a worker thread through a read-only connection of their own. */

#include "config.h"

#include "tally-alert-frame.h"
#include "tally-local-source.h"

struct _TallyLocalSource
{
  TallySource  parent_instance;

  TallyStore  *store;
};

G_DEFINE_FINAL_TYPE (TallyLocalSource, tally_local_source, TALLY_TYPE_SOURCE)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char query_tag[] = "tally_local_source_query_async";
static const char list_values_tag[] = "tally_local_source_list_values_async";
static const char alerts_tag[] = "tally_local_source_alerts_async";

/**
 * tally_local_source_new:
 * @store: an open store
 *
 * The "local" source over @store.
 */
TallyLocalSource *
tally_local_source_new (TallyStore *store)
{
  g_return_val_if_fail (TALLY_IS_STORE (store), NULL);

  return g_object_new (TALLY_TYPE_LOCAL_SOURCE,
                       "name", TALLY_LOCAL_SOURCE_NAME,
                       "store", store,
                       NULL);
}

TallyStore *
tally_local_source_get_store (TallyLocalSource *self)
{
  g_return_val_if_fail (TALLY_IS_LOCAL_SOURCE (self), NULL);

  return self->store;
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  TallyFrame *frame;

  frame = tally_store_query_finish (TALLY_STORE (object), result, &error);
  if (frame == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, frame, (GDestroyNotify) tally_frame_unref);
}

static void
tally_local_source_query_async (TallySource          *source,
                                const TallyQuery     *query,
                                const TallyTimeRange *range,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  TallyLocalSource *self = TALLY_LOCAL_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, (gpointer) query_tag);
  tally_store_query_async (self->store, query, range, cancellable, query_done_cb, task);
}

static void
list_values_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TallyLocalSource *self = source_object;
  TallyDimension dimension;
  GError *error = NULL;
  GStrv values;

  if (!tally_dimension_parse (task_data, &dimension, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  values = tally_store_list_values (self->store, &dimension, &error);
  tally_dimension_clear (&dimension);
  if (values == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, values, (GDestroyNotify) g_strfreev);
}

static void
tally_local_source_list_values_async (TallySource         *source,
                                      const char          *dimension,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_source_tag (task, (gpointer) list_values_tag);
  g_task_set_task_data (task, g_strdup (dimension), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, list_values_thread);
}

static void
alerts_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) alerts = NULL;
  GError *error = NULL;

  if ((alerts = tally_alert_history_list_finish (result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, tally_alert_frame_new (alerts), (GDestroyNotify) tally_frame_unref);
}

static void
tally_local_source_alerts_async (TallySource          *source,
                                 const TallyTimeRange *range,
                                 guint                 limit,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  TallyLocalSource *self = TALLY_LOCAL_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, (gpointer) alerts_tag);
  tally_alert_history_list_async (tally_store_get_path (self->store), range->from, range->to, limit,
                                  cancellable, alerts_listed_cb, task);
}

static void
tally_local_source_constructed (GObject *object)
{
  TallyLocalSource *self = TALLY_LOCAL_SOURCE (object);

  G_OBJECT_CLASS (tally_local_source_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (tally_source_emit_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
tally_local_source_dispose (GObject *object)
{
  TallyLocalSource *self = TALLY_LOCAL_SOURCE (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (tally_local_source_parent_class)->dispose (object);
}

static void
tally_local_source_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TallyLocalSource *self = TALLY_LOCAL_SOURCE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_local_source_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TallyLocalSource *self = TALLY_LOCAL_SOURCE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_local_source_class_init (TallyLocalSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TallySourceClass *source_class = TALLY_SOURCE_CLASS (klass);

  object_class->constructed = tally_local_source_constructed;
  object_class->dispose = tally_local_source_dispose;
  object_class->get_property = tally_local_source_get_property;
  object_class->set_property = tally_local_source_set_property;

  source_class->query_async = tally_local_source_query_async;
  source_class->list_values_async = tally_local_source_list_values_async;
  source_class->alerts_async = tally_local_source_alerts_async;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TALLY_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_local_source_init (TallyLocalSource *self)
{
}
