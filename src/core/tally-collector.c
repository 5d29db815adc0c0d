/* tally-collector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The collector as the application and `tally collect` see it: a GObject
 * used from one thread (the main one), with properties for its address,
 * token and limits, its state, and signals for live dashboards.
 *
 * The HTTP server itself runs on a thread of its own
 * (tally-collector-server.c), so that neither parsing a large batch nor a
 * burst of clients ever stalls the GTK main loop. That thread reports back
 * here through idle sources on the main context: a burst of small batches
 * becomes one "events-received" emission, not one per request. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-collector-private.h"
#include "tally-error.h"

#define MIN_BODY_SIZE 1024

struct _TallyCollector
{
  GObject               parent_instance;

  TallyStore           *store;
  char                 *listen_address;
  char                 *token;
  guint64               max_body_size;
  guint                 max_batch_events;

  GMainContext         *main_context;
  TallyCollectorServer *server;
  TallyCollectorState   state;
  char                  *address;
  guint16                port;
  char                  *error_message;
  GPtrArray             *stop_tasks;

  /* shared with the server's thread */
  GMutex                lock;
  GSource              *report_source;
  GSource              *stopped_source;
  guint                 pending_requests;
  guint                 pending_accepted;
  guint                 pending_rejected;

  /* main thread */
  guint64               requests;
  guint64               events_accepted;
  guint64               events_rejected;
};

enum
{
  PROP_0,
  PROP_STORE,
  PROP_LISTEN_ADDRESS,
  PROP_TOKEN,
  PROP_MAX_BODY_SIZE,
  PROP_MAX_BATCH_EVENTS,
  PROP_STATE,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_ERROR_MESSAGE,
  PROP_EVENTS_ACCEPTED,
  PROP_EVENTS_REJECTED,
  PROP_REQUESTS,
  N_PROPS
};

enum
{
  EVENTS_RECEIVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A GTask source tag must be data: -Wpedantic forbids function pointers
 * as gpointer. */
static const char stop_tag[] = "tally_collector_stop_async";

G_DEFINE_ENUM_TYPE (TallyCollectorState, tally_collector_state,
                    G_DEFINE_ENUM_VALUE (TALLY_COLLECTOR_STOPPED, "stopped"),
                    G_DEFINE_ENUM_VALUE (TALLY_COLLECTOR_LISTENING, "listening"),
                    G_DEFINE_ENUM_VALUE (TALLY_COLLECTOR_STOPPING, "stopping"),
                    G_DEFINE_ENUM_VALUE (TALLY_COLLECTOR_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (TallyCollector, tally_collector, G_TYPE_OBJECT)

static void
set_state (TallyCollector      *self,
           TallyCollectorState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error_message (TallyCollector *self,
                   const char     *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;

  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
set_bound_address (TallyCollector *self,
                   const char     *address,
                   guint16         port)
{
  if (g_strcmp0 (self->address, address) != 0)
    {
      g_free (self->address);
      self->address = g_strdup (address);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
    }
  if (self->port != port)
    {
      self->port = port;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
    }
}

/* Main thread: the server's thread has ended (or is about to). Joins it
 * and completes every stop request. */
static void
finish_stop (TallyCollector *self)
{
  TallyCollectorServer *server = g_steal_pointer (&self->server);
  g_autoptr(GPtrArray) tasks = NULL;

  if (server == NULL)
    return;

  tally_collector_server_free (server);

  g_mutex_lock (&self->lock);
  if (self->stopped_source != NULL)
    {
      g_source_destroy (self->stopped_source);
      g_clear_pointer (&self->stopped_source, g_source_unref);
    }
  g_mutex_unlock (&self->lock);

  set_bound_address (self, NULL, 0);
  set_state (self, TALLY_COLLECTOR_STOPPED);

  tasks = g_steal_pointer (&self->stop_tasks);
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    g_task_return_boolean (g_ptr_array_index (tasks, i), TRUE);
}

static gboolean
stopped_cb (gpointer data)
{
  TallyCollector *self = data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->stopped_source, g_source_unref);
  g_mutex_unlock (&self->lock);

  finish_stop (self);

  return G_SOURCE_REMOVE;
}

/* Server thread: the last thing it does before it ends. */
void
tally_collector_notify_stopped (TallyCollector *self)
{
  g_mutex_lock (&self->lock);
  if (self->stopped_source == NULL)
    {
      self->stopped_source = g_idle_source_new ();
      g_source_set_callback (self->stopped_source, stopped_cb, self, NULL);
      g_source_set_static_name (self->stopped_source, "[tally] collector stopped");
      g_source_attach (self->stopped_source, self->main_context);
    }
  g_mutex_unlock (&self->lock);
}

static gboolean
report_cb (gpointer data)
{
  TallyCollector *self = data;
  guint requests, accepted, rejected;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->report_source, g_source_unref);
  requests = self->pending_requests;
  accepted = self->pending_accepted;
  rejected = self->pending_rejected;
  self->pending_requests = self->pending_accepted = self->pending_rejected = 0;
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (G_OBJECT (self));
  self->requests += requests;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUESTS]);
  if (accepted > 0 || rejected > 0)
    {
      self->events_accepted += accepted;
      self->events_rejected += rejected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENTS_ACCEPTED]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENTS_REJECTED]);
      g_signal_emit (self, signals[EVENTS_RECEIVED], 0, accepted, rejected);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

