/* test-collector-api.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The collector's other routes over real HTTP: health and stats, the
 * bearer token, GET /api/v1/query against the store's own answers, and
 * eight clients posting at once. */

#include "config.h"

#include "tally-error.h"
#include "tally-otlp.h"
#include "tally-test-collector.h"
#include "tally-test-utils.h"

static void
test_routes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Response) r = NULL;
  const char *brotli[] = { "Content-Encoding", "br", NULL };
  g_autoptr(GBytes) empty = g_bytes_new_static ("[]", 2);

  r = tc_get (f, "/v1/nothing");
  tc_assert_error (r, 404, "there is nothing at /v1/nothing");
  g_clear_pointer (&r, tc_response_free);

  r = tc_get (f, "/v1/events");
  tc_assert_error (r, 405, "/v1/events does not take GET");
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Allow"), ==, "POST");
  g_clear_pointer (&r, tc_response_free);

  r = tc_post (f, "/healthz", "application/json", "{}");
  tc_assert_error (r, 405, "use GET, HEAD");
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Allow"), ==, "GET, HEAD");
  g_clear_pointer (&r, tc_response_free);

  r = tc_post (f, "/v1/events", "application/xml", "<events/>");
  tc_assert_error (r, 415, "cannot read a body of type application/xml");
  g_clear_pointer (&r, tc_response_free);

  r = tc_send_request (f, "POST", "/v1/events", "application/json", empty, brotli);
  tc_assert_error (r, 415, "Content-Encoding “br”");
  g_clear_pointer (&r, tc_response_free);

  r = tc_get (f, "/healthz");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_nonnull (g_str_has_prefix (r->body, "{\"status\":\"ok\",\"store\":\"") ? r->body : NULL);
  g_clear_pointer (&r, tc_response_free);

  r = tc_send_request (f, "HEAD", "/healthz", NULL, NULL, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (r->body == NULL || r->body[0] == '\0');
}

static void
test_token (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *event = tc_event_json (f, 5, "gpt-4o", 1);
  g_autofree char *body = g_strdup_printf ("[%s]", event);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  const char *wrong[] = { "Authorization", "Bearer s3cret-but-not-this", NULL };
  const char *right[] = { "Authorization", "Bearer s3cret", NULL };
  const char *basic[] = { "Authorization", "Basic czNjcmV0Og==", NULL };
  g_autoptr(Response) r = NULL;

  r = tc_post (f, "/v1/events", "application/json", body);
  tc_assert_error (r, 401, "Authorization: Bearer TOKEN");
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "WWW-Authenticate"), ==,
                   "Bearer realm=\"tally\"");
  g_clear_pointer (&r, tc_response_free);
  r = tc_send_request (f, "POST", "/v1/events", "application/json", bytes, wrong);
  tc_assert_error (r, 401, "the bearer token is wrong");
  g_clear_pointer (&r, tc_response_free);
  r = tc_send_request (f, "POST", "/v1/events", "application/json", bytes, basic);
  g_assert_cmpuint (r->status, ==, 401);
  g_clear_pointer (&r, tc_response_free);
  r = tc_get (f, "/api/v1/query?metric=requests");
  g_assert_cmpuint (r->status, ==, 401);
  g_clear_pointer (&r, tc_response_free);
  g_assert_cmpint (tc_count_events (f), ==, 0);

  r = tc_send_request (f, "POST", "/v1/events", "application/json", bytes, right);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (tc_count_events (f), ==, 1);
  g_clear_pointer (&r, tc_response_free);

  /* Liveness needs no token, but tells a stranger nothing more. */
  r = tc_get (f, "/healthz");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->body, ==, "{\"status\":\"ok\"}");
  g_clear_pointer (&r, tc_response_free);
  r = tc_send_request (f, "GET", "/healthz", NULL, NULL, right);
  g_assert_nonnull (strstr (r->body, "\"store\":"));
}

/* GET /api/v1/query answers exactly what the store answers to the same
 * query run directly. */
