/* test-dashboard-share.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Sharing dashboards under Xvfb, on real files and the real clipboard:
 * export then import gives the same bytes; the export dialog suggests a
 * safe name, writes the file and says a refusal in a toast; failures are
 * listed together in one dialog naming each file; a taken uid is
 * replaced or kept beside as the dialog is answered; an unknown source
 * is asked for and written; a drop of files or text imports; copy then
 * paste gives the layout back. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tally-dashboard-share-private.h"
#include "tally-test-gui.h"

#define LAYOUT "{\"format\":\"tally-dashboard\",\"version\":1,\"uid\":\"%s\",\"title\":\"%s\"," \
               "\"description\":\"Spend by team\",\"tags\":[\"finance\"],\"source\":\"%s\"," \
               "\"time\":{\"from\":\"now-7d\",\"to\":\"now\"},\"x-note\":{\"kept\":true}," \
               "\"panels\":[{\"id\":1,\"type\":\"stat\",\"title\":\"Cost\"," \
               "\"gridPos\":{\"x\":0,\"y\":0,\"w\":%d,\"h\":4}," \
               "\"query\":{\"metric\":\"cost\",\"stat\":\"sum\"}}]}\n"

typedef struct
{
  char                  *tmp;
  char                  *user_path;
  TallyDashboardLibrary *library;
  GAsyncResult          *result;
  GPtrArray             *dropped;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *builtin_path = NULL;
  g_autofree char *team = NULL;
  g_autofree char *team_path = NULL;
  g_autoptr(GFile) builtin_dir = NULL;
  g_autoptr(GFile) user_dir = NULL;

  f->tmp = tally_test_make_tmp_dir ();
  builtin_path = g_build_filename (f->tmp, "builtin", NULL);
  f->user_path = g_build_filename (f->tmp, "user", NULL);
  g_assert_cmpint (g_mkdir (builtin_path, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (f->user_path, 0755), ==, 0);
  team = g_strdup_printf (LAYOUT, "team", "Team", "local", 6);
  team_path = g_build_filename (f->user_path, "team.json", NULL);
  g_assert_true (g_file_set_contents (team_path, team, -1, NULL));

  builtin_dir = g_file_new_for_path (builtin_path);
  user_dir = g_file_new_for_path (f->user_path);
  f->library = tally_dashboard_library_new (builtin_dir, user_dir);
  g_assert_true (tally_dashboard_library_load (f->library, NULL, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = tally_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  tally_test_drain ();
  g_clear_object (&f->result);
  g_clear_pointer (&f->dropped, g_ptr_array_unref);
  g_assert_finalize_object (f->library);
  g_free (f->user_path);
  g_free (f->tmp);
}

static char *
write_temp (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->tmp, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *
read_path (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* The import's dashboards once it is done. */
static GPtrArray *
wait_imported (Fixture *f)
{
  g_autoptr(GAsyncResult) result = tally_test_wait_result (&f->result);
  g_autoptr(GError) error = NULL;
  GPtrArray *imported = tally_dashboard_share_import_finish (result, &error);

  g_assert_no_error (error);
  return imported;
}

static void
import_paths (Fixture            *f,
              const char * const *source_names,
              const char * const *paths)
{
  GList *files = NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    files = g_list_append (files, g_file_new_for_path (paths[i]));
  tally_dashboard_share_import_files_async (NULL, f->library, source_names, files, NULL,
                                            tally_test_result_cb, &f->result);
  g_list_free_full (files, g_object_unref);
}

/* Export, then import into a library that lacks the uid: the library's
 * file is the exported one, byte for byte, and the exported file is the
 * layout as the library writes it, unknown keys and all. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *layout = g_strdup_printf (LAYOUT, "spend", "Spend", "local", 12);
  g_autoptr(TallyDashboard) dashboard = tally_dashboard_new_from_data (layout, -1, NULL);
  g_autofree char *path = g_build_filename (f->tmp, "Spend.tally.json", NULL);
  g_autofree char *saved_path = g_build_filename (f->user_path, "spend.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *expected = tally_dashboard_to_data (dashboard, NULL);
  g_auto(GStrv) problems = NULL;
  const char *paths[] = { path, NULL };

  g_assert_true (tally_dashboard_share_export_to_file (dashboard, file, &error));
  g_assert_no_error (error);
  exported = read_path (path);
  g_assert_cmpstr (exported, ==, expected);
  g_assert_nonnull (strstr (exported, "x-note"));
  problems = tally_dashboard_check_data (exported, -1);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);

  import_paths (f, NULL, paths);
  imported = wait_imported (f);
  g_assert_cmpuint (imported->len, ==, 1);
  g_assert_cmpstr (tally_dashboard_get_uid (imported->pdata[0]), ==, "spend");
  g_assert_true (tally_dashboard_library_find (f->library, "spend") == imported->pdata[0]);
  saved = read_path (saved_path);
  g_assert_cmpstr (saved, ==, exported);
  g_assert_null (tally_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* A credential typed into a layout never leaves in a file, and a failed
 * write leaves the old file whole. */
