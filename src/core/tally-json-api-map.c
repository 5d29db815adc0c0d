/* tally-json-api-map.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Reading a server's answer through the "mapping" of an "http-json"
 * source (docs/json-api.md): "events" points at an array, and each other
 * key names an event field with a pointer relative to each element; or
 * "series" maps metric names to arrays of points, read with the
 * "timestamp" and "value" pointers. A pointer that finds nothing is a
 * TALLY_ERROR_BAD_RESPONSE naming it. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-error.h"
#include "tally-event.h"
#include "tally-json-api-private.h"
#include "tally-json-pointer.h"

/* The event fields a mapping may name; "timestamp" is the event's "time". */
static const char * const event_fields[] = {
  "timestamp", "model", "provider", "project", "api_key", "user", "service", "language",
  "operation", "status", "error", "input_tokens", "output_tokens", "cached_tokens", "cost",
  "latency_ms", "ttft_ms", "queue_ms", "audio_ms", "trace_id", "request_id",
};

struct _TallyJsonApiMapping
{
  char       *events;                          /* NULL in series mode */
  char       *fields[G_N_ELEMENTS (event_fields)];
  char       *series[TALLY_N_METRICS];
  char       *timestamp;
  char       *value;
};

void
tally_json_api_mapping_free (TallyJsonApiMapping *mapping)
{
  g_free (mapping->events);
  for (guint i = 0; i < G_N_ELEMENTS (event_fields); i++)
    g_free (mapping->fields[i]);
  for (guint i = 0; i < TALLY_N_METRICS; i++)
    g_free (mapping->series[i]);
  g_free (mapping->timestamp);
  g_free (mapping->value);
  g_free (mapping);
}

gboolean
tally_json_api_mapping_has_events (const TallyJsonApiMapping *mapping)
{
  return mapping->events != NULL;
}

const char *
tally_json_api_mapping_get_series (const TallyJsonApiMapping *mapping,
                                   TallyMetric                metric)
{
  return mapping->series[metric];
}

const char *
tally_json_api_mapping_get_timestamp (const TallyJsonApiMapping *mapping)
{
  return mapping->timestamp;
}

const char *
tally_json_api_mapping_get_value (const TallyJsonApiMapping *mapping)
{
  return mapping->value;
}

/* A member that must be a well-formed pointer. */
static char *
read_pointer (JsonObject  *object,
              const char  *name,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("mapping.%s must be a JSON pointer string"), name);
      return NULL;
    }
  text = json_node_get_string (node);
  if (!tally_json_pointer_check (text, error))
    {
      g_prefix_error (error, "mapping.%s: ", name);
      return NULL;
    }

  return g_strdup (text);
}

static gboolean
read_series_mapping (TallyJsonApiMapping  *mapping,
                     JsonObject           *object,
                     GError              **error)
{
  JsonNode *node = json_object_get_member (object, "series");
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  guint n = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("mapping.series must map metric names to JSON pointers"));
      return FALSE;
    }

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &member))
    {
      TallyMetric metric;

      if (!tally_metric_from_string (name, &metric))
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("mapping.series: “%s” is not a metric"), name);
          return FALSE;
        }
      mapping->series[metric] = read_pointer (json_node_get_object (node), name, error);
      if (mapping->series[metric] == NULL)
        return FALSE;
      n++;
    }
  if (n == 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("mapping.series names no metric"));
      return FALSE;
    }

  mapping->timestamp = read_pointer (object, "timestamp", error);
  if (mapping->timestamp != NULL)
    mapping->value = read_pointer (object, "value", error);

  return mapping->value != NULL;
}

static gboolean
read_events_mapping (TallyJsonApiMapping  *mapping,
                     JsonObject           *object,
                     GError              **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  mapping->events = read_pointer (object, "events", error);
  if (mapping->events == NULL)
    return FALSE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      guint i;

      if (strcmp (name, "events") == 0)
        continue;
      for (i = 0; i < G_N_ELEMENTS (event_fields) && strcmp (event_fields[i], name) != 0; i++)
        ;
      if (i == G_N_ELEMENTS (event_fields))
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("mapping.%s: not an event field (docs/json-api.md lists them)"), name);
          return FALSE;
        }
      if ((mapping->fields[i] = read_pointer (object, name, error)) == NULL)
        return FALSE;
    }

  if (mapping->fields[0] == NULL || mapping->fields[1] == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("mapping needs pointers for “timestamp” and “model”"));
      return FALSE;
    }

  return TRUE;
}

/**
 * tally_json_api_mapping_new:
 * @mapping: the source's "mapping" object
 *
 * Returns: the mapping, or %NULL with %TALLY_ERROR_INVALID naming the
 *   key at fault
 */
TallyJsonApiMapping *
tally_json_api_mapping_new (JsonObject  *mapping,
                            GError     **error)
{
  g_autoptr(TallyJsonApiMapping) self = g_new0 (TallyJsonApiMapping, 1);
  gboolean events = json_object_has_member (mapping, "events");
  gboolean series = json_object_has_member (mapping, "series");

  if (events == series)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("mapping must have either “events” or “series”"));
      return NULL;
    }

  if (events ? !read_events_mapping (self, mapping, error) : !read_series_mapping (self, mapping, error))
    return NULL;

  return g_steal_pointer (&self);
}

static JsonArray *
get_array (JsonNode    *root,
           const char  *pointer,
           GError     **error)
{
  JsonNode *node = tally_json_pointer_get (root, pointer, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                   _("The answer has no array at the JSON pointer “%s”"), pointer);
      return NULL;
    }

  return json_node_get_array (node);
}

static TallyEvent *
read_event (const TallyJsonApiMapping  *mapping,
            JsonNode                   *element,
            guint                       index,
            GError                    **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) local_error = NULL;
  TallyEvent *event;

  for (guint i = 0; i < G_N_ELEMENTS (event_fields); i++)
    {
      JsonNode *value;

      if (mapping->fields[i] == NULL)
        continue;
      value = tally_json_pointer_get (element, mapping->fields[i], &local_error);
      if (value == NULL)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                       _("Event %u at “%s” has nothing at the JSON pointer “%s” (%s)"),
                       index, mapping->events, mapping->fields[i], event_fields[i]);
          return NULL;
        }
      json_object_set_member (object, i == 0 ? "time" : event_fields[i], json_node_copy (value));
    }

  json_node_set_object (node, object);
  event = tally_event_new_from_json (node, 0, &local_error);
  if (event == NULL)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                 _("Event %u at “%s” is not a usage event: %s"), index, mapping->events,
                 local_error->message);

  return event;
}

/**
 * tally_json_api_read_events:
 *
 * Returns: (transfer full): the events of @root, a GPtrArray of
 *   TallyEvent, or %NULL with %TALLY_ERROR_BAD_RESPONSE
 */
GPtrArray *
tally_json_api_read_events (const TallyJsonApiMapping  *mapping,
                            JsonNode                   *root,
                            GError                    **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  JsonArray *array = get_array (root, mapping->events, error);

  if (array == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      TallyEvent *event = read_event (mapping, json_array_get_element (array, i), i, error);

      if (event == NULL)
        return NULL;
      g_ptr_array_add (events, event);
    }

  return g_steal_pointer (&events);
}
