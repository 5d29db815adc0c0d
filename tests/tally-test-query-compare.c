/* tally-test-query-compare.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Comparing a store's frame with the reference's, shape by shape: the
 * numbers within their tolerance, the labels in order, rows by event. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-test-query-private.h"

/* Comparing frames */

static char *
format_number (double value)
{
  return isnan (value) ? g_strdup ("null") : g_strdup_printf ("%.12g", value);
}

static gboolean
numbers_match (double expected,
               double got,
               double relative,
               double absolute)
{
  if (isnan (expected) || isnan (got))
    return isnan (expected) && isnan (got);

  return fabs (expected - got) <= relative * MAX (fabs (expected), fabs (got)) + absolute;
}

static void
compare_number (const TallyQuery     *query,
                const TallyTimeRange *range,
                const char           *where,
                double                expected,
                double                got,
                double                relative,
                double                absolute)
{
  g_autofree char *e = NULL, *g = NULL;

  tq_count_check ();
  if (numbers_match (expected, got, relative, absolute))
    return;

  e = format_number (expected);
  g = format_number (got);
  if (!isnan (expected) && !isnan (got) && expected != 0)
    tq_mismatch (query, range, where, "expected %s, got %s (off by %.3g %%)", e, g,
                 100 * (got - expected) / fabs (expected));
  else
    tq_mismatch (query, range, where, "expected %s, got %s", e, g);
}

/* Durations' percentiles come from sketches: within 1 %. Everything else
 * is exact but for the order of a floating-point sum. */
static double
tolerance_of (const TallyQuery *query)
{
  if (query->shape == TALLY_SHAPE_MATRIX && query->rows.kind == TALLY_DIMENSION_LATENCY_BUCKET)
    return 1e-9;
  if (tally_ref_metric_kind (query->metric) == TALLY_METRIC_KIND_DURATION &&
      query->stat >= TALLY_STAT_P50 && query->stat <= TALLY_STAT_P99)
    return 0.01;

  return 1e-9;
}

static char *
join_labels (GPtrArray *labels)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (s, "%s“%s”", i ? ", " : "", (char *) g_ptr_array_index (labels, i));
  g_string_append_c (s, ']');

  return g_string_free (s, FALSE);
}

static gboolean
compare_labels (const TallyQuery     *query,
                const TallyTimeRange *range,
                const char           *where,
                GPtrArray            *expected,
                GPtrArray            *got)
{
  guint first = 0;

  while (first < MIN (expected->len, got->len) &&
         g_str_equal (g_ptr_array_index (expected, first), g_ptr_array_index (got, first)))
    first++;

  tq_count_check ();
  if (first == expected->len && first == got->len)
    return TRUE;

  if (expected->len + got->len <= 24)
    {
      g_autofree char *e = join_labels (expected), *g = join_labels (got);

      tq_mismatch (query, range, where, "expected %s, got %s", e, g);
    }
  else
    tq_mismatch (query, range, where, "expected %u, got %u; the first difference, at %u: "
                 "expected “%s”, got “%s”", expected->len, got->len, first,
                 first < expected->len ? (char *) g_ptr_array_index (expected, first) : "",
                 first < got->len ? (char *) g_ptr_array_index (got, first) : "");

  return FALSE;
}

static int
find_label (GPtrArray  *labels,
            const char *label)
{
  for (guint i = 0; i < labels->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (labels, i), label))
        return i;
    }

  return -1;
}

