/* tally-openai-frames.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Frames from the OpenAI source's records: each record is the sums of one
 * group over one API bucket, so every stat the source has is a sum of
 * records divided by a sum of records or by minutes (docs/queries.md,
 * "Stats"). Groups are ranked and folded into "Other" as the store does. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-error.h"
#include "tally-openai-private.h"

typedef struct
{
  double requests;
  double input;
  double output;
  double cached;
  double cost;
} Sums;

static void
sums_add (Sums                    *sums,
          const TallyOpenaiRecord *record)
{
  sums->requests += record->requests;
  sums->input += record->input;
  sums->output += record->output;
  sums->cached += record->cached;
  sums->cost += record->cost;
}

static void
sums_merge (Sums       *sums,
            const Sums *other)
{
  sums->requests += other->requests;
  sums->input += other->input;
  sums->output += other->output;
  sums->cached += other->cached;
  sums->cost += other->cost;
}

static double
sums_amount (const Sums  *sums,
             TallyMetric  metric)
{
  switch (metric)
    {
    case TALLY_METRIC_REQUESTS:      return sums->requests;
    case TALLY_METRIC_INPUT_TOKENS:  return sums->input;
    case TALLY_METRIC_OUTPUT_TOKENS: return sums->output;
    case TALLY_METRIC_CACHED_TOKENS: return sums->cached;
    case TALLY_METRIC_TOKENS:        return sums->input + sums->output;
    case TALLY_METRIC_COST:          return sums->cost;
    default:                         return NAN;
    }
}

static double
divide (double num,
        double den)
{
  return den > 0 ? num / den : NAN;
}

/* The stat of @metric over @sums, whose bucket has @minutes minutes. */
static double
sums_value (const Sums  *sums,
            TallyMetric  metric,
            TallyStat    stat,
            double       minutes)
{
  if (metric == TALLY_METRIC_COST_PER_REQUEST)
    return divide (sums->cost, sums->requests);
  if (metric == TALLY_METRIC_TOKENS_PER_DOLLAR)
    return divide (sums->input + sums->output, sums->cost);

  switch (stat)
    {
    case TALLY_STAT_SUM:
      return sums_amount (sums, metric);
    case TALLY_STAT_COUNT:
      return sums->requests;
    case TALLY_STAT_RATE:
      return divide (sums_amount (sums, metric), minutes);
    case TALLY_STAT_AVG:
      if (metric == TALLY_METRIC_REQUESTS)
        return divide (sums->requests, minutes);
      return divide (sums_amount (sums, metric), sums->requests);
    default:
      return NAN;
    }
}

/* What ranks groups: counts by their number, amounts by their sum, ratios
 * by their requests. */
static double
sums_rank (const Sums  *sums,
           TallyMetric  metric)
{
  if (tally_metric_get_kind (metric) == TALLY_METRIC_KIND_RATIO)
    return sums->requests;

  return sums_amount (sums, metric);
}

/* Minutes of [start, end) inside [from, to) and not after now. */
static double
span_minutes (gint64 start,
              gint64 end,
              gint64 from,
              gint64 to,
              gint64 now)
{
  gint64 a = MAX (start, from);
  gint64 b = MIN (MIN (end, to), now);

  return b > a ? (double) (b - a) / 60 : 0;
}

typedef struct
{
  const TallyQuery *query;
  gint64            from;
  gint64            to;
  gint64            now;
} Context;

static void
context_init (Context              *ctx,
              const TallyQuery     *query,
              const TallyTimeRange *range)
{
  ctx->query = query;
  ctx->from = range->from - ((range->from % 60) + 60) % 60;
  ctx->to = range->to + (60 - ((range->to % 60) + 60) % 60) % 60;
  ctx->now = range->now + (60 - ((range->now % 60) + 60) % 60) % 60;
}

static TallyFrame *
build_scalar (const Context *ctx,
              GPtrArray     *records)
{
  const TallyQuery *q = ctx->query;
  gint64 len = ctx->to - ctx->from;
  Sums now = { 0 }, before = { 0 };

  for (guint i = 0; i < records->len; i++)
    {
      const TallyOpenaiRecord *record = g_ptr_array_index (records, i);

      if (record->time >= ctx->from && record->time < ctx->to)
        sums_add (&now, record);
      else if (record->time >= ctx->from - len && record->time < ctx->from)
        sums_add (&before, record);
    }

  return tally_frame_new_scalar (tally_metric_to_string (q->metric), tally_stat_to_string (q->stat),
                                 tally_metric_get_unit (q->metric, q->stat),
                                 sums_value (&now, q->metric, q->stat,
                                             span_minutes (ctx->from, ctx->to, ctx->from, ctx->to, ctx->now)),
                                 sums_value (&before, q->metric, q->stat,
                                             span_minutes (ctx->from - len, ctx->from, ctx->from - len,
                                                           ctx->from, ctx->now)));
}

