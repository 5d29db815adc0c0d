/* tally-openai-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "tally-source.h"

G_BEGIN_DECLS

#define TALLY_OPENAI_DEFAULT_URL "https://api.openai.com"

#define TALLY_TYPE_OPENAI_SOURCE (tally_openai_source_get_type ())

G_DECLARE_FINAL_TYPE (TallyOpenaiSource, tally_openai_source, TALLY, OPENAI_SOURCE, TallySource)

TallySource *tally_openai_source_new_from_config (const char  *name,
                                                  JsonObject  *entry,
                                                  const char  *secret,
                                                  GError     **error);

G_END_DECLS
