/* tally-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The answer to a query. Every source builds frames and every renderer
 * reads them, so this is the one place that knows their shapes
 * (DESIGN.md, "Queries and frames"); tally-frame-json.c reads and writes
 * them as JSON. */

#include "config.h"

#include <glib-object.h>
#include <math.h>

#include "tally-frame.h"
#include "tally-names.h"

struct _TallyFrame
{
  TallyShape  shape;
  char       *metric;
  char       *stat;
  char       *unit;

  /* scalar */
  double      value;
  double      previous;
  GArray     *sparkline;        /* double */

  /* timeseries, and the sparkline's start and step */
  gint64      interval_s;
  GArray     *buckets;          /* gint64 */
  GPtrArray  *names;            /* series names, or category labels */
  GPtrArray  *series;           /* double[n_buckets] each */
  GArray     *values;           /* category values (double) */

  /* matrix and table */
  GPtrArray  *row_labels;
  GPtrArray  *column_labels;    /* matrix labels, or table column names */
  GArray     *column_types;     /* TallyColumnType */
  GArray     *cells;            /* matrix: double[rows × columns] */
  GPtrArray  *columns;          /* table: one GArray (double) or GPtrArray (char *) each */
  guint       n_rows;
};

static const char *shape_names[] = { "scalar", "timeseries", "categories", "matrix", "table" };
static const char *column_type_names[] = { "time", "string", "integer", "number", "status" };

const char *
tally_column_type_to_string (TallyColumnType type)
{
  g_return_val_if_fail (type < TALLY_N_COLUMN_TYPES, NULL);

  return column_type_names[type];
}

gboolean
tally_column_type_from_string (const char      *name,
                               TallyColumnType *type)
{
  guint index;

  if (!tally_names_lookup (column_type_names, TALLY_N_COLUMN_TYPES, name, &index))
    return FALSE;
  *type = index;
  return TRUE;
}

static void
tally_frame_finalize (TallyFrame *self)
{
  g_free (self->metric);
  g_free (self->stat);
  g_free (self->unit);
  g_clear_pointer (&self->sparkline, g_array_unref);
  g_clear_pointer (&self->buckets, g_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->row_labels, g_ptr_array_unref);
  g_clear_pointer (&self->column_labels, g_ptr_array_unref);
  g_clear_pointer (&self->column_types, g_array_unref);
  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
}

TallyFrame *
tally_frame_ref (TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return g_atomic_rc_box_acquire (frame);
}

void
tally_frame_unref (TallyFrame *frame)
{
  g_return_if_fail (frame != NULL);

  g_atomic_rc_box_release_full (frame, (GDestroyNotify) tally_frame_finalize);
}

/* By hand: G_DEFINE_BOXED_TYPE trips -Wpedantic with GLib 2.74. */
GType
tally_frame_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_boxed_type_register_static (g_intern_static_string ("TallyFrame"),
                                                 (GBoxedCopyFunc) tally_frame_ref,
                                                 (GBoxedFreeFunc) tally_frame_unref);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

const char *
tally_shape_to_string (TallyShape shape)
{
  g_return_val_if_fail (shape < TALLY_N_SHAPES, NULL);

  return shape_names[shape];
}

gboolean
tally_shape_from_string (const char *name,
                         TallyShape *shape)
{
  guint index;

  if (!tally_names_lookup (shape_names, TALLY_N_SHAPES, name, &index))
    return FALSE;
  *shape = index;
  return TRUE;
}

static TallyFrame *
frame_new (TallyShape  shape,
           const char *metric,
           const char *stat,
           const char *unit)
{
  TallyFrame *self = g_atomic_rc_box_new0 (TallyFrame);

  self->shape = shape;
  self->metric = g_strdup (metric);
  self->stat = g_strdup (stat);
  self->unit = g_strdup (unit);
  self->value = NAN;
  self->previous = NAN;

  return self;
}

TallyShape
tally_frame_get_shape (const TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL, TALLY_SHAPE_SCALAR);

  return frame->shape;
}

const char *
tally_frame_get_metric (const TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return frame->metric;
}

const char *
tally_frame_get_stat (const TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return frame->stat;
}

const char *
tally_frame_get_unit (const TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return frame->unit;
}

static gboolean
all_nan (const double *values,
         guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      if (!isnan (values[i]))
        return FALSE;
    }

  return TRUE;
}

/* Whether there is nothing to draw: renderers show "no data" then. A
 * timeseries of zeros is data (nothing happened); one of nulls is not. */
