/* test-alerts-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The Alerts window, against the app's real store. With no alert it says
 * "No alerts yet", how many rules are checked, and lists them. An alert
 * that fires for real (85 % of the monthly budget spent) is listed as
 * firing after Check Now, above the history written into the store, each
 * row with its exact text; the main window's Alerts button counts it; a
 * row opens its dashboard. An unreadable alerts.json shows in the banner.
 * A rule's switch writes alerts.json and the app checks the rules it
 * says at once; alerts.json edited while the app runs (a new rule, a
 * broken file, a fixed one) takes effect within seconds. A rule added,
 * a default changed and reset through the window, each undone. Times are
 * in UTC (TZ is set before GLib reads it). */

#include "config.h"

#include <glib/gstdio.h>

#include "tally-alert-rule-editor.h"
#include "tally-alert-rule-row.h"
#include "tally-alerts-window.h"
#include "tally-dashboard-page.h"
#include "tally-paths.h"
#include "tally-store.h"
#include "tally-test-alerts.h"
#include "tally-test-gui.h"

#define T0 1763629200   /* 2025-11-20 09:00:00 UTC */

static TallyApplication *app;

static gboolean
store_open (gpointer data)
{
  return tally_application_get_alert_evaluator (app) != NULL ||
         tally_application_get_alerts_error (app) != NULL;
}

static gboolean
loaded (gpointer data)
{
  return !tally_alerts_window_is_loading (data);
}

static TallyAlertsWindow *
open_alerts (void)
{
  GtkWindow *window;

  g_assert_true (tally_test_wait_until (store_open, NULL, 20000));
  g_action_group_activate_action (G_ACTION_GROUP (app), "alerts", NULL);
  window = tally_test_find_toplevel (TALLY_TYPE_ALERTS_WINDOW);
  g_assert_nonnull (window);
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (window)));
  g_assert_true (tally_test_wait_until (loaded, window, 20000));

  return TALLY_ALERTS_WINDOW (window);
}

static const char *
visible_page (TallyAlertsWindow *window)
{
  GtkStack *stack = GTK_STACK (tally_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_STACK, NULL));

  return gtk_stack_get_visible_child_name (stack);
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static AdwActionRow *
row_at (GtkListBox *list,
        guint       index)
{
  return ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, index));
}

static const char *
banner_text (TallyAlertsWindow *window)
{
  GtkRevealer *banner = GTK_REVEALER (tally_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_REVEALER,
                                                                  "alerts-banner"));

  if (!gtk_revealer_get_reveal_child (banner))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (gtk_revealer_get_child (banner)));
}

static const char *
label_named (GtkWidget  *root,
             const char *name)
{
  return gtk_label_get_label (GTK_LABEL (tally_test_find_descendant (root, GTK_TYPE_LABEL, name)));
}

/* The row of the rule @id in the Rules list, or NULL. */
static GtkWidget *
rule_row (TallyAlertsWindow *window,
          const char        *id)
{
  GtkListBox *rules = tally_alerts_window_get_rules (window);
  GtkWidget *row;

  for (guint i = 0; (row = GTK_WIDGET (gtk_list_box_get_row_at_index (rules, i))) != NULL; i++)
    if (g_strcmp0 (tally_alert_rule_row_get_id (row), id) == 0)
      return row;
  return NULL;
}

