/* tally-event-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The rules of each event field (DESIGN.md, "The usage event"), written
 * once for every way an event arrives: a value is checked and stored here
 * or rejected with a message that starts with the field's name and says the
 * rule, so a client can fix its payload from the message alone. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-event-private.h"

typedef enum
{
  KIND_TIME,
  KIND_DIMENSION,
  KIND_ID,
  KIND_STATUS,
  KIND_TOKENS,
  KIND_DURATION,
  KIND_COST,
  KIND_LABELS,
} FieldKind;

typedef struct
{
  const char *name;
  guint8      len;
  FieldKind   kind;
  /* DIMENSION: the index in TallyEvent.dims */
  guint8      dim;
} FieldInfo;

#define FIELD(n, k, d) { n, sizeof n - 1, k, d }

static const FieldInfo fields[TALLY_EVENT_N_FIELDS] = {
  [TALLY_EVENT_FIELD_TIME] = FIELD ("time", KIND_TIME, 0),
  [TALLY_EVENT_FIELD_MODEL] = FIELD ("model", KIND_DIMENSION, TALLY_DIMENSION_MODEL),
  [TALLY_EVENT_FIELD_PROVIDER] = FIELD ("provider", KIND_DIMENSION, TALLY_DIMENSION_PROVIDER),
  [TALLY_EVENT_FIELD_PROJECT] = FIELD ("project", KIND_DIMENSION, TALLY_DIMENSION_PROJECT),
  [TALLY_EVENT_FIELD_API_KEY] = FIELD ("api_key", KIND_DIMENSION, TALLY_DIMENSION_API_KEY),
  [TALLY_EVENT_FIELD_USER] = FIELD ("user", KIND_DIMENSION, TALLY_DIMENSION_USER),
  [TALLY_EVENT_FIELD_SERVICE] = FIELD ("service", KIND_DIMENSION, TALLY_DIMENSION_SERVICE),
  [TALLY_EVENT_FIELD_LANGUAGE] = FIELD ("language", KIND_DIMENSION, TALLY_DIMENSION_LANGUAGE),
  [TALLY_EVENT_FIELD_OPERATION] = FIELD ("operation", KIND_DIMENSION, TALLY_DIMENSION_OPERATION),
  [TALLY_EVENT_FIELD_ERROR] = FIELD ("error", KIND_DIMENSION, TALLY_DIMENSION_ERROR),
  [TALLY_EVENT_FIELD_STATUS] = FIELD ("status", KIND_STATUS, 0),
  [TALLY_EVENT_FIELD_INPUT_TOKENS] = FIELD ("input_tokens", KIND_TOKENS, 0),
  [TALLY_EVENT_FIELD_OUTPUT_TOKENS] = FIELD ("output_tokens", KIND_TOKENS, 0),
  [TALLY_EVENT_FIELD_CACHED_TOKENS] = FIELD ("cached_tokens", KIND_TOKENS, 0),
  [TALLY_EVENT_FIELD_LATENCY_MS] = FIELD ("latency_ms", KIND_DURATION, 0),
  [TALLY_EVENT_FIELD_TTFT_MS] = FIELD ("ttft_ms", KIND_DURATION, 0),
  [TALLY_EVENT_FIELD_QUEUE_MS] = FIELD ("queue_ms", KIND_DURATION, 0),
  [TALLY_EVENT_FIELD_AUDIO_MS] = FIELD ("audio_ms", KIND_DURATION, 0),
  [TALLY_EVENT_FIELD_COST] = FIELD ("cost", KIND_COST, 0),
  [TALLY_EVENT_FIELD_TRACE_ID] = FIELD ("trace_id", KIND_ID, 0),
  [TALLY_EVENT_FIELD_REQUEST_ID] = FIELD ("request_id", KIND_ID, 0),
  [TALLY_EVENT_FIELD_LABELS] = FIELD ("labels", KIND_LABELS, 0),
};

#undef FIELD

/* Called for every member of every event on the hot path: the length and
 * the first byte rule out nearly every other name before a memcmp(). */
TallyEventField
tally_event_field_lookup (const char *name,
                          gsize       len)
{
  if (len == 0)
    return TALLY_EVENT_FIELD_UNKNOWN;
  for (guint i = 0; i < TALLY_EVENT_N_FIELDS; i++)
    {
      if (fields[i].len == len && fields[i].name[0] == name[0] &&
          memcmp (fields[i].name, name, len) == 0)
        return i;
    }
  return TALLY_EVENT_FIELD_UNKNOWN;
}

const char *
tally_event_field_get_name (TallyEventField field)
{
  g_return_val_if_fail (field < TALLY_EVENT_N_FIELDS, NULL);

  return fields[field].name;
}

