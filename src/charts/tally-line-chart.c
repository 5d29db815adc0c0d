/* tally-line-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Line charts of timeseries frames: many series, optional area fill and
 * stacking, gaps where a bucket is null, dots when points are sparse,
 * threshold lines, a time axis.
 *
 * Speed follows uPlot's rule: the work to draw a series is bounded by its
 * width in pixels, not its point count. When a series has more points than
 * device pixel columns, it is decimated to (min, max, first, last) per
 * column (tally-decimate.c) and drawn as one filled rectangle per column:
 * cairo fills a path of pixel-wide boxes much faster than it strokes a
 * zig-zag of the same extent. Sparser series are a polyline of at most one
 * segment per column, stroked. The decimated columns are kept until the
 * frame, options, size or device scale change, so a redraw only fills. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-chart-private.h"
#include "tally-decimate.h"
#include "tally-format.h"

#define LINE_WIDTH 2.0
#define FILL_ALPHA 0.22
#define POINT_RADIUS 3.0
#define POINTS_MIN_SPACING 8.0
#define MAX_TOOLTIP_SERIES 12

typedef struct
{
  TallyValueAxis     y;
  TallyTimeAxis      x;
  cairo_rectangle_t  plot;
  const gint64      *buckets;
  guint              n_buckets;
  guint              n_series;
  const double     **values;      /* per series: the frame's, or stacked sums */
  double           **stacked;     /* owned when stacking, else NULL */
  /* the decimation cache, for one device scale */
  double             columns_scale;
  guint              n_columns;
  TallyColumn      **columns;     /* per series; NULL when hidden or sparse */
} LineLayout;

static gboolean
line_accepts (TallyShape shape)
{
  return shape == TALLY_SHAPE_TIMESERIES;
}

static void
drop_columns (LineLayout *layout)
{
  for (guint i = 0; layout->columns != NULL && i < layout->n_series; i++)
    g_free (layout->columns[i]);
  g_clear_pointer (&layout->columns, g_free);
  layout->columns_scale = 0;
}

static void
line_free (gpointer data)
{
  LineLayout *layout = data;

  drop_columns (layout);
  tally_value_axis_clear (&layout->y);
  tally_time_axis_clear (&layout->x);
  for (guint i = 0; layout->stacked != NULL && i < layout->n_series; i++)
    g_free (layout->stacked[i]);
  g_free (layout->stacked);
  g_free (layout->values);
  g_free (layout);
}

static gboolean
series_hidden (TallyChart *self,
               guint       i)
{
  return tally_chart_is_hidden (self, tally_frame_get_series_name (self->frame, i));
}

/* Stacked sums over the shown series, in frame order. A null stays a gap
 * in its own series and adds nothing to the ones above. */
static void
stack_series (TallyChart *self,
              LineLayout *layout)
{
  g_autofree double *base = g_new0 (double, MAX (layout->n_buckets, 1));

  layout->stacked = g_new0 (double *, layout->n_series);
  for (guint i = 0; i < layout->n_series; i++)
    {
      const double *raw = tally_frame_get_series_values (self->frame, i);

      if (series_hidden (self, i))
        continue;
      layout->stacked[i] = g_new (double, MAX (layout->n_buckets, 1));
      for (guint b = 0; b < layout->n_buckets; b++)
        {
          if (!isnan (raw[b]))
            base[b] += raw[b];
          layout->stacked[i][b] = isnan (raw[b]) ? NAN : base[b];
        }
      layout->values[i] = layout->stacked[i];
    }
}

/* The range of the shown values, every @stride-th one (1: all). */
static void
scan_range (TallyChart       *self,
            const LineLayout *layout,
            guint             stride,
            double           *lo,
            double           *hi)
{
  for (guint i = 0; i < layout->n_series; i++)
    {
      if (series_hidden (self, i))
        continue;
      for (guint b = 0; b < layout->n_buckets; b += stride)
        {
          double v = layout->values[i][b];

          if (isfinite (v))
            {
              *lo = MIN (*lo, v);
              *hi = MAX (*hi, v);
            }
        }
    }
}

/* The exact range, from the decimated columns: their extremes are the
 * series' extremes, without a second pass over the points. */
