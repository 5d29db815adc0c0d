/* test-dashboard-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The dashboard library on real folders: loading past broken, invalid and
 * unreadable files (reported, left untouched), the order of the list and
 * its signals, saving, duplicating, importing and removing with the exact
 * bytes on disk, uids taken by other dashboards or files, a read-only
 * folder, and the sidebar's search. */

#include "config.h"

#include <glib/gstdio.h>
#include <linux/capability.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tally-dashboard-library.h"
#include "tally-error.h"
#include "tally-test-utils.h"

typedef struct
{
  char                  *builtin_path;
  char                  *user_path;
  GFile                 *builtin_dir;
  GFile                 *user_dir;
  TallyDashboardLibrary *library;
} Fixture;

#define LAYOUT "{\"format\":\"tally-dashboard\",\"version\":1,\"uid\":\"%s\",\"title\":\"%s\"," \
               "\"panels\":[{\"id\":1,\"type\":\"stat\"," \
               "\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":4}," \
               "\"query\":{\"metric\":\"requests\",\"stat\":\"sum\"}}]}\n"

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
write_layout (const char *dir,
              const char *name,
              const char *uid,
              const char *title)
{
  g_autofree char *contents = g_strdup_printf (LAYOUT, uid, title);

  write_file (dir, name, contents);
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* The file @name of @dir holds exactly what @dashboard writes. */
static void
assert_file_is_layout (const char     *dir,
                       const char     *name,
                       TallyDashboard *dashboard)
{
  g_autofree char *expected = tally_dashboard_to_data (dashboard, NULL);
  g_autofree char *written = read_file (dir, name);

  g_assert_cmpstr (written, ==, expected);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The files of @dir, sorted, one string. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, (char *) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static struct __user_cap_data_struct saved_caps[2];

/* Root reads and writes past any permission. Without its capabilities
 * this thread obeys permissions as the files' owner does, as a user
 * would; regain_powers() gives them back. */
static void
obey_permissions (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct caps[2];

  g_assert_cmpint (syscall (SYS_capget, &header, saved_caps), ==, 0);
  memcpy (caps, saved_caps, sizeof caps);
  caps[0].effective = 0;
  caps[1].effective = 0;
  g_assert_cmpint (syscall (SYS_capset, &header, caps), ==, 0);
}

static void
regain_powers (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };

  g_assert_cmpint (syscall (SYS_capset, &header, saved_caps), ==, 0);
}

/* Four built-ins, two of them known (listed first in their fixed order,
 * whatever the file names), and three user dashboards whose titles sort
 * differently with and without case. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *root = tally_test_make_tmp_dir ();

  fixture->builtin_path = g_build_filename (root, "builtin", NULL);
  fixture->user_path = g_build_filename (root, "user", NULL);
  g_assert_cmpint (g_mkdir (fixture->builtin_path, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->user_path, 0700), ==, 0);

  write_layout (fixture->builtin_path, "a-rate-limits.json", "rate-limits", "Rate Limits");
  write_layout (fixture->builtin_path, "overview.json", "overview", "Overview");
  write_layout (fixture->builtin_path, "zeta.json", "zeta", "Zeta extras");
  write_layout (fixture->builtin_path, "alpha.json", "extra-alpha", "alpha extras");
  write_file (fixture->builtin_path, "README.txt", "not a layout");

  write_layout (fixture->user_path, "cherry.json", "cherry", "cherry");
  write_layout (fixture->user_path, "banana.json", "banana", "Banana");
  write_layout (fixture->user_path, "apple.json", "apple", "apple");

  fixture->builtin_dir = g_file_new_for_path (fixture->builtin_path);
  fixture->user_dir = g_file_new_for_path (fixture->user_path);
  fixture->library = tally_dashboard_library_new (fixture->builtin_dir, fixture->user_dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->library);
  g_object_unref (fixture->builtin_dir);
  g_object_unref (fixture->user_dir);
  g_chmod (fixture->user_path, 0700);
  g_free (fixture->builtin_path);
  g_free (fixture->user_path);
}

static void
load (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_dashboard_library_load (fixture->library, NULL, &error));
  g_assert_no_error (error);
}

/* The titles of the list, in order, one string. */
static char *
titles (TallyDashboardLibrary *library)
{
  GListModel *model = G_LIST_MODEL (library);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TallyDashboard) dashboard = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s", i ? ", " : "", tally_dashboard_get_title (dashboard));
    }

  return g_string_free (out, FALSE);
}

