/* tally-prometheus-frames.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-frame.h"
#include "tally-prometheus-result.h"
#include "tally-query.h"

G_BEGIN_DECLS

/* The label value a series without the label gets, as the store names it. */
#define TALLY_PROM_NONE "(none)"

TallyFrame *tally_prometheus_frame_timeseries (const TallyQuery *query,
                                               GPtrArray        *series,
                                               gint64            first,
                                               gint64            step,
                                               guint             n_buckets);
TallyFrame *tally_prometheus_frame_categories (const TallyQuery *query,
                                               GPtrArray        *series);
TallyFrame *tally_prometheus_frame_matrix     (const TallyQuery *query,
                                               GPtrArray        *series);
double      tally_prometheus_frame_value      (GPtrArray        *series);

G_END_DECLS
