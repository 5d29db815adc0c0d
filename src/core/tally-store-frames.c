/* tally-store-frames.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Each frame shape built from query runs (tally-store-query.c): a scalar
 * with its previous period and sparkline, a timeseries or categories with
 * the largest groups and "Other", and the three kinds of matrix. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "tally-error.h"
#include "tally-store-query-private.h"

#define SPARKLINE_WIDTH 80

/* The value of the whole range, for scalars and previous periods. */
static gboolean
scalar_value (sqlite3              *db,
              TallyStoreDict       *dict,
              const TallyQuery     *query,
              const TallyTimeRange *range,
              GCancellable         *cancellable,
              double               *value,
              GError              **error)
{
  g_autoptr(GHashTable) lists = NULL;
  TallyQueryRun run;
  gboolean ok;

  ok = tally_query_run_init (&run, db, dict, query, range, cancellable, error);
  if (ok)
    {
      tally_query_run_setup_single_bucket (&run);
      ok = tally_query_run_read (&run, error);
    }
  if (ok)
    {
      lists = run.per_minute ? tally_query_run_collect_minutes (&run) : NULL;
      *value = tally_query_run_value (&run, lists, 0, 0);
    }
  tally_query_run_clear (&run);

  return ok;
}

/* A timeseries; with @sparkline_of set, the sparkline of that scalar. */
static TallyFrame *
build_timeseries (sqlite3              *db,
                  TallyStoreDict       *dict,
                  const TallyQuery     *query,
                  const TallyTimeRange *range,
                  guint                 width_px,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr(GHashTable) lists = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autofree double *values = NULL;
  TallyFrame *frame = NULL;
  gint64 interval = query->interval_s > 0 ? query->interval_s
                                          : tally_time_range_auto_interval (range, width_px);
  gboolean has_other;
  TallyQueryRun run;

  if (!tally_query_run_init (&run, db, dict, query, range, cancellable, error) ||
      !tally_query_run_setup_time_buckets (&run, range, interval, error) || !tally_query_run_read (&run, error))
    goto out;

  labels = tally_query_run_rank_groups (&run, query->top, &has_other);
  lists = run.per_minute ? tally_query_run_collect_minutes (&run) : NULL;

  frame = tally_frame_new_timeseries (tally_metric_to_string (run.metric), tally_stat_to_string (run.stat),
                                      tally_metric_get_unit (run.metric, run.stat), interval,
                                      run.starts, run.n_buckets);
  values = g_new (double, run.n_buckets);
  for (guint g = 0; g < labels->len; g++)
    {
      const char *name = g_ptr_array_index (labels, g);

      for (guint b = 0; b < run.n_buckets; b++)
        values[b] = tally_query_run_value (&run, lists, g, b);
      tally_frame_add_series (frame, tally_query_has_group_by (query) ? name
                                                                      : tally_metric_to_string (run.metric),
                              values);
    }

out:
  tally_query_run_clear (&run);
  return frame;
}

static TallyFrame *
build_scalar (sqlite3              *db,
              TallyStoreDict       *dict,
              const TallyQuery     *query,
              const TallyTimeRange *range,
              GCancellable         *cancellable,
              GError              **error)
{
  /* The period just before the range as the store counts it, in whole
   * minutes: shifting the exact range and rounding it again would make
   * the two overlap by a minute. */
  gint64 from = tally_query_floor_to (range->from, 60);
  gint64 to = tally_query_ceil_to (range->to, 60);
  g_autoptr(TallyTimeRange) previous_range = tally_time_range_new (2 * from - to, from, range->now,
                                                                   range->tz);
  g_autoptr(TallyFrame) sparkline = NULL;
  g_autoptr(TallyQuery) ungrouped = tally_query_copy (query);
  TallyFrame *frame;
  double value = NAN, previous = NAN;
  guint n;

  /* A scalar is one value: a group-by has nothing to split. */
  tally_dimension_clear (&ungrouped->group_by);
  ungrouped->interval_s = 0;

  if (!scalar_value (db, dict, ungrouped, range, cancellable, &value, error) ||
      !scalar_value (db, dict, ungrouped, previous_range, cancellable, &previous, error) ||
      !(sparkline = build_timeseries (db, dict, ungrouped, range, SPARKLINE_WIDTH, cancellable, error)))
    return NULL;

  frame = tally_frame_new_scalar (tally_metric_to_string (query->metric),
                                  tally_stat_to_string (query->stat),
                                  tally_metric_get_unit (query->metric, query->stat), value, previous);
  tally_frame_get_buckets (sparkline, &n);
  if (n > 0 && tally_frame_get_n_series (sparkline) > 0)
    tally_frame_set_sparkline (frame, tally_frame_get_buckets (sparkline, NULL)[0],
                               tally_frame_get_interval (sparkline),
                               tally_frame_get_series_values (sparkline, 0), n);

  return frame;
}

