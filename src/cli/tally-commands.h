/* tally-commands.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The entry points of the subcommands in the table of tally-cli.c:
 * argv[0] is the command's name; each returns the exit status. */
int tally_command_alerts   (int    argc,
                            char **argv);
int tally_command_collect  (int    argc,
                            char **argv);
int tally_command_demo     (int    argc,
                            char **argv);
int tally_command_ingest   (int    argc,
                            char **argv);
int tally_command_query    (int    argc,
                            char **argv);
int tally_command_render   (int    argc,
                            char **argv);
int tally_command_validate (int    argc,
                            char **argv);

G_END_DECLS
