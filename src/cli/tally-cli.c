/* tally-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The table of `tally` subcommands. `tally --help` lists exactly what is
 * here, so the help never mentions a command that does not exist. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-cli.h"
#include "tally-commands.h"

static const TallyCommand commands[] = {
  { "alerts", N_("Evaluate the alert rules now and print the alerts that fire"), tally_command_alerts },
  { "collect", N_("Receive usage events over HTTP into the local store"), tally_command_collect },
  { "demo", N_("Write realistic demo traffic into the demo store"), tally_command_demo },
  { "ingest", N_("Load usage events from an NDJSON or JSON file"), tally_command_ingest },
  { "query", N_("Ask the store a question and print the answer"), tally_command_query },
  { "render", N_("Draw a dashboard into a PNG, SVG or PDF file"), tally_command_render },
  { "validate", N_("Check a dashboard layout file"), tally_command_validate },
  { NULL, NULL, NULL },
};

const TallyCommand *
tally_cli_find_command (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (commands[i].name, name))
        return &commands[i];
    }

  return NULL;
}

/* The "Commands:" section of `tally --help`, or NULL when there are none. */
char *
tally_cli_describe_commands (void)
{
  GString *str;

  if (commands[0].name == NULL)
    return NULL;

  str = g_string_new (_("Commands:"));
  g_string_append_c (str, '\n');
  for (guint i = 0; commands[i].name != NULL; i++)
    g_string_append_printf (str, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (str, '\n');
  g_string_append (str, _("Run “tally COMMAND --help” for the options of a command."));

  return g_string_free (str, FALSE);
}
