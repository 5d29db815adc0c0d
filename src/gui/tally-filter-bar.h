/* tally-filter-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "tally-dashboard.h"

G_BEGIN_DECLS

#define TALLY_TYPE_FILTER_BAR (tally_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (TallyFilterBar, tally_filter_bar, TALLY, FILTER_BAR, GtkWidget)

GtkWidget      *tally_filter_bar_new               (void);
TallyDashboard *tally_filter_bar_get_dashboard     (TallyFilterBar      *self);
void            tally_filter_bar_set_dashboard     (TallyFilterBar      *self,
                                                    TallyDashboard      *dashboard);
void            tally_filter_bar_set_values        (TallyFilterBar      *self,
                                                    const char          *dimension,
                                                    const char * const  *values);
void            tally_filter_bar_set_values_error  (TallyFilterBar      *self,
                                                    const char          *dimension,
                                                    const char          *message);
GActionGroup   *tally_filter_bar_get_actions       (TallyFilterBar      *self);

G_END_DECLS
