/* tally-dashboard-state.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-dashboard.h"

G_BEGIN_DECLS

char     *tally_dashboard_get_view_state   (TallyDashboard  *dashboard);
gboolean  tally_dashboard_apply_view_state (TallyDashboard  *dashboard,
                                            const char      *state,
                                            GError         **error);

G_END_DECLS
