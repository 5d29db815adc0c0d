/* tally-collector.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "tally-store.h"

G_BEGIN_DECLS

/* OTLP/HTTP's port, so OpenTelemetry SDKs need no configuration. */
#define TALLY_COLLECTOR_DEFAULT_PORT             4318
#define TALLY_COLLECTOR_DEFAULT_ADDRESS          "127.0.0.1:4318"
#define TALLY_COLLECTOR_DEFAULT_MAX_BODY_SIZE    (G_GUINT64_CONSTANT (16) * 1024 * 1024)
#define TALLY_COLLECTOR_DEFAULT_MAX_BATCH_EVENTS 50000

/**
 * TallyCollectorState:
 * @TALLY_COLLECTOR_STOPPED: not listening
 * @TALLY_COLLECTOR_LISTENING: accepting requests on #TallyCollector:address
 * @TALLY_COLLECTOR_STOPPING: finishing the requests in flight; new ones get 503
 * @TALLY_COLLECTOR_FAILED: the last start failed; #TallyCollector:error-message says why
 */
typedef enum
{
  TALLY_COLLECTOR_STOPPED,
  TALLY_COLLECTOR_LISTENING,
  TALLY_COLLECTOR_STOPPING,
  TALLY_COLLECTOR_FAILED,
} TallyCollectorState;

#define TALLY_TYPE_COLLECTOR_STATE (tally_collector_state_get_type ())
GType tally_collector_state_get_type (void) G_GNUC_CONST;

#define TALLY_TYPE_COLLECTOR (tally_collector_get_type ())

G_DECLARE_FINAL_TYPE (TallyCollector, tally_collector, TALLY, COLLECTOR, GObject)

TallyCollector      *tally_collector_new                  (TallyStore           *store);
gboolean             tally_collector_check_address        (const char           *address,
                                                           gboolean              has_token,
                                                           GError              **error);

TallyStore          *tally_collector_get_store            (TallyCollector       *self);
const char          *tally_collector_get_listen_address   (TallyCollector       *self);
void                 tally_collector_set_listen_address   (TallyCollector       *self,
                                                           const char           *address);
const char          *tally_collector_get_token            (TallyCollector       *self);
void                 tally_collector_set_token            (TallyCollector       *self,
                                                           const char           *token);
guint64              tally_collector_get_max_body_size    (TallyCollector       *self);
void                 tally_collector_set_max_body_size    (TallyCollector       *self,
                                                           guint64               max_body_size);
guint                tally_collector_get_max_batch_events (TallyCollector       *self);
void                 tally_collector_set_max_batch_events (TallyCollector       *self,
                                                           guint                 max_batch_events);

TallyCollectorState  tally_collector_get_state            (TallyCollector       *self);
const char          *tally_collector_get_address          (TallyCollector       *self);
guint16              tally_collector_get_port             (TallyCollector       *self);
const char          *tally_collector_get_error_message    (TallyCollector       *self);
guint64              tally_collector_get_events_accepted  (TallyCollector       *self);
guint64              tally_collector_get_events_rejected  (TallyCollector       *self);
guint64              tally_collector_get_requests         (TallyCollector       *self);

gboolean             tally_collector_start                (TallyCollector       *self,
                                                           GError              **error);
void                 tally_collector_stop_async           (TallyCollector       *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean             tally_collector_stop_finish          (TallyCollector       *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void                 tally_collector_stop                 (TallyCollector       *self);

G_END_DECLS
