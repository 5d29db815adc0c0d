/* tally-collector-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The collector's HTTP server, on a thread with a main context of its own:
 * the GTK main loop never parses a body or waits for a client. The store's
 * writer thread does the SQLite work; queries run in GTask threads.
 *
 * Connections are accepted here, not by a SoupListener, and handed to the
 * SoupServer: a stop can then close the listening socket first and still
 * let the requests in flight finish on their connections.
 *
 * Every request passes an early check when its headers arrive (route,
 * method, token, size, content type and encoding), so a refused request
 * never has its body kept in memory; a body that outgrows the limit while
 * arriving is dropped as it comes. */

#include "config.h"

#include <glib/gi18n.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "tally-collector-private.h"
#include "tally-error.h"
#include "tally-event-batch.h"

static const struct
{
  const char *path;
  const char *method;
  const char *allow;
  gboolean    needs_token;
} routes[TALLY_N_ROUTES] = {
  [TALLY_ROUTE_EVENTS] = { "/v1/events", "POST", "POST", TRUE },
  [TALLY_ROUTE_TRACES] = { "/v1/traces", "POST", "POST", TRUE },
  [TALLY_ROUTE_QUERY] = { "/api/v1/query", "GET", "GET, HEAD", TRUE },
  [TALLY_ROUTE_HEALTHZ] = { "/healthz", "GET", "GET, HEAD", FALSE },
};

static void
token_digest (const char *token,
              gsize       len,
              guint8      digest[32])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize digest_len = 32;

  g_checksum_update (checksum, (const guchar *) token, len);
  g_checksum_get_digest (checksum, digest, &digest_len);
}

TallyCollectorServer *
tally_collector_server_new (TallyCollector *collector,
                            TallyStore     *store,
                            GSocket        *listener,
                            const char     *token,
                            guint64         max_body_size,
                            guint           max_batch_events)
{
  TallyCollectorServer *server = g_new0 (TallyCollectorServer, 1);

  server->collector = collector;
  server->store = g_object_ref (store);
  server->listener = g_object_ref (listener);
  server->max_body_size = max_body_size;
  server->max_batch_events = max_batch_events;
  server->has_token = token != NULL;
  if (token != NULL)
    token_digest (token, strlen (token), server->token_digest);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);

  return server;
}

/* Responses */

void
tally_collector_respond_json (SoupServerMessage *msg,
                              guint              status,
                              char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, strlen (body));
}

/* {"error": "…"}: every error the collector answers has this form. */
void
tally_collector_respond_error (SoupServerMessage *msg,
                               guint              status,
                               const char        *format,
                               ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  tally_collector_respond_json (msg, status, json_generator_to_data (generator, NULL));
}

/* Waiting for the store or a query: the message stays paused and a stop
 * waits for it, whatever the drain timeout. */
void
tally_collector_request_pause (TallyCollectorRequest *request)
{
  g_object_ref (request->msg);
  request->server->n_pending++;
  soup_server_message_pause (request->msg);
}

static void check_drained (TallyCollectorServer *server);

/* Counts a request's events for the statistics: reported when it ends, or
 * at once if its client went away while the store was still at work. */
void
tally_collector_request_count (TallyCollectorRequest *request,
                               guint                  accepted,
                               guint                  rejected)
{
  TallyCollectorServer *server = request->server;

  if (!request->done)
    {
      request->n_accepted += accepted;
      request->n_rejected += rejected;
      return;
    }

  server->total_accepted += accepted;
  server->total_rejected += rejected;
  tally_collector_report (server->collector, 0, accepted, rejected);
}

void
tally_collector_request_resume (TallyCollectorRequest *request)
{
  TallyCollectorServer *server = request->server;
  SoupServerMessage *msg = request->msg;

  /* A client that hung up meanwhile has nothing left to answer. */
  if (!request->done)
    soup_server_message_unpause (msg);
  /* May free the request, which hangs on the message. */
  g_object_unref (msg);

  server->n_pending--;
  check_drained (server);
}

/* Admission, when the headers arrive */

static int
find_route (const char *path)
{
  for (guint i = 0; i < TALLY_N_ROUTES; i++)
    {
      if (g_str_equal (path, routes[i].path))
        return i;
    }

  return -1;
}

