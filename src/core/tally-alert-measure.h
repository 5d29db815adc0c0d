/* tally-alert-measure.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-alert-rule.h"
#include "tally-store.h"

G_BEGIN_DECLS

/**
 * TallyAlertMeasure:
 * @value: what the rule compares with its threshold; NAN when there is
 *   nothing to compare (no data, no baseline)
 * @requests: the requests in the window, with the rule's filters
 * @inactive: the rule has nothing to measure against (a limit rule
 *   without a limit in limits.json)
 */
typedef struct
{
  double   value;
  guint64  requests;
  gboolean inactive;
} TallyAlertMeasure;

gboolean tally_alert_measure (TallyStore            *store,
                              const TallyAlertRule  *rule,
                              gint64                 now,
                              GTimeZone             *tz,
                              GCancellable          *cancellable,
                              TallyAlertMeasure     *measure,
                              GError               **error);

G_END_DECLS
