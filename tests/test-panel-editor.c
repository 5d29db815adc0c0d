/* test-panel-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The panel editor in a real window under Xvfb over a real store of demo
 * traffic: its preview shows the number the store gives for the same
 * query, asks again when a field changes and drops the question it
 * supersedes; Apply is one undo step, Cancel changes nothing, and a field
 * that does not read is named and keeps Apply off. */

#include "config.h"

#include "tally-local-source.h"
#include "tally-panel-editor.h"
#include "tally-test-dashboard.h"
#include "tally-test-demo.h"
#include "tally-test-gui.h"
#include "tally-test-source.h"

/* 2025-11-23T00:00:00Z: the demo traffic ends here. */
#define NOW G_GINT64_CONSTANT (1763856000)

static const char *DASHBOARD =
  "{\"format\": \"tally-dashboard\", \"version\": 1, \"uid\": \"editor-test\","
  " \"title\": \"Editor test\", \"time\": {\"from\": \"now-24h\", \"to\": \"now\"},"
  " \"panels\": ["
  "  {\"id\": 1, \"type\": \"stat\", \"title\": \"Requests\","
  "   \"gridPos\": {\"x\": 0, \"y\": 0, \"w\": 6, \"h\": 4},"
  "   \"time\": {\"from\": \"2025-11-22T00:00:00Z\", \"to\": \"2025-11-23T00:00:00Z\"},"
  "   \"query\": {\"metric\": \"requests\", \"stat\": \"count\"},"
  "   \"options\": {\"unit\": \"requests\", \"legend\": false}}"
  " ]}";

static TallyStore *store;
static char *tmp_dir;

typedef struct
{
  TallyDashboard   *dashboard;
  TallyPanel       *panel;
  TallyPanelEditor *editor;
  GtkWindow        *window;
} Fixture;

static void
open_editor (Fixture     *f,
             TallySource *source)
{
  g_autoptr(GError) error = NULL;

  f->dashboard = tally_dashboard_new_from_data (DASHBOARD, -1, &error);
  g_assert_no_error (error);
  f->panel = tally_dashboard_find_panel (f->dashboard, 1);
  f->editor = TALLY_PANEL_EDITOR (tally_panel_editor_new (f->dashboard, f->panel, source));
  f->window = GTK_WINDOW (f->editor);
  gtk_window_present (f->window);
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (f->window)));
}

static void
close_editor (Fixture *f)
{
  if (f->editor != NULL)
    tally_test_destroy_window (f->window);
  g_assert_finalize_object (f->dashboard);
}

static GtkWidget *
field (Fixture    *f,
       GType       type,
       const char *name)
{
  GtkWidget *widget = tally_test_find_descendant (GTK_WIDGET (f->editor), type, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
set_text (Fixture    *f,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (f, ADW_TYPE_ENTRY_ROW, name)), text);
}

typedef struct
{
  TallyPanelPreview *preview;
  guint              n_frames;
} FramesWait;

static gboolean
has_frames (gpointer data)
{
  FramesWait *wait = data;

  return tally_panel_preview_get_n_frames (wait->preview) >= wait->n_frames &&
         !tally_panel_preview_get_loading (wait->preview);
}

static TallyFrame *
wait_frame (Fixture *f,
            guint    n_frames)
{
  FramesWait wait = { tally_panel_editor_get_preview (f->editor), n_frames };
  TallyChartView *view = tally_panel_preview_get_chart_view (wait.preview);

  g_assert_true (tally_test_wait_until (has_frames, &wait, 20000));
  g_assert_null (tally_panel_preview_get_error (wait.preview));
  return tally_chart_get_frame (tally_chart_view_get_chart (view));
}

/* What the store says, asked directly, for @metric and @stat over the
 * panel's day. */
static double
store_value (TallyMetric metric,
             TallyStat   stat)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;

  query->shape = TALLY_SHAPE_SCALAR;
  query->metric = metric;
  query->stat = stat;
  range = tally_time_range_new (NOW - 86400, NOW, NOW, utc);
  frame = tally_store_query (store, query, range, NULL, &error);
  g_assert_no_error (error);
  return tally_frame_get_value (frame);
}

/* The preview shows the store's own number, and asks again for another
 * metric. */
