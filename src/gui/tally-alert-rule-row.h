/* tally-alert-rule-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-alert-rule.h"

G_BEGIN_DECLS

GtkWidget  *tally_alert_rule_row_new        (const TallyAlertRule *rule,
                                             gboolean              enabled);
const char *tally_alert_rule_row_get_id     (GtkWidget            *row);
GtkSwitch  *tally_alert_rule_row_get_switch (GtkWidget            *row);

G_END_DECLS
