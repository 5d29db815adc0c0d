/* tally-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The dashboard grid's rules, as pure functions over rectangles so they
 * can be tested exactly: 24 columns, rows of fixed height, panels that
 * float up into free space, and moving, resizing and placing panels as
 * Grafana does. tally-grid.h states the rules. */

#include "config.h"

#include <string.h>

#include "tally-grid.h"

gboolean
tally_grid_rects_overlap (const TallyGridRect *a,
                          const TallyGridRect *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w &&
         a->y < b->y + b->h && b->y < a->y + a->h;
}

/* The first of the @n rectangles rects[order[0..n-1]] that @rect
 * overlaps, or NULL. */
static const TallyGridRect *
first_collision (const TallyGridRect *rect,
                 const TallyGridRect *rects,
                 const guint         *order,
                 guint                n)
{
  for (guint i = 0; i < n; i++)
    {
      if (tally_grid_rects_overlap (rect, &rects[order[i]]))
        return &rects[order[i]];
    }

  return NULL;
}

/* Whether @rect overlaps any of the @n rectangles but rects[@skip]. */
static gboolean
collides_with_others (const TallyGridRect *rect,
                      const TallyGridRect *rects,
                      guint                n,
                      guint                skip)
{
  for (guint i = 0; i < n; i++)
    {
      if (i != skip && tally_grid_rects_overlap (rect, &rects[i]))
        return TRUE;
    }

  return FALSE;
}

static int
compare_position (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const TallyGridRect *rects = user_data;
  const TallyGridRect *ra = &rects[*(const guint *) a];
  const TallyGridRect *rb = &rects[*(const guint *) b];

  if (ra->y != rb->y)
    return ra->y - rb->y;
  return ra->x - rb->x;
}

/* The indices of @rects in reading order: by row, then column. */
static guint *
reading_order (const TallyGridRect *rects,
               guint                n)
{
  guint *order = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_position, (gpointer) rects);

  return order;
}

/* How high @rect rises under the @n panels rects[order[…]] already in
 * place: to the lowest bottom among those above it in its columns. When
 * one of them overlaps it (a layout read from a file may), it rises row
 * by row while it can, as it always did. */
static int
risen_row (const TallyGridRect *rect,
           const TallyGridRect *rects,
           const guint         *order,
           guint                n)
{
  TallyGridRect up = *rect;
  int top = 0;

  if (first_collision (rect, rects, order, n) == NULL)
    {
      for (guint i = 0; i < n; i++)
        {
          const TallyGridRect *above = &rects[order[i]];

          if (above->x < rect->x + rect->w && rect->x < above->x + above->w)
            top = MAX (top, above->y + above->h);
        }
      return MIN (top, rect->y);
    }

  while (up.y > 0)
    {
      up.y--;
      if (first_collision (&up, rects, order, n) != NULL)
        return up.y + 1;
    }

  return 0;
}

/**
 * tally_grid_float_up:
 *
 * Moves each panel up as far as it goes without overlapping a panel above
 * it, taking them top to bottom, left to right. Columns and sizes never
 * change, and the order of panels in @rects is kept.
 */
void
tally_grid_float_up (TallyGridRect *rects,
                     guint          n)
{
  g_autofree guint *order = reading_order (rects, n);

  for (guint k = 0; k < n; k++)
    {
      TallyGridRect *rect = &rects[order[k]];

      rect->y = risen_row (rect, rects, order, k);
    }
}

/* The number of rows the panels take. */
int
tally_grid_height (const TallyGridRect *rects,
                   guint                n)
{
  int height = 0;

  for (guint i = 0; i < n; i++)
    height = MAX (height, rects[i].y + rects[i].h);

  return height;
}

/**
 * tally_grid_fold:
 *
 * The layout of a narrow window: one column, each panel the full width
 * and as tall as it was, in reading order (top to bottom, left to right),
 * with no gaps. The order of panels in @rects is kept.
 */
void
tally_grid_fold (TallyGridRect *rects,
                 guint          n)
{
  g_autofree guint *order = reading_order (rects, n);
  int y = 0;

  for (guint k = 0; k < n; k++)
    {
      TallyGridRect *rect = &rects[order[k]];

      rect->x = 0;
      rect->w = TALLY_GRID_COLUMNS;
      rect->y = y;
      y += rect->h;
    }
}

/* Step 1 of a move: each panel the moved one overlaps goes just above it
 * when that spot is inside the grid and free. */
static void
swap_above (TallyGridRect *rects,
            guint          n,
            guint          index)
{
  g_autofree guint *order = reading_order (rects, n);
  const TallyGridRect *moved = &rects[index];

  for (guint k = 0; k < n; k++)
    {
      TallyGridRect above = rects[order[k]];

      if (order[k] == index || !tally_grid_rects_overlap (&above, moved))
        continue;
      above.y = moved->y - above.h;
      if (above.y >= 0 && !collides_with_others (&above, rects, n, order[k]))
        rects[order[k]] = above;
    }
}

/* Step 2: panel @index stays; every other, in reading order, goes below
 * each settled panel it overlaps until it overlaps none. */
static void
push_down (TallyGridRect *rects,
           guint          n,
           guint          index)
{
  g_autofree guint *order = reading_order (rects, n);
  g_autofree guint *settled = g_new (guint, MAX (n, 1));
  guint n_settled = 0;

  settled[n_settled++] = index;
  for (guint k = 0; k < n; k++)
    {
      TallyGridRect *rect = &rects[order[k]];
      const TallyGridRect *below;

      if (order[k] == index)
        continue;
      while ((below = first_collision (rect, rects, settled, n_settled)) != NULL)
        rect->y = below->y + below->h;
      settled[n_settled++] = order[k];
    }
}

