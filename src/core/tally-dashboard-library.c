/* tally-dashboard-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The dashboards the sidebar lists, as a GListModel of TallyDashboard:
 * the built-ins first, read-only, in a fixed order, then the user's by
 * title, kept in order as titles change. The user's live in one folder,
 * one UID.json each; saving, duplicating, importing and removing keep the
 * folder and the list in step. Reading the folders is
 * tally-dashboard-library-load.c's job. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-dashboard-library-private.h"
#include "tally-dashboard-private.h"
#include "tally-error.h"
#include "tally-paths.h"

typedef struct
{
  TallyDashboard *dashboard;
  GFile          *file;       /* a user dashboard's file; NULL for a built-in */
  guint           rank;       /* a built-in's place (tally_library_builtin_rank()) */
  char           *sort_key;   /* of the case-folded title */
} Entry;

struct _TallyDashboardLibrary
{
  GObject    parent_instance;

  GFile     *builtin_dir;
  GFile     *user_dir;
  GPtrArray *entries;    /* Entry, in the list's order */
  GStrv      problems;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TallyDashboardLibrary, tally_dashboard_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static char *
make_sort_key (TallyDashboard *dashboard)
{
  g_autofree char *folded = g_utf8_casefold (tally_dashboard_get_title (dashboard), -1);

  return g_utf8_collate_key (folded, -1);
}

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->dashboard);
  g_clear_object (&entry->file);
  g_free (entry->sort_key);
  g_free (entry);
}

/* Built-ins first, by their fixed place then title; then the user's by
 * title; the uid settles ties. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;
  int order;

  if ((ea->file == NULL) != (eb->file == NULL))
    return ea->file == NULL ? -1 : 1;
  if (ea->rank != eb->rank)
    return ea->rank < eb->rank ? -1 : 1;
  if ((order = strcmp (ea->sort_key, eb->sort_key)) != 0)
    return order;
  return strcmp (tally_dashboard_get_uid (ea->dashboard), tally_dashboard_get_uid (eb->dashboard));
}

static int
compare_entry_pointers (gconstpointer a,
                        gconstpointer b)
{
  return compare_entries (*(Entry * const *) a, *(Entry * const *) b);
}

/* Where @entry goes among the others. */
static guint
sorted_position (TallyDashboardLibrary *self,
                 const Entry           *entry)
{
  guint position = 0;

  while (position < self->entries->len &&
         compare_entries (g_ptr_array_index (self->entries, position), entry) < 0)
    position++;

  return position;
}

static Entry *
find_entry (TallyDashboardLibrary *self,
            TallyDashboard        *dashboard,
            guint                 *position)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->dashboard == dashboard)
        {
          if (position != NULL)
            *position = i;
          return entry;
        }
    }

  return NULL;
}

/* A retitled dashboard moves to its new place in one items-changed over
 * the rows between. */
static void
title_changed_cb (TallyDashboardLibrary *self,
                  GParamSpec            *pspec,
                  TallyDashboard        *dashboard)
{
  guint old_position, new_position;
  Entry *entry = find_entry (self, dashboard, &old_position);

  g_return_if_fail (entry != NULL);

  g_free (entry->sort_key);
  entry->sort_key = make_sort_key (dashboard);
  g_ptr_array_steal_index (self->entries, old_position);
  new_position = sorted_position (self, entry);
  g_ptr_array_insert (self->entries, new_position, entry);

  if (new_position != old_position)
    g_list_model_items_changed (G_LIST_MODEL (self), MIN (old_position, new_position),
                                ABS ((int) new_position - (int) old_position) + 1,
                                ABS ((int) new_position - (int) old_position) + 1);
}

