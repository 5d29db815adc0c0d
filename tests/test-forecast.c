/* test-forecast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Forecasts over a real store filled with traffic of a known daily shape:
 * the projection at noon against the day's true total, the flat rate
 * before a week of history, the confidence through the day, the hourly
 * breakdown, peak hours, and month-end cost and budget runout dates
 * worked out by hand. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "tally-error.h"
#include "tally-forecast.h"
#include "tally-store.h"
#include "tally-test-utils.h"

#define HOUR 3600
#define DAY  86400

/* Requests per hour of a typical day: quiet nights, a busy afternoon. */
static const double day_shape[24] = {
  4, 3, 2, 2, 2, 3, 6, 12, 25, 40, 48, 52, 50, 55, 58, 54, 46, 38, 28, 20, 15, 10, 7, 5,
};

typedef struct
{
  char       *dir;
  TallyStore *store;
  gint64      today;          /* 00:00 UTC of the forecast's day */
  double      today_total;    /* requests the whole of today has */
  double      hours[40][24];  /* requests per day back and hour */
} Fixture;

static void
add_hour (GPtrArray *events,
          gint64     start,
          guint      count,
          double     cost)
{
  for (guint i = 0; i < count; i++)
    {
      TallyEvent *event = tally_event_new ();

      event->time_ms = (start * 1000) + (gint64) i * HOUR * 1000 / count;
      event->dims[TALLY_DIMENSION_MODEL] = g_strdup ("gpt-4o");
      event->input_tokens = 100;
      event->output_tokens = 50;
      event->cost = cost;
      g_ptr_array_add (events, event);
    }
}

static void
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = tally_test_make_tmp_dir ();
  db = g_build_filename (f->dir, "usage.db", NULL);
  f->store = tally_store_open (db, &error);
  g_assert_no_error (error);
}

static void
fixture_ingest (Fixture   *f,
                GPtrArray *events)
{
  g_autoptr(GError) error = NULL;

  tally_store_ingest (f->store, events, &error);
  g_assert_no_error (error);
  tally_store_flush (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_close (Fixture *f)
{
  tally_store_close (f->store);
  g_clear_object (&f->store);
  g_free (f->dir);
}

/* @days of history before today and all of today, of the shape, each day
 * scaled by a weekly rhythm and each hour by ±10 % noise. */
static void
fill_shaped (Fixture *f,
             guint    days)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* Three days back keeps every event inside the store's retention. */
  f->today = (g_date_time_to_unix (now) / DAY - 3) * DAY;
  for (int d = days; d >= 0; d--)
    {
      double rhythm = 1 + 0.08 * sin (d * 0.9);

      for (guint h = 0; h < 24; h++)
        {
          guint count = (guint) round (day_shape[h] * rhythm * g_rand_double_range (rand, 0.9, 1.1));

          f->hours[d][h] = count;
          if (d == 0)
            f->today_total += count;
          add_hour (events, f->today - d * DAY + h * HOUR, count, 0.001);
        }
    }
  fixture_ingest (f, events);
}

static TallyFrame *
forecast_in (Fixture         *f,
             TallyMetric      metric,
             TallyShape       shape,
             gint64           now,
             GTimeZone       *tz,
             GError         **error)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (now - DAY, now, now, tz);

  query->shape = shape;
  query->metric = metric;
  query->stat = TALLY_STAT_SUM;
  return tally_store_query (f->store, query, range, NULL, error);
}

static TallyFrame *
forecast (Fixture         *f,
          TallyMetric      metric,
          TallyShape       shape,
          gint64           now,
          GError         **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return forecast_in (f, metric, shape, now, utc, error);
}

static double
forecast_value (Fixture     *f,
                TallyMetric  metric,
                gint64       now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = forecast (f, metric, TALLY_SHAPE_SCALAR, now, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tally_frame_get_metric (frame), ==, tally_metric_to_string (metric));
  return tally_frame_get_value (frame);
}

/* At noon, two weeks of history: within 5 % of the day's true total; and
 * the confidence grows from morning to evening. */