static const char *
record_label (const TallyOpenaiRecord *record,
              guint                    field)
{
  return record->group[field] != NULL ? record->group[field] : TALLY_OPENAI_UNKNOWN;
}

typedef struct
{
  char *label;
  Sums  total;
  double rank;
} Group;

static void
group_free (Group *group)
{
  g_free (group->label);
  g_free (group);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = *(Group * const *) a, *y = *(Group * const *) b;

  if (x->rank != y->rank)
    return x->rank > y->rank ? -1 : 1;

  return g_strcmp0 (x->label, y->label);
}

/* The groups of @field (0 or 1) over the range, largest first; past @top
 * the rest are folded into one last group, "Other". Returns the groups and
 * fills @index with label → position. */
static GPtrArray *
rank_groups (const Context *ctx,
             GPtrArray     *records,
             guint          field,
             guint          top,
             GHashTable    *index)
{
  g_autoptr(GHashTable) by_label = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);

  for (guint i = 0; i < records->len; i++)
    {
      const TallyOpenaiRecord *record = g_ptr_array_index (records, i);
      const char *label = record_label (record, field);
      Group *group;

      if (record->time < ctx->from || record->time >= ctx->to)
        continue;
      group = g_hash_table_lookup (by_label, label);
      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->label = g_strdup (label);
          g_ptr_array_add (groups, group);
          g_hash_table_insert (by_label, group->label, group);
        }
      sums_add (&group->total, record);
    }

  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);

      group->rank = sums_rank (&group->total, ctx->query->metric);
    }
  g_ptr_array_sort (groups, compare_groups);

  /* every label's position, those past @top at the "Other" that follows */
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);

      g_hash_table_insert (index, g_strdup (group->label),
                           GUINT_TO_POINTER (top > 0 && i > top ? top : i));
    }

  if (top > 0 && groups->len > top)
    {
      Group *other = g_new0 (Group, 1);

      other->label = g_strdup (TALLY_OPENAI_OTHER);
      for (guint i = top; i < groups->len; i++)
        sums_merge (&other->total, &((Group *) g_ptr_array_index (groups, i))->total);
      g_ptr_array_remove_range (groups, top, groups->len - top);
      g_ptr_array_add (groups, other);
    }

  return groups;
}

static guint
query_top (const TallyQuery *query)
{
  return query->top > 0 ? query->top : TALLY_QUERY_MAX_TOP;
}

static TallyFrame *
build_categories (const Context *ctx,
                  GPtrArray     *records)
{
  const TallyQuery *q = ctx->query;
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) groups = rank_groups (ctx, records, 0, query_top (q), index);
  double minutes = span_minutes (ctx->from, ctx->to, ctx->from, ctx->to, ctx->now);
  TallyFrame *frame;

  frame = tally_frame_new_categories (tally_metric_to_string (q->metric), tally_stat_to_string (q->stat),
                                      tally_metric_get_unit (q->metric, q->stat));
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);

      tally_frame_add_category (frame, group->label,
                                sums_value (&group->total, q->metric, q->stat, minutes));
    }

  return frame;
}

/* The index of the bucket whose start is the last at or before @time. */
static guint
find_bucket (GArray *starts,
             gint64  time)
{
  guint lo = 0, hi = starts->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (starts, gint64, mid) <= time)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