static void
columns_range (const LineLayout *layout,
               double           *lo,
               double           *hi)
{
  for (guint i = 0; i < layout->n_series; i++)
    for (guint c = 0; layout->columns[i] != NULL && c < layout->n_columns; c++)
      {
        const TallyColumn *col = &layout->columns[i][c];

        if ((col->flags & TALLY_COLUMN_HAS_DATA) && isfinite (col->min) && isfinite (col->max))
          {
            *lo = MIN (*lo, col->min);
            *hi = MAX (*hi, col->max);
          }
      }
}

static void
adjust_range (TallyChart *self,
              double     *lo,
              double     *hi)
{
  if (*lo > *hi)
    *lo = *hi = 0;
  if (self->options->line.fill || self->options->line.stack)
    {
      *lo = MIN (*lo, 0);
      *hi = MAX (*hi, 0);
    }
  else
    tally_value_range_include_zero (lo, hi);
}

static void
add_legend (TallyChart        *self,
            LineLayout        *layout,
            cairo_rectangle_t *area)
{
  TallyLegend *legend;

  if (!tally_chart_show_legend (self, layout->n_series))
    return;
  legend = tally_legend_new ();
  for (guint i = 0; i < layout->n_series; i++)
    {
      const char *name = tally_frame_get_series_name (self->frame, i);

      tally_legend_add (legend, name, tally_chart_series_color (self, i, name),
                        series_hidden (self, i), NULL);
    }
  tally_legend_layout (legend, self, area, FALSE);
  tally_chart_set_legend (self, legend);
}

static void
place_axes (TallyChart              *self,
            LineLayout              *layout,
            const cairo_rectangle_t *area,
            double                   lo,
            double                   hi)
{
  adjust_range (self, &lo, &hi);
  tally_value_axis_clear (&layout->y);
  tally_chart_layout_plot (self, area, lo, hi, tally_text_line_height (self->text, TALLY_TEXT_SMALL) + 3,
                           &layout->y, &layout->plot);
}

static void ensure_columns (TallyChart *self,
                            LineLayout *layout,
                            double      scale);

/* A dense series decides its range from a sample of its points, lays the
 * plot out, decimates once at that width and takes the exact range from
 * the columns. Only when the exact range's labels change the plot's width
 * are the columns made again, at draw time. */
static void
place_dense (TallyChart              *self,
             LineLayout              *layout,
             const cairo_rectangle_t *area,
             double                   scale)
{
  double lo = INFINITY, hi = -INFINITY;
  guint provisional;

  scan_range (self, layout, MAX (layout->n_buckets / 4096, 1), &lo, &hi);
  place_axes (self, layout, area, lo, hi);
  ensure_columns (self, layout, scale);
  provisional = layout->n_columns;

  lo = INFINITY, hi = -INFINITY;
  columns_range (layout, &lo, &hi);
  place_axes (self, layout, area, lo, hi);
  if ((guint) MAX (ceil (layout->plot.width * scale), 1) != provisional)
    drop_columns (layout);
}

static gpointer
line_layout (TallyChart              *self,
             const cairo_rectangle_t *content)
{
  LineLayout *layout = g_new0 (LineLayout, 1);
  cairo_rectangle_t area = *content;
  double scale = tally_chart_theme_get_scale (self->theme);
  double lo = INFINITY, hi = -INFINITY, half;

  layout->buckets = tally_frame_get_buckets (self->frame, &layout->n_buckets);
  layout->n_series = tally_frame_get_n_series (self->frame);
  layout->values = g_new0 (const double *, MAX (layout->n_series, 1));
  for (guint i = 0; i < layout->n_series; i++)
    layout->values[i] = tally_frame_get_series_values (self->frame, i);
  if (self->options->line.stack)
    stack_series (self, layout);
  add_legend (self, layout, &area);

  /* One bucket still gets an axis: half an interval either side. */
  half = MAX (tally_frame_get_interval (self->frame), 1) / 2.0;
  layout->x.t0 = layout->buckets[0];
  layout->x.t1 = layout->buckets[layout->n_buckets - 1];
  if (layout->x.t1 <= layout->x.t0)
    layout->x.t0 -= half, layout->x.t1 += half;

  if (layout->n_buckets > area.width * scale)
    place_dense (self, layout, &area, scale);
  else
    {
      scan_range (self, layout, 1, &lo, &hi);
      place_axes (self, layout, &area, lo, hi);
    }
  tally_time_axis_clear (&layout->x);
  tally_time_axis_compute (&layout->x, self, layout->x.t0, layout->x.t1, layout->plot.width);

  return layout;
}