static void
test_forecast_noon (void)
{
  Fixture f = { 0 };
  double projected, morning, noon, evening;

  fixture_open (&f);
  fill_shaped (&f, 14);

  projected = forecast_value (&f, TALLY_METRIC_FORECAST_REQUESTS, f.today + 12 * HOUR);
  g_test_message ("projected %.1f, true %.1f", projected, f.today_total);
  g_assert_cmpfloat (fabs (projected - f.today_total) / f.today_total, <, 0.05);
  /* The test can tell: a flat rate (twice the quiet morning) is far off. */
  {
    double morning_half = 0;

    for (guint h = 0; h < 12; h++)
      morning_half += f.hours[0][h];
    g_assert_cmpfloat (fabs (2 * morning_half - f.today_total) / f.today_total, >, 0.2);
  }

  morning = forecast_value (&f, TALLY_METRIC_FORECAST_CONFIDENCE, f.today + 6 * HOUR);
  noon = forecast_value (&f, TALLY_METRIC_FORECAST_CONFIDENCE, f.today + 12 * HOUR);
  evening = forecast_value (&f, TALLY_METRIC_FORECAST_CONFIDENCE, f.today + 20 * HOUR);
  g_test_message ("confidence %.3f %.3f %.3f", morning, noon, evening);
  g_assert_cmpfloat (morning, <, noon);
  g_assert_cmpfloat (noon, <, evening);
  g_assert_cmpfloat (evening, <=, 1);
  g_assert_cmpfloat (morning, >=, 0);

  /* Tokens and cost follow the requests: 150 tokens and $0.001 each. */
  g_assert_cmpfloat_with_epsilon (forecast_value (&f, TALLY_METRIC_FORECAST_TOKENS, f.today + 12 * HOUR),
                                  150 * projected, 1e-6 * projected);
  g_assert_cmpfloat_with_epsilon (forecast_value (&f, TALLY_METRIC_FORECAST_COST, f.today + 12 * HOUR),
                                  0.001 * projected, 1e-9 * projected);
  fixture_close (&f);
}

/* The same projection worked out here from the generated hours: the
 * share of their total the 14 previous days had reached by noon. */
static void
test_forecast_same_hour_by_hand (void)
{
  Fixture f = { 0 };
  double before = 0, total = 0, so_far = 0;

  fixture_open (&f);
  fill_shaped (&f, 14);
  for (guint d = 1; d <= 14; d++)
    for (guint h = 0; h < 24; h++)
      {
        total += f.hours[d][h];
        before += h < 12 ? f.hours[d][h] : 0;
      }
  for (guint h = 0; h < 12; h++)
    so_far += f.hours[0][h];

  g_assert_cmpfloat_with_epsilon (forecast_value (&f, TALLY_METRIC_FORECAST_REQUESTS,
                                                  f.today + 12 * HOUR),
                                  so_far * total / before, 1e-6);
  fixture_close (&f);
}

/* Three days of history: a flat rate, today so far over the share of the
 * day passed. */
static void
test_forecast_flat (void)
{
  Fixture f = { 0 };
  double so_far = 0;

  fixture_open (&f);
  fill_shaped (&f, 3);
  for (guint h = 0; h < 9; h++)
    so_far += f.hours[0][h];
  so_far += f.hours[0][9] / 2;

  /* 09:30: 9.5 hours of 24 */
  g_assert_cmpfloat_with_epsilon (forecast_value (&f, TALLY_METRIC_FORECAST_REQUESTS,
                                                  f.today + 9 * HOUR + 1800),
                                  so_far * 24 / 9.5, 1e-6);
  fixture_close (&f);
}

/* Today hour by hour: what happened until now, and a forecast whose hours
 * add up to the projection. */
