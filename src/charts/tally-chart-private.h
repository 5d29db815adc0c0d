/* tally-chart-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What the renderers share with TallyChart: its fields, the renderer
 * table, and the drawing helpers every chart type uses (colours, axes,
 * legends, tooltips). Not installed, not for the widgets: they use
 * tally-chart.h. */

#pragma once

#include "tally-axis.h"
#include "tally-chart.h"
#include "tally-chart-text.h"
#include "tally-time-axis.h"

G_BEGIN_DECLS

typedef struct _TallyLegend TallyLegend;

/* Spacing, in user-space pixels (logical pixels in the widget). */
#define TALLY_CHART_PADDING  8.0
#define TALLY_CHART_GAP      6.0
#define TALLY_CHART_SWATCH   10.0

/**
 * TallyBucketColumn:
 * @plot: the plot the buckets lie across
 * @index: the bucket
 * @left: where the bucket's column starts on screen, inside the plot
 * @right: where it ends
 *
 * Where one bucket of a chart along time sits, for selecting a range.
 */
typedef struct
{
  cairo_rectangle_t  plot;
  guint              index;
  double             left;
  double             right;
} TallyBucketColumn;

/**
 * TallyChartRenderer:
 * @accepts: whether the renderer draws frames of @shape
 * @layout: computes the geometry for the chart's size inside @area and
 *   returns it (freed with @free); may add a legend to the chart
 * @draw: the static part
 * @hit_test: fills @hit for (@x, @y), or returns FALSE
 * @draw_highlight: the hover layer for @hit (crosshair, outline); the
 *   tooltip box is drawn by the chart
 * @describe: one sentence about the data, without the title
 * @bucket_at: charts along a time axis only (NULL elsewhere): fills
 *   @column for the bucket at @x, clamped to the first and last, or
 *   returns FALSE when this layout has no time axis
 */
typedef struct
{
  gboolean  (*accepts)         (TallyShape           shape);
  gpointer  (*layout)          (TallyChart          *self,
                                const cairo_rectangle_t *area);
  void      (*free)            (gpointer             data);
  void      (*draw)            (TallyChart          *self,
                                gpointer             data,
                                cairo_t             *cr);
  gboolean  (*hit_test)        (TallyChart          *self,
                                gpointer             data,
                                double               x,
                                double               y,
                                TallyChartHit       *hit);
  void      (*draw_highlight)  (TallyChart          *self,
                                gpointer             data,
                                cairo_t             *cr,
                                const TallyChartHit *hit);
  char     *(*describe)        (TallyChart          *self,
                                gpointer             data);
  gboolean  (*bucket_at)       (TallyChart          *self,
                                gpointer             data,
                                double               x,
                                TallyBucketColumn   *column);
} TallyChartRenderer;

extern const TallyChartRenderer tally_stat_renderer;
extern const TallyChartRenderer tally_line_renderer;
extern const TallyChartRenderer tally_bar_renderer;
extern const TallyChartRenderer tally_pie_renderer;
extern const TallyChartRenderer tally_heatmap_renderer;
extern const TallyChartRenderer tally_table_renderer;
extern const TallyChartRenderer tally_gauge_renderer;

struct _TallyChart
{
  GObject              parent_instance;

  TallyChartType       type;
  TallyFrame          *frame;
  TallyChartOptions   *options;
  TallyChartTheme     *theme;
  GTimeZone           *tz;
  char                *title;
  char                *error;
  char                *empty_message;
  double               width;
  double               height;
  guint                first_row;
  guint                loading : 1;
  guint                show_title : 1;

  /* Dropped by tally_chart_invalidate() whenever any of the above changes. */
  guint                layout_valid : 1;
  TallyText           *text;
  TallyLegend         *legend;
  const TallyChartRenderer *renderer;
  gpointer             renderer_data;
  cairo_rectangle_t    content;       /* inside the padding, under the title */
};

/* tally-chart.c */
void              tally_chart_ensure_layout     (TallyChart              *self);
char             *tally_chart_state_message     (TallyChart              *self);

/* tally-chart-style.c */
const char       *tally_chart_get_unit          (TallyChart              *self);
gboolean          tally_chart_values_are_whole  (TallyChart              *self);
char             *tally_chart_format            (TallyChart              *self,
                                                 double                   value);
const TallyRgba  *tally_chart_color             (TallyChart              *self,
                                                 TallyChartColor          color);
const TallyRgba  *tally_chart_shade             (TallyChart              *self,
                                                 TallyChartShade          shade);
const TallyRgba  *tally_chart_series_color      (TallyChart              *self,
                                                 guint                    index,
                                                 const char              *name);
const TallyRgba  *tally_chart_threshold_color   (TallyChart              *self,
                                                 double                   value,
                                                 gboolean                 fill,
                                                 const TallyRgba         *fallback);
const TallyRgba  *tally_chart_role_color        (TallyChart              *self,
                                                 TallyColorRole           role,
                                                 const TallyRgba         *custom,
                                                 gboolean                 fill);
gboolean          tally_chart_is_hidden         (TallyChart              *self,
                                                 const char              *name);
