/* test-time-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Time expressions decide which events a panel counts: an off-by-one-hour
 * on a DST day is a wrong chart.
 * Every `now` here is fixed, and every expectation is written in UTC so it
 * does not depend on the code under test. */

#include "config.h"

#include "tally-error.h"
#include "tally-test-time.h"
#include "tally-test-utils.h"

static void
test_now (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("UTC", 2026, 11, 23, 10, 17, 42);
  g_autoptr(GDateTime) fraction = tally_test_make_now ("UTC", 2026, 11, 23, 10, 17, 42.25);
  gint64 expected = tally_test_utc (2026, 11, 23, 10, 17, 42);

  g_assert_cmpint (tally_test_point ("now", now, FALSE), ==, expected);
  g_assert_cmpint (tally_test_point ("now", now, TRUE), ==, expected);
  g_assert_cmpint (tally_test_point ("  now  ", now, FALSE), ==, expected);
  /* A fraction of a second: `from` starts at the second, `to` covers it. */
  g_assert_cmpint (tally_test_point ("now", fraction, FALSE), ==, expected);
  g_assert_cmpint (tally_test_point ("now", fraction, TRUE), ==, expected + 1);
  g_assert_cmpint (tally_test_point ("now/s", fraction, FALSE), ==, expected);
  g_assert_cmpint (tally_test_point ("now/s", fraction, TRUE), ==, expected + 1);
}

static void
test_relative (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("UTC", 2026, 11, 23, 10, 17, 42);
  gint64 t = tally_test_utc (2026, 11, 23, 10, 17, 42);

  g_assert_cmpint (tally_test_point ("now-30s", now, FALSE), ==, t - 30);
  g_assert_cmpint (tally_test_point ("now-15m", now, FALSE), ==, t - 15 * 60);
  g_assert_cmpint (tally_test_point ("now-6h", now, FALSE), ==, t - 6 * HOUR);
  g_assert_cmpint (tally_test_point ("now+1d", now, FALSE), ==, t + DAY);
  g_assert_cmpint (tally_test_point ("now-2w", now, FALSE), ==, t - 14 * DAY);
  g_assert_cmpint (tally_test_point ("now-1M", now, FALSE), ==, tally_test_utc (2026, 10, 23, 10, 17, 42));
  g_assert_cmpint (tally_test_point ("now-1y", now, FALSE), ==, tally_test_utc (2025, 11, 23, 10, 17, 42));
  g_assert_cmpint (tally_test_point ("now-1d-6h", now, FALSE), ==, t - DAY - 6 * HOUR);
  g_assert_cmpint (tally_test_point ("now-1d+30m-10s", now, FALSE), ==, t - DAY + 1800 - 10);
  g_assert_cmpint (tally_test_point ("now - 1h", now, FALSE), ==, t - HOUR);
  /* Grafana reads a missing number as 1. */
  g_assert_cmpint (tally_test_point ("now-h", now, FALSE), ==, t - HOUR);
  g_assert_cmpint (tally_test_point ("now-0d", now, FALSE), ==, t);
  g_assert_cmpint (tally_test_point ("now-999999999s", now, FALSE), ==, t - 999999999);
}

