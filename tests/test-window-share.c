/* test-window-share.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Sharing through the window and the application: opening a layout file
 * (as `tally FILE` and Files do) imports it and shows it; a malformed file
 * is named in a dialog and leaves the library as it was; Copy Layout puts
 * the exported bytes on the clipboard and Paste Layout brings them back as
 * a second dashboard beside the first. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tally-dashboard-share.h"
#include "tally-paths.h"
#include "tally-test-gui.h"
#include "tally-test-utils.h"
#include "tally-window.h"

#define LAYOUT "{\"format\":\"tally-dashboard\",\"version\":1,\"uid\":\"team-spend\"," \
               "\"title\":\"Team Spend\",\"source\":\"local\"," \
               "\"panels\":[{\"id\":1,\"type\":\"stat\",\"title\":\"Cost\"," \
               "\"gridPos\":{\"x\":0,\"y\":0,\"w\":8,\"h\":4}," \
               "\"query\":{\"metric\":\"cost\",\"stat\":\"sum\"}}]}\n"

static TallyApplication *app;

static guint
n_dashboards (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (tally_application_get_library (app)));
}

static gboolean
has_n_dashboards (gpointer n)
{
  return n_dashboards () == GPOINTER_TO_UINT (n);
}

static gboolean
shows_other (gpointer data)
{
  gpointer *args = data;

  TallyDashboard *dashboard = tally_test_window_shown (args[0]);

  return dashboard != NULL && dashboard != args[1];
}

static void
wait_shows_other (TallyWindow    *window,
                  TallyDashboard *dashboard)
{
  gpointer args[] = { window, dashboard };

  g_assert_true (tally_test_wait_until (shows_other, args, 5000));
}

static char *
write_temp (const char *name,
            const char *contents)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "shared", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
open_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };

  g_application_open (G_APPLICATION (app), files, 1, "");
}

/* A layout opened by the application lands in the library and shows. */
static void
test_open_file (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  g_autofree char *path = write_temp ("team.tally.json", LAYOUT);
  g_autofree char *saved = NULL;
  g_autofree char *saved_path = NULL;
  g_autofree char *layout = NULL;
  g_autoptr(TallyPanel) panel = NULL;
  TallyDashboard *team;
  TallyDashboardLibrary *library = tally_application_get_library (app);
  guint before;

  tally_test_wait_window_shows (window, "overview");
  before = n_dashboards ();
  open_path (path);
  tally_test_wait_window_shows (window, "team-spend");
  g_assert_cmpuint (n_dashboards (), ==, before + 1);
  team = tally_test_window_shown (window);
  g_assert_cmpstr (tally_dashboard_get_title (team), ==, "Team Spend");
  g_assert_true (tally_dashboard_sidebar_get_selected (tally_window_get_sidebar (window)) ==
                 tally_test_window_shown (window));

  /* Written into the user's folder as the library holds it, its one
   * panel and all. */
  saved_path = g_build_filename (g_file_peek_path (tally_dashboard_library_get_user_dir (library)),
                                 "team-spend.json", NULL);
  g_assert_true (g_file_get_contents (saved_path, &saved, NULL, NULL));
  layout = tally_dashboard_to_data (team, NULL);
  g_assert_cmpstr (saved, ==, layout);
  panel = g_list_model_get_item (tally_dashboard_get_panels (team), 0);
  g_assert_cmpuint (g_list_model_get_n_items (tally_dashboard_get_panels (team)), ==, 1);
  g_assert_cmpstr (tally_panel_get_title (panel), ==, "Cost");

  tally_test_destroy_window (GTK_WINDOW (window));
}

