/* tally-test-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Alerts written into a real store through the alert history, for the
 * tests of the `alerts` panels: the data model, `tally render` and the
 * panel card read them back from the file. */

#include "config.h"

#include "tally-alert-history.h"
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
      g_assert_true (tally_alert_history_resolve (history, alert->id, resolved_at, 0.5, &error));
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
