/* tally-event-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Events to and from json-glib nodes, for callers that already hold a
 * node (files, tests, the table and CSV output). The collector's hot path
 * reads bodies with tally-json-reader instead; both feed the same field
 * rules (tally-event-fields.c), so they accept and reject the same events
 * with the same messages. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-event-private.h"
#include "tally-json-util.h"

static void
value_from_node (JsonNode        *node,
                 TallyEventValue *value)
{
  memset (value, 0, sizeof *value);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      value->type = TALLY_EVENT_VALUE_OBJECT;
      return;
    case JSON_NODE_ARRAY:
      value->type = TALLY_EVENT_VALUE_ARRAY;
      return;
    case JSON_NODE_NULL:
      value->type = TALLY_EVENT_VALUE_NULL;
      return;
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      value->type = TALLY_EVENT_VALUE_BOOLEAN;
      value->i = json_node_get_boolean (node);
      break;
    case G_TYPE_INT64:
      /* json-glib 1.6 saturates integers beyond int64 (to -1 or
       * G_MAXINT64) instead of failing: such a value is still refused,
       * though with another rule's message than the streaming reader's. */
      value->type = TALLY_EVENT_VALUE_NUMBER;
      value->is_int = TRUE;
      value->i = json_node_get_int (node);
      value->d = (double) value->i;
      break;
    case G_TYPE_DOUBLE:
      value->type = TALLY_EVENT_VALUE_NUMBER;
      value->d = json_node_get_double (node);
      break;
    case G_TYPE_STRING:
      value->type = TALLY_EVENT_VALUE_STRING;
      value->str = json_node_get_string (node);
      value->len = strlen (value->str);
      break;
    default:
      /* json-glib has no other scalar types; treat anything new as null. */
      value->type = TALLY_EVENT_VALUE_NULL;
      break;
    }
}

static gboolean
set_labels_from_object (TallyEvent  *event,
                        JsonObject  *object,
                        GError     **error)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &member))
    {
      TallyEventValue value;

      value_from_node (member, &value);
      if (!tally_event_label_set_value (event, key, strlen (key), &value, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * tally_event_new_from_json:
 * @node: a JSON object
 * @now_ms: the current time in Unix milliseconds, for the range check of
 *   `time`; 0 or less for the clock's
 *
 * Reads one event in the format of DESIGN.md ("The usage event"); see
 * docs/events.md for every rule. Unknown members are ignored, null members
 * count as absent. On error the message starts with the offending field.
 *
 * Returns: (transfer full): the event, or NULL with @error set
 *   (TALLY_ERROR_INVALID)
 */
TallyEvent *
tally_event_new_from_json (JsonNode  *node,
                           gint64     now_ms,
                           GError   **error)
{
  g_autoptr(TallyEvent) event = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("event: must be a JSON object"));
      return NULL;
    }

  now_ms = tally_event_resolve_now (now_ms);
  event = tally_event_new ();
  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      TallyEventField field = tally_event_field_lookup (name, strlen (name));
      TallyEventValue value;

      if (field == TALLY_EVENT_FIELD_UNKNOWN)
        continue;
      value_from_node (member, &value);
      if (!tally_event_field_set (event, field, &value, NULL, now_ms, error))
        return NULL;
      if (field == TALLY_EVENT_FIELD_LABELS && value.type == TALLY_EVENT_VALUE_OBJECT &&
          !set_labels_from_object (event, json_node_get_object (member), error))
        return NULL;
    }

  if (!tally_event_check_complete (event, error))
    return NULL;

  return g_steal_pointer (&event);
}

/**
 * tally_event_parse_time:
 * @node: a string (RFC 3339) or a number (Unix seconds)
 * @time_ms: (out): the time in Unix milliseconds
 *
 * Reads a `time` value's format only; tally_event_new_from_json() also
 * checks that the time is in the accepted range.
 */
gboolean
tally_event_parse_time (JsonNode  *node,
                        gint64    *time_ms,
                        GError   **error)
{
  TallyEventValue value;
  gboolean ok = FALSE;

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (time_ms != NULL, FALSE);

  value_from_node (node, &value);
  if (value.type == TALLY_EVENT_VALUE_STRING)
    ok = tally_event_time_from_string (value.str, value.len, time_ms);
  else if (value.type == TALLY_EVENT_VALUE_NUMBER)
    ok = tally_event_time_from_seconds (value.d, time_ms);

  if (!ok)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                 _("%s: must be an RFC 3339 date-time or Unix seconds"), "time");
  return ok;
}

/* RFC 3339 in UTC with milliseconds: exact, and sorts as text. */
static char *
format_time (gint64 time_ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time_ms / 1000);
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, (int) (time_ms % 1000));
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  if (value < 0)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  if (isnan (value))
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_labels (JsonBuilder      *builder,
            const TallyEvent *event)
{
  if (event->n_labels == 0)
    return;
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  for (guint i = 0; i < event->n_labels; i++)
    tally_json_builder_add_string_member (builder, event->label_keys[i], event->label_values[i]);
  json_builder_end_object (builder);
}

/**
 * tally_event_to_json:
 *
 * The event in the collector's format, absent fields left out, `time` as
 * RFC 3339 UTC with milliseconds: tally_event_new_from_json() reads it back
 * to an equal event.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
tally_event_to_json (const TallyEvent *event)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *time = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  json_builder_begin_object (builder);
  time = format_time (event->time_ms);
  tally_json_builder_add_string_member (builder, "time", time);
  for (TallyEventField f = TALLY_EVENT_FIELD_MODEL; f <= TALLY_EVENT_FIELD_ERROR; f++)
    {
      TallyDimensionKind dim = f == TALLY_EVENT_FIELD_ERROR
                               ? TALLY_DIMENSION_ERROR
                               : (TallyDimensionKind) (f - TALLY_EVENT_FIELD_MODEL);

      tally_json_builder_add_string_member (builder, tally_event_field_get_name (f), event->dims[dim]);
    }
  add_int (builder, "status", event->status);
  add_int (builder, "input_tokens", event->input_tokens);
  add_int (builder, "output_tokens", event->output_tokens);
  add_int (builder, "cached_tokens", event->cached_tokens);
  add_double (builder, "latency_ms", event->latency_ms);
  add_double (builder, "ttft_ms", event->ttft_ms);
  add_double (builder, "queue_ms", event->queue_ms);
  add_double (builder, "audio_ms", event->audio_ms);
  add_double (builder, "cost", event->cost);
  tally_json_builder_add_string_member (builder, "trace_id", event->trace_id);
  tally_json_builder_add_string_member (builder, "request_id", event->request_id);
  add_labels (builder, event);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
