/* tally-test-events.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Seeded, varied events for tests and benchmarks: several models,
 * providers, projects, keys, users, statuses and labels; fields left out
 * now and then; latencies log-normal. The same seed gives the same events.
 * And one event parsed from JSON the two ways the app reads events. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-event-batch.h"

#include "tally-test-events.h"

static const char *models[] = { "gpt-4o", "gpt-4o-mini", "o3", "claude-sonnet-4", "gemini-2.5-pro" };
static const char *providers[] = { "openai", "openai", "openai", "anthropic", "google" };
static const char *projects[] = { "search", "chat", "voice", "batch" };
static const char *users[] = { "ana", "bo", "chen", "dee", "eli", "fay" };
static const char *voices[] = { "alloy", "verse", "sage" };
static const int statuses[] = { 200, 200, 200, 200, 200, 200, 200, 200, 429, 500, 0, 400 };

static const char *
pick (GRand        *rand,
      const char  **items,
      guint         n)
{
  return items[g_rand_int_range (rand, 0, n)];
}

static double
log_normal (GRand  *rand,
            double  median,
            double  sigma)
{
  double u1 = g_rand_double (rand), u2 = g_rand_double (rand);
  double z = sqrt (-2.0 * log (MAX (u1, 1e-12))) * cos (2 * G_PI * u2);

  return median * exp (sigma * z);
}

static TallyEvent *
make_event (GRand  *rand,
            gint64  from_ms,
            gint64  to_ms)
{
  TallyEvent *event = tally_event_new ();
  int m = g_rand_int_range (rand, 0, G_N_ELEMENTS (models));
  int status = statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))];

  event->time_ms = from_ms + (gint64) (g_rand_double (rand) * (to_ms - from_ms));
  event->dims[TALLY_DIMENSION_MODEL] = g_strdup (models[m]);
  event->dims[TALLY_DIMENSION_PROVIDER] = g_strdup (providers[m]);
  event->dims[TALLY_DIMENSION_PROJECT] = g_strdup (pick (rand, projects, G_N_ELEMENTS (projects)));
  if (g_rand_int_range (rand, 0, 10) > 0)
    event->dims[TALLY_DIMENSION_USER] = g_strdup (pick (rand, users, G_N_ELEMENTS (users)));
  event->dims[TALLY_DIMENSION_API_KEY] = g_strdup_printf ("key-%d", g_rand_int_range (rand, 1, 4));
  if (g_rand_int_range (rand, 0, 8) > 0)
    event->status = status;
  if (status == 429)
    event->dims[TALLY_DIMENSION_ERROR] = g_strdup ("rate_limit_exceeded");
  else if (status >= 500 || status == 0)
    event->dims[TALLY_DIMENSION_ERROR] = g_strdup (status ? "server_error" : "timeout");

  if (g_rand_int_range (rand, 0, 20) > 0)
    {
      event->input_tokens = g_rand_int_range (rand, 10, 4000);
      event->output_tokens = g_rand_int_range (rand, 0, 1500);
      event->cached_tokens = g_rand_int_range (rand, 0, 2) ? g_rand_int_range (rand, 0, 500) : -1;
    }
  if (g_rand_int_range (rand, 0, 10) > 0)
    event->cost = (MAX (event->input_tokens, 0) * 2.5 + MAX (event->output_tokens, 0) * 10) / 1e6;
  event->latency_ms = log_normal (rand, 300 + 150 * m, 0.6);
  if (g_rand_int_range (rand, 0, 3) > 0)
    event->ttft_ms = event->latency_ms * g_rand_double_range (rand, 0.05, 0.5);
  if (g_rand_int_range (rand, 0, 4) == 0)
    event->queue_ms = g_rand_double_range (rand, 0, 50);
  if (g_str_equal (projects[0], event->dims[TALLY_DIMENSION_PROJECT]) == FALSE &&
      g_rand_int_range (rand, 0, 3) == 0)
    {
      event->audio_ms = g_rand_double_range (rand, 500, 20000);
      tally_event_set_label (event, "voice", pick (rand, voices, G_N_ELEMENTS (voices)), NULL);
    }

  return event;
}

/* @n events between @from_ms and @to_ms, unsorted. */
GPtrArray *
tally_test_make_events (guint32 seed,
                        guint   n,
                        gint64  from_ms,
                        gint64  to_ms)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GPtrArray *events = g_ptr_array_new_full (n, (GDestroyNotify) tally_event_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (events, make_event (rand, from_ms, to_ms));

  return events;
}

/* Parsing */

static TallyEvent *
parse_with_json_glib (const char  *json,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;

  json_parser_load_from_data (parser, json, -1, &local);
  g_assert_no_error (local);
  return tally_event_new_from_json (json_parser_get_root (parser), TALLY_TEST_EVENT_NOW_MS, error);
}

/* The same event through the batch reader, as the collector reads it. */
static TallyEvent *
parse_with_reader (const char  *json,
                   GError     **error)
{
  g_autofree char *body = g_strdup_printf ("[%s]", json);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autoptr(GError) local = NULL;

  g_assert_true (tally_event_batch_parse (body, strlen (body), TALLY_EVENT_BATCH_JSON, TALLY_TEST_EVENT_NOW_MS, 0,
                                          &events, &rejected, &local));
  g_assert_no_error (local);
  g_assert_cmpuint (events->len + rejected->len, ==, 1);
  if (rejected->len == 1)
    {
      TallyEventRejection *r = &g_array_index (rejected, TallyEventRejection, 0);

      g_assert_cmpuint (r->index, ==, 0);
      g_set_error_literal (error, TALLY_ERROR, TALLY_ERROR_INVALID, r->error);
      return NULL;
    }
  return g_ptr_array_steal_index (events, 0);
}

char *
tally_test_event_to_string (const TallyEvent *event)
{
  g_autoptr(JsonNode) node = tally_event_to_json (event);

  return json_to_string (node, FALSE);
}

/* Parses @json (an event object) both ways the app reads events, alone
 * and in a batch, which must give the same event. */
TallyEvent *
tally_test_parse_event (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyEvent) other = NULL;
  g_autofree char *a = NULL, *b = NULL;
  TallyEvent *event;

  event = parse_with_json_glib (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);
  other = parse_with_reader (json, &error);
  g_assert_no_error (error);
  a = tally_test_event_to_string (event);
  b = tally_test_event_to_string (other);
  g_assert_cmpstr (a, ==, b);
  return event;
}

/* Both ways reject @json with exactly @message. */
void
tally_test_assert_event_rejected (const char *json,
                                  const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyEvent) event = NULL;

  event = parse_with_json_glib (json, &error);
  g_assert_null (event);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  event = parse_with_reader (json, &error);
  g_assert_null (event);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}