/* Returns NULL when the request carries the token, else why not. The
 * digests are compared in full, so the time taken says nothing about how
 * much of a guess was right. */
static const char *
check_token (TallyCollectorServer *server,
             SoupServerMessage    *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  guint8 digest[32];
  guint8 diff = 0;

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return _("this collector requires a token: send the header “Authorization: Bearer TOKEN”");

  value += 7;
  while (*value == ' ')
    value++;
  token_digest (value, strlen (value), digest);
  for (guint i = 0; i < sizeof digest; i++)
    diff |= digest[i] ^ server->token_digest[i];

  return diff == 0 ? NULL : _("the bearer token is wrong");
}

static void
refuse_token (SoupServerMessage *msg,
              const char        *reason,
              gboolean           sent_one)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate",
                                sent_one ? "Bearer realm=\"tally\", error=\"invalid_token\""
                                         : "Bearer realm=\"tally\"");
  tally_collector_respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "%s", reason);
}

/* Marks the request authorized or not; refuses it when its endpoint
 * needs the token (/healthz does not). */
static gboolean
check_authorization (TallyCollectorRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *refusal;

  request->authorized = TRUE;
  if (!request->server->has_token)
    return TRUE;

  refusal = check_token (request->server, request->msg);
  request->authorized = refusal == NULL;
  if (refusal == NULL || !routes[request->route].needs_token)
    return TRUE;

  refuse_token (request->msg, refusal,
                soup_message_headers_get_one (headers, "Authorization") != NULL);
  return FALSE;
}

