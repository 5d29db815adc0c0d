/* tally-test-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* One check of a panel's place in pixels, for the geometry's own tests
 * and for the cards of the dashboard view. */

#include "config.h"

#include "tally-test-grid.h"

/* @box is exactly at @x, @y and @width × @height; the log says where it
 * was when it is not. */
void
tally_test_assert_box (const TallyGridBox *box,
                       int                 x,
                       int                 y,
                       int                 width,
                       int                 height)
{
  g_test_message ("box %d,%d %dx%d", box->x, box->y, box->width, box->height);
  g_assert_cmpint (box->x, ==, x);
  g_assert_cmpint (box->y, ==, y);
  g_assert_cmpint (box->width, ==, width);
  g_assert_cmpint (box->height, ==, height);
}
