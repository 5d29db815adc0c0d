/* tally-json-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode   *tally_json_deep_copy        (JsonNode    *node);
JsonObject *tally_json_object_deep_copy (JsonObject  *object);
gboolean    tally_str_replace           (char       **target,
                                         const char  *value);
char       *tally_json_to_pretty_string (JsonNode    *node,
                                         gsize       *length);
char       *tally_json_to_compact_string (JsonNode   *node,
                                          gsize      *length);

gboolean    tally_json_fail             (GError     **error,
                                         const char  *path,
                                         const char  *rule);
const char *tally_json_get_optional_string (JsonObject  *object,
                                            const char  *member,
                                            gboolean    *ok,
                                            GError     **error);
char       *tally_json_describe_parse_error (const GError *error);
JsonNode   *tally_json_read_file       (const char  *path,
                                         gboolean    *missing,
                                         GError     **error);
gboolean    tally_json_write_file      (const char  *path,
                                        JsonNode    *root,
                                        GError     **error);
const char *tally_json_peek_string     (JsonObject  *object,
                                         const char  *member);
gboolean    tally_json_peek_boolean    (JsonObject  *object,
                                         const char  *member,
                                         gboolean     otherwise);
void        tally_append_shortest_double (GString    *out,
                                          double      value);
void        tally_json_builder_add_string_member (JsonBuilder *builder,
                                                  const char  *name,
                                                  const char  *value);

G_END_DECLS
