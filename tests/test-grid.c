/* test-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The dashboard grid's float-up, fold, moves, resizes and placing of new
 * panels, with exact expected positions worked out by hand. */

#include "config.h"

#include "tally-grid.h"
#include "tally-test-utils.h"

static void
assert_rects (const TallyGridRect *got,
              const TallyGridRect *expected,
              guint                n)
{
  for (guint i = 0; i < n; i++)
    {
      g_test_message ("panel %u: %d,%d %dx%d", i, got[i].x, got[i].y, got[i].w, got[i].h);
      g_assert_cmpint (got[i].x, ==, expected[i].x);
      g_assert_cmpint (got[i].y, ==, expected[i].y);
      g_assert_cmpint (got[i].w, ==, expected[i].w);
      g_assert_cmpint (got[i].h, ==, expected[i].h);
    }
}

static void
test_grid_overlap (void)
{
  TallyGridRect a = { 0, 0, 6, 4 };
  TallyGridRect touching = { 6, 0, 6, 4 };
  TallyGridRect below = { 0, 4, 6, 4 };
  TallyGridRect inside = { 2, 1, 2, 2 };

  g_assert_false (tally_grid_rects_overlap (&a, &touching));
  g_assert_false (tally_grid_rects_overlap (&a, &below));
  g_assert_true (tally_grid_rects_overlap (&a, &inside));
  g_assert_true (tally_grid_rects_overlap (&inside, &a));
}

static void
test_grid_float_up (void)
{
  /* A gap under the first row, a panel that can only rise partly because
   * a wide one is in the way, and one already at the top. */
  TallyGridRect rects[] = {
    { 0, 0, 12, 4 },
    { 12, 0, 12, 2 },
    { 12, 9, 12, 3 },   /* rises to 2, under the short one */
    { 0, 10, 24, 2 },   /* rises to 5: the one above ends at 2 + 3 */
    { 0, 20, 6, 2 },    /* rises to 7 */
  };
  const TallyGridRect expected[] = {
    { 0, 0, 12, 4 },
    { 12, 0, 12, 2 },
    { 12, 2, 12, 3 },
    { 0, 5, 24, 2 },
    { 0, 7, 6, 2 },
  };

  tally_grid_float_up (rects, G_N_ELEMENTS (rects));
  assert_rects (rects, expected, G_N_ELEMENTS (rects));
  g_assert_cmpint (tally_grid_height (rects, G_N_ELEMENTS (rects)), ==, 9);
}

/* The order panels are listed in does not matter, only their places. */
static void
test_grid_float_up_any_order (void)
{
  TallyGridRect rects[] = {
    { 0, 30, 8, 4 },
    { 8, 12, 8, 4 },
    { 0, 3, 8, 2 },
  };
  const TallyGridRect expected[] = {
    { 0, 2, 8, 4 },
    { 8, 0, 8, 4 },
    { 0, 0, 8, 2 },
  };

  tally_grid_float_up (rects, G_N_ELEMENTS (rects));
  assert_rects (rects, expected, G_N_ELEMENTS (rects));
}

/* A narrow window: one full-width column in reading order, heights kept,
 * whatever order the panels are listed in. */
static void
test_grid_fold (void)
{
  TallyGridRect rects[] = {
    { 12, 0, 12, 6 },   /* second: same row, further right */
    { 0, 8, 24, 3 },    /* fourth */
    { 0, 0, 12, 4 },    /* first */
    { 6, 4, 6, 2 },     /* third: starts on row 4 */
  };
  const TallyGridRect expected[] = {
    { 0, 4, 24, 6 },
    { 0, 12, 24, 3 },
    { 0, 0, 24, 4 },
    { 0, 10, 24, 2 },
  };

  tally_grid_fold (rects, G_N_ELEMENTS (rects));
  assert_rects (rects, expected, G_N_ELEMENTS (rects));
  g_assert_cmpint (tally_grid_height (rects, G_N_ELEMENTS (rects)), ==, 15);

  /* Nothing to fold is fine. */
  tally_grid_fold (rects, 0);
}

/* Dragging the lower panel up onto the one above it swaps them: the
 * other is pushed below it, then both float up. The panel in the next
 * column does not move. */
