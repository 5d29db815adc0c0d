/* tally-alert-rule-fields.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-alert-rule.h"

G_BEGIN_DECLS

double      tally_alert_rule_fields_scale      (TallyAlertKind   kind,
                                                TallyBaseline    baseline,
                                                TallyMetric      metric,
                                                TallyStat        stat);
const char *tally_alert_rule_fields_unit       (TallyAlertKind   kind,
                                                TallyBaseline    baseline,
                                                TallyMetric      metric,
                                                TallyStat        stat);
char       *tally_alert_rule_fields_format     (double           value,
                                                double           scale);
gboolean    tally_alert_rule_fields_parse      (const char      *text,
                                                const char      *title,
                                                double           scale,
                                                double          *value,
                                                GError         **error);
gboolean    tally_alert_rule_fields_parse_count (const char     *text,
                                                 const char     *title,
                                                 guint64         fallback,
                                                 guint64        *value,
                                                 GError        **error);
void        tally_alert_rule_fields_name_member (GError         *error);

G_END_DECLS
