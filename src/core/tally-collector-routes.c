/* tally-collector-routes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The collector's endpoints, on its server thread. The one promise that
 * shapes them: a 2xx means every accepted event is committed. So a batch
 * is parsed here, handed whole to the store's writer, and the message
 * stays paused until the writer says the transaction is committed (or
 * failed, and then nothing of it is stored and the client is told). */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-collector-private.h"
#include "tally-error.h"
#include "tally-event-batch.h"
#include "tally-otlp.h"

typedef struct
{
  TallyCollectorRequest *request;
  GPtrArray             *events;
  GArray                *rejected;
  TallyOtlpTraces       *traces;
} Ingest;

static void
ingest_free (Ingest *ingest)
{
  g_clear_pointer (&ingest->events, g_ptr_array_unref);
  g_clear_pointer (&ingest->rejected, g_array_unref);
  g_clear_pointer (&ingest->traces, tally_otlp_traces_free);
  g_free (ingest);
}

/* Request bodies */

static GZlibCompressorFormat
get_encoding (SoupServerMessage *msg,
              gboolean          *compressed,
              const char       **name)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Content-Encoding");

  *name = value;
  *compressed = TRUE;
  if (value != NULL && (g_ascii_strcasecmp (value, "gzip") == 0 ||
                        g_ascii_strcasecmp (value, "x-gzip") == 0))
    return G_ZLIB_COMPRESSOR_FORMAT_GZIP;
  if (value != NULL && g_ascii_strcasecmp (value, "deflate") == 0)
    return G_ZLIB_COMPRESSOR_FORMAT_ZLIB;

  *compressed = FALSE;
  return G_ZLIB_COMPRESSOR_FORMAT_RAW;
}

/* Checked with the headers: gzip, deflate or none. */
gboolean
tally_collector_check_encoding (SoupServerMessage  *msg,
                                GError            **error)
{
  const char *name;
  gboolean compressed;

  get_encoding (msg, &compressed, &name);
  if (compressed || name == NULL || g_ascii_strcasecmp (name, "identity") == 0)
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
               _("cannot read a body with Content-Encoding “%s”: send gzip, deflate or an "
                 "uncompressed body"), name);
  return FALSE;
}

/* Decompresses all of @input, refusing to grow past @limit: a small
 * gzip body can stand for gigabytes. */
static GBytes *
decompress (GBytes                 *input,
            GZlibCompressorFormat   format,
            guint64                 limit,
            GError                **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (format);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize in_len;
  const guint8 *in = g_bytes_get_data (input, &in_len);
  GConverterResult result = G_CONVERTER_CONVERTED;

  while (result != G_CONVERTER_FINISHED)
    {
      g_autoptr(GError) local_error = NULL;
      gsize room = MAX (in_len * 4, 65536), read = 0, written = 0;
      guint old_len = out->len;

      room = MIN (room, limit + 1 - out->len);
      g_byte_array_set_size (out, old_len + room);
      result = g_converter_convert (G_CONVERTER (decompressor), in, in_len, out->data + old_len,
                                    room, G_CONVERTER_INPUT_AT_END, &read, &written, &local_error);
      g_byte_array_set_size (out, old_len + written);
      if (result == G_CONVERTER_ERROR)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("the compressed body is damaged: %s"), local_error->message);
          return NULL;
        }
      in += read;
      in_len -= read;
      if (out->len > limit)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_TOO_LARGE,
                       _("the body is larger than %" G_GUINT64_FORMAT " bytes once decompressed"),
                       limit);
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static guint
status_for_error (const GError *error)
{
  if (g_error_matches (error, TALLY_ERROR, TALLY_ERROR_TOO_LARGE))
    return SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;

  return SOUP_STATUS_BAD_REQUEST;
}

/* The whole body, decompressed; NULL once an error is answered. */
static GBytes *
read_body (TallyCollectorRequest *request)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) error = NULL;
  GZlibCompressorFormat format;
  gboolean compressed;
  const char *name;
  GBytes *plain;

  format = get_encoding (request->msg, &compressed, &name);
  if (!compressed)
    return g_steal_pointer (&bytes);

  plain = decompress (bytes, format, request->server->max_body_size, &error);
  if (plain == NULL)
    tally_collector_respond_error (request->msg, status_for_error (error), "%s", error->message);

  return plain;
}

/* Storing */

static void
ingest_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Ingest *ingest = user_data;
  TallyCollectorRequest *request = ingest->request;
  g_autoptr(GError) error = NULL;

  if (!tally_store_ingest_finish (TALLY_STORE (object), result, &error))
    {
      /* A full disk is 507; a read-only, closed or failing store 503. */
      guint status = g_error_matches (error, TALLY_ERROR, TALLY_ERROR_IO)
                       ? SOUP_STATUS_INSUFFICIENT_STORAGE : SOUP_STATUS_SERVICE_UNAVAILABLE;

      tally_collector_respond_error (request->msg, status,
                                     _("the store cannot save the events, none were stored: %s"),
                                     error->message);
      tally_collector_request_count (request, 0, ingest->events->len);
    }
  else if (ingest->traces != NULL)
    {
      tally_collector_request_count (request, ingest->events->len, 0);
      tally_collector_respond_json (request->msg, SOUP_STATUS_OK,
                                    tally_otlp_traces_build_response (ingest->traces));
    }
  else
    {
      tally_collector_request_count (request, ingest->events->len, 0);
      tally_collector_respond_json (request->msg, SOUP_STATUS_OK,
                                    tally_event_batch_build_response (ingest->events->len,
                                                                      ingest->rejected));
    }

  tally_collector_request_resume (request);
  ingest_free (ingest);
}