double            tally_chart_device_scale      (TallyChart              *self,
                                                 cairo_t                 *cr);
gboolean          tally_chart_show_legend       (TallyChart              *self,
                                                 guint                    n_items);
char             *tally_chart_format_time       (TallyChart              *self,
                                                 gint64                   t,
                                                 int                      format);
void              tally_chart_set_legend        (TallyChart              *self,
                                                 TallyLegend             *legend);

/* tally-chart-describe.c */
char             *tally_chart_describe_span     (TallyChart              *self,
                                                 gint64                   from,
                                                 gint64                   to);
char             *tally_chart_dup_display_title (TallyChart              *self);
char             *tally_chart_describe_timeseries (TallyChart            *self);
char             *tally_chart_describe_categories (TallyChart            *self,
                                                   double                 total);

/* tally-chart-draw.c */
void              tally_cairo_set_color         (cairo_t                 *cr,
                                                 const TallyRgba         *color,
                                                 double                   alpha);
double            tally_snap                    (double                   v,
                                                 double                   scale);
void              tally_cairo_rounded_rect      (cairo_t                 *cr,
                                                 double                   x,
                                                 double                   y,
                                                 double                   width,
                                                 double                   height,
                                                 double                   radius);
void              tally_chart_draw_message      (TallyChart              *self,
                                                 cairo_t                 *cr,
                                                 const cairo_rectangle_t *area,
                                                 const char              *message,
                                                 const TallyRgba         *color);
void              tally_chart_draw_error_strip  (TallyChart              *self,
                                                 cairo_t                 *cr,
                                                 const char              *message);
void              tally_chart_draw_tooltip      (TallyChart              *self,
                                                 cairo_t                 *cr,
                                                 const TallyChartHit     *hit);
char             *tally_chart_join_lines        (GPtrArray               *lines);
gboolean          tally_rect_contains           (const cairo_rectangle_t *rect,
                                                 double                   x,
                                                 double                   y);

/* tally-chart-axes.c */
typedef struct
{
  TallyAxisTicks  ticks;
  char           *labels[TALLY_AXIS_MAX_TICKS];
  double          label_width;
  double          label_height;
} TallyValueAxis;

typedef struct
{
  TallyTimeTicks  ticks;
  double          t0;
  double          t1;
} TallyTimeAxis;

void              tally_value_axis_compute      (TallyValueAxis          *axis,
                                                 TallyChart              *self,
                                                 double                   lo,
                                                 double                   hi,
                                                 double                   length,
                                                 gboolean                 vertical);
void              tally_value_axis_clear        (TallyValueAxis          *axis);
double            tally_value_axis_map          (const TallyValueAxis    *axis,
                                                 double                   value,
                                                 double                   from,
                                                 double                   to);
void              tally_value_axis_draw         (const TallyValueAxis    *axis,
                                                 TallyChart              *self,
                                                 cairo_t                 *cr,
                                                 const cairo_rectangle_t *plot,
                                                 gboolean                 vertical);
void              tally_time_axis_compute       (TallyTimeAxis           *axis,
                                                 TallyChart              *self,
                                                 double                   t0,
                                                 double                   t1,
                                                 double                   width);
void              tally_time_axis_clear         (TallyTimeAxis           *axis);
double            tally_time_axis_map           (const TallyTimeAxis     *axis,
                                                 double                   t,
                                                 const cairo_rectangle_t *plot);
void              tally_time_axis_draw          (const TallyTimeAxis     *axis,
                                                 TallyChart              *self,
                                                 cairo_t                 *cr,
                                                 const cairo_rectangle_t *plot);
void              tally_chart_draw_thresholds   (TallyChart              *self,
                                                 cairo_t                 *cr,
                                                 const TallyValueAxis    *axis,
                                                 const cairo_rectangle_t *plot,
                                                 gboolean                 vertical);
void              tally_chart_layout_plot       (TallyChart              *self,
                                                 const cairo_rectangle_t *area,
                                                 double                   lo,
                                                 double                   hi,
                                                 double                   bottom,
                                                 TallyValueAxis          *axis,
                                                 cairo_rectangle_t       *plot);
int               tally_chart_hover_time_format (gint64                   interval_s);
void              tally_value_range_include_zero (double                 *lo,
                                                  double                 *hi);

/* tally-chart-legend.c */
TallyLegend      *tally_legend_new              (void);
void              tally_legend_free             (TallyLegend             *legend);
void              tally_legend_add              (TallyLegend             *legend,
                                                 const char              *name,
                                                 const TallyRgba         *color,
                                                 gboolean                 hidden,
                                                 const char              *detail);
void              tally_legend_layout           (TallyLegend             *legend,
                                                 TallyChart              *self,
                                                 cairo_rectangle_t       *area,
                                                 gboolean                 side);
void              tally_legend_draw             (TallyLegend             *legend,
                                                 TallyChart              *self,
                                                 cairo_t                 *cr);
const char       *tally_legend_hit_test         (TallyLegend             *legend,
                                                 double                   x,
                                                 double                   y);
guint             tally_legend_get_n_shown      (TallyLegend             *legend);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyLegend, tally_legend_free)

G_END_DECLS