static inline double
map_y (const LineLayout *layout,
       double            v)
{
  return tally_value_axis_map (&layout->y, v, layout->plot.y + layout->plot.height, layout->plot.y);
}

static inline double
map_x (const LineLayout *layout,
       gint64            t)
{
  return tally_time_axis_map (&layout->x, (double) t, &layout->plot);
}

/* Columns for every shown series at @scale, when its points outnumber the
 * device pixel columns; a sparse series keeps NULL and draws as a line. */
static void
ensure_columns (TallyChart *self,
                LineLayout *layout,
                double      scale)
{
  if (layout->columns != NULL && layout->columns_scale == scale)
    return;

  drop_columns (layout);
  layout->columns_scale = scale;
  layout->n_columns = (guint) MAX (ceil (layout->plot.width * scale), 1);
  layout->columns = g_new0 (TallyColumn *, MAX (layout->n_series, 1));
  if (layout->n_buckets <= layout->n_columns)
    return;

  for (guint i = 0; i < layout->n_series; i++)
    {
      if (series_hidden (self, i))
        continue;
      layout->columns[i] = g_new (TallyColumn, layout->n_columns);
      tally_decimate (layout->buckets, layout->values[i], layout->n_buckets,
                      layout->x.t0, layout->x.t1, layout->columns[i], layout->n_columns);
    }
}

/* A dense series: one box per pixel column from its min to its max, grown
 * to meet the previous column's last value so the line stays joined. The
 * boxes sit on whole device pixels: cairo fills aligned boxes several times
 * faster than boxes with fractional edges, and at one column per pixel the
 * antialiasing of their ends is not worth it. */
static void
path_dense_line (cairo_t           *cr,
                 const LineLayout  *layout,
                 const TallyColumn *columns,
                 double             x0,
                 double             scale)
{
  double px = 1 / scale, half = LINE_WIDTH / 2, prev = NAN;

  for (guint c = 0; c < layout->n_columns; c++)
    {
      const TallyColumn *col = &columns[c];
      double lo, hi, top, bottom;

      if (!(col->flags & TALLY_COLUMN_HAS_DATA))
        continue;
      lo = col->min;
      hi = col->max;
      if (!isnan (prev) && !(col->flags & TALLY_COLUMN_GAP_BEFORE))
        {
          lo = MIN (lo, prev);
          hi = MAX (hi, prev);
        }
      prev = col->last;
      top = floor ((map_y (layout, hi) - half) * scale) / scale;
      bottom = ceil ((map_y (layout, lo) + half) * scale) / scale;
      cairo_rectangle (cr, x0 + c * px, top, px, bottom - top);
    }
}

/* The area under a dense series, down to @base (the series below in a
 * stack) or to the zero line. */
static void
path_dense_fill (cairo_t           *cr,
                 const LineLayout  *layout,
                 const TallyColumn *columns,
                 const TallyColumn *base,
                 double             x0,
                 double             scale)
{
  double px = 1 / scale;
  double zero = map_y (layout, CLAMP (0, layout->y.ticks.min, layout->y.ticks.max));

  zero = round (zero * scale) / scale;

  for (guint c = 0; c < layout->n_columns; c++)
    {
      double top, bottom = zero;

      if (!(columns[c].flags & TALLY_COLUMN_HAS_DATA))
        continue;
      top = round (map_y (layout, columns[c].max) * scale) / scale;
      if (base != NULL && (base[c].flags & TALLY_COLUMN_HAS_DATA))
        bottom = round (map_y (layout, base[c].max) * scale) / scale;
      cairo_rectangle (cr, x0 + c * px, MIN (top, bottom), px, fabs (bottom - top));
    }
}

/* A sparse series as a polyline broken at nulls; a point with nulls on
 * both sides becomes a dot, or it would not show at all. */
