/* tally-event.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "tally-metric.h"

G_BEGIN_DECLS

/* Limits on what one event may carry; the collector answers 413 or 400
 * past them (docs/collector.md). */
#define TALLY_EVENT_MAX_STRING      256    /* bytes, dimensions and ids */
#define TALLY_EVENT_MAX_ERROR       1024   /* bytes, the error field */
#define TALLY_EVENT_MAX_LABELS      16
#define TALLY_EVENT_MAX_TOKENS      G_GINT64_CONSTANT (1000000000000)
#define TALLY_EVENT_MAX_DURATION_MS (7.0 * 24 * 3600 * 1000)
#define TALLY_EVENT_MAX_COST        1.0e9
/* Accepted start times: from 2000-01-01 to one day after now. */
#define TALLY_EVENT_MIN_TIME_MS     G_GINT64_CONSTANT (946684800000)
#define TALLY_EVENT_FUTURE_SLACK_MS G_GINT64_CONSTANT (86400000)

/**
 * TallyEvent:
 *
 * One request to an AI API (DESIGN.md, "The usage event"). Strings are
 * owned, NULL when absent; numbers are NAN (doubles) or -1 (integers) when
 * absent. `dims` is indexed by TallyDimensionKind for the string
 * dimensions, model to error, except TALLY_DIMENSION_STATUS and
 * TALLY_DIMENSION_STATUS_CLASS, which are always NULL there: the status is
 * the integer `status`.
 */
typedef struct
{
  gint64   time_ms;
  char    *dims[TALLY_N_EVENT_DIMENSIONS];
  int      status;               /* -1 when absent; 0 = no response */
  gint64   input_tokens;         /* -1 when absent */
  gint64   output_tokens;
  gint64   cached_tokens;
  double   latency_ms;           /* NAN when absent */
  double   ttft_ms;
  double   queue_ms;
  double   audio_ms;
  double   cost;                 /* USD; NAN when absent */
  char    *trace_id;
  char    *request_id;
  guint    n_labels;
  char   **label_keys;           /* n_labels each, sorted by key */
  char   **label_values;
} TallyEvent;

TallyEvent  *tally_event_new               (void);
TallyEvent  *tally_event_copy              (const TallyEvent *event);
void         tally_event_free              (TallyEvent       *event);

TallyEvent  *tally_event_new_from_json     (JsonNode         *node,
                                            gint64            now_ms,
                                            GError          **error);
JsonNode    *tally_event_to_json           (const TallyEvent *event);

gboolean     tally_event_parse_time        (JsonNode         *node,
                                            gint64           *time_ms,
                                            GError          **error);
char        *tally_event_mask_secret       (const char       *api_key);
gboolean     tally_event_set_label         (TallyEvent       *event,
                                            const char       *key,
                                            const char       *value,
                                            GError          **error);
const char  *tally_event_get_label         (const TallyEvent *event,
                                            const char       *key);

gboolean     tally_event_is_error          (const TallyEvent *event);
gboolean     tally_event_is_rate_limited   (const TallyEvent *event);
const char  *tally_event_get_status_class  (const TallyEvent *event);
gint64       tally_event_get_tokens        (const TallyEvent *event);
double       tally_event_get_rtf           (const TallyEvent *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyEvent, tally_event_free)

G_END_DECLS
