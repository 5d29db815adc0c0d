/* tally-chart-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "tally-chart.h"

G_BEGIN_DECLS

#define TALLY_TYPE_CHART_VIEW (tally_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (TallyChartView, tally_chart_view, TALLY, CHART_VIEW, GtkWidget)

GtkWidget           *tally_chart_view_new                (TallyChartType  type);
GtkWidget           *tally_chart_view_new_for_chart      (TallyChart     *chart);

TallyChart          *tally_chart_view_get_chart          (TallyChartView *self);

gboolean             tally_chart_view_get_view_as_table  (TallyChartView *self);
void                 tally_chart_view_set_view_as_table  (TallyChartView *self,
                                                          gboolean        view_as_table);

const TallyChartHit *tally_chart_view_get_hit            (TallyChartView *self);

G_END_DECLS
