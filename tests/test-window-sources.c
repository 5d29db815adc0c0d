/* test-window-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The window shows each dashboard from the source its layout names: a
 * layout naming a configured source (made by a constructor the test
 * registers, over a real store of events the test counts) is answered by
 * that source, not the user's empty store; a layout naming a source not
 * configured here asks once which one to use and keeps the answer; and
 * `tally --source` (the session's override) wins over the layout. */

#include "config.h"

#include <glib/gstdio.h>

#include "tally-dashboard-page.h"
#include "tally-dashboard-sidebar.h"
#include "tally-paths.h"
#include "tally-source-registry.h"
#include "tally-source-types.h"
#include "tally-test-events.h"
#include "tally-test-gui.h"
#include "tally-test-source.h"
#include "tally-window.h"

#define N_EVENTS 180

#define LAYOUT(uid, source) \
  "{\"format\":\"tally-dashboard\",\"version\":1,\"uid\":\"" uid "\"," \
  "\"title\":\"" uid "\",\"source\":\"" source "\"," \
  "\"time\":{\"from\":\"now-24h\",\"to\":\"now\"}," \
  "\"panels\":[{\"id\":1,\"type\":\"stat\",\"title\":\"Requests\"," \
  "\"gridPos\":{\"x\":0,\"y\":0,\"w\":8,\"h\":4}," \
  "\"query\":{\"metric\":\"requests\",\"stat\":\"sum\"}}]}\n"

static TallyApplication *app;
static TallyStore *team_store;
static TallyTestSource *team_source;   /* the one the constructor made last */
static guint n_made;

static TallySource *
team_factory (const char  *name,
              JsonObject  *entry,
              const char  *secret,
              GError     **error)
{
  g_autoptr(TallySource) inner = g_object_new (TALLY_TYPE_LOCAL_SOURCE, "name", name,
                                               "store", team_store, NULL);

  n_made++;
  g_clear_object (&team_source);
  team_source = tally_test_source_new (inner);
  return g_object_ref (TALLY_SOURCE (team_source));
}

static void
setup_store_and_config (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "team.db", NULL);
  g_autofree char *sources = tally_paths_get_sources_file ();
  gint64 now_ms = g_get_real_time () / 1000;
  g_autoptr(GPtrArray) events = tally_test_make_events (11, N_EVENTS, now_ms - 6 * 3600 * 1000,
                                                        now_ms - 3600 * 1000);
  g_autoptr(GError) error = NULL;

  team_store = tally_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (tally_store_ingest (team_store, events, &error));
  g_assert_no_error (error);

  /* The test's own constructor in place of the built-in one. */
  tally_source_types_ensure ();
  tally_source_registry_register_type ("prometheus", team_factory);
  g_assert_true (tally_paths_ensure_parent (sources, &error));
  g_assert_true (g_file_set_contents (sources,
                                      "{\"sources\":[{\"name\":\"team-prom\",\"type\":"
                                      "\"prometheus\",\"url\":\"http://127.0.0.1:9\"}]}",
                                      -1, &error));
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

static char *
write_layout (const char *name,
              const char *text)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "layouts", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  return path;
}

static void
open_layout (const char *name,
             const char *text)
{
  g_autofree char *path = write_layout (name, text);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file };

  g_application_open (G_APPLICATION (app), files, 1, "");
}

typedef struct
{
  TallyWindow *window;
  TallySource *source;
} FrameWait;

/* The window's page reads @source and its one panel has a frame. */
static TallyPanelData *
first_panel_data (TallyDataModel *model)
{
  g_autoptr(TallyPanel) panel =
    g_list_model_get_item (tally_dashboard_get_panels (tally_data_model_get_dashboard (model)), 0);

  return panel != NULL ? tally_data_model_get_panel_data (model, panel) : NULL;
}

static gboolean
has_frame_from (gpointer data)
{
  FrameWait *wait = data;
  TallyDashboardPage *page = tally_window_get_page (wait->window);
  TallyDataModel *model = tally_dashboard_page_get_data_model (page);
  TallyPanelData *panel;

  if (tally_data_model_get_source (model) != wait->source ||
      tally_data_model_get_dashboard (model) == NULL)
    return FALSE;
  panel = first_panel_data (model);
  return panel != NULL && tally_panel_data_get_frame (panel) != NULL &&
         !tally_panel_data_get_loading (panel);
}

static double
wait_panel_value (TallyWindow *window,
                  TallySource *source)
{
  FrameWait wait = { window, source };
  TallyDataModel *model = tally_dashboard_page_get_data_model (tally_window_get_page (window));

  g_assert_true (tally_test_wait_until (has_frame_from, &wait, 20000));
  return tally_frame_get_value (tally_panel_data_get_frame (first_panel_data (model)));
}

