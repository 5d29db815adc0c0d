/* tally-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* One usage event in memory: ownership, labels, the masking of API keys
 * that look like secrets, and the derived values every query and renderer
 * agrees on (is it an error, a rate limit, its status class). Reading from
 * JSON lives in tally-event-json.c and tally-event-batch.c, the field rules
 * in tally-event-fields.c. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

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
  TallyEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);

  copy = g_memdup2 (event, sizeof *event);
  for (guint i = 0; i < TALLY_N_EVENT_DIMENSIONS; i++)
    copy->dims[i] = g_strdup (event->dims[i]);
  copy->trace_id = g_strdup (event->trace_id);
  copy->request_id = g_strdup (event->request_id);
  copy->label_keys = NULL;
  copy->label_values = NULL;
  if (event->n_labels > 0)
    {
      copy->label_keys = g_new0 (char *, event->n_labels + 1);
      copy->label_values = g_new0 (char *, event->n_labels + 1);
      for (guint i = 0; i < event->n_labels; i++)
        {
          copy->label_keys[i] = g_strdup (event->label_keys[i]);
          copy->label_values[i] = g_strdup (event->label_values[i]);
        }
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

/* The syntax of label.<key> in tally_dimension_parse(), so every stored
 * label can be grouped by. */
static gboolean
label_key_is_valid (const char *key)
{
  gsize len = 0;

  for (const char *p = key; *p != '\0'; p++, len++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("_-./", *p) == NULL)
        return FALSE;
    }
  return len > 0 && len <= 64;
}

static void
remove_label (TallyEvent *event,
              guint       i)
{
  g_free (event->label_keys[i]);
  g_free (event->label_values[i]);
  memmove (&event->label_keys[i], &event->label_keys[i + 1],
           (event->n_labels - i) * sizeof (char *));
  memmove (&event->label_values[i], &event->label_values[i + 1],
           (event->n_labels - i) * sizeof (char *));
  event->n_labels--;
}

/* Finds @key, or where it would go, keeping the keys sorted so events
 * compare and serialise the same whatever order the labels came in. */
static gboolean
find_label (const TallyEvent *event,
            const char       *key,
            guint            *position)
{
  guint i = 0;
  int cmp = 1;

  while (i < event->n_labels && (cmp = strcmp (event->label_keys[i], key)) < 0)
    i++;
  *position = i;
  return i < event->n_labels && cmp == 0;
}

/**
 * tally_event_set_label:
 * @value: (nullable): the value; NULL removes the label
 *
 * Sets a label, replacing an existing value. Keys follow the syntax of
 * `label.<key>` dimensions (letters, digits and `_-./`, 1 to 64 bytes);
 * values are at most TALLY_EVENT_MAX_STRING bytes; an event has at most
 * TALLY_EVENT_MAX_LABELS labels.
 */
gboolean
tally_event_set_label (TallyEvent  *event,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  gboolean found;
  guint i, n;

  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!label_key_is_valid (key))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("labels: “%s” is not a valid key (letters, digits and _-./, 1 to 64 bytes)"),
                   key);
      return FALSE;
    }
  found = find_label (event, key, &i);
  if (value == NULL)
    {
      if (found)
        remove_label (event, i);
      return TRUE;
    }

  if (strlen (value) > TALLY_EVENT_MAX_STRING)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("labels.%s: longer than %u bytes"), key, (guint) TALLY_EVENT_MAX_STRING);
      return FALSE;
    }
  if (found)
    {
      g_free (event->label_values[i]);
      event->label_values[i] = g_strdup (value);
      return TRUE;
    }
  if (event->n_labels >= TALLY_EVENT_MAX_LABELS)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("labels: at most %u keys"), (guint) TALLY_EVENT_MAX_LABELS);
      return FALSE;
    }

  n = event->n_labels;
  event->label_keys = g_renew (char *, event->label_keys, n + 2);
  event->label_values = g_renew (char *, event->label_values, n + 2);
  memmove (&event->label_keys[i + 1], &event->label_keys[i], (n - i) * sizeof (char *));
  memmove (&event->label_values[i + 1], &event->label_values[i], (n - i) * sizeof (char *));
  event->label_keys[i] = g_strdup (key);
  event->label_values[i] = g_strdup (value);
  event->label_keys[n + 1] = event->label_values[n + 1] = NULL;
  event->n_labels++;
  return TRUE;
}

/* The prefixes of secret keys of the providers people use most: OpenAI
 * (project, admin, legacy), Anthropic, Stripe-style sk_/rk_, Google,
 * xAI, Groq, Langfuse public keys, and a pasted Authorization header.
 * Longer prefixes first, so sk-proj- wins over sk-. */
static const char *secret_prefixes[] = {
  "sk-proj-", "sk-ant-", "sk-", "sk_", "rk_", "AIza", "xai-", "gsk_", "pk-", "Bearer ",
};

#define ELLIPSIS "…"