typedef struct
{
  const char *label;
  double      value;
} Category;

static int
compare_category (gconstpointer a,
                  gconstpointer b)
{
  const Category *ca = a, *cb = b;

  if (isnan (ca->value) != isnan (cb->value))
    return isnan (ca->value) ? 1 : -1;
  if (ca->value != cb->value)
    return ca->value < cb->value ? 1 : -1;
  return g_strcmp0 (ca->label, cb->label);
}

static TallyFrame *
build_categories (sqlite3              *db,
                  TallyStoreDict       *dict,
                  const TallyQuery     *query,
                  const TallyTimeRange *range,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr(GHashTable) lists = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autofree Category *categories = NULL;
  TallyFrame *frame = NULL;
  gboolean has_other;
  guint n_sorted;
  TallyQueryRun run;

  if (!tally_query_has_group_by (query))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("categories need a dimension to group by (group_by)"));
      return NULL;
    }

  if (!tally_query_run_init (&run, db, dict, query, range, cancellable, error) ||
      (tally_query_run_setup_single_bucket (&run), !tally_query_run_read (&run, error)))
    goto out;

  labels = tally_query_run_rank_groups (&run, query->top, &has_other);
  lists = run.per_minute ? tally_query_run_collect_minutes (&run) : NULL;

  /* Sorted by value, largest first; "Other" stays last. */
  categories = g_new0 (Category, MAX (labels->len, 1));
  for (guint g = 0; g < labels->len; g++)
    {
      categories[g].label = g_ptr_array_index (labels, g);
      categories[g].value = tally_query_run_value (&run, lists, g, 0);
    }
  n_sorted = has_other ? labels->len - 1 : labels->len;
  qsort (categories, n_sorted, sizeof (Category), compare_category);

  frame = tally_frame_new_categories (tally_metric_to_string (run.metric), tally_stat_to_string (run.stat),
                                      tally_metric_get_unit (run.metric, run.stat));
  for (guint g = 0; g < labels->len; g++)
    tally_frame_add_category (frame, categories[g].label, categories[g].value);

out:
  tally_query_run_clear (&run);
  return frame;
}

/* Matrices */

static TallyFrame *
build_week_matrix (sqlite3              *db,
                   TallyStoreDict       *dict,
                   const TallyQuery     *query,
                   const TallyTimeRange *range,
                   GCancellable         *cancellable,
                   GError              **error)
{
  static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  g_autoptr(GHashTable) lists = NULL;
  g_autoptr(GPtrArray) hours = g_ptr_array_new_with_free_func (g_free);
  TallyFrame *frame = NULL;
  TallyQueryRun run;

  if (!tally_query_run_init (&run, db, dict, query, range, cancellable, error) ||
      (tally_query_run_setup_week_cells (&run), !tally_query_run_read (&run, error)))
    goto out;

  lists = run.per_minute ? tally_query_run_collect_minutes (&run) : NULL;
  for (guint h = 0; h < 24; h++)
    g_ptr_array_add (hours, g_strdup_printf ("%02u", h));
  frame = tally_frame_new_matrix (tally_metric_to_string (run.metric), tally_stat_to_string (run.stat),
                                  tally_metric_get_unit (run.metric, run.stat), days, 7,
                                  (const char * const *) hours->pdata, 24);
  for (guint d = 0; d < 7; d++)
    {
      for (guint h = 0; h < 24; h++)
        {
          guint cell = d * 24 + h;

          /* A cell the range never reaches is null, not zero. */
          tally_frame_set_cell (frame, d, h, run.minutes[cell] > 0 ? tally_query_run_value (&run, lists, 0, cell)
                                                                    : NAN);
        }
    }

out:
  tally_query_run_clear (&run);
  return frame;
}

/* Latency ranges of the latency_bucket rows, in milliseconds. */
static const double latency_edges[] = { 0, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, INFINITY };
static const char *latency_labels[] = {
  "<100 ms", "100–250 ms", "250–500 ms", "0.5–1 s", "1–2.5 s", "2.5–5 s", "5–10 s", "10–30 s", "≥30 s"
};

