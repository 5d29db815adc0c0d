/* tally-grid-geometry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "tally-grid.h"

G_BEGIN_DECLS

/* Pixels around the grid, between panels, and of one row at its natural
 * height. */
#define TALLY_GRID_MARGIN            16
#define TALLY_GRID_GAP               10
#define TALLY_GRID_ROW_HEIGHT        34

/* Narrower columns fold the grid into one: a quarter-width panel would be
 * under 158 px, too narrow for its title, its menu and a value. */
#define TALLY_GRID_MIN_COLUMN_WIDTH  18
#define TALLY_GRID_FOLD_WIDTH        (TALLY_GRID_COLUMNS * TALLY_GRID_MIN_COLUMN_WIDTH + \
                                      (TALLY_GRID_COLUMNS - 1) * TALLY_GRID_GAP +       \
                                      2 * TALLY_GRID_MARGIN)

/* A panel's place in pixels: whole pixels, so cards have crisp edges and
 * the window and a file put them at the same place. */
typedef struct
{
  int x;
  int y;
  int width;
  int height;
} TallyGridBox;

/**
 * TallyGridGeometry:
 * @width: the width the grid is laid out in, margins included
 * @top: where the grid's top margin starts (0 in the window; below the
 *   title in `tally render`)
 * @row_height: the height of a row; %TALLY_GRID_ROW_HEIGHT unless a
 *   file of a fixed height stretches or shrinks the rows
 * @folded: whether the grid is one column, because @width is under
 *   %TALLY_GRID_FOLD_WIDTH
 *
 * How the 24-column grid maps to pixels: one geometry for the window and
 * for `tally render`, so a panel sits at the same place in both.
 */
typedef struct
{
  double   width;
  double   top;
  double   row_height;
  gboolean folded;
} TallyGridGeometry;

void     tally_grid_geometry_init          (TallyGridGeometry       *geometry,
                                            double                   width,
                                            double                   top);
double   tally_grid_geometry_column_width  (const TallyGridGeometry *geometry);
double   tally_grid_geometry_get_height    (const TallyGridGeometry *geometry,
                                            int                      rows);
void     tally_grid_geometry_fit_rows      (TallyGridGeometry       *geometry,
                                            int                      rows,
                                            double                   height);
void     tally_grid_geometry_arrange       (const TallyGridGeometry *geometry,
                                            TallyGridRect           *rects,
                                            guint                    n);
void     tally_grid_geometry_place         (const TallyGridGeometry *geometry,
                                            const TallyGridRect     *rect,
                                            TallyGridBox            *box);
void     tally_grid_geometry_locate        (const TallyGridGeometry *geometry,
                                            double                   x,
                                            double                   y,
                                            int                     *column,
                                            int                     *row);

G_END_DECLS
