/* tally-source-config.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TALLY_TYPE_SOURCE_CONFIG (tally_source_config_get_type ())

G_DECLARE_FINAL_TYPE (TallySourceConfig, tally_source_config, TALLY, SOURCE_CONFIG, GObject)

TallySourceConfig *tally_source_config_new           (void);
TallySourceConfig *tally_source_config_copy          (TallySourceConfig  *self);
TallySourceConfig *tally_source_config_load          (const char         *path,
                                                      GError            **error);
TallySourceConfig *tally_source_config_new_from_data (const char         *data,
                                                      gssize              length,
                                                      GError            **error);
gboolean           tally_source_config_save          (TallySourceConfig  *self,
                                                      const char         *path,
                                                      GError            **error);
char              *tally_source_config_to_data       (TallySourceConfig  *self);

guint              tally_source_config_get_n_entries (TallySourceConfig  *self);
JsonObject        *tally_source_config_get_entry     (TallySourceConfig  *self,
                                                      guint               index);
JsonObject        *tally_source_config_lookup        (TallySourceConfig  *self,
                                                      const char         *name);
GStrv              tally_source_config_dup_names     (TallySourceConfig  *self);

gboolean           tally_source_config_add           (TallySourceConfig  *self,
                                                      JsonObject         *entry,
                                                      GError            **error);
gboolean           tally_source_config_replace       (TallySourceConfig  *self,
                                                      const char         *name,
                                                      JsonObject         *entry,
                                                      GError            **error);
gboolean           tally_source_config_remove        (TallySourceConfig  *self,
                                                      const char         *name);

gboolean           tally_source_entry_validate       (JsonObject         *entry,
                                                      GError            **error);
gboolean           tally_source_name_is_valid        (const char         *name);
const char        *tally_source_entry_get_name       (JsonObject         *entry);
const char        *tally_source_entry_get_type_name  (JsonObject         *entry);
const char        *tally_source_entry_get_url        (JsonObject         *entry);
const char        *tally_source_entry_get_token_env  (JsonObject         *entry);

G_END_DECLS
