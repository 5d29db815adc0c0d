/* test-sketch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Every latency percentile Tally shows comes out of these sketches, merged
 * from per-minute rollups: the checks here compare them with exact
 * nearest-rank percentiles of the same values, and make sure a damaged
 * rollup row can never change a sketch. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-sketch.h"
#include "tally-test-utils.h"

/* What DESIGN.md promises; the sketch claims TALLY_SKETCH_RELATIVE_ACCURACY. */
#define CONTRACT_ERROR 0.01

static const double quantiles[] = { 0.0, 0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0 };

typedef double (*Distribution) (GRand *rand);

static double
normal (GRand *rand)
{
  /* Box-Muller; 1 − u keeps the logarithm finite. */
  double u = 1.0 - g_rand_double (rand);
  double v = g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

/* Request latencies in ms: median 300 ms, p99 near 2 s. */
static double
log_normal (GRand *rand)
{
  return exp (log (300.0) + 0.8 * normal (rand));
}

static double
uniform (GRand *rand)
{
  return g_rand_double_range (rand, 1.0, 1000.0);
}

/* Pareto with α = 1.1: a tail of rare requests thousands of times slower. */
static double
pareto (GRand *rand)
{
  return 10.0 / pow (1.0 - g_rand_double (rand), 1.0 / 1.1);
}

static double
constant (GRand *rand)
{
  return 42.0;
}

static double
tiny (GRand *rand)
{
  return g_rand_double_range (rand, 0.0, TALLY_SKETCH_MIN_VALUE);
}

/* Half of the values in the zero bucket, half ordinary latencies. */
static double
half_tiny (GRand *rand)
{
  return g_rand_boolean (rand) ? tiny (rand) : log_normal (rand);
}

static double
huge (GRand *rand)
{
  return 1e9 * g_rand_double_range (rand, 1.0, 10.0);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double *
sample (Distribution distribution,
        guint32      seed,
        guint        n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double *values = g_new (double, n);

  for (guint i = 0; i < n; i++)
    values[i] = distribution (rand);
  return values;
}

/* Nearest rank, 1-based: rank = ceil(q × n), as the sketch documents. */
static double
exact_quantile (const double *sorted,
                guint         n,
                double        q)
{
  guint64 rank = (guint64) ceil (q * (double) n);

  return sorted[CLAMP (rank, 1, n) - 1];
}

static TallySketch *
sketch_of (const double *values,
           guint         n)
{
  TallySketch *sketch = tally_sketch_new ();

  for (guint i = 0; i < n; i++)
    tally_sketch_add (sketch, values[i]);
  return sketch;
}

static GBytes *
serialize (const TallySketch *sketch)
{
  GByteArray *bytes = g_byte_array_new ();

  tally_sketch_serialize (sketch, bytes);
  return g_byte_array_free_to_bytes (bytes);
}

static void
check_accuracy (Distribution distribution,
                const char  *name)
{
  const guint n = 20000;
  g_autofree double *values = sample (distribution, 20260323, n);
  g_autoptr(TallySketch) sketch = sketch_of (values, n);
  double worst = 0;

  qsort (values, n, sizeof (double), compare_doubles);
  g_assert_cmpuint (tally_sketch_get_count (sketch), ==, n);
  g_assert_cmpfloat (tally_sketch_get_min (sketch), ==, values[0]);
  g_assert_cmpfloat (tally_sketch_get_max (sketch), ==, values[n - 1]);

  for (guint i = 0; i < G_N_ELEMENTS (quantiles); i++)
    {
      double exact = exact_quantile (values, n, quantiles[i]);
      double estimate = tally_sketch_quantile (sketch, quantiles[i]);

      if (exact <= TALLY_SKETCH_MIN_VALUE)
        {
          /* The zero bucket reads back as 0 (min and max are exact). */
          g_assert_cmpfloat_with_epsilon (estimate, exact, TALLY_SKETCH_MIN_VALUE);
          continue;
        }

      g_assert_cmpfloat (fabs (estimate - exact) / exact, <=, CONTRACT_ERROR);
      worst = MAX (worst, fabs (estimate - exact) / exact);
    }

  /* The sketch's own claim, with room for one rounding of a double. */
  g_assert_cmpfloat (worst, <=, TALLY_SKETCH_RELATIVE_ACCURACY * (1 + 1e-9));
  g_test_message ("%s: worst relative error %.4f %%", name, 100 * worst);
}

static void
test_accuracy (void)
{
  check_accuracy (log_normal, "log-normal");
  check_accuracy (uniform, "uniform");
  check_accuracy (pareto, "pareto");
  check_accuracy (constant, "constant");
  check_accuracy (half_tiny, "half in the zero bucket");
  check_accuracy (huge, "1e9..1e10");
}

static void
test_zero_bucket (void)
{
  const guint n = 1000;
  g_autofree double *values = sample (tiny, 7, n);
  g_autoptr(TallySketch) sketch = sketch_of (values, n);

  qsort (values, n, sizeof (double), compare_doubles);
  /* Values at or below TALLY_SKETCH_MIN_VALUE are counted as 0 ... */
  g_assert_cmpfloat (tally_sketch_quantile (sketch, 0.5), ==, 0.0);
  g_assert_cmpfloat (tally_sketch_quantile (sketch, 0.99), ==, 0.0);
  /* ... but the extremes are kept exactly. */
  g_assert_cmpfloat (tally_sketch_quantile (sketch, 0.0), ==, values[0]);
  g_assert_cmpfloat (tally_sketch_quantile (sketch, 1.0), ==, values[n - 1]);
  g_assert_cmpuint (tally_sketch_count_at_most (sketch, 0.0), ==, n);

  /* Negative values count as 0, NaN is ignored. */
  tally_sketch_add (sketch, -5.0);
  tally_sketch_add (sketch, NAN);
  g_assert_cmpuint (tally_sketch_get_count (sketch), ==, n + 1);
  g_assert_cmpfloat (tally_sketch_get_min (sketch), ==, 0.0);
}

static void
test_infinity (void)
{
  g_autoptr(TallySketch) sketch = tally_sketch_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TallySketch) back = NULL;

  /* A ratio with a zero denominator (real-time factor of no audio) must
   * land above every finite value, not in the lowest bucket. */
  for (guint i = 0; i < 98; i++)
    tally_sketch_add (sketch, 100.0);
  tally_sketch_add (sketch, INFINITY);
  tally_sketch_add (sketch, INFINITY);

  g_assert_cmpfloat_with_epsilon (tally_sketch_quantile (sketch, 0.5), 100.0,
                                  100.0 * TALLY_SKETCH_RELATIVE_ACCURACY);
  g_assert_cmpfloat (tally_sketch_quantile (sketch, 0.99), >, 1e11);
  g_assert_cmpuint (tally_sketch_count_at_most (sketch, 1000.0), ==, 98);
  g_assert_true (isinf (tally_sketch_get_max (sketch)));

  /* And it survives a rollup row. */
  bytes = serialize (sketch);
  back = tally_sketch_new_from_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (back);
  g_assert_cmpuint (tally_sketch_count_at_most (back, 1000.0), ==, 98);
}

static void
test_empty (void)
{
  g_autoptr(TallySketch) sketch = tally_sketch_new ();
  g_autoptr(TallySketch) other = tally_sketch_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TallySketch) back = NULL;

  g_assert_true (tally_sketch_is_empty (sketch));
  g_assert_cmpuint (tally_sketch_get_count (sketch), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (quantiles); i++)
    g_assert_true (isnan (tally_sketch_quantile (sketch, quantiles[i])));
  g_assert_true (isnan (tally_sketch_get_min (sketch)));
  g_assert_true (isnan (tally_sketch_get_max (sketch)));
  g_assert_cmpuint (tally_sketch_count_at_most (sketch, 1e6), ==, 0);

  bytes = serialize (sketch);
  back = tally_sketch_new_from_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (back);
  g_assert_true (tally_sketch_is_empty (back));

  /* Merging an empty sketch changes nothing, either way round. */
  tally_sketch_add (other, 5.0);
  tally_sketch_merge (other, sketch);
  g_assert_cmpuint (tally_sketch_get_count (other), ==, 1);
  tally_sketch_merge (sketch, other);
  g_assert_cmpuint (tally_sketch_get_count (sketch), ==, 1);
  g_assert_cmpfloat (tally_sketch_quantile (sketch, 0.5), ==, 5.0);

  /* A NaN quantile has no answer either. */
  g_assert_true (isnan (tally_sketch_quantile (sketch, NAN)));
}