static void
test_grid_move_up_past (void)
{
  TallyGridRect rects[] = {
    { 0, 0, 12, 4 },
    { 0, 4, 12, 4 },
    { 12, 0, 12, 8 },
  };
  const TallyGridRect expected[] = {
    { 0, 4, 12, 4 },
    { 0, 0, 12, 4 },
    { 12, 0, 12, 8 },
  };

  tally_grid_move (rects, G_N_ELEMENTS (rects), 1, 0, 1);
  assert_rects (rects, expected, G_N_ELEMENTS (rects));
}

/* Dragging a panel down swaps it with the one below only once it has
 * gone the other's height: the other then fits above it. Less than that,
 * and it floats back. */
static void
test_grid_move_down_past (void)
{
  TallyGridRect rects[] = {
    { 0, 0, 12, 4 },
    { 0, 4, 12, 4 },
  };
  const TallyGridRect unchanged[] = {
    { 0, 0, 12, 4 },
    { 0, 4, 12, 4 },
  };
  const TallyGridRect swapped[] = {
    { 0, 4, 12, 4 },
    { 0, 0, 12, 4 },
  };

  tally_grid_move (rects, G_N_ELEMENTS (rects), 0, 0, 3);
  assert_rects (rects, unchanged, G_N_ELEMENTS (rects));
  tally_grid_move (rects, G_N_ELEMENTS (rects), 0, 0, 4);
  assert_rects (rects, swapped, G_N_ELEMENTS (rects));
}

/* One column to the right, a half-width panel now overlaps its
 * neighbour, which goes below it and takes the full-width panel under it
 * down too. */
static void
test_grid_move_across_one_column (void)
{
  TallyGridRect rects[] = {
    { 0, 0, 12, 4 },
    { 12, 0, 12, 4 },
    { 0, 4, 24, 2 },
  };
  const TallyGridRect expected[] = {
    { 1, 0, 12, 4 },
    { 12, 4, 12, 4 },
    { 0, 8, 24, 2 },
  };

  tally_grid_move (rects, G_N_ELEMENTS (rects), 0, 1, 0);
  assert_rects (rects, expected, G_N_ELEMENTS (rects));
}

/* Dropped onto a full row, a panel pushes the three it lands on below
 * it, and they push the full-width panel under them in turn. */
static void
test_grid_move_onto_full_row (void)
{
  TallyGridRect rects[] = {
    { 0, 0, 8, 4 },
    { 8, 0, 8, 4 },
    { 16, 0, 8, 4 },
    { 0, 4, 24, 4 },
    { 0, 8, 12, 3 },
  };
  const TallyGridRect expected[] = {
    { 0, 3, 8, 4 },
    { 8, 3, 8, 4 },
    { 16, 3, 8, 4 },
    { 0, 7, 24, 4 },
    { 6, 0, 12, 3 },
  };

  tally_grid_move (rects, G_N_ELEMENTS (rects), 4, 6, 0);
  assert_rects (rects, expected, G_N_ELEMENTS (rects));
  g_assert_cmpint (tally_grid_height (rects, G_N_ELEMENTS (rects)), ==, 11);
}

/* Sent far below everything, the top panel ends just under the others,
 * which float up into its place. */
static void
test_grid_move_to_bottom (void)
{
  TallyGridRect rects[] = {
    { 0, 0, 24, 4 },
    { 0, 4, 12, 4 },
    { 12, 4, 12, 6 },
  };
  const TallyGridRect expected[] = {
    { 0, 6, 24, 4 },
    { 0, 0, 12, 4 },
    { 12, 0, 12, 6 },
  };

  tally_grid_move (rects, G_N_ELEMENTS (rects), 0, 0, G_MAXINT);
  assert_rects (rects, expected, G_N_ELEMENTS (rects));
}

/* Columns past either edge and rows above the top are clamped into the
 * grid; a panel moved into free space at the top stays there. */
