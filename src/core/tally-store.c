/* tally-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The local usage store: one SQLite file in WAL mode, written by one writer
 * thread (tally-store-writer.c) and read by any number of read connections,
 * one per query in flight, so queries never wait for ingestion or for each
 * other. Two Tally processes may open the same file: SQLite serialises
 * their writers, and every write takes an IMMEDIATE transaction.
 *
 * "changed" is emitted, at most four times a second, in the main context
 * that opened the store whenever new events are committed: dashboards
 * refresh from it while the collector receives data. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-error.h"
#include "tally-forecast.h"
#include "tally-pricing.h"
#include "tally-store-private.h"
#include "tally-utilization.h"

#define CHANGED_THROTTLE_MS 250
#define MAX_IDLE_READERS    4

typedef struct
{
  sqlite3        *db;
  TallyStoreDict *dict;
} Reader;

struct _TallyStore
{
  GObject           parent_instance;

  char             *path;
  TallyStoreWriter *writer;
  GMainContext     *context;

  GMutex            lock;
  GPtrArray        *idle_readers;
  GSource          *changed_source;
  gboolean          read_only;
  gboolean          closed;
  guint             raw_days;
  guint             rollup_days;
  TallyPricing     *pricing;   /* NULL: the default table, loaded at first use */
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* GTask source tags: data, not function pointers, which -Wpedantic forbids
 * turning into gpointer. */
static const char ingest_tag[] = "tally_store_ingest_async";
static const char query_tag[] = "tally_store_query_async";

G_DEFINE_FINAL_TYPE (TallyStore, tally_store, G_TYPE_OBJECT)

static void
reader_free (gpointer data)
{
  Reader *reader = data;

  tally_store_dict_free (reader->dict);
  sqlite3_close (reader->db);
  g_free (reader);
}

static Reader *
acquire_reader (TallyStore  *self,
                GError     **error)
{
  Reader *reader = NULL;
  sqlite3 *db;

  g_mutex_lock (&self->lock);
  if (self->idle_readers != NULL && self->idle_readers->len > 0)
    reader = g_ptr_array_steal_index_fast (self->idle_readers, self->idle_readers->len - 1);
  g_mutex_unlock (&self->lock);

  if (reader != NULL)
    return reader;

  if ((db = tally_store_schema_open (self->path, FALSE, error)) == NULL)
    return NULL;

  reader = g_new0 (Reader, 1);
  reader->db = db;
  reader->dict = tally_store_dict_new (db);
  return reader;
}

static void
release_reader (TallyStore *self,
                Reader     *reader)
{
  g_mutex_lock (&self->lock);
  if (self->idle_readers != NULL && self->idle_readers->len < MAX_IDLE_READERS)
    {
      g_ptr_array_add (self->idle_readers, reader);
      reader = NULL;
    }
  g_mutex_unlock (&self->lock);

  if (reader != NULL)
    reader_free (reader);
}

static gboolean
emit_changed_cb (gpointer data)
{
  TallyStore *self = data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->changed_source, g_source_unref);
  g_mutex_unlock (&self->lock);

  g_signal_emit (self, signals[CHANGED], 0);

  return G_SOURCE_REMOVE;
}

/* Runs on the writer thread after each commit. */
static void
on_commit (gpointer user_data)
{
  TallyStore *self = user_data;

  g_mutex_lock (&self->lock);
  if (self->changed_source == NULL && self->context != NULL)
    {
      self->changed_source = g_timeout_source_new (CHANGED_THROTTLE_MS);
      g_source_set_callback (self->changed_source, emit_changed_cb, self, NULL);
      g_source_set_static_name (self->changed_source, "[tally] store changed");
      g_source_attach (self->changed_source, self->context);
    }
  g_mutex_unlock (&self->lock);
}

/**
 * tally_store_open:
 * @path: the SQLite file; created, with its folder, if missing
 *
 * Opens the store, creating or upgrading its schema, and starts its writer
 * thread. A file written by a newer Tally is refused with
 * TALLY_ERROR_NEWER_VERSION and left untouched.
 */
