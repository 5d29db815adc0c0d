/* tally-application-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What the parts of TallyApplication share: tally-application.c is the
 * application, its actions and its local store; tally-application-collector.c
 * keeps the collector in step with the settings. */

#pragma once

#include "tally-alert-evaluator.h"
#include "tally-application.h"
#include "tally-source-registry.h"
#include "tally-window.h"

G_BEGIN_DECLS

struct _TallyApplication
{
  AdwApplication    parent_instance;

  GSettings        *settings;

  /* the local store, opened off the main thread at startup */
  GCancellable     *cancellable;
  TallyStore       *store;
  TallyLocalSource *source;
  TallyCollector   *collector;
  char             *store_error;

  /* "local" and the configured sources; --source NAME for this session */
  TallySourceRegistry *sources;
  char             *source_override;

  /* the built-in and the user's dashboards, listed off the main thread */
  TallyDashboardLibrary *library;
  gboolean          library_loaded;
  GList            *files_to_open;   /* GFile, until the library is listed */
  gboolean          shutting_down;
  /* alert rules, evaluated every minute once the store is open */
  TallyAlertEvaluator *alerts;
  char             *alerts_error;
  guint             alerts_timeout;
  gboolean          alerts_evaluating;
  gboolean          alerts_again;     /* evaluate once the running one ends */
  GFileMonitor     *alerts_monitor;   /* alerts.json's folder */
  guint             alerts_reload;    /* the debounce of a change to it */
  GtkWindow        *alerts_window;   /* weak */
};

void         tally_application_emit_alerts_changed (TallyApplication *self);
TallyWindow *tally_application_get_main_window     (TallyApplication *self);

/* tally-application-collector.c */
void tally_application_apply_collector_settings (TallyApplication *self);
void tally_application_stop_collector           (TallyApplication *self);

/* tally-application-alerts.c */
void tally_application_start_alerts          (TallyApplication *self);
void tally_application_stop_alerts           (TallyApplication *self);
void tally_application_show_dashboard_action (GSimpleAction    *action,
                                              GVariant         *parameter,
                                              gpointer          user_data);

G_END_DECLS
