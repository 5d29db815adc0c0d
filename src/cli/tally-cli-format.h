/* tally-cli-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *tally_cli_format_count  (guint64      n);
char *tally_cli_format_value  (double       value,
                               const char  *unit);
char *tally_cli_format_change (double       value,
                               double       previous);
char *tally_cli_format_time   (gint64       unix_seconds,
                               GTimeZone   *tz,
                               const char  *format);
char *tally_cli_format_duration (double     seconds);

typedef struct _TallyCliTable TallyCliTable;

TallyCliTable *tally_cli_table_new        (guint           n_columns);
void           tally_cli_table_free       (TallyCliTable  *self);
void           tally_cli_table_set_right  (TallyCliTable  *self,
                                           guint           column,
                                           gboolean        right);
void           tally_cli_table_add_row    (TallyCliTable  *self);
void           tally_cli_table_set_cell   (TallyCliTable  *self,
                                           guint           column,
                                           const char     *text);
void           tally_cli_table_take_cell  (TallyCliTable  *self,
                                           guint           column,
                                           char           *text);
guint          tally_cli_table_get_n_rows (TallyCliTable  *self);
char          *tally_cli_table_to_string  (TallyCliTable  *self,
                                           guint           max_cell_width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyCliTable, tally_cli_table_free)

G_END_DECLS
