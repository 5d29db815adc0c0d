/* tally-alert-rule-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* One rule of the Alerts window's Rules list: its name, its condition in
 * words ("error_rate over 5m > 5.0 % · at least 20 requests · Warning"),
 * a switch that says whether it is checked, and a menu: Edit, Duplicate,
 * and Delete for the user's own rules or Reset to Default for a changed
 * default. Activating the row edits the rule. The row and the menu name
 * the window's actions (alerts.edit-rule…) with the rule's id; what the
 * switch does is the window's business. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-alert-rule-row.h"

static GMenuModel *
rule_menu (const TallyAlertRule *rule,
           TallyAlertRuleOrigin  origin)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
  g_autoptr(GMenuItem) duplicate = g_menu_item_new (_("_Duplicate…"), NULL);

  g_menu_item_set_action_and_target_value (edit, "alerts.edit-rule", g_variant_new_string (rule->id));
  g_menu_item_set_action_and_target_value (duplicate, "alerts.duplicate-rule", g_variant_new_string (rule->id));
  g_menu_append_item (section, edit);
  g_menu_append_item (section, duplicate);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  if (origin != TALLY_ALERT_RULE_DEFAULT)
    {
      g_autoptr(GMenuItem) remove = g_menu_item_new (origin == TALLY_ALERT_RULE_OWN ? _("De_lete")
                                                                                   : _("_Reset to Default"),
                                                     NULL);

      section = g_menu_new ();
      g_menu_item_set_action_and_target_value (remove, "alerts.remove-rule", g_variant_new_string (rule->id));
      g_menu_append_item (section, remove);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_object_unref (section);
    }

  return G_MENU_MODEL (menu);
}

/**
 * tally_alert_rule_row_new:
 * @origin: whether the rule is a default, a changed one or the user's
 *
 * The row's switch is on; the window sets it to alerts.json's "disable".
 *
 * Returns: (transfer floating): an AdwActionRow
 */
GtkWidget *
tally_alert_rule_row_new (const TallyAlertRule *rule,
                          TallyAlertRuleOrigin  origin)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *more = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = rule_menu (rule, origin);
  g_autofree char *subtitle = tally_alert_rule_describe (rule);
  /* Translators: the accessible name of a rule's switch */
  g_autofree char *label = g_strdup_printf (_("Check %s"), rule->name);
  /* Translators: the accessible name of a rule's menu button */
  g_autofree char *more_label = g_strdup_printf (_("More for %s"), rule->name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rule->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "alerts.edit-rule");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (rule->id));

  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), menu);
  gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (more, "flat");
  gtk_widget_set_tooltip_text (more, _("More"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, more_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);

  g_object_set_data_full (G_OBJECT (row), "tally-rule-id", g_strdup (rule->id), g_free);
  g_object_set_data (G_OBJECT (row), "tally-rule-switch", toggle);
  g_object_set_data (G_OBJECT (row), "tally-rule-menu", more);
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

/* The row's menu button (Edit, Duplicate, Delete or Reset to Default). */
GtkMenuButton *
tally_alert_rule_row_get_menu (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "tally-rule-menu");
}