static void
test_export_refuses (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *layout = g_strdup_printf (LAYOUT, "spend", "Spend", "local", 12);
  g_autoptr(TallyDashboard) dashboard = tally_dashboard_new_from_data (layout, -1, NULL);
  g_autofree char *path = write_temp (f, "old.tally.json", "old contents");
  g_autofree char *missing = g_build_filename (f->tmp, "no-such-dir", "x.tally.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) unwritable = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  tally_dashboard_set_description (dashboard, "sk-proj-abcdefghijklmnopqrstuvwxyz0123");
  g_assert_false (tally_dashboard_share_export_to_file (dashboard, file, &error));
  g_assert_nonnull (strstr (error->message, "description: looks like a key"));
  after = read_path (path);
  g_assert_cmpstr (after, ==, "old contents");
  g_clear_error (&error);

  tally_dashboard_set_description (dashboard, "");
  g_assert_false (tally_dashboard_share_export_to_file (dashboard, unwritable, &error));
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_file_name (void)
{
  g_autofree char *plain = tally_dashboard_share_file_name ("Prod: EU/US", "Dashboard",
                                                            ".tally.json");
  g_autofree char *dots = tally_dashboard_share_file_name ("..hidden", "Dashboard", ".png");
  g_autofree char *empty = tally_dashboard_share_file_name ("  ", "Dashboard", ".tally.json");
  g_autofree char *title = g_strnfill (300, 'a');
  g_autofree char *longer = NULL;

  g_assert_cmpstr (plain, ==, "Prod- EU-US.tally.json");
  g_assert_cmpstr (dots, ==, "hidden.png");
  g_assert_cmpstr (empty, ==, "Dashboard.tally.json");
  /* "é" is two bytes: the cut falls between characters, not inside one. */
  memcpy (title + 199, "é", 2);
  longer = tally_dashboard_share_file_name (title, "Dashboard", ".tally.json");
  g_assert_cmpuint (strlen (longer), ==, 199 + strlen (".tally.json"));
  g_assert_true (g_utf8_validate (longer, -1, NULL));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static GtkWidget *
find_toast (GtkWidget *window)
{
  /* libadwaita registers its toast widget with the first toast. */
  GType type = g_type_from_name ("AdwToastWidget");

  return type != 0 ? tally_test_find_descendant (window, type, NULL) : NULL;
}

static gboolean
toast_shown (gpointer data)
{
  return find_toast (data) != NULL;
}

/* Opens the export dialog on @window and accepts it, in @dir. Returns the
 * name the dialog suggested. A save dialog starts in the working folder
 * (GTK 4.8's ignores a folder set once it shows). */
static char *
export_with_dialog (GtkWindow      *window,
                    TallyDashboard *dashboard,
                    const char     *dir)
{
  g_autofree char *cwd = g_get_current_dir ();
  GtkWindow *chooser;
  char *suggested;

  g_assert_cmpint (g_chdir (dir), ==, 0);
  tally_dashboard_share_export (window, dashboard);
  chooser = tally_test_wait_file_chooser ();
  g_assert_true (gtk_window_get_transient_for (chooser) == window);
  suggested = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  tally_test_wait_chooser_file (chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  return suggested;
}

/* The whole way a user goes: the dialog suggests "TITLE.tally.json" and
 * writes there; a refused layout is said in a toast on the window. */
static void
test_export_dialog (Fixture       *f,
                    gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  TallyDashboard *team = tally_dashboard_library_find (f->library, "team");
  g_autofree char *written = g_build_filename (f->tmp, "Team.tally.json", NULL);
  g_autofree char *refused_dir = g_build_filename (f->tmp, "refused", NULL);
  g_autofree char *refused = g_build_filename (refused_dir, "Team.tally.json", NULL);
  g_autofree char *suggested = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = tally_dashboard_to_data (team, NULL);
  GtkWidget *label;

  gtk_window_set_child (window, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_box_append (GTK_BOX (gtk_window_get_child (window)), GTK_WIDGET (overlay));
  adw_toast_overlay_set_child (overlay, gtk_label_new ("dashboard"));
  gtk_window_present (window);
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (window)));

  suggested = export_with_dialog (window, team, f->tmp);
  g_assert_cmpstr (suggested, ==, "Team.tally.json");
  g_assert_true (tally_test_wait_until (file_exists, written, 10000));
  contents = read_path (written);
  g_assert_cmpstr (contents, ==, expected);
  g_assert_null (find_toast (GTK_WIDGET (window)));

  /* In a folder of its own: the dialog would ask before replacing. */
  g_clear_pointer (&suggested, g_free);
  tally_dashboard_set_description (team, "Bearer abcdefghijklmnop");
  g_assert_cmpint (g_mkdir (refused_dir, 0755), ==, 0);
  suggested = export_with_dialog (window, team, refused_dir);
  g_assert_true (tally_test_wait_until (toast_shown, window, 10000));
  label = tally_test_find_descendant (find_toast (GTK_WIDGET (window)), GTK_TYPE_LABEL, NULL);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)),
                                   "Could not export the layout: The layout of “Team” cannot be "
                                   "shared: description: looks like a key"));
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));

  tally_test_destroy_window (window);
}

