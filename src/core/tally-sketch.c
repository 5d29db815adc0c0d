/* tally-sketch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A mergeable quantile sketch in the manner of DDSketch (Masson, Rim and
 * Lee, VLDB 2019): a value v > 0 is counted in the bucket
 * i = ceil(log_γ v), with γ = (1 + α) / (1 − α). Every value in bucket i
 * lies in (γ^(i−1), γ^i], and the bucket's representative 2γ^i / (γ + 1)
 * is within α of each of them, so any quantile read from the counts is
 * within α of the exact value of that rank. Merging adds counts, which is
 * what lets per-minute rollups answer a percentile over 90 days.
 *
 * Buckets are a dense array from the lowest to the highest index used:
 * latencies of one minute span a few hundred buckets at most (α = 0.5 %
 * puts a factor of 10 in 231 of them). The serialised form writes the
 * counts as varints, so a typical sketch is a few hundred bytes. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-bytes.h"
#include "tally-sketch.h"

#define SERIAL_VERSION 1
/* 1e-3 … 1e12 at α = 0.5 % is 3454 buckets; anything larger is clamped. */
#define MAX_INDEX 2800
#define MIN_INDEX (-700)

struct _TallySketch
{
  guint64  count;
  guint64  zero_count;
  double   min;
  double   max;
  int      offset;       /* index of counts[0] */
  guint    n_buckets;    /* counts in use */
  guint    capacity;
  guint64 *counts;
};

static double gamma_value;
static double log_gamma;

static void
init_constants (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      gamma_value = (1.0 + TALLY_SKETCH_RELATIVE_ACCURACY) / (1.0 - TALLY_SKETCH_RELATIVE_ACCURACY);
      log_gamma = log (gamma_value);
      g_once_init_leave (&initialized, 1);
    }
}

static inline int
index_of (double value)
{
  /* Clamped as a double: converting infinity to int is undefined (x86
   * gives INT_MIN, which would put +inf in the lowest bucket). */
  double index = ceil (log (value) / log_gamma);

  return (int) CLAMP (index, MIN_INDEX, MAX_INDEX);
}

static inline double
value_of (int index)
{
  return 2.0 * pow (gamma_value, index) / (gamma_value + 1.0);
}

TallySketch *
tally_sketch_new (void)
{
  TallySketch *self = g_new0 (TallySketch, 1);

  init_constants ();
  self->min = INFINITY;
  self->max = -INFINITY;

  return self;
}

TallySketch *
tally_sketch_copy (const TallySketch *sketch)
{
  TallySketch *copy;

  g_return_val_if_fail (sketch != NULL, NULL);

  copy = g_memdup2 (sketch, sizeof *sketch);
  copy->capacity = sketch->n_buckets;
  copy->counts = g_memdup2 (sketch->counts, sizeof (guint64) * sketch->n_buckets);

  return copy;
}

void
tally_sketch_free (TallySketch *sketch)
{
  if (sketch == NULL)
    return;

  g_free (sketch->counts);
  g_free (sketch);
}

void
tally_sketch_clear (TallySketch *sketch)
{
  g_return_if_fail (sketch != NULL);

  sketch->count = 0;
  sketch->zero_count = 0;
  sketch->min = INFINITY;
  sketch->max = -INFINITY;
  sketch->n_buckets = 0;
}

/* Makes room so that @index has a slot, keeping the counts in place. */
static void
ensure_index (TallySketch *self,
              int          index)
{
  int low, high, new_low, new_high;
  guint needed;

  if (self->n_buckets == 0)
    {
      if (self->capacity == 0)
        {
          /* Most rollups hold few values: start small. */
          self->capacity = 8;
          self->counts = g_new0 (guint64, self->capacity);
        }
      self->offset = index;
      self->n_buckets = 1;
      self->counts[0] = 0;
      return;
    }

  low = self->offset;
  high = self->offset + (int) self->n_buckets - 1;
  if (index >= low && index <= high)
    return;

  new_low = MIN (low, index);
  new_high = MAX (high, index);
  needed = (guint) (new_high - new_low + 1);

  if (needed > self->capacity || new_low < low)
    {
      guint capacity = MAX (self->capacity, 8);
      guint64 *counts;

      while (capacity < needed)
        capacity *= 2;
      counts = g_new0 (guint64, capacity);
      memcpy (counts + (low - new_low), self->counts, sizeof (guint64) * self->n_buckets);
      g_free (self->counts);
      self->counts = counts;
      self->capacity = capacity;
    }
  else
    {
      memset (self->counts + self->n_buckets, 0, sizeof (guint64) * (needed - self->n_buckets));
    }

  self->offset = new_low;
  self->n_buckets = needed;
}