static TallyFrame *
build_timeseries (const Context        *ctx,
                  const TallyTimeRange *range,
                  GPtrArray            *records)
{
  const TallyQuery *q = ctx->query;
  gint64 interval = tally_openai_query_interval (q, range);
  g_autoptr(GArray) starts = tally_time_range_get_buckets (range, interval);
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree Sums *cells = NULL;
  g_autofree double *values = NULL;
  guint n = starts->len, n_groups;
  TallyFrame *frame;

  if (tally_query_has_group_by (q))
    groups = rank_groups (ctx, records, 0, query_top (q), index);
  n_groups = groups != NULL ? groups->len : 1;
  cells = g_new0 (Sums, (gsize) n_groups * MAX (n, 1));

  for (guint i = 0; n > 0 && i < records->len; i++)
    {
      const TallyOpenaiRecord *record = g_ptr_array_index (records, i);
      guint g = 0;

      if (record->time < ctx->from || record->time >= ctx->to)
        continue;
      if (groups != NULL)
        g = GPOINTER_TO_UINT (g_hash_table_lookup (index, record_label (record, 0)));
      sums_add (&cells[(gsize) g * n + find_bucket (starts, record->time)], record);
    }

  frame = tally_frame_new_timeseries (tally_metric_to_string (q->metric), tally_stat_to_string (q->stat),
                                      tally_metric_get_unit (q->metric, q->stat), interval,
                                      (const gint64 *) starts->data, n);
  values = g_new0 (double, MAX (n, 1));
  for (guint g = 0; g < n_groups; g++)
    {
      for (guint b = 0; b < n; b++)
        {
          gint64 start = g_array_index (starts, gint64, b);
          gint64 end = b + 1 < n ? g_array_index (starts, gint64, b + 1) : ctx->to;

          values[b] = sums_value (&cells[(gsize) g * n + b], q->metric, q->stat,
                                  span_minutes (start, end, ctx->from, ctx->to, ctx->now));
        }
      tally_frame_add_series (frame, groups != NULL ? ((Group *) g_ptr_array_index (groups, g))->label
                                                    : tally_metric_to_string (q->metric),
                              values);
    }

  return frame;
}

static const char **
group_labels (GPtrArray *groups)
{
  const char **labels = g_new0 (const char *, groups->len + 1);

  for (guint i = 0; i < groups->len; i++)
    labels[i] = ((Group *) g_ptr_array_index (groups, i))->label;

  return labels;
}

static TallyFrame *
build_matrix (const Context *ctx,
              GPtrArray     *records)
{
  const TallyQuery *q = ctx->query;
  g_autoptr(GHashTable) row_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) column_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* the largest groups of each, the rest in "Other": never millions of cells */
  g_autoptr(GPtrArray) rows = rank_groups (ctx, records, 0, query_top (q), row_index);
  g_autoptr(GPtrArray) columns = rank_groups (ctx, records, 1, query_top (q), column_index);
  g_autofree const char **row_labels = group_labels (rows);
  g_autofree const char **column_labels = group_labels (columns);
  g_autofree Sums *cells = g_new0 (Sums, (gsize) MAX (rows->len * columns->len, 1));
  g_autofree gboolean *seen = g_new0 (gboolean, (gsize) MAX (rows->len * columns->len, 1));
  double minutes = span_minutes (ctx->from, ctx->to, ctx->from, ctx->to, ctx->now);
  TallyFrame *frame;

  for (guint i = 0; i < records->len; i++)
    {
      const TallyOpenaiRecord *record = g_ptr_array_index (records, i);
      guint r, c;

      if (record->time < ctx->from || record->time >= ctx->to)
        continue;
      r = GPOINTER_TO_UINT (g_hash_table_lookup (row_index, record_label (record, 0)));
      c = GPOINTER_TO_UINT (g_hash_table_lookup (column_index, record_label (record, 1)));
      sums_add (&cells[r * columns->len + c], record);
      seen[r * columns->len + c] = TRUE;
    }

  frame = tally_frame_new_matrix (tally_metric_to_string (q->metric), tally_stat_to_string (q->stat),
                                  tally_metric_get_unit (q->metric, q->stat),
                                  row_labels, rows->len, column_labels, columns->len);
  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < columns->len; c++)
      tally_frame_set_cell (frame, r, c,
                            seen[r * columns->len + c]
                            ? sums_value (&cells[r * columns->len + c], q->metric, q->stat, minutes)
                            : NAN);

  return frame;
}

/**
 * tally_openai_build_frame:
 *
 * The frame of @query over @range from the fetched @records.
 */
TallyFrame *
tally_openai_build_frame (const TallyQuery      *query,
                          const TallyTimeRange  *range,
                          const TallyOpenaiPlan *plan,
                          GPtrArray             *records,
                          GError               **error)
{
  Context ctx;

  context_init (&ctx, query, range);

  switch (query->shape)
    {
    case TALLY_SHAPE_SCALAR:
      return build_scalar (&ctx, records);
    case TALLY_SHAPE_CATEGORIES:
      return build_categories (&ctx, records);
    case TALLY_SHAPE_TIMESERIES:
      return build_timeseries (&ctx, range, records);
    case TALLY_SHAPE_MATRIX:
      return build_matrix (&ctx, records);
    default:
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("Individual requests are not available from this source"));
      return NULL;
    }
}
