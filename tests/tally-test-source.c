/* tally-test-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The recording source of the data model's tests: it counts the queries a
 * model runs, keeps their cancellables to show which were superseded, and
 * answers each through the real source it wraps (the local store), so
 * the frames the model shows are real ones. It can also fail the next
 * queries with given errors, or hang until a query is cancelled, as a
 * remote server may. */

#include "config.h"

#include "tally-test-source.h"

typedef struct
{
  TallyTestSource *source;
  TallyQuery      *query;
  TallyTimeRange  *range;
  GCancellable    *cancellable;
  GTask           *task;      /* NULL once answered */
  gboolean         held;
  gulong           cancelled_id;
} Call;

struct _TallyTestSource
{
  TallySource  parent_instance;

  TallySource *inner;
  GPtrArray   *calls;         /* Call */
  GPtrArray   *failures;      /* GError: the answers of the next queries */
  gboolean     hold;
  gboolean     hang;
  guint        n_cancelled;   /* answers that were G_IO_ERROR_CANCELLED */
  guint        n_alerts;      /* alert listings asked for */
};

G_DEFINE_FINAL_TYPE (TallyTestSource, tally_test_source, TALLY_TYPE_SOURCE)

static void
call_free (gpointer data)
{
  Call *call = data;

  tally_query_free (call->query);
  tally_time_range_free (call->range);
  if (call->cancelled_id != 0)
    g_cancellable_disconnect (call->cancellable, call->cancelled_id);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->task);
  g_free (call);
}

TallyTestSource *
tally_test_source_new (TallySource *inner)
{
  TallyTestSource *self = g_object_new (TALLY_TYPE_TEST_SOURCE, "name", "recording", NULL);

  self->inner = g_object_ref (inner);
  g_signal_connect_object (inner, "changed", G_CALLBACK (tally_source_emit_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}

static void
inner_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&call->task);
  GError *error = NULL;
  TallyFrame *frame = tally_source_query_finish (TALLY_SOURCE (object), result, &error);

  if (frame != NULL)
    {
      g_task_return_pointer (task, frame, (GDestroyNotify) tally_frame_unref);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    call->source->n_cancelled++;
  g_task_return_error (task, error);
}

static void
forward (Call *call)
{
  TallyTestSource *self = call->source;

  call->held = FALSE;
  if (self->failures->len > 0)
    {
      g_autoptr(GTask) task = g_steal_pointer (&call->task);

      /* GTask answers a task made in this iteration from an idle callback. */
      g_task_return_error (task, g_ptr_array_steal_index (self->failures, 0));
      return;
    }
  tally_source_query_async (call->source->inner, call->query, call->range, call->cancellable,
                            inner_done_cb, call);
}

/* Ends a hanging query, from an idle callback: its cancellation may come
 * from within the model's own bookkeeping. */
static gboolean
hang_end_cb (gpointer data)
{
  Call *call = data;
  g_autoptr(GTask) task = g_steal_pointer (&call->task);

  call->source->n_cancelled++;
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  return G_SOURCE_REMOVE;
}

static void
hang_cancelled_cb (GCancellable *cancellable,
                   Call         *call)
{
  g_idle_add (hang_end_cb, call);
}

static void
tally_test_source_query_async (TallySource          *source,
                               const TallyQuery     *query,
                               const TallyTimeRange *range,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  TallyTestSource *self = TALLY_TEST_SOURCE (source);
  Call *call = g_new0 (Call, 1);

  call->source = self;
  call->query = tally_query_copy (query);
  call->range = tally_time_range_copy (range);
  call->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  call->task = g_task_new (self, cancellable, callback, user_data);
  /* The answer is the inner source's, cancelled or not. */
  g_task_set_check_cancellable (call->task, FALSE);
  g_ptr_array_add (self->calls, call);

  if (self->hang)
    call->cancelled_id = g_cancellable_connect (call->cancellable, G_CALLBACK (hang_cancelled_cb),
                                                call, NULL);
  else if (self->hold)
    call->held = TRUE;
  else
    forward (call);
}

static void
inner_alerts_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  TallyFrame *frame = tally_source_alerts_finish (TALLY_SOURCE (object), result, &error);

  if (frame != NULL)
    g_task_return_pointer (task, frame, (GDestroyNotify) tally_frame_unref);
  else
    g_task_return_error (task, error);
}

