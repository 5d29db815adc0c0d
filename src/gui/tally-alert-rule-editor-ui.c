/* tally-alert-rule-editor-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The rule editor's widgets: the header bar with Cancel and Save, the
 * problem under it, and the groups of fields, each row named for the
 * tests (tally-alert-rule-editor.c fills and reads them). Enter in a
 * field saves, when Save is offered. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-alert-rule-editor-private.h"

const char * const tally_alert_rule_editor_filters[TALLY_ALERT_RULE_EDITOR_N_FILTERS] = {
  "model", "provider", "project", "api_key", "user",
};

static AdwEntryRow *
entry_row (GtkWidget  *group,
           const char *title,
           const char *name)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (row, TRUE);
  gtk_widget_set_name (GTK_WIDGET (row), name);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
  return row;
}

static AdwComboRow *
combo_row (GtkWidget          *group,
           const char         *title,
           const char         *name,
           const char * const *items)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    gtk_string_list_append (list, _(items[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  gtk_widget_set_name (GTK_WIDGET (row), name);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
  return row;
}

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static GtkWidget *
build_condition (TallyAlertRuleEditor *self)
{
  static const char * const kinds[] = { N_("Threshold"), N_("Trend: Growth over the Window Before"),
                                        N_("Anomaly: Unlike Its Own Past"), NULL };
  static const char * const comparisons[] = { N_("Above (>)"), N_("At or Above (≥)"), N_("Below (<)"),
                                              N_("At or Below (≤)"), NULL };
  static const char * const baselines[] = { N_("Standard Deviations from the Windows Before"),
                                            N_("Growth on the Same Window Last Week"), NULL };
  GtkWidget *group = new_group (_("Condition"), NULL);
  g_autoptr(GtkStringList) metrics = gtk_string_list_new (NULL);

  self->kind_row = combo_row (group, _("Kind"), "kind", kinds);
  self->metric_row = combo_row (group, _("Metric"), "metric", NULL);
  for (TallyMetric m = 0; m < TALLY_N_METRICS; m++)
    if (m != TALLY_METRIC_PEAK_HOURS && m != TALLY_METRIC_BUDGET_RUNOUT)
      {
        self->metrics[self->n_metrics++] = m;
        gtk_string_list_append (metrics, tally_metric_get_title (m));
      }
  adw_combo_row_set_model (self->metric_row, G_LIST_MODEL (metrics));
  self->stat_row = combo_row (group, _("Statistic"), "stat", NULL);
  self->window_row = entry_row (group, _("Window (e.g. 5m, 1h, 1d)"), "window");
  self->comparison_row = combo_row (group, _("Fires When the Value Is"), "comparison", comparisons);
  self->threshold_row = entry_row (group, _("Threshold"), "threshold");
  self->baseline_row = combo_row (group, _("Baseline"), "baseline", baselines);
  self->baseline_windows_row = entry_row (group, _("Windows in the Baseline"), "baseline-windows");
  self->min_requests_row = entry_row (group, _("Minimum Requests"), "min-requests");

  return group;
}

static GtkWidget *
build_filters (TallyAlertRuleEditor *self)
{
  GtkWidget *group = new_group (_("Filters"),
                                _("Only requests that match count; separate several values with commas"));

  for (guint i = 0; i < TALLY_ALERT_RULE_EDITOR_N_FILTERS; i++)
    {
      TallyDimension dimension = { 0 };
      g_autofree char *name = g_strdup_printf ("filter-%s", tally_alert_rule_editor_filters[i]);

      tally_dimension_parse (tally_alert_rule_editor_filters[i], &dimension, NULL);
      self->filter_rows[i] = entry_row (group, tally_dimension_get_title (dimension.kind), name);
      tally_dimension_clear (&dimension);
    }

  return group;
}

static GtkWidget *
build_hysteresis (TallyAlertRuleEditor *self)
{
  GtkWidget *group = new_group (_("Firing and Resolving"),
                                _("An alert resolves once the value is past the threshold by the margin the "
                                  "other way; empty fields take the defaults"));

  self->fire_after_row = entry_row (group, _("Evaluations Before Firing"), "fire-after");
  self->resolve_after_row = entry_row (group, _("Evaluations Before Resolving"), "resolve-after");
  self->margin_row = entry_row (group, _("Clear Margin"), "clear-margin");

  return group;
}

static GtkWidget *
build_body (TallyAlertRuleEditor *self)
{
  static const char * const severities[] = { N_("Info"), N_("Warning"), N_("Critical"), NULL };
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = new_group (NULL, NULL);

  self->name_row = entry_row (group, _("Name"), "name");
  self->severity_row = combo_row (group, _("Severity"), "severity", severities);

  gtk_box_append (GTK_BOX (body), group);
  gtk_box_append (GTK_BOX (body), build_condition (self));
  gtk_box_append (GTK_BOX (body), build_filters (self));
  gtk_box_append (GTK_BOX (body), build_hysteresis (self));

  return body;
}

/* The header bar with Cancel and Save, the problem under it, and the
 * fields, scrolled. */
void
tally_alert_rule_editor_build_ui (TallyAlertRuleEditor *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *body = build_body (self);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_set_name (GTK_WIDGET (self->save_button), "save");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), _("Save (Ctrl+S)"));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "editor.save");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), body);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);

  /* under the header bar, out of the scrolled fields: always in view */
  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->problem_label), "problem");
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_wrap_mode (self->problem_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_label_set_selectable (self->problem_label, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->problem_label), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->problem_label), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self->problem_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->problem_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);

  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->problem_label));
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}
