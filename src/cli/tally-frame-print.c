/* tally-frame-print.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A frame as `tally query` shows it to a person: a heading naming the
 * question and the range, then one aligned table per shape, with numbers
 * in their units and times in the range's zone. Long time series are cut
 * in the middle; --json is the way to get everything exactly. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "tally-cli-format.h"
#include "tally-frame-print.h"

#define ELIDED       "…"
#define HEAD_ROWS    12
#define TAIL_ROWS    12
#define MAX_CELL     40
#define DAY_SECONDS  86400

/* Which rows of @n a long listing shows: all, or the first and last
 * ones with an ellipsis row before the tail. */
typedef struct
{
  guint    n;
  gboolean elide;
} Rows;

static Rows
rows_new (guint    n,
          gboolean full)
{
  return (Rows) { n, !full && n > TALLY_FRAME_PRINT_MAX_ROWS };
}

static gboolean
rows_shows (const Rows *rows,
            guint       i)
{
  return !rows->elide || i < HEAD_ROWS || i >= rows->n - TAIL_ROWS;
}

static gboolean
rows_elides_before (const Rows *rows,
                    guint       i)
{
  return rows->elide && i == rows->n - TAIL_ROWS;
}

static void
add_elided_row (TallyCliTable *table,
                guint          n_columns)
{
  tally_cli_table_add_row (table);
  for (guint c = 0; c < n_columns; c++)
    tally_cli_table_set_cell (table, c, ELIDED);
}

static void
append_table (GString       *out,
              TallyCliTable *table,
              const Rows    *rows)
{
  g_autofree char *text = tally_cli_table_to_string (table, MAX_CELL);

  g_string_append (out, text);
  if (rows != NULL && rows->elide)
    {
      g_string_append_printf (out, _("(%u of %u rows shown; --full prints them all)"),
                              HEAD_ROWS + TAIL_ROWS, rows->n);
      g_string_append_c (out, '\n');
    }
}

static char *
dimension_name (const TallyDimension *dimension)
{
  if (dimension->kind >= TALLY_N_DIMENSIONS)
    return g_strdup ("");

  return tally_dimension_to_string (dimension);
}

static char *
describe_filters (const TallyQuery *query)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < query->filters->len; i++)
    {
      const TallyFilter *filter = g_ptr_array_index (query->filters, i);
      g_autofree char *name = dimension_name (&filter->dimension);
      g_autofree char *values = g_strjoinv (", ", filter->values);

      g_string_append_printf (text, "%s%s = %s", i > 0 ? "; " : "", name, values);
    }

  return g_string_free (text, FALSE);
}

static void
append_heading (GString                      *out,
                const TallyFrame             *frame,
                const TallyFramePrintOptions *o)
{
  const TallyQuery *query = o->query;
  g_autofree char *from = tally_cli_format_time (o->range->from, o->range->tz, "%Y-%m-%d %H:%M");
  g_autofree char *to = tally_cli_format_time (o->range->to, o->range->tz, "%Y-%m-%d %H:%M %Z");
  g_autofree char *filters = describe_filters (query);
  TallyShape shape = tally_frame_get_shape (frame);

  if (shape == TALLY_SHAPE_TABLE)
    g_string_append (out, query->metric == TALLY_METRIC_ERRORS ||
                          query->metric == TALLY_METRIC_RATE_LIMITED
                            ? tally_metric_get_title (query->metric) : _("Events"));
  else if (shape == TALLY_SHAPE_MATRIX && query->rows.kind == TALLY_DIMENSION_LATENCY_BUCKET)
    g_string_append_printf (out, "%s · %s", tally_metric_get_title (query->metric),
                            _("requests per range"));
  else
    g_string_append_printf (out, "%s · %s", tally_metric_get_title (query->metric),
                            tally_stat_get_title (query->stat));
  if ((shape == TALLY_SHAPE_TIMESERIES || shape == TALLY_SHAPE_CATEGORIES) &&
      tally_query_has_group_by (query))
    {
      g_autofree char *by = dimension_name (&query->group_by);

      g_string_append (out, " · ");
      g_string_append_printf (out, _("by %s"), by);
    }
  g_string_append_printf (out, "\n%s – %s\n", from, to);
  if (filters[0] != '\0')
    g_string_append_printf (out, _("Filter: %s\n"), filters);
  g_string_append_c (out, '\n');
}