/* Alert listings are counted and passed on as they come. */
static void
tally_test_source_alerts_async (TallySource          *source,
                                const TallyTimeRange *range,
                                guint                 limit,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  TallyTestSource *self = TALLY_TEST_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  self->n_alerts++;
  g_task_set_check_cancellable (task, FALSE);
  tally_source_alerts_async (self->inner, range, limit, cancellable, inner_alerts_cb, task);
}

/* How many alert listings were asked for. */
guint
tally_test_source_get_n_alerts (TallyTestSource *self)
{
  return self->n_alerts;
}

/* The next query passed on (a held one when released) fails with a copy
 * of @error instead; each call queues one more failure. */
void
tally_test_source_fail_next (TallyTestSource *self,
                             const GError    *error)
{
  g_ptr_array_add (self->failures, g_error_copy (error));
}

/* While @hang is set, queries never answer until they are cancelled, like
 * a server that never does; they then end as cancelled. */
void
tally_test_source_set_hang (TallyTestSource *self,
                            gboolean         hang)
{
  self->hang = hang;
}

/* While @hold is set, queries wait until tally_test_source_release(). */
void
tally_test_source_set_hold (TallyTestSource *self,
                            gboolean         hold)
{
  self->hold = hold;
}

/* Passes every held query on; returns how many there were. */
guint
tally_test_source_release (TallyTestSource *self)
{
  guint n = 0;

  self->hold = FALSE;
  for (guint i = 0; i < self->calls->len; i++)
    {
      Call *call = g_ptr_array_index (self->calls, i);

      if (call->held)
        {
          forward (call);
          n++;
        }
    }

  return n;
}

guint
tally_test_source_get_n_queries (TallyTestSource *self)
{
  return self->calls->len;
}

/* How many queries asked for @metric (each test panel has its own). */
guint
tally_test_source_count (TallyTestSource *self,
                         TallyMetric      metric)
{
  guint n = 0;

  for (guint i = 0; i < self->calls->len; i++)
    {
      Call *call = g_ptr_array_index (self->calls, i);

      n += call->query->metric == metric;
    }

  return n;
}

const TallyQuery *
tally_test_source_get_query (TallyTestSource *self,
                             guint            index)
{
  g_assert_cmpuint (index, <, self->calls->len);

  return ((Call *) g_ptr_array_index (self->calls, index))->query;
}

GCancellable *
tally_test_source_get_cancellable (TallyTestSource *self,
                                   guint            index)
{
  g_assert_cmpuint (index, <, self->calls->len);

  return ((Call *) g_ptr_array_index (self->calls, index))->cancellable;
}

/* How many queries the inner source ended as cancelled. */
guint
tally_test_source_get_n_cancelled (TallyTestSource *self)
{
  return self->n_cancelled;
}

/* How many queries are not answered yet, held or running. */
guint
tally_test_source_get_n_pending (TallyTestSource *self)
{
  guint n = 0;

  for (guint i = 0; i < self->calls->len; i++)
    n += ((Call *) g_ptr_array_index (self->calls, i))->task != NULL;

  return n;
}

static void
tally_test_source_dispose (GObject *object)
{
  TallyTestSource *self = TALLY_TEST_SOURCE (object);

  g_clear_object (&self->inner);

  G_OBJECT_CLASS (tally_test_source_parent_class)->dispose (object);
}

static void
tally_test_source_finalize (GObject *object)
{
  TallyTestSource *self = TALLY_TEST_SOURCE (object);

  g_ptr_array_unref (self->calls);
  g_ptr_array_unref (self->failures);

  G_OBJECT_CLASS (tally_test_source_parent_class)->finalize (object);
}

static void
tally_test_source_class_init (TallyTestSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TallySourceClass *source_class = TALLY_SOURCE_CLASS (klass);

  object_class->dispose = tally_test_source_dispose;
  object_class->finalize = tally_test_source_finalize;
  source_class->query_async = tally_test_source_query_async;
  source_class->alerts_async = tally_test_source_alerts_async;
}

static void
tally_test_source_init (TallyTestSource *self)
{
  self->calls = g_ptr_array_new_with_free_func (call_free);
  self->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}
