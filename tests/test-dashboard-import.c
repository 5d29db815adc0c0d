/* test-dashboard-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Shared layouts on their way into the library, on real files: every
 * malformed input (bad JSON, a bad gridPos, a newer version, too big, a
 * missing file, a credential) gives an error naming the file and the
 * JSON path and rule, and leaves the library and its folder exactly as
 * they were; a good layout lands byte for byte; a taken uid is kept
 * beside or replaced as asked. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tally-dashboard-import.h"
#include "tally-error.h"
#include "tally-test-utils.h"

#define LAYOUT "{\"format\":\"tally-dashboard\",\"version\":1,\"uid\":\"%s\",\"title\":\"%s\"," \
               "\"source\":\"%s\",\"panels\":[{\"id\":1,\"type\":\"stat\"," \
               "\"gridPos\":{\"x\":0,\"y\":0,\"w\":%d,\"h\":4}," \
               "\"query\":{\"metric\":\"requests\",\"stat\":\"sum\"}}]}\n"

typedef struct
{
  char                  *tmp;
  char                  *user_path;
  TallyDashboardLibrary *library;
} Fixture;

static void
write_layout (const char *dir,
              const char *name,
              const char *uid,
              const char *title,
              int         w)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = g_strdup_printf (LAYOUT, uid, title, "local", w);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *builtin_path = NULL;
  g_autoptr(GFile) builtin_dir = NULL;
  g_autoptr(GFile) user_dir = NULL;

  f->tmp = tally_test_make_tmp_dir ();
  builtin_path = g_build_filename (f->tmp, "builtin", NULL);
  f->user_path = g_build_filename (f->tmp, "user", NULL);
  g_assert_cmpint (g_mkdir (builtin_path, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (f->user_path, 0755), ==, 0);
  write_layout (builtin_path, "overview.json", "overview", "Overview", 6);
  write_layout (f->user_path, "team.json", "team", "Team", 6);

  builtin_dir = g_file_new_for_path (builtin_path);
  user_dir = g_file_new_for_path (f->user_path);
  f->library = tally_dashboard_library_new (builtin_dir, user_dir);
  g_assert_true (tally_dashboard_library_load (f->library, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->library);
  g_free (f->user_path);
  g_free (f->tmp);
}

/* The library's uids in order, then every file of the user's folder with
 * its contents: what must not change when an import fails. */
static char *
snapshot (Fixture *f)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GDir) dir = g_dir_open (f->user_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->library)); i++)
    {
      g_autoptr(TallyDashboard) d = g_list_model_get_item (G_LIST_MODEL (f->library), i);

      g_string_append_printf (out, "%s:%s ", tally_dashboard_get_uid (d),
                              tally_dashboard_get_title (d));
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (f->user_path, names->pdata[i], NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_string_append_printf (out, "\n%s\n%s", (char *) names->pdata[i], contents);
    }

  return g_string_free (out, FALSE);
}

/* Reads @path through the asynchronous path the window uses. */
static TallyDashboard *
read_file (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  tally_dashboard_import_read_async (file, NULL, tally_test_result_cb, &pending);
  result = tally_test_wait_result (&pending);

  return tally_dashboard_import_finish (result, error);
}

/* Writes @contents to @name in the test's folder and reads it back,
 * expecting an error whose every line starts with the name. */
