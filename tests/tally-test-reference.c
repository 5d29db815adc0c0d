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

#include "tally-test-reference.h"

#define MINUTE       60
#define NONE_GROUP   "(none)"
#define OTHER_GROUP  "Other"

typedef struct
{
  const TallyEvent *event;
  guint             index;
  gboolean          error;
  gboolean          rate_limited;
} RefEvent;

struct _TallyRef
{
  GPtrArray *events;
  RefEvent  *ev;              /* ordered by time */
  guint      n;
  double     max_latency_ms;
};

typedef struct
{
  gint64 lo;
  gint64 hi;
} Span;

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

guint
tally_ref_get_n_events (const TallyRef *ref)
{
  return ref->n;
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
static const char *
group_of (const TallyEvent     *event,
          const TallyDimension *dimension,
          char                  buf[16])
{
  const char *value = value_of (event, dimension, buf);

  if (value == NULL && dimension->kind != TALLY_DIMENSION_LABEL)
    return NONE_GROUP;

  return value;
}

char *
tally_ref_group_of (const TallyEvent     *event,
                    const TallyDimension *dimension)
{
  char buf[16];

  return g_strdup (group_of (event, dimension, buf));
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
      return TALLY_METRIC_KIND_COUNT;
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
    case TALLY_METRIC_KIND_RATIO:
    case TALLY_METRIC_KIND_CONCURRENCY:
    default:
      return stat != TALLY_STAT_SUM && stat != TALLY_STAT_COUNT && stat != TALLY_STAT_RATE;
    }
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

static gboolean
counts (const RefEvent *e,
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
    default:
      g_assert_not_reached ();
    }
}

/* An amount or duration of one event; NAN when it has none. */
static double
amount (const TallyEvent *event,
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
      tokens = amount (e->event, TALLY_METRIC_TOKENS);
      *num = isnan (tokens) ? 0 : tokens;
      *den = isnan (cost) ? 0 : cost;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Index of the first event at or after @t_ms. */
static guint
lower_bound (const TallyRef *ref,
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
      if (!counts (e, acc->metric))
        return;
      acc->sum += 1;
      acc->count += 1;
      if (k < n_minutes)
        pm_num[k] += 1;
      break;

    case TALLY_METRIC_KIND_AMOUNT:
    case TALLY_METRIC_KIND_DURATION:
      v = amount (e->event, acc->metric);
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
  guint j0 = lower_bound (ref, lo * 1000 - (gint64) ceil (ref->max_latency_ms) - 1);
  guint j1 = lower_bound (ref, hi * 1000);

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
      guint i1 = lower_bound (ref, hi * 1000);

      for (guint i = lower_bound (ref, lo * 1000); i < i1; i++)
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

static double
stat_over (const TallyRef *ref,
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

static double
stat_between (const TallyRef   *ref,
              const guint8     *mask,
              const TallyQuery *query,
              gint64            now,
              gint64            lo,
              gint64            hi)
{
  Span span = { lo, hi };

  return stat_over (ref, mask, query->metric, query->stat, now, &span, 1);
}

/* Filters: AND across clauses, OR within one; an event without the value
 * matches no clause on it. */
static guint8 *
filter_mask (const TallyRef   *ref,
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

/* Groups */

typedef struct
{
  char   *name;
  guint8 *mask;
  double  total;
  double  value;
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->name);
  g_free (group->mask);
  g_free (group);
}

/* What a group ranks by: counts by their number, amounts by their sum,
 * other kinds by their number of requests. */
static double
rank_weight (const RefEvent *e,
             TallyMetric     metric)
{
  double v;

  switch (tally_ref_metric_kind (metric))
    {
    case TALLY_METRIC_KIND_COUNT:
      return counts (e, metric);
    case TALLY_METRIC_KIND_AMOUNT:
      v = amount (e->event, metric);
      return isnan (v) ? 0 : v;
    default:
      return 1;
    }
}

/* The groups of @dimension among the events of [from, to) that pass
 * @mask, ranked: largest total first, ties alphabetically. A group's mask
 * holds its events of any time (requests in flight may start earlier). */
static GPtrArray *
collect_groups (const TallyRef       *ref,
                const guint8         *mask,
                const TallyDimension *dimension,
                TallyMetric           metric,
                gint64                from,
                gint64                to)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);
  guint i1 = lower_bound (ref, to * 1000);

  for (guint i = lower_bound (ref, from * 1000); i < i1; i++)
    {
      char buf[16];
      const char *name;
      Group *group;

      if (!mask[ref->ev[i].index] || (name = group_of (ref->ev[i].event, dimension, buf)) == NULL)
        continue;
      group = g_hash_table_lookup (by_name, name);
      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->name = g_strdup (name);
          group->mask = g_new0 (guint8, MAX (ref->n, 1));
          g_hash_table_insert (by_name, group->name, group);
          g_ptr_array_add (groups, group);
        }
      group->total += rank_weight (&ref->ev[i], metric);
    }

  for (guint i = 0; i < ref->n; i++)
    {
      const TallyEvent *event = g_ptr_array_index (ref->events, i);
      char buf[16];
      const char *name = mask[i] ? group_of (event, dimension, buf) : NULL;
      Group *group = name ? g_hash_table_lookup (by_name, name) : NULL;

      if (group != NULL)
        group->mask[i] = 1;
    }

  return groups;
}