static gboolean
is_json_type (const char *type)
{
  static const char *json_types[] = {
    "application/json", "text/json", "text/plain",
    /* what `curl --data` sends unless told otherwise */
    "application/x-www-form-urlencoded",
  };

  if (type == NULL || g_str_has_suffix (type, "+json"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (json_types); i++)
    {
      if (g_ascii_strcasecmp (type, json_types[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
check_content_type (TallyCollectorRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  gboolean ndjson = type != NULL &&
                    tally_event_batch_format_for_content_type (type) == TALLY_EVENT_BATCH_NDJSON;

  if (is_json_type (type) || (ndjson && request->route == TALLY_ROUTE_EVENTS))
    return TRUE;

  if (request->route == TALLY_ROUTE_TRACES && strstr (type, "protobuf") != NULL)
    tally_collector_respond_error (request->msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                                   _("this collector reads OTLP/HTTP JSON, not protobuf: set "
                                     "OTEL_EXPORTER_OTLP_PROTOCOL=http/json"));
  else if (request->route == TALLY_ROUTE_TRACES)
    tally_collector_respond_error (request->msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                                   _("cannot read a body of type %s: send application/json"),
                                   type);
  else
    tally_collector_respond_error (request->msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                                   _("cannot read a body of type %s: send application/json "
                                     "or application/x-ndjson"), type);
  return FALSE;
}

static gboolean
check_method (TallyCollectorRequest *request)
{
  const char *method = soup_server_message_get_method (request->msg);
  const char *expected = routes[request->route].method;

  if (g_str_equal (method, expected) ||
      (g_str_equal (expected, "GET") && g_str_equal (method, "HEAD")))
    return TRUE;

  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Allow", routes[request->route].allow);
  tally_collector_respond_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED,
                                 _("%s does not take %s: use %s"),
                                 routes[request->route].path, method,
                                 routes[request->route].allow);
  return FALSE;
}

static gboolean
check_size (TallyCollectorRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  guint64 max = request->server->max_body_size;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      (guint64) soup_message_headers_get_content_length (headers) <= max)
    return TRUE;

  tally_collector_respond_error (request->msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                 _("the body is larger than %" G_GUINT64_FORMAT " bytes"), max);
  return FALSE;
}

static gboolean
admit (TallyCollectorRequest *request,
       const char            *path)
{
  SoupServerMessage *msg = request->msg;
  TallyCollectorServer *server = request->server;
  g_autoptr(GError) error = NULL;
  int route;

  if (server->stopping)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

      soup_message_headers_replace (headers, "Retry-After", "1");
      soup_message_headers_replace (headers, "Connection", "close");
      tally_collector_respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                     _("the collector is stopping"));
      return FALSE;
    }

  if ((route = find_route (path)) < 0)
    {
      tally_collector_respond_error (msg, SOUP_STATUS_NOT_FOUND,
                                     _("there is nothing at %s: the collector serves POST "
                                       "/v1/events, POST /v1/traces, GET /api/v1/query and "
                                       "GET /healthz"), path);
      return FALSE;
    }
  request->route = route;

  if (!check_method (request) || !check_authorization (request))
    return FALSE;
  if (!check_size (request))
    return FALSE;
  if (!g_str_equal (routes[route].method, "POST"))
    return TRUE;
  if (!check_content_type (request))
    return FALSE;
  if (!tally_collector_check_encoding (msg, &error))
    {
      tally_collector_respond_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static void
refuse_body (TallyCollectorRequest *request)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);

  /* Read the rest of the body, so the client hears the answer, but keep
   * none of it. */
  request->refused = TRUE;
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
}

static void
got_chunk_cb (SoupServerMessage     *msg,
              GBytes                *chunk,
              TallyCollectorRequest *request)
{
  request->received += g_bytes_get_size (chunk);
  if (request->refused || request->received <= request->server->max_body_size)
    return;

  refuse_body (request);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  tally_collector_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                 _("the body is larger than %" G_GUINT64_FORMAT " bytes"),
                                 request->server->max_body_size);
}

static void
early_handler_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  TallyCollectorServer *server = user_data;
  TallyCollectorRequest *request = g_new0 (TallyCollectorRequest, 1);

  request->server = server;
  request->msg = msg;
  g_object_set_data_full (G_OBJECT (msg), "tally-request", request, g_free);
  server->n_active++;

  if (!admit (request, path))
    refuse_body (request);
  else
    g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), request);
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  TallyCollectorRequest *request = g_object_get_data (G_OBJECT (msg), "tally-request");

  if (request == NULL || request->refused)
    {
      tally_collector_respond_error (msg, SOUP_STATUS_BAD_REQUEST, _("the request is malformed"));
      return;
    }

  switch (request->route)
    {
    case TALLY_ROUTE_EVENTS:
      tally_collector_handle_events (request);
      break;
    case TALLY_ROUTE_TRACES:
      tally_collector_handle_traces (request);
      break;
    case TALLY_ROUTE_QUERY:
      tally_collector_handle_query (request);
      break;
    case TALLY_ROUTE_HEALTHZ:
      tally_collector_handle_healthz (request);
      break;
    case TALLY_N_ROUTES:
    default:
      g_assert_not_reached ();
    }
}

/* Requests end: answered, or their client went away. */
static void
request_ended_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  gpointer           user_data)
{
  TallyCollectorServer *server = user_data;
  TallyCollectorRequest *request = g_object_get_data (G_OBJECT (msg), "tally-request");

  /* A request soup refused before its headers were read. */
  if (request == NULL)
    {
      tally_collector_report (server->collector, 1, 0, 0);
      return;
    }
  g_return_if_fail (!request->done);

  request->done = TRUE;
  server->n_active--;
  server->total_accepted += request->n_accepted;
  server->total_rejected += request->n_rejected;
  tally_collector_report (server->collector, 1, request->n_accepted, request->n_rejected);
  check_drained (server);
}

/* Accepting connections */

static gboolean
accept_cb (GSocket      *listener,
           GIOCondition  condition,
           gpointer      user_data)
{
  TallyCollectorServer *server = user_data;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = g_socket_accept (listener, NULL, &error);
      g_autoptr(GSocketConnection) connection = NULL;
      g_autoptr(GSocketAddress) local = NULL;
      g_autoptr(GSocketAddress) remote = NULL;

      if (client == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            g_debug ("Collector: cannot accept a connection: %s", error->message);
          break;
        }

      /* Answers are written in two pieces (headers, body): without this,
       * Nagle's algorithm holds the second for the client's delayed ACK. */
      g_socket_set_option (client, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
      connection = g_socket_connection_factory_create_connection (client);
      local = g_socket_get_local_address (client, NULL);
      remote = g_socket_get_remote_address (client, NULL);
      if (local == NULL || remote == NULL ||
          !soup_server_accept_iostream (server->soup, G_IO_STREAM (connection), local, remote,
                                        &error))
        g_debug ("Collector: cannot serve a connection: %s", error ? error->message : "no address");
    }

  return G_SOURCE_CONTINUE;
}