gint64
tally_event_resolve_now (gint64 now_ms)
{
  return now_ms > 0 ? now_ms : g_get_real_time () / 1000;
}

static char **
field_string_slot (TallyEvent      *event,
                   TallyEventField  field)
{
  if (field == TALLY_EVENT_FIELD_TRACE_ID)
    return &event->trace_id;
  if (field == TALLY_EVENT_FIELD_REQUEST_ID)
    return &event->request_id;
  return &event->dims[fields[field].dim];
}

/* Strings: an empty one counts as absent, so "model": "" is "model:
 * required" and optional fields never hold a distinct empty value. */
static gboolean
set_string (TallyEvent             *event,
            TallyEventField         field,
            const TallyEventValue  *value,
            const char             *name,
            GError                **error)
{
  gsize max = field == TALLY_EVENT_FIELD_ERROR ? TALLY_EVENT_MAX_ERROR : TALLY_EVENT_MAX_STRING;
  char **slot = field_string_slot (event, field);
  char *copy;

  if (value->type != TALLY_EVENT_VALUE_STRING)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: must be a string"), name);
      return FALSE;
    }
  if (value->len > max)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("%s: longer than %u bytes"), name, (guint) max);
      return FALSE;
    }
  if (memchr (value->str, '\0', value->len) != NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("%s: must not contain NUL characters"), name);
      return FALSE;
    }

  copy = value->len > 0 ? g_strndup (value->str, value->len) : NULL;
  if (copy != NULL && field == TALLY_EVENT_FIELD_API_KEY)
    {
      char *masked = tally_event_mask_secret (copy);

      g_free (copy);
      copy = masked;
    }
  g_free (*slot);
  *slot = copy;
  return TRUE;
}

/* An integer, also when written as 12.0 or 1.2e3: JSON does not tell them
 * apart and some clients only have doubles. */
static gboolean
value_get_integer (const TallyEventValue *value,
                   gint64                *out)
{
  if (value->type != TALLY_EVENT_VALUE_NUMBER)
    return FALSE;
  if (value->is_int)
    {
      *out = value->i;
      return TRUE;
    }
  if (!isfinite (value->d) || value->d != floor (value->d) || fabs (value->d) > 9.0e18)
    return FALSE;
  *out = (gint64) value->d;
  return TRUE;
}

static gboolean
set_status (TallyEvent             *event,
            const TallyEventValue  *value,
            const char             *name,
            GError                **error)
{
  gint64 status;

  if (!value_get_integer (value, &status) || status < 0 || status > 599)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("%s: must be an integer 0..599"), name);
      return FALSE;
    }
  event->status = (int) status;
  return TRUE;
}

static gint64 *
tokens_slot (TallyEvent      *event,
             TallyEventField  field)
{
  switch (field)
    {
    case TALLY_EVENT_FIELD_INPUT_TOKENS:
      return &event->input_tokens;
    case TALLY_EVENT_FIELD_OUTPUT_TOKENS:
      return &event->output_tokens;
    default:
      return &event->cached_tokens;
    }
}

static gboolean
set_tokens (TallyEvent             *event,
            TallyEventField         field,
            const TallyEventValue  *value,
            const char             *name,
            GError                **error)
{
  gint64 tokens;

  if (!value_get_integer (value, &tokens) || tokens < 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("%s: must be an integer ≥ 0"), name);
      return FALSE;
    }
  if (tokens > TALLY_EVENT_MAX_TOKENS)
    {
      /* xgettext cannot see through G_GINT64_FORMAT: print the number first. */
      g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, TALLY_EVENT_MAX_TOKENS);

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: must be at most %s"), name, max);
      return FALSE;
    }
  *tokens_slot (event, field) = tokens;
  return TRUE;
}

static double *
number_slot (TallyEvent      *event,
             TallyEventField  field)
{
  switch (field)
    {
    case TALLY_EVENT_FIELD_LATENCY_MS:
      return &event->latency_ms;
    case TALLY_EVENT_FIELD_TTFT_MS:
      return &event->ttft_ms;
    case TALLY_EVENT_FIELD_QUEUE_MS:
      return &event->queue_ms;
    case TALLY_EVENT_FIELD_AUDIO_MS:
      return &event->audio_ms;
    default:
      return &event->cost;
    }
}

/* Durations and cost. NaN and infinities cannot be written in JSON, but a
 * huge exponent overflows to one, and other callers may pass anything. */