/* Requests per latency range (rows, fastest first) and time bucket
 * (columns, as Unix seconds), read from the sketches. */
static TallyFrame *
build_latency_matrix (sqlite3              *db,
                      TallyStoreDict       *dict,
                      const TallyQuery     *query,
                      const TallyTimeRange *range,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autoptr(TallyQuery) counting = tally_query_copy (query);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  guint n_rows = G_N_ELEMENTS (latency_labels);
  TallyFrame *frame = NULL;
  gint64 interval;
  TallyQueryRun run;

  if (counting->metric != TALLY_METRIC_TTFT && counting->metric != TALLY_METRIC_QUEUE_TIME)
    counting->metric = TALLY_METRIC_LATENCY;
  counting->stat = TALLY_STAT_COUNT;
  interval = query->interval_s > 0 ? query->interval_s
                                   : tally_time_range_auto_interval (range, query->width_px / 8);

  if (!tally_query_run_init (&run, db, dict, counting, range, cancellable, error) ||
      !tally_query_run_setup_time_buckets (&run, range, interval, error) || !tally_query_run_read (&run, error))
    goto out;

  for (guint b = 0; b < run.n_buckets; b++)
    g_ptr_array_add (columns, g_strdup_printf ("%" G_GINT64_FORMAT, run.starts[b]));
  frame = tally_frame_new_matrix (tally_metric_to_string (counting->metric), "count", "requests",
                                  latency_labels, n_rows, (const char * const *) columns->pdata,
                                  run.n_buckets);
  for (guint b = 0; b < run.n_buckets; b++)
    {
      guint64 key = tally_query_pack (0, b);
      TallyRollup *rollup = g_hash_table_lookup (run.acc, &key);
      const TallyMeasure *measure = rollup ? tally_rollup_get_measure (rollup, counting->metric) : NULL;

      for (guint r = 0; r < n_rows; r++)
        {
          double count = 0;

          if (measure != NULL && measure->sketch != NULL)
            count = (double) tally_sketch_count_at_most (measure->sketch, latency_edges[r + 1]) -
                    (r == 0 ? 0 : (double) tally_sketch_count_at_most (measure->sketch, latency_edges[r]));
          tally_frame_set_cell (frame, r, b, count);
        }
    }

out:
  tally_query_run_clear (&run);
  return frame;
}

static guint
intern_label (GPtrArray  *labels,
              GArray     *totals,
              const char *label,
              double      weight)
{
  guint i;
  double zero = 0;

  for (i = 0; i < labels->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (labels, i), label))
        break;
    }
  if (i == labels->len)
    {
      g_ptr_array_add (labels, g_strdup (label));
      g_array_append_val (totals, zero);
    }
  g_array_index (totals, double, i) += weight;

  return i;
}

typedef struct
{
  const char *label;
  double      total;
  guint       index;
} Ranked;

static int
compare_by_total (gconstpointer a,
                  gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->total != rb->total)
    return ra->total < rb->total ? 1 : -1;
  return g_strcmp0 (ra->label, rb->label);
}

/* Sorts @labels by @totals, largest first (ties alphabetically), and
 * fills @position with each old index's new place. */
static void
order_by_total (GPtrArray *labels,
                GArray    *totals,
                guint     *position)
{
  g_autofree Ranked *ranked = g_new (Ranked, MAX (labels->len, 1));
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < labels->len; i++)
    ranked[i] = (Ranked) { g_ptr_array_index (labels, i), g_array_index (totals, double, i), i };
  qsort (ranked, labels->len, sizeof (Ranked), compare_by_total);
  for (guint i = 0; i < labels->len; i++)
    {
      position[ranked[i].index] = i;
      g_ptr_array_add (sorted, g_strdup (ranked[i].label));
    }

  g_ptr_array_set_size (labels, 0);
  for (guint i = 0; i < sorted->len; i++)
    g_ptr_array_add (labels, g_strdup (g_ptr_array_index (sorted, i)));
}

/* Two dimensions, e.g. model × project: one cell per pair of values that
 * occurs, the rows and columns being the values that occur in a pair, in
 * the order of their totals over those pairs, largest first. */
