/* tally-http-client.c
 *
 * The one way the remote sources talk to a server: a GET whose answer is
 * JSON. It owns what every remote source needs and none should repeat —
 * the base URL, Bearer or Basic credentials, a timeout for a server that never
 * answers, a cap on the size of an answer, and errors a user can read that
 * carry the HTTP status and the Retry-After delay (tally-error.h).
 *
 * The body is read on the caller's main context in chunks, so that the cap
 * holds for answers without a Content-Length; it is parsed in a worker thread
 * so that a large answer does not stall the UI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "tally-error.h"
#include "tally-http-client.h"
#include "tally-json-util.h"

#define READ_CHUNK (64 * 1024)
/* How much of an error page a message quotes. */
#define EXCERPT_CHARS 200

struct _TallyHttpClient
{
  GObject      parent_instance;

  SoupSession *session;
  GUri        *base_uri;
  char        *base_url;
  char        *authorization;
  gsize        max_body;
};

G_DEFINE_FINAL_TYPE (TallyHttpClient, tally_http_client, G_TYPE_OBJECT)

typedef struct
{
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *body;
  char         *host;
  gsize         max_body;
  guint         timeout_s;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->msg);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_free (fetch->host);
  g_free (fetch);
}

static void
tally_http_client_finalize (GObject *object)
{
  TallyHttpClient *self = TALLY_HTTP_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->base_url, g_free);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_clear_pointer (&self->authorization, g_free);

  G_OBJECT_CLASS (tally_http_client_parent_class)->finalize (object);
}

static void
tally_http_client_class_init (TallyHttpClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tally_http_client_finalize;
}

static void
tally_http_client_init (TallyHttpClient *self)
{
  g_autofree char *agent = g_strdup_printf ("Tally/%s", PACKAGE_VERSION);

  self->session = soup_session_new_with_options ("user-agent", agent,
                                                 "timeout", TALLY_HTTP_DEFAULT_TIMEOUT_S,
                                                 NULL);
  self->max_body = TALLY_HTTP_DEFAULT_MAX_BODY;
}

/**
 * tally_http_client_new:
 * @base_url: the server's address, http or https, with or without a path
 *
 * Returns: (transfer full): a client, or %NULL with %TALLY_ERROR_INVALID when
 *   @base_url is not an http(s) address
 */
TallyHttpClient *
tally_http_client_new (const char  *base_url,
                       GError     **error)
{
  g_autoptr(TallyHttpClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;

  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is not an address: %s"), base_url, local_error->message);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is not an http or https address"), base_url);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” names no host"), base_url);
      return NULL;
    }

  self = g_object_new (TALLY_TYPE_HTTP_CLIENT, NULL);
  self->base_uri = g_steal_pointer (&uri);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';

  return g_steal_pointer (&self);
}

const char *
tally_http_client_get_base_url (TallyHttpClient *self)
{
  g_return_val_if_fail (TALLY_IS_HTTP_CLIENT (self), NULL);

  return self->base_url;
}

static void
set_authorization (TallyHttpClient *self,
                   char            *value)
{
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  self->authorization = value;
}

/* Sends "Authorization: Bearer @token"; %NULL or "" sends none. */
void
tally_http_client_set_bearer (TallyHttpClient *self,
                              const char      *token)
{
  g_return_if_fail (TALLY_IS_HTTP_CLIENT (self));

  set_authorization (self, token != NULL && *token != '\0'
                             ? g_strconcat ("Bearer ", token, NULL) : NULL);
}

