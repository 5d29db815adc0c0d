/* tally-test-query-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Running a query on a store and on the reference, and keeping score:
 * every mismatch is named (store, seed, query, place, both numbers) and
 * the test fails with all of them listed, unless a known store bug
 * explains it, which marks the case incomplete instead. */

#include "config.h"

#include <string.h>

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
  guint         n_known;
  GPtrArray    *messages;
  GPtrArray    *known_messages;
  GPtrArray    *reasons;
  guint         parts;
  const char   *topic;
} checker;

void
tq_begin (TqStoreState state)
{
  checker.state = state;
  checker.seed = 0;
  checker.n_queries = checker.n_checks = checker.n_failed = checker.n_known = 0;
  g_clear_pointer (&checker.messages, g_ptr_array_unref);
  g_clear_pointer (&checker.known_messages, g_ptr_array_unref);
  g_clear_pointer (&checker.reasons, g_ptr_array_unref);
  checker.messages = g_ptr_array_new_with_free_func (g_free);
  checker.known_messages = g_ptr_array_new_with_free_func (g_free);
  checker.reasons = g_ptr_array_new ();
  checker.parts = TQ_PART_ALL;
  checker.topic = NULL;
}

/* What the test is about, for known_store_bug(): a case that exists to
 * show a store bug names it here. */
void
tq_set_topic (const char *topic)
{
  checker.topic = topic;
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

/* Whether the labels a mismatch says the store gave hold "(none)", or an
 * "Other" (that it went into) the expected ones do not. */
static gboolean
got_none (const char *detail)
{
  const char *got = strstr (detail, ", got ");
  g_autofree char *expected = got ? g_strndup (detail, got - detail) : NULL;

  return got != NULL &&
         (strstr (got, "“(none)”") != NULL ||
          (strstr (got, "“Other”") != NULL && strstr (expected, "“Other”") == NULL));
}

/* Known store bugs: a mismatch one of them explains marks its test
 * incomplete ("not ok … # TODO") instead of failed, so that the rest still
 * reports. Each is as narrow as the bug; delete it once the store is fixed. */
static const char *
known_store_bug (const TallyQuery     *query,
                 const TallyTimeRange *range,
                 const char           *where,
                 const char           *detail)
{
  /* The previous period is taken from the range before its ends are
   * rounded out to minutes: it then overlaps the range's first minute and
   * can be a minute longer than the range. */
  if (query->shape == TALLY_SHAPE_SCALAR && g_str_equal (where, "previous") &&
      range->from % TQ_MINUTE != 0)
    return "store bug: the previous period overlaps the range when “from” is not a whole minute";

  /* Grouped by a label, events without it form a "(none)" group (and
   * with "top", join "Other"), where the spec counts only the events
   * carrying it. */
  if ((query->group_by.kind == TALLY_DIMENSION_LABEL &&
       (((g_str_equal (where, "series names") || g_str_equal (where, "categories")) &&
         got_none (detail)) ||
        strstr (where, "“Other”") != NULL)) ||
      (query->shape == TALLY_SHAPE_MATRIX && got_none (detail) &&
       ((query->rows.kind == TALLY_DIMENSION_LABEL && g_str_equal (where, "rows")) ||
        (query->columns.kind == TALLY_DIMENSION_LABEL && g_str_equal (where, "columns")))))
    return "store bug: grouping by a label makes a “(none)” group of the events without it";

  /* Grouped, every value of the dimension the store has ever seen (and
   * that passes the filters) becomes a group, even with no event in the
   * range: empty series, which with "top" can push real ones into
   * "Other". */
  if (g_strcmp0 (checker.topic, "absent-values") == 0 && tally_query_has_group_by (query) &&
      (g_str_equal (where, "series names") || g_str_equal (where, "categories") ||
       strstr (where, "“Other”") != NULL))
    return "store bug: values that do not occur in the range become groups";

  /* A matrix of two dimensions has the right rows and columns, but not
   * in the order of their totals. */
  if (query->shape == TALLY_SHAPE_MATRIX &&
      (g_str_equal (where, "rows (order)") || g_str_equal (where, "columns (order)")))
    return "store bug: a matrix of two dimensions does not order rows and columns by their totals";

  /* Pairs that never occur are 0, not null, under the per-minute stats
   * of counts (min, max, percentiles of requests per minute). */
  if (query->shape == TALLY_SHAPE_MATRIX && tally_dimension_is_groupable (query->rows.kind) &&
      g_str_has_prefix (where, "cell") && g_str_equal (detail, "expected null, got 0"))
    return "store bug: in a matrix of two dimensions, pairs that never occur are 0, not null";

  /* A table lists the events of [from, to) as given, not rounded out to
   * whole minutes as every other answer counts them. */
  if (query->shape == TALLY_SHAPE_TABLE && g_str_equal (where, "rows (the minutes at the ends)"))
    return "store bug: a table does not round the range's ends out to whole minutes";

  /* Without a group_by, a timeseries with no event passing the filters
   * has no series at all instead of its one series of zeros and nulls. */
  if (query->shape == TALLY_SHAPE_TIMESERIES && !tally_query_has_group_by (query) &&
      g_str_equal (where, "series names") && g_str_has_suffix (detail, "got []"))
    return "store bug: an ungrouped timeseries without matching events has no series";

  return NULL;
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
  const char *bug;
  GPtrArray *messages;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  bug = known_store_bug (query, range, where, detail);
  messages = bug ? checker.known_messages : checker.messages;

  if (bug != NULL)
    {
      checker.n_known++;
      if (!g_ptr_array_find (checker.reasons, bug, NULL))
        g_ptr_array_add (checker.reasons, (gpointer) bug);
    }
  else
    checker.n_failed++;

  if (messages->len < MAX_MESSAGES)
    g_ptr_array_add (messages, g_strdup_printf ("[%s store, seed %u] %s\n    at %s: %s",
                                                tq_store_state_name (checker.state),
                                                checker.seed, description, where, detail));
}

void
tq_end (void)
{
  g_test_message ("%u queries, %u values checked against docs/queries.md", checker.n_queries,
                  checker.n_checks);
  for (guint i = 0; i < checker.known_messages->len; i++)
    g_test_message ("known: %s", (char *) g_ptr_array_index (checker.known_messages, i));
  for (guint i = 0; i < checker.messages->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (checker.messages, i));
  if (checker.n_failed + checker.n_known > MAX_MESSAGES)
    g_test_message ("… and more: %u mismatches in all", checker.n_failed + checker.n_known);

  if (checker.n_known > 0)
    {
      g_autofree char *reasons = NULL;

      g_ptr_array_add (checker.reasons, NULL);
      reasons = g_strjoinv ("; ", (char **) checker.reasons->pdata);
      g_test_incomplete (reasons);
    }
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
