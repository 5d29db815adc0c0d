/* tally-store-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The store's one writer: a thread with its own connection that takes
 * jobs from a queue. Ingest jobs come first, each one transaction, and
 * complete their GTask only after COMMIT (what a collector's 2xx
 * promises). Folding events into rollups and deleting what is past
 * retention happen in small transactions when no ingest is waiting, so
 * neither ever holds up new events for long. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-store-private.h"

#define ROLLUP_CHUNK        20000
#define GROUP_EVENTS        50000
/* How long a rollup step folds before it commits. Short while events
 * keep coming (one arrived in the last second), so a batch waits at most
 * about twice this for its commit; longer once they stop, because every
 * step re-merges the rows of the minutes it shares with the step before.
 * The queue being empty is no sign: clients waiting for their answer
 * leave it empty between batches. */
#define ROLLUP_BUDGET_BUSY_US  (25 * 1000)
#define ROLLUP_BUDGET_IDLE_US  (250 * 1000)
#define BUSY_WINDOW_US         G_USEC_PER_SEC
/* Events committed but not folded past which rollups go on even while
 * batches keep coming: queries read the unfolded ones raw. */
#define ROLLUP_BACKLOG         100000
#define RETENTION_CHUNK     5000
#define IDLE_CHECK_US       (5 * G_USEC_PER_SEC)
#define RETENTION_PERIOD_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)
#define FAILURE_BACKOFF_US  (2 * G_USEC_PER_SEC)

typedef enum
{
  JOB_INGEST,
  JOB_FLUSH,
  JOB_RETENTION,
  JOB_QUIT,
} JobKind;

typedef struct
{
  JobKind    kind;
  GPtrArray *events;
  gint64     raw_before_ms;
  gint64     rollups_before_s;
  GTask     *task;
} Job;

struct _TallyStoreWriter
{
  GThread              *thread;
  GAsyncQueue          *queue;
  sqlite3              *db;
  TallyStoreDict       *dict;
  sqlite3_stmt         *insert_event;
  TallyStoreCommitFunc  on_commit;
  gpointer              user_data;

  /* writer thread only */
  Job                  *held_job;      /* taken from the queue by a group, not handled yet */
  gint64                last_ingest;   /* monotonic time of the last ingest job */
  gboolean              rollup_pending;
  GPtrArray            *flush_tasks;
  GTask                *retention_task;
  gint64                raw_before_ms;
  gint64                rollups_before_s;
  gboolean              retention_pending;
  gint64                retry_after;
  GError               *last_error;
  gint64                next_retention;

  /* set from other threads */
  gint                  raw_days;
  gint                  rollup_days;
  /* set when the writer thread itself dropped the store's last reference */
  gboolean              free_on_exit;
};

static void writer_release (TallyStoreWriter *self);

static void
job_free (Job *job)
{
  g_clear_pointer (&job->events, g_ptr_array_unref);
  g_clear_object (&job->task);
  g_free (job);
}

static void
bind_int_or_null (sqlite3_stmt *stmt,
                  int           column,
                  gint64        value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, value);
}

static void
bind_double_or_null (sqlite3_stmt *stmt,
                     int           column,
                     double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_double (stmt, column, value);
}