static void
test_forecast_hourly (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = NULL;
  const gint64 *buckets;
  const double *actual, *expected;
  double sum = 0, projected;
  guint n;

  fixture_open (&f);
  fill_shaped (&f, 14);
  projected = forecast_value (&f, TALLY_METRIC_FORECAST_REQUESTS, f.today + 12 * HOUR);
  frame = forecast (&f, TALLY_METRIC_FORECAST_REQUESTS, TALLY_SHAPE_TIMESERIES,
                    f.today + 12 * HOUR, &error);
  g_assert_no_error (error);

  buckets = tally_frame_get_buckets (frame, &n);
  g_assert_cmpuint (n, ==, 24);
  g_assert_cmpint (buckets[0], ==, f.today);
  g_assert_cmpint (buckets[23], ==, f.today + 23 * HOUR);
  g_assert_cmpuint (tally_frame_get_n_series (frame), ==, 2);
  g_assert_cmpstr (tally_frame_get_series_name (frame, 0), ==, "actual");
  g_assert_cmpstr (tally_frame_get_series_name (frame, 1), ==, "forecast");
  actual = tally_frame_get_series_values (frame, 0);
  expected = tally_frame_get_series_values (frame, 1);
  for (guint h = 0; h < 24; h++)
    {
      if (h < 12)
        {
          g_assert_cmpfloat (actual[h], ==, f.hours[0][h]);
          g_assert_cmpfloat (expected[h], ==, f.hours[0][h]);
        }
      else if (h > 12)
        g_assert_true (isnan (actual[h]));
      sum += expected[h];
    }
  g_assert_cmpfloat_with_epsilon (sum, projected, 1e-6);
  /* The afternoon is expected busier than the night. */
  g_assert_cmpfloat (expected[14], >, 5 * expected[23]);
  fixture_close (&f);
}

/* A day of a daylight saving change in Berlin, i + 1 requests in its i-th
 * hour: the hourly forecast has the day's real hours, at their real
 * starts, and they add up to the day's requests. */
static void
check_change_day (int    month,
                  int    day,
                  gint64 midnight_utc,
                  guint  n_hours,
                  int    shift)
{
  Fixture f = { 0 };
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, 2026, month, day, 0, 0, 0);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyFrame) scalar = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 *buckets;
  const double *actual, *expected;
  double total = 0, sum = 0, expected_sum = 0;
  gint64 now;
  guint n;

  g_assert_nonnull (tz);
  g_assert_cmpint (g_date_time_to_unix (midnight), ==, midnight_utc);
  fixture_open (&f);
  tally_store_set_retention (f.store, 5000, 5000);
  for (guint i = 0; i < n_hours; i++)
    {
      add_hour (events, midnight_utc + i * HOUR, i + 1, 0.001);
      total += i + 1;
    }
  /* the next day's first request is not today's */
  add_hour (events, midnight_utc + n_hours * HOUR, 1, 0.001);
  fixture_ingest (&f, events);

  now = midnight_utc + n_hours * HOUR - 1;
  frame = forecast_in (&f, TALLY_METRIC_FORECAST_REQUESTS, TALLY_SHAPE_TIMESERIES, now, tz, &error);
  g_assert_no_error (error);
  scalar = forecast_in (&f, TALLY_METRIC_FORECAST_REQUESTS, TALLY_SHAPE_SCALAR, now, tz, &error);
  g_assert_no_error (error);

  buckets = tally_frame_get_buckets (frame, &n);
  g_assert_cmpuint (n, ==, n_hours);
  actual = tally_frame_get_series_values (frame, 0);
  expected = tally_frame_get_series_values (frame, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (buckets[i]);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

      g_assert_cmpint (buckets[i], ==, midnight_utc + i * HOUR);
      /* 0, 1, then 3, 4… (skipped) or 2, 2, 3… (repeated) */
      g_assert_cmpint (g_date_time_get_hour (local), ==, i < 2 ? (int) i : shift > 0 ? (int) i + 1
                                                                         : MAX (2, (int) i - 1));
      g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
      g_assert_cmpfloat (actual[i], ==, i + 1);
      sum += actual[i];
      expected_sum += expected[i];
    }
  g_assert_cmpfloat (sum, ==, total);
  g_assert_cmpfloat (tally_frame_get_value (scalar), >=, total);
  g_assert_cmpfloat_with_epsilon (expected_sum, tally_frame_get_value (scalar), 1e-6);
  fixture_close (&f);
}

