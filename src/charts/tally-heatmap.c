/* tally-heatmap.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Heatmaps of matrix frames: requests per day of week × hour of day, and
 * requests per latency range × time. The colour runs from the theme's
 * lowest heat stop at zero (or the smallest value, if negative) to its top
 * stop at the largest value; a null cell (a time the range never reached)
 * is left empty with an outline, so "nothing happened" (zero, coloured)
 * never looks like "no data" (empty).
 *
 * Latency rows come fastest first and are drawn bottom-up, like a y axis;
 * columns whose labels are Unix seconds get a time axis. When cells are
 * smaller than a few pixels, the matrix is painted as a tiny image, one
 * pixel per cell, scaled up without smoothing: a thousand columns cost one
 * image fill instead of ten thousand rectangles. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "tally-chart-private.h"
#include "tally-format.h"

#define SCALE_WIDTH 10.0
#define IMAGE_BELOW 4.0           /* cell size (px) under which cells become an image */
#define MAX_CELL_RECTS 4000
#define MIN_LABEL_SPACING 28.0

typedef struct
{
  cairo_rectangle_t  grid;
  cairo_rectangle_t  scale;
  guint              n_rows;
  guint              n_columns;
  double             cell_width;
  double             cell_height;
  double             gap;
  gboolean           bottom_up;
  gboolean           time_columns;
  TallyTimeAxis      time_axis;
  double             lo;
  double             hi;
  double             row_label_width;
  guint              row_every;
  guint              column_every;
  char              *lo_label;
  char              *hi_label;
  gboolean           has_nulls;
  cairo_surface_t   *image;       /* one pixel per cell, or NULL */
} HeatLayout;

static gboolean
heat_accepts (TallyShape shape)
{
  return shape == TALLY_SHAPE_MATRIX;
}

static void
heat_free (gpointer data)
{
  HeatLayout *layout = data;

  if (layout->time_columns)
    tally_time_axis_clear (&layout->time_axis);
  g_free (layout->lo_label);
  g_free (layout->hi_label);
  g_clear_pointer (&layout->image, cairo_surface_destroy);
  g_free (layout);
}

/* Rows of latency ranges ("<100 ms", "0.5–1 s", "≥30 s") go up. */
static gboolean
rows_go_up (TallyFrame *frame)
{
  guint n = tally_frame_get_n_rows (frame);

  for (guint r = 0; r < n; r++)
    {
      const char *label = tally_frame_get_row_label (frame, r);

      if (!g_ascii_isdigit (label[0]) && label[0] != '<' && label[0] != '>' &&
          !g_str_has_prefix (label, "≥") && !g_str_has_prefix (label, "≤"))
        return FALSE;
    }

  return n > 0;
}

/* Columns labelled with Unix seconds, as the latency × time matrix is. */
static gboolean
columns_are_times (TallyFrame *frame,
                   gint64     *first,
                   gint64     *last,
                   gint64     *step)
{
  guint n = tally_frame_get_n_columns (frame);

  for (guint c = 0; c < n; c++)
    {
      const char *label = tally_frame_get_column_label (frame, c);
      char *end = NULL;
      gint64 t = g_ascii_strtoll (label, &end, 10);

      if (end == label || *end != '\0' || t < 100000000)
        return FALSE;
      if (c == 0)
        *first = t;
      if (c == 1)
        *step = t - *first;
      *last = t;
    }
  if (n < 2)
    *step = 3600;

  return n > 0;
}

static void
value_range (TallyChart *self,
             HeatLayout *layout)
{
  layout->lo = 0;
  layout->hi = -INFINITY;
  for (guint r = 0; r < layout->n_rows; r++)
    for (guint c = 0; c < layout->n_columns; c++)
      {
        double v = tally_frame_get_cell (self->frame, r, c);

        if (isnan (v))
          {
            layout->has_nulls = TRUE;
            continue;
          }
        layout->lo = MIN (layout->lo, v);
        layout->hi = MAX (layout->hi, v);
      }
  if (!isfinite (layout->hi))
    layout->hi = layout->lo;
  layout->lo_label = tally_chart_format (self, layout->lo);
  layout->hi_label = tally_chart_format (self, layout->hi);
}

/* @value's place on the colour scale, 0..1. */
static double
heat_fraction (const HeatLayout *layout,
               double            value)
{
  if (!(layout->hi > layout->lo))
    return layout->hi > 0 ? 1 : 0;
  return (value - layout->lo) / (layout->hi - layout->lo);
}

