/* tally-dashboard-share-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Importing shared layouts, whatever brings them: the open dialog, files
 * given to the application, a drop, the clipboard. One job takes the
 * layouts one at a time: read and check it on a worker thread
 * (tally-dashboard-import.c), ask which source to use when it names one
 * that is not configured, ask what to do when its uid is taken by a
 * dashboard of the user's, then add it to the library. A layout that
 * fails leaves the library as it was and the job goes on with the next;
 * at the end, every failure is listed in one dialog, each line naming its
 * file, and the caller gets the dashboards that made it. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-dashboard-share-private.h"

/* The most lines of problems a dialog lists: a broken file can have
 * hundreds, and the first ones say what is wrong. */
#define MAX_LINES 30

typedef struct
{
  GFile  *file;
  char   *name;
  GBytes *text;
} Item;

struct _TallyShareJob
{
  GTask                 *task;
  GtkWindow             *parent;
  TallyDashboardLibrary *library;
  GStrv                  source_names;
  GPtrArray             *items;       /* Item */
  guint                  next;
  TallyDashboard        *current;     /* the layout being asked about */
  GPtrArray             *imported;    /* TallyDashboard */
  GPtrArray             *failures;    /* char *, one per layout; lines start with its name */
};

static const char job_tag[] = "tally_dashboard_share_import";

static void next_item (TallyShareJob *job);

static void
item_free (Item *item)
{
  g_clear_object (&item->file);
  g_free (item->name);
  g_clear_pointer (&item->text, g_bytes_unref);
  g_free (item);
}

static void
job_free (TallyShareJob *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->library);
  g_strfreev (job->source_names);
  g_ptr_array_unref (job->items);
  g_clear_object (&job->current);
  g_clear_pointer (&job->imported, g_ptr_array_unref);
  g_ptr_array_unref (job->failures);
  g_free (job);
}

/**
 * tally_share_job_new: (skip)
 * @source_names: (nullable): the configured sources; NULL for "local" only
 *
 * A job that imports the layouts added to it, then calls @callback;
 * tally_dashboard_share_import_finish() gives what it imported.
 */
TallyShareJob *
tally_share_job_new (GtkWindow             *parent,
                     TallyDashboardLibrary *library,
                     const char * const    *source_names,
                     GCancellable          *cancellable,
                     GAsyncReadyCallback    callback,
                     gpointer               user_data)
{
  static const char * const local_only[] = { "local", NULL };
  TallyShareJob *job = g_new0 (TallyShareJob, 1);

  job->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, (gpointer) job_tag);
  g_task_set_task_data (job->task, job, (GDestroyNotify) job_free);
  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  job->library = g_object_ref (library);
  job->source_names = g_strdupv ((char **) (source_names != NULL ? source_names : local_only));
  job->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  job->imported = g_ptr_array_new_with_free_func (g_object_unref);
  job->failures = g_ptr_array_new_with_free_func (g_free);

  return job;
}

GtkWindow *
tally_share_job_get_parent (TallyShareJob *job)
{
  return job->parent;
}

static void
add_item (TallyShareJob *job,
          GFile         *file,
          char          *name,
          GBytes        *text)
{
  Item *item = g_new0 (Item, 1);

  item->file = file != NULL ? g_object_ref (file) : NULL;
  item->name = name;
  item->text = text != NULL ? g_bytes_ref (text) : NULL;
  g_ptr_array_add (job->items, item);
}

void
tally_share_job_add_file (TallyShareJob *job,
                          GFile         *file)
{
  add_item (job, file, g_file_get_basename (file), NULL);
}

/* @name says where the text came from: "Clipboard", "Dropped text". */
void
tally_share_job_add_text (TallyShareJob *job,
                          const char    *name,
                          GBytes        *text)
{
  add_item (job, NULL, g_strdup (name), text);
}

/* A layout that could not even be fetched, listed with the others. */
void
tally_share_job_add_failure (TallyShareJob *job,
                             const char    *message)
{
  g_ptr_array_add (job->failures, g_strdup (message));
}

/* The failures, at most MAX_LINES lines of them. */
static char *
failures_text (TallyShareJob *job)
{
  GString *out = g_string_new (NULL);
  guint lines = 0, left = 0;

  for (guint i = 0; i < job->failures->len; i++)
    {
      g_auto(GStrv) split = g_strsplit (g_ptr_array_index (job->failures, i), "\n", -1);

      for (guint j = 0; split[j] != NULL; j++)
        {
          if (lines++ < MAX_LINES)
            g_string_append_printf (out, "%s%s", out->len > 0 ? "\n" : "", split[j]);
          else
            left++;
        }
    }
  if (left > 0)
    g_string_append_c (out, '\n');
  if (left > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "…and %u more problem",
                                              "…and %u more problems", left), left);

  return g_string_free (out, FALSE);
}