static void
compare_scalar (const TallyRef       *ref,
                const TallyQuery     *query,
                const TallyTimeRange *range,
                TallyFrame           *expected,
                TallyFrame           *got,
                guint                 parts)
{
  double tolerance = tolerance_of (query);
  guint n_buckets = 0, n_values = 0;
  const gint64 *buckets = tally_frame_get_buckets (got, &n_buckets);
  const double *values = tally_frame_get_sparkline (got, &n_values);
  g_autofree double *spark = NULL;
  gint64 from, to;

  if (parts & TQ_PART_VALUE)
    compare_number (query, range, "value", tally_frame_get_value (expected),
                    tally_frame_get_value (got), tolerance, 1e-12);
  if (parts & TQ_PART_PREVIOUS)
    compare_number (query, range, "previous", tally_frame_get_previous (expected),
                    tally_frame_get_previous (got), tolerance, 1e-12);
  if (!(parts & TQ_PART_SPARKLINE))
    return;

  /* The sparkline's buckets are the store's choice: about 40 over the
   * range (fewer when it has fewer minutes), and each value the stat over
   * its bucket. */
  tally_ref_round_range (range, &from, &to);
  tq_count_check ();
  if (n_buckets != n_values || n_buckets < MIN (20, (to - from) / 60) || n_buckets > 80 ||
      buckets[0] > from || buckets[n_buckets - 1] >= to)
    {
      g_autofree char *first = n_buckets ? tq_format_time (buckets[0]) : g_strdup ("-");

      tq_mismatch (query, range, "sparkline", "expected about 40 buckets covering the range, "
                   "got %u buckets (%u values) from %s", n_buckets, n_values, first);
      return;
    }

  spark = tally_ref_series (ref, query, range, buckets, n_buckets);
  for (guint b = 0; b < n_buckets; b++)
    {
      g_autofree char *start = tq_format_time (buckets[b]);
      g_autofree char *where = g_strdup_printf ("sparkline bucket %u (%s)", b, start);

      compare_number (query, range, where, spark[b], values[b], tolerance, 1e-12);
    }
}

static GPtrArray *
series_names (TallyFrame *frame)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < tally_frame_get_n_series (frame); i++)
    g_ptr_array_add (names, (gpointer) tally_frame_get_series_name (frame, i));

  return names;
}

static int
find_bucket (const gint64 *buckets,
             guint         n,
             gint64        start)
{
  for (guint i = 0; i < n; i++)
    {
      if (buckets[i] == start)
        return i;
    }

  return -1;
}

static void
compare_timeseries (const TallyQuery     *query,
                    const TallyTimeRange *range,
                    TallyFrame           *expected,
                    TallyFrame           *got)
{
  guint n_exp = 0, n_got = 0;
  const gint64 *exp_buckets = tally_frame_get_buckets (expected, &n_exp);
  const gint64 *got_buckets = tally_frame_get_buckets (got, &n_got);
  g_autoptr(GPtrArray) exp_names = series_names (expected);
  g_autoptr(GPtrArray) got_names = series_names (got);

  tq_count_check ();
  if (tally_frame_get_interval (expected) != tally_frame_get_interval (got))
    tq_mismatch (query, range, "interval_s", "expected %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,
                 tally_frame_get_interval (expected), tally_frame_get_interval (got));

  tq_count_check ();
  for (guint b = 0; b < MAX (n_exp, n_got); b++)
    {
      if (b >= n_exp || b >= n_got || exp_buckets[b] != got_buckets[b])
        {
          g_autofree char *e = b < n_exp ? tq_format_time (exp_buckets[b]) : g_strdup ("none");
          g_autofree char *g = b < n_got ? tq_format_time (got_buckets[b]) : g_strdup ("none");

          tq_mismatch (query, range, "buckets", "%u buckets expected, %u got; bucket %u: "
                       "expected %s, got %s", n_exp, n_got, b, e, g);
          break;
        }
    }

  compare_labels (query, range, "series names", exp_names, got_names);
  for (guint s = 0; s < exp_names->len; s++)
    {
      const char *name = g_ptr_array_index (exp_names, s);
      int t = find_label (got_names, name);
      const double *exp_values = tally_frame_get_series_values (expected, s);
      const double *got_values;

      if (t < 0)
        continue;
      got_values = tally_frame_get_series_values (got, t);
      for (guint b = 0; b < n_exp; b++)
        {
          int c = find_bucket (got_buckets, n_got, exp_buckets[b]);
          g_autofree char *start = tq_format_time (exp_buckets[b]);
          g_autofree char *where = g_strdup_printf ("series “%s” bucket %u (%s)", name, b, start);

          if (c >= 0)
            compare_number (query, range, where, exp_values[b], got_values[c],
                            tolerance_of (query), 1e-12);
        }
    }
}

static int
category_index (TallyFrame *frame,
                const char *label)
{
  for (guint i = 0; i < tally_frame_get_n_categories (frame); i++)
    {
      if (g_str_equal (tally_frame_get_category_label (frame, i), label))
        return i;
    }

  return -1;
}

/* Categories come largest value first, and values may be off by their
 * tolerance: 1 % for percentiles of durations, the last bits of a sum
 * taken in another order otherwise. Two within that of each other may
 * come in either order, and so may those without a value, on which the
 * spec is silent. Whether @got has @expected's categories, "Other" where
 * it is, and each value no smaller than the next one's beyond that. */
