/* tally-demo-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Writes demo traffic (tally-demo.c) into a store file: what `tally demo`
 * does, and what the window's "Explore Demo Data" does on a thread. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tally-demo-store.h"
#include "tally-store.h"

typedef struct
{
  TallyStore         *store;
  TallyDemoBatchFunc  progress;
  gpointer            user_data;
} Fill;

static gboolean
store_batch_cb (GPtrArray               *events,
                const TallyDemoProgress *progress,
                gpointer                 user_data,
                GError                 **error)
{
  Fill *fill = user_data;

  if (!tally_store_ingest (fill->store, events, error))
    return FALSE;
  return fill->progress == NULL || fill->progress (events, progress, fill->user_data, error);
}

/* The demo store is the demo's own: each run starts it afresh, so the
 * same seed gives the same store. */
static gboolean
remove_store_files (const char  *path,
                    GError     **error)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_remove (file) != 0 && errno != ENOENT)
        {
          int errsv = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                       _("Cannot replace the demo store %s: %s"), file, g_strerror (errsv));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * tally_demo_store_fill:
 * @path: the store file
 * @replace: start the file afresh (the demo store) rather than add to it
 * @params: the traffic
 * @progress: (nullable): called after each batch is stored; may fail to stop
 * @user_data: for @progress
 * @cancellable: (nullable): stops between batches
 * @summary: (out) (optional): what was written
 * @existing: (out) (optional): the events the store held before
 * @error: the reason it failed
 *
 * Fills the store at @path with demo traffic and folds its rollups, so
 * it answers queries at once. Blocks: run it on a thread in the app.
 *
 * Returns: whether the traffic was written whole
 */
gboolean
tally_demo_store_fill (const char             *path,
                       gboolean                replace,
                       const TallyDemoParams  *params,
                       TallyDemoBatchFunc      progress,
                       gpointer                user_data,
                       GCancellable           *cancellable,
                       TallyDemoProgress      *summary,
                       gint64                 *existing,
                       GError                **error)
{
  g_autoptr(TallyStore) store = NULL;
  TallyDemoProgress done;
  gint64 before;
  Fill fill;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  if (replace && !remove_store_files (path, error))
    return FALSE;
  if ((store = tally_store_open (path, error)) == NULL)
    return FALSE;
  if ((before = tally_store_count_events (store, error)) < 0)
    return FALSE;

  fill = (Fill) { store, progress, user_data };
  if (!tally_demo_generate (params, store_batch_cb, &fill, cancellable, &done, error))
    return FALSE;
  if (!tally_store_flush (store, error))
    return FALSE;

  if (summary != NULL)
    *summary = done;
  if (existing != NULL)
    *existing = before;
  return TRUE;
}
