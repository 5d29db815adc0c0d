/* test-alert-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Listing the alert history of a real store: by time range, firing first,
 * with a limit, and on a worker thread, as the Alerts page and the
 * `alerts` panels read it. */

#include "config.h"

#include "tally-alert-history.h"
#include "tally-store.h"
#include "tally-test-alerts.h"
#include "tally-test-utils.h"

#define T0 1763899200   /* 2025-11-23 12:00:00 UTC */

/* A store with the alerts of tally_test_alerts_write(): error-old,
 * resolved before T0; rpm, fired before T0 and resolved inside [T0,
 * T0 + 1 h); budget, fired inside and firing; later, fired after. */
static char *
make_store (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  char *path = g_build_filename (dir, "usage.db", NULL);
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = tally_store_open (path, &error);
  g_assert_no_error (error);
  tally_test_alerts_write (path, T0);
  tally_store_close (store);

  return path;
}

/* The rules of @alerts, in order, joined by spaces. */
static char *
rules_of (GPtrArray *alerts)
{
  GString *rules = g_string_new (NULL);

  for (guint i = 0; i < alerts->len; i++)
    {
      TallyAlert *alert = g_ptr_array_index (alerts, i);

      g_string_append_printf (rules, "%s%s", i > 0 ? " " : "", alert->rule);
    }

  return g_string_free (rules, FALSE);
}

static void
test_between (void)
{
  g_autofree char *path = make_store ();
  g_autoptr(TallyAlertHistory) history = tally_alert_history_open (path, TRUE, NULL);
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *hour = NULL;
  g_autofree char *one = NULL;
  TallyAlert *rpm;

  g_assert_nonnull (history);

  /* everything: the firing ones first, each part newest first */
  alerts = tally_alert_history_list_between (history, G_MININT64, G_MAXINT64, 0, &error);
  g_assert_no_error (error);
  all = rules_of (alerts);
  g_assert_cmpstr (all, ==, "later budget rpm error-old");
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* [T0, T0 + 1 h): error-old ended before, later begins after */
  alerts = tally_alert_history_list_between (history, T0, T0 + 3600, 0, &error);
  g_assert_no_error (error);
  hour = rules_of (alerts);
  g_assert_cmpstr (hour, ==, "budget rpm");
  rpm = g_ptr_array_index (alerts, 1);
  g_assert_cmpint (rpm->fired_at, ==, T0 - 600);
  g_assert_cmpint (rpm->resolved_at, ==, T0 + 600);
  g_assert_cmpfloat_with_epsilon (rpm->value, 0.85, 1e-12);
  g_assert_cmpfloat_with_epsilon (rpm->resolved_value, 0.5, 1e-12);
  g_assert_cmpstr (rpm->description, ==, "rpm: 85.0 % >= 80.0 %");
  g_assert_cmpstr (rpm->severity, ==, "warning");
  g_assert_cmpstr (rpm->name, ==, "Requests per minute near the limit");

  /* an alert that resolved at T0 itself was firing at T0 */
  g_clear_pointer (&alerts, g_ptr_array_unref);
  alerts = tally_alert_history_list_between (history, T0 + 600, T0 + 601, 0, &error);
  g_clear_pointer (&hour, g_free);
  hour = rules_of (alerts);
  g_assert_cmpstr (hour, ==, "rpm");
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* a limit keeps the first */
  alerts = tally_alert_history_list_between (history, G_MININT64, G_MAXINT64, 1, &error);
  one = rules_of (alerts);
  g_assert_cmpstr (one, ==, "later");
}

/* Lists @path's alerts over [@from, @to) on the worker thread. */
static GPtrArray *
list_async (const char    *path,
            gint64         from,
            gint64         to,
            GCancellable  *cancellable,
            GError       **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  tally_alert_history_list_async (path, from, to, 0, cancellable, tally_test_result_cb, &pending);
  result = tally_test_wait_result (&pending);
  return tally_alert_history_list_finish (result, error);
}

static void
test_async (void)
{
  g_autofree char *path = make_store ();
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "usage.db", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rules = NULL;

  alerts = list_async (path, T0, T0 + 7201, NULL, &error);
  g_assert_no_error (error);
  rules = rules_of (alerts);
  g_assert_cmpstr (rules, ==, "later budget rpm");
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* no store yet: no alerts, and no file made */
  alerts = list_async (missing, G_MININT64, G_MAXINT64, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 0);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* not a store: an error that says so */
  g_assert_true (g_file_set_contents (missing, "not a database, just text", -1, NULL));
  alerts = list_async (missing, G_MININT64, G_MAXINT64, NULL, &error);
  g_assert_null (alerts);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* cancelled */
  g_cancellable_cancel (cancellable);
  alerts = list_async (path, G_MININT64, G_MAXINT64, cancellable, &error);
  g_assert_null (alerts);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/alert-list/between", test_between);
  g_test_add_func ("/alert-list/async", test_async);

  return g_test_run ();
}
