/* tally-utilization.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-limits.h"
#include "tally-store.h"

G_BEGIN_DECLS

TallyFrame *tally_utilization_query (TallyStore           *store,
                                     const TallyLimits    *limits,
                                     const TallyQuery     *query,
                                     const TallyTimeRange *range,
                                     GCancellable         *cancellable,
                                     GError              **error);

G_END_DECLS
