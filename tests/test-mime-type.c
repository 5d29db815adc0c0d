/* test-mime-type.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The MIME type Tally installs, checked the way the desktop will use it:
 * update-mime-database builds a private database from the package file in
 * the test's home, and GIO, pointed at it through XDG_DATA_DIRS, must
 * take "prod.tally.json" for application/x-tally-dashboard+json, a kind
 * of application/json, while a plain "prod.json" stays JSON. */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "tally-dashboard-import.h"
#include "tally-test-utils.h"

static char *data_dir;

static void
test_glob (void)
{
  g_autofree char *program = g_find_program_in_path ("update-mime-database");
  g_autofree char *source = g_build_filename (g_getenv ("TALLY_SOURCE_ROOT"), "data",
                                              "io.github.tallyapp.Tally.mime.xml.in", NULL);
  g_autofree char *packages = g_build_filename (data_dir, "mime", "packages", NULL);
  g_autofree char *package = g_build_filename (packages, "io.github.tallyapp.Tally.xml", NULL);
  g_autofree char *mime = g_build_filename (data_dir, "mime", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *type = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, NULL, NULL };
  int status;

  if (program == NULL)
    {
      g_test_skip ("update-mime-database is not installed");
      return;
    }

  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (packages, 0755), ==, 0);
  g_assert_true (g_file_set_contents (package, contents, -1, NULL));
  argv[0] = program;
  argv[1] = mime;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  type = g_content_type_guess ("prod.tally.json", NULL, 0, NULL);
  g_assert_cmpstr (type, ==, TALLY_DASHBOARD_MIME_TYPE);
  g_assert_true (g_content_type_is_a (type, "application/json"));
  plain = g_content_type_guess ("prod.json", NULL, 0, NULL);
  g_assert_cmpstr (plain, !=, TALLY_DASHBOARD_MIME_TYPE);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dirs = NULL;

  /* GIO reads the MIME database once, from the directories set when it
   * first looks: point it at the private one (built by the test) before
   * anything asks, with the system's after it for the base types. */
  data_dir = g_build_filename (g_getenv ("HOME"), "mime-data", NULL);
  dirs = g_strconcat (data_dir, G_SEARCHPATH_SEPARATOR_S, "/usr/share", NULL);
  g_setenv ("XDG_DATA_DIRS", dirs, TRUE);

  tally_test_init (&argc, &argv);
  g_test_add_func ("/tally/mime-type/glob", test_glob);

  return g_test_run ();
}