static void
draw_sparse_line (cairo_t          *cr,
                  const LineLayout *layout,
                  const double     *values)
{
  gboolean down = FALSE;

  for (guint b = 0; b < layout->n_buckets; b++)
    {
      double v = values[b];

      if (isnan (v))
        {
          down = FALSE;
          continue;
        }
      if (down)
        cairo_line_to (cr, map_x (layout, layout->buckets[b]), map_y (layout, v));
      else
        cairo_move_to (cr, map_x (layout, layout->buckets[b]), map_y (layout, v));
      down = TRUE;
    }
  cairo_stroke (cr);

  for (guint b = 0; b < layout->n_buckets; b++)
    {
      gboolean alone = !isnan (values[b]) && (b == 0 || isnan (values[b - 1])) &&
                       (b + 1 == layout->n_buckets || isnan (values[b + 1]));

      if (alone)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, map_x (layout, layout->buckets[b]), map_y (layout, values[b]),
                     LINE_WIDTH, 0, 2 * G_PI);
        }
    }
  cairo_fill (cr);
}

/* The area of each run of non-null points, down to @base or zero. */
static void
path_sparse_fill (cairo_t          *cr,
                  const LineLayout *layout,
                  const double     *values,
                  const double     *raw)
{
  double zero = CLAMP (0, layout->y.ticks.min, layout->y.ticks.max);
  guint b = 0;

  while (b < layout->n_buckets)
    {
      guint start, end;

      for (; b < layout->n_buckets && isnan (values[b]); b++)
        ;
      for (start = b; b < layout->n_buckets && !isnan (values[b]); b++)
        ;
      end = b;
      if (end <= start)
        break;
      for (guint i = start; i < end; i++)
        cairo_line_to (cr, map_x (layout, layout->buckets[i]), map_y (layout, values[i]));
      for (guint i = end; i-- > start;)
        cairo_line_to (cr, map_x (layout, layout->buckets[i]),
                       map_y (layout, raw != NULL ? values[i] - raw[i] : zero));
      cairo_close_path (cr);
    }
}

static void
draw_points (cairo_t          *cr,
             const LineLayout *layout,
             const double     *values)
{
  for (guint b = 0; b < layout->n_buckets; b++)
    {
      if (isnan (values[b]))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, map_x (layout, layout->buckets[b]), map_y (layout, values[b]), POINT_RADIUS,
                 0, 2 * G_PI);
    }
  cairo_fill (cr);
}

static gboolean
want_points (TallyChart       *self,
             const LineLayout *layout)
{
  double spacing = layout->plot.width / MAX (layout->n_buckets, 1);

  switch (self->options->line.points)
    {
    case TALLY_POINTS_ALWAYS:
      return layout->n_buckets <= layout->n_columns;
    case TALLY_POINTS_NEVER:
      return FALSE;
    case TALLY_POINTS_AUTO:
    default:
      return spacing >= POINTS_MIN_SPACING;
    }
}

static void
draw_fills (TallyChart *self,
            LineLayout *layout,
            cairo_t    *cr,
            double      x0,
            double      scale)
{
  const TallyColumn *below = NULL;

  for (guint i = 0; i < layout->n_series; i++)
    {
      const char *name = tally_frame_get_series_name (self->frame, i);

      if (series_hidden (self, i))
        continue;
      if (layout->columns[i] != NULL)
        path_dense_fill (cr, layout, layout->columns[i],
                         self->options->line.stack ? below : NULL, x0, scale);
      else
        path_sparse_fill (cr, layout, layout->values[i],
                          self->options->line.stack ? tally_frame_get_series_values (self->frame, i)
                                                    : NULL);
      tally_cairo_set_color (cr, tally_chart_series_color (self, i, name), FILL_ALPHA);
      cairo_fill (cr);
      below = layout->columns[i];
    }
}