static GError *
read_bad (Fixture    *f,
          const char *name,
          const char *contents,
          gssize      length)
{
  g_autofree char *path = g_build_filename (f->tmp, name, NULL);
  g_autofree char *prefix = g_strconcat (name, ": ", NULL);
  g_autoptr(TallyDashboard) dashboard = NULL;
  g_auto(GStrv) lines = NULL;
  GError *error = NULL;

  if (contents != NULL)
    g_assert_true (g_file_set_contents (path, contents, length, NULL));
  dashboard = read_file (path, &error);
  g_assert_null (dashboard);
  g_assert_nonnull (error);

  lines = g_strsplit (error->message, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (lines[i], prefix));

  return error;
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = snapshot (f);
  g_autofree char *bad_grid = g_strdup_printf (LAYOUT, "grid", "Grid", "local", 30);
  g_autofree char *newer = g_strdup_printf ("{\"format\":\"tally-dashboard\",\"version\":2,"
                                            "\"uid\":\"n\",\"title\":\"N\",\"panels\":[]}");
  g_autofree char *secret = g_strdup_printf (LAYOUT, "s", "sk-abcdefghijklmnopqrstuvwxyz",
                                             "local", 6);
  g_autofree char *huge = g_malloc (TALLY_DASHBOARD_IMPORT_MAX_SIZE + 10);
  g_autofree char *after = NULL;
  GError *error;

  error = read_bad (f, "broken.tally.json", "{\"format\": \"tally-dashboard\", ", -1);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "broken.tally.json: not valid JSON"));
  g_clear_error (&error);

  error = read_bad (f, "grid.tally.json", bad_grid, -1);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "grid.tally.json: panels[0].gridPos.w: must be 1..24"));
  g_clear_error (&error);

  error = read_bad (f, "newer.tally.json", newer, -1);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NEWER_VERSION);
  g_assert_true (g_str_has_prefix (error->message, "newer.tally.json: version: this layout is "
                                                   "version 2"));
  g_clear_error (&error);

  error = read_bad (f, "secret.tally.json", secret, -1);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "secret.tally.json: title: looks like a key"));
  g_clear_error (&error);

  memset (huge, ' ', TALLY_DASHBOARD_IMPORT_MAX_SIZE + 10);
  error = read_bad (f, "huge.tally.json", huge, TALLY_DASHBOARD_IMPORT_MAX_SIZE + 10);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "larger than 4 MiB"));
  g_clear_error (&error);

  error = read_bad (f, "missing.tally.json", NULL, 0);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "missing.tally.json: there is no such file");
  g_clear_error (&error);

  error = read_bad (f, "empty.tally.json", "", 0);
  g_assert_cmpstr (error->message, ==, "empty.tally.json: the file is empty");
  g_clear_error (&error);

  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

/* A layout exactly at the limit is read; one byte more is not. */
static void
test_size_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *layout = g_strdup_printf (LAYOUT, "big", "Big", "local", 6);
  gsize size = TALLY_DASHBOARD_IMPORT_MAX_SIZE;
  g_autofree char *padded = g_malloc (size + 1);
  g_autoptr(GBytes) fits = NULL;
  g_autoptr(GBytes) over = NULL;
  g_autoptr(TallyDashboard) dashboard = NULL;
  g_autoptr(GError) error = NULL;

  memset (padded, ' ', size + 1);
  memcpy (padded, layout, strlen (layout));
  fits = g_bytes_new (padded, size);
  over = g_bytes_new (padded, size + 1);

  dashboard = tally_dashboard_import_parse ("Clipboard", fits, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tally_dashboard_get_uid (dashboard), ==, "big");
  g_assert_null (tally_dashboard_import_parse ("Clipboard", over, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "Clipboard: "));
}

/* A new uid lands under its own name, the file byte for byte. */
static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmp, "shared.tally.json", NULL);
  g_autofree char *saved_path = g_build_filename (f->user_path, "shared.json", NULL);
  g_autofree char *layout = g_strdup_printf (LAYOUT, "shared", "Shared", "local", 12);
  g_autoptr(TallyDashboard) read = NULL;
  g_autoptr(TallyDashboard) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *saved = NULL;

  g_assert_true (g_file_set_contents (path, layout, -1, NULL));
  read = read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tally_dashboard_import_get_clash (f->library, read), ==,
                   TALLY_DASHBOARD_CLASH_NONE);
  added = tally_dashboard_import_add (f->library, read, TALLY_DASHBOARD_IMPORT_ADD, &error);
  g_assert_no_error (error);
  g_assert_true (added == read);
  g_assert_true (tally_dashboard_library_find (f->library, "shared") == added);

  /* The library's file is the layout as the writer puts it. */
  original = tally_dashboard_to_data (read, NULL);
  g_assert_true (g_file_get_contents (saved_path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, original);
}

