/* test-app-remote.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally --source NAME` while Tally already runs: this test's application
 * is the running one (unique on the test's D-Bus session); the real
 * `tally` binary, started with --source, hands the name over and exits,
 * and the running window shows the dashboard from that source. */

#include "config.h"

#include "tally-test-gui.h"

static TallyApplication *app;

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} Exit;

static void
exited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Exit *exit = user_data;

  exit->ok = g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &exit->error);
  exit->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Exit *) data)->done;
}

/* Runs `tally [ARG]` with the main context turning, as the running app
 * must answer it. */
static void
run_second_instance (const char *arg)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Exit exit = { 0 };

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("TALLY_BIN"), arg, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, exited_cb, &exit);
  if (!tally_test_wait_until (is_done, &exit, 30000))
    {
      g_subprocess_force_exit (process);
      g_assert_true (tally_test_wait_until (is_done, &exit, 5000));
      g_error ("The second tally did not hand over and exit");
    }
  g_assert_no_error (exit.error);
  g_assert_true (exit.ok);
}

static gboolean
has_source (gpointer data)
{
  return tally_application_get_source (app) != NULL;
}

static gboolean
overridden (gpointer data)
{
  return g_strcmp0 (tally_application_get_source_override (app), data) == 0;
}

static void
test_source_to_running (void)
{
  TallyWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = TALLY_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (window)));
  g_assert_null (tally_application_get_source_override (app));

  run_second_instance ("--source=local");
  g_assert_true (tally_test_wait_until (overridden, (gpointer) "local", 10000));
  g_assert_true (tally_test_wait_until (has_source, NULL, 20000));
  tally_test_drain ();
  g_assert_true (tally_dashboard_page_get_source (tally_window_get_page (window)) ==
                 tally_application_get_source (app));

  /* a launch without --source leaves the session's choice alone */
  run_second_instance (NULL);
  tally_test_drain ();
  g_assert_cmpstr (tally_application_get_source_override (app), ==, "local");

  tally_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tally_test_gui_init (&argc, &argv);

  /* unique: the name on the bus is this process's */
  app = tally_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));

  g_test_add_func ("/tally/app-remote/source", test_source_to_running);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