gboolean
tally_frame_is_empty (const TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL, TRUE);

  switch (frame->shape)
    {
    case TALLY_SHAPE_SCALAR:
      return isnan (frame->value);

    case TALLY_SHAPE_TIMESERIES:
      for (guint i = 0; i < frame->series->len; i++)
        {
          if (!all_nan (g_ptr_array_index (frame->series, i), frame->buckets->len))
            return FALSE;
        }
      return TRUE;

    case TALLY_SHAPE_CATEGORIES:
      return all_nan ((const double *) (gpointer) frame->values->data, frame->values->len);

    case TALLY_SHAPE_MATRIX:
      return all_nan ((const double *) (gpointer) frame->cells->data, frame->cells->len);

    case TALLY_SHAPE_TABLE:
      return frame->n_rows == 0;

    case TALLY_N_SHAPES:
    default:
      g_assert_not_reached ();
    }
}

/* scalar */

TallyFrame *
tally_frame_new_scalar (const char *metric,
                        const char *stat,
                        const char *unit,
                        double      value,
                        double      previous)
{
  TallyFrame *self = frame_new (TALLY_SHAPE_SCALAR, metric, stat, unit);

  self->value = value;
  self->previous = previous;
  self->sparkline = g_array_new (FALSE, FALSE, sizeof (double));
  self->buckets = g_array_new (FALSE, FALSE, sizeof (gint64));

  return self;
}

/* The small line under a stat card's value: @n_values points, the first
 * starting at @start, one every @interval_s seconds. */
void
tally_frame_set_sparkline (TallyFrame   *frame,
                           gint64        start,
                           gint64        interval_s,
                           const double *values,
                           guint         n_values)
{
  g_return_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_SCALAR);
  g_return_if_fail (n_values == 0 || values != NULL);

  g_array_set_size (frame->sparkline, 0);
  g_array_set_size (frame->buckets, 0);
  g_array_append_vals (frame->sparkline, values, n_values);
  for (guint i = 0; i < n_values; i++)
    {
      gint64 t = start + (gint64) i * interval_s;

      g_array_append_val (frame->buckets, t);
    }
  frame->interval_s = interval_s;
}

double
tally_frame_get_value (const TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_SCALAR, NAN);

  return frame->value;
}

double
tally_frame_get_previous (const TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_SCALAR, NAN);

  return frame->previous;
}

const double *
tally_frame_get_sparkline (const TallyFrame *frame,
                           guint            *n_values)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_SCALAR, NULL);

  if (n_values != NULL)
    *n_values = frame->sparkline->len;

  return (const double *) (gpointer) frame->sparkline->data;
}

/* timeseries */

TallyFrame *
tally_frame_new_timeseries (const char   *metric,
                            const char   *stat,
                            const char   *unit,
                            gint64        interval_s,
                            const gint64 *buckets,
                            guint         n_buckets)
{
  TallyFrame *self = frame_new (TALLY_SHAPE_TIMESERIES, metric, stat, unit);

  g_return_val_if_fail (n_buckets == 0 || buckets != NULL, self);

  self->interval_s = interval_s;
  self->buckets = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_buckets);
  g_array_append_vals (self->buckets, buckets, n_buckets);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (g_free);

  return self;
}

/* Adds a series of one value per bucket (NAN for null), copied. */
void
tally_frame_add_series (TallyFrame   *frame,
                        const char   *name,
                        const double *values)
{
  g_return_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_TIMESERIES);
  g_return_if_fail (name != NULL);
  g_return_if_fail (frame->buckets->len == 0 || values != NULL);

  g_ptr_array_add (frame->names, g_strdup (name));
  g_ptr_array_add (frame->series, g_memdup2 (values, sizeof (double) * frame->buckets->len));
}

gint64
tally_frame_get_interval (const TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL, 0);

  return frame->interval_s;
}

const gint64 *
tally_frame_get_buckets (const TallyFrame *frame,
                         guint            *n_buckets)
{
  g_return_val_if_fail (frame != NULL, NULL);
  g_return_val_if_fail (frame->shape == TALLY_SHAPE_TIMESERIES ||
                        frame->shape == TALLY_SHAPE_SCALAR, NULL);

  if (n_buckets != NULL)
    *n_buckets = frame->buckets->len;

  return (const gint64 *) (gpointer) frame->buckets->data;
}

guint
tally_frame_get_n_series (const TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_TIMESERIES, 0);

  return frame->series->len;
}