/* Server thread: adds one finished request to what the main thread will
 * hear about at its next idle moment. */
void
tally_collector_report (TallyCollector *self,
                        guint           requests,
                        guint           accepted,
                        guint           rejected)
{
  g_mutex_lock (&self->lock);
  self->pending_requests += requests;
  self->pending_accepted += accepted;
  self->pending_rejected += rejected;
  if (self->report_source == NULL)
    {
      self->report_source = g_idle_source_new ();
      g_source_set_callback (self->report_source, report_cb, self, NULL);
      g_source_set_static_name (self->report_source, "[tally] collector report");
      g_source_attach (self->report_source, self->main_context);
    }
  g_mutex_unlock (&self->lock);
}

static void
tally_collector_dispose (GObject *object)
{
  TallyCollector *self = TALLY_COLLECTOR (object);

  tally_collector_stop (self);

  g_mutex_lock (&self->lock);
  if (self->report_source != NULL)
    {
      g_source_destroy (self->report_source);
      g_clear_pointer (&self->report_source, g_source_unref);
    }
  g_mutex_unlock (&self->lock);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (tally_collector_parent_class)->dispose (object);
}

static void
tally_collector_finalize (GObject *object)
{
  TallyCollector *self = TALLY_COLLECTOR (object);

  g_free (self->listen_address);
  g_free (self->token);
  g_free (self->address);
  g_free (self->error_message);
  g_main_context_unref (self->main_context);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (tally_collector_parent_class)->finalize (object);
}

