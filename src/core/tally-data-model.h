/* tally-data-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "tally-dashboard.h"
#include "tally-panel-data.h"
#include "tally-source.h"

G_BEGIN_DECLS

/* Live refreshes come at most this often by default. */
#define TALLY_DATA_MODEL_DEFAULT_LIVE_INTERVAL_MS 2000

#define TALLY_TYPE_DATA_MODEL (tally_data_model_get_type ())

G_DECLARE_FINAL_TYPE (TallyDataModel, tally_data_model, TALLY, DATA_MODEL, GObject)

TallyDataModel *tally_data_model_new               (TallySource    *source,
                                                    TallyDashboard *dashboard);

TallySource    *tally_data_model_get_source        (TallyDataModel *self);
void            tally_data_model_set_source        (TallyDataModel *self,
                                                    TallySource    *source);
TallyDashboard *tally_data_model_get_dashboard     (TallyDataModel *self);
void            tally_data_model_set_dashboard     (TallyDataModel *self,
                                                    TallyDashboard *dashboard);
TallyPanelData *tally_data_model_get_panel_data    (TallyDataModel *self,
                                                    TallyPanel     *panel);
gboolean        tally_data_model_get_loading       (TallyDataModel *self);
gboolean        tally_data_model_get_paused        (TallyDataModel *self);
void            tally_data_model_set_paused        (TallyDataModel *self,
                                                    gboolean        paused);
guint           tally_data_model_get_live_interval (TallyDataModel *self);
void            tally_data_model_set_live_interval (TallyDataModel *self,
                                                    guint           interval_ms);
void            tally_data_model_set_now           (TallyDataModel *self,
                                                    GDateTime      *now);
void            tally_data_model_refresh           (TallyDataModel *self);
void            tally_data_model_refresh_alerts    (TallyDataModel *self);
void            tally_data_model_retry             (TallyDataModel *self,
                                                    TallyPanel     *panel);

G_END_DECLS
