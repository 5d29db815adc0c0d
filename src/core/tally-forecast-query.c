/* tally-forecast-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Forecast metrics as the local store answers them: reads the hourly
 * requests, tokens or cost of the last four weeks and of the month with
 * ordinary store queries (same filters), runs tally-forecast.c's
 * arithmetic and shapes the answer as a frame. Day and hour boundaries
 * are local to the range's time zone. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-error.h"
#include "tally-forecast.h"

#define HOUR_S 3600
/* A day has 23, 24 or 25 hours: daylight saving time starts or ends. */
#define MAX_HOURS 25

typedef struct
{
  GDateTime *now;
  GDateTime *today;
  GDateTime *tomorrow;
  GDateTime *month;
  GDateTime *next_month;
  GDate      today_date;
  guint      n_hours;                     /* today's */
  gint64     hour_starts[MAX_HOURS + 1];  /* today's hours, then tomorrow */
  guint      hour_of_day[MAX_HOURS];      /* each one's local hour */
  guint      now_index;                   /* the one now is in */
} Calendar;

typedef struct
{
  TallyForecastHistory history;
  TallyForecastDay     day;
  double               today[MAX_HOURS];    /* per hour of today, as it is */
  double               forecast[MAX_HOURS]; /* the same, expected */
  double               month_so_far;
  GArray              *month_hours;   /* Hour, from the month's start */
} Reading;

typedef struct
{
  gint64 time;
  double value;
} Hour;

/* Today's real hours: each an hour after the one before from local
 * midnight, so a local hour repeated or skipped is counted as it is. */
static void
calendar_init_hours (Calendar *cal)
{
  gint64 now = g_date_time_to_unix (cal->now);

  cal->n_hours = 0;
  while (cal->n_hours < MAX_HOURS)
    {
      g_autoptr(GDateTime) start = g_date_time_add_hours (cal->today, cal->n_hours);

      if (g_date_time_compare (start, cal->tomorrow) >= 0)
        break;
      cal->hour_starts[cal->n_hours] = g_date_time_to_unix (start);
      cal->hour_of_day[cal->n_hours] = g_date_time_get_hour (start);
      if (cal->hour_starts[cal->n_hours] <= now)
        cal->now_index = cal->n_hours;
      cal->n_hours++;
    }
  cal->hour_starts[cal->n_hours] = g_date_time_to_unix (cal->tomorrow);
}

static void
calendar_init (Calendar             *cal,
               const TallyTimeRange *range)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (range->now);
  int y, m, d;

  cal->now = g_date_time_to_timezone (utc, range->tz);
  g_date_time_get_ymd (cal->now, &y, &m, &d);
  cal->today = g_date_time_new (range->tz, y, m, d, 0, 0, 0);
  cal->tomorrow = g_date_time_add_days (cal->today, 1);
  cal->month = g_date_time_new (range->tz, y, m, 1, 0, 0, 0);
  cal->next_month = g_date_time_add_months (cal->month, 1);
  g_date_clear (&cal->today_date, 1);
  g_date_set_dmy (&cal->today_date, d, m, y);
  calendar_init_hours (cal);
}

static void
calendar_clear (Calendar *cal)
{
  g_clear_pointer (&cal->now, g_date_time_unref);
  g_clear_pointer (&cal->today, g_date_time_unref);
  g_clear_pointer (&cal->tomorrow, g_date_time_unref);
  g_clear_pointer (&cal->month, g_date_time_unref);
  g_clear_pointer (&cal->next_month, g_date_time_unref);
}

/* Days from the local day of @time to today: 0 today, 1 yesterday. */
static int
days_ago (const Calendar *cal,
          gint64          time,
          guint          *hour)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, g_date_time_get_timezone (cal->now));
  GDate date;
  int y, m, d;

  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  *hour = g_date_time_get_hour (local);

  return g_date_days_between (&date, &cal->today_date);
}

static TallyMetric
base_metric (TallyMetric metric)
{
  switch (metric)
    {
    case TALLY_METRIC_FORECAST_TOKENS:
      return TALLY_METRIC_TOKENS;
    case TALLY_METRIC_FORECAST_COST:
    case TALLY_METRIC_FORECAST_MONTH_COST:
    case TALLY_METRIC_BUDGET_RUNOUT:
      return TALLY_METRIC_COST;
    default:
      return TALLY_METRIC_REQUESTS;
    }
}

static void
add_hour (Reading        *reading,
          const Calendar *cal,
          gint64          time,
          double          value)
{
  guint hour;
  int ago = days_ago (cal, time, &hour);

  if (!isfinite (value))
    value = 0;
  if (time >= cal->hour_starts[0] && time < cal->hour_starts[cal->n_hours])
    reading->today[(time - cal->hour_starts[0]) / HOUR_S] += value;
  if (ago >= 0 && ago <= TALLY_FORECAST_MAX_DAYS)
    {
      reading->history.hours[ago][hour] += value;
      if (ago > 0 && value > 0)
        reading->history.n_days = MAX (reading->history.n_days, (guint) ago);
    }
  if (time >= g_date_time_to_unix (cal->month))
    {
      Hour h = { time, value };

      reading->month_so_far += value;
      g_array_append_val (reading->month_hours, h);
    }
}