/* Three files, two bad: the good one lands, and one dialog lists both
 * failures, each naming its file and the JSON path and rule; the library
 * holds nothing of the bad ones. */
static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *bad_grid = g_strdup_printf (LAYOUT, "grid", "Grid", "local", 30);
  g_autofree char *good = g_strdup_printf (LAYOUT, "good", "Good", "local", 6);
  g_autofree char *grid_path = write_temp (f, "grid.tally.json", bad_grid);
  g_autofree char *good_path = write_temp (f, "good.tally.json", good);
  g_autofree char *missing = g_build_filename (f->tmp, "gone.tally.json", NULL);
  const char *paths[] = { grid_path, missing, good_path, NULL };
  g_autoptr(GPtrArray) imported = NULL;
  AdwMessageDialog *dialog;

  import_paths (f, NULL, paths);
  imported = wait_imported (f);
  g_assert_cmpuint (imported->len, ==, 1);
  g_assert_cmpstr (tally_dashboard_get_uid (imported->pdata[0]), ==, "good");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 2);
  g_assert_null (tally_dashboard_library_find (f->library, "grid"));

  dialog = tally_test_wait_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import the Layouts");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "grid.tally.json: panels[0].gridPos.w: must be 1..24\n"
                   "gone.tally.json: there is no such file");
  tally_test_answer_dialog (dialog, "close");
}

static void
test_clash_replace (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *layout = g_strdup_printf (LAYOUT, "team", "Team", "local", 18);
  g_autofree char *path = write_temp (f, "team.tally.json", layout);
  g_autofree char *team_path = g_build_filename (f->user_path, "team.json", NULL);
  TallyDashboard *team = tally_dashboard_library_find (f->library, "team");
  const char *paths[] = { path, NULL };
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(TallyPanel) panel = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *expected = NULL;
  AdwMessageDialog *dialog;
  int x, y, w, h;

  import_paths (f, NULL, paths);
  dialog = tally_test_wait_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace “Team”?");
  g_assert_null (f->result);
  tally_test_answer_dialog (dialog, "replace");

  imported = wait_imported (f);
  g_assert_cmpuint (imported->len, ==, 1);
  g_assert_true (imported->pdata[0] == team);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 1);
  panel = g_list_model_get_item (tally_dashboard_get_panels (team), 0);
  tally_panel_get_grid (panel, &x, &y, &w, &h);
  g_assert_cmpint (w, ==, 18);
  saved = read_path (team_path);
  expected = tally_dashboard_to_data (team, NULL);
  g_assert_cmpstr (saved, ==, expected);
  g_assert_nonnull (strstr (saved, "18"));
}

