/* tally-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A subcommand's entry point: argv[0] is the command's name. Returns the
 * process exit status. */
typedef int (*TallyCommandFunc) (int    argc,
                                 char **argv);

typedef struct
{
  const char       *name;
  const char       *summary;
  TallyCommandFunc  run;
} TallyCommand;

const TallyCommand *tally_cli_find_command      (const char *name);
char               *tally_cli_describe_commands (void);

G_END_DECLS
