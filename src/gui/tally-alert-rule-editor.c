/* tally-alert-rule-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Adding, changing or duplicating one alert rule of the Alerts window: its
 * name and severity; the kind, metric, statistic, window, comparison and
 * threshold (typed in the unit a person reads: percent for a rate, ms for
 * a latency, σ for an anomaly); the baseline of an anomaly; the minimum
 * of requests; filters on model, provider, project, API key and user; and
 * the hysteresis. What is typed is checked at every keystroke by the same
 * loader alerts.json goes through, so Save is offered only for a rule the
 * app will check, and the problem is named beside it. Save writes the
 * rule into alerts.json's "rules" (tally_alert_rules_put()), keeping the
 * rest of the file; a file that no longer loads is never written over. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-alert-rule-editor-private.h"
#include "tally-alert-rule-fields.h"
#include "tally-error.h"
#include "tally-time-range.h"

G_DEFINE_FINAL_TYPE (TallyAlertRuleEditor, tally_alert_rule_editor, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
get_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static TallyMetric
selected_metric (TallyAlertRuleEditor *self)
{
  return self->metrics[MIN (adw_combo_row_get_selected (self->metric_row), self->n_metrics - 1)];
}

static TallyStat
selected_stat (TallyAlertRuleEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->stat_row);

  return selected < self->n_stats ? self->stats[selected] : self->stats[0];
}

static TallyAlertKind
selected_kind (TallyAlertRuleEditor *self)
{
  return MIN (adw_combo_row_get_selected (self->kind_row), TALLY_N_ALERT_KINDS - 1);
}

static TallyBaseline
selected_baseline (TallyAlertRuleEditor *self)
{
  return MIN (adw_combo_row_get_selected (self->baseline_row), TALLY_N_BASELINES - 1);
}

static double
threshold_scale (TallyAlertRuleEditor *self)
{
  return tally_alert_rule_fields_scale (selected_kind (self), selected_baseline (self), selected_metric (self),
                                        selected_stat (self));
}

/* "Threshold (%)", "Growth (%)", "Distance from the Baseline (σ)"… */
static void
update_titles (TallyAlertRuleEditor *self)
{
  TallyAlertKind kind = selected_kind (self);
  const char *unit = tally_alert_rule_fields_unit (kind, selected_baseline (self), selected_metric (self),
                                                   selected_stat (self));
  g_autofree char *threshold = NULL;
  g_autofree char *margin = NULL;

  if (kind == TALLY_ALERT_THRESHOLD)
    /* Translators: the threshold field's title, with its unit */
    threshold = g_strdup_printf (_("Threshold (%s)"), unit);
  else if (kind == TALLY_ALERT_TREND || selected_baseline (self) == TALLY_BASELINE_LAST_WEEK)
    /* Translators: the growth a trend rule fires at, with its unit */
    threshold = g_strdup_printf (_("Growth (%s)"), unit);
  else
    /* Translators: how far from its baseline an anomaly fires, with the unit */
    threshold = g_strdup_printf (_("Distance from the Baseline (%s)"), unit);
  /* Translators: the hysteresis margin's title, with its unit */
  margin = g_strdup_printf (_("Clear Margin (%s)"), unit);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->threshold_row), threshold);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->margin_row), margin);
  gtk_widget_set_visible (GTK_WIDGET (self->baseline_row), kind == TALLY_ALERT_ANOMALY);
  gtk_widget_set_visible (GTK_WIDGET (self->baseline_windows_row),
                          kind == TALLY_ALERT_ANOMALY && selected_baseline (self) == TALLY_BASELINE_STDDEV);
}

/* The stat a metric starts with: the total of what adds up (requests,
 * tokens, cost), the average of the rest. */
