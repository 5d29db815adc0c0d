/* tally-rollup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The mergeable aggregate of a set of events. The store writes one per
 * (minute or hour) × (total, dimension value or series) and the query
 * engine merges them into buckets; both go through this file, so what is
 * stored and what is read can never disagree.
 *
 * The serialised form is compact because there are many rows, most of
 * them holding a handful of events: a version byte, a bitmask of the
 * sections present, then varint counts; numbers as varints when they are
 * whole (token counts are) and as doubles otherwise; a section of one
 * value stores it once for sum, minimum and maximum; and each sketch
 * holds its counts only, after its length, so a reader that wants none of
 * it skips it whole. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-bytes.h"
#include "tally-rollup.h"

#define SERIAL_VERSION 1

enum
{
  HAS_COUNTS  = 1 << 0,
  HAS_INPUT   = 1 << 1,
  HAS_OUTPUT  = 1 << 2,
  HAS_CACHED  = 1 << 3,
  HAS_TOKENS  = 1 << 4,
  HAS_COST    = 1 << 5,
  HAS_LATENCY = 1 << 6,
  HAS_TTFT    = 1 << 7,
  HAS_QUEUE   = 1 << 8,
  HAS_RTF     = 1 << 9,
  HAS_BUSY    = 1 << 10,
};

static void
amount_init (TallyAmount *amount)
{
  amount->n = 0;
  amount->sum = 0;
  amount->min = INFINITY;
  amount->max = -INFINITY;
}

static void
measure_init (TallyMeasure *measure)
{
  measure->n = 0;
  measure->sum = 0;
  measure->min = INFINITY;
  measure->max = -INFINITY;
  measure->sketch = NULL;
}

void
tally_rollup_init (TallyRollup *rollup)
{
  memset (rollup, 0, sizeof *rollup);
  amount_init (&rollup->input);
  amount_init (&rollup->output);
  amount_init (&rollup->cached);
  amount_init (&rollup->tokens);
  amount_init (&rollup->cost);
  measure_init (&rollup->latency);
  measure_init (&rollup->ttft);
  measure_init (&rollup->queue);
  measure_init (&rollup->rtf);
}

void
tally_rollup_clear (TallyRollup *rollup)
{
  g_clear_pointer (&rollup->latency.sketch, tally_sketch_free);
  g_clear_pointer (&rollup->ttft.sketch, tally_sketch_free);
  g_clear_pointer (&rollup->queue.sketch, tally_sketch_free);
  g_clear_pointer (&rollup->rtf.sketch, tally_sketch_free);
  tally_rollup_init (rollup);
}

TallyRollup *
tally_rollup_new (void)
{
  TallyRollup *rollup = g_new (TallyRollup, 1);

  tally_rollup_init (rollup);
  return rollup;
}

void
tally_rollup_free (TallyRollup *rollup)
{
  if (rollup == NULL)
    return;

  tally_rollup_clear (rollup);
  g_free (rollup);
}

static void
amount_add (TallyAmount *amount,
            double       value)
{
  amount->n++;
  amount->sum += value;
  amount->min = MIN (amount->min, value);
  amount->max = MAX (amount->max, value);
}

static void
measure_add (TallyMeasure *measure,
             double        value)
{
  measure->n++;
  measure->sum += value;
  measure->min = MIN (measure->min, value);
  measure->max = MAX (measure->max, value);
  if (measure->sketch == NULL)
    measure->sketch = tally_sketch_new ();
  tally_sketch_add (measure->sketch, value);
}

void
tally_event_values_init (TallyEventValues *values,
                         const TallyEvent *event)
{
  values->is_error = tally_event_is_error (event);
  values->is_rate_limited = tally_event_is_rate_limited (event);
  values->input = event->input_tokens;
  values->output = event->output_tokens;
  values->cached = event->cached_tokens;
  values->tokens = tally_event_get_tokens (event);
  values->cost = event->cost;
  values->latency = event->latency_ms;
  values->ttft = event->ttft_ms;
  values->queue = event->queue_ms;
  values->rtf = tally_event_get_rtf (event);
}

void
tally_rollup_add_values (TallyRollup            *rollup,
                         const TallyEventValues *values)
{
  rollup->requests++;
  rollup->errors += values->is_error;
  rollup->rate_limited += values->is_rate_limited;

  if (values->input >= 0)
    amount_add (&rollup->input, values->input);
  if (values->output >= 0)
    amount_add (&rollup->output, values->output);
  if (values->cached >= 0)
    amount_add (&rollup->cached, values->cached);
  if (values->tokens >= 0)
    amount_add (&rollup->tokens, values->tokens);
  if (!isnan (values->cost))
    amount_add (&rollup->cost, values->cost);

  if (!isnan (values->latency))
    measure_add (&rollup->latency, values->latency);
  if (!isnan (values->ttft))
    measure_add (&rollup->ttft, values->ttft);
  if (!isnan (values->queue))
    measure_add (&rollup->queue, values->queue);
  if (!isnan (values->rtf))
    measure_add (&rollup->rtf, values->rtf);
}

void
tally_rollup_add_event (TallyRollup      *rollup,
                        const TallyEvent *event)
{
  TallyEventValues values;

  tally_event_values_init (&values, event);
  tally_rollup_add_values (rollup, &values);
}

static void
amount_merge (TallyAmount       *amount,
              const TallyAmount *other)
{
  if (other->n == 0)
    return;
  amount->n += other->n;
  amount->sum += other->sum;
  amount->min = MIN (amount->min, other->min);
  amount->max = MAX (amount->max, other->max);
}

static void
measure_merge (TallyMeasure       *measure,
               const TallyMeasure *other)
{
  if (other->n == 0)
    return;
  measure->n += other->n;
  measure->sum += other->sum;
  measure->min = MIN (measure->min, other->min);
  measure->max = MAX (measure->max, other->max);
  if (other->sketch != NULL)
    {
      if (measure->sketch == NULL)
        measure->sketch = tally_sketch_new ();
      tally_sketch_merge (measure->sketch, other->sketch);
    }
}

void
tally_rollup_merge (TallyRollup       *rollup,
                    const TallyRollup *other)
{
  rollup->requests += other->requests;
  rollup->errors += other->errors;
  rollup->rate_limited += other->rate_limited;
  amount_merge (&rollup->input, &other->input);
  amount_merge (&rollup->output, &other->output);
  amount_merge (&rollup->cached, &other->cached);
  amount_merge (&rollup->tokens, &other->tokens);
  amount_merge (&rollup->cost, &other->cost);
  measure_merge (&rollup->latency, &other->latency);
  measure_merge (&rollup->ttft, &other->ttft);
  measure_merge (&rollup->queue, &other->queue);
  measure_merge (&rollup->rtf, &other->rtf);
  rollup->busy_ms += other->busy_ms;
}

/* Serialisation */

