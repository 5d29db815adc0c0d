/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The application shell under Xvfb: the main window with its header bars,
 * sidebar and content; Preferences, About and the shortcuts window; the
 * window state kept in GSettings; and no leaks. */

#include "config.h"

#include <math.h>

#include "tally-application.h"
#include "tally-test-gui.h"
#include "tally-window.h"

static TallyApplication *app;

static gboolean
has_rows (gpointer list)
{
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0) != NULL;
}

static void
test_window_shell (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  GtkWidget *sidebar;
  GtkWidget *content;
  GtkWidget *header;
  GtkWidget *empty;
  GtkWidget *list;
  GtkSearchEntry *search;
  int n_rows;

  sidebar = tally_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_BOX, "sidebar");
  content = tally_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_BOX, "content");
  g_assert_nonnull (sidebar);
  g_assert_nonnull (content);
  g_assert_true (gtk_widget_get_mapped (sidebar));
  g_assert_true (gtk_widget_get_mapped (content));

  /* Wide enough not to fold: both panes show a header bar. */
  header = tally_test_find_descendant (sidebar, ADW_TYPE_HEADER_BAR, NULL);
  g_assert_nonnull (header);
  g_assert_true (gtk_widget_get_mapped (header));
  header = tally_test_find_descendant (content, ADW_TYPE_HEADER_BAR, NULL);
  g_assert_nonnull (header);
  g_assert_true (gtk_widget_get_mapped (header));
  g_assert_cmpint (gtk_widget_get_width (sidebar), >, 0);
  g_assert_cmpint (gtk_widget_get_width (content), >, gtk_widget_get_width (sidebar));

  /* The sidebar lists the nine built-in dashboards under their heading,
   * and says so when a search matches none. */
  list = tally_test_find_descendant (sidebar, GTK_TYPE_LIST_BOX, NULL);
  g_assert_true (tally_test_wait_until (has_rows, list, 10000));
  g_assert_true (gtk_widget_get_mapped (list));
  for (n_rows = 0; gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n_rows) != NULL; n_rows++)
    ;
  g_assert_cmpint (n_rows, ==, 9);
  search = tally_dashboard_sidebar_get_search (tally_window_get_sidebar (window));
  gtk_editable_set_text (GTK_EDITABLE (search), "no such dashboard");
  g_signal_emit_by_name (search, "search-changed");
  tally_test_drain ();
  empty = tally_test_find_descendant (sidebar, ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_nonnull (empty);
  g_assert_true (tally_test_wait_mapped (empty));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==, "No Dashboards Found");
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  tally_test_drain ();
  g_assert_true (tally_test_wait_mapped (list));
}

static gboolean
same_colour (const double a[3],
             const double b[3])
{
  return fabs (a[0] - b[0]) < 0.01 && fabs (a[1] - b[1]) < 0.01 && fabs (a[2] - b[2]) < 0.01;
}

/* Draws the window's content and checks the three regions a user sees:
 * both header bars on top, the sidebar on the left in the view colour, the
 * content area on the right in the window colour, all light or all dark. */
static void
check_window_pixels (TallyWindow *window,
                     gboolean     dark)
{
  GtkWidget *root = GTK_WIDGET (window);
  GtkWidget *sidebar = tally_test_find_descendant (root, GTK_TYPE_BOX, "sidebar");
  GtkWidget *content = tally_test_find_descendant (root, GTK_TYPE_BOX, "content");
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t sb, cb;
  double sidebar_px[3], content_px[3], header_px[3], sidebar_header_px[3];

  tally_test_drain ();
  g_assert_true (gtk_widget_compute_bounds (sidebar, root, &sb));
  g_assert_true (gtk_widget_compute_bounds (content, root, &cb));
  g_assert_cmpfloat (sb.origin.x + sb.size.width, <=, cb.origin.x);

  texture = tally_test_render_widget (root);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (root));

  /* Bottom corners of each pane hold only their background. */
  tally_test_texture_pixel (texture, sb.origin.x + 10, sb.origin.y + sb.size.height - 10, sidebar_px);
  tally_test_texture_pixel (texture, cb.origin.x + 10, cb.origin.y + cb.size.height - 10, content_px);
  tally_test_texture_pixel (texture, cb.origin.x + 10, cb.origin.y + 4, header_px);
  tally_test_texture_pixel (texture, sb.origin.x + 10, sb.origin.y + 4, sidebar_header_px);

  g_assert_false (same_colour (sidebar_px, content_px));
  g_assert_false (same_colour (header_px, content_px));
  g_assert_true (same_colour (header_px, sidebar_header_px));
  if (dark)
    {
      g_assert_cmpfloat (tally_test_luminance (content_px), <, 0.25);
      g_assert_cmpfloat (tally_test_luminance (sidebar_px), <, 0.25);
    }
  else
    {
      g_assert_cmpfloat (tally_test_luminance (content_px), >, 0.9);
      g_assert_cmpfloat (tally_test_luminance (sidebar_px), >, 0.9);
    }
}

static void
test_window_pixels (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  GSettings *settings = tally_application_get_settings (app);

  g_settings_set_enum (settings, "color-scheme", 1);
  check_window_pixels (window, FALSE);
  g_settings_set_enum (settings, "color-scheme", 2);
  check_window_pixels (window, TRUE);
  g_settings_reset (settings, "color-scheme");
}

static void
test_window_preferences (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  GSettings *settings = tally_application_get_settings (app);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = tally_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (preferences)));
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));

  /* The style rows drive the setting and libadwaita's style manager. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme",
                                  g_variant_new_string ("dark"));
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));

  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme",
                                  g_variant_new_string ("light"));
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (style));

  g_settings_reset (settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  tally_test_destroy_window (preferences);
  g_assert_null (tally_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));
}

static void
test_window_about (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = tally_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (about)));
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Tally");

  tally_test_destroy_window (about);
}

static void
test_window_shortcuts (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  GtkShortcutsWindow *overlay;

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));
  tally_test_drain ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
}

static void
test_window_state (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  GSettings *settings = tally_application_get_settings (app);
  int width;
  int height;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  tally_test_drain ();

  /* Closing saves the size; the window is then freed, leaking nothing. */
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  tally_test_drain ();
  g_assert_finalize_object (window);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* A new window opens at the saved size. */
  window = tally_test_app_open_window (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  tally_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tally_test_gui_init (&argc, &argv);
  app = tally_test_app_new ();

  g_test_add_func ("/tally/window/shell", test_window_shell);
  g_test_add_func ("/tally/window/pixels", test_window_pixels);
  g_test_add_func ("/tally/window/preferences", test_window_preferences);
  g_test_add_func ("/tally/window/about", test_window_about);
  g_test_add_func ("/tally/window/shortcuts", test_window_shortcuts);
  g_test_add_func ("/tally/window/state", test_window_state);

  status = g_test_run ();

  /* A registered GApplication stays referenced by its D-Bus side until the
   * process ends; the windows above are what must not leak. */
  g_object_unref (app);

  return status;
}