static TallyStat
first_stat (TallyMetric metric)
{
  TallyMetricKind kind = tally_metric_get_kind (metric);

  if ((kind == TALLY_METRIC_KIND_COUNT || kind == TALLY_METRIC_KIND_AMOUNT || kind == TALLY_METRIC_KIND_FORECAST) &&
      tally_metric_has_stat (metric, TALLY_STAT_SUM))
    return TALLY_STAT_SUM;
  return tally_metric_has_stat (metric, TALLY_STAT_AVG) ? TALLY_STAT_AVG : TALLY_STAT_SUM;
}

/* The stats @metric has, @keep selected when it is one of them, else
 * first_stat(). */
static void
fill_stats (TallyAlertRuleEditor *self,
            TallyMetric           metric,
            TallyStat             keep)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  TallyStat fallback = first_stat (metric);
  guint selected = 0;

  self->n_stats = 0;
  for (TallyStat s = 0; s < TALLY_N_STATS; s++)
    {
      if (!tally_metric_has_stat (metric, s))
        continue;
      if (s == keep || (s == fallback && selected == 0 && !tally_metric_has_stat (metric, keep)))
        selected = self->n_stats;
      self->stats[self->n_stats++] = s;
      gtk_string_list_append (titles, tally_stat_get_title (s));
    }
  adw_combo_row_set_model (self->stat_row, G_LIST_MODEL (titles));
  adw_combo_row_set_selected (self->stat_row, selected);
}

/* The rule's dashboard, or the one its metric belongs on, as the
 * defaults have it. */
static const char *
dashboard_for (TallyAlertRuleEditor *self,
               TallyMetric           metric)
{
  if (self->original != NULL && self->original->dashboard != NULL)
    return self->original->dashboard;
  return tally_metric_is_utilization (metric) ? "rate-limits" : "overview";
}

static gboolean
add_filters (TallyAlertRuleEditor  *self,
             JsonObject            *object)
{
  JsonObject *filters = json_object_new ();

  /* filters on other dimensions, set in the file, are kept */
  for (guint i = 0; self->original != NULL && self->original->query->filters != NULL &&
                    i < self->original->query->filters->len; i++)
    {
      const TallyFilter *filter = g_ptr_array_index (self->original->query->filters, i);
      g_autofree char *name = tally_dimension_to_string (&filter->dimension);
      JsonArray *values = json_array_new ();

      if (g_strv_contains (tally_alert_rule_editor_filters, name))
        {
          json_array_unref (values);
          continue;
        }
      for (guint j = 0; filter->values[j] != NULL; j++)
        json_array_add_string_element (values, filter->values[j]);
      json_object_set_array_member (filters, name, values);
    }

  for (guint i = 0; i < TALLY_ALERT_RULE_EDITOR_N_FILTERS; i++)
    {
      const char *text = get_text (self->filter_rows[i]);
      gboolean as_filled = g_strcmp0 (text, self->filter_texts[i]) == 0;
      /* values as the rule had them, commas and blanks included, until
       * the field is changed */
      g_auto(GStrv) typed = as_filled ? g_strdupv (self->filter_values[i]) : g_strsplit (text, ",", -1);
      JsonArray *values = json_array_new ();

      for (guint j = 0; typed[j] != NULL; j++)
        if (as_filled || *g_strstrip (typed[j]) != '\0')
          json_array_add_string_element (values, typed[j]);
      if (json_array_get_length (values) > 0)
        json_object_set_array_member (filters, tally_alert_rule_editor_filters[i], values);
      else
        json_array_unref (values);
    }

  if (json_object_get_size (filters) > 0)
    json_object_set_object_member (object, "filters", filters);
  else
    json_object_unref (filters);
  return TRUE;
}

/* The numbers typed, in alerts.json's units; an empty optional field is
 * left out, so the loader's default applies. */
