/* tally-store-query-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Shared by the parts of the query engine: the plan (which rows, which
 * groups), the bucketing and the accumulation. */

#pragma once

#include "tally-store-private.h"

G_BEGIN_DECLS

/* Hour rows are read in the plan's grain; minute rows in minute_grain,
 * which is the series grain whenever the plan's grain is a dimension's
 * (the writer keeps dimension rows per hour only). Both key spaces map to
 * the same groups. */
typedef struct
{
  TallyStoreDict       *dict;
  gint32                grain;
  gint32                minute_grain;
  const TallyDimension *group_dimension;  /* NULL when not grouped */
  gboolean              all_keys;         /* every row counts in group 0 */
  gboolean              each_key_a_group; /* unmapped keys become groups */
  GHashTable           *key_groups;       /* gint64 key of grain → group index */
  GHashTable           *series_groups;    /* series id → group, when minute_grain differs */
  GPtrArray            *group_labels;     /* char *, by group index */
  GHashTable           *group_by_label;   /* label → group index */
} TallyPlan;

gboolean  tally_store_plan_init        (TallyPlan            *plan,
                                        TallyStoreDict       *dict,
                                        const TallyQuery     *query,
                                        GError              **error);
gboolean  tally_store_plan_init_series (TallyPlan            *plan,
                                        TallyStoreDict       *dict,
                                        const TallyQuery     *query,
                                        GError              **error);
void      tally_store_plan_clear       (TallyPlan            *plan);
int       tally_store_plan_group       (TallyPlan            *plan,
                                        gint32                grain,
                                        gint64                key);
char     *tally_store_plan_key_label   (TallyStoreDict       *dict,
                                        const TallyDimension *dimension,
                                        gint64                key);

#define TALLY_QUERY_MAX_BUCKETS 10000
#define TALLY_QUERY_OTHER_LABEL "Other"

typedef enum
{
  BUCKETS_TIME,
  BUCKETS_WEEK_CELLS,   /* day of week × hour of day, local time */
} BucketKind;

typedef struct
{
  double num;
  double den;
} MinuteValue;

typedef struct
{
  sqlite3              *db;
  TallyStoreDict       *dict;
  const TallyQuery     *query;
  TallyMetric           metric;
  TallyStat             stat;
  GTimeZone            *tz;
  GCancellable         *cancellable;
  gint64                from;      /* minute-aligned Unix seconds */
  gint64                to;
  gint64                now;       /* rounded up to the minute */

  TallyPlan             plan;
  BucketKind            kind;
  guint                 n_buckets;
  gint64               *edges;     /* BUCKETS_TIME: n_buckets + 1, clipped to [from, to] */
  gint64               *starts;    /* BUCKETS_TIME: the aligned starts the frame shows */
  double               *minutes;   /* per bucket: minutes up to now */

  gboolean              per_minute;
  TallyRollupDecodeFlags decode;
  GHashTable           *acc;       /* (group, bucket) → TallyRollup */
  GHashTable           *values;    /* (group, minute index) → MinuteValue */
  guint                 n_rows;
} TallyQueryRun;

/* @t rounded down and up to a multiple of @step, negative times too */
static inline gint64
tally_query_floor_to (gint64 t,
                      gint64 step)
{
  return t - ((t % step) + step) % step;
}

static inline gint64
tally_query_ceil_to (gint64 t,
                     gint64 step)
{
  return tally_query_floor_to (t + step - 1, step);
}

static inline guint64
tally_query_pack (guint a,
                  guint b)
{
  return ((guint64) a << 32) | b;
}

gboolean    tally_query_run_init              (TallyQueryRun        *run,
                                               sqlite3              *db,
                                               TallyStoreDict       *dict,
                                               const TallyQuery     *query,
                                               const TallyTimeRange *range,
                                               GCancellable         *cancellable,
                                               GError              **error);
void        tally_query_run_clear             (TallyQueryRun        *run);
gboolean    tally_query_run_setup_time_buckets (TallyQueryRun       *run,
                                               const TallyTimeRange *range,
                                               gint64                interval,
                                               GError              **error);
void        tally_query_run_setup_week_cells  (TallyQueryRun        *run);
void        tally_query_run_setup_single_bucket (TallyQueryRun      *run);
gboolean    tally_query_run_read              (TallyQueryRun        *run,
                                               GError              **error);
GPtrArray  *tally_query_run_rank_groups       (TallyQueryRun        *run,
                                               guint                 top,
                                               gboolean             *has_other);
GHashTable *tally_query_run_collect_minutes   (TallyQueryRun        *run);
double      tally_query_run_weight            (TallyQueryRun        *run,
                                               int                   group,
                                               guint                 bucket);
double      tally_query_run_value             (TallyQueryRun        *run,
                                               GHashTable           *lists,
                                               int                   group,
                                               guint                 bucket);

/* tally-store-table.c */
TallyFrame *tally_store_run_table      (sqlite3              *db,
                                        TallyStoreDict       *dict,
                                        const TallyQuery     *query,
                                        const TallyTimeRange *range,
                                        GCancellable         *cancellable,
                                        GError              **error);

G_END_DECLS
