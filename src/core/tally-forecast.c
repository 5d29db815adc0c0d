/* tally-forecast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The arithmetic of forecasts, apart from the store so that tests can feed
 * it days of known shape: today's total from the share of a day that
 * previous days had reached by this hour, a flat rate while there is less
 * than a week of history, the month's total, and the monthly budget read
 * from limits.json. docs/forecasts.md is the prose of it. */

#include "config.h"

#include <math.h>

#include "tally-forecast.h"
#include "tally-limits.h"

/* Below this share of a day reached by now, dividing by it amplifies
 * noise too much: the rest of the day is the days' mean instead. */
#define MIN_SHARE 0.05

static double
day_total (const TallyForecastHistory *history,
           guint                       d)
{
  double total = 0;

  for (guint h = 0; h < 24; h++)
    total += history->hours[d][h];

  return total;
}

/* What day @d had reached by the time of day now is at. */
static double
day_before_now (const TallyForecastHistory *history,
                guint                       d)
{
  double before = history->hours[d][history->hour] * history->hour_fraction;

  for (guint h = 0; h < history->hour; h++)
    before += history->hours[d][h];

  return before;
}

static double
elapsed_share (const TallyForecastHistory *history)
{
  return (history->hour + history->hour_fraction) / 24.0;
}

/* The projection of a day that reached @before by now, where days reach
 * @share of their total by now and average @mean. */
static double
project (double before,
         double share,
         double mean)
{
  if (share >= MIN_SHARE)
    return before / share;

  return before + mean * (1 - share);
}

/* One minus the mean relative error of projecting each previous day from
 * the others (or from the flat rate). */
static double
backtest (const TallyForecastHistory *history,
          guint                       n_days,
          gboolean                    same_hour,
          double                      sum_before,
          double                      sum_total)
{
  double error = 0;
  guint n = 0;

  for (guint d = 1; d <= n_days; d++)
    {
      double total = day_total (history, d), before = day_before_now (history, d);
      double share, mean, guess;

      if (total <= 0)
        continue;
      share = same_hour ? (sum_total - total > 0 ? (sum_before - before) / (sum_total - total) : 0)
                        : elapsed_share (history);
      mean = n_days > 1 ? (sum_total - total) / (n_days - 1) : 0;
      guess = project (before, share, mean);
      error += MIN (fabs (guess - total) / total, 1.0);
      n++;
    }

  if (n == 0)
    return NAN;

  return CLAMP (1 - error / n, 0, 1);
}

/* Spreads what is still expected today over the rest of the day like the
 * previous days spread it (evenly without history). */
static void
spread_rest (const TallyForecastHistory *history,
             guint                       n_days,
             TallyForecastDay           *day)
{
  double weights[24] = { 0 }, sum = 0, rest = MAX (day->projected - day->so_far, 0);

  for (guint h = history->hour; h < 24; h++)
    {
      double part = h == history->hour ? 1 - history->hour_fraction : 1;

      for (guint d = 1; d <= n_days; d++)
        weights[h] += history->hours[d][h] * part;
      if (n_days == 0 || !day->same_hour)
        weights[h] = part;
      sum += weights[h];
    }

  for (guint h = 0; h < 24; h++)
    {
      day->expected[h] = history->hours[0][h];
      if (h >= history->hour && sum > 0)
        day->expected[h] += rest * weights[h] / sum;
    }
}

/**
 * tally_forecast_project_day:
 *
 * Today's projection. With at least TALLY_FORECAST_MIN_DAYS days of
 * history: today so far divided by the share of their total the previous
 * days (up to TALLY_FORECAST_MAX_DAYS) had reached by this time of day.
 * Before: today so far divided by the share of the day that has passed.
 */
void
tally_forecast_project_day (const TallyForecastHistory *history,
                            TallyForecastDay           *day)
{
  guint n_days = MIN (history->n_days, TALLY_FORECAST_MAX_DAYS);
  double sum_before = 0, sum_total = 0, share, confidence;

  g_return_if_fail (history->hour < 24);

  *day = (TallyForecastDay) { 0 };
  day->so_far = day_total (history, 0);
  for (guint d = 1; d <= n_days; d++)
    {
      sum_before += day_before_now (history, d);
      sum_total += day_total (history, d);
    }

  day->same_hour = n_days >= TALLY_FORECAST_MIN_DAYS && sum_total > 0;
  share = day->same_hour ? sum_before / sum_total : elapsed_share (history);
  day->projected = project (day->so_far, share, n_days > 0 ? sum_total / n_days : 0);

  confidence = backtest (history, n_days, day->same_hour, sum_before, sum_total);
  /* No history to test against: half the share of the day passed. */
  day->confidence = isnan (confidence) ? elapsed_share (history) / 2 : confidence;

  spread_rest (history, n_days, day);
}

/* What a whole day costs at the current pace: the mean of the last
 * TALLY_FORECAST_PEAK_DAYS days of history, or today's projection
 * without any. */
double
tally_forecast_daily_pace (const TallyForecastHistory *history,
                           const TallyForecastDay     *day)
{
  guint n = MIN (history->n_days, TALLY_FORECAST_PEAK_DAYS);
  double sum = 0;

  if (n == 0)
    return day->projected;

  for (guint d = 1; d <= n; d++)
    sum += day_total (history, d);

  return sum / n;
}

/* The month's total: what it had before today, today's projection, and
 * @pace for each day left after today. */
double
tally_forecast_month_total (double                  month_so_far,
                            const TallyForecastDay *day,
                            double                  pace,
                            guint                   days_after_today)
{
  return month_so_far - day->so_far + day->projected + pace * days_after_today;
}

/**
 * tally_forecast_read_budget:
 * @monthly: (out): USD, NAN when none is set
 *
 * The monthly budget of the local source as a whole, from limits.json
 * (tally_limits_load_default(), whose errors name the file and the key):
 * {"budget": {"monthly": N}} at its top level. No file means no budget.
 */
gboolean
tally_forecast_read_budget (double  *monthly,
                            GError **error)
{
  g_autoptr(TallyLimits) limits = tally_limits_load_default (error);

  *monthly = NAN;
  if (limits == NULL)
    return FALSE;
  for (guint i = 0; i < tally_limits_get_n (limits); i++)
    {
      const TallyLimit *limit = tally_limits_get (limits, i);

      if (limit->model == NULL && limit->api_key == NULL &&
          (limit->source == NULL || g_str_equal (limit->source, "local")))
        *monthly = limit->values[TALLY_LIMIT_MONTHLY_BUDGET];
    }

  return TRUE;
}
