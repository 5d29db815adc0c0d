/* tally-panel-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-dashboard.h"
#include "tally-panel-preview.h"
#include "tally-source.h"

G_BEGIN_DECLS

#define TALLY_TYPE_PANEL_EDITOR (tally_panel_editor_get_type ())

G_DECLARE_FINAL_TYPE (TallyPanelEditor, tally_panel_editor, TALLY, PANEL_EDITOR, AdwWindow)

GtkWidget         *tally_panel_editor_new         (TallyDashboard   *dashboard,
                                                   TallyPanel       *panel,
                                                   TallySource      *source);
TallyPanel        *tally_panel_editor_get_panel   (TallyPanelEditor *self);
TallyPanelPreview *tally_panel_editor_get_preview (TallyPanelEditor *self);
const char        *tally_panel_editor_get_problem (TallyPanelEditor *self);
gboolean           tally_panel_editor_apply       (TallyPanelEditor *self);

G_END_DECLS