static void
test_empty (void)
{
  TallyAlertsWindow *window = open_alerts ();
  GPtrArray *rules = tally_alert_evaluator_get_rules (tally_application_get_alert_evaluator (app));
  g_autofree char *expected = NULL;
  g_autofree char *path = tally_paths_get_alerts_file ();
  g_autofree char *footer = NULL;
  GtkWidget *row;

  g_assert_cmpuint (rules->len, ==, 10);
  /* no alert, but the rules to list: the list page, nothing firing */
  g_assert_cmpstr (visible_page (window), ==, "list");
  g_assert_cmpuint (n_rows (tally_alerts_window_get_firing (window)), ==, 0);
  g_assert_cmpuint (n_rows (tally_alerts_window_get_history (window)), ==, 0);
  g_assert_cmpstr (label_named (GTK_WIDGET (window), "firing-placeholder-title"), ==, "No alerts yet");
  expected = g_strdup_printf ("Tally checks %u rules every minute — rate limits, budget, error and 429 rates, "
                              "latency — and lists each alert here as it fires. Set your rate limits and budget "
                              "in Preferences, and add your own rules below.", rules->len);
  g_assert_cmpstr (label_named (GTK_WIDGET (window), "firing-placeholder-description"), ==, expected);
  g_assert_null (banner_text (window));

  /* every default rule, checked, in words */
  g_assert_cmpuint (n_rows (tally_alerts_window_get_rules (window)), ==, 10);
  row = rule_row (window, "error-rate");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "High error rate");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "error_rate over 5m > 5.0 % · at least 20 requests · Warning");
  g_assert_true (gtk_switch_get_active (tally_alert_rule_row_get_switch (row)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tally_alert_rule_row_get_switch (row)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Check High error rate");
  footer = g_strdup_printf ("The rules are kept in %s, which can also be edited by hand: the changes apply as "
                            "soon as the file is saved (see “Alert rules” in the documentation).", path);
  g_assert_cmpstr (label_named (GTK_WIDGET (window), "alerts-rules-footer"), ==, footer);

  tally_test_destroy_window (GTK_WINDOW (window));
}

/* Two resolved alerts of Nov 20, written as `tally collect` would. */
static void
write_history (void)
{
  g_autofree char *path = tally_paths_get_store_file ();
  g_autoptr(TallyAlertHistory) history = NULL;
  g_autoptr(GError) error = NULL;

  history = tally_alert_history_open (path, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TallyAlert) alert = tally_alert_new ();

      alert->rule = g_strdup (i == 0 ? "error-rate" : "p95-latency");
      alert->name = g_strdup (i == 0 ? "Error rate over 5 %" : "P95 latency over 5 s");
      alert->severity = g_strdup (i == 0 ? "critical" : "warning");
      alert->metric = g_strdup (i == 0 ? "error_rate" : "latency");
      alert->description = g_strdup (i == 0 ? "7.5 % > 5.0 %" : "6.2 s > 5.0 s");
      alert->dashboard = g_strdup ("overview");
      alert->fired_at = T0 + i * 3600;
      g_assert_true (tally_alert_history_add (history, alert, &error));
      g_assert_true (tally_alert_history_resolve (history, alert, alert->fired_at + 900 + i * 7200, 0,
                                                  &error));
      g_assert_no_error (error);
    }
}

/* Checks now, as the window's button does, until the alert is listed. */
static gboolean
lists_firing (gpointer data)
{
  TallyAlertsWindow *window = data;

  if (tally_alerts_window_is_loading (window))
    return FALSE;
  if (n_rows (tally_alerts_window_get_firing (window)) > 0)
    return TRUE;
  gtk_widget_activate_action (GTK_WIDGET (window), "alerts.check", NULL);
  return FALSE;
}

/* The frame of the first `alerts` panel of the dashboard @window shows. */
static TallyFrame *
alerts_panel_frame (TallyWindow *window)
{
  TallyDashboardPage *page = tally_window_get_page (window);
  GListModel *panels = tally_dashboard_get_panels (tally_dashboard_page_get_dashboard (page));

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);

      if (tally_panel_get_panel_type (panel) == TALLY_PANEL_ALERTS)
        return tally_panel_data_get_frame (tally_data_model_get_panel_data (tally_dashboard_page_get_data_model (page),
                                                                            panel));
    }

  return NULL;
}

typedef struct
{
  TallyWindow *window;
  const char  *name;
  const char  *state;
} Listed;

/* Whether the window's alerts panel has a row of @data's name and state. */
static gboolean
panel_lists (gpointer data)
{
  Listed *wanted = data;
  TallyFrame *frame = alerts_panel_frame (wanted->window);

  if (frame == NULL)
    return FALSE;
  for (guint r = 0; r < tally_frame_get_n_rows (frame); r++)
    if (g_strcmp0 (tally_frame_get_string (frame, r, 2), wanted->name) == 0 &&
        g_strcmp0 (tally_frame_get_string (frame, r, 0), wanted->state) == 0)
      return TRUE;
  return FALSE;
}

