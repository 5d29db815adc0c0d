/* tally-json-api-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "tally-source.h"

G_BEGIN_DECLS

#define TALLY_TYPE_JSON_API_SOURCE (tally_json_api_source_get_type ())

G_DECLARE_FINAL_TYPE (TallyJsonApiSource, tally_json_api_source, TALLY, JSON_API_SOURCE, TallySource)

TallySource *tally_json_api_source_new_from_config (const char  *name,
                                                    JsonObject  *entry,
                                                    const char  *secret,
                                                    GError     **error);

G_END_DECLS
