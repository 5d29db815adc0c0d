/* test-dashboard-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Undo and redo of dashboard edits: each kind of edit undone to the exact
 * bytes before it and redone to the exact bytes after, one step per
 * main-loop iteration or per freeze and thaw, the time range and filters
 * never a step and never undone, redo dropped by a new edit, the depth
 * limit, and the properties the window binds. */

#include "config.h"

#include "tally-dashboard-history.h"
#include "tally-test-utils.h"

static TallyDashboard *
load_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "dashboards", "example.json",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TallyDashboard *dashboard = tally_dashboard_new_from_file (file, &error);

  g_assert_no_error (error);
  return dashboard;
}

/* Runs everything the main context has ready, the history's recording
 * of the last edits among it. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The dashboard writes exactly @expected. */
static void
assert_layout (TallyDashboard *dashboard,
               const char     *expected)
{
  g_autofree char *data = tally_dashboard_to_data (dashboard, NULL);

  g_assert_cmpstr (data, ==, expected);
}

static TallyPanel *
panel (TallyDashboard *dashboard,
       guint           id)
{
  TallyPanel *found = tally_dashboard_find_panel (dashboard, id);

  g_assert_nonnull (found);
  return found;
}

static void
edit_move (TallyDashboard *dashboard)
{
  tally_dashboard_move_panel (dashboard, panel (dashboard, 3), 0, 0);
}

static void
edit_resize (TallyDashboard *dashboard)
{
  tally_dashboard_resize_panel (dashboard, panel (dashboard, 1), 6, 7);
}

static void
edit_add (TallyDashboard *dashboard)
{
  g_autoptr(TallyPanel) line = tally_panel_new (tally_dashboard_next_panel_id (dashboard),
                                                TALLY_PANEL_LINE);

  tally_panel_set_title (line, "Tokens");
  tally_panel_set_grid (line, 0, 0, 12, 6);
  tally_dashboard_place_panel (dashboard, line);
}

static void
edit_remove (TallyDashboard *dashboard)
{
  tally_dashboard_remove_panel (dashboard, panel (dashboard, 4));
}

static void
edit_retitle_panel (TallyDashboard *dashboard)
{
  tally_panel_set_title (panel (dashboard, 2), "Latency");
}

static void
edit_query (TallyDashboard *dashboard)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"metric\":\"input_tokens\",\"stat\":\"sum\","
                                               "\"group_by\":\"project\",\"top\":5}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyQuery) query = tally_query_new_from_json (node, TALLY_SHAPE_CATEGORIES, &error);

  g_assert_no_error (error);
  tally_panel_set_query (panel (dashboard, 3), query);
}

static void
edit_title (TallyDashboard *dashboard)
{
  tally_dashboard_set_title (dashboard, "Prod");
}

static void
edit_tags (TallyDashboard *dashboard)
{
  tally_dashboard_set_tags (dashboard, (const char *[]) { "production", "search", NULL });
}

static void
edit_refresh (TallyDashboard *dashboard)
{
  tally_dashboard_set_refresh (dashboard, "1m");
}

typedef struct
{
  const char *name;
  void      (*edit) (TallyDashboard *dashboard);
  const char *undo_label;
  const char *redo_label;
} EditCase;

static const EditCase edit_cases[] = {
  { "move", edit_move, "Undo Move Panel", "Redo Move Panel" },
  { "resize", edit_resize, "Undo Resize Panel", "Redo Resize Panel" },
  { "add", edit_add, "Undo Add Panel", "Redo Add Panel" },
  { "remove", edit_remove, "Undo Remove Panel", "Redo Remove Panel" },
  { "retitle-panel", edit_retitle_panel, "Undo Rename Panel", "Redo Rename Panel" },
  { "query", edit_query, "Undo Change Query", "Redo Change Query" },
  { "title", edit_title, "Undo Rename Dashboard", "Redo Rename Dashboard" },
  { "tags", edit_tags, "Undo Change Dashboard Settings", "Redo Change Dashboard Settings" },
  { "refresh", edit_refresh, "Undo Change Dashboard Settings", "Redo Change Dashboard Settings" },
};

/* One edit, undone to the exact bytes before it, redone to the exact
 * bytes after it. */
