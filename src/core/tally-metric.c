/* tally-metric.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The catalogue of what can be asked: metrics, stats and dimensions, their
 * names in JSON and on the command line, their units, and which stat makes
 * sense for which metric. docs/queries.md is the prose of this table. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-metric.h"

typedef struct
{
  const char      *name;
  const char      *title;
  TallyMetricKind  kind;
  const char      *unit;
  TallyTrend       trend;
} MetricInfo;

static const MetricInfo metrics[TALLY_N_METRICS] = {
  [TALLY_METRIC_REQUESTS] = { "requests", N_("Requests"), TALLY_METRIC_KIND_COUNT, "requests", TALLY_TREND_NEUTRAL },
  [TALLY_METRIC_ERRORS] = { "errors", N_("Errors"), TALLY_METRIC_KIND_COUNT, "requests", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_ERROR_RATE] = { "error_rate", N_("Error rate"), TALLY_METRIC_KIND_RATIO, "percent", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_RATE_LIMITED] = { "rate_limited", N_("Rate-limited requests"), TALLY_METRIC_KIND_COUNT, "requests", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_RATE_LIMIT_RATE] = { "rate_limit_rate", N_("Rate-limit rate"), TALLY_METRIC_KIND_RATIO, "percent", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_INPUT_TOKENS] = { "input_tokens", N_("Input tokens"), TALLY_METRIC_KIND_AMOUNT, "tokens", TALLY_TREND_NEUTRAL },
  [TALLY_METRIC_OUTPUT_TOKENS] = { "output_tokens", N_("Output tokens"), TALLY_METRIC_KIND_AMOUNT, "tokens", TALLY_TREND_NEUTRAL },
  [TALLY_METRIC_CACHED_TOKENS] = { "cached_tokens", N_("Cached tokens"), TALLY_METRIC_KIND_AMOUNT, "tokens", TALLY_TREND_UP_IS_GOOD },
  [TALLY_METRIC_TOKENS] = { "tokens", N_("Tokens"), TALLY_METRIC_KIND_AMOUNT, "tokens", TALLY_TREND_NEUTRAL },
  [TALLY_METRIC_COST] = { "cost", N_("Cost"), TALLY_METRIC_KIND_AMOUNT, "usd", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_COST_PER_REQUEST] = { "cost_per_request", N_("Cost per request"), TALLY_METRIC_KIND_RATIO, "usd", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_TOKENS_PER_DOLLAR] = { "tokens_per_dollar", N_("Tokens per dollar"), TALLY_METRIC_KIND_RATIO, "tokens/usd", TALLY_TREND_UP_IS_GOOD },
  [TALLY_METRIC_LATENCY] = { "latency", N_("Latency"), TALLY_METRIC_KIND_DURATION, "ms", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_TTFT] = { "ttft", N_("Time to first token"), TALLY_METRIC_KIND_DURATION, "ms", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_QUEUE_TIME] = { "queue_time", N_("Queue time"), TALLY_METRIC_KIND_DURATION, "ms", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_RTF] = { "rtf", N_("Real-time factor"), TALLY_METRIC_KIND_DURATION, "x", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_CONCURRENCY] = { "concurrency", N_("Concurrency"), TALLY_METRIC_KIND_CONCURRENCY, "requests", TALLY_TREND_NEUTRAL },
  /* forecasts */
  [TALLY_METRIC_UNPRICED_REQUESTS] = { "unpriced_requests", N_("Requests with price unknown"), TALLY_METRIC_KIND_COUNT, "requests", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_FORECAST_REQUESTS] = { "forecast_requests", N_("Requests expected today"), TALLY_METRIC_KIND_FORECAST, "requests", TALLY_TREND_NEUTRAL },
  [TALLY_METRIC_FORECAST_TOKENS] = { "forecast_tokens", N_("Tokens expected today"), TALLY_METRIC_KIND_FORECAST, "tokens", TALLY_TREND_NEUTRAL },
  [TALLY_METRIC_FORECAST_COST] = { "forecast_cost", N_("Cost expected today"), TALLY_METRIC_KIND_FORECAST, "usd", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_FORECAST_CONFIDENCE] = { "forecast_confidence", N_("Forecast confidence"), TALLY_METRIC_KIND_FORECAST, "percent", TALLY_TREND_UP_IS_GOOD },
  [TALLY_METRIC_FORECAST_MONTH_COST] = { "forecast_month_cost", N_("Cost expected this month"), TALLY_METRIC_KIND_FORECAST, "usd", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_BUDGET_RUNOUT] = { "budget_runout", N_("Budget runs out"), TALLY_METRIC_KIND_FORECAST, "time", TALLY_TREND_UP_IS_GOOD },
  [TALLY_METRIC_PEAK_HOURS] = { "peak_hours", N_("Requests by hour of day"), TALLY_METRIC_KIND_FORECAST, "requests", TALLY_TREND_NEUTRAL },
  /* limits: usage over the limits of limits.json, answered by the local source */
  [TALLY_METRIC_RPM_UTILIZATION] = { "rpm_utilization", N_("Requests per minute, of the limit"), TALLY_METRIC_KIND_RATIO, "percent", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_TPM_UTILIZATION] = { "tpm_utilization", N_("Tokens per minute, of the limit"), TALLY_METRIC_KIND_RATIO, "percent", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_RPD_UTILIZATION] = { "rpd_utilization", N_("Requests today, of the limit"), TALLY_METRIC_KIND_RATIO, "percent", TALLY_TREND_UP_IS_BAD },
  [TALLY_METRIC_BUDGET_UTILIZATION] = { "budget_utilization", N_("Budget used"), TALLY_METRIC_KIND_RATIO, "percent", TALLY_TREND_UP_IS_BAD },
};

