/* test-time-describe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The labels of time ranges in the filter bar, as exact strings: the named
 * relative ranges, compact absolute ones in the local zone (years only
 * when not this year), and the days the clocks change. The tests run in
 * the C locale, so month names are English abbreviations. */

#include "config.h"

#include "tally-test-time.h"
#include "tally-test-utils.h"
#include "tally-time-describe.h"

static void
assert_label (GDateTime  *now,
              const char *from,
              const char *to,
              const char *expected)
{
  g_autofree char *label = tally_time_describe_range (from, to, now);

  if (g_strcmp0 (label, expected) != 0)
    g_error ("“%s” to “%s”: expected “%s”, got “%s”", from, to, expected, label);
}

static void
test_last (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("Europe/Berlin", 2026, 11, 23, 12, 0, 0);

  assert_label (now, "now-5m", "now", "Last 5 minutes");
  assert_label (now, "now-15m", "now", "Last 15 minutes");
  assert_label (now, "now-30m", "now", "Last 30 minutes");
  assert_label (now, "now-1h", "now", "Last hour");
  assert_label (now, "now-h", "now", "Last hour");
  assert_label (now, "now-3h", "now", "Last 3 hours");
  assert_label (now, "now-6h", "now", "Last 6 hours");
  assert_label (now, "now-12h", "now", "Last 12 hours");
  assert_label (now, "now-24h", "now", "Last 24 hours");
  assert_label (now, "now-2d", "now", "Last 2 days");
  assert_label (now, "now-7d", "now", "Last 7 days");
  assert_label (now, "now-30d", "now", "Last 30 days");
  assert_label (now, "now-90d", "now", "Last 90 days");
  assert_label (now, "now-90s", "now", "Last 90 seconds");
  assert_label (now, "now-1d", "now", "Last day");
  assert_label (now, "now-1w", "now", "Last week");
  assert_label (now, "now-2w", "now", "Last 2 weeks");
  assert_label (now, "now-6M", "now", "Last 6 months");
  assert_label (now, "now-1y", "now", "Last year");
  assert_label (now, "now-5y", "now", "Last 5 years");
  /* Spaces are allowed where the parser allows them. */
  assert_label (now, " now - 6h ", " now ", "Last 6 hours");
}

static void
test_calendar (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("Europe/Berlin", 2026, 11, 23, 12, 0, 0);

  assert_label (now, "now/d", "now/d", "Today");
  assert_label (now, "now/d", "now", "Today so far");
  assert_label (now, "now-1d/d", "now-1d/d", "Yesterday");
  assert_label (now, "now-2d/d", "now-2d/d", "Day before yesterday");
  assert_label (now, "now/w", "now/w", "This week");
  assert_label (now, "now/w", "now", "This week so far");
  assert_label (now, "now-1w/w", "now-1w/w", "Previous week");
  assert_label (now, "now/M", "now/M", "This month");
  assert_label (now, "now/M", "now", "This month so far");
  assert_label (now, "now-1M/M", "now-1M/M", "Previous month");
  assert_label (now, "now/y", "now/y", "This year");
  assert_label (now, "now/y", "now", "This year so far");
  assert_label (now, "now-1y/y", "now-1y/y", "Previous year");
}

static void
test_unnamed_relative (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("Europe/Berlin", 2026, 11, 23, 12, 0, 0);

  /* No name: the expressions as typed (trimmed), never a guess. */
  assert_label (now, "now-6h", "now-1h", "now-6h to now-1h");
  assert_label (now, "now/h", "now/h", "now/h to now/h");
  assert_label (now, "now-1d/d", "now", "now-1d/d to now");
  assert_label (now, "now-3d/d", "now-3d/d", "now-3d/d to now-3d/d");
  assert_label (now, "now-1h/d", "now", "now-1h/d to now");
  assert_label (now, "now-0h", "now", "now-0h to now");
  assert_label (now, "now-1d-6h", "now", "now-1d-6h to now");
  assert_label (now, "now-2d", " now-1d ", "now-2d to now-1d");
  assert_label (now, "now-6h", "2026-11-23 10:00", "now-6h to 2026-11-23 10:00");
}

