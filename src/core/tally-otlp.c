/* tally-otlp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* OpenTelemetry traces to usage events, so any app instrumented with the
 * GenAI semantic conventions reports to Tally with no code of ours: the
 * collector listens on OTLP/HTTP's port and POST /v1/traces lands here.
 * Spans of model calls become events through the same field rules as
 * /v1/events; other spans are counted and dropped. Traces come in far
 * smaller volumes than events and their attributes arrive in any order,
 * so json-glib's tree is the simple choice here, after the strict reader
 * has checked the body (and its depth, which json-glib's recursive parser
 * does not bound). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-event-batch.h"
#include "tally-event-private.h"
#include "tally-json-reader.h"
#include "tally-otlp.h"

typedef enum
{
  ATTR_RESPONSE_MODEL,
  ATTR_REQUEST_MODEL,
  ATTR_PROVIDER_NAME,
  ATTR_SYSTEM,
  ATTR_INPUT_TOKENS,
  ATTR_PROMPT_TOKENS,
  ATTR_OUTPUT_TOKENS,
  ATTR_COMPLETION_TOKENS,
  ATTR_CACHE_READ_TOKENS,
  ATTR_CACHED_TOKENS,
  ATTR_OPERATION,
  ATTR_ERROR_TYPE,
  ATTR_HTTP_STATUS,
  ATTR_RESPONSE_ID,
  ATTR_PROJECT,
  ATTR_ENDUSER_ID,
  ATTR_USER_ID,
  ATTR_API_KEY,
  ATTR_SERVICE_NAME,
  N_ATTRS,
  NO_ATTR = N_ATTRS,
} Attr;

static const char *attr_names[N_ATTRS] = {
  [ATTR_RESPONSE_MODEL] = "gen_ai.response.model",
  [ATTR_REQUEST_MODEL] = "gen_ai.request.model",
  [ATTR_PROVIDER_NAME] = "gen_ai.provider.name",
  [ATTR_SYSTEM] = "gen_ai.system",
  [ATTR_INPUT_TOKENS] = "gen_ai.usage.input_tokens",
  [ATTR_PROMPT_TOKENS] = "gen_ai.usage.prompt_tokens",
  [ATTR_OUTPUT_TOKENS] = "gen_ai.usage.output_tokens",
  [ATTR_COMPLETION_TOKENS] = "gen_ai.usage.completion_tokens",
  [ATTR_CACHE_READ_TOKENS] = "gen_ai.usage.cache_read_input_tokens",
  [ATTR_CACHED_TOKENS] = "gen_ai.usage.cached_tokens",
  [ATTR_OPERATION] = "gen_ai.operation.name",
  [ATTR_ERROR_TYPE] = "error.type",
  [ATTR_HTTP_STATUS] = "http.response.status_code",
  [ATTR_RESPONSE_ID] = "gen_ai.response.id",
  [ATTR_PROJECT] = "tally.project",
  [ATTR_ENDUSER_ID] = "enduser.id",
  [ATTR_USER_ID] = "user.id",
  [ATTR_API_KEY] = "tally.api_key",
  [ATTR_SERVICE_NAME] = "service.name",
};

/* Each event field and the attributes it comes from, the current
 * convention's name first, the older one second. */
static const struct
{
  TallyEventField field;
  Attr            first;
  Attr            second;
} mapping[] = {
  { TALLY_EVENT_FIELD_MODEL, ATTR_RESPONSE_MODEL, ATTR_REQUEST_MODEL },
  { TALLY_EVENT_FIELD_PROVIDER, ATTR_PROVIDER_NAME, ATTR_SYSTEM },
  { TALLY_EVENT_FIELD_INPUT_TOKENS, ATTR_INPUT_TOKENS, ATTR_PROMPT_TOKENS },
  { TALLY_EVENT_FIELD_OUTPUT_TOKENS, ATTR_OUTPUT_TOKENS, ATTR_COMPLETION_TOKENS },
  { TALLY_EVENT_FIELD_CACHED_TOKENS, ATTR_CACHE_READ_TOKENS, ATTR_CACHED_TOKENS },
  { TALLY_EVENT_FIELD_OPERATION, ATTR_OPERATION, NO_ATTR },
  { TALLY_EVENT_FIELD_ERROR, ATTR_ERROR_TYPE, NO_ATTR },
  { TALLY_EVENT_FIELD_STATUS, ATTR_HTTP_STATUS, NO_ATTR },
  { TALLY_EVENT_FIELD_REQUEST_ID, ATTR_RESPONSE_ID, NO_ATTR },
  { TALLY_EVENT_FIELD_PROJECT, ATTR_PROJECT, NO_ATTR },
  { TALLY_EVENT_FIELD_USER, ATTR_ENDUSER_ID, ATTR_USER_ID },
  { TALLY_EVENT_FIELD_API_KEY, ATTR_API_KEY, NO_ATTR },
  { TALLY_EVENT_FIELD_SERVICE, ATTR_SERVICE_NAME, NO_ATTR },
};

