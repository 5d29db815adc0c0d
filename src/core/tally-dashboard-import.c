/* tally-dashboard-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Layouts that come from elsewhere — a file a teammate sent, a drop, the
 * clipboard — on their way into the library. Reading and checking happen
 * on a worker thread, bounded in size, and every problem names where the
 * layout came from; nothing touches the library until a layout is whole
 * and valid, so a bad file leaves the library as it was. What to do when
 * a uid is taken is the caller's question to ask; this file only applies
 * the answer. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-dashboard-import.h"
#include "tally-error.h"

typedef struct
{
  GFile  *file;   /* NULL when reading bytes already in memory */
  char   *name;
  GBytes *bytes;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->file);
  g_free (data->name);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

/* Puts @name in front of every line of @error's message, so that each
 * problem says where it comes from when several files are listed
 * together. */
static void
prefix_lines (GError     *error,
              const char *name)
{
  g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "%s%s: %s", i > 0 ? "\n" : "", name, lines[i]);

  g_free (error->message);
  error->message = g_string_free (out, FALSE);
}

static void
set_too_large (GError    **error,
               const char *name)
{
  /* Translators: %s is a file name; the size is a limit of Tally's */
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_TOO_LARGE,
               _("%s: the file is larger than 4 MiB, too large for a dashboard layout"), name);
}

/**
 * tally_dashboard_import_parse:
 * @name: where the layout comes from, as the user knows it (a file's
 *   name, "Clipboard")
 *
 * Reads a layout from @bytes and checks it, as the library's loading
 * does. Blocks for as long as parsing takes: call it from a worker thread
 * (tally_dashboard_import_parse_async()).
 *
 * Returns: (transfer full): the dashboard, in no library yet; or NULL and
 *   an error whose every line starts with @name
 */
TallyDashboard *
tally_dashboard_import_parse (const char  *name,
                              GBytes      *bytes,
                              GError     **error)
{
  GError *local_error = NULL;
  TallyDashboard *dashboard;
  gsize length;
  const char *data;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (length > TALLY_DASHBOARD_IMPORT_MAX_SIZE)
    {
      set_too_large (error, name);
      return NULL;
    }
  if (length == 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: the file is empty"), name);
      return NULL;
    }

  dashboard = tally_dashboard_new_from_data (data, length, &local_error);
  if (dashboard == NULL)
    {
      prefix_lines (local_error, name);
      g_propagate_error (error, local_error);
    }

  return dashboard;
}

/* Reads @file whole, but never more than the limit and one byte, so a
 * huge file (or a device that never ends) is refused without filling
 * memory. */
static GBytes *
read_bounded (GFile         *file,
              const char    *name,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, &local_error);
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[65536];
  gssize n;

  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND, _("%s: there is no such file"),
                     name);
      else
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, _("%s: cannot be read: %s"), name,
                     local_error->message);
      return NULL;
    }

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk, cancellable,
                                   &local_error)) > 0)
    {
      g_byte_array_append (buffer, chunk, n);
      if (buffer->len > TALLY_DASHBOARD_IMPORT_MAX_SIZE)
        {
          set_too_large (error, name);
          return NULL;
        }
    }
  if (n < 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, _("%s: cannot be read: %s"), name,
                   local_error->message);
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  TallyDashboard *dashboard;

  if (data->bytes != NULL)
    bytes = g_bytes_ref (data->bytes);
  else if ((bytes = read_bounded (data->file, data->name, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if ((dashboard = tally_dashboard_import_parse (data->name, bytes, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dashboard, g_object_unref);
}

/* -Wpedantic forbids a function as a data pointer: a static's address
 * tags the tasks instead. */
static const char import_tag[] = "tally_dashboard_import";

static void
start (ReadData            *data,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, (gpointer) import_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_thread);
}

/**
 * tally_dashboard_import_read_async:
 *
 * Reads and checks the layout in @file on a worker thread; refuses a file
 * over %TALLY_DASHBOARD_IMPORT_MAX_SIZE. Errors name the file by its
 * base name. tally_dashboard_import_finish() gives the dashboard.
 */
void
tally_dashboard_import_read_async (GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  ReadData *data;

  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ReadData, 1);
  data->file = g_object_ref (file);
  data->name = g_file_get_basename (file);
  start (data, cancellable, callback, user_data);
}

/**
 * tally_dashboard_import_parse_async:
 *
 * tally_dashboard_import_parse() on a worker thread, for text dropped or
 * pasted. tally_dashboard_import_finish() gives the dashboard.
 */
void
tally_dashboard_import_parse_async (const char          *name,
                                    GBytes              *bytes,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  ReadData *data;

  g_return_if_fail (name != NULL);
  g_return_if_fail (bytes != NULL);

  data = g_new0 (ReadData, 1);
  data->name = g_strdup (name);
  data->bytes = g_bytes_ref (bytes);
  start (data, cancellable, callback, user_data);
}

/**
 * tally_dashboard_import_finish:
 *
 * Returns: (transfer full): the layout read, in no library yet, or NULL
 */
TallyDashboard *
tally_dashboard_import_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == import_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Whether @dashboard's source is one of @source_names (NULL: only the
 * local store is configured). */
gboolean
tally_dashboard_import_source_known (TallyDashboard     *dashboard,
                                     const char * const *source_names)
{
  static const char * const local_only[] = { "local", NULL };

  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), FALSE);

  if (source_names == NULL)
    source_names = local_only;

  return g_strv_contains (source_names, tally_dashboard_get_source (dashboard));
}

