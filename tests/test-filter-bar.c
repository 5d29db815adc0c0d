/* test-filter-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The filter bar's time range under Xvfb, against a real TallyDashboard:
 * a quick range sets the dashboard's exact expressions; a bad custom
 * range shows the parser's message and changes nothing; a good one
 * applies with Apply or Enter; back and forward restore exact
 * expressions; zoom out doubles; a range dragged on a chart view, made
 * absolute as the window does, joins the history; a range set from
 * outside updates the label. Each test ends by proving the window, the
 * bar and the dashboard are freed. test-filter-bar-filters.c covers the
 * filters. */

#include "config.h"

#include "tally-chart-view.h"
#include "tally-test-chart-view.h"
#include "tally-test-filter-bar.h"
#include "tally-time-zoom.h"

#define WIDE GINT_TO_POINTER (1000)

static GtkWidget *
preset_row (GtkPopover *popover,
            const char *label)
{
  GtkWidget *row = tfb_find_labelled (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX_ROW, label);

  g_assert_nonnull (row);
  return row;
}

/* Whether a preset row shows the check of the current range. */
static gboolean
marked (GtkWidget *row)
{
  GtkWidget *check = tally_test_find_descendant (row, GTK_TYPE_IMAGE, NULL);

  return check != NULL && gtk_widget_get_opacity (check) == 1;
}

static void
choose_preset (TfbFixture *fx,
               const char *label)
{
  GtkPopover *popover = tfb_open_picker (fx);

  gtk_widget_activate (preset_row (popover, label));
  tally_test_drain ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

static void
test_presets (TfbFixture    *fx,
              gconstpointer  data)
{
  TallyRangePicker *picker = tfb_picker (fx);
  GtkPopover *popover;

  g_assert_cmpstr (tally_range_picker_get_label (picker), ==, "Last 24 hours");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tfb_child (picker, TALLY_TYPE_RANGE_PICKER,
                                                                  "button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Time range: Last 24 hours");

  /* The current range is marked, and only it. */
  popover = tfb_open_picker (fx);
  g_assert_true (marked (preset_row (popover, "Last 24 hours")));
  g_assert_false (marked (preset_row (popover, "Last 7 days")));
  gtk_popover_popdown (popover);

  choose_preset (fx, "Last 7 days");
  tfb_assert_time (fx, "now-7d", "now");
  g_assert_cmpstr (tally_range_picker_get_label (picker), ==, "Last 7 days");

  choose_preset (fx, "Today");
  tfb_assert_time (fx, "now/d", "now/d");
  choose_preset (fx, "This week");
  tfb_assert_time (fx, "now/w", "now/w");
  choose_preset (fx, "Yesterday");
  tfb_assert_time (fx, "now-1d/d", "now-1d/d");
  choose_preset (fx, "Last 5 minutes");
  tfb_assert_time (fx, "now-5m", "now");
  choose_preset (fx, "Last 90 days");
  tfb_assert_time (fx, "now-90d", "now");

  popover = tfb_open_picker (fx);
  g_assert_true (marked (preset_row (popover, "Last 90 days")));
  g_assert_false (marked (preset_row (popover, "Last 24 hours")));
  gtk_popover_popdown (popover);
}

static void
set_custom (TallyRangePicker *picker,
            const char       *from,
            const char       *to)
{
  gtk_editable_set_text (GTK_EDITABLE (tfb_child (picker, TALLY_TYPE_RANGE_PICKER, "from_entry")),
                         from);
  gtk_editable_set_text (GTK_EDITABLE (tfb_child (picker, TALLY_TYPE_RANGE_PICKER, "to_entry")), to);
}

static void
assert_error (TallyRangePicker *picker,
              const char       *label_id,
              const char       *message)
{
  GtkWidget *label = tfb_child (picker, TALLY_TYPE_RANGE_PICKER, label_id);

  if (message == NULL)
    {
      g_assert_false (gtk_widget_get_visible (label));
      return;
    }
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, message);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
test_custom_invalid (TfbFixture    *fx,
                     gconstpointer  data)
{
  TallyRangePicker *picker = tfb_picker (fx);
  GtkPopover *popover = tfb_open_picker (fx);
  GtkWidget *from_entry = tfb_child (picker, TALLY_TYPE_RANGE_PICKER, "from_entry");
  GtkWidget *apply = tfb_child (picker, TALLY_TYPE_RANGE_PICKER, "apply_button");
  guint changes = 0;

  /* The entries start from the dashboard's range. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from_entry)), ==, "now-24h");
  assert_error (picker, "from_error", NULL);
  g_assert_true (gtk_widget_get_sensitive (apply));
  g_signal_connect (fx->dashboard, "changed", G_CALLBACK (count_cb), &changes);

  /* The parser's own words, under the entry at fault, as it is typed. */
  set_custom (picker, "now-5x", "now");
  assert_error (picker, "from_error", "“now-5x”: unknown unit “x” (use s, m, h, d, w, M or y)");
  assert_error (picker, "to_error", NULL);
  g_assert_true (gtk_widget_has_css_class (from_entry, "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (from_entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_false (gtk_widget_get_sensitive (apply));

  set_custom (picker, "2026-02-30", "");
  assert_error (picker, "from_error", "“2026-02-30”: not a valid date");
  assert_error (picker, "to_error", "the time is empty");

  /* An empty range is the To entry's error. */
  set_custom (picker, "now", "now-1h");
  assert_error (picker, "from_error", NULL);
  assert_error (picker, "to_error", "the range is empty: “now” is not before “now-1h”");
  g_assert_false (gtk_widget_has_css_class (from_entry, "error"));

  /* Enter does not apply it: the dashboard and the popover stay. */
  g_signal_emit_by_name (tfb_child (picker, TALLY_TYPE_RANGE_PICKER, "to_entry"), "activate");
  tally_test_drain ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  tfb_assert_time (fx, "now-24h", "now");
  g_assert_cmpstr (tally_range_picker_get_label (picker), ==, "Last 24 hours");
  g_assert_cmpuint (changes, ==, 0);
  gtk_popover_popdown (popover);
}

static void
test_custom_valid (TfbFixture    *fx,
                   gconstpointer  data)
{
  TallyRangePicker *picker = tfb_picker (fx);
  GtkPopover *popover = tfb_open_picker (fx);

  /* Absolute, applied with the button: the expressions as typed. */
  set_custom (picker, " 2021-11-03 10:00", "2021-11-05 12:00 ");
  assert_error (picker, "from_error", NULL);
  assert_error (picker, "to_error", NULL);
  g_signal_emit_by_name (tfb_child (picker, TALLY_TYPE_RANGE_PICKER, "apply_button"), "clicked");
  tally_test_drain ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  tfb_assert_time (fx, "2021-11-03 10:00", "2021-11-05 12:00");
  g_assert_cmpstr (tally_range_picker_get_label (picker), ==, "Nov 3, 2021, 10:00 – Nov 5, 2021, 12:00");

  /* Relative, applied with Enter in either entry. */
  popover = tfb_open_picker (fx);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tfb_child (picker, TALLY_TYPE_RANGE_PICKER,
                                                                   "to_entry"))),
                   ==, "2021-11-05 12:00");
  set_custom (picker, "now-2h", "now-1h");
  g_signal_emit_by_name (tfb_child (picker, TALLY_TYPE_RANGE_PICKER, "from_entry"), "activate");
  tally_test_drain ();
  tfb_assert_time (fx, "now-2h", "now-1h");
  g_assert_cmpstr (tally_range_picker_get_label (picker), ==, "now-2h to now-1h");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

static void
activate (TfbFixture *fx,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->bar), action, NULL));
  tally_test_drain ();
}

