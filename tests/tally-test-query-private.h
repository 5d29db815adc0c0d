/* tally-test-query-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-test-query.h"

G_BEGIN_DECLS

void  tq_compare_frames  (const TallyRef       *ref,
                          const TallyQuery     *query,
                          const TallyTimeRange *range,
                          TallyFrame           *expected,
                          TallyFrame           *got,
                          guint                 parts);

G_END_DECLS