const char *
tally_frame_get_series_name (const TallyFrame *frame,
                             guint             series)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_TIMESERIES, NULL);
  g_return_val_if_fail (series < frame->names->len, NULL);

  return g_ptr_array_index (frame->names, series);
}

const double *
tally_frame_get_series_values (const TallyFrame *frame,
                               guint             series)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_TIMESERIES, NULL);
  g_return_val_if_fail (series < frame->series->len, NULL);

  return g_ptr_array_index (frame->series, series);
}

/* categories */

TallyFrame *
tally_frame_new_categories (const char *metric,
                            const char *stat,
                            const char *unit)
{
  TallyFrame *self = frame_new (TALLY_SHAPE_CATEGORIES, metric, stat, unit);

  self->names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (double));

  return self;
}

void
tally_frame_add_category (TallyFrame *frame,
                          const char *label,
                          double      value)
{
  g_return_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_CATEGORIES);
  g_return_if_fail (label != NULL);

  g_ptr_array_add (frame->names, g_strdup (label));
  g_array_append_val (frame->values, value);
}

guint
tally_frame_get_n_categories (const TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_CATEGORIES, 0);

  return frame->values->len;
}

const char *
tally_frame_get_category_label (const TallyFrame *frame,
                                guint             index)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_CATEGORIES, NULL);
  g_return_val_if_fail (index < frame->names->len, NULL);

  return g_ptr_array_index (frame->names, index);
}

double
tally_frame_get_category_value (const TallyFrame *frame,
                                guint             index)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_CATEGORIES, NAN);
  g_return_val_if_fail (index < frame->values->len, NAN);

  return g_array_index (frame->values, double, index);
}

/* matrix */

static GPtrArray *
strv_to_array (const char * const *strv,
               guint               n)
{
  GPtrArray *array = g_ptr_array_new_full (n, g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_strdup (strv[i]));

  return array;
}

TallyFrame *
tally_frame_new_matrix (const char         *metric,
                        const char         *stat,
                        const char         *unit,
                        const char * const *rows,
                        guint               n_rows,
                        const char * const *columns,
                        guint               n_columns)
{
  TallyFrame *self;
  double nan = NAN;

  g_return_val_if_fail (n_columns == 0 || n_rows <= G_MAXUINT / n_columns, NULL);

  self = frame_new (TALLY_SHAPE_MATRIX, metric, stat, unit);
  self->row_labels = strv_to_array (rows, n_rows);
  self->column_labels = strv_to_array (columns, n_columns);
  self->n_rows = n_rows;
  self->cells = g_array_sized_new (FALSE, FALSE, sizeof (double), n_rows * n_columns);
  for (guint i = 0; i < n_rows * n_columns; i++)
    g_array_append_val (self->cells, nan);

  return self;
}

void
tally_frame_set_cell (TallyFrame *frame,
                      guint       row,
                      guint       column,
                      double      value)
{
  g_return_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_MATRIX);
  g_return_if_fail (row < frame->row_labels->len && column < frame->column_labels->len);

  g_array_index (frame->cells, double, row * frame->column_labels->len + column) = value;
}

guint
tally_frame_get_n_rows (const TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL, 0);
  g_return_val_if_fail (frame->shape == TALLY_SHAPE_MATRIX ||
                        frame->shape == TALLY_SHAPE_TABLE, 0);

  return frame->n_rows;
}

guint
tally_frame_get_n_columns (const TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL, 0);
  g_return_val_if_fail (frame->shape == TALLY_SHAPE_MATRIX ||
                        frame->shape == TALLY_SHAPE_TABLE, 0);

  return frame->column_labels->len;
}

const char *
tally_frame_get_row_label (const TallyFrame *frame,
                           guint             row)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_MATRIX, NULL);
  g_return_val_if_fail (row < frame->row_labels->len, NULL);

  return g_ptr_array_index (frame->row_labels, row);
}

const char *
tally_frame_get_column_label (const TallyFrame *frame,
                              guint             column)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_MATRIX, NULL);
  g_return_val_if_fail (column < frame->column_labels->len, NULL);

  return g_ptr_array_index (frame->column_labels, column);
}

double
tally_frame_get_cell (const TallyFrame *frame,
                      guint             row,
                      guint             column)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_MATRIX, NAN);
  g_return_val_if_fail (row < frame->row_labels->len && column < frame->column_labels->len, NAN);

  return g_array_index (frame->cells, double, row * frame->column_labels->len + column);
}