static gboolean
insert_event (TallyStoreWriter  *self,
              const TallyEvent  *event,
              GError           **error)
{
  sqlite3_stmt *stmt = self->insert_event;
  gint64 series = tally_store_dict_intern_series (self->dict, event, error);

  if (series == 0)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event->time_ms);
  sqlite3_bind_int64 (stmt, 2, series);
  bind_int_or_null (stmt, 3, event->input_tokens);
  bind_int_or_null (stmt, 4, event->output_tokens);
  bind_int_or_null (stmt, 5, event->cached_tokens);
  bind_double_or_null (stmt, 6, event->cost);
  bind_double_or_null (stmt, 7, event->latency_ms);
  bind_double_or_null (stmt, 8, event->ttft_ms);
  bind_double_or_null (stmt, 9, event->queue_ms);
  bind_double_or_null (stmt, 10, event->audio_ms);
  sqlite3_bind_text (stmt, 11, event->trace_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, event->request_id, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      tally_store_set_sqlite_error (error, self->db, _("Cannot store the events"));
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* One transaction for @batches (GPtrArray of events each): all of them
 * are stored, or none. */
static gboolean
write_events (TallyStoreWriter  *self,
              GPtrArray        **batches,
              guint              n_batches,
              GError           **error)
{
  if (!tally_store_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint b = 0; b < n_batches; b++)
    {
      for (guint i = 0; i < batches[b]->len; i++)
        {
          if (!insert_event (self, g_ptr_array_index (batches[b], i), error))
            {
              tally_store_exec (self->db, "ROLLBACK", NULL);
              tally_store_dict_forget (self->dict);
              return FALSE;
            }
        }
    }

  if (!tally_store_exec (self->db, "COMMIT", error))
    {
      tally_store_exec (self->db, "ROLLBACK", NULL);
      tally_store_dict_forget (self->dict);
      return FALSE;
    }

  return TRUE;
}

static void
complete_ingest (TallyStoreWriter *self,
                 Job              *job,
                 GError           *error)
{
  if (error == NULL)
    {
      self->rollup_pending = TRUE;
      if (job->task != NULL)
        g_task_return_boolean (job->task, TRUE);
    }
  else if (job->task != NULL)
    {
      g_task_return_error (job->task, error);
    }
  else
    {
      g_error_free (error);
    }
}

/* Takes the ingest jobs queued behind @first (up to GROUP_EVENTS events)
 * into one transaction: one commit, one WAL sync, for many requests. A job
 * of another kind stops the group and is kept for next. If the shared
 * commit fails, each job is tried alone, so each gets its own answer. */
static void
handle_ingest (TallyStoreWriter *self,
               Job              *first)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new ();
  g_autoptr(GPtrArray) batches = g_ptr_array_new ();
  GError *error = NULL;
  guint total = first->events->len;
  Job *next;

  self->last_ingest = g_get_monotonic_time ();
  g_ptr_array_add (jobs, first);
  while (total < GROUP_EVENTS && self->held_job == NULL &&
         (next = g_async_queue_try_pop (self->queue)) != NULL)
    {
      if (next->kind != JOB_INGEST)
        {
          self->held_job = next;
          break;
        }
      g_ptr_array_add (jobs, next);
      total += next->events->len;
    }
  for (guint i = 0; i < jobs->len; i++)
    g_ptr_array_add (batches, ((Job *) g_ptr_array_index (jobs, i))->events);

  if (total == 0 || write_events (self, (GPtrArray **) batches->pdata, batches->len, &error))
    {
      for (guint i = 0; i < jobs->len; i++)
        complete_ingest (self, g_ptr_array_index (jobs, i), NULL);
    }
  else
    {
      g_clear_error (&error);
      for (guint i = 0; i < jobs->len; i++)
        {
          Job *job = g_ptr_array_index (jobs, i);

          write_events (self, &job->events, 1, &error);
          complete_ingest (self, job, g_steal_pointer (&error));
        }
    }

  if (total > 0 && self->on_commit != NULL)
    self->on_commit (self->user_data);

  /* The loop frees the first job; the others are freed here. */
  for (guint i = 1; i < jobs->len; i++)
    job_free (g_ptr_array_index (jobs, i));
}