static void
tally_collector_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TallyCollector *self = TALLY_COLLECTOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LISTEN_ADDRESS:
      g_value_set_string (value, self->listen_address);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;
    case PROP_MAX_BATCH_EVENTS:
      g_value_set_uint (value, self->max_batch_events);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_EVENTS_ACCEPTED:
      g_value_set_uint64 (value, self->events_accepted);
      break;
    case PROP_EVENTS_REJECTED:
      g_value_set_uint64 (value, self->events_rejected);
      break;
    case PROP_REQUESTS:
      g_value_set_uint64 (value, self->requests);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_collector_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TallyCollector *self = TALLY_COLLECTOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_LISTEN_ADDRESS:
      tally_collector_set_listen_address (self, g_value_get_string (value));
      break;
    case PROP_TOKEN:
      tally_collector_set_token (self, g_value_get_string (value));
      break;
    case PROP_MAX_BODY_SIZE:
      tally_collector_set_max_body_size (self, g_value_get_uint64 (value));
      break;
    case PROP_MAX_BATCH_EVENTS:
      tally_collector_set_max_batch_events (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TALLY_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The next three take effect at the next start. */
  properties[PROP_LISTEN_ADDRESS] =
    g_param_spec_string ("listen-address", NULL, NULL, TALLY_COLLECTOR_DEFAULT_ADDRESS, rw);
  properties[PROP_TOKEN] = g_param_spec_string ("token", NULL, NULL, NULL, rw);
  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL, MIN_BODY_SIZE, G_MAXUINT32,
                         TALLY_COLLECTOR_DEFAULT_MAX_BODY_SIZE, rw);
  properties[PROP_MAX_BATCH_EVENTS] =
    g_param_spec_uint ("max-batch-events", NULL, NULL, 1, G_MAXUINT,
                       TALLY_COLLECTOR_DEFAULT_MAX_BATCH_EVENTS, rw);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TALLY_TYPE_COLLECTOR_STATE,
                       TALLY_COLLECTOR_STOPPED, ro);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, ro);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_EVENTS_ACCEPTED] =
    g_param_spec_uint64 ("events-accepted", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_EVENTS_REJECTED] =
    g_param_spec_uint64 ("events-rejected", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_REQUESTS] = g_param_spec_uint64 ("requests", NULL, NULL, 0, G_MAXUINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_collector_class_init (TallyCollectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tally_collector_dispose;
  object_class->finalize = tally_collector_finalize;
  object_class->get_property = tally_collector_get_property;
  object_class->set_property = tally_collector_set_property;

  install_properties (object_class);

  /**
   * TallyCollector::events-received:
   * @accepted: events stored since the last emission
   * @rejected: events refused since the last emission
   *
   * Emitted on the main thread after events were committed (or refused),
   * at most once per main loop iteration.
   */
  signals[EVENTS_RECEIVED] =
    g_signal_new ("events-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
tally_collector_init (TallyCollector *self)
{
  g_mutex_init (&self->lock);
  self->main_context = g_main_context_ref_thread_default ();
  self->listen_address = g_strdup (TALLY_COLLECTOR_DEFAULT_ADDRESS);
  self->max_body_size = TALLY_COLLECTOR_DEFAULT_MAX_BODY_SIZE;
  self->max_batch_events = TALLY_COLLECTOR_DEFAULT_MAX_BATCH_EVENTS;
}

/**
 * tally_collector_new:
 * @store: a store open for writing
 *
 * A stopped collector for @store. Use it from the thread that created it;
 * its signals are emitted there.
 */
TallyCollector *
tally_collector_new (TallyStore *store)
{
  g_return_val_if_fail (TALLY_IS_STORE (store), NULL);

  return g_object_new (TALLY_TYPE_COLLECTOR, "store", store, NULL);
}

TallyStore *
tally_collector_get_store (TallyCollector *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), NULL);

  return self->store;
}

const char *
tally_collector_get_listen_address (TallyCollector *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), NULL);

  return self->listen_address;
}

/* "127.0.0.1:4318", "[::1]:4318", "0.0.0.0:4318"; port 0 picks a free
 * one (read it back from #TallyCollector:port). NULL restores the default. */
void
tally_collector_set_listen_address (TallyCollector *self,
                                    const char     *address)
{
  g_return_if_fail (TALLY_IS_COLLECTOR (self));

  if (address == NULL)
    address = TALLY_COLLECTOR_DEFAULT_ADDRESS;
  if (g_strcmp0 (self->listen_address, address) == 0)
    return;

  g_free (self->listen_address);
  self->listen_address = g_strdup (address);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTEN_ADDRESS]);
}

const char *
tally_collector_get_token (TallyCollector *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), NULL);

  return self->token;
}

/* The bearer token every endpoint but /healthz then requires; NULL or ""
 * for none, which only a loopback address allows. */
void
tally_collector_set_token (TallyCollector *self,
                           const char     *token)
{
  g_return_if_fail (TALLY_IS_COLLECTOR (self));

  if (token != NULL && *token == '\0')
    token = NULL;
  if (g_strcmp0 (self->token, token) == 0)
    return;

  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

guint64
tally_collector_get_max_body_size (TallyCollector *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), 0);

  return self->max_body_size;
}

/* Bytes of one request body, compressed and decompressed alike. */
void
tally_collector_set_max_body_size (TallyCollector *self,
                                   guint64         max_body_size)
{
  g_return_if_fail (TALLY_IS_COLLECTOR (self));
  g_return_if_fail (max_body_size >= MIN_BODY_SIZE && max_body_size <= G_MAXUINT32);

  if (self->max_body_size == max_body_size)
    return;

  self->max_body_size = max_body_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY_SIZE]);
}

