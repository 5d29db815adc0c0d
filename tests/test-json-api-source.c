/* test-json-api-source.c
 *
 * The "http-json" source against a SoupServer on 127.0.0.1: an answer
 * mapped to events answers scalars, categories and timeseries equal to the
 * sums worked out here from the same events; a series mapping; a pointer
 * that finds nothing; and a poll that brings a new answer emits "changed".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-json-api-source.h"
#include "tally-test-http.h"
#include "tally-test-utils.h"

#define PATH "/gateway/stats"
#define HOUR 3600

typedef struct
{
  gint64      offset;   /* seconds after the first hour */
  const char *model;
  gint64      input;
  gint64      output;
  double      cost;
  int         status;
} Req;

static const Req reqs[] = {
  { 60, "gpt-4o", 100, 20, 0.5, 200 },
  { 1200, "o3", 300, 40, 1.25, 200 },
  { HOUR + 5, "gpt-4o", 50, 10, 0.25, 429 },
  { HOUR + 1800, "gpt-4o", 70, 30, 0.75, 200 },
  { 2 * HOUR + 100, "claude", 10, 90, 2.0, 500 },
  { 2 * HOUR + 200, "o3", 5, 5, 0.125, 200 },
};

/* The first whole hour of the events: three hours before the current one. */
static gint64
first_hour (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return now - now % HOUR - 3 * HOUR;
}

/* The gateway's answer: @n requests, fields nested and one with a "/". */
static char *
events_answer (gint64 t0,
               guint  n)
{
  GString *out = g_string_new ("{\"data\":{\"requests\":[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s{\"ts\":%" G_GINT64_FORMAT ",\"m\":{\"name\":\"%s\"},"
                            "\"usage\":{\"in/tokens\":%" G_GINT64_FORMAT ",\"out\":%" G_GINT64_FORMAT "},"
                            "\"cost\":%g,\"code\":%d}",
                            i > 0 ? "," : "", t0 + reqs[i].offset, reqs[i].model, reqs[i].input,
                            reqs[i].output, reqs[i].cost, reqs[i].status);
  g_string_append (out, "]}}");

  return g_string_free (out, FALSE);
}

static TallySource *
make_source (const char  *url,
             const char  *mapping_json,
             gint64       interval,
             GError     **error)
{
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autoptr(JsonNode) mapping = json_from_string (mapping_json, NULL);
  g_autofree char *full = g_strconcat (url, PATH, "?window=all", NULL);

  g_assert_nonnull (mapping);
  json_object_set_string_member (entry, "type", "http-json");
  json_object_set_string_member (entry, "url", full);
  json_object_set_member (entry, "mapping", g_steal_pointer (&mapping));
  if (interval > 0)
    json_object_set_int_member (entry, "interval", interval);

  return tally_json_api_source_new_from_config ("gateway", entry, "gw-token", error);
}

static const char events_mapping[] =
  "{\"events\":\"/data/requests\",\"timestamp\":\"/ts\",\"model\":\"/m/name\","
  "\"input_tokens\":\"/usage/in~1tokens\",\"output_tokens\":\"/usage/out\",\"cost\":\"/cost\","
  "\"status\":\"/code\"}";

static TallyQuery *
make_query (TallyShape  shape,
            const char *metric,
            const char *group_by)
{
  TallyQuery *query = tally_query_new ();

  query->shape = shape;
  g_assert_true (tally_metric_from_string (metric, &query->metric));
  if (group_by != NULL)
    g_assert_true (tally_dimension_parse (group_by, &query->group_by, NULL));

  return query;
}

static TallyFrame *
run_query (TallySource      *source,
           const TallyQuery *query,
           gint64            from,
           gint64            to,
           GError          **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (from, to, g_get_real_time () / G_USEC_PER_SEC,
                                                          utc);
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  tally_source_query_async (source, query, range, NULL, tally_test_result_cb, &pending);
  result = tally_test_wait_result (&pending);

  return tally_source_query_finish (source, result, error);
}

