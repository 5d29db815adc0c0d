/* tally-dashboard-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-dashboard.h"

G_BEGIN_DECLS

/* How many edits undo goes back at most. */
#define TALLY_DASHBOARD_HISTORY_MAX_STEPS 100

#define TALLY_TYPE_DASHBOARD_HISTORY (tally_dashboard_history_get_type ())

G_DECLARE_FINAL_TYPE (TallyDashboardHistory, tally_dashboard_history, TALLY, DASHBOARD_HISTORY, GObject)

TallyDashboardHistory *tally_dashboard_history_new            (TallyDashboard        *dashboard);
TallyDashboard        *tally_dashboard_history_get_dashboard  (TallyDashboardHistory *self);
gboolean               tally_dashboard_history_get_can_undo   (TallyDashboardHistory *self);
gboolean               tally_dashboard_history_get_can_redo   (TallyDashboardHistory *self);
const char            *tally_dashboard_history_get_undo_label (TallyDashboardHistory *self);
const char            *tally_dashboard_history_get_redo_label (TallyDashboardHistory *self);
gboolean               tally_dashboard_history_undo           (TallyDashboardHistory *self);
gboolean               tally_dashboard_history_redo           (TallyDashboardHistory *self);
void                   tally_dashboard_history_freeze         (TallyDashboardHistory *self);
void                   tally_dashboard_history_thaw           (TallyDashboardHistory *self);
void                   tally_dashboard_history_flush          (TallyDashboardHistory *self);

G_END_DECLS