static void
print_scalar (GString          *out,
              const TallyFrame *frame)
{
  g_autoptr(TallyCliTable) table = tally_cli_table_new (2);
  const char *unit = tally_frame_get_unit (frame);
  double value = tally_frame_get_value (frame);
  double previous = tally_frame_get_previous (frame);

  tally_cli_table_set_right (table, 1, TRUE);
  tally_cli_table_add_row (table);
  tally_cli_table_set_cell (table, 0, _("Value"));
  tally_cli_table_take_cell (table, 1, tally_cli_format_value (value, unit));
  tally_cli_table_add_row (table);
  tally_cli_table_set_cell (table, 0, _("Previous period"));
  tally_cli_table_take_cell (table, 1, tally_cli_format_value (previous, unit));
  tally_cli_table_add_row (table);
  tally_cli_table_set_cell (table, 0, _("Change"));
  tally_cli_table_take_cell (table, 1, tally_cli_format_change (value, previous));
  append_table (out, table, NULL);
}

/* Dates alone for buckets of whole days, else minutes. */
static const char *
time_format (gint64 interval_s)
{
  return interval_s > 0 && interval_s % DAY_SECONDS == 0 ? "%Y-%m-%d" : "%Y-%m-%d %H:%M";
}

static void
print_timeseries (GString                      *out,
                  const TallyFrame             *frame,
                  const TallyFramePrintOptions *o)
{
  guint n_series = tally_frame_get_n_series (frame);
  guint n_buckets;
  const gint64 *buckets = tally_frame_get_buckets (frame, &n_buckets);
  const char *format = time_format (tally_frame_get_interval (frame));
  const char *unit = tally_frame_get_unit (frame);
  g_autoptr(TallyCliTable) table = tally_cli_table_new (n_series + 1);
  Rows rows = rows_new (n_buckets, o->full);

  if (n_series == 0)
    {
      g_string_append (out, _("No data in this range."));
      g_string_append_c (out, '\n');
      return;
    }

  tally_cli_table_add_row (table);
  tally_cli_table_set_cell (table, 0, _("Time"));
  for (guint s = 0; s < n_series; s++)
    {
      tally_cli_table_set_right (table, s + 1, TRUE);
      tally_cli_table_set_cell (table, s + 1, tally_frame_get_series_name (frame, s));
    }

  for (guint b = 0; b < n_buckets; b++)
    {
      if (rows_elides_before (&rows, b))
        add_elided_row (table, n_series + 1);
      if (!rows_shows (&rows, b))
        continue;
      tally_cli_table_add_row (table);
      tally_cli_table_take_cell (table, 0,
                                 tally_cli_format_time (buckets[b], o->range->tz, format));
      for (guint s = 0; s < n_series; s++)
        {
          const double *values = tally_frame_get_series_values (frame, s);

          tally_cli_table_take_cell (table, s + 1, tally_cli_format_value (values[b], unit));
        }
    }
  append_table (out, table, &rows);
}

/* Whether the values add up to a whole, so that shares make sense. */
static gboolean
is_additive (const TallyQuery *query)
{
  TallyMetricKind kind = tally_metric_get_kind (query->metric);

  return (kind == TALLY_METRIC_KIND_COUNT || kind == TALLY_METRIC_KIND_AMOUNT) &&
         (query->stat == TALLY_STAT_SUM || query->stat == TALLY_STAT_COUNT ||
          query->stat == TALLY_STAT_RATE);
}

