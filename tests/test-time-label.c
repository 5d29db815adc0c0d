/* test-time-label.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The short names of time ranges that panel cards wear: Grafana's quick
 * ranges by name, anything else as written. */

#include "config.h"

#include "tally-time-label.h"
#include "tally-test-utils.h"

static void
assert_label (const char *from,
              const char *to,
              const char *expected)
{
  g_autofree char *label = tally_time_label_for_range (from, to);

  g_assert_cmpstr (label, ==, expected);
}

static void
test_label_this (void)
{
  assert_label ("now/d", "now", "Today");
  assert_label ("now/d", "now/d", "Today");
  assert_label ("now / d", "now", "Today");
  assert_label ("now/w", "now", "This week");
  assert_label ("now/M", "now", "This month");
  assert_label ("now/M", "now/M", "This month");
  assert_label ("now/y", "now", "This year");
  assert_label ("now/h", "now", "This hour");
}

static void
test_label_previous (void)
{
  assert_label ("now-1d/d", "now-1d/d", "Yesterday");
  assert_label ("now-d/d", "now-d/d", "Yesterday");
  assert_label ("now-1w/w", "now-1w/w", "Previous week");
  assert_label ("now-1M/M", "now-1M/M", "Previous month");
  assert_label ("now-1y/y", "now-1y/y", "Previous year");
}

static void
test_label_last (void)
{
  assert_label ("now-24h", "now", "Last 24 hours");
  assert_label ("now-1h", "now", "Last 1 hour");
  assert_label ("now-h", "now", "Last 1 hour");
  assert_label ("now-15m", "now", "Last 15 minutes");
  assert_label ("now-30s", "now", "Last 30 seconds");
  assert_label ("now-7d", "now", "Last 7 days");
  assert_label ("now-2w", "now", "Last 2 weeks");
  assert_label ("now-3M", "now", "Last 3 months");
  assert_label ("now-1y", "now", "Last 1 year");
}

/* Ranges without a name keep their own words. */
static void
test_label_as_written (void)
{
  assert_label ("now-7d/d", "now", "now-7d/d to now");
  assert_label ("now/d", "now/M", "now/d to now/M");
  assert_label ("now-2d/d", "now-2d/d", "now-2d/d to now-2d/d");
  assert_label ("now-6h", "now-1h", "now-6h to now-1h");
  assert_label ("2026-11-01", "2026-11-08", "2026-11-01 to 2026-11-08");
  assert_label ("now-5x", "now", "now-5x to now");
  assert_label ("now-0h", "now", "now-0h to now");
  assert_label ("now-99999999999h", "now", "now-99999999999h to now");
  assert_label ("now/", "now", "now/ to now");
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/time-label/this", test_label_this);
  g_test_add_func ("/tally/time-label/previous", test_label_previous);
  g_test_add_func ("/tally/time-label/last", test_label_last);
  g_test_add_func ("/tally/time-label/as-written", test_label_as_written);

  return g_test_run ();
}
