/* tally-collector-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What the parts of the collector share. TallyCollector (tally-collector.c)
 * is the main-thread face; TallyCollectorServer (tally-collector-server.c)
 * is the HTTP server on a thread of its own; tally-collector-routes.c
 * answers the endpoints and tally-collector-query.c reads the query API's
 * parameters. Nothing outside src/core/tally-collector*.c includes this. */

#pragma once

#include <libsoup/soup.h>

#include "tally-collector.h"
#include "tally-query.h"
#include "tally-time-range.h"

G_BEGIN_DECLS

/* How long a stop waits for requests whose body is still arriving.
 * Requests waiting on the store are always waited for: their events may
 * already be committed, and the client must hear so. */
#define TALLY_COLLECTOR_DRAIN_TIMEOUT_MS 5000

typedef enum
{
  TALLY_ROUTE_EVENTS,
  TALLY_ROUTE_TRACES,
  TALLY_ROUTE_QUERY,
  TALLY_ROUTE_HEALTHZ,
  TALLY_N_ROUTES,
} TallyRoute;

typedef struct
{
  /* immutable while the thread runs */
  TallyCollector *collector;
  TallyStore     *store;
  guint8          token_digest[32];
  gboolean        has_token;
  guint64         max_body_size;
  guint           max_batch_events;
  GSocket        *listener;
  GMainContext   *context;
  GMainLoop      *loop;
  GThread        *thread;

  /* the server's thread only */
  SoupServer     *soup;
  GSource        *accept_source;
  GSource        *drain_source;
  GCancellable   *cancellable;
  guint           n_active;
  guint           n_pending;
  gboolean        stopping;
  gboolean        drain_expired;
  guint64         total_accepted;
  guint64         total_rejected;
} TallyCollectorServer;

/* One request: hung on its SoupServerMessage as "tally-request". */
typedef struct
{
  TallyCollectorServer *server;
  SoupServerMessage    *msg;
  TallyRoute            route;
  guint64               received;
  guint                 n_accepted;
  guint                 n_rejected;
  gboolean              authorized;
  gboolean              refused;
  gboolean              done;
} TallyCollectorRequest;

/* tally-collector.c: thread-safe, from the server's thread */
void                  tally_collector_report            (TallyCollector        *self,
                                                         guint                  requests,
                                                         guint                  accepted,
                                                         guint                  rejected);
void                  tally_collector_notify_stopped    (TallyCollector        *self);

/* tally-collector-address.c */
GSocket              *tally_collector_bind              (const char            *listen_address,
                                                         gboolean               has_token,
                                                         char                 **bound_address,
                                                         guint16               *port,
                                                         GError               **error);

/* tally-collector-server.c: the main thread starts and stops it */
TallyCollectorServer *tally_collector_server_new        (TallyCollector        *collector,
                                                         TallyStore            *store,
                                                         GSocket               *listener,
                                                         const char            *token,
                                                         guint64                max_body_size,
                                                         guint                  max_batch_events);
void                  tally_collector_server_run        (TallyCollectorServer  *server);
void                  tally_collector_server_stop       (TallyCollectorServer  *server);
void                  tally_collector_server_free       (TallyCollectorServer  *server);

/* tally-collector-server.c: for the routes, on the server's thread */
void                  tally_collector_respond_json      (SoupServerMessage     *msg,
                                                         guint                  status,
                                                         char                  *body);
void                  tally_collector_respond_error     (SoupServerMessage     *msg,
                                                         guint                  status,
                                                         const char            *format,
                                                         ...) G_GNUC_PRINTF (3, 4);
void                  tally_collector_request_pause     (TallyCollectorRequest *request);
void                  tally_collector_request_resume    (TallyCollectorRequest *request);
void                  tally_collector_request_count     (TallyCollectorRequest *request,
                                                         guint                  accepted,
                                                         guint                  rejected);

/* tally-collector-routes.c */
void                  tally_collector_handle_events     (TallyCollectorRequest *request);
void                  tally_collector_handle_traces     (TallyCollectorRequest *request);
void                  tally_collector_handle_query      (TallyCollectorRequest *request);
void                  tally_collector_handle_healthz    (TallyCollectorRequest *request);
gboolean              tally_collector_check_encoding    (SoupServerMessage     *msg,
                                                         GError               **error);

/* tally-collector-query.c */
gboolean              tally_collector_parse_query       (const char            *query_string,
                                                         TallyQuery           **query,
                                                         TallyTimeRange       **range,
                                                         GError               **error);

G_END_DECLS
