/* tally-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Where Tally keeps its files, in one place so that the application, the
 * command line and the tests agree. Everything follows the XDG base
 * directories, which Flatpak maps into the sandbox. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tally-error.h"
#include "tally-paths.h"

char *
tally_paths_get_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "tally", NULL);
}

char *
tally_paths_get_store_file (void)
{
  return g_build_filename (g_get_user_data_dir (), "tally", "usage.db", NULL);
}

char *
tally_paths_get_dashboards_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "tally", "dashboards", NULL);
}

char *
tally_paths_get_config_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "tally", NULL);
}

char *
tally_paths_get_sources_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "tally", "sources.json", NULL);
}

/* The limits and budgets of docs/alerts.md. */
char *
tally_paths_get_limits_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "tally", "limits.json", NULL);
}

/* The user's alert rules (docs/alerts.md). */
char *
tally_paths_get_alerts_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "tally", "alerts.json", NULL);
}

char *
tally_paths_get_demo_store_file (void)
{
  return g_build_filename (g_get_user_cache_dir (), "tally", "demo.db", NULL);
}

/* Creates the folder that will hold @path, readable by its owner only:
 * usage data names projects, users and keys. */
gboolean
tally_paths_ensure_parent (const char  *path,
                           GError     **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}
