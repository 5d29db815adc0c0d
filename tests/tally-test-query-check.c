/* tally-test-query-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Running a query on a store and on the reference, and keeping score:
 * every mismatch is named (store, seed, query, place, both numbers) and
 * the test fails with all of them listed. */

#include "config.h"

#include "tally-test-query-private.h"

/* Mismatches listed in a failing test's log, at most */
#define MAX_MESSAGES 60

static struct
{
  TqStoreState  state;
  guint32       seed;
  guint         n_queries;
  guint         n_checks;
  guint         n_failed;
  GPtrArray    *messages;
  guint         parts;
} checker;

void
tq_begin (TqStoreState state)
{
  checker.state = state;
  checker.seed = 0;
  checker.n_queries = checker.n_checks = checker.n_failed = 0;
  g_clear_pointer (&checker.messages, g_ptr_array_unref);
  checker.messages = g_ptr_array_new_with_free_func (g_free);
  checker.parts = TQ_PART_ALL;
}

/* Which parts of a scalar tq_check() compares (TqPart flags). */
void
tq_set_parts (guint parts)
{
  checker.parts = parts;
}

void
tq_set_seed (guint32 seed)
{
  checker.seed = seed;
}

void
tq_count_check (void)
{
  checker.n_checks++;
}

void
tq_mismatch (const TallyQuery     *query,
             const TallyTimeRange *range,
             const char           *where,
             const char           *format,
             ...)
{
  g_autofree char *description = tq_describe (query, range);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  checker.n_failed++;
  if (checker.messages->len < MAX_MESSAGES)
    g_ptr_array_add (checker.messages, g_strdup_printf ("[%s store, seed %u] %s\n    at %s: %s",
                                                tq_store_state_name (checker.state),
                                                checker.seed, description, where, detail));
}

void
tq_end (void)
{
  g_test_message ("%u queries, %u values checked against docs/queries.md", checker.n_queries,
                  checker.n_checks);
  for (guint i = 0; i < checker.messages->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (checker.messages, i));
  if (checker.n_failed > MAX_MESSAGES)
    g_test_message ("… and more: %u mismatches in all", checker.n_failed);

  if (checker.n_failed > 0)
    g_test_fail_printf ("%u of %u values differ from docs/queries.md", checker.n_failed,
                        checker.n_checks);
}

/* An automatic interval for a heatmap's time columns: the spec's "about
 * one bucket per 2 pixels" fits lines, not cells, and the store takes
 * wider columns. Whatever it takes, the columns must be the buckets of
 * one of the automatic widths (time-ranges.md), no more numerous than the
 * spec's, and every count in them exact: returns that width, or the
 * query's own interval. */
static gint64
heatmap_interval (const TallyQuery     *query,
                  const TallyTimeRange *range,
                  TallyFrame           *got)
{
  static const gint64 steps[] = {
    60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 604800, 2592000,
  };
  gint64 from, to, spec, interval = 0;
  g_autoptr(TallyTimeRange) rounded = tally_time_range_copy (range);

  if (query->shape != TALLY_SHAPE_MATRIX || query->columns.kind != TALLY_DIMENSION_TIME ||
      query->interval_s != 0 || tally_frame_get_shape (got) != TALLY_SHAPE_MATRIX ||
      tally_frame_get_n_columns (got) == 0)
    return query->interval_s;

  tally_ref_round_range (range, &from, &to);
  rounded->from = from;
  rounded->to = to;
  spec = tally_time_range_auto_interval (rounded, query->width_px);
  for (guint i = 0; interval == 0 && i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GArray) buckets = NULL;
      g_autofree char *first = NULL;

      if (steps[i] < spec)
        continue;
      buckets = tally_time_range_get_buckets (rounded, steps[i]);
      first = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (buckets, gint64, 0));
      if (buckets->len == tally_frame_get_n_columns (got) &&
          g_str_equal (tally_frame_get_column_label (got, 0), first))
        interval = steps[i];
    }

  return interval;
}

/* Runs @query on @store and compares every number of its answer with the
 * reference's. */
void
tq_check (const TallyRef       *ref,
          TallyStore           *store,
          const TallyQuery     *query,
          const TallyTimeRange *range)
{
  g_autoptr(TallyFrame) expected = NULL;
  g_autoptr(TallyFrame) got = NULL;
  g_autoptr(TallyQuery) asked = tally_query_copy (query);
  g_autoptr(GError) error = NULL;

  checker.n_queries++;
  got = tally_store_query (store, query, range, NULL, &error);
  if (got != NULL)
    asked->interval_s = heatmap_interval (query, range, got);
  expected = tally_ref_query (ref, asked, range);
  tq_count_check ();
  if (got == NULL)
    {
      tq_mismatch (query, range, "answer", "the store failed: %s", error->message);
      return;
    }
  if (tally_frame_get_shape (got) != query->shape)
    {
      tq_mismatch (query, range, "shape", "expected %s, got %s",
                   tally_shape_to_string (query->shape),
                   tally_shape_to_string (tally_frame_get_shape (got)));
      return;
    }
  tq_compare_frames (ref, query, range, expected, got, checker.parts);
}
