/* tally-test-reference-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-test-reference.h"

G_BEGIN_DECLS

#define MINUTE       60
#define NONE_GROUP   "(none)"
#define OTHER_GROUP  "Other"

typedef struct
{
  const TallyEvent *event;
  guint             index;
  gboolean          error;
  gboolean          rate_limited;
} RefEvent;

struct _TallyRef
{
  GPtrArray *events;
  RefEvent  *ev;              /* ordered by time */
  guint      n;
  double     max_latency_ms;
};

typedef struct
{
  gint64 lo;
  gint64 hi;
} Span;

gboolean     ref_counts        (const RefEvent       *e,
                                TallyMetric           metric);
double       ref_amount        (const TallyEvent     *event,
                                TallyMetric           metric);
const char  *ref_group_of      (const TallyEvent     *event,
                                const TallyDimension *dimension,
                                char                  buf[16]);
guint        ref_lower_bound   (const TallyRef       *ref,
                                gint64                t_ms);
guint8      *ref_filter_mask   (const TallyRef       *ref,
                                const TallyQuery     *query);
double       ref_stat_over     (const TallyRef       *ref,
                                const guint8         *mask,
                                TallyMetric           metric,
                                TallyStat             stat,
                                gint64                now,
                                const Span           *spans,
                                guint                 n_spans);
double       ref_stat_between  (const TallyRef       *ref,
                                const guint8         *mask,
                                const TallyQuery     *query,
                                gint64                now,
                                gint64                lo,
                                gint64                hi);

G_END_DECLS