/* The last @n characters of @s, whole UTF-8 sequences. */
static const char *
utf8_tail (const char *s,
           guint       n)
{
  const char *p = s + strlen (s);

  for (guint i = 0; i < n && p > s; i++)
    p = g_utf8_find_prev_char (s, p);
  return p;
}

/* ≥ 24 characters of [A-Za-z0-9_-] with both letters and digits: what
 * random tokens look like, and what names (`prod-backend`) do not. A JWT
 * (`eyJ…`, dots between its parts) counts too. */
static gboolean
looks_like_token (const char *s)
{
  gboolean jwt = g_str_has_prefix (s, "eyJ");
  gboolean letter = FALSE, digit = FALSE;
  gsize len = 0;

  for (const char *p = s; *p != '\0'; p++, len++)
    {
      if (g_ascii_isalpha (*p))
        letter = TRUE;
      else if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (*p != '_' && *p != '-' && !(jwt && *p == '.'))
        return FALSE;
    }
  return len >= 24 && letter && (digit || jwt);
}

/**
 * tally_event_mask_secret:
 * @api_key: (nullable): an `api_key` value
 *
 * `api_key` should name a key, but people paste the key itself. The rule:
 *
 * - a value holding "…" is already masked and is kept;
 * - a known secret prefix (secret_prefixes, case-insensitive) followed by
 *   at least 8 more bytes becomes the prefix, "…", and the last 4
 *   characters when at least 16 bytes follow the prefix (so a tail never
 *   gives away more than a quarter), else nothing: `sk-proj-…wxyz`, `sk-…`;
 * - any other long random-looking token (looks_like_token()) becomes "…"
 *   and its last 4 characters: `…k9Zq`;
 * - anything else, such as `prod-backend`, `key_1` or `team-a`, is kept.
 *
 * Returns: (transfer full) (nullable): the value to store
 */
char *
tally_event_mask_secret (const char *api_key)
{
  if (api_key == NULL)
    return NULL;
  if (strstr (api_key, ELLIPSIS) != NULL)
    return g_strdup (api_key);

  for (guint i = 0; i < G_N_ELEMENTS (secret_prefixes); i++)
    {
      gsize n = strlen (secret_prefixes[i]);
      gsize rest;

      if (g_ascii_strncasecmp (api_key, secret_prefixes[i], n) != 0)
        continue;
      rest = strlen (api_key + n);
      if (rest < 8)
        break;
      return g_strdup_printf ("%.*s" ELLIPSIS "%s", (int) n, api_key,
                              rest >= 16 ? utf8_tail (api_key + n, 4) : "");
    }

  if (looks_like_token (api_key))
    return g_strconcat (ELLIPSIS, utf8_tail (api_key, 4), NULL);

  return g_strdup (api_key);
}

const char *
tally_event_get_label (const TallyEvent *event,
                       const char       *key)
{
  guint i;

  g_return_val_if_fail (event != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return find_label (event, key, &i) ? event->label_values[i] : NULL;
}

gboolean
tally_event_is_error (const TallyEvent *event)
{
  const char *error;

  g_return_val_if_fail (event != NULL, FALSE);

  error = event->dims[TALLY_DIMENSION_ERROR];
  return event->status == 0 || event->status >= 400 || (error != NULL && *error != '\0');
}

static gboolean
contains_ascii_nocase (const char *haystack,
                       const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = haystack; *p != '\0'; p++)
    {
      if (g_ascii_strncasecmp (p, needle, n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Providers spell a rate limit many ways: OpenAI's `rate_limit_exceeded`,
 * Anthropic's `rate_limit_error`, `RateLimitError` from SDKs, "Too Many
 * Requests" from gateways, or just the status number in a message. */
gboolean
tally_event_is_rate_limited (const TallyEvent *event)
{
  static const char *needles[] = {
    "rate_limit", "ratelimit", "rate limit", "too many requests", "429",
  };
  const char *error;

  g_return_val_if_fail (event != NULL, FALSE);

  if (event->status == 429)
    return TRUE;

  error = event->dims[TALLY_DIMENSION_ERROR];
  for (guint i = 0; error != NULL && i < G_N_ELEMENTS (needles); i++)
    {
      if (contains_ascii_nocase (error, needles[i]))
        return TRUE;
    }
  return FALSE;
}

const char *
tally_event_get_status_class (const TallyEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  return tally_status_class (event->status, event->status >= 0, event->dims[TALLY_DIMENSION_ERROR]);
}

/* Cached tokens are a part of the input tokens, not added to them. */
gint64
tally_event_get_tokens (const TallyEvent *event)
{
  g_return_val_if_fail (event != NULL, -1);

  if (event->input_tokens < 0 && event->output_tokens < 0)
    return -1;
  return MAX (event->input_tokens, 0) + MAX (event->output_tokens, 0);
}

double
tally_event_get_rtf (const TallyEvent *event)
{
  g_return_val_if_fail (event != NULL, NAN);

  if (isnan (event->latency_ms) || isnan (event->audio_ms) || event->audio_ms <= 0)
    return NAN;
  return event->latency_ms / event->audio_ms;
}