static gboolean
set_number (TallyEvent             *event,
            TallyEventField         field,
            const TallyEventValue  *value,
            const char             *name,
            GError                **error)
{
  double max = field == TALLY_EVENT_FIELD_COST ? TALLY_EVENT_MAX_COST : TALLY_EVENT_MAX_DURATION_MS;
  double d = value->d;

  if (value->type != TALLY_EVENT_VALUE_NUMBER || isnan (d) || d < 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: must be a number ≥ 0"), name);
      return FALSE;
    }
  if (d > max)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: must be at most %.0f"), name, max);
      return FALSE;
    }
  /* + 0.0 turns -0 into 0, so the value prints as "0". */
  *number_slot (event, field) = d + 0.0;
  return TRUE;
}

static gboolean
set_time (TallyEvent             *event,
          const TallyEventValue  *value,
          const char             *name,
          gint64                  now_ms,
          GError                **error)
{
  gint64 time_ms;
  gboolean parsed = FALSE;

  if (value->type == TALLY_EVENT_VALUE_STRING)
    parsed = tally_event_time_from_string (value->str, value->len, &time_ms);
  else if (value->type == TALLY_EVENT_VALUE_NUMBER)
    parsed = tally_event_time_from_seconds (value->d, &time_ms);

  if (!parsed)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("%s: must be an RFC 3339 date-time or Unix seconds"), name);
      return FALSE;
    }
  return tally_event_set_time_ms (event, time_ms, value->type == TALLY_EVENT_VALUE_NUMBER,
                                  name, now_ms, error);
}

gboolean
tally_event_set_time_ms (TallyEvent  *event,
                         gint64       time_ms,
                         gboolean     from_number,
                         const char  *name,
                         gint64       now_ms,
                         GError     **error)
{
  gint64 max = tally_event_resolve_now (now_ms) + TALLY_EVENT_FUTURE_SLACK_MS;

  if (time_ms >= TALLY_EVENT_MIN_TIME_MS && time_ms <= max)
    {
      event->time_ms = time_ms;
      return TRUE;
    }
  /* The most common mistake: milliseconds where seconds are expected. */
  if (from_number && time_ms / 1000 >= TALLY_EVENT_MIN_TIME_MS && time_ms / 1000 <= max)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                 _("%s: must be Unix seconds, not milliseconds"), name ? name : "time");
  else
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                 _("%s: must be between 2000-01-01 and one day from now"), name ? name : "time");
  return FALSE;
}

static gboolean
set_labels (TallyEvent             *event,
            const TallyEventValue  *value,
            const char             *name,
            GError                **error)
{
  if (value->type != TALLY_EVENT_VALUE_OBJECT)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("%s: must be an object of strings"), name);
      return FALSE;
    }
  /* A repeated "labels" member replaces the earlier one, as other
   * repeated members do. */
  g_clear_pointer (&event->label_keys, g_strfreev);
  g_clear_pointer (&event->label_values, g_strfreev);
  event->n_labels = 0;
  return TRUE;
}

static void
clear_field (TallyEvent      *event,
             TallyEventField  field)
{
  switch (fields[field].kind)
    {
    case KIND_TIME:
      event->time_ms = 0;
      break;
    case KIND_DIMENSION:
    case KIND_ID:
      g_clear_pointer (field_string_slot (event, field), g_free);
      break;
    case KIND_STATUS:
      event->status = -1;
      break;
    case KIND_TOKENS:
      *tokens_slot (event, field) = -1;
      break;
    case KIND_DURATION:
    case KIND_COST:
      *number_slot (event, field) = NAN;
      break;
    case KIND_LABELS:
      g_clear_pointer (&event->label_keys, g_strfreev);
      g_clear_pointer (&event->label_values, g_strfreev);
      event->n_labels = 0;
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
tally_event_field_set (TallyEvent             *event,
                       TallyEventField         field,
                       const TallyEventValue  *value,
                       const char             *name,
                       gint64                  now_ms,
                       GError                **error)
{
  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (field < TALLY_EVENT_N_FIELDS, FALSE);

  if (name == NULL)
    name = fields[field].name;

  /* null is the same as leaving the member out. */
  if (value == NULL || value->type == TALLY_EVENT_VALUE_NULL)
    {
      clear_field (event, field);
      return TRUE;
    }

  switch (fields[field].kind)
    {
    case KIND_TIME:
      return set_time (event, value, name, now_ms, error);
    case KIND_DIMENSION:
    case KIND_ID:
      return set_string (event, field, value, name, error);
    case KIND_STATUS:
      return set_status (event, value, name, error);
    case KIND_TOKENS:
      return set_tokens (event, field, value, name, error);
    case KIND_DURATION:
    case KIND_COST:
      return set_number (event, field, value, name, error);
    case KIND_LABELS:
      return set_labels (event, value, name, error);
    default:
      g_assert_not_reached ();
    }
}

gboolean
tally_event_label_set_value (TallyEvent             *event,
                             const char             *key,
                             gsize                   key_len,
                             const TallyEventValue  *value,
                             GError                **error)
{
  g_autofree char *key_copy = NULL;
  g_autofree char *value_copy = NULL;

  /* A label key is at most 64 bytes: anything longer is refused before it
   * is copied, and never echoed whole in the message. */
  if (key_len > 64)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("labels: a key is longer than 64 bytes"));
      return FALSE;
    }
  key_copy = g_strndup (key, key_len);
  if (strlen (key_copy) != key_len)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("labels: a key must not contain NUL characters"));
      return FALSE;
    }

  if (value == NULL || value->type == TALLY_EVENT_VALUE_NULL)
    return tally_event_set_label (event, key_copy, NULL, error);

  if (value->type != TALLY_EVENT_VALUE_STRING)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("labels.%s: must be a string"), key_copy);
      return FALSE;
    }
  if (memchr (value->str, '\0', value->len) != NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("labels.%s: must not contain NUL characters"), key_copy);
      return FALSE;
    }
  /* tally_event_set_label() checks the key and the value's length. */
  if (value->len > TALLY_EVENT_MAX_STRING)
    value_copy = g_strndup (value->str, TALLY_EVENT_MAX_STRING + 1);
  else
    value_copy = g_strndup (value->str, value->len);
  return tally_event_set_label (event, key_copy, value_copy, error);
}

