/* tally-alert-rule-editor-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-alert-rule-editor.h"

G_BEGIN_DECLS

/* The filters offered, as alerts.json names the dimensions
 * (tally_alert_rule_editor_filters). */
#define TALLY_ALERT_RULE_EDITOR_N_FILTERS 5

extern const char * const tally_alert_rule_editor_filters[TALLY_ALERT_RULE_EDITOR_N_FILTERS];

struct _TallyAlertRuleEditor
{
  AdwWindow                 parent_instance;

  char                     *path;
  TallyAlertRule           *original;   /* NULL when adding */
  TallyAlertRuleEditorMode  mode;
  char                     *saved_id;
  JsonNode                 *previous;   /* the file's entry before Save, or NULL */
  char                     *problem;    /* why Save is not offered, or NULL */
  gboolean                  incomplete; /* a required field is empty */
  TallyMetric               metrics[TALLY_N_METRICS];
  guint                     n_metrics;
  TallyStat                 stats[TALLY_N_STATS];
  guint                     n_stats;
  gboolean                  filling;
  /* the filters as filled, to keep values with commas when not edited */
  char                     *filter_texts[TALLY_ALERT_RULE_EDITOR_N_FILTERS];
  GStrv                     filter_values[TALLY_ALERT_RULE_EDITOR_N_FILTERS];

  AdwEntryRow              *name_row;
  AdwComboRow              *severity_row;
  AdwComboRow              *kind_row;
  AdwComboRow              *metric_row;
  AdwComboRow              *stat_row;
  AdwEntryRow              *window_row;
  AdwComboRow              *comparison_row;
  AdwEntryRow              *threshold_row;
  AdwComboRow              *baseline_row;
  AdwEntryRow              *baseline_windows_row;
  AdwEntryRow              *min_requests_row;
  AdwEntryRow              *filter_rows[TALLY_ALERT_RULE_EDITOR_N_FILTERS];
  AdwEntryRow              *fire_after_row;
  AdwEntryRow              *resolve_after_row;
  AdwEntryRow              *margin_row;
  GtkLabel                 *problem_label;
  GtkButton                *save_button;
};

void tally_alert_rule_editor_build_ui (TallyAlertRuleEditor *self);

G_END_DECLS
