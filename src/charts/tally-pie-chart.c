/* tally-pie-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Pie and donut charts of categories: shares of cost per model, of
 * requests per status class. Slices run clockwise from twelve o'clock in
 * the frame's order (the query sorts them, largest first). Past the
 * palette's size, the smallest slices fold into one grey "Other" so no two
 * slices share a colour; each slice with room says its share, and the
 * legend lists every share. A donut shows the total in its hole. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-chart-private.h"
#include "tally-format.h"

#define DONUT_HOLE 0.6
#define MIN_LABEL_SWEEP 0.4        /* radians */
#define MAX_SLICES (TALLY_CHART_PALETTE_SIZE + 1)
#define START_ANGLE (-G_PI / 2)

typedef struct
{
  int        category;             /* -1 for a folded "Other" */
  double     value;
  double     start;                /* angles, radians, clockwise from START_ANGLE */
  double     end;
  TallyRgba  color;
  char      *label;
} Slice;

typedef struct
{
  GArray  *slices;                 /* Slice */
  double   total;
  double   cx;
  double   cy;
  double   radius;
  double   hole;
} PieLayout;

static gboolean
pie_accepts (TallyShape shape)
{
  return shape == TALLY_SHAPE_CATEGORIES;
}

static void
slice_clear (gpointer data)
{
  g_free (((Slice *) data)->label);
}

static void
pie_free (gpointer data)
{
  PieLayout *layout = data;

  g_array_unref (layout->slices);
  g_free (layout);
}

static gboolean
slice_shown (TallyChart *self,
             guint       i)
{
  double v = tally_frame_get_category_value (self->frame, i);

  return isfinite (v) && v > 0 &&
         !tally_chart_is_hidden (self, tally_frame_get_category_label (self->frame, i));
}

static int
compare_by_value (gconstpointer a,
                  gconstpointer b)
{
  const Slice *sa = a, *sb = b;

  return (sa->value < sb->value) - (sa->value > sb->value);
}

static GArray *
new_slices (void)
{
  GArray *slices = g_array_new (FALSE, FALSE, sizeof (Slice));

  g_array_set_clear_func (slices, slice_clear);
  return slices;
}

/* Keeps the largest slices and folds the others, with any "Other" of the
 * frame, into one grey slice at the end. */
static void
fold_small_slices (TallyChart *self,
                   PieLayout  *layout)
{
  g_autoptr(GArray) sorted = NULL;
  GArray *kept;
  Slice other = { -1, 0, 0, 0, *tally_chart_shade (self, TALLY_CHART_SHADE_OTHER),
                  g_strdup (_("Other")) };
  double keep_above;

  if (layout->slices->len <= MAX_SLICES)
    {
      g_free (other.label);
      return;
    }
  sorted = g_array_copy (layout->slices);
  g_array_set_clear_func (sorted, NULL);
  g_array_sort (sorted, compare_by_value);
  keep_above = g_array_index (sorted, Slice, MAX_SLICES - 2).value;

  /* The labels move to the new array or are freed here, once. */
  kept = new_slices ();
  g_array_set_clear_func (layout->slices, NULL);
  for (guint i = 0; i < layout->slices->len; i++)
    {
      Slice *slice = &g_array_index (layout->slices, Slice, i);

      if (kept->len < MAX_SLICES - 1 && slice->value >= keep_above &&
          !g_str_equal (slice->label, "Other"))
        g_array_append_val (kept, *slice);
      else
        {
          other.value += slice->value;
          g_free (slice->label);
        }
    }
  g_array_append_val (kept, other);
  g_array_unref (layout->slices);
  layout->slices = kept;
}

static void
collect_slices (TallyChart *self,
                PieLayout  *layout)
{
  double angle = 0;

  for (guint i = 0; i < tally_frame_get_n_categories (self->frame); i++)
    {
      const char *label = tally_frame_get_category_label (self->frame, i);
      Slice slice = { (int) i, tally_frame_get_category_value (self->frame, i), 0, 0,
                      *tally_chart_series_color (self, i, label), g_strdup (label) };

      if (!slice_shown (self, i))
        {
          g_free (slice.label);
          continue;
        }
      g_array_append_val (layout->slices, slice);
    }
  fold_small_slices (self, layout);

  for (guint i = 0; i < layout->slices->len; i++)
    layout->total += g_array_index (layout->slices, Slice, i).value;
  for (guint i = 0; i < layout->slices->len; i++)
    {
      Slice *slice = &g_array_index (layout->slices, Slice, i);

      slice->start = angle;
      angle += 2 * G_PI * slice->value / layout->total;
      slice->end = i + 1 == layout->slices->len ? 2 * G_PI : angle;
    }
}