/**
 * tally_grid_move:
 * @index: the panel to move
 * @x: its new column, clamped into 0..24 - w
 * @y: its new row, 0 or more
 *
 * Moves a panel as a drag in Grafana does: what it lands on moves out of
 * its way, then everything floats up. tally-grid.h gives the rules.
 */
void
tally_grid_move (TallyGridRect *rects,
                 guint          n,
                 guint          index,
                 int            x,
                 int            y)
{
  TallyGridRect *rect;

  g_return_if_fail (index < n);

  rect = &rects[index];
  g_return_if_fail (rect->w >= 1 && rect->w <= TALLY_GRID_COLUMNS);

  /* Far below everything is the same as just below it, and keeps the
   * sums of rows well inside an int. */
  rect->y = CLAMP (y, 0, tally_grid_height (rects, n));
  rect->x = CLAMP (x, 0, TALLY_GRID_COLUMNS - rect->w);
  swap_above (rects, n, index);
  push_down (rects, n, index);
  tally_grid_float_up (rects, n);
}

/**
 * tally_grid_resize:
 * @index: the panel to resize
 * @w: its new width, clamped into 1..24 - x
 * @h: its new height, clamped into 1..TALLY_GRID_MAX_H
 *
 * Resizes a panel from its top-left corner; what it grows over goes below
 * it, then everything floats up.
 */
void
tally_grid_resize (TallyGridRect *rects,
                   guint          n,
                   guint          index,
                   int            w,
                   int            h)
{
  TallyGridRect *rect;

  g_return_if_fail (index < n);

  rect = &rects[index];
  g_return_if_fail (rect->x >= 0 && rect->x < TALLY_GRID_COLUMNS);

  rect->w = CLAMP (w, 1, TALLY_GRID_COLUMNS - rect->x);
  rect->h = CLAMP (h, 1, TALLY_GRID_MAX_H);
  push_down (rects, n, index);
  tally_grid_float_up (rects, n);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The rows (or columns) where a free spot can begin: 0 and each panel's
 * bottom (or right edge), sorted. The first free spot in reading order
 * starts on one of them, since the cell before it is taken. */
static int *
spot_starts (const TallyGridRect *rects,
             guint                n,
             gboolean             rows,
             guint               *n_starts)
{
  int *starts = g_new (int, n + 1);

  starts[0] = 0;
  for (guint i = 0; i < n; i++)
    starts[i + 1] = rows ? rects[i].y + rects[i].h : rects[i].x + rects[i].w;
  qsort (starts, n + 1, sizeof (int), compare_int);
  *n_starts = n + 1;

  return starts;
}

/**
 * tally_grid_place:
 * @w: the new panel's width, clamped into 1..24
 * @h: its height, clamped into 1..TALLY_GRID_MAX_H
 * @x: (out): its column
 * @y: (out): its row
 *
 * Where a new panel goes: the first free spot in reading order, else
 * below everything at the left edge.
 */
void
tally_grid_place (const TallyGridRect *rects,
                  guint                n,
                  int                  w,
                  int                  h,
                  int                 *x,
                  int                 *y)
{
  g_autofree guint *all = g_new (guint, MAX (n, 1));
  g_autofree int *rows = NULL;
  g_autofree int *columns = NULL;
  guint n_rows, n_columns;
  TallyGridRect spot;

  g_return_if_fail (x != NULL && y != NULL);

  for (guint i = 0; i < n; i++)
    all[i] = i;
  rows = spot_starts (rects, n, TRUE, &n_rows);
  columns = spot_starts (rects, n, FALSE, &n_columns);
  spot.w = CLAMP (w, 1, TALLY_GRID_COLUMNS);
  spot.h = CLAMP (h, 1, TALLY_GRID_MAX_H);

  for (guint r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          spot.y = rows[r];
          spot.x = columns[c];
          if (spot.x + spot.w <= TALLY_GRID_COLUMNS &&
              first_collision (&spot, rects, all, n) == NULL)
            {
              *x = spot.x;
              *y = spot.y;
              return;
            }
        }
    }

  /* The tallest bottom is among the rows tried, and nothing is below it. */
  g_assert_not_reached ();
}

/**
 * tally_grid_nudge:
 * @dx: -1, 0 or 1: one column left or right
 * @dy: -1, 0 or 1: one row up or down
 *
 * Moves panel @index one step by tally_grid_move()'s rules, from where it
 * shows (the layout floated up). Moving down one row over a panel taller
 * than one row changes nothing, as the moved panel floats back up, so the
 * step grows until the layout changes: the panel then takes the place of
 * the one below it, as a drag would. Nothing moves past the grid's edges.
 *
 * Returns: whether @rects changed
 */
gboolean
tally_grid_nudge (TallyGridRect *rects,
                  guint          n,
                  guint          index,
                  int            dx,
                  int            dy)
{
  g_autofree TallyGridRect *start = NULL;
  g_autofree TallyGridRect *trial = NULL;
  int limit;

  g_return_val_if_fail (index < n, FALSE);
  g_return_val_if_fail (ABS (dx) <= 1 && ABS (dy) <= 1, FALSE);

  tally_grid_float_up (rects, n);
  start = g_memdup2 (rects, n * sizeof *rects);
  trial = g_new (TallyGridRect, n);
  limit = MAX (tally_grid_height (rects, n), TALLY_GRID_COLUMNS) + 1;

  for (int step = 1; step <= limit; step++)
    {
      memcpy (trial, start, n * sizeof *trial);
      tally_grid_move (trial, n, index, start[index].x + dx * step, start[index].y + dy * step);
      if (memcmp (trial, start, n * sizeof *trial) != 0)
        {
          memcpy (rects, trial, n * sizeof *rects);
          return TRUE;
        }
    }

  return FALSE;
}