/* The AnyValue objects of the attributes Tally reads, NULL when absent. */
typedef struct
{
  JsonObject *values[N_ATTRS];
  gboolean    has_usage;
} Attributes;

/* json_object_get_string_member_with_default() is critical, not lenient,
 * about a member of another type; input from the network may be anything. */
static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
collect_attributes (JsonObject *owner,
                    Attributes *attrs)
{
  JsonNode *node = owner ? json_object_get_member (owner, "attributes") : NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *attr = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *key = get_string_member (attr, "key");
      JsonNode *value = attr ? json_object_get_member (attr, "value") : NULL;

      if (key == NULL || value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
        continue;
      if (g_str_has_prefix (key, "gen_ai.usage."))
        attrs->has_usage = TRUE;
      for (guint a = 0; a < N_ATTRS; a++)
        {
          if (g_str_equal (key, attr_names[a]))
            attrs->values[a] = json_node_get_object (value);
        }
    }
}

static gboolean
parse_int_string (const char *s,
                  gint64     *out)
{
  return g_ascii_string_to_signed (s, 10, G_MININT64, G_MAXINT64, out, NULL);
}

/* An AnyValue as the field rules read values. intValue is an int64, which
 * ProtoJSON writes as a string ("1200") and some exporters as a number;
 * doubleValue may be "NaN" or "Infinity", which the rules refuse. */
static void
value_from_any (JsonObject      *any,
                TallyEventValue *value)
{
  JsonNode *node;

  memset (value, 0, sizeof *value);
  if ((node = json_object_get_member (any, "stringValue")) != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    {
      value->type = TALLY_EVENT_VALUE_STRING;
      value->str = json_node_get_string (node);
      value->len = strlen (value->str);
    }
  else if ((node = json_object_get_member (any, "intValue")) != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      value->type = TALLY_EVENT_VALUE_NUMBER;
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        value->is_int = parse_int_string (json_node_get_string (node), &value->i);
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        value->is_int = TRUE, value->i = json_node_get_int (node);
      value->d = value->is_int ? (double) value->i : NAN;
      /* 1200.0 where an integer belongs: the rules accept whole doubles. */
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        value->d = json_node_get_double (node);
    }
  else if ((node = json_object_get_member (any, "doubleValue")) != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      value->type = TALLY_EVENT_VALUE_NUMBER;
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        value->d = g_ascii_strtod (json_node_get_string (node), NULL);
      else
        value->d = json_node_get_double (node);
    }
  else if ((node = json_object_get_member (any, "boolValue")) != NULL && JSON_NODE_HOLDS_VALUE (node))
    value->type = TALLY_EVENT_VALUE_BOOLEAN;
  else if (json_object_has_member (any, "arrayValue"))
    value->type = TALLY_EVENT_VALUE_ARRAY;
  else if (json_object_has_member (any, "kvlistValue") || json_object_has_member (any, "bytesValue"))
    value->type = TALLY_EVENT_VALUE_OBJECT;
  else
    value->type = TALLY_EVENT_VALUE_NULL;
}

static gboolean
is_present (JsonObject *any)
{
  TallyEventValue value;

  if (any == NULL)
    return FALSE;
  value_from_any (any, &value);
  return value.type != TALLY_EVENT_VALUE_NULL &&
         !(value.type == TALLY_EVENT_VALUE_STRING && value.len == 0);
}

/* The first present of a field's attributes, on the span, else on its
 * resource (where service.name lives, and tally.project may). */
static Attr
pick_attribute (const Attributes *span,
                const Attributes *resource,
                guint             m,
                JsonObject      **any)
{
  const Attributes *sources[] = { span, resource };
  Attr names[] = { mapping[m].first, mapping[m].second };

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      {
        if (names[n] != NO_ATTR && is_present (sources[s]->values[names[n]]))
          {
            *any = sources[s]->values[names[n]];
            return names[n];
          }
      }
  return NO_ATTR;
}

/* A fixed64 of Unix nanoseconds: a string in ProtoJSON, a number from
 * some exporters. Absent or null reads as 0, as protobuf's default. */
static gboolean
read_nanos (JsonObject  *span,
            const char  *name,
            gint64      *nanos,
            GError     **error)
{
  JsonNode *node = json_object_get_member (span, name);
  gboolean ok = FALSE;
  double d;

  *nanos = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          ok = parse_int_string (json_node_get_string (node), nanos);
          break;
        case G_TYPE_INT64:
          *nanos = json_node_get_int (node);
          ok = TRUE;
          break;
        case G_TYPE_DOUBLE:
          d = json_node_get_double (node);
          ok = isfinite (d) && fabs (d) < 9.0e18;
          *nanos = ok ? (gint64) d : 0;
          break;
        default:
          break;
        }
    }
  if (!ok || *nanos < 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: must be Unix nanoseconds"), name);
      return FALSE;
    }
  return TRUE;
}

