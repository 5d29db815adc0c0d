/* tally-utilization.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* rpm_utilization, tpm_utilization, rpd_utilization, budget_utilization:
 * the usage in a limit's window over the limit (docs/alerts.md). Requests
 * and tokens per minute count the 60 seconds before a moment; requests per
 * day and the daily budget count from midnight, the monthly budget from
 * the first of the month, in the range's time zone. Where several limits
 * apply (the whole source, a model, an API key) the answer is the highest
 * ratio: the limit closest to being hit. Every number comes from ordinary
 * queries of the store. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-error.h"
#include "tally-utilization.h"

/* Per-step sums are read in chunks of at most this many buckets. */
#define CHUNK_STEPS 1440

typedef struct
{
  TallyStore           *store;
  const TallyQuery     *query;
  const TallyTimeRange *range;
  GCancellable         *cancellable;
  gint64                end;      /* min (to, now) */
} Run;

static TallyMetric
usage_metric (TallyLimitKind kind)
{
  switch (kind)
    {
    case TALLY_LIMIT_TPM:
      return TALLY_METRIC_TOKENS;
    case TALLY_LIMIT_DAILY_BUDGET:
    case TALLY_LIMIT_MONTHLY_BUDGET:
      return TALLY_METRIC_COST;
    case TALLY_LIMIT_RPM:
    case TALLY_LIMIT_RPD:
    default:
      return TALLY_METRIC_REQUESTS;
    }
}

static gboolean
is_per_minute (TallyLimitKind kind)
{
  return kind == TALLY_LIMIT_RPM || kind == TALLY_LIMIT_TPM;
}

/* The limit kinds a metric measures: budget_utilization has two. */
static guint
kinds_of (TallyMetric     metric,
          TallyLimitKind  kinds[2])
{
  switch (metric)
    {
    case TALLY_METRIC_RPM_UTILIZATION:
      kinds[0] = TALLY_LIMIT_RPM;
      return 1;
    case TALLY_METRIC_TPM_UTILIZATION:
      kinds[0] = TALLY_LIMIT_TPM;
      return 1;
    case TALLY_METRIC_RPD_UTILIZATION:
      kinds[0] = TALLY_LIMIT_RPD;
      return 1;
    case TALLY_METRIC_BUDGET_UTILIZATION:
      kinds[0] = TALLY_LIMIT_DAILY_BUDGET;
      kinds[1] = TALLY_LIMIT_MONTHLY_BUDGET;
      return 2;
    default:
      return 0;
    }
}

/* Where the window that holds moment @t starts; for a per-minute kind,
 * the window is the minute before @t and this is its start. */
static gint64
period_start (TallyLimitKind  kind,
              gint64          t,
              GTimeZone      *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) start = NULL;

  if (is_per_minute (kind))
    return t - 60;

  utc = g_date_time_new_from_unix_utc (t);
  local = g_date_time_to_timezone (utc, tz);
  start = g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                           kind == TALLY_LIMIT_MONTHLY_BUDGET ? 1 : g_date_time_get_day_of_month (local),
                           0, 0, 0);

  return start != NULL ? g_date_time_to_unix (start) : t;
}

static gboolean
filter_allows (const TallyQuery   *query,
               TallyDimensionKind  kind,
               const char         *value)
{
  if (value == NULL)
    return TRUE;

  for (guint i = 0; i < query->filters->len; i++)
    {
      const TallyFilter *filter = g_ptr_array_index (query->filters, i);

      if (filter->dimension.kind == kind && !g_strv_contains ((const char * const *) filter->values, value))
        return FALSE;
    }

  return TRUE;
}

/* Whether @limit bounds the traffic @query selects: a limit of another
 * model than the one filtered on does not. */
static gboolean
limit_applies (const TallyLimit *limit,
               TallyLimitKind    kind,
               const TallyQuery *query)
{
  return g_str_equal (limit->source, "local") && !isnan (limit->values[kind]) &&
         filter_allows (query, TALLY_DIMENSION_MODEL, limit->model) &&
         filter_allows (query, TALLY_DIMENSION_API_KEY, limit->api_key);
}

/* The query of the usage a limit counts: @query's filters, narrowed to
 * the limit's model and key. */
static TallyQuery *
usage_query (const Run        *run,
             const TallyLimit *limit,
             TallyLimitKind    kind,
             TallyShape        shape)
{
  TallyQuery *usage = tally_query_new ();

  for (guint i = 0; i < run->query->filters->len; i++)
    {
      const TallyFilter *filter = g_ptr_array_index (run->query->filters, i);
      g_autofree char *name = tally_dimension_to_string (&filter->dimension);

      tally_query_add_filter (usage, name, (const char * const *) filter->values, NULL);
    }
  if (limit->model != NULL)
    tally_query_add_filter (usage, "model", (const char * const[]) { limit->model, NULL }, NULL);
  if (limit->api_key != NULL)
    tally_query_add_filter (usage, "api_key", (const char * const[]) { limit->api_key, NULL }, NULL);

  usage->shape = shape;
  usage->metric = usage_metric (kind);
  usage->stat = TALLY_STAT_SUM;

  return usage;
}

