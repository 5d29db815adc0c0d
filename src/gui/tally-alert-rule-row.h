/* tally-alert-rule-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-alert-rule.h"

G_BEGIN_DECLS

/* Where a rule comes from: what its menu can do to it. */
typedef enum
{
  TALLY_ALERT_RULE_DEFAULT,
  /* a default that alerts.json's "rules" changes: it can be reset */
  TALLY_ALERT_RULE_CHANGED_DEFAULT,
  /* one of the user's own: it can be deleted */
  TALLY_ALERT_RULE_OWN,
} TallyAlertRuleOrigin;

GtkWidget  *tally_alert_rule_row_new        (const TallyAlertRule *rule,
                                             TallyAlertRuleOrigin  origin);
const char *tally_alert_rule_row_get_id     (GtkWidget            *row);
GtkSwitch  *tally_alert_rule_row_get_switch (GtkWidget            *row);
GtkMenuButton *tally_alert_rule_row_get_menu (GtkWidget           *row);

G_END_DECLS