TallyStore *
tally_store_open (const char  *path,
                  GError     **error)
{
  g_autoptr(TallyStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (TALLY_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->writer = tally_store_writer_new (path, on_commit, self, error);
  if (self->writer == NULL)
    return NULL;

  tally_store_writer_set_retention (self->writer, self->raw_days, self->rollup_days);

  return g_steal_pointer (&self);
}

/**
 * tally_store_open_read_only:
 *
 * Opens an existing store for queries only, with no writer thread: what
 * `tally query` and `tally render` need, and safe beside a running
 * collector. Events it has not folded into rollups yet are still counted.
 */
TallyStore *
tally_store_open_read_only (const char  *path,
                            GError     **error)
{
  g_autoptr(TallyStore) self = NULL;
  Reader *reader;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND, _("There is no store at %s"), path);
      return NULL;
    }

  self = g_object_new (TALLY_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = TRUE;

  /* Fail now, not at the first query, if this is not a store. */
  if ((reader = acquire_reader (self, error)) == NULL)
    return NULL;
  release_reader (self, reader);

  return g_steal_pointer (&self);
}

gboolean
tally_store_is_read_only (TallyStore *self)
{
  g_return_val_if_fail (TALLY_IS_STORE (self), TRUE);

  return self->read_only;
}

const char *
tally_store_get_path (TallyStore *self)
{
  g_return_val_if_fail (TALLY_IS_STORE (self), NULL);

  return self->path;
}

/* Finishes the queued writes, stops the writer and closes every
 * connection. Further calls fail; dispose calls it too. */
void
tally_store_close (TallyStore *self)
{
  g_autoptr(GPtrArray) readers = NULL;

  g_return_if_fail (TALLY_IS_STORE (self));

  self->closed = TRUE;
  g_clear_pointer (&self->writer, tally_store_writer_free);

  g_mutex_lock (&self->lock);
  if (self->changed_source != NULL)
    {
      g_source_destroy (self->changed_source);
      g_clear_pointer (&self->changed_source, g_source_unref);
    }
  readers = g_steal_pointer (&self->idle_readers);
  g_mutex_unlock (&self->lock);
}

static gboolean
check_open (TallyStore  *self,
            GError     **error)
{
  if (!self->closed)
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_STORE, _("The store %s is closed"), self->path);
  return FALSE;
}

static gboolean
check_writable (TallyStore  *self,
                GError     **error)
{
  if (!check_open (self, error))
    return FALSE;
  if (self->writer != NULL)
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_STORE, _("The store %s is open read-only"),
               self->path);
  return FALSE;
}

/**
 * tally_store_set_pricing:
 * @pricing: (nullable): the prices, or %NULL for the default table
 *   (tally_pricing_get_default())
 *
 * The prices that give a cost to the events ingested from now on that
 * carry none (docs/costs.md).
 */
void
tally_store_set_pricing (TallyStore   *self,
                         TallyPricing *pricing)
{
  g_return_if_fail (TALLY_IS_STORE (self));

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->pricing, tally_pricing_unref);
  if (pricing != NULL)
    self->pricing = tally_pricing_ref (pricing);
  g_mutex_unlock (&self->lock);
}

/* The events without a cost get one from their model's price; those of an
 * unknown model keep none and count as unpriced_requests. */
static void
price_events (TallyStore *self,
              GPtrArray  *events)
{
  g_autoptr(TallyPricing) pricing = NULL;

  g_mutex_lock (&self->lock);
  if (self->pricing != NULL)
    pricing = tally_pricing_ref (self->pricing);
  g_mutex_unlock (&self->lock);
  /* Asked for each batch: Preferences may have changed the prices. */
  if (pricing == NULL)
    pricing = tally_pricing_get_default ();

  for (guint i = 0; i < events->len; i++)
    tally_pricing_price_event (pricing, g_ptr_array_index (events, i));
}