void
tally_sketch_add_n (TallySketch *sketch,
                    double       value,
                    guint64      n)
{
  g_return_if_fail (sketch != NULL);

  if (n == 0 || isnan (value))
    return;
  if (value < 0)
    value = 0;

  sketch->count += n;
  sketch->min = MIN (sketch->min, value);
  sketch->max = MAX (sketch->max, value);

  if (value <= TALLY_SKETCH_MIN_VALUE)
    {
      sketch->zero_count += n;
    }
  else
    {
      int index = index_of (value);

      ensure_index (sketch, index);
      sketch->counts[index - sketch->offset] += n;
    }
}

void
tally_sketch_add (TallySketch *sketch,
                  double       value)
{
  tally_sketch_add_n (sketch, value, 1);
}

void
tally_sketch_merge (TallySketch       *sketch,
                    const TallySketch *other)
{
  g_return_if_fail (sketch != NULL);
  g_return_if_fail (other != NULL);

  if (other->count == 0)
    return;

  sketch->count += other->count;
  sketch->zero_count += other->zero_count;
  sketch->min = MIN (sketch->min, other->min);
  sketch->max = MAX (sketch->max, other->max);

  if (other->n_buckets == 0)
    return;

  ensure_index (sketch, other->offset);
  ensure_index (sketch, other->offset + (int) other->n_buckets - 1);
  for (guint i = 0; i < other->n_buckets; i++)
    sketch->counts[other->offset + (int) i - sketch->offset] += other->counts[i];
}

gboolean
tally_sketch_is_empty (const TallySketch *sketch)
{
  g_return_val_if_fail (sketch != NULL, TRUE);

  return sketch->count == 0;
}

guint64
tally_sketch_get_count (const TallySketch *sketch)
{
  g_return_val_if_fail (sketch != NULL, 0);

  return sketch->count;
}

double
tally_sketch_get_min (const TallySketch *sketch)
{
  g_return_val_if_fail (sketch != NULL, NAN);

  return sketch->count > 0 ? sketch->min : NAN;
}

double
tally_sketch_get_max (const TallySketch *sketch)
{
  g_return_val_if_fail (sketch != NULL, NAN);

  return sketch->count > 0 ? sketch->max : NAN;
}

/**
 * tally_sketch_quantile:
 * @q: 0 to 1
 *
 * The value of nearest rank ceil(q × n) (the same rule as the exact
 * percentiles elsewhere in Tally), within TALLY_SKETCH_RELATIVE_ACCURACY.
 * NAN for an empty sketch.
 */
double
tally_sketch_quantile (const TallySketch *sketch,
                       double             q)
{
  guint64 rank;
  guint64 seen;

  g_return_val_if_fail (sketch != NULL, NAN);

  if (sketch->count == 0 || isnan (q))
    return NAN;

  q = CLAMP (q, 0.0, 1.0);
  rank = (guint64) ceil (q * (double) sketch->count);
  rank = CLAMP (rank, 1, sketch->count);

  /* The extremes are kept exactly. */
  if (rank == 1)
    return sketch->min;
  if (rank == sketch->count)
    return sketch->max;

  seen = sketch->zero_count;
  if (seen >= rank)
    return 0.0;

  for (guint i = 0; i < sketch->n_buckets; i++)
    {
      seen += sketch->counts[i];
      if (seen >= rank)
        return CLAMP (value_of (sketch->offset + (int) i), sketch->min, sketch->max);
    }

  return sketch->max;
}

/* How many values are at most @value, to the resolution of one bucket:
 * a bucket counts when its representative is at most @value. */
guint64
tally_sketch_count_at_most (const TallySketch *sketch,
                            double             value)
{
  guint64 total;

  g_return_val_if_fail (sketch != NULL, 0);

  if (sketch->count == 0 || value < 0)
    return 0;
  if (value >= sketch->max)
    return sketch->count;

  total = sketch->zero_count;
  for (guint i = 0; i < sketch->n_buckets; i++)
    {
      if (value_of (sketch->offset + (int) i) > value)
        break;
      total += sketch->counts[i];
    }

  return total;
}

/* Serialisation: a version byte, then varints: count of the zero bucket,
 * zigzag offset, number of buckets, each count; then min and max as
 * little-endian doubles. */

/* The counts alone: zero bucket, zigzag offset, number of buckets, each
 * count, empty buckets at both ends trimmed. */
static void
put_counts (const TallySketch *sketch,
            GByteArray        *out)
{
  guint first = 0;
  guint last = sketch->n_buckets;
  gint64 offset;

  while (first < last && sketch->counts[first] == 0)
    first++;
  while (last > first && sketch->counts[last - 1] == 0)
    last--;

  offset = (gint64) sketch->offset + first;
  tally_bytes_put_varint (out, sketch->zero_count);
  /* Zigzag on the unsigned value: shifting a negative left is undefined. */
  tally_bytes_put_varint (out, ((guint64) offset << 1) ^ (guint64) (offset >> 63));
  tally_bytes_put_varint (out, last - first);
  for (guint i = first; i < last; i++)
    tally_bytes_put_varint (out, sketch->counts[i]);
}

