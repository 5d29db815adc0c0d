/* test-cli-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally validate` as a user runs it: OK and exit 0 for a good layout,
 * every problem with its path and exit 1 for a bad one, usage errors 2. */

#include "config.h"

#include "tally-test-utils.h"

static void
test_cli_validate_ok (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "dashboards", "example.json", NULL);
  const char *args[] = { "validate", path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: OK: “Production Monitoring”, 5 panels\n", path);
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
}

static void
test_cli_validate_problems (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  const char *args[] = { "validate", path, NULL };
  g_autofree char *out = NULL, *err = NULL, *expected = NULL;
  int status;

  g_assert_true (g_file_set_contents (path,
    "{\"format\":\"tally-dashboard\",\"version\":1,\"title\":\"\",\"panels\":[{\"id\":1,\"type\":\"pie\","
    "\"gridPos\":{\"x\":0,\"y\":0,\"w\":30,\"h\":4},\"query\":{\"metric\":\"cost\",\"stat\":\"sum\","
    "\"group_by\":\"model\"}}]}", -1, NULL));
  expected = g_strdup_printf ("%s: title: required: a dashboard needs a title\n"
                              "%s: panels[0].gridPos.w: must be 1..24\n", path, path);

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, expected);
}

static void
test_cli_validate_usage (void)
{
  const char *none[] = { "validate", NULL };
  const char *missing[] = { "validate", "/nonexistent/tally/layout.json", NULL };
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  int status;

  tally_test_run_tally (none, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "give one dashboard file"));

  tally_test_run_tally (missing, NULL, &out2, &err2, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err2, "/nonexistent/tally/layout.json"));
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/cli-validate/ok", test_cli_validate_ok);
  g_test_add_func ("/tally/cli-validate/problems", test_cli_validate_problems);
  g_test_add_func ("/tally/cli-validate/usage", test_cli_validate_usage);

  return g_test_run ();
}