static void
test_round_down (void)
{
  /* Wednesday 2026-11-25 15:47:12 in Berlin (CET, UTC+1). */
  g_autoptr(GDateTime) now = tally_test_make_now ("Europe/Berlin", 2026, 11, 25, 15, 47, 12);

  g_assert_cmpint (tally_test_point ("now/s", now, FALSE), ==, tally_test_utc (2026, 11, 25, 14, 47, 12));
  g_assert_cmpint (tally_test_point ("now/m", now, FALSE), ==, tally_test_utc (2026, 11, 25, 14, 47, 0));
  g_assert_cmpint (tally_test_point ("now/h", now, FALSE), ==, tally_test_utc (2026, 11, 25, 14, 0, 0));
  g_assert_cmpint (tally_test_point ("now/d", now, FALSE), ==, tally_test_utc (2026, 11, 24, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("now/w", now, FALSE), ==, tally_test_utc (2026, 11, 22, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("now/M", now, FALSE), ==, tally_test_utc (2026, 10, 31, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("now/y", now, FALSE), ==, tally_test_utc (2025, 12, 31, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("now-7d/d", now, FALSE), ==, tally_test_utc (2026, 11, 17, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1M/M", now, FALSE), ==, tally_test_utc (2026, 9, 30, 22, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1w/w", now, FALSE), ==, tally_test_utc (2026, 11, 15, 23, 0, 0));
  /* Rounding then moving, as Grafana chains them. */
  g_assert_cmpint (tally_test_point ("now/d+8h", now, FALSE), ==, tally_test_utc (2026, 11, 25, 7, 0, 0));
}

static void
test_round_up (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("Europe/Berlin", 2026, 11, 25, 15, 47, 12);
  g_autoptr(GDateTime) midnight = tally_test_make_now ("Europe/Berlin", 2026, 11, 25, 0, 0, 0);

  /* The end of the unit is the start of the next one: `to` is exclusive. */
  g_assert_cmpint (tally_test_point ("now/s", now, TRUE), ==, tally_test_utc (2026, 11, 25, 14, 47, 13));
  g_assert_cmpint (tally_test_point ("now/m", now, TRUE), ==, tally_test_utc (2026, 11, 25, 14, 48, 0));
  g_assert_cmpint (tally_test_point ("now/h", now, TRUE), ==, tally_test_utc (2026, 11, 25, 15, 0, 0));
  g_assert_cmpint (tally_test_point ("now/d", now, TRUE), ==, tally_test_utc (2026, 11, 25, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("now/w", now, TRUE), ==, tally_test_utc (2026, 11, 29, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("now/M", now, TRUE), ==, tally_test_utc (2026, 11, 30, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("now/y", now, TRUE), ==, tally_test_utc (2026, 12, 31, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1d/d", now, TRUE), ==, tally_test_utc (2026, 11, 24, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1M/M", now, TRUE), ==, tally_test_utc (2026, 10, 31, 23, 0, 0));
  /* Exactly at midnight, today still ends at the next one. */
  g_assert_cmpint (tally_test_point ("now/d", midnight, TRUE), ==, tally_test_utc (2026, 11, 25, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("now/d", midnight, FALSE), ==, tally_test_utc (2026, 11, 24, 23, 0, 0));
  /* Without rounding, round_up changes nothing. */
  g_assert_cmpint (tally_test_point ("now-6h", now, TRUE), ==, tally_test_utc (2026, 11, 25, 8, 47, 12));
}

static void
test_week_starts_monday (void)
{
  g_autoptr(GDateTime) monday = tally_test_make_now ("UTC", 2026, 11, 23, 0, 0, 0);
  g_autoptr(GDateTime) sunday = tally_test_make_now ("UTC", 2026, 11, 29, 23, 59, 59);

  g_assert_cmpint (tally_test_point ("now/w", monday, FALSE), ==, tally_test_utc (2026, 11, 23, 0, 0, 0));
  g_assert_cmpint (tally_test_point ("now/w", monday, TRUE), ==, tally_test_utc (2026, 11, 30, 0, 0, 0));
  g_assert_cmpint (tally_test_point ("now/w", sunday, FALSE), ==, tally_test_utc (2026, 11, 23, 0, 0, 0));
  g_assert_cmpint (tally_test_point ("now/w", sunday, TRUE), ==, tally_test_utc (2026, 11, 30, 0, 0, 0));
}

static void
test_month_ends (void)
{
  g_autoptr(GDateTime) jan31 = tally_test_make_now ("UTC", 2026, 1, 31, 12, 0, 0);
  g_autoptr(GDateTime) mar31 = tally_test_make_now ("UTC", 2026, 3, 31, 12, 0, 0);
  g_autoptr(GDateTime) jan31_leap = tally_test_make_now ("UTC", 2028, 1, 31, 12, 0, 0);
  g_autoptr(GDateTime) mar31_leap = tally_test_make_now ("UTC", 2028, 3, 31, 12, 0, 0);
  g_autoptr(GDateTime) feb29 = tally_test_make_now ("UTC", 2028, 2, 29, 12, 0, 0);
  g_autoptr(GDateTime) may31 = tally_test_make_now ("UTC", 2026, 5, 31, 12, 0, 0);

  g_assert_cmpint (tally_test_point ("now+1M", jan31, FALSE), ==, tally_test_utc (2026, 2, 28, 12, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1M", mar31, FALSE), ==, tally_test_utc (2026, 2, 28, 12, 0, 0));
  g_assert_cmpint (tally_test_point ("now+1M", jan31_leap, FALSE), ==, tally_test_utc (2028, 2, 29, 12, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1M", mar31_leap, FALSE), ==, tally_test_utc (2028, 2, 29, 12, 0, 0));
  g_assert_cmpint (tally_test_point ("now+2M", jan31, FALSE), ==, tally_test_utc (2026, 3, 31, 12, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1M", may31, FALSE), ==, tally_test_utc (2026, 4, 30, 12, 0, 0));
  g_assert_cmpint (tally_test_point ("now-13M", mar31, FALSE), ==, tally_test_utc (2025, 2, 28, 12, 0, 0));
  g_assert_cmpint (tally_test_point ("now+1y", feb29, FALSE), ==, tally_test_utc (2029, 2, 28, 12, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1y", feb29, FALSE), ==, tally_test_utc (2027, 2, 28, 12, 0, 0));
  g_assert_cmpint (tally_test_point ("now+4y", feb29, FALSE), ==, tally_test_utc (2032, 2, 29, 12, 0, 0));
  /* One month back then a chain: not the same as one step of the sum. */
  g_assert_cmpint (tally_test_point ("now-1M-1M", mar31, FALSE), ==, tally_test_utc (2026, 1, 28, 12, 0, 0));
  g_assert_cmpint (tally_test_point ("now-2M", mar31, FALSE), ==, tally_test_utc (2026, 1, 31, 12, 0, 0));
  g_assert_cmpint (tally_test_point ("now/M", feb29, TRUE), ==, tally_test_utc (2028, 3, 1, 0, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1M/M", mar31_leap, TRUE), ==, tally_test_utc (2028, 3, 1, 0, 0, 0));
}

static void
test_absolute (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("Europe/Berlin", 2026, 12, 1, 9, 0, 0);
  gint64 ten_utc = tally_test_utc (2026, 11, 23, 10, 0, 0);

  g_assert_cmpint (tally_test_point ("2026-11-23T10:00:00Z", now, FALSE), ==, ten_utc);
  g_assert_cmpint (tally_test_point ("2026-11-23T10:00:00+01:00", now, FALSE), ==, ten_utc - HOUR);
  g_assert_cmpint (tally_test_point ("2026-11-23T10:00:00-05:00", now, FALSE), ==, ten_utc + 5 * HOUR);
  g_assert_cmpint (tally_test_point ("2026-11-23T10:00:00+0530", now, FALSE), ==, ten_utc - 5 * HOUR - 1800);
  g_assert_cmpint (tally_test_point ("2026-11-23T10:00:00+02", now, FALSE), ==, ten_utc - 2 * HOUR);
  g_assert_cmpint (tally_test_point ("2026-11-23t10:00:00z", now, FALSE), ==, ten_utc);
  /* Fractions: `from` rounds down, `to` up, so the range covers them. */
  g_assert_cmpint (tally_test_point ("2026-11-23T10:00:00.5Z", now, FALSE), ==, ten_utc);
  g_assert_cmpint (tally_test_point ("2026-11-23T10:00:00.5Z", now, TRUE), ==, ten_utc + 1);
  g_assert_cmpint (tally_test_point ("2026-11-23T10:00:00.000Z", now, TRUE), ==, ten_utc);
  g_assert_cmpint (tally_test_point ("2026-11-23T10:00:59.999999999Z", now, FALSE), ==, ten_utc + 59);
  /* A leap second reads as the last second of its minute. */
  g_assert_cmpint (tally_test_point ("2026-11-23T10:00:60Z", now, FALSE), ==, ten_utc + 59);
  /* Without a zone: the dashboard's (now's), CET here. */
  g_assert_cmpint (tally_test_point ("2026-11-23T10:00:00", now, FALSE), ==, ten_utc - HOUR);
  g_assert_cmpint (tally_test_point ("2026-11-23 10:00", now, FALSE), ==, ten_utc - HOUR);
  g_assert_cmpint (tally_test_point ("2026-07-01T10:00", now, FALSE), ==, tally_test_utc (2026, 7, 1, 8, 0, 0));
  /* A date is a local day: its midnight, or as `to` the next one. */
  g_assert_cmpint (tally_test_point ("2026-11-23", now, FALSE), ==, tally_test_utc (2026, 11, 22, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("2026-11-23", now, TRUE), ==, tally_test_utc (2026, 11, 23, 23, 0, 0));
  g_assert_cmpint (tally_test_point ("2026-12-31", now, TRUE), ==, tally_test_utc (2026, 12, 31, 23, 0, 0));
  /* Unix seconds. */
  g_assert_cmpint (tally_test_point ("1763856000", now, FALSE), ==, 1763856000);
  g_assert_cmpint (tally_test_point ("1763856000", now, TRUE), ==, 1763856000);
  g_assert_cmpint (tally_test_point ("0", now, FALSE), ==, 0);
  g_assert_cmpint (tally_test_point ("253402300799", now, FALSE), ==, G_GINT64_CONSTANT (253402300799));
}

/* Europe/Berlin: 2026-03-29 02:00 CET → 03:00 CEST (01:00 UTC), and
 * 2026-10-25 03:00 CEST → 02:00 CET (01:00 UTC). */
static void
test_dst_berlin (void)
{
  g_autoptr(GDateTime) spring = tally_test_make_now ("Europe/Berlin", 2026, 3, 29, 12, 0, 0);
  g_autoptr(GDateTime) after_spring = tally_test_make_now ("Europe/Berlin", 2026, 3, 30, 12, 0, 0);
  g_autoptr(GDateTime) autumn = tally_test_make_now ("Europe/Berlin", 2026, 10, 25, 12, 0, 0);
  g_autoptr(GDateTime) after_autumn = tally_test_make_now ("Europe/Berlin", 2026, 10, 26, 12, 0, 0);
  gint64 day_start, day_end;

  day_start = tally_test_point ("now/d", spring, FALSE);
  day_end = tally_test_point ("now/d", spring, TRUE);
  g_assert_cmpint (day_start, ==, tally_test_utc (2026, 3, 28, 23, 0, 0));
  g_assert_cmpint (day_end, ==, tally_test_utc (2026, 3, 29, 22, 0, 0));
  g_assert_cmpint (day_end - day_start, ==, 23 * HOUR);

  day_start = tally_test_point ("now/d", autumn, FALSE);
  day_end = tally_test_point ("now/d", autumn, TRUE);
  g_assert_cmpint (day_start, ==, tally_test_utc (2026, 10, 24, 22, 0, 0));
  g_assert_cmpint (day_end, ==, tally_test_utc (2026, 10, 25, 23, 0, 0));
  g_assert_cmpint (day_end - day_start, ==, 25 * HOUR);

  /* now-1d is yesterday's same wall-clock time: 23 or 25 hours back. */
  g_assert_cmpint (tally_test_point ("now-1d", after_spring, FALSE), ==, tally_test_utc (2026, 3, 29, 10, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1d", spring, FALSE), ==, tally_test_utc (2026, 3, 28, 11, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1d", after_autumn, FALSE), ==, tally_test_utc (2026, 10, 25, 11, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1d", autumn, FALSE), ==, tally_test_utc (2026, 10, 24, 10, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1w", after_spring, FALSE), ==, tally_test_utc (2026, 3, 23, 11, 0, 0));
  /* Hours are exact seconds whatever the clocks do. */
  g_assert_cmpint (tally_test_point ("now-24h", spring, FALSE), ==, tally_test_utc (2026, 3, 28, 10, 0, 0));
  g_assert_cmpint (tally_test_point ("now-12h/h", spring, FALSE), ==, tally_test_utc (2026, 3, 28, 22, 0, 0));
  /* The week holding the spring change is an hour short. */
  g_assert_cmpint (tally_test_point ("now/w", spring, TRUE) - tally_test_point ("now/w", spring, FALSE), ==,
                   7 * DAY - HOUR);
}

/* America/New_York: 2026-03-08 02:00 EST → 03:00 EDT (07:00 UTC), and
 * 2026-11-01 02:00 EDT → 01:00 EST (06:00 UTC). */
static void
test_dst_new_york (void)
{
  g_autoptr(GDateTime) spring = tally_test_make_now ("America/New_York", 2026, 3, 8, 12, 0, 0);
  g_autoptr(GDateTime) autumn = tally_test_make_now ("America/New_York", 2026, 11, 1, 12, 0, 0);
  g_autoptr(GDateTime) after_autumn = tally_test_make_now ("America/New_York", 2026, 11, 2, 9, 30, 0);

  g_assert_cmpint (tally_test_point ("now/d", spring, FALSE), ==, tally_test_utc (2026, 3, 8, 5, 0, 0));
  g_assert_cmpint (tally_test_point ("now/d", spring, TRUE), ==, tally_test_utc (2026, 3, 9, 4, 0, 0));
  g_assert_cmpint (tally_test_point ("now/d", autumn, FALSE), ==, tally_test_utc (2026, 11, 1, 4, 0, 0));
  g_assert_cmpint (tally_test_point ("now/d", autumn, TRUE), ==, tally_test_utc (2026, 11, 2, 5, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1d", spring, FALSE), ==, tally_test_utc (2026, 3, 7, 17, 0, 0));
  g_assert_cmpint (tally_test_point ("now-1d", after_autumn, FALSE), ==, tally_test_utc (2026, 11, 1, 14, 30, 0));
  g_assert_cmpint (tally_test_point ("now-1M", spring, FALSE), ==, tally_test_utc (2026, 2, 8, 17, 0, 0));
  g_assert_cmpint (tally_test_point ("now-6h/h", spring, FALSE), ==, tally_test_utc (2026, 3, 8, 10, 0, 0));
}

static void
test_dst_utc (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("UTC", 2026, 3, 29, 12, 0, 0);

  g_assert_cmpint (tally_test_point ("now/d", now, TRUE) - tally_test_point ("now/d", now, FALSE), ==, DAY);
  g_assert_cmpint (tally_test_point ("now-1d", now, FALSE), ==, tally_test_utc (2026, 3, 28, 12, 0, 0));
}

/* Wall-clock times a DST change skips or repeats. */
static void
test_dst_gaps (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("Europe/Berlin", 2026, 3, 30, 2, 30, 0);
  g_autoptr(GDateTime) later = tally_test_make_now ("Europe/Berlin", 2026, 11, 1, 9, 0, 0);

  /* 2026-03-29 02:30 never happens: read with the offset before the
   * change, it is 03:30 CEST, as JavaScript and Grafana do. */
  g_assert_cmpint (tally_test_point ("now-1d", now, FALSE), ==, tally_test_utc (2026, 3, 29, 1, 30, 0));
  g_assert_cmpint (tally_test_point ("2026-03-29T02:30:00", later, FALSE), ==, tally_test_utc (2026, 3, 29, 1, 30, 0));
  /* 2026-10-25 02:30 happens twice: a typed time is the first. */
  g_assert_cmpint (tally_test_point ("2026-10-25T02:30:00", later, FALSE), ==, tally_test_utc (2026, 10, 25, 0, 30, 0));
}

static void
test_dst_repeated_hour (void)
{
  /* The second 02:30 (CET) on 2026-10-25 in Berlin. */
  g_autoptr(GDateTime) second = tally_test_make_now ("Europe/Berlin", 2026, 10, 25, 2, 30, 0);
  g_autoptr(GDateTime) next_day = tally_test_make_now ("Europe/Berlin", 2026, 10, 26, 2, 30, 0);

  g_assert_cmpint (g_date_time_to_unix (second), ==, tally_test_utc (2026, 10, 25, 1, 30, 0));
  /* The hour is the repeated one, not the first 02:00. */
  g_assert_cmpint (tally_test_point ("now/h", second, FALSE), ==, tally_test_utc (2026, 10, 25, 1, 0, 0));
  g_assert_cmpint (tally_test_point ("now/h", second, TRUE), ==, tally_test_utc (2026, 10, 25, 2, 0, 0));
  g_assert_cmpint (tally_test_point ("now/d", second, FALSE), ==, tally_test_utc (2026, 10, 24, 22, 0, 0));
  /* Yesterday's 02:30 from a CET 02:30 keeps the CET reading: 24 hours. */
  g_assert_cmpint (tally_test_point ("now-1d", next_day, FALSE), ==, tally_test_utc (2026, 10, 25, 1, 30, 0));
}

static void
test_range_parse (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("Europe/Berlin", 2026, 11, 25, 15, 47, 12);
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(TallyTimeRange) today = NULL;
  g_autoptr(TallyTimeRange) copy = NULL;
  g_autoptr(TallyTimeRange) previous = NULL;
  g_autoptr(GError) error = NULL;

  range = tally_time_range_parse ("now-24h", "now", now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (range->to, ==, tally_test_utc (2026, 11, 25, 14, 47, 12));
  g_assert_cmpint (range->from, ==, range->to - DAY);
  g_assert_cmpint (range->now, ==, range->to);
  g_assert_cmpstr (g_time_zone_get_identifier (range->tz), ==, "Europe/Berlin");

  /* from rounds down, to rounds up: "today" is the whole day. */
  today = tally_time_range_parse ("now/d", "now/d", now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (today->from, ==, tally_test_utc (2026, 11, 24, 23, 0, 0));
  g_assert_cmpint (today->to, ==, tally_test_utc (2026, 11, 25, 23, 0, 0));

  copy = tally_time_range_copy (today);
  g_assert_cmpint (copy->from, ==, today->from);
  g_assert_cmpint (copy->to, ==, today->to);
  g_assert_cmpint (copy->now, ==, today->now);
  g_assert_true (copy->tz != NULL);

  previous = tally_time_range_get_previous (range);
  g_assert_cmpint (previous->from, ==, range->from - DAY);
  g_assert_cmpint (previous->to, ==, range->from);
  g_assert_cmpint (previous->now, ==, range->now);

  g_assert_null (tally_time_range_parse ("now", "now-1h", now, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "the range is empty: “now” is not before “now-1h”");
  g_clear_error (&error);

  g_assert_null (tally_time_range_parse ("now", "now", now, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (tally_time_range_parse ("now-1h", "now-5x", now, &error));
  g_assert_cmpstr (error->message, ==, "“now-5x”: unknown unit “x” (use s, m, h, d, w, M or y)");
}

static void
test_range_new_default_zone (void)
{
  g_autoptr(TallyTimeRange) range = tally_time_range_new (0, 60, 60, NULL);

  g_assert_nonnull (range->tz);
  g_assert_cmpint (g_time_zone_get_offset (range->tz, 0), ==, 0);
}

static void
test_point_errors (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("UTC", 2026, 11, 23, 10, 0, 0);
  const char *invalid_utf8 = "now-5\xff";
  const char *usage = "not a valid time (use now-6h, now/d, 2026-11-23, 2026-11-23T10:00:00Z "
                      "or Unix seconds)";
  const struct
  {
    const char *expression;
    const char *reason;
  } cases[] = {
    { "now-5x", "unknown unit “x” (use s, m, h, d, w, M or y)" },
    { "now-5µ", "unknown unit “µ” (use s, m, h, d, w, M or y)" },
    { "now-5H", "unknown unit “H” (use s, m, h, d, w, M or y)" },
    { "now-5", "missing unit after “-5” (use s, m, h, d, w, M or y)" },
    { "now-", "missing unit after “-” (use s, m, h, d, w, M or y)" },
    { "now/", "missing unit after “/” (use s, m, h, d, w, M or y)" },
    { "now*2", "expected +, - or / at “*2”" },
    { "now-1d 6h", "expected +, - or / at “6h”" },
    { "nowadays", "expected +, - or / at “adays”" },
    { "now/2d", "rounding takes a unit alone, as in “now/d”" },
    { "now-1.5h", "use whole numbers, as in “90m” rather than “1.5h”" },
    { "now-9999999999d", "the number is too large" },
    { "now-10000y", "out of range (years 1 to 9999)" },
    { "now+999999999h", "out of range (years 1 to 9999)" },
    { "now+8000y/y", "out of range (years 1 to 9999)" },
    { "1763856000000", "out of range (Unix time is in seconds, not milliseconds)" },
    { "2026-02-30", "not a valid date" },
    { "2026-13-01T10:00:00Z", "not a valid date" },
    { "0001-01-01T00:00:00+01:00", "out of range (years 1 to 9999)" },
    { "yesterday", usage },
    { "-3600", usage },
    { "2026-11-23T25:00:00Z", usage },
    { "2026-11-23T10:00:00+25:00", usage },
    { "2026-11-23T10:00:00.Z", usage },
    { "2026-11-23T10", usage },
    { "2026-11-23X", usage },
    { "23/11/2026", usage },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = g_strdup_printf ("“%s”: %s", cases[i].expression, cases[i].reason);

      tally_test_assert_point_error (cases[i].expression, now, message);
    }

  tally_test_assert_point_error ("", now, "the time is empty");
  tally_test_assert_point_error ("   ", now, "the time is empty");
  tally_test_assert_point_error (invalid_utf8, now, "“now-5\xef\xbf\xbd”: not valid UTF-8");
}

static void
test_interval_parse (void)
{
  const struct
  {
    const char *text;
    gint64      seconds;
  } cases[] = {
    { "90s", 90 }, { "5m", 300 }, { "1h", 3600 }, { "1d", DAY }, { "1w", 7 * DAY },
    { "1M", 2592000 }, { "30d", 2592000 }, { "3M", 3 * 2592000 }, { "1h30m", 5400 },
    { "60", 60 }, { " 15m ", 900 }, { "12h", 12 * HOUR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 seconds = 0;

      g_assert_true (tally_time_parse_interval (cases[i].text, &seconds, &error));
      g_assert_no_error (error);
      g_assert_cmpint (seconds, ==, cases[i].seconds);
    }
}

static void
test_interval_errors (void)
{
  const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "", "the interval is empty" },
    { "  ", "the interval is empty" },
    { "5x", "“5x”: unknown unit “x” (use s, m, h, d, w or M)" },
    { "1y", "“1y”: unknown unit “y” (use s, m, h, d, w or M)" },
    { "5µ", "“5µ”: unknown unit “µ” (use s, m, h, d, w or M)" },
    { "m", "“m”: a number must come before the unit, as in “5m”" },
    { "auto", "“auto”: a number must come before the unit, as in “5m”" },
    { "0m", "“0m”: must be longer than zero" },
    { "0", "“0”: must be longer than zero" },
    { "1h30", "“1h30”: missing unit at the end (use s, m, h, d, w or M)" },
    { "1.5h", "“1.5h”: use whole numbers, as in “90m” rather than “1.5h”" },
    { "9999999999s", "“9999999999s”: too long" },
    { "99999999M", "“99999999M”: too long" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 seconds = 42;

      g_assert_false (tally_time_parse_interval (cases[i].text, &seconds, &error));
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpint (seconds, ==, 42);
    }
}

static void
test_interval_format (void)
{
  const struct
  {
    gint64      seconds;
    const char *text;
  } cases[] = {
    { 1, "1s" }, { 59, "59s" }, { 60, "1m" }, { 90, "90s" }, { 3600, "1h" }, { 5400, "90m" },
    { DAY, "1d" }, { DAY + HOUR, "25h" }, { 2 * DAY, "2d" }, { 7 * DAY, "1w" },
    { 14 * DAY, "2w" }, { 2592000, "1M" }, { 3 * 2592000, "3M" }, { 12 * 2592000, "12M" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tally_time_format_interval (cases[i].seconds);
      g_autoptr(GError) error = NULL;
      gint64 back = 0;

      g_assert_cmpstr (text, ==, cases[i].text);
      /* And back: format and parse are inverses. */
      g_assert_true (tally_time_parse_interval (text, &back, &error));
      g_assert_cmpint (back, ==, cases[i].seconds);
    }

  for (gint64 seconds = 1; seconds < 3 * DAY; seconds += 97)
    {
      g_autofree char *text = tally_time_format_interval (seconds);
      gint64 back = 0;

      g_assert_true (tally_time_parse_interval (text, &back, NULL));
      g_assert_cmpint (back, ==, seconds);
    }
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

   g_test_add_func ("/tally/time-parse/now", test_now);
   g_test_add_func ("/tally/time-parse/relative", test_relative);
   g_test_add_func ("/tally/time-parse/round-down", test_round_down);
   g_test_add_func ("/tally/time-parse/round-up", test_round_up);
   g_test_add_func ("/tally/time-parse/week-starts-monday", test_week_starts_monday);
   g_test_add_func ("/tally/time-parse/month-ends", test_month_ends);
   g_test_add_func ("/tally/time-parse/absolute", test_absolute);
   g_test_add_func ("/tally/time-parse/dst/berlin", test_dst_berlin);
   g_test_add_func ("/tally/time-parse/dst/new-york", test_dst_new_york);
   g_test_add_func ("/tally/time-parse/dst/utc", test_dst_utc);
   g_test_add_func ("/tally/time-parse/dst/gaps", test_dst_gaps);
   g_test_add_func ("/tally/time-parse/dst/repeated-hour", test_dst_repeated_hour);
   g_test_add_func ("/tally/time-parse/range/parse", test_range_parse);
   g_test_add_func ("/tally/time-parse/range/default-zone", test_range_new_default_zone);
   g_test_add_func ("/tally/time-parse/errors", test_point_errors);
   g_test_add_func ("/tally/time-parse/interval/parse", test_interval_parse);
   g_test_add_func ("/tally/time-parse/interval/errors", test_interval_errors);
   g_test_add_func ("/tally/time-parse/interval/format", test_interval_format);

  return g_test_run ();
}
