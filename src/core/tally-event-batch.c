/* tally-event-batch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A request body of /v1/events to events, on the collector's hot path: the
 * body is read once with the streaming reader, each event filled directly
 * through the shared field rules. A bad event is rejected alone with its
 * index; only a body that is not JSON (or NDJSON), not UTF-8 or of the
 * wrong shape fails whole (400), and one with too many events fails whole
 * as too large (413). */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-error.h"
#include "tally-event-batch.h"
#include "tally-event-private.h"
#include "tally-json-reader.h"

typedef struct
{
  TallyJsonReader  reader;
  gint64           now_ms;
  guint            max_events;
  guint            n_events;
  GPtrArray       *events;
  GArray          *rejected;
} Batch;

static void
rejection_clear (gpointer data)
{
  TallyEventRejection *rejection = data;

  g_clear_pointer (&rejection->error, g_free);
}

/**
 * tally_event_rejections_new:
 *
 * Returns: (transfer full): an empty array of TallyEventRejection that
 *   frees their messages
 */
GArray *
tally_event_rejections_new (void)
{
  GArray *rejected = g_array_new (FALSE, FALSE, sizeof (TallyEventRejection));

  g_array_set_clear_func (rejected, rejection_clear);
  return rejected;
}

void
tally_event_rejections_add (GArray     *rejected,
                            guint       index,
                            const char *error)
{
  TallyEventRejection rejection = { index, g_strdup (error) };

  g_return_if_fail (rejected != NULL);

  g_array_append_val (rejected, rejection);
}

static gboolean
is_container (const TallyEventValue *value)
{
  return value->type == TALLY_EVENT_VALUE_OBJECT || value->type == TALLY_EVENT_VALUE_ARRAY;
}

/* The members of "labels"; after the first bad one the rest is only
 * skipped. Returns FALSE on a syntax error only. */
static gboolean
read_labels (TallyJsonReader  *r,
             TallyEvent       *event,
             GError          **rejection)
{
  gboolean more;
  const char *key;
  gsize key_len;

  if (!tally_json_reader_enter_object (r, NULL))
    return FALSE;
  while (tally_json_reader_next_member (r, &more, &key, &key_len, NULL) && more)
    {
      TallyEventValue value;

      if (!tally_json_reader_read_value (r, &value, NULL))
        return FALSE;
      if (*rejection == NULL)
        tally_event_label_set_value (event, key, key_len, &value, rejection);
      if (is_container (&value) && !tally_json_reader_skip_value (r, NULL))
        return FALSE;
    }
  return tally_json_reader_get_error_kind (r) == TALLY_JSON_ERROR_NONE;
}

static gboolean
read_member (TallyJsonReader  *r,
             TallyEvent       *event,
             TallyEventField   field,
             gint64            now_ms,
             GError          **rejection)
{
  TallyEventValue value;

  if (field == TALLY_EVENT_FIELD_UNKNOWN || *rejection != NULL)
    return tally_json_reader_skip_value (r, NULL);
  if (!tally_json_reader_read_value (r, &value, NULL))
    return FALSE;
  if (!tally_event_field_set (event, field, &value, NULL, now_ms, rejection))
    return !is_container (&value) || tally_json_reader_skip_value (r, NULL);
  if (field == TALLY_EVENT_FIELD_LABELS && value.type == TALLY_EVENT_VALUE_OBJECT)
    return read_labels (r, event, rejection);
  return TRUE;
}

/* One event: on success either *out or *rejection is set. Returns FALSE
 * on a syntax error only, which the reader holds. */
static gboolean
read_event (TallyJsonReader  *r,
            gint64            now_ms,
            TallyEvent      **out,
            GError          **rejection)
{
  g_autoptr(TallyEvent) event = NULL;
  gboolean more;
  const char *name;
  gsize len;

  if (tally_json_reader_peek (r) != TALLY_EVENT_VALUE_OBJECT)
    {
      if (!tally_json_reader_skip_value (r, NULL))
        return FALSE;
      g_set_error (rejection, TALLY_ERROR, TALLY_ERROR_INVALID, _("event: must be a JSON object"));
      return TRUE;
    }

  if (!tally_json_reader_enter_object (r, NULL))
    return FALSE;
  event = tally_event_new ();
  while (tally_json_reader_next_member (r, &more, &name, &len, NULL) && more)
    {
      if (!read_member (r, event, tally_event_field_lookup (name, len), now_ms, rejection))
        return FALSE;
    }
  if (tally_json_reader_get_error_kind (r) != TALLY_JSON_ERROR_NONE)
    return FALSE;

  if (*rejection == NULL && tally_event_check_complete (event, rejection))
    *out = g_steal_pointer (&event);
  return TRUE;
}

