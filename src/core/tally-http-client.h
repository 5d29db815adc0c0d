/* tally-http-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TALLY_TYPE_HTTP_CLIENT (tally_http_client_get_type ())

G_DECLARE_FINAL_TYPE (TallyHttpClient, tally_http_client, TALLY, HTTP_CLIENT, GObject)

/* What a client waits for, and how much it reads, unless told otherwise. */
#define TALLY_HTTP_DEFAULT_TIMEOUT_S 30
#define TALLY_HTTP_DEFAULT_MAX_BODY  (64 * 1024 * 1024)

TallyHttpClient *tally_http_client_new            (const char       *base_url,
                                                   GError          **error);
const char      *tally_http_client_get_base_url   (TallyHttpClient  *self);
void             tally_http_client_set_bearer     (TallyHttpClient  *self,
                                                   const char       *token);
void             tally_http_client_set_basic      (TallyHttpClient  *self,
                                                   const char       *user,
                                                   const char       *password);
void             tally_http_client_set_timeout    (TallyHttpClient  *self,
                                                   guint             seconds);
void             tally_http_client_set_max_body   (TallyHttpClient  *self,
                                                   gsize             bytes);
char            *tally_http_client_build_url      (TallyHttpClient  *self,
                                                   const char       *path,
                                                   const char       *query);
void             tally_http_client_get_json_async (TallyHttpClient  *self,
                                                   const char       *path,
                                                   const char       *query,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
JsonNode        *tally_http_client_get_json_finish (TallyHttpClient *self,
                                                   GAsyncResult     *result,
                                                   GError          **error);

void             tally_http_query_add             (GString          *query,
                                                   const char       *key,
                                                   const char       *value);
gint64           tally_http_parse_retry_after     (const char       *value,
                                                   GDateTime        *now);

G_END_DECLS