static void
ingest (TallyCollectorRequest *request,
        Ingest                *ingest)
{
  tally_collector_request_pause (request);
  tally_store_ingest_async (request->server->store, ingest->events, NULL, ingest_done_cb, ingest);
}

/* POST /v1/events: a JSON array, {"events": […]} or NDJSON. */
void
tally_collector_handle_events (TallyCollectorRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *events = NULL;
  GArray *rejected = NULL;
  Ingest *job;
  gsize len;
  const char *data;

  if ((body = read_body (request)) == NULL)
    return;

  data = g_bytes_get_data (body, &len);
  if (!tally_event_batch_parse (data, len, tally_event_batch_format_for_content_type (type), 0,
                                request->server->max_batch_events, &events, &rejected, &error))
    {
      tally_collector_respond_error (request->msg, status_for_error (error), "%s", error->message);
      return;
    }

  tally_collector_request_count (request, 0, rejected->len);
  if (events->len == 0)
    {
      /* Nothing to store: an empty batch is fine, a batch of bad events is not. */
      tally_collector_respond_json (request->msg,
                                    rejected->len > 0 ? SOUP_STATUS_BAD_REQUEST : SOUP_STATUS_OK,
                                    tally_event_batch_build_response (0, rejected));
      g_ptr_array_unref (events);
      g_array_unref (rejected);
      return;
    }

  job = g_new0 (Ingest, 1);
  job->request = request;
  job->events = events;
  job->rejected = rejected;
  ingest (request, job);
}

/* POST /v1/traces: OTLP/HTTP JSON, answered as OTLP says even when every
 * span was refused (200 with partialSuccess). */
void
tally_collector_handle_traces (TallyCollectorRequest *request)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  TallyOtlpTraces *traces;
  Ingest *job;
  gsize len;
  const char *data;

  if ((body = read_body (request)) == NULL)
    return;

  data = g_bytes_get_data (body, &len);
  traces = tally_otlp_parse_traces (data, len, 0, request->server->max_batch_events, &error);
  if (traces == NULL)
    {
      tally_collector_respond_error (request->msg, status_for_error (error), "%s", error->message);
      return;
    }

  tally_collector_request_count (request, 0, traces->rejected->len);
  if (traces->events->len == 0)
    {
      tally_collector_respond_json (request->msg, SOUP_STATUS_OK,
                                    tally_otlp_traces_build_response (traces));
      tally_otlp_traces_free (traces);
      return;
    }

  job = g_new0 (Ingest, 1);
  job->request = request;
  job->events = g_ptr_array_ref (traces->events);
  job->traces = traces;
  ingest (request, job);
}

/* GET /api/v1/query: the frame as `tally query --json` prints it. The
 * query runs in a GTask thread on a read connection of its own, so it
 * neither holds up ingestion nor waits for it. */

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TallyCollectorRequest *request = user_data;
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  frame = tally_store_query_finish (TALLY_STORE (object), result, &error);
  if (frame != NULL)
    tally_collector_respond_json (request->msg, SOUP_STATUS_OK,
                                  tally_frame_to_json_string (frame, FALSE));
  else if (g_error_matches (error, TALLY_ERROR, TALLY_ERROR_INVALID))
    tally_collector_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "%s", error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tally_collector_respond_error (request->msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                   _("the collector is stopping"));
  else
    tally_collector_respond_error (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                   _("the query failed: %s"), error->message);

  tally_collector_request_resume (request);
}

void
tally_collector_handle_query (TallyCollectorRequest *request)
{
  GUri *uri = soup_server_message_get_uri (request->msg);
  g_autoptr(TallyQuery) query = NULL;
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(GError) error = NULL;

  if (!tally_collector_parse_query (g_uri_get_query (uri), &query, &range, &error))
    {
      tally_collector_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, "%s", error->message);
      return;
    }

  tally_collector_request_pause (request);
  tally_store_query_async (request->server->store, query, range, request->server->cancellable,
                           query_done_cb, request);
}

/* GET /healthz: liveness, without a token. Where the store is, only to
 * those who could query it anyway. */
void
tally_collector_handle_healthz (TallyCollectorRequest *request)
{
  TallyCollectorServer *server = request->server;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  if (request->authorized)
    {
      json_builder_set_member_name (builder, "store");
      json_builder_add_string_value (builder, tally_store_get_path (server->store));
      json_builder_set_member_name (builder, "accepted");
      json_builder_add_int_value (builder, server->total_accepted);
      json_builder_set_member_name (builder, "rejected");
      json_builder_add_int_value (builder, server->total_rejected);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  tally_collector_respond_json (request->msg, SOUP_STATUS_OK,
                                json_generator_to_data (generator, NULL));
}
