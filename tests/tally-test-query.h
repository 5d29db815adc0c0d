/* tally-test-query.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-store.h"
#include "tally-test-reference.h"

G_BEGIN_DECLS

/* The data sets' fixed timeline, in 2035 so that the writer's retention,
 * which runs on the real clock, never reaches it. 2035-10-26 00:00 UTC is
 * a Friday; Berlin leaves summer time on Sunday 2035-10-28 at 01:00 UTC. */
#define TQ_D0        G_GINT64_CONSTANT (2076969600)
#define TQ_MINUTE    60
#define TQ_HOUR      3600
#define TQ_DAY       86400
/* Events run from TQ_DATA_FROM up to TQ_NOW, which is not a whole minute. */
#define TQ_DATA_FROM (TQ_D0 + 2 * TQ_HOUR)
#define TQ_NOW       (TQ_D0 + 4 * TQ_DAY + 9 * TQ_HOUR + 41 * TQ_MINUTE + 27)
/* An hour of heavy traffic, an hour after the DST change. */
#define TQ_BURST     (TQ_D0 + 50 * TQ_HOUR)
/* A range whose ends are not whole minutes; events sit just inside and
 * just outside the minutes it rounds out to. */
#define TQ_ODD_FROM  (TQ_D0 + 13 * TQ_HOUR + 7 * TQ_MINUTE + 41)
#define TQ_ODD_TO    (TQ_D0 + 2 * TQ_DAY + 5 * TQ_HOUR + 3 * TQ_MINUTE + 17)

typedef enum
{
  /* everything ingested and rolled up (tally_store_flush) */
  TQ_STORE_ROLLED,
  /* rollups deleted: every answer comes from raw events */
  TQ_STORE_RAW,
  /* the rollups of the first half only: the second is read raw */
  TQ_STORE_MIXED,
  TQ_N_STORES,
  /* half rolled up, the other half ingested just before querying: the
   * writer rolls it up while the queries run */
  TQ_STORE_LIVE = TQ_N_STORES,
} TqStoreState;

extern const guint32 tq_seeds[];
extern const guint   tq_n_seeds;

void            tq_init                (int                  *argc,
                                        char               ***argv);
const char     *tq_store_state_name    (TqStoreState          state);
GPtrArray      *tq_make_events         (guint32               seed);
GPtrArray      *tq_make_many_groups_events (void);
TallyRef       *tq_get_ref             (guint32               seed);
const guint32  *tq_get_seeds           (TqStoreState          state,
                                        guint                *n_seeds);
gboolean        tq_is_full_run         (TqStoreState          state,
                                        guint32               seed);
TallyStore     *tq_get_store           (guint32               seed,
                                        TqStoreState          state);
TallyStore     *tq_new_store           (GPtrArray            *events,
                                        TqStoreState          state);
void            tq_cleanup             (void);
TallyTimeRange *tq_range               (gint64                from,
                                        gint64                to,
                                        gint64                now,
                                        const char           *zone);
TallyQuery     *tq_query               (TallyShape            shape,
                                        TallyMetric           metric,
                                        TallyStat             stat);
void            tq_add_filter          (TallyQuery           *query,
                                        const char           *dimension,
                                        const char           *values);
void            tq_add_filters         (TallyQuery           *query,
                                        const char           *clauses);
void            tq_set_dimension       (TallyDimension       *dimension,
                                        const char           *name);

typedef enum
{
  TQ_PART_VALUE = 1 << 0,
  TQ_PART_PREVIOUS = 1 << 1,
  TQ_PART_SPARKLINE = 1 << 2,
  TQ_PART_ALL = TQ_PART_VALUE | TQ_PART_PREVIOUS | TQ_PART_SPARKLINE,
} TqPart;

/* Checking: a test runs tq_begin(), any number of tq_check() and then
 * tq_end(), which fails the test with every mismatch named. */
void            tq_begin               (TqStoreState          state);
void            tq_set_parts           (guint                 parts);
void            tq_set_seed            (guint32               seed);
void            tq_check               (const TallyRef       *ref,
                                        TallyStore           *store,
                                        const TallyQuery     *query,
                                        const TallyTimeRange *range);
void            tq_mismatch            (const TallyQuery     *query,
                                        const TallyTimeRange *range,
                                        const char           *where,
                                        const char           *format,
                                        ...) G_GNUC_PRINTF (4, 5);
void            tq_count_check         (void);
void            tq_end                 (void);

char           *tq_describe            (const TallyQuery     *query,
                                        const TallyTimeRange *range);
char           *tq_format_time         (gint64                t);

G_END_DECLS