static void
print_categories (GString                      *out,
                  const TallyFrame             *frame,
                  const TallyFramePrintOptions *o)
{
  guint n = tally_frame_get_n_categories (frame);
  gboolean shares = is_additive (o->query);
  const char *unit = tally_frame_get_unit (frame);
  g_autoptr(TallyCliTable) table = tally_cli_table_new (shares ? 3 : 2);
  g_autofree char *group = dimension_name (&o->query->group_by);
  double total = 0;

  if (n == 0)
    {
      g_string_append (out, _("No data in this range."));
      g_string_append_c (out, '\n');
      return;
    }

  for (guint i = 0; i < n; i++)
    total += isfinite (tally_frame_get_category_value (frame, i))
               ? tally_frame_get_category_value (frame, i) : 0;

  tally_cli_table_set_right (table, 1, TRUE);
  tally_cli_table_add_row (table);
  tally_cli_table_set_cell (table, 0, group);
  tally_cli_table_set_cell (table, 1, tally_metric_get_title (o->query->metric));
  if (shares)
    {
      tally_cli_table_set_right (table, 2, TRUE);
      tally_cli_table_set_cell (table, 2, _("Share"));
    }

  for (guint i = 0; i <= n; i++)
    {
      double value = i < n ? tally_frame_get_category_value (frame, i) : total;

      if (i == n && !shares)
        break;
      tally_cli_table_add_row (table);
      tally_cli_table_set_cell (table, 0, i < n ? tally_frame_get_category_label (frame, i)
                                                : _("Total"));
      tally_cli_table_take_cell (table, 1, tally_cli_format_value (value, unit));
      if (shares)
        tally_cli_table_take_cell (table, 2,
                                   tally_cli_format_value (total > 0 ? value / total : NAN,
                                                           "percent"));
    }
  append_table (out, table, NULL);
}

/* The label of a matrix column of time: Unix seconds, shown as local time. */
static char *
time_label (const char *label,
            GTimeZone  *tz)
{
  return tally_cli_format_time (g_ascii_strtoll (label, NULL, 10), tz, "%Y-%m-%d %H:%M");
}

/* latency_bucket × time: time runs down the page, as in a time series. */
static void
print_matrix_over_time (GString                      *out,
                        const TallyFrame             *frame,
                        const TallyFramePrintOptions *o)
{
  guint n_rows = tally_frame_get_n_rows (frame);
  guint n_times = tally_frame_get_n_columns (frame);
  g_autoptr(TallyCliTable) table = tally_cli_table_new (n_rows + 1);
  Rows rows = rows_new (n_times, o->full);

  tally_cli_table_add_row (table);
  tally_cli_table_set_cell (table, 0, _("Time"));
  for (guint r = 0; r < n_rows; r++)
    {
      tally_cli_table_set_right (table, r + 1, TRUE);
      tally_cli_table_set_cell (table, r + 1, tally_frame_get_row_label (frame, r));
    }
  for (guint t = 0; t < n_times; t++)
    {
      if (rows_elides_before (&rows, t))
        add_elided_row (table, n_rows + 1);
      if (!rows_shows (&rows, t))
        continue;
      tally_cli_table_add_row (table);
      tally_cli_table_take_cell (table, 0, time_label (tally_frame_get_column_label (frame, t),
                                                       o->range->tz));
      for (guint r = 0; r < n_rows; r++)
        tally_cli_table_take_cell (table, r + 1,
                                   tally_cli_format_value (tally_frame_get_cell (frame, r, t),
                                                           tally_frame_get_unit (frame)));
    }
  append_table (out, table, &rows);
}

static void
print_matrix (GString                      *out,
              const TallyFrame             *frame,
              const TallyFramePrintOptions *o)
{
  guint n_rows = tally_frame_get_n_rows (frame);
  guint n_columns = tally_frame_get_n_columns (frame);
  g_autoptr(TallyCliTable) table = tally_cli_table_new (n_columns + 1);
  g_autofree char *corner = dimension_name (&o->query->rows);

  if (o->query->columns.kind == TALLY_DIMENSION_TIME)
    {
      print_matrix_over_time (out, frame, o);
      return;
    }
  if (n_rows == 0 || n_columns == 0)
    {
      g_string_append (out, _("No data in this range."));
      g_string_append_c (out, '\n');
      return;
    }

  tally_cli_table_add_row (table);
  tally_cli_table_set_cell (table, 0, corner);
  for (guint c = 0; c < n_columns; c++)
    {
      tally_cli_table_set_right (table, c + 1, TRUE);
      tally_cli_table_set_cell (table, c + 1, tally_frame_get_column_label (frame, c));
    }
  for (guint r = 0; r < n_rows; r++)
    {
      tally_cli_table_add_row (table);
      tally_cli_table_set_cell (table, 0, tally_frame_get_row_label (frame, r));
      for (guint c = 0; c < n_columns; c++)
        tally_cli_table_take_cell (table, c + 1,
                                   tally_cli_format_value (tally_frame_get_cell (frame, r, c),
                                                           tally_frame_get_unit (frame)));
    }
  append_table (out, table, NULL);
}

