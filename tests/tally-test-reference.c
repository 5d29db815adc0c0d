/* tally-test-reference.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A second, independent reading of docs/queries.md: what every query should
 * answer, computed from the events in memory with plain loops and sorting.
 * No sketches, no rollups and nothing taken from the store's code, so that
 * a test comparing the two tells the store's reading of the spec from the
 * spec's own. Slow on purpose: each answer is the definition, spelled out. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-test-reference-private.h"

static gint64
floor_to_minute (gint64 t)
{
  return (t >= 0 ? t / MINUTE : -((-t + MINUTE - 1) / MINUTE)) * MINUTE;
}

static int
compare_ref_events (gconstpointer a,
                    gconstpointer b)
{
  const RefEvent *x = a, *y = b;

  if (x->event->time_ms != y->event->time_ms)
    return x->event->time_ms < y->event->time_ms ? -1 : 1;

  return x->index < y->index ? -1 : x->index > y->index;
}

TallyRef *
tally_ref_new (GPtrArray *events)
{
  TallyRef *ref = g_new0 (TallyRef, 1);

  ref->events = g_ptr_array_ref (events);
  ref->n = events->len;
  ref->ev = g_new0 (RefEvent, MAX (ref->n, 1));
  for (guint i = 0; i < ref->n; i++)
    {
      const TallyEvent *event = g_ptr_array_index (events, i);

      ref->ev[i].event = event;
      ref->ev[i].index = i;
      ref->ev[i].error = tally_ref_is_error (event);
      ref->ev[i].rate_limited = tally_ref_is_rate_limited (event);
      if (!isnan (event->latency_ms))
        ref->max_latency_ms = MAX (ref->max_latency_ms, event->latency_ms);
    }
  qsort (ref->ev, ref->n, sizeof (RefEvent), compare_ref_events);

  return ref;
}

void
tally_ref_free (TallyRef *ref)
{
  if (ref == NULL)
    return;

  g_ptr_array_unref (ref->events);
  g_free (ref->ev);
  g_free (ref);
}

/* Events */

gboolean
tally_ref_is_error (const TallyEvent *event)
{
  const char *error = event->dims[TALLY_DIMENSION_ERROR];

  if (event->status == 0 || event->status >= 400)
    return TRUE;

  return error != NULL && error[0] != '\0';
}