static TallyFrame *
build_dimension_matrix (sqlite3              *db,
                        TallyStoreDict       *dict,
                        const TallyQuery     *query,
                        const TallyTimeRange *range,
                        GCancellable         *cancellable,
                        GError              **error)
{
  g_autoptr(GHashTable) lists = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) row_totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) column_totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree double *values = NULL;
  g_autofree guint *cell_row = NULL, *cell_column = NULL;
  g_autofree guint *row_position = NULL, *column_position = NULL;
  TallyFrame *frame = NULL;
  guint n;
  TallyQueryRun run;

  if (!tally_query_run_init (&run, db, dict, query, range, cancellable, error) ||
      (tally_query_run_setup_single_bucket (&run), !tally_query_run_read (&run, error)))
    goto out;

  lists = run.per_minute ? tally_query_run_collect_minutes (&run) : NULL;
  n = run.plan.group_labels->len;
  values = g_new (double, MAX (n, 1));
  cell_row = g_new (guint, MAX (n, 1));
  cell_column = g_new (guint, MAX (n, 1));
  for (guint g = 0; g < n; g++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (run.plan.group_labels, g), "\x1f", 2);
      guint64 key = tally_query_pack (g, 0);
      double weight;

      /* A pair that does not occur in the range is no cell: null. */
      if (!g_hash_table_contains (run.acc, &key))
        {
          cell_row[g] = cell_column[g] = G_MAXUINT;
          continue;
        }
      values[g] = tally_query_run_value (&run, lists, g, 0);
      weight = tally_query_run_weight (&run, g, 0);
      cell_row[g] = intern_label (rows, row_totals, parts[0], weight);
      cell_column[g] = intern_label (columns, column_totals, parts[1] ? parts[1] : "", weight);
    }
  row_position = g_new (guint, MAX (rows->len, 1));
  column_position = g_new (guint, MAX (columns->len, 1));
  order_by_total (rows, row_totals, row_position);
  order_by_total (columns, column_totals, column_position);

  frame = tally_frame_new_matrix (tally_metric_to_string (run.metric), tally_stat_to_string (run.stat),
                                  tally_metric_get_unit (run.metric, run.stat),
                                  (const char * const *) rows->pdata, rows->len,
                                  (const char * const *) columns->pdata, columns->len);
  for (guint g = 0; g < n; g++)
    {
      if (cell_row[g] != G_MAXUINT)
        tally_frame_set_cell (frame, row_position[cell_row[g]], column_position[cell_column[g]], values[g]);
    }

out:
  tally_query_run_clear (&run);
  return frame;
}

static TallyFrame *
build_matrix (sqlite3              *db,
              TallyStoreDict       *dict,
              const TallyQuery     *query,
              const TallyTimeRange *range,
              GCancellable         *cancellable,
              GError              **error)
{
  if (query->rows.kind == TALLY_DIMENSION_DAY_OF_WEEK)
    return build_week_matrix (db, dict, query, range, cancellable, error);
  if (query->rows.kind == TALLY_DIMENSION_LATENCY_BUCKET)
    return build_latency_matrix (db, dict, query, range, cancellable, error);

  return build_dimension_matrix (db, dict, query, range, cancellable, error);
}

/**
 * tally_store_run_query:
 *
 * Answers @query over @range from one read snapshot of the store (WAL
 * lets the writer go on meanwhile).
 */
TallyFrame *
tally_store_run_query (sqlite3              *db,
                       TallyStoreDict       *dict,
                       const TallyQuery     *query,
                       const TallyTimeRange *range,
                       GCancellable         *cancellable,
                       GError              **error)
{
  TallyFrame *frame = NULL;

  if (!tally_query_validate (query, error) || !tally_store_exec (db, "BEGIN", error))
    return NULL;

  switch (query->shape)
    {
    case TALLY_SHAPE_SCALAR:
      frame = build_scalar (db, dict, query, range, cancellable, error);
      break;
    case TALLY_SHAPE_TIMESERIES:
      frame = build_timeseries (db, dict, query, range, query->width_px, cancellable, error);
      break;
    case TALLY_SHAPE_CATEGORIES:
      frame = build_categories (db, dict, query, range, cancellable, error);
      break;
    case TALLY_SHAPE_MATRIX:
      frame = build_matrix (db, dict, query, range, cancellable, error);
      break;
    case TALLY_SHAPE_TABLE:
      frame = tally_store_run_table (db, dict, query, range, cancellable, error);
      break;
    case TALLY_N_SHAPES:
    default:
      g_assert_not_reached ();
    }

  tally_store_exec (db, "COMMIT", NULL);
  return frame;
}
