/* test-window-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Editing in the window: a built-in dashboard refuses edit mode and offers
 * Duplicate to Edit; its copy goes into edit mode, where a move through
 * the window's "edit" actions lands on the exact cell, undo and redo give
 * back the exact layouts, the Undo button names the step, a panel's menu
 * removes a panel, and the saved file holds the layout shown. */

#include "config.h"

#include "tally-test-gui.h"
#include "tally-test-utils.h"
#include "tally-window.h"

static TallyApplication *app;

static gboolean
shows_user_dashboard (gpointer window)
{
  TallyDashboardLibrary *library = tally_application_get_library (app);
  TallyDashboard *dashboard = tally_test_window_shown (window);

  return dashboard != NULL && !tally_dashboard_library_is_builtin (library, dashboard);
}

/* Whether the editor's action @name is on. */
static gboolean
edit_enabled (TallyWindow *window,
              const char  *name)
{
  TallyDashboardEditor *editor = tally_window_get_editor (window);

  g_assert_nonnull (editor);
  return g_action_group_get_action_enabled (tally_dashboard_editor_get_actions (editor), name);
}

static GtkWidget *
header_button (TallyWindow *window,
               const char  *action_name)
{
  GtkWidget *page = GTK_WIDGET (window);
  GtkWidget *found = NULL;
  GtkWidget *child = page;

  /* Depth-first over the window for the button with that action. */
  while (child != NULL && found == NULL)
    {
      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0 &&
          GTK_IS_BUTTON (child))
        found = child;
      else if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != page && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == page ? NULL : gtk_widget_get_next_sibling (child);
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* The first panel's place on the grid. */
static void
first_rect (TallyDashboard *dashboard,
            guint          *id,
            int             rect[4])
{
  g_autoptr(TallyPanel) panel = g_list_model_get_item (tally_dashboard_get_panels (dashboard), 0);

  *id = tally_panel_get_id (panel);
  tally_panel_get_grid (panel, &rect[0], &rect[1], &rect[2], &rect[3]);
}

static void
assert_layout (TallyDashboard *dashboard,
               const char     *expected)
{
  g_autofree char *layout = tally_dashboard_to_data (dashboard, NULL);

  g_assert_cmpstr (layout, ==, expected);
}

typedef struct
{
  char       *path;
  const char *expected;
} FileWait;

static gboolean
file_holds (gpointer data)
{
  FileWait *wait = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (wait->path, &contents, NULL, NULL) &&
         g_strcmp0 (contents, wait->expected) == 0;
}

static void
test_builtin_refuses (void)
{
  TallyWindow *window = tally_test_app_open_window (app);

  tally_test_wait_window_shows (window, "overview");
  /* An actionable button is insensitive while its action is off. */
  g_assert_false (gtk_widget_get_sensitive (header_button (window, "win.edit-mode")));
  g_assert_false (gtk_widget_get_visible (header_button (window, "win.edit-mode")));
  g_assert_true (gtk_widget_get_visible (header_button (window, "win.duplicate-dashboard")));

  tally_window_set_editing (window, TRUE);
  g_assert_false (tally_window_get_editing (window));
  g_assert_false (tally_dashboard_view_get_editing (
    tally_dashboard_page_get_view (tally_window_get_page (window))));
  g_assert_nonnull (tally_window_get_editor (window));
  g_assert_false (edit_enabled (window, "move-panel"));
  g_assert_false (edit_enabled (window, "add-panel"));

  tally_test_destroy_window (GTK_WINDOW (window));
}

static void
test_edit_undo_redo (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  TallyDashboardView *view = tally_dashboard_page_get_view (tally_window_get_page (window));
  TallyDashboardLibrary *library = tally_application_get_library (app);
  TallyDashboard *copy;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  FileWait wait = { NULL, NULL };
  GtkWidget *undo;
  guint id;
  int rect[4];
  int moved[4];
  guint n_panels;

  tally_test_wait_window_shows (window, "overview");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-dashboard",
                                             NULL));
  g_assert_true (tally_test_wait_until (shows_user_dashboard, window, 5000));
  copy = tally_test_window_shown (window);
  wait.path = g_build_filename (g_file_peek_path (tally_dashboard_library_get_user_dir (library)),
                                tally_dashboard_get_uid (copy), NULL);
  wait.path = g_strconcat (g_steal_pointer (&wait.path), ".json", NULL);

  /* Edit mode: the toggle, the view, the buttons. */
  g_assert_true (gtk_widget_get_sensitive (header_button (window, "win.edit-mode")));
  g_assert_true (gtk_widget_get_visible (header_button (window, "win.edit-mode")));
  g_assert_false (gtk_widget_get_visible (header_button (window, "win.duplicate-dashboard")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-mode", NULL));
  g_assert_true (tally_window_get_editing (window));
  g_assert_true (tally_dashboard_view_get_editing (view));
  undo = header_button (window, "edit.undo");
  g_assert_true (gtk_widget_get_visible (undo));
  g_assert_false (edit_enabled (window, "undo"));

  /* A move one column right: that panel, and only its x, changes. */
  before = tally_dashboard_to_data (copy, NULL);
  first_rect (copy, &id, rect);
  g_assert_cmpint (rect[0], ==, 0);
  g_assert_cmpint (rect[2], <, 24);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "edit.move-panel", "(uii)",
                                             id, 1, 0));
  first_rect (copy, &id, moved);
  g_assert_cmpint (moved[0], ==, 1);
  g_assert_cmpint (moved[1], ==, rect[1]);
  g_assert_cmpint (moved[2], ==, rect[2]);
  g_assert_cmpint (moved[3], ==, rect[3]);
  after = tally_dashboard_to_data (copy, NULL);
  g_assert_cmpstr (before, !=, after);

  /* The Undo button names the step; undo and redo give back both layouts. */
  g_assert_true (tally_test_wait_until ((gboolean (*) (gpointer)) gtk_widget_get_sensitive, undo,
                                        5000));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo), ==, "Undo Move Panel");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "edit.undo", NULL));
  assert_layout (copy, before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "edit.redo", NULL));
  assert_layout (copy, after);

  /* The file follows, written whole. */
  wait.expected = after;
  g_assert_true (tally_test_wait_until (file_holds, &wait, 5000));

  /* The panel's menu removes a panel; undo puts it back. */
  n_panels = g_list_model_get_n_items (tally_dashboard_get_panels (copy));
  g_signal_emit_by_name (view, "panel-action::remove", id, "remove");
  g_assert_cmpuint (g_list_model_get_n_items (tally_dashboard_get_panels (copy)), ==,
                    n_panels - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "edit.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (tally_dashboard_get_panels (copy)), ==, n_panels);
  assert_layout (copy, after);

  /* Made view-only (as its properties can), it leaves edit mode and
   * offers a copy instead; editable again, it may be edited again. */
  tally_dashboard_set_editable (copy, FALSE);
  g_assert_false (tally_window_get_editing (window));
  g_assert_false (gtk_widget_get_visible (header_button (window, "win.edit-mode")));
  g_assert_true (gtk_widget_get_visible (header_button (window, "win.duplicate-dashboard")));
  g_assert_false (edit_enabled (window, "move-panel"));
  tally_dashboard_set_editable (copy, TRUE);
  g_assert_true (gtk_widget_get_sensitive (header_button (window, "win.edit-mode")));
  tally_window_set_editing (window, TRUE);
  g_assert_true (tally_window_get_editing (window));
  g_assert_true (edit_enabled (window, "move-panel"));

  /* Another dashboard ends edit mode. */
  tally_dashboard_sidebar_set_selected (tally_window_get_sidebar (window),
                                        tally_dashboard_library_find (library, "overview"));
  tally_test_wait_window_shows (window, "overview");
  g_assert_false (tally_window_get_editing (window));
  g_assert_false (tally_dashboard_view_get_editing (view));

  g_free (wait.path);
  tally_test_destroy_window (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  tally_test_gui_init (&argc, &argv);
  app = tally_test_app_new ();
  g_test_add_func ("/tally/window-edit/builtin-refuses", test_builtin_refuses);
  g_test_add_func ("/tally/window-edit/edit-undo-redo", test_edit_undo_redo);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
