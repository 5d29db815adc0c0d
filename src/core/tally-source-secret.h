/* tally-source-secret.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TALLY_SOURCE_SECRET_SCHEMA_NAME "io.github.tallyapp.Tally.Source"

void      tally_source_secret_store_async   (const char          *name,
                                             const char          *secret,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  tally_source_secret_store_finish  (GAsyncResult        *result,
                                             GError             **error);
void      tally_source_secret_lookup_async  (const char          *name,
                                             JsonObject          *entry,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char     *tally_source_secret_lookup_finish (GAsyncResult        *result,
                                             GError             **error);
char     *tally_source_secret_lookup_sync   (const char          *name,
                                             JsonObject          *entry,
                                             GCancellable        *cancellable,
                                             GError             **error);
void      tally_source_secret_clear_async   (const char          *name,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  tally_source_secret_clear_finish  (GAsyncResult        *result,
                                             GError             **error);
void      tally_source_secret_free          (char                *secret);

G_END_DECLS