static void
test_history_undo_redo (gconstpointer data)
{
  const EditCase *edit = data;
  g_autoptr(TallyDashboard) dashboard = load_example ();
  TallyDashboardHistory *history = tally_dashboard_history_new (dashboard);
  g_autofree char *before = tally_dashboard_to_data (dashboard, NULL);
  g_autofree char *after = NULL;

  g_assert_false (tally_dashboard_history_get_can_undo (history));
  g_assert_null (tally_dashboard_history_get_undo_label (history));

  edit->edit (dashboard);
  after = tally_dashboard_to_data (dashboard, NULL);
  g_assert_cmpstr (after, !=, before);
  /* The step is made at the end of the main-loop iteration. */
  g_assert_false (tally_dashboard_history_get_can_undo (history));
  drain ();
  g_assert_true (tally_dashboard_history_get_can_undo (history));
  g_assert_cmpstr (tally_dashboard_history_get_undo_label (history), ==, edit->undo_label);

  g_assert_true (tally_dashboard_history_undo (history));
  assert_layout (dashboard, before);
  g_assert_false (tally_dashboard_history_get_can_undo (history));
  g_assert_true (tally_dashboard_history_get_can_redo (history));
  g_assert_cmpstr (tally_dashboard_history_get_redo_label (history), ==, edit->redo_label);
  g_assert_false (tally_dashboard_history_undo (history));

  g_assert_true (tally_dashboard_history_redo (history));
  assert_layout (dashboard, after);
  g_assert_false (tally_dashboard_history_get_can_redo (history));
  g_assert_false (tally_dashboard_history_redo (history));

  /* Restoring is not an edit: no step of its own. */
  drain ();
  g_assert_true (tally_dashboard_history_undo (history));
  g_assert_false (tally_dashboard_history_get_can_undo (history));

  g_assert_finalize_object (history);
}

/* Undo moves the panels back; they stay the same objects, so their
 * widgets and data do too. */
static void
test_history_keeps_panels (void)
{
  g_autoptr(TallyDashboard) dashboard = load_example ();
  g_autoptr(TallyDashboardHistory) history = tally_dashboard_history_new (dashboard);
  TallyPanel *bars = panel (dashboard, 3);
  int y;

  edit_move (dashboard);
  drain ();
  g_assert_true (tally_dashboard_history_undo (history));
  g_assert_true (panel (dashboard, 3) == bars);
  tally_panel_get_grid (bars, NULL, &y, NULL, NULL);
  g_assert_cmpint (y, ==, 4);
}

/* Edits of one main-loop iteration are one step, named for all of them. */
static void
test_history_coalesces (void)
{
  g_autoptr(TallyDashboard) dashboard = load_example ();
  g_autoptr(TallyDashboardHistory) history = tally_dashboard_history_new (dashboard);
  g_autofree char *before = tally_dashboard_to_data (dashboard, NULL);

  edit_title (dashboard);
  edit_tags (dashboard);
  edit_move (dashboard);
  drain ();
  g_assert_cmpstr (tally_dashboard_history_get_undo_label (history), ==, "Undo Edit");
  g_assert_true (tally_dashboard_history_undo (history));
  assert_layout (dashboard, before);
  g_assert_false (tally_dashboard_history_get_can_undo (history));
}

/* A drag, frozen: every cell the pointer enters moves the panel in the
 * layout the drag started from, over several iterations; the whole drag
 * is one step, made at thaw. */
static void
test_history_freeze (void)
{
  g_autoptr(TallyDashboard) dashboard = load_example ();
  g_autoptr(TallyDashboardHistory) history = tally_dashboard_history_new (dashboard);
  g_autofree char *before = tally_dashboard_to_data (dashboard, NULL);
  g_autofree char *after = NULL;
  g_autofree TallyGridRect *start = NULL;
  guint n;

  tally_dashboard_history_freeze (history);
  start = tally_dashboard_get_rects (dashboard, &n);
  for (int y = 3; y >= 0; y--)
    {
      g_autofree TallyGridRect *rects = g_memdup2 (start, n * sizeof (TallyGridRect));

      tally_grid_move (rects, n, 2, 0, y);
      tally_dashboard_set_rects (dashboard, rects, n);
      drain ();
      g_assert_false (tally_dashboard_history_get_can_undo (history));
    }
  tally_dashboard_history_thaw (history);
  g_assert_true (tally_dashboard_history_get_can_undo (history));
  g_assert_cmpstr (tally_dashboard_history_get_undo_label (history), ==, "Undo Move Panel");

  after = tally_dashboard_to_data (dashboard, NULL);
  g_assert_true (tally_dashboard_history_undo (history));
  assert_layout (dashboard, before);
  g_assert_true (tally_dashboard_history_redo (history));
  assert_layout (dashboard, after);
}

/* An edit made before a freeze is a step of its own, not part of the
 * frozen one; a freeze with no change makes no step. */
