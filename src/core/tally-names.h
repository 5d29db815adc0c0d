/* tally-names.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean tally_names_lookup (const char * const *names,
                             guint               n_names,
                             const char         *name,
                             guint              *index);

G_END_DECLS