/* An alert `tally collect` records now: the window's alerts panel lists
 * it after the next evaluation of the app. */
static void
record_alert_now (void)
{
  g_autofree char *path = tally_paths_get_store_file ();
  g_autoptr(TallyAlertHistory) history = tally_alert_history_open (path, FALSE, NULL);
  g_autoptr(TallyAlert) alert = tally_alert_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (history);
  alert->rule = g_strdup ("rate-429");
  alert->name = g_strdup ("429 rate over 1 %");
  alert->severity = g_strdup ("warning");
  alert->metric = g_strdup ("rate_limited_rate");
  alert->description = g_strdup ("3.0 % > 1.0 %");
  alert->fired_at = g_get_real_time () / G_USEC_PER_SEC - 30;
  g_assert_true (tally_alert_history_add (history, alert, &error));
  g_assert_true (tally_alert_history_resolve (history, alert, alert->fired_at + 10, 0, &error));
  g_assert_no_error (error);
}

static void
test_lists (void)
{
  TallyWindow *main_window = tally_test_app_open_window (app);
  GtkWidget *button;
  TallyAlertsWindow *window;
  GtkListBox *firing, *history;
  AdwActionRow *row;
  const char *subtitle;
  GtkWidget *count;

  write_history ();
  tally_test_alerts_spend_budget (tally_application_get_store (app));
  window = open_alerts ();
  firing = tally_alerts_window_get_firing (window);
  history = tally_alerts_window_get_history (window);
  g_assert_true (tally_test_wait_until (lists_firing, window, 30000));

  g_assert_cmpstr (visible_page (window), ==, "list");
  g_assert_cmpuint (n_rows (firing), ==, 1);
  row = row_at (firing, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Budget 80 % spent");
  subtitle = adw_action_row_get_subtitle (row);
  g_assert_true (g_str_has_prefix (subtitle, "85.0 % >= 80.0 % · since "));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "app.show-dashboard");

  /* newest first, with when each fired and resolved */
  g_assert_cmpuint (n_rows (history), ==, 2);
  row = row_at (history, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "P95 latency over 5 s");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "6.2 s > 5.0 s · Nov 20, 10:00 – Nov 20, 12:15, 2 hours");
  row = row_at (history, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Error rate over 5 %");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "7.5 % > 5.0 % · Nov 20, 09:00 – Nov 20, 09:15, 15 minutes");
  g_assert_null (banner_text (window));

  /* the main window counts the firing alert */
  button = tally_test_find_descendant (GTK_WIDGET (main_window), GTK_TYPE_BUTTON, "alerts");
  g_assert_nonnull (button);
  count = gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (button)));
  g_assert_true (gtk_widget_get_visible (count));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "1");
  g_assert_true (gtk_widget_has_css_class (button, "alerts-warning"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Alerts: 1 firing");

  /* the firing row opens its dashboard, whose alerts panel lists it */
  g_signal_emit_by_name (row_at (firing, 0), "activate");
  tally_test_wait_window_shows (main_window, "rate-limits");
  {
    Listed budget = { main_window, "Budget 80 % spent", "Firing" };
    Listed rate = { main_window, "429 rate over 1 %", "Resolved" };

    g_assert_true (tally_test_wait_until (panel_lists, &budget, 20000));
    /* a new alert in the history: listed after the next evaluation */
    record_alert_now ();
    tally_test_drain ();
    g_assert_false (panel_lists (&rate));
    tally_application_evaluate_alerts (app);
    g_assert_true (tally_test_wait_until (panel_lists, &rate, 20000));
  }

  tally_test_destroy_window (GTK_WINDOW (window));
  tally_test_destroy_window (GTK_WINDOW (main_window));
}

/* A broken alerts.json turns alerts off, and the window says why; the
 * history of the store (of the tests above) still lists. */
static void
test_broken_rules (void)
{
  g_autofree char *rules = tally_paths_get_alerts_file ();
  g_autofree char *expected = NULL;
  TallyAlertsWindow *window;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_true (g_file_set_contents (rules, "{\"rules\": [{\"id\": \"x\", \"metric\": \"error_rate\", "
                                      "\"threshold\": \"high\"}]}", -1, NULL));
  app = tally_test_app_new ();
  window = open_alerts ();
  expected = g_strdup_printf ("Alerts are off: %s: rules[0].threshold: must be a number", rules);
  g_assert_cmpstr (banner_text (window), ==, expected);
  /* what was recorded before still shows */
  g_assert_cmpstr (visible_page (window), ==, "list");
  g_assert_cmpuint (n_rows (tally_alerts_window_get_history (window)), ==, 3);
  tally_test_destroy_window (GTK_WINDOW (window));
}

static char *
read_rules_file (void)
{
  g_autofree char *path = tally_paths_get_alerts_file ();
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* What a click does, without the switch's animation. */
static void
flip (GtkSwitch *toggle)
{
  gtk_switch_set_active (toggle, !gtk_switch_get_active (toggle));
}

static gboolean
switch_on (gpointer data)
{
  return gtk_switch_get_active (data);
}

static guint
n_checked (void)
{
  TallyAlertEvaluator *evaluator = tally_application_get_alert_evaluator (app);

  return evaluator != NULL ? tally_alert_evaluator_get_rules (evaluator)->len : 0;
}

static gboolean
checks_rule (const char *id)
{
  GPtrArray *rules = tally_alert_evaluator_get_rules (tally_application_get_alert_evaluator (app));

  return tally_alert_rules_find (rules, id) != NULL;
}

typedef struct
{
  TallyAlertsWindow *window;
  guint              n_rules;
} RulesWait;

/* Whether the window lists @data's number of rules, alerts being on. */
static gboolean
lists_rules (gpointer data)
{
  RulesWait *wait = data;

  return n_rows (tally_alerts_window_get_rules (wait->window)) == wait->n_rules &&
         tally_application_get_alerts_error (app) == NULL && banner_text (wait->window) == NULL;
}

/* A default rule's switch writes "disable" and the app stops checking it;
 * on again, it is back. A switch used on a file that does not load is
 * refused: the file keeps its bytes, the switch goes back, the banner
 * says why. */
static void
test_rules_switch (void)
{
  g_autofree char *path = tally_paths_get_alerts_file ();
  static const char *broken = "{\"rules\": [";
  TallyAlertsWindow *window = open_alerts ();
  GtkWidget *row;
  GtkSwitch *toggle;
  g_autoptr(GtkSwitch) held = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  RulesWait wait = { window, 10 };

  /* the broken file the test before left: the defaults alone again */
  g_unlink (path);
  g_assert_true (tally_test_wait_until (lists_rules, &wait, 5000));
  row = rule_row (window, "latency-p95");
  toggle = tally_alert_rule_row_get_switch (row);
  g_assert_cmpuint (n_checked (), ==, 10);
  g_assert_true (checks_rule ("latency-p95"));

  flip (toggle);
  g_assert_false (gtk_switch_get_active (toggle));
  text = read_rules_file ();
  g_assert_cmpstr (text, ==, "{\n  \"version\": 1,\n  \"disable\": [\"latency-p95\"]\n}\n");
  g_assert_cmpuint (n_checked (), ==, 9);
  g_assert_false (checks_rule ("latency-p95"));
  /* still listed, and the same row: only its switch is off */
  g_assert_cmpuint (n_rows (tally_alerts_window_get_rules (window)), ==, 10);
  g_assert_true (rule_row (window, "latency-p95") == row);

  flip (toggle);
  g_assert_true (gtk_switch_get_active (toggle));
  g_clear_pointer (&text, g_free);
  text = read_rules_file ();
  g_assert_cmpstr (text, ==, "{\n  \"version\": 1\n}\n");
  g_assert_cmpuint (n_checked (), ==, 10);
  g_assert_true (checks_rule ("latency-p95"));

  /* broken by hand just before the switch is used */
  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  /* the list goes as the broken file loads: the row may go with it */
  held = g_object_ref (toggle);
  flip (toggle);
  expected = g_strdup_printf ("The rule could not be changed: %s is not valid JSON: ", path);
  g_assert_true (g_str_has_prefix (banner_text (window), expected));
  g_assert_true (tally_test_wait_until (switch_on, held, 5000));
  g_clear_pointer (&text, g_free);
  text = read_rules_file ();
  g_assert_cmpstr (text, ==, broken);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (tally_test_wait_until (lists_rules, &wait, 20000));
  g_assert_cmpuint (n_checked (), ==, 10);
  tally_test_destroy_window (GTK_WINDOW (window));
}

/* A rule written into alerts.json by hand, the app running: listed and
 * checked within seconds; its switch turns it off in the file. */
static void
test_rules_hand_edit (void)
{
  g_autofree char *path = tally_paths_get_alerts_file ();
  TallyAlertsWindow *window = open_alerts ();
  RulesWait wait = { window, 11 };
  g_autofree char *text = NULL;
  GtkWidget *row;

  g_assert_cmpuint (n_rows (tally_alerts_window_get_rules (window)), ==, 10);
  g_assert_true (g_file_set_contents (path, "{\"version\": 1, \"rules\": [{\"id\": \"gpt4o-errors\", "
                                      "\"name\": \"GPT-4o failing\", \"metric\": \"error_rate\", "
                                      "\"window\": \"15m\", \"comparison\": \">\", \"threshold\": 0.02, "
                                      "\"severity\": \"critical\", \"min_requests\": 50}]}", -1, NULL));
  g_assert_true (tally_test_wait_until (lists_rules, &wait, 5000));
  g_assert_cmpuint (n_checked (), ==, 11);
  row = rule_row (window, "gpt4o-errors");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "GPT-4o failing");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "error_rate over 15m > 2.0 % · at least 50 requests · Critical");

  flip (tally_alert_rule_row_get_switch (row));
  text = read_rules_file ();
  g_assert_cmpstr (text, ==,
                   "{\n  \"version\": 1,\n  \"rules\": [\n    {\n      \"id\": \"gpt4o-errors\",\n"
                   "      \"name\": \"GPT-4o failing\",\n      \"metric\": \"error_rate\",\n"
                   "      \"window\": \"15m\",\n      \"comparison\": \">\",\n      \"threshold\": 0.02,\n"
                   "      \"severity\": \"critical\",\n      \"min_requests\": 50\n    }\n  ],\n"
                   "  \"disable\": [\"gpt4o-errors\"]\n}\n");
  g_assert_cmpuint (n_checked (), ==, 10);
  g_assert_false (checks_rule ("gpt4o-errors"));
  g_assert_false (gtk_switch_get_active (tally_alert_rule_row_get_switch (rule_row (window, "gpt4o-errors"))));

  g_assert_cmpint (g_unlink (path), ==, 0);
  wait.n_rules = 10;
  g_assert_true (tally_test_wait_until (lists_rules, &wait, 5000));
  tally_test_destroy_window (GTK_WINDOW (window));
}

