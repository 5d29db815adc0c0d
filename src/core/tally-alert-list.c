/* tally-alert-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Reading the alert history without blocking: the Alerts page and the
 * `alerts` panels list it on a worker thread, through a read-only
 * connection of their own, so a slow disk or a busy writer never stalls
 * the window. */

#include "config.h"

#include "tally-alert-history.h"

static const char list_tag[] = "tally_alert_history_list_async";

typedef struct
{
  char   *store_path;
  gint64  from;
  gint64  to;
  guint   limit;
} ListJob;

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  g_free (job->store_path);
  g_free (job);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListJob *job = task_data;
  g_autoptr(TallyAlertHistory) history = NULL;
  GPtrArray *alerts;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* No store yet: nothing ever fired. */
  if (!g_file_test (job->store_path, G_FILE_TEST_EXISTS))
    {
      g_task_return_pointer (task, g_ptr_array_new_with_free_func ((GDestroyNotify) tally_alert_free),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  if ((history = tally_alert_history_open (job->store_path, TRUE, &error)) == NULL ||
      (alerts = tally_alert_history_list_between (history, job->from, job->to, job->limit, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, alerts, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * tally_alert_history_list_async:
 * @store_path: the store's file; a file not there yet has no alerts
 *
 * Lists, on a worker thread, the alerts of the store at @store_path that
 * fired at some moment of [@from, @to), as
 * tally_alert_history_list_between() does.
 */
void
tally_alert_history_list_async (const char          *store_path,
                                gint64               from,
                                gint64               to,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListJob *job;

  g_return_if_fail (store_path != NULL);

  job = g_new0 (ListJob, 1);
  job->store_path = g_strdup (store_path);
  job->from = from;
  job->to = to;
  job->limit = limit;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) list_tag);
  g_task_set_task_data (task, job, list_job_free);
  g_task_run_in_thread (task, list_thread);
}

/**
 * tally_alert_history_list_finish:
 *
 * Returns: (transfer container) (element-type TallyAlert): the alerts,
 *   or %NULL with @error set
 */
GPtrArray *
tally_alert_history_list_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