static int
compare_by_total (gconstpointer a,
                  gconstpointer b)
{
  const Group *x = *(Group **) a, *y = *(Group **) b;

  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;

  return strcmp (x->name, y->name);
}

/* Largest value first, ties alphabetically; groups without a value last. */
static int
compare_by_value (gconstpointer a,
                  gconstpointer b)
{
  const Group *x = *(Group **) a, *y = *(Group **) b;

  if (isnan (x->value) != isnan (y->value))
    return isnan (x->value) ? 1 : -1;
  if (!isnan (x->value) && x->value != y->value)
    return x->value > y->value ? -1 : 1;

  return strcmp (x->name, y->name);
}

/* Keeps the first @top groups (0: up to 100) and folds the rest into one
 * "Other", last. Returns whether it did. */
static gboolean
fold_other (const TallyRef *ref,
            GPtrArray      *groups,
            guint           top)
{
  guint keep = top > 0 ? top : TALLY_QUERY_MAX_TOP;
  Group *other;

  if (groups->len <= keep)
    return FALSE;

  other = g_new0 (Group, 1);
  other->name = g_strdup (OTHER_GROUP);
  other->mask = g_new0 (guint8, MAX (ref->n, 1));
  for (guint g = keep; g < groups->len; g++)
    {
      const Group *group = g_ptr_array_index (groups, g);

      for (guint i = 0; i < ref->n; i++)
        other->mask[i] |= group->mask[i];
      other->total += group->total;
    }
  g_ptr_array_remove_range (groups, keep, groups->len - keep);
  g_ptr_array_add (groups, other);
  return TRUE;
}

/* Shapes */

static gint64
query_interval (const TallyQuery     *query,
                const TallyTimeRange *rounded)
{
  if (query->interval_s > 0)
    return query->interval_s;

  return tally_time_range_auto_interval (rounded, query->width_px);
}

/* Each bucket counts only its part inside the range. */
static double *
bucket_values (const TallyRef   *ref,
               const guint8     *mask,
               const TallyQuery *query,
               gint64            from,
               gint64            to,
               gint64            now,
               const gint64     *buckets,
               guint             n_buckets)
{
  double *values = g_new0 (double, MAX (n_buckets, 1));

  for (guint b = 0; b < n_buckets; b++)
    {
      gint64 lo = MAX (buckets[b], from);
      gint64 hi = b + 1 < n_buckets ? MIN (buckets[b + 1], to) : to;

      values[b] = lo < hi ? stat_between (ref, mask, query, now, lo, hi) : NAN;
    }

  return values;
}

static TallyFrame *
ref_scalar (const TallyRef       *ref,
            const guint8         *mask,
            const TallyQuery     *query,
            const TallyTimeRange *range,
            gint64                from,
            gint64                to)
{
  double value = stat_between (ref, mask, query, range->now, from, to);
  double previous = stat_between (ref, mask, query, range->now, from - (to - from), from);

  return tally_frame_new_scalar (tally_metric_to_string (query->metric),
                                 tally_stat_to_string (query->stat),
                                 tally_metric_get_unit (query->metric, query->stat),
                                 value, previous);
}