static void
test_grid_move_clamps (void)
{
  TallyGridRect rects[] = {
    { 0, 0, 6, 2 },
    { 6, 0, 6, 2 },
  };
  const TallyGridRect right[] = {
    { 18, 0, 6, 2 },
    { 6, 0, 6, 2 },
  };
  const TallyGridRect left[] = {
    { 18, 0, 6, 2 },
    { 0, 0, 6, 2 },
  };

  tally_grid_move (rects, G_N_ELEMENTS (rects), 0, 30, -3);
  assert_rects (rects, right, G_N_ELEMENTS (rects));
  tally_grid_move (rects, G_N_ELEMENTS (rects), 1, G_MININT, G_MININT);
  assert_rects (rects, left, G_N_ELEMENTS (rects));
}

/* Widened into its neighbour, a panel keeps its place and the neighbour
 * goes below it. */
static void
test_grid_resize_wider (void)
{
  TallyGridRect rects[] = {
    { 0, 0, 12, 4 },
    { 12, 0, 12, 4 },
    { 0, 4, 12, 2 },
  };
  const TallyGridRect expected[] = {
    { 0, 0, 16, 4 },
    { 12, 4, 12, 4 },
    { 0, 4, 12, 2 },
  };

  tally_grid_resize (rects, G_N_ELEMENTS (rects), 0, 16, 4);
  assert_rects (rects, expected, G_N_ELEMENTS (rects));
}

/* Made taller, a panel pushes the one under it, which pushes the
 * full-width one under that; the panel beside it stays. Made short
 * again, they float back up. */
static void
test_grid_resize_taller (void)
{
  TallyGridRect rects[] = {
    { 0, 0, 12, 4 },
    { 0, 4, 12, 3 },
    { 0, 7, 24, 2 },
    { 12, 0, 12, 2 },
  };
  const TallyGridRect taller[] = {
    { 0, 0, 12, 6 },
    { 0, 6, 12, 3 },
    { 0, 9, 24, 2 },
    { 12, 0, 12, 2 },
  };
  const TallyGridRect shorter[] = {
    { 0, 0, 12, 2 },
    { 0, 2, 12, 3 },
    { 0, 5, 24, 2 },
    { 12, 0, 12, 2 },
  };

  tally_grid_resize (rects, G_N_ELEMENTS (rects), 0, 12, 6);
  assert_rects (rects, taller, G_N_ELEMENTS (rects));
  tally_grid_resize (rects, G_N_ELEMENTS (rects), 0, 12, 2);
  assert_rects (rects, shorter, G_N_ELEMENTS (rects));
}

/* A size past the right edge or the tallest panel is clamped, and so is
 * one under a cell. */
static void
test_grid_resize_clamps (void)
{
  TallyGridRect rects[] = {
    { 18, 0, 6, 2 },
  };

  tally_grid_resize (rects, 1, 0, 10, 500);
  assert_rects (rects, (const TallyGridRect[]) { { 18, 0, 6, TALLY_GRID_MAX_H } }, 1);
  tally_grid_resize (rects, 1, 0, 0, -4);
  assert_rects (rects, (const TallyGridRect[]) { { 18, 0, 1, 1 } }, 1);
}

/* A new panel fills the first hole that fits it in reading order, else
 * goes below everything at the left. */
static void
test_grid_place (void)
{
  /* A hole of 12 × 2 at (0, 2), between a short panel and the one
   * under it. */
  const TallyGridRect rects[] = {
    { 0, 0, 12, 2 },
    { 12, 0, 12, 6 },
    { 0, 4, 12, 2 },
  };
  int x = -1, y = -1;

  tally_grid_place (rects, G_N_ELEMENTS (rects), 12, 2, &x, &y);
  g_assert_cmpint (x, ==, 0);
  g_assert_cmpint (y, ==, 2);

  /* Half as wide: the same hole, from its left. */
  tally_grid_place (rects, G_N_ELEMENTS (rects), 6, 2, &x, &y);
  g_assert_cmpint (x, ==, 0);
  g_assert_cmpint (y, ==, 2);

  /* One row too tall for the hole: below everything. */
  tally_grid_place (rects, G_N_ELEMENTS (rects), 12, 3, &x, &y);
  g_assert_cmpint (x, ==, 0);
  g_assert_cmpint (y, ==, 6);

  /* Wider than the grid: the full width, below everything. */
  tally_grid_place (rects, G_N_ELEMENTS (rects), 30, 4, &x, &y);
  g_assert_cmpint (x, ==, 0);
  g_assert_cmpint (y, ==, 6);

  /* An empty grid: the top left corner. */
  tally_grid_place (NULL, 0, 8, 4, &x, &y);
  g_assert_cmpint (x, ==, 0);
  g_assert_cmpint (y, ==, 0);
}