static Entry *
entry_new (TallyDashboardLibrary *self,
           TallyDashboard        *dashboard,
           GFile                 *file)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->dashboard = g_object_ref (dashboard);
  entry->file = file ? g_object_ref (file) : NULL;
  entry->rank = file ? 0 : tally_library_builtin_rank (tally_dashboard_get_uid (dashboard));
  entry->sort_key = make_sort_key (dashboard);
  g_signal_connect_object (dashboard, "notify::title", G_CALLBACK (title_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return entry;
}

static void
remove_entry (TallyDashboardLibrary *self,
              guint                  position)
{
  Entry *entry = g_ptr_array_index (self->entries, position);

  g_signal_handlers_disconnect_by_data (entry->dashboard, self);
  g_ptr_array_remove_index (self->entries, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
add_entry (TallyDashboardLibrary *self,
           TallyDashboard        *dashboard,
           GFile                 *file)
{
  Entry *entry = entry_new (self, dashboard, file);
  guint position = sorted_position (self, entry);

  g_ptr_array_insert (self->entries, position, entry);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

/* Makes the list what @scan found, in one items-changed. */
static void
apply_scan (TallyDashboardLibrary *self,
            TallyLibraryScan      *scan)
{
  guint removed = self->entries->len;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      g_signal_handlers_disconnect_by_data (entry->dashboard, self);
    }
  g_ptr_array_set_size (self->entries, 0);

  for (guint i = 0; i < scan->items->len; i++)
    {
      TallyLibraryItem *item = g_ptr_array_index (scan->items, i);

      g_ptr_array_add (self->entries, entry_new (self, item->dashboard, item->file));
    }
  g_ptr_array_sort (self->entries, compare_entry_pointers);

  g_strfreev (self->problems);
  g_ptr_array_add (scan->problems, NULL);
  self->problems = g_strdupv ((char **) scan->problems->pdata);
  g_ptr_array_remove_index (scan->problems, scan->problems->len - 1);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->entries->len);
}

/**
 * tally_dashboard_library_load:
 *
 * Reads both folders and makes the list what they hold, in one
 * items-changed; loading again reloads. Files that cannot be read or are
 * not valid layouts are skipped, left untouched and reported by
 * tally_dashboard_library_get_problems(). Blocks: the window calls
 * tally_dashboard_library_load_async().
 *
 * Returns: FALSE only when cancelled
 */
gboolean
tally_dashboard_library_load (TallyDashboardLibrary  *self,
                              GCancellable           *cancellable,
                              GError                **error)
{
  g_autoptr(TallyLibraryScan) scan = NULL;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (self), FALSE);

  scan = tally_library_scan (self->builtin_dir, self->user_dir, cancellable, error);
  if (scan == NULL)
    return FALSE;
  apply_scan (self, scan);

  return TRUE;
}

/* A tag of the library's own for its tasks (a function pointer is not a
 * gpointer in ISO C). */
static const char load_tag[] = "tally_dashboard_library_load_async";

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TallyDashboardLibrary *self = source_object;
  GError *error = NULL;
  TallyLibraryScan *scan = tally_library_scan (self->builtin_dir, self->user_dir, cancellable,
                                               &error);

  if (scan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scan, (GDestroyNotify) tally_library_scan_free);
}

/* The same, reading the files in a worker thread. */
void
tally_dashboard_library_load_async (TallyDashboardLibrary *self,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TALLY_IS_DASHBOARD_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) load_tag);
  g_task_run_in_thread (task, scan_thread);
}

gboolean
tally_dashboard_library_load_finish (TallyDashboardLibrary  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_autoptr(TallyLibraryScan) scan = NULL;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  scan = g_task_propagate_pointer (G_TASK (result), error);
  if (scan == NULL)
    return FALSE;
  apply_scan (self, scan);

  return TRUE;
}

/**
 * tally_dashboard_library_get_problems:
 *
 * The files the last load left aside, one "FILE: message" each (the
 * message may hold several lines, one per problem of a layout); empty
 * when there were none.
 */
const char * const *
tally_dashboard_library_get_problems (TallyDashboardLibrary *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (self), NULL);

  return (const char * const *) self->problems;
}

/* The user's folder: where saved dashboards go. */
GFile *
tally_dashboard_library_get_user_dir (TallyDashboardLibrary *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (self), NULL);

  return self->user_dir;
}

