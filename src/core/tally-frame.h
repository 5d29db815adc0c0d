/* tally-frame.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  TALLY_SHAPE_SCALAR,
  TALLY_SHAPE_TIMESERIES,
  TALLY_SHAPE_CATEGORIES,
  TALLY_SHAPE_MATRIX,
  TALLY_SHAPE_TABLE,
  TALLY_N_SHAPES
} TallyShape;

typedef enum
{
  TALLY_COLUMN_TIME,      /* Unix seconds, a double */
  TALLY_COLUMN_STRING,
  TALLY_COLUMN_INTEGER,
  TALLY_COLUMN_NUMBER,
  TALLY_COLUMN_STATUS,    /* an HTTP status, an integer; 0 = no response */
  TALLY_N_COLUMN_TYPES
} TallyColumnType;

#define TALLY_TYPE_FRAME (tally_frame_get_type ())

/**
 * TallyFrame:
 *
 * The answer to a query, in one of five shapes (DESIGN.md, "Queries and
 * frames"). Built by a source, then only read: renderers, the JSON output
 * and tests share it by reference. A missing number is NAN, which the JSON
 * writes as null.
 */
typedef struct _TallyFrame TallyFrame;

GType            tally_frame_get_type            (void) G_GNUC_CONST;

TallyFrame      *tally_frame_ref                 (TallyFrame       *frame);
void             tally_frame_unref               (TallyFrame       *frame);

const char      *tally_shape_to_string           (TallyShape        shape);
const char      *tally_column_type_to_string     (TallyColumnType   type);
gboolean         tally_column_type_from_string   (const char       *name,
                                                  TallyColumnType  *type);
gboolean         tally_shape_from_string         (const char       *name,
                                                  TallyShape       *shape);

/* common */
TallyShape       tally_frame_get_shape           (const TallyFrame *frame);
const char      *tally_frame_get_metric          (const TallyFrame *frame);
const char      *tally_frame_get_stat            (const TallyFrame *frame);
const char      *tally_frame_get_unit            (const TallyFrame *frame);
gboolean         tally_frame_is_empty            (const TallyFrame *frame);

/* scalar */
TallyFrame      *tally_frame_new_scalar          (const char       *metric,
                                                  const char       *stat,
                                                  const char       *unit,
                                                  double            value,
                                                  double            previous);
void             tally_frame_set_sparkline       (TallyFrame       *frame,
                                                  gint64            start,
                                                  gint64            interval_s,
                                                  const double     *values,
                                                  guint             n_values);
double           tally_frame_get_value           (const TallyFrame *frame);
double           tally_frame_get_previous        (const TallyFrame *frame);
const double    *tally_frame_get_sparkline       (const TallyFrame *frame,
                                                  guint            *n_values);

/* timeseries; also the sparkline's times */
TallyFrame      *tally_frame_new_timeseries      (const char       *metric,
                                                  const char       *stat,
                                                  const char       *unit,
                                                  gint64            interval_s,
                                                  const gint64     *buckets,
                                                  guint             n_buckets);
void             tally_frame_add_series          (TallyFrame       *frame,
                                                  const char       *name,
                                                  const double     *values);
gint64           tally_frame_get_interval        (const TallyFrame *frame);
const gint64    *tally_frame_get_buckets         (const TallyFrame *frame,
                                                  guint            *n_buckets);
guint            tally_frame_get_n_series        (const TallyFrame *frame);
const char      *tally_frame_get_series_name     (const TallyFrame *frame,
                                                  guint             series);
const double    *tally_frame_get_series_values   (const TallyFrame *frame,
                                                  guint             series);

/* categories */
TallyFrame      *tally_frame_new_categories      (const char       *metric,
                                                  const char       *stat,
                                                  const char       *unit);
void             tally_frame_add_category        (TallyFrame       *frame,
                                                  const char       *label,
                                                  double            value);
guint            tally_frame_get_n_categories    (const TallyFrame *frame);
const char      *tally_frame_get_category_label  (const TallyFrame *frame,
                                                  guint             index);
double           tally_frame_get_category_value  (const TallyFrame *frame,
                                                  guint             index);

/* matrix */
TallyFrame      *tally_frame_new_matrix          (const char       *metric,
                                                  const char       *stat,
                                                  const char       *unit,
                                                  const char * const *rows,
                                                  guint             n_rows,
                                                  const char * const *columns,
                                                  guint             n_columns);
void             tally_frame_set_cell            (TallyFrame       *frame,
                                                  guint             row,
                                                  guint             column,
                                                  double            value);
guint            tally_frame_get_n_rows          (const TallyFrame *frame);
guint            tally_frame_get_n_columns       (const TallyFrame *frame);
const char      *tally_frame_get_row_label       (const TallyFrame *frame,
                                                  guint             row);
const char      *tally_frame_get_column_label    (const TallyFrame *frame,
                                                  guint             column);
double           tally_frame_get_cell            (const TallyFrame *frame,
                                                  guint             row,
                                                  guint             column);

/* table: rows of typed columns (tally_frame_get_n_columns, _get_n_rows) */
TallyFrame      *tally_frame_new_table           (void);
guint            tally_frame_add_column          (TallyFrame       *frame,
                                                  const char       *name,
                                                  TallyColumnType   type);
guint            tally_frame_append_row          (TallyFrame       *frame);
void             tally_frame_set_number          (TallyFrame       *frame,
                                                  guint             row,
                                                  guint             column,
                                                  double            value);
void             tally_frame_set_string          (TallyFrame       *frame,
                                                  guint             row,
                                                  guint             column,
                                                  const char       *value);
const char      *tally_frame_get_column_name     (const TallyFrame *frame,
                                                  guint             column);
TallyColumnType  tally_frame_get_column_type     (const TallyFrame *frame,
                                                  guint             column);
double           tally_frame_get_number          (const TallyFrame *frame,
                                                  guint             row,
                                                  guint             column);
const char      *tally_frame_get_string          (const TallyFrame *frame,
                                                  guint             row,
                                                  guint             column);

/* JSON, as DESIGN.md shows it */
JsonNode        *tally_frame_to_json             (const TallyFrame *frame);
char            *tally_frame_to_json_string      (const TallyFrame *frame,
                                                  gboolean          pretty);
TallyFrame      *tally_frame_new_from_json       (JsonNode         *node,
                                                  GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyFrame, tally_frame_unref)

G_END_DECLS
