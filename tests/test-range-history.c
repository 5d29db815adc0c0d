/* test-range-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The filter bar's back and forward: a browser's history of time ranges,
 * checked step by step with exact expressions. */

#include "config.h"

#include "tally-range-history.h"
#include "tally-test-utils.h"

static void
assert_current (TallyRangeHistory *history,
                const char        *from,
                const char        *to)
{
  const char *f = NULL, *t = NULL;

  g_assert_true (tally_range_history_get_current (history, &f, &t));
  g_assert_cmpstr (f, ==, from);
  g_assert_cmpstr (t, ==, to);
}

static void
test_empty (void)
{
  g_autoptr(TallyRangeHistory) history = tally_range_history_new (10);
  const char *from = "unset", *to = "unset";

  g_assert_false (tally_range_history_get_current (history, &from, &to));
  g_assert_null (from);
  g_assert_null (to);
  g_assert_false (tally_range_history_can_back (history));
  g_assert_false (tally_range_history_can_forward (history));
  g_assert_false (tally_range_history_back (history, NULL, NULL));
  g_assert_false (tally_range_history_forward (history, NULL, NULL));
  g_assert_cmpuint (tally_range_history_get_length (history), ==, 0);
}

static void
test_back_forward (void)
{
  g_autoptr(TallyRangeHistory) history = tally_range_history_new (10);
  const char *from, *to;

  tally_range_history_push (history, "now-24h", "now");
  g_assert_false (tally_range_history_can_back (history));
  tally_range_history_push (history, "now-7d", "now");
  tally_range_history_push (history, "2026-11-03 10:00", "2026-11-03 12:00");
  g_assert_cmpuint (tally_range_history_get_length (history), ==, 3);
  assert_current (history, "2026-11-03 10:00", "2026-11-03 12:00");
  g_assert_true (tally_range_history_can_back (history));
  g_assert_false (tally_range_history_can_forward (history));

  g_assert_true (tally_range_history_back (history, &from, &to));
  g_assert_cmpstr (from, ==, "now-7d");
  g_assert_cmpstr (to, ==, "now");
  g_assert_true (tally_range_history_back (history, &from, &to));
  g_assert_cmpstr (from, ==, "now-24h");
  g_assert_false (tally_range_history_can_back (history));
  g_assert_false (tally_range_history_back (history, &from, &to));
  assert_current (history, "now-24h", "now");

  g_assert_true (tally_range_history_can_forward (history));
  g_assert_true (tally_range_history_forward (history, &from, &to));
  g_assert_cmpstr (from, ==, "now-7d");
  g_assert_true (tally_range_history_forward (history, &from, &to));
  g_assert_cmpstr (from, ==, "2026-11-03 10:00");
  g_assert_cmpstr (to, ==, "2026-11-03 12:00");
  g_assert_false (tally_range_history_forward (history, NULL, NULL));
  g_assert_cmpuint (tally_range_history_get_length (history), ==, 3);
}

static void
test_push_drops_ahead (void)
{
  g_autoptr(TallyRangeHistory) history = tally_range_history_new (10);

  tally_range_history_push (history, "now-1h", "now");
  tally_range_history_push (history, "now-6h", "now");
  tally_range_history_push (history, "now-12h", "now");
  tally_range_history_back (history, NULL, NULL);
  tally_range_history_back (history, NULL, NULL);

  /* The range shown now again: nothing changes, forward still works. */
  tally_range_history_push (history, "now-1h", "now");
  g_assert_cmpuint (tally_range_history_get_length (history), ==, 3);
  g_assert_true (tally_range_history_can_forward (history));

  /* A new range after going back drops what lay ahead. */
  tally_range_history_push (history, "now/d", "now/d");
  g_assert_cmpuint (tally_range_history_get_length (history), ==, 2);
  g_assert_false (tally_range_history_can_forward (history));
  assert_current (history, "now/d", "now/d");
  g_assert_true (tally_range_history_back (history, NULL, NULL));
  assert_current (history, "now-1h", "now");

  /* Same start, another end: another range. */
  tally_range_history_push (history, "now-1h", "now-30m");
  g_assert_cmpuint (tally_range_history_get_length (history), ==, 2);
  assert_current (history, "now-1h", "now-30m");
}

static void
test_bounded (void)
{
  g_autoptr(TallyRangeHistory) history = tally_range_history_new (3);
  guint steps = 0;

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *from = g_strdup_printf ("now-%uh", i);

      tally_range_history_push (history, from, "now");
    }
  g_assert_cmpuint (tally_range_history_get_length (history), ==, 3);
  assert_current (history, "now-5h", "now");
  while (tally_range_history_back (history, NULL, NULL))
    steps++;
  g_assert_cmpuint (steps, ==, 2);
  /* The two oldest fell off. */
  assert_current (history, "now-3h", "now");

  /* A push at the oldest drops the two ahead first: nothing else falls. */
  tally_range_history_push (history, "now-9h", "now");
  g_assert_cmpuint (tally_range_history_get_length (history), ==, 2);
  g_assert_true (tally_range_history_back (history, NULL, NULL));
  assert_current (history, "now-3h", "now");
}

static void
test_clear (void)
{
  g_autoptr(TallyRangeHistory) history = tally_range_history_new (TALLY_RANGE_HISTORY_DEFAULT_LENGTH);

  tally_range_history_push (history, "now-1h", "now");
  tally_range_history_push (history, "now-6h", "now");
  tally_range_history_clear (history);
  g_assert_cmpuint (tally_range_history_get_length (history), ==, 0);
  g_assert_false (tally_range_history_can_back (history));
  g_assert_false (tally_range_history_get_current (history, NULL, NULL));

  tally_range_history_push (history, "now-2d", "now");
  g_assert_cmpuint (tally_range_history_get_length (history), ==, 1);
  assert_current (history, "now-2d", "now");
  g_assert_false (tally_range_history_can_back (history));
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/range-history/empty", test_empty);
  g_test_add_func ("/tally/range-history/back-forward", test_back_forward);
  g_test_add_func ("/tally/range-history/push-drops-ahead", test_push_drops_ahead);
  g_test_add_func ("/tally/range-history/bounded", test_bounded);
  g_test_add_func ("/tally/range-history/clear", test_clear);

  return g_test_run ();
}
