/* tally-json-pointer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean  tally_json_pointer_check (const char  *pointer,
                                    GError     **error);
JsonNode *tally_json_pointer_get   (JsonNode    *root,
                                    const char  *pointer,
                                    GError     **error);

G_END_DECLS
