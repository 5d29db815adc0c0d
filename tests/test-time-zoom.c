/* test-time-zoom.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Ranges made from ranges: zooming out, and instants written back as
 * expressions that the parser reads to the same second. Expectations are
 * written by hand, in the zone they name. */

#include "config.h"

#include "tally-error.h"
#include "tally-test-time.h"
#include "tally-test-utils.h"
#include "tally-time-zoom.h"

static void
assert_point (const char *zone,
              gint64      unix_s,
              const char *expected)
{
  g_autoptr(GTimeZone) tz = tally_test_zone (zone);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autofree char *text = tally_time_format_point (unix_s, tz);

  g_assert_cmpstr (text, ==, expected);
  /* Read back, as from and as to, it is the same second. */
  g_assert_cmpint (tally_test_point (text, now, FALSE), ==, unix_s);
  g_assert_cmpint (tally_test_point (text, now, TRUE), ==, unix_s);
}

static void
test_format_point (void)
{
  assert_point ("Europe/Berlin", tally_test_utc (2026, 11, 3, 9, 0, 0), "2026-11-03 10:00");
  assert_point ("Europe/Berlin", tally_test_utc (2026, 11, 3, 9, 0, 7), "2026-11-03 10:00:07");
  assert_point ("UTC", tally_test_utc (1970, 1, 1, 0, 0, 0), "1970-01-01 00:00");
  assert_point ("Asia/Kolkata", tally_test_utc (2026, 11, 3, 4, 30, 0), "2026-11-03 10:00");
  /* The hour that happens twice carries its offset: both readings. */
  assert_point ("Europe/Berlin", tally_test_utc (2026, 10, 25, 0, 30, 0),
                "2026-10-25T02:30:00+02:00");
  assert_point ("Europe/Berlin", tally_test_utc (2026, 10, 25, 1, 30, 0),
                "2026-10-25T02:30:00+01:00");
  assert_point ("America/New_York", tally_test_utc (2026, 11, 1, 6, 15, 0),
                "2026-11-01T01:15:00-05:00");
  /* Right after the spring jump, 03:00 exists once. */
  assert_point ("Europe/Berlin", tally_test_utc (2026, 3, 29, 1, 0, 0), "2026-03-29 03:00");
}

static void
assert_zoom (GDateTime  *now,
             const char *from,
             const char *to,
             const char *expected_from,
             const char *expected_to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *new_from = NULL;
  g_autofree char *new_to = NULL;

  g_assert_true (tally_time_zoom_out (from, to, now, &new_from, &new_to, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (new_from, ==, expected_from);
  g_assert_cmpstr (new_to, ==, expected_to);
}

static void
test_zoom_relative (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("Europe/Berlin", 2026, 11, 23, 12, 0, 0);

  /* "Last N units" stays live. */
  assert_zoom (now, "now-6h", "now", "now-12h", "now");
  assert_zoom (now, "now-h", "now", "now-2h", "now");
  assert_zoom (now, "now-7d", "now", "now-14d", "now");
  assert_zoom (now, " now - 15m ", "now", "now-30m", "now");
  assert_zoom (now, "now-1M", "now", "now-2M", "now");
}

static void
test_zoom_absolute (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("Europe/Berlin", 2026, 11, 23, 12, 0, 0);

  /* Twice the span around the middle. */
  assert_zoom (now, "2026-11-03 10:00", "2026-11-03 12:00", "2026-11-03 09:00", "2026-11-03 13:00");
  assert_zoom (now, "2026-11-23 10:00", "2026-11-23 11:00", "2026-11-23 09:30", "2026-11-23 11:30");
  /* An odd number of seconds: the extra one goes to the end. */
  assert_zoom (now, "2026-11-03 10:00:00", "2026-11-03 10:00:03",
               "2026-11-03 09:59:59", "2026-11-03 10:00:05");
  /* Ending now, it would run into the future: it ends now instead. */
  assert_zoom (now, "2026-11-23 11:00", "2026-11-23 12:00", "2026-11-23 10:00", "2026-11-23 12:00");
  assert_zoom (now, "now-6h", "now-1h", "2026-11-23 02:00", "2026-11-23 12:00");
  /* A range that already reaches beyond now widens both ways. */
  assert_zoom (now, "now/d", "now/d", "2026-11-22 12:00", "2026-11-24 12:00");
  /* Across the autumn change the span is in real hours: 3 become 6. */
  assert_zoom (now, "2026-10-25T02:30:00+02:00", "2026-10-25 04:30",
               "2026-10-25 01:00", "2026-10-25 06:00");
}

static void
test_zoom_errors (void)
{
  g_autoptr(GDateTime) now = tally_test_make_now ("UTC", 2026, 11, 23, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  char *new_from = NULL, *new_to = NULL;

  /* The parser's own message, nothing written. */
  g_assert_false (tally_time_zoom_out ("now-5x", "now", now, &new_from, &new_to, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“now-5x”: unknown unit “x” (use s, m, h, d, w, M or y)");
  g_assert_null (new_from);
  g_assert_null (new_to);
  g_clear_error (&error);

  g_assert_false (tally_time_zoom_out ("0001-01-01", "0001-01-02", now, &new_from, &new_to, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_null (new_from);
  g_clear_error (&error);

  /* Doubling past the parser's largest amount is not relative any more. */
  {
    g_autofree char *f = NULL;
    g_autofree char *t = NULL;

    g_assert_true (tally_time_zoom_out ("now-600000000s", "now", now, &f, &t, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (t, ==, "2026-11-23 12:00");
    g_assert_cmpstr (f, ==, "1988-11-13 14:40");
  }
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/time-zoom/format-point", test_format_point);
  g_test_add_func ("/tally/time-zoom/relative", test_zoom_relative);
  g_test_add_func ("/tally/time-zoom/absolute", test_zoom_absolute);
  g_test_add_func ("/tally/time-zoom/errors", test_zoom_errors);

  return g_test_run ();
}
