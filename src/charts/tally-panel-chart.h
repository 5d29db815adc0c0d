/* tally-panel-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-chart.h"
#include "tally-panel.h"

G_BEGIN_DECLS

TallyChartType     tally_panel_chart_type         (TallyPanelType   type);
TallyChartOptions *tally_panel_chart_options      (TallyPanel      *panel,
                                                   GError         **error);
const char        *tally_panel_chart_placeholder  (TallyPanelType   type);
TallyChart        *tally_panel_chart_new          (TallyPanel      *panel,
                                                   GError         **error);

G_END_DECLS
