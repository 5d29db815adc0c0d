/* tally-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* PLACEHOLDER until the events work lands: memory management and the
 * derived fields only; parsing from JSON is not written yet. */

#include "config.h"

#include <math.h>

#include "tally-error.h"
#include "tally-event.h"

TallyEvent *
tally_event_new (void)
{
  TallyEvent *event = g_new0 (TallyEvent, 1);

  event->status = -1;
  event->input_tokens = event->output_tokens = event->cached_tokens = -1;
  event->latency_ms = event->ttft_ms = event->queue_ms = event->audio_ms = NAN;
  event->cost = NAN;

  return event;
}

TallyEvent *
tally_event_copy (const TallyEvent *event)
{
  TallyEvent *copy = g_memdup2 (event, sizeof *event);

  for (guint i = 0; i < TALLY_N_EVENT_DIMENSIONS; i++)
    copy->dims[i] = g_strdup (event->dims[i]);
  copy->trace_id = g_strdup (event->trace_id);
  copy->request_id = g_strdup (event->request_id);
  copy->label_keys = g_new0 (char *, event->n_labels + 1);
  copy->label_values = g_new0 (char *, event->n_labels + 1);
  for (guint i = 0; i < event->n_labels; i++)
    {
      copy->label_keys[i] = g_strdup (event->label_keys[i]);
      copy->label_values[i] = g_strdup (event->label_values[i]);
    }

  return copy;
}

void
tally_event_free (TallyEvent *event)
{
  if (event == NULL)
    return;
  for (guint i = 0; i < TALLY_N_EVENT_DIMENSIONS; i++)
    g_free (event->dims[i]);
  g_free (event->trace_id);
  g_free (event->request_id);
  g_strfreev (event->label_keys);
  g_strfreev (event->label_values);
  g_free (event);
}

TallyEvent *
tally_event_new_from_json (JsonNode  *node,
                           gint64     now_ms,
                           GError   **error)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED, "not written yet");
  return NULL;
}

JsonNode *
tally_event_to_json (const TallyEvent *event)
{
  return json_node_new (JSON_NODE_NULL);
}

gboolean
tally_event_parse_time (JsonNode  *node,
                        gint64    *time_ms,
                        GError   **error)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED, "not written yet");
  return FALSE;
}

char *
tally_event_mask_secret (const char *api_key)
{
  return g_strdup (api_key);
}

gboolean
tally_event_set_label (TallyEvent  *event,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  guint n = event->n_labels;

  event->label_keys = g_renew (char *, event->label_keys, n + 2);
  event->label_values = g_renew (char *, event->label_values, n + 2);
  event->label_keys[n] = g_strdup (key);
  event->label_values[n] = g_strdup (value);
  event->label_keys[n + 1] = event->label_values[n + 1] = NULL;
  event->n_labels++;
  return TRUE;
}

const char *
tally_event_get_label (const TallyEvent *event,
                       const char       *key)
{
  for (guint i = 0; i < event->n_labels; i++)
    {
      if (g_str_equal (event->label_keys[i], key))
        return event->label_values[i];
    }
  return NULL;
}

gboolean
tally_event_is_error (const TallyEvent *event)
{
  return (event->status == 0 || event->status >= 400) ||
         (event->dims[TALLY_DIMENSION_ERROR] != NULL && event->dims[TALLY_DIMENSION_ERROR][0] != '\0');
}

gboolean
tally_event_is_rate_limited (const TallyEvent *event)
{
  return event->status == 429;
}

const char *
tally_event_get_status_class (const TallyEvent *event)
{
  return tally_status_class (event->status, event->status >= 0, event->dims[TALLY_DIMENSION_ERROR]);
}

gint64
tally_event_get_tokens (const TallyEvent *event)
{
  if (event->input_tokens < 0 && event->output_tokens < 0)
    return -1;
  return MAX (event->input_tokens, 0) + MAX (event->output_tokens, 0);
}

double
tally_event_get_rtf (const TallyEvent *event)
{
  if (isnan (event->latency_ms) || isnan (event->audio_ms) || event->audio_ms <= 0)
    return NAN;
  return event->latency_ms / event->audio_ms;
}