/**
 * tally_dashboard_library_find:
 *
 * Returns: (transfer none) (nullable): the dashboard with @uid
 */
TallyDashboard *
tally_dashboard_library_find (TallyDashboardLibrary *self,
                              const char            *uid)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_str_equal (tally_dashboard_get_uid (entry->dashboard), uid))
        return entry->dashboard;
    }

  return NULL;
}

/* Whether @dashboard is a built-in: read-only, offered as "Duplicate to
 * Edit". */
gboolean
tally_dashboard_library_is_builtin (TallyDashboardLibrary *self,
                                    TallyDashboard        *dashboard)
{
  Entry *entry;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (self), FALSE);
  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), FALSE);

  entry = find_entry (self, dashboard, NULL);
  return entry != NULL && entry->file == NULL;
}

static GFile *
user_file (TallyDashboardLibrary *self,
           const char            *uid)
{
  g_autofree char *name = g_strconcat (uid, ".json", NULL);

  return g_file_get_child (self->user_dir, name);
}

/* A uid is taken by a dashboard of the list and by any file of the
 * user's folder, a broken one too: saving must never write over it. */
static gboolean
uid_taken (TallyDashboardLibrary *self,
           const char            *uid)
{
  g_autoptr(GFile) file = user_file (self, uid);

  return tally_dashboard_library_find (self, uid) != NULL || g_file_query_exists (file, NULL);
}

/* @base if free, else @base-2, @base-3…, each within 128 characters. */
static char *
unique_uid (TallyDashboardLibrary *self,
            const char            *base)
{
  g_autofree char *candidate = g_strndup (base, 128);

  for (guint n = 2; uid_taken (self, candidate); n++)
    {
      g_autofree char *suffix = g_strdup_printf ("-%u", n);

      g_free (candidate);
      candidate = g_strdup_printf ("%.*s%s", (int) (128 - strlen (suffix)), base, suffix);
    }

  return g_steal_pointer (&candidate);
}

static gboolean
write_file (TallyDashboard  *dashboard,
            GFile           *file,
            GError         **error)
{
  g_autofree char *path = g_file_get_path (file);

  return tally_paths_ensure_parent (path, error) &&
         tally_dashboard_save_to_file (dashboard, file, error);
}

/* Saves a dashboard that is not in the list yet under a uid of its own,
 * and lists it. */
static gboolean
add_new (TallyDashboardLibrary  *self,
         TallyDashboard         *dashboard,
         GError                **error)
{
  const char *uid = tally_dashboard_get_uid (dashboard);
  g_autofree char *base = tally_dashboard_uid_is_valid (uid)
                          ? g_strdup (uid)
                          : tally_dashboard_make_uid (tally_dashboard_get_title (dashboard));
  g_autofree char *fresh = unique_uid (self, base);
  g_autofree char *old = g_strdup (uid);
  g_autoptr(GFile) file = user_file (self, fresh);

  tally_dashboard_set_uid (dashboard, fresh);
  if (!write_file (dashboard, file, error))
    {
      tally_dashboard_set_uid (dashboard, old);
      return FALSE;
    }
  add_entry (self, dashboard, file);

  return TRUE;
}

/**
 * tally_dashboard_library_save:
 *
 * Writes a user dashboard to its file, whole or not at all (a failed
 * save leaves the old file as it was), creating the folder if needed. A
 * dashboard not in the list yet (a new one) gets a free uid, its file
 * UID.json, and its place in the list. A built-in cannot be saved.
 */
gboolean
tally_dashboard_library_save (TallyDashboardLibrary  *self,
                              TallyDashboard         *dashboard,
                              GError                **error)
{
  Entry *entry;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (self), FALSE);
  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), FALSE);

  entry = find_entry (self, dashboard, NULL);
  if (entry == NULL)
    return add_new (self, dashboard, error);
  if (entry->file == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("“%s” is a built-in dashboard and cannot be changed: duplicate it to edit a "
                     "copy"), tally_dashboard_get_title (dashboard));
      return FALSE;
    }

  return write_file (dashboard, entry->file, error);
}

