/* tally-store-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The query engine of the local store: rollup rows in, values per group
 * and bucket out (tally-store-frames.c shapes them into frames).
 *
 * Data is counted per minute, so a range's ends are rounded out to whole
 * minutes. Each bucket is read from hour rows where whole hours fit inside
 * it and from minute rows at its edges, so a 90-day chart reads about two
 * thousand hour rows, never raw events. Events not yet folded into the
 * rollups (the writer does that just after committing them) are read raw
 * and folded here by the same code.
 *
 * Stats that run over per-minute values (the maximum requests per minute,
 * the P95 of the per-minute error rate) read minute rows only, and count
 * the minutes without events as zeros, up to "now". */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "tally-error.h"
#include "tally-store-query-private.h"


#define DEFAULT_TOP 100

static guint
pack_hash (gconstpointer key)
{
  guint64 v = *(const guint64 *) key * 0x9E3779B97F4A7C15ull;

  return (guint) (v ^ (v >> 29));
}

static gboolean
pack_equal (gconstpointer a,
            gconstpointer b)
{
  return *(const guint64 *) a == *(const guint64 *) b;
}

static gboolean
check_cancelled (TallyQueryRun     *run,
                 GError **error)
{
  return g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

/* Buckets */

static int
time_bucket_of (TallyQueryRun    *run,
                gint64  t)
{
  guint lo = 0, hi = run->n_buckets;

  if (t < run->edges[0] || t >= run->edges[run->n_buckets])
    return -1;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (run->edges[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

static int
cell_of (TallyQueryRun    *run,
         gint64  t)
{
  int interval = g_time_zone_find_interval (run->tz, G_TIME_TYPE_UNIVERSAL, t);
  gint64 local = t + g_time_zone_get_offset (run->tz, interval);
  gint64 days = tally_query_floor_to (local, 86400) / 86400;
  /* 1970-01-01 was a Thursday; cells start on Monday. */
  int day = (int) (((days + 3) % 7 + 7) % 7);
  int hour = (int) ((local - days * 86400) / 3600);

  return day * 24 + hour;
}

static int
bucket_of (TallyQueryRun    *run,
           gint64  t)
{
  if (run->kind == BUCKETS_TIME)
    return time_bucket_of (run, t);
  if (t < run->from || t >= run->to)
    return -1;
  return cell_of (run, t);
}

gboolean
tally_query_run_setup_time_buckets (TallyQueryRun                  *run,
                    const TallyTimeRange *range,
                    gint64                interval,
                    GError              **error)
{
  g_autoptr(TallyTimeRange) rounded = tally_time_range_new (run->from, run->to, range->now, run->tz);
  g_autoptr(GArray) starts = tally_time_range_get_buckets (rounded, interval);

  if (starts->len == 0 || starts->len > TALLY_QUERY_MAX_BUCKETS)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("%u buckets is too many: choose a wider interval for this range"),
                   starts->len);
      return FALSE;
    }

  run->kind = BUCKETS_TIME;
  run->n_buckets = starts->len;
  run->starts = g_memdup2 (starts->data, sizeof (gint64) * starts->len);
  run->edges = g_new (gint64, starts->len + 1);
  for (guint i = 0; i < starts->len; i++)
    run->edges[i] = MAX (g_array_index (starts, gint64, i), run->from);
  run->edges[starts->len] = run->to;

  run->minutes = g_new0 (double, run->n_buckets);
  for (guint i = 0; i < run->n_buckets; i++)
    run->minutes[i] = MAX (0, MIN (run->edges[i + 1], run->now) - run->edges[i]) / 60.0;

  return TRUE;
}

void
tally_query_run_setup_week_cells (TallyQueryRun *run)
{
  gint64 end = MIN (run->to, run->now);

  run->kind = BUCKETS_WEEK_CELLS;
  run->n_buckets = 7 * 24;
  run->minutes = g_new0 (double, run->n_buckets);
  for (gint64 t = run->from; t < end; t += 60)
    run->minutes[cell_of (run, t)] += 1;
}

/* Accumulation */

static TallyRollup *
get_acc (TallyQueryRun  *run,
         int   group,
         guint bucket)
{
  guint64 key = tally_query_pack (group, bucket);
  TallyRollup *rollup = g_hash_table_lookup (run->acc, &key);

  if (rollup == NULL)
    {
      rollup = tally_rollup_new ();
      g_hash_table_insert (run->acc, g_memdup2 (&key, sizeof key), rollup);
    }

  return rollup;
}

/* The numerator and denominator of the metric in one minute. */
static MinuteValue
minute_value (TallyQueryRun               *run,
              const TallyRollup *rollup)
{
  MinuteValue v = { 0, 0 };

  switch (tally_metric_get_kind (run->metric))
    {
    case TALLY_METRIC_KIND_COUNT:
      v.num = tally_rollup_get_count (rollup, run->metric);
      break;
    case TALLY_METRIC_KIND_CONCURRENCY:
      v.num = rollup->busy_ms / 60000.0;
      break;
    case TALLY_METRIC_KIND_RATIO:
      /* num and den add up over minutes and groups; num / den is the ratio */
      if (run->metric == TALLY_METRIC_ERROR_RATE)
        v.num = rollup->errors, v.den = rollup->requests;
      else if (run->metric == TALLY_METRIC_RATE_LIMIT_RATE)
        v.num = rollup->rate_limited, v.den = rollup->requests;
      else if (run->metric == TALLY_METRIC_COST_PER_REQUEST)
        v.num = rollup->cost.sum, v.den = rollup->cost.n;
      else if (run->metric == TALLY_METRIC_TOKENS_PER_DOLLAR)
        v.num = rollup->tokens.sum, v.den = rollup->cost.sum;
      break;
    default:
      break;
    }

  return v;
}

static void
record_minute (TallyQueryRun               *run,
               int                group,
               gint64             t,
               const TallyRollup *rollup)
{
  MinuteValue v = minute_value (run, rollup);
  guint64 key = tally_query_pack (group, (guint) ((t - run->from) / 60));
  MinuteValue *stored = g_hash_table_lookup (run->values, &key);

  if (stored == NULL)
    {
      stored = g_new0 (MinuteValue, 1);
      g_hash_table_insert (run->values, g_memdup2 (&key, sizeof key), stored);
    }
  stored->num += v.num;
  stored->den += v.den;
}

static void
add_rollup (TallyQueryRun     *run,
            int                level,
            gint32             grain,
            gint64             t,
            gint64             key,
            const TallyRollup *rollup)
{
  int group = tally_store_plan_group (&run->plan, grain, key);
  int bucket;

  if (group < 0 || (bucket = bucket_of (run, t)) < 0)
    return;

  tally_rollup_merge (get_acc (run, group, bucket), rollup);
  if (run->per_minute && level == LEVEL_MINUTE)
    record_minute (run, group, t, rollup);
}

static gboolean
add_row_bytes (TallyQueryRun *run,
               int            level,
               gint32         grain,
               gint64         t,
               gint64         key,
               const guint8  *data,
               gsize          len)
{
  int group = tally_store_plan_group (&run->plan, grain, key);
  int bucket;

  if (group < 0 || (bucket = bucket_of (run, t)) < 0)
    return TRUE;

  if (!run->per_minute)
    return tally_rollup_merge_bytes (get_acc (run, group, bucket), data, len, run->decode);

  {
    g_auto(TallyRollup) scratch;

    tally_rollup_init (&scratch);
    if (!tally_rollup_merge_bytes (&scratch, data, len, run->decode))
      return FALSE;
    tally_rollup_merge (get_acc (run, group, bucket), &scratch);
    if (level == LEVEL_MINUTE)
      record_minute (run, group, t, &scratch);
  }

  return TRUE;
}

/* Reading */

static gboolean
read_range (TallyQueryRun     *run,
            int      level,
            gint64   start,
            gint64   end,
            GError **error)
{
  gint32 grain = level == LEVEL_MINUTE ? run->plan.minute_grain : run->plan.grain;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (run->db, "SELECT bucket, key, data FROM rollups WHERE level = ? AND "
                                   "grain = ? AND bucket >= ? AND bucket < ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      tally_store_set_sqlite_error (error, run->db, _("Cannot read the store"));
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, level);
  sqlite3_bind_int (stmt, 2, grain);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!add_row_bytes (run, level, grain, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                          sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2)))
        {
          sqlite3_finalize (stmt);
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_STORE, _("The store is damaged: a rollup "
                                                                "cannot be read"));
          return FALSE;
        }
      if ((++run->n_rows & 0xfff) == 0 && check_cancelled (run, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      tally_store_set_sqlite_error (error, run->db, _("Cannot read the store"));
      return FALSE;
    }

  return TRUE;
}

