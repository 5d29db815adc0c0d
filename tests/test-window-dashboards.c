/* test-window-dashboards.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The window on a store with three days of demo traffic: it opens the
 * Overview and every panel shows real data in a card at its place on the
 * grid; a range dragged on a chart becomes the dashboard's range; the
 * dashboard shown and a built-in dashboard's range come back in a new
 * window. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "tally-paths.h"
#include "tally-test-demo.h"
#include "tally-test-gui.h"
#include "tally-test-utils.h"
#include "tally-time-zoom.h"
#include "tally-window.h"

static TallyApplication *app;

/* Whether every panel of the shown dashboard has its frame, none loading. */
static gboolean
all_answered (gpointer window)
{
  TallyDashboardPage *page = tally_window_get_page (window);
  TallyDataModel *model = tally_dashboard_page_get_data_model (page);
  GListModel *panels = tally_dashboard_get_panels (tally_test_window_shown (window));

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      TallyPanelData *data = tally_data_model_get_panel_data (model, panel);

      if (tally_panel_get_panel_type (panel) == TALLY_PANEL_ALERTS)
        continue;
      if (data == NULL || tally_panel_data_get_loading (data) ||
          (tally_panel_data_get_frame (data) == NULL && tally_panel_data_get_error (data) == NULL))
        return FALSE;
    }
  return TRUE;
}

/* Just after midnight a panel of today's figures has nothing yet. */
static gboolean
may_be_empty (TallyPanel *panel)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* No monthly budget is set here: no date it runs out. */
  if (tally_panel_get_query (panel)->metric == TALLY_METRIC_BUDGET_RUNOUT)
    return TRUE;

  return g_strcmp0 (tally_panel_get_time_from (panel), "now/d") == 0 &&
         g_date_time_get_hour (now) == 0;
}

static void
test_overview (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  TallyDashboardPage *page = tally_window_get_page (window);
  TallyDashboardView *view = tally_dashboard_page_get_view (page);
  TallyDataModel *model = tally_dashboard_page_get_data_model (page);
  GListModel *panels;
  g_autoptr(GdkTexture) texture = NULL;
  double gap[3] = { -1, -1, -1 };
  guint n_cards = 0;

  tally_test_wait_window_shows (window, "overview");
  g_assert_true (tally_dashboard_page_get_source (page) == tally_application_get_source (app));
  g_assert_true (tally_test_wait_until (all_answered, window, 60000));
  tally_test_drain ();

  panels = tally_dashboard_get_panels (tally_test_window_shown (window));
  g_assert_cmpuint (g_list_model_get_n_items (panels), >, 6);
  texture = tally_test_render_widget (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      TallyPanelData *data = tally_data_model_get_panel_data (model, panel);
      TallyPanelCard *card = tally_dashboard_view_get_card (view, tally_panel_get_id (panel));
      graphene_rect_t bounds;
      double inside[3];

      g_test_message ("“%s”", tally_panel_get_title (panel));
      g_assert_nonnull (card);
      if (tally_panel_get_panel_type (panel) != TALLY_PANEL_ALERTS)
        {
          /* The data, and the card shows it: no error, no spinner. */
          g_assert_null (tally_panel_data_get_error (data));
          g_assert_nonnull (tally_panel_data_get_frame (data));
          if (!may_be_empty (panel))
            g_assert_true (tally_test_frame_has_data (tally_panel_data_get_frame (data)));
          g_assert_null (tally_panel_card_get_error (card));
          g_assert_false (tally_panel_card_get_loading (card));
        }

      /* The screenshot: the card's colour inside its rectangle, the
       * page's in the gap left of it. */
      if (!gtk_widget_get_mapped (GTK_WIDGET (card)))
        continue;
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (card), GTK_WIDGET (window), &bounds));
      if (bounds.origin.y + 8 >= gdk_texture_get_height (texture))
        continue;
      tally_test_texture_pixel (texture, bounds.origin.x + 6, bounds.origin.y + 8, inside);
      if (bounds.origin.x > 300 && gap[0] < 0)
        tally_test_texture_pixel (texture, bounds.origin.x - 4, bounds.origin.y + 20, gap);
      if (gap[0] >= 0)
        g_assert_false (fabs (inside[0] - gap[0]) < 0.01 && fabs (inside[1] - gap[1]) < 0.01 &&
                        fabs (inside[2] - gap[2]) < 0.01);
      n_cards++;
    }
  g_assert_cmpuint (n_cards, >, 3);
  g_assert_cmpfloat (gap[0], >=, 0);

  tally_test_destroy_window (GTK_WINDOW (window));
}

