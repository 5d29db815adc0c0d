/* tally-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The contract of DESIGN.md's "Data sources": what dashboards ask of the
 * embedded store and of remote APIs alike. A source answers queries and
 * lists a dimension's values, asynchronously, and says when it has new
 * data ("changed") so that live dashboards refresh.
 *
 * The finish functions of the base class read a GTask, so a subclass
 * that answers with a GTask whose source object is itself only
 * implements the _async half. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-error.h"
#include "tally-source.h"

typedef struct
{
  char *name;
} TallySourcePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TallySource, tally_source, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* GTask source tags must be data: -Wpedantic forbids function pointers
 * as gpointer. */
static const char unsupported_tag[] = "tally_source_unsupported";

/* Takes @message: what the user reads. */
static void
return_unsupported (TallySource         *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data,
                    char                *message)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, (gpointer) unsupported_tag);
  g_task_return_error (task, g_error_new_literal (TALLY_ERROR, TALLY_ERROR_UNSUPPORTED, message));
  g_free (message);
}

static void
tally_source_real_query_async (TallySource          *self,
                               const TallyQuery     *query,
                               const TallyTimeRange *range,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  return_unsupported (self, cancellable, callback, user_data,
                      g_strdup_printf (_("The source “%s” cannot answer queries"),
                                       tally_source_get_name (self)));
}

static TallyFrame *
tally_source_real_query_finish (TallySource   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
tally_source_real_list_values_async (TallySource         *self,
                                     const char          *dimension,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  return_unsupported (self, cancellable, callback, user_data,
                      g_strdup_printf (_("The source “%s” cannot list the values of a dimension"),
                                       tally_source_get_name (self)));
}

static GStrv
tally_source_real_list_values_finish (TallySource   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
check_queried_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(TallyFrame) frame = NULL;
  GError *error = NULL;
  double requests;

  frame = tally_source_query_finish (TALLY_SOURCE (object), result, &error);
  if (frame == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  requests = tally_frame_get_shape (frame) == TALLY_SHAPE_SCALAR ? tally_frame_get_value (frame)
                                                                  : 0;
  if (!isfinite (requests) || requests < 0)
    requests = 0;
  g_task_return_pointer (task,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "Connected: %.0f request in the last hour",
                                                       "Connected: %.0f requests in the last hour",
                                                       requests == 1 ? 1 : 2),
                                          requests),
                         g_free);
}

/* The default check: requests over the last hour, which any source that
 * answers queries can give. */
static void
tally_source_real_check_async (TallySource         *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyTimeRange) range = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  query->shape = TALLY_SHAPE_SCALAR;
  query->metric = TALLY_METRIC_REQUESTS;
  query->stat = TALLY_STAT_SUM;
  range = tally_time_range_new (now - 3600, now, now, utc);
  tally_source_query_async (self, query, range, cancellable, check_queried_cb,
                            g_steal_pointer (&task));
}

