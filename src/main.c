/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally` is the desktop application, or, when its first argument names a
 * command, a headless tool that never initialises GTK. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "tally-application.h"
#include "tally-cli.h"

/* `tally FILE`: a path or URI, not a command (commands have neither a
 * slash nor a dot), opens the layout in the application. */
static gboolean
names_a_layout (const char *arg)
{
  return tally_cli_find_command (arg) == NULL &&
         (strchr (arg, '/') != NULL || strchr (arg, '.') != NULL ||
          g_file_test (arg, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TallyApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc > 1 && argv[1][0] != '-' && !names_a_layout (argv[1]))
    {
      const TallyCommand *command = tally_cli_find_command (argv[1]);

      if (command == NULL)
        {
          g_printerr (_("tally: “%s” is not a command. Run “tally --help” to see the commands.\n"),
                      argv[1]);
          return 2;
        }

      g_set_prgname ("tally");
      return command->run (argc - 1, argv + 1);
    }

  app = tally_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