static void
draw_lines (TallyChart *self,
            LineLayout *layout,
            cairo_t    *cr,
            double      x0,
            double      scale)
{
  gboolean points = want_points (self, layout);
  double spacing = layout->n_buckets > 1 ? layout->plot.width / (layout->n_buckets - 1) : G_MAXDOUBLE;

  cairo_save (cr);
  cairo_set_line_width (cr, LINE_WIDTH);
  /* Round joins cost cairo's stroker an arc at every point; where points
   * are a few pixels apart a bevel looks the same at a fraction of it. */
  cairo_set_line_join (cr, spacing < 6 ? CAIRO_LINE_JOIN_BEVEL : CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* cairo's default antialiasing samples 15×17 per pixel; the fast one,
   * 4×4, draws long 2-pixel lines that look the same side by side in 40 %
   * of the time (a week of six series on a dashboard: 1 ms, not 3). Lines
   * of few points keep the finer sampling: they cost little, and their
   * end caps stay a touch crisper. */
  if (layout->n_buckets > 100)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  for (guint i = 0; i < layout->n_series; i++)
    {
      const char *name = tally_frame_get_series_name (self->frame, i);

      if (series_hidden (self, i))
        continue;
      tally_cairo_set_color (cr, tally_chart_series_color (self, i, name), 1);
      if (layout->columns[i] != NULL)
        {
          path_dense_line (cr, layout, layout->columns[i], x0, scale);
          cairo_fill (cr);
          continue;
        }
      draw_sparse_line (cr, layout, layout->values[i]);
      if (points)
        draw_points (cr, layout, layout->values[i]);
    }
  cairo_restore (cr);
}

static void
line_draw (TallyChart *self,
           gpointer    data,
           cairo_t    *cr)
{
  LineLayout *layout = data;
  double scale = tally_chart_device_scale (self, cr);
  double x0 = round (layout->plot.x * scale) / scale;

  ensure_columns (self, layout, scale);
  tally_value_axis_draw (&layout->y, self, cr, &layout->plot, TRUE);
  tally_time_axis_draw (&layout->x, self, cr, &layout->plot);

  /* A clip on whole device pixels: cairo clips boxes for free, but an
   * unaligned clip costs a mask as large as the plot on every draw. */
  cairo_save (cr);
  {
    double x1 = floor ((layout->plot.x - LINE_WIDTH) * scale) / scale;
    double y1 = floor ((layout->plot.y - LINE_WIDTH) * scale) / scale;
    double x2 = ceil ((layout->plot.x + layout->plot.width + LINE_WIDTH) * scale) / scale;
    double y2 = ceil ((layout->plot.y + layout->plot.height + LINE_WIDTH) * scale) / scale;

    cairo_rectangle (cr, x1, y1, x2 - x1, y2 - y1);
    cairo_clip (cr);
  }
  if (self->options->line.fill || self->options->line.stack)
    draw_fills (self, layout, cr, x0, scale);
  draw_lines (self, layout, cr, x0, scale);
  cairo_restore (cr);

  tally_chart_draw_thresholds (self, cr, &layout->y, &layout->plot, TRUE);
}

/* The bucket nearest @x, or -1 outside the plot. */
static int
nearest_bucket (const LineLayout *layout,
                double            x)
{
  double t;
  guint first, end;

  if (layout->n_buckets == 0 || x < layout->plot.x - LINE_WIDTH * 2 ||
      x > layout->plot.x + layout->plot.width + LINE_WIDTH * 2)
    return -1;

  t = layout->x.t0 + (x - layout->plot.x) / layout->plot.width * (layout->x.t1 - layout->x.t0);
  tally_decimate_find_range (layout->buckets, layout->n_buckets, t, INFINITY, &first, &end);
  if (first == 0)
    return 0;
  if (first >= layout->n_buckets)
    return layout->n_buckets - 1;

  return t - layout->buckets[first - 1] <= layout->buckets[first] - t ? (int) first - 1 : (int) first;
}

static char *
tooltip_text (TallyChart       *self,
              const LineLayout *layout,
              guint             b)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  guint shown = 0, total = 0;

  g_ptr_array_add (lines, tally_chart_format_time (self, layout->buckets[b],
                                                   tally_chart_hover_time_format (
                                                     tally_frame_get_interval (self->frame))));
  for (guint i = 0; i < layout->n_series; i++)
    {
      const double *raw = tally_frame_get_series_values (self->frame, i);
      g_autofree char *value = NULL;

      if (series_hidden (self, i))
        continue;
      total++;
      if (shown == MAX_TOOLTIP_SERIES)
        continue;
      value = tally_chart_format (self, raw[b]);
      g_ptr_array_add (lines, g_strdup_printf ("%s: %s", tally_frame_get_series_name (self->frame, i),
                                               value));
      shown++;
    }
  if (total > shown)
    g_ptr_array_add (lines, g_strdup_printf (_("and %u more"), total - shown));

  return tally_chart_join_lines (lines);
}