/**
 * tally_dashboard_library_duplicate:
 *
 * "Duplicate to Edit": a copy of @dashboard (a built-in or not), titled
 * "Copy of …", editable, with a uid of its own (UID-copy, UID-copy-2…),
 * saved and listed.
 *
 * Returns: (transfer full): the copy, or NULL when it could not be saved
 */
TallyDashboard *
tally_dashboard_library_duplicate (TallyDashboardLibrary  *self,
                                   TallyDashboard         *dashboard,
                                   GError                **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TallyDashboard) copy = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uid = NULL;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (self), NULL);
  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), NULL);

  node = tally_dashboard_to_json (dashboard);
  if ((copy = tally_dashboard_new_from_json (node, error)) == NULL)
    return NULL;

  /* Translators: the title of a copy of a dashboard; %s is the original's */
  title = g_strdup_printf (_("Copy of %s"), tally_dashboard_get_title (dashboard));
  uid = g_strdup_printf ("%.123s-copy", tally_dashboard_get_uid (dashboard));
  tally_dashboard_set_title (copy, title);
  tally_dashboard_set_uid (copy, uid);
  tally_dashboard_set_editable (copy, TRUE);
  if (!add_new (self, copy, error))
    return NULL;

  return g_steal_pointer (&copy);
}

/**
 * tally_dashboard_library_import_data:
 *
 * Adds a shared layout: checks it (every problem in @error, one per
 * line), gives it a uid of its own when its uid is taken (UID-2…), saves
 * it and lists it. Also what "Undo" of a removal calls, with what
 * tally_dashboard_library_remove() returned.
 *
 * Returns: (transfer full): the new dashboard, or NULL
 */
TallyDashboard *
tally_dashboard_library_import_data (TallyDashboardLibrary  *self,
                                     const char             *data,
                                     gssize                  length,
                                     GError                **error)
{
  g_autoptr(TallyDashboard) dashboard = NULL;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if ((dashboard = tally_dashboard_new_from_data (data, length, error)) == NULL)
    return NULL;
  if (!add_new (self, dashboard, error))
    return NULL;

  return g_steal_pointer (&dashboard);
}

/**
 * tally_dashboard_library_remove:
 * @length: (out) (optional): the length of the layout returned
 *
 * Deletes a user dashboard's file and takes it off the list. A built-in
 * cannot be removed.
 *
 * Returns: (transfer full): the layout removed, for an "Undo" toast to
 * give to tally_dashboard_library_import_data(); NULL on error, when the
 * file and the list stay as they were
 */
char *
tally_dashboard_library_remove (TallyDashboardLibrary  *self,
                                TallyDashboard         *dashboard,
                                gsize                  *length,
                                GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  Entry *entry;
  guint position;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_LIBRARY (self), NULL);
  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), NULL);

  if ((entry = find_entry (self, dashboard, &position)) == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                   _("“%s” is not in the dashboard library"), tally_dashboard_get_title (dashboard));
      return NULL;
    }
  if (entry->file == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("“%s” is a built-in dashboard and cannot be removed"),
                   tally_dashboard_get_title (dashboard));
      return NULL;
    }

  data = tally_dashboard_to_data (dashboard, length);
  if (!g_file_delete (entry->file, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *name = g_file_get_parse_name (entry->file);

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, _("Cannot remove %s: %s"), name,
                   local_error->message);
      return NULL;
    }
  remove_entry (self, position);

  return g_steal_pointer (&data);
}

/* @text case-folded, compatibility-decomposed and stripped of accents:
 * "Café" and "CAFE" both give "cafe". */
static char *
fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  GString *out = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * tally_dashboard_library_matches:
 * @search_text: what the user typed in the sidebar's search
 *
 * Whether every word of @search_text appears in @dashboard's title,
 * description or tags, ignoring case and accents. Empty text matches
 * every dashboard.
 */
