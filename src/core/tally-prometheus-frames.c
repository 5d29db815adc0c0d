/* tally-prometheus-frames.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Prometheus series into Tally's frame shapes (docs/queries.md): groups
 * ranked by their total, the largest `top` kept and the rest folded into
 * "Other" where the stat adds up; a series without the group's label is
 * "(none)". A bucket or a group Prometheus has no sample for is NAN — a
 * missing series is an empty frame, never a zero. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "tally-prometheus-frames.h"
#include "tally-store-query-private.h"

typedef struct
{
  const char *label;
  double      total;
  double     *values;
} Group;

static const char *
group_label (const TallyPromSeries *series,
             guint                  i)
{
  const char *label = series->labels[i];

  return label != NULL && *label != '\0' ? label : TALLY_PROM_NONE;
}

/* Whether adding the groups' values gives the value of their union. */
static gboolean
stat_adds_up (const TallyQuery *query)
{
  TallyMetricKind kind = tally_metric_get_kind (query->metric);

  if (kind == TALLY_METRIC_KIND_COUNT || kind == TALLY_METRIC_KIND_AMOUNT)
    return query->stat == TALLY_STAT_SUM || query->stat == TALLY_STAT_RATE ||
           query->stat == TALLY_STAT_COUNT ||
           (kind == TALLY_METRIC_KIND_COUNT && query->stat == TALLY_STAT_AVG);
  if (kind == TALLY_METRIC_KIND_DURATION)
    return query->stat == TALLY_STAT_SUM || query->stat == TALLY_STAT_COUNT;
  return FALSE;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *ga = a, *gb = b;

  if (isnan (ga->total) != isnan (gb->total))
    return isnan (ga->total) ? 1 : -1;
  if (ga->total != gb->total)
    return ga->total < gb->total ? 1 : -1;
  return g_strcmp0 (ga->label, gb->label);
}

static void
add_into (double       *sum,
          const double *values,
          guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      if (isnan (values[i]))
        continue;
      sum[i] = isnan (sum[i]) ? values[i] : sum[i] + values[i];
    }
}

static double
total_of (const double *values,
          guint         n)
{
  double total = NAN;

  for (guint i = 0; i < n; i++)
    {
      if (!isnan (values[i]) && !isinf (values[i]))
        total = isnan (total) ? values[i] : total + values[i];
    }
  return total;
}

static guint
keep_groups (const TallyQuery *query,
             guint             n_groups)
{
  guint top = query->top > 0 ? query->top : TALLY_QUERY_MAX_TOP;

  return MIN (n_groups, top);
}

static double *
nan_values (guint n)
{
  double *values = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    values[i] = NAN;
  return values;
}

/* Each series' points in the buckets [first, first + n·step): a point at T
 * is the increase or rate over (T − step, T], so it fills bucket T − step. */
static double *
bucket_values (const TallyPromSeries *series,
               gint64                 first,
               gint64                 step,
               guint                  n_buckets)
{
  double *values = nan_values (n_buckets);

  for (guint i = 0; i < series->times->len; i++)
    {
      gint64 start = g_array_index (series->times, gint64, i) - step;

      if (start < first || (start - first) % step != 0 || (start - first) / step >= n_buckets)
        continue;
      values[(start - first) / step] = g_array_index (series->values, double, i);
    }
  return values;
}

TallyFrame *
tally_prometheus_frame_timeseries (const TallyQuery *query,
                                   GPtrArray        *series,
                                   gint64            first,
                                   gint64            step,
                                   guint             n_buckets)
{
  g_autofree gint64 *buckets = g_new (gint64, MAX (n_buckets, 1));
  g_autofree Group *groups = g_new0 (Group, MAX (series->len, 1));
  g_autofree double *other = nan_values (n_buckets);
  TallyFrame *frame;
  guint keep;

  for (guint b = 0; b < n_buckets; b++)
    buckets[b] = first + (gint64) b * step;
  frame = tally_frame_new_timeseries (tally_metric_to_string (query->metric),
                                      tally_stat_to_string (query->stat),
                                      tally_metric_get_unit (query->metric, query->stat),
                                      step, buckets, n_buckets);

  if (!tally_query_has_group_by (query))
    {
      g_autofree double *values = series->len > 0 ? bucket_values (g_ptr_array_index (series, 0),
                                                                   first, step, n_buckets)
                                                  : nan_values (n_buckets);
      tally_frame_add_series (frame, tally_metric_to_string (query->metric), values);
      return frame;
    }

  for (guint i = 0; i < series->len; i++)
    {
      groups[i].label = group_label (g_ptr_array_index (series, i), 0);
      groups[i].values = bucket_values (g_ptr_array_index (series, i), first, step, n_buckets);
      groups[i].total = total_of (groups[i].values, n_buckets);
    }
  qsort (groups, series->len, sizeof (Group), compare_groups);
  keep = keep_groups (query, series->len);
  for (guint i = 0; i < series->len; i++)
    {
      if (i < keep)
        tally_frame_add_series (frame, groups[i].label, groups[i].values);
      else
        add_into (other, groups[i].values, n_buckets);
    }
  if (keep < series->len && stat_adds_up (query))
    tally_frame_add_series (frame, TALLY_QUERY_OTHER_LABEL, other);
  for (guint i = 0; i < series->len; i++)
    g_free (groups[i].values);

  return frame;
}