static void
test_clash_keep_both (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *layout = g_strdup_printf (LAYOUT, "team", "Team", "local", 18);
  g_autofree char *path = write_temp (f, "team.tally.json", layout);
  g_autofree char *team_path = g_build_filename (f->user_path, "team.json", NULL);
  g_autofree char *copy_path = g_build_filename (f->user_path, "team-2.json", NULL);
  g_autofree char *before = read_path (team_path);
  g_autofree char *after = NULL;
  const char *paths[] = { path, path, NULL };
  g_autoptr(GPtrArray) imported = NULL;

  /* The same file twice: kept beside once, skipped the second time. */
  import_paths (f, NULL, paths);
  tally_test_answer_dialog (tally_test_wait_message_dialog (), "keep-both");
  tally_test_answer_dialog (tally_test_wait_message_dialog (), "cancel");

  imported = wait_imported (f);
  g_assert_cmpuint (imported->len, ==, 1);
  g_assert_cmpstr (tally_dashboard_get_uid (imported->pdata[0]), ==, "team-2");
  g_assert_cmpstr (tally_dashboard_get_title (imported->pdata[0]), ==, "Team (imported)");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 2);
  g_assert_true (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  after = read_path (team_path);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (tally_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* A source that is not configured is asked for, and the choice is what
 * the saved layout names. */
static void
test_unknown_source (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *layout = g_strdup_printf (LAYOUT, "prom", "Prom", "prod-prometheus", 6);
  g_autofree char *path = write_temp (f, "prom.tally.json", layout);
  g_autofree char *saved_path = g_build_filename (f->user_path, "prom.json", NULL);
  const char *paths[] = { path, NULL };
  const char *sources[] = { "local", "staging", NULL };
  g_autoptr(GPtrArray) imported = NULL;
  g_autofree char *saved = NULL;
  AdwMessageDialog *dialog;
  GtkDropDown *choice;

  import_paths (f, sources, paths);
  dialog = tally_test_wait_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“prod-prometheus”"));
  choice = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (choice)), ==, 2);
  gtk_drop_down_set_selected (choice, 1);
  tally_test_answer_dialog (dialog, "use");

  imported = wait_imported (f);
  g_assert_cmpuint (imported->len, ==, 1);
  g_assert_cmpstr (tally_dashboard_get_source (imported->pdata[0]), ==, "staging");
  saved = read_path (saved_path);
  g_assert_nonnull (strstr (saved, "\"staging\""));
  g_assert_null (strstr (saved, "prod-prometheus"));
}

static void
dropped_cb (GPtrArray *imported,
            gpointer   user_data)
{
  Fixture *f = user_data;

  f->dropped = g_ptr_array_ref (imported);
}

static gboolean
has_dropped (gpointer data)
{
  return ((Fixture *) data)->dropped != NULL;
}

static void
drop_value (Fixture      *f,
            GtkWindow    *window,
            const GValue *value)
{
  GtkDropTarget *target = tally_dashboard_share_drop_target_new (f->library, NULL, dropped_cb, f,
                                                                 NULL);
  gboolean accepted = FALSE;

  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (target));
  g_signal_emit_by_name (target, "drop", value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  g_assert_true (tally_test_wait_until (has_dropped, f, 10000));
}

/* Files dropped from Files, several at once, land in the library and
 * reach the window's callback in order. */
static void
test_drop_files (Fixture       *f,
                 gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autofree char *a = g_strdup_printf (LAYOUT, "a", "A", "local", 6);
  g_autofree char *b = g_strdup_printf (LAYOUT, "b", "B", "local", 6);
  g_autofree char *a_path = write_temp (f, "a.tally.json", a);
  g_autofree char *b_path = write_temp (f, "b.tally.json", b);
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;

  files = g_slist_append (files, g_file_new_for_path (a_path));
  files = g_slist_append (files, g_file_new_for_path (b_path));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  drop_value (f, window, &value);
  g_value_unset (&value);

  g_assert_cmpuint (f->dropped->len, ==, 2);
  g_assert_cmpstr (tally_dashboard_get_uid (f->dropped->pdata[0]), ==, "a");
  g_assert_cmpstr (tally_dashboard_get_uid (f->dropped->pdata[1]), ==, "b");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 3);

  tally_test_destroy_window (window);
}

/* JSON text dropped from an editor imports too; text that is not a
 * layout says so, naming where it came from. */