static gboolean
alerts_off (gpointer data)
{
  return tally_application_get_alert_evaluator (app) == NULL && banner_text (data) != NULL &&
         g_str_has_prefix (banner_text (data), "Alerts are off: ");
}

/* alerts.json broken while the app runs turns alerts off, and says why;
 * fixed, they are on again with the rules it gives. */
static void
test_rules_broken_while_running (void)
{
  g_autofree char *path = tally_paths_get_alerts_file ();
  g_autofree char *expected = NULL;
  TallyAlertsWindow *window = open_alerts ();
  RulesWait wait = { window, 10 };

  g_assert_nonnull (tally_application_get_alert_evaluator (app));
  g_assert_true (g_file_set_contents (path, "{\"rules\": [{\"id\": \"x\", \"metric\": \"error_rate\", "
                                      "\"threshold\": \"high\"}]}", -1, NULL));
  g_assert_true (tally_test_wait_until (alerts_off, window, 5000));
  expected = g_strdup_printf ("Alerts are off: %s: rules[0].threshold: must be a number", path);
  g_assert_cmpstr (banner_text (window), ==, expected);
  g_assert_cmpuint (n_rows (tally_alerts_window_get_rules (window)), ==, 0);

  g_assert_true (g_file_set_contents (path, "{\"version\": 1, \"disable\": [\"error-rate\"]}", -1, NULL));
  g_assert_true (tally_test_wait_until (lists_rules, &wait, 5000));
  g_assert_nonnull (tally_application_get_alert_evaluator (app));
  g_assert_cmpuint (n_checked (), ==, 9);
  g_assert_false (checks_rule ("error-rate"));
  g_assert_false (gtk_switch_get_active (tally_alert_rule_row_get_switch (rule_row (window, "error-rate"))));

  g_assert_cmpint (g_unlink (path), ==, 0);
  tally_test_destroy_window (GTK_WINDOW (window));
}