static char *
share_text (double part,
            double total)
{
  return tally_format_value (total > 0 ? part / total : NAN, "percent", TALLY_FORMAT_AUTO);
}

static void
add_legend (TallyChart        *self,
            PieLayout         *layout,
            cairo_rectangle_t *area)
{
  TallyLegend *legend;
  gboolean side = area->width > area->height * 1.3;

  if (!tally_chart_show_legend (self, tally_frame_get_n_categories (self->frame)))
    return;
  legend = tally_legend_new ();
  for (guint i = 0; i < layout->slices->len; i++)
    {
      const Slice *slice = &g_array_index (layout->slices, Slice, i);
      g_autofree char *share = share_text (slice->value, layout->total);

      tally_legend_add (legend, slice->label, &slice->color, FALSE, share);
    }
  for (guint i = 0; i < tally_frame_get_n_categories (self->frame); i++)
    {
      const char *label = tally_frame_get_category_label (self->frame, i);

      if (tally_chart_is_hidden (self, label))
        tally_legend_add (legend, label, tally_chart_series_color (self, i, label), TRUE, NULL);
    }
  tally_legend_layout (legend, self, area, side);
  tally_chart_set_legend (self, legend);
}

static gpointer
pie_layout (TallyChart              *self,
            const cairo_rectangle_t *content)
{
  PieLayout *layout = g_new0 (PieLayout, 1);
  cairo_rectangle_t area = *content;

  layout->slices = new_slices ();
  collect_slices (self, layout);
  add_legend (self, layout, &area);

  layout->cx = area.x + area.width / 2;
  layout->cy = area.y + area.height / 2;
  layout->radius = MAX (MIN (area.width, area.height) / 2 - 2, 1);
  layout->hole = self->options->pie.donut ? layout->radius * DONUT_HOLE : 0;

  return layout;
}

static void
path_slice (cairo_t         *cr,
            const PieLayout *layout,
            const Slice     *slice,
            double           grow)
{
  double r = layout->radius + grow;

  cairo_new_path (cr);
  cairo_arc (cr, layout->cx, layout->cy, r, START_ANGLE + slice->start, START_ANGLE + slice->end);
  if (layout->hole > 0)
    cairo_arc_negative (cr, layout->cx, layout->cy, layout->hole, START_ANGLE + slice->end,
                        START_ANGLE + slice->start);
  else
    cairo_line_to (cr, layout->cx, layout->cy);
  cairo_close_path (cr);
}

/* Dark text on a light slice, light text on a dark one. */
static TallyRgba
text_on (const TallyRgba *color)
{
  TallyRgba white = { 1, 1, 1, 1 }, black = { 0, 0, 0, 0.85 };

  return tally_rgba_contrast (color, &white) >= tally_rgba_contrast (color, &black) ? white : black;
}

static void
draw_share_label (TallyChart      *self,
                  const PieLayout *layout,
                  const Slice     *slice,
                  cairo_t         *cr)
{
  g_autofree char *share = NULL;
  double mid = START_ANGLE + (slice->start + slice->end) / 2;
  double r = layout->hole > 0 ? (layout->radius + layout->hole) / 2 : layout->radius * 0.62;
  TallyRgba color = text_on (&slice->color);
  PangoLayout *text;
  double w, h;

  if (slice->end - slice->start < MIN_LABEL_SWEEP || layout->radius < 48)
    return;
  share = share_text (slice->value, layout->total);
  text = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, share, -1);
  tally_text_size (text, &w, &h);
  tally_text_draw (cr, text, layout->cx + r * cos (mid), layout->cy + r * sin (mid), 0.5, 0.5, &color);
}

