/* tally-grid.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TALLY_GRID_COLUMNS 24

/* A panel's place on the 24-column grid, in grid units. */
typedef struct
{
  int x;
  int y;
  int w;
  int h;
} TallyGridRect;

gboolean tally_grid_rects_overlap (const TallyGridRect *a,
                                   const TallyGridRect *b);
void     tally_grid_float_up      (TallyGridRect       *rects,
                                   guint                n);
int      tally_grid_height        (const TallyGridRect *rects,
                                   guint                n);
void     tally_grid_fold          (TallyGridRect       *rects,
                                   guint                n);

G_END_DECLS