typedef struct
{
  guint count;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *changed)
{
  changed->count++;
  changed->position = position;
  changed->removed = removed;
  changed->added = added;
}

static void
assert_items_changed (const ItemsChanged *changed,
                      guint               count,
                      guint               position,
                      guint               removed,
                      guint               added)
{
  g_assert_cmpuint (changed->count, ==, count);
  g_assert_cmpuint (changed->position, ==, position);
  g_assert_cmpuint (changed->removed, ==, removed);
  g_assert_cmpuint (changed->added, ==, added);
}

/* Built-ins first (the known ones in their fixed order, then by title),
 * then the user's by title whatever the case; one items-changed per
 * load, a reload replacing everything. */
static void
test_library_order (Fixture       *fixture,
                    gconstpointer  data)
{
  ItemsChanged changed = { 0 };
  g_autofree char *order = NULL;
  g_autofree char *reloaded = NULL;

  g_signal_connect (fixture->library, "items-changed", G_CALLBACK (items_changed_cb), &changed);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->library)) ==
                 TALLY_TYPE_DASHBOARD);
  load (fixture);
  assert_items_changed (&changed, 1, 0, 0, 7);
  order = titles (fixture->library);
  g_assert_cmpstr (order, ==,
                   "Overview, Rate Limits, alpha extras, Zeta extras, apple, Banana, cherry");
  g_assert_cmpstrv (tally_dashboard_library_get_problems (fixture->library),
                    ((const char *[]) { NULL }));

  g_assert_true (tally_dashboard_library_is_builtin (fixture->library,
                                                     tally_dashboard_library_find (fixture->library,
                                                                                   "overview")));
  g_assert_false (tally_dashboard_library_is_builtin (fixture->library,
                                                      tally_dashboard_library_find (fixture->library,
                                                                                    "apple")));
  g_assert_null (tally_dashboard_library_find (fixture->library, "durian"));

  load (fixture);
  assert_items_changed (&changed, 2, 0, 7, 7);
  reloaded = titles (fixture->library);
  g_assert_cmpstr (reloaded, ==, order);
}

/* A retitled user dashboard moves to its new place, in one items-changed
 * over the rows between. */
static void
test_library_keeps_order (Fixture       *fixture,
                          gconstpointer  data)
{
  ItemsChanged changed = { 0 };
  g_autofree char *after = NULL;
  g_autofree char *back = NULL;
  TallyDashboard *apple;

  load (fixture);
  g_signal_connect (fixture->library, "items-changed", G_CALLBACK (items_changed_cb), &changed);
  apple = tally_dashboard_library_find (fixture->library, "apple");

  tally_dashboard_set_title (apple, "Zucchini");
  assert_items_changed (&changed, 1, 4, 3, 3);
  after = titles (fixture->library);
  g_assert_cmpstr (after, ==,
                   "Overview, Rate Limits, alpha extras, Zeta extras, Banana, cherry, Zucchini");

  /* A new title that sorts to the same place changes no row. */
  tally_dashboard_set_title (apple, "Zucchinis");
  g_assert_cmpuint (changed.count, ==, 1);

  tally_dashboard_set_title (apple, "Apple");
  assert_items_changed (&changed, 2, 4, 3, 3);
  back = titles (fixture->library);
  g_assert_cmpstr (back, ==,
                   "Overview, Rate Limits, alpha extras, Zeta extras, Apple, Banana, cherry");
}

/* Loading goes past every file it cannot use: each is reported, named,
 * and left on disk as it was. */
