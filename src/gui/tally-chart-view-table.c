/* tally-chart-view-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* "View as Table": the panel's data as a table of exact values, for
 * whoever cannot or would rather not read a chart (STYLE.md: every chart
 * has a table alternative). A drawn table would be a picture again, so
 * this is a GtkColumnView of labels: a screen reader walks its cells, a
 * keyboard scrolls it, and its text can be read at any size.
 *
 * Every frame shape becomes a table first: a timeseries gives a row per
 * bucket (time, then a column per shown series), categories a row per
 * shown category, a matrix a row per matrix row, a scalar one row; a
 * table stays itself. Values are written as the chart writes them (unit,
 * decimals, time zone), so the table and the tooltip agree. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-chart-view-private.h"
#include "tally-format.h"

static TallyFrame *
timeseries_table (TallyChart *chart,
                  TallyFrame *frame)
{
  TallyFrame *table = tally_frame_new_table ();
  guint n_buckets, n_series = tally_frame_get_n_series (frame);
  const gint64 *buckets = tally_frame_get_buckets (frame, &n_buckets);
  g_autofree guint *shown = g_new (guint, n_series + 1);
  guint n_shown = 0;

  tally_frame_add_column (table, _("Time"), TALLY_COLUMN_TIME);
  for (guint s = 0; s < n_series; s++)
    {
      const char *name = tally_frame_get_series_name (frame, s);

      if (tally_chart_get_series_hidden (chart, name))
        continue;
      tally_frame_add_column (table, name, TALLY_COLUMN_NUMBER);
      shown[n_shown++] = s;
    }

  for (guint b = 0; b < n_buckets; b++)
    {
      guint row = tally_frame_append_row (table);

      tally_frame_set_number (table, row, 0, buckets[b]);
      for (guint i = 0; i < n_shown; i++)
        tally_frame_set_number (table, row, i + 1,
                                tally_frame_get_series_values (frame, shown[i])[b]);
    }

  return table;
}

static TallyFrame *
categories_table (TallyChart *chart,
                  TallyFrame *frame)
{
  TallyFrame *table = tally_frame_new_table ();

  tally_frame_add_column (table, _("Name"), TALLY_COLUMN_STRING);
  tally_frame_add_column (table, _("Value"), TALLY_COLUMN_NUMBER);
  for (guint i = 0; i < tally_frame_get_n_categories (frame); i++)
    {
      const char *label = tally_frame_get_category_label (frame, i);
      guint row;

      if (tally_chart_get_series_hidden (chart, label))
        continue;
      row = tally_frame_append_row (table);
      tally_frame_set_string (table, row, 0, label);
      tally_frame_set_number (table, row, 1, tally_frame_get_category_value (frame, i));
    }

  return table;
}

static TallyFrame *
matrix_table (TallyFrame *frame)
{
  TallyFrame *table = tally_frame_new_table ();
  guint n_rows = tally_frame_get_n_rows (frame), n_columns = tally_frame_get_n_columns (frame);

  tally_frame_add_column (table, _("Row"), TALLY_COLUMN_STRING);
  for (guint c = 0; c < n_columns; c++)
    tally_frame_add_column (table, tally_frame_get_column_label (frame, c), TALLY_COLUMN_NUMBER);

  for (guint r = 0; r < n_rows; r++)
    {
      guint row = tally_frame_append_row (table);

      tally_frame_set_string (table, row, 0, tally_frame_get_row_label (frame, r));
      for (guint c = 0; c < n_columns; c++)
        tally_frame_set_number (table, row, c + 1, tally_frame_get_cell (frame, r, c));
    }

  return table;
}

static TallyFrame *
scalar_table (TallyFrame *frame)
{
  TallyFrame *table = tally_frame_new_table ();
  double previous = tally_frame_get_previous (frame);
  guint row;

  tally_frame_add_column (table, _("Value"), TALLY_COLUMN_NUMBER);
  if (isfinite (previous))
    tally_frame_add_column (table, _("Previous period"), TALLY_COLUMN_NUMBER);
  row = tally_frame_append_row (table);
  tally_frame_set_number (table, row, 0, tally_frame_get_value (frame));
  if (isfinite (previous))
    tally_frame_set_number (table, row, 1, previous);

  return table;
}

/**
 * tally_chart_view_frame_to_table:
 * @chart: a chart
 *
 * The chart's frame as a table (shape %TALLY_SHAPE_TABLE), leaving out
 * the series and categories the chart hides.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL when the chart
 *   has no data to show
 */