gboolean
tally_event_check_complete (const TallyEvent  *event,
                            GError           **error)
{
  if (event->time_ms == 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: required"), "time");
      return FALSE;
    }
  if (event->dims[TALLY_DIMENSION_MODEL] == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: required"), "model");
      return FALSE;
    }
  return TRUE;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil): GDateTime would do, at a hundred times the cost. */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (gint64) era * 146097 + doe - 719468;
}

static gboolean
read_digits (const char *p,
             guint       n,
             int        *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

static gboolean
read_offset (const char *p,
             const char *end,
             int        *offset_s)
{
  int hours, minutes;

  if (end - p == 1 && (*p == 'Z' || *p == 'z'))
    {
      *offset_s = 0;
      return TRUE;
    }
  if (end - p != 6 || (*p != '+' && *p != '-') || p[3] != ':' ||
      !read_digits (p + 1, 2, &hours) || !read_digits (p + 4, 2, &minutes) ||
      hours > 23 || minutes > 59)
    return FALSE;
  *offset_s = (*p == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  return TRUE;
}

/* RFC 3339's date-time: 2025-11-23T10:15:30Z, with any number of fraction
 * digits (kept to the millisecond, truncated) and a Z or ±HH:MM offset; a
 * lower-case t/z or a space between date and time is accepted as the RFC
 * allows. A leap second (:60) counts as the next second. */
gboolean
tally_event_time_from_string (const char *str,
                              gsize       len,
                              gint64     *time_ms)
{
  static const guint8 month_days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  const char *end = str + len;
  const char *p = str + 19;
  int year, month, day, hour, minute, second, offset_s, ms = 0;
  gboolean leap;

  if (len < 20 || str[4] != '-' || str[7] != '-' || str[13] != ':' || str[16] != ':' ||
      (str[10] != 'T' && str[10] != 't' && str[10] != ' ') ||
      !read_digits (str, 4, &year) || !read_digits (str + 5, 2, &month) ||
      !read_digits (str + 8, 2, &day) || !read_digits (str + 11, 2, &hour) ||
      !read_digits (str + 14, 2, &minute) || !read_digits (str + 17, 2, &second))
    return FALSE;

  leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > month_days[month - 1] ||
      (month == 2 && day == 29 && !leap) || hour > 23 || minute > 59 || second > 60)
    return FALSE;

  if (*p == '.')
    {
      guint digits = 0;

      for (p++; p < end && g_ascii_isdigit (*p); p++, digits++)
        {
          if (digits < 3)
            ms = ms * 10 + (*p - '0');
        }
      if (digits == 0)
        return FALSE;
      for (; digits < 3; digits++)
        ms *= 10;
    }
  if (!read_offset (p, end, &offset_s))
    return FALSE;

  *time_ms = ((days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 +
               second - offset_s) * 1000) + ms;
  return TRUE;
}

/* Unix seconds, maybe fractional, rounded to the millisecond. Anything
 * beyond ±1e15 s is refused here, before it can overflow a gint64; values
 * in between are left to the range check, which recognises milliseconds. */
gboolean
tally_event_time_from_seconds (double  seconds,
                               gint64 *time_ms)
{
  if (!isfinite (seconds) || fabs (seconds) > 1.0e15)
    return FALSE;
  *time_ms = (gint64) llround (seconds * 1000.0);
  return TRUE;
}