static void
test_history (TfbFixture    *fx,
              gconstpointer  data)
{
  TallyRangePicker *picker = tfb_picker (fx);
  GtkWidget *back = tfb_child (fx->bar, TALLY_TYPE_FILTER_BAR, "back_button");

  g_assert_false (tfb_action_enabled (fx, "back"));
  g_assert_false (tfb_action_enabled (fx, "forward"));
  g_assert_false (gtk_widget_get_sensitive (back));

  choose_preset (fx, "Last 7 days");
  tfb_open_picker (fx);
  set_custom (picker, "2021-11-03 10:00", "2021-11-05 12:00");
  g_signal_emit_by_name (tfb_child (picker, TALLY_TYPE_RANGE_PICKER, "apply_button"), "clicked");
  choose_preset (fx, "Today");
  g_assert_true (tfb_action_enabled (fx, "back"));
  g_assert_true (gtk_widget_get_sensitive (back));

  activate (fx, "filter.back");
  tfb_assert_time (fx, "2021-11-03 10:00", "2021-11-05 12:00");
  g_assert_cmpstr (tally_range_picker_get_label (picker), ==, "Nov 3, 2021, 10:00 – Nov 5, 2021, 12:00");
  activate (fx, "filter.back");
  tfb_assert_time (fx, "now-7d", "now");
  activate (fx, "filter.back");
  tfb_assert_time (fx, "now-24h", "now");
  g_assert_false (tfb_action_enabled (fx, "back"));
  g_assert_true (tfb_action_enabled (fx, "forward"));

  activate (fx, "filter.forward");
  tfb_assert_time (fx, "now-7d", "now");
  g_assert_cmpstr (tally_range_picker_get_label (picker), ==, "Last 7 days");

  /* A new range drops what lay ahead. */
  choose_preset (fx, "Last hour");
  tfb_assert_time (fx, "now-1h", "now");
  g_assert_false (tfb_action_enabled (fx, "forward"));
  activate (fx, "filter.back");
  tfb_assert_time (fx, "now-7d", "now");

  /* A window that inserts the bar's actions reaches them from anywhere in
   * it, for its accelerators. */
  gtk_widget_insert_action_group (GTK_WIDGET (fx->window), "filter",
                                  tally_filter_bar_get_actions (fx->bar));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "filter.forward", NULL));
  tfb_assert_time (fx, "now-1h", "now");
}

