/* test-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "tally-error.h"
#include "tally-paths.h"
#include "tally-test-utils.h"

static void
test_paths_follow_xdg (void)
{
  g_autofree char *store = tally_paths_get_store_file ();
  g_autofree char *dashboards = tally_paths_get_dashboards_dir ();
  g_autofree char *sources = tally_paths_get_sources_file ();
  g_autofree char *demo = tally_paths_get_demo_store_file ();
  g_autofree char *expected_store = NULL;
  g_autofree char *expected_dashboards = NULL;
  g_autofree char *expected_sources = NULL;
  g_autofree char *expected_demo = NULL;

  expected_store = g_build_filename (g_getenv ("XDG_DATA_HOME"), "tally", "usage.db", NULL);
  expected_dashboards = g_build_filename (g_getenv ("XDG_DATA_HOME"), "tally", "dashboards", NULL);
  expected_sources = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "tally", "sources.json", NULL);
  expected_demo = g_build_filename (g_getenv ("XDG_CACHE_HOME"), "tally", "demo.db", NULL);

  g_assert_cmpstr (store, ==, expected_store);
  g_assert_cmpstr (dashboards, ==, expected_dashboards);
  g_assert_cmpstr (sources, ==, expected_sources);
  g_assert_cmpstr (demo, ==, expected_demo);
}

static void
test_paths_ensure_parent_private (void)
{
  g_autofree char *tmp = tally_test_make_tmp_dir ();
  g_autofree char *file = g_build_filename (tmp, "a", "b", "usage.db", NULL);
  g_autofree char *parent = g_build_filename (tmp, "a", "b", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (tally_paths_ensure_parent (file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (parent, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  /* A second call on an existing folder succeeds too. */
  g_assert_true (tally_paths_ensure_parent (file, &error));
}

static void
test_paths_ensure_parent_error (void)
{
  g_autofree char *tmp = tally_test_make_tmp_dir ();
  g_autofree char *blocker = g_build_filename (tmp, "plain-file", NULL);
  g_autofree char *file = g_build_filename (blocker, "sub", "usage.db", NULL);
  g_autoptr(GError) error = NULL;

  /* A regular file where a folder should be: the error names the folder. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  g_assert_false (tally_paths_ensure_parent (file, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_IO);
  g_assert_nonnull (strstr (error->message, blocker));
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/paths/follow-xdg", test_paths_follow_xdg);
  g_test_add_func ("/tally/paths/ensure-parent-private", test_paths_ensure_parent_private);
  g_test_add_func ("/tally/paths/ensure-parent-error", test_paths_ensure_parent_error);

  return g_test_run ();
}