static void
test_library_bad_files (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *user = fixture->user_path;
  g_autofree char *order = NULL;
  g_autofree char *locked_path = g_build_filename (user, "locked.json", NULL);
  g_autofree char *broken = NULL;
  g_autofree char *invalid = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *subdir = g_build_filename (user, "folder.json", NULL);
  const char * const *problems;
  g_autofree char *expected_0 = NULL;
  g_autofree char *expected_2 = NULL;
  g_autofree char *expected_3 = NULL;
  g_autofree char *expected_4 = NULL;

  write_file (user, "broken.json", "{ \"format\": \"tally-dash");
  write_file (user, "invalid.json", "{\"format\":\"tally-dashboard\",\"version\":1,\"title\":\"\"}");
  write_layout (user, "locked.json", "locked", "Locked");
  write_layout (user, "overview.json", "overview", "My overview");
  write_layout (user, "My Board.json", "my-board", "My board");
  write_layout (user, ".hidden.json", "hidden", "Hidden");
  write_file (user, "notes.txt", "not a layout");
  g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (locked_path, 0), ==, 0);

  obey_permissions ();
  load (fixture);
  regain_powers ();

  order = titles (fixture->library);
  g_assert_cmpstr (order, ==,
                   "Overview, Rate Limits, alpha extras, Zeta extras, apple, Banana, cherry");
  problems = tally_dashboard_library_get_problems (fixture->library);
  g_assert_cmpuint (g_strv_length ((char **) problems), ==, 5);
  expected_0 = g_strdup_printf ("%s/My Board.json: not loaded: a dashboard’s file is named after "
                                "its uid, which holds only letters, digits, '_', '-' and '.'", user);
  g_assert_cmpstr (problems[0], ==, expected_0);
  g_assert_true (g_str_has_prefix (problems[1], user));
  g_assert_nonnull (strstr (problems[1], "/broken.json: not valid JSON: "));
  expected_2 = g_strdup_printf ("%s/invalid.json: title: required: a dashboard needs a title",
                                user);
  g_assert_cmpstr (problems[2], ==, expected_2);
  expected_3 = g_strdup_printf ("%s/locked.json: cannot be read: permission denied", user);
  g_assert_cmpstr (problems[3], ==, expected_3);
  expected_4 = g_strdup_printf ("%s/overview.json: not loaded: “overview” is the uid of a "
                                "built-in dashboard; rename the file", user);
  g_assert_cmpstr (problems[4], ==, expected_4);

  /* Untouched. */
  broken = read_file (user, "broken.json");
  g_assert_cmpstr (broken, ==, "{ \"format\": \"tally-dash");
  invalid = read_file (user, "invalid.json");
  g_assert_cmpstr (invalid, ==, "{\"format\":\"tally-dashboard\",\"version\":1,\"title\":\"\"}");
  g_assert_cmpint (g_chmod (locked_path, 0600), ==, 0);
  locked = read_file (user, "locked.json");
  g_assert_true (g_str_has_prefix (locked, "{\"format\":\"tally-dashboard\""));
}

/* A user dashboard's uid is its file's name, whatever the layout inside
 * says (a file copied by hand). */
static void
test_library_file_name_is_uid (Fixture       *fixture,
                               gconstpointer  data)
{
  TallyDashboard *copied;

  write_layout (fixture->user_path, "copied.json", "apple", "Apple, copied");
  load (fixture);
  copied = tally_dashboard_library_find (fixture->library, "copied");
  g_assert_nonnull (copied);
  g_assert_cmpstr (tally_dashboard_get_title (copied), ==, "Apple, copied");
  g_assert_cmpstr (tally_dashboard_get_title (tally_dashboard_library_find (fixture->library,
                                                                            "apple")), ==, "apple");
}

/* Saving writes exactly the layout the dashboard writes; a new dashboard
 * gets a uid from its title, its file and its place in the list; a
 * built-in is refused. */
