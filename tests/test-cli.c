/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The `tally` executable's own options, run as a user would run them. */

#include "config.h"

#include "tally-test-utils.h"

static void
test_cli_version (void)
{
  const char *args[] = { "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = g_strdup_printf ("Tally %s\n", PACKAGE_VERSION);
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_cli_help (void)
{
  const char *args[] = { "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "--version"));
  g_assert_nonnull (strstr (out, "Watch what your AI APIs cost"));
}

/* `tally --help` lists the commands that exist, each with its summary. */
static void
test_cli_help_commands (void)
{
  const char *args[] = { "--help", NULL };
  const char *commands[] = { "demo", "ingest", "query" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("^  %s +[A-Z]", commands[i]);
      const char *help[] = { commands[i], "--help", NULL };
      g_autofree char *usage = g_strdup_printf ("tally %s [OPTION…]", commands[i]);
      g_autofree char *command_out = NULL;
      g_autofree char *command_err = NULL;

      g_assert_true (g_regex_match_simple (pattern, out, G_REGEX_MULTILINE, 0));
      tally_test_run_tally (help, NULL, &command_out, &command_err, &status);
      g_assert_cmpint (status, ==, 0);
      g_assert_nonnull (strstr (command_out, usage));
    }
}

static void
test_cli_unknown_option (void)
{
  const char *args[] = { "--bogus", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "--bogus"));
}

static void
test_cli_unknown_command (void)
{
  const char *args[] = { "frobnicate", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "“frobnicate” is not a command"));
  g_assert_cmpstr (out, ==, "");
}

static void
test_cli_missing_schema (void)
{
  const char *args[] = { NULL };
  g_autofree char *empty = tally_test_make_tmp_dir ();
  g_autofree char *schema_dir = g_strconcat ("GSETTINGS_SCHEMA_DIR=", empty, NULL);
  g_autofree char *data_dirs = g_strconcat ("XDG_DATA_DIRS=", empty, NULL);
  const char *env[] = { schema_dir, data_dirs, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  /* Started from an uninstalled build, the app says what is missing
   * instead of aborting in GSettings. */
  tally_test_run_tally (args, env, &out, &err, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "settings schema io.github.tallyapp.Tally is not installed"));
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/cli/version", test_cli_version);
  g_test_add_func ("/tally/cli/help", test_cli_help);
  g_test_add_func ("/tally/cli/help-commands", test_cli_help_commands);
  g_test_add_func ("/tally/cli/unknown-option", test_cli_unknown_option);
  g_test_add_func ("/tally/cli/unknown-command", test_cli_unknown_command);
  g_test_add_func ("/tally/cli/missing-schema", test_cli_missing_schema);

  return g_test_run ();
}