/* The labels of the menu of @row's rule, "|" between them. */
static char *
menu_labels (GtkWidget *row)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (tally_alert_rule_row_get_menu (row));
  GString *labels = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *label = NULL;

          g_assert_true (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label));
          g_string_append_printf (labels, labels->len > 0 ? "|%s" : "%s", label);
        }
    }

  return g_string_free (labels, FALSE);
}

/* The first button under @widget whose label is @label. */
static GtkWidget *
button_labelled (GtkWidget  *widget,
                 const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static TallyAlertRuleEditor *
wait_editor (TallyAlertsWindow *window)
{
  GtkWindow *editor = tally_test_find_toplevel (TALLY_TYPE_ALERT_RULE_EDITOR);

  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (window));
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (editor)));
  return TALLY_ALERT_RULE_EDITOR (editor);
}

static void
type_in (TallyAlertRuleEditor *editor,
         const char           *field,
         const char           *text)
{
  gtk_editable_set_text (GTK_EDITABLE (tally_test_find_descendant (GTK_WIDGET (editor), GTK_TYPE_WIDGET, field)),
                         text);
}

static double
checked_threshold (const char *id)
{
  GPtrArray *rules = tally_alert_evaluator_get_rules (tally_application_get_alert_evaluator (app));

  return tally_alert_rules_find (rules, id)->threshold;
}