/* Whether the hour starting at @h lies inside one bucket. */
static gboolean
hour_fits (TallyQueryRun    *run,
           gint64  h)
{
  int first = bucket_of (run, h);

  return first >= 0 && bucket_of (run, h + 3599) == first &&
         (run->kind == BUCKETS_TIME || bucket_of (run, h + 1800) == first);
}

typedef struct
{
  int    level;
  gint64 start;
  gint64 end;
} Span;

static void
add_span (GArray *spans,
          int     level,
          gint64  start,
          gint64  end)
{
  Span *last = spans->len > 0 ? &g_array_index (spans, Span, spans->len - 1) : NULL;
  Span span = { level, start, end };

  if (start >= end)
    return;
  if (last != NULL && last->level == level && last->end == start)
    last->end = end;
  else
    g_array_append_val (spans, span);
}

/* Hour rows wherever an hour fits inside a bucket, minute rows elsewhere. */
static GArray *
plan_spans (TallyQueryRun *run)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  gint64 first_hour = tally_query_ceil_to (run->from, 3600);
  gint64 last_hour = tally_query_floor_to (run->to, 3600);

  if (run->per_minute || first_hour >= last_hour)
    {
      add_span (spans, LEVEL_MINUTE, run->from, run->to);
      return spans;
    }

  add_span (spans, LEVEL_MINUTE, run->from, first_hour);
  for (gint64 h = first_hour; h < last_hour; h += 3600)
    add_span (spans, hour_fits (run, h) ? LEVEL_HOUR : LEVEL_MINUTE, h, h + 3600);
  add_span (spans, LEVEL_MINUTE, last_hour, run->to);

  return spans;
}