/* A broken file is named with its problem; nothing else changes. */
static void
test_open_malformed (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  g_autofree char *path = write_temp ("broken.tally.json", "{\"format\":\"tally-dashboard\",");
  TallyDashboard *before_shown;
  AdwMessageDialog *dialog;
  guint before;

  g_assert_nonnull (tally_test_window_shown (window));
  before_shown = tally_test_window_shown (window);
  before = n_dashboards ();
  open_path (path);
  dialog = tally_test_wait_message_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import the Layout");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "broken.tally.json: "));
  tally_test_answer_dialog (dialog, "close");

  g_assert_cmpuint (n_dashboards (), ==, before);
  g_assert_true (tally_test_window_shown (window) == before_shown);

  tally_test_destroy_window (GTK_WINDOW (window));
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* Copy Layout gives the exported bytes; Paste Layout imports them beside
 * the original once the clash is answered "Keep Both". */
static void
test_copy_paste (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autofree char *tmp = g_build_filename (g_get_user_cache_dir (), "shared", "x.json", NULL);
  g_autoptr(GFile) exported = g_file_new_for_path (tmp);
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  TallyDashboard *original;
  GListModel *panels;
  guint before;

  tally_test_wait_window_shows (window, "team-spend");
  original = tally_test_window_shown (window);
  g_assert_true (tally_dashboard_share_export_to_file (original, exported, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (tmp, &expected, NULL, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-layout", NULL));
  gdk_clipboard_read_text_async (clipboard, NULL, result_cb, &read);
  g_assert_true (tally_test_wait_until (has_result, &read, 5000));
  text = gdk_clipboard_read_text_finish (clipboard, read, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);

  before = n_dashboards ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste-layout", NULL));
  tally_test_answer_dialog (tally_test_wait_message_dialog (), "keep-both");
  g_assert_true (tally_test_wait_until (has_n_dashboards, GUINT_TO_POINTER (before + 1), 5000));
  wait_shows_other (window, original);
  g_assert_true (tally_test_window_shown (window) != original);
  g_assert_cmpstr (tally_dashboard_get_uid (tally_test_window_shown (window)), !=, "team-spend");
  panels = tally_dashboard_get_panels (tally_test_window_shown (window));
  g_assert_cmpuint (g_list_model_get_n_items (panels), ==, 1);

  g_unlink (tmp);
  tally_test_destroy_window (GTK_WINDOW (window));
}

/* The user's folder starts empty, whatever an earlier run left there. */
static void
clear_user_dashboards (void)
{
  g_autofree char *path = tally_paths_get_dashboards_dir ();
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_unlink (file), ==, 0);
    }
}

/* A layout marked view-only opens view-only: no Edit, a copy offered. */
static void
test_open_view_only (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  g_autofree char *layout = g_strdup (LAYOUT);
  g_autofree char *view_only = NULL;
  g_autofree char *path = NULL;
  GtkWidget *duplicate;
  char *at;

  /* The same layout under another uid, with "editable": false. */
  at = strstr (layout, "team-spend");
  memcpy (at, "team-fixed", strlen ("team-fixed"));
  at = strstr (layout, "\"panels\"");
  view_only = g_strdup_printf ("%.*s\"editable\":false,%s", (int) (at - layout), layout, at);
  path = write_temp ("fixed.tally.json", view_only);

  open_path (path);
  tally_test_wait_window_shows (window, "team-fixed");
  g_assert_false (tally_dashboard_get_editable (tally_test_window_shown (window)));
  tally_window_set_editing (window, TRUE);
  g_assert_false (tally_window_get_editing (window));
  duplicate = tally_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "duplicate");
  g_assert_nonnull (duplicate);
  g_assert_true (gtk_widget_get_visible (duplicate));

  tally_test_destroy_window (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  tally_test_gui_init (&argc, &argv);
  clear_user_dashboards ();
  app = tally_test_app_new ();
  g_test_add_func ("/tally/window-share/open-file", test_open_file);
  g_test_add_func ("/tally/window-share/open-malformed", test_open_malformed);
  g_test_add_func ("/tally/window-share/copy-paste", test_copy_paste);
  g_test_add_func ("/tally/window-share/open-view-only", test_open_view_only);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
