/* tally-cli-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-source.h"

G_BEGIN_DECLS

gboolean     tally_cli_source_check_name    (const char            *name,
                                             GError               **error);
gboolean     tally_cli_source_is_local      (const char            *name);
gboolean     tally_cli_source_require_local (const char            *name,
                                             const char            *what,
                                             GError               **error);
TallySource *tally_cli_source_open          (const char            *name,
                                             GError               **error);
TallyFrame  *tally_cli_source_query         (TallySource           *source,
                                             const TallyQuery      *query,
                                             const TallyTimeRange  *range,
                                             GError               **error);

G_END_DECLS
