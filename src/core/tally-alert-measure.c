/* tally-alert-measure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What a rule measures at one moment, from scalar queries of the store:
 * the value in the window before now (threshold rules), its growth over
 * the window before (trend), or its distance from its own past: standard
 * deviations from the mean of the windows before, or the growth over the
 * same window a week earlier (anomaly). */

#include "config.h"

#include <math.h>

#include "tally-alert-measure.h"
#include "tally-error.h"

#define WEEK_S (7 * 86400)

typedef struct
{
  TallyStore           *store;
  const TallyAlertRule *rule;
  gint64                now;
  GTimeZone            *tz;
  GCancellable         *cancellable;
} Ctx;

/* The rule's metric over [to - window, to), NAN without data. */
static gboolean
value_at (const Ctx   *ctx,
          gint64       to,
          double      *value,
          GError     **error)
{
  TallyTimeRange range = { to - ctx->rule->window_s, to, MIN (to, ctx->now), ctx->tz };
  g_autoptr(TallyFrame) frame = NULL;

  frame = tally_store_query (ctx->store, ctx->rule->query, &range, ctx->cancellable, error);
  if (frame == NULL)
    return FALSE;

  *value = tally_frame_get_value (frame);
  return TRUE;
}

static gboolean
requests_in_window (const Ctx  *ctx,
                    guint64    *requests,
                    GError    **error)
{
  g_autoptr(TallyQuery) query = tally_query_copy (ctx->rule->query);
  TallyTimeRange range = { ctx->now - ctx->rule->window_s, ctx->now, ctx->now, ctx->tz };
  g_autoptr(TallyFrame) frame = NULL;
  double n;

  query->shape = TALLY_SHAPE_SCALAR;
  query->metric = TALLY_METRIC_REQUESTS;
  query->stat = TALLY_STAT_SUM;
  frame = tally_store_query (ctx->store, query, &range, ctx->cancellable, error);
  if (frame == NULL)
    return FALSE;

  n = tally_frame_get_value (frame);
  *requests = isnan (n) || n < 0 ? 0 : (guint64) n;
  return TRUE;
}

static double
growth (double current,
        double before)
{
  if (isnan (current) || isnan (before) || before <= 0)
    return NAN;
  return current / before - 1;
}

/* Standard deviations of the current window from the mean of the
 * windows before it; a flat baseline makes any change infinite. */
static gboolean
stddev_score (const Ctx  *ctx,
              double      current,
              double     *score,
              GError    **error)
{
  double sum = 0, sum_sq = 0, mean, sd;
  guint n = 0;

  for (guint i = 1; i <= ctx->rule->baseline_windows; i++)
    {
      double v;

      if (!value_at (ctx, ctx->now - (gint64) i * ctx->rule->window_s, &v, error))
        return FALSE;
      if (isnan (v))
        continue;
      sum += v, sum_sq += v * v, n++;
    }

  *score = NAN;
  if (n < 2 || isnan (current))
    return TRUE;

  mean = sum / n;
  sd = sqrt (MAX (sum_sq - n * mean * mean, 0) / (n - 1));
  if (sd > 1e-12 * MAX (fabs (mean), 1))
    *score = (current - mean) / sd;
  else
    *score = current == mean ? 0 : copysign (INFINITY, current - mean);

  return TRUE;
}

static gboolean
measure_value (const Ctx  *ctx,
               double     *value,
               GError    **error)
{
  const TallyAlertRule *rule = ctx->rule;
  double current, before;

  if (!value_at (ctx, ctx->now, &current, error))
    return FALSE;

  switch (rule->kind)
    {
    case TALLY_ALERT_TREND:
      if (!value_at (ctx, ctx->now - rule->window_s, &before, error))
        return FALSE;
      *value = growth (current, before);
      return TRUE;

    case TALLY_ALERT_ANOMALY:
      if (rule->baseline == TALLY_BASELINE_STDDEV)
        return stddev_score (ctx, current, value, error);
      if (!value_at (ctx, ctx->now - WEEK_S, &before, error))
        return FALSE;
      *value = growth (current, before);
      return TRUE;

    case TALLY_ALERT_THRESHOLD:
    case TALLY_N_ALERT_KINDS:
    default:
      *value = current;
      return TRUE;
    }
}

/**
 * tally_alert_measure:
 * @now: the moment of the evaluation, Unix seconds
 *
 * Measures @rule at @now. A limit rule without its limit is @inactive,
 * not an error.
 */
gboolean
tally_alert_measure (TallyStore            *store,
                     const TallyAlertRule  *rule,
                     gint64                 now,
                     GTimeZone             *tz,
                     GCancellable          *cancellable,
                     TallyAlertMeasure     *measure,
                     GError               **error)
{
  Ctx ctx = { store, rule, now, tz, cancellable };
  g_autoptr(GError) local_error = NULL;

  measure->value = NAN;
  measure->requests = 0;
  measure->inactive = FALSE;

  if (!measure_value (&ctx, &measure->value, &local_error))
    {
      if (tally_metric_is_utilization (rule->query->metric) &&
          g_error_matches (local_error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND))
        {
          measure->inactive = TRUE;
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (rule->min_requests > 0 && !requests_in_window (&ctx, &measure->requests, error))
    return FALSE;

  return TRUE;
}