void
tally_sketch_serialize (const TallySketch *sketch,
                        GByteArray        *out)
{
  g_return_if_fail (sketch != NULL);
  g_return_if_fail (out != NULL);

  g_byte_array_append (out, (const guint8[]) { SERIAL_VERSION }, 1);
  put_counts (sketch, out);
  tally_bytes_put_double (out, sketch->count > 0 ? sketch->min : 0);
  tally_bytes_put_double (out, sketch->count > 0 ? sketch->max : 0);
}

/**
 * tally_sketch_serialize_counts:
 *
 * The counts without the version and the extremes, for a container that
 * keeps the minimum and maximum itself (a rollup does) and passes them to
 * tally_sketch_merge_counts().
 */
void
tally_sketch_serialize_counts (const TallySketch *sketch,
                               GByteArray        *out)
{
  g_return_if_fail (sketch != NULL);
  g_return_if_fail (out != NULL);

  put_counts (sketch, out);
}

typedef struct
{
  guint64       zero_count;
  int           offset;
  guint64       n;
  const guint8 *first_count;
  guint64       total;
} Counts;

/* Reads and checks a counts body at *@p, moving *@p past it. */
static gboolean
parse_counts (const guint8 **p,
              const guint8  *end,
              Counts        *c)
{
  guint64 zigzag, count;
  gint64 offset64;

  if (!tally_bytes_get_varint (p, end, &c->zero_count) ||
      !tally_bytes_get_varint (p, end, &zigzag) ||
      !tally_bytes_get_varint (p, end, &c->n))
    return FALSE;
  /* Checked before narrowing to int, or a huge offset could wrap into range. */
  offset64 = (gint64) (zigzag >> 1) ^ -(gint64) (zigzag & 1);
  if (offset64 < MIN_INDEX || c->n > (guint64) (MAX_INDEX - MIN_INDEX + 1) ||
      offset64 + (gint64) c->n - 1 > MAX_INDEX)
    return FALSE;
  c->offset = (int) offset64;

  c->first_count = *p;
  c->total = c->zero_count;
  for (guint64 i = 0; i < c->n; i++)
    {
      if (!tally_bytes_get_varint (p, end, &count) || c->total + count < c->total)
        return FALSE;
      c->total += count;
    }

  return TRUE;
}

/* Adds checked counts and their extremes to @sketch; FALSE, changing
 * nothing, if the extremes are not sane. */
static gboolean
apply_counts (TallySketch  *sketch,
              const Counts *c,
              const guint8 *end,
              double        min,
              double        max)
{
  const guint8 *p = c->first_count;
  guint64 count = 0;

  if (c->total == 0)
    return TRUE;
  /* NaN would poison every later MIN/MAX; the counts must not overflow. */
  if (isnan (min) || isnan (max) || min < 0 || min > max || sketch->count + c->total < c->total)
    return FALSE;

  sketch->count += c->total;
  sketch->zero_count += c->zero_count;
  sketch->min = MIN (sketch->min, min);
  sketch->max = MAX (sketch->max, max);
  if (c->n == 0)
    return TRUE;

  ensure_index (sketch, c->offset);
  ensure_index (sketch, c->offset + (int) c->n - 1);
  for (guint64 i = 0; i < c->n; i++)
    {
      tally_bytes_get_varint (&p, end, &count);
      sketch->counts[c->offset + (int) i - sketch->offset] += count;
    }

  return TRUE;
}

/**
 * tally_sketch_merge_bytes:
 *
 * Adds a serialised sketch into @sketch without building a second one.
 * Returns FALSE, changing nothing, if @data is not a valid sketch.
 */
gboolean
tally_sketch_merge_bytes (TallySketch  *sketch,
                          const guint8 *data,
                          gsize         len)
{
  const guint8 *p = data;
  const guint8 *end = data + len;
  double min, max;
  Counts c;

  g_return_val_if_fail (sketch != NULL, FALSE);

  if (len < 1 || data[0] != SERIAL_VERSION)
    return FALSE;
  p++;
  if (!parse_counts (&p, end, &c) || !tally_bytes_get_double (&p, end, &min) ||
      !tally_bytes_get_double (&p, end, &max) || p != end)
    return FALSE;

  return apply_counts (sketch, &c, end, min, max);
}

/* Adds counts written by tally_sketch_serialize_counts(), whose container
 * kept @min and @max. Returns FALSE, changing nothing, on invalid data. */
gboolean
tally_sketch_merge_counts (TallySketch  *sketch,
                           const guint8 *data,
                           gsize         len,
                           double        min,
                           double        max)
{
  const guint8 *p = data;
  const guint8 *end = data + len;
  Counts c;

  g_return_val_if_fail (sketch != NULL, FALSE);

  if (!parse_counts (&p, end, &c) || p != end)
    return FALSE;

  return apply_counts (sketch, &c, end, min, max);
}

TallySketch *
tally_sketch_new_from_bytes (const guint8 *data,
                             gsize         len)
{
  g_autoptr(TallySketch) sketch = tally_sketch_new ();

  if (!tally_sketch_merge_bytes (sketch, data, len))
    return NULL;

  return g_steal_pointer (&sketch);
}
