/* test-grid-geometry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The grid in pixels, with positions worked out by hand: columns and
 * gaps, whole-pixel edges, the natural and fitted heights, and the fold
 * under the threshold. */

#include "config.h"

#include <string.h>

#include "tally-grid-geometry.h"
#include "tally-test-grid.h"
#include "tally-test-utils.h"

/* At 1000 px a column is (1000 − 2 × 16 − 23 × 10) / 24 = 30.75 px, so a
 * column and its gap are 40.75 px. */
static void
test_geometry_place (void)
{
  TallyGridGeometry geometry;
  TallyGridRect quarter = { 0, 0, 6, 4 };
  TallyGridRect rest = { 6, 0, 18, 8 };
  TallyGridRect below = { 0, 4, 6, 6 };
  TallyGridBox a, b, c;

  tally_grid_geometry_init (&geometry, 1000, 0);
  g_assert_false (geometry.folded);
  g_assert_cmpfloat (tally_grid_geometry_column_width (&geometry), ==, 30.75);

  /* x from 16 to 16 + 6 × 40.75 − 10 = 250.5, rounded to 251; y from 16
   * to 16 + 4 × 44 − 10 = 182. */
  tally_grid_geometry_place (&geometry, &quarter, &a);
  tally_test_assert_box (&a, 16, 16, 235, 166);
  /* 16 + 6 × 40.75 = 260.5 rounds to 261: the gap stays 10 px. */
  tally_grid_geometry_place (&geometry, &rest, &b);
  tally_test_assert_box (&b, 261, 16, 723, 342);
  g_assert_cmpint (b.x - (a.x + a.width), ==, TALLY_GRID_GAP);
  /* The right edge meets the margin: 1000 − 16. */
  g_assert_cmpint (b.x + b.width, ==, 984);
  /* Rows are 34 px and 10 px apart: 16 + 4 × 44 = 192. */
  tally_grid_geometry_place (&geometry, &below, &c);
  tally_test_assert_box (&c, 16, 192, 235, 254);

  /* Below a title: everything moves down by it. */
  tally_grid_geometry_init (&geometry, 1000, 56);
  tally_grid_geometry_place (&geometry, &below, &c);
  tally_test_assert_box (&c, 16, 248, 235, 254);
}

static void
test_geometry_height (void)
{
  TallyGridGeometry geometry;

  /* 2 × 16 + 10 × 34 + 9 × 10 */
  tally_grid_geometry_init (&geometry, 1000, 0);
  g_assert_cmpfloat (tally_grid_geometry_get_height (&geometry, 10), ==, 462);
  g_assert_cmpfloat (tally_grid_geometry_get_height (&geometry, 0), ==, 32);
  tally_grid_geometry_init (&geometry, 1000, 56);
  g_assert_cmpfloat (tally_grid_geometry_get_height (&geometry, 10), ==, 518);

  /* Ten rows in 1000 px under a 56 px title: (1000 − 56 − 32 − 90) / 10. */
  tally_grid_geometry_fit_rows (&geometry, 10, 1000);
  g_assert_cmpfloat (geometry.row_height, ==, 82.2);
  g_assert_cmpfloat (tally_grid_geometry_get_height (&geometry, 10), ==, 1000);
  /* Squeezed, rows keep 8 px. */
  tally_grid_geometry_fit_rows (&geometry, 10, 100);
  g_assert_cmpfloat (geometry.row_height, ==, 8);
  tally_grid_geometry_fit_rows (&geometry, 0, 100);
  g_assert_cmpfloat (geometry.row_height, ==, TALLY_GRID_ROW_HEIGHT);
}

