/* tally-cli-options.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "tally-time-range.h"

G_BEGIN_DECLS

/* Exit statuses, the same for every subcommand (docs/cli.md). */
#define TALLY_EXIT_OK      0
/* the command ran and failed: an unreadable file, nothing stored, a store error */
#define TALLY_EXIT_FAILURE 1
/* the command line is wrong: an unknown option, a bad value, an unknown source */
#define TALLY_EXIT_USAGE   2

/**
 * TallyCliOptions:
 * @command: the subcommand's name, for messages ("ingest")
 * @db: --db PATH, or NULL
 * @source: --source NAME, or NULL
 *
 * What every subcommand takes. Initialise with TALLY_CLI_OPTIONS_INIT and
 * declare with g_auto() so the strings are freed.
 */
typedef struct
{
  const char *command;
  char       *db;
  char       *source;
} TallyCliOptions;

#define TALLY_CLI_OPTIONS_INIT(name) { (name), NULL, NULL }

GOptionContext *tally_cli_options_new_context  (TallyCliOptions     *options,
                                                const char          *parameter_string,
                                                const char          *summary,
                                                const GOptionEntry  *entries);
gboolean        tally_cli_options_parse        (TallyCliOptions     *options,
                                                GOptionContext      *context,
                                                int                 *argc,
                                                char              ***argv,
                                                GError             **error);
char           *tally_cli_options_get_db       (const TallyCliOptions *options,
                                                const char          *default_path);
void            tally_cli_options_clear        (TallyCliOptions     *options);

int             tally_cli_fail                 (const TallyCliOptions *options,
                                                int                  status,
                                                const GError        *error);
int             tally_cli_fail_printf          (const TallyCliOptions *options,
                                                int                  status,
                                                const char          *format,
                                                ...) G_GNUC_PRINTF (3, 4);

GTimeZone      *tally_cli_parse_time_zone      (const char          *name,
                                                GError             **error);
TallyTimeRange *tally_cli_parse_range          (const char          *from,
                                                const char          *to,
                                                GTimeZone           *tz,
                                                GError             **error);
char           *tally_cli_quote_path           (const char          *path);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TallyCliOptions, tally_cli_options_clear)

G_END_DECLS