static void
test_editor_preview (void)
{
  g_autoptr(TallyLocalSource) source = tally_local_source_new (store);
  Fixture f = { 0 };
  TallyFrame *frame;
  double requests, cost;

  open_editor (&f, TALLY_SOURCE (source));
  frame = wait_frame (&f, 1);
  requests = store_value (TALLY_METRIC_REQUESTS, TALLY_STAT_COUNT);
  g_assert_cmpfloat (requests, >, 1000);
  g_assert_cmpint (tally_frame_get_shape (frame), ==, TALLY_SHAPE_SCALAR);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, requests);

  adw_combo_row_set_selected (ADW_COMBO_ROW (field (&f, ADW_TYPE_COMBO_ROW, "metric")),
                              TALLY_METRIC_COST);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (&f, ADW_TYPE_COMBO_ROW, "stat")),
                              TALLY_STAT_SUM);
  frame = wait_frame (&f, 2);
  cost = store_value (TALLY_METRIC_COST, TALLY_STAT_SUM);
  g_assert_cmpfloat (cost, >, 0);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, cost);

  /* Nothing reached the dashboard. */
  g_assert_cmpint (tally_panel_get_query (f.panel)->metric, ==, TALLY_METRIC_REQUESTS);
  close_editor (&f);
}

static gboolean
pending (gpointer data)
{
  gpointer *args = data;

  return tally_test_source_get_n_pending (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* A change while the preview's question runs cancels it: only the newer
 * answer is shown. */
static void
test_editor_preview_superseded (void)
{
  g_autoptr(TallyLocalSource) local = tally_local_source_new (store);
  g_autoptr(TallyTestSource) source = tally_test_source_new (TALLY_SOURCE (local));
  gpointer args[2] = { source, GUINT_TO_POINTER (1) };
  Fixture f = { 0 };
  TallyFrame *frame;

  tally_test_source_set_hold (source, TRUE);
  open_editor (&f, TALLY_SOURCE (source));
  g_assert_true (tally_test_wait_until (pending, args, 5000));
  g_assert_true (tally_panel_preview_get_loading (tally_panel_editor_get_preview (f.editor)));

  adw_combo_row_set_selected (ADW_COMBO_ROW (field (&f, ADW_TYPE_COMBO_ROW, "stat")),
                              TALLY_STAT_RATE);
  g_assert_true (g_cancellable_is_cancelled (tally_test_source_get_cancellable (source, 0)));
  args[1] = GUINT_TO_POINTER (2);
  g_assert_true (tally_test_wait_until (pending, args, 5000));
  g_assert_cmpuint (tally_test_source_get_n_queries (source), ==, 2);
  g_assert_cmpint (tally_test_source_get_query (source, 1)->stat, ==, TALLY_STAT_RATE);

  tally_test_source_set_hold (source, FALSE);
  tally_test_source_release (source);
  frame = wait_frame (&f, 1);
  tally_test_drain ();
  g_assert_cmpuint (tally_panel_preview_get_n_frames (tally_panel_editor_get_preview (f.editor)),
                    ==, 1);
  g_assert_cmpuint (tally_test_source_get_n_cancelled (source), ==, 1);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==,
                     store_value (TALLY_METRIC_REQUESTS, TALLY_STAT_RATE));
  close_editor (&f);
}

static char *
dashboard_json (TallyDashboard *dashboard)
{
  return tally_dashboard_to_data (dashboard, NULL);
}

/* Apply: the title and the query in one step; undo restores both. */
static void
test_editor_apply (void)
{
  g_autoptr(TallyLocalSource) source = tally_local_source_new (store);
  g_autoptr(TallyDashboardHistory) history = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_undo = NULL;
  Fixture f = { 0 };
  JsonArray *thresholds;

  open_editor (&f, TALLY_SOURCE (source));
  history = tally_dashboard_history_new (f.dashboard);
  before = dashboard_json (f.dashboard);

  set_text (&f, "title", "Latency");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (&f, ADW_TYPE_COMBO_ROW, "metric")),
                              TALLY_METRIC_LATENCY);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (&f, ADW_TYPE_COMBO_ROW, "stat")),
                              TALLY_STAT_P95);
  set_text (&f, "thresholds", "800 warning, 2000 error");
  set_text (&f, "unit", "ms");
  g_assert_null (tally_panel_editor_get_problem (f.editor));
  /* Applied only on Apply. */
  g_assert_cmpstr (tally_panel_get_title (f.panel), ==, "Requests");

  g_object_ref (f.editor);
  g_assert_true (tally_panel_editor_apply (f.editor));
  tally_test_drain ();
  g_assert_finalize_object (f.editor);
  f.editor = NULL;

  g_assert_cmpstr (tally_panel_get_title (f.panel), ==, "Latency");
  g_assert_cmpint (tally_panel_get_query (f.panel)->stat, ==, TALLY_STAT_P95);
  thresholds = json_object_get_array_member (tally_panel_get_options (f.panel), "thresholds");
  g_assert_cmpuint (json_array_get_length (thresholds), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (thresholds, 0),
                                                    "value"), ==, 800);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (thresholds, 1),
                                                  "color"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (tally_panel_get_options (f.panel), "unit"), ==,
                   "ms");
  /* Options without a field stay. */
  g_assert_true (json_object_has_member (tally_panel_get_options (f.panel), "legend"));
  {
    int x, y, w, h;

    tally_panel_get_grid (f.panel, &x, &y, &w, &h);
    g_assert_cmpint (w, ==, 6);
    g_assert_cmpint (h, ==, 4);
  }

  tdv_wait_undo_label (history, "Undo Edit");
  g_assert_true (tally_dashboard_history_undo (history));
  after_undo = dashboard_json (f.dashboard);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_false (tally_dashboard_history_get_can_undo (history));
  g_clear_object (&history);
  close_editor (&f);
}