/* A whole number within ±2^52 is a zigzag varint shifted left once (its
 * first byte even); anything else is the byte 1 and a double. */
static void
put_number (GByteArray *out,
            double      value)
{
  if (value == floor (value) && fabs (value) < 4503599627370496.0)
    {
      gint64 n = (gint64) value;

      tally_bytes_put_varint (out, (((guint64) n << 1) ^ (guint64) (n >> 63)) << 1);
    }
  else
    {
      g_byte_array_append (out, (const guint8[]) { 1 }, 1);
      tally_bytes_put_double (out, value);
    }
}

/* n, then the sum, and the extremes only when there is more than one. */
static void
put_stats (GByteArray *out,
           guint64     n,
           double      sum,
           double      min,
           double      max)
{
  tally_bytes_put_varint (out, n);
  put_number (out, sum);
  if (n > 1)
    {
      put_number (out, min);
      put_number (out, max);
    }
}

static void
put_amount (GByteArray        *out,
            const TallyAmount *amount)
{
  put_stats (out, amount->n, amount->sum, amount->min, amount->max);
}

static void
put_measure (GByteArray         *out,
             const TallyMeasure *measure)
{
  g_autoptr(GByteArray) sketch = g_byte_array_new ();

  put_stats (out, measure->n, measure->sum, measure->min, measure->max);
  /* A rollup read without its sketches has none to write back. */
  if (measure->sketch != NULL)
    tally_sketch_serialize_counts (measure->sketch, sketch);
  tally_bytes_put_varint (out, sketch->len);
  g_byte_array_append (out, sketch->data, sketch->len);
}

