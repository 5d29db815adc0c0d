/* test-rollup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Rollups: what they compute from events, that merging equals rolling up
 * all the events at once, that their bytes read back to the same rollup,
 * that a reader can skip the sketches it does not want, and that a
 * damaged row is refused. */

#include "config.h"

#include <math.h>

#include "tally-rollup.h"
#include "tally-test-events.h"
#include "tally-test-utils.h"

#define T0 G_GINT64_CONSTANT (1793577600000)

static GBytes *
serialize (const TallyRollup *rollup)
{
  GByteArray *out = g_byte_array_new ();

  tally_rollup_serialize (rollup, out);
  return g_byte_array_free_to_bytes (out);
}

static void
roll_up (TallyRollup *rollup,
         GPtrArray   *events,
         guint        from,
         guint        to)
{
  for (guint i = from; i < to; i++)
    tally_rollup_add_event (rollup, g_ptr_array_index (events, i));
}

static void
test_rollup_values (void)
{
  g_auto(TallyRollup) rollup;
  TallyEvent *a = tally_event_new (), *b = tally_event_new (), *c = tally_event_new ();

  tally_rollup_init (&rollup);
  a->status = 200, a->input_tokens = 100, a->output_tokens = 50, a->cost = 0.002, a->latency_ms = 400;
  b->status = 429, b->input_tokens = 10, b->latency_ms = 100, b->ttft_ms = 20;
  c->status = 500, c->latency_ms = 2000, c->audio_ms = 1000;
  tally_rollup_add_event (&rollup, a);
  tally_rollup_add_event (&rollup, b);
  tally_rollup_add_event (&rollup, c);

  g_assert_cmpuint (rollup.requests, ==, 3);
  g_assert_cmpuint (rollup.errors, ==, 2);
  g_assert_cmpuint (rollup.rate_limited, ==, 1);
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_INPUT_TOKENS, TALLY_STAT_SUM, 1), ==, 110);
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_INPUT_TOKENS, TALLY_STAT_AVG, 1), ==, 55);
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_TOKENS, TALLY_STAT_SUM, 1), ==, 160);
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_TOKENS, TALLY_STAT_COUNT, 1), ==, 2);
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_OUTPUT_TOKENS, TALLY_STAT_MIN, 1), ==, 50);
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_REQUESTS, TALLY_STAT_RATE, 2), ==, 1.5);
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_ERROR_RATE, TALLY_STAT_AVG, 1), ==, 2.0 / 3);
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_COST_PER_REQUEST, TALLY_STAT_AVG, 1), ==, 0.002);
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_TOKENS_PER_DOLLAR, TALLY_STAT_AVG, 1), ==, 80000);
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_LATENCY, TALLY_STAT_MAX, 1), ==, 2000);
  /* Percentiles come from the sketch: within 0.5 % of the value. */
  g_assert_cmpfloat_with_epsilon (tally_rollup_get_value (&rollup, TALLY_METRIC_LATENCY, TALLY_STAT_P50, 1),
                                  400, 400 * 0.005);
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_RTF, TALLY_STAT_AVG, 1), ==, 2);
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_TTFT, TALLY_STAT_COUNT, 1), ==, 1);
  /* No data: sums are 0, everything else null. */
  g_assert_true (isnan (tally_rollup_get_value (&rollup, TALLY_METRIC_QUEUE_TIME, TALLY_STAT_AVG, 1)));
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_QUEUE_TIME, TALLY_STAT_SUM, 1), ==, 0);
  g_assert_true (isnan (tally_rollup_get_value (&rollup, TALLY_METRIC_REQUESTS, TALLY_STAT_RATE, 0)));
  rollup.busy_ms = 90000;
  g_assert_cmpfloat (tally_rollup_get_value (&rollup, TALLY_METRIC_CONCURRENCY, TALLY_STAT_AVG, 3), ==, 0.5);

  tally_event_free (a);
  tally_event_free (b);
  tally_event_free (c);
}

static void
assert_same_amount (const TallyAmount *a,
                    const TallyAmount *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpfloat_with_epsilon (a->sum, b->sum, fabs (a->sum) * 1e-12 + 1e-12);
  g_assert_cmpfloat (a->min, ==, b->min);
  g_assert_cmpfloat (a->max, ==, b->max);
}

static void
assert_same_measure (const TallyMeasure *a,
                     const TallyMeasure *b)
{
  g_autoptr(GByteArray) sa = g_byte_array_new ();
  g_autoptr(GByteArray) sb = g_byte_array_new ();

  assert_same_amount (&(TallyAmount) { a->n, a->sum, a->min, a->max },
                      &(TallyAmount) { b->n, b->sum, b->min, b->max });
  g_assert_true ((a->sketch == NULL) == (b->sketch == NULL));
  if (a->sketch == NULL)
    return;
  /* The same buckets with the same counts. */
  tally_sketch_serialize (a->sketch, sa);
  tally_sketch_serialize (b->sketch, sb);
  g_assert_cmpmem (sa->data, sa->len, sb->data, sb->len);
}

