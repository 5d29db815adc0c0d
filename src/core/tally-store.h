/* tally-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "tally-event.h"
#include "tally-pricing.h"
#include "tally-frame.h"
#include "tally-query.h"
#include "tally-time-range.h"

G_BEGIN_DECLS

#define TALLY_STORE_DEFAULT_RAW_DAYS    90
#define TALLY_STORE_DEFAULT_ROLLUP_DAYS 400

#define TALLY_TYPE_STORE (tally_store_get_type ())

G_DECLARE_FINAL_TYPE (TallyStore, tally_store, TALLY, STORE, GObject)

TallyStore  *tally_store_open              (const char           *path,
                                            GError              **error);
TallyStore  *tally_store_open_read_only    (const char           *path,
                                            GError              **error);
gboolean     tally_store_is_read_only      (TallyStore           *self);
const char  *tally_store_get_path          (TallyStore           *self);
void         tally_store_close             (TallyStore           *self);

/* Writing: one writer thread per store. A batch is committed whole; the
 * callback runs in the caller's thread-default main context once it is. */
void         tally_store_ingest_async      (TallyStore           *self,
                                            GPtrArray            *events,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
void         tally_store_set_pricing       (TallyStore           *self,
                                            TallyPricing         *pricing);
gboolean     tally_store_ingest_finish     (TallyStore           *self,
                                            GAsyncResult         *result,
                                            GError              **error);
gboolean     tally_store_ingest            (TallyStore           *self,
                                            GPtrArray            *events,
                                            GError              **error);
gboolean     tally_store_flush             (TallyStore           *self,
                                            GError              **error);

void         tally_store_set_retention     (TallyStore           *self,
                                            guint                 raw_days,
                                            guint                 rollup_days);
guint        tally_store_get_raw_days      (TallyStore           *self);
guint        tally_store_get_rollup_days   (TallyStore           *self);
gboolean     tally_store_enforce_retention (TallyStore           *self,
                                            gint64                now,
                                            GError              **error);

/* Reading: from any thread, each on a read connection of its own. */
TallyFrame  *tally_store_query             (TallyStore           *self,
                                            const TallyQuery     *query,
                                            const TallyTimeRange *range,
                                            GCancellable         *cancellable,
                                            GError              **error);
void         tally_store_query_async       (TallyStore           *self,
                                            const TallyQuery     *query,
                                            const TallyTimeRange *range,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
TallyFrame  *tally_store_query_finish      (TallyStore           *self,
                                            GAsyncResult         *result,
                                            GError              **error);
GStrv        tally_store_list_values       (TallyStore           *self,
                                            const TallyDimension *dimension,
                                            GError              **error);
gint64       tally_store_count_events      (TallyStore           *self,
                                            GError              **error);

G_END_DECLS
