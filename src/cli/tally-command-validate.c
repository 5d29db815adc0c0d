/* tally-command-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally validate DASHBOARD.json`: checks a layout before it is shared or
 * opened, printing every problem with its JSON path, or OK. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-cli-options.h"
#include "tally-commands.h"
#include "tally-dashboard.h"

int
tally_command_validate (int    argc,
                        char **argv)
{
  TallyCliOptions options = TALLY_CLI_OPTIONS_INIT ("validate");
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyDashboard) dashboard = NULL;
  g_auto(GStrv) problems = NULL;
  g_autofree char *data = NULL;
  gsize length;

  context = g_option_context_new (_("DASHBOARD.json — check a dashboard layout"));
  g_option_context_set_summary (context, _("Prints OK, or every problem with its JSON path."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return tally_cli_fail (&options, TALLY_EXIT_USAGE, error);
  if (argc != 2)
    return tally_cli_fail_printf (&options, TALLY_EXIT_USAGE,
                                  _("give one dashboard file, as in “tally validate prod.json”"));

  if (!g_file_get_contents (argv[1], &data, &length, &error))
    return tally_cli_fail (&options, TALLY_EXIT_FAILURE, error);

  problems = tally_dashboard_check_data (data, length);
  if (problems[0] != NULL)
    {
      for (guint i = 0; problems[i] != NULL; i++)
        g_printerr ("%s: %s\n", argv[1], problems[i]);
      return TALLY_EXIT_FAILURE;
    }

  dashboard = tally_dashboard_new_from_data (data, length, NULL);
  g_print (_("%s: OK: “%s”, %u panels\n"), argv[1], tally_dashboard_get_title (dashboard),
           g_list_model_get_n_items (tally_dashboard_get_panels (dashboard)));
  return TALLY_EXIT_OK;
}
