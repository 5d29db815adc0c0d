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
void               tally_panel_chart_set_type     (TallyChart      *chart,
                                                   TallyPanelType   type);
TallyChart        *tally_panel_chart_new          (TallyPanel      *panel,
                                                   GError         **error);

G_END_DECLS
