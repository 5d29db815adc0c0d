/* tally-panel-preview.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "tally-chart-view.h"
#include "tally-dashboard.h"
#include "tally-source.h"

G_BEGIN_DECLS

/* How long the preview waits after the last change before it asks. */
#define TALLY_PANEL_PREVIEW_DELAY_MS 300

#define TALLY_TYPE_PANEL_PREVIEW (tally_panel_preview_get_type ())

G_DECLARE_FINAL_TYPE (TallyPanelPreview, tally_panel_preview, TALLY, PANEL_PREVIEW, GtkWidget)

GtkWidget      *tally_panel_preview_new            (TallySource       *source,
                                                    TallyDashboard    *dashboard);
void            tally_panel_preview_set_panel      (TallyPanelPreview *self,
                                                    TallyPanel        *panel);
TallyChartView *tally_panel_preview_get_chart_view (TallyPanelPreview *self);
gboolean        tally_panel_preview_get_loading    (TallyPanelPreview *self);
const char     *tally_panel_preview_get_error      (TallyPanelPreview *self);
guint           tally_panel_preview_get_n_frames   (TallyPanelPreview *self);

G_END_DECLS
