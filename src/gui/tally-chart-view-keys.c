/* tally-chart-view-keys.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The keyboard walk: with the chart focused, the arrow keys move the hover
 * point from bucket to bucket, bar to bar, slice to slice, cell to cell or
 * row to row, so the tooltip and its exact values need no mouse; Home and
 * End go to the ends, Escape puts the tooltip away (or first drops a range
 * being selected by dragging).
 *
 * TallyChart answers "what is at (x, y)" but not "where is item n", so the
 * items are found by asking: hit tests along a line through the plot (two
 * per device pixel: a bucket narrower than that is not one a pointer could
 * pick either) or, for pies and heatmaps, on a 4-pixel grid. That runs once
 * per layout, on the first key press after a change, and costs a few
 * milliseconds. */

#include "config.h"

#include <math.h>

#include "tally-chart-view-private.h"

#define GRID_STEP 4.0
#define CROSS_STEP 4.0

void
tally_chart_view_clear_targets (TallyChartView *self)
{
  if (self->targets != NULL)
    g_array_set_size (self->targets, 0);
  self->scan = TALLY_CHART_SCAN_NONE;
}

static gboolean
same_item (const TallyChartTarget *target,
           const TallyChartHit    *hit)
{
  return target->kind == hit->kind && target->series == hit->series &&
         target->index == hit->index && target->column == hit->column;
}

static TallyChartScan
scan_for_chart (TallyChart *chart)
{
  TallyFrame *frame = tally_chart_get_frame (chart);

  switch (tally_chart_get_chart_type (chart))
    {
    case TALLY_CHART_LINE:
      return TALLY_CHART_SCAN_ALONG_X;
    case TALLY_CHART_BAR:
      if (frame != NULL && tally_frame_get_shape (frame) == TALLY_SHAPE_CATEGORIES &&
          tally_chart_get_options (chart)->bar.orientation == TALLY_ORIENTATION_HORIZONTAL)
        return TALLY_CHART_SCAN_ALONG_Y;
      return TALLY_CHART_SCAN_ALONG_X;
    case TALLY_CHART_TABLE:
      return TALLY_CHART_SCAN_ALONG_Y;
    case TALLY_CHART_STAT:
    case TALLY_CHART_PIE:
    case TALLY_CHART_HEATMAP:
    case TALLY_CHART_GAUGE:
    case TALLY_N_CHART_TYPES:
    default:
      return TALLY_CHART_SCAN_GRID;
    }
}

static TallyChartHit *
probe (TallyChartView *self,
       gboolean        along_x,
       double          along,
       double          across)
{
  return along_x ? tally_chart_hit_test (self->chart, along, across)
                 : tally_chart_hit_test (self->chart, across, along);
}

/* A line across the plot, as near its middle as can be: a coordinate
 * across the scan at which some hit test answers. */
static gboolean
find_cross (TallyChartView *self,
            gboolean        along_x,
            double         *cross)
{
  double length = along_x ? self->width : self->height;
  double across = along_x ? self->height : self->width;
  static const double fractions[] = { 0.5, 0.25, 0.75 };

  for (double d = 0; d <= across / 2; d += CROSS_STEP)
    for (int sign = -1; sign <= 1; sign += 2)
      for (guint f = 0; f < G_N_ELEMENTS (fractions); f++)
        {
          double c = across / 2 + sign * d;
          g_autoptr(TallyChartHit) hit = probe (self, along_x, length * fractions[f], c);

          if (hit != NULL)
            {
              *cross = c;
              return TRUE;
            }
        }

  return FALSE;
}

static void
add_target (TallyChartView      *self,
            const TallyChartHit *hit,
            double               x,
            double               y)
{
  TallyChartTarget target = { hit->kind, hit->series, hit->index, hit->column, x, y };

  g_array_append_val (self->targets, target);
}

static gboolean
same_hit_item (const TallyChartHit *a,
               const TallyChartHit *b)
{
  return a->kind == b->kind && a->series == b->series && a->index == b->index &&
         a->column == b->column;
}

/* Sweeps along one line; each run of positions hitting the same item is
 * one target, placed in the middle of its run. */
static gboolean
scan_line (TallyChartView *self,
           gboolean        along_x)
{
  double length = along_x ? self->width : self->height;
  double step = 0.5 / gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr(TallyChartHit) run = NULL;
  double cross, start = 0, end = 0;

  if (!find_cross (self, along_x, &cross))
    return FALSE;

  for (double pos = step / 2; pos < length + step; pos += step)
    {
      g_autoptr(TallyChartHit) hit = pos < length ? probe (self, along_x, pos, cross) : NULL;

      if (hit != NULL && run != NULL && same_hit_item (hit, run))
        {
          end = pos;
          continue;
        }
      if (run != NULL)
        add_target (self, run, along_x ? (start + end) / 2 : cross,
                    along_x ? cross : (start + end) / 2);
      g_clear_pointer (&run, tally_chart_hit_free);
      if (hit != NULL)
        {
          run = g_steal_pointer (&hit);
          start = end = pos;
        }
    }

  return self->targets->len > 0;
}