static gboolean
same_order_within (TallyFrame *expected,
                   TallyFrame *got,
                   double      tolerance)
{
  guint n = tally_frame_get_n_categories (expected);
  double last = INFINITY;

  if (tally_frame_get_n_categories (got) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *label = tally_frame_get_category_label (got, i);
      int e = category_index (expected, label);
      double v;

      if (e < 0 || g_str_equal (label, "Other") !=
                   g_str_equal (tally_frame_get_category_label (expected, i), "Other"))
        return FALSE;
      v = tally_frame_get_category_value (expected, e);
      if (g_str_equal (label, "Other") || isnan (v))
        continue;
      if (v > last + 2 * tolerance * fabs (last) + 1e-12)
        return FALSE;
      last = MIN (last, v);
    }

  return TRUE;
}

static void
compare_categories (const TallyQuery     *query,
                    const TallyTimeRange *range,
                    TallyFrame           *expected,
                    TallyFrame           *got)
{
  g_autoptr(GPtrArray) exp_labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) got_labels = g_ptr_array_new ();

  for (guint i = 0; i < tally_frame_get_n_categories (expected); i++)
    g_ptr_array_add (exp_labels, (gpointer) tally_frame_get_category_label (expected, i));
  for (guint i = 0; i < tally_frame_get_n_categories (got); i++)
    g_ptr_array_add (got_labels, (gpointer) tally_frame_get_category_label (got, i));

  if (!same_order_within (expected, got, MAX (tolerance_of (query), 1e-9)))
    compare_labels (query, range, "categories", exp_labels, got_labels);
  else
    tq_count_check ();
  for (guint i = 0; i < exp_labels->len; i++)
    {
      const char *label = g_ptr_array_index (exp_labels, i);
      int j = find_label (got_labels, label);
      g_autofree char *where = g_strdup_printf ("category “%s”", label);

      if (j >= 0)
        compare_number (query, range, where, tally_frame_get_category_value (expected, i),
                        tally_frame_get_category_value (got, j), tolerance_of (query), 1e-12);
    }
}

static GPtrArray *
matrix_labels (TallyFrame *frame,
               gboolean    rows)
{
  GPtrArray *labels = g_ptr_array_new ();
  guint n = rows ? tally_frame_get_n_rows (frame) : tally_frame_get_n_columns (frame);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (labels, (gpointer) (rows ? tally_frame_get_row_label (frame, i)
                                              : tally_frame_get_column_label (frame, i)));

  return labels;
}

/* Whether @a and @b hold the same labels, in any order. */
static gboolean
same_set (GPtrArray *a,
          GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      if (find_label (b, g_ptr_array_index (a, i)) < 0)
        return FALSE;
    }

  return TRUE;
}

static void
compare_matrix (const TallyQuery     *query,
                const TallyTimeRange *range,
                TallyFrame           *expected,
                TallyFrame           *got)
{
  g_autoptr(GPtrArray) exp_rows = matrix_labels (expected, TRUE);
  g_autoptr(GPtrArray) got_rows = matrix_labels (got, TRUE);
  g_autoptr(GPtrArray) exp_columns = matrix_labels (expected, FALSE);
  g_autoptr(GPtrArray) got_columns = matrix_labels (got, FALSE);

  compare_labels (query, range, same_set (exp_rows, got_rows) ? "rows (order)" : "rows",
                  exp_rows, got_rows);
  /* Time columns of other widths hold other counts: no cell to compare. */
  if (!compare_labels (query, range,
                       same_set (exp_columns, got_columns) ? "columns (order)" : "columns",
                       exp_columns, got_columns) &&
      query->columns.kind == TALLY_DIMENSION_TIME)
    return;
  for (guint r = 0; r < exp_rows->len; r++)
    for (guint c = 0; c < exp_columns->len; c++)
      {
        const char *row = g_ptr_array_index (exp_rows, r);
        const char *column = g_ptr_array_index (exp_columns, c);
        int gr = find_label (got_rows, row), gc = find_label (got_columns, column);
        g_autofree char *where = g_strdup_printf ("cell (“%s”, “%s”)", row, column);

        if (gr >= 0 && gc >= 0)
          compare_number (query, range, where, tally_frame_get_cell (expected, r, c),
                          tally_frame_get_cell (got, gr, gc), tolerance_of (query), 1e-12);
      }
}