/* Which dashboard of @library, if any, already has @dashboard's uid. */
TallyDashboardClash
tally_dashboard_import_get_clash (TallyDashboardLibrary *library,
                                  TallyDashboard        *dashboard)
{
  TallyDashboard *existing;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (library), TALLY_DASHBOARD_CLASH_NONE);
  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), TALLY_DASHBOARD_CLASH_NONE);

  existing = tally_dashboard_library_find (library, tally_dashboard_get_uid (dashboard));
  if (existing == NULL)
    return TALLY_DASHBOARD_CLASH_NONE;

  return tally_dashboard_library_is_builtin (library, existing) ? TALLY_DASHBOARD_CLASH_BUILTIN
                                                                : TALLY_DASHBOARD_CLASH_USER;
}

/* Makes the user's dashboard with @dashboard's uid that layout, in place
 * so the window's view of it follows; a failed save puts it back. */
static TallyDashboard *
replace (TallyDashboardLibrary  *library,
         TallyDashboard         *dashboard,
         GError                **error)
{
  TallyDashboard *existing = tally_dashboard_library_find (library,
                                                           tally_dashboard_get_uid (dashboard));
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  if (existing == NULL || tally_dashboard_library_is_builtin (library, existing))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                   _("There is no dashboard of yours named “%s” to replace"),
                   tally_dashboard_get_uid (dashboard));
      return NULL;
    }

  before = tally_dashboard_to_json (existing);
  after = tally_dashboard_to_json (dashboard);
  if (!tally_dashboard_replace_from_json (existing, after, error))
    return NULL;
  if (!tally_dashboard_library_save (library, existing, error))
    {
      tally_dashboard_replace_from_json (existing, before, NULL);
      return NULL;
    }

  return g_object_ref (existing);
}

/**
 * tally_dashboard_import_add:
 * @dashboard: a layout from tally_dashboard_import_finish(), in no library
 * @mode: what to do about a dashboard of @library with the same uid
 *
 * Saves @dashboard into the user's folder and lists it. %ADD keeps its
 * uid when free (so the saved file is the shared one, byte for byte) and
 * takes UID-2… otherwise; %KEEP_BOTH also titles it "… (imported)" so
 * the two tell apart in the sidebar; %REPLACE overwrites the user's
 * dashboard with that uid. On error the library and its folder are as
 * they were.
 *
 * Returns: (transfer full): the dashboard now in @library (@dashboard
 *   itself, or for %REPLACE the one replaced), or NULL
 */
TallyDashboard *
tally_dashboard_import_add (TallyDashboardLibrary     *library,
                            TallyDashboard            *dashboard,
                            TallyDashboardImportMode   mode,
                            GError                   **error)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (library), NULL);
  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), NULL);

  if (mode == TALLY_DASHBOARD_IMPORT_REPLACE)
    return replace (library, dashboard, error);

  if (mode == TALLY_DASHBOARD_IMPORT_KEEP_BOTH)
    {
      /* Translators: the title of an imported dashboard kept beside one of
       * the same name; %s is its title */
      g_autofree char *title = g_strdup_printf (_("%s (imported)"),
                                                tally_dashboard_get_title (dashboard));

      tally_dashboard_set_title (dashboard, title);
    }
  if (!tally_dashboard_library_save (library, dashboard, error))
    return NULL;

  return g_object_ref (dashboard);
}