static double
first_value (const TallyPromSeries *series)
{
  return series->values->len > 0 ? g_array_index (series->values, double, 0) : NAN;
}

TallyFrame *
tally_prometheus_frame_categories (const TallyQuery *query,
                                   GPtrArray        *series)
{
  g_autofree Group *groups = g_new0 (Group, MAX (series->len, 1));
  double other = NAN;
  TallyFrame *frame;
  guint keep;

  for (guint i = 0; i < series->len; i++)
    {
      groups[i].label = group_label (g_ptr_array_index (series, i), 0);
      groups[i].total = first_value (g_ptr_array_index (series, i));
    }
  qsort (groups, series->len, sizeof (Group), compare_groups);
  keep = keep_groups (query, series->len);

  frame = tally_frame_new_categories (tally_metric_to_string (query->metric),
                                      tally_stat_to_string (query->stat),
                                      tally_metric_get_unit (query->metric, query->stat));
  for (guint i = 0; i < series->len; i++)
    {
      if (i < keep)
        tally_frame_add_category (frame, groups[i].label, groups[i].total);
      else
        add_into (&other, &groups[i].total, 1);
    }
  if (keep < series->len && stat_adds_up (query))
    tally_frame_add_category (frame, TALLY_QUERY_OTHER_LABEL, other);

  return frame;
}

/* The distinct values of label @axis, ordered by their totals, the
 * largest @limit of them. */
static GPtrArray *
axis_values (GPtrArray *series,
             guint      axis,
             guint      limit)
{
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree Group *groups = NULL;
  GPtrArray *out = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  for (guint i = 0; i < series->len; i++)
    {
      const char *label = group_label (g_ptr_array_index (series, i), axis);
      double *total = g_hash_table_lookup (totals, label);
      double v = first_value (g_ptr_array_index (series, i));

      if (total == NULL)
        {
          total = g_new (double, 1);
          *total = NAN;
          g_hash_table_insert (totals, (gpointer) label, total);
        }
      add_into (total, &v, 1);
    }

  groups = g_new0 (Group, MAX (g_hash_table_size (totals), 1));
  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      groups[n].label = key;
      groups[n++].total = *(double *) value;
    }
  qsort (groups, n, sizeof (Group), compare_groups);
  for (guint i = 0; i < MIN (n, limit); i++)
    g_ptr_array_add (out, (gpointer) groups[i].label);

  return out;
}

static gboolean
index_of (GPtrArray  *values,
          const char *label,
          guint      *index)
{
  return g_ptr_array_find_with_equal_func (values, label, g_str_equal, index);
}

/* Two label dimensions: one cell per pair that occurs, for the largest
 * values of each (the query's top, else TALLY_QUERY_MAX_TOP): a server
 * with thousands of users × models does not make a matrix of millions. */
TallyFrame *
tally_prometheus_frame_matrix (const TallyQuery *query,
                               GPtrArray        *series)
{
  guint limit = query->top > 0 ? query->top : TALLY_QUERY_MAX_TOP;
  g_autoptr(GPtrArray) rows = axis_values (series, 0, limit);
  g_autoptr(GPtrArray) columns = axis_values (series, 1, limit);
  TallyFrame *frame;

  frame = tally_frame_new_matrix (tally_metric_to_string (query->metric),
                                  tally_stat_to_string (query->stat),
                                  tally_metric_get_unit (query->metric, query->stat),
                                  (const char * const *) rows->pdata, rows->len,
                                  (const char * const *) columns->pdata, columns->len);
  for (guint i = 0; i < series->len; i++)
    {
      const TallyPromSeries *s = g_ptr_array_index (series, i);

      guint r, c;

      if (index_of (rows, group_label (s, 0), &r) && index_of (columns, group_label (s, 1), &c))
        tally_frame_set_cell (frame, r, c, first_value (s));
    }

  return frame;
}

/* The value of an instant query without grouping: NAN when no series. */
double
tally_prometheus_frame_value (GPtrArray *series)
{
  if (series == NULL || series->len == 0)
    return NAN;
  return first_value (g_ptr_array_index (series, 0));
}
