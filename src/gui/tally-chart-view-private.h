/* tally-chart-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* TallyChartView's fields, shared by the files it is split into:
 * tally-chart-view.c (drawing, pointer, accessibility), -keys.c (the
 * keyboard walk over the chart's items), -table.c (the table
 * alternative) and -drag.c (selecting a time range by dragging). */

#pragma once

#include <adwaita.h>

#include "tally-chart-view.h"

G_BEGIN_DECLS

/* One item of the chart a key press can move to: a bucket, a bar, a
 * slice, a cell, a row, and where a hit test finds it. */
typedef struct
{
  TallyChartHitKind  kind;
  int                series;
  int                index;
  int                column;
  double             x;
  double             y;
} TallyChartTarget;

typedef enum
{
  TALLY_CHART_SCAN_NONE,        /* not searched since the last change */
  TALLY_CHART_SCAN_ALONG_X,     /* items left to right: lines, vertical bars */
  TALLY_CHART_SCAN_ALONG_Y,     /* items top to bottom: horizontal bars, tables */
  TALLY_CHART_SCAN_GRID,        /* anywhere: pies, heatmaps, stats, gauges */
} TallyChartScan;

struct _TallyChartView
{
  GtkWidget          parent_instance;

  TallyChart        *chart;
  AdwStyleManager   *style_manager;    /* while rooted */

  /* What does not change on hover, drawn once per change of the chart,
   * the size or the style; and the hover layer, once per hovered item. */
  GskRenderNode     *node;
  GskRenderNode     *overlay;
  int                width;
  int                height;

  /* The hovered point, from the pointer or the keyboard. */
  double             hover_x;
  double             hover_y;
  TallyChartHit     *hit;
  guint              hovering : 1;
  guint              hit_dirty : 1;
  guint              keyboard : 1;
  guint              over_legend : 1;
  guint              view_as_table : 1;

  /* tally-chart-view-keys.c: the items, found once per layout. */
  GArray            *targets;          /* TallyChartTarget */
  TallyChartScan     scan;

  /* tally-chart-view-drag.c: a range being selected, from where the drag
   * started to where the pointer is, in widget coordinates. */
  GtkGesture        *drag;
  double             drag_x1;
  double             drag_x2;
  int                drag_bucket;      /* the bucket under drag_x2 */
  guint              drag_armed : 1;   /* pressed on the plot */
  guint              dragging : 1;     /* moved far enough to select */

  /* tally-chart-view-table.c */
  GtkWidget         *table;            /* a box: error label, scrolled column view */
  GtkLabel          *table_error;
  GtkColumnView     *column_view;
  GListStore        *rows;             /* GtkStringList, one string per column */
  GStrv              column_titles;
  double             scroll_rows;
};

/* tally-chart-view.c */
void        tally_chart_view_set_hover           (TallyChartView  *self,
                                                  double           x,
                                                  double           y,
                                                  gboolean         keyboard);
void        tally_chart_view_clear_hover         (TallyChartView  *self);

/* tally-chart-view-keys.c */
void        tally_chart_view_clear_targets       (TallyChartView  *self);
gboolean    tally_chart_view_key_pressed_cb      (TallyChartView  *self,
                                                  guint            keyval,
                                                  guint            keycode,
                                                  GdkModifierType  state,
                                                  GtkEventControllerKey *controller);
gboolean    tally_chart_view_move                (TallyChartView  *self,
                                                  int              dx,
                                                  int              dy);
gboolean    tally_chart_view_move_to_end         (TallyChartView  *self,
                                                  gboolean         last);

/* tally-chart-view-drag.c */
void        tally_chart_view_class_init_drag     (GtkWidgetClass  *widget_class);
void        tally_chart_view_init_drag           (TallyChartView  *self);
gboolean    tally_chart_view_drag_cancel         (TallyChartView  *self);
gboolean    tally_chart_view_drag_selecting      (TallyChartView  *self);
void        tally_chart_view_drag_draw           (TallyChartView  *self,
                                                  cairo_t         *cr);

/* tally-chart-view-table.c */
TallyFrame *tally_chart_view_frame_to_table      (TallyChart      *chart);
void        tally_chart_view_table_sync          (TallyChartView  *self);
void        tally_chart_view_table_dispose       (TallyChartView  *self);
gboolean    tally_chart_view_table_shown         (TallyChartView  *self);

G_END_DECLS
