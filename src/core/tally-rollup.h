/* tally-rollup.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "tally-event.h"
#include "tally-metric.h"
#include "tally-sketch.h"

G_BEGIN_DECLS

/* An additive amount per event: tokens, cost. */
typedef struct
{
  guint64 n;
  double  sum;
  double  min;
  double  max;
} TallyAmount;

/* A measured value per event, with its distribution: latency, ttft, … */
typedef struct
{
  guint64      n;
  double       sum;
  double       min;
  double       max;
  TallySketch *sketch;   /* NULL while n == 0 */
} TallyMeasure;

/**
 * TallyRollup:
 *
 * Everything a query needs of a set of events, in a form that merges by
 * addition: what the store keeps per minute and per hour, and what the
 * query engine accumulates per bucket. @busy_ms is the request time that
 * falls inside the rollup's own span (for concurrency), so it is added
 * separately from the events.
 */
typedef struct
{
  guint64      requests;
  guint64      errors;
  guint64      rate_limited;
  TallyAmount  input;
  TallyAmount  output;
  TallyAmount  cached;
  TallyAmount  tokens;
  TallyAmount  cost;
  TallyMeasure latency;
  TallyMeasure ttft;
  TallyMeasure queue;
  TallyMeasure rtf;
  double       busy_ms;
} TallyRollup;

/**
 * TallyEventValues:
 *
 * What one event adds to a rollup, worked out once: the store adds each
 * event to some thirty rollups (every grain, two levels).
 */
typedef struct
{
  gboolean is_error;
  gboolean is_rate_limited;
  gint64   input;     /* -1 when absent */
  gint64   output;
  gint64   cached;
  gint64   tokens;
  double   cost;      /* NAN when absent */
  double   latency;
  double   ttft;
  double   queue;
  double   rtf;
} TallyEventValues;

/* Which sketches tally_rollup_merge_bytes() keeps; the others are
 * skipped unread, which is most of a row's bytes. */
typedef enum
{
  TALLY_ROLLUP_DECODE_NO_SKETCHES = 0,
  TALLY_ROLLUP_DECODE_LATENCY     = 1 << 0,
  TALLY_ROLLUP_DECODE_TTFT        = 1 << 1,
  TALLY_ROLLUP_DECODE_QUEUE       = 1 << 2,
  TALLY_ROLLUP_DECODE_RTF         = 1 << 3,
  TALLY_ROLLUP_DECODE_ALL         = 0xf,
} TallyRollupDecodeFlags;

void         tally_rollup_init            (TallyRollup            *rollup);
void         tally_rollup_clear           (TallyRollup            *rollup);
TallyRollup *tally_rollup_new             (void);
void         tally_rollup_free            (TallyRollup            *rollup);

void         tally_event_values_init      (TallyEventValues       *values,
                                           const TallyEvent       *event);
void         tally_rollup_add_values      (TallyRollup            *rollup,
                                           const TallyEventValues *values);
void         tally_rollup_add_event       (TallyRollup            *rollup,
                                           const TallyEvent       *event);
void         tally_rollup_merge           (TallyRollup            *rollup,
                                           const TallyRollup      *other);
gboolean     tally_rollup_merge_bytes     (TallyRollup            *rollup,
                                           const guint8           *data,
                                           gsize                   len,
                                           TallyRollupDecodeFlags  flags);
void         tally_rollup_serialize       (const TallyRollup      *rollup,
                                           GByteArray             *out);

const TallyAmount  *tally_rollup_get_amount  (const TallyRollup *rollup,
                                              TallyMetric        metric);
const TallyMeasure *tally_rollup_get_measure (const TallyRollup *rollup,
                                              TallyMetric        metric);
TallyRollupDecodeFlags tally_rollup_decode_flags_for (TallyMetric metric);
guint64      tally_rollup_get_count       (const TallyRollup      *rollup,
                                           TallyMetric             metric);
double       tally_rollup_get_ratio       (const TallyRollup      *rollup,
                                           TallyMetric             metric);
double       tally_rollup_get_value       (const TallyRollup      *rollup,
                                           TallyMetric             metric,
                                           TallyStat               stat,
                                           double                  minutes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyRollup, tally_rollup_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TallyRollup, tally_rollup_clear)

G_END_DECLS
