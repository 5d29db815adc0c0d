/* tally-forecast.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "tally-frame.h"
#include "tally-query.h"
#include "tally-store.h"
#include "tally-time-range.h"

G_BEGIN_DECLS

/* How many previous days the same-hour profile reads, and how many it
 * needs before it is used instead of a flat rate (docs/forecasts.md). */
#define TALLY_FORECAST_MAX_DAYS     28
#define TALLY_FORECAST_MIN_DAYS     7
#define TALLY_FORECAST_PEAK_DAYS    7

/**
 * TallyForecastHistory:
 * @hours: a metric's value per local hour: [0] today so far, [d] d days ago
 * @n_days: the previous days that are history: from the oldest day with
 *   any traffic (at most TALLY_FORECAST_MAX_DAYS ago) to yesterday
 * @hour: the local hour now is in
 * @hour_fraction: how much of that hour has passed, 0 to 1
 */
typedef struct
{
  double hours[TALLY_FORECAST_MAX_DAYS + 1][24];
  guint  n_days;
  guint  hour;
  double hour_fraction;
} TallyForecastHistory;

/**
 * TallyForecastDay:
 * @so_far: today until now
 * @projected: today's expected total
 * @confidence: 0 to 1: one minus the mean relative error the same method
 *   made at this hour on the previous days
 * @same_hour: whether the same-hour profile was used (else a flat rate)
 * @expected: per hour: what happened, and for the rest of the day what is
 *   expected, so that the hours add up to @projected
 */
typedef struct
{
  double   so_far;
  double   projected;
  double   confidence;
  gboolean same_hour;
  double   expected[24];
} TallyForecastDay;

void        tally_forecast_project_day   (const TallyForecastHistory *history,
                                          TallyForecastDay           *day);
double      tally_forecast_daily_pace    (const TallyForecastHistory *history,
                                          const TallyForecastDay     *day);
double      tally_forecast_month_total   (double                      month_so_far,
                                          const TallyForecastDay     *day,
                                          double                      pace,
                                          guint                       days_after_today);

gboolean    tally_forecast_read_budget   (double                     *monthly,
                                          GError                    **error);

gboolean    tally_forecast_check_query   (const TallyQuery           *query,
                                          GError                    **error);
TallyFrame *tally_forecast_query         (TallyStore                 *store,
                                          const TallyQuery           *query,
                                          const TallyTimeRange       *range,
                                          GCancellable               *cancellable,
                                          GError                    **error);

G_END_DECLS
