/* tally-grid.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TALLY_GRID_COLUMNS 24
#define TALLY_GRID_MAX_H   100

/* A panel's place on the 24-column grid, in grid units. */
typedef struct
{
  int x;
  int y;
  int w;
  int h;
} TallyGridRect;

/* Editing the grid, as Grafana (react-grid-layout, vertical compaction)
 * does. Each function changes @rects in place and keeps their order.
 *
 * tally_grid_move() puts panel @index at (@x, @y), with @x clamped into
 * 0..24 - w and @y to 0 or more, then:
 *  1. Swap: a panel the moved one now overlaps goes just above it (its
 *     bottom on the moved panel's top) when that spot lies inside the grid
 *     and is free of every other panel. So a panel dragged down past
 *     another takes that one's place, and the other goes up.
 *  2. Push: taking the other panels in reading order (by row, then
 *     column), each one that overlaps a panel already settled (the moved
 *     one first) goes straight down below it, again until it overlaps
 *     none, so a pushed panel pushes in turn what it lands on.
 *  3. Float up: every panel, taken in reading order, rises until it
 *     touches the top or a panel above it (tally_grid_float_up()). The
 *     moved panel keeps its row unless the space above it is free: no
 *     panel hangs over a gap. A panel dragged up over another therefore
 *     ends above it, and the other just below: they swap.
 *
 * tally_grid_resize() gives panel @index the size @w × @h, with @w clamped
 * into 1..24 - x and @h into 1..TALLY_GRID_MAX_H, keeps its top-left
 * corner, then pushes and floats up as a move does (without the swap):
 * what the panel grows over goes below it.
 *
 * tally_grid_place() finds where a new @w × @h panel goes: the first spot
 * free of every panel, scanning rows top-down and, in each row, columns
 * from the left; when no row holds one, below everything at column 0.
 * Nothing moves.
 *
 * tally_grid_nudge() is the keyboard's move: panel @index goes one column
 * (@dx) or row (@dy) further, or as many as it takes for the layout to
 * change, since a panel moved one row down over a taller one floats back
 * where it was (see docs/editing.md).
 *
 * A drag calls tally_grid_move() on a copy of the layout taken when the
 * drag began, each time the pointer enters another cell: the result then
 * depends only on where the panel is, and dragging it back restores the
 * layout the drag started from. */

gboolean tally_grid_rects_overlap (const TallyGridRect *a,
                                   const TallyGridRect *b);
void     tally_grid_float_up      (TallyGridRect       *rects,
                                   guint                n);
int      tally_grid_height        (const TallyGridRect *rects,
                                   guint                n);
void     tally_grid_fold          (TallyGridRect       *rects,
                                   guint                n);
void     tally_grid_move          (TallyGridRect       *rects,
                                   guint                n,
                                   guint                index,
                                   int                  x,
                                   int                  y);
void     tally_grid_resize        (TallyGridRect       *rects,
                                   guint                n,
                                   guint                index,
                                   int                  w,
                                   int                  h);
gboolean tally_grid_nudge         (TallyGridRect       *rects,
                                   guint                n,
                                   guint                index,
                                   int                  dx,
                                   int                  dy);
void     tally_grid_place         (const TallyGridRect *rects,
                                   guint                n,
                                   int                  w,
                                   int                  h,
                                   int                 *x,
                                   int                 *y);

G_END_DECLS