typedef struct
{
  const char *name;
  const char *title;
  double      quantile;
} StatInfo;

static const StatInfo stats[TALLY_N_STATS] = {
  [TALLY_STAT_SUM] = { "sum", N_("Total"), NAN },
  [TALLY_STAT_COUNT] = { "count", N_("Count"), NAN },
  [TALLY_STAT_RATE] = { "rate", N_("Per minute"), NAN },
  [TALLY_STAT_AVG] = { "avg", N_("Average"), NAN },
  [TALLY_STAT_MIN] = { "min", N_("Minimum"), NAN },
  [TALLY_STAT_MAX] = { "max", N_("Maximum"), NAN },
  [TALLY_STAT_P50] = { "p50", N_("Median"), 0.50 },
  [TALLY_STAT_P90] = { "p90", N_("P90"), 0.90 },
  [TALLY_STAT_P95] = { "p95", N_("P95"), 0.95 },
  [TALLY_STAT_P99] = { "p99", N_("P99"), 0.99 },
};

/* Which stats each kind has. COUNT: sum/count/rate are totals, the others
 * run over per-minute counts. AMOUNT: per-event min/max/avg but no
 * percentiles (no sketch is kept for amounts). RATIO and CONCURRENCY: avg
 * over the whole bucket, min/max/percentiles over per-minute values.
 * DURATION: everything but rate. FORECAST: sum, the projection itself. */
#define ALL_STATS ((1u << TALLY_N_STATS) - 1)
#define STAT_BIT(s) (1u << (s))
#define PERCENTILE_BITS (STAT_BIT (TALLY_STAT_P50) | STAT_BIT (TALLY_STAT_P90) | \
                         STAT_BIT (TALLY_STAT_P95) | STAT_BIT (TALLY_STAT_P99))