static void
test_drop_text (Fixture       *f,
                gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autofree char *layout = g_strdup_printf (LAYOUT, "text", "Text", "local", 6);
  GValue value = G_VALUE_INIT;
  AdwMessageDialog *dialog;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, layout);
  drop_value (f, window, &value);
  g_assert_cmpuint (f->dropped->len, ==, 1);
  g_assert_nonnull (tally_dashboard_library_find (f->library, "text"));
  g_clear_pointer (&f->dropped, g_ptr_array_unref);

  g_value_set_string (&value, "hello");
  drop_value (f, window, &value);
  g_value_unset (&value);
  g_assert_cmpuint (f->dropped->len, ==, 0);
  dialog = tally_test_wait_message_dialog ();
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "Dropped text: not valid JSON"));
  tally_test_answer_dialog (dialog, "close");

  tally_test_destroy_window (window);
}

/* Copy offers the layout as text and as the dashboard type; pasting it
 * into another library gives the same bytes. */
static void
test_clipboard (Fixture       *f,
                gconstpointer  data)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  TallyDashboard *team = tally_dashboard_library_find (f->library, "team");
  g_autofree char *expected = tally_dashboard_to_data (team, NULL);
  g_autofree char *other_path = g_build_filename (f->tmp, "other", NULL);
  g_autofree char *saved_path = g_build_filename (other_path, "team.json", NULL);
  g_autoptr(GFile) other_dir = g_file_new_for_path (other_path);
  g_autoptr(GFile) no_builtins = g_file_new_for_path (f->tmp);
  g_autoptr(TallyDashboardLibrary) other = tally_dashboard_library_new (no_builtins, other_dir);
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  GdkContentFormats *formats;

  g_assert_true (tally_dashboard_share_copy (clipboard, team, &error));
  formats = gdk_clipboard_get_formats (clipboard);
  g_assert_true (gdk_content_formats_contain_mime_type (formats, TALLY_DASHBOARD_MIME_TYPE));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));
  gdk_clipboard_read_text_async (clipboard, NULL, tally_test_result_cb, &f->result);
  read = tally_test_wait_result (&f->result);
  text = gdk_clipboard_read_text_finish (clipboard, read, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);

  tally_dashboard_share_paste_async (NULL, clipboard, other, NULL, NULL, tally_test_result_cb,
                                     &f->result);
  imported = wait_imported (f);
  g_assert_cmpuint (imported->len, ==, 1);
  g_assert_true (tally_dashboard_library_find (other, "team") == imported->pdata[0]);
  saved = read_path (saved_path);
  g_assert_cmpstr (saved, ==, expected);
  g_clear_pointer (&imported, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&other));

  /* Text that is no layout: said in the dialog, nothing imported. */
  gdk_clipboard_set_text (clipboard, "[1, 2]");
  tally_dashboard_share_paste_async (NULL, clipboard, f->library, NULL, NULL, tally_test_result_cb,
                                     &f->result);
  imported = wait_imported (f);
  g_assert_cmpuint (imported->len, ==, 0);
  g_assert_cmpstr (adw_message_dialog_get_body (tally_test_wait_message_dialog ()), ==,
                   "Clipboard: (document): must be a JSON object");
}

int
main (int    argc,
      char **argv)
{
  /* The file chooser in this process, not a portal's. */
  g_setenv ("GDK_DEBUG", "no-portals", TRUE);
  tally_test_gui_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/tally/dashboard-share/round-trip", test_round_trip);
  ADD ("/tally/dashboard-share/export-refuses", test_export_refuses);
  ADD ("/tally/dashboard-share/export-dialog", test_export_dialog);
  ADD ("/tally/dashboard-share/failures", test_failures);
  ADD ("/tally/dashboard-share/clash-replace", test_clash_replace);
  ADD ("/tally/dashboard-share/clash-keep-both", test_clash_keep_both);
  ADD ("/tally/dashboard-share/unknown-source", test_unknown_source);
  ADD ("/tally/dashboard-share/drop-files", test_drop_files);
  ADD ("/tally/dashboard-share/drop-text", test_drop_text);
  ADD ("/tally/dashboard-share/clipboard", test_clipboard);
#undef ADD
  g_test_add_func ("/tally/dashboard-share/file-name", test_file_name);

  return g_test_run ();
}
