/* test-chart-view-keys.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* TallyChartView's keyboard and its table alternative, in a real window
 * under Xvfb: the arrow keys walk the points, slices and cells with the
 * tooltip following, and the table view shows every value as text. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-format.h"
#include "tally-test-chart-view.h"

static void
collect_label_texts (GtkWidget *widget,
                     GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

static void
test_view_table (void)
{
  g_autoptr(TallyFrame) frame = tcv_timeseries_frame (TRUE);
  g_autoptr(TallyFrame) categories = tcv_categories_frame ();
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_LINE, frame, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  g_autoptr(cairo_surface_t) chart_pixels = tcv_render (GTK_WIDGET (view), "table-chart");
  g_autoptr(cairo_surface_t) table_pixels = NULL;
  g_autoptr(cairo_surface_t) back = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *first_time = tally_format_time (TCV_T0, utc, TALLY_TIME_FORMAT_DATE_TIME, FALSE);
  GtkWidget *column_view;
  GListModel *rows, *columns;

  g_assert_null (tally_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.view-as-table", NULL));
  g_assert_true (tally_chart_view_get_view_as_table (view));
  tally_test_drain ();

  /* A row per bucket: the time, then each series' value, as text a
   * screen reader reads. */
  column_view = tally_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, NULL);
  g_assert_nonnull (column_view);
  g_assert_true (gtk_widget_get_mapped (column_view));
  g_assert_false (gtk_widget_get_focusable (GTK_WIDGET (view)));
  rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, TCV_N_BUCKETS);
  columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (column_view));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 3);
  collect_label_texts (column_view, texts);
  table_pixels = tcv_render (GTK_WIDGET (view), "table-shown");
  g_assert_cmpuint (tcv_count_all_changed (chart_pixels, table_pixels), >, 1000);
  g_assert_true (has_text (texts, "Time"));
  g_assert_true (has_text (texts, "gpt-4o"));
  g_assert_true (has_text (texts, "o3"));
  g_assert_true (has_text (texts, first_time));
  g_assert_true (has_text (texts, "0"));
  g_assert_true (has_text (texts, "25"));
  g_assert_true (has_text (texts, "30"));
  {
    g_autoptr(GtkStringList) row = g_list_model_get_item (rows, 6);

    g_assert_cmpstr (gtk_string_list_get_string (row, 1), ==, "50");
    g_assert_cmpstr (gtk_string_list_get_string (row, 2), ==, "30");
  }

  /* The table follows the chart: categories give a name and a value. */
  tally_chart_set_chart_type (chart, TALLY_CHART_PIE);
  tally_chart_set_frame (chart, categories);
  tally_test_drain ();
  g_assert_true (tally_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, NULL) ==
                 column_view);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_ptr_array_set_size (texts, 0);
  collect_label_texts (column_view, texts);
  g_assert_true (has_text (texts, "Name"));
  g_assert_true (has_text (texts, "claude"));
  g_assert_true (has_text (texts, "$3.75"));
  g_assert_true (has_text (texts, "$0.50"));

  /* An error over the data shows above the table. */
  tally_chart_set_error (chart, "Connection refused");
  tally_test_drain ();
  g_ptr_array_set_size (texts, 0);
  collect_label_texts (GTK_WIDGET (view), texts);
  g_assert_true (has_text (texts, "Connection refused"));
  tally_chart_set_error (chart, NULL);

  /* Back to the chart: the table goes, the chart is drawn as before. */
  tally_chart_set_chart_type (chart, TALLY_CHART_LINE);
  tally_chart_set_frame (chart, frame);
  tally_chart_view_set_view_as_table (view, FALSE);
  g_assert_null (tally_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));
  back = tcv_render (GTK_WIDGET (view), "table-back");
  g_assert_cmpuint (tcv_count_all_changed (chart_pixels, back), ==, 0);

  tcv_destroy_view (window, view);
}