static const guint kind_stats[] = {
  [TALLY_METRIC_KIND_COUNT] = ALL_STATS,
  [TALLY_METRIC_KIND_AMOUNT] = ALL_STATS & ~PERCENTILE_BITS,
  [TALLY_METRIC_KIND_RATIO] = STAT_BIT (TALLY_STAT_AVG) | STAT_BIT (TALLY_STAT_MIN) |
                              STAT_BIT (TALLY_STAT_MAX) | PERCENTILE_BITS,
  [TALLY_METRIC_KIND_DURATION] = ALL_STATS & ~STAT_BIT (TALLY_STAT_RATE),
  [TALLY_METRIC_KIND_CONCURRENCY] = STAT_BIT (TALLY_STAT_AVG) | STAT_BIT (TALLY_STAT_MIN) |
                                    STAT_BIT (TALLY_STAT_MAX) | PERCENTILE_BITS,
  [TALLY_METRIC_KIND_FORECAST] = STAT_BIT (TALLY_STAT_SUM),
};

static const struct
{
  const char *name;
  const char *title;
  gboolean    groupable;
} dimensions[TALLY_N_DIMENSIONS] = {
  [TALLY_DIMENSION_MODEL] = { "model", N_("Model"), TRUE },
  [TALLY_DIMENSION_PROVIDER] = { "provider", N_("Provider"), TRUE },
  [TALLY_DIMENSION_PROJECT] = { "project", N_("Project"), TRUE },
  [TALLY_DIMENSION_API_KEY] = { "api_key", N_("API key"), TRUE },
  [TALLY_DIMENSION_USER] = { "user", N_("User"), TRUE },
  [TALLY_DIMENSION_SERVICE] = { "service", N_("Service"), TRUE },
  [TALLY_DIMENSION_LANGUAGE] = { "language", N_("Language"), TRUE },
  [TALLY_DIMENSION_OPERATION] = { "operation", N_("Operation"), TRUE },
  [TALLY_DIMENSION_STATUS] = { "status", N_("Status"), TRUE },
  [TALLY_DIMENSION_STATUS_CLASS] = { "status_class", N_("Status class"), TRUE },
  [TALLY_DIMENSION_ERROR] = { "error", N_("Error"), TRUE },
  [TALLY_DIMENSION_LABEL] = { "label", N_("Label"), TRUE },
  [TALLY_DIMENSION_HOUR_OF_DAY] = { "hour_of_day", N_("Hour of day"), FALSE },
  [TALLY_DIMENSION_DAY_OF_WEEK] = { "day_of_week", N_("Day of week"), FALSE },
  [TALLY_DIMENSION_LATENCY_BUCKET] = { "latency_bucket", N_("Latency"), FALSE },
  [TALLY_DIMENSION_TIME] = { "time", N_("Time"), FALSE },
};

const char *
tally_metric_to_string (TallyMetric metric)
{
  g_return_val_if_fail (metric < TALLY_N_METRICS, NULL);

  return metrics[metric].name;
}

gboolean
tally_metric_from_string (const char  *name,
                          TallyMetric *metric)
{
  for (guint i = 0; name != NULL && i < TALLY_N_METRICS; i++)
    {
      if (g_str_equal (name, metrics[i].name))
        {
          *metric = i;
          return TRUE;
        }
    }

  return FALSE;
}

TallyMetricKind
tally_metric_get_kind (TallyMetric metric)
{
  g_return_val_if_fail (metric < TALLY_N_METRICS, TALLY_METRIC_KIND_COUNT);

  return metrics[metric].kind;
}

/* The unit of the values a metric gives under a stat: a rate of requests
 * is "requests/min", a count of latency samples is "requests". */
const char *
tally_metric_get_unit (TallyMetric metric,
                       TallyStat   stat)
{
  g_return_val_if_fail (metric < TALLY_N_METRICS, NULL);

  if (stat == TALLY_STAT_RATE)
    {
      if (g_str_equal (metrics[metric].unit, "requests"))
        return "requests/min";
      if (g_str_equal (metrics[metric].unit, "tokens"))
        return "tokens/min";
      if (g_str_equal (metrics[metric].unit, "usd"))
        return "usd/min";
    }
  if (stat == TALLY_STAT_COUNT)
    return "requests";

  return metrics[metric].unit;
}