/* The same rollup, but for the order floating-point sums were added in. */
static void
assert_same_rollup (const TallyRollup *a,
                    const TallyRollup *b)
{
  g_assert_cmpuint (a->requests, ==, b->requests);
  g_assert_cmpuint (a->errors, ==, b->errors);
  g_assert_cmpuint (a->rate_limited, ==, b->rate_limited);
  assert_same_amount (&a->input, &b->input);
  assert_same_amount (&a->output, &b->output);
  assert_same_amount (&a->cached, &b->cached);
  assert_same_amount (&a->tokens, &b->tokens);
  assert_same_amount (&a->cost, &b->cost);
  assert_same_measure (&a->latency, &b->latency);
  assert_same_measure (&a->ttft, &b->ttft);
  assert_same_measure (&a->queue, &b->queue);
  assert_same_measure (&a->rtf, &b->rtf);
  g_assert_cmpfloat_with_epsilon (a->busy_ms, b->busy_ms, fabs (a->busy_ms) * 1e-12 + 1e-12);
}

/* Rolling up in two halves and merging gives the rollup of everything at
 * once; so does reading the halves back from bytes. */
static void
test_rollup_merge_is_exact (void)
{
  g_autoptr(GPtrArray) events = tally_test_make_events (11, 2000, T0, T0 + 3600000);
  g_auto(TallyRollup) whole, first, second, from_bytes;
  g_autoptr(GBytes) first_bytes = NULL, second_bytes = NULL;
  gsize len;
  const guint8 *data;

  tally_rollup_init (&whole);
  tally_rollup_init (&first);
  tally_rollup_init (&second);
  tally_rollup_init (&from_bytes);
  roll_up (&whole, events, 0, 2000);
  roll_up (&first, events, 0, 700);
  roll_up (&second, events, 700, 2000);

  first_bytes = serialize (&first);
  second_bytes = serialize (&second);
  tally_rollup_merge (&first, &second);
  assert_same_rollup (&first, &whole);

  data = g_bytes_get_data (first_bytes, &len);
  g_assert_true (tally_rollup_merge_bytes (&from_bytes, data, len, TALLY_ROLLUP_DECODE_ALL));
  data = g_bytes_get_data (second_bytes, &len);
  g_assert_true (tally_rollup_merge_bytes (&from_bytes, data, len, TALLY_ROLLUP_DECODE_ALL));
  assert_same_rollup (&from_bytes, &whole);
}

static void
test_rollup_decode_flags (void)
{
  g_autoptr(GPtrArray) events = tally_test_make_events (12, 300, T0, T0 + 60000);
  g_auto(TallyRollup) full, counts_only, latency_only;
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  gsize len;

  tally_rollup_init (&full);
  tally_rollup_init (&counts_only);
  tally_rollup_init (&latency_only);
  roll_up (&full, events, 0, 300);
  bytes = serialize (&full);
  data = g_bytes_get_data (bytes, &len);

  g_assert_true (tally_rollup_merge_bytes (&counts_only, data, len, TALLY_ROLLUP_DECODE_NO_SKETCHES));
  g_assert_cmpuint (counts_only.requests, ==, 300);
  g_assert_cmpfloat (counts_only.latency.sum, ==, full.latency.sum);
  g_assert_null (counts_only.latency.sketch);
  g_assert_null (counts_only.ttft.sketch);

  g_assert_true (tally_rollup_merge_bytes (&latency_only, data, len,
                                           tally_rollup_decode_flags_for (TALLY_METRIC_LATENCY)));
  g_assert_nonnull (latency_only.latency.sketch);
  g_assert_null (latency_only.ttft.sketch);
  g_assert_cmpfloat (tally_rollup_get_value (&latency_only, TALLY_METRIC_LATENCY, TALLY_STAT_P95, 1), ==,
                     tally_rollup_get_value (&full, TALLY_METRIC_LATENCY, TALLY_STAT_P95, 1));
}

/* Every truncation of a row and a wrong version are refused. */
static void
test_rollup_damaged (void)
{
  g_autoptr(GPtrArray) events = tally_test_make_events (13, 50, T0, T0 + 60000);
  g_auto(TallyRollup) rollup;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *copy = NULL;
  const guint8 *data;
  gsize len;

  tally_rollup_init (&rollup);
  roll_up (&rollup, events, 0, 50);
  bytes = serialize (&rollup);
  data = g_bytes_get_data (bytes, &len);

  for (gsize cut = 0; cut < len; cut++)
    {
      g_auto(TallyRollup) target;

      tally_rollup_init (&target);
      g_assert_false (tally_rollup_merge_bytes (&target, data, cut, TALLY_ROLLUP_DECODE_ALL));
    }

  copy = g_memdup2 (data, len);
  copy[0] = 99;
  {
    g_auto(TallyRollup) target;

    tally_rollup_init (&target);
    g_assert_false (tally_rollup_merge_bytes (&target, copy, len, TALLY_ROLLUP_DECODE_ALL));
  }
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/rollup/values", test_rollup_values);
  g_test_add_func ("/tally/rollup/merge-is-exact", test_rollup_merge_is_exact);
  g_test_add_func ("/tally/rollup/decode-flags", test_rollup_decode_flags);
  g_test_add_func ("/tally/rollup/damaged", test_rollup_damaged);

  return g_test_run ();
}
