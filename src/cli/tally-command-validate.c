/* tally-command-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally validate DASHBOARD.json`: checks a layout before it is shared or
 * opened, printing every problem with its JSON path, or OK. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-commands.h"
#include "tally-dashboard.h"

int
tally_command_validate (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyDashboard) dashboard = NULL;
  g_auto(GStrv) problems = NULL;
  g_autofree char *data = NULL;
  gsize length;

  context = g_option_context_new (_("DASHBOARD.json — check a dashboard layout"));
  g_option_context_set_summary (context, _("Prints OK, or every problem with its JSON path."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("tally validate: %s\n", error->message);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr (_("tally validate: give one dashboard file, as in “tally validate prod.json”\n"));
      return 2;
    }

  if (!g_file_get_contents (argv[1], &data, &length, &error))
    {
      g_printerr ("tally validate: %s\n", error->message);
      return 1;
    }

  problems = tally_dashboard_check_data (data, length);
  if (problems[0] != NULL)
    {
      for (guint i = 0; problems[i] != NULL; i++)
        g_printerr ("%s: %s\n", argv[1], problems[i]);
      return 1;
    }

  dashboard = tally_dashboard_new_from_data (data, length, NULL);
  g_print (_("%s: OK: “%s”, %u panels\n"), argv[1], tally_dashboard_get_title (dashboard),
           g_list_model_get_n_items (tally_dashboard_get_panels (dashboard)));
  return 0;
}