void
tally_rollup_serialize (const TallyRollup *rollup,
                        GByteArray        *out)
{
  guint64 mask = 0;

  if (rollup->requests > 0)
    mask |= HAS_COUNTS;
  if (rollup->input.n > 0)
    mask |= HAS_INPUT;
  if (rollup->output.n > 0)
    mask |= HAS_OUTPUT;
  if (rollup->cached.n > 0)
    mask |= HAS_CACHED;
  if (rollup->tokens.n > 0)
    mask |= HAS_TOKENS;
  if (rollup->cost.n > 0)
    mask |= HAS_COST;
  if (rollup->latency.n > 0)
    mask |= HAS_LATENCY;
  if (rollup->ttft.n > 0)
    mask |= HAS_TTFT;
  if (rollup->queue.n > 0)
    mask |= HAS_QUEUE;
  if (rollup->rtf.n > 0)
    mask |= HAS_RTF;
  if (rollup->busy_ms > 0)
    mask |= HAS_BUSY;

  g_byte_array_append (out, (const guint8[]) { SERIAL_VERSION }, 1);
  tally_bytes_put_varint (out, mask);
  if (mask & HAS_COUNTS)
    {
      tally_bytes_put_varint (out, rollup->requests);
      tally_bytes_put_varint (out, rollup->errors);
      tally_bytes_put_varint (out, rollup->rate_limited);
    }
  if (mask & HAS_INPUT)
    put_amount (out, &rollup->input);
  if (mask & HAS_OUTPUT)
    put_amount (out, &rollup->output);
  if (mask & HAS_CACHED)
    put_amount (out, &rollup->cached);
  if (mask & HAS_TOKENS)
    put_amount (out, &rollup->tokens);
  if (mask & HAS_COST)
    put_amount (out, &rollup->cost);
  if (mask & HAS_LATENCY)
    put_measure (out, &rollup->latency);
  if (mask & HAS_TTFT)
    put_measure (out, &rollup->ttft);
  if (mask & HAS_QUEUE)
    put_measure (out, &rollup->queue);
  if (mask & HAS_RTF)
    put_measure (out, &rollup->rtf);
  if (mask & HAS_BUSY)
    tally_bytes_put_double (out, rollup->busy_ms);
}

typedef struct
{
  const guint8 *p;
  const guint8 *end;
  gboolean      ok;
} Reader;

static guint64
get_varint (Reader *r)
{
  guint64 value = 0;

  r->ok = r->ok && tally_bytes_get_varint (&r->p, r->end, &value);
  return r->ok ? value : 0;
}

static double
get_double (Reader *r)
{
  double value = 0;

  r->ok = r->ok && tally_bytes_get_double (&r->p, r->end, &value);
  return r->ok ? value : 0;
}

static double
get_number (Reader *r)
{
  guint64 v;

  if (r->ok && r->p < r->end && *r->p == 1)
    {
      r->p++;
      return get_double (r);
    }

  v = get_varint (r) >> 1;
  return (double) ((gint64) (v >> 1) ^ -(gint64) (v & 1));
}

static void
get_stats (Reader  *r,
           guint64 *n,
           double  *sum,
           double  *min,
           double  *max)
{
  *n = get_varint (r);
  *sum = get_number (r);
  if (*n > 1)
    {
      *min = get_number (r);
      *max = get_number (r);
    }
  else
    {
      *min = *max = *sum;
    }
}

static void
get_amount (Reader      *r,
            TallyAmount *amount)
{
  TallyAmount other;

  get_stats (r, &other.n, &other.sum, &other.min, &other.max);
  if (r->ok)
    amount_merge (amount, &other);
}

static void
get_measure (Reader       *r,
             TallyMeasure *measure,
             gboolean      keep_sketch)
{
  TallyMeasure other = { 0 };
  guint64 sketch_len;

  get_stats (r, &other.n, &other.sum, &other.min, &other.max);
  sketch_len = get_varint (r);
  if (!r->ok || sketch_len > (guint64) (r->end - r->p))
    {
      r->ok = FALSE;
      return;
    }

  measure_merge (measure, &other);
  if (keep_sketch && other.n > 0 && sketch_len > 0)
    {
      if (measure->sketch == NULL)
        measure->sketch = tally_sketch_new ();
      if (!tally_sketch_merge_counts (measure->sketch, r->p, sketch_len, other.min, other.max))
        r->ok = FALSE;
    }
  r->p += sketch_len;
}