static double
text_width (TallyChart *self,
            const char *string)
{
  double w;

  tally_text_size (tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, string, -1), &w, NULL);
  return w;
}

static void
place_grid (TallyChart              *self,
            HeatLayout              *layout,
            const cairo_rectangle_t *area)
{
  double line = tally_text_line_height (self->text, TALLY_TEXT_SMALL);
  double scale_width = SCALE_WIDTH + TALLY_CHART_GAP +
                       MAX (text_width (self, layout->lo_label), text_width (self, layout->hi_label));
  double min_cell;

  for (guint r = 0; r < layout->n_rows; r++)
    layout->row_label_width = MAX (layout->row_label_width,
                                   text_width (self, tally_frame_get_row_label (self->frame, r)));
  layout->row_label_width = MIN (layout->row_label_width, area->width * 0.3);

  layout->grid.x = area->x + layout->row_label_width + TALLY_CHART_GAP;
  layout->grid.y = area->y + line / 2;
  layout->grid.width = MAX (area->width - layout->row_label_width - 3 * TALLY_CHART_GAP - scale_width,
                            1);
  layout->grid.height = MAX (area->height - line - 3 - line / 2, 1);
  layout->scale = (cairo_rectangle_t) { layout->grid.x + layout->grid.width + 2 * TALLY_CHART_GAP,
                                        layout->grid.y, SCALE_WIDTH, layout->grid.height };

  layout->cell_width = layout->grid.width / MAX (layout->n_columns, 1);
  layout->cell_height = layout->grid.height / MAX (layout->n_rows, 1);
  min_cell = MIN (layout->cell_width, layout->cell_height);
  layout->gap = min_cell >= 12 ? 2 : (min_cell >= 6 ? 1 : 0);
  layout->row_every = (guint) ceil (line / MAX (layout->cell_height, 1e-3));
  layout->column_every = (guint) ceil (MIN_LABEL_SPACING / MAX (layout->cell_width, 1e-3));
}

static void
build_image (TallyChart *self,
             HeatLayout *layout)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, layout->n_columns,
                                                       layout->n_rows);
  int stride = cairo_image_surface_get_stride (image);
  guchar *data;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (guint r = 0; r < layout->n_rows; r++)
    {
      guint shown = layout->bottom_up ? layout->n_rows - 1 - r : r;
      guint32 *row = (guint32 *) (gpointer) (data + shown * stride);

      for (guint c = 0; c < layout->n_columns; c++)
        {
          double v = tally_frame_get_cell (self->frame, r, c);
          TallyRgba color;

          if (isnan (v))
            {
              row[c] = 0;
              continue;
            }
          tally_chart_theme_get_heat_color (self->theme, heat_fraction (layout, v), &color);
          row[c] = 0xff000000u | (guint32) lroundf (color.red * 255) << 16 |
                   (guint32) lroundf (color.green * 255) << 8 | (guint32) lroundf (color.blue * 255);
        }
    }
  cairo_surface_mark_dirty (image);
  layout->image = image;
}

static gpointer
heat_layout (TallyChart              *self,
             const cairo_rectangle_t *content)
{
  HeatLayout *layout = g_new0 (HeatLayout, 1);
  gint64 first = 0, last = 0, step = 0;

  layout->n_rows = tally_frame_get_n_rows (self->frame);
  layout->n_columns = tally_frame_get_n_columns (self->frame);
  layout->bottom_up = rows_go_up (self->frame);
  value_range (self, layout);
  place_grid (self, layout, content);

  layout->time_columns = columns_are_times (self->frame, &first, &last, &step);
  if (layout->time_columns)
    tally_time_axis_compute (&layout->time_axis, self, first, last + MAX (step, 1), layout->grid.width);
  if (MIN (layout->cell_width, layout->cell_height) < IMAGE_BELOW ||
      (gsize) layout->n_rows * layout->n_columns > MAX_CELL_RECTS)
    build_image (self, layout);

  return layout;
}

static cairo_rectangle_t
cell_rect (const HeatLayout *layout,
           guint             r,
           guint             c)
{
  guint shown_row = layout->bottom_up ? layout->n_rows - 1 - r : r;

  return (cairo_rectangle_t) { layout->grid.x + c * layout->cell_width + layout->gap / 2,
                               layout->grid.y + shown_row * layout->cell_height + layout->gap / 2,
                               MAX (layout->cell_width - layout->gap, 0.5),
                               MAX (layout->cell_height - layout->gap, 0.5) };
}

