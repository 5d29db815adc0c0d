/* tally-limit-fields.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-limits.h"

G_BEGIN_DECLS

gboolean      tally_limit_parse_text       (const char       *text,
                                            double           *value,
                                            char            **message);
char         *tally_limit_format_text      (double            value);
char         *tally_limit_describe_values  (const TallyLimit *limit);
char         *tally_limit_describe_scope   (const TallyLimit *limit);
const char   *tally_limit_kind_get_title   (TallyLimitKind    kind);
const char   *tally_limit_kind_get_unit    (TallyLimitKind    kind);

AdwActionRow *tally_limit_field_new        (TallyLimitKind    kind,
                                            GtkEntry        **entry);
void          tally_limit_field_mark       (AdwActionRow     *row,
                                            GtkWidget        *entry,
                                            const char       *message,
                                            const char       *hint);
gboolean      tally_limit_field_check      (AdwActionRow     *row,
                                            GtkEntry         *entry,
                                            TallyLimitKind    kind,
                                            double           *value);

G_END_DECLS
