/* tally-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-alert-evaluator.h"
#include "tally-collector.h"
#include "tally-dashboard-library.h"
#include "tally-local-source.h"
#include "tally-source-registry.h"
#include "tally-store.h"

G_BEGIN_DECLS

#define TALLY_TYPE_APPLICATION (tally_application_get_type ())

G_DECLARE_FINAL_TYPE (TallyApplication, tally_application, TALLY, APPLICATION, AdwApplication)

TallyApplication      *tally_application_new             (void);
GSettings             *tally_application_get_settings    (TallyApplication *self);
TallyStore            *tally_application_get_store       (TallyApplication *self);
TallySource           *tally_application_get_source      (TallyApplication *self);
TallyCollector        *tally_application_get_collector   (TallyApplication *self);
const char            *tally_application_get_store_error (TallyApplication *self);
TallyDashboardLibrary *tally_application_get_library     (TallyApplication *self);
TallySourceRegistry   *tally_application_get_sources     (TallyApplication *self);
const char            *tally_application_get_source_override (TallyApplication *self);
void                   tally_application_set_source_override (TallyApplication *self,
                                                              const char       *name);
TallyAlertEvaluator   *tally_application_get_alert_evaluator (TallyApplication *self);
const char            *tally_application_get_alerts_error (TallyApplication *self);
void                   tally_application_reload_alerts (TallyApplication *self);
void                   tally_application_evaluate_alerts (TallyApplication *self);
GNotification         *tally_application_build_alert_notification (const TallyAlert *alert);

G_END_DECLS
