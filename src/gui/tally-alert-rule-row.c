/* tally-alert-rule-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* One rule of the Alerts window's Rules list: its name, its condition in
 * words ("error_rate over 5m > 5.0 % · at least 20 requests · Warning")
 * and a switch that says whether it is checked. What the switch does is
 * the window's business. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-alert-rule-row.h"

/**
 * tally_alert_rule_row_new:
 * @enabled: whether the rule is checked (not in alerts.json's "disable")
 *
 * Returns: (transfer floating): an AdwActionRow
 */
GtkWidget *
tally_alert_rule_row_new (const TallyAlertRule *rule,
                          gboolean              enabled)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  g_autofree char *subtitle = tally_alert_rule_describe (rule);
  /* Translators: the accessible name of a rule's switch */
  g_autofree char *label = g_strdup_printf (_("Check %s"), rule->name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rule->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  gtk_switch_set_active (GTK_SWITCH (toggle), enabled);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  g_object_set_data_full (G_OBJECT (row), "tally-rule-id", g_strdup (rule->id), g_free);
  g_object_set_data (G_OBJECT (row), "tally-rule-switch", toggle);
  g_object_set_data_full (G_OBJECT (toggle), "tally-rule-id", g_strdup (rule->id), g_free);

  return row;
}

/* The id of the rule of @row (or of its switch). */
const char *
tally_alert_rule_row_get_id (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "tally-rule-id");
}

GtkSwitch *
tally_alert_rule_row_get_switch (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "tally-rule-switch");
}