static void
test_zoom_out (TfbFixture    *fx,
               gconstpointer  data)
{
  TallyRangePicker *picker = tfb_picker (fx);

  choose_preset (fx, "Last 6 hours");
  activate (fx, "filter.zoom-out");
  tfb_assert_time (fx, "now-12h", "now");
  g_assert_cmpstr (tally_range_picker_get_label (picker), ==, "Last 12 hours");
  activate (fx, "filter.zoom-out");
  tfb_assert_time (fx, "now-24h", "now");

  tally_dashboard_set_time (fx->dashboard, "2021-11-03 10:00", "2021-11-03 12:00");
  activate (fx, "filter.zoom-out");
  tfb_assert_time (fx, "2021-11-03 09:00", "2021-11-03 13:00");

  /* Each zoom is a step back. */
  activate (fx, "filter.back");
  tfb_assert_time (fx, "2021-11-03 10:00", "2021-11-03 12:00");
  activate (fx, "filter.back");
  tfb_assert_time (fx, "now-24h", "now");

  /* A range that does not parse cannot be zoomed. */
  tally_dashboard_set_time (fx->dashboard, "now-5x", "now");
  g_assert_false (tfb_action_enabled (fx, "zoom-out"));
  g_assert_cmpstr (tally_range_picker_get_label (picker), ==, "now-5x to now");
}

/* What the window does with a range dragged on a chart. */
static void
range_selected_cb (TallyChartView *view,
                   gint64          from,
                   gint64          to,
                   TfbFixture     *fx)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *from_text = tally_time_format_point (from, tz);
  g_autofree char *to_text = tally_time_format_point (to, tz);

  tally_dashboard_set_time (fx->dashboard, from_text, to_text);
}

static void
test_drag_zoom (TfbFixture    *fx,
                gconstpointer  data)
{
  g_autoptr(TallyFrame) frame = tcv_timeseries_frame (FALSE);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *from = tally_time_format_point (TCV_T0 + 2 * 600, tz);
  g_autofree char *to = tally_time_format_point (TCV_T0 + 6 * 600, tz);
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_LINE, frame, &window);
  double xs[TCV_N_BUCKETS];
  double y = gtk_widget_get_height (GTK_WIDGET (view)) / 2.0;

  g_signal_connect (view, "range-selected", G_CALLBACK (range_selected_cb), fx);
  tcv_bucket_positions (view, xs);
  tcv_drag_begin (view, xs[2], y);
  tcv_drag_update (view, xs[5] - xs[2], 0);
  tcv_drag_end (view, xs[5] - xs[2], 0);
  tally_test_drain ();

  /* Bucket 2's start to bucket 5's end, in the local zone, and a step in
   * the bar's history. */
  tfb_assert_time (fx, from, to);
  g_assert_true (tfb_action_enabled (fx, "back"));
  activate (fx, "filter.back");
  tfb_assert_time (fx, "now-24h", "now");
  activate (fx, "filter.forward");
  tfb_assert_time (fx, from, to);

  tcv_destroy_view (window, view);
}

static void
test_changed_elsewhere (TfbFixture    *fx,
                        gconstpointer  data)
{
  TallyRangePicker *picker = tfb_picker (fx);
  g_autoptr(TallyDashboard) other = tally_dashboard_new ();

  /* Undo, or anyone else, sets the range: the bar follows and records it. */
  tally_dashboard_set_time (fx->dashboard, "now-30d", "now");
  g_assert_cmpstr (tally_range_picker_get_label (picker), ==, "Last 30 days");
  g_assert_true (tfb_action_enabled (fx, "back"));

  /* Another dashboard: its range, and a history of its own. */
  tally_dashboard_set_time (other, "now/M", "now/M");
  tally_filter_bar_set_dashboard (fx->bar, other);
  g_assert_cmpstr (tally_range_picker_get_label (picker), ==, "This month");
  g_assert_false (tfb_action_enabled (fx, "back"));
  choose_preset (fx, "Last 3 hours");
  g_assert_cmpstr (tally_dashboard_get_time_from (other), ==, "now-3h");
  tfb_assert_time (fx, "now-30d", "now");

  /* Unbound, the bar offers nothing; bound again, it follows again. */
  tally_filter_bar_set_dashboard (fx->bar, NULL);
  g_assert_false (tfb_action_enabled (fx, "pick-range"));
  g_assert_false (tfb_action_enabled (fx, "zoom-out"));
  tally_filter_bar_set_dashboard (fx->bar, fx->dashboard);
  g_assert_cmpstr (tally_range_picker_get_label (picker), ==, "Last 30 days");
}

int
main (int   argc,
      char *argv[])
{
  tally_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/tally/filter-bar/" path, TfbFixture, WIDE, tfb_setup, func, tfb_teardown)
  ADD ("presets", test_presets);
  ADD ("custom-invalid", test_custom_invalid);
  ADD ("custom-valid", test_custom_valid);
  ADD ("history", test_history);
  ADD ("zoom-out", test_zoom_out);
  ADD ("drag-zoom", test_drag_zoom);
  ADD ("changed-elsewhere", test_changed_elsewhere);
#undef ADD

  return g_test_run ();
}