/* How many committed events are not folded into rollups yet. */
static gint64
unrolled_backlog (TallyStoreWriter *self)
{
  sqlite3_stmt *stmt = NULL;
  gint64 backlog = 0;

  if (sqlite3_prepare_v2 (self->db, "SELECT (SELECT max(id) FROM events) - "
                                    "(SELECT value FROM state WHERE key = 'rolled_up_to')",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    backlog = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return backlog;
}

static gboolean
ingest_active (TallyStoreWriter *self)
{
  return g_get_monotonic_time () - self->last_ingest < BUSY_WINDOW_US;
}

/* When rollups and retention may run next. Ingest comes first: while
 * batches keep coming, they wait (a batch's answer waits for whatever
 * step is running), unless the backlog grows large or someone waits for
 * a flush; and after a failure they wait a little before trying again. */
static gint64
background_time (TallyStoreWriter *self,
                 gint64            now)
{
  gint64 at = MAX (now, self->retry_after);

  if (self->flush_tasks->len == 0 && ingest_active (self) &&
      unrolled_backlog (self) < ROLLUP_BACKLOG)
    at = MAX (at, self->last_ingest + BUSY_WINDOW_US);

  return at;
}

/* Whether raw events past the mark exist, written by us or by another
 * process sharing the file. */
static gboolean
has_unrolled_events (TallyStoreWriter *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean pending = FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT (SELECT max(id) FROM events) > "
                                    "(SELECT value FROM state WHERE key = 'rolled_up_to')",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    pending = sqlite3_column_int (stmt, 0) == 1;
  sqlite3_finalize (stmt);

  return pending;
}

static void
complete_flushes (TallyStoreWriter *self)
{
  for (guint i = 0; i < self->flush_tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (self->flush_tasks, i);

      if (self->last_error != NULL)
        g_task_return_error (task, g_error_copy (self->last_error));
      else
        g_task_return_boolean (task, TRUE);
    }
  g_ptr_array_set_size (self->flush_tasks, 0);
}

static void
roll_up_some (TallyStoreWriter *self)
{
  gint64 budget = ingest_active (self) ? ROLLUP_BUDGET_BUSY_US : ROLLUP_BUDGET_IDLE_US;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  if (tally_store_roll_up_step (self->db, self->dict, ROLLUP_CHUNK, budget, &done, &error))
    {
      g_clear_error (&self->last_error);
      self->rollup_pending = !done;
    }
  else
    {
      /* Keep the events; try again later rather than spin. */
      g_debug ("Rolling up failed, retrying: %s", error->message);
      g_clear_error (&self->last_error);
      self->last_error = g_steal_pointer (&error);
      self->retry_after = g_get_monotonic_time () + FAILURE_BACKOFF_US;
    }

  if (!self->rollup_pending || self->last_error != NULL)
    complete_flushes (self);
}

/* Deletes one chunk past retention; returns whether more is left. Raw
 * events are only deleted once folded into rollups. */
static gboolean
delete_some (TallyStoreWriter  *self,
             GError           **error)
{
  g_autofree char *sql = NULL;
  int deleted;

  sql = g_strdup_printf ("DELETE FROM events WHERE id IN (SELECT id FROM events WHERE time_ms < "
                         "%" G_GINT64_FORMAT " AND id <= (SELECT value FROM state WHERE key = "
                         "'rolled_up_to') LIMIT %d)", self->raw_before_ms, RETENTION_CHUNK);
  if (!tally_store_exec (self->db, sql, error))
    return FALSE;
  deleted = sqlite3_changes (self->db);

  /* Minute rollups live as long as raw events, hour rollups longer. The
   * key starts with level, so each is one range of the index. */
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM rollups WHERE level = %d AND bucket < %" G_GINT64_FORMAT ";"
                         "DELETE FROM rollups WHERE level = %d AND bucket < %" G_GINT64_FORMAT ";",
                         LEVEL_MINUTE, self->raw_before_ms / 1000,
                         LEVEL_HOUR, self->rollups_before_s);
  if (deleted < RETENTION_CHUNK && !tally_store_exec (self->db, sql, error))
    return FALSE;

  return deleted == RETENTION_CHUNK;
}

static void
retain_some (TallyStoreWriter *self)
{
  g_autoptr(GError) error = NULL;
  gboolean more;

  more = delete_some (self, &error);
  if (error != NULL)
    {
      g_debug ("Enforcing retention failed, retrying: %s", error->message);
      self->retry_after = g_get_monotonic_time () + FAILURE_BACKOFF_US;
      if (self->retention_task != NULL)
        {
          g_task_return_error (self->retention_task, g_steal_pointer (&error));
          g_clear_object (&self->retention_task);
        }
      self->retention_pending = FALSE;
      return;
    }

  self->retention_pending = more;
  if (!more && self->retention_task != NULL)
    {
      g_task_return_boolean (self->retention_task, TRUE);
      g_clear_object (&self->retention_task);
    }
}

/* The hourly retention pass, from the current clock and settings. */
static void
schedule_retention (TallyStoreWriter *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  self->raw_before_ms = (now - (gint64) g_atomic_int_get (&self->raw_days) * 86400) * 1000;
  self->rollups_before_s = now - (gint64) g_atomic_int_get (&self->rollup_days) * 86400;
  self->retention_pending = TRUE;
  self->next_retention = g_get_monotonic_time () + RETENTION_PERIOD_US;
}

/* Returns FALSE when the thread must end. */
static gboolean
handle_job (TallyStoreWriter *self,
            Job              *job)
{
  switch (job->kind)
    {
    case JOB_INGEST:
      handle_ingest (self, job);
      break;

    case JOB_FLUSH:
      self->rollup_pending = self->rollup_pending || has_unrolled_events (self);
      g_ptr_array_add (self->flush_tasks, g_steal_pointer (&job->task));
      g_clear_error (&self->last_error);
      if (!self->rollup_pending)
        complete_flushes (self);
      break;

    case JOB_RETENTION:
      /* Rollups first, so that retention can delete what they cover. */
      self->rollup_pending = self->rollup_pending || has_unrolled_events (self);
      self->raw_before_ms = job->raw_before_ms;
      self->rollups_before_s = job->rollups_before_s;
      self->retention_pending = TRUE;
      /* A newer request supersedes one still running: it covers it. */
      if (self->retention_task != NULL)
        {
          g_task_return_boolean (self->retention_task, TRUE);
          g_clear_object (&self->retention_task);
        }
      self->retention_task = g_steal_pointer (&job->task);
      break;

    case JOB_QUIT:
      return FALSE;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

static gpointer
writer_thread (gpointer data)
{
  TallyStoreWriter *self = data;

  for (;;)
    {
      gboolean busy = self->rollup_pending || self->retention_pending;
      gint64 now = g_get_monotonic_time ();
      gint64 at = busy ? background_time (self, now) : now + IDLE_CHECK_US;
      Job *job;

      if (self->held_job != NULL)
        job = g_steal_pointer (&self->held_job);
      else if (at > now)
        job = g_async_queue_timeout_pop (self->queue, at - now);
      else
        job = g_async_queue_try_pop (self->queue);

      if (job != NULL)
        {
          gboolean go_on = handle_job (self, job);

          /* Freeing a job may drop the last reference to the store, whose
           * dispose then asks this thread to stop (free_on_exit). */
          job_free (job);
          if (!go_on || self->free_on_exit)
            break;
          continue;
        }

      if (busy && background_time (self, g_get_monotonic_time ()) > g_get_monotonic_time ())
        continue;
      if (self->rollup_pending)
        roll_up_some (self);
      else if (self->retention_pending)
        retain_some (self);
      else if (g_get_monotonic_time () >= self->next_retention)
        schedule_retention (self);
      else
        self->rollup_pending = has_unrolled_events (self);
    }

  if (self->free_on_exit)
    writer_release (self);

  return NULL;
}

TallyStoreWriter *
tally_store_writer_new (const char            *path,
                        TallyStoreCommitFunc   on_commit,
                        gpointer               user_data,
                        GError               **error)
{
  TallyStoreWriter *self;
  sqlite3 *db;

  if ((db = tally_store_schema_open (path, TRUE, error)) == NULL)
    return NULL;

  self = g_new0 (TallyStoreWriter, 1);
  self->db = db;
  self->dict = tally_store_dict_new (db);
  self->on_commit = on_commit;
  self->user_data = user_data;
  self->queue = g_async_queue_new_full ((GDestroyNotify) job_free);
  self->flush_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  if (sqlite3_prepare_v3 (db, "INSERT INTO events (" EVENT_COLUMNS ") VALUES "
                              "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, SQLITE_PREPARE_PERSISTENT, &self->insert_event, NULL) != SQLITE_OK)
    {
      tally_store_set_sqlite_error (error, db, _("Cannot prepare the store"));
      tally_store_writer_free (self);
      return NULL;
    }

  self->raw_days = TALLY_STORE_DEFAULT_RAW_DAYS;
  self->rollup_days = TALLY_STORE_DEFAULT_ROLLUP_DAYS;
  /* Not at once: opening the store stays quick. */
  self->next_retention = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  self->rollup_pending = has_unrolled_events (self);
  self->thread = g_thread_new ("tally-store-writer", writer_thread, self);

  return self;
}

static void
push_job (TallyStoreWriter *self,
          JobKind           kind,
          GPtrArray        *events,
          GTask            *task)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->events = events ? g_ptr_array_ref (events) : NULL;
  job->task = task ? g_object_ref (task) : NULL;
  g_async_queue_push (self->queue, job);
}

/* Stops the thread once the jobs queued before are done, then closes.
 * Called from the writer thread itself (its last reference to a task
 * held the store), it only asks the thread to end and free everything. */
void
tally_store_writer_free (TallyStoreWriter *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL && g_thread_self () == self->thread)
    {
      self->free_on_exit = TRUE;
      return;
    }

  if (self->thread != NULL)
    {
      push_job (self, JOB_QUIT, NULL, NULL);
      g_thread_join (self->thread);
      self->thread = NULL;
    }

  writer_release (self);
}

static void
writer_release (TallyStoreWriter *self)
{
  if (self->thread != NULL)
    g_thread_unref (self->thread);
  g_clear_pointer (&self->held_job, job_free);
  complete_flushes (self);
  if (self->retention_task != NULL)
    {
      g_task_return_boolean (self->retention_task, TRUE);
      g_clear_object (&self->retention_task);
    }
  sqlite3_finalize (self->insert_event);
  tally_store_dict_free (self->dict);
  sqlite3_close (self->db);
  g_async_queue_unref (self->queue);
  g_ptr_array_unref (self->flush_tasks);
  g_clear_error (&self->last_error);
  g_free (self);
}

void
tally_store_writer_ingest (TallyStoreWriter *self,
                           GPtrArray        *events,
                           GTask            *task)
{
  push_job (self, JOB_INGEST, events, task);
}

/* Completes @task once every event committed so far is in the rollups. */
void
tally_store_writer_flush (TallyStoreWriter *self,
                          GTask            *task)
{
  push_job (self, JOB_FLUSH, NULL, task);
}

void
tally_store_writer_retention (TallyStoreWriter *self,
                              gint64            raw_before_ms,
                              gint64            rollups_before_s,
                              GTask            *task)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_RETENTION;
  job->raw_before_ms = raw_before_ms;
  job->rollups_before_s = rollups_before_s;
  job->task = task ? g_object_ref (task) : NULL;
  g_async_queue_push (self->queue, job);
}

void
tally_store_writer_set_retention (TallyStoreWriter *self,
                                  guint             raw_days,
                                  guint             rollup_days)
{
  g_atomic_int_set (&self->raw_days, raw_days);
  g_atomic_int_set (&self->rollup_days, rollup_days);
}