static gboolean
add_numbers (TallyAlertRuleEditor  *self,
             JsonObject            *object,
             GError               **error)
{
  double scale = threshold_scale (self);
  double threshold, margin;
  guint64 min_requests, fire_after, resolve_after, baseline_windows;

  if (!tally_alert_rule_fields_parse (get_text (self->threshold_row), _("Threshold"), scale, &threshold, error) ||
      !tally_alert_rule_fields_parse (get_text (self->margin_row), _("Clear Margin"), scale, &margin, error) ||
      !tally_alert_rule_fields_parse_count (get_text (self->min_requests_row), _("Minimum Requests"), 0,
                                            &min_requests, error) ||
      !tally_alert_rule_fields_parse_count (get_text (self->fire_after_row), _("Evaluations Before Firing"), 1,
                                            &fire_after, error) ||
      !tally_alert_rule_fields_parse_count (get_text (self->resolve_after_row), _("Evaluations Before Resolving"),
                                            TALLY_ALERT_DEFAULT_RESOLVE_AFTER, &resolve_after, error) ||
      !tally_alert_rule_fields_parse_count (get_text (self->baseline_windows_row), _("Windows in the Baseline"),
                                            TALLY_ALERT_DEFAULT_BASELINE_WINDOWS, &baseline_windows, error))
    return FALSE;

  if (!isnan (threshold))
    json_object_set_double_member (object, "threshold", threshold);
  if (!isnan (margin))
    json_object_set_double_member (object, "clear_margin", margin);
  /* past the loader's bounds, the loader names the field */
  json_object_set_int_member (object, "min_requests", MIN (min_requests, (guint64) G_MAXINT64));
  json_object_set_int_member (object, "fire_after", MIN (fire_after, (guint64) G_MAXINT64));
  json_object_set_int_member (object, "resolve_after", MIN (resolve_after, (guint64) G_MAXINT64));
  if (selected_kind (self) == TALLY_ALERT_ANOMALY && selected_baseline (self) == TALLY_BASELINE_STDDEV)
    json_object_set_int_member (object, "baseline_windows", MIN (baseline_windows, (guint64) G_MAXINT64));

  return TRUE;
}

/* The rule as typed, as alerts.json has it, checked by its loader; the
 * id is the original's, or "new" until Save makes one. */
static JsonNode *
build_rule (TallyAlertRuleEditor  *self,
            GError               **error)
{
  const char *comparisons[] = { ">", ">=", "<", "<=" };
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(TallyAlertRule) rule = NULL;
  g_autofree char *name = g_strstrip (g_strdup (get_text (self->name_row)));
  TallyMetric metric = selected_metric (self);

  self->incomplete = name[0] == '\0' || get_text (self->threshold_row)[0] == '\0';
  if (name[0] == '\0')
    return g_set_error_literal (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("Name: is required")), NULL;
  if (get_text (self->threshold_row)[0] == '\0')
    return g_set_error_literal (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("Threshold: is required")), NULL;

  json_object_set_string_member (object, "id", self->mode == TALLY_ALERT_RULE_EDITOR_EDIT ? self->original->id
                                                                                          : "new");
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "kind", tally_alert_kind_to_string (selected_kind (self)));
  json_object_set_string_member (object, "metric", tally_metric_to_string (metric));
  json_object_set_string_member (object, "stat", tally_stat_to_string (selected_stat (self)));
  json_object_set_string_member (object, "window", get_text (self->window_row));
  json_object_set_string_member (object, "comparison",
                                 comparisons[MIN (adw_combo_row_get_selected (self->comparison_row), 3)]);
  json_object_set_string_member (object, "severity",
                                 tally_alert_severity_to_string (adw_combo_row_get_selected (self->severity_row)));
  if (selected_kind (self) == TALLY_ALERT_ANOMALY)
    json_object_set_string_member (object, "baseline",
                                   selected_baseline (self) == TALLY_BASELINE_STDDEV ? "stddev" : "last_week");
  json_object_set_string_member (object, "dashboard", dashboard_for (self, metric));
  if (!add_numbers (self, object, error) || !add_filters (self, object))
    return NULL;

  json_node_set_object (node, object);
  rule = tally_alert_rule_new_from_json (node, error);
  if (rule == NULL)
    return tally_alert_rule_fields_name_member (error ? *error : NULL), NULL;

  /* written as the loader read it: "300s" becomes "5m" */
  return tally_alert_rule_to_json (rule);
}