TallyFrame *
tally_chart_view_frame_to_table (TallyChart *chart)
{
  TallyFrame *frame = tally_chart_get_frame (chart);

  if (frame == NULL || tally_frame_is_empty (frame))
    return NULL;

  switch (tally_frame_get_shape (frame))
    {
    case TALLY_SHAPE_SCALAR:
      return scalar_table (frame);
    case TALLY_SHAPE_TIMESERIES:
      return timeseries_table (chart, frame);
    case TALLY_SHAPE_CATEGORIES:
      return categories_table (chart, frame);
    case TALLY_SHAPE_MATRIX:
      return matrix_table (frame);
    case TALLY_SHAPE_TABLE:
      return tally_frame_ref (frame);
    case TALLY_N_SHAPES:
    default:
      return NULL;
    }
}

/* Times at the precision of the frame: seconds for sub-minute buckets,
 * the date alone for daily ones; a table frame's times in full. */
static TallyTimeFormat
time_format (TallyFrame *frame)
{
  gint64 interval;

  if (tally_frame_get_shape (frame) != TALLY_SHAPE_TIMESERIES)
    return TALLY_TIME_FORMAT_FULL;
  interval = tally_frame_get_interval (frame);
  if (interval > 0 && interval < 60)
    return TALLY_TIME_FORMAT_FULL;
  if (interval >= 86400)
    return TALLY_TIME_FORMAT_DATE;
  return TALLY_TIME_FORMAT_DATE_TIME;
}

static char *
format_cell (TallyChart *chart,
             TallyFrame *table,
             guint       row,
             guint       column)
{
  TallyFrame *frame = tally_chart_get_frame (chart);
  const TallyChartOptions *options = tally_chart_get_options (chart);
  const TallyColumnFormat *format = NULL;
  const char *unit = options->unit != NULL ? options->unit : tally_frame_get_unit (frame);
  int decimals = options->decimals;
  double value;

  if (tally_frame_get_shape (frame) == TALLY_SHAPE_TABLE)
    {
      format = tally_chart_options_get_column (options,
                                               tally_frame_get_column_name (table, column));
      unit = format != NULL ? format->unit : NULL;
      decimals = format != NULL ? format->decimals : TALLY_FORMAT_AUTO;
    }

  switch (tally_frame_get_column_type (table, column))
    {
    case TALLY_COLUMN_STRING:
      return g_strdup (tally_frame_get_string (table, row, column));
    case TALLY_COLUMN_TIME:
      value = tally_frame_get_number (table, row, column);
      if (isnan (value))
        return tally_format_value (value, NULL, TALLY_FORMAT_AUTO);
      return tally_format_time ((gint64) value, tally_chart_get_time_zone (chart),
                                time_format (frame),
                                tally_chart_theme_get_clock_12h (tally_chart_get_theme (chart)));
    case TALLY_COLUMN_INTEGER:
    case TALLY_COLUMN_STATUS:
      value = tally_frame_get_number (table, row, column);
      if (isnan (value))
        return tally_format_value (value, NULL, TALLY_FORMAT_AUTO);
      if (unit == NULL)
        return g_strdup_printf ("%.0f", value);
      return tally_format_value (value, unit, decimals);
    case TALLY_COLUMN_NUMBER:
    case TALLY_N_COLUMN_TYPES:
    default:
      return tally_format_value (tally_frame_get_number (table, row, column), unit, decimals);
    }
}

static const char *
column_title (TallyChart *chart,
              TallyFrame *table,
              guint       column)
{
  const char *name = tally_frame_get_column_name (table, column);
  const TallyColumnFormat *format = tally_chart_options_get_column (tally_chart_get_options (chart),
                                                                   name);

  if (tally_frame_get_shape (tally_chart_get_frame (chart)) == TALLY_SHAPE_TABLE &&
      format != NULL && format->title != NULL)
    return format->title;
  return name;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (g_object_get_data (G_OBJECT (factory), "numeric") != NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_width_chars (GTK_LABEL (label), 7);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  GtkStringList *row = gtk_list_item_get_item (list_item);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      gtk_string_list_get_string (row, column));
}