/* The first line chart's view of the shown dashboard. */
static TallyChartView *
first_line_chart (TallyWindow *window)
{
  TallyDashboardView *view = tally_dashboard_page_get_view (tally_window_get_page (window));
  GListModel *panels = tally_dashboard_get_panels (tally_test_window_shown (window));

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);

      if (tally_panel_get_panel_type (panel) == TALLY_PANEL_LINE)
        return tally_panel_card_get_chart_view (
          tally_dashboard_view_get_card (view, tally_panel_get_id (panel)));
    }
  g_assert_not_reached ();
}

static void
test_range_and_memory (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  TallyDashboardLibrary *library = tally_application_get_library (app);
  TallyDashboard *models = tally_dashboard_library_find (library, "models");
  GSettings *settings = tally_application_get_settings (app);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 to = (g_get_real_time () / G_USEC_PER_SEC) / 3600 * 3600;
  g_autofree char *from_text = tally_time_format_point (to - 6 * 3600, tz);
  g_autofree char *to_text = tally_time_format_point (to, tz);
  g_autofree char *last = NULL;
  g_autoptr(GVariant) views = NULL;
  g_autofree char *state = NULL;

  /* A range dragged across a chart: the dashboard's, absolute. */
  tally_test_wait_window_shows (window, "overview");
  g_signal_emit_by_name (first_line_chart (window), "range-selected", to - 6 * 3600, to);
  g_assert_cmpstr (tally_dashboard_get_time_from (tally_test_window_shown (window)), ==, from_text);
  g_assert_cmpstr (tally_dashboard_get_time_to (tally_test_window_shown (window)), ==, to_text);

  /* Another dashboard from the sidebar, and a range of its own. */
  g_assert_nonnull (models);
  tally_dashboard_sidebar_set_selected (tally_window_get_sidebar (window), models);
  g_assert_true (tally_test_window_shown (window) == models);
  last = g_settings_get_string (settings, "last-dashboard");
  g_assert_cmpstr (last, ==, "models");
  tally_dashboard_set_time (models, "now-30d", "now");
  tally_test_drain ();
  views = g_settings_get_value (settings, "dashboard-views");
  g_assert_true (g_variant_lookup (views, "models", "s", &state));
  g_assert_nonnull (strstr (state, "\"now-30d\""));
  g_assert_nonnull (strstr (state, "\"filters\""));
  tally_test_destroy_window (GTK_WINDOW (window));

  /* A new window opens the same dashboard with the same range, though
   * the dashboard itself was reset meanwhile. */
  tally_dashboard_set_time (models, "now-24h", "now");
  g_settings_set_value (settings, "dashboard-views", views);
  window = tally_test_app_open_window (app);
  g_assert_true (tally_test_window_shown (window) == models);
  g_assert_cmpstr (tally_dashboard_get_time_from (models), ==, "now-30d");
  g_assert_cmpstr (tally_dashboard_get_time_to (models), ==, "now");
  tally_test_destroy_window (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(TallyStore) store = NULL;
  TallyDemoParams params;
  int status;

  tally_test_gui_init (&argc, &argv);

  /* Three days of traffic ending now, in the store the app opens. */
  path = tally_paths_get_store_file ();
  dir = g_path_get_dirname (path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  tally_demo_params_init (&params);
  params.now = g_get_real_time () / G_USEC_PER_SEC;
  params.days = 3;
  params.rate = 3000;
  store = tally_test_make_demo_store (path, &params);
  g_clear_object (&store);

  app = tally_test_app_new ();
  g_test_add_func ("/tally/window-dashboards/overview", test_overview);
  g_test_add_func ("/tally/window-dashboards/range-and-memory", test_range_and_memory);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