void
tally_store_ingest_async (TallyStore          *self,
                          GPtrArray           *events,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (TALLY_IS_STORE (self));
  g_return_if_fail (events != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) ingest_tag);

  if (!check_writable (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  price_events (self, events);
  tally_store_writer_ingest (self->writer, events, task);
}

gboolean
tally_store_ingest_finish (TallyStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef void (*StartFunc) (TallyStore *self,
                           GTask      *task,
                           gpointer    data);

typedef struct
{
  GMainContext *context;
  gboolean      done;
  gboolean      ok;
  GError       *error;
  gint          finalized;
} SyncWait;

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncWait *wait = user_data;

  wait->ok = g_task_propagate_boolean (G_TASK (result), &wait->error);
  wait->done = TRUE;
}

/* Runs at the very end of the task's finalize, after GTask dropped its
 * source object (the store); a weak reference would run too early. */
static void
sync_task_finalized (gpointer data)
{
  SyncWait *wait = data;

  g_atomic_int_set (&wait->finalized, 1);
  g_main_context_wakeup (wait->context);
}

/* Runs an asynchronous writer job and waits for it on a private main
 * context, so the sync calls work in any thread and never dispatch the
 * caller's other sources. It returns only once the writer has let go of
 * the task too: the task holds the store, and a caller that unrefs the
 * store next must hold its last reference. */
static gboolean
wait_for_writer (TallyStore  *self,
                 StartFunc    start,
                 gpointer     data,
                 GError     **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SyncWait wait = { context, FALSE, FALSE, NULL, 0 };
  GTask *task;

  if (!check_writable (self, error))
    return FALSE;

  g_main_context_push_thread_default (context);
  task = g_task_new (self, NULL, sync_done_cb, &wait);
  g_object_set_data_full (G_OBJECT (task), "tally-sync-wait", &wait, sync_task_finalized);
  start (self, task, data);
  g_object_unref (task);
  while (!wait.done || !g_atomic_int_get (&wait.finalized))
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  if (!wait.ok)
    g_propagate_error (error, wait.error);

  return wait.ok;
}

static void
start_ingest (TallyStore *self,
              GTask      *task,
              gpointer    data)
{
  tally_store_writer_ingest (self->writer, data, task);
}

/* Stores @events (TallyEvent) in one transaction and returns once they are
 * committed. */
gboolean
tally_store_ingest (TallyStore  *self,
                    GPtrArray   *events,
                    GError     **error)
{
  g_return_val_if_fail (TALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);

  price_events (self, events);
  return wait_for_writer (self, start_ingest, events, error);
}

static void
start_flush (TallyStore *self,
             GTask      *task,
             gpointer    data)
{
  tally_store_writer_flush (self->writer, task);
}

/* Returns once every committed event is folded into the rollups: the
 * command line calls it before it exits, tests before they compare. */
gboolean
tally_store_flush (TallyStore  *self,
                   GError     **error)
{
  g_return_val_if_fail (TALLY_IS_STORE (self), FALSE);

  return wait_for_writer (self, start_flush, NULL, error);
}

void
tally_store_set_retention (TallyStore *self,
                           guint       raw_days,
                           guint       rollup_days)
{
  g_return_if_fail (TALLY_IS_STORE (self));
  g_return_if_fail (raw_days >= 1 && rollup_days >= raw_days);

  self->raw_days = raw_days;
  self->rollup_days = rollup_days;
  if (self->writer != NULL)
    tally_store_writer_set_retention (self->writer, raw_days, rollup_days);
}

guint
tally_store_get_raw_days (TallyStore *self)
{
  g_return_val_if_fail (TALLY_IS_STORE (self), 0);

  return self->raw_days;
}

guint
tally_store_get_rollup_days (TallyStore *self)
{
  g_return_val_if_fail (TALLY_IS_STORE (self), 0);

  return self->rollup_days;
}

static void
start_retention (TallyStore *self,
                 GTask      *task,
                 gpointer    data)
{
  gint64 now = *(gint64 *) data;

  tally_store_writer_retention (self->writer,
                                (now - (gint64) self->raw_days * 86400) * 1000,
                                now - (gint64) self->rollup_days * 86400,
                                task);
}

/* Deletes, now, what is older than the retention at @now (Unix seconds).
 * The writer also does this by itself every hour, in small steps. */
gboolean
tally_store_enforce_retention (TallyStore  *self,
                               gint64       now,
                               GError     **error)
{
  g_return_val_if_fail (TALLY_IS_STORE (self), FALSE);

  return wait_for_writer (self, start_retention, &now, error);
}

TallyFrame *
tally_store_query (TallyStore            *self,
                   const TallyQuery      *query,
                   const TallyTimeRange  *range,
                   GCancellable          *cancellable,
                   GError               **error)
{
  TallyFrame *frame;
  Reader *reader;

  g_return_val_if_fail (TALLY_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (range != NULL, NULL);

  if (!check_open (self, error))
    return NULL;
  /* Forecasts run ordinary queries of their own (docs/forecasts.md). */
  if (tally_metric_get_kind (query->metric) == TALLY_METRIC_KIND_FORECAST)
    return tally_query_validate (query, error)
             ? tally_forecast_query (self, query, range, cancellable, error) : NULL;
  if (tally_metric_is_utilization (query->metric))
    {
      g_autoptr(TallyLimits) limits = NULL;

      /* read each time: a change of limits.json shows at the next query */
      if ((limits = tally_limits_load_default (error)) == NULL)
        return NULL;
      return tally_utilization_query (self, limits, query, range, cancellable, error);
    }
  if ((reader = acquire_reader (self, error)) == NULL)
    return NULL;

  frame = tally_store_run_query (reader->db, reader->dict, query, range, cancellable, error);
  release_reader (self, reader);

  return frame;
}

typedef struct
{
  TallyQuery     *query;
  TallyTimeRange *range;
} QueryData;

static void
query_data_free (gpointer data)
{
  QueryData *qd = data;

  tally_query_free (qd->query);
  tally_time_range_free (qd->range);
  g_free (qd);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryData *qd = task_data;
  GError *error = NULL;
  TallyFrame *frame;

  frame = tally_store_query (source_object, qd->query, qd->range, cancellable, &error);
  if (frame == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, frame, (GDestroyNotify) tally_frame_unref);
}

/* Runs the query on a worker thread; the callback gets the frame. */
void
tally_store_query_async (TallyStore           *self,
                         const TallyQuery     *query,
                         const TallyTimeRange *range,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryData *qd;

  g_return_if_fail (TALLY_IS_STORE (self));
  g_return_if_fail (query != NULL && range != NULL);

  qd = g_new0 (QueryData, 1);
  qd->query = tally_query_copy (query);
  qd->range = tally_time_range_copy (range);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) query_tag);
  g_task_set_task_data (task, qd, query_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, query_thread);
}