static void
assert_same_sketch (const TallySketch *a,
                    const TallySketch *b)
{
  g_autoptr(GBytes) bytes_a = serialize (a);
  g_autoptr(GBytes) bytes_b = serialize (b);

  g_assert_cmpuint (tally_sketch_get_count (a), ==, tally_sketch_get_count (b));
  g_assert_cmpfloat (tally_sketch_get_min (a), ==, tally_sketch_get_min (b));
  g_assert_cmpfloat (tally_sketch_get_max (a), ==, tally_sketch_get_max (b));
  for (double q = 0; q <= 1.0; q += 0.001)
    g_assert_cmpfloat (tally_sketch_quantile (a, q), ==, tally_sketch_quantile (b, q));
  for (double v = 0.5; v < 1e5; v *= 1.01)
    g_assert_cmpuint (tally_sketch_count_at_most (a, v), ==, tally_sketch_count_at_most (b, v));
  /* Bucket for bucket: the same bytes. */
  g_assert_true (g_bytes_equal (bytes_a, bytes_b));
}

static void
test_merge (void)
{
  const guint n = 30000;
  g_autofree double *values = sample (half_tiny, 99, n);
  g_autoptr(TallySketch) whole = sketch_of (values, n);
  g_autoptr(TallySketch) merged = tally_sketch_new ();
  g_autoptr(TallySketch) from_bytes = tally_sketch_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  TallySketch *parts[7];

  /* Seven "minutes", each a different slice of the values: different
   * bucket ranges, so merging has to grow the array both ways. */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    parts[i] = tally_sketch_new ();
  for (guint i = 0; i < n; i++)
    {
      guint part = values[i] < 100 ? 0 : values[i] > 1000 ? 1 : g_rand_int_range (rand, 2, 7);

      tally_sketch_add (parts[part], values[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(GBytes) bytes = serialize (parts[i]);

      tally_sketch_merge (merged, parts[i]);
      g_assert_true (tally_sketch_merge_bytes (from_bytes, g_bytes_get_data (bytes, NULL),
                                               g_bytes_get_size (bytes)));
      tally_sketch_free (parts[i]);
    }

  assert_same_sketch (merged, whole);
  assert_same_sketch (from_bytes, whole);
}

static void
test_add_n_copy_clear (void)
{
  g_autoptr(TallySketch) one_by_one = tally_sketch_new ();
  g_autoptr(TallySketch) at_once = tally_sketch_new ();
  g_autoptr(TallySketch) copy = NULL;

  for (guint i = 0; i < 5; i++)
    tally_sketch_add (one_by_one, 12.5);
  tally_sketch_add (one_by_one, 700.0);
  tally_sketch_add_n (at_once, 12.5, 5);
  tally_sketch_add_n (at_once, 700.0, 1);
  tally_sketch_add_n (at_once, 3.0, 0);
  assert_same_sketch (one_by_one, at_once);

  copy = tally_sketch_copy (at_once);
  assert_same_sketch (copy, at_once);
  /* The copy is independent. */
  tally_sketch_add (copy, 1e6);
  g_assert_cmpuint (tally_sketch_get_count (at_once), ==, 6);
  g_assert_cmpuint (tally_sketch_get_count (copy), ==, 7);

  tally_sketch_clear (copy);
  g_assert_true (tally_sketch_is_empty (copy));
  g_assert_true (isnan (tally_sketch_quantile (copy, 0.5)));
  /* A cleared sketch is as good as new. */
  tally_sketch_add_n (copy, 12.5, 5);
  tally_sketch_add (copy, 700.0);
  assert_same_sketch (copy, at_once);
}

static void
test_serialize_round_trip (void)
{
  const guint n = 5000;
  g_autofree double *values = sample (pareto, 11, n);
  g_autoptr(TallySketch) sketch = sketch_of (values, n);
  g_autoptr(GBytes) bytes = serialize (sketch);
  g_autoptr(TallySketch) back = NULL;
  g_autoptr(GBytes) again = NULL;

  back = tally_sketch_new_from_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (back);
  assert_same_sketch (back, sketch);
  again = serialize (back);
  g_assert_true (g_bytes_equal (bytes, again));
}

static void
test_count_at_most (void)
{
  const guint n = 10000;
  g_autofree double *values = sample (log_normal, 3, n);
  g_autoptr(TallySketch) sketch = sketch_of (values, n);
  const double slack = 2 * TALLY_SKETCH_RELATIVE_ACCURACY;

  qsort (values, n, sizeof (double), compare_doubles);
  for (double v = 10; v < 20000; v *= 1.07)
    {
      guint64 counted = tally_sketch_count_at_most (sketch, v);
      guint below = 0, within = 0;

      /* Exact to one bucket: every value ≤ v(1 − 2α) is counted, none
       * above v(1 + 2α). */
      while (below < n && values[below] <= v * (1 - slack))
        below++;
      while (within < n && values[within] <= v * (1 + slack))
        within++;
      g_assert_cmpuint (counted, >=, below);
      g_assert_cmpuint (counted, <=, within);
    }

  g_assert_cmpuint (tally_sketch_count_at_most (sketch, -1.0), ==, 0);
  g_assert_cmpuint (tally_sketch_count_at_most (sketch, values[n - 1]), ==, n);
  g_assert_cmpuint (tally_sketch_count_at_most (sketch, 1e12), ==, n);
  g_assert_cmpuint (tally_sketch_count_at_most (sketch, 1.0), ==, 0);
}

/* Appends a varint as the sketch writes them. */
static void
put_varint (GByteArray *out,
            guint64     value)
{
  do
    {
      guint8 byte = (value & 0x7f) | (value > 0x7f ? 0x80 : 0);

      g_byte_array_append (out, &byte, 1);
      value >>= 7;
    }
  while (value != 0);
}

static void
put_double (GByteArray *out,
            double      value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  bits = GUINT64_TO_LE (bits);
  g_byte_array_append (out, (const guint8 *) &bits, sizeof bits);
}

/* version 1, zero count, zigzag offset, counts…, min, max */
static GBytes *
craft (guint64       zero_count,
       guint64       zigzag_offset,
       const guint64 *counts,
       guint         n_counts,
       double        min,
       double        max)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, (const guint8[]) { 1 }, 1);
  put_varint (out, zero_count);
  put_varint (out, zigzag_offset);
  put_varint (out, n_counts);
  for (guint i = 0; i < n_counts; i++)
    put_varint (out, counts[i]);
  put_double (out, min);
  put_double (out, max);
  return g_byte_array_free_to_bytes (out);
}