static void
test_absolute (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("Europe/Berlin", 2026, 11, 23, 12, 0, 0);

  assert_label (now, "2026-11-03 10:00", "2026-11-05 12:00", "Nov 3, 10:00 – Nov 5, 12:00");
  /* The same day once. */
  assert_label (now, "2026-11-03 10:00", "2026-11-03 12:30", "Nov 3, 10:00 – 12:30");
  /* Seconds only when either end has them. */
  assert_label (now, "2026-11-03 10:00:30", "2026-11-03 12:00", "Nov 3, 10:00:30 – 12:00:00");
  /* RFC 3339 and Unix seconds read in the local zone (UTC+1 in November). */
  assert_label (now, "2026-11-03T09:00:00Z", "2026-11-03T11:00:00Z", "Nov 3, 10:00 – 12:00");
  assert_label (now, "1763856000", "1763859600", "Nov 23, 2025, 01:00 – 02:00");
  /* A year not this one shows on both ends. */
  assert_label (now, "2025-12-30 10:00", "2026-01-02 10:00",
                "Dec 30, 2025, 10:00 – Jan 2, 2026, 10:00");
  assert_label (now, "2027-01-02 10:00", "2027-01-02 11:00", "Jan 2, 2027, 10:00 – 11:00");
  /* Whole days read as the days they cover, the last included. */
  assert_label (now, "2026-11-03", "2026-11-05", "Nov 3 – Nov 5");
  assert_label (now, "2026-11-03", "2026-11-03", "Nov 3");
  assert_label (now, "2026-11-03 00:00", "2026-11-05 00:00", "Nov 3 – Nov 4");
  assert_label (now, "2025-12-31", "2026-01-01", "Dec 31, 2025 – Jan 1, 2026");
  /* Until now. */
  assert_label (now, "2026-11-03 10:00", "now", "Since Nov 3, 10:00");
  assert_label (now, "2026-11-03", "now", "Since Nov 3");
  assert_label (now, "2025-11-03 10:15", "now", "Since Nov 3, 2025, 10:15");
}

static void
test_invalid (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("UTC", 2026, 11, 23, 12, 0, 0);

  /* What does not parse, or is empty, is shown as it is. */
  assert_label (now, "yesterday", "now", "yesterday to now");
  assert_label (now, "2026-11-05", "2026-11-03", "2026-11-05 to 2026-11-03");
  assert_label (now, "2026-02-30", "2026-03-01", "2026-02-30 to 2026-03-01");
  assert_label (now, "now-5x", "now", "now-5x to now");
  assert_label (now, "", "now", " to now");
}

static void
test_dst (void)
{
  g_autoptr(GDateTime) spring = tally_test_make_now ("Europe/Berlin", 2026, 3, 29, 12, 0, 0);
  g_autoptr(GDateTime) autumn = tally_test_make_now ("Europe/Berlin", 2026, 10, 25, 12, 0, 0);
  g_autoptr(GDateTime) sao_paulo = tally_test_make_now ("America/Sao_Paulo", 2018, 11, 4, 12, 0, 0);
  g_autoptr(GDateTime) later = tally_test_make_now ("America/Sao_Paulo", 2026, 1, 1, 12, 0, 0);

  /* Named ranges keep their names on the days the clocks change. */
  assert_label (spring, "now/d", "now/d", "Today");
  assert_label (spring, "now-24h", "now", "Last 24 hours");
  assert_label (autumn, "now-1d/d", "now-1d/d", "Yesterday");

  /* The 23-hour and the 25-hour day are one day each. */
  assert_label (spring, "2026-03-29", "2026-03-29", "Mar 29");
  assert_label (autumn, "2026-10-25", "2026-10-25", "Oct 25");
  assert_label (autumn, "2026-10-25", "2026-10-26", "Oct 25 – Oct 26");
  /* Across the jump, the wall clock times. */
  assert_label (spring, "2026-03-29 01:00", "2026-03-29 04:00", "Mar 29, 01:00 – 04:00");
  /* The hour that happens twice says which one. */
  assert_label (autumn, "2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00",
                "Oct 25, 02:30 CEST – 02:30 CET");
  assert_label (autumn, "2026-10-25 01:00", "2026-10-25 04:00", "Oct 25, 01:00 – 04:00");
  /* Where the clocks skipped midnight (São Paulo, 2018), the day starts at
   * 01:00 and is still a whole day. */
  assert_label (sao_paulo, "2018-11-04", "2018-11-04", "Nov 4");
  assert_label (later, "2018-11-04", "2018-11-05", "Nov 4, 2018 – Nov 5, 2018");
  assert_label (sao_paulo, "2018-11-04 01:00", "2018-11-04 03:00", "Nov 4, 01:00 – 03:00");
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/time-describe/last", test_last);
  g_test_add_func ("/tally/time-describe/calendar", test_calendar);
  g_test_add_func ("/tally/time-describe/unnamed-relative", test_unnamed_relative);
  g_test_add_func ("/tally/time-describe/absolute", test_absolute);
  g_test_add_func ("/tally/time-describe/invalid", test_invalid);
  g_test_add_func ("/tally/time-describe/dst", test_dst);

  return g_test_run ();
}