static void
add_tail_entry (int                level,
                gint32             grain,
                gint64             key,
                gint64             bucket,
                const TallyRollup *rollup,
                gpointer           user_data)
{
  add_rollup (user_data, level, grain, bucket, key, rollup);
}

/* Events committed but not yet in the rollups, folded the same way. */
static gboolean
read_tail (TallyQueryRun     *run,
           gint64   mark,
           GError **error)
{
  sqlite3_stmt *stmt = NULL;
  TallyRollupMap *map;
  TallyEvent event = { 0 };
  gboolean ok = TRUE;
  int rc;

  /* The unary + keeps SQLite off the time index: the rows past the mark
   * are few and found by rowid, where the time index would walk the whole
   * range of raw events. */
  if (sqlite3_prepare_v2 (run->db, "SELECT " EVENT_COLUMNS " FROM events WHERE id > ? AND "
                                   "+time_ms >= ? AND +time_ms < ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      tally_store_set_sqlite_error (error, run->db, _("Cannot read the store"));
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, mark);
  /* Requests that started earlier may still be in flight in the range. */
  sqlite3_bind_int64 (stmt, 2, run->from * 1000 - (gint64) TALLY_EVENT_MAX_DURATION_MS);
  sqlite3_bind_int64 (stmt, 3, run->to * 1000);

  map = tally_rollup_map_new ();
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const TallySeries *series;
      gint64 series_id;

      tally_store_event_from_row (stmt, 0, &event, &series_id);
      if ((series = tally_store_dict_get_series (run->dict, series_id, error)) == NULL)
        ok = FALSE;
      else
        tally_rollup_map_add (map, series, &event, LEVEL_MINUTE, run->plan.grain);
    }
  sqlite3_finalize (stmt);

  if (ok)
    tally_rollup_map_foreach (map, add_tail_entry, run);
  tally_rollup_map_free (map);

  return ok;
}