static TallyFrame *
ref_timeseries (const TallyRef       *ref,
                const guint8         *mask,
                const TallyQuery     *query,
                const TallyTimeRange *rounded)
{
  gint64 interval_s = query_interval (query, rounded);
  g_autoptr(GArray) buckets = tally_time_range_get_buckets (rounded, interval_s);
  const gint64 *starts = (const gint64 *) (gpointer) buckets->data;
  TallyFrame *frame;
  g_autoptr(GPtrArray) groups = NULL;

  frame = tally_frame_new_timeseries (tally_metric_to_string (query->metric),
                                      tally_stat_to_string (query->stat),
                                      tally_metric_get_unit (query->metric, query->stat),
                                      interval_s, starts, buckets->len);
  if (!tally_query_has_group_by (query))
    {
      g_autofree double *values = bucket_values (ref, mask, query, rounded->from, rounded->to,
                                                 rounded->now, starts, buckets->len);

      tally_frame_add_series (frame, tally_metric_to_string (query->metric), values);
      return frame;
    }

  groups = collect_groups (ref, mask, &query->group_by, query->metric, rounded->from, rounded->to);
  g_ptr_array_sort (groups, compare_by_total);
  fold_other (ref, groups, query->top);
  for (guint g = 0; g < groups->len; g++)
    {
      const Group *group = g_ptr_array_index (groups, g);
      g_autofree double *values = bucket_values (ref, group->mask, query, rounded->from,
                                                 rounded->to, rounded->now, starts, buckets->len);

      tally_frame_add_series (frame, group->name, values);
    }

  return frame;
}

/* Which groups are kept follows the ranking of groups (the metric's
 * total, as for a timeseries: "keep the N largest groups"); they are then
 * shown "largest first" by the value shown, ties alphabetically, groups
 * without a value after the others, and "Other" last. */
static TallyFrame *
ref_categories (const TallyRef       *ref,
                const guint8         *mask,
                const TallyQuery     *query,
                const TallyTimeRange *rounded)
{
  g_autoptr(GPtrArray) groups = NULL;
  Group *other = NULL;
  TallyFrame *frame;

  frame = tally_frame_new_categories (tally_metric_to_string (query->metric),
                                      tally_stat_to_string (query->stat),
                                      tally_metric_get_unit (query->metric, query->stat));
  groups = collect_groups (ref, mask, &query->group_by, query->metric, rounded->from, rounded->to);
  g_ptr_array_sort (groups, compare_by_total);
  if (fold_other (ref, groups, query->top))
    other = g_ptr_array_steal_index (groups, groups->len - 1);
  for (guint g = 0; g < groups->len; g++)
    {
      Group *group = g_ptr_array_index (groups, g);

      group->value = stat_between (ref, group->mask, query, rounded->now, rounded->from,
                                   rounded->to);
    }
  g_ptr_array_sort (groups, compare_by_value);
  if (other != NULL)
    {
      other->value = stat_between (ref, other->mask, query, rounded->now, rounded->from,
                                   rounded->to);
      g_ptr_array_add (groups, other);
    }

  for (guint g = 0; g < groups->len; g++)
    {
      const Group *group = g_ptr_array_index (groups, g);

      tally_frame_add_category (frame, group->name, group->value);
    }

  return frame;
}

static void
add_minute (GArray *spans,
            gint64  minute)
{
  Span *last = spans->len > 0 ? &g_array_index (spans, Span, spans->len - 1) : NULL;
  Span span = { minute, minute + MINUTE };

  if (last != NULL && last->hi == minute)
    last->hi += MINUTE;
  else
    g_array_append_val (spans, span);
}

/* Each cell: the stat over the minutes of the range on that local day of
 * the week and hour; null where the range never reaches. "Minutes" as the
 * spec defines a bucket's: not after now, so that a cell the range only
 * reaches in the future is null, not a quiet 0 (the spec's words allow
 * both; a heatmap of this week would otherwise show the days to come as
 * quiet ones). */