static void
test_library_save (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TallyDashboard) fresh = tally_dashboard_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;
  ItemsChanged changed = { 0 };
  TallyDashboard *cherry;

  load (fixture);
  g_signal_connect (fixture->library, "items-changed", G_CALLBACK (items_changed_cb), &changed);
  cherry = tally_dashboard_library_find (fixture->library, "cherry");
  tally_dashboard_set_description (cherry, "Stone fruit");
  g_assert_true (tally_dashboard_library_save (fixture->library, cherry, &error));
  g_assert_no_error (error);
  assert_file_is_layout (fixture->user_path, "cherry.json", cherry);
  g_assert_cmpuint (changed.count, ==, 0);

  tally_dashboard_set_title (fresh, "Fresh Ideas");
  g_assert_true (tally_dashboard_library_save (fixture->library, fresh, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tally_dashboard_get_uid (fresh), ==, "fresh-ideas");
  assert_file_is_layout (fixture->user_path, "fresh-ideas.json", fresh);
  assert_items_changed (&changed, 1, 7, 0, 1);
  order = titles (fixture->library);
  g_assert_cmpstr (order, ==, "Overview, Rate Limits, alpha extras, Zeta extras, apple, Banana, "
                              "cherry, Fresh Ideas");

  g_assert_false (tally_dashboard_library_save (fixture->library,
                                                tally_dashboard_library_find (fixture->library,
                                                                              "overview"),
                                                &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "“Overview” is a built-in dashboard and cannot be changed: "
                                       "duplicate it to edit a copy");
}

/* Duplicating a built-in gives an editable user copy of its own, saved
 * byte for byte; a second copy gets the next free uid. */
static void
test_library_duplicate (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TallyDashboard) copy = NULL;
  g_autoptr(TallyDashboard) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *files = NULL;
  TallyDashboard *overview;

  write_file (fixture->builtin_path, "overview.json",
              "{\"format\":\"tally-dashboard\",\"version\":1,\"uid\":\"overview\","
              "\"title\":\"Overview\",\"editable\":false,\"x-note\":\"kept\",\"panels\":[]}");
  load (fixture);
  overview = tally_dashboard_library_find (fixture->library, "overview");

  copy = tally_dashboard_library_duplicate (fixture->library, overview, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tally_dashboard_get_uid (copy), ==, "overview-copy");
  g_assert_cmpstr (tally_dashboard_get_title (copy), ==, "Copy of Overview");
  g_assert_true (tally_dashboard_get_editable (copy));
  g_assert_false (tally_dashboard_library_is_builtin (fixture->library, copy));
  g_assert_true (tally_dashboard_library_find (fixture->library, "overview-copy") == copy);
  /* The original is as it was. */
  g_assert_cmpstr (tally_dashboard_get_title (overview), ==, "Overview");
  g_assert_false (tally_dashboard_get_editable (overview));

  assert_file_is_layout (fixture->user_path, "overview-copy.json", copy);
  written = read_file (fixture->user_path, "overview-copy.json");
  g_assert_nonnull (strstr (written, "\"x-note\": \"kept\""));

  second = tally_dashboard_library_duplicate (fixture->library, overview, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tally_dashboard_get_uid (second), ==, "overview-copy-2");
  files = list_dir (fixture->user_path);
  g_assert_cmpstr (files, ==, "apple.json banana.json cherry.json overview-copy-2.json "
                              "overview-copy.json");
}

/* An import gets a uid of its own when its uid is taken, by a dashboard
 * of the list or by a file of the folder that could not be loaded (which
 * stays as it was); a bad layout is refused with every problem and
 * writes nothing. */
static void
test_library_import (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *shared = g_strdup_printf (LAYOUT, "apple", "Shared apple");
  g_autofree char *other = g_strdup_printf (LAYOUT, "broken", "Shared broken");
  g_autoptr(TallyDashboard) imported = NULL;
  g_autoptr(TallyDashboard) second = NULL;
  g_autoptr(TallyDashboard) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  write_file (fixture->user_path, "broken.json", "not json");
  load (fixture);

  imported = tally_dashboard_library_import_data (fixture->library, shared, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tally_dashboard_get_uid (imported), ==, "apple-2");
  assert_file_is_layout (fixture->user_path, "apple-2.json", imported);

  second = tally_dashboard_library_import_data (fixture->library, other, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tally_dashboard_get_uid (second), ==, "broken-2");
  broken = read_file (fixture->user_path, "broken.json");
  g_assert_cmpstr (broken, ==, "not json");

  before = list_dir (fixture->user_path);
  refused = tally_dashboard_library_import_data (fixture->library,
                                                 "{\"format\":\"tally-dashboard\",\"version\":1,"
                                                 "\"title\":\"\",\"refresh\":\"1s\"}", -1, &error);
  g_assert_null (refused);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "title: required: a dashboard needs a title\n"
                                       "refresh: must be at least 5s (or “off”)");
  after = list_dir (fixture->user_path);
  g_assert_cmpstr (after, ==, before);
}

/* Removing deletes the file and the row and gives back the layout;
 * importing it again ("Undo") brings back the same uid, file and row. */