/* time = the span's start; latency_ms = end − start, absent without an
 * end (a span exported before it ended). */
static gboolean
set_times (TallyEvent  *event,
           JsonObject  *span,
           gint64       now_ms,
           GError     **error)
{
  TallyEventValue latency = { TALLY_EVENT_VALUE_NUMBER, };
  gint64 start, end;

  if (!read_nanos (span, "startTimeUnixNano", &start, error) ||
      !read_nanos (span, "endTimeUnixNano", &end, error))
    return FALSE;
  if (start == 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: required"), "startTimeUnixNano");
      return FALSE;
    }
  if (!tally_event_set_time_ms (event, start / 1000000, FALSE, "startTimeUnixNano", now_ms, error))
    return FALSE;
  if (end == 0)
    return TRUE;
  if (end < start)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("%s: before startTimeUnixNano"), "endTimeUnixNano");
      return FALSE;
    }
  latency.d = (end - start) / 1.0e6;
  return tally_event_field_set (event, TALLY_EVENT_FIELD_LATENCY_MS, &latency, NULL, now_ms, error);
}

/* Status code 2 is ERROR; ProtoJSON may write the enum by name. */
static gboolean
span_status_is_error (JsonObject *span)
{
  JsonNode *node = json_object_get_member (span, "status");
  JsonNode *code;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  code = json_object_get_member (json_node_get_object (node), "code");
  if (code == NULL || !JSON_NODE_HOLDS_VALUE (code))
    return FALSE;
  if (json_node_get_value_type (code) == G_TYPE_STRING)
    return g_str_equal (json_node_get_string (code), "STATUS_CODE_ERROR");
  return json_node_get_value_type (code) == G_TYPE_INT64 && json_node_get_int (code) == 2;
}

static gboolean
set_identity (TallyEvent  *event,
              JsonObject  *span,
              gint64       now_ms,
              GError     **error)
{
  TallyEventValue value = { TALLY_EVENT_VALUE_STRING, };

  value.str = get_string_member (span, "traceId");
  if (value.str != NULL)
    {
      value.len = strlen (value.str);
      if (!tally_event_field_set (event, TALLY_EVENT_FIELD_TRACE_ID, &value, "traceId", now_ms, error))
        return FALSE;
    }
  if (event->dims[TALLY_DIMENSION_ERROR] == NULL && span_status_is_error (span))
    {
      value.str = "error";
      value.len = strlen ("error");
      return tally_event_field_set (event, TALLY_EVENT_FIELD_ERROR, &value, NULL, now_ms, error);
    }
  return TRUE;
}