static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  static const struct
  {
    const char *params;
    const char *json;
    TallyShape  shape;
  } cases[] = {
    { "metric=input_tokens&stat=sum&shape=timeseries&group_by=model&interval=1h",
      "{\"metric\":\"input_tokens\",\"stat\":\"sum\",\"group_by\":\"model\",\"interval\":\"1h\"}",
      TALLY_SHAPE_TIMESERIES },
    { "metric=latency&stat=p95", "{\"metric\":\"latency\",\"stat\":\"p95\"}", TALLY_SHAPE_SCALAR },
    { "metric=requests&stat=count&group-by=model&filter=model%3Do3&filter=model=nothing&top=3",
      "{\"metric\":\"requests\",\"stat\":\"count\",\"group_by\":\"model\",\"top\":3,"
      "\"filters\":{\"model\":[\"o3\",\"nothing\"]}}", TALLY_SHAPE_CATEGORIES },
    { "metric=requests&rows=day_of_week&columns=hour_of_day",
      "{\"metric\":\"requests\",\"rows\":\"day_of_week\",\"columns\":\"hour_of_day\"}",
      TALLY_SHAPE_MATRIX },
    { "metric=errors&shape=table&limit=5", "{\"metric\":\"errors\",\"limit\":5}", TALLY_SHAPE_TABLE },
  };
  g_autofree char *events = tc_events_array (f, 500, 3);
  g_autoptr(Response) r = tc_post (f, "/v1/events", "application/json", events);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) from = g_date_time_new_from_unix_utc (f->t0 - 3600);
  g_autoptr(GDateTime) to = g_date_time_new_from_unix_utc (f->t0 + 86400);
  g_autofree char *from_s = g_date_time_format_iso8601 (from);
  g_autofree char *to_s = g_date_time_format_iso8601 (to);
  g_autoptr(TallyTimeRange) range = tally_time_range_new (f->t0 - 3600, f->t0 + 86400,
                                                          g_get_real_time () / G_USEC_PER_SEC, utc);

  g_assert_cmpuint (r->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/query?%s&from=%s&to=%s&tz=UTC",
                                               cases[i].params, from_s, to_s);
      g_autoptr(JsonNode) node = tc_parse_json (cases[i].json);
      g_autoptr(TallyQuery) query = tally_query_new_from_json (node, cases[i].shape, NULL);
      g_autoptr(TallyFrame) frame = tally_store_query (f->store, query, range, NULL, NULL);
      g_autofree char *expected = tally_frame_to_json_string (frame, FALSE);
      g_autoptr(Response) answer = tc_get (f, path);

      g_assert_cmpuint (answer->status, ==, 200);
      g_assert_cmpstr (soup_message_headers_get_content_type (answer->headers, NULL), ==,
                       "application/json");
      g_assert_cmpstr (answer->body, ==, expected);
      g_assert_false (tally_frame_is_empty (frame));
    }
}

static void
test_query_errors (Fixture       *f,
                   gconstpointer  data)
{
  static const struct
  {
    const char *params;
    const char *error;
  } cases[] = {
    { "metric=speed", "metric: “speed” is not a metric" },
    { "stat=p42", "stat: “p42” is not a stat" },
    { "metric=error_rate&stat=sum", "stat: " },
    { "shape=pie", "shape: “pie” is not a shape" },
    { "group_by=colour", "group_by: “colour” is not a dimension" },
    { "interval=5x", "interval: " },
    { "top=1000", "top: must be an integer 0..100" },
    { "limit=0&shape=table", "limit: must be an integer 1..10000" },
    { "from=yesterday", "from: " },
    { "from=now&to=now-1h", "from: the range is empty" },
    { "to=now-5x", "to: " },
    { "tz=Mars/Olympus_Mons", "tz: “Mars/Olympus_Mons” is not a time zone" },
    { "filter=model", "filter: the filter “model” is not DIMENSION=VALUE" },
    { "filter=colour=red", "filter: “colour” is not a dimension" },
    { "metric=requests&metric=cost", "metric: given more than once" },
    { "metrics=requests", "metrics: unknown parameter" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/api/v1/query?", cases[i].params, NULL);
      g_autoptr(Response) r = tc_get (f, path);

      tc_assert_error (r, 400, cases[i].error);
    }
}

typedef struct
{
  Fixture *f;
  guint    seed;
  guint    ok;
} Client;

#define N_CLIENTS 8
#define N_BATCHES 50
#define BATCH     20

static gpointer
client_thread (gpointer data)
{
  Client *client = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *url = g_strconcat (client->f->base, "/v1/events", NULL);

  for (guint i = 0; i < N_BATCHES; i++)
    {
      g_autofree char *body = tc_events_array (client->f, BATCH, client->seed * 1000 + i);
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&body), strlen (body));
      g_autoptr(GBytes) answer = NULL;

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      answer = soup_session_send_and_read (session, msg, NULL, NULL);
      if (answer != NULL && soup_message_get_status (msg) == 200)
        client->ok++;
    }

  return NULL;
}

static gboolean
all_reported (gpointer data)
{
  return tally_collector_get_events_accepted (data) == N_CLIENTS * N_BATCHES * BATCH;
}

static void
count_received_cb (TallyCollector *collector,
                   guint           accepted,
                   guint           rejected,
                   guint          *total)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  *total += accepted;
}

/* Eight clients at once: every batch answered 200, and the store holds
 * exactly what they sent. */
static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  Client clients[N_CLIENTS];
  GThread *threads[N_CLIENTS];
  guint signalled = 0;

  g_signal_connect (f->collector, "events-received", G_CALLBACK (count_received_cb), &signalled);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      clients[i] = (Client) { f, i, 0 };
      threads[i] = g_thread_new ("client", client_thread, &clients[i]);
    }
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (clients[i].ok, ==, N_BATCHES);
    }

  g_assert_cmpint (tc_count_events (f), ==, N_CLIENTS * N_BATCHES * BATCH);
  g_assert_true (tally_test_wait_until (all_reported, f->collector, 10000));
  g_assert_cmpuint (signalled, ==, N_CLIENTS * N_BATCHES * BATCH);
  g_assert_cmpuint (tally_collector_get_requests (f->collector), ==, N_CLIENTS * N_BATCHES);
  g_assert_cmpuint (tally_collector_get_events_rejected (f->collector), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

#define ADD(name, func, data) \
  g_test_add ("/tally/collector/" name, Fixture, data, tc_fixture_setup, func, tc_fixture_teardown)
  ADD ("routes", test_routes, NULL);
  ADD ("token", test_token, "s3cret");
  ADD ("query", test_query, NULL);
  ADD ("query-errors", test_query_errors, NULL);
  ADD ("concurrent", test_concurrent, NULL);
#undef ADD

  return g_test_run ();
}