static void
test_history_freeze_separates (void)
{
  g_autoptr(TallyDashboard) dashboard = load_example ();
  g_autoptr(TallyDashboardHistory) history = tally_dashboard_history_new (dashboard);

  edit_title (dashboard);
  tally_dashboard_history_freeze (history);
  tally_dashboard_history_freeze (history);
  edit_move (dashboard);
  tally_dashboard_history_thaw (history);
  g_assert_cmpstr (tally_dashboard_history_get_undo_label (history), ==, "Undo Rename Dashboard");
  tally_dashboard_history_thaw (history);
  g_assert_cmpstr (tally_dashboard_history_get_undo_label (history), ==, "Undo Move Panel");

  g_assert_true (tally_dashboard_history_undo (history));
  g_assert_cmpstr (tally_dashboard_get_title (dashboard), ==, "Prod");
  g_assert_cmpstr (tally_dashboard_history_get_redo_label (history), ==, "Redo Move Panel");

  tally_dashboard_history_freeze (history);
  tally_dashboard_history_thaw (history);
  g_assert_true (tally_dashboard_history_get_can_redo (history));
}

/* The time range and the filters are navigation: changing them makes no
 * step, and undoing an edit keeps them as they are now. */
static void
test_history_navigation (void)
{
  g_autoptr(TallyDashboard) dashboard = load_example ();
  g_autoptr(TallyDashboard) expected = load_example ();
  g_autoptr(TallyDashboardHistory) history = tally_dashboard_history_new (dashboard);
  g_autofree char *expected_data = NULL;

  tally_dashboard_set_time (dashboard, "now-7d", "now");
  tally_dashboard_set_filter (dashboard, "model", (const char *[]) { "o3", NULL });
  drain ();
  g_assert_false (tally_dashboard_history_get_can_undo (history));

  edit_title (dashboard);
  drain ();
  tally_dashboard_set_time (dashboard, "now-1h", "now");
  tally_dashboard_set_filter (dashboard, "project", NULL);
  tally_dashboard_set_filter (dashboard, "label.team", (const char *[]) { "ml", NULL });
  drain ();
  g_assert_cmpstr (tally_dashboard_history_get_undo_label (history), ==, "Undo Rename Dashboard");

  g_assert_true (tally_dashboard_history_undo (history));
  tally_dashboard_set_time (expected, "now-1h", "now");
  tally_dashboard_set_filter (expected, "model", (const char *[]) { "o3", NULL });
  tally_dashboard_set_filter (expected, "project", NULL);
  tally_dashboard_set_filter (expected, "label.team", (const char *[]) { "ml", NULL });
  expected_data = tally_dashboard_to_data (expected, NULL);
  assert_layout (dashboard, expected_data);
  g_assert_cmpstr (tally_dashboard_get_time_from (dashboard), ==, "now-1h");
  g_assert_false (tally_dashboard_history_get_can_undo (history));
}

/* A new edit after an undo drops what could have been redone. */
static void
test_history_new_edit_drops_redo (void)
{
  g_autoptr(TallyDashboard) dashboard = load_example ();
  g_autoptr(TallyDashboardHistory) history = tally_dashboard_history_new (dashboard);
  g_autofree char *before = tally_dashboard_to_data (dashboard, NULL);

  edit_title (dashboard);
  drain ();
  edit_tags (dashboard);
  drain ();
  g_assert_true (tally_dashboard_history_undo (history));
  g_assert_true (tally_dashboard_history_get_can_redo (history));

  edit_refresh (dashboard);
  drain ();
  g_assert_false (tally_dashboard_history_get_can_redo (history));
  g_assert_null (tally_dashboard_history_get_redo_label (history));
  g_assert_true (tally_dashboard_history_undo (history));
  g_assert_cmpstr (tally_dashboard_get_refresh (dashboard), ==, "30s");
  g_assert_cmpstr (tally_dashboard_get_title (dashboard), ==, "Prod");
  g_assert_true (tally_dashboard_history_undo (history));
  assert_layout (dashboard, before);
  g_assert_false (tally_dashboard_history_undo (history));
}

/* Undo goes back 100 edits, no further: the oldest are forgotten. */
static void
test_history_depth (void)
{
  g_autoptr(TallyDashboard) dashboard = load_example ();
  g_autoptr(TallyDashboardHistory) history = tally_dashboard_history_new (dashboard);
  guint undone = 0;

  for (guint i = 0; i < TALLY_DASHBOARD_HISTORY_MAX_STEPS + 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("Title %u", i);

      tally_dashboard_set_title (dashboard, title);
      drain ();
    }

  while (tally_dashboard_history_undo (history))
    undone++;
  g_assert_cmpuint (undone, ==, 100);
  g_assert_cmpstr (tally_dashboard_get_title (dashboard), ==, "Title 4");

  while (tally_dashboard_history_redo (history))
    undone--;
  g_assert_cmpuint (undone, ==, 0);
  g_assert_cmpstr (tally_dashboard_get_title (dashboard), ==, "Title 104");
}