static void
test_view_table_shapes (void)
{
  g_autoptr(GtkWidget) view = g_object_ref_sink (tally_chart_view_new (TALLY_CHART_HEATMAP));
  TallyChart *chart = tally_chart_view_get_chart (TALLY_CHART_VIEW (view));
  g_autoptr(TallyFrame) matrix = tcv_matrix_frame ();
  g_autoptr(TallyFrame) scalar = tally_frame_new_scalar ("latency", "p95", "ms", 812.5, 790.1);
  g_autoptr(TallyFrame) table = NULL;

  /* Nothing to list without data. */
  g_assert_null (tally_chart_view_frame_to_table (chart));

  tally_chart_set_frame (chart, matrix);
  table = tally_chart_view_frame_to_table (chart);
  g_assert_cmpint (tally_frame_get_shape (table), ==, TALLY_SHAPE_TABLE);
  g_assert_cmpuint (tally_frame_get_n_rows (table), ==, 3);
  g_assert_cmpuint (tally_frame_get_n_columns (table), ==, 5);
  g_assert_cmpstr (tally_frame_get_column_name (table, 3), ==, "02");
  g_assert_cmpstr (tally_frame_get_string (table, 1, 0), ==, "Tue");
  g_assert_cmpfloat (tally_frame_get_number (table, 1, 3), ==, 6);
  g_clear_pointer (&table, tally_frame_unref);

  tally_chart_set_chart_type (chart, TALLY_CHART_STAT);
  tally_chart_set_frame (chart, scalar);
  table = tally_chart_view_frame_to_table (chart);
  g_assert_cmpuint (tally_frame_get_n_rows (table), ==, 1);
  g_assert_cmpuint (tally_frame_get_n_columns (table), ==, 2);
  g_assert_cmpfloat (tally_frame_get_number (table, 0, 0), ==, 812.5);
  g_assert_cmpfloat (tally_frame_get_number (table, 0, 1), ==, 790.1);
}

static void
test_view_keyboard_line (void)
{
  g_autoptr(TallyFrame) frame = tcv_timeseries_frame (TRUE);
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_LINE, frame, &window);
  g_autoptr(cairo_surface_t) before = tcv_render (GTK_WIDGET (view), "keyboard-line-before");
  g_autoptr(cairo_surface_t) during = NULL;
  const TallyChartHit *hit;
  double xs[TCV_N_BUCKETS];

  tcv_bucket_positions (view, xs);

  /* Right from nothing: the first bucket, then one bucket per press. */
  g_assert_true (tcv_press_key (view, GDK_KEY_Right));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 0);
  for (int b = 1; b <= 3; b++)
    {
      g_assert_true (tcv_press_key (view, GDK_KEY_Right));
      hit = tally_chart_view_get_hit (view);
      g_assert_cmpint (hit->index, ==, b);
      g_assert_cmpfloat (fabs (hit->x - xs[b]), <, 0.01);
      g_assert_cmpfloat (hit->value, ==, tally_frame_get_series_values (frame, hit->series)[b]);
    }
  g_assert_true (tcv_press_key (view, GDK_KEY_Left));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 2);

  /* The tooltip is drawn as for the pointer. */
  during = tcv_render (GTK_WIDGET (view), "keyboard-line-during");
  g_assert_cmpuint (tcv_count_all_changed (before, during), >, 200);

  g_assert_true (tcv_press_key (view, GDK_KEY_End));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, TCV_N_BUCKETS - 1);
  g_assert_true (tcv_press_key (view, GDK_KEY_Right));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, TCV_N_BUCKETS - 1);
  g_assert_true (tcv_press_key (view, GDK_KEY_Home));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 0);

  /* From where the pointer left it. */
  tcv_hover (view, xs[7], tcv_height_of (before) / 4.0);
  g_assert_true (tcv_press_key (view, GDK_KEY_Right));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 8);

  /* Up and down are not a line chart's: they go on to the parent. */
  g_assert_false (tcv_press_key (view, GDK_KEY_Up));
  g_assert_false (tcv_press_key (view, GDK_KEY_a));

  /* Escape puts the tooltip away; a second Escape is not ours. */
  g_assert_true (tcv_press_key (view, GDK_KEY_Escape));
  g_assert_null (tally_chart_view_get_hit (view));
  g_assert_false (tcv_press_key (view, GDK_KEY_Escape));

  tcv_destroy_view (window, view);
}

static void
test_view_keyboard_pie (void)
{
  g_autoptr(TallyFrame) frame = tcv_categories_frame ();
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_PIE, frame, &window);
  g_autoptr(cairo_surface_t) pixels = tcv_render (GTK_WIDGET (view), "pie");
  const TallyChartHit *hit;
  guint n0, n1, n2;

  /* Slice areas in proportion to 3.75 : 1.25 : 0.5. */
  n0 = tcv_count_like (pixels, 0, tcv_height_of (pixels), tcv_series_color (view, 0));
  n1 = tcv_count_like (pixels, 0, tcv_height_of (pixels), tcv_series_color (view, 1));
  n2 = tcv_count_like (pixels, 0, tcv_height_of (pixels), tcv_series_color (view, 2));
  g_assert_cmpfloat (fabs ((double) n0 / n1 - 3), <, 0.3);
  g_assert_cmpfloat (fabs ((double) n1 / n2 - 2.5), <, 0.4);

  /* The arrows go round the slices in the frame's order. */
  for (int i = 0; i < 3; i++)
    {
      g_assert_true (tcv_press_key (view, GDK_KEY_Right));
      hit = tally_chart_view_get_hit (view);
      g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_SLICE);
      g_assert_cmpint (hit->series, ==, i);
      g_assert_cmpfloat (hit->value, ==, tally_frame_get_category_value (frame, i));
    }
  g_assert_true (tcv_press_key (view, GDK_KEY_Up));
  g_assert_cmpint (tally_chart_view_get_hit (view)->series, ==, 1);
  g_assert_nonnull (strstr (tally_chart_view_get_hit (view)->text, "$1.25"));

  tcv_destroy_view (window, view);
}

