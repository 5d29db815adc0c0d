/* tally-dashboard-share-drop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Layouts that arrive by drag and drop or through the clipboard: files
 * dropped from Files, JSON text dropped from an editor or a browser, a
 * layout copied in one Tally and pasted in another. They go through the
 * same import job as files opened from the dialog, so they are checked,
 * asked about and reported in the same way. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-dashboard-share-private.h"

typedef struct
{
  TallyDashboardLibrary       *library;
  GStrv                        source_names;
  TallyDashboardShareImported  callback;
  gpointer                     user_data;
  GDestroyNotify               destroy;
} DropData;

static void
drop_data_free (DropData *data)
{
  if (data->destroy != NULL)
    data->destroy (data->user_data);
  g_clear_object (&data->library);
  g_strfreev (data->source_names);
  g_free (data);
}

static void
drop_imported_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GObject) target = user_data;
  g_autoptr(GPtrArray) imported = tally_dashboard_share_import_finish (result, NULL);
  DropData *data = g_object_get_data (target, "tally-share-drop");

  if (imported != NULL && data != NULL && data->callback != NULL)
    data->callback (imported, data->user_data);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         DropData      *data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;
  TallyShareJob *job = tally_share_job_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                            data->library,
                                            (const char * const *) data->source_names, NULL,
                                            drop_imported_cb, g_object_ref (target));

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
        tally_share_job_add_file (job, l->data);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      tally_share_job_add_file (job, g_value_get_object (value));
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_STRING) && g_value_get_string (value) != NULL)
    {
      g_autoptr(GBytes) text = g_bytes_new (g_value_get_string (value),
                                            strlen (g_value_get_string (value)));

      tally_share_job_add_text (job, _("Dropped text"), text);
    }
  tally_share_job_run (job);

  return TRUE;
}

/**
 * tally_dashboard_share_drop_target_new:
 * @source_names: (nullable): the configured data sources
 * @callback: (nullable): told the dashboards imported by each drop
 * @destroy: (nullable): frees @user_data with the target
 *
 * A drop target for the window: it takes files (from Files, several at
 * once) and JSON text, and imports them as "Import Layout…" does. The
 * window adds it with gtk_widget_add_controller() and may highlight
 * itself while "current-drop" is set.
 *
 * Returns: (transfer full): the drop target
 */
GtkDropTarget *
tally_dashboard_share_drop_target_new (TallyDashboardLibrary       *library,
                                       const char * const          *source_names,
                                       TallyDashboardShareImported  callback,
                                       gpointer                     user_data,
                                       GDestroyNotify               destroy)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, G_TYPE_STRING };
  GtkDropTarget *target;
  DropData *data;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (library), NULL);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));

  data = g_new0 (DropData, 1);
  data->library = g_object_ref (library);
  data->source_names = source_names != NULL ? g_strdupv ((char **) source_names) : NULL;
  data->callback = callback;
  data->user_data = user_data;
  data->destroy = destroy;
  g_object_set_data_full (G_OBJECT (target), "tally-share-drop", data,
                          (GDestroyNotify) drop_data_free);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), data);

  return target;
}

/**
 * tally_dashboard_share_copy:
 *
 * "Copy Layout": puts @dashboard's layout on @clipboard as text (for a
 * chat or an editor) and as %TALLY_DASHBOARD_MIME_TYPE. Refuses a layout
 * that would not import, as exporting does.
 */
gboolean
tally_dashboard_share_copy (GdkClipboard    *clipboard,
                            TallyDashboard  *dashboard,
                            GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) provider = NULL;

  g_return_val_if_fail (GDK_IS_CLIPBOARD (clipboard), FALSE);
  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), FALSE);

  if ((bytes = tally_share_layout_bytes (dashboard, error)) == NULL)
    return FALSE;

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  providers[0] = gdk_content_provider_new_for_bytes (TALLY_DASHBOARD_MIME_TYPE, bytes);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (clipboard, provider);

  return TRUE;
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TallyShareJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (text != NULL)
    {
      gsize length = strlen (text);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), length);

      tally_share_job_add_text (job, _("Clipboard"), bytes);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s says why, as the system puts it */
      g_autofree char *message = g_strdup_printf (_("Clipboard: holds no layout to paste (%s)"),
                                                  error->message);

      tally_share_job_add_failure (job, message);
    }
  tally_share_job_run (job);
}

/**
 * tally_dashboard_share_paste_async:
 *
 * "Paste Layout": imports the layout on @clipboard, as text, as
 * tally_dashboard_share_import_text_async() does; the result is for
 * tally_dashboard_share_import_finish().
 */
void
tally_dashboard_share_paste_async (GtkWindow             *parent,
                                   GdkClipboard          *clipboard,
                                   TallyDashboardLibrary *library,
                                   const char * const    *source_names,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  TallyShareJob *job;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (GDK_IS_CLIPBOARD (clipboard));
  g_return_if_fail (TALLY_IS_DASHBOARD_LIBRARY (library));

  job = tally_share_job_new (parent, library, source_names, cancellable, callback, user_data);
  gdk_clipboard_read_text_async (clipboard, cancellable, read_text_cb, job);
}
