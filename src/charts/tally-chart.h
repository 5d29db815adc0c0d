/* tally-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "tally-chart-options.h"
#include "tally-chart-theme.h"
#include "tally-frame.h"

G_BEGIN_DECLS

typedef enum
{
  TALLY_CHART_STAT,
  TALLY_CHART_LINE,
  TALLY_CHART_BAR,
  TALLY_CHART_PIE,
  TALLY_CHART_HEATMAP,
  TALLY_CHART_TABLE,
  TALLY_CHART_GAUGE,
  TALLY_N_CHART_TYPES
} TallyChartType;

typedef enum
{
  TALLY_CHART_HIT_NONE,
  TALLY_CHART_HIT_POINT,      /* line: a bucket; @series is the nearest series */
  TALLY_CHART_HIT_BAR,        /* bar: one bar (a series in a bucket, or a category) */
  TALLY_CHART_HIT_SLICE,      /* pie: a slice */
  TALLY_CHART_HIT_CELL,       /* heatmap: a cell */
  TALLY_CHART_HIT_ROW,        /* table: a row, @column the column under the pointer */
  TALLY_CHART_HIT_VALUE,      /* stat and gauge: the value */
} TallyChartHitKind;

/**
 * TallyChartHit:
 * @kind: what is under the pointer
 * @series: the series, category or slice index in the frame, or -1
 * @index: the bucket (timeseries), matrix row or table row, or -1
 * @column: the matrix or table column, or -1
 * @value: the exact value from the frame (NAN for a null)
 * @time: the bucket's start for timeseries, else 0
 * @x: where a tooltip points to, in chart coordinates
 * @y: where a tooltip points to, in chart coordinates
 * @label: the series, category, slice or cell name
 * @value_text: @value formatted with its unit
 * @text: the whole tooltip, one line per item
 */
typedef struct
{
  TallyChartHitKind  kind;
  int                series;
  int                index;
  int                column;
  double             value;
  gint64             time;
  double             x;
  double             y;
  char              *label;
  char              *value_text;
  char              *text;
} TallyChartHit;

#define TALLY_TYPE_CHART (tally_chart_get_type ())

G_DECLARE_FINAL_TYPE (TallyChart, tally_chart, TALLY, CHART, GObject)

const char          *tally_chart_type_to_string     (TallyChartType            type);
gboolean             tally_chart_type_from_string   (const char               *name,
                                                     TallyChartType           *type);

TallyChart          *tally_chart_new                (TallyChartType            type);

TallyChartType       tally_chart_get_chart_type     (TallyChart               *self);
void                 tally_chart_set_chart_type     (TallyChart               *self,
                                                     TallyChartType            type);
TallyFrame          *tally_chart_get_frame          (TallyChart               *self);
void                 tally_chart_set_frame          (TallyChart               *self,
                                                     TallyFrame               *frame);
const TallyChartOptions *tally_chart_get_options    (TallyChart               *self);
void                 tally_chart_set_options        (TallyChart               *self,
                                                     const TallyChartOptions  *options);
TallyChartTheme     *tally_chart_get_theme          (TallyChart               *self);
void                 tally_chart_set_theme          (TallyChart               *self,
                                                     TallyChartTheme          *theme);
GTimeZone           *tally_chart_get_time_zone      (TallyChart               *self);
void                 tally_chart_set_time_zone      (TallyChart               *self,
                                                     GTimeZone                *tz);
const char          *tally_chart_get_title          (TallyChart               *self);
void                 tally_chart_set_title          (TallyChart               *self,
                                                     const char               *title);
gboolean             tally_chart_get_show_title     (TallyChart               *self);
void                 tally_chart_set_show_title     (TallyChart               *self,
                                                     gboolean                  show_title);
gboolean             tally_chart_get_loading        (TallyChart               *self);
void                 tally_chart_set_loading        (TallyChart               *self,
                                                     gboolean                  loading);
const char          *tally_chart_get_error          (TallyChart               *self);
void                 tally_chart_set_error          (TallyChart               *self,
                                                     const char               *message);
guint                tally_chart_get_first_row      (TallyChart               *self);
void                 tally_chart_set_first_row      (TallyChart               *self,
                                                     guint                     first_row);
void                 tally_chart_set_empty_message  (TallyChart               *self,
                                                     const char               *message);

void                 tally_chart_set_size           (TallyChart               *self,
                                                     double                    width,
                                                     double                    height);
void                 tally_chart_get_size           (TallyChart               *self,
                                                     double                   *width,
                                                     double                   *height);

void                 tally_chart_draw               (TallyChart               *self,
                                                     cairo_t                  *cr);
void                 tally_chart_draw_overlay       (TallyChart               *self,
                                                     cairo_t                  *cr,
                                                     double                    x,
                                                     double                    y);
TallyChartHit       *tally_chart_hit_test           (TallyChart               *self,
                                                     double                    x,
                                                     double                    y);
const char          *tally_chart_legend_hit_test    (TallyChart               *self,
                                                     double                    x,
                                                     double                    y);
gboolean             tally_chart_get_series_hidden  (TallyChart               *self,
                                                     const char               *name);
void                 tally_chart_set_series_hidden  (TallyChart               *self,
                                                     const char               *name,
                                                     gboolean                  hidden);
void                 tally_chart_toggle_series      (TallyChart               *self,
                                                     const char               *name);
char                *tally_chart_describe           (TallyChart               *self);
gboolean             tally_chart_get_time_plot      (TallyChart               *self,
                                                     cairo_rectangle_t        *plot);
int                  tally_chart_get_bucket_at      (TallyChart               *self,
                                                     double                    x,
                                                     gint64                   *start,
                                                     gint64                   *end);
void                 tally_chart_draw_selection     (TallyChart               *self,
                                                     cairo_t                  *cr,
                                                     double                    x1,
                                                     double                    x2);

TallyChartHit       *tally_chart_hit_copy           (const TallyChartHit      *hit);
void                 tally_chart_hit_free           (TallyChartHit            *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyChartHit, tally_chart_hit_free)

G_END_DECLS