/* "k=v, k2=v2" in any order: the spec names no order. */
static gboolean
same_labels (const char *a,
             const char *b)
{
  g_auto(GStrv) x = g_strsplit (a ? a : "", ", ", -1);
  g_auto(GStrv) y = g_strsplit (b ? b : "", ", ", -1);

  if (a == NULL || b == NULL || g_strv_length (x) != g_strv_length (y))
    return FALSE;
  for (guint i = 0; x[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) y, x[i]))
        return FALSE;
    }

  return TRUE;
}

/* How a table's cell differs, or NULL: strings exactly, times to the
 * millisecond, other numbers exactly. */
static char *
table_cell_differs (TallyFrame *expected,
                    TallyFrame *got,
                    guint       row,
                    guint       got_row,
                    guint       column)
{
  TallyColumnType type = tally_frame_get_column_type (expected, column);

  if (type == TALLY_COLUMN_STRING)
    {
      const char *e = tally_frame_get_string (expected, row, column);
      const char *g = tally_frame_get_string (got, got_row, column);

      if (g_strcmp0 (e, g) == 0 ||
          (g_str_equal (tally_frame_get_column_name (expected, column), "labels") &&
           same_labels (e, g)))
        return NULL;
      return g_strdup_printf ("expected %s%s%s, got %s%s%s", e ? "“" : "", e ? e : "null",
                              e ? "”" : "", g ? "“" : "", g ? g : "null", g ? "”" : "");
    }
  else
    {
      double e = tally_frame_get_number (expected, row, column);
      double g = tally_frame_get_number (got, got_row, column);
      gboolean time = type == TALLY_COLUMN_TIME;
      g_autofree char *es = NULL, *gs = NULL;

      if (numbers_match (e, g, time ? 0 : 1e-9, time ? 0.0001 : 1e-12))
        return NULL;
      es = isnan (e) ? g_strdup ("null") : g_strdup_printf ("%.17g", e);
      gs = isnan (g) ? g_strdup ("null") : g_strdup_printf ("%.17g", g);
      return g_strdup_printf ("expected %s, got %s", es, gs);
    }
}

static char *
describe_columns (TallyFrame *frame)
{
  GString *s = g_string_new (NULL);

  for (guint c = 0; c < tally_frame_get_n_columns (frame); c++)
    g_string_append_printf (s, "%s%s:%s", c ? ", " : "", tally_frame_get_column_name (frame, c),
                            tally_column_type_to_string (tally_frame_get_column_type (frame, c)));

  return g_string_free (s, FALSE);
}

static gint64
row_time_ms (TallyFrame *frame,
             guint       row)
{
  return (gint64) llround (tally_frame_get_number (frame, row, 0) * 1000);
}

static int
find_row (TallyFrame *frame,
          gint64      time_ms)
{
  for (guint r = 0; r < tally_frame_get_n_rows (frame); r++)
    {
      if (row_time_ms (frame, r) == time_ms)
        return r;
    }

  return -1;
}

/* Rows are events, known by their times (all different): the events
 * expected and not there, and there but not expected, are named once;
 * the events in both are compared cell by cell, and must come newest
 * first. */
