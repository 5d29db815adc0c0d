/* tally-panel-data-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What TallyDataModel, which alone fills a panel's data, may change. */

#pragma once

#include "tally-panel-data.h"

G_BEGIN_DECLS

TallyPanelData *tally_panel_data_new             (TallyPanel           *panel);
void            tally_panel_data_set_loading     (TallyPanelData       *self,
                                                  gboolean              loading);
void            tally_panel_data_set_frame       (TallyPanelData       *self,
                                                  TallyFrame           *frame,
                                                  const TallyTimeRange *range,
                                                  GDateTime            *updated);
void            tally_panel_data_set_error       (TallyPanelData       *self,
                                                  const char           *message);
void            tally_panel_data_set_retry_at    (TallyPanelData       *self,
                                                  gint64                retry_at);
void            tally_panel_data_set_unsupported (TallyPanelData       *self,
                                                  gboolean              unsupported);

G_END_DECLS