/* Today's expected hours over its real hours: the hours passed as they
 * were, the others as expected for their hour of day. A local hour that
 * comes twice is expected twice, one skipped not at all; the projection
 * is their sum. */
static void
forecast_today (const Calendar *cal,
                Reading        *reading)
{
  const TallyForecastHistory *history = &reading->history;

  reading->day.projected = 0;
  for (guint i = 0; i < cal->n_hours; i++)
    {
      guint h = cal->hour_of_day[i];

      if (i < cal->now_index)
        reading->forecast[i] = reading->today[i];
      else if (i == cal->now_index)
        /* less what an earlier hour of the same local hour had */
        reading->forecast[i] = reading->day.expected[h] - (history->hours[0][h] - reading->today[i]);
      else
        reading->forecast[i] = reading->day.expected[h];
      reading->day.projected += reading->forecast[i];
    }
}

static gboolean
read_hours (TallyStore       *store,
            const TallyQuery *query,
            const Calendar   *cal,
            Reading          *reading,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(TallyQuery) hourly = tally_query_copy (query);
  g_autoptr(GDateTime) first = g_date_time_add_days (cal->today, -TALLY_FORECAST_MAX_DAYS);
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(TallyFrame) frame = NULL;
  const gint64 *buckets;
  const double *values;
  guint n;

  hourly->shape = TALLY_SHAPE_TIMESERIES;
  hourly->metric = base_metric (query->metric);
  hourly->stat = TALLY_STAT_SUM;
  hourly->interval_s = HOUR_S;
  range = tally_time_range_new (MIN (g_date_time_to_unix (first), g_date_time_to_unix (cal->month)),
                                g_date_time_to_unix (cal->now), g_date_time_to_unix (cal->now),
                                g_date_time_get_timezone (cal->now));

  frame = tally_store_query (store, hourly, range, cancellable, error);
  if (frame == NULL)
    return FALSE;

  buckets = tally_frame_get_buckets (frame, &n);
  values = tally_frame_get_n_series (frame) > 0 ? tally_frame_get_series_values (frame, 0) : NULL;
  for (guint i = 0; values != NULL && i < n; i++)
    add_hour (reading, cal, buckets[i], values[i]);

  reading->history.hour = g_date_time_get_hour (cal->now);
  reading->history.hour_fraction = (g_date_time_get_minute (cal->now) * 60 +
                                    g_date_time_get_second (cal->now)) / (double) HOUR_S;
  tally_forecast_project_day (&reading->history, &reading->day);
  forecast_today (cal, reading);

  return TRUE;
}

/* When the month's spending reaches @budget: looking back if it already
 * has, else forward at today's expected hours, then at @pace a day. NAN
 * when it does not this month. */
static double
budget_runout (const Calendar *cal,
               const Reading  *reading,
               double          budget,
               double          pace)
{
  double spent = 0, left;

  if (isnan (budget))
    return NAN;

  if (reading->month_so_far >= budget)
    {
      for (guint i = 0; i < reading->month_hours->len; i++)
        {
          const Hour *h = &g_array_index (reading->month_hours, Hour, i);

          if (h->value > 0 && spent + h->value >= budget)
            return h->time + HOUR_S * MAX (budget - spent, 0) / h->value;
          spent += h->value;
        }
      return g_date_time_to_unix (cal->month);
    }

  left = budget - reading->month_so_far;
  for (guint i = cal->now_index; i < cal->n_hours; i++)
    {
      double part = reading->forecast[i] - reading->today[i];
      double start = i == cal->now_index ? g_date_time_to_unix (cal->now) : cal->hour_starts[i];
      double length = cal->hour_starts[i + 1] - start;

      if (part > 0 && part >= left)
        return start + length * left / part;
      left -= MAX (part, 0);
    }

  if (pace <= 0)
    return NAN;

  {
    double when = g_date_time_to_unix (cal->tomorrow) + left / pace * 86400;

    return when < g_date_time_to_unix (cal->next_month) ? when : NAN;
  }
}

static guint
days_after_today (const Calendar *cal)
{
  gint64 span = g_date_time_to_unix (cal->next_month) - g_date_time_to_unix (cal->tomorrow);

  /* rounded: a day of a daylight saving change is 23 or 25 hours */
  return (span + 43200) / 86400;
}

