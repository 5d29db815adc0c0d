/* tally-event-batch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-event.h"

G_BEGIN_DECLS

typedef enum
{
  /* a JSON array of events, or an object {"events": […]} */
  TALLY_EVENT_BATCH_JSON,
  /* application/x-ndjson: one event per line, blank lines skipped */
  TALLY_EVENT_BATCH_NDJSON,
} TallyEventBatchFormat;

/**
 * TallyEventRejection:
 * @index: the event's position in the batch, from 0 (NDJSON: counting
 *   non-blank lines)
 * @error: why it was rejected, starting with the field name
 *   (`input_tokens: must be an integer ≥ 0`); NDJSON adds the line first
 *   (`line 3: …`)
 *
 * One event left out of a batch. Arrays of them free @error themselves.
 */
typedef struct
{
  guint  index;
  char  *error;
} TallyEventRejection;

TallyEventBatchFormat  tally_event_batch_format_for_content_type (const char   *content_type);

gboolean               tally_event_batch_parse                   (const char   *body,
                                                                  gsize         len,
                                                                  TallyEventBatchFormat format,
                                                                  gint64        now_ms,
                                                                  guint         max_events,
                                                                  GPtrArray   **events,
                                                                  GArray      **rejected,
                                                                  GError      **error);

GArray                *tally_event_rejections_new                (void);
void                   tally_event_rejections_add                (GArray       *rejected,
                                                                  guint         index,
                                                                  const char   *error);

char                  *tally_event_batch_build_response          (guint         accepted,
                                                                  GArray       *rejected);

G_END_DECLS