static void
test_events_mapping (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  gint64 t0 = first_hour ();
  g_autofree char *body = events_answer (t0, G_N_ELEMENTS (reqs));
  g_autoptr(GError) error = NULL;
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), events_mapping, 0, &error);
  g_autoptr(TallyQuery) tokens = make_query (TALLY_SHAPE_SCALAR, "tokens", NULL);
  g_autoptr(TallyQuery) cost = make_query (TALLY_SHAPE_CATEGORIES, "cost", "model");
  g_autoptr(TallyQuery) series = make_query (TALLY_SHAPE_TIMESERIES, "requests", NULL);
  g_autoptr(TallyQuery) errors = make_query (TALLY_SHAPE_SCALAR, "errors", NULL);
  g_autoptr(TallyFrame) frame = NULL;
  double total_tokens = 0, per_hour[3] = { 0 }, n_errors = 0;
  const double *values;
  guint n;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (reqs); i++)
    {
      total_tokens += reqs[i].input + reqs[i].output;
      per_hour[reqs[i].offset / HOUR] += 1;
      n_errors += reqs[i].status >= 400;
    }
  tally_test_http_queue (http, PATH, 200, NULL, body);

  frame = run_query (source, tokens, t0, t0 + 3 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, total_tokens);
  g_clear_pointer (&frame, tally_frame_unref);

  frame = run_query (source, errors, t0, t0 + 3 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, n_errors);
  g_clear_pointer (&frame, tally_frame_unref);

  frame = run_query (source, cost, t0, t0 + 3 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tally_frame_get_n_categories (frame), ==, 3);
  for (guint c = 0; c < 3; c++)
    {
      const char *label = tally_frame_get_category_label (frame, c);
      double expected = 0;

      for (guint i = 0; i < G_N_ELEMENTS (reqs); i++)
        if (strcmp (reqs[i].model, label) == 0)
          expected += reqs[i].cost;
      g_assert_cmpfloat_with_epsilon (tally_frame_get_category_value (frame, c), expected, 1e-9);
    }
  g_clear_pointer (&frame, tally_frame_unref);

  series->interval_s = HOUR;
  frame = run_query (source, series, t0, t0 + 3 * HOUR, &error);
  g_assert_no_error (error);
  tally_frame_get_buckets (frame, &n);
  g_assert_cmpuint (n, ==, 3);
  values = tally_frame_get_series_values (frame, 0);
  for (guint b = 0; b < 3; b++)
    g_assert_cmpfloat (values[b], ==, per_hour[b]);

  /* one answer served every query; the query string and token were sent */
  g_assert_cmpuint (tally_test_http_count (http, PATH), ==, 1);
  g_assert_cmpstr (tally_test_http_last_query (http, PATH), ==, "window=all");
  g_assert_cmpstr (tally_test_http_last_header (http, "Authorization"), ==, "Bearer gw-token");
}

static const char series_mapping[] =
  "{\"series\":{\"requests\":\"/stats/req\",\"latency\":\"/stats/lat\"},"
  "\"timestamp\":\"/t\",\"value\":\"/v\"}";

static void
test_series_mapping (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  gint64 t0 = first_hour ();
  const double req[] = { 10, 20, 30, 40 };
  const double lat[] = { 100, 300, 200, 600 };
  const gint64 at[] = { 0, 600, HOUR + 60, 2 * HOUR + 30 };
  g_autoptr(GString) body = g_string_new ("{\"stats\":{\"req\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), series_mapping, 0, &error);
  g_autoptr(TallyQuery) requests = make_query (TALLY_SHAPE_TIMESERIES, "requests", NULL);
  g_autoptr(TallyQuery) latency = make_query (TALLY_SHAPE_SCALAR, "latency", NULL);
  g_autoptr(TallyQuery) cost = make_query (TALLY_SHAPE_SCALAR, "cost", NULL);
  g_autoptr(TallyFrame) frame = NULL;
  const double *values;

  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (body, "%s{\"t\":%" G_GINT64_FORMAT ",\"v\":%g}", i ? "," : "", t0 + at[i], req[i]);
  g_string_append (body, "],\"lat\":[");
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (body, "%s{\"t\":%" G_GINT64_FORMAT ",\"v\":%g}", i ? "," : "", t0 + at[i], lat[i]);
  g_string_append (body, "]}}");
  tally_test_http_queue (http, PATH, 200, NULL, body->str);

  requests->interval_s = HOUR;
  frame = run_query (source, requests, t0, t0 + 3 * HOUR, &error);
  g_assert_no_error (error);
  values = tally_frame_get_series_values (frame, 0);
  g_assert_cmpfloat (values[0], ==, req[0] + req[1]);
  g_assert_cmpfloat (values[1], ==, req[2]);
  g_assert_cmpfloat (values[2], ==, req[3]);
  g_clear_pointer (&frame, tally_frame_unref);

  latency->stat = TALLY_STAT_AVG;
  frame = run_query (source, latency, t0, t0 + 2 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, (lat[0] + lat[1] + lat[2]) / 3);
  g_clear_pointer (&frame, tally_frame_unref);

  frame = run_query (source, cost, t0, t0 + 2 * HOUR, &error);
  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "is not available from this source"));
}