/* A state no file may have (a title cleared while typing a new one) is
 * still given back. */
static void
test_history_restores_invalid_state (void)
{
  g_autoptr(TallyDashboard) dashboard = load_example ();
  g_autoptr(TallyDashboardHistory) history = tally_dashboard_history_new (dashboard);

  tally_dashboard_set_title (dashboard, "");
  drain ();
  tally_dashboard_set_title (dashboard, "Payments");
  drain ();

  g_assert_true (tally_dashboard_history_undo (history));
  g_assert_cmpstr (tally_dashboard_get_title (dashboard), ==, "");
  g_assert_true (tally_dashboard_history_undo (history));
  g_assert_cmpstr (tally_dashboard_get_title (dashboard), ==, "Production Monitoring");
  g_assert_true (tally_dashboard_history_redo (history));
  g_assert_true (tally_dashboard_history_redo (history));
  g_assert_cmpstr (tally_dashboard_get_title (dashboard), ==, "Payments");
}

typedef struct
{
  guint can_undo;
  guint can_redo;
  guint undo_label;
} Notified;

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             Notified   *notified)
{
  if (g_str_equal (pspec->name, "can-undo"))
    notified->can_undo++;
  else if (g_str_equal (pspec->name, "can-redo"))
    notified->can_redo++;
  else if (g_str_equal (pspec->name, "undo-label"))
    notified->undo_label++;
}

/* The properties the undo and redo buttons bind notify when, and only
 * when, they change. */
static void
test_history_notifies (void)
{
  g_autoptr(TallyDashboard) dashboard = load_example ();
  g_autoptr(TallyDashboardHistory) history = tally_dashboard_history_new (dashboard);
  Notified notified = { 0 };
  gboolean can_undo;
  g_autofree char *label = NULL;

  g_signal_connect (history, "notify", G_CALLBACK (notified_cb), &notified);
  edit_title (dashboard);
  drain ();
  g_assert_cmpuint (notified.can_undo, ==, 1);
  g_assert_cmpuint (notified.undo_label, ==, 1);
  g_object_get (history, "can-undo", &can_undo, "undo-label", &label, NULL);
  g_assert_true (can_undo);
  g_assert_cmpstr (label, ==, "Undo Rename Dashboard");

  /* Another edit of the same kind: can-undo and the label stay. */
  tally_dashboard_set_title (dashboard, "Prod 2");
  drain ();
  g_assert_cmpuint (notified.can_undo, ==, 1);
  g_assert_cmpuint (notified.undo_label, ==, 1);
  g_assert_cmpuint (notified.can_redo, ==, 0);

  g_assert_true (tally_dashboard_history_undo (history));
  g_assert_cmpuint (notified.can_redo, ==, 1);
  g_assert_cmpuint (notified.can_undo, ==, 1);
  g_assert_true (tally_dashboard_history_undo (history));
  g_assert_cmpuint (notified.can_undo, ==, 2);
  g_assert_cmpuint (notified.can_redo, ==, 1);
}

/* A history dropped with an edit not recorded yet leaves nothing behind
 * to run, and lets its dashboard go. */
static void
test_history_dispose_pending (void)
{
  TallyDashboard *dashboard = load_example ();
  TallyDashboardHistory *history = tally_dashboard_history_new (dashboard);

  edit_title (dashboard);
  g_assert_finalize_object (history);
  drain ();
  edit_tags (dashboard);
  drain ();
  g_assert_finalize_object (dashboard);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (edit_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/tally/dashboard-history/undo-redo/%s",
                                               edit_cases[i].name);

      g_test_add_data_func (path, &edit_cases[i], test_history_undo_redo);
    }
  g_test_add_func ("/tally/dashboard-history/keeps-panels", test_history_keeps_panels);
  g_test_add_func ("/tally/dashboard-history/coalesces", test_history_coalesces);
  g_test_add_func ("/tally/dashboard-history/freeze", test_history_freeze);
  g_test_add_func ("/tally/dashboard-history/freeze-separates", test_history_freeze_separates);
  g_test_add_func ("/tally/dashboard-history/navigation", test_history_navigation);
  g_test_add_func ("/tally/dashboard-history/new-edit-drops-redo", test_history_new_edit_drops_redo);
  g_test_add_func ("/tally/dashboard-history/depth", test_history_depth);
  g_test_add_func ("/tally/dashboard-history/restores-invalid-state",
                   test_history_restores_invalid_state);
  g_test_add_func ("/tally/dashboard-history/notifies", test_history_notifies);
  g_test_add_func ("/tally/dashboard-history/dispose-pending", test_history_dispose_pending);

  return g_test_run ();
}