static void
test_view_keyboard_heatmap (void)
{
  g_autoptr(TallyFrame) frame = tcv_matrix_frame ();
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_HEATMAP, frame, &window);
  g_autoptr(cairo_surface_t) before = tcv_render (GTK_WIDGET (view), "heatmap");
  g_autoptr(cairo_surface_t) during = NULL;
  const TallyChartHit *hit;

  /* Home is the top left cell; the arrows move across and down. */
  g_assert_true (tcv_press_key (view, GDK_KEY_Home));
  hit = tally_chart_view_get_hit (view);
  g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_CELL);
  g_assert_cmpint (hit->index, ==, 0);
  g_assert_cmpint (hit->column, ==, 0);
  g_assert_true (tcv_press_key (view, GDK_KEY_Right));
  g_assert_true (tcv_press_key (view, GDK_KEY_Right));
  hit = tally_chart_view_get_hit (view);
  g_assert_cmpint (hit->index, ==, 0);
  g_assert_cmpint (hit->column, ==, 2);
  g_assert_true (tcv_press_key (view, GDK_KEY_Down));
  hit = tally_chart_view_get_hit (view);
  g_assert_cmpint (hit->index, ==, 1);
  g_assert_cmpint (hit->column, ==, 2);
  g_assert_cmpfloat (hit->value, ==, tally_frame_get_cell (frame, 1, 2));
  during = tcv_render (GTK_WIDGET (view), "heatmap-keyboard");
  g_assert_cmpuint (tcv_count_all_changed (before, during), >, 200);
  g_assert_true (tcv_press_key (view, GDK_KEY_End));
  hit = tally_chart_view_get_hit (view);
  g_assert_cmpint (hit->index, ==, 2);
  g_assert_cmpint (hit->column, ==, 3);

  tcv_destroy_view (window, view);
}

static void
test_view_keyboard_table (void)
{
  g_autoptr(TallyFrame) frame = tcv_table_frame (60);
  GtkWindow *window;
  TallyChartView *view = tcv_new_view (TALLY_CHART_TABLE, frame, &window);
  TallyChart *chart = tally_chart_view_get_chart (view);
  const TallyChartHit *hit;
  guint shown = 0;

  /* Down walks the rows; past the last one shown, the table scrolls. */
  g_assert_true (tcv_press_key (view, GDK_KEY_Down));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 0);
  while (tally_chart_get_first_row (chart) == 0)
    {
      g_assert_true (tcv_press_key (view, GDK_KEY_Down));
      g_assert_cmpuint (++shown, <, 60);
    }
  hit = tally_chart_view_get_hit (view);
  g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_ROW);
  g_assert_cmpint (hit->index, ==, (int) shown);
  g_assert_cmpuint (tally_chart_get_first_row (chart), ==, 1);
  g_assert_cmpfloat (tally_frame_get_number (frame, hit->index, 2), ==, 100 + shown);

  /* End goes to the last row of the frame, Home back to the first. */
  g_assert_true (tcv_press_key (view, GDK_KEY_End));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 59);
  g_assert_true (tcv_press_key (view, GDK_KEY_Home));
  g_assert_cmpint (tally_chart_view_get_hit (view)->index, ==, 0);
  g_assert_cmpuint (tally_chart_get_first_row (chart), ==, 0);

  tcv_destroy_view (window, view);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_gui_init (&argc, &argv);

  g_test_add_func ("/tally/chart-view/table", test_view_table);
  g_test_add_func ("/tally/chart-view/table-shapes", test_view_table_shapes);
  g_test_add_func ("/tally/chart-view/keyboard-line", test_view_keyboard_line);
  g_test_add_func ("/tally/chart-view/keyboard-pie", test_view_keyboard_pie);
  g_test_add_func ("/tally/chart-view/keyboard-heatmap", test_view_keyboard_heatmap);
  g_test_add_func ("/tally/chart-view/keyboard-table", test_view_keyboard_table);

  return g_test_run ();
}