TallyFrame *
tally_store_query_finish (TallyStore    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The values @dimension takes in the store, sorted: a filter menu's items. */
GStrv
tally_store_list_values (TallyStore            *self,
                         const TallyDimension  *dimension,
                         GError               **error)
{
  Reader *reader;
  GStrv values;

  g_return_val_if_fail (TALLY_IS_STORE (self), NULL);
  g_return_val_if_fail (dimension != NULL, NULL);

  if (!check_open (self, error) || (reader = acquire_reader (self, error)) == NULL)
    return NULL;

  values = tally_store_run_list_values (reader->db, reader->dict, dimension, error);
  release_reader (self, reader);

  return values;
}

/* The number of raw events kept; -1 on error. */
gint64
tally_store_count_events (TallyStore  *self,
                          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  Reader *reader;
  gint64 count = -1;

  g_return_val_if_fail (TALLY_IS_STORE (self), -1);

  if (!check_open (self, error) || (reader = acquire_reader (self, error)) == NULL)
    return -1;

  if (sqlite3_prepare_v2 (reader->db, "SELECT count(*) FROM events", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    tally_store_set_sqlite_error (error, reader->db, _("Cannot read the store"));
  sqlite3_finalize (stmt);
  release_reader (self, reader);

  return count;
}

static void
tally_store_dispose (GObject *object)
{
  TallyStore *self = TALLY_STORE (object);

  tally_store_close (self);

  G_OBJECT_CLASS (tally_store_parent_class)->dispose (object);
}

static void
tally_store_finalize (GObject *object)
{
  TallyStore *self = TALLY_STORE (object);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->pricing, tally_pricing_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (tally_store_parent_class)->finalize (object);
}

static void
tally_store_class_init (TallyStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tally_store_dispose;
  object_class->finalize = tally_store_finalize;

  /**
   * TallyStore::changed:
   *
   * New events were committed (throttled to four times a second).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tally_store_init (TallyStore *self)
{
  g_mutex_init (&self->lock);
  self->idle_readers = g_ptr_array_new_with_free_func (reader_free);
  self->context = g_main_context_ref_thread_default ();
  self->raw_days = TALLY_STORE_DEFAULT_RAW_DAYS;
  self->rollup_days = TALLY_STORE_DEFAULT_ROLLUP_DAYS;
}
