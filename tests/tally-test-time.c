/* tally-test-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What the time tests share: real zones, fixed "now"s, expectations
 * written in UTC so they never depend on the code under test. */

#include "config.h"

#include "tally-error.h"
#include "tally-test-time.h"

GTimeZone *
tally_test_zone (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  /* tzdata must be installed; without it every zone would silently be UTC. */
  g_assert_nonnull (tz);
  return tz;
}

GDateTime *
tally_test_make_now (const char *identifier,
          int         year,
          int         month,
          int         day,
          int         hour,
          int         minute,
          double      seconds)
{
  g_autoptr(GTimeZone) tz = tally_test_zone (identifier);

  return g_date_time_new (tz, year, month, day, hour, minute, seconds);
}

gint64
tally_test_utc (int year,
     int month,
     int day,
     int hour,
     int minute,
     int second)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (dt);
}

gint64
tally_test_point (const char *expression,
       GDateTime  *now,
       gboolean    round_up)
{
  g_autoptr(GError) error = NULL;
  gint64 result = G_MININT64;

  if (!tally_time_parse_point (expression, now, round_up, &result, &error))
    g_error ("“%s” failed: %s", expression, error->message);
  return result;
}

void
tally_test_assert_point_error (const char *expression,
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
int
tally_test_local_hour (GTimeZone *tz,
            gint64     unix_s)
{
  g_autoptr(GDateTime) utc_time = g_date_time_new_from_unix_utc (unix_s);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc_time, tz);

  return g_date_time_get_hour (local);
}

GArray *
tally_test_buckets (const char *identifier,
         gint64      from,
         gint64      to,
         gint64      interval_s)
{
  g_autoptr(GTimeZone) tz = tally_test_zone (identifier);
  g_autoptr(TallyTimeRange) range = tally_time_range_new (from, to, to, tz);

  return tally_time_range_get_buckets (range, interval_s);
}

void
tally_test_assert_buckets (GArray       *array,
                const gint64 *expected,
                guint         n_expected)
{
  g_assert_cmpuint (array->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (array, gint64, i), ==, expected[i]);
}
