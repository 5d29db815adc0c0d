/* tally-test-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Alerts written into a real store through the alert history, for the
 * tests of the `alerts` panels: the data model, `tally render` and the
 * panel card read them back from the file. */

#include "config.h"

#include <glib/gstdio.h>

#include "tally-alert-history.h"
#include "tally-paths.h"
#include "tally-test-alerts.h"

static const char *
name_of (const char *rule)
{
  if (g_str_equal (rule, "error-old"))
    return "Error rate above 5 %";
  if (g_str_equal (rule, "rpm"))
    return "Requests per minute near the limit";
  if (g_str_equal (rule, "tpm"))
    return "Tokens per minute near the limit";
  if (g_str_equal (rule, "budget"))
    return "Daily budget exceeded";
  return "Later one";
}

/* Records one alert of @rule, resolved at @resolved_at unless it is 0;
 * its description is "RULE: 85.0 % >= 80.0 %". */
void
tally_test_alerts_add (const char *store_path,
                       const char *rule,
                       const char *severity,
                       gint64      fired_at,
                       gint64      resolved_at)
{
  g_autoptr(TallyAlertHistory) history = NULL;
  g_autoptr(TallyAlert) alert = tally_alert_new ();
  g_autoptr(GError) error = NULL;

  history = tally_alert_history_open (store_path, FALSE, &error);
  g_assert_no_error (error);
  alert->rule = g_strdup (rule);
  alert->name = g_strdup (name_of (rule));
  alert->severity = g_strdup (severity);
  alert->metric = g_strdup ("rpm_utilization");
  alert->value = 0.85;
  alert->threshold = 0.8;
  alert->description = g_strdup_printf ("%s: 85.0 %% >= 80.0 %%", rule);
  alert->fired_at = fired_at;
  g_assert_true (tally_alert_history_add (history, alert, &error));
  g_assert_no_error (error);
  if (resolved_at != 0)
    {
      g_assert_true (tally_alert_history_resolve (history, alert, resolved_at, 0.5, &error));
      g_assert_no_error (error);
    }
}

void
tally_test_alerts_write (const char *store_path,
                         gint64      t0)
{
  tally_test_alerts_add (store_path, "error-old", "warning", t0 - 7200, t0 - 3600);
  tally_test_alerts_add (store_path, "rpm", "warning", t0 - 600, t0 + 600);
  tally_test_alerts_add (store_path, "budget", "critical", t0 + 1200, 0);
  tally_test_alerts_add (store_path, "later", "info", t0 + 7200, 0);
}

/* The app's store file, with none of an earlier run left: its history
 * and events would count. Returns: the path. */
char *
tally_test_alerts_new_app_store (void)
{
  char *path = tally_paths_get_store_file ();
  static const char *suffixes[] = { "", "-wal", "-shm" };

  g_assert_true (tally_paths_ensure_parent (path, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }

  return path;
}

/* 85 requests of $0.10, fine and fast, in one second just past: 85 % of a
 * monthly budget of $10, which the budget-warning rule fires on. */
void
tally_test_alerts_spend_budget (TallyStore *store)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  g_autoptr(GError) error = NULL;
  gint64 t = g_get_real_time () / G_USEC_PER_SEC - 2;

  for (guint i = 0; i < 85; i++)
    {
      TallyEvent *event = tally_event_new ();

      event->time_ms = t * 1000;
      event->cost = 0.10;
      event->dims[TALLY_DIMENSION_MODEL] = g_strdup ("gpt-4o");
      event->status = 200;
      event->latency_ms = 200;
      g_ptr_array_add (events, event);
    }
  g_assert_true (tally_store_ingest (store, events, &error));
  g_assert_no_error (error);
}