static TallyFrame *
scalar_frame (const TallyQuery *query,
              const Calendar   *cal,
              const Reading    *reading,
              GError          **error)
{
  const char *name = tally_metric_to_string (query->metric);
  const char *unit = tally_metric_get_unit (query->metric, TALLY_STAT_SUM);
  double pace = tally_forecast_daily_pace (&reading->history, &reading->day);
  double yesterday = NAN, value, budget;

  if (reading->history.n_days > 0)
    {
      yesterday = 0;
      for (guint h = 0; h < 24; h++)
        yesterday += reading->history.hours[1][h];
    }

  switch (query->metric)
    {
    case TALLY_METRIC_FORECAST_CONFIDENCE:
      return tally_frame_new_scalar (name, "sum", unit, reading->day.confidence, NAN);
    case TALLY_METRIC_FORECAST_MONTH_COST:
      value = tally_forecast_month_total (reading->month_so_far, &reading->day, pace,
                                          days_after_today (cal));
      return tally_frame_new_scalar (name, "sum", unit, value, NAN);
    case TALLY_METRIC_BUDGET_RUNOUT:
      if (!tally_forecast_read_budget (&budget, error))
        return NULL;
      return tally_frame_new_scalar (name, "sum", unit, budget_runout (cal, reading, budget, pace),
                                     NAN);
    default:
      return tally_frame_new_scalar (name, "sum", unit, reading->day.projected, yesterday);
    }
}

/* Today hour by hour, at its real hour starts (23 to 25 of them): what
 * happened, and what is expected. */
static TallyFrame *
hourly_frame (const TallyQuery *query,
              const Calendar   *cal,
              const Reading    *reading)
{
  double actual[MAX_HOURS];
  TallyFrame *frame;

  for (guint i = 0; i < cal->n_hours; i++)
    actual[i] = i <= cal->now_index ? reading->today[i] : NAN;

  frame = tally_frame_new_timeseries (tally_metric_to_string (query->metric), "sum",
                                      tally_metric_get_unit (query->metric, TALLY_STAT_SUM),
                                      HOUR_S, cal->hour_starts, cal->n_hours);
  tally_frame_add_series (frame, "actual", actual);
  tally_frame_add_series (frame, "forecast", reading->forecast);

  return frame;
}

/* The mean of each hour of day over the last TALLY_FORECAST_PEAK_DAYS
 * days (yesterday back). */
static TallyFrame *
peak_frame (const TallyQuery *query,
            const Reading    *reading)
{
  guint n = MIN (reading->history.n_days, TALLY_FORECAST_PEAK_DAYS);
  TallyFrame *frame = tally_frame_new_categories (tally_metric_to_string (query->metric), "sum",
                                                  tally_metric_get_unit (query->metric,
                                                                         TALLY_STAT_SUM));

  for (guint h = 0; h < 24; h++)
    {
      g_autofree char *label = g_strdup_printf ("%02u:00", h);
      double sum = 0;

      for (guint d = 1; d <= n; d++)
        sum += reading->history.hours[d][h];
      tally_frame_add_category (frame, label, n > 0 ? sum / n : NAN);
    }

  return frame;
}

static gboolean
has_shape (TallyMetric metric,
           TallyShape  shape)
{
  switch (metric)
    {
    case TALLY_METRIC_FORECAST_REQUESTS:
    case TALLY_METRIC_FORECAST_TOKENS:
    case TALLY_METRIC_FORECAST_COST:
      return shape == TALLY_SHAPE_SCALAR || shape == TALLY_SHAPE_TIMESERIES;
    case TALLY_METRIC_PEAK_HOURS:
      return shape == TALLY_SHAPE_CATEGORIES;
    default:
      return shape == TALLY_SHAPE_SCALAR;
    }
}

/* Whether the local store can answer @query, a forecast metric: only in
 * its shapes, and without a group-by. */
gboolean
tally_forecast_check_query (const TallyQuery  *query,
                            GError           **error)
{
  if (!has_shape (query->metric, query->shape))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("The forecast %s has no %s shape (docs/forecasts.md)"),
                   tally_metric_to_string (query->metric), tally_shape_to_string (query->shape));
      return FALSE;
    }
  if (tally_query_has_group_by (query))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("The forecast %s cannot be grouped"), tally_metric_to_string (query->metric));
      return FALSE;
    }

  return TRUE;
}

/**
 * tally_forecast_query:
 *
 * Answers a query of a forecast metric from @store, at @range's now and
 * in its time zone; the range's start and end do not matter.
 */
TallyFrame *
tally_forecast_query (TallyStore            *store,
                      const TallyQuery      *query,
                      const TallyTimeRange  *range,
                      GCancellable          *cancellable,
                      GError               **error)
{
  Calendar cal;
  Reading reading = { 0 };
  TallyFrame *frame = NULL;

  g_return_val_if_fail (tally_metric_get_kind (query->metric) == TALLY_METRIC_KIND_FORECAST, NULL);

  if (!tally_forecast_check_query (query, error))
    return NULL;

  calendar_init (&cal, range);
  reading.month_hours = g_array_new (FALSE, FALSE, sizeof (Hour));
  if (read_hours (store, query, &cal, &reading, cancellable, error))
    {
      if (query->shape == TALLY_SHAPE_SCALAR)
        frame = scalar_frame (query, &cal, &reading, error);
      else if (query->shape == TALLY_SHAPE_TIMESERIES)
        frame = hourly_frame (query, &cal, &reading);
      else
        frame = peak_frame (query, &reading);
    }

  g_array_unref (reading.month_hours);
  calendar_clear (&cal);

  return frame;
}