const char *
tally_metric_get_title (TallyMetric metric)
{
  g_return_val_if_fail (metric < TALLY_N_METRICS, NULL);

  return _(metrics[metric].title);
}

TallyTrend
tally_metric_get_trend (TallyMetric metric)
{
  g_return_val_if_fail (metric < TALLY_N_METRICS, TALLY_TREND_NEUTRAL);

  return metrics[metric].trend;
}

/* Whether @metric is usage over a limit of limits.json (docs/alerts.md). */
gboolean
tally_metric_is_utilization (TallyMetric metric)
{
  return metric >= TALLY_METRIC_RPM_UTILIZATION && metric <= TALLY_METRIC_BUDGET_UTILIZATION;
}

gboolean
tally_metric_has_stat (TallyMetric metric,
                       TallyStat   stat)
{
  if (metric >= TALLY_N_METRICS || stat >= TALLY_N_STATS)
    return FALSE;
  /* the current utilisation (avg) and the peak over the range (max) */
  if (tally_metric_is_utilization (metric))
    return stat == TALLY_STAT_AVG || stat == TALLY_STAT_MAX;

  return (kind_stats[metrics[metric].kind] & STAT_BIT (stat)) != 0;
}

/* Whether the stat runs over the metric's per-minute values (the minimum
 * of requests per minute, the P95 of the per-minute error rate) rather
 * than over events: min, max and percentiles of counts, ratios and
 * concurrency. */
gboolean
tally_metric_stat_is_per_minute (TallyMetric metric,
                                 TallyStat   stat)
{
  TallyMetricKind kind = tally_metric_get_kind (metric);

  if (kind != TALLY_METRIC_KIND_COUNT && kind != TALLY_METRIC_KIND_RATIO &&
      kind != TALLY_METRIC_KIND_CONCURRENCY)
    return FALSE;

  return stat == TALLY_STAT_MIN || stat == TALLY_STAT_MAX || tally_stat_is_percentile (stat);
}

/* Whether every value of @metric under @stat is a whole number: numbers
 * of events, their per-minute counts (percentiles are nearest-rank
 * values), and sums or extremes of tokens. */
gboolean
tally_metric_stat_is_whole (TallyMetric metric,
                            TallyStat   stat)
{
  TallyMetricKind kind = tally_metric_get_kind (metric);

  if (stat == TALLY_STAT_COUNT)
    return TRUE;
  if (kind == TALLY_METRIC_KIND_COUNT)
    return stat != TALLY_STAT_AVG && stat != TALLY_STAT_RATE;
  if (kind == TALLY_METRIC_KIND_AMOUNT && metric != TALLY_METRIC_COST)
    return stat == TALLY_STAT_SUM || stat == TALLY_STAT_MIN || stat == TALLY_STAT_MAX;

  return FALSE;
}

/* Sets an error that names the metric, the stat and the stats it has. */
gboolean
tally_metric_check_stat (TallyMetric   metric,
                         TallyStat     stat,
                         GError      **error)
{
  g_autoptr(GString) valid = NULL;

  if (tally_metric_has_stat (metric, stat))
    return TRUE;

  valid = g_string_new (NULL);
  for (guint s = 0; s < TALLY_N_STATS; s++)
    {
      if (!tally_metric_has_stat (metric, s))
        continue;
      if (valid->len > 0)
        g_string_append (valid, ", ");
      g_string_append (valid, stats[s].name);
    }

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
               _("the metric %s has no stat %s (it has %s)"),
               tally_metric_to_string (metric), tally_stat_to_string (stat), valid->str);
  return FALSE;
}

const char *
tally_stat_to_string (TallyStat stat)
{
  g_return_val_if_fail (stat < TALLY_N_STATS, NULL);

  return stats[stat].name;
}

