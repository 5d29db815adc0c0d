/* tally-test-reference-frames.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The reference's frames: groups ranked and folded into "Other", and each
 * shape of docs/queries.md ("Frames") built from the stats over its
 * buckets, cells or rows. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-test-reference-private.h"

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
      return ref_counts (e, metric);
    case TALLY_METRIC_KIND_AMOUNT:
      v = ref_amount (e->event, metric);
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
  guint i1 = ref_lower_bound (ref, to * 1000);

  for (guint i = ref_lower_bound (ref, from * 1000); i < i1; i++)
    {
      char buf[16];
      const char *name;
      Group *group;

      if (!mask[ref->ev[i].index])
        continue;
      if ((name = ref_group_of (ref->ev[i].event, dimension, buf)) == NULL)
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
      const char *name = mask[i] ? ref_group_of (event, dimension, buf) : NULL;
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

      values[b] = lo < hi ? ref_stat_between (ref, mask, query, now, lo, hi) : NAN;
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
  double value = ref_stat_between (ref, mask, query, range->now, from, to);
  double previous = ref_stat_between (ref, mask, query, range->now, from - (to - from), from);

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

      group->value = ref_stat_between (ref, group->mask, query, rounded->now, rounded->from,
                                       rounded->to);
    }
  g_ptr_array_sort (groups, compare_by_value);
  if (other != NULL)
    {
      other->value = ref_stat_between (ref, other->mask, query, rounded->now, rounded->from,
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
          v = ref_stat_over (ref, mask, query->metric, query->stat, rounded->now,
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
      guint i1 = ref_lower_bound (ref, hi * 1000);

      for (guint i = ref_lower_bound (ref, lo * 1000); i < i1; i++)
        {
          double v = ref_amount (ref->ev[i].event, which);

          if (mask[ref->ev[i].index] && !isnan (v))
            cells[latency_row (v)] += 1;
        }
      for (guint r = 0; r < G_N_ELEMENTS (latency_rows); r++)
        tally_frame_set_cell (frame, r, b, cells[r]);
    }

  return frame;
}

/* Two dimensions: a cell per pair of values that occurs; rows and columns
 * are the values that occur in a pair, by their totals over those events,
 * largest first. */
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
  g_autofree guint8 *both = g_new0 (guint8, MAX (ref->n, 1));
  TallyFrame *frame;

  /* Only the events with a value of both dimensions place in a cell: a
   * label's groups hold the events that carry it. */
  for (guint i = 0; i < ref->n; i++)
    {
      const TallyEvent *event = g_ptr_array_index (ref->events, i);
      char buf[16];

      both[i] = mask[i] &&
                ref_group_of (event, &query->rows, buf) != NULL &&
                ref_group_of (event, &query->columns, buf) != NULL;
    }
  rows = collect_groups (ref, both, &query->rows, query->metric, rounded->from, rounded->to);
  columns = collect_groups (ref, both, &query->columns, query->metric, rounded->from, rounded->to);
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
        guint i1 = ref_lower_bound (ref, rounded->to * 1000);
        gboolean occurs = FALSE;

        for (guint i = 0; i < ref->n; i++)
          pair[i] = row->mask[i] && column->mask[i];
        for (guint i = ref_lower_bound (ref, rounded->from * 1000); !occurs && i < i1; i++)
          occurs = pair[ref->ev[i].index];
        tally_frame_set_cell (frame, r, c,
                              occurs ? ref_stat_between (ref, pair, query, rounded->now,
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
  guint i0 = ref_lower_bound (ref, rounded->from * 1000);
  guint added = 0;

  for (guint c = 0; c < G_N_ELEMENTS (table_columns); c++)
    tally_frame_add_column (frame, table_columns[c].name, table_columns[c].type);

  for (guint i = ref_lower_bound (ref, rounded->to * 1000); i > i0 && added < query->limit; i--)
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
  g_autofree guint8 *mask = ref_filter_mask (ref, query);
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
  g_autofree guint8 *mask = ref_filter_mask (ref, query);
  gint64 from, to;

  tally_ref_round_range (range, &from, &to);
  return bucket_values (ref, mask, query, from, to, range->now, buckets, n_buckets);
}
