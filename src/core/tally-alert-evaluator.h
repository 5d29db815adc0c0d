/* tally-alert-evaluator.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-alert-history.h"
#include "tally-alert-rule.h"
#include "tally-store.h"

G_BEGIN_DECLS

#define TALLY_ALERT_DEFAULT_INTERVAL_S 60

#define TALLY_TYPE_ALERT_EVALUATOR (tally_alert_evaluator_get_type ())

G_DECLARE_FINAL_TYPE (TallyAlertEvaluator, tally_alert_evaluator, TALLY, ALERT_EVALUATOR, GObject)

TallyAlertEvaluator *tally_alert_evaluator_new            (TallyStore           *store,
                                                           GPtrArray            *rules);
void                 tally_alert_evaluator_set_rules      (TallyAlertEvaluator  *self,
                                                           GPtrArray            *rules);
GPtrArray           *tally_alert_evaluator_get_rules      (TallyAlertEvaluator  *self);
void                 tally_alert_evaluator_set_time_zone  (TallyAlertEvaluator  *self,
                                                           GTimeZone            *tz);
gboolean             tally_alert_evaluator_open_history   (TallyAlertEvaluator  *self,
                                                           gboolean              record,
                                                           GError              **error);
void                 tally_alert_evaluator_set_one_shot   (TallyAlertEvaluator  *self,
                                                           gboolean              one_shot);
gboolean             tally_alert_evaluator_evaluate       (TallyAlertEvaluator  *self,
                                                           gint64                now,
                                                           GCancellable         *cancellable,
                                                           GError              **error);
void                 tally_alert_evaluator_evaluate_async (TallyAlertEvaluator  *self,
                                                           gint64                now,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean             tally_alert_evaluator_evaluate_finish (TallyAlertEvaluator *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
GPtrArray           *tally_alert_evaluator_get_firing     (TallyAlertEvaluator  *self);
GPtrArray           *tally_alert_evaluator_get_errors     (TallyAlertEvaluator  *self);
GPtrArray           *tally_alert_evaluator_list_history   (TallyAlertEvaluator  *self,
                                                           guint                 limit,
                                                           GError              **error);

G_END_DECLS