static void
setup_server (TallyCollectorServer *server)
{
  g_autofree char *server_header = g_strdup_printf ("tally/%s ", PACKAGE_VERSION);

  server->soup = soup_server_new ("server-header", server_header, NULL);
  soup_server_add_early_handler (server->soup, NULL, early_handler_cb, server, NULL);
  soup_server_add_handler (server->soup, NULL, handler_cb, server, NULL);
  g_signal_connect (server->soup, "request-finished", G_CALLBACK (request_ended_cb), server);
  g_signal_connect (server->soup, "request-aborted", G_CALLBACK (request_ended_cb), server);

  server->cancellable = g_cancellable_new ();
  server->accept_source = g_socket_create_source (server->listener, G_IO_IN, NULL);
  g_source_set_callback (server->accept_source, G_SOURCE_FUNC (accept_cb), server, NULL);
  g_source_set_static_name (server->accept_source, "[tally] collector accept");
  g_source_attach (server->accept_source, server->context);
}

static gpointer
server_thread (gpointer data)
{
  TallyCollectorServer *server = data;

  g_main_context_push_thread_default (server->context);

  setup_server (server);
  g_main_loop_run (server->loop);

  /* Drained: close what is left (idle keep-alive connections, requests
   * still sending their body past the drain timeout). */
  soup_server_disconnect (server->soup);
  g_clear_object (&server->soup);
  while (g_main_context_pending (server->context))
    g_main_context_iteration (server->context, FALSE);
  g_clear_object (&server->cancellable);

  g_main_context_pop_thread_default (server->context);

  tally_collector_notify_stopped (server->collector);
  return NULL;
}

void
tally_collector_server_run (TallyCollectorServer *server)
{
  g_assert (server->thread == NULL);

  server->thread = g_thread_new ("tally-collector", server_thread, server);
}

/* Stopping */

static void
check_drained (TallyCollectorServer *server)
{
  if (server->stopping && server->n_pending == 0 &&
      (server->n_active == 0 || server->drain_expired))
    g_main_loop_quit (server->loop);
}

static gboolean
drain_expired_cb (gpointer data)
{
  TallyCollectorServer *server = data;

  server->drain_expired = TRUE;
  g_clear_pointer (&server->drain_source, g_source_unref);
  check_drained (server);

  return G_SOURCE_REMOVE;
}

static gboolean
begin_stop_cb (gpointer data)
{
  TallyCollectorServer *server = data;

  server->stopping = TRUE;
  /* Queries in flight end early with 503; ingestion is never cancelled. */
  g_cancellable_cancel (server->cancellable);
  if (server->accept_source != NULL)
    {
      g_source_destroy (server->accept_source);
      g_clear_pointer (&server->accept_source, g_source_unref);
    }
  g_socket_close (server->listener, NULL);

  server->drain_source = g_timeout_source_new (TALLY_COLLECTOR_DRAIN_TIMEOUT_MS);
  g_source_set_callback (server->drain_source, drain_expired_cb, server, NULL);
  g_source_attach (server->drain_source, server->context);
  check_drained (server);

  return G_SOURCE_REMOVE;
}

/* Any thread: asks the server's thread to drain and end. */
void
tally_collector_server_stop (TallyCollectorServer *server)
{
  g_main_context_invoke (server->context, begin_stop_cb, server);
}

/* Waits for the thread to end (after tally_collector_server_stop()). */
void
tally_collector_server_free (TallyCollectorServer *server)
{
  if (server == NULL)
    return;

  if (server->thread != NULL)
    g_thread_join (server->thread);
  if (server->drain_source != NULL)
    {
      g_source_destroy (server->drain_source);
      g_source_unref (server->drain_source);
    }
  g_clear_object (&server->listener);
  g_clear_object (&server->store);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_free (server);
}