static gboolean
column_has_values (const TallyFrame *frame,
                   guint             column)
{
  gboolean strings = tally_frame_get_column_type (frame, column) == TALLY_COLUMN_STRING;

  for (guint r = 0; r < tally_frame_get_n_rows (frame); r++)
    {
      if (strings ? tally_frame_get_string (frame, r, column) != NULL
                  : !isnan (tally_frame_get_number (frame, r, column)))
        return TRUE;
    }
  return FALSE;
}

static char *
format_table_cell (const TallyFrame             *frame,
                   guint                         row,
                   guint                         column,
                   const TallyFramePrintOptions *o)
{
  const char *name = tally_frame_get_column_name (frame, column);
  double value;

  switch (tally_frame_get_column_type (frame, column))
    {
    case TALLY_COLUMN_STRING:
      return g_strdup (tally_frame_get_string (frame, row, column));
    case TALLY_COLUMN_TIME:
      value = tally_frame_get_number (frame, row, column);
      return isnan (value) ? g_strdup ("")
                           : tally_cli_format_time ((gint64) floor (value), o->range->tz,
                                                    "%Y-%m-%d %H:%M:%S");
    case TALLY_COLUMN_STATUS:
      value = tally_frame_get_number (frame, row, column);
      return isnan (value) ? g_strdup ("") : g_strdup_printf ("%d", (int) value);
    default:
      value = tally_frame_get_number (frame, row, column);
      if (isnan (value))
        return g_strdup ("");
      if (g_str_equal (name, "cost"))
        return tally_cli_format_value (value, "usd");
      if (g_str_has_suffix (name, "_ms"))
        return tally_cli_format_value (value, "ms");
      return tally_cli_format_value (value, NULL);
    }
}

static void
print_table (GString                      *out,
             const TallyFrame             *frame,
             const TallyFramePrintOptions *o)
{
  guint n_rows = tally_frame_get_n_rows (frame);
  guint n_columns = tally_frame_get_n_columns (frame);
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(TallyCliTable) table = NULL;

  if (n_rows == 0)
    {
      g_string_append (out, _("No events in this range."));
      g_string_append_c (out, '\n');
      return;
    }

  /* Columns no event fills are left out: they would only be blank. */
  for (guint c = 0; c < n_columns; c++)
    if (column_has_values (frame, c))
      g_array_append_val (shown, c);

  table = tally_cli_table_new (shown->len);
  tally_cli_table_add_row (table);
  for (guint i = 0; i < shown->len; i++)
    {
      guint c = g_array_index (shown, guint, i);
      TallyColumnType type = tally_frame_get_column_type (frame, c);

      tally_cli_table_set_right (table, i,
                                 type != TALLY_COLUMN_STRING && type != TALLY_COLUMN_TIME);
      tally_cli_table_set_cell (table, i, tally_frame_get_column_name (frame, c));
    }
  for (guint r = 0; r < n_rows; r++)
    {
      tally_cli_table_add_row (table);
      for (guint i = 0; i < shown->len; i++)
        {
          guint c = g_array_index (shown, guint, i);

          tally_cli_table_take_cell (table, i, format_table_cell (frame, r, c, o));
        }
    }
  append_table (out, table, NULL);
}

/**
 * tally_frame_print:
 *
 * Returns: the frame as text for a terminal, ending in a newline
 */
char *
tally_frame_print (const TallyFrame             *frame,
                   const TallyFramePrintOptions *options)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (frame != NULL, NULL);
  g_return_val_if_fail (options != NULL && options->query != NULL && options->range != NULL, NULL);

  append_heading (out, frame, options);
  switch (tally_frame_get_shape (frame))
    {
    case TALLY_SHAPE_SCALAR:
      print_scalar (out, frame);
      break;
    case TALLY_SHAPE_TIMESERIES:
      print_timeseries (out, frame, options);
      break;
    case TALLY_SHAPE_CATEGORIES:
      print_categories (out, frame, options);
      break;
    case TALLY_SHAPE_MATRIX:
      print_matrix (out, frame, options);
      break;
    case TALLY_SHAPE_TABLE:
    case TALLY_N_SHAPES:
    default:
      print_table (out, frame, options);
      break;
    }

  return g_string_free (out, FALSE);
}
