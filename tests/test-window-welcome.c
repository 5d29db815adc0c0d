/* test-window-welcome.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's first run, on an empty store: it says how to send data to
 * the collector at its real address; "Explore Demo Data" writes the demo
 * store and shows the dashboards on it, and leaving the demo comes back
 * to the user's empty store. */

#include "config.h"

#include "tally-test-demo.h"
#include "tally-test-gui.h"
#include "tally-test-utils.h"
#include "tally-window.h"

static TallyApplication *app;

static GtkStack *
content_stack (TallyWindow *window)
{
  GtkWidget *page = GTK_WIDGET (tally_window_get_page (window));

  return GTK_STACK (gtk_widget_get_ancestor (page, GTK_TYPE_STACK));
}

static gboolean
shows_welcome (gpointer window)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (content_stack (window)), "welcome") == 0;
}

static gboolean
shows_dashboard (gpointer window)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (content_stack (window)), "dashboard") == 0;
}

/* Whether some panel of the shown dashboard has real data. */
static gboolean
has_some_data (gpointer window)
{
  TallyDashboardPage *page = tally_window_get_page (window);
  TallyDataModel *model = tally_dashboard_page_get_data_model (page);
  TallyDashboard *dashboard = tally_dashboard_page_get_dashboard (page);
  GListModel *panels = dashboard ? tally_dashboard_get_panels (dashboard) : NULL;

  for (guint i = 0; panels != NULL && i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      TallyPanelData *data = tally_data_model_get_panel_data (model, panel);

      if (data != NULL && tally_panel_data_get_frame (data) != NULL &&
          tally_test_frame_has_data (tally_panel_data_get_frame (data)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
says (GtkWidget  *root,
      const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((GTK_IS_LABEL (child) && strstr (gtk_label_get_label (GTK_LABEL (child)), text) != NULL) ||
        says (child, text))
      return TRUE;
  return FALSE;
}

static void
test_first_run (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  TallyDashboardPage *page = tally_window_get_page (window);
  const char *address;
  g_autofree char *events_url = NULL;
  g_autofree char *traces_url = NULL;
  GtkWidget *welcome;

  /* The collector's real address, in the curl line and the OTLP variable. */
  g_assert_true (tally_test_wait_until (shows_welcome, window, 10000));
  address = tally_collector_get_address (tally_application_get_collector (app));
  g_assert_nonnull (address);
  events_url = g_strdup_printf ("http://%s/v1/events", address);
  traces_url = g_strdup_printf ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://%s/v1/traces", address);
  welcome = gtk_stack_get_visible_child (content_stack (window));
  g_assert_true (tally_test_wait_mapped (welcome));
  g_assert_true (says (welcome, events_url));
  g_assert_true (says (welcome, traces_url));

  /* Demo data: the dashboards on the demo store, with data in them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-demo", NULL));
  g_assert_true (tally_test_wait_until (shows_dashboard, window, 120000));
  g_assert_true (tally_dashboard_page_get_source (page) != tally_application_get_source (app));
  g_assert_true (tally_test_wait_until (has_some_data, window, 60000));

  /* Back to the user's store, still empty. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-demo", NULL));
  g_assert_true (tally_dashboard_page_get_source (page) == tally_application_get_source (app));
  g_assert_true (tally_test_wait_until (shows_welcome, window, 10000));

  tally_test_destroy_window (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  tally_test_gui_init (&argc, &argv);
  app = tally_test_app_new ();
  g_test_add_func ("/tally/window-welcome/first-run", test_first_run);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