gboolean
tally_query_run_read (TallyQueryRun     *run,
          GError **error)
{
  g_autoptr(GArray) spans = plan_spans (run);
  gint64 mark = tally_store_get_state (run->db, "rolled_up_to");

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (!read_range (run, span->level, span->start, span->end, error))
        return FALSE;
    }

  return read_tail (run, mark, error) && !check_cancelled (run, error);
}

/* Groups: the N largest kept, the rest folded into "Other" */

static double
rank_value (TallyQueryRun               *run,
            const TallyRollup *rollup)
{
  switch (tally_metric_get_kind (run->metric))
    {
    case TALLY_METRIC_KIND_COUNT:
      return tally_rollup_get_count (rollup, run->metric);
    case TALLY_METRIC_KIND_AMOUNT:
      return tally_rollup_get_amount (rollup, run->metric)->sum;
    default:
      return rollup->requests;
    }
}

typedef struct
{
  int         group;
  double      rank;
  const char *label;
  gboolean    present;   /* the group has rows in the range */
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->present != rb->present)
    return ra->present ? -1 : 1;
  if (ra->rank != rb->rank)
    return ra->rank < rb->rank ? 1 : -1;
  return g_strcmp0 (ra->label, rb->label);
}

/* Orders the groups by size and keeps @top of them (0: all, up to 100),
 * mapping the rest to one more group, "Other". Returns the new labels;
 * @remap gets each old group's new index. */
static GPtrArray *
rank_groups (TallyQueryRun  *run,
             guint           top,
             GArray        **remap,
             gboolean       *has_other)
{
  guint n = run->plan.group_labels->len;
  g_autofree Ranked *ranked = g_new0 (Ranked, MAX (n, 1));
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  guint64 *key;
  TallyRollup *rollup;
  guint keep, n_present = 0;

  for (guint g = 0; g < n; g++)
    {
      ranked[g].group = g;
      ranked[g].label = g_ptr_array_index (run->plan.group_labels, g);
    }
  g_hash_table_iter_init (&iter, run->acc);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &rollup))
    {
      ranked[*key >> 32].rank += rank_value (run, rollup);
      ranked[*key >> 32].present = TRUE;
    }
  /* A group is a value that occurs in the range; an ungrouped answer has
   * its one series whatever happened. */
  if (run->plan.group_dimension == NULL && n > 0)
    ranked[0].present = TRUE;
  for (guint g = 0; g < n; g++)
    n_present += ranked[g].present;
  qsort (ranked, n, sizeof (Ranked), compare_ranked);

  keep = MIN (n_present, top > 0 ? top : DEFAULT_TOP);
  *remap = g_array_sized_new (FALSE, TRUE, sizeof (int), n);
  g_array_set_size (*remap, n);
  for (guint i = 0; i < n; i++)
    g_array_index (*remap, int, ranked[i].group) = i >= n_present ? -1 : i < keep ? (int) i : (int) keep;
  for (guint i = 0; i < keep; i++)
    g_ptr_array_add (labels, g_strdup (ranked[i].label));
  *has_other = n_present > keep;
  if (*has_other)
    g_ptr_array_add (labels, g_strdup (TALLY_QUERY_OTHER_LABEL));

  return labels;
}