guint
tally_collector_get_max_batch_events (TallyCollector *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), 0);

  return self->max_batch_events;
}

/* Events (or OTLP spans) in one request. */
void
tally_collector_set_max_batch_events (TallyCollector *self,
                                      guint           max_batch_events)
{
  g_return_if_fail (TALLY_IS_COLLECTOR (self));
  g_return_if_fail (max_batch_events >= 1);

  if (self->max_batch_events == max_batch_events)
    return;

  self->max_batch_events = max_batch_events;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BATCH_EVENTS]);
}

TallyCollectorState
tally_collector_get_state (TallyCollector *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), TALLY_COLLECTOR_STOPPED);

  return self->state;
}

/* Where it listens, "127.0.0.1:4318", or NULL when it does not. */
const char *
tally_collector_get_address (TallyCollector *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), NULL);

  return self->address;
}

guint16
tally_collector_get_port (TallyCollector *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), 0);

  return self->port;
}

const char *
tally_collector_get_error_message (TallyCollector *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), NULL);

  return self->error_message;
}

guint64
tally_collector_get_events_accepted (TallyCollector *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), 0);

  return self->events_accepted;
}

guint64
tally_collector_get_events_rejected (TallyCollector *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), 0);

  return self->events_rejected;
}

guint64
tally_collector_get_requests (TallyCollector *self)
{
  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), 0);

  return self->requests;
}

/**
 * tally_collector_start:
 *
 * Binds #TallyCollector:listen-address and starts serving. Binding is
 * done here, so a port in use, an address that is not this machine's or
 * a non-loopback address without a token fail now, with a message for the
 * user; the state is then %TALLY_COLLECTOR_FAILED.
 */
gboolean
tally_collector_start (TallyCollector  *self,
                       GError         **error)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *bound = NULL;
  guint16 port = 0;

  g_return_val_if_fail (TALLY_IS_COLLECTOR (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (self->server != NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("The collector is already running on %s"), self->address);
      return FALSE;
    }

  listener = tally_collector_bind (self->listen_address, self->token != NULL,
                                   &bound, &port, &local_error);
  if (listener == NULL)
    {
      set_error_message (self, local_error->message);
      set_state (self, TALLY_COLLECTOR_FAILED);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->server = tally_collector_server_new (self, self->store, listener, self->token,
                                             self->max_body_size, self->max_batch_events);
  tally_collector_server_run (self->server);

  g_object_freeze_notify (G_OBJECT (self));
  set_error_message (self, NULL);
  set_bound_address (self, bound, port);
  set_state (self, TALLY_COLLECTOR_LISTENING);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/**
 * tally_collector_stop_async:
 *
 * Stops accepting connections, answers the requests in flight (their
 * events committed) and closes every connection; completes once the
 * server's thread has ended. Requests that arrive meanwhile on open
 * connections get 503. Cancelling only stops waiting.
 */
void
tally_collector_stop_async (TallyCollector      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TALLY_IS_COLLECTOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) stop_tag);
  g_task_set_check_cancellable (task, FALSE);

  if (self->server == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->stop_tasks == NULL)
    self->stop_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->stop_tasks, g_steal_pointer (&task));

  if (self->state != TALLY_COLLECTOR_STOPPING)
    {
      set_state (self, TALLY_COLLECTOR_STOPPING);
      tally_collector_server_stop (self->server);
    }
}

gboolean
tally_collector_stop_finish (TallyCollector  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tally_collector_stop:
 *
 * As tally_collector_stop_async(), but waits: the requests in flight
 * are answered before it returns. For the command line and tests; the
 * application uses the asynchronous form.
 */
void
tally_collector_stop (TallyCollector *self)
{
  g_return_if_fail (TALLY_IS_COLLECTOR (self));

  if (self->server == NULL)
    return;

  if (self->state != TALLY_COLLECTOR_STOPPING)
    {
      set_state (self, TALLY_COLLECTOR_STOPPING);
      tally_collector_server_stop (self->server);
    }
  finish_stop (self);
}
