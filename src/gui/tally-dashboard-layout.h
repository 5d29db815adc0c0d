/* tally-dashboard-layout.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TALLY_TYPE_DASHBOARD_LAYOUT (tally_dashboard_layout_get_type ())

G_DECLARE_FINAL_TYPE (TallyDashboardLayout, tally_dashboard_layout, TALLY, DASHBOARD_LAYOUT, GtkLayoutManager)

GtkLayoutManager *tally_dashboard_layout_new        (void);
gboolean          tally_dashboard_layout_get_folded (TallyDashboardLayout *self);
void              tally_dashboard_layout_set_drag   (TallyDashboardLayout *self,
                                                     GtkWidget            *card,
                                                     const GtkAllocation  *box,
                                                     GtkWidget            *placeholder);

G_END_DECLS