/* Add Rule opens the editor over the window; the rule saved is listed and
 * checked at once, and Undo takes it out. A default changed through its
 * row is checked with the new threshold; Reset to Default brings the
 * default back, and Undo the change, byte for byte; so does Undo of a
 * second edit. Undo does nothing once used, or after a switch. */
static void
test_rules_edit (void)
{
  g_autofree char *path = tally_paths_get_alerts_file ();
  TallyAlertsWindow *window = open_alerts ();
  RulesWait wait = { window, 10 };
  TallyAlertRuleEditor *editor;
  g_autofree char *labels = NULL;
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  GtkWidget *row;

  g_assert_true (tally_test_wait_until (lists_rules, &wait, 5000));
  labels = menu_labels (rule_row (window, "error-rate"));
  g_assert_cmpstr (labels, ==, "_Edit…|_Duplicate…");

  gtk_widget_activate_action (GTK_WIDGET (window), "alerts.add-rule", NULL);
  editor = wait_editor (window);
  type_in (editor, "name", "Spend over $5");
  type_in (editor, "threshold", "5");
  type_in (editor, "window", "1h");
  g_assert_true (tally_alert_rule_editor_can_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tally_test_drain ();
  g_assert_null (tally_test_find_toplevel (TALLY_TYPE_ALERT_RULE_EDITOR));

  /* the editor starts on an error rate: 5 % over an hour */
  wait.n_rules = 11;
  g_assert_true (tally_test_wait_until (lists_rules, &wait, 5000));
  row = rule_row (window, "spend-over-5");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Spend over $5");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "error_rate over 1h > 5.0 % · Warning");
  g_clear_pointer (&labels, g_free);
  labels = menu_labels (row);
  g_assert_cmpstr (labels, ==, "_Edit…|_Duplicate…|De_lete");
  g_assert_cmpfloat (checked_threshold ("spend-over-5"), ==, 0.05);

  /* the toast's own button */
  g_signal_emit_by_name (button_labelled (GTK_WIDGET (window), "_Undo"), "clicked");
  wait.n_rules = 10;
  g_assert_true (tally_test_wait_until (lists_rules, &wait, 5000));
  g_assert_false (checks_rule ("spend-over-5"));
  text = read_rules_file ();
  g_assert_cmpstr (text, ==, "{\n  \"version\": 1\n}\n");

  /* a default, changed through its row */
  g_signal_emit_by_name (rule_row (window, "error-rate"), "activate");
  editor = wait_editor (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Alert Rule");
  type_in (editor, "threshold", "9");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tally_test_drain ();
  g_assert_cmpfloat (checked_threshold ("error-rate"), ==, 0.09);
  g_clear_pointer (&labels, g_free);
  labels = menu_labels (rule_row (window, "error-rate"));
  g_assert_cmpstr (labels, ==, "_Edit…|_Duplicate…|_Reset to Default");
  changed = read_rules_file ();

  gtk_widget_activate_action (GTK_WIDGET (window), "alerts.remove-rule", "s", "error-rate");
  g_assert_cmpfloat (checked_threshold ("error-rate"), ==, 0.05);
  g_clear_pointer (&text, g_free);
  text = read_rules_file ();
  g_assert_cmpstr (text, ==, "{\n  \"version\": 1\n}\n");
  gtk_widget_activate_action (GTK_WIDGET (window), "alerts.undo", NULL);
  g_assert_cmpfloat (checked_threshold ("error-rate"), ==, 0.09);
  g_clear_pointer (&text, g_free);
  text = read_rules_file ();
  g_assert_cmpstr (text, ==, changed);
  g_assert_null (banner_text (window));

  /* the changed default edited again, and undone: the file as it was */
  g_signal_emit_by_name (rule_row (window, "error-rate"), "activate");
  editor = wait_editor (window);
  type_in (editor, "threshold", "11");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tally_test_drain ();
  g_assert_cmpfloat (checked_threshold ("error-rate"), ==, 0.11);
  gtk_widget_activate_action (GTK_WIDGET (window), "alerts.undo", NULL);
  g_assert_cmpfloat (checked_threshold ("error-rate"), ==, 0.09);
  g_clear_pointer (&text, g_free);
  text = read_rules_file ();
  g_assert_cmpstr (text, ==, changed);

  /* Undo is for the change its toast told of: gone once used, and after
   * a switch is turned */
  gtk_widget_activate_action (GTK_WIDGET (window), "alerts.undo", NULL);
  g_assert_cmpfloat (checked_threshold ("error-rate"), ==, 0.09);
  gtk_widget_activate_action (GTK_WIDGET (window), "alerts.remove-rule", "s", "error-rate");
  flip (tally_alert_rule_row_get_switch (rule_row (window, "latency-p95")));
  gtk_widget_activate_action (GTK_WIDGET (window), "alerts.undo", NULL);
  g_assert_cmpfloat (checked_threshold ("error-rate"), ==, 0.05);
  g_clear_pointer (&text, g_free);
  text = read_rules_file ();
  g_assert_cmpstr (text, ==, "{\n  \"version\": 1,\n  \"disable\": [\"latency-p95\"]\n}\n");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (tally_test_wait_until (lists_rules, &wait, 5000));
  tally_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *limits = NULL;
  int status;

  g_setenv ("TZ", "UTC", TRUE);
  tally_test_gui_init (&argc, &argv);

  limits = tally_paths_get_limits_file ();
  g_assert_true (tally_paths_ensure_parent (limits, NULL));
  g_assert_true (g_file_set_contents (limits, "{\"budget\": {\"monthly\": 10}}", -1, NULL));
  /* the subprocess makes its own app, once its alerts.json is written */
  if (!g_test_subprocess ())
    {
      g_autofree char *rules = tally_paths_get_alerts_file ();

      g_autofree char *store = tally_test_alerts_new_app_store ();

      g_unlink (rules);
      app = tally_test_app_new ();
    }

  g_test_add_func ("/alerts-window/empty", test_empty);
  g_test_add_func ("/alerts-window/lists", test_lists);
  g_test_add_func ("/alerts-window/broken-rules", test_broken_rules);
  g_test_add_func ("/alerts-window/rules-switch", test_rules_switch);
  g_test_add_func ("/alerts-window/rules-hand-edit", test_rules_hand_edit);
  g_test_add_func ("/alerts-window/rules-broken-while-running", test_rules_broken_while_running);
  g_test_add_func ("/alerts-window/rules-edit", test_rules_edit);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
