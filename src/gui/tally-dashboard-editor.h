/* tally-dashboard-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "tally-dashboard-history.h"
#include "tally-dashboard-view.h"
#include "tally-source.h"

G_BEGIN_DECLS

#define TALLY_TYPE_DASHBOARD_EDITOR (tally_dashboard_editor_get_type ())

G_DECLARE_FINAL_TYPE (TallyDashboardEditor, tally_dashboard_editor, TALLY, DASHBOARD_EDITOR, GObject)

TallyDashboardEditor  *tally_dashboard_editor_new            (TallyDashboard       *dashboard,
                                                              TallySource          *source,
                                                              TallyDashboardView   *view);
TallyDashboard        *tally_dashboard_editor_get_dashboard  (TallyDashboardEditor *self);
TallyDashboardHistory *tally_dashboard_editor_get_history    (TallyDashboardEditor *self);
GActionGroup          *tally_dashboard_editor_get_actions    (TallyDashboardEditor *self);
gboolean               tally_dashboard_editor_get_read_only  (TallyDashboardEditor *self);
void                   tally_dashboard_editor_set_read_only  (TallyDashboardEditor *self,
                                                              gboolean              read_only);
const char            *tally_dashboard_editor_get_undo_label (TallyDashboardEditor *self);
const char            *tally_dashboard_editor_get_redo_label (TallyDashboardEditor *self);
GtkWindow             *tally_dashboard_editor_get_dialog     (TallyDashboardEditor *self);

void                   tally_dashboard_editor_set_accels     (GtkApplication       *app);

G_END_DECLS