/* table */

TallyFrame *
tally_frame_new_table (void)
{
  TallyFrame *self = frame_new (TALLY_SHAPE_TABLE, NULL, NULL, NULL);

  self->column_labels = g_ptr_array_new_with_free_func (g_free);
  self->column_types = g_array_new (FALSE, FALSE, sizeof (TallyColumnType));
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  return self;
}

static void
clear_string (gpointer data)
{
  g_clear_pointer ((char **) data, g_free);
}

static gboolean
column_holds_strings (const TallyFrame *frame,
                      guint             column)
{
  return g_array_index (frame->column_types, TallyColumnType, column) == TALLY_COLUMN_STRING;
}

/* Adds a column before any row; returns its index. */
guint
tally_frame_add_column (TallyFrame      *frame,
                        const char      *name,
                        TallyColumnType  type)
{
  GArray *cells;

  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_TABLE, 0);
  g_return_val_if_fail (name != NULL && type < TALLY_N_COLUMN_TYPES, 0);
  g_return_val_if_fail (frame->n_rows == 0, 0);

  if (type == TALLY_COLUMN_STRING)
    {
      cells = g_array_new (FALSE, TRUE, sizeof (char *));
      g_array_set_clear_func (cells, clear_string);
    }
  else
    {
      cells = g_array_new (FALSE, FALSE, sizeof (double));
    }

  g_ptr_array_add (frame->column_labels, g_strdup (name));
  g_array_append_val (frame->column_types, type);
  g_ptr_array_add (frame->columns, cells);

  return frame->column_labels->len - 1;
}

/* Appends a row of nulls; returns its index. */
guint
tally_frame_append_row (TallyFrame *frame)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_TABLE, 0);

  for (guint c = 0; c < frame->columns->len; c++)
    {
      GArray *cells = g_ptr_array_index (frame->columns, c);

      if (column_holds_strings (frame, c))
        {
          char *null = NULL;

          g_array_append_val (cells, null);
        }
      else
        {
          double nan = NAN;

          g_array_append_val (cells, nan);
        }
    }

  return frame->n_rows++;
}

void
tally_frame_set_number (TallyFrame *frame,
                        guint       row,
                        guint       column,
                        double      value)
{
  g_return_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_TABLE);
  g_return_if_fail (row < frame->n_rows && column < frame->columns->len);
  g_return_if_fail (!column_holds_strings (frame, column));

  g_array_index ((GArray *) g_ptr_array_index (frame->columns, column), double, row) = value;
}

void
tally_frame_set_string (TallyFrame *frame,
                        guint       row,
                        guint       column,
                        const char *value)
{
  char **cell;

  g_return_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_TABLE);
  g_return_if_fail (row < frame->n_rows && column < frame->columns->len);
  g_return_if_fail (column_holds_strings (frame, column));

  cell = &g_array_index ((GArray *) g_ptr_array_index (frame->columns, column), char *, row);
  g_free (*cell);
  *cell = g_strdup (value);
}

const char *
tally_frame_get_column_name (const TallyFrame *frame,
                             guint             column)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_TABLE, NULL);
  g_return_val_if_fail (column < frame->column_labels->len, NULL);

  return g_ptr_array_index (frame->column_labels, column);
}

TallyColumnType
tally_frame_get_column_type (const TallyFrame *frame,
                             guint             column)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_TABLE, TALLY_COLUMN_STRING);
  g_return_val_if_fail (column < frame->column_types->len, TALLY_COLUMN_STRING);

  return g_array_index (frame->column_types, TallyColumnType, column);
}

double
tally_frame_get_number (const TallyFrame *frame,
                        guint             row,
                        guint             column)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_TABLE, NAN);
  g_return_val_if_fail (row < frame->n_rows && column < frame->columns->len, NAN);
  g_return_val_if_fail (!column_holds_strings (frame, column), NAN);

  return g_array_index ((GArray *) g_ptr_array_index (frame->columns, column), double, row);
}

const char *
tally_frame_get_string (const TallyFrame *frame,
                        guint             row,
                        guint             column)
{
  g_return_val_if_fail (frame != NULL && frame->shape == TALLY_SHAPE_TABLE, NULL);
  g_return_val_if_fail (row < frame->n_rows && column < frame->columns->len, NULL);
  g_return_val_if_fail (column_holds_strings (frame, column), NULL);

  return g_array_index ((GArray *) g_ptr_array_index (frame->columns, column), char *, row);
}