/**
 * tally_rollup_merge_bytes:
 *
 * Adds a serialised rollup into @rollup. Returns FALSE if @data is not a
 * valid rollup; @rollup may then hold part of it, so callers treat that as
 * a corrupt store and stop.
 */
gboolean
tally_rollup_merge_bytes (TallyRollup            *rollup,
                          const guint8           *data,
                          gsize                   len,
                          TallyRollupDecodeFlags  flags)
{
  Reader r = { data, data + len, TRUE };
  guint64 mask;

  if (len < 2 || data[0] != SERIAL_VERSION)
    return FALSE;
  r.p++;
  mask = get_varint (&r);

  if (mask & HAS_COUNTS)
    {
      guint64 requests = get_varint (&r);
      guint64 errors = get_varint (&r);
      guint64 rate_limited = get_varint (&r);

      if (!r.ok)
        return FALSE;
      rollup->requests += requests;
      rollup->errors += errors;
      rollup->rate_limited += rate_limited;
    }
  if (mask & HAS_INPUT)
    get_amount (&r, &rollup->input);
  if (mask & HAS_OUTPUT)
    get_amount (&r, &rollup->output);
  if (mask & HAS_CACHED)
    get_amount (&r, &rollup->cached);
  if (mask & HAS_TOKENS)
    get_amount (&r, &rollup->tokens);
  if (mask & HAS_COST)
    get_amount (&r, &rollup->cost);
  if (mask & HAS_LATENCY)
    get_measure (&r, &rollup->latency, flags & TALLY_ROLLUP_DECODE_LATENCY);
  if (mask & HAS_TTFT)
    get_measure (&r, &rollup->ttft, flags & TALLY_ROLLUP_DECODE_TTFT);
  if (mask & HAS_QUEUE)
    get_measure (&r, &rollup->queue, flags & TALLY_ROLLUP_DECODE_QUEUE);
  if (mask & HAS_RTF)
    get_measure (&r, &rollup->rtf, flags & TALLY_ROLLUP_DECODE_RTF);
  if (mask & HAS_BUSY)
    rollup->busy_ms += get_double (&r);

  return r.ok && r.p == r.end;
}

/* Reading values */

const TallyAmount *
tally_rollup_get_amount (const TallyRollup *rollup,
                         TallyMetric        metric)
{
  switch (metric)
    {
    case TALLY_METRIC_INPUT_TOKENS:
      return &rollup->input;
    case TALLY_METRIC_OUTPUT_TOKENS:
      return &rollup->output;
    case TALLY_METRIC_CACHED_TOKENS:
      return &rollup->cached;
    case TALLY_METRIC_TOKENS:
      return &rollup->tokens;
    case TALLY_METRIC_COST:
      return &rollup->cost;
    default:
      return NULL;
    }
}

const TallyMeasure *
tally_rollup_get_measure (const TallyRollup *rollup,
                          TallyMetric        metric)
{
  switch (metric)
    {
    case TALLY_METRIC_LATENCY:
      return &rollup->latency;
    case TALLY_METRIC_TTFT:
      return &rollup->ttft;
    case TALLY_METRIC_QUEUE_TIME:
      return &rollup->queue;
    case TALLY_METRIC_RTF:
      return &rollup->rtf;
    default:
      return NULL;
    }
}

/* The sketch a query of @metric needs, if any. */
TallyRollupDecodeFlags
tally_rollup_decode_flags_for (TallyMetric metric)
{
  switch (metric)
    {
    case TALLY_METRIC_LATENCY:
      return TALLY_ROLLUP_DECODE_LATENCY;
    case TALLY_METRIC_TTFT:
      return TALLY_ROLLUP_DECODE_TTFT;
    case TALLY_METRIC_QUEUE_TIME:
      return TALLY_ROLLUP_DECODE_QUEUE;
    case TALLY_METRIC_RTF:
      return TALLY_ROLLUP_DECODE_RTF;
    default:
      return TALLY_ROLLUP_DECODE_NO_SKETCHES;
    }
}

guint64
tally_rollup_get_count (const TallyRollup *rollup,
                        TallyMetric        metric)
{
  switch (metric)
    {
    case TALLY_METRIC_REQUESTS:
      return rollup->requests;
    case TALLY_METRIC_ERRORS:
      return rollup->errors;
    case TALLY_METRIC_RATE_LIMITED:
      return rollup->rate_limited;
    case TALLY_METRIC_UNPRICED_REQUESTS:
      /* the events that carry no cost and had none from the price list */
      return rollup->requests - rollup->cost.n;
    default:
      return 0;
    }
}

