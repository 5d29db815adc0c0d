/* tally-grid-geometry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The grid in pixels. The window (TallyDashboardView) and `tally render`
 * (TallyDashboardRender) both ask this file where a panel goes, so a
 * dashboard looks the same on screen and in a file, folding included. */

#include "config.h"

#include <math.h>

#include "tally-grid-geometry.h"

/* Rows of a file squeezed into a fixed height never get thinner. */
#define MIN_ROW_HEIGHT 8.0

/**
 * tally_grid_geometry_init:
 * @width: the width available, margins included
 * @top: where the grid starts, in the same units
 *
 * The geometry of a grid @width wide with rows of their natural height.
 * Under %TALLY_GRID_FOLD_WIDTH the grid is folded: one column, every
 * panel full width.
 */
void
tally_grid_geometry_init (TallyGridGeometry *geometry,
                          double             width,
                          double             top)
{
  g_return_if_fail (geometry != NULL);

  geometry->width = width;
  geometry->top = top;
  geometry->row_height = TALLY_GRID_ROW_HEIGHT;
  geometry->folded = width < TALLY_GRID_FOLD_WIDTH;
}

/* One of the 24 columns. */
double
tally_grid_geometry_column_width (const TallyGridGeometry *geometry)
{
  g_return_val_if_fail (geometry != NULL, 0);

  return (geometry->width - 2 * TALLY_GRID_MARGIN - (TALLY_GRID_COLUMNS - 1) * TALLY_GRID_GAP) /
         TALLY_GRID_COLUMNS;
}

/* The height @rows rows take, from @top to the end of the bottom margin. */
double
tally_grid_geometry_get_height (const TallyGridGeometry *geometry,
                                int                      rows)
{
  g_return_val_if_fail (geometry != NULL, 0);

  return geometry->top + 2 * TALLY_GRID_MARGIN + rows * geometry->row_height +
         MAX (rows - 1, 0) * TALLY_GRID_GAP;
}

/* Stretches or shrinks the rows so that @rows rows fill @height (the
 * height of a file of a fixed size), never under 8 px a row. */
void
tally_grid_geometry_fit_rows (TallyGridGeometry *geometry,
                              int                rows,
                              double             height)
{
  double space;

  g_return_if_fail (geometry != NULL);

  if (rows <= 0)
    {
      geometry->row_height = TALLY_GRID_ROW_HEIGHT;
      return;
    }
  space = height - geometry->top - 2 * TALLY_GRID_MARGIN - (rows - 1) * TALLY_GRID_GAP;
  geometry->row_height = MAX (space / rows, MIN_ROW_HEIGHT);
}

/* Floats @rects up into free space, then folds them into one column when
 * the geometry is folded. */
void
tally_grid_geometry_arrange (const TallyGridGeometry *geometry,
                             TallyGridRect           *rects,
                             guint                    n)
{
  g_return_if_fail (geometry != NULL);
  g_return_if_fail (rects != NULL || n == 0);

  tally_grid_float_up (rects, n);
  if (geometry->folded)
    tally_grid_fold (rects, n);
}

/* Where @rect's card goes. Edges are rounded from the exact column and
 * row lines, not sizes from sizes, so the gaps between neighbours stay
 * even and rounding errors never add up across the grid. */
void
tally_grid_geometry_place (const TallyGridGeometry *geometry,
                           const TallyGridRect     *rect,
                           TallyGridBox            *box)
{
  double column, row, x0, x1, y0, y1;

  g_return_if_fail (geometry != NULL && rect != NULL && box != NULL);

  /* A folded rectangle spans all 24 columns, so it meets both margins. */
  column = tally_grid_geometry_column_width (geometry);
  row = geometry->row_height;
  x0 = TALLY_GRID_MARGIN + rect->x * (column + TALLY_GRID_GAP);
  x1 = TALLY_GRID_MARGIN + (rect->x + rect->w) * (column + TALLY_GRID_GAP) - TALLY_GRID_GAP;
  y0 = geometry->top + TALLY_GRID_MARGIN + rect->y * (row + TALLY_GRID_GAP);
  y1 = geometry->top + TALLY_GRID_MARGIN + (rect->y + rect->h) * (row + TALLY_GRID_GAP) -
       TALLY_GRID_GAP;

  box->x = (int) round (x0);
  box->y = (int) round (y0);
  box->width = MAX ((int) round (x1) - box->x, 0);
  box->height = MAX ((int) round (y1) - box->y, 0);
}

/**
 * tally_grid_geometry_locate:
 * @x: a point in pixels, in the grid's coordinates
 * @column: (out): the column line nearest to @x, 0..24
 * @row: (out): the row line nearest to @y, 0 or more
 *
 * The inverse of tally_grid_geometry_place(): the grid lines nearest to a
 * point. A panel's top-left corner dropped at (@x, @y) goes to (@column,
 * @row); a corner dragged to the right edge at @x, plus the gap, gives the
 * line where its width ends. What a drag snaps to.
 */
void
tally_grid_geometry_locate (const TallyGridGeometry *geometry,
                            double                   x,
                            double                   y,
                            int                     *column,
                            int                     *row)
{
  double column_step, row_step;

  g_return_if_fail (geometry != NULL && column != NULL && row != NULL);

  column_step = tally_grid_geometry_column_width (geometry) + TALLY_GRID_GAP;
  row_step = geometry->row_height + TALLY_GRID_GAP;
  *column = CLAMP ((int) round ((x - TALLY_GRID_MARGIN) / column_step), 0, TALLY_GRID_COLUMNS);
  *row = MAX ((int) round ((y - geometry->top - TALLY_GRID_MARGIN) / row_step), 0);
}
