/* tally-test-http.c
 *
 * Servers on 127.0.0.1 for the tests of the remote sources: a SoupServer
 * that answers each path from a queue of canned replies and records what it
 * was asked, a raw socket server for answers no well-behaved HTTP server
 * gives (a body cut short), and an address where nothing listens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "tally-test-http.h"

typedef struct
{
  guint  status;
  char  *headers;
  char  *body;
} Reply;

typedef struct
{
  GQueue     replies;
  Reply     *last;
  GPtrArray *queries;
} Route;

struct _TallyTestHttp
{
  SoupServer *server;
  char       *url;
  GHashTable *routes;
  GHashTable *last_headers;
  GPtrArray  *held;
};

static void
reply_free (Reply *reply)
{
  g_free (reply->headers);
  g_free (reply->body);
  g_free (reply);
}

static void
route_free (Route *route)
{
  g_queue_clear_full (&route->replies, (GDestroyNotify) reply_free);
  g_clear_pointer (&route->last, reply_free);
  g_ptr_array_unref (route->queries);
  g_free (route);
}

static Route *
get_route (TallyTestHttp *self,
           const char    *path)
{
  Route *route = g_hash_table_lookup (self->routes, path);

  if (route == NULL)
    {
      route = g_new0 (Route, 1);
      route->queries = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->routes, g_strdup (path), route);
    }
  return route;
}

static void
apply_headers (SoupServerMessage *msg,
               const char        *headers)
{
  g_auto(GStrv) lines = NULL;

  if (headers == NULL)
    return;
  lines = g_strsplit (headers, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');
      g_autofree char *name = NULL;

      if (colon == NULL)
        continue;
      name = g_strndup (lines[i], colon - lines[i]);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    name, g_strstrip ((char *) colon + 1));
    }
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  TallyTestHttp *self = user_data;
  Route *route = get_route (self, path);
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  Reply *reply;

  g_ptr_array_add (route->queries, g_strdup (g_uri_get_query (uri) ? g_uri_get_query (uri) : ""));
  g_hash_table_remove_all (self->last_headers);
  soup_message_headers_iter_init (&iter, request);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_hash_table_insert (self->last_headers, g_ascii_strdown (name, -1), g_strdup (value));

  if (!g_queue_is_empty (&route->replies))
    {
      g_clear_pointer (&route->last, reply_free);
      route->last = g_queue_pop_head (&route->replies);
    }
  reply = route->last;
  if (reply == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  if (reply->status == TALLY_TEST_HTTP_HANG)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (self->held, g_object_ref (msg));
      return;
    }
  apply_headers (msg, reply->headers);
  soup_server_message_set_status (msg, reply->status, NULL);
  if (reply->body != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                      reply->body, strlen (reply->body));
}

/* A server on a free port of 127.0.0.1 with no routes yet. */
TallyTestHttp *
tally_test_http_new (void)
{
  TallyTestHttp *self = g_new0 (TallyTestHttp, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);

  self->server = soup_server_new (NULL, NULL);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) route_free);
  self->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  soup_server_add_handler (self->server, NULL, handle_cb, self, NULL);
  g_assert_true (soup_server_listen (self->server, address, 0, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  return self;
}

void
tally_test_http_free (TallyTestHttp *self)
{
  for (guint i = 0; i < self->held->len; i++)
    soup_server_message_unpause (g_ptr_array_index (self->held, i));
  g_ptr_array_unref (self->held);
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  g_hash_table_unref (self->routes);
  g_hash_table_unref (self->last_headers);
  g_free (self->url);
  g_free (self);
}

/* "http://127.0.0.1:PORT", without a trailing slash. */
const char *
tally_test_http_get_url (TallyTestHttp *self)
{
  return self->url;
}

/**
 * tally_test_http_queue:
 * @path: the path the reply answers, e.g. "/v1/organization/costs"
 * @status: its HTTP status, or %TALLY_TEST_HTTP_HANG for none at all
 * @headers: (nullable): extra headers, "Name: value" lines
 * @body: (nullable): a body, sent as application/json
 *
 * Queues a reply. Each request to @path takes the next queued reply; when
 * none is left, it gets the last one again.
 */
void
tally_test_http_queue (TallyTestHttp *self,
                       const char    *path,
                       guint          status,
                       const char    *headers,
                       const char    *body)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->status = status;
  reply->headers = g_strdup (headers);
  reply->body = g_strdup (body);
  g_queue_push_tail (&get_route (self, path)->replies, reply);
}

/* How many requests @path had. */
guint
tally_test_http_count (TallyTestHttp *self,
                       const char    *path)
{
  Route *route = g_hash_table_lookup (self->routes, path);

  return route != NULL ? route->queries->len : 0;
}

/* The queries of @path's requests, in order, still encoded. */
GPtrArray *
tally_test_http_queries (TallyTestHttp *self,
                         const char    *path)
{
  return get_route (self, path)->queries;
}

/* The query of @path's last request, still encoded, or NULL. */
const char *
tally_test_http_last_query (TallyTestHttp *self,
                            const char    *path)
{
  Route *route = g_hash_table_lookup (self->routes, path);

  if (route == NULL || route->queries->len == 0)
    return NULL;
  return g_ptr_array_index (route->queries, route->queries->len - 1);
}

/* A header of the last request the server had, by its name in any case. */
const char *
tally_test_http_last_header (TallyTestHttp *self,
                             const char    *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);

  return g_hash_table_lookup (self->last_headers, key);
}

static gboolean
raw_incoming_cb (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source_object,
                 gpointer           user_data)
{
  const char *response = user_data;
  GOutputStream *out;

  if (response == NULL)
    {
      /* Hold the connection open and never answer. */
      g_object_set_data_full (G_OBJECT (service), "held", g_object_ref (connection),
                              g_object_unref);
      return TRUE;
    }
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_output_stream_write_all (out, response, strlen (response), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/**
 * tally_test_raw_server_new:
 * @response: (nullable): the bytes every connection gets before it is
 *   closed, or %NULL to hold connections open without a word
 * @out_service: the service, for the caller to stop and unref
 *
 * Returns: the server's "http://127.0.0.1:PORT"
 */
char *
tally_test_raw_server_new (const char      *response,
                           GSocketService **out_service)
{
  GSocketService *service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (service), address,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &effective, &error));
  g_assert_no_error (error);
  g_object_set_data_full (G_OBJECT (service), "response", g_strdup (response), g_free);
  g_signal_connect (service, "incoming", G_CALLBACK (raw_incoming_cb),
                    g_object_get_data (G_OBJECT (service), "response"));
  g_socket_service_start (service);
  *out_service = service;

  return g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
}

/* An address on 127.0.0.1 where nothing listens: a port bound, then freed. */
char *
tally_test_refused_url (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  g_assert_nonnull (bound);

  return g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}
