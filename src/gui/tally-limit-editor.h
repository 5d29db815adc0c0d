/* tally-limit-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-limits.h"

G_BEGIN_DECLS

#define TALLY_TYPE_LIMIT_EDITOR (tally_limit_editor_get_type ())

G_DECLARE_FINAL_TYPE (TallyLimitEditor, tally_limit_editor, TALLY, LIMIT_EDITOR, AdwWindow)

TallyLimitEditor *tally_limit_editor_new (const char       *path,
                                          const TallyLimit *original);

G_END_DECLS
