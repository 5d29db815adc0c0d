/* tally-dashboard-library-load.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Reading the dashboard library's two folders: the built-ins from the
 * application's resources and the user's from $XDG_DATA_HOME. A file
 * that cannot be read or is not a valid layout never stops the rest: it
 * is left where it is, untouched, and reported as "FILE: message" for the
 * window to show. Runs in a worker thread: nothing here touches the
 * library itself. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-dashboard-library-private.h"

/* The built-ins in the order the sidebar lists them; others follow by
 * title. */
static const char *builtin_order[] = {
  "overview", "models", "projects", "development-monitoring", "production-monitoring",
  "cost-optimization", "rate-limits", "voice-agents", "speech-api",
};

/* A built-in's place in the list: its index among the known ones, or
 * after them all. */
guint
tally_library_builtin_rank (const char *uid)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_order); i++)
    {
      if (g_strcmp0 (uid, builtin_order[i]) == 0)
        return i;
    }

  return G_N_ELEMENTS (builtin_order);
}

static void
item_free (TallyLibraryItem *item)
{
  g_clear_object (&item->dashboard);
  g_clear_object (&item->file);
  g_free (item);
}

void
tally_library_scan_free (TallyLibraryScan *scan)
{
  g_ptr_array_unref (scan->items);
  g_ptr_array_unref (scan->problems);
  g_free (scan);
}

static void G_GNUC_PRINTF (3, 4)
problem (TallyLibraryScan *scan,
         GFile            *file,
         const char       *format,
         ...)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (scan->problems, g_strdup_printf ("%s: %s", name, message));
}

/* GIO's messages repeat the file's name, which the problem starts with. */
static const char *
describe_io_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return _("permission denied");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    return _("a folder, not a file");
  return error->message;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The names of the layouts in @dir (NAME.json, not hidden), sorted. A
 * folder that does not exist holds none; one that cannot be listed is a
 * problem. FALSE only when cancelled. */
static gboolean
list_layouts (TallyLibraryScan *scan,
              GFile            *dir,
              GPtrArray        *names,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  while (enumerator != NULL &&
         g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, &local_error) &&
         info != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY &&
          name[0] != '.' && g_str_has_suffix (name, ".json"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (local_error != NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    problem (scan, dir, _("the folder cannot be read: %s"), describe_io_error (local_error));

  return TRUE;
}

/* The layout in @file, or NULL with a problem (or, cancelled, an
 * error). */
static TallyDashboard *
read_layout (TallyLibraryScan *scan,
             GFile            *file,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  TallyDashboard *dashboard;
  gsize length;

  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        problem (scan, file, _("cannot be read: %s"), describe_io_error (local_error));
      return NULL;
    }

  if ((dashboard = tally_dashboard_new_from_data (data, length, &local_error)) == NULL)
    problem (scan, file, "%s", local_error->message);

  return dashboard;
}

static void
add_item (TallyLibraryScan *scan,
          TallyDashboard   *dashboard,
          GFile            *file)
{
  TallyLibraryItem *item = g_new0 (TallyLibraryItem, 1);

  item->dashboard = dashboard;
  item->file = file ? g_object_ref (file) : NULL;
  g_ptr_array_add (scan->items, item);
}

/* Lists a built-in, unless another has its uid. */
static void
accept_builtin (TallyLibraryScan *scan,
                GFile            *file,
                TallyDashboard   *dashboard,
                GHashTable       *builtin_uids)
{
  const char *uid = tally_dashboard_get_uid (dashboard);

  if (!g_hash_table_add (builtin_uids, g_strdup (uid)))
    {
      problem (scan, file, _("not loaded: another built-in dashboard has the uid “%s”"), uid);
      g_object_unref (dashboard);
      return;
    }
  add_item (scan, dashboard, NULL);
}

/* The uid a user's file NAME.json gives its dashboard, or NULL with a
 * problem when that cannot be. A user dashboard's uid is its file's
 * name: a file copied by hand stays a dashboard of its own, and two files
 * never claim one uid. */
static char *
user_uid (TallyLibraryScan *scan,
          GFile            *file,
          const char       *name,
          GHashTable       *builtin_uids)
{
  g_autofree char *uid = g_strndup (name, strlen (name) - strlen (".json"));

  if (!tally_dashboard_uid_is_valid (uid))
    {
      problem (scan, file, _("not loaded: a dashboard’s file is named after its uid, which holds "
                             "only letters, digits, '_', '-' and '.'"));
      return NULL;
    }
  if (g_hash_table_contains (builtin_uids, uid))
    {
      problem (scan, file, _("not loaded: “%s” is the uid of a built-in dashboard; rename the file"),
               uid);
      return NULL;
    }

  return g_steal_pointer (&uid);
}

/* Reads every layout of @dir: the built-ins' (@builtin), whose uids go
 * into @builtin_uids, or the user's, which may not take one of them.
 * FALSE only when cancelled. */
static gboolean
scan_folder (TallyLibraryScan *scan,
             GFile            *dir,
             gboolean          builtin,
             GHashTable       *builtin_uids,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (!list_layouts (scan, dir, names, cancellable, error))
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GFile) file = g_file_get_child (dir, name);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *uid = NULL;
      TallyDashboard *dashboard;

      if (!builtin && (uid = user_uid (scan, file, name, builtin_uids)) == NULL)
        continue;
      if ((dashboard = read_layout (scan, file, cancellable, &local_error)) == NULL)
        {
          if (local_error == NULL)
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (builtin)
        {
          accept_builtin (scan, file, dashboard, builtin_uids);
        }
      else
        {
          tally_dashboard_set_uid (dashboard, uid);
          add_item (scan, dashboard, file);
        }
    }

  return TRUE;
}

/**
 * tally_library_scan:
 *
 * Reads every layout of both folders. Returns NULL only when cancelled.
 */
TallyLibraryScan *
tally_library_scan (GFile         *builtin_dir,
                    GFile         *user_dir,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(TallyLibraryScan) scan = g_new0 (TallyLibraryScan, 1);
  g_autoptr(GHashTable) builtin_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  scan->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  scan->problems = g_ptr_array_new_with_free_func (g_free);

  if (!scan_folder (scan, builtin_dir, TRUE, builtin_uids, cancellable, error) ||
      !scan_folder (scan, user_dir, FALSE, builtin_uids, cancellable, error))
    return NULL;

  return g_steal_pointer (&scan);
}