static TallyFrame *
ref_matrix_day_hour (const TallyRef       *ref,
                     const guint8         *mask,
                     const TallyQuery     *query,
                     const TallyTimeRange *rounded)
{
  static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  const char *hours[24];
  char hour_names[24][3];
  GArray *cells[7][24];
  TallyFrame *frame;

  for (guint h = 0; h < 24; h++)
    {
      g_snprintf (hour_names[h], sizeof hour_names[h], "%02u", h);
      hours[h] = hour_names[h];
    }
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      cells[d][h] = g_array_new (FALSE, FALSE, sizeof (Span));

  for (gint64 m = rounded->from; m < MIN (rounded->to, rounded->now); m += MINUTE)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (m);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, rounded->tz);

      add_minute (cells[g_date_time_get_day_of_week (local) - 1][g_date_time_get_hour (local)], m);
    }

  frame = tally_frame_new_matrix (tally_metric_to_string (query->metric),
                                  tally_stat_to_string (query->stat),
                                  tally_metric_get_unit (query->metric, query->stat),
                                  days, 7, hours, 24);
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      {
        GArray *spans = cells[d][h];
        double v = NAN;

        if (spans->len > 0)
          v = stat_over (ref, mask, query->metric, query->stat, rounded->now,
                         (const Span *) (gpointer) spans->data, spans->len);
        tally_frame_set_cell (frame, d, h, v);
        g_array_unref (spans);
      }

  return frame;
}

static const char *latency_rows[] = {
  "<100 ms", "100–250 ms", "250–500 ms", "0.5–1 s", "1–2.5 s", "2.5–5 s", "5–10 s", "10–30 s",
  "≥30 s",
};
static const double latency_edges[] = { 100, 250, 500, 1000, 2500, 5000, 10000, 30000 };

static guint
latency_row (double ms)
{
  guint row = 0;

  while (row < G_N_ELEMENTS (latency_edges) && ms >= latency_edges[row])
    row++;

  return row;
}

/* Each cell: the number of requests of that latency (or TTFT, or queue
 * time) in that time bucket. */
static TallyFrame *
ref_matrix_latency (const TallyRef       *ref,
                    const guint8         *mask,
                    const TallyQuery     *query,
                    const TallyTimeRange *rounded)
{
  TallyMetric which = (query->metric == TALLY_METRIC_TTFT ||
                       query->metric == TALLY_METRIC_QUEUE_TIME) ? query->metric
                                                                 : TALLY_METRIC_LATENCY;
  gint64 interval_s = query_interval (query, rounded);
  g_autoptr(GArray) buckets = tally_time_range_get_buckets (rounded, interval_s);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  TallyFrame *frame;

  for (guint b = 0; b < buckets->len; b++)
    g_ptr_array_add (labels, g_strdup_printf ("%" G_GINT64_FORMAT,
                                              g_array_index (buckets, gint64, b)));

  /* Its cells count requests: the frame says so, of the metric counted. */
  frame = tally_frame_new_matrix (tally_metric_to_string (which),
                                  tally_stat_to_string (TALLY_STAT_COUNT),
                                  tally_metric_get_unit (which, TALLY_STAT_COUNT),
                                  latency_rows, G_N_ELEMENTS (latency_rows),
                                  (const char * const *) labels->pdata, labels->len);
  for (guint b = 0; b < buckets->len; b++)
    {
      gint64 lo = MAX (g_array_index (buckets, gint64, b), rounded->from);
      gint64 hi = b + 1 < buckets->len ? MIN (g_array_index (buckets, gint64, b + 1), rounded->to)
                                       : rounded->to;
      double cells[G_N_ELEMENTS (latency_rows)] = { 0 };
      guint i1 = lower_bound (ref, hi * 1000);

      for (guint i = lower_bound (ref, lo * 1000); i < i1; i++)
        {
          double v = amount (ref->ev[i].event, which);

          if (mask[ref->ev[i].index] && !isnan (v))
            cells[latency_row (v)] += 1;
        }
      for (guint r = 0; r < G_N_ELEMENTS (latency_rows); r++)
        tally_frame_set_cell (frame, r, b, cells[r]);
    }

  return frame;
}

/* Two dimensions: a cell per pair of values that occurs, rows and columns
 * by their totals, largest first. */