static gboolean
sum_between (const Run   *run,
             TallyQuery  *usage,
             gint64       from,
             gint64       to,
             double      *sum,
             GError     **error)
{
  TallyTimeRange window = { from, to, run->range->now, run->range->tz };
  g_autoptr(TallyFrame) frame = NULL;

  *sum = 0;
  if (from >= to)
    return TRUE;
  frame = tally_store_query (run->store, usage, &window, run->cancellable, error);
  if (frame == NULL)
    return FALSE;
  if (!isnan (tally_frame_get_value (frame)))
    *sum = tally_frame_get_value (frame);

  return TRUE;
}

typedef struct
{
  gint64 start;
  double sum;
} Step;

/* The usage per step of @step_s seconds from @from to the run's end. */
static GArray *
read_steps (const Run   *run,
            TallyQuery  *usage,
            gint64       from,
            gint64       step_s,
            GError     **error)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Step));

  usage->interval_s = step_s;
  for (gint64 t = from - from % step_s; t < run->end; t += step_s * CHUNK_STEPS)
    {
      TallyTimeRange chunk = { t, MIN (t + step_s * CHUNK_STEPS, run->end), run->range->now, run->range->tz };
      g_autoptr(TallyFrame) frame = tally_store_query (run->store, usage, &chunk, run->cancellable, error);
      const double *values;
      const gint64 *starts;
      guint n;

      if (frame == NULL)
        return NULL;
      starts = tally_frame_get_buckets (frame, &n);
      values = tally_frame_get_n_series (frame) > 0 ? tally_frame_get_series_values (frame, 0) : NULL;
      for (guint i = 0; i < n; i++)
        {
          Step step = { starts[i], values != NULL && !isnan (values[i]) ? values[i] : 0 };

          g_array_append_val (steps, step);
        }
    }

  return g_steal_pointer (&steps);
}

/* Folds the per-step ratios of one limit into the buckets: the average
 * (per-minute kinds) or the level at the bucket's end (windows that add up
 * from midnight or the 1st), or the highest step. */
static void
fold_steps (const Run      *run,
            GArray         *steps,
            TallyLimitKind  kind,
            double          limit,
            const gint64   *buckets,
            guint           n_buckets,
            gint64          interval,
            double         *values)
{
  gint64 period = G_MININT64;
  double level = 0;
  guint s = 0;

  for (guint b = 0; b < n_buckets; b++)
    {
      gint64 bucket_end = b + 1 < n_buckets ? buckets[b + 1] : buckets[b] + interval;
      double total = 0, peak = -INFINITY, last = NAN;
      guint n = 0;

      for (; s < steps->len && g_array_index (steps, Step, s).start < bucket_end; s++)
        {
          const Step *step = &g_array_index (steps, Step, s);
          double value;

          if (!is_per_minute (kind) && period_start (kind, step->start, run->range->tz) != period)
            period = period_start (kind, step->start, run->range->tz), level = 0;
          level += step->sum;
          value = (is_per_minute (kind) ? step->sum : level) / limit;
          if (step->start < buckets[b])
            continue;
          total += value, n++, peak = MAX (peak, value), last = value;
        }

      if (n == 0)
        continue;
      if (run->query->stat == TALLY_STAT_MAX)
        values[b] = fmax (values[b], peak);
      else
        values[b] = fmax (values[b], is_per_minute (kind) ? total / n : last);
    }
}

static gboolean
limit_series (const Run        *run,
              const TallyLimit *limit,
              TallyLimitKind    kind,
              const gint64     *buckets,
              guint             n_buckets,
              gint64            interval,
              double           *values,
              GError          **error)
{
  g_autoptr(TallyQuery) usage = usage_query (run, limit, kind, TALLY_SHAPE_TIMESERIES);
  g_autoptr(GArray) steps = NULL;
  gint64 step_s = is_per_minute (kind) || interval < 3600 || interval % 3600 != 0 ? 60 : 3600;
  gint64 from = is_per_minute (kind) ? buckets[0] : period_start (kind, buckets[0], run->range->tz);

  if ((steps = read_steps (run, usage, from, step_s, error)) == NULL)
    return FALSE;
  fold_steps (run, steps, kind, limit->values[kind], buckets, n_buckets, interval, values);

  return TRUE;
}

static gboolean
limit_current (const Run        *run,
               const TallyLimit *limit,
               TallyLimitKind    kind,
               double           *value,
               GError          **error)
{
  g_autoptr(TallyQuery) usage = usage_query (run, limit, kind, TALLY_SHAPE_SCALAR);
  double sum;

  if (!sum_between (run, usage, period_start (kind, run->end, run->range->tz), run->end, &sum, error))
    return FALSE;
  *value = fmax (*value, sum / limit->values[kind]);

  return TRUE;
}

/* Calls the per-limit computation for each applicable limit; fails with a
 * message that says what to add when none applies. */
/* The limit a utilisation metric needs, in words, for the message that
 * asks for it. */