typedef struct
{
  TallyChartTarget first;
  double           sum_x;
  double           sum_y;
  guint            n;
} GridItem;

static guint64
item_key (const TallyChartHit *hit)
{
  return ((guint64) hit->kind << 60) ^ ((guint64) (hit->series + 1) << 40) ^
         ((guint64) (hit->index + 1) << 20) ^ (guint64) (hit->column + 1);
}

/* Each item at the middle of the grid points that hit it, or at its first
 * point when the middle misses (a pie slice wider than half the pie). */
static void
add_grid_targets (TallyChartView *self,
                  GArray         *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      GridItem *item = &g_array_index (items, GridItem, i);
      TallyChartTarget target = item->first;
      double x = item->sum_x / item->n, y = item->sum_y / item->n;
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (self->chart, x, y);

      if (hit != NULL && same_item (&target, hit))
        target.x = x, target.y = y;
      g_array_append_val (self->targets, target);
    }
}

static void
scan_grid (TallyChartView *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (GridItem));

  for (double y = GRID_STEP / 2; y < self->height; y += GRID_STEP)
    for (double x = GRID_STEP / 2; x < self->width; x += GRID_STEP)
      {
        g_autoptr(TallyChartHit) hit = tally_chart_hit_test (self->chart, x, y);
        guint64 key;
        gpointer index;
        GridItem *item;

        if (hit == NULL)
          continue;
        key = item_key (hit);
        if (!g_hash_table_lookup_extended (seen, &key, NULL, &index))
          {
            GridItem fresh = { { hit->kind, hit->series, hit->index, hit->column, x, y }, 0, 0, 0 };

            index = GUINT_TO_POINTER (items->len);
            g_array_append_val (items, fresh);
            g_hash_table_insert (seen, g_memdup2 (&key, sizeof key), index);
          }
        item = &g_array_index (items, GridItem, GPOINTER_TO_UINT (index));
        item->sum_x += x;
        item->sum_y += y;
        item->n++;
      }

  add_grid_targets (self, items);
}

/* Pie slices go clockwise in the frame's order, the folded "Other" last. */
static int
compare_slices (gconstpointer a,
                gconstpointer b)
{
  int sa = ((const TallyChartTarget *) a)->series, sb = ((const TallyChartTarget *) b)->series;

  if (sa < 0 || sb < 0)
    return (sa < 0) - (sb < 0);
  return (sa > sb) - (sa < sb);
}

/* Other grids read like text: rows top to bottom, left to right in each. */
static int
compare_reading (gconstpointer a,
                 gconstpointer b)
{
  const TallyChartTarget *ta = a, *tb = b;

  if (fabs (ta->y - tb->y) >= 1)
    return (ta->y > tb->y) - (ta->y < tb->y);
  return (ta->x > tb->x) - (ta->x < tb->x);
}

static void
ensure_targets (TallyChartView *self)
{
  if (self->scan != TALLY_CHART_SCAN_NONE)
    return;
  if (self->targets == NULL)
    self->targets = g_array_new (FALSE, FALSE, sizeof (TallyChartTarget));
  g_array_set_size (self->targets, 0);
  if (self->width <= 0 || self->height <= 0)
    return;

  self->scan = scan_for_chart (self->chart);
  if (self->scan == TALLY_CHART_SCAN_ALONG_X || self->scan == TALLY_CHART_SCAN_ALONG_Y)
    {
      if (scan_line (self, self->scan == TALLY_CHART_SCAN_ALONG_X))
        return;
      self->scan = TALLY_CHART_SCAN_GRID;
    }

  scan_grid (self);
  if (tally_chart_get_chart_type (self->chart) == TALLY_CHART_PIE)
    g_array_sort (self->targets, compare_slices);
  else
    g_array_sort (self->targets, compare_reading);
}

/* The target hovered now: the same item, else the same bucket (a line's
 * nearest series depends on the pointer's height), else the nearest. */
static int
current_target (TallyChartView *self)
{
  const TallyChartHit *hit = tally_chart_view_get_hit (self);
  double best = INFINITY;
  int nearest = -1;

  if (!self->hovering)
    return -1;

  for (guint i = 0; hit != NULL && i < self->targets->len; i++)
    if (same_item (&g_array_index (self->targets, TallyChartTarget, i), hit))
      return (int) i;

  for (guint i = 0; hit != NULL && i < self->targets->len; i++)
    {
      const TallyChartTarget *t = &g_array_index (self->targets, TallyChartTarget, i);

      if (t->kind == hit->kind && t->index == hit->index && t->column == hit->column)
        return (int) i;
    }

  for (guint i = 0; i < self->targets->len; i++)
    {
      const TallyChartTarget *t = &g_array_index (self->targets, TallyChartTarget, i);
      double d = hypot (t->x - self->hover_x, t->y - self->hover_y);

      if (d < best)
        best = d, nearest = (int) i;
    }

  return nearest;
}

static void
hover_target (TallyChartView *self,
              guint           i)
{
  const TallyChartTarget *t = &g_array_index (self->targets, TallyChartTarget, i);

  tally_chart_view_set_hover (self, t->x, t->y, TRUE);
}