/* NAN when the denominator is zero: no requests, no cost. */
double
tally_rollup_get_ratio (const TallyRollup *rollup,
                        TallyMetric        metric)
{
  double num, den;

  switch (metric)
    {
    case TALLY_METRIC_ERROR_RATE:
      num = rollup->errors;
      den = rollup->requests;
      break;
    case TALLY_METRIC_RATE_LIMIT_RATE:
      num = rollup->rate_limited;
      den = rollup->requests;
      break;
    case TALLY_METRIC_COST_PER_REQUEST:
      /* over the requests whose cost is known */
      num = rollup->cost.sum;
      den = rollup->cost.n;
      break;
    case TALLY_METRIC_TOKENS_PER_DOLLAR:
      num = rollup->tokens.sum;
      den = rollup->cost.sum;
      break;
    default:
      return NAN;
    }

  return den > 0 ? num / den : NAN;
}

static double
amount_value (const TallyAmount *amount,
              TallyStat          stat,
              double             minutes)
{
  switch (stat)
    {
    case TALLY_STAT_SUM:
      return amount->sum;
    case TALLY_STAT_COUNT:
      return amount->n;
    case TALLY_STAT_RATE:
      return minutes > 0 ? amount->sum / minutes : NAN;
    case TALLY_STAT_AVG:
      return amount->n > 0 ? amount->sum / amount->n : NAN;
    case TALLY_STAT_MIN:
      return amount->n > 0 ? amount->min : NAN;
    case TALLY_STAT_MAX:
      return amount->n > 0 ? amount->max : NAN;
    default:
      return NAN;
    }
}

static double
measure_value (const TallyMeasure *measure,
               TallyStat           stat)
{
  if (stat == TALLY_STAT_SUM)
    return measure->sum;
  if (stat == TALLY_STAT_COUNT)
    return measure->n;
  if (measure->n == 0)
    return NAN;
  if (stat == TALLY_STAT_AVG)
    return measure->sum / measure->n;
  if (stat == TALLY_STAT_MIN)
    return measure->min;
  if (stat == TALLY_STAT_MAX)
    return measure->max;
  if (tally_stat_is_percentile (stat) && measure->sketch != NULL)
    return tally_sketch_quantile (measure->sketch, tally_stat_get_quantile (stat));

  return NAN;
}

/**
 * tally_rollup_get_value:
 * @minutes: the length of the rollup's span that has passed, in minutes
 *
 * The value of @metric under @stat for this rollup as one bucket. Stats
 * that run over per-minute values (tally_metric_stat_is_per_minute()) are
 * not computed here: they need the minutes, and give NAN. For one minute
 * (@minutes = 1) the AVG of a count, ratio or concurrency is the value of
 * that minute.
 */
double
tally_rollup_get_value (const TallyRollup *rollup,
                        TallyMetric        metric,
                        TallyStat          stat,
                        double             minutes)
{
  switch (tally_metric_get_kind (metric))
    {
    case TALLY_METRIC_KIND_COUNT:
      if (stat == TALLY_STAT_SUM || stat == TALLY_STAT_COUNT)
        return tally_rollup_get_count (rollup, metric);
      if (stat == TALLY_STAT_RATE || stat == TALLY_STAT_AVG)
        return minutes > 0 ? tally_rollup_get_count (rollup, metric) / minutes : NAN;
      return NAN;

    case TALLY_METRIC_KIND_AMOUNT:
      return amount_value (tally_rollup_get_amount (rollup, metric), stat, minutes);

    case TALLY_METRIC_KIND_RATIO:
      return stat == TALLY_STAT_AVG ? tally_rollup_get_ratio (rollup, metric) : NAN;

    case TALLY_METRIC_KIND_DURATION:
      return measure_value (tally_rollup_get_measure (rollup, metric), stat);

    case TALLY_METRIC_KIND_CONCURRENCY:
      if (stat == TALLY_STAT_AVG)
        return minutes > 0 ? rollup->busy_ms / (minutes * 60000.0) : NAN;
      return NAN;

    default:
      g_assert_not_reached ();
    }
}