static void
assert_bad_pointer (const char *mapping,
                    const char *body,
                    const char *pointer)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), mapping, 0, &error);
  g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_SCALAR, "requests", NULL);
  g_autoptr(TallyFrame) frame = NULL;
  gint64 t0 = first_hour ();

  g_assert_no_error (error);
  tally_test_http_queue (http, PATH, 200, NULL, body);
  frame = run_query (source, query, t0, t0 + HOUR, &error);
  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, pointer));
}

static void
test_bad_pointer (void)
{
  g_autofree char *body = events_answer (first_hour (), 2);

  assert_bad_pointer ("{\"events\":\"/data/nope\",\"timestamp\":\"/ts\",\"model\":\"/m/name\"}",
                      body, "/data/nope");
  assert_bad_pointer ("{\"events\":\"/data/requests\",\"timestamp\":\"/ts\",\"model\":\"/m/label\"}",
                      body, "/m/label");
  assert_bad_pointer (series_mapping, "{\"stats\":{\"req\":[{\"t\":1717200000}],\"lat\":[]}}", "/v");
}

static void
test_bad_config (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallySource) source = NULL;

  source = make_source ("http://127.0.0.1:1", "{\"events\":\"data\",\"timestamp\":\"/t\",\"model\":\"/m\"}",
                        0, &error);
  g_assert_null (source);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "mapping.events"));
  g_clear_error (&error);

  source = make_source ("http://127.0.0.1:1", "{\"events\":\"/d\",\"timestamp\":\"/t\",\"modle\":\"/m\"}",
                        0, &error);
  g_assert_null (source);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "modle"));
}

static void
test_server_error (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), events_mapping, 0, &error);
  g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_SCALAR, "requests", NULL);
  g_autoptr(TallyFrame) frame = NULL;

  tally_test_http_queue (http, PATH, 503, "Retry-After: 30", "{\"error\":\"maintenance\"}");
  frame = run_query (source, query, first_hour (), first_hour () + HOUR, &error);
  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK);
  g_assert_cmpuint (tally_error_get_http_status (error), ==, 503);
  g_assert_cmpint (tally_error_get_retry_after (error), ==, 30);
}

static void
count_changed (TallySource *source,
               guint       *count)
{
  (*count)++;
}

static gboolean
has_changed (gpointer data)
{
  return *(guint *) data > 0;
}

/* The store files of answers the source holds, across its folders. */
static guint
count_answer_files (void)
{
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "tally", NULL);
  g_autoptr(GDir) dir = g_dir_open (cache, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (cache, name, NULL);
      g_autoptr(GDir) inner = g_str_has_prefix (name, "json-api-") ? g_dir_open (sub, 0, NULL) : NULL;
      const char *file;

      while (inner != NULL && (file = g_dir_read_name (inner)) != NULL)
        n += g_str_has_prefix (file, "answer-") && g_str_has_suffix (file, ".db");
    }
  return n;
}

static void
test_polling_emits_changed (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  gint64 t0 = first_hour ();
  g_autofree char *first = events_answer (t0, 2);
  g_autofree char *second = events_answer (t0, G_N_ELEMENTS (reqs));
  g_autoptr(GError) error = NULL;
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), events_mapping, 1, &error);
  g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_SCALAR, "requests", NULL);
  g_autoptr(TallyFrame) frame = NULL;
  guint changed = 0;

  g_assert_no_error (error);
  g_signal_connect (source, "changed", G_CALLBACK (count_changed), &changed);
  tally_test_http_queue (http, PATH, 200, NULL, first);
  tally_test_http_queue (http, PATH, 200, NULL, second);

  frame = run_query (source, query, t0, t0 + 3 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, 2);
  g_clear_pointer (&frame, tally_frame_unref);

  g_assert_true (tally_test_wait_until (has_changed, &changed, 20000));
  frame = run_query (source, query, t0, t0 + 3 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, G_N_ELEMENTS (reqs));
  g_assert_cmpuint (tally_test_http_count (http, PATH), >=, 2);
  /* The first answer's store is gone: one file, however long it polls. */
  g_assert_cmpuint (count_answer_files (), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/json-api/events-mapping", test_events_mapping);
  g_test_add_func ("/json-api/series-mapping", test_series_mapping);
  g_test_add_func ("/json-api/bad-pointer", test_bad_pointer);
  g_test_add_func ("/json-api/bad-config", test_bad_config);
  g_test_add_func ("/json-api/server-error", test_server_error);
  g_test_add_func ("/json-api/polling-emits-changed", test_polling_emits_changed);

  return g_test_run ();
}
