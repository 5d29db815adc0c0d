/* test-time-range.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* How ranges are cut into buckets: the store aggregates into exactly these,
 * so a bucket that starts an hour off on a DST day is a wrong chart.
 * Every `now` here is fixed, and every expectation is written in UTC so it
 * does not depend on the code under test. */

#include "config.h"

#include "tally-error.h"
#include "tally-test-time.h"
#include "tally-test-utils.h"

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
  gint64 t = tally_test_utc (2026, 11, 23, 0, 0, 0);

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
  gint64 t = tally_test_utc (2026, 11, 23, 0, 0, 0);

  /* A very wide plot would want 52 s buckets over 30 days: 2000 buckets
   * at most makes it 1296 s, so 30m. */
  g_assert_cmpint (auto_interval (t, 30 * DAY, 100000), ==, 1800);
  g_assert_cmpint (auto_interval (t, 365 * DAY, 100000), ==, 6 * HOUR);
  /* 2000 minutes from a whole minute is exactly 2000 buckets ... */
  g_assert_cmpint (auto_interval (t, 2000 * 60, 100000), ==, 60);
  /* ... but from half a minute in, one more: the next step. */
  g_assert_cmpint (auto_interval (t + 30, 2000 * 60, 100000), ==, 120);
  /* Centuries: past a year per bucket, whole years in 1-2-5 steps. */
  g_assert_cmpint (auto_interval (tally_test_utc (1800, 1, 1, 0, 0, 0), tally_test_utc (2300, 1, 1, 0, 0, 0) -
                                  tally_test_utc (1800, 1, 1, 0, 0, 0), 1200), ==, 12 * 2592000);
  g_assert_cmpint (auto_interval (tally_test_utc (1000, 1, 1, 0, 0, 0), tally_test_utc (9000, 1, 1, 0, 0, 0) -
                                  tally_test_utc (1000, 1, 1, 0, 0, 0), 1200), ==, 20 * 12 * 2592000);

  /* Whatever the span and width, never more than TALLY_MAX_BUCKETS. */
  for (gint64 span = 3600; span < 40 * 365 * DAY; span = span * 3 / 2 + 7)
    {
      g_autoptr(GTimeZone) tz = tally_test_zone ("Europe/Berlin");
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
  gint64 t = tally_test_utc (2026, 11, 23, 10, 0, 0);
  g_autoptr(GArray) aligned = tally_test_buckets ("UTC", t, t + 300, 60);
  g_autoptr(GArray) unaligned = tally_test_buckets ("UTC", t + 30, t + 301, 60);
  g_autoptr(GArray) odd = tally_test_buckets ("UTC", t + 100, t + 300, 90);
  g_autoptr(GArray) empty = tally_test_buckets ("UTC", t, t, 60);
  const gint64 expected_aligned[] = { t, t + 60, t + 120, t + 180, t + 240 };
  const gint64 expected_unaligned[] = { t, t + 60, t + 120, t + 180, t + 240, t + 300 };
  /* 90 s buckets count from local midnight: 10:00 is 400 of them. */
  const gint64 expected_odd[] = { t + 90, t + 180, t + 270 };

  tally_test_assert_buckets (aligned, expected_aligned, G_N_ELEMENTS (expected_aligned));
  tally_test_assert_buckets (unaligned, expected_unaligned, G_N_ELEMENTS (expected_unaligned));
  tally_test_assert_buckets (odd, expected_odd, G_N_ELEMENTS (expected_odd));
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_buckets_local_hours (void)
{
  gint64 t = tally_test_utc (2026, 11, 23, 10, 17, 0);
  g_autoptr(GArray) berlin = tally_test_buckets ("Europe/Berlin", t, t + DAY, 6 * HOUR);
  g_autoptr(GArray) kolkata = tally_test_buckets ("Asia/Kolkata", t, t + 3 * HOUR, HOUR);
  /* 11:17 CET: 06:00, 12:00, 18:00, 00:00, 06:00 CET. */
  const gint64 expected_berlin[] = {
    tally_test_utc (2026, 11, 23, 5, 0, 0), tally_test_utc (2026, 11, 23, 11, 0, 0), tally_test_utc (2026, 11, 23, 17, 0, 0),
    tally_test_utc (2026, 11, 23, 23, 0, 0), tally_test_utc (2026, 11, 24, 5, 0, 0),
  };
  /* 15:47 IST (UTC+05:30): hours start at half past in UTC. */
  const gint64 expected_kolkata[] = {
    tally_test_utc (2026, 11, 23, 9, 30, 0), tally_test_utc (2026, 11, 23, 10, 30, 0), tally_test_utc (2026, 11, 23, 11, 30, 0),
    tally_test_utc (2026, 11, 23, 12, 30, 0),
  };

  tally_test_assert_buckets (berlin, expected_berlin, G_N_ELEMENTS (expected_berlin));
  tally_test_assert_buckets (kolkata, expected_kolkata, G_N_ELEMENTS (expected_kolkata));
}

static void
test_buckets_days_dst (void)
{
  g_autoptr(GArray) berlin_spring = tally_test_buckets ("Europe/Berlin", tally_test_utc (2026, 3, 27, 10, 0, 0),
                                             tally_test_utc (2026, 3, 31, 22, 0, 0), DAY);
  g_autoptr(GArray) berlin_autumn = tally_test_buckets ("Europe/Berlin", tally_test_utc (2026, 10, 24, 22, 0, 0),
                                             tally_test_utc (2026, 10, 26, 23, 0, 0), DAY);
  g_autoptr(GArray) ny_spring = tally_test_buckets ("America/New_York", tally_test_utc (2026, 3, 7, 12, 0, 0),
                                         tally_test_utc (2026, 3, 9, 12, 0, 0), DAY);
  g_autoptr(GArray) ny_autumn = tally_test_buckets ("America/New_York", tally_test_utc (2026, 10, 31, 12, 0, 0),
                                         tally_test_utc (2026, 11, 2, 12, 0, 0), DAY);
  g_autoptr(GArray) utc_days = tally_test_buckets ("UTC", tally_test_utc (2026, 3, 28, 12, 0, 0),
                                        tally_test_utc (2026, 3, 30, 12, 0, 0), DAY);
  /* Midnights; the 29th is 23 hours long. */
  const gint64 expected_berlin_spring[] = {
    tally_test_utc (2026, 3, 26, 23, 0, 0), tally_test_utc (2026, 3, 27, 23, 0, 0), tally_test_utc (2026, 3, 28, 23, 0, 0),
    tally_test_utc (2026, 3, 29, 22, 0, 0), tally_test_utc (2026, 3, 30, 22, 0, 0),
  };
  /* The 25th is 25 hours long. */
  const gint64 expected_berlin_autumn[] = {
    tally_test_utc (2026, 10, 24, 22, 0, 0), tally_test_utc (2026, 10, 25, 23, 0, 0),
  };
  const gint64 expected_ny_spring[] = {
    tally_test_utc (2026, 3, 7, 5, 0, 0), tally_test_utc (2026, 3, 8, 5, 0, 0), tally_test_utc (2026, 3, 9, 4, 0, 0),
  };
  const gint64 expected_ny_autumn[] = {
    tally_test_utc (2026, 10, 31, 4, 0, 0), tally_test_utc (2026, 11, 1, 4, 0, 0), tally_test_utc (2026, 11, 2, 5, 0, 0),
  };
  const gint64 expected_utc[] = {
    tally_test_utc (2026, 3, 28, 0, 0, 0), tally_test_utc (2026, 3, 29, 0, 0, 0), tally_test_utc (2026, 3, 30, 0, 0, 0),
  };

  tally_test_assert_buckets (berlin_spring, expected_berlin_spring, G_N_ELEMENTS (expected_berlin_spring));
  tally_test_assert_buckets (berlin_autumn, expected_berlin_autumn, G_N_ELEMENTS (expected_berlin_autumn));
  tally_test_assert_buckets (ny_spring, expected_ny_spring, G_N_ELEMENTS (expected_ny_spring));
  tally_test_assert_buckets (ny_autumn, expected_ny_autumn, G_N_ELEMENTS (expected_ny_autumn));
  tally_test_assert_buckets (utc_days, expected_utc, G_N_ELEMENTS (expected_utc));
}

static void
test_buckets_hours_dst (void)
{
  g_autoptr(GTimeZone) berlin = tally_test_zone ("Europe/Berlin");
  g_autoptr(GTimeZone) new_york = tally_test_zone ("America/New_York");
  /* The local days of the changes: 23 and 25 hourly buckets. */
  g_autoptr(GArray) spring = tally_test_buckets ("Europe/Berlin", tally_test_utc (2026, 3, 28, 23, 0, 0),
                                      tally_test_utc (2026, 3, 29, 22, 0, 0), HOUR);
  g_autoptr(GArray) autumn = tally_test_buckets ("Europe/Berlin", tally_test_utc (2026, 10, 24, 22, 0, 0),
                                      tally_test_utc (2026, 10, 25, 23, 0, 0), HOUR);
  g_autoptr(GArray) ny_autumn = tally_test_buckets ("America/New_York", tally_test_utc (2026, 11, 1, 4, 0, 0),
                                         tally_test_utc (2026, 11, 2, 5, 0, 0), HOUR);
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
    g_assert_cmpint (tally_test_local_hour (berlin, g_array_index (spring, gint64, i)), ==, spring_hours[i]);
  for (guint i = 0; i < G_N_ELEMENTS (autumn_hours); i++)
    g_assert_cmpint (tally_test_local_hour (berlin, g_array_index (autumn, gint64, i)), ==, autumn_hours[i]);
  for (guint i = 0; i < G_N_ELEMENTS (ny_hours); i++)
    g_assert_cmpint (tally_test_local_hour (new_york, g_array_index (ny_autumn, gint64, i)), ==, ny_hours[i]);
}

static void
test_buckets_six_hours_dst (void)
{
  g_autoptr(GArray) spring = tally_test_buckets ("Europe/Berlin", tally_test_utc (2026, 3, 28, 23, 0, 0),
                                      tally_test_utc (2026, 3, 29, 22, 0, 0), 6 * HOUR);
  g_autoptr(GArray) autumn = tally_test_buckets ("Europe/Berlin", tally_test_utc (2026, 10, 24, 22, 0, 0),
                                      tally_test_utc (2026, 10, 25, 23, 0, 0), 6 * HOUR);
  g_autoptr(GArray) two_hours = tally_test_buckets ("Europe/Berlin", tally_test_utc (2026, 10, 24, 22, 0, 0),
                                         tally_test_utc (2026, 10, 25, 5, 0, 0), 2 * HOUR);
  /* 00, 06, 12, 18 local: the first bucket is 5 hours long in spring ... */
  const gint64 expected_spring[] = {
    tally_test_utc (2026, 3, 28, 23, 0, 0), tally_test_utc (2026, 3, 29, 4, 0, 0), tally_test_utc (2026, 3, 29, 10, 0, 0),
    tally_test_utc (2026, 3, 29, 16, 0, 0),
  };
  /* ... and 7 in autumn. */
  const gint64 expected_autumn[] = {
    tally_test_utc (2026, 10, 24, 22, 0, 0), tally_test_utc (2026, 10, 25, 5, 0, 0), tally_test_utc (2026, 10, 25, 11, 0, 0),
    tally_test_utc (2026, 10, 25, 17, 0, 0),
  };
  /* 00 CEST, 02 CEST, 02 CET again (a bucket of its own), 04 CET, 06 CET. */
  const gint64 expected_two_hours[] = {
    tally_test_utc (2026, 10, 24, 22, 0, 0), tally_test_utc (2026, 10, 25, 0, 0, 0), tally_test_utc (2026, 10, 25, 1, 0, 0),
    tally_test_utc (2026, 10, 25, 3, 0, 0),
  };

  tally_test_assert_buckets (spring, expected_spring, G_N_ELEMENTS (expected_spring));
  tally_test_assert_buckets (autumn, expected_autumn, G_N_ELEMENTS (expected_autumn));
  tally_test_assert_buckets (two_hours, expected_two_hours, G_N_ELEMENTS (expected_two_hours));
}

static void
test_buckets_first_inside_change (void)
{
  /* 6h buckets from 05:00 CEST on the spring day: the bucket began at
   * 00:00 CET, before the change. */
  g_autoptr(GArray) spring = tally_test_buckets ("Europe/Berlin", tally_test_utc (2026, 3, 29, 3, 0, 0),
                                      tally_test_utc (2026, 3, 29, 5, 0, 0), 6 * HOUR);
  const gint64 expected[] = { tally_test_utc (2026, 3, 28, 23, 0, 0), tally_test_utc (2026, 3, 29, 4, 0, 0) };

  tally_test_assert_buckets (spring, expected, G_N_ELEMENTS (expected));
}

static void
test_buckets_weeks_months (void)
{
  g_autoptr(GArray) weeks = tally_test_buckets ("Europe/Berlin", tally_test_utc (2026, 3, 25, 12, 0, 0),
                                     tally_test_utc (2026, 4, 6, 12, 0, 0), 7 * DAY);
  g_autoptr(GArray) months = tally_test_buckets ("Europe/Berlin", tally_test_utc (2026, 1, 15, 0, 0, 0),
                                      tally_test_utc (2026, 4, 30, 22, 0, 0), 2592000);
  g_autoptr(GArray) quarters = tally_test_buckets ("UTC", tally_test_utc (2026, 5, 10, 0, 0, 0),
                                        tally_test_utc (2026, 12, 1, 0, 0, 0), 3 * 2592000);
  g_autoptr(GArray) leap = tally_test_buckets ("UTC", tally_test_utc (2028, 1, 31, 0, 0, 0),
                                    tally_test_utc (2028, 3, 2, 0, 0, 0), 2592000);
  /* Mondays at midnight; the week with the change is 167 hours. */
  const gint64 expected_weeks[] = {
    tally_test_utc (2026, 3, 22, 23, 0, 0), tally_test_utc (2026, 3, 29, 22, 0, 0), tally_test_utc (2026, 4, 5, 22, 0, 0),
  };
  /* Firsts of the month at local midnight; 2026-04-30 22:00 UTC is May. */
  const gint64 expected_months[] = {
    tally_test_utc (2025, 12, 31, 23, 0, 0), tally_test_utc (2026, 1, 31, 23, 0, 0), tally_test_utc (2026, 2, 28, 23, 0, 0),
    tally_test_utc (2026, 3, 31, 22, 0, 0),
  };
  const gint64 expected_quarters[] = {
    tally_test_utc (2026, 4, 1, 0, 0, 0), tally_test_utc (2026, 7, 1, 0, 0, 0), tally_test_utc (2026, 10, 1, 0, 0, 0),
  };
  const gint64 expected_leap[] = {
    tally_test_utc (2028, 1, 1, 0, 0, 0), tally_test_utc (2028, 2, 1, 0, 0, 0), tally_test_utc (2028, 3, 1, 0, 0, 0),
  };

  tally_test_assert_buckets (weeks, expected_weeks, G_N_ELEMENTS (expected_weeks));
  tally_test_assert_buckets (months, expected_months, G_N_ELEMENTS (expected_months));
  tally_test_assert_buckets (quarters, expected_quarters, G_N_ELEMENTS (expected_quarters));
  tally_test_assert_buckets (leap, expected_leap, G_N_ELEMENTS (expected_leap));
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
  gint64 from = tally_test_utc (2026, 3, 5, 13, 7, 0);
  gint64 to = tally_test_utc (2026, 3, 31, 2, 0, 0);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
      {
        g_autoptr(GArray) array = tally_test_buckets (zones[z], from, to, intervals[i]);
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

   g_test_add_func ("/tally/time-range/auto-interval", test_auto_interval);
   g_test_add_func ("/tally/time-range/auto-interval/cap", test_auto_interval_cap);
   g_test_add_func ("/tally/time-range/buckets/minutes", test_buckets_minutes);
   g_test_add_func ("/tally/time-range/buckets/local-hours", test_buckets_local_hours);
   g_test_add_func ("/tally/time-range/buckets/days-dst", test_buckets_days_dst);
   g_test_add_func ("/tally/time-range/buckets/hours-dst", test_buckets_hours_dst);
   g_test_add_func ("/tally/time-range/buckets/six-hours-dst", test_buckets_six_hours_dst);
   g_test_add_func ("/tally/time-range/buckets/first-inside-change", test_buckets_first_inside_change);
   g_test_add_func ("/tally/time-range/buckets/weeks-months", test_buckets_weeks_months);
   g_test_add_func ("/tally/time-range/buckets/cover-range", test_buckets_cover_range);

  return g_test_run ();
}