static void
draw_cells (TallyChart *self,
            HeatLayout *layout,
            cairo_t    *cr)
{
  for (guint r = 0; r < layout->n_rows; r++)
    for (guint c = 0; c < layout->n_columns; c++)
      {
        cairo_rectangle_t rect = cell_rect (layout, r, c);
        double v = tally_frame_get_cell (self->frame, r, c);
        TallyRgba color;

        if (isnan (v))
          {
            /* No data: an empty cell with an outline. */
            cairo_rectangle (cr, rect.x + 0.5, rect.y + 0.5,
                             MAX (rect.width - 1, 0), MAX (rect.height - 1, 0));
            cairo_set_line_width (cr, 1);
            tally_cairo_set_color (cr, tally_chart_shade (self, TALLY_CHART_SHADE_BORDER), 1);
            cairo_stroke (cr);
            continue;
          }
        tally_chart_theme_get_heat_color (self->theme, heat_fraction (layout, v), &color);
        tally_cairo_rounded_rect (cr, rect.x, rect.y, rect.width, rect.height, layout->gap > 1 ? 2 : 0);
        tally_cairo_set_color (cr, &color, 1);
        cairo_fill (cr);
      }
}

static void
draw_image (HeatLayout *layout,
            cairo_t    *cr)
{
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;

  cairo_save (cr);
  cairo_rectangle (cr, layout->grid.x, layout->grid.y, layout->grid.width, layout->grid.height);
  cairo_clip (cr);
  pattern = cairo_pattern_create_for_surface (layout->image);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_matrix_init_scale (&matrix, 1 / layout->cell_width, 1 / layout->cell_height);
  cairo_matrix_translate (&matrix, -layout->grid.x, -layout->grid.y);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (cr, pattern);
  cairo_paint (cr);
  cairo_pattern_destroy (pattern);
  cairo_restore (cr);
}

static void
draw_row_labels (TallyChart *self,
                 HeatLayout *layout,
                 cairo_t    *cr)
{
  const TallyRgba *dim = tally_chart_shade (self, TALLY_CHART_SHADE_DIM);

  for (guint r = 0; r < layout->n_rows; r += MAX (layout->row_every, 1))
    {
      cairo_rectangle_t rect = cell_rect (layout, r, 0);
      PangoLayout *text = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0,
                                             tally_frame_get_row_label (self->frame, r),
                                             layout->row_label_width);

      tally_text_draw (cr, text, layout->grid.x - TALLY_CHART_GAP, rect.y + rect.height / 2, 1, 0.5,
                       dim);
    }
}

static void
draw_column_labels (TallyChart *self,
                    HeatLayout *layout,
                    cairo_t    *cr)
{
  const TallyRgba *dim = tally_chart_shade (self, TALLY_CHART_SHADE_DIM);
  double y = layout->grid.y + layout->grid.height + 3;

  if (layout->time_columns)
    {
      tally_time_axis_draw (&layout->time_axis, self, cr, &layout->grid);
      return;
    }
  for (guint c = 0; c < layout->n_columns; c += MAX (layout->column_every, 1))
    {
      PangoLayout *text = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0,
                                             tally_frame_get_column_label (self->frame, c),
                                             layout->cell_width * MAX (layout->column_every, 1));

      tally_text_draw (cr, text, layout->grid.x + (c + 0.5) * layout->cell_width, y, 0.5, 0, dim);
    }
}

/* The colour scale: a gradient from the lowest to the highest value. */
static void
draw_scale (TallyChart *self,
            HeatLayout *layout,
            cairo_t    *cr)
{
  const cairo_rectangle_t *s = &layout->scale;
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, s->y + s->height, 0, s->y);
  const TallyRgba *dim = tally_chart_shade (self, TALLY_CHART_SHADE_DIM);
  const guint n = 16;

  for (guint i = 0; i <= n; i++)
    {
      TallyRgba color;

      tally_chart_theme_get_heat_color (self->theme, (double) i / n, &color);
      cairo_pattern_add_color_stop_rgb (gradient, (double) i / n, color.red, color.green, color.blue);
    }
  tally_cairo_rounded_rect (cr, s->x, s->y, s->width, s->height, 3);
  cairo_set_source (cr, gradient);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  tally_text_draw (cr, tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, layout->hi_label, -1),
                   s->x + s->width + TALLY_CHART_GAP, s->y, 0, 0, dim);
  tally_text_draw (cr, tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, layout->lo_label, -1),
                   s->x + s->width + TALLY_CHART_GAP, s->y + s->height, 0, 1, dim);
}