static void
test_keep_both (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *layout = g_strdup_printf (LAYOUT, "team", "Team", "local", 12);
  g_autoptr(GBytes) bytes = g_bytes_new (layout, strlen (layout));
  g_autoptr(TallyDashboard) read = tally_dashboard_import_parse ("team.tally.json", bytes, NULL);
  g_autoptr(TallyDashboard) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *team_before = NULL;
  g_autofree char *team_after = NULL;
  g_autofree char *team_path = g_build_filename (f->user_path, "team.json", NULL);
  g_autofree char *copy_path = g_build_filename (f->user_path, "team-2.json", NULL);

  g_assert_true (g_file_get_contents (team_path, &team_before, NULL, NULL));
  g_assert_cmpint (tally_dashboard_import_get_clash (f->library, read), ==,
                   TALLY_DASHBOARD_CLASH_USER);
  added = tally_dashboard_import_add (f->library, read, TALLY_DASHBOARD_IMPORT_KEEP_BOTH, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tally_dashboard_get_uid (added), ==, "team-2");
  g_assert_cmpstr (tally_dashboard_get_title (added), ==, "Team (imported)");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 3);
  g_assert_true (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (team_path, &team_after, NULL, NULL));
  g_assert_cmpstr (team_after, ==, team_before);
}

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *layout = g_strdup_printf (LAYOUT, "team", "Team v2", "local", 18);
  g_autoptr(GBytes) bytes = g_bytes_new (layout, strlen (layout));
  g_autoptr(TallyDashboard) read = tally_dashboard_import_parse ("team.tally.json", bytes, NULL);
  TallyDashboard *existing = tally_dashboard_library_find (f->library, "team");
  g_autoptr(TallyDashboard) replaced = NULL;
  g_autoptr(TallyPanel) panel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *team_path = g_build_filename (f->user_path, "team.json", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *expected = NULL;
  int x, y, w, h;

  replaced = tally_dashboard_import_add (f->library, read, TALLY_DASHBOARD_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_true (replaced == existing);
  g_assert_cmpstr (tally_dashboard_get_title (existing), ==, "Team v2");
  panel = g_list_model_get_item (tally_dashboard_get_panels (existing), 0);
  tally_panel_get_grid (panel, &x, &y, &w, &h);
  g_assert_cmpint (w, ==, 18);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 2);

  expected = tally_dashboard_to_data (read, NULL);
  g_assert_true (g_file_get_contents (team_path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, expected);
}

/* A built-in is never replaced: the import is kept beside it. */
static void
test_builtin_clash (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *before = snapshot (f);
  g_autofree char *layout = g_strdup_printf (LAYOUT, "overview", "Overview", "local", 12);
  g_autoptr(GBytes) bytes = g_bytes_new (layout, strlen (layout));
  g_autoptr(TallyDashboard) read = tally_dashboard_import_parse ("o.tally.json", bytes, NULL);
  g_autoptr(TallyDashboard) refused = NULL;
  g_autoptr(TallyDashboard) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (tally_dashboard_import_get_clash (f->library, read), ==,
                   TALLY_DASHBOARD_CLASH_BUILTIN);
  refused = tally_dashboard_import_add (f->library, read, TALLY_DASHBOARD_IMPORT_REPLACE, &error);
  g_assert_null (refused);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  added = tally_dashboard_import_add (f->library, read, TALLY_DASHBOARD_IMPORT_KEEP_BOTH, NULL);
  g_assert_cmpstr (tally_dashboard_get_uid (added), ==, "overview-2");
  g_assert_cmpstr (tally_dashboard_get_title (added), ==, "Overview (imported)");
}

static void
test_source_known (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *layout = g_strdup_printf (LAYOUT, "p", "P", "prod-prometheus", 6);
  g_autoptr(GBytes) bytes = g_bytes_new (layout, strlen (layout));
  g_autoptr(TallyDashboard) read = tally_dashboard_import_parse ("p.tally.json", bytes, NULL);
  const char * const both[] = { "local", "prod-prometheus", NULL };

  g_assert_false (tally_dashboard_import_source_known (read, NULL));
  g_assert_true (tally_dashboard_import_source_known (read, both));
  tally_dashboard_set_source (read, "local");
  g_assert_true (tally_dashboard_import_source_known (read, NULL));
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/tally/dashboard-import/malformed", test_malformed);
  ADD ("/tally/dashboard-import/size-limit", test_size_limit);
  ADD ("/tally/dashboard-import/add", test_add);
  ADD ("/tally/dashboard-import/keep-both", test_keep_both);
  ADD ("/tally/dashboard-import/replace", test_replace);
  ADD ("/tally/dashboard-import/builtin-clash", test_builtin_clash);
  ADD ("/tally/dashboard-import/source-known", test_source_known);
#undef ADD

  return g_test_run ();
}
