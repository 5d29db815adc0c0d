/* tally-metric.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TALLY_METRIC_REQUESTS,
  TALLY_METRIC_ERRORS,
  TALLY_METRIC_ERROR_RATE,
  TALLY_METRIC_RATE_LIMITED,
  TALLY_METRIC_RATE_LIMIT_RATE,
  TALLY_METRIC_INPUT_TOKENS,
  TALLY_METRIC_OUTPUT_TOKENS,
  TALLY_METRIC_CACHED_TOKENS,
  TALLY_METRIC_TOKENS,
  TALLY_METRIC_COST,
  TALLY_METRIC_COST_PER_REQUEST,
  TALLY_METRIC_TOKENS_PER_DOLLAR,
  TALLY_METRIC_LATENCY,
  TALLY_METRIC_TTFT,
  TALLY_METRIC_QUEUE_TIME,
  TALLY_METRIC_RTF,
  TALLY_METRIC_CONCURRENCY,
  /* forecasts */
  TALLY_METRIC_UNPRICED_REQUESTS,
  TALLY_METRIC_FORECAST_REQUESTS,
  TALLY_METRIC_FORECAST_TOKENS,
  TALLY_METRIC_FORECAST_COST,
  TALLY_METRIC_FORECAST_CONFIDENCE,
  TALLY_METRIC_FORECAST_MONTH_COST,
  TALLY_METRIC_BUDGET_RUNOUT,
  TALLY_METRIC_PEAK_HOURS,
  /* limits */
  TALLY_METRIC_RPM_UTILIZATION,
  TALLY_METRIC_TPM_UTILIZATION,
  TALLY_METRIC_RPD_UTILIZATION,
  TALLY_METRIC_BUDGET_UTILIZATION,
  TALLY_N_METRICS
} TallyMetric;

/* The metrics the store computes from events, in TallyMetric's order: the
 * limits block after them is derived from these and from limits.json. */
#define TALLY_N_EVENT_METRICS (TALLY_METRIC_CONCURRENCY + 1)

/* How a metric aggregates; it decides which stats it has (docs/queries.md). */
typedef enum
{
  /* events matching a condition: requests, errors, rate_limited */
  TALLY_METRIC_KIND_COUNT,
  /* an additive amount per event: tokens, cost */
  TALLY_METRIC_KIND_AMOUNT,
  /* one sum over another: error_rate, cost_per_request, … */
  TALLY_METRIC_KIND_RATIO,
  /* a measured value per event, kept in sketches: latency, ttft, … */
  TALLY_METRIC_KIND_DURATION,
  /* requests in flight over time */
  TALLY_METRIC_KIND_CONCURRENCY,
  /* a projection from the traffic so far: forecast_cost, budget_runout, …
   * (docs/forecasts.md); only the local store answers them */
  TALLY_METRIC_KIND_FORECAST,
} TallyMetricKind;

typedef enum
{
  TALLY_STAT_SUM,
  TALLY_STAT_COUNT,
  TALLY_STAT_RATE,
  TALLY_STAT_AVG,
  TALLY_STAT_MIN,
  TALLY_STAT_MAX,
  TALLY_STAT_P50,
  TALLY_STAT_P90,
  TALLY_STAT_P95,
  TALLY_STAT_P99,
  TALLY_N_STATS
} TallyStat;

/* Whether a rise of the metric is good news, bad news or neither; the stat
 * card colours its change with it. */
typedef enum
{
  TALLY_TREND_NEUTRAL,
  TALLY_TREND_UP_IS_GOOD,
  TALLY_TREND_UP_IS_BAD,
} TallyTrend;

typedef enum
{
  TALLY_DIMENSION_MODEL,
  TALLY_DIMENSION_PROVIDER,
  TALLY_DIMENSION_PROJECT,
  TALLY_DIMENSION_API_KEY,
  TALLY_DIMENSION_USER,
  TALLY_DIMENSION_SERVICE,
  TALLY_DIMENSION_LANGUAGE,
  TALLY_DIMENSION_OPERATION,
  TALLY_DIMENSION_STATUS,
  TALLY_DIMENSION_STATUS_CLASS,
  TALLY_DIMENSION_ERROR,
  /* label.<key>: the key is carried beside the kind */
  TALLY_DIMENSION_LABEL,
  /* heatmap axes only: not for filters or group-by */
  TALLY_DIMENSION_HOUR_OF_DAY,
  TALLY_DIMENSION_DAY_OF_WEEK,
  TALLY_DIMENSION_LATENCY_BUCKET,
  TALLY_DIMENSION_TIME,
  TALLY_N_DIMENSIONS
} TallyDimensionKind;

/* The dimensions an event carries as strings, in TallyEvent's order. */
#define TALLY_N_EVENT_DIMENSIONS (TALLY_DIMENSION_ERROR + 1)

typedef struct
{
  TallyDimensionKind  kind;
  /* the label key for TALLY_DIMENSION_LABEL, else NULL */
  char               *label;
} TallyDimension;

const char      *tally_metric_to_string        (TallyMetric      metric);
gboolean         tally_metric_from_string      (const char      *name,
                                                TallyMetric     *metric);
TallyMetricKind  tally_metric_get_kind         (TallyMetric      metric);
const char      *tally_metric_get_unit         (TallyMetric      metric,
                                                TallyStat        stat);
const char      *tally_metric_get_title        (TallyMetric      metric);
TallyTrend       tally_metric_get_trend        (TallyMetric      metric);
gboolean         tally_metric_is_utilization   (TallyMetric      metric);
gboolean         tally_metric_has_stat         (TallyMetric      metric,
                                                TallyStat        stat);
gboolean         tally_metric_stat_is_per_minute (TallyMetric    metric,
                                                TallyStat        stat);
gboolean         tally_metric_stat_is_whole    (TallyMetric      metric,
                                                TallyStat        stat);
gboolean         tally_metric_check_stat       (TallyMetric      metric,
                                                TallyStat        stat,
                                                GError         **error);

const char      *tally_stat_to_string          (TallyStat        stat);
gboolean         tally_stat_from_string        (const char      *name,
                                                TallyStat       *stat);
gboolean         tally_stat_is_percentile      (TallyStat        stat);
double           tally_stat_get_quantile       (TallyStat        stat);
const char      *tally_stat_get_title          (TallyStat        stat);

gboolean         tally_dimension_parse         (const char      *name,
                                                TallyDimension  *dimension,
                                                GError         **error);
char            *tally_dimension_to_string     (const TallyDimension *dimension);
void             tally_dimension_clear         (TallyDimension  *dimension);
gboolean         tally_dimension_is_groupable  (TallyDimensionKind kind);
const char      *tally_dimension_kind_to_string (TallyDimensionKind kind);
const char      *tally_dimension_get_title     (TallyDimensionKind kind);

const char      *tally_status_class            (int              status,
                                                gboolean         has_status,
                                                const char      *error);

G_END_DECLS
