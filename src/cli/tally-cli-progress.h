/* tally-cli-progress.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TallyCliProgress TallyCliProgress;

TallyCliProgress *tally_cli_progress_new     (void);
void              tally_cli_progress_free    (TallyCliProgress *self);

gboolean          tally_cli_progress_is_due  (TallyCliProgress *self);
void              tally_cli_progress_show    (TallyCliProgress *self,
                                              const char       *format,
                                              ...) G_GNUC_PRINTF (2, 3);
void              tally_cli_progress_clear   (TallyCliProgress *self);
double            tally_cli_progress_elapsed (TallyCliProgress *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyCliProgress, tally_cli_progress_free)

G_END_DECLS