/* NULL with *ignored set for spans that are not model calls; NULL with
 * @error for model calls that break a rule. */
static TallyEvent *
span_to_event (JsonObject        *span,
               const Attributes  *resource,
               gint64             now_ms,
               gboolean          *ignored,
               GError           **error)
{
  g_autoptr(TallyEvent) event = NULL;
  Attributes attrs = { { NULL, }, FALSE };

  collect_attributes (span, &attrs);
  *ignored = attrs.values[ATTR_RESPONSE_MODEL] == NULL &&
             attrs.values[ATTR_REQUEST_MODEL] == NULL && !attrs.has_usage;
  if (*ignored)
    return NULL;

  event = tally_event_new ();
  if (!set_times (event, span, now_ms, error))
    return NULL;
  for (guint m = 0; m < G_N_ELEMENTS (mapping); m++)
    {
      JsonObject *any = NULL;
      Attr attr = pick_attribute (&attrs, resource, m, &any);
      TallyEventValue value;

      if (attr == NO_ATTR)
        continue;
      value_from_any (any, &value);
      if (!tally_event_field_set (event, mapping[m].field, &value, attr_names[attr], now_ms, error))
        return NULL;
    }
  if (!set_identity (event, span, now_ms, error) || !tally_event_check_complete (event, error))
    return NULL;

  return g_steal_pointer (&event);
}

typedef struct
{
  TallyOtlpTraces *traces;
  gint64           now_ms;
  guint            max_spans;
} Parse;

/* An optional array member; a present one of another type fails the
 * whole request, naming its path. */
static gboolean
get_array (JsonObject  *object,
           const char  *member,
           const char  *path,
           JsonArray  **array,
           GError     **error)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  *array = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: must be an array"), path);
      return FALSE;
    }
  *array = json_node_get_array (node);
  return TRUE;
}

static JsonObject *
get_object_element (JsonArray *array,
                    guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
parse_span (Parse             *p,
            JsonObject        *span,
            const Attributes  *resource,
            GError           **error)
{
  TallyOtlpTraces *traces = p->traces;
  g_autoptr(GError) rejection = NULL;
  g_autofree char *message = NULL;
  guint index = traces->n_spans++;
  const char *id;
  TallyEvent *event = NULL;
  gboolean ignored = FALSE;

  if (p->max_spans > 0 && traces->n_spans > p->max_spans)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_TOO_LARGE,
                   _("more than %u spans in one request"), p->max_spans);
      return FALSE;
    }
  if (span == NULL)
    g_set_error (&rejection, TALLY_ERROR, TALLY_ERROR_INVALID, _("must be a JSON object"));
  else
    event = span_to_event (span, resource, p->now_ms, &ignored, &rejection);

  if (event != NULL)
    g_ptr_array_add (traces->events, event);
  else if (ignored)
    traces->n_ignored++;
  else
    {
      id = get_string_member (span, "spanId");
      if (id != NULL && *id != '\0')
        message = g_strdup_printf (_("span %s: %s"), id, rejection->message);
      else
        message = g_strdup_printf (_("span #%u: %s"), index, rejection->message);
      tally_event_rejections_add (traces->rejected, index, message);
    }
  return TRUE;
}