static void
test_library_remove (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TallyDashboard) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *written = NULL;
  g_autofree char *order = NULL;
  g_autoptr(TallyDashboard) banana = NULL;
  ItemsChanged changed = { 0 };
  gsize length = 0;

  load (fixture);
  g_signal_connect (fixture->library, "items-changed", G_CALLBACK (items_changed_cb), &changed);
  banana = g_object_ref (tally_dashboard_library_find (fixture->library, "banana"));
  expected = tally_dashboard_to_data (banana, NULL);

  removed = tally_dashboard_library_remove (fixture->library, banana, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (removed, ==, expected);
  g_assert_cmpuint (length, ==, strlen (expected));
  g_assert_null (read_file (fixture->user_path, "banana.json"));
  g_assert_null (tally_dashboard_library_find (fixture->library, "banana"));
  assert_items_changed (&changed, 1, 5, 1, 0);

  restored = tally_dashboard_library_import_data (fixture->library, removed, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tally_dashboard_get_uid (restored), ==, "banana");
  written = read_file (fixture->user_path, "banana.json");
  g_assert_cmpstr (written, ==, expected);
  assert_items_changed (&changed, 2, 5, 0, 1);
  order = titles (fixture->library);
  g_assert_cmpstr (order, ==,
                   "Overview, Rate Limits, alpha extras, Zeta extras, apple, Banana, cherry");

  g_assert_null (tally_dashboard_library_remove (fixture->library,
                                                 tally_dashboard_library_find (fixture->library,
                                                                               "rate-limits"),
                                                 NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "“Rate Limits” is a built-in dashboard and cannot be removed");
  g_clear_error (&error);
  g_assert_null (tally_dashboard_library_remove (fixture->library, banana, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND);
}

/* A folder that cannot be written: saving gives a clear error and leaves
 * no file, whole or partial; the old file, the list and the new
 * dashboard's uid stay as they were; removing fails the same way. */
static void
test_library_read_only_folder (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(TallyDashboard) fresh = tally_dashboard_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *cherry_before = NULL;
  g_autofree char *cherry_after = NULL;
  g_autofree char *prefix = NULL;
  ItemsChanged changed = { 0 };
  TallyDashboard *cherry;

  load (fixture);
  g_signal_connect (fixture->library, "items-changed", G_CALLBACK (items_changed_cb), &changed);
  before = list_dir (fixture->user_path);
  cherry_before = read_file (fixture->user_path, "cherry.json");
  cherry = tally_dashboard_library_find (fixture->library, "cherry");
  tally_dashboard_set_title (fresh, "Fresh");
  tally_dashboard_set_description (cherry, "changed");
  g_assert_cmpint (g_chmod (fixture->user_path, 0500), ==, 0);

  obey_permissions ();
  g_assert_false (tally_dashboard_library_save (fixture->library, fresh, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_IO);
  prefix = g_strdup_printf ("Cannot save the dashboard to %s/fresh.json: ", fixture->user_path);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, "Permission denied"));
  g_clear_error (&error);
  g_assert_false (tally_dashboard_library_save (fixture->library, cherry, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_IO);
  g_clear_error (&error);
  g_assert_null (tally_dashboard_library_remove (fixture->library, cherry, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "Cannot remove "));
  regain_powers ();

  after = list_dir (fixture->user_path);
  g_assert_cmpstr (after, ==, before);
  cherry_after = read_file (fixture->user_path, "cherry.json");
  g_assert_cmpstr (cherry_after, ==, cherry_before);
  g_assert_cmpstr (tally_dashboard_get_uid (fresh), ==, "");
  g_assert_cmpuint (changed.count, ==, 0);
  g_assert_true (tally_dashboard_library_find (fixture->library, "cherry") == cherry);
}

/* Saving into a folder that does not exist yet creates it. */
static void
test_library_creates_folder (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *nested = g_build_filename (fixture->user_path, "a", "b", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (nested);
  g_autoptr(TallyDashboardLibrary) library = tally_dashboard_library_new (fixture->builtin_dir, dir);
  g_autoptr(TallyDashboard) fresh = tally_dashboard_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_dashboard_library_load (library, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 4);
  tally_dashboard_set_title (fresh, "Nested");
  g_assert_true (tally_dashboard_library_save (library, fresh, &error));
  g_assert_no_error (error);
  assert_file_is_layout (nested, "nested.json", fresh);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_dashboard_library_load_finish (TALLY_DASHBOARD_LIBRARY (object), result,
                                                      &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The window's way: the files are read in a worker thread, the list
 * changes on the main thread. */
static void
test_library_load_async (Fixture       *fixture,
                         gconstpointer  data)
{
  ItemsChanged changed = { 0 };
  g_autofree char *order = NULL;
  const char * const *problems;
  gboolean done = FALSE;

  write_file (fixture->user_path, "broken.json", "[");
  g_signal_connect (fixture->library, "items-changed", G_CALLBACK (items_changed_cb), &changed);
  tally_dashboard_library_load_async (fixture->library, NULL, loaded_cb, &done);
  g_assert_cmpuint (changed.count, ==, 0);
  g_assert_true (tally_test_wait_until (is_true, &done, 10000));
  assert_items_changed (&changed, 1, 0, 0, 7);
  order = titles (fixture->library);
  g_assert_cmpstr (order, ==,
                   "Overview, Rate Limits, alpha extras, Zeta extras, apple, Banana, cherry");
  problems = tally_dashboard_library_get_problems (fixture->library);
  g_assert_cmpuint (g_strv_length ((char **) problems), ==, 1);
}

/* A cancelled load changes nothing. */
static void
test_library_load_cancelled (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (tally_dashboard_library_load (fixture->library, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->library)), ==, 0);
}

/* The application's own: the built-ins from its resources (whatever they
 * hold: each must load without a problem, the known ones first in their
 * order) and the user's folder under $XDG_DATA_HOME. */
static void
test_library_defaults (void)
{
  static const char *known[] = {
    "overview", "models", "projects", "development-monitoring", "production-monitoring",
    "cost-optimization", "rate-limits", "voice-agents", "speech-api",
  };
  g_autoptr(TallyDashboardLibrary) library = tally_dashboard_library_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "tally", "dashboards", NULL);
  g_autofree char *path = g_file_get_path (tally_dashboard_library_get_user_dir (library));
  GListModel *model = G_LIST_MODEL (library);
  guint last = 0;

  g_assert_cmpstr (path, ==, expected);
  g_assert_true (tally_dashboard_library_load (library, NULL, &error));
  g_assert_cmpstrv (tally_dashboard_library_get_problems (library), ((const char *[]) { NULL }));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TallyDashboard) dashboard = g_list_model_get_item (model, i);
      guint rank = G_N_ELEMENTS (known);

      g_assert_true (tally_dashboard_library_is_builtin (library, dashboard));
      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        rank = g_str_equal (known[k], tally_dashboard_get_uid (dashboard)) ? k : rank;
      g_assert_cmpuint (rank, >=, last);
      last = rank;
    }
}

/* Every word, anywhere in the title, description or tags, whatever the
 * case and accents. */
static void
test_library_matches (void)
{
  g_autoptr(TallyDashboard) dashboard = tally_dashboard_new ();
  struct
  {
    const char *search;
    gboolean    matches;
  } cases[] = {
    { "", TRUE },
    { "   ", TRUE },
    { "cafe", TRUE },
    { "CAFÉ", TRUE },
    { "usage café", TRUE },
    { "sage", TRUE },
    { "equipe", TRUE },
    { "strasse", TRUE },
    { "voice PROD", TRUE },
    { "usage spending voice", TRUE },
    { "voice missing", FALSE },
    { "gpu", FALSE },
    { "usagespending", FALSE },
  };

  tally_dashboard_set_title (dashboard, "Café Usage");
  tally_dashboard_set_description (dashboard, "Spending per équipe, Straße 5");
  tally_dashboard_set_tags (dashboard, (const char *[]) { "production", "Voice", NULL });

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("search “%s”", cases[i].search);
      g_assert_cmpint (tally_dashboard_library_matches (dashboard, cases[i].search), ==,
                       cases[i].matches);
    }
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/tally/dashboard-library/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("order", test_library_order);
  ADD ("keeps-order", test_library_keeps_order);
  ADD ("bad-files", test_library_bad_files);
  ADD ("file-name-is-uid", test_library_file_name_is_uid);
  ADD ("save", test_library_save);
  ADD ("duplicate", test_library_duplicate);
  ADD ("import", test_library_import);
  ADD ("remove", test_library_remove);
  ADD ("read-only-folder", test_library_read_only_folder);
  ADD ("creates-folder", test_library_creates_folder);
  ADD ("load-async", test_library_load_async);
  ADD ("load-cancelled", test_library_load_cancelled);
#undef ADD
  g_test_add_func ("/tally/dashboard-library/defaults", test_library_defaults);
  g_test_add_func ("/tally/dashboard-library/matches", test_library_matches);

  return g_test_run ();
}