static void
heat_draw (TallyChart *self,
           gpointer    data,
           cairo_t    *cr)
{
  HeatLayout *layout = data;

  /* Labels first: a time axis's grid lines go under the cells. */
  draw_row_labels (self, layout, cr);
  draw_column_labels (self, layout, cr);
  if (layout->image != NULL)
    draw_image (layout, cr);
  else
    draw_cells (self, layout, cr);
  draw_scale (self, layout, cr);
}

static char *
column_name (TallyChart       *self,
             const HeatLayout *layout,
             guint             c)
{
  const char *label = tally_frame_get_column_label (self->frame, c);

  if (layout->time_columns)
    return tally_chart_format_time (self, g_ascii_strtoll (label, NULL, 10),
                                    TALLY_TIME_FORMAT_DATE_TIME);
  /* An hour of the day, "14", reads "14:00". */
  if (layout->n_columns == 24 && g_ascii_isdigit (label[0]) && g_ascii_isdigit (label[1]) &&
      label[2] == '\0')
    return g_strdup_printf (C_("hour of day", "%s:00"), label);
  return g_strdup (label);
}

static gboolean
heat_hit_test (TallyChart    *self,
               gpointer       data,
               double         x,
               double         y,
               TallyChartHit *hit)
{
  HeatLayout *layout = data;
  g_autofree char *column = NULL;
  int c = (int) floor ((x - layout->grid.x) / layout->cell_width);
  int shown_row = (int) floor ((y - layout->grid.y) / layout->cell_height);
  guint r;

  if (c < 0 || c >= (int) layout->n_columns || shown_row < 0 || shown_row >= (int) layout->n_rows)
    return FALSE;
  r = layout->bottom_up ? layout->n_rows - 1 - shown_row : (guint) shown_row;

  column = column_name (self, layout, c);
  hit->kind = TALLY_CHART_HIT_CELL;
  hit->index = (int) r;
  hit->column = c;
  hit->value = tally_frame_get_cell (self->frame, r, c);
  hit->label = g_strdup_printf ("%s, %s", tally_frame_get_row_label (self->frame, r), column);
  hit->value_text = isnan (hit->value) ? g_strdup (_("No data")) : tally_chart_format (self, hit->value);
  hit->text = g_strdup_printf ("%s\n%s", hit->label, hit->value_text);
  hit->x = layout->grid.x + (c + 1) * layout->cell_width;
  hit->y = layout->grid.y + (shown_row + 0.5) * layout->cell_height;
  return TRUE;
}

static void
heat_draw_highlight (TallyChart          *self,
                     gpointer             data,
                     cairo_t             *cr,
                     const TallyChartHit *hit)
{
  HeatLayout *layout = data;
  cairo_rectangle_t rect = cell_rect (layout, hit->index, hit->column);

  cairo_rectangle (cr, rect.x - 1, rect.y - 1, rect.width + 2, rect.height + 2);
  cairo_set_line_width (cr, 2);
  tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_FOREGROUND), 1);
  cairo_stroke (cr);
}

static char *
heat_describe (TallyChart *self,
               gpointer    data)
{
  HeatLayout *layout = data;
  g_autofree char *value = NULL;
  g_autofree char *column = NULL;
  double best = -INFINITY;
  guint best_r = 0, best_c = 0;

  for (guint r = 0; r < layout->n_rows; r++)
    for (guint c = 0; c < layout->n_columns; c++)
      if (tally_frame_get_cell (self->frame, r, c) > best)
        best = tally_frame_get_cell (self->frame, r, c), best_r = r, best_c = c;

  value = tally_chart_format (self, best);
  column = column_name (self, layout, best_c);
  /* Translators: e.g. "7 × 24 cells, highest 412 at Mon, 14" */
  return g_strdup_printf (_("%u × %u cells, highest %s at %s, %s"), layout->n_rows, layout->n_columns,
                          value, tally_frame_get_row_label (self->frame, best_r), column);
}

const TallyChartRenderer tally_heatmap_renderer = {
  .accepts = heat_accepts,
  .layout = heat_layout,
  .free = heat_free,
  .draw = heat_draw,
  .hit_test = heat_hit_test,
  .draw_highlight = heat_draw_highlight,
  .describe = heat_describe,
};
