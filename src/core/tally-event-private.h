/* tally-event-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The one set of event rules, shared by every way an event arrives: the
 * json-glib path (tally_event_new_from_json), the streaming batch reader
 * and OTLP spans. Each path turns what it read into a TallyEventValue and
 * hands it to tally_event_field_set(), so a rule is written once and every
 * path rejects the same input with the same message. */

#pragma once

#include "tally-event.h"

G_BEGIN_DECLS

typedef enum
{
  TALLY_EVENT_VALUE_NULL,
  TALLY_EVENT_VALUE_BOOLEAN,
  TALLY_EVENT_VALUE_NUMBER,
  TALLY_EVENT_VALUE_STRING,
  TALLY_EVENT_VALUE_OBJECT,
  TALLY_EVENT_VALUE_ARRAY,
} TallyEventValueType;

/* A scalar as read from JSON, or only the type of a container. */
typedef struct
{
  TallyEventValueType  type;
  /* NUMBER: is_int when the text was an integer that fits a gint64, which
   * is then exact in `i`; `d` always holds the value as a double. */
  gboolean             is_int;
  gint64               i;
  double               d;
  /* STRING: valid UTF-8, not necessarily NUL-terminated, may hold NULs. */
  const char          *str;
  gsize                len;
} TallyEventValue;

typedef enum
{
  TALLY_EVENT_FIELD_TIME,
  TALLY_EVENT_FIELD_MODEL,
  TALLY_EVENT_FIELD_PROVIDER,
  TALLY_EVENT_FIELD_PROJECT,
  TALLY_EVENT_FIELD_API_KEY,
  TALLY_EVENT_FIELD_USER,
  TALLY_EVENT_FIELD_SERVICE,
  TALLY_EVENT_FIELD_LANGUAGE,
  TALLY_EVENT_FIELD_OPERATION,
  TALLY_EVENT_FIELD_ERROR,
  TALLY_EVENT_FIELD_STATUS,
  TALLY_EVENT_FIELD_INPUT_TOKENS,
  TALLY_EVENT_FIELD_OUTPUT_TOKENS,
  TALLY_EVENT_FIELD_CACHED_TOKENS,
  TALLY_EVENT_FIELD_LATENCY_MS,
  TALLY_EVENT_FIELD_TTFT_MS,
  TALLY_EVENT_FIELD_QUEUE_MS,
  TALLY_EVENT_FIELD_AUDIO_MS,
  TALLY_EVENT_FIELD_COST,
  TALLY_EVENT_FIELD_TRACE_ID,
  TALLY_EVENT_FIELD_REQUEST_ID,
  TALLY_EVENT_FIELD_LABELS,
  TALLY_EVENT_N_FIELDS,
  TALLY_EVENT_FIELD_UNKNOWN = TALLY_EVENT_N_FIELDS,
} TallyEventField;

TallyEventField  tally_event_field_lookup       (const char            *name,
                                                 gsize                  len);
const char      *tally_event_field_get_name     (TallyEventField        field);

/* Validates @value for @field and stores it. @name is the name used in
 * messages, NULL for the field's own. A NULL value clears the field. For
 * LABELS an OBJECT value only clears the labels: the caller then adds each
 * member with tally_event_label_set_value(). */
gboolean         tally_event_field_set          (TallyEvent            *event,
                                                 TallyEventField        field,
                                                 const TallyEventValue *value,
                                                 const char            *name,
                                                 gint64                 now_ms,
                                                 GError               **error);
gboolean         tally_event_label_set_value    (TallyEvent            *event,
                                                 const char            *key,
                                                 gsize                  key_len,
                                                 const TallyEventValue *value,
                                                 GError               **error);
gboolean         tally_event_set_time_ms        (TallyEvent            *event,
                                                 gint64                 time_ms,
                                                 gboolean               from_number,
                                                 const char            *name,
                                                 gint64                 now_ms,
                                                 GError               **error);
/* The checks that need the whole event: required fields. */
gboolean         tally_event_check_complete     (const TallyEvent      *event,
                                                 GError               **error);

gboolean         tally_event_time_from_string   (const char            *str,
                                                 gsize                  len,
                                                 gint64                *time_ms);
gboolean         tally_event_time_from_seconds  (double                 seconds,
                                                 gint64                *time_ms);
gint64           tally_event_resolve_now        (gint64                 now_ms);

G_END_DECLS