static char *
tally_source_real_check_finish (TallySource   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A source without an alert history: a remote API knows nothing of the
 * rules Tally evaluates against its own store. */
static void
tally_source_real_alerts_async (TallySource          *self,
                                const TallyTimeRange *range,
                                guint                 limit,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  return_unsupported (self, cancellable, callback, user_data,
                      g_strdup_printf (_("The source “%s” has no alert history"),
                                       tally_source_get_name (self)));
}

static TallyFrame *
tally_source_real_alerts_finish (TallySource   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The name the dashboards' "source" key gives: "local" for the store. */
const char *
tally_source_get_name (TallySource *self)
{
  TallySourcePrivate *priv = tally_source_get_instance_private (self);

  g_return_val_if_fail (TALLY_IS_SOURCE (self), NULL);

  return priv->name ? priv->name : "";
}

/**
 * tally_source_query_async:
 * @range: resolved; the source keeps a copy
 *
 * Runs @query over @range. The callback runs in the thread-default main
 * context of the caller; cancelling @cancellable ends the query with
 * %G_IO_ERROR_CANCELLED as soon as the source can stop.
 */
void
tally_source_query_async (TallySource          *self,
                          const TallyQuery     *query,
                          const TallyTimeRange *range,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_return_if_fail (TALLY_IS_SOURCE (self));
  g_return_if_fail (query != NULL && range != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  TALLY_SOURCE_GET_CLASS (self)->query_async (self, query, range, cancellable, callback, user_data);
}

/* Returns: (transfer full): the frame, or %NULL with @error set */
TallyFrame *
tally_source_query_finish (TallySource   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (TALLY_IS_SOURCE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return TALLY_SOURCE_GET_CLASS (self)->query_finish (self, result, error);
}

/**
 * tally_source_list_values_async:
 * @dimension: a dimension's name as layouts write it: "model", "status",
 *   "label.voice"
 *
 * Lists the values @dimension takes, for a filter menu.
 */
void
tally_source_list_values_async (TallySource         *self,
                                const char          *dimension,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TALLY_IS_SOURCE (self));
  g_return_if_fail (dimension != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  TALLY_SOURCE_GET_CLASS (self)->list_values_async (self, dimension, cancellable, callback,
                                                    user_data);
}

/* Returns: (transfer full): the values, sorted, or %NULL with @error set */
GStrv
tally_source_list_values_finish (TallySource   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (TALLY_IS_SOURCE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return TALLY_SOURCE_GET_CLASS (self)->list_values_finish (self, result, error);
}

/**
 * tally_source_check_async:
 *
 * Tries the source as "Test Connection" does: a small real request
 * whose answer says whether the source works.
 */
void
tally_source_check_async (TallySource         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (TALLY_IS_SOURCE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  TALLY_SOURCE_GET_CLASS (self)->check_async (self, cancellable, callback, user_data);
}

/* Returns: (transfer full): a one-line summary for the user ("Connected:
 *   12 requests in the last hour"), or %NULL with @error set */
char *
tally_source_check_finish (TallySource   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (TALLY_IS_SOURCE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return TALLY_SOURCE_GET_CLASS (self)->check_finish (self, result, error);
}

/**
 * tally_source_alerts_async:
 * @range: resolved; the alerts that fired at some moment of [from, to)
 * @limit: the most rows to answer
 *
 * Lists the alerts recorded by the source, for an `alerts` panel: firing
 * ones first, then the newest. A source without an alert history answers
 * %TALLY_ERROR_UNSUPPORTED.
 */
void
tally_source_alerts_async (TallySource          *self,
                           const TallyTimeRange *range,
                           guint                 limit,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_return_if_fail (TALLY_IS_SOURCE (self));
  g_return_if_fail (range != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  TALLY_SOURCE_GET_CLASS (self)->alerts_async (self, range, limit, cancellable, callback,
                                               user_data);
}

/* Returns: (transfer full): a table frame of the alerts, or %NULL with
 *   @error set */
TallyFrame *
tally_source_alerts_finish (TallySource   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (TALLY_IS_SOURCE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return TALLY_SOURCE_GET_CLASS (self)->alerts_finish (self, result, error);
}

/**
 * tally_source_emit_changed:
 *
 * For implementations, and for whoever knows of new data first: says
 * that the source has new data. Emit it on the main thread.
 */
void
tally_source_emit_changed (TallySource *self)
{
  g_return_if_fail (TALLY_IS_SOURCE (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
tally_source_finalize (GObject *object)
{
  TallySourcePrivate *priv = tally_source_get_instance_private (TALLY_SOURCE (object));

  g_clear_pointer (&priv->name, g_free);

  G_OBJECT_CLASS (tally_source_parent_class)->finalize (object);
}

static void
tally_source_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TallySource *self = TALLY_SOURCE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, tally_source_get_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_source_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TallySourcePrivate *priv = tally_source_get_instance_private (TALLY_SOURCE (object));

  switch (prop_id)
    {
    case PROP_NAME:
      priv->name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_source_class_init (TallySourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tally_source_finalize;
  object_class->get_property = tally_source_get_property;
  object_class->set_property = tally_source_set_property;

  klass->query_async = tally_source_real_query_async;
  klass->query_finish = tally_source_real_query_finish;
  klass->list_values_async = tally_source_real_list_values_async;
  klass->list_values_finish = tally_source_real_list_values_finish;
  klass->check_async = tally_source_real_check_async;
  klass->check_finish = tally_source_real_check_finish;
  klass->alerts_async = tally_source_real_alerts_async;
  klass->alerts_finish = tally_source_real_alerts_finish;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TallySource::changed:
   *
   * The source has new data: live dashboards refresh the panels that
   * show "now". Emitted on the main thread; it may come often, so
   * listeners throttle.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tally_source_init (TallySource *self)
{
}
