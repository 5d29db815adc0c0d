/* tally-source-registry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "tally-source.h"
#include "tally-source-config.h"

G_BEGIN_DECLS

/**
 * TallySourceFactory:
 * @name: the source's name
 * @entry: its object from sources.json (read it, do not keep it: copy)
 * @secret: (nullable): its credential from the keyring or token_env
 * @error: where a constructor that cannot make the source says why
 *
 * The constructor of a source type.
 *
 * Returns: (transfer full): the source, named @name
 */
typedef TallySource *(*TallySourceFactory) (const char  *name,
                                            JsonObject  *entry,
                                            const char  *secret,
                                            GError     **error);

void tally_source_registry_register_type (const char         *type,
                                          TallySourceFactory  factory);

#define TALLY_TYPE_SOURCE_REGISTRY (tally_source_registry_get_type ())

G_DECLARE_FINAL_TYPE (TallySourceRegistry, tally_source_registry, TALLY, SOURCE_REGISTRY, GObject)

TallySourceRegistry *tally_source_registry_new               (const char           *path);
void                 tally_source_registry_set_local         (TallySourceRegistry  *self,
                                                              TallySource          *local);
TallySource         *tally_source_registry_get_local         (TallySourceRegistry  *self);
const char          *tally_source_registry_get_path          (TallySourceRegistry  *self);
const char          *tally_source_registry_get_error         (TallySourceRegistry  *self);
TallySourceConfig   *tally_source_registry_get_config        (TallySourceRegistry  *self);
gboolean             tally_source_registry_reload            (TallySourceRegistry  *self,
                                                              GError              **error);
gboolean             tally_source_registry_save              (TallySourceRegistry  *self,
                                                              TallySourceConfig    *config,
                                                              GError              **error);
GStrv                tally_source_registry_dup_names         (TallySourceRegistry  *self);
void                 tally_source_registry_forget            (TallySourceRegistry  *self,
                                                              const char           *name);
gboolean             tally_source_registry_has               (TallySourceRegistry  *self,
                                                              const char           *name);
JsonObject          *tally_source_registry_lookup_entry      (TallySourceRegistry  *self,
                                                              const char           *name);
TallySource         *tally_source_registry_get_source        (TallySourceRegistry  *self,
                                                              const char           *name,
                                                              const char           *secret,
                                                              GError              **error);
void                 tally_source_registry_get_source_async  (TallySourceRegistry  *self,
                                                              const char           *name,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
TallySource         *tally_source_registry_get_source_finish (TallySourceRegistry  *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
TallySource         *tally_source_registry_create_source     (const char           *name,
                                                              JsonObject           *entry,
                                                              const char           *secret,
                                                              GError              **error);
char                *tally_source_registry_describe_names    (TallySourceRegistry  *self);

G_END_DECLS