gboolean
tally_stat_from_string (const char *name,
                        TallyStat  *stat)
{
  for (guint i = 0; name != NULL && i < TALLY_N_STATS; i++)
    {
      if (g_str_equal (name, stats[i].name))
        {
          *stat = i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
tally_stat_is_percentile (TallyStat stat)
{
  return stat < TALLY_N_STATS && !isnan (stats[stat].quantile);
}

double
tally_stat_get_quantile (TallyStat stat)
{
  g_return_val_if_fail (stat < TALLY_N_STATS, NAN);

  return stats[stat].quantile;
}

const char *
tally_stat_get_title (TallyStat stat)
{
  g_return_val_if_fail (stat < TALLY_N_STATS, NULL);

  return _(stats[stat].title);
}

/* Parses "model", "status_class", "label.voice", … A label key is 1 to 64
 * characters of letters, digits, '_', '-', '.' or '/'. */
gboolean
tally_dimension_parse (const char      *name,
                       TallyDimension  *dimension,
                       GError         **error)
{
  g_return_val_if_fail (dimension != NULL, FALSE);

  dimension->kind = TALLY_N_DIMENSIONS;
  dimension->label = NULL;

  if (name != NULL && g_str_has_prefix (name, "label."))
    {
      const char *key = name + strlen ("label.");
      gsize len = strlen (key);

      for (const char *p = key; *p != '\0'; p++)
        {
          if (!g_ascii_isalnum (*p) && strchr ("_-./", *p) == NULL)
            len = 0;
        }
      if (len == 0 || len > 64)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("“%s” is not a valid label name"), name);
          return FALSE;
        }
      dimension->kind = TALLY_DIMENSION_LABEL;
      dimension->label = g_strdup (key);
      return TRUE;
    }

  for (guint i = 0; name != NULL && i < TALLY_N_DIMENSIONS; i++)
    {
      if (i != TALLY_DIMENSION_LABEL && g_str_equal (name, dimensions[i].name))
        {
          dimension->kind = i;
          return TRUE;
        }
    }

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
               _("“%s” is not a dimension (use model, provider, project, api_key, user, "
                 "service, language, operation, status, status_class, error or label.<key>)"),
               name ? name : "");
  return FALSE;
}

char *
tally_dimension_to_string (const TallyDimension *dimension)
{
  g_return_val_if_fail (dimension != NULL, NULL);
  g_return_val_if_fail (dimension->kind < TALLY_N_DIMENSIONS, NULL);

  if (dimension->kind == TALLY_DIMENSION_LABEL)
    return g_strconcat ("label.", dimension->label, NULL);

  return g_strdup (dimensions[dimension->kind].name);
}

void
tally_dimension_clear (TallyDimension *dimension)
{
  g_clear_pointer (&dimension->label, g_free);
  dimension->kind = TALLY_N_DIMENSIONS;
}

gboolean
tally_dimension_is_groupable (TallyDimensionKind kind)
{
  return kind < TALLY_N_DIMENSIONS && dimensions[kind].groupable;
}

const char *
tally_dimension_kind_to_string (TallyDimensionKind kind)
{
  g_return_val_if_fail (kind < TALLY_N_DIMENSIONS, NULL);

  return dimensions[kind].name;
}

const char *
tally_dimension_get_title (TallyDimensionKind kind)
{
  g_return_val_if_fail (kind < TALLY_N_DIMENSIONS, NULL);

  return _(dimensions[kind].title);
}

/* 2xx, 4xx, 5xx (1xx and 3xx too), or "error" for no response. An event
 * without a status is an "error" if it names one, else a success. */
const char *
tally_status_class (int         status,
                    gboolean    has_status,
                    const char *error)
{
  static const char *classes[] = { "error", "1xx", "2xx", "3xx", "4xx", "5xx" };

  if (!has_status)
    return (error != NULL && *error != '\0') ? "error" : "2xx";
  if (status >= 100 && status < 600)
    return classes[status / 100];

  return "error";
}