static void
set_columns (TallyChartView  *self,
             TallyFrame      *table,
             GStrv            titles)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }

  for (guint c = 0; titles[c] != NULL; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      TallyColumnType type = tally_frame_get_column_type (table, c);
      gboolean numeric = type != TALLY_COLUMN_STRING && type != TALLY_COLUMN_TIME;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      if (numeric)
        g_object_set_data (G_OBJECT (factory), "numeric", GINT_TO_POINTER (TRUE));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), NULL);

      /* Numbers keep to their width, right-aligned under their header;
       * names and times take the room left. */
      column = gtk_column_view_column_new (titles[c], factory);
      gtk_column_view_column_set_expand (column, !numeric);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }

  g_strfreev (self->column_titles);
  self->column_titles = titles;
}

static void
fill_rows (TallyChartView *self,
           TallyFrame     *table)
{
  guint n_rows = tally_frame_get_n_rows (table), n_columns = tally_frame_get_n_columns (table);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n_rows, g_object_unref);

  for (guint r = 0; r < n_rows; r++)
    {
      GtkStringList *row = gtk_string_list_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *text = format_cell (self->chart, table, r, c);

          gtk_string_list_append (row, text != NULL ? text : "");
        }
      g_ptr_array_add (rows, row);
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

static void
ensure_table (TallyChartView *self)
{
  GtkWidget *scrolled;
  g_autoptr(GtkSelectionModel) selection = NULL;

  if (self->table != NULL)
    return;

  self->rows = g_list_store_new (GTK_TYPE_STRING_LIST);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (g_steal_pointer (&selection)));
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_column_view_set_reorderable (self->column_view, FALSE);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->table_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->table_error, TRUE);
  gtk_label_set_xalign (self->table_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->table_error), "error");
  gtk_widget_set_margin_start (GTK_WIDGET (self->table_error), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->table_error), 6);

  self->table = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->table), GTK_WIDGET (self->table_error));
  gtk_box_append (GTK_BOX (self->table), scrolled);
  gtk_widget_set_parent (self->table, GTK_WIDGET (self));
}

/* Makes the table follow the chart: its columns, rows, error and name. */
static void
update_table (TallyChartView *self,
              TallyFrame     *table)
{
  const char *error = tally_chart_get_error (self->chart);
  const char *title = tally_chart_get_title (self->chart);
  guint n_columns = tally_frame_get_n_columns (table);
  GStrv titles = g_new0 (char *, n_columns + 1);

  for (guint c = 0; c < n_columns; c++)
    titles[c] = g_strdup (column_title (self->chart, table, c));
  if (self->column_titles == NULL || !g_strv_equal ((const char * const *) titles,
                                                    (const char * const *) self->column_titles))
    set_columns (self, table, titles);
  else
    g_strfreev (titles);
  fill_rows (self, table);

  gtk_label_set_text (self->table_error, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->table_error), error != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : _("Chart"),
                                  -1);
}

/* Shows, refreshes or removes the table as the view-as-table property and
 * the chart say. With nothing to list (loading, no data, an error and no
 * frame) the chart's own state message stays in view. */
void
tally_chart_view_table_sync (TallyChartView *self)
{
  g_autoptr(TallyFrame) table = NULL;

  if (!self->view_as_table)
    {
      tally_chart_view_table_dispose (self);
      gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      return;
    }

  ensure_table (self);
  table = tally_chart_view_frame_to_table (self->chart);
  if (table != NULL)
    update_table (self, table);
  gtk_widget_set_visible (self->table, table != NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), table == NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
tally_chart_view_table_shown (TallyChartView *self)
{
  return self->table != NULL && gtk_widget_get_visible (self->table);
}

void
tally_chart_view_table_dispose (TallyChartView *self)
{
  g_clear_pointer (&self->table, gtk_widget_unparent);
  self->column_view = NULL;
  self->table_error = NULL;
  g_clear_object (&self->rows);
  g_clear_pointer (&self->column_titles, g_strfreev);
}