static void
show_problem (TallyAlertRuleEditor *self,
              const char           *problem)
{
  gtk_label_set_label (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

/* Offers Save only for a rule the loader takes; names the problem, but
 * not a name or threshold not typed yet. */
static void
check (TallyAlertRuleEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (self->filling)
    return;

  update_titles (self);
  node = build_rule (self, &error);
  g_clear_pointer (&self->problem, g_free);
  if (node == NULL)
    self->problem = g_strdup (error->message);

  show_problem (self, self->incomplete ? NULL : self->problem);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", node != NULL);
}

static void
metric_changed_cb (TallyAlertRuleEditor *self)
{
  TallyMetric metric = selected_metric (self);
  const char *window = get_text (self->window_row);

  if (self->filling)
    return;
  self->filling = TRUE;
  fill_stats (self, metric, selected_stat (self));
  /* the window the defaults give the metric, unless another was typed */
  if (tally_metric_is_utilization (metric) && g_str_equal (window, "5m"))
    gtk_editable_set_text (GTK_EDITABLE (self->window_row), "1m");
  else if (!tally_metric_is_utilization (metric) && g_str_equal (window, "1m"))
    gtk_editable_set_text (GTK_EDITABLE (self->window_row), "5m");
  self->filling = FALSE;
  check (self);
}

/* The id the rule is saved under: the edited rule's while the file still
 * has it, or one made from the name for a new rule. */
static char *
saved_id_for (TallyAlertRuleEditor  *self,
              JsonNode              *node,
              GError               **error)
{
  g_auto(GStrv) disabled = NULL;
  g_autoptr(GPtrArray) rules = tally_alert_rules_list (self->path, &disabled, error);

  if (rules == NULL)
    return NULL;
  if (self->mode != TALLY_ALERT_RULE_EDITOR_EDIT)
    return tally_alert_rules_make_id (rules, (const char * const *) disabled,
                                      json_object_get_string_member (json_node_get_object (node), "name"));
  if (tally_alert_rules_find (rules, self->original->id) == NULL)
    {
      /* Translators: the rule's name, then the file */
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                   _("“%s” is no longer in %s: it was removed while it was being edited"),
                   self->original->name, self->path);
      return NULL;
    }
  return g_strdup (self->original->id);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TallyAlertRuleEditor *self = TALLY_ALERT_RULE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = build_rule (self, &error);
  g_autoptr(JsonNode) previous = NULL;
  g_autofree char *id = NULL;

  if (node != NULL && (id = saved_id_for (self, node, &error)) != NULL)
    json_object_set_string_member (json_node_get_object (node), "id", id);
  /* what Undo puts back: the entry as the file has it just before */
  if (id == NULL || !tally_alert_rules_get_entry (self->path, id, &previous, &error) ||
      !tally_alert_rules_put (self->path, node, -1, &error))
    {
      show_problem (self, error->message);
      return;
    }

  g_free (self->saved_id);
  self->saved_id = g_steal_pointer (&id);
  g_clear_pointer (&self->previous, json_node_unref);
  self->previous = g_steal_pointer (&previous);
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
connect_rows (TallyAlertRuleEditor *self)
{
  AdwEntryRow *entries[] = { self->name_row, self->window_row, self->threshold_row, self->baseline_windows_row,
                             self->min_requests_row, self->fire_after_row, self->resolve_after_row,
                             self->margin_row };
  AdwComboRow *combos[] = { self->severity_row, self->kind_row, self->stat_row, self->comparison_row,
                            self->baseline_row };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect_object (entries[i], "changed", G_CALLBACK (check), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < TALLY_ALERT_RULE_EDITOR_N_FILTERS; i++)
    g_signal_connect_object (self->filter_rows[i], "changed", G_CALLBACK (check), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    g_signal_connect_object (combos[i], "notify::selected", G_CALLBACK (check), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->metric_row, "notify::selected", G_CALLBACK (metric_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
fill_filters (TallyAlertRuleEditor *self,
              const TallyQuery     *query)
{
  for (guint i = 0; query->filters != NULL && i < query->filters->len; i++)
    {
      const TallyFilter *filter = g_ptr_array_index (query->filters, i);
      g_autofree char *name = tally_dimension_to_string (&filter->dimension);
      g_autofree char *values = g_strjoinv (", ", filter->values);

      for (guint j = 0; j < TALLY_ALERT_RULE_EDITOR_N_FILTERS; j++)
        if (g_str_equal (name, tally_alert_rule_editor_filters[j]))
          {
            gtk_editable_set_text (GTK_EDITABLE (self->filter_rows[j]), values);
            g_free (self->filter_texts[j]);
            self->filter_texts[j] = g_strdup (values);
            g_strfreev (self->filter_values[j]);
            self->filter_values[j] = g_strdupv (filter->values);
          }
    }
}

static void
set_count (AdwEntryRow *row,
           guint64      value,
           guint64      fallback)
{
  g_autofree char *text = value != fallback ? g_strdup_printf ("%" G_GUINT64_FORMAT, value) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Selects @metric, added to the list when the list leaves it out (a
 * rule written by hand), so that it is never changed unasked. */
static void
offer_metric (TallyAlertRuleEditor *self,
              TallyMetric           metric)
{
  GtkStringList *titles = GTK_STRING_LIST (adw_combo_row_get_model (self->metric_row));
  guint i;

  for (i = 0; i < self->n_metrics && self->metrics[i] != metric; i++)
    ;
  if (i == self->n_metrics)
    {
      self->metrics[self->n_metrics++] = metric;
      gtk_string_list_append (titles, tally_metric_get_title (metric));
    }
  adw_combo_row_set_selected (self->metric_row, i);
}

/* The fields set to @rule's values; a new rule's are the defaults. */
static void
fill (TallyAlertRuleEditor *self,
      const TallyAlertRule *rule)
{
  g_autofree char *window = tally_time_format_interval (rule->window_s);
  g_autofree char *threshold = NULL;
  g_autofree char *margin = NULL;
  double scale;

  self->filling = TRUE;
  offer_metric (self, rule->query->metric);
  fill_stats (self, rule->query->metric, rule->query->stat);
  adw_combo_row_set_selected (self->kind_row, rule->kind);
  adw_combo_row_set_selected (self->baseline_row, rule->baseline);
  adw_combo_row_set_selected (self->comparison_row, rule->comparison);
  adw_combo_row_set_selected (self->severity_row, rule->severity);
  gtk_editable_set_text (GTK_EDITABLE (self->window_row), window);

  scale = threshold_scale (self);
  if (self->original != NULL)
    {
      threshold = tally_alert_rule_fields_format (rule->threshold, scale);
      gtk_editable_set_text (GTK_EDITABLE (self->threshold_row), threshold);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), rule->name);
    }
  margin = tally_alert_rule_fields_format (rule->clear_margin, scale);
  gtk_editable_set_text (GTK_EDITABLE (self->margin_row), margin);
  set_count (self->min_requests_row, rule->min_requests, 0);
  set_count (self->fire_after_row, rule->fire_after, 1);
  set_count (self->resolve_after_row, rule->resolve_after, TALLY_ALERT_DEFAULT_RESOLVE_AFTER);
  set_count (self->baseline_windows_row, rule->baseline_windows, TALLY_ALERT_DEFAULT_BASELINE_WINDOWS);
  fill_filters (self, rule->query);
  self->filling = FALSE;
}

/**
 * tally_alert_rule_editor_new:
 * @path: alerts.json
 * @rule: (nullable): the rule to change or to copy; %NULL to add one
 * @mode: whether @rule is changed (it keeps its id) or copied into a new
 *   rule, or a rule is added
 *
 * A new rule is added at the end of alerts.json's "rules" under an id
 * made from its name (tally_alert_rules_make_id()); a changed default is
 * written there under the default's id.
 */
TallyAlertRuleEditor *
tally_alert_rule_editor_new (const char               *path,
                             const TallyAlertRule     *rule,
                             TallyAlertRuleEditorMode  mode)
{
  g_autoptr(TallyAlertRule) blank = NULL;
  TallyAlertRuleEditor *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (rule != NULL || mode == TALLY_ALERT_RULE_EDITOR_ADD, NULL);

  self = g_object_new (TALLY_TYPE_ALERT_RULE_EDITOR, NULL);
  self->path = g_strdup (path);
  self->mode = mode;
  tally_alert_rule_editor_build_ui (self);
  if (rule != NULL)
    self->original = tally_alert_rule_copy (rule);
  if (rule == NULL)
    {
      blank = tally_alert_rule_new ("new", TALLY_ALERT_THRESHOLD, TALLY_METRIC_ERROR_RATE, TALLY_STAT_AVG);
      blank->comparison = TALLY_COMPARE_GT;
      rule = blank;
    }
  fill (self, rule);
  if (mode == TALLY_ALERT_RULE_EDITOR_DUPLICATE)
    {
      /* Translators: the name of a copy of a rule */
      g_autofree char *name = g_strdup_printf (_("%s (Copy)"), rule->name);

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
    }
  connect_rows (self);
  check (self);
  if (mode != TALLY_ALERT_RULE_EDITOR_EDIT)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));

  gtk_window_set_title (GTK_WINDOW (self), mode == TALLY_ALERT_RULE_EDITOR_EDIT ? _("Edit Alert Rule")
                                                                                : _("Add Alert Rule"));
  return self;
}

/* The id the rule was saved under, once saved; else NULL. */
const char *
tally_alert_rule_editor_get_saved_id (TallyAlertRuleEditor *self)
{
  g_return_val_if_fail (TALLY_IS_ALERT_RULE_EDITOR (self), NULL);
  return self->saved_id;
}

/**
 * tally_alert_rule_editor_get_previous:
 *
 * Once saved, alerts.json's entry for the rule just before, as the file
 * had it: what Undo puts back. %NULL when "rules" had none (a new rule,
 * or a default not changed before), and Undo takes the rule out.
 */
JsonNode *
tally_alert_rule_editor_get_previous (TallyAlertRuleEditor *self)
{
  g_return_val_if_fail (TALLY_IS_ALERT_RULE_EDITOR (self), NULL);
  return self->previous;
}

/* Whether what is typed is a rule that can be saved. */
gboolean
tally_alert_rule_editor_can_save (TallyAlertRuleEditor *self)
{
  g_return_val_if_fail (TALLY_IS_ALERT_RULE_EDITOR (self), FALSE);
  return self->problem == NULL;
}

/* Why it cannot, naming the field: "Threshold: “abc” is not a number". */
const char *
tally_alert_rule_editor_get_problem (TallyAlertRuleEditor *self)
{
  g_return_val_if_fail (TALLY_IS_ALERT_RULE_EDITOR (self), NULL);
  return self->problem;
}

static void
tally_alert_rule_editor_finalize (GObject *object)
{
  TallyAlertRuleEditor *self = TALLY_ALERT_RULE_EDITOR (object);

  g_free (self->path);
  g_free (self->saved_id);
  g_free (self->problem);
  g_clear_pointer (&self->previous, json_node_unref);
  g_clear_pointer (&self->original, tally_alert_rule_free);
  for (guint i = 0; i < TALLY_ALERT_RULE_EDITOR_N_FILTERS; i++)
    {
      g_free (self->filter_texts[i]);
      g_strfreev (self->filter_values[i]);
    }

  G_OBJECT_CLASS (tally_alert_rule_editor_parent_class)->finalize (object);
}

static void
tally_alert_rule_editor_class_init (TallyAlertRuleEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = tally_alert_rule_editor_finalize;

  /**
   * TallyAlertRuleEditor::saved:
   *
   * The rule is saved in alerts.json (tally_alert_rule_editor_get_saved_id()).
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tally_alert_rule_editor_init (TallyAlertRuleEditor *self)
{
}
