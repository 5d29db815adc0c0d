/* tally-dashboard-share-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* "Export Layout…": a dashboard into a file a teammate can import. The
 * file is exactly what the library saves (tally_dashboard_to_data()), so
 * an import gives back the same bytes; it is checked as an import would
 * check it before it is written, which is what keeps a credential typed
 * into a title out of a shared file. Files are written through a
 * temporary file renamed into place: whole or not at all, and an existing
 * file survives a failed export. The helpers every share dialog uses (the
 * file chooser, writing off the UI thread, saying what failed) live here
 * too. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-dashboard-share-private.h"
#include "tally-error.h"

/* The longest base name we suggest, in bytes: well under every file
 * system's 255 with the suffix added. */
#define MAX_NAME 200

/**
 * tally_dashboard_share_file_name:
 * @fallback: the name when @title gives none
 * @suffix: what ends the name, such as ".tally.json"
 *
 * @title as a file name a teammate on any system can save: no folder
 * separators, control characters or characters Windows refuses, no
 * leading dot (a hidden file), at most 200 bytes of whole characters.
 *
 * Returns: (transfer full): the name, suffix included
 */
char *
tally_dashboard_share_file_name (const char *title,
                                 const char *fallback,
                                 const char *suffix)
{
  gboolean usable = title != NULL && g_utf8_validate (title, -1, NULL);
  g_autofree char *base = g_strdup (usable ? title : "");
  const char *end;

  g_return_val_if_fail (fallback != NULL && suffix != NULL, NULL);

  for (char *p = base; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p) || strchr ("/\\:*?\"<>|", *p) != NULL)
        *p = '-';
    }
  if (strlen (base) > MAX_NAME)
    {
      g_utf8_validate (base, MAX_NAME, &end);
      base[end - base] = '\0';
    }
  g_strstrip (base);
  while (base[0] == '.')
    memmove (base, base + 1, strlen (base));

  return g_strconcat (base[0] != '\0' ? base : fallback, suffix, NULL);
}

/* The layout as it is saved, checked as an import checks it: what every
 * way of sharing (a file, the clipboard) hands out. */
GBytes *
tally_share_layout_bytes (TallyDashboard  *dashboard,
                          GError         **error)
{
  g_autoptr(TallyDashboard) check = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  char *data = tally_dashboard_to_data (dashboard, &length);

  if ((check = tally_dashboard_new_from_data (data, length, &local_error)) == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("The layout of “%s” cannot be shared:\n%s"),
                   tally_dashboard_get_title (dashboard), local_error->message);
      g_free (data);
      return NULL;
    }

  return g_bytes_new_take (data, length);
}

/* Writes @bytes into @file whole or not at all: a local file through a
 * temporary file renamed over it (a new file too, which GIO would write
 * in place), any other through g_file_replace_contents(). Blocks. */
gboolean
tally_share_replace_contents (GFile   *file,
                              GBytes  *bytes,
                              GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  gboolean ok;

  if (path != NULL)
    ok = g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                   &local_error);
  else
    ok = g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  NULL, &local_error);
  if (!ok)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      /* Translators: the first %s is a file, the second why it failed */
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, _("Cannot write %s: %s"), name,
                   local_error->message);
    }

  return ok;
}

/**
 * tally_dashboard_share_export_to_file:
 *
 * Writes @dashboard's layout into @file, whole or not at all. Refuses a
 * layout that would not import, such as one with a credential in it.
 */
gboolean
tally_dashboard_share_export_to_file (TallyDashboard  *dashboard,
                                      GFile           *file,
                                      GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return (bytes = tally_share_layout_bytes (dashboard, error)) != NULL &&
         tally_share_replace_contents (file, bytes, error);
}