static const char *
limit_name (TallyLimitKind kind)
{
  switch (kind)
    {
    case TALLY_LIMIT_RPM:
      return _("a requests-per-minute limit");
    case TALLY_LIMIT_TPM:
      return _("a tokens-per-minute limit");
    case TALLY_LIMIT_RPD:
      return _("a requests-per-day limit");
    default:
      return _("a daily or monthly budget");
    }
}

static gboolean
for_each_limit (const Run         *run,
                const TallyLimits *limits,
                const gint64      *buckets,
                guint              n_buckets,
                gint64             interval,
                double            *values,
                GError           **error)
{
  TallyLimitKind kinds[2] = { TALLY_LIMIT_RPM, TALLY_LIMIT_RPM };
  guint n_kinds = kinds_of (run->query->metric, kinds);
  guint applied = 0;

  for (guint k = 0; k < n_kinds; k++)
    for (guint i = 0; i < tally_limits_get_n (limits); i++)
      {
        const TallyLimit *limit = tally_limits_get (limits, i);
        gboolean ok;

        if (!limit_applies (limit, kinds[k], run->query))
          continue;
        applied++;
        ok = buckets == NULL ? limit_current (run, limit, kinds[k], values, error)
                             : limit_series (run, limit, kinds[k], buckets, n_buckets, interval, values, error);
        if (!ok)
          return FALSE;
      }

  if (applied == 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                   _("Set %s (%s) in limits.json to see %s; see docs/alerts.md"), limit_name (kinds[0]),
                   /* Translators: the keys of limits.json, not to translate but "or". */
                   n_kinds == 2 ? _("budget.daily or budget.monthly")
                                : tally_limit_kind_to_string (kinds[0]),
                   tally_metric_to_string (run->query->metric));
      return FALSE;
    }

  return TRUE;
}

static TallyFrame *
query_scalar (const Run         *run,
              const TallyLimits *limits,
              GError           **error)
{
  const char *metric = tally_metric_to_string (run->query->metric);
  const char *stat = tally_stat_to_string (run->query->stat);
  double value = -INFINITY;

  if (run->query->stat == TALLY_STAT_MAX)
    {
      gint64 bucket = run->range->from;

      if (!for_each_limit (run, limits, &bucket, 1, MAX (run->end - bucket, 1), &value, error))
        return NULL;
    }
  else if (!for_each_limit (run, limits, NULL, 0, 0, &value, error))
    return NULL;

  return tally_frame_new_scalar (metric, stat, "percent", isinf (value) ? NAN : value, NAN);
}

static TallyFrame *
query_timeseries (const Run         *run,
                  const TallyLimits *limits,
                  GError           **error)
{
  const TallyQuery *query = run->query;
  gint64 interval = query->interval_s > 0 ? query->interval_s
                                          : tally_time_range_auto_interval (run->range, query->width_px);
  g_autoptr(GArray) buckets = tally_time_range_get_buckets (run->range, interval);
  g_autofree double *values = g_new (double, MAX (buckets->len, 1));
  TallyFrame *frame;

  for (guint b = 0; b < buckets->len; b++)
    values[b] = -INFINITY;
  if (buckets->len > 0 &&
      !for_each_limit (run, limits, (gint64 *) buckets->data, buckets->len, interval, values, error))
    return NULL;
  for (guint b = 0; b < buckets->len; b++)
    if (isinf (values[b]))
      values[b] = NAN;

  frame = tally_frame_new_timeseries (tally_metric_to_string (query->metric), tally_stat_to_string (query->stat),
                                      "percent", interval, (gint64 *) buckets->data, buckets->len);
  tally_frame_add_series (frame, tally_metric_to_string (query->metric), values);

  return frame;
}

/**
 * tally_utilization_query:
 * @limits: the limits of limits.json
 *
 * Answers a query of a utilisation metric in the scalar or timeseries
 * shape. Stat avg is the current utilisation (a scalar) or each bucket's
 * average (per minute) or level at its end (per day, per month); max is
 * the highest in the range or bucket.
 */
TallyFrame *
tally_utilization_query (TallyStore           *store,
                         const TallyLimits    *limits,
                         const TallyQuery     *query,
                         const TallyTimeRange *range,
                         GCancellable         *cancellable,
                         GError              **error)
{
  Run run = { store, query, range, cancellable, MIN (range->to, range->now) };

  g_return_val_if_fail (tally_metric_is_utilization (query->metric), NULL);

  if (!tally_metric_check_stat (query->metric, query->stat, error))
    return NULL;
  if (tally_query_has_group_by (query) ||
      (query->shape != TALLY_SHAPE_SCALAR && query->shape != TALLY_SHAPE_TIMESERIES))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("%s answers single values and time series, not groups or tables: "
                     "filter on a model or key instead"), tally_metric_to_string (query->metric));
      return NULL;
    }
  if (run.end <= range->from)
    run.end = range->to;

  if (query->shape == TALLY_SHAPE_SCALAR)
    return query_scalar (&run, limits, error);

  return query_timeseries (&run, limits, error);
}