static gboolean
parse_resource_spans (Parse       *p,
                      JsonObject  *resource_spans,
                      guint        r,
                      GError     **error)
{
  g_autofree char *path = g_strdup_printf ("resourceSpans[%u].scopeSpans", r);
  JsonNode *resource = json_object_get_member (resource_spans, "resource");
  Attributes resource_attrs = { { NULL, }, FALSE };
  JsonArray *scope_spans, *spans;

  if (resource != NULL && JSON_NODE_HOLDS_OBJECT (resource))
    collect_attributes (json_node_get_object (resource), &resource_attrs);
  if (!get_array (resource_spans, "scopeSpans", path, &scope_spans, error))
    return FALSE;

  for (guint s = 0; scope_spans != NULL && s < json_array_get_length (scope_spans); s++)
    {
      g_autofree char *spans_path = g_strdup_printf ("%s[%u].spans", path, s);

      if (!get_array (get_object_element (scope_spans, s), "spans", spans_path, &spans, error))
        return FALSE;
      for (guint i = 0; spans != NULL && i < json_array_get_length (spans); i++)
        {
          if (!parse_span (p, get_object_element (spans, i), &resource_attrs, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_request (Parse       *p,
               JsonNode    *root,
               GError     **error)
{
  JsonArray *resource_spans;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("expected an OTLP ExportTraceServiceRequest object"));
      return FALSE;
    }
  if (!get_array (json_node_get_object (root), "resourceSpans", "resourceSpans",
                  &resource_spans, error))
    return FALSE;

  for (guint r = 0; resource_spans != NULL && r < json_array_get_length (resource_spans); r++)
    {
      JsonObject *object = get_object_element (resource_spans, r);

      if (object == NULL)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("resourceSpans[%u]: must be an object"), r);
          return FALSE;
        }
      if (!parse_resource_spans (p, object, r, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * tally_otlp_parse_traces:
 * @body: an OTLP/HTTP JSON ExportTraceServiceRequest
 * @now_ms: Unix milliseconds for the time range check; 0 for the clock's
 * @max_spans: the most spans accepted in one request, 0 for no limit
 *
 * Returns: (transfer full): the events, rejections and counts; NULL with
 *   TALLY_ERROR_INVALID when the body is not JSON or not a request (400),
 *   TALLY_ERROR_TOO_LARGE past @max_spans (413)
 */
TallyOtlpTraces *
tally_otlp_parse_traces (const char  *body,
                         gsize        len,
                         gint64       now_ms,
                         guint        max_spans,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(TallyOtlpTraces) traces = NULL;
  g_autoptr(GError) local = NULL;
  Parse p;

  g_return_val_if_fail (body != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len == 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("the body is empty"));
      return NULL;
    }
  if (!tally_json_validate (body, len, error))
    return NULL;
  /* After the strict check json-glib should not fail; if it does, the
   * caller still gets a TALLY_ERROR. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, body, len, &local))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("invalid JSON: %s"), local->message);
      return NULL;
    }

  traces = g_new0 (TallyOtlpTraces, 1);
  traces->events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  traces->rejected = tally_event_rejections_new ();
  p = (Parse) { traces, tally_event_resolve_now (now_ms), max_spans };
  if (!parse_request (&p, json_parser_get_root (parser), error))
    return NULL;

  return g_steal_pointer (&traces);
}

void
tally_otlp_traces_free (TallyOtlpTraces *traces)
{
  if (traces == NULL)
    return;
  g_clear_pointer (&traces->events, g_ptr_array_unref);
  g_clear_pointer (&traces->rejected, g_array_unref);
  g_free (traces);
}

/**
 * tally_otlp_build_response:
 * @rejected_spans: spans refused
 * @error_message: (nullable): why, for the sender's logs
 *
 * The body of an OTLP/HTTP success answer: `{}` when every span was
 * accepted, else `{"partialSuccess":{"rejectedSpans":N,"errorMessage":"…"}}`
 * (ExportTracePartialSuccess, which OTLP sends with a 200 status).
 */
char *
tally_otlp_build_response (guint       rejected_spans,
                           const char *error_message)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (rejected_spans == 0 && (error_message == NULL || *error_message == '\0'))
    return g_strdup ("{}");

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "partialSuccess");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rejectedSpans");
  json_builder_add_int_value (builder, rejected_spans);
  if (error_message != NULL && *error_message != '\0')
    {
      json_builder_set_member_name (builder, "errorMessage");
      json_builder_add_string_value (builder, error_message);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The first few reasons are enough for a log line; the count says the rest. */
#define MAX_REASONS 3

char *
tally_otlp_traces_build_response (const TallyOtlpTraces *traces)
{
  g_autoptr(GString) message = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (traces != NULL, NULL);

  n = traces->rejected->len;
  for (guint i = 0; i < MIN (n, MAX_REASONS); i++)
    {
      if (i > 0)
        g_string_append (message, "; ");
      g_string_append (message, g_array_index (traces->rejected, TallyEventRejection, i).error);
    }
  if (n > MAX_REASONS)
    g_string_append_printf (message, _(" (and %u more)"), n - MAX_REASONS);

  return tally_otlp_build_response (n, message->str);
}
