/* tally-dashboard-properties.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-dashboard-history.h"

G_BEGIN_DECLS

#define TALLY_TYPE_DASHBOARD_PROPERTIES (tally_dashboard_properties_get_type ())

G_DECLARE_FINAL_TYPE (TallyDashboardProperties, tally_dashboard_properties,
                      TALLY, DASHBOARD_PROPERTIES, AdwWindow)

GtkWidget  *tally_dashboard_properties_new         (TallyDashboardHistory    *history);
const char *tally_dashboard_properties_get_problem (TallyDashboardProperties *self);
gboolean    tally_dashboard_properties_apply       (TallyDashboardProperties *self);

G_END_DECLS