static TallyFrame *
ref_matrix_dimensions (const TallyRef       *ref,
                       const guint8         *mask,
                       const TallyQuery     *query,
                       const TallyTimeRange *rounded)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) row_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) column_names = g_ptr_array_new ();
  g_autofree guint8 *pair = g_new0 (guint8, MAX (ref->n, 1));
  TallyFrame *frame;

  rows = collect_groups (ref, mask, &query->rows, query->metric, rounded->from, rounded->to);
  columns = collect_groups (ref, mask, &query->columns, query->metric, rounded->from, rounded->to);
  g_ptr_array_sort (rows, compare_by_total);
  g_ptr_array_sort (columns, compare_by_total);
  for (guint r = 0; r < rows->len; r++)
    g_ptr_array_add (row_names, ((Group *) g_ptr_array_index (rows, r))->name);
  for (guint c = 0; c < columns->len; c++)
    g_ptr_array_add (column_names, ((Group *) g_ptr_array_index (columns, c))->name);

  frame = tally_frame_new_matrix (tally_metric_to_string (query->metric),
                                  tally_stat_to_string (query->stat),
                                  tally_metric_get_unit (query->metric, query->stat),
                                  (const char * const *) row_names->pdata, row_names->len,
                                  (const char * const *) column_names->pdata, column_names->len);
  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < columns->len; c++)
      {
        const Group *row = g_ptr_array_index (rows, r), *column = g_ptr_array_index (columns, c);
        guint i1 = lower_bound (ref, rounded->to * 1000);
        gboolean occurs = FALSE;

        for (guint i = 0; i < ref->n; i++)
          pair[i] = row->mask[i] && column->mask[i];
        for (guint i = lower_bound (ref, rounded->from * 1000); !occurs && i < i1; i++)
          occurs = pair[ref->ev[i].index];
        tally_frame_set_cell (frame, r, c,
                              occurs ? stat_between (ref, pair, query, rounded->now,
                                                     rounded->from, rounded->to)
                                     : NAN);
      }

  return frame;
}

static const struct
{
  const char      *name;
  TallyColumnType  type;
} table_columns[] = {
  { "time", TALLY_COLUMN_TIME },
  { "model", TALLY_COLUMN_STRING },
  { "provider", TALLY_COLUMN_STRING },
  { "project", TALLY_COLUMN_STRING },
  { "api_key", TALLY_COLUMN_STRING },
  { "user", TALLY_COLUMN_STRING },
  { "service", TALLY_COLUMN_STRING },
  { "language", TALLY_COLUMN_STRING },
  { "operation", TALLY_COLUMN_STRING },
  { "status", TALLY_COLUMN_STATUS },
  { "error", TALLY_COLUMN_STRING },
  { "input_tokens", TALLY_COLUMN_INTEGER },
  { "output_tokens", TALLY_COLUMN_INTEGER },
  { "cached_tokens", TALLY_COLUMN_INTEGER },
  { "cost", TALLY_COLUMN_NUMBER },
  { "latency_ms", TALLY_COLUMN_NUMBER },
  { "ttft_ms", TALLY_COLUMN_NUMBER },
  { "queue_ms", TALLY_COLUMN_NUMBER },
  { "audio_ms", TALLY_COLUMN_NUMBER },
  { "trace_id", TALLY_COLUMN_STRING },
  { "request_id", TALLY_COLUMN_STRING },
  { "labels", TALLY_COLUMN_STRING },
};

static double
integer_or_nan (gint64 value)
{
  return value >= 0 ? (double) value : NAN;
}

