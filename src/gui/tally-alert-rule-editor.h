/* tally-alert-rule-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-alert-rule.h"

G_BEGIN_DECLS

#define TALLY_TYPE_ALERT_RULE_EDITOR (tally_alert_rule_editor_get_type ())

G_DECLARE_FINAL_TYPE (TallyAlertRuleEditor, tally_alert_rule_editor, TALLY, ALERT_RULE_EDITOR, AdwWindow)

typedef enum
{
  TALLY_ALERT_RULE_EDITOR_ADD,
  TALLY_ALERT_RULE_EDITOR_EDIT,
  TALLY_ALERT_RULE_EDITOR_DUPLICATE,
} TallyAlertRuleEditorMode;

TallyAlertRuleEditor *tally_alert_rule_editor_new          (const char               *path,
                                                            const TallyAlertRule     *rule,
                                                            TallyAlertRuleEditorMode  mode);
const char           *tally_alert_rule_editor_get_saved_id (TallyAlertRuleEditor     *self);
JsonNode             *tally_alert_rule_editor_get_previous (TallyAlertRuleEditor     *self);
gboolean              tally_alert_rule_editor_can_save     (TallyAlertRuleEditor     *self);
const char           *tally_alert_rule_editor_get_problem  (TallyAlertRuleEditor     *self);

G_END_DECLS
