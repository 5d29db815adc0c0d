/* test-chart-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Units, ticks and times as the charts write them, edge values included:
 * zero, negatives, 1e-6, 1e12, NaN and the infinities. */

#include "config.h"

#include <math.h>

#include "tally-axis.h"
#include "tally-format.h"
#include "tally-test-utils.h"
#include "tally-time-axis.h"

typedef struct
{
  double      value;
  const char *unit;
  const char *expected;
} Case;

static void
check_cases (const Case *cases,
             guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = tally_format_value (cases[i].value, cases[i].unit, TALLY_FORMAT_AUTO);

      g_test_message ("%g %s -> %s", cases[i].value, cases[i].unit ? cases[i].unit : "(none)", text);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_format_counts (void)
{
  static const Case cases[] = {
    { 0, "tokens", "0" },
    { 950, "tokens", "950" },
    { 1234, "tokens", "1.2k" },
    { 1000, "tokens", "1k" },
    { 999.96, "tokens", "1k" },
    { 3.4e6, "tokens", "3.4M" },
    { 5.6e9, "tokens", "5.6B" },
    { 1e12, "tokens", "1T" },
    { -1234, "tokens", "−1.2k" },
    { 1e-6, "tokens", "0.000001" },
    /* Requests stay plain integers below ten thousand. */
    { 412, "requests", "412" },
    { 1234, "requests", "1234" },
    { 9999, "requests", "9999" },
    { 12345, "requests", "12.3k" },
    { 3.45, "requests", "3.5" },
    { 12.34, NULL, "12.3" },
    { 0.0012, NULL, "0.0012" },
    { 1234, "widgets", "1.2k widgets" },
    { 1200, "tokens/usd", "1.2k/$" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_format_money (void)
{
  static const Case cases[] = {
    { 0, "usd", "$0.00" },
    { 0.0012, "usd", "$0.0012" },
    { 1e-6, "usd", "$0.000001" },
    { 0.5, "usd", "$0.50" },
    { 12.34, "usd", "$12.34" },
    { 999.96, "usd", "$999.96" },
    { 1234, "usd", "$1.2K" },
    { 3.4e6, "usd", "$3.4M" },
    { 1e12, "usd", "$1T" },
    { -1.2, "usd", "−$1.20" },
    { 0.12, "usd/min", "$0.12/min" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_format_durations (void)
{
  static const Case cases[] = {
    { 0, "ms", "0 ms" },
    { 850, "ms", "850 ms" },
    { 12.34, "ms", "12.3 ms" },
    { 1300, "ms", "1.3 s" },
    { 999.96, "ms", "1 s" },
    { 126000, "ms", "2.1 min" },
    { 59999, "ms", "1 min" },
    { 5.4e6, "ms", "1.5 h" },
    { 0.5, "ms", "500 µs" },
    { 1e-6, "ms", "1 ns" },
    { 1e12, "ms", "11574 d" },
    { -1300, "ms", "−1.3 s" },
    { 1.3, "s", "1.3 s" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
  g_assert_true (tally_unit_is_duration ("ms"));
  g_assert_true (tally_unit_is_duration ("s"));
  g_assert_false (tally_unit_is_duration ("usd"));
}

static void
test_format_percent_and_rates (void)
{
  static const Case cases[] = {
    { 0.045, "percent", "4.5 %" },
    { 0, "percent", "0 %" },
    { 1, "percent", "100 %" },
    { 0.0012, "percent", "0.12 %" },
    { -0.05, "percent", "−5 %" },
    { 1e-6, "percent", "0.0001 %" },
    { 12.34, "requests/min", "12.3/min" },
    { 1234, "tokens/min", "1.2k/min" },
    { 0.42, "x", "0.42x" },
    { 1.26, "x", "1.3x" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_format_special (void)
{
  const char *units[] = { NULL, "requests", "tokens", "usd", "ms", "percent", "tokens/min", "x" };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *nan = tally_format_value (NAN, units[i], TALLY_FORMAT_AUTO);
      g_autofree char *inf = tally_format_value (INFINITY, units[i], TALLY_FORMAT_AUTO);
      g_autofree char *ninf = tally_format_value (-INFINITY, units[i], 2);
      g_autofree char *huge = tally_format_value (1e300, units[i], TALLY_FORMAT_AUTO);

      g_assert_cmpstr (nan, ==, "—");
      g_assert_cmpstr (inf, ==, "∞");
      g_assert_cmpstr (ninf, ==, "−∞");
      g_assert_nonnull (huge);
      g_assert_true (g_utf8_validate (huge, -1, NULL));
    }
}

static void
test_format_decimals (void)
{
  g_autofree char *a = tally_format_value (1234, "tokens", 2);
  g_autofree char *b = tally_format_value (812.5, "ms", 0);
  g_autofree char *c = tally_format_value (2, "usd", 0);
  g_autofree char *d = tally_format_value (0.04567, "percent", 2);
  g_autofree char *e = tally_format_value (-0.001, NULL, 1);

  g_assert_cmpstr (a, ==, "1.23k");
  g_assert_cmpstr (b, ==, "812 ms");
  g_assert_cmpstr (c, ==, "$2");
  g_assert_cmpstr (d, ==, "4.57 %");
  /* Rounded to zero, a negative loses its sign. */
  g_assert_cmpstr (e, ==, "0.0");
}

static void
test_format_change (void)
{
  g_autofree char *up = tally_format_change (812.5, 790.1, "ms");
  g_autofree char *down = tally_format_change (50, 100, "usd");
  g_autofree char *points = tally_format_change (0.03, 0.02, "percent");
  g_autofree char *same = tally_format_change (100, 100, NULL);
  g_autofree char *from_zero = tally_format_change (5, 0, NULL);
  g_autofree char *from_nan = tally_format_change (5, NAN, NULL);

  g_assert_cmpstr (up, ==, "+2.8 %");
  g_assert_cmpstr (down, ==, "−50 %");
  g_assert_cmpstr (points, ==, "+1.0 pp");
  g_assert_cmpstr (same, ==, "±0 %");
  g_assert_null (from_zero);
  g_assert_null (from_nan);
  g_assert_cmpfloat_with_epsilon (tally_format_change_ratio (0.03, 0.02, "percent"), 0.01, 1e-12);
  g_assert_cmpfloat_with_epsilon (tally_format_change_ratio (150, 100, "requests"), 0.5, 1e-12);
}

static void
check_ticks_full (double       lo,
                  double       hi,
                  guint        max_ticks,
                  const char  *unit,
                  gboolean     whole,
                  const char  *expected)
{
  TallyAxisTicks ticks;
  char *labels[TALLY_AXIS_MAX_TICKS];
  g_autoptr(GString) joined = g_string_new (NULL);

  tally_axis_compute (lo, hi, max_ticks, unit, TRUE, whole, &ticks);
  tally_format_ticks (ticks.ticks, ticks.n_ticks, ticks.step, unit, TALLY_FORMAT_AUTO, labels);
  for (guint i = 0; i < ticks.n_ticks; i++)
    {
      g_string_append_printf (joined, "%s%s", i ? " " : "", labels[i]);
      g_free (labels[i]);
      g_assert_cmpfloat (ticks.ticks[i], >=, ticks.min);
      g_assert_cmpfloat (ticks.ticks[i], <=, ticks.max);
    }
  g_test_message ("[%g, %g] %s: %s", lo, hi, unit ? unit : "", joined->str);
  g_assert_cmpstr (joined->str, ==, expected);
  g_assert_cmpuint (ticks.n_ticks, <=, max_ticks + 1);
  if (isfinite (lo) && isfinite (hi))
    {
      g_assert_cmpfloat (ticks.min, <=, MIN (lo, hi));
      g_assert_cmpfloat (ticks.max, >=, MAX (lo, hi));
    }
}

static void
check_ticks (double      lo,
             double      hi,
             guint       max_ticks,
             const char *unit,
             const char *expected)
{
  check_ticks_full (lo, hi, max_ticks, unit, FALSE, expected);
}

static void
test_axis_ticks (void)
{
  check_ticks (0, 412, 5, "requests", "0 100 200 300 400 500");
  check_ticks (0, 0.047, 5, "percent", "0 % 1 % 2 % 3 % 4 % 5 %");
  /* Durations step in the unit the labels show: 30 s, not 20000 ms. */
  check_ticks (0, 150000, 5, "ms", "0 min 0.5 min 1.0 min 1.5 min 2.0 min 2.5 min");
  check_ticks (800, 850, 5, "ms", "800 ms 810 ms 820 ms 830 ms 840 ms 850 ms");
  /* Data under a minute on an axis rounded up to one steps in minutes. */
  check_ticks (0, 55000, 5, "ms", "0 min 0.2 min 0.4 min 0.6 min 0.8 min 1.0 min");
  /* Whole numbers step by one at least, however few; other values of
   * the same unit (a mean of requests in flight) do not. */
  check_ticks_full (0, 1, 5, "requests", TRUE, "0 1");
  check_ticks_full (0, 2, 5, "requests", TRUE, "0 1 2");
  check_ticks_full (0, 3, 8, "tokens", TRUE, "0 1 2 3");
  check_ticks_full (0, 412, 5, "requests", TRUE, "0 100 200 300 400 500");
  check_ticks (0, 1, 5, "requests", "0 0.2 0.4 0.6 0.8 1.0");
  check_ticks (-35, 80, 4, NULL, "−50 0 50 100");
  check_ticks (0, 1e-6, 5, NULL, "0 0.0000002 0.0000004 0.0000006 0.0000008 0.0000010");
  check_ticks (0, 1e12, 5, "tokens", "0T 0.2T 0.4T 0.6T 0.8T 1.0T");
  check_ticks (0, 2.5, 5, "usd", "$0 $0.5 $1.0 $1.5 $2.0 $2.5");
  /* Nothing to show, or a flat line, still gets an axis. */
  check_ticks (NAN, NAN, 5, NULL, "0 0.2 0.4 0.6 0.8 1.0");
  check_ticks (0, 0, 5, NULL, "0 0.2 0.4 0.6 0.8 1.0");
  check_ticks (5, 5, 5, NULL, "4.5 5.0 5.5");
  check_ticks (-3, -3, 3, NULL, "−3.5 −3.0 −2.5");
}

static void
test_axis_steps (void)
{
  const double steps[] = { 1, 2, 5 };

  /* Every step is 1, 2 or 5 × 10^k, whatever the range. */
  for (double range = 1e-7; range < 1e13; range *= 3.7)
    {
      double step = tally_axis_nice_step (range, 5);
      double mantissa = step / pow (10, floor (log10 (step) + 1e-9));
      gboolean nice = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        nice |= fabs (mantissa - steps[i]) < 1e-6;
      g_assert_true (nice);
      g_assert_cmpfloat (range / step, <=, 5 + 1e-9);
    }
  g_assert_cmpfloat (tally_axis_nice_step (NAN, 5), ==, 1);
  g_assert_cmpfloat (tally_axis_nice_step (0, 5), ==, 1);
}

static void
test_axis_fixed_bounds (void)
{
  TallyAxisTicks ticks;

  tally_axis_compute (0.13, 0.87, 4, NULL, FALSE, FALSE, &ticks);
  g_assert_cmpfloat (ticks.min, ==, 0.13);
  g_assert_cmpfloat (ticks.max, ==, 0.87);
  g_assert_cmpuint (ticks.n_ticks, ==, 4);
  g_assert_cmpfloat_with_epsilon (ticks.ticks[0], 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks.ticks[3], 0.8, 1e-12);
}

static void
test_time_formats (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) plus2 = g_time_zone_new_offset (2 * 3600);
  gint64 t = 1763906709;   /* Sun Nov 23 2025, 14:05:09 UTC */
  struct
  {
    TallyTimeFormat format;
    gboolean        clock_12h;
    const char     *expected;
  } cases[] = {
    { TALLY_TIME_FORMAT_TIME, FALSE, "14:05" },
    { TALLY_TIME_FORMAT_TIME, TRUE, "2:05 PM" },
    { TALLY_TIME_FORMAT_TIME_SECONDS, FALSE, "14:05:09" },
    { TALLY_TIME_FORMAT_WEEKDAY_DAY, FALSE, "Sun 23" },
    { TALLY_TIME_FORMAT_MONTH_DAY, FALSE, "Nov 23" },
    { TALLY_TIME_FORMAT_MONTH, FALSE, "Nov" },
    { TALLY_TIME_FORMAT_YEAR, FALSE, "2025" },
    { TALLY_TIME_FORMAT_DATE, FALSE, "Nov 23, 2025" },
    { TALLY_TIME_FORMAT_DATE_TIME, FALSE, "Nov 23, 14:05" },
    { TALLY_TIME_FORMAT_FULL, FALSE, "Nov 23, 2025, 14:05:09" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tally_format_time (t, utc, cases[i].format, cases[i].clock_12h);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  /* The zone moves the clock, and the day. */
  {
    g_autofree char *there = tally_format_time (t + 9 * 3600, plus2, TALLY_TIME_FORMAT_DATE_TIME, FALSE);

    g_assert_cmpstr (there, ==, "Nov 24, 01:05");
  }
}

static void
test_time_span (void)
{
  struct
  {
    gint64      seconds;
    const char *expected;
  } cases[] = {
    { 30, "30 seconds" }, { 5400, "90 minutes" }, { 86400, "24 hours" },
    { 7 * 86400, "7 days" }, { 90 * 86400, "90 days" }, { -5, "0 seconds" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tally_format_span (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static char *
join_ticks (const TallyTimeTicks *ticks,
            gint64                from)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ticks->n_ticks; i++)
    g_string_append_printf (out, "%s%s@%" G_GINT64_FORMAT, i ? " " : "", ticks->labels[i],
                            ticks->ticks[i] - from);
  return g_string_free (out, FALSE);
}

static void
check_time_ticks (gint64      from,
                  gint64      to,
                  guint       max_ticks,
                  GTimeZone  *tz,
                  const char *expected)
{
  TallyTimeTicks ticks;
  g_autofree char *text = NULL;

  tally_time_ticks_compute (from, to, max_ticks, tz, FALSE, &ticks);
  text = join_ticks (&ticks, from);
  g_test_message ("%s", text);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (ticks.n_ticks, <=, max_ticks);
  for (guint i = 0; i < ticks.n_ticks; i++)
    {
      g_assert_cmpint (ticks.ticks[i], >=, from);
      g_assert_cmpint (ticks.ticks[i], <=, to);
    }
  tally_time_ticks_clear (&ticks);
}

static void
test_time_ticks (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) plus530 = g_time_zone_new_offset (5 * 3600 + 1800);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 day = 1763856000;   /* Sun Nov 23 2025, 00:00 UTC */

  check_time_ticks (day, day + 86400, 8, utc,
                    "Sun 23@0 06:00@21600 12:00@43200 18:00@64800 Mon 24@86400");
  check_time_ticks (day, day + 3600, 6, utc,
                    "Sun 23@0 00:15@900 00:30@1800 00:45@2700 01:00@3600");
  check_time_ticks (day, day + 120, 6, utc,
                    "Sun 23@0 00:00:30@30 00:01:00@60 00:01:30@90 00:02:00@120");
  check_time_ticks (day, day + 90 * 86400, 6, utc, "Dec@691200 Jan 2026@3369600 Feb@6048000");
  check_time_ticks (day, day + 3 * 365 * 86400, 6, utc, "2026@3369600 2027@34905600 2028@66441600");
  /* Ticks fall on the local hour in a zone half an hour off UTC. */
  check_time_ticks (day, day + 86400, 5, plus530,
                    "06:00@1800 12:00@23400 18:00@45000 Mon 24@66600");
  /* Berlin leaves summer time on Oct 26 2025: noon is 13 hours after
   * midnight that day, and the ticks stay on noon and midnight. */
  g_assert_nonnull (berlin);
  check_time_ticks (1761350400, 1761523200, 8, berlin,
                    "12:00@36000 Sun 26@79200 12:00@126000 Mon 27@169200");
}

static void
test_time_ticks_edges (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  TallyTimeTicks ticks;

  tally_time_ticks_compute (100, 50, 5, utc, FALSE, &ticks);
  g_assert_cmpuint (ticks.n_ticks, ==, 0);
  tally_time_ticks_compute (1763856000, 1763856000, 5, utc, FALSE, &ticks);
  g_assert_cmpuint (ticks.n_ticks, ==, 1);
  tally_time_ticks_clear (&ticks);
  /* A range of centuries still ends. */
  tally_time_ticks_compute (0, G_GINT64_CONSTANT (250000000000), 5, utc, FALSE, &ticks);
  g_assert_cmpuint (ticks.n_ticks, <=, 5);
  tally_time_ticks_clear (&ticks);
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-format/counts", test_format_counts);
  g_test_add_func ("/tally/chart-format/money", test_format_money);
  g_test_add_func ("/tally/chart-format/durations", test_format_durations);
  g_test_add_func ("/tally/chart-format/percent-and-rates", test_format_percent_and_rates);
  g_test_add_func ("/tally/chart-format/special", test_format_special);
  g_test_add_func ("/tally/chart-format/decimals", test_format_decimals);
  g_test_add_func ("/tally/chart-format/change", test_format_change);
  g_test_add_func ("/tally/chart-format/axis-ticks", test_axis_ticks);
  g_test_add_func ("/tally/chart-format/axis-steps", test_axis_steps);
  g_test_add_func ("/tally/chart-format/axis-fixed-bounds", test_axis_fixed_bounds);
  g_test_add_func ("/tally/chart-format/time-formats", test_time_formats);
  g_test_add_func ("/tally/chart-format/time-span", test_time_span);
  g_test_add_func ("/tally/chart-format/time-ticks", test_time_ticks);
  g_test_add_func ("/tally/chart-format/time-ticks-edges", test_time_ticks_edges);

  return g_test_run ();
}