static void
apply_remap (TallyQueryRun    *run,
             GArray *remap)
{
  GHashTable *acc = g_hash_table_new_full (pack_hash, pack_equal, g_free, (GDestroyNotify) tally_rollup_free);
  GHashTable *values = g_hash_table_new_full (pack_hash, pack_equal, g_free, g_free);
  GHashTableIter iter;
  guint64 *key;
  gpointer value;

  g_hash_table_iter_init (&iter, run->acc);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, &value))
    {
      int group = g_array_index (remap, int, *key >> 32);
      guint64 new_key = tally_query_pack (group, (guint) *key);
      TallyRollup *target;

      g_assert (group >= 0);   /* a group with rows is present */
      target = g_hash_table_lookup (acc, &new_key);

      if (target == NULL)
        g_hash_table_insert (acc, g_memdup2 (&new_key, sizeof new_key), (target = tally_rollup_new ()));
      tally_rollup_merge (target, value);
    }

  g_hash_table_iter_init (&iter, run->values);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, &value))
    {
      int group = g_array_index (remap, int, *key >> 32);
      guint64 new_key = tally_query_pack (group, (guint) *key);
      MinuteValue *target;
      const MinuteValue *v = value;

      if (group < 0)
        continue;
      target = g_hash_table_lookup (values, &new_key);

      if (target == NULL)
        g_hash_table_insert (values, g_memdup2 (&new_key, sizeof new_key), (target = g_new0 (MinuteValue, 1)));
      target->num += v->num;
      target->den += v->den;
    }

  g_hash_table_unref (run->acc);
  g_hash_table_unref (run->values);
  run->acc = acc;
  run->values = values;
}

/* Values */

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

/* Per (group, bucket): the values of the minutes that have data. */
GHashTable *
tally_query_run_collect_minutes (TallyQueryRun *run)
{
  GHashTable *lists = g_hash_table_new_full (pack_hash, pack_equal, g_free,
                                             (GDestroyNotify) g_array_unref);
  gboolean ratio = tally_metric_get_kind (run->metric) == TALLY_METRIC_KIND_RATIO;
  GHashTableIter iter;
  guint64 *key;
  MinuteValue *v;

  g_hash_table_iter_init (&iter, run->values);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &v))
    {
      gint64 t = run->from + (gint64) (guint) *key * 60;
      int bucket = bucket_of (run, t);
      guint64 list_key;
      GArray *list;
      double value;

      if (bucket < 0 || t >= run->now || (ratio && v->den <= 0))
        continue;
      value = ratio ? v->num / v->den : v->num;
      list_key = tally_query_pack (*key >> 32, bucket);
      if ((list = g_hash_table_lookup (lists, &list_key)) == NULL)
        g_hash_table_insert (lists, g_memdup2 (&list_key, sizeof list_key),
                             (list = g_array_new (FALSE, FALSE, sizeof (double))));
      g_array_append_val (list, value);
    }

  return lists;
}

/* min, max or a percentile over a bucket's minutes, the minutes without
 * data counting as zeros for counts and concurrency (a quiet minute had
 * zero requests) but not for ratios (it had no error rate). */
static double
per_minute_stat (TallyQueryRun        *run,
                 GHashTable *lists,
                 int         group,
                 guint       bucket)
{
  guint64 key = tally_query_pack (group, bucket);
  GArray *list = g_hash_table_lookup (lists, &key);
  guint present = list ? list->len : 0;
  gboolean ratio = tally_metric_get_kind (run->metric) == TALLY_METRIC_KIND_RATIO;
  guint zeros = ratio ? 0 : (guint) MAX (0, floor (run->minutes[bucket] + 0.5) - present);
  guint n = present + zeros;
  guint64 rank;

  if (n == 0)
    return NAN;
  if (present > 0)
    g_array_sort (list, compare_double);

  if (run->stat == TALLY_STAT_MIN)
    rank = 1;
  else if (run->stat == TALLY_STAT_MAX)
    rank = n;
  else
    rank = CLAMP ((guint64) ceil (tally_stat_get_quantile (run->stat) * n), 1, n);

  /* Values are never negative, so the zeros come first. */
  if (rank <= zeros)
    return 0;
  return g_array_index (list, double, rank - zeros - 1);
}

