/* test-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The dashboard grid's float-up and fold, with exact expected positions. */

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

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/grid/overlap", test_grid_overlap);
  g_test_add_func ("/tally/grid/float-up", test_grid_float_up);
  g_test_add_func ("/tally/grid/float-up-any-order", test_grid_float_up_any_order);
  g_test_add_func ("/tally/grid/fold", test_grid_fold);

  return g_test_run ();
}
