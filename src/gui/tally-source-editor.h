/* tally-source-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-source-registry.h"

G_BEGIN_DECLS

#define TALLY_TYPE_SOURCE_EDITOR (tally_source_editor_get_type ())

G_DECLARE_FINAL_TYPE (TallySourceEditor, tally_source_editor, TALLY, SOURCE_EDITOR, AdwWindow)

TallySourceEditor *tally_source_editor_new         (TallySourceRegistry *registry,
                                                    JsonObject          *entry);
const char        *tally_source_editor_get_verdict (TallySourceEditor   *self);

G_END_DECLS