static void
assert_rejected (TallySketch  *sketch,
                 GBytes       *reference,
                 const guint8 *data,
                 gsize         len)
{
  g_autoptr(GBytes) after = NULL;

  g_assert_false (tally_sketch_merge_bytes (sketch, data, len));
  g_assert_null (tally_sketch_new_from_bytes (data, len));
  after = serialize (sketch);
  g_assert_true (g_bytes_equal (after, reference));
}

static void
test_corrupt (void)
{
  g_autofree double *values = sample (log_normal, 17, 500);
  g_autoptr(TallySketch) source = sketch_of (values, 500);
  g_autoptr(TallySketch) target = sketch_of (values, 100);
  g_autoptr(GBytes) good = serialize (source);
  g_autoptr(GBytes) reference = serialize (target);
  const guint8 *data = g_bytes_get_data (good, NULL);
  gsize len = g_bytes_get_size (good);
  const guint64 counts[] = { 3, 4 };
  g_autofree guint8 *longer = g_malloc (len + 1);
  g_autofree guint8 *version = g_memdup2 (data, len);
  g_autoptr(GBytes) far_offset = craft (0, G_GUINT64_CONSTANT (1) << 34, counts, 2, 1, 2);
  g_autoptr(GBytes) low_offset = craft (0, 2 * 701 - 1, counts, 2, 1, 2);
  g_autoptr(GBytes) high_offset = craft (0, 2 * 2800, counts, 2, 1, 2);
  g_autoptr(GBytes) too_many = craft (0, 0, counts, 2, 1, 2);
  g_autoptr(GBytes) nan_min = craft (0, 200, counts, 2, NAN, 2);
  g_autoptr(GBytes) nan_max = craft (0, 200, counts, 2, 1, NAN);
  g_autoptr(GBytes) min_above_max = craft (0, 200, counts, 2, 3, 2);
  g_autoptr(GBytes) overflow = craft (G_MAXUINT64, 200, counts, 2, 1, 2);
  g_autoptr(GBytes) valid = craft (0, 200, counts, 2, 1, 2);
  GBytes *crafted[] = { far_offset, low_offset, high_offset, nan_min, nan_max, min_above_max,
                        overflow };

  /* Every truncation of a good sketch. */
  for (gsize cut = 0; cut < len; cut++)
    assert_rejected (target, reference, data, cut);

  /* A byte too many, or another version. */
  memcpy (longer, data, len);
  longer[len] = 0;
  assert_rejected (target, reference, longer, len + 1);
  version[0] = 2;
  assert_rejected (target, reference, version, len);

  /* Counts claiming more buckets than follow. */
  ((guint8 *) g_bytes_get_data (too_many, NULL))[3] = 5;
  assert_rejected (target, reference, g_bytes_get_data (too_many, NULL),
                   g_bytes_get_size (too_many));

  /* Offsets outside the index range (one far enough to wrap an int),
   * min or max NaN or out of order, counts that overflow. */
  for (guint i = 0; i < G_N_ELEMENTS (crafted); i++)
    assert_rejected (target, reference, g_bytes_get_data (crafted[i], NULL),
                     g_bytes_get_size (crafted[i]));

  /* The crafting itself is right: the same bytes with sane fields merge. */
  g_assert_true (tally_sketch_merge_bytes (target, g_bytes_get_data (valid, NULL),
                                           g_bytes_get_size (valid)));
  g_assert_cmpuint (tally_sketch_get_count (target), ==, 107);
}