static void
compare_table_rows (const TallyQuery     *query,
                    const TallyTimeRange *range,
                    TallyFrame           *expected,
                    TallyFrame           *got)
{
  guint n_missing = 0, n_extra = 0;
  g_autofree char *first_missing = NULL, *first_extra = NULL;
  gint64 from, to, oldest = G_MAXINT64;
  gboolean at_ends = TRUE;

  /* Whether every difference comes from the minutes the ends are rounded
   * out to: events there missing, and older ones in their place. */
  tally_ref_round_range (range, &from, &to);
  for (guint r = 0; r < tally_frame_get_n_rows (expected); r++)
    {
      gint64 t = row_time_ms (expected, r);

      oldest = MIN (oldest, t);
      if (find_row (got, t) < 0)
        at_ends &= t < range->from * 1000 || t >= range->to * 1000;
    }
  for (guint g = 0; g < tally_frame_get_n_rows (got); g++)
    {
      if (find_row (expected, row_time_ms (got, g)) < 0)
        at_ends &= row_time_ms (got, g) < oldest;
    }

  for (guint r = 0; r < tally_frame_get_n_rows (expected); r++)
    {
      int g = find_row (got, row_time_ms (expected, r));

      if (g < 0 && n_missing++ == 0)
        first_missing = tq_format_time (row_time_ms (expected, r) / 1000);
      for (guint c = 0; g >= 0 && c < tally_frame_get_n_columns (expected); c++)
        {
          g_autofree char *detail = table_cell_differs (expected, got, r, g, c);
          g_autofree char *when = NULL, *where = NULL;

          tq_count_check ();
          if (detail == NULL)
            continue;
          when = tq_format_time (row_time_ms (expected, r) / 1000);
          where = g_strdup_printf ("row %u (the event of %s, %03" G_GINT64_FORMAT " ms) column %s",
                                   r, when, row_time_ms (expected, r) % 1000,
                                   tally_frame_get_column_name (expected, c));
          tq_mismatch (query, range, where, "%s", detail);
        }
    }
  for (guint g = 0; g < tally_frame_get_n_rows (got); g++)
    {
      if (find_row (expected, row_time_ms (got, g)) < 0 && n_extra++ == 0)
        first_extra = tq_format_time (row_time_ms (got, g) / 1000);
      tq_count_check ();
      if (g > 0 && row_time_ms (got, g) >= row_time_ms (got, g - 1))
        tq_mismatch (query, range, "rows", "row %u is not older than row %u", g, g - 1);
    }

  tq_count_check ();
  if (n_missing > 0 || n_extra > 0)
    tq_mismatch (query, range, at_ends ? "rows (the minutes at the ends)" : "rows",
                 "expected %u rows, got %u: %u events missing (the "
                 "first of %s), %u not expected (the first of %s)",
                 tally_frame_get_n_rows (expected), tally_frame_get_n_rows (got), n_missing,
                 first_missing ? first_missing : "-", n_extra, first_extra ? first_extra : "-");
}

static void
compare_table (const TallyQuery     *query,
               const TallyTimeRange *range,
               TallyFrame           *expected,
               TallyFrame           *got)
{
  guint n_columns = tally_frame_get_n_columns (expected);
  gboolean same_columns = tally_frame_get_n_columns (got) == n_columns;

  for (guint c = 0; same_columns && c < n_columns; c++)
    same_columns = g_str_equal (tally_frame_get_column_name (expected, c),
                                tally_frame_get_column_name (got, c)) &&
                   tally_frame_get_column_type (expected, c) ==
                   tally_frame_get_column_type (got, c);
  tq_count_check ();
  if (!same_columns)
    {
      g_autofree char *e = describe_columns (expected), *g = describe_columns (got);

      tq_mismatch (query, range, "columns", "expected [%s], got [%s]", e, g);
      return;
    }

  compare_table_rows (query, range, expected, got);
}

/* Compares every number and label of @got with @expected, the
 * reference's answer to @query; @parts says which parts of a scalar. */
void
tq_compare_frames (const TallyRef       *ref,
                   const TallyQuery     *query,
                   const TallyTimeRange *range,
                   TallyFrame           *expected,
                   TallyFrame           *got,
                   guint                 parts)
{
  if (query->shape != TALLY_SHAPE_TABLE &&
      (g_strcmp0 (tally_frame_get_metric (got), tally_frame_get_metric (expected)) != 0 ||
       g_strcmp0 (tally_frame_get_stat (got), tally_frame_get_stat (expected)) != 0 ||
       g_strcmp0 (tally_frame_get_unit (got), tally_frame_get_unit (expected)) != 0))
    tq_mismatch (query, range, "metric, stat and unit", "expected %s/%s in %s, got %s/%s in %s",
                 tally_frame_get_metric (expected), tally_frame_get_stat (expected),
                 tally_frame_get_unit (expected), tally_frame_get_metric (got),
                 tally_frame_get_stat (got), tally_frame_get_unit (got));

  switch (query->shape)
    {
    case TALLY_SHAPE_SCALAR:
      compare_scalar (ref, query, range, expected, got, parts);
      break;
    case TALLY_SHAPE_TIMESERIES:
      compare_timeseries (query, range, expected, got);
      break;
    case TALLY_SHAPE_CATEGORIES:
      compare_categories (query, range, expected, got);
      break;
    case TALLY_SHAPE_MATRIX:
      compare_matrix (query, range, expected, got);
      break;
    case TALLY_SHAPE_TABLE:
      compare_table (query, range, expected, got);
      break;
    case TALLY_N_SHAPES:
    default:
      g_assert_not_reached ();
    }
}