static gboolean
line_hit_test (TallyChart    *self,
               gpointer       data,
               double         x,
               double         y,
               TallyChartHit *hit)
{
  LineLayout *layout = data;
  int b = nearest_bucket (layout, x);
  double best = INFINITY;

  if (b < 0 || y < layout->plot.y - LINE_WIDTH * 2 ||
      y > layout->plot.y + layout->plot.height + LINE_WIDTH * 2)
    return FALSE;

  hit->kind = TALLY_CHART_HIT_POINT;
  hit->index = b;
  hit->time = layout->buckets[b];
  hit->x = map_x (layout, layout->buckets[b]);
  for (guint i = 0; i < layout->n_series; i++)
    {
      double v = layout->values[i][b];

      if (series_hidden (self, i) || isnan (v) || fabs (map_y (layout, v) - y) >= best)
        continue;
      best = fabs (map_y (layout, v) - y);
      hit->series = (int) i;
      hit->y = map_y (layout, v);
    }
  if (hit->series >= 0)
    {
      hit->value = tally_frame_get_series_values (self->frame, hit->series)[b];
      hit->label = g_strdup (tally_frame_get_series_name (self->frame, hit->series));
      hit->value_text = tally_chart_format (self, hit->value);
    }
  hit->text = tooltip_text (self, layout, b);
  return TRUE;
}

static void
line_draw_highlight (TallyChart          *self,
                     gpointer             data,
                     cairo_t             *cr,
                     const TallyChartHit *hit)
{
  LineLayout *layout = data;
  double scale = tally_chart_device_scale (self, cr);
  double x = tally_snap (hit->x, scale);

  cairo_set_line_width (cr, 1 / scale);
  tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_FOREGROUND), 0.5);
  cairo_move_to (cr, x, layout->plot.y);
  cairo_line_to (cr, x, layout->plot.y + layout->plot.height);
  cairo_stroke (cr);

  for (guint i = 0; i < layout->n_series; i++)
    {
      double v = layout->values[i][hit->index];
      const char *name = tally_frame_get_series_name (self->frame, i);

      if (series_hidden (self, i) || isnan (v))
        continue;
      cairo_arc (cr, hit->x, map_y (layout, v), (int) i == hit->series ? 5 : 4, 0, 2 * G_PI);
      tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_BACKGROUND), 1);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2);
      tally_cairo_set_color (cr, tally_chart_series_color (self, i, name), 1);
      cairo_stroke (cr);
    }
}

/* The nearest point, as the crosshair picks it; its column reaches half
 * way to its neighbours, so a band over a few columns covers the points
 * it selects. */
static gboolean
line_bucket_at (TallyChart        *self,
                gpointer           data,
                double             x,
                TallyBucketColumn *column)
{
  LineLayout *layout = data;
  double right = layout->plot.x + layout->plot.width;
  double at;
  int b;

  b = nearest_bucket (layout, CLAMP (x, layout->plot.x, right));
  if (b < 0)
    return FALSE;
  at = map_x (layout, layout->buckets[b]);
  column->plot = layout->plot;
  column->index = (guint) b;
  column->left = b > 0 ? (map_x (layout, layout->buckets[b - 1]) + at) / 2 : layout->plot.x;
  column->right = (guint) b + 1 < layout->n_buckets
                    ? (at + map_x (layout, layout->buckets[b + 1])) / 2 : right;
  return TRUE;
}

static char *
line_describe (TallyChart *self,
               gpointer    data)
{
  return tally_chart_describe_timeseries (self);
}

const TallyChartRenderer tally_line_renderer = {
  .accepts = line_accepts,
  .layout = line_layout,
  .free = line_free,
  .draw = line_draw,
  .hit_test = line_hit_test,
  .draw_highlight = line_draw_highlight,
  .describe = line_describe,
  .bucket_at = line_bucket_at,
};