static void
table_add_event (TallyFrame       *frame,
                 const TallyEvent *event)
{
  static const TallyDimensionKind string_dims[] = {
    TALLY_DIMENSION_MODEL, TALLY_DIMENSION_PROVIDER, TALLY_DIMENSION_PROJECT,
    TALLY_DIMENSION_API_KEY, TALLY_DIMENSION_USER, TALLY_DIMENSION_SERVICE,
    TALLY_DIMENSION_LANGUAGE, TALLY_DIMENSION_OPERATION,
  };
  const double numbers[] = {
    integer_or_nan (event->input_tokens), integer_or_nan (event->output_tokens),
    integer_or_nan (event->cached_tokens), event->cost, event->latency_ms, event->ttft_ms,
    event->queue_ms, event->audio_ms,
  };
  g_autoptr(GString) labels = g_string_new (NULL);
  guint row = tally_frame_append_row (frame), col = 0;

  tally_frame_set_number (frame, row, col++, event->time_ms / 1000.0);
  for (guint i = 0; i < G_N_ELEMENTS (string_dims); i++)
    tally_frame_set_string (frame, row, col++, event->dims[string_dims[i]]);
  tally_frame_set_number (frame, row, col++, event->status >= 0 ? event->status : NAN);
  tally_frame_set_string (frame, row, col++, event->dims[TALLY_DIMENSION_ERROR]);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    tally_frame_set_number (frame, row, col++, numbers[i]);
  tally_frame_set_string (frame, row, col++, event->trace_id);
  tally_frame_set_string (frame, row, col++, event->request_id);
  for (guint i = 0; i < event->n_labels; i++)
    g_string_append_printf (labels, "%s%s=%s", i > 0 ? ", " : "", event->label_keys[i],
                            event->label_values[i]);
  tally_frame_set_string (frame, row, col++, event->n_labels > 0 ? labels->str : NULL);
  g_assert_cmpuint (col, ==, G_N_ELEMENTS (table_columns));
}

/* The latest events of the range that pass the filters, newest first;
 * errors and rate_limited keep only their events. */
static TallyFrame *
ref_table (const TallyRef       *ref,
           const guint8         *mask,
           const TallyQuery     *query,
           const TallyTimeRange *rounded)
{
  TallyFrame *frame = tally_frame_new_table ();
  guint i0 = lower_bound (ref, rounded->from * 1000);
  guint added = 0;

  for (guint c = 0; c < G_N_ELEMENTS (table_columns); c++)
    tally_frame_add_column (frame, table_columns[c].name, table_columns[c].type);

  for (guint i = lower_bound (ref, rounded->to * 1000); i > i0 && added < query->limit; i--)
    {
      const RefEvent *e = &ref->ev[i - 1];

      if (!mask[e->index])
        continue;
      if ((query->metric == TALLY_METRIC_ERRORS && !e->error) ||
          (query->metric == TALLY_METRIC_RATE_LIMITED && !e->rate_limited))
        continue;
      table_add_event (frame, e->event);
      added++;
    }

  return frame;
}

TallyFrame *
tally_ref_query (const TallyRef       *ref,
                 const TallyQuery     *query,
                 const TallyTimeRange *range)
{
  g_autofree guint8 *mask = filter_mask (ref, query);
  g_autoptr(TallyTimeRange) rounded = tally_time_range_copy (range);

  tally_ref_round_range (range, &rounded->from, &rounded->to);

  switch (query->shape)
    {
    case TALLY_SHAPE_SCALAR:
      return ref_scalar (ref, mask, query, range, rounded->from, rounded->to);
    case TALLY_SHAPE_TIMESERIES:
      return ref_timeseries (ref, mask, query, rounded);
    case TALLY_SHAPE_CATEGORIES:
      return ref_categories (ref, mask, query, rounded);
    case TALLY_SHAPE_MATRIX:
      if (query->rows.kind == TALLY_DIMENSION_DAY_OF_WEEK)
        return ref_matrix_day_hour (ref, mask, query, rounded);
      if (query->rows.kind == TALLY_DIMENSION_LATENCY_BUCKET)
        return ref_matrix_latency (ref, mask, query, rounded);
      return ref_matrix_dimensions (ref, mask, query, rounded);
    case TALLY_SHAPE_TABLE:
      return ref_table (ref, mask, query, rounded);
    case TALLY_N_SHAPES:
    default:
      g_assert_not_reached ();
    }
}

double *
tally_ref_series (const TallyRef       *ref,
                  const TallyQuery     *query,
                  const TallyTimeRange *range,
                  const gint64         *buckets,
                  guint                 n_buckets)
{
  g_autofree guint8 *mask = filter_mask (ref, query);
  gint64 from, to;

  tally_ref_round_range (range, &from, &to);
  return bucket_values (ref, mask, query, from, to, range->now, buckets, n_buckets);
}