/* In a grid (a heatmap), the nearest item in the direction of the arrow,
 * preferring the same row or column. */
static int
spatial_neighbour (TallyChartView *self,
                   int             from,
                   int             dx,
                   int             dy)
{
  const TallyChartTarget *cur = &g_array_index (self->targets, TallyChartTarget, from);
  double best = INFINITY;
  int found = from;

  for (guint i = 0; i < self->targets->len; i++)
    {
      const TallyChartTarget *t = &g_array_index (self->targets, TallyChartTarget, i);
      double along = dx != 0 ? (t->x - cur->x) * dx : (t->y - cur->y) * dy;
      double aside = fabs (dx != 0 ? t->y - cur->y : t->x - cur->x);

      if (along < 0.5 || along + 4 * aside >= best)
        continue;
      best = along + 4 * aside;
      found = (int) i;
    }

  return found;
}

/* A table chart shows the rows that fit: walking past the first or last
 * shown row scrolls by one. Returns whether it scrolled. */
static gboolean
scroll_table (TallyChartView *self,
              int             step)
{
  TallyFrame *frame = tally_chart_get_frame (self->chart);
  guint first = tally_chart_get_first_row (self->chart);
  guint shown = self->targets->len;

  if (tally_chart_get_chart_type (self->chart) != TALLY_CHART_TABLE || frame == NULL ||
      tally_frame_get_shape (frame) != TALLY_SHAPE_TABLE)
    return FALSE;
  if (step < 0 && first == 0)
    return FALSE;
  if (step > 0 && first + shown >= tally_frame_get_n_rows (frame))
    return FALSE;

  tally_chart_set_first_row (self->chart, step < 0 ? first - 1 : first + 1);
  ensure_targets (self);
  return self->targets->len > 0;
}

/* Moves the hover point one item in the direction (@dx, @dy), each -1, 0
 * or 1. Returns FALSE when the chart has no item that way to go to (so
 * the key goes on to the parent). */
gboolean
tally_chart_view_move (TallyChartView *self,
                       int             dx,
                       int             dy)
{
  int cur, step, next;

  if (tally_chart_view_table_shown (self))
    return FALSE;
  ensure_targets (self);
  if (self->targets->len == 0)
    return FALSE;

  switch (self->scan)
    {
    case TALLY_CHART_SCAN_ALONG_X:
      step = dx;
      break;
    case TALLY_CHART_SCAN_ALONG_Y:
      step = dy;
      break;
    case TALLY_CHART_SCAN_GRID:
    case TALLY_CHART_SCAN_NONE:
    default:
      step = dx != 0 ? dx : dy;
      break;
    }
  if (step == 0)
    return FALSE;

  cur = current_target (self);
  if (cur < 0)
    next = step > 0 ? 0 : (int) self->targets->len - 1;
  else if (tally_chart_get_chart_type (self->chart) == TALLY_CHART_HEATMAP)
    next = spatial_neighbour (self, cur, dx, dy);
  else if (cur + step < 0 || cur + step >= (int) self->targets->len)
    next = scroll_table (self, step) ? (step < 0 ? 0 : (int) self->targets->len - 1) : cur;
  else
    next = cur + step;

  hover_target (self, next);
  return TRUE;
}

/* Home and End: the first or last item; in a table, the first or last row
 * of the whole frame. */
gboolean
tally_chart_view_move_to_end (TallyChartView *self,
                              gboolean        last)
{
  TallyFrame *frame = tally_chart_get_frame (self->chart);

  if (tally_chart_view_table_shown (self))
    return FALSE;
  ensure_targets (self);
  if (self->targets->len == 0)
    return FALSE;

  if (tally_chart_get_chart_type (self->chart) == TALLY_CHART_TABLE && frame != NULL &&
      tally_frame_get_shape (frame) == TALLY_SHAPE_TABLE)
    {
      guint n_rows = tally_frame_get_n_rows (frame);
      guint shown = self->targets->len;

      tally_chart_set_first_row (self->chart, last && n_rows > shown ? n_rows - shown : 0);
      ensure_targets (self);
      if (self->targets->len == 0)
        return FALSE;
    }

  hover_target (self, last ? self->targets->len - 1 : 0);
  return TRUE;
}

gboolean
tally_chart_view_key_pressed_cb (TallyChartView        *self,
                                 guint                  keyval,
                                 guint                  keycode,
                                 GdkModifierType        state,
                                 GtkEventControllerKey *controller)
{
  /* Leave shortcuts with modifiers to the window. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return tally_chart_view_move (self, -1, 0);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return tally_chart_view_move (self, 1, 0);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return tally_chart_view_move (self, 0, -1);
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return tally_chart_view_move (self, 0, 1);
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      return tally_chart_view_move_to_end (self, FALSE);
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      return tally_chart_view_move_to_end (self, TRUE);
    case GDK_KEY_Escape:
      if (tally_chart_view_drag_cancel (self))
        return TRUE;
      if (!self->hovering)
        return FALSE;
      tally_chart_view_clear_hover (self);
      return TRUE;
    default:
      return FALSE;
    }
}
