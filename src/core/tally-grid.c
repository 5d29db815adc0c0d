/* tally-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The dashboard grid's rules, as pure functions over rectangles so they
 * can be tested exactly: 24 columns, rows of fixed height, and panels that
 * float up into free space as Grafana's do. */

#include "config.h"

#include "tally-grid.h"

gboolean
tally_grid_rects_overlap (const TallyGridRect *a,
                          const TallyGridRect *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w &&
         a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Whether @rect overlaps any of the @n rectangles in @placed. */
static gboolean
collides (const TallyGridRect *rect,
          const TallyGridRect *placed,
          const guint         *order,
          guint                n)
{
  for (guint i = 0; i < n; i++)
    {
      if (tally_grid_rects_overlap (rect, &placed[order[i]]))
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
  g_autofree guint *order = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_position, rects);

  for (guint k = 0; k < n; k++)
    {
      TallyGridRect *rect = &rects[order[k]];

      while (rect->y > 0)
        {
          TallyGridRect up = *rect;

          up.y--;
          if (collides (&up, rects, order, k))
            break;
          *rect = up;
        }
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
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  int y = 0;

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_position, rects);

  for (guint k = 0; k < n; k++)
    {
      TallyGridRect *rect = &rects[order[k]];

      rect->x = 0;
      rect->w = TALLY_GRID_COLUMNS;
      rect->y = y;
      y += rect->h;
    }
}
