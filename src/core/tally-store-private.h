/* tally-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What the parts of the store share: the schema's constants, connections,
 * the dictionary and series caches, the writer thread and the query
 * engine. Nothing outside src/core/tally-store*.c includes this. */

#pragma once

#include <sqlite3.h>

#include "tally-rollup.h"
#include "tally-store.h"

G_BEGIN_DECLS

#define TALLY_STORE_SCHEMA_VERSION 2

/* Rollup levels: a row covers one minute or one hour. */
#define LEVEL_MINUTE 0
#define LEVEL_HOUR   1
#define N_LEVELS     2

#define LEVEL_SECONDS(level) ((level) == LEVEL_MINUTE ? G_GINT64_CONSTANT (60) : G_GINT64_CONSTANT (3600))

/* Rollup grains: which events a row counts. Every event is counted in the
 * total, once per dimension under that dimension's value, once per label
 * under the label's value, and once under its series (the whole tuple of
 * dimensions). A query reads the coarsest grain that can answer it. */
#define GRAIN_TOTAL        0
#define GRAIN_DIMENSION(k) (1 + (k))
#define GRAIN_SERIES       99
#define GRAIN_LABEL(key)   (1000 + (key))

/* Dictionary spaces: dimension values use their TallyDimensionKind;
 * label keys and label values have spaces of their own. */
#define DICT_LABEL_KEY      200
#define DICT_LABEL_VALUE(k) (1000 + (k))

/* The raw columns the writer inserts and the query engine reads, in order. */
#define EVENT_COLUMNS \
  "time_ms, series, input_tokens, output_tokens, cached_tokens, cost, " \
  "latency_ms, ttft_ms, queue_ms, audio_ms, trace_id, request_id"

typedef struct
{
  gint32 grain;
  gint64 key;
} TallyGrainKey;

/**
 * TallySeries:
 *
 * One distinct tuple of dimensions, as stored in the series table. Kept in
 * a per-connection cache; the strings point into the dictionary cache.
 */
typedef struct
{
  gint64         id;
  gint64         dim_ids[TALLY_N_EVENT_DIMENSIONS];  /* 0 when absent */
  const char    *dims[TALLY_N_EVENT_DIMENSIONS];      /* NULL when absent */
  int            status;                              /* -1 when absent */
  guint          n_labels;
  gint64        *label_key_ids;
  gint64        *label_value_ids;
  /* The rollup rows an event of this series counts in (the series grain
   * included), computed once. */
  guint          n_grains;
  TallyGrainKey *grains;
  gboolean       is_error;
  gboolean       is_rate_limited;
} TallySeries;

/* A dictionary and series cache over one connection. */
typedef struct _TallyStoreDict TallyStoreDict;

/* tally-store-schema.c */
sqlite3        *tally_store_schema_open         (const char      *path,
                                                 gboolean         writer,
                                                 GError         **error);
gboolean        tally_store_exec                (sqlite3         *db,
                                                 const char      *sql,
                                                 GError         **error);
void            tally_store_set_sqlite_error    (GError         **error,
                                                 sqlite3         *db,
                                                 const char      *what);
gint64          tally_store_get_state           (sqlite3         *db,
                                                 const char      *key);
gboolean        tally_store_set_state           (sqlite3         *db,
                                                 const char      *key,
                                                 gint64           value,
                                                 GError         **error);

/* tally-store-dict.c */
TallyStoreDict *tally_store_dict_new            (sqlite3         *db);
void            tally_store_dict_free           (TallyStoreDict  *dict);
void            tally_store_dict_forget         (TallyStoreDict  *dict);
gint64          tally_store_dict_intern         (TallyStoreDict  *dict,
                                                 int              space,
                                                 const char      *value,
                                                 GError         **error);
gint64          tally_store_dict_lookup         (TallyStoreDict  *dict,
                                                 int              space,
                                                 const char      *value);
const char     *tally_store_dict_get_string     (TallyStoreDict  *dict,
                                                 gint64           id);
gint64          tally_store_dict_intern_series  (TallyStoreDict  *dict,
                                                 const TallyEvent *event,
                                                 GError         **error);
const TallySeries *tally_store_dict_get_series  (TallyStoreDict  *dict,
                                                 gint64           id,
                                                 GError         **error);
GPtrArray      *tally_store_dict_list_series    (TallyStoreDict  *dict,
                                                 GError         **error);

/* tally-store-writer.c */
typedef struct _TallyStoreWriter TallyStoreWriter;
typedef void (*TallyStoreCommitFunc) (gpointer user_data);

TallyStoreWriter *tally_store_writer_new        (const char           *path,
                                                 TallyStoreCommitFunc  on_commit,
                                                 gpointer              user_data,
                                                 GError              **error);
void            tally_store_writer_free         (TallyStoreWriter     *writer);
void            tally_store_writer_ingest       (TallyStoreWriter     *writer,
                                                 GPtrArray            *events,
                                                 GTask                *task);
void            tally_store_writer_flush        (TallyStoreWriter     *writer,
                                                 GTask                *task);
void            tally_store_writer_set_retention (TallyStoreWriter    *writer,
                                                 guint                 raw_days,
                                                 guint                 rollup_days);
void            tally_store_writer_retention    (TallyStoreWriter     *writer,
                                                 gint64                raw_before_ms,
                                                 gint64                rollups_before_s,
                                                 GTask                *task);

/* tally-store-rollup.c: folding raw events into rollup rows */
typedef struct _TallyRollupMap TallyRollupMap;

TallyRollupMap *tally_rollup_map_new            (void);
void            tally_rollup_map_free           (TallyRollupMap       *map);
guint           tally_rollup_map_size           (TallyRollupMap       *map);
void            tally_rollup_map_add            (TallyRollupMap       *map,
                                                 const TallySeries    *series,
                                                 const TallyEvent     *event,
                                                 int                   level,
                                                 gint32                only_grain);
typedef void (*TallyRollupMapFunc) (int                level,
                                    gint32             grain,
                                    gint64             key,
                                    gint64             bucket,
                                    const TallyRollup *rollup,
                                    gpointer           user_data);
void            tally_rollup_map_foreach        (TallyRollupMap       *map,
                                                 TallyRollupMapFunc    func,
                                                 gpointer              user_data);
gboolean        tally_store_event_from_row      (sqlite3_stmt         *stmt,
                                                 int                   first_column,
                                                 TallyEvent           *event,
                                                 gint64               *series_id);
gboolean        tally_store_roll_up_step        (sqlite3              *db,
                                                 TallyStoreDict       *dict,
                                                 guint                 max_events,
                                                 gint64                budget_us,
                                                 gboolean             *done,
                                                 GError              **error);

/* tally-store-query.c */
TallyFrame     *tally_store_run_query           (sqlite3              *db,
                                                 TallyStoreDict       *dict,
                                                 const TallyQuery     *query,
                                                 const TallyTimeRange *range,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
GStrv           tally_store_run_list_values     (sqlite3              *db,
                                                 TallyStoreDict       *dict,
                                                 const TallyDimension *dimension,
                                                 GError              **error);

G_END_DECLS