/* 2026-03-29 has 23 hours (02:00 is skipped), 2026-10-25 has 25 (02:00
 * comes twice). */
static void
test_forecast_daylight_saving (void)
{
  check_change_day (3, 29, G_GINT64_CONSTANT (1774738800), 23, 1);
  check_change_day (10, 25, G_GINT64_CONSTANT (1792879200), 25, -1);
}

/* Peak hours: each hour's mean over the last seven days. */
static void
test_forecast_peak_hours (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = NULL;

  fixture_open (&f);
  fill_shaped (&f, 14);
  frame = forecast (&f, TALLY_METRIC_PEAK_HOURS, TALLY_SHAPE_CATEGORIES, f.today + 12 * HOUR,
                    &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tally_frame_get_n_categories (frame), ==, 24);
  for (guint h = 0; h < 24; h++)
    {
      g_autofree char *label = g_strdup_printf ("%02u:00", h);
      double mean = 0;

      for (guint d = 1; d <= 7; d++)
        mean += f.hours[d][h] / 7;
      g_assert_cmpstr (tally_frame_get_category_label (frame, h), ==, label);
      g_assert_cmpfloat_with_epsilon (tally_frame_get_category_value (frame, h), mean, 1e-9);
    }
  fixture_close (&f);
}

static void
write_budget (const char *json)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "tally", NULL);
  g_autofree char *path = g_build_filename (dir, "limits.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (json == NULL)
    {
      g_unlink (path);
      return;
    }
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
}

/* The budget runout with @json as limits.json fails with the file's path
 * and @message. */