double
tally_query_run_value (TallyQueryRun        *run,
              GHashTable *lists,
              int         group,
              guint       bucket)
{
  guint64 key = tally_query_pack (group, bucket);
  TallyRollup *rollup;
  TallyRollup empty;
  double value;

  if (lists != NULL)
    return per_minute_stat (run, lists, group, bucket);

  if ((rollup = g_hash_table_lookup (run->acc, &key)) != NULL)
    return tally_rollup_get_value (rollup, run->metric, run->stat, run->minutes[bucket]);

  tally_rollup_init (&empty);
  value = tally_rollup_get_value (&empty, run->metric, run->stat, run->minutes[bucket]);
  tally_rollup_clear (&empty);

  return value;
}

/* Running */

gboolean
tally_query_run_init (TallyQueryRun                  *run,
          sqlite3              *db,
          TallyStoreDict       *dict,
          const TallyQuery     *query,
          const TallyTimeRange *range,
          GCancellable         *cancellable,
          GError              **error)
{
  memset (run, 0, sizeof *run);
  run->db = db;
  run->dict = dict;
  run->query = query;
  run->metric = query->metric;
  run->stat = query->stat;
  run->tz = range->tz;
  run->cancellable = cancellable;
  run->from = tally_query_floor_to (range->from, 60);
  run->to = tally_query_ceil_to (range->to, 60);
  run->now = tally_query_ceil_to (range->now, 60);
  run->per_minute = tally_metric_stat_is_per_minute (query->metric, query->stat);
  /* Only percentiles and the latency matrix read sketches, and only the
   * metric's own. */
  run->decode = (tally_stat_is_percentile (query->stat) ||
                 query->rows.kind == TALLY_DIMENSION_LATENCY_BUCKET)
                ? tally_rollup_decode_flags_for (query->metric) : TALLY_ROLLUP_DECODE_NO_SKETCHES;
  run->acc = g_hash_table_new_full (pack_hash, pack_equal, g_free, (GDestroyNotify) tally_rollup_free);
  run->values = g_hash_table_new_full (pack_hash, pack_equal, g_free, g_free);

  if (run->from >= run->to)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("The time range is empty"));
      return FALSE;
    }

  return tally_store_plan_init (&run->plan, dict, query, error);
}

void
tally_query_run_clear (TallyQueryRun *run)
{
  tally_store_plan_clear (&run->plan);
  g_clear_pointer (&run->acc, g_hash_table_unref);
  g_clear_pointer (&run->values, g_hash_table_unref);
  g_clear_pointer (&run->edges, g_free);
  g_clear_pointer (&run->starts, g_free);
  g_clear_pointer (&run->minutes, g_free);
}

void
tally_query_run_setup_single_bucket (TallyQueryRun *run)
{
  run->kind = BUCKETS_TIME;
  run->n_buckets = 1;
  run->edges = g_new (gint64, 2);
  run->edges[0] = run->from;
  run->edges[1] = run->to;
  run->starts = g_new (gint64, 1);
  run->starts[0] = run->from;
  run->minutes = g_new (double, 1);
  run->minutes[0] = MAX (0, MIN (run->to, run->now) - run->from) / 60.0;
}


/* A group's size in a bucket, as groups are ranked: counts by their
 * number, amounts by their sum, other kinds by their requests; 0 where
 * nothing happened. */
double
tally_query_run_weight (TallyQueryRun *run,
                        int            group,
                        guint          bucket)
{
  guint64 key = tally_query_pack (group, bucket);
  const TallyRollup *rollup = g_hash_table_lookup (run->acc, &key);

  return rollup != NULL ? rank_value (run, rollup) : 0;
}

/* Keeps the @top largest groups (0: up to 100) and folds the rest into
 * "Other"; returns the labels of the groups left, in order of size. */
GPtrArray *
tally_query_run_rank_groups (TallyQueryRun *run,
                             guint          top,
                             gboolean      *has_other)
{
  g_autoptr(GArray) remap = NULL;
  GPtrArray *labels = rank_groups (run, top, &remap, has_other);

  apply_remap (run, remap);
  return labels;
}