/* The first free spot of the top row can lie between two panels. */
static void
test_grid_place_in_row (void)
{
  const TallyGridRect rects[] = {
    { 0, 0, 8, 4 },
    { 16, 0, 8, 4 },
    { 0, 4, 24, 2 },
  };
  int x = -1, y = -1;

  tally_grid_place (rects, G_N_ELEMENTS (rects), 8, 4, &x, &y);
  g_assert_cmpint (x, ==, 8);
  g_assert_cmpint (y, ==, 0);

  tally_grid_place (rects, G_N_ELEMENTS (rects), 9, 1, &x, &y);
  g_assert_cmpint (x, ==, 0);
  g_assert_cmpint (y, ==, 6);
}

/* The keyboard's step: one row down over a taller panel floats back, so
 * the step grows until the two swap; at an edge nothing moves. */
static void
test_grid_nudge (void)
{
  TallyGridRect rects[] = {
    { 0, 0, 6, 4 },     /* A */
    { 0, 4, 6, 6 },     /* B, under A */
    { 6, 0, 18, 8 },    /* C, right of both */
  };
  const TallyGridRect swapped[] = { { 0, 6, 6, 4 }, { 0, 0, 6, 6 }, { 6, 0, 18, 8 } };
  /* A one column right overlaps C, which cannot go above it: pushed below. */
  const TallyGridRect pushed[] = { { 1, 6, 6, 4 }, { 0, 0, 6, 6 }, { 6, 10, 18, 8 } };

  g_assert_true (tally_grid_nudge (rects, 3, 0, 0, 1));
  assert_rects (rects, swapped, 3);
  g_assert_false (tally_grid_nudge (rects, 3, 1, -1, 0));
  g_assert_false (tally_grid_nudge (rects, 3, 1, 0, -1));
  g_assert_false (tally_grid_nudge (rects, 3, 2, 1, 0));
  assert_rects (rects, swapped, 3);
  g_assert_true (tally_grid_nudge (rects, 3, 0, 1, 0));
  assert_rects (rects, pushed, 3);

  /* A panel stored lower than it shows moves from where it shows. */
  {
    TallyGridRect loose[] = { { 0, 0, 24, 2 }, { 0, 9, 6, 2 } };
    const TallyGridRect right[] = { { 0, 0, 24, 2 }, { 1, 2, 6, 2 } };

    g_assert_true (tally_grid_nudge (loose, 2, 1, 1, 0));
    assert_rects (loose, right, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/grid/overlap", test_grid_overlap);
  g_test_add_func ("/tally/grid/float-up", test_grid_float_up);
  g_test_add_func ("/tally/grid/float-up-any-order", test_grid_float_up_any_order);
  g_test_add_func ("/tally/grid/fold", test_grid_fold);
  g_test_add_func ("/tally/grid/move-up-past", test_grid_move_up_past);
  g_test_add_func ("/tally/grid/move-down-past", test_grid_move_down_past);
  g_test_add_func ("/tally/grid/move-across-one-column", test_grid_move_across_one_column);
  g_test_add_func ("/tally/grid/move-onto-full-row", test_grid_move_onto_full_row);
  g_test_add_func ("/tally/grid/move-to-bottom", test_grid_move_to_bottom);
  g_test_add_func ("/tally/grid/move-clamps", test_grid_move_clamps);
  g_test_add_func ("/tally/grid/resize-wider", test_grid_resize_wider);
  g_test_add_func ("/tally/grid/resize-taller", test_grid_resize_taller);
  g_test_add_func ("/tally/grid/resize-clamps", test_grid_resize_clamps);
  g_test_add_func ("/tally/grid/place", test_grid_place);
  g_test_add_func ("/tally/grid/place-in-row", test_grid_place_in_row);
  g_test_add_func ("/tally/grid/nudge", test_grid_nudge);

  return g_test_run ();
}
