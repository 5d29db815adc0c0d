/* test-time-range.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Time ranges decide which events a panel counts and how the store cuts
 * them into buckets: an off-by-one-hour on a DST day is a wrong chart.
 * Every `now` here is fixed, and every expectation is written in UTC so it
 * does not depend on the code under test. */

#include "config.h"

#include "tally-error.h"
#include "tally-test-utils.h"
#include "tally-time-range.h"

#define HOUR 3600
#define DAY  86400

static GTimeZone *
zone (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  /* tzdata must be installed; without it every zone would silently be UTC. */
  g_assert_nonnull (tz);
  return tz;
}

static GDateTime *
make_now (const char *identifier,
          int         year,
          int         month,
          int         day,
          int         hour,
          int         minute,
          double      seconds)
{
  g_autoptr(GTimeZone) tz = zone (identifier);

  return g_date_time_new (tz, year, month, day, hour, minute, seconds);
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute,
     int second)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (dt);
}

static gint64
point (const char *expression,
       GDateTime  *now,
       gboolean    round_up)
{
  g_autoptr(GError) error = NULL;
  gint64 result = G_MININT64;

  if (!tally_time_parse_point (expression, now, round_up, &result, &error))
    g_error ("“%s” failed: %s", expression, error->message);
  return result;
}