static gboolean
count_event (Batch   *b,
             GError **error)
{
  b->n_events++;
  if (b->max_events > 0 && b->n_events > b->max_events)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_TOO_LARGE,
                   _("more than %u events in one request"), b->max_events);
      return FALSE;
    }
  return TRUE;
}

static void
add_result (Batch      *b,
            TallyEvent *event,
            GError     *rejection,
            guint       line)
{
  g_autofree char *message = NULL;

  if (event != NULL)
    {
      g_ptr_array_add (b->events, event);
      return;
    }
  if (line > 0)
    message = g_strdup_printf (_("line %u: %s"), line, rejection->message);
  tally_event_rejections_add (b->rejected, b->n_events - 1, message ? message : rejection->message);
}

static gboolean
parse_event_array (Batch   *b,
                   GError **error)
{
  TallyJsonReader *r = &b->reader;
  gboolean more;

  if (!tally_json_reader_enter_array (r, error))
    return FALSE;
  for (;;)
    {
      g_autoptr(GError) rejection = NULL;
      TallyEvent *event = NULL;

      if (!tally_json_reader_next_element (r, &more, error))
        return FALSE;
      if (!more)
        return TRUE;
      if (!count_event (b, error))
        return FALSE;
      if (!read_event (r, b->now_ms, &event, &rejection))
        return tally_json_reader_set_error (r, error);
      add_result (b, event, rejection, 0);
    }
}

static void
set_shape_error (GError **error)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
               _("expected a JSON array of events or an object with an “events” array"));
}

/* {"events": […]}: other members are ignored like unknown event fields. */
static gboolean
parse_wrapper (Batch   *b,
               GError **error)
{
  TallyJsonReader *r = &b->reader;
  gboolean more, seen = FALSE;
  const char *name;
  gsize len;

  if (!tally_json_reader_enter_object (r, error))
    return FALSE;
  for (;;)
    {
      if (!tally_json_reader_next_member (r, &more, &name, &len, error))
        return FALSE;
      if (!more)
        break;
      if (len != strlen ("events") || memcmp (name, "events", len) != 0)
        {
          if (!tally_json_reader_skip_value (r, error))
            return FALSE;
          continue;
        }
      if (seen || tally_json_reader_peek (r) != TALLY_EVENT_VALUE_ARRAY)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       seen ? _("events: given twice") : _("events: must be an array"));
          return FALSE;
        }
      seen = TRUE;
      if (!parse_event_array (b, error))
        return FALSE;
    }
  if (!seen)
    set_shape_error (error);
  return seen;
}

static gsize
bom_length (const char *body,
            gsize       len)
{
  return len >= 3 && memcmp (body, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static gboolean
parse_json (Batch       *b,
            const char  *body,
            gsize        len,
            GError     **error)
{
  TallyJsonReader *r = &b->reader;
  TallyEventValue value;
  gboolean ok;

  /* RFC 8259 lets a parser ignore a byte order mark; Windows tools add one. */
  r->p += bom_length (body, len);

  switch (tally_json_reader_peek (r))
    {
    case TALLY_EVENT_VALUE_ARRAY:
      ok = parse_event_array (b, error);
      break;
    case TALLY_EVENT_VALUE_OBJECT:
      ok = parse_wrapper (b, error);
      break;
    default:
      if (tally_json_reader_get_offset (r) >= len)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("the body is empty"));
          return FALSE;
        }
      if (tally_json_reader_read_value (r, &value, error))
        set_shape_error (error);
      return FALSE;
    }
  return ok && tally_json_reader_end (r, error);
}

static gboolean
is_blank (const char *p,
          const char *end)
{
  for (; p < end; p++)
    {
      if (*p != ' ' && *p != '\t' && *p != '\r')
        return FALSE;
    }
  return TRUE;
}

/* A line that is not one JSON event is rejected alone, except for bytes
 * that are not UTF-8: those fail the body, as in the JSON format. */
static gboolean
reject_bad_line (Batch       *b,
                 const char  *line,
                 gsize        len,
                 guint        line_number,
                 GError     **error)
{
  TallyJsonReader *r = &b->reader;
  g_autofree char *message = NULL;
  gsize bad;

  if (!tally_json_utf8_validate (line, len, &bad))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("invalid UTF-8 at line %u, column %u"), line_number, (guint) bad + 1);
      return FALSE;
    }
  message = g_strdup_printf (_("line %u: invalid JSON at column %u: %s"), line_number,
                             (guint) tally_json_reader_get_error_offset (r) + 1,
                             tally_json_reader_get_error_reason (r));
  tally_event_rejections_add (b->rejected, b->n_events - 1, message);
  return TRUE;
}