static void
expect_budget_error (const char *json,
                     gint64      now,
                     Fixture    *f,
                     const char *message)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "tally", "limits.json", NULL);
  g_autofree char *expected = g_strconcat (path, message, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = NULL;

  write_budget (json);
  frame = forecast (f, TALLY_METRIC_BUDGET_RUNOUT, TALLY_SHAPE_SCALAR, now, &error);
  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

/* $0.50 every hour from the 10th of last month: on the 20th at noon the
 * month has cost 10 days × $12 + $6. */
static void
test_forecast_month (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  g_autoptr(GDateTime) real_now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) this_month = g_date_time_new_utc (g_date_time_get_year (real_now),
                                                         g_date_time_get_month (real_now),
                                                         1, 0, 0, 0);
  g_autoptr(GDateTime) last_month = g_date_time_add_months (this_month, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = NULL;
  Fixture f = { 0 };
  gint64 tenth = g_date_time_to_unix (last_month) + 9 * DAY;
  gint64 twentieth = g_date_time_to_unix (last_month) + 19 * DAY, noon = twentieth + 12 * HOUR;
  guint month_days = g_date_get_days_in_month (g_date_time_get_month (last_month),
                                               g_date_time_get_year (last_month));
  double month_total, runout;

  fixture_open (&f);
  for (gint64 t = tenth; t < noon + 12 * HOUR; t += HOUR)
    add_hour (events, t, 1, 0.5);
  fixture_ingest (&f, events);

  /* 120 + 6 so far, 6 more today, then $12 for each of the days after
   * the 20th. */
  month_total = 126 + 6 + 12.0 * (month_days - 20);
  g_assert_cmpfloat_with_epsilon (forecast_value (&f, TALLY_METRIC_FORECAST_MONTH_COST, noon),
                                  month_total, 1e-9);
  g_assert_cmpfloat_with_epsilon (forecast_value (&f, TALLY_METRIC_FORECAST_COST, noon), 12, 1e-9);

  /* No budget: no runout date. */
  write_budget (NULL);
  g_assert_true (isnan (forecast_value (&f, TALLY_METRIC_BUDGET_RUNOUT, noon)));

  /* $200: $74 left at noon, $6 of it today, then $68 at $12 a day from
   * the 21st: 5⅔ days. */
  write_budget ("{\"budget\": {\"monthly\": 200}}");
  runout = forecast_value (&f, TALLY_METRIC_BUDGET_RUNOUT, noon);
  g_assert_cmpfloat_with_epsilon (runout, twentieth + DAY + 68.0 / 12 * DAY, 1);

  /* $130: $4 left, reached at 20:00 today. */
  write_budget ("{\"budget\": {\"monthly\": 130}}");
  g_assert_cmpfloat_with_epsilon (forecast_value (&f, TALLY_METRIC_BUDGET_RUNOUT, noon),
                                  twentieth + 20 * HOUR, 1);

  /* $100: already spent, after 200 hours from the 10th. */
  write_budget ("{\"budget\": {\"monthly\": 100}}");
  g_assert_cmpfloat_with_epsilon (forecast_value (&f, TALLY_METRIC_BUDGET_RUNOUT, noon),
                                  tenth + 200 * HOUR, 1);

  /* More than the month will cost: it does not run out this month. */
  write_budget ("{\"budget\": {\"monthly\": 10000}}");
  g_assert_true (isnan (forecast_value (&f, TALLY_METRIC_BUDGET_RUNOUT, noon)));

  /* A broken limits.json is an error naming the file and the key, the
   * one limits.json's own reader gives. */
  expect_budget_error ("{\"budget\": {\"monthly\": \"lots\"}}", noon, &f, ": budget.monthly: must be a number");
  expect_budget_error ("{\"budget\": {\"monthly\": 0}}", noon, &f,
                       ": budget.monthly: must be a positive number (at most 10¹⁵)");
  /* An empty file is an error, not a warning. */
  expect_budget_error ("", noon, &f, ": limits: must be a JSON object");
  expect_budget_error ("{", noon, &f, " is not valid JSON: line 1, column 1: unexpected character `{', "
                       "expected string constant");
  write_budget (NULL);

  fixture_close (&f);
}

/* Shapes a forecast has not, a group-by, and stats other than sum. */
static void
test_forecast_refused (void)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (0, DAY, DAY, utc);
  Fixture f = { 0 };
  GError *error = NULL;

  fixture_open (&f);
  query->metric = TALLY_METRIC_FORECAST_COST;
  query->shape = TALLY_SHAPE_MATRIX;
  g_assert_true (tally_dimension_parse ("day_of_week", &query->rows, NULL));
  g_assert_true (tally_dimension_parse ("hour_of_day", &query->columns, NULL));
  g_assert_null (tally_store_query (f.store, query, range, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "forecast_cost has no matrix shape"));
  g_clear_error (&error);

  tally_dimension_clear (&query->rows);
  tally_dimension_clear (&query->columns);
  query->rows.kind = query->columns.kind = TALLY_N_DIMENSIONS;
  query->shape = TALLY_SHAPE_TIMESERIES;
  g_assert_true (tally_dimension_parse ("model", &query->group_by, NULL));
  g_assert_null (tally_store_query (f.store, query, range, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  tally_dimension_clear (&query->group_by);
  query->group_by.kind = TALLY_N_DIMENSIONS;
  query->shape = TALLY_SHAPE_SCALAR;
  query->stat = TALLY_STAT_AVG;
  g_assert_null (tally_store_query (f.store, query, range, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_clear_error (&error);

  /* An empty store: nothing so far, nothing expected. */
  query->stat = TALLY_STAT_SUM;
  {
    g_autoptr(TallyFrame) frame = tally_store_query (f.store, query, range, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (tally_frame_get_value (frame), ==, 0);
  }
  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/forecast/noon", test_forecast_noon);
  g_test_add_func ("/tally/forecast/same-hour-by-hand", test_forecast_same_hour_by_hand);
  g_test_add_func ("/tally/forecast/flat", test_forecast_flat);
  g_test_add_func ("/tally/forecast/hourly", test_forecast_hourly);
  g_test_add_func ("/tally/forecast/daylight-saving", test_forecast_daylight_saving);
  g_test_add_func ("/tally/forecast/peak-hours", test_forecast_peak_hours);
  g_test_add_func ("/tally/forecast/month", test_forecast_month);
  g_test_add_func ("/tally/forecast/refused", test_forecast_refused);

  return g_test_run ();
}