/* Cancel: the window closes, the dashboard is as it was, no step. */
static void
test_editor_cancel (void)
{
  g_autoptr(TallyLocalSource) source = tally_local_source_new (store);
  g_autoptr(TallyDashboardHistory) history = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Fixture f = { 0 };

  open_editor (&f, TALLY_SOURCE (source));
  history = tally_dashboard_history_new (f.dashboard);
  before = dashboard_json (f.dashboard);
  set_text (&f, "title", "Something else");
  set_text (&f, "from", "now-7d");
  set_text (&f, "to", "now");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (&f, ADW_TYPE_COMBO_ROW, "type")),
                              TALLY_PANEL_LINE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.editor), "window.close", NULL));
  tally_test_drain ();
  f.editor = NULL;
  after = dashboard_json (f.dashboard);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (tally_dashboard_history_get_can_undo (history));
  g_clear_object (&history);
  close_editor (&f);
}

static gboolean
apply_sensitive (Fixture *f)
{
  return gtk_widget_get_sensitive (field (f, GTK_TYPE_BUTTON, "apply"));
}

/* Each bad field is named, marked, and keeps Apply off until fixed. */
static void
test_editor_invalid (void)
{
  g_autoptr(TallyLocalSource) source = tally_local_source_new (store);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Fixture f = { 0 };
  const struct { const char *field; const char *text; const char *problem; } cases[] = {
    { "title", "  ", "Title: a panel needs a title" },
    { "interval", "5 parsecs", "Interval: " },
    { "decimals", "two", "Decimals: a whole number from 0 to 10, or empty" },
    { "thresholds", "high red",
      "Thresholds: each is a number and a colour, such as “0.05 warning”" },
    { "thresholds", "0.5 mauve", "Display: " },
    { "filters", "colour=blue", "Filters: " },
    { "from", "yesterday-ish", "Time range: " },
  };

  open_editor (&f, TALLY_SOURCE (source));
  before = dashboard_json (f.dashboard);
  g_assert_true (apply_sensitive (&f));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *row = field (&f, ADW_TYPE_ENTRY_ROW, cases[i].field);
      g_autofree char *old = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

      gtk_editable_set_text (GTK_EDITABLE (row), cases[i].text);
      if (g_str_equal (cases[i].field, "from"))
        set_text (&f, "to", "now");
      g_assert_nonnull (tally_panel_editor_get_problem (f.editor));
      g_assert_true (g_str_has_prefix (tally_panel_editor_get_problem (f.editor),
                                       cases[i].problem));
      g_assert_true (gtk_widget_has_css_class (row, "error"));
      g_assert_false (apply_sensitive (&f));
      g_assert_false (tally_panel_editor_apply (f.editor));

      gtk_editable_set_text (GTK_EDITABLE (row), old);
      if (g_str_equal (cases[i].field, "from"))
        set_text (&f, "to", "2025-11-23T00:00:00Z");
      g_assert_null (tally_panel_editor_get_problem (f.editor));
      g_assert_false (gtk_widget_has_css_class (row, "error"));
      g_assert_true (apply_sensitive (&f));
    }

  after = dashboard_json (f.dashboard);
  g_assert_cmpstr (after, ==, before);
  close_editor (&f);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *path = NULL;
  TallyDemoParams params;
  int status;

  tally_test_gui_init (&argc, &argv);

  tmp_dir = tally_test_make_tmp_dir ();
  path = g_build_filename (tmp_dir, "demo.db", NULL);
  tally_demo_params_init (&params);
  params.now = NOW;
  params.days = 2;
  params.tz = utc;
  store = tally_test_make_demo_store (path, &params);

  g_test_add_func ("/tally/panel-editor/preview", test_editor_preview);
  g_test_add_func ("/tally/panel-editor/preview-superseded", test_editor_preview_superseded);
  g_test_add_func ("/tally/panel-editor/apply", test_editor_apply);
  g_test_add_func ("/tally/panel-editor/cancel", test_editor_cancel);
  g_test_add_func ("/tally/panel-editor/invalid", test_editor_invalid);

  status = g_test_run ();
  g_clear_object (&store);
  g_free (tmp_dir);
  return status;
}