static gboolean
parse_line (Batch       *b,
            const char  *line,
            gsize        len,
            guint        line_number,
            GError     **error)
{
  TallyJsonReader *r = &b->reader;
  g_autoptr(GError) rejection = NULL;
  TallyEvent *event = NULL;

  tally_json_reader_reset (r, line, len);
  if (!read_event (r, b->now_ms, &event, &rejection) || !tally_json_reader_end (r, NULL))
    {
      g_clear_pointer (&event, tally_event_free);
      return reject_bad_line (b, line, len, line_number, error);
    }
  add_result (b, event, rejection, line_number);
  return TRUE;
}

static gboolean
parse_ndjson (Batch       *b,
              const char  *body,
              gsize        len,
              GError     **error)
{
  const char *end = body + len;
  const char *p = body + bom_length (body, len);
  guint line_number = 0;

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line_end = newline ? newline : end;

      line_number++;
      if (line_end > p && line_end[-1] == '\r')
        line_end--;
      if (!is_blank (p, line_end))
        {
          if (!count_event (b, error) ||
              !parse_line (b, p, line_end - p, line_number, error))
            return FALSE;
        }
      p = newline ? newline + 1 : end;
    }
  return TRUE;
}

/**
 * tally_event_batch_parse:
 * @body: the request body, not necessarily NUL-terminated
 * @now_ms: Unix milliseconds for the time range check; 0 for the clock's
 * @max_events: the most events accepted in one body, 0 for no limit
 * @events: (out) (element-type TallyEvent) (transfer container): the good
 *   events, in body order
 * @rejected: (out) (element-type TallyEventRejection): the bad ones
 *
 * Returns: FALSE when the body as a whole is refused: TALLY_ERROR_INVALID
 *   (400: not JSON, not UTF-8, wrong shape; the message says where) or
 *   TALLY_ERROR_TOO_LARGE (413: more than @max_events events)
 */
gboolean
tally_event_batch_parse (const char             *body,
                         gsize                   len,
                         TallyEventBatchFormat   format,
                         gint64                  now_ms,
                         guint                   max_events,
                         GPtrArray             **events,
                         GArray                **rejected,
                         GError                **error)
{
  Batch b = { 0, };
  gboolean ok;

  g_return_val_if_fail (body != NULL || len == 0, FALSE);
  g_return_val_if_fail (events != NULL && rejected != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *events = NULL;
  *rejected = NULL;
  b.now_ms = tally_event_resolve_now (now_ms);
  b.max_events = max_events;
  b.events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  b.rejected = tally_event_rejections_new ();
  tally_json_reader_init (&b.reader, body ? body : "", len);

  if (format == TALLY_EVENT_BATCH_NDJSON)
    ok = parse_ndjson (&b, body, len, error);
  else
    ok = parse_json (&b, body, len, error);

  tally_json_reader_clear (&b.reader);
  if (!ok)
    {
      g_ptr_array_unref (b.events);
      g_array_unref (b.rejected);
      return FALSE;
    }
  *events = b.events;
  *rejected = b.rejected;
  return TRUE;
}

/**
 * tally_event_batch_format_for_content_type:
 * @content_type: (nullable): a Content-Type header value
 *
 * NDJSON for `application/x-ndjson` and its aliases (`application/jsonl`,
 * `application/x-jsonlines`, `application/jsonlines`), JSON otherwise.
 */
TallyEventBatchFormat
tally_event_batch_format_for_content_type (const char *content_type)
{
  static const char *ndjson[] = {
    "application/x-ndjson", "application/ndjson", "application/jsonl",
    "application/x-jsonlines", "application/jsonlines",
  };
  gsize len;

  if (content_type == NULL)
    return TALLY_EVENT_BATCH_JSON;
  len = strcspn (content_type, "; \t");
  for (guint i = 0; i < G_N_ELEMENTS (ndjson); i++)
    {
      if (strlen (ndjson[i]) == len && g_ascii_strncasecmp (content_type, ndjson[i], len) == 0)
        return TALLY_EVENT_BATCH_NDJSON;
    }
  return TALLY_EVENT_BATCH_JSON;
}

/**
 * tally_event_batch_build_response:
 * @rejected: (nullable) (element-type TallyEventRejection)
 *
 * The collector's answer to POST /v1/events:
 * `{"accepted":N,"rejected":[{"index":i,"error":"…"}]}`.
 */
char *
tally_event_batch_build_response (guint   accepted,
                                  GArray *rejected)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "accepted");
  json_builder_add_int_value (builder, accepted);
  json_builder_set_member_name (builder, "rejected");
  json_builder_begin_array (builder);
  for (guint i = 0; rejected != NULL && i < rejected->len; i++)
    {
      TallyEventRejection *r = &g_array_index (rejected, TallyEventRejection, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, r->index);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, r->error);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
