/* tally-test-reference.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-event.h"
#include "tally-frame.h"
#include "tally-query.h"
#include "tally-time-range.h"

G_BEGIN_DECLS

typedef struct _TallyRef TallyRef;

TallyRef   *tally_ref_new                (GPtrArray             *events);
void        tally_ref_free               (TallyRef              *ref);

/* The spec's reading of one event (docs/queries.md, "Events and what they
 * count as"). */
gboolean    tally_ref_is_error           (const TallyEvent      *event);
gboolean    tally_ref_is_rate_limited    (const TallyEvent      *event);
const char *tally_ref_status_class       (const TallyEvent      *event);

/* Each metric's kind, and which stats it has, as the spec's tables say. */
TallyMetricKind tally_ref_metric_kind    (TallyMetric            metric);
gboolean    tally_ref_metric_compares    (TallyMetric            metric,
                                          TallyStat              stat);
gboolean    tally_ref_metric_has_stat    (TallyMetric            metric,
                                          TallyStat              stat);

void        tally_ref_round_range        (const TallyTimeRange  *range,
                                          gint64                *from,
                                          gint64                *to);

/* The frame the spec asks for. For a scalar the sparkline is left out: its
 * buckets are the store's choice ("about 40"); tally_ref_series() answers
 * for whatever buckets it chose. */
TallyFrame *tally_ref_query              (const TallyRef        *ref,
                                          const TallyQuery      *query,
                                          const TallyTimeRange  *range);
double     *tally_ref_series             (const TallyRef        *ref,
                                          const TallyQuery      *query,
                                          const TallyTimeRange  *range,
                                          const gint64          *buckets,
                                          guint                  n_buckets);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyRef, tally_ref_free)

G_END_DECLS