static GtkWidget *
find_toast_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_overlay (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Says what failed where the user looks: a toast on the window's toast
 * overlay, or a dialog when it has none. */
void
tally_share_show_error (GtkWindow  *parent,
                        const char *heading,
                        const char *message)
{
  GtkWidget *overlay = parent != NULL ? find_toast_overlay (GTK_WIDGET (parent)) : NULL;
  GtkWidget *dialog;

  if (overlay != NULL)
    {
      /* A toast's title is one line of markup. */
      g_autofree char *text = g_strdup_printf ("%s: %s", heading, message);
      g_autofree char *escaped = g_markup_escape_text (g_strdelimit (text, "\n", ' '), -1);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }

  dialog = adw_message_dialog_new (parent, heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A modal file chooser; the caller connects "response" and destroys it. */
GtkFileChooserNative *
tally_share_chooser_new (GtkWindow            *parent,
                         const char           *title,
                         GtkFileChooserAction  action,
                         const char           *accept_label)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent, action,
                                                               accept_label, _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

/* Layout files: by their MIME type where the system knows it, by the
 * extension where it does not yet (Tally not installed, a teammate's
 * plain "prod.json"). */
GtkFileFilter *
tally_share_layout_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Tally Dashboards"));
  gtk_file_filter_add_mime_type (filter, TALLY_DASHBOARD_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "json");

  return filter;
}

typedef struct
{
  GFile     *file;
  GBytes    *bytes;
  GtkWindow *parent;
  char      *heading;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_object (&data->parent);
  g_free (data->heading);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (tally_share_replace_contents (data->file, data->bytes, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    tally_share_show_error (data->parent, data->heading, error->message);
}

/* Writes @bytes into @file on a worker thread, whole or not at all; a
 * failure is shown under @heading. */
void
tally_share_write_async (GFile      *file,
                         GBytes     *bytes,
                         GtkWindow  *parent,
                         const char *heading)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, write_cb, NULL);
  WriteData *data = g_new0 (WriteData, 1);

  data->file = g_object_ref (file);
  data->bytes = g_bytes_ref (bytes);
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->heading = g_strdup (heading);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

typedef struct
{
  TallyShareBytesFunc  bytes_func;
  gpointer             data;
  GDestroyNotify       destroy;
  char                *heading;
} SaveData;

static void
save_data_free (gpointer  user_data,
                GClosure *closure)
{
  SaveData *save = user_data;

  if (save->destroy != NULL)
    save->destroy (save->data);
  g_free (save->heading);
  g_free (save);
}

static void
save_response_cb (GtkFileChooserNative *chooser,
                  int                   response,
                  SaveData             *save)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (chooser));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      if ((bytes = save->bytes_func (file, save->data, &error)) != NULL)
        tally_share_write_async (file, bytes, parent, save->heading);
      else
        tally_share_show_error (parent, save->heading, error->message);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

/* A modal save dialog suggesting @name among @filter's files; once the
 * user accepts, @bytes_func makes the file's contents and they are
 * written off the UI thread. A failure shows under @heading. @destroy
 * frees @data when the dialog is gone. */
void
tally_share_save_dialog (GtkWindow           *parent,
                         const char          *title,
                         const char          *name,
                         GtkFileFilter       *filter,
                         const char          *heading,
                         TallyShareBytesFunc  bytes_func,
                         gpointer             data,
                         GDestroyNotify       destroy)
{
  GtkFileChooserNative *chooser = tally_share_chooser_new (parent, title,
                                                           GTK_FILE_CHOOSER_ACTION_SAVE,
                                                           _("_Export"));
  SaveData *save = g_new0 (SaveData, 1);

  save->bytes_func = bytes_func;
  save->data = data;
  save->destroy = destroy;
  save->heading = g_strdup (heading);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_data (chooser, "response", G_CALLBACK (save_response_cb), save,
                         save_data_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GBytes *
export_bytes (GFile    *file,
              gpointer  dashboard,
              GError  **error)
{
  return tally_share_layout_bytes (dashboard, error);
}

/**
 * tally_dashboard_share_export:
 * @parent: (nullable): the window the dialog belongs to
 *
 * "Export Layout…": asks where to save, suggesting "TITLE.tally.json",
 * and writes the layout there. A failure shows in a toast on @parent's
 * toast overlay, or in a dialog.
 */
void
tally_dashboard_share_export (GtkWindow      *parent,
                              TallyDashboard *dashboard)
{
  g_autoptr(GtkFileFilter) filter = tally_share_layout_filter_new ();
  g_autofree char *name = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (TALLY_IS_DASHBOARD (dashboard));

  /* Translators: the file name suggested for a dashboard without a title */
  name = tally_dashboard_share_file_name (tally_dashboard_get_title (dashboard), _("Dashboard"),
                                          TALLY_DASHBOARD_FILE_SUFFIX);
  tally_share_save_dialog (parent, _("Export Layout"), name, filter,
                           _("Could not export the layout"), export_bytes,
                           g_object_ref (dashboard), g_object_unref);
}
