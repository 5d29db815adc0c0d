/* tally-source-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char * const *tally_source_types_get_known      (void);
gboolean            tally_source_type_is_known        (const char *type);
void                tally_source_types_ensure         (void);

G_END_DECLS