static void
show_failures (TallyShareJob *job)
{
  g_autofree char *body = failures_text (job);
  const char *heading = g_dngettext (GETTEXT_PACKAGE, "Could Not Import the Layout",
                                     "Could Not Import the Layouts", job->failures->len);
  GtkWidget *dialog = adw_message_dialog_new (job->parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_modal (GTK_WINDOW (dialog), job->parent != NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
job_finish (TallyShareJob *job)
{
  GTask *task = g_steal_pointer (&job->task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (job->failures->len > 0)
    show_failures (job);
  g_task_return_pointer (task, g_steal_pointer (&job->imported),
                         (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static const char *
current_name (TallyShareJob *job)
{
  Item *item = g_ptr_array_index (job->items, job->next - 1);

  return item->name;
}

static void
add_current (TallyShareJob            *job,
             TallyDashboardImportMode  mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyDashboard) added = tally_dashboard_import_add (job->library, job->current, mode,
                                                                &error);

  if (added != NULL)
    g_ptr_array_add (job->imported, g_steal_pointer (&added));
  else
    g_ptr_array_add (job->failures, g_strdup_printf ("%s: %s", current_name (job),
                                                      error->message));
  next_item (job);
}

static void
clash_answer (TallyShareJob *job,
              int            mode)
{
  if (mode < 0)
    next_item (job);
  else
    add_current (job, mode);
}

/* A taken uid: a built-in's is kept beside, a user's asks. */
static void
check_clash (TallyShareJob *job)
{
  switch (tally_dashboard_import_get_clash (job->library, job->current))
    {
    case TALLY_DASHBOARD_CLASH_USER:
      tally_share_ask_clash (job, job->current, clash_answer);
      break;
    case TALLY_DASHBOARD_CLASH_BUILTIN:
      add_current (job, TALLY_DASHBOARD_IMPORT_KEEP_BOTH);
      break;
    case TALLY_DASHBOARD_CLASH_NONE:
    default:
      add_current (job, TALLY_DASHBOARD_IMPORT_ADD);
      break;
    }
}

static void
source_answer (TallyShareJob *job,
               const char    *source)
{
  if (source == NULL)
    {
      next_item (job);
      return;
    }
  tally_dashboard_set_source (job->current, source);
  check_clash (job);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  TallyShareJob *job = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_object (&job->current);
  job->current = tally_dashboard_import_finish (result, &error);
  if (job->current == NULL)
    {
      g_ptr_array_add (job->failures, g_strdup (error->message));
      next_item (job);
    }
  else if (!tally_dashboard_import_source_known (job->current,
                                                 (const char * const *) job->source_names))
    tally_share_ask_source (job, job->current, (const char * const *) job->source_names,
                            source_answer);
  else
    check_clash (job);
}

static void
next_item (TallyShareJob *job)
{
  GCancellable *cancellable = g_task_get_cancellable (job->task);
  Item *item;

  if (job->next >= job->items->len || g_cancellable_is_cancelled (cancellable))
    {
      job_finish (job);
      return;
    }

  item = g_ptr_array_index (job->items, job->next++);
  if (item->file != NULL)
    tally_dashboard_import_read_async (item->file, cancellable, read_cb, job);
  else
    tally_dashboard_import_parse_async (item->name, item->text, cancellable, read_cb, job);
}

/* Starts the job; it frees itself once it has called back. */
void
tally_share_job_run (TallyShareJob *job)
{
  next_item (job);
}

/**
 * tally_dashboard_share_import_files_async:
 * @parent: (nullable): the window the questions and errors belong to
 * @source_names: (nullable): the configured data sources; NULL when only
 *   the local store is
 * @files: (element-type GFile): the layouts to import
 *
 * Imports @files one after the other: each read off the UI thread (at
 * most 4 MiB), checked, and added to @library, asking which source to use
 * for a layout whose source is not configured and whether to replace a
 * dashboard of the user's with the same uid. Every failure is listed in
 * one dialog at the end.
 */
void
tally_dashboard_share_import_files_async (GtkWindow             *parent,
                                          TallyDashboardLibrary *library,
                                          const char * const    *source_names,
                                          GList                 *files,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data)
{
  TallyShareJob *job;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (TALLY_IS_DASHBOARD_LIBRARY (library));

  job = tally_share_job_new (parent, library, source_names, cancellable, callback, user_data);
  for (GList *l = files; l != NULL; l = l->next)
    tally_share_job_add_file (job, l->data);
  tally_share_job_run (job);
}

/**
 * tally_dashboard_share_import_text_async:
 * @name: where the text comes from, for messages ("Clipboard")
 * @text: a layout as JSON text
 *
 * As tally_dashboard_share_import_files_async(), for one layout in memory.
 */
void
tally_dashboard_share_import_text_async (GtkWindow             *parent,
                                         TallyDashboardLibrary *library,
                                         const char * const    *source_names,
                                         const char            *name,
                                         GBytes                *text,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  TallyShareJob *job;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (TALLY_IS_DASHBOARD_LIBRARY (library));
  g_return_if_fail (name != NULL && text != NULL);

  job = tally_share_job_new (parent, library, source_names, cancellable, callback, user_data);
  tally_share_job_add_text (job, name, text);
  tally_share_job_run (job);
}

/**
 * tally_dashboard_share_import_finish:
 *
 * Returns: (transfer container) (element-type TallyDashboard): the
 *   dashboards now in the library, in the order given (empty when none
 *   was: the failures have been shown); NULL only when cancelled
 */
GPtrArray *
tally_dashboard_share_import_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == job_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
import_response_cb (GtkFileChooserNative *chooser,
                    int                   response,
                    TallyShareJob        *job)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      tally_share_job_add_file (job, file);
    }
  tally_share_job_run (job);

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

/**
 * tally_dashboard_share_import:
 * @callback: (nullable): called with the result, for
 *   tally_dashboard_share_import_finish(), once everything is imported
 *   (an empty array when the user cancelled the dialog)
 *
 * "Import Layout…": asks for one or more layout files, then imports them
 * as tally_dashboard_share_import_files_async() does.
 */
void
tally_dashboard_share_import (GtkWindow             *parent,
                              TallyDashboardLibrary *library,
                              const char * const    *source_names,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GtkFileFilter) filter = tally_share_layout_filter_new ();
  GtkFileChooserNative *chooser;
  TallyShareJob *job;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (TALLY_IS_DASHBOARD_LIBRARY (library));

  job = tally_share_job_new (parent, library, source_names, NULL, callback, user_data);
  chooser = tally_share_chooser_new (parent, _("Import Layout"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                     _("_Import"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