static gboolean
has_team_source (gpointer data)
{
  return team_source != NULL;
}

static void
test_configured_source (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  guint before;

  open_layout ("team.tally.json", LAYOUT ("team-prom-dash", "team-prom"));
  tally_test_wait_window_shows (window, "team-prom-dash");
  g_assert_true (tally_test_wait_until (has_team_source, NULL, 10000));
  g_assert_cmpfloat (wait_panel_value (window, TALLY_SOURCE (team_source)), ==, N_EVENTS);
  g_assert_cmpuint (tally_test_source_count (team_source, TALLY_METRIC_REQUESTS), >=, 1);

  /* Back to a built-in dashboard: the user's own store (empty), and the
   * team source is asked nothing more. */
  before = tally_test_source_get_n_queries (team_source);
  tally_dashboard_sidebar_set_selected (tally_window_get_sidebar (window), tally_dashboard_library_find (tally_application_get_library (app),
                                                               "overview"));
  tally_test_wait_window_shows (window, "overview");
  g_assert_true (tally_dashboard_page_get_source (tally_window_get_page (window)) ==
                 tally_application_get_source (app));
  tally_test_drain ();
  g_assert_cmpuint (tally_test_source_get_n_queries (team_source), ==, before);
  g_assert_cmpuint (n_made, ==, 1);
}

static void
test_unknown_source_asks (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  TallyDashboardLibrary *library = tally_application_get_library (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyDashboard) dashboard = NULL;
  AdwMessageDialog *dialog;
  GtkDropDown *names;

  /* A layout in the library naming a source not set up here (a file
   * copied into the user's folder). */
  dashboard = tally_dashboard_library_import_data (library, LAYOUT ("elsewhere",
                                                                    "their-prometheus"), -1,
                                                   &error);
  g_assert_no_error (error);
  tally_dashboard_sidebar_set_selected (tally_window_get_sidebar (window), dashboard);

  dialog = tally_test_wait_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“their-prometheus”"));
  names = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (names)), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (names)),
                                               1), ==, "team-prom");
  gtk_drop_down_set_selected (names, 1);
  tally_test_answer_dialog (dialog, "use");

  /* The answer is in the layout, and the panel reads the team source. */
  g_assert_cmpstr (tally_dashboard_get_source (dashboard), ==, "team-prom");
  g_assert_cmpfloat (wait_panel_value (window, TALLY_SOURCE (team_source)), ==, N_EVENTS);
}

/* `tally --source local` shows even the team dashboard from the local
 * store: the page reads it, and the team source is asked nothing. */
static void
test_override (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  TallyDashboardLibrary *library = tally_application_get_library (app);
  TallyDashboard *team = tally_dashboard_library_find (library, "team-prom-dash");
  guint before = tally_test_source_get_n_queries (team_source);

  tally_application_set_source_override (app, "local");
  tally_dashboard_sidebar_set_selected (tally_window_get_sidebar (window),
                                        tally_dashboard_library_find (library, "overview"));
  tally_test_wait_window_shows (window, "overview");
  tally_dashboard_sidebar_set_selected (tally_window_get_sidebar (window), team);
  tally_test_wait_window_shows (window, "team-prom-dash");
  tally_test_drain ();
  g_assert_true (tally_dashboard_page_get_source (tally_window_get_page (window)) ==
                 tally_application_get_source (app));
  g_assert_cmpuint (tally_test_source_get_n_queries (team_source), ==, before);

  /* Without the override the layout's source is back. */
  tally_application_set_source_override (app, NULL);
  tally_dashboard_sidebar_set_selected (tally_window_get_sidebar (window),
                                        tally_dashboard_library_find (library, "overview"));
  tally_test_wait_window_shows (window, "overview");
  tally_dashboard_sidebar_set_selected (tally_window_get_sidebar (window), team);
  g_assert_cmpfloat (wait_panel_value (window, TALLY_SOURCE (team_source)), ==, N_EVENTS);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tally_test_gui_init (&argc, &argv);
  clear_user_dashboards ();
  setup_store_and_config ();
  app = tally_test_app_new ();
  g_test_add_func ("/tally/window-sources/configured", test_configured_source);
  g_test_add_func ("/tally/window-sources/unknown-asks", test_unknown_source_asks);
  g_test_add_func ("/tally/window-sources/override", test_override);
  status = g_test_run ();
  g_clear_object (&app);
  g_clear_object (&team_source);
  g_clear_object (&team_store);
  return status;
}
