/* tally-panel-data.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "tally-frame.h"
#include "tally-panel.h"
#include "tally-time-range.h"

G_BEGIN_DECLS

#define TALLY_TYPE_PANEL_DATA (tally_panel_data_get_type ())

G_DECLARE_FINAL_TYPE (TallyPanelData, tally_panel_data, TALLY, PANEL_DATA, GObject)

TallyPanel            *tally_panel_data_get_panel       (TallyPanelData *self);
gboolean               tally_panel_data_get_loading     (TallyPanelData *self);
TallyFrame            *tally_panel_data_get_frame       (TallyPanelData *self);
const TallyTimeRange  *tally_panel_data_get_range       (TallyPanelData *self);
const char            *tally_panel_data_get_error       (TallyPanelData *self);
gint64                 tally_panel_data_get_retry_at    (TallyPanelData *self);
gboolean               tally_panel_data_get_unsupported (TallyPanelData *self);
GDateTime             *tally_panel_data_get_updated     (TallyPanelData *self);
guint                  tally_panel_data_get_width       (TallyPanelData *self);
void                   tally_panel_data_set_width       (TallyPanelData *self,
                                                         guint           width_px);

G_END_DECLS