/* Sends HTTP Basic credentials; a %NULL @user sends none. */
void
tally_http_client_set_basic (TallyHttpClient *self,
                             const char      *user,
                             const char      *password)
{
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;

  g_return_if_fail (TALLY_IS_HTTP_CLIENT (self));

  if (user == NULL)
    {
      set_authorization (self, NULL);
      return;
    }
  pair = g_strconcat (user, ":", password != NULL ? password : "", NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  memset (pair, 0, strlen (pair));
  set_authorization (self, g_strconcat ("Basic ", encoded, NULL));
  memset (encoded, 0, strlen (encoded));
}

/* How long a request may wait for the server — to connect, or for the
 * next bytes of its answer — before it fails. */
void
tally_http_client_set_timeout (TallyHttpClient *self,
                               guint            seconds)
{
  g_return_if_fail (TALLY_IS_HTTP_CLIENT (self));
  g_return_if_fail (seconds > 0);

  soup_session_set_timeout (self->session, seconds);
}

/* The largest answer read; a larger one fails with %TALLY_ERROR_TOO_LARGE. */
void
tally_http_client_set_max_body (TallyHttpClient *self,
                                gsize            bytes)
{
  g_return_if_fail (TALLY_IS_HTTP_CLIENT (self));
  g_return_if_fail (bytes > 0);

  self->max_body = bytes;
}

/**
 * tally_http_client_build_url:
 * @path: a path below the base URL, starting with "/"
 * @query: (nullable): an encoded query (see tally_http_query_add())
 *
 * Returns: (transfer full): the address a GET of @path asks for
 */
char *
tally_http_client_build_url (TallyHttpClient *self,
                             const char      *path,
                             const char      *query)
{
  g_return_val_if_fail (TALLY_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  if (query == NULL || *query == '\0')
    return g_strconcat (self->base_url, path, NULL);

  return g_strconcat (self->base_url, path, "?", query, NULL);
}

/**
 * tally_http_query_add:
 * @query: the query built so far, without "?"
 *
 * Appends `key=value` to @query, both percent-encoded.
 */
void
tally_http_query_add (GString    *query,
                      const char *key,
                      const char *value)
{
  g_return_if_fail (query != NULL && key != NULL && value != NULL);

  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_uri_escaped (query, key, NULL, TRUE);
  g_string_append_c (query, '=');
  g_string_append_uri_escaped (query, value, NULL, TRUE);
}

/**
 * tally_http_parse_retry_after:
 * @value: (nullable): a Retry-After header: seconds, or an HTTP date
 * @now: the time the answer came
 *
 * Returns: the seconds to wait (0 for a date already past), or -1 when
 *   @value is absent or neither form
 */
gint64
tally_http_parse_retry_after (const char *value,
                              GDateTime  *now)
{
  g_autoptr(GDateTime) when = NULL;
  guint64 seconds;
  GTimeSpan span;

  if (value == NULL)
    return -1;
  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &seconds, NULL))
    return (gint64) seconds;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  span = g_date_time_difference (when, now);

  return span <= 0 ? 0 : (span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND;
}

/* The message a failed transfer gives, naming the host. */
static void
fail_transfer (GTask       *task,
               const Fetch *fetch,
               GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_error_copy (error));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_task_return_new_error (task, TALLY_ERROR, TALLY_ERROR_NETWORK,
                             _("%s did not answer within %u s"),
                             fetch->host, fetch->timeout_s);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    g_task_return_new_error (task, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                             _("the answer from %s was cut short"), fetch->host);
  else
    g_task_return_new_error (task, TALLY_ERROR, TALLY_ERROR_NETWORK,
                             _("could not reach %s: %s"), fetch->host, error->message);
}

/* A short, single-line excerpt of an error page: the "message" of a JSON
 * error when there is one, else its first characters. */
static char *
describe_error_body (const GByteArray *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonNode *root;

  if (body->len == 0)
    return NULL;
  if (json_parser_load_from_data (parser, (const char *) body->data, body->len, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *inner = json_object_get_member (object, "error");

      if (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner))
        object = json_node_get_object (inner);
      else if (inner != NULL && JSON_NODE_HOLDS_VALUE (inner) &&
               json_node_get_value_type (inner) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (inner));
      if (json_object_has_member (object, "message") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "message")))
        return g_strdup (json_object_get_string_member (object, "message"));
    }

  text = g_utf8_make_valid ((const char *) body->data, MIN (body->len, EXCERPT_CHARS * 4));
  g_strdelimit (text, "\r\n\t", ' ');
  if (g_utf8_strlen (text, -1) > EXCERPT_CHARS)
    *g_utf8_offset_to_pointer (text, EXCERPT_CHARS) = '\0';

  return g_strstrip (g_steal_pointer (&text));
}

static void
fail_status (GTask *task,
             Fetch *fetch)
{
  guint status = soup_message_get_status (fetch->msg);
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->msg);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *excerpt = describe_error_body (fetch->body);
  const char *reason = soup_message_get_reason_phrase (fetch->msg);
  gint64 retry_after = tally_http_parse_retry_after (
      soup_message_headers_get_one (headers, "Retry-After"), now);
  g_autoptr(GError) error = NULL;

  if (reason == NULL || *reason == '\0')
    reason = soup_status_get_phrase (status);
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    tally_error_set_http (&error, TALLY_ERROR_NETWORK, status, retry_after,
                          _("%s refused the credentials (HTTP %u %s)%s%s"),
                          fetch->host, status, reason ? reason : "",
                          excerpt ? ": " : "", excerpt ? excerpt : "");
  else if (SOUP_STATUS_IS_REDIRECTION (status))
    tally_error_set_http (&error, TALLY_ERROR_NETWORK, status, retry_after,
                          _("%s redirects to “%s” (HTTP %u); Tally does not follow "
                            "redirects with credentials: use that address as the URL"),
                          fetch->host,
                          soup_message_headers_get_one (headers, "Location")
                            ? soup_message_headers_get_one (headers, "Location") : "",
                          status);
  else if (status == 429)
    tally_error_set_http (&error, TALLY_ERROR_NETWORK, status, retry_after,
                          _("%s is rate limiting Tally (HTTP 429)%s%s"),
                          fetch->host, excerpt ? ": " : "", excerpt ? excerpt : "");
  else
    tally_error_set_http (&error, TALLY_ERROR_NETWORK, status, retry_after,
                          _("%s answered HTTP %u %s%s%s"),
                          fetch->host, status, reason ? reason : "",
                          excerpt ? ": " : "", excerpt ? excerpt : "");
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Fetch *fetch = task_data;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, (const char *) fetch->body->data,
                                   fetch->body->len, &error))
    {
      g_autofree char *where = tally_json_describe_parse_error (error);

      g_task_return_new_error (task, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                               _("the answer from %s is not valid JSON: %s"), fetch->host, where);
      return;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_task_return_new_error (task, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                               _("the answer from %s is empty"), fetch->host);
      return;
    }
  g_task_return_pointer (task, json_node_ref (root), (GDestroyNotify) json_node_unref);
}