static void
draw_total (TallyChart      *self,
            const PieLayout *layout,
            cairo_t         *cr)
{
  g_autofree char *total = tally_chart_format (self, layout->total);
  double size = MIN (layout->hole * 0.5, tally_text_style_size (self->text, TALLY_TEXT_VALUE));
  PangoLayout *text;
  double w, h;

  if (layout->hole < 24)
    return;
  text = tally_text_layout (self->text, TALLY_TEXT_VALUE, size, total, -1);
  tally_text_size (text, &w, &h);
  if (w > layout->hole * 1.7)
    text = tally_text_layout (self->text, TALLY_TEXT_VALUE, size * layout->hole * 1.7 / w, total, -1);
  tally_text_draw (cr, text, layout->cx, layout->cy, 0.5, 0.5,
                   tally_chart_color (self, TALLY_CHART_COLOR_FOREGROUND));
}

static void
pie_draw (TallyChart *self,
          gpointer    data,
          cairo_t    *cr)
{
  PieLayout *layout = data;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < layout->slices->len; i++)
    {
      const Slice *slice = &g_array_index (layout->slices, Slice, i);

      path_slice (cr, layout, slice, 0);
      tally_cairo_set_color (cr, &slice->color, 1);
      cairo_fill_preserve (cr);
      /* A background-coloured seam keeps neighbours apart. */
      if (layout->slices->len > 1)
        {
          cairo_set_line_width (cr, 1.5);
          tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_BACKGROUND), 1);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
    }
  for (guint i = 0; i < layout->slices->len; i++)
    draw_share_label (self, layout, &g_array_index (layout->slices, Slice, i), cr);
  if (layout->hole > 0)
    draw_total (self, layout, cr);
}

static gboolean
pie_hit_test (TallyChart    *self,
              gpointer       data,
              double         x,
              double         y,
              TallyChartHit *hit)
{
  PieLayout *layout = data;
  double dx = x - layout->cx, dy = y - layout->cy, r = hypot (dx, dy);
  double angle = fmod (atan2 (dy, dx) - START_ANGLE + 4 * G_PI, 2 * G_PI);

  if (r > layout->radius || r < layout->hole)
    return FALSE;
  for (guint i = 0; i < layout->slices->len; i++)
    {
      const Slice *slice = &g_array_index (layout->slices, Slice, i);
      g_autofree char *share = NULL;
      double mid = START_ANGLE + (slice->start + slice->end) / 2;

      if (angle < slice->start || angle >= slice->end)
        continue;
      share = share_text (slice->value, layout->total);
      hit->kind = TALLY_CHART_HIT_SLICE;
      hit->series = slice->category;
      hit->value = slice->value;
      hit->label = g_strdup (slice->label);
      hit->value_text = tally_chart_format (self, slice->value);
      hit->text = g_strdup_printf ("%s\n%s (%s)", slice->label, hit->value_text, share);
      hit->x = layout->cx + layout->radius * 0.8 * cos (mid);
      hit->y = layout->cy + layout->radius * 0.8 * sin (mid);
      return TRUE;
    }

  return FALSE;
}

static void
pie_draw_highlight (TallyChart          *self,
                    gpointer             data,
                    cairo_t             *cr,
                    const TallyChartHit *hit)
{
  PieLayout *layout = data;

  for (guint i = 0; i < layout->slices->len; i++)
    {
      const Slice *slice = &g_array_index (layout->slices, Slice, i);

      if (slice->category != hit->series)
        continue;
      path_slice (cr, layout, slice, 4);
      tally_cairo_set_color (cr, &slice->color, 1);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2);
      tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_BACKGROUND), 1);
      cairo_stroke (cr);
      draw_share_label (self, layout, slice, cr);
      return;
    }
}

static char *
pie_describe (TallyChart *self,
              gpointer    data)
{
  PieLayout *layout = data;

  return tally_chart_describe_categories (self, layout->total);
}

const TallyChartRenderer tally_pie_renderer = {
  .accepts = pie_accepts,
  .layout = pie_layout,
  .free = pie_free,
  .draw = pie_draw,
  .hit_test = pie_hit_test,
  .draw_highlight = pie_draw_highlight,
  .describe = pie_describe,
};
