/* tally-dashboard-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-dashboard.h"

G_BEGIN_DECLS

GPtrArray *tally_dashboard_get_filter_names (TallyDashboard *self);

G_END_DECLS