static void
assert_point_error (const char *expression,
                    GDateTime  *now,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  gint64 result = 42;

  g_assert_false (tally_time_parse_point (expression, now, FALSE, &result, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (result, ==, 42);
}

/* The local hour of @unix_s in @tz. */
static int
local_hour (GTimeZone *tz,
            gint64     unix_s)
{
  g_autoptr(GDateTime) utc_time = g_date_time_new_from_unix_utc (unix_s);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc_time, tz);

  return g_date_time_get_hour (local);
}

static GArray *
buckets (const char *identifier,
         gint64      from,
         gint64      to,
         gint64      interval_s)
{
  g_autoptr(GTimeZone) tz = zone (identifier);
  g_autoptr(TallyTimeRange) range = tally_time_range_new (from, to, to, tz);

  return tally_time_range_get_buckets (range, interval_s);
}

static void
assert_buckets (GArray       *array,
                const gint64 *expected,
                guint         n_expected)
{
  g_assert_cmpuint (array->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (array, gint64, i), ==, expected[i]);
}

static void
test_now (void)
{
  g_autoptr(GDateTime) now = make_now ("UTC", 2026, 11, 23, 10, 17, 42);
  g_autoptr(GDateTime) fraction = make_now ("UTC", 2026, 11, 23, 10, 17, 42.25);
  gint64 expected = utc (2026, 11, 23, 10, 17, 42);

  g_assert_cmpint (point ("now", now, FALSE), ==, expected);
  g_assert_cmpint (point ("now", now, TRUE), ==, expected);
  g_assert_cmpint (point ("  now  ", now, FALSE), ==, expected);
  /* A fraction of a second: `from` starts at the second, `to` covers it. */
  g_assert_cmpint (point ("now", fraction, FALSE), ==, expected);
  g_assert_cmpint (point ("now", fraction, TRUE), ==, expected + 1);
  g_assert_cmpint (point ("now/s", fraction, FALSE), ==, expected);
  g_assert_cmpint (point ("now/s", fraction, TRUE), ==, expected + 1);
}

static void
test_relative (void)
{
  g_autoptr(GDateTime) now = make_now ("UTC", 2026, 11, 23, 10, 17, 42);
  gint64 t = utc (2026, 11, 23, 10, 17, 42);

  g_assert_cmpint (point ("now-30s", now, FALSE), ==, t - 30);
  g_assert_cmpint (point ("now-15m", now, FALSE), ==, t - 15 * 60);
  g_assert_cmpint (point ("now-6h", now, FALSE), ==, t - 6 * HOUR);
  g_assert_cmpint (point ("now+1d", now, FALSE), ==, t + DAY);
  g_assert_cmpint (point ("now-2w", now, FALSE), ==, t - 14 * DAY);
  g_assert_cmpint (point ("now-1M", now, FALSE), ==, utc (2026, 10, 23, 10, 17, 42));
  g_assert_cmpint (point ("now-1y", now, FALSE), ==, utc (2025, 11, 23, 10, 17, 42));
  g_assert_cmpint (point ("now-1d-6h", now, FALSE), ==, t - DAY - 6 * HOUR);
  g_assert_cmpint (point ("now-1d+30m-10s", now, FALSE), ==, t - DAY + 1800 - 10);
  g_assert_cmpint (point ("now - 1h", now, FALSE), ==, t - HOUR);
  /* Grafana reads a missing number as 1. */
  g_assert_cmpint (point ("now-h", now, FALSE), ==, t - HOUR);
  g_assert_cmpint (point ("now-0d", now, FALSE), ==, t);
  g_assert_cmpint (point ("now-999999999s", now, FALSE), ==, t - 999999999);
}

static void
test_round_down (void)
{
  /* Wednesday 2026-11-25 15:47:12 in Berlin (CET, UTC+1). */
  g_autoptr(GDateTime) now = make_now ("Europe/Berlin", 2026, 11, 25, 15, 47, 12);

  g_assert_cmpint (point ("now/s", now, FALSE), ==, utc (2026, 11, 25, 14, 47, 12));
  g_assert_cmpint (point ("now/m", now, FALSE), ==, utc (2026, 11, 25, 14, 47, 0));
  g_assert_cmpint (point ("now/h", now, FALSE), ==, utc (2026, 11, 25, 14, 0, 0));
  g_assert_cmpint (point ("now/d", now, FALSE), ==, utc (2026, 11, 24, 23, 0, 0));
  g_assert_cmpint (point ("now/w", now, FALSE), ==, utc (2026, 11, 22, 23, 0, 0));
  g_assert_cmpint (point ("now/M", now, FALSE), ==, utc (2026, 10, 31, 23, 0, 0));
  g_assert_cmpint (point ("now/y", now, FALSE), ==, utc (2025, 12, 31, 23, 0, 0));
  g_assert_cmpint (point ("now-7d/d", now, FALSE), ==, utc (2026, 11, 17, 23, 0, 0));
  g_assert_cmpint (point ("now-1M/M", now, FALSE), ==, utc (2026, 9, 30, 22, 0, 0));
  g_assert_cmpint (point ("now-1w/w", now, FALSE), ==, utc (2026, 11, 15, 23, 0, 0));
  /* Rounding then moving, as Grafana chains them. */
  g_assert_cmpint (point ("now/d+8h", now, FALSE), ==, utc (2026, 11, 25, 7, 0, 0));
}

static void
test_round_up (void)
{
  g_autoptr(GDateTime) now = make_now ("Europe/Berlin", 2026, 11, 25, 15, 47, 12);
  g_autoptr(GDateTime) midnight = make_now ("Europe/Berlin", 2026, 11, 25, 0, 0, 0);

  /* The end of the unit is the start of the next one: `to` is exclusive. */
  g_assert_cmpint (point ("now/s", now, TRUE), ==, utc (2026, 11, 25, 14, 47, 13));
  g_assert_cmpint (point ("now/m", now, TRUE), ==, utc (2026, 11, 25, 14, 48, 0));
  g_assert_cmpint (point ("now/h", now, TRUE), ==, utc (2026, 11, 25, 15, 0, 0));
  g_assert_cmpint (point ("now/d", now, TRUE), ==, utc (2026, 11, 25, 23, 0, 0));
  g_assert_cmpint (point ("now/w", now, TRUE), ==, utc (2026, 11, 29, 23, 0, 0));
  g_assert_cmpint (point ("now/M", now, TRUE), ==, utc (2026, 11, 30, 23, 0, 0));
  g_assert_cmpint (point ("now/y", now, TRUE), ==, utc (2026, 12, 31, 23, 0, 0));
  g_assert_cmpint (point ("now-1d/d", now, TRUE), ==, utc (2026, 11, 24, 23, 0, 0));
  g_assert_cmpint (point ("now-1M/M", now, TRUE), ==, utc (2026, 10, 31, 23, 0, 0));
  /* Exactly at midnight, today still ends at the next one. */
  g_assert_cmpint (point ("now/d", midnight, TRUE), ==, utc (2026, 11, 25, 23, 0, 0));
  g_assert_cmpint (point ("now/d", midnight, FALSE), ==, utc (2026, 11, 24, 23, 0, 0));
  /* Without rounding, round_up changes nothing. */
  g_assert_cmpint (point ("now-6h", now, TRUE), ==, utc (2026, 11, 25, 8, 47, 12));
}

static void
test_week_starts_monday (void)
{
  g_autoptr(GDateTime) monday = make_now ("UTC", 2026, 11, 23, 0, 0, 0);
  g_autoptr(GDateTime) sunday = make_now ("UTC", 2026, 11, 29, 23, 59, 59);

  g_assert_cmpint (point ("now/w", monday, FALSE), ==, utc (2026, 11, 23, 0, 0, 0));
  g_assert_cmpint (point ("now/w", monday, TRUE), ==, utc (2026, 11, 30, 0, 0, 0));
  g_assert_cmpint (point ("now/w", sunday, FALSE), ==, utc (2026, 11, 23, 0, 0, 0));
  g_assert_cmpint (point ("now/w", sunday, TRUE), ==, utc (2026, 11, 30, 0, 0, 0));
}

static void
test_month_ends (void)
{
  g_autoptr(GDateTime) jan31 = make_now ("UTC", 2026, 1, 31, 12, 0, 0);
  g_autoptr(GDateTime) mar31 = make_now ("UTC", 2026, 3, 31, 12, 0, 0);
  g_autoptr(GDateTime) jan31_leap = make_now ("UTC", 2028, 1, 31, 12, 0, 0);
  g_autoptr(GDateTime) mar31_leap = make_now ("UTC", 2028, 3, 31, 12, 0, 0);
  g_autoptr(GDateTime) feb29 = make_now ("UTC", 2028, 2, 29, 12, 0, 0);
  g_autoptr(GDateTime) may31 = make_now ("UTC", 2026, 5, 31, 12, 0, 0);

  g_assert_cmpint (point ("now+1M", jan31, FALSE), ==, utc (2026, 2, 28, 12, 0, 0));
  g_assert_cmpint (point ("now-1M", mar31, FALSE), ==, utc (2026, 2, 28, 12, 0, 0));
  g_assert_cmpint (point ("now+1M", jan31_leap, FALSE), ==, utc (2028, 2, 29, 12, 0, 0));
  g_assert_cmpint (point ("now-1M", mar31_leap, FALSE), ==, utc (2028, 2, 29, 12, 0, 0));
  g_assert_cmpint (point ("now+2M", jan31, FALSE), ==, utc (2026, 3, 31, 12, 0, 0));
  g_assert_cmpint (point ("now-1M", may31, FALSE), ==, utc (2026, 4, 30, 12, 0, 0));
  g_assert_cmpint (point ("now-13M", mar31, FALSE), ==, utc (2025, 2, 28, 12, 0, 0));
  g_assert_cmpint (point ("now+1y", feb29, FALSE), ==, utc (2029, 2, 28, 12, 0, 0));
  g_assert_cmpint (point ("now-1y", feb29, FALSE), ==, utc (2027, 2, 28, 12, 0, 0));
  g_assert_cmpint (point ("now+4y", feb29, FALSE), ==, utc (2032, 2, 29, 12, 0, 0));
  /* One month back then a chain: not the same as one step of the sum. */
  g_assert_cmpint (point ("now-1M-1M", mar31, FALSE), ==, utc (2026, 1, 28, 12, 0, 0));
  g_assert_cmpint (point ("now-2M", mar31, FALSE), ==, utc (2026, 1, 31, 12, 0, 0));
  g_assert_cmpint (point ("now/M", feb29, TRUE), ==, utc (2028, 3, 1, 0, 0, 0));
  g_assert_cmpint (point ("now-1M/M", mar31_leap, TRUE), ==, utc (2028, 3, 1, 0, 0, 0));
}

static void
test_absolute (void)
{
  g_autoptr(GDateTime) now = make_now ("Europe/Berlin", 2026, 12, 1, 9, 0, 0);
  gint64 ten_utc = utc (2026, 11, 23, 10, 0, 0);

  g_assert_cmpint (point ("2026-11-23T10:00:00Z", now, FALSE), ==, ten_utc);
  g_assert_cmpint (point ("2026-11-23T10:00:00+01:00", now, FALSE), ==, ten_utc - HOUR);
  g_assert_cmpint (point ("2026-11-23T10:00:00-05:00", now, FALSE), ==, ten_utc + 5 * HOUR);
  g_assert_cmpint (point ("2026-11-23T10:00:00+0530", now, FALSE), ==, ten_utc - 5 * HOUR - 1800);
  g_assert_cmpint (point ("2026-11-23T10:00:00+02", now, FALSE), ==, ten_utc - 2 * HOUR);
  g_assert_cmpint (point ("2026-11-23t10:00:00z", now, FALSE), ==, ten_utc);
  /* Fractions: `from` rounds down, `to` up, so the range covers them. */
  g_assert_cmpint (point ("2026-11-23T10:00:00.5Z", now, FALSE), ==, ten_utc);
  g_assert_cmpint (point ("2026-11-23T10:00:00.5Z", now, TRUE), ==, ten_utc + 1);
  g_assert_cmpint (point ("2026-11-23T10:00:00.000Z", now, TRUE), ==, ten_utc);
  g_assert_cmpint (point ("2026-11-23T10:00:59.999999999Z", now, FALSE), ==, ten_utc + 59);
  /* A leap second reads as the last second of its minute. */
  g_assert_cmpint (point ("2026-11-23T10:00:60Z", now, FALSE), ==, ten_utc + 59);
  /* Without a zone: the dashboard's (now's), CET here. */
  g_assert_cmpint (point ("2026-11-23T10:00:00", now, FALSE), ==, ten_utc - HOUR);
  g_assert_cmpint (point ("2026-11-23 10:00", now, FALSE), ==, ten_utc - HOUR);
  g_assert_cmpint (point ("2026-07-01T10:00", now, FALSE), ==, utc (2026, 7, 1, 8, 0, 0));
  /* A date is a local day: its midnight, or as `to` the next one. */
  g_assert_cmpint (point ("2026-11-23", now, FALSE), ==, utc (2026, 11, 22, 23, 0, 0));
  g_assert_cmpint (point ("2026-11-23", now, TRUE), ==, utc (2026, 11, 23, 23, 0, 0));
  g_assert_cmpint (point ("2026-12-31", now, TRUE), ==, utc (2026, 12, 31, 23, 0, 0));
  /* Unix seconds. */
  g_assert_cmpint (point ("1763856000", now, FALSE), ==, 1763856000);
  g_assert_cmpint (point ("1763856000", now, TRUE), ==, 1763856000);
  g_assert_cmpint (point ("0", now, FALSE), ==, 0);
  g_assert_cmpint (point ("253402300799", now, FALSE), ==, G_GINT64_CONSTANT (253402300799));
}

/* Europe/Berlin: 2026-03-29 02:00 CET → 03:00 CEST (01:00 UTC), and
 * 2026-10-25 03:00 CEST → 02:00 CET (01:00 UTC). */
static void
test_dst_berlin (void)
{
  g_autoptr(GDateTime) spring = make_now ("Europe/Berlin", 2026, 3, 29, 12, 0, 0);
  g_autoptr(GDateTime) after_spring = make_now ("Europe/Berlin", 2026, 3, 30, 12, 0, 0);
  g_autoptr(GDateTime) autumn = make_now ("Europe/Berlin", 2026, 10, 25, 12, 0, 0);
  g_autoptr(GDateTime) after_autumn = make_now ("Europe/Berlin", 2026, 10, 26, 12, 0, 0);
  gint64 day_start, day_end;

  day_start = point ("now/d", spring, FALSE);
  day_end = point ("now/d", spring, TRUE);
  g_assert_cmpint (day_start, ==, utc (2026, 3, 28, 23, 0, 0));
  g_assert_cmpint (day_end, ==, utc (2026, 3, 29, 22, 0, 0));
  g_assert_cmpint (day_end - day_start, ==, 23 * HOUR);

  day_start = point ("now/d", autumn, FALSE);
  day_end = point ("now/d", autumn, TRUE);
  g_assert_cmpint (day_start, ==, utc (2026, 10, 24, 22, 0, 0));
  g_assert_cmpint (day_end, ==, utc (2026, 10, 25, 23, 0, 0));
  g_assert_cmpint (day_end - day_start, ==, 25 * HOUR);

  /* now-1d is yesterday's same wall-clock time: 23 or 25 hours back. */
  g_assert_cmpint (point ("now-1d", after_spring, FALSE), ==, utc (2026, 3, 29, 10, 0, 0));
  g_assert_cmpint (point ("now-1d", spring, FALSE), ==, utc (2026, 3, 28, 11, 0, 0));
  g_assert_cmpint (point ("now-1d", after_autumn, FALSE), ==, utc (2026, 10, 25, 11, 0, 0));
  g_assert_cmpint (point ("now-1d", autumn, FALSE), ==, utc (2026, 10, 24, 10, 0, 0));
  g_assert_cmpint (point ("now-1w", after_spring, FALSE), ==, utc (2026, 3, 23, 11, 0, 0));
  /* Hours are exact seconds whatever the clocks do. */
  g_assert_cmpint (point ("now-24h", spring, FALSE), ==, utc (2026, 3, 28, 10, 0, 0));
  g_assert_cmpint (point ("now-12h/h", spring, FALSE), ==, utc (2026, 3, 28, 22, 0, 0));
  /* The week holding the spring change is an hour short. */
  g_assert_cmpint (point ("now/w", spring, TRUE) - point ("now/w", spring, FALSE), ==,
                   7 * DAY - HOUR);
}

/* America/New_York: 2026-03-08 02:00 EST → 03:00 EDT (07:00 UTC), and
 * 2026-11-01 02:00 EDT → 01:00 EST (06:00 UTC). */
static void
test_dst_new_york (void)
{
  g_autoptr(GDateTime) spring = make_now ("America/New_York", 2026, 3, 8, 12, 0, 0);
  g_autoptr(GDateTime) autumn = make_now ("America/New_York", 2026, 11, 1, 12, 0, 0);
  g_autoptr(GDateTime) after_autumn = make_now ("America/New_York", 2026, 11, 2, 9, 30, 0);

  g_assert_cmpint (point ("now/d", spring, FALSE), ==, utc (2026, 3, 8, 5, 0, 0));
  g_assert_cmpint (point ("now/d", spring, TRUE), ==, utc (2026, 3, 9, 4, 0, 0));
  g_assert_cmpint (point ("now/d", autumn, FALSE), ==, utc (2026, 11, 1, 4, 0, 0));
  g_assert_cmpint (point ("now/d", autumn, TRUE), ==, utc (2026, 11, 2, 5, 0, 0));
  g_assert_cmpint (point ("now-1d", spring, FALSE), ==, utc (2026, 3, 7, 17, 0, 0));
  g_assert_cmpint (point ("now-1d", after_autumn, FALSE), ==, utc (2026, 11, 1, 14, 30, 0));
  g_assert_cmpint (point ("now-1M", spring, FALSE), ==, utc (2026, 2, 8, 17, 0, 0));
  g_assert_cmpint (point ("now-6h/h", spring, FALSE), ==, utc (2026, 3, 8, 10, 0, 0));
}

static void
test_dst_utc (void)
{
  g_autoptr(GDateTime) now = make_now ("UTC", 2026, 3, 29, 12, 0, 0);

  g_assert_cmpint (point ("now/d", now, TRUE) - point ("now/d", now, FALSE), ==, DAY);
  g_assert_cmpint (point ("now-1d", now, FALSE), ==, utc (2026, 3, 28, 12, 0, 0));
}

/* Wall-clock times a DST change skips or repeats. */
static void
test_dst_gaps (void)
{
  g_autoptr(GDateTime) now = make_now ("Europe/Berlin", 2026, 3, 30, 2, 30, 0);
  g_autoptr(GDateTime) later = make_now ("Europe/Berlin", 2026, 11, 1, 9, 0, 0);

  /* 2026-03-29 02:30 never happens: read with the offset before the
   * change, it is 03:30 CEST, as JavaScript and Grafana do. */
  g_assert_cmpint (point ("now-1d", now, FALSE), ==, utc (2026, 3, 29, 1, 30, 0));
  g_assert_cmpint (point ("2026-03-29T02:30:00", later, FALSE), ==, utc (2026, 3, 29, 1, 30, 0));
  /* 2026-10-25 02:30 happens twice: a typed time is the first. */
  g_assert_cmpint (point ("2026-10-25T02:30:00", later, FALSE), ==, utc (2026, 10, 25, 0, 30, 0));
}

static void
test_dst_repeated_hour (void)
{
  /* The second 02:30 (CET) on 2026-10-25 in Berlin. */
  g_autoptr(GDateTime) second = make_now ("Europe/Berlin", 2026, 10, 25, 2, 30, 0);
  g_autoptr(GDateTime) next_day = make_now ("Europe/Berlin", 2026, 10, 26, 2, 30, 0);

  g_assert_cmpint (g_date_time_to_unix (second), ==, utc (2026, 10, 25, 1, 30, 0));
  /* The hour is the repeated one, not the first 02:00. */
  g_assert_cmpint (point ("now/h", second, FALSE), ==, utc (2026, 10, 25, 1, 0, 0));
  g_assert_cmpint (point ("now/h", second, TRUE), ==, utc (2026, 10, 25, 2, 0, 0));
  g_assert_cmpint (point ("now/d", second, FALSE), ==, utc (2026, 10, 24, 22, 0, 0));
  /* Yesterday's 02:30 from a CET 02:30 keeps the CET reading: 24 hours. */
  g_assert_cmpint (point ("now-1d", next_day, FALSE), ==, utc (2026, 10, 25, 1, 30, 0));
}

static void
test_range_parse (void)
{
  g_autoptr(GDateTime) now = make_now ("Europe/Berlin", 2026, 11, 25, 15, 47, 12);
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(TallyTimeRange) today = NULL;
  g_autoptr(TallyTimeRange) copy = NULL;
  g_autoptr(TallyTimeRange) previous = NULL;
  g_autoptr(GError) error = NULL;

  range = tally_time_range_parse ("now-24h", "now", now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (range->to, ==, utc (2026, 11, 25, 14, 47, 12));
  g_assert_cmpint (range->from, ==, range->to - DAY);
  g_assert_cmpint (range->now, ==, range->to);
  g_assert_cmpstr (g_time_zone_get_identifier (range->tz), ==, "Europe/Berlin");

  /* from rounds down, to rounds up: "today" is the whole day. */
  today = tally_time_range_parse ("now/d", "now/d", now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (today->from, ==, utc (2026, 11, 24, 23, 0, 0));
  g_assert_cmpint (today->to, ==, utc (2026, 11, 25, 23, 0, 0));

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
  g_autoptr(GDateTime) now = make_now ("UTC", 2026, 11, 23, 10, 0, 0);
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

      assert_point_error (cases[i].expression, now, message);
    }

  assert_point_error ("", now, "the time is empty");
  assert_point_error ("   ", now, "the time is empty");
  assert_point_error (invalid_utf8, now, "“now-5\xef\xbf\xbd”: not valid UTF-8");
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

static gint64
auto_interval (gint64 from,
               gint64 span,
               guint  width)
{
  g_autoptr(TallyTimeRange) range = tally_time_range_new (from, from + span, from + span, NULL);

  return tally_time_range_auto_interval (range, width);
}

static void
test_auto_interval (void)
{
  gint64 t = utc (2026, 11, 23, 0, 0, 0);

  /* About one bucket per two pixels, snapped up to a human step. */
  g_assert_cmpint (auto_interval (t, 5 * 60, 1200), ==, 60);
  g_assert_cmpint (auto_interval (t, HOUR, 1200), ==, 60);
  g_assert_cmpint (auto_interval (t, 12 * HOUR, 1200), ==, 120);  /* needs 72 s */
  g_assert_cmpint (auto_interval (t, DAY, 1200), ==, 300);        /* needs 144 s */
  g_assert_cmpint (auto_interval (t, DAY, 300), ==, 600);         /* needs 576 s */
  g_assert_cmpint (auto_interval (t, 7 * DAY, 1200), ==, 1800);   /* needs 1008 s */
  g_assert_cmpint (auto_interval (t, 30 * DAY, 1200), ==, 2 * HOUR);
  g_assert_cmpint (auto_interval (t, 90 * DAY, 1200), ==, 6 * HOUR);
  g_assert_cmpint (auto_interval (t, 365 * DAY, 1200), ==, DAY);
  g_assert_cmpint (auto_interval (t, 5 * 365 * DAY, 1200), ==, 7 * DAY);
  g_assert_cmpint (auto_interval (t, 30 * 365 * DAY, 1200), ==, 2592000);
  /* Exactly on a step: that step. */
  g_assert_cmpint (auto_interval (t, 600 * HOUR, 1200), ==, HOUR);
  /* Width 0 is the default width. */
  g_assert_cmpint (auto_interval (t, DAY, 0), ==, auto_interval (t, DAY, TALLY_DEFAULT_WIDTH_PX));
  g_assert_cmpint (auto_interval (t, 0, 1200), ==, 60);
}

static void
test_auto_interval_cap (void)
{
  gint64 t = utc (2026, 11, 23, 0, 0, 0);

  /* A very wide plot would want 52 s buckets over 30 days: 2000 buckets
   * at most makes it 1296 s, so 30m. */
  g_assert_cmpint (auto_interval (t, 30 * DAY, 100000), ==, 1800);
  g_assert_cmpint (auto_interval (t, 365 * DAY, 100000), ==, 6 * HOUR);
  /* 2000 minutes from a whole minute is exactly 2000 buckets ... */
  g_assert_cmpint (auto_interval (t, 2000 * 60, 100000), ==, 60);
  /* ... but from half a minute in, one more: the next step. */
  g_assert_cmpint (auto_interval (t + 30, 2000 * 60, 100000), ==, 120);
  /* Centuries: past a year per bucket, whole years in 1-2-5 steps. */
  g_assert_cmpint (auto_interval (utc (1800, 1, 1, 0, 0, 0), utc (2300, 1, 1, 0, 0, 0) -
                                  utc (1800, 1, 1, 0, 0, 0), 1200), ==, 12 * 2592000);
  g_assert_cmpint (auto_interval (utc (1000, 1, 1, 0, 0, 0), utc (9000, 1, 1, 0, 0, 0) -
                                  utc (1000, 1, 1, 0, 0, 0), 1200), ==, 20 * 12 * 2592000);

  /* Whatever the span and width, never more than TALLY_MAX_BUCKETS. */
  for (gint64 span = 3600; span < 40 * 365 * DAY; span = span * 3 / 2 + 7)
    {
      g_autoptr(GTimeZone) tz = zone ("Europe/Berlin");
      g_autoptr(TallyTimeRange) range = tally_time_range_new (t + 17, t + 17 + span, t, tz);
      gint64 step = tally_time_range_auto_interval (range, 100000);
      g_autoptr(GArray) array = tally_time_range_get_buckets (range, step);

      g_assert_cmpuint (array->len, <=, TALLY_MAX_BUCKETS);
      g_assert_cmpint (step, >=, span / TALLY_MAX_BUCKETS);
    }
}

static void
test_buckets_minutes (void)
{
  gint64 t = utc (2026, 11, 23, 10, 0, 0);
  g_autoptr(GArray) aligned = buckets ("UTC", t, t + 300, 60);
  g_autoptr(GArray) unaligned = buckets ("UTC", t + 30, t + 301, 60);
  g_autoptr(GArray) odd = buckets ("UTC", t + 100, t + 300, 90);
  g_autoptr(GArray) empty = buckets ("UTC", t, t, 60);
  const gint64 expected_aligned[] = { t, t + 60, t + 120, t + 180, t + 240 };
  const gint64 expected_unaligned[] = { t, t + 60, t + 120, t + 180, t + 240, t + 300 };
  /* 90 s buckets count from local midnight: 10:00 is 400 of them. */
  const gint64 expected_odd[] = { t + 90, t + 180, t + 270 };

  assert_buckets (aligned, expected_aligned, G_N_ELEMENTS (expected_aligned));
  assert_buckets (unaligned, expected_unaligned, G_N_ELEMENTS (expected_unaligned));
  assert_buckets (odd, expected_odd, G_N_ELEMENTS (expected_odd));
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_buckets_local_hours (void)
{
  gint64 t = utc (2026, 11, 23, 10, 17, 0);
  g_autoptr(GArray) berlin = buckets ("Europe/Berlin", t, t + DAY, 6 * HOUR);
  g_autoptr(GArray) kolkata = buckets ("Asia/Kolkata", t, t + 3 * HOUR, HOUR);
  /* 11:17 CET: 06:00, 12:00, 18:00, 00:00, 06:00 CET. */
  const gint64 expected_berlin[] = {
    utc (2026, 11, 23, 5, 0, 0), utc (2026, 11, 23, 11, 0, 0), utc (2026, 11, 23, 17, 0, 0),
    utc (2026, 11, 23, 23, 0, 0), utc (2026, 11, 24, 5, 0, 0),
  };
  /* 15:47 IST (UTC+05:30): hours start at half past in UTC. */
  const gint64 expected_kolkata[] = {
    utc (2026, 11, 23, 9, 30, 0), utc (2026, 11, 23, 10, 30, 0), utc (2026, 11, 23, 11, 30, 0),
    utc (2026, 11, 23, 12, 30, 0),
  };

  assert_buckets (berlin, expected_berlin, G_N_ELEMENTS (expected_berlin));
  assert_buckets (kolkata, expected_kolkata, G_N_ELEMENTS (expected_kolkata));
}

static void
test_buckets_days_dst (void)
{
  g_autoptr(GArray) berlin_spring = buckets ("Europe/Berlin", utc (2026, 3, 27, 10, 0, 0),
                                             utc (2026, 3, 31, 22, 0, 0), DAY);
  g_autoptr(GArray) berlin_autumn = buckets ("Europe/Berlin", utc (2026, 10, 24, 22, 0, 0),
                                             utc (2026, 10, 26, 23, 0, 0), DAY);
  g_autoptr(GArray) ny_spring = buckets ("America/New_York", utc (2026, 3, 7, 12, 0, 0),
                                         utc (2026, 3, 9, 12, 0, 0), DAY);
  g_autoptr(GArray) ny_autumn = buckets ("America/New_York", utc (2026, 10, 31, 12, 0, 0),
                                         utc (2026, 11, 2, 12, 0, 0), DAY);
  g_autoptr(GArray) utc_days = buckets ("UTC", utc (2026, 3, 28, 12, 0, 0),
                                        utc (2026, 3, 30, 12, 0, 0), DAY);
  /* Midnights; the 29th is 23 hours long. */
  const gint64 expected_berlin_spring[] = {
    utc (2026, 3, 26, 23, 0, 0), utc (2026, 3, 27, 23, 0, 0), utc (2026, 3, 28, 23, 0, 0),
    utc (2026, 3, 29, 22, 0, 0), utc (2026, 3, 30, 22, 0, 0),
  };
  /* The 25th is 25 hours long. */
  const gint64 expected_berlin_autumn[] = {
    utc (2026, 10, 24, 22, 0, 0), utc (2026, 10, 25, 23, 0, 0),
  };
  const gint64 expected_ny_spring[] = {
    utc (2026, 3, 7, 5, 0, 0), utc (2026, 3, 8, 5, 0, 0), utc (2026, 3, 9, 4, 0, 0),
  };
  const gint64 expected_ny_autumn[] = {
    utc (2026, 10, 31, 4, 0, 0), utc (2026, 11, 1, 4, 0, 0), utc (2026, 11, 2, 5, 0, 0),
  };
  const gint64 expected_utc[] = {
    utc (2026, 3, 28, 0, 0, 0), utc (2026, 3, 29, 0, 0, 0), utc (2026, 3, 30, 0, 0, 0),
  };

  assert_buckets (berlin_spring, expected_berlin_spring, G_N_ELEMENTS (expected_berlin_spring));
  assert_buckets (berlin_autumn, expected_berlin_autumn, G_N_ELEMENTS (expected_berlin_autumn));
  assert_buckets (ny_spring, expected_ny_spring, G_N_ELEMENTS (expected_ny_spring));
  assert_buckets (ny_autumn, expected_ny_autumn, G_N_ELEMENTS (expected_ny_autumn));
  assert_buckets (utc_days, expected_utc, G_N_ELEMENTS (expected_utc));
}

static void
test_buckets_hours_dst (void)
{
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  g_autoptr(GTimeZone) new_york = zone ("America/New_York");
  /* The local days of the changes: 23 and 25 hourly buckets. */
  g_autoptr(GArray) spring = buckets ("Europe/Berlin", utc (2026, 3, 28, 23, 0, 0),
                                      utc (2026, 3, 29, 22, 0, 0), HOUR);
  g_autoptr(GArray) autumn = buckets ("Europe/Berlin", utc (2026, 10, 24, 22, 0, 0),
                                      utc (2026, 10, 25, 23, 0, 0), HOUR);
  g_autoptr(GArray) ny_autumn = buckets ("America/New_York", utc (2026, 11, 1, 4, 0, 0),
                                         utc (2026, 11, 2, 5, 0, 0), HOUR);
  const int spring_hours[] = { 0, 1, 3, 4, 5 };
  const int autumn_hours[] = { 0, 1, 2, 2, 3, 4 };
  const int ny_hours[] = { 0, 1, 1, 2, 3 };

  g_assert_cmpuint (spring->len, ==, 23);
  g_assert_cmpuint (autumn->len, ==, 25);
  g_assert_cmpuint (ny_autumn->len, ==, 25);
  /* Still 3600 s apart in Unix time: a skipped hour is skipped, a
   * repeated one is a bucket of its own. */
  for (guint i = 1; i < spring->len; i++)
    g_assert_cmpint (g_array_index (spring, gint64, i) - g_array_index (spring, gint64, i - 1),
                     ==, HOUR);
  for (guint i = 1; i < autumn->len; i++)
    g_assert_cmpint (g_array_index (autumn, gint64, i) - g_array_index (autumn, gint64, i - 1),
                     ==, HOUR);
  for (guint i = 0; i < G_N_ELEMENTS (spring_hours); i++)
    g_assert_cmpint (local_hour (berlin, g_array_index (spring, gint64, i)), ==, spring_hours[i]);
  for (guint i = 0; i < G_N_ELEMENTS (autumn_hours); i++)
    g_assert_cmpint (local_hour (berlin, g_array_index (autumn, gint64, i)), ==, autumn_hours[i]);
  for (guint i = 0; i < G_N_ELEMENTS (ny_hours); i++)
    g_assert_cmpint (local_hour (new_york, g_array_index (ny_autumn, gint64, i)), ==, ny_hours[i]);
}

static void
test_buckets_six_hours_dst (void)
{
  g_autoptr(GArray) spring = buckets ("Europe/Berlin", utc (2026, 3, 28, 23, 0, 0),
                                      utc (2026, 3, 29, 22, 0, 0), 6 * HOUR);
  g_autoptr(GArray) autumn = buckets ("Europe/Berlin", utc (2026, 10, 24, 22, 0, 0),
                                      utc (2026, 10, 25, 23, 0, 0), 6 * HOUR);
  g_autoptr(GArray) two_hours = buckets ("Europe/Berlin", utc (2026, 10, 24, 22, 0, 0),
                                         utc (2026, 10, 25, 5, 0, 0), 2 * HOUR);
  /* 00, 06, 12, 18 local: the first bucket is 5 hours long in spring ... */
  const gint64 expected_spring[] = {
    utc (2026, 3, 28, 23, 0, 0), utc (2026, 3, 29, 4, 0, 0), utc (2026, 3, 29, 10, 0, 0),
    utc (2026, 3, 29, 16, 0, 0),
  };
  /* ... and 7 in autumn. */
  const gint64 expected_autumn[] = {
    utc (2026, 10, 24, 22, 0, 0), utc (2026, 10, 25, 5, 0, 0), utc (2026, 10, 25, 11, 0, 0),
    utc (2026, 10, 25, 17, 0, 0),
  };
  /* 00 CEST, 02 CEST, 02 CET again (a bucket of its own), 04 CET, 06 CET. */
  const gint64 expected_two_hours[] = {
    utc (2026, 10, 24, 22, 0, 0), utc (2026, 10, 25, 0, 0, 0), utc (2026, 10, 25, 1, 0, 0),
    utc (2026, 10, 25, 3, 0, 0),
  };

  assert_buckets (spring, expected_spring, G_N_ELEMENTS (expected_spring));
  assert_buckets (autumn, expected_autumn, G_N_ELEMENTS (expected_autumn));
  assert_buckets (two_hours, expected_two_hours, G_N_ELEMENTS (expected_two_hours));
}

static void
test_buckets_first_inside_change (void)
{
  /* 6h buckets from 05:00 CEST on the spring day: the bucket began at
   * 00:00 CET, before the change. */
  g_autoptr(GArray) spring = buckets ("Europe/Berlin", utc (2026, 3, 29, 3, 0, 0),
                                      utc (2026, 3, 29, 5, 0, 0), 6 * HOUR);
  const gint64 expected[] = { utc (2026, 3, 28, 23, 0, 0), utc (2026, 3, 29, 4, 0, 0) };

  assert_buckets (spring, expected, G_N_ELEMENTS (expected));
}

static void
test_buckets_weeks_months (void)
{
  g_autoptr(GArray) weeks = buckets ("Europe/Berlin", utc (2026, 3, 25, 12, 0, 0),
                                     utc (2026, 4, 6, 12, 0, 0), 7 * DAY);
  g_autoptr(GArray) months = buckets ("Europe/Berlin", utc (2026, 1, 15, 0, 0, 0),
                                      utc (2026, 4, 30, 22, 0, 0), 2592000);
  g_autoptr(GArray) quarters = buckets ("UTC", utc (2026, 5, 10, 0, 0, 0),
                                        utc (2026, 12, 1, 0, 0, 0), 3 * 2592000);
  g_autoptr(GArray) leap = buckets ("UTC", utc (2028, 1, 31, 0, 0, 0),
                                    utc (2028, 3, 2, 0, 0, 0), 2592000);
  /* Mondays at midnight; the week with the change is 167 hours. */
  const gint64 expected_weeks[] = {
    utc (2026, 3, 22, 23, 0, 0), utc (2026, 3, 29, 22, 0, 0), utc (2026, 4, 5, 22, 0, 0),
  };
  /* Firsts of the month at local midnight; 2026-04-30 22:00 UTC is May. */
  const gint64 expected_months[] = {
    utc (2025, 12, 31, 23, 0, 0), utc (2026, 1, 31, 23, 0, 0), utc (2026, 2, 28, 23, 0, 0),
    utc (2026, 3, 31, 22, 0, 0),
  };
  const gint64 expected_quarters[] = {
    utc (2026, 4, 1, 0, 0, 0), utc (2026, 7, 1, 0, 0, 0), utc (2026, 10, 1, 0, 0, 0),
  };
  const gint64 expected_leap[] = {
    utc (2028, 1, 1, 0, 0, 0), utc (2028, 2, 1, 0, 0, 0), utc (2028, 3, 1, 0, 0, 0),
  };

  assert_buckets (weeks, expected_weeks, G_N_ELEMENTS (expected_weeks));
  assert_buckets (months, expected_months, G_N_ELEMENTS (expected_months));
  assert_buckets (quarters, expected_quarters, G_N_ELEMENTS (expected_quarters));
  assert_buckets (leap, expected_leap, G_N_ELEMENTS (expected_leap));
  /* February 2028 is 29 days. */
  g_assert_cmpint (g_array_index (leap, gint64, 2) - g_array_index (leap, gint64, 1), ==, 29 * DAY);
}

/* The store maps every per-minute rollup into a bucket: whatever the
 * range, each minute of it falls in exactly one bucket, and the buckets
 * cover the range with nothing before the first or after the last. */
static void
test_buckets_cover_range (void)
{
  const char *zones[] = { "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata" };
  const gint64 intervals[] = { 60, 300, 900, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY };
  gint64 from = utc (2026, 3, 5, 13, 7, 0);
  gint64 to = utc (2026, 3, 31, 2, 0, 0);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
      {
        g_autoptr(GArray) array = buckets (zones[z], from, to, intervals[i]);
        gint64 first = g_array_index (array, gint64, 0);
        gint64 last = g_array_index (array, gint64, array->len - 1);

        g_assert_cmpint (first, <=, from);
        g_assert_cmpint (first, >, from - intervals[i] - HOUR);
        g_assert_cmpint (last, <, to);
        for (guint k = 1; k < array->len; k++)
          {
            gint64 width = g_array_index (array, gint64, k) - g_array_index (array, gint64, k - 1);

            g_assert_cmpint (width, >, 0);
            g_assert_cmpint (width, <=, intervals[i] + HOUR);
            /* Sub-day buckets shrink only where the clocks jump. */
            if (intervals[i] <= HOUR && g_strcmp0 (zones[z], "Asia/Kolkata") == 0)
              g_assert_cmpint (width, ==, intervals[i]);
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/time-range/now", test_now);
  g_test_add_func ("/tally/time-range/relative", test_relative);
  g_test_add_func ("/tally/time-range/round-down", test_round_down);
  g_test_add_func ("/tally/time-range/round-up", test_round_up);
  g_test_add_func ("/tally/time-range/week-starts-monday", test_week_starts_monday);
  g_test_add_func ("/tally/time-range/month-ends", test_month_ends);
  g_test_add_func ("/tally/time-range/absolute", test_absolute);
  g_test_add_func ("/tally/time-range/dst/berlin", test_dst_berlin);
  g_test_add_func ("/tally/time-range/dst/new-york", test_dst_new_york);
  g_test_add_func ("/tally/time-range/dst/utc", test_dst_utc);
  g_test_add_func ("/tally/time-range/dst/gaps", test_dst_gaps);
  g_test_add_func ("/tally/time-range/dst/repeated-hour", test_dst_repeated_hour);
  g_test_add_func ("/tally/time-range/range/parse", test_range_parse);
  g_test_add_func ("/tally/time-range/range/default-zone", test_range_new_default_zone);
  g_test_add_func ("/tally/time-range/errors", test_point_errors);
  g_test_add_func ("/tally/time-range/interval/parse", test_interval_parse);
  g_test_add_func ("/tally/time-range/interval/errors", test_interval_errors);
  g_test_add_func ("/tally/time-range/interval/format", test_interval_format);
  g_test_add_func ("/tally/time-range/auto-interval", test_auto_interval);
  g_test_add_func ("/tally/time-range/auto-interval/cap", test_auto_interval_cap);
  g_test_add_func ("/tally/time-range/buckets/minutes", test_buckets_minutes);
  g_test_add_func ("/tally/time-range/buckets/local-hours", test_buckets_local_hours);
  g_test_add_func ("/tally/time-range/buckets/days-dst", test_buckets_days_dst);
  g_test_add_func ("/tally/time-range/buckets/hours-dst", test_buckets_hours_dst);
  g_test_add_func ("/tally/time-range/buckets/six-hours-dst", test_buckets_six_hours_dst);
  g_test_add_func ("/tally/time-range/buckets/first-inside-change",
                   test_buckets_first_inside_change);
  g_test_add_func ("/tally/time-range/buckets/weeks-months", test_buckets_weeks_months);
  g_test_add_func ("/tally/time-range/buckets/cover-range", test_buckets_cover_range);

  return g_test_run ();
}