gboolean
tally_ref_is_rate_limited (const TallyEvent *event)
{
  static const char *words[] = {
    "rate_limit", "ratelimit", "rate limit", "too many requests", "429",
  };
  const char *error = event->dims[TALLY_DIMENSION_ERROR];
  g_autofree char *lower = NULL;

  if (event->status == 429)
    return TRUE;
  if (error == NULL)
    return FALSE;

  lower = g_ascii_strdown (error, -1);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (strstr (lower, words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

const char *
tally_ref_status_class (const TallyEvent *event)
{
  static const char *classes[] = { "1xx", "2xx", "3xx", "4xx", "5xx" };
  const char *error = event->dims[TALLY_DIMENSION_ERROR];

  if (event->status < 0)
    return (error != NULL && error[0] != '\0') ? "error" : "2xx";
  if (event->status >= 100 && event->status < 600)
    return classes[event->status / 100 - 1];

  return "error";
}

/* The event's value of @dimension, NULL when it has none; @buf holds a
 * status written out. */
static const char *
value_of (const TallyEvent     *event,
          const TallyDimension *dimension,
          char                  buf[16])
{
  switch (dimension->kind)
    {
    case TALLY_DIMENSION_STATUS:
      if (event->status < 0)
        return NULL;
      g_snprintf (buf, 16, "%d", event->status);
      return buf;

    case TALLY_DIMENSION_STATUS_CLASS:
      return tally_ref_status_class (event);

    case TALLY_DIMENSION_LABEL:
      for (guint i = 0; i < event->n_labels; i++)
        {
          if (g_str_equal (event->label_keys[i], dimension->label))
            return event->label_values[i];
        }
      return NULL;

    default:
      g_assert (dimension->kind < TALLY_N_EVENT_DIMENSIONS);
      return event->dims[dimension->kind];
    }
}

/* The group an event falls in: its value, "(none)" without one, and no
 * group at all for a label it does not carry. */
const char *
ref_group_of (const TallyEvent     *event,
              const TallyDimension *dimension,
              char                  buf[16])
{
  const char *value = value_of (event, dimension, buf);

  if (value == NULL && dimension->kind != TALLY_DIMENSION_LABEL)
    return NONE_GROUP;

  return value;
}

/* The kind of each metric, from the spec's table of metrics. */
TallyMetricKind
tally_ref_metric_kind (TallyMetric metric)
{
  switch (metric)
    {
    case TALLY_METRIC_REQUESTS:
    case TALLY_METRIC_ERRORS:
    case TALLY_METRIC_RATE_LIMITED:
    case TALLY_METRIC_UNPRICED_REQUESTS:
      return TALLY_METRIC_KIND_COUNT;
    case TALLY_METRIC_FORECAST_REQUESTS:
    case TALLY_METRIC_FORECAST_TOKENS:
    case TALLY_METRIC_FORECAST_COST:
    case TALLY_METRIC_FORECAST_CONFIDENCE:
    case TALLY_METRIC_FORECAST_MONTH_COST:
    case TALLY_METRIC_BUDGET_RUNOUT:
    case TALLY_METRIC_PEAK_HOURS:
      return TALLY_METRIC_KIND_FORECAST;
    case TALLY_METRIC_ERROR_RATE:
    case TALLY_METRIC_RATE_LIMIT_RATE:
    case TALLY_METRIC_COST_PER_REQUEST:
    case TALLY_METRIC_TOKENS_PER_DOLLAR:
      return TALLY_METRIC_KIND_RATIO;
    case TALLY_METRIC_INPUT_TOKENS:
    case TALLY_METRIC_OUTPUT_TOKENS:
    case TALLY_METRIC_CACHED_TOKENS:
    case TALLY_METRIC_TOKENS:
    case TALLY_METRIC_COST:
      return TALLY_METRIC_KIND_AMOUNT;
    case TALLY_METRIC_LATENCY:
    case TALLY_METRIC_TTFT:
    case TALLY_METRIC_QUEUE_TIME:
    case TALLY_METRIC_RTF:
      return TALLY_METRIC_KIND_DURATION;
    case TALLY_METRIC_CONCURRENCY:
      return TALLY_METRIC_KIND_CONCURRENCY;
    case TALLY_N_METRICS:
    default:
      g_assert_not_reached ();
    }
}

gboolean
tally_ref_metric_has_stat (TallyMetric metric,
                           TallyStat   stat)
{
  gboolean percentile = stat >= TALLY_STAT_P50 && stat <= TALLY_STAT_P99;

  switch (tally_ref_metric_kind (metric))
    {
    case TALLY_METRIC_KIND_COUNT:
      return TRUE;
    case TALLY_METRIC_KIND_AMOUNT:
      return !percentile;
    case TALLY_METRIC_KIND_DURATION:
      return stat != TALLY_STAT_RATE;
    case TALLY_METRIC_KIND_FORECAST:
      return stat == TALLY_STAT_SUM;
    case TALLY_METRIC_KIND_RATIO:
    case TALLY_METRIC_KIND_CONCURRENCY:
    default:
      return stat != TALLY_STAT_SUM && stat != TALLY_STAT_COUNT && stat != TALLY_STAT_RATE;
    }
}

/* Whether the reference computes @metric under @stat as the query engine
 * does: forecasts are not queries over the range (test-forecast.c). */
gboolean
tally_ref_metric_compares (TallyMetric metric,
                           TallyStat   stat)
{
  return tally_ref_metric_kind (metric) != TALLY_METRIC_KIND_FORECAST &&
         tally_ref_metric_has_stat (metric, stat);
}

void
tally_ref_round_range (const TallyTimeRange *range,
                       gint64               *from,
                       gint64               *to)
{
  *from = floor_to_minute (range->from);
  *to = -floor_to_minute (-range->to);
}

/* What an event adds to a metric */

gboolean
ref_counts (const RefEvent *e,
            TallyMetric     metric)
{
  switch (metric)
    {
    case TALLY_METRIC_REQUESTS:
      return TRUE;
    case TALLY_METRIC_ERRORS:
      return e->error;
    case TALLY_METRIC_RATE_LIMITED:
      return e->rate_limited;
    case TALLY_METRIC_UNPRICED_REQUESTS:
      return isnan (e->event->cost);
    default:
      g_assert_not_reached ();
    }
}

/* An amount or duration of one event; NAN when it has none. */
double
ref_amount (const TallyEvent *event,
            TallyMetric       metric)
{
  switch (metric)
    {
    case TALLY_METRIC_INPUT_TOKENS:
      return event->input_tokens >= 0 ? (double) event->input_tokens : NAN;
    case TALLY_METRIC_OUTPUT_TOKENS:
      return event->output_tokens >= 0 ? (double) event->output_tokens : NAN;
    case TALLY_METRIC_CACHED_TOKENS:
      return event->cached_tokens >= 0 ? (double) event->cached_tokens : NAN;
    case TALLY_METRIC_TOKENS:
      if (event->input_tokens < 0 && event->output_tokens < 0)
        return NAN;
      return (double) (MAX (event->input_tokens, 0) + MAX (event->output_tokens, 0));
    case TALLY_METRIC_COST:
      return event->cost;
    case TALLY_METRIC_LATENCY:
      return event->latency_ms;
    case TALLY_METRIC_TTFT:
      return event->ttft_ms;
    case TALLY_METRIC_QUEUE_TIME:
      return event->queue_ms;
    case TALLY_METRIC_RTF:
      if (isnan (event->latency_ms) || !(event->audio_ms > 0))
        return NAN;
      return event->latency_ms / event->audio_ms;
    default:
      g_assert_not_reached ();
    }
}

/* A ratio's numerator and denominator for one event. */
static void
ratio_parts (const RefEvent *e,
             TallyMetric     metric,
             double         *num,
             double         *den)
{
  double cost = e->event->cost, tokens;

  switch (metric)
    {
    case TALLY_METRIC_ERROR_RATE:
      *num = e->error;
      *den = 1;
      break;
    case TALLY_METRIC_RATE_LIMIT_RATE:
      *num = e->rate_limited;
      *den = 1;
      break;
    case TALLY_METRIC_COST_PER_REQUEST:
      *num = isnan (cost) ? 0 : cost;
      *den = isnan (cost) ? 0 : 1;
      break;
    case TALLY_METRIC_TOKENS_PER_DOLLAR:
      tokens = ref_amount (e->event, TALLY_METRIC_TOKENS);
      *num = isnan (tokens) ? 0 : tokens;
      *den = isnan (cost) ? 0 : cost;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Index of the first event at or after @t_ms. */
guint
ref_lower_bound (const TallyRef *ref,
                 gint64          t_ms)
{
  guint lo = 0, hi = ref->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ref->ev[mid].event->time_ms < t_ms)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* A stat over a bucket: the bucket is a set of whole-minute spans inside
 * the range (one for a time bucket, many for a heatmap cell). */

typedef struct
{
  TallyMetric      metric;
  TallyMetricKind  kind;
  gint64           now;
  double           sum;
  gint64           count;
  double           min;
  double           max;
  double           num;
  double           den;
  guint            n_minutes;   /* not after now */
  GArray          *values;      /* per event: amounts and durations */
  GArray          *per_minute;  /* one per minute not after now that has a value */
} Acc;

static void
acc_init (Acc         *acc,
          TallyMetric  metric,
          gint64       now)
{
  memset (acc, 0, sizeof *acc);
  acc->metric = metric;
  acc->kind = tally_ref_metric_kind (metric);
  acc->now = now;
  acc->min = INFINITY;
  acc->max = -INFINITY;
  acc->values = g_array_new (FALSE, FALSE, sizeof (double));
  acc->per_minute = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
acc_clear (Acc *acc)
{
  g_array_unref (acc->values);
  g_array_unref (acc->per_minute);
}

/* The minutes of [lo, hi) not after now: those starting before it. */
static guint
minutes_not_after (gint64 lo,
                   gint64 hi,
                   gint64 now)
{
  gint64 end = MIN (hi, now);

  return end > lo ? (guint) ((end - lo + MINUTE - 1) / MINUTE) : 0;
}

static void
acc_add_event (Acc            *acc,
               const RefEvent *e,
               gint64          lo,
               guint           n_minutes,
               double         *pm_num,
               double         *pm_den)
{
  gint64 minute = floor_to_minute (e->event->time_ms / 1000);
  guint k = (guint) ((minute - lo) / MINUTE);
  double v, num, den;

  switch (acc->kind)
    {
    case TALLY_METRIC_KIND_COUNT:
      if (!ref_counts (e, acc->metric))
        return;
      acc->sum += 1;
      acc->count += 1;
      if (k < n_minutes)
        pm_num[k] += 1;
      break;

    case TALLY_METRIC_KIND_AMOUNT:
    case TALLY_METRIC_KIND_DURATION:
      v = ref_amount (e->event, acc->metric);
      if (isnan (v))
        return;
      acc->sum += v;
      acc->count += 1;
      acc->min = MIN (acc->min, v);
      acc->max = MAX (acc->max, v);
      g_array_append_val (acc->values, v);
      break;

    case TALLY_METRIC_KIND_RATIO:
      ratio_parts (e, acc->metric, &num, &den);
      acc->num += num;
      acc->den += den;
      if (k < n_minutes)
        {
          pm_num[k] += num;
          pm_den[k] += den;
        }
      break;

    case TALLY_METRIC_KIND_CONCURRENCY:
    default:
      g_assert_not_reached ();
    }
}

/* Each request is in flight from its start for its latency: its time
 * inside each minute of [lo, hi) not after now, wherever it started. */
static void
acc_add_busy (Acc            *acc,
              const TallyRef *ref,
              const guint8   *mask,
              gint64          lo,
              gint64          hi,
              guint           n_minutes,
              double         *pm_busy)
{
  double lo_ms = lo * 1000.0;
  guint j0 = ref_lower_bound (ref, lo * 1000 - (gint64) ceil (ref->max_latency_ms) - 1);
  guint j1 = ref_lower_bound (ref, hi * 1000);

  for (guint j = j0; j < j1; j++)
    {
      const TallyEvent *event = ref->ev[j].event;
      double start = (double) event->time_ms, end = start + event->latency_ms;
      gint64 k0, k1;

      if (!mask[ref->ev[j].index] || isnan (event->latency_ms) || event->latency_ms <= 0)
        continue;

      k0 = MAX (0, (gint64) floor ((start - lo_ms) / 60000.0));
      k1 = MIN ((gint64) n_minutes - 1, (gint64) floor ((end - lo_ms) / 60000.0));
      for (gint64 k = k0; k <= k1; k++)
        {
          double m0 = lo_ms + k * 60000.0, m1 = m0 + 60000.0;

          pm_busy[k] += MAX (0, MIN (end, m1) - MAX (start, m0));
        }
    }
}

static void
acc_add_span (Acc            *acc,
              const TallyRef *ref,
              const guint8   *mask,
              gint64          lo,
              gint64          hi)
{
  guint n_minutes = minutes_not_after (lo, hi, acc->now);
  g_autofree double *pm_num = g_new0 (double, n_minutes + 1);
  g_autofree double *pm_den = g_new0 (double, n_minutes + 1);

  g_assert (lo % MINUTE == 0 && hi % MINUTE == 0 && lo < hi);
  acc->n_minutes += n_minutes;

  if (acc->kind == TALLY_METRIC_KIND_CONCURRENCY)
    acc_add_busy (acc, ref, mask, lo, hi, n_minutes, pm_num);
  else
    {
      guint i1 = ref_lower_bound (ref, hi * 1000);

      for (guint i = ref_lower_bound (ref, lo * 1000); i < i1; i++)
        {
          if (mask[ref->ev[i].index])
            acc_add_event (acc, &ref->ev[i], lo, n_minutes, pm_num, pm_den);
        }
    }

  for (guint k = 0; k < n_minutes; k++)
    {
      double v;

      if (acc->kind == TALLY_METRIC_KIND_COUNT)
        v = pm_num[k];
      else if (acc->kind == TALLY_METRIC_KIND_RATIO && pm_den[k] > 0)
        v = pm_num[k] / pm_den[k];
      else if (acc->kind == TALLY_METRIC_KIND_CONCURRENCY)
        v = pm_num[k] / 60000.0;
      else
        continue;
      g_array_append_val (acc->per_minute, v);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Nearest rank: of n values sorted ascending, the one at rank ⌈q·n⌉. */
static double
nearest_rank (GArray    *values,
              TallyStat  stat)
{
  static const guint percents[] = {
    [TALLY_STAT_P50] = 50, [TALLY_STAT_P90] = 90, [TALLY_STAT_P95] = 95, [TALLY_STAT_P99] = 99,
  };
  guint percent, n = values->len, rank;

  g_assert (stat >= TALLY_STAT_P50 && stat <= TALLY_STAT_P99);
  percent = percents[stat];
  if (n == 0)
    return NAN;

  g_array_sort (values, compare_doubles);
  rank = MAX (1, (percent * n + 99) / 100);
  return g_array_index (values, double, rank - 1);
}

static double
min_max (GArray    *values,
         TallyStat  stat)
{
  double result = NAN;

  for (guint i = 0; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);

      if (isnan (result) || (stat == TALLY_STAT_MIN ? v < result : v > result))
        result = v;
    }

  return result;
}

static double
sum_of (GArray *values)
{
  double sum = 0;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);

  return sum;
}

static double
per_minute_stat (Acc       *acc,
                 TallyStat  stat)
{
  if (stat == TALLY_STAT_MIN || stat == TALLY_STAT_MAX)
    return min_max (acc->per_minute, stat);

  return nearest_rank (acc->per_minute, stat);
}

static double
acc_finish (Acc       *acc,
            TallyStat  stat)
{
  guint n_minutes = acc->n_minutes;

  switch (acc->kind)
    {
    case TALLY_METRIC_KIND_COUNT:
      if (stat == TALLY_STAT_SUM || stat == TALLY_STAT_COUNT)
        return acc->sum;
      if (stat == TALLY_STAT_RATE || stat == TALLY_STAT_AVG)
        return n_minutes > 0 ? acc->sum / n_minutes : NAN;
      return per_minute_stat (acc, stat);

    case TALLY_METRIC_KIND_AMOUNT:
    case TALLY_METRIC_KIND_DURATION:
      if (stat == TALLY_STAT_SUM)
        return acc->sum;
      if (stat == TALLY_STAT_COUNT)
        return acc->count;
      if (stat == TALLY_STAT_AVG)
        return acc->count > 0 ? acc->sum / acc->count : NAN;
      if (stat == TALLY_STAT_MIN)
        return acc->count > 0 ? acc->min : NAN;
      if (stat == TALLY_STAT_MAX)
        return acc->count > 0 ? acc->max : NAN;
      if (stat == TALLY_STAT_RATE)
        return n_minutes > 0 ? acc->sum / n_minutes : NAN;
      return nearest_rank (acc->values, stat);

    case TALLY_METRIC_KIND_RATIO:
      if (stat == TALLY_STAT_AVG)
        return acc->den > 0 ? acc->num / acc->den : NAN;
      return per_minute_stat (acc, stat);

    case TALLY_METRIC_KIND_CONCURRENCY:
    default:
      /* "Request time in flight inside the bucket ÷ its length": its
       * length as its minutes, the ones not after now. The spec's words
       * also allow the whole length, future included; that average would
       * sink as a range reaches further past now, and a bucket wholly
       * after now would read 0 instead of null, as a rate there does. */
      if (stat == TALLY_STAT_AVG)
        return n_minutes > 0 ? sum_of (acc->per_minute) / n_minutes : NAN;
      return per_minute_stat (acc, stat);
    }
}

double
ref_stat_over (const TallyRef *ref,
               const guint8   *mask,
               TallyMetric     metric,
               TallyStat       stat,
               gint64          now,
               const Span     *spans,
               guint           n_spans)
{
  Acc acc;
  double value;

  acc_init (&acc, metric, now);
  for (guint i = 0; i < n_spans; i++)
    acc_add_span (&acc, ref, mask, spans[i].lo, spans[i].hi);
  value = acc_finish (&acc, stat);

  acc_clear (&acc);
  return value;
}

double
ref_stat_between (const TallyRef   *ref,
                  const guint8     *mask,
                  const TallyQuery *query,
                  gint64            now,
                  gint64            lo,
                  gint64            hi)
{
  Span span = { lo, hi };

  return ref_stat_over (ref, mask, query->metric, query->stat, now, &span, 1);
}

/* Filters: AND across clauses, OR within one; an event without the value
 * matches no clause on it. */
guint8 *
ref_filter_mask (const TallyRef   *ref,
                 const TallyQuery *query)
{
  guint8 *mask = g_new0 (guint8, MAX (ref->n, 1));

  for (guint i = 0; i < ref->n; i++)
    {
      const TallyEvent *event = g_ptr_array_index (ref->events, i);
      gboolean pass = TRUE;

      for (guint f = 0; pass && f < query->filters->len; f++)
        {
          const TallyFilter *filter = g_ptr_array_index (query->filters, f);
          char buf[16];
          const char *value = value_of (event, &filter->dimension, buf);

          pass = value != NULL && g_strv_contains ((const char * const *) filter->values, value);
        }
      mask[i] = pass;
    }

  return mask;
}