gboolean
tally_dashboard_library_matches (TallyDashboard *dashboard,
                                 const char     *search_text)
{
  g_autoptr(GString) fields = g_string_new (NULL);
  g_autofree char *haystack = NULL;
  g_autofree char *needle = NULL;
  g_auto(GStrv) words = NULL;
  const char * const *tags;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), FALSE);

  if (search_text == NULL || !g_utf8_validate (search_text, -1, NULL))
    return search_text == NULL;

  /* Fields apart, so that no word is found across two of them. */
  g_string_append_printf (fields, "%s\n%s", tally_dashboard_get_title (dashboard),
                          tally_dashboard_get_description (dashboard));
  tags = tally_dashboard_get_tags (dashboard);
  for (guint i = 0; tags[i] != NULL; i++)
    g_string_append_printf (fields, "\n%s", tags[i]);
  haystack = fold (fields->str);
  needle = fold (search_text);

  words = g_strsplit_set (needle, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0' && strstr (haystack, words[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

static GType
list_get_item_type (GListModel *model)
{
  return TALLY_TYPE_DASHBOARD;
}

static guint
list_get_n_items (GListModel *model)
{
  return TALLY_DASHBOARD_LIBRARY (model)->entries->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  TallyDashboardLibrary *self = TALLY_DASHBOARD_LIBRARY (model);
  Entry *entry;

  if (position >= self->entries->len)
    return NULL;
  entry = g_ptr_array_index (self->entries, position);
  return g_object_ref (entry->dashboard);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/**
 * tally_dashboard_library_new:
 * @builtin_dir: (nullable): the folder of built-in layouts, or NULL for
 *   the application's (TALLY_DASHBOARD_LIBRARY_BUILTIN_URI)
 * @user_dir: (nullable): the user's folder, or NULL for
 *   $XDG_DATA_HOME/tally/dashboards
 *
 * An empty library: tally_dashboard_library_load_async() fills it.
 */
TallyDashboardLibrary *
tally_dashboard_library_new (GFile *builtin_dir,
                             GFile *user_dir)
{
  TallyDashboardLibrary *self = g_object_new (TALLY_TYPE_DASHBOARD_LIBRARY, NULL);

  g_return_val_if_fail (builtin_dir == NULL || G_IS_FILE (builtin_dir), NULL);
  g_return_val_if_fail (user_dir == NULL || G_IS_FILE (user_dir), NULL);

  if (builtin_dir != NULL)
    self->builtin_dir = g_object_ref (builtin_dir);
  else
    self->builtin_dir = g_file_new_for_uri (TALLY_DASHBOARD_LIBRARY_BUILTIN_URI);

  if (user_dir != NULL)
    {
      self->user_dir = g_object_ref (user_dir);
    }
  else
    {
      g_autofree char *path = tally_paths_get_dashboards_dir ();

      self->user_dir = g_file_new_for_path (path);
    }

  return self;
}

static void
tally_dashboard_library_dispose (GObject *object)
{
  TallyDashboardLibrary *self = TALLY_DASHBOARD_LIBRARY (object);

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      g_signal_handlers_disconnect_by_data (entry->dashboard, self);
    }
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->builtin_dir);
  g_clear_object (&self->user_dir);

  G_OBJECT_CLASS (tally_dashboard_library_parent_class)->dispose (object);
}

static void
tally_dashboard_library_finalize (GObject *object)
{
  TallyDashboardLibrary *self = TALLY_DASHBOARD_LIBRARY (object);

  g_strfreev (self->problems);

  G_OBJECT_CLASS (tally_dashboard_library_parent_class)->finalize (object);
}

static void
tally_dashboard_library_class_init (TallyDashboardLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tally_dashboard_library_dispose;
  object_class->finalize = tally_dashboard_library_finalize;
}

static void
tally_dashboard_library_init (TallyDashboardLibrary *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->problems = g_new0 (char *, 1);
}