static void
test_serialized_size (void)
{
  g_autofree double *values = sample (log_normal, 2026, 1000);
  g_autoptr(TallySketch) sketch = sketch_of (values, 1000);
  g_autoptr(GBytes) bytes = serialize (sketch);
  g_autoptr(TallySketch) steady = tally_sketch_new ();
  g_autoptr(GBytes) steady_bytes = NULL;

  /* 1000 requests of one minute, latencies spread by a factor of ~500
   * (σ = 0.8): about 600 buckets of α = 0.5 %, most holding 0-3 values,
   * so ~1 byte each plus 16 for min and max. Measured: 544 bytes. */
  g_test_message ("1000 log-normal latencies: %" G_GSIZE_FORMAT " bytes",
                  g_bytes_get_size (bytes));
  g_assert_cmpuint (g_bytes_get_size (bytes), <, 1024);

  /* A steadier service (σ = 0.3) fits in a few hundred. */
  for (guint i = 0; i < 1000; i++)
    tally_sketch_add (steady, 300 * exp (0.3 / 0.8 * log (values[i] / 300.0)));
  steady_bytes = serialize (steady);
  g_test_message ("sigma 0.3: %" G_GSIZE_FORMAT " bytes", g_bytes_get_size (steady_bytes));
  g_assert_cmpuint (g_bytes_get_size (steady_bytes), <, 400);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/sketch/accuracy", test_accuracy);
  g_test_add_func ("/tally/sketch/zero-bucket", test_zero_bucket);
  g_test_add_func ("/tally/sketch/infinity", test_infinity);
  g_test_add_func ("/tally/sketch/empty", test_empty);
  g_test_add_func ("/tally/sketch/merge", test_merge);
  g_test_add_func ("/tally/sketch/add-n-copy-clear", test_add_n_copy_clear);
  g_test_add_func ("/tally/sketch/serialize", test_serialize_round_trip);
  g_test_add_func ("/tally/sketch/count-at-most", test_count_at_most);
  g_test_add_func ("/tally/sketch/corrupt", test_corrupt);
  g_test_add_func ("/tally/sketch/serialized-size", test_serialized_size);

  return g_test_run ();
}