static const char get_json_tag[] = "tally_http_client_get_json_async";

static void read_next (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object),
                                                              result, &error);
  gsize size;

  if (chunk == NULL)
    {
      fail_transfer (task, fetch, error);
      return;
    }
  size = g_bytes_get_size (chunk);
  if (size > 0)
    {
      if (fetch->body->len + size > fetch->max_body)
        {
          g_task_return_new_error (task, TALLY_ERROR, TALLY_ERROR_TOO_LARGE,
                                   _("the answer from %s is larger than %" G_GSIZE_FORMAT " MB"),
                                   fetch->host, fetch->max_body / (1024 * 1024));
          return;
        }
      g_byte_array_append (fetch->body, g_bytes_get_data (chunk, NULL), size);
      read_next (g_steal_pointer (&task));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (fetch->msg)))
    fail_status (task, fetch);
  else
    g_task_run_in_thread (task, parse_in_thread);
}

static void
read_next (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (fetch->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset length;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (fetch->stream == NULL)
    {
      fail_transfer (task, fetch, error);
      return;
    }
  length = soup_message_headers_get_content_length (
      soup_message_get_response_headers (fetch->msg));
  if (length > 0 && (guint64) length > fetch->max_body)
    {
      g_task_return_new_error (task, TALLY_ERROR, TALLY_ERROR_TOO_LARGE,
                               _("the answer from %s is larger than %" G_GSIZE_FORMAT " MB"),
                               fetch->host, fetch->max_body / (1024 * 1024));
      return;
    }
  read_next (g_steal_pointer (&task));
}

/**
 * tally_http_client_get_json_async:
 * @path: a path below the base URL, starting with "/"
 * @query: (nullable): an encoded query (see tally_http_query_add())
 *
 * GETs @path and parses the answer as JSON. Fails with %TALLY_ERROR_NETWORK
 * (unreachable, timed out, or an HTTP error status, whose number and
 * Retry-After the error carries), %TALLY_ERROR_BAD_RESPONSE (not JSON,
 * truncated), or %TALLY_ERROR_TOO_LARGE.
 */
void
tally_http_client_get_json_async (TallyHttpClient     *self,
                                  const char          *path,
                                  const char          *query,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  Fetch *fetch;

  g_return_if_fail (TALLY_IS_HTTP_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) get_json_tag);

  fetch = g_new0 (Fetch, 1);
  fetch->host = g_strdup (g_uri_get_host (self->base_uri));
  fetch->body = g_byte_array_new ();
  fetch->max_body = self->max_body;
  fetch->timeout_s = soup_session_get_timeout (self->session);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  url = tally_http_client_build_url (self, path, query);
  fetch->msg = soup_message_new (SOUP_METHOD_GET, url);
  if (fetch->msg == NULL)
    {
      g_task_return_new_error (task, TALLY_ERROR, TALLY_ERROR_INVALID,
                               _("“%s” is not a valid address"), url);
      return;
    }
  /* Credentials go to this server only: a redirect is an error, never
   * followed to another host with the Authorization header. */
  soup_message_add_flags (fetch->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (fetch->msg),
                                "Accept", "application/json");
  if (self->authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (fetch->msg),
                                  "Authorization", self->authorization);

  soup_session_send_async (self->session, fetch->msg, G_PRIORITY_DEFAULT, cancellable,
                           send_cb, g_steal_pointer (&task));
}

/**
 * tally_http_client_get_json_finish:
 *
 * Returns: (transfer full): the answer's root node, or %NULL with an error
 */
JsonNode *
tally_http_client_get_json_finish (TallyHttpClient  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (TALLY_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