static void
test_geometry_fold (void)
{
  TallyGridGeometry geometry;
  const TallyGridRect layout[] = {
    { 12, 0, 12, 4 },
    { 0, 0, 12, 2 },
    { 0, 6, 24, 3 },     /* floats up to 4 first */
  };
  TallyGridRect rects[G_N_ELEMENTS (layout)];
  TallyGridBox box;

  memcpy (rects, layout, sizeof layout);

  /* 24 columns of 18 px, 23 gaps and two margins. */
  g_assert_cmpint (TALLY_GRID_FOLD_WIDTH, ==, 694);
  tally_grid_geometry_init (&geometry, 694, 0);
  g_assert_false (geometry.folded);
  g_assert_cmpfloat (tally_grid_geometry_column_width (&geometry), ==, 18);
  tally_grid_geometry_init (&geometry, 693, 0);
  g_assert_true (geometry.folded);

  /* Reading order, full width, heights kept, no gaps between rows. */
  tally_grid_geometry_arrange (&geometry, rects, G_N_ELEMENTS (rects));
  g_assert_cmpint (rects[1].y, ==, 0);
  g_assert_cmpint (rects[0].y, ==, 2);
  g_assert_cmpint (rects[2].y, ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (rects); i++)
    {
      g_assert_cmpint (rects[i].x, ==, 0);
      g_assert_cmpint (rects[i].w, ==, TALLY_GRID_COLUMNS);
    }

  /* 693 − 2 × 16 wide; the second panel starts under the first's two rows. */
  tally_grid_geometry_place (&geometry, &rects[1], &box);
  tally_test_assert_box (&box, 16, 16, 661, 78);
  tally_grid_geometry_place (&geometry, &rects[0], &box);
  tally_test_assert_box (&box, 16, 104, 661, 166);

  /* Unfolded, the same panels only float up. */
  memcpy (rects, layout, sizeof layout);
  tally_grid_geometry_init (&geometry, 1200, 0);
  tally_grid_geometry_arrange (&geometry, rects, G_N_ELEMENTS (rects));
  g_assert_cmpint (rects[0].x, ==, 12);
  g_assert_cmpint (rects[0].w, ==, 12);
  g_assert_cmpint (rects[2].y, ==, 4);
}

/* At 1000 px a column and its gap are 40.75 px, a row and its gap 44 px:
 * a point goes to the nearest lines, and a panel's box to its own. */
static void
test_geometry_locate (void)
{
  TallyGridGeometry geometry;
  const TallyGridRect rect = { 6, 8, 6, 6 };
  TallyGridBox box;
  int column, row;

  tally_grid_geometry_init (&geometry, 1000, 0);
  tally_grid_geometry_locate (&geometry, 16, 16, &column, &row);
  g_assert_cmpint (column, ==, 0);
  g_assert_cmpint (row, ==, 0);
  /* Column line 6 is at 260.5 px: 20.3 px on is still nearer to it. */
  tally_grid_geometry_locate (&geometry, 280.8, 16 + 8 * 44 + 21.9, &column, &row);
  g_assert_cmpint (column, ==, 6);
  g_assert_cmpint (row, ==, 8);
  tally_grid_geometry_locate (&geometry, 281.0, 16 + 8 * 44 + 22.1, &column, &row);
  g_assert_cmpint (column, ==, 7);
  g_assert_cmpint (row, ==, 9);
  /* Outside the grid: its edges, and any row below. */
  tally_grid_geometry_locate (&geometry, -50, -50, &column, &row);
  g_assert_cmpint (column, ==, 0);
  g_assert_cmpint (row, ==, 0);
  tally_grid_geometry_locate (&geometry, 5000, 16 + 40 * 44, &column, &row);
  g_assert_cmpint (column, ==, 24);
  g_assert_cmpint (row, ==, 40);

  /* The inverse of place: the corners plus a gap are the panel's lines. */
  tally_grid_geometry_place (&geometry, &rect, &box);
  tally_test_assert_box (&box, 261, 368, 234, 254);
  tally_grid_geometry_locate (&geometry, box.x, box.y, &column, &row);
  g_assert_cmpint (column, ==, 6);
  g_assert_cmpint (row, ==, 8);
  tally_grid_geometry_locate (&geometry, box.x + box.width + TALLY_GRID_GAP,
                              box.y + box.height + TALLY_GRID_GAP, &column, &row);
  g_assert_cmpint (column, ==, 12);
  g_assert_cmpint (row, ==, 14);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/grid-geometry/place", test_geometry_place);
  g_test_add_func ("/tally/grid-geometry/height", test_geometry_height);
  g_test_add_func ("/tally/grid-geometry/fold", test_geometry_fold);
  g_test_add_func ("/tally/grid-geometry/locate", test_geometry_locate);

  return g_test_run ();
}
