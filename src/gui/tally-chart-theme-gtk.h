/* tally-chart-theme-gtk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "tally-chart-theme.h"

G_BEGIN_DECLS

TallyChartTheme *tally_chart_theme_gtk_lookup      (GtkWidget             *widget);
gboolean         tally_chart_theme_gtk_equal       (const TallyChartTheme *a,
                                                    const TallyChartTheme *b);

G_END_DECLS
