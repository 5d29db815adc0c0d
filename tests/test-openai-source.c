/* test-openai-source.c
 *
 * The OpenAI source against a SoupServer on 127.0.0.1 answering in the
 * shapes of OpenAI's Usage and Costs APIs: pages followed to the end, null
 * group fields, group-by, the cost spread over hours, and each kind of
 * failure ending in its error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-openai-source.h"
#include "tally-test-http.h"
#include "tally-test-utils.h"

#define USAGE "/v1/organization/usage/completions"
#define COSTS "/v1/organization/costs"
#define DAY   86400
/* 2024-06-01 00:00 UTC */
#define D0    G_GINT64_CONSTANT (1717200000)
#define KEY   "sk-admin-test-key"

static TallySource *
make_source (const char *url,
             const char *secret,
             gint64      timeout)
{
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autoptr(GError) error = NULL;
  TallySource *source;

  json_object_set_string_member (entry, "type", "openai");
  json_object_set_string_member (entry, "url", url);
  if (timeout > 0)
    json_object_set_int_member (entry, "timeout", timeout);
  source = tally_openai_source_new_from_config ("billing", entry, secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);

  return source;
}

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
  g_autoptr(TallyTimeRange) range = tally_time_range_new (from, to, to, utc);
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  tally_source_query_async (source, query, range, NULL, tally_test_result_cb, &pending);
  result = tally_test_wait_result (&pending);

  return tally_source_query_finish (source, result, error);
}

typedef struct
{
  gint64      time;
  const char *model;     /* NULL: null in the answer */
  gint64      requests;
  gint64      input;
  gint64      output;
  gint64      cached;
} Row;

/* A usage page holding @rows, one bucket per distinct time, in order. */
static char *
usage_page (const Row  *rows,
            guint       n_rows,
            gint64      width,
            const char *next_page)
{
  GString *out = g_string_new ("{\"object\":\"page\",\"data\":[");

  for (guint i = 0; i < n_rows; i++)
    {
      gboolean opens = i == 0 || rows[i].time != rows[i - 1].time;
      gboolean closes = i + 1 == n_rows || rows[i + 1].time != rows[i].time;

      if (opens)
        g_string_append_printf (out, "%s{\"object\":\"bucket\",\"start_time\":%" G_GINT64_FORMAT
                                ",\"end_time\":%" G_GINT64_FORMAT ",\"results\":[",
                                i > 0 ? "," : "", rows[i].time, rows[i].time + width);
      else
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"object\":\"organization.usage.completions.result\","
                              "\"input_tokens\":%" G_GINT64_FORMAT ",\"output_tokens\":%" G_GINT64_FORMAT
                              ",\"input_cached_tokens\":%" G_GINT64_FORMAT
                              ",\"num_model_requests\":%" G_GINT64_FORMAT
                              ",\"project_id\":null,\"user_id\":null,\"api_key_id\":null,\"batch\":null,",
                              rows[i].input, rows[i].output, rows[i].cached, rows[i].requests);
      if (rows[i].model != NULL)
        g_string_append_printf (out, "\"model\":\"%s\"}", rows[i].model);
      else
        g_string_append (out, "\"model\":null}");
      if (closes)
        g_string_append (out, "]}");
    }

  if (next_page != NULL)
    g_string_append_printf (out, "],\"has_more\":true,\"next_page\":\"%s\"}", next_page);
  else
    g_string_append (out, "],\"has_more\":false,\"next_page\":null}");

  return g_string_free (out, FALSE);
}

static gboolean
query_has (GPtrArray  *queries,
           guint       index,
           const char *part)
{
  const char *query = g_ptr_array_index (queries, index);

  return strstr (query, part) != NULL;
}

/* Three pages over three days, and the day before for "previous". */
static const Row paged_rows[] = {
  { D0 - DAY, "gpt-4o", 4, 400, 40, 0 },
  { D0, "gpt-4o", 5, 1000, 200, 100 },
  { D0, "o3", 2, 300, 900, 0 },
  { D0 + DAY, "gpt-4o", 7, 1500, 300, 50 },
  { D0 + 2 * DAY, NULL, 3, 600, 60, 6 },
  { D0 + 2 * DAY, "o3", 1, 10, 20, 0 },
};

static void
queue_paged (TallyTestHttp *http)
{
  g_autofree char *page1 = usage_page (paged_rows, 3, DAY, "page_AAA");
  g_autofree char *page2 = usage_page (paged_rows + 3, 1, DAY, "page_BBB");
  g_autofree char *page3 = usage_page (paged_rows + 4, 2, DAY, NULL);

  tally_test_http_queue (http, USAGE, 200, NULL, page1);
  tally_test_http_queue (http, USAGE, 200, NULL, page2);
  tally_test_http_queue (http, USAGE, 200, NULL, page3);
}

static void
test_pages_followed (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), KEY, 0);
  g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_SCALAR, "tokens", NULL);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *queries;
  double now = 0, before = 0;

  for (guint i = 0; i < G_N_ELEMENTS (paged_rows); i++)
    {
      double tokens = paged_rows[i].input + paged_rows[i].output;

      if (paged_rows[i].time >= D0)
        now += tokens;
      else
        before += tokens;
    }

  queue_paged (http);
  frame = run_query (source, query, D0, D0 + 3 * DAY, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, now);
  g_assert_cmpfloat (tally_frame_get_previous (frame), ==, before);

  queries = tally_test_http_queries (http, USAGE);
  g_assert_cmpuint (queries->len, ==, 3);
  g_assert_true (query_has (queries, 0, "start_time=1716940800&end_time=1717459200"));
  g_assert_true (query_has (queries, 0, "bucket_width=1d&limit=31"));
  g_assert_false (query_has (queries, 0, "page="));
  g_assert_true (query_has (queries, 1, "page=page_AAA"));
  g_assert_true (query_has (queries, 2, "page=page_BBB"));
  g_assert_cmpstr (tally_test_http_last_header (http, "Authorization"), ==, "Bearer " KEY);
  g_assert_cmpuint (tally_test_http_count (http, COSTS), ==, 0);
}

/* group_by model: one category per model, the null model "(unknown)" */
static void
test_group_by_model_with_nulls (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), KEY, 0);
  g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_CATEGORIES, "requests", "model");
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (paged_rows); i++)
    {
      const char *label = paged_rows[i].model != NULL ? paged_rows[i].model : "(unknown)";
      double *sum;

      if (paged_rows[i].time < D0)
        continue;
      if ((sum = g_hash_table_lookup (expected, label)) == NULL)
        g_hash_table_insert (expected, g_strdup (label), (sum = g_new0 (double, 1)));
      *sum += paged_rows[i].requests;
    }

  queue_paged (http);
  frame = run_query (source, query, D0, D0 + 3 * DAY, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (tally_frame_get_n_categories (frame), ==, g_hash_table_size (expected));
  for (guint i = 0; i < tally_frame_get_n_categories (frame); i++)
    {
      const char *label = tally_frame_get_category_label (frame, i);
      double *sum = g_hash_table_lookup (expected, label);

      g_assert_nonnull (sum);
      g_assert_cmpfloat (tally_frame_get_category_value (frame, i), ==, *sum);
      if (i > 0)
        g_assert_cmpfloat (tally_frame_get_category_value (frame, i - 1), >=,
                           tally_frame_get_category_value (frame, i));
    }
  g_assert_true (strstr (tally_test_http_last_query (http, USAGE), "group_by=model") != NULL);
}

/* A timeseries by model keeps the largest group and folds the rest into
 * "Other", bucket by bucket. */
static void
test_timeseries_top_and_other (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), KEY, 0);
  g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_TIMESERIES, "requests", "model");
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;
  double top[3] = { 0 }, other[3] = { 0 };
  const double *values;

  for (guint i = 0; i < G_N_ELEMENTS (paged_rows); i++)
    {
      gint64 day = (paged_rows[i].time - D0) / DAY;

      if (day < 0)
        continue;
      if (g_strcmp0 (paged_rows[i].model, "gpt-4o") == 0)
        top[day] += paged_rows[i].requests;
      else
        other[day] += paged_rows[i].requests;
    }

  query->interval_s = DAY;
  query->top = 1;
  queue_paged (http);
  frame = run_query (source, query, D0, D0 + 3 * DAY, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (tally_frame_get_n_series (frame), ==, 2);
  g_assert_cmpstr (tally_frame_get_series_name (frame, 0), ==, "gpt-4o");
  g_assert_cmpstr (tally_frame_get_series_name (frame, 1), ==, "Other");
  values = tally_frame_get_series_values (frame, 0);
  for (guint b = 0; b < 3; b++)
    g_assert_cmpfloat (values[b], ==, top[b]);
  values = tally_frame_get_series_values (frame, 1);
  for (guint b = 0; b < 3; b++)
    g_assert_cmpfloat (values[b], ==, other[b]);
}

/* With daily buckets cost is the reported cost: cost per request and tokens
 * per dollar are its ratios to the usage of the same days. Cost by model
 * is refused, before any request. */
static void
test_cost_ratios_daily (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), KEY, 0);
  g_autoptr(TallyQuery) per_request = make_query (TALLY_SHAPE_SCALAR, "cost_per_request", NULL);
  g_autoptr(TallyQuery) per_dollar = make_query (TALLY_SHAPE_SCALAR, "tokens_per_dollar", NULL);
  g_autoptr(TallyQuery) by_model = make_query (TALLY_SHAPE_CATEGORIES, "cost", "model");
  static const Row rows[] = { { D0, "gpt-4o", 8, 700, 300, 0 }, { D0 + DAY, "o3", 2, 100, 400, 0 } };
  const double costs[] = { 3.0, 1.0 };
  g_autofree char *page = usage_page (rows, G_N_ELEMENTS (rows), DAY, NULL);
  g_autofree char *cost_page = g_strdup_printf (
      "{\"data\":[{\"start_time\":%" G_GINT64_FORMAT ",\"results\":[{\"amount\":{\"value\":%g,"
      "\"currency\":\"usd\"},\"project_id\":null}]},{\"start_time\":%" G_GINT64_FORMAT
      ",\"results\":[{\"amount\":{\"value\":%g,\"currency\":\"usd\"}}]}],\"has_more\":false}",
      D0, costs[0], D0 + DAY, costs[1]);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  per_request->stat = TALLY_STAT_AVG;
  per_dollar->stat = TALLY_STAT_AVG;
  tally_test_http_queue (http, USAGE, 200, NULL, page);
  tally_test_http_queue (http, COSTS, 200, NULL, cost_page);

  frame = run_query (source, per_request, D0, D0 + 2 * DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (tally_frame_get_value (frame), (costs[0] + costs[1]) / (8 + 2), 1e-12);
  g_clear_pointer (&frame, tally_frame_unref);

  frame = run_query (source, per_dollar, D0 + DAY, D0 + 2 * DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (tally_frame_get_value (frame), (100.0 + 400) / costs[1], 1e-9);
  g_clear_pointer (&frame, tally_frame_unref);

  frame = run_query (source, by_model, D0, D0 + 2 * DAY, &error);
  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "not available from this source"));
  g_assert_cmpuint (tally_test_http_count (http, COSTS), ==, 2);
}

/* Hourly cost: the day's cost split in proportion to each hour's tokens. */
static void
test_cost_split_by_tokens (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), KEY, 0);
  g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_TIMESERIES, "cost", NULL);
  static const Row rows[] = {
    { D0, "gpt-4o", 1, 60, 40, 0 },             /* 100 tokens */
    { D0 + 3600, "gpt-4o", 2, 250, 50, 0 },     /* 300 tokens */
    { D0 + 7200, "gpt-4o", 1, 0, 0, 0 },        /* none */
  };
  const double day_cost = 2.5 + 1.5;
  const double day_tokens = 100 + 300;
  g_autofree char *page = usage_page (rows, G_N_ELEMENTS (rows), 3600, NULL);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;
  const double *values;
  guint n;

  query->interval_s = 3600;
  tally_test_http_queue (http, USAGE, 200, NULL, page);
  tally_test_http_queue (http, COSTS, 200, NULL,
                         "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":1717200000,"
                         "\"end_time\":1717286400,\"results\":["
                         "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":2.5,"
                         "\"currency\":\"usd\"},\"line_item\":null,\"project_id\":null},"
                         "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":1.5,"
                         "\"currency\":\"usd\"},\"line_item\":null,\"project_id\":null}]}],"
                         "\"has_more\":false,\"next_page\":null}");
  frame = run_query (source, query, D0, D0 + 6 * 3600, &error);

  g_assert_no_error (error);
  tally_frame_get_buckets (frame, &n);
  g_assert_cmpuint (n, ==, 6);
  values = tally_frame_get_series_values (frame, 0);
  g_assert_cmpfloat_with_epsilon (values[0], day_cost * 100 / day_tokens, 1e-9);
  g_assert_cmpfloat_with_epsilon (values[1], day_cost * 300 / day_tokens, 1e-9);
  g_assert_cmpfloat (values[2], ==, 0);
  g_assert_cmpfloat (values[3], ==, 0);
  g_assert_true (strstr (tally_test_http_last_query (http, USAGE), "bucket_width=1h&limit=168") != NULL);
  g_assert_true (strstr (tally_test_http_last_query (http, COSTS), "bucket_width=1d&limit=31") != NULL);
  g_assert_true (strstr (tally_test_http_last_query (http, COSTS),
                         "start_time=1717200000&end_time=1717286400") != NULL);
}

/* Filters become repeated parameters; a scalar of a day fetches minutes. */
static void
test_filters_repeat_parameters (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), KEY, 0);
  g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_SCALAR, "requests", NULL);
  const char *models[] = { "gpt-4o", "o3 mini", NULL };
  const char *projects[] = { "proj_1", NULL };
  static const Row rows[] = { { D0 + 600, "gpt-4o", 9, 1, 1, 0 } };
  g_autofree char *page = usage_page (rows, 1, 60, NULL);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;
  const char *sent;

  g_assert_true (tally_query_add_filter (query, "model", models, NULL));
  g_assert_true (tally_query_add_filter (query, "project", projects, NULL));
  tally_test_http_queue (http, USAGE, 200, NULL, page);
  frame = run_query (source, query, D0 + 60, D0 + 3600 + 120, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, 9);
  sent = tally_test_http_last_query (http, USAGE);
  g_assert_nonnull (strstr (sent, "bucket_width=1m&limit=1440"));
  g_assert_nonnull (strstr (sent, "models=gpt-4o&models=o3%20mini&project_ids=proj_1"));
}

static void
assert_query_error (TallyTestHttp *http,
                    const char    *url,
                    guint          timeout,
                    int            code,
                    const char    *message_part)
{
  g_autoptr(TallySource) source = make_source (url, KEY, timeout);
  g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_SCALAR, "requests", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = run_query (source, query, D0, D0 + DAY, &error);

  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_rate_limited_carries_retry_after (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), KEY, 0);
  g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_SCALAR, "requests", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = NULL;
  g_autofree char *first = usage_page (paged_rows, 1, DAY, "page_2");

  /* the first page answers, the second is refused */
  tally_test_http_queue (http, USAGE, 200, NULL, first);
  tally_test_http_queue (http, USAGE, 429, "Retry-After: 12",
                         "{\"error\":{\"message\":\"Rate limit reached for requests\"}}");
  frame = run_query (source, query, D0, D0 + DAY, &error);

  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK);
  g_assert_cmpuint (tally_error_get_http_status (error), ==, 429);
  g_assert_cmpint (tally_error_get_retry_after (error), ==, 12);
  g_assert_nonnull (strstr (error->message, "Rate limit reached"));
  g_assert_cmpuint (tally_test_http_count (http, USAGE), ==, 2);
}

static void
test_server_error (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(GError) error = NULL;

  tally_test_http_queue (http, USAGE, 500, NULL, "{\"error\":{\"message\":\"internal failure\"}}");
  assert_query_error (http, tally_test_http_get_url (http), 0, TALLY_ERROR_NETWORK, "HTTP 500");
}

static void
test_truncated_body (void)
{
  g_autoptr(GSocketService) service = NULL;
  g_autofree char *url = tally_test_raw_server_new (
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n"
      "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",", &service);

  assert_query_error (NULL, url, 5, TALLY_ERROR_BAD_RESPONSE, "cut short");
  g_socket_service_stop (service);
}

static void
test_hang_times_out (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();

  tally_test_http_queue (http, USAGE, TALLY_TEST_HTTP_HANG, NULL, NULL);
  assert_query_error (http, tally_test_http_get_url (http), 1, TALLY_ERROR_NETWORK,
                      "did not answer within 1 s");
}

static void
test_malformed_page (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();

  tally_test_http_queue (http, USAGE, 200, NULL, "{\"object\":\"page\",\"buckets\":[]}");
  assert_query_error (http, tally_test_http_get_url (http), 0, TALLY_ERROR_BAD_RESPONSE, "“data” array");
  tally_test_http_queue (http, USAGE, 200, NULL,
                         "{\"data\":[],\"has_more\":true,\"next_page\":null}");
  assert_query_error (http, tally_test_http_get_url (http), 0, TALLY_ERROR_BAD_RESPONSE, "next_page");
  tally_test_http_queue (http, USAGE, 200, NULL,
                         "{\"data\":[{\"start_time\":1717200000,\"results\":"
                         "[{\"num_model_requests\":\"many\"}]}],\"has_more\":false}");
  assert_query_error (http, tally_test_http_get_url (http), 0, TALLY_ERROR_BAD_RESPONSE,
                      "num_model_requests");
}

static void
test_latency_unsupported (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), KEY, 0);
  const char *metrics[] = { "latency", "ttft", "errors", "error_rate", "rate_limited", "concurrency" };

  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    {
      g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_TIMESERIES, metrics[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(TallyFrame) frame = NULL;

      if (strcmp (metrics[i], "latency") == 0 || strcmp (metrics[i], "ttft") == 0)
        query->stat = TALLY_STAT_P95;
      else if (tally_metric_get_kind (query->metric) != TALLY_METRIC_KIND_COUNT)
        query->stat = TALLY_STAT_AVG;
      frame = run_query (source, query, D0, D0 + DAY, &error);
      g_assert_null (frame);
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, "is not available from this source"));
      g_assert_nonnull (strstr (error->message, tally_metric_get_title (query->metric)));
    }
  g_assert_cmpuint (tally_test_http_count (http, USAGE), ==, 0);
}

static void
test_missing_secret (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), NULL, 0);
  g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_SCALAR, "requests", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = run_query (source, query, D0, D0 + DAY, &error);

  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Admin key"));
  g_assert_nonnull (strstr (error->message, "billing"));
  g_assert_cmpuint (tally_test_http_count (http, USAGE), ==, 0);
}

static void
test_list_values (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), KEY, 0);
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;

  queue_paged (http);
  tally_source_list_values_async (source, "model", NULL, tally_test_result_cb, &pending);
  result = tally_test_wait_result (&pending);
  values = tally_source_list_values_finish (source, result, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (values), ==, 2);
  g_assert_cmpstr (values[0], ==, "gpt-4o");
  g_assert_cmpstr (values[1], ==, "o3");
  g_assert_nonnull (strstr (tally_test_http_last_query (http, USAGE), "group_by=model"));
  g_assert_nonnull (strstr (tally_test_http_last_query (http, USAGE), "bucket_width=1d"));
}

static void
test_bad_config (void)
{
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_int_member (entry, "timeout", 0);
  g_assert_null (tally_openai_source_new_from_config ("x", entry, KEY, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "timeout"));
}

/* A matrix keeps the largest groups of each side, the query's top, and
 * folds the rest into "Other": many models make no matrix of millions. */
static void
test_matrix_folds_past_top (void)
{
  g_autoptr(TallyTestHttp) http = tally_test_http_new ();
  g_autoptr(TallySource) source = make_source (tally_test_http_get_url (http), KEY, 0);
  g_autoptr(TallyQuery) query = make_query (TALLY_SHAPE_MATRIX, "requests", NULL);
  static const Row rows[] = { { D0, "a", 5, 1, 1, 0 }, { D0, "b", 4, 1, 1, 0 },
                              { D0, "c", 3, 1, 1, 0 }, { D0, "d", 2, 1, 1, 0 } };
  g_autofree char *page = usage_page (rows, G_N_ELEMENTS (rows), DAY, NULL);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_dimension_parse ("model", &query->rows, NULL));
  g_assert_true (tally_dimension_parse ("project", &query->columns, NULL));
  query->top = 2;
  tally_test_http_queue (http, USAGE, 200, NULL, page);
  frame = run_query (source, query, D0, D0 + DAY, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (tally_frame_get_n_rows (frame), ==, 3);
  g_assert_cmpuint (tally_frame_get_n_columns (frame), ==, 1);
  g_assert_cmpstr (tally_frame_get_row_label (frame, 0), ==, "a");
  g_assert_cmpstr (tally_frame_get_row_label (frame, 1), ==, "b");
  g_assert_cmpstr (tally_frame_get_row_label (frame, 2), ==, "Other");
  g_assert_cmpfloat (tally_frame_get_cell (frame, 0, 0), ==, 5);
  g_assert_cmpfloat (tally_frame_get_cell (frame, 1, 0), ==, 4);
  g_assert_cmpfloat (tally_frame_get_cell (frame, 2, 0), ==, 3 + 2);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);
  g_test_add_func ("/openai-source/matrix-folds-past-top", test_matrix_folds_past_top);

  g_test_add_func ("/openai/pages-followed", test_pages_followed);
  g_test_add_func ("/openai/group-by-model-with-nulls", test_group_by_model_with_nulls);
  g_test_add_func ("/openai/timeseries-top-and-other", test_timeseries_top_and_other);
  g_test_add_func ("/openai/cost-ratios-daily", test_cost_ratios_daily);
  g_test_add_func ("/openai/cost-split-by-tokens", test_cost_split_by_tokens);
  g_test_add_func ("/openai/filters-repeat-parameters", test_filters_repeat_parameters);
  g_test_add_func ("/openai/rate-limited", test_rate_limited_carries_retry_after);
  g_test_add_func ("/openai/server-error", test_server_error);
  g_test_add_func ("/openai/truncated-body", test_truncated_body);
  g_test_add_func ("/openai/hang", test_hang_times_out);
  g_test_add_func ("/openai/malformed-page", test_malformed_page);
  g_test_add_func ("/openai/latency-unsupported", test_latency_unsupported);
  g_test_add_func ("/openai/missing-secret", test_missing_secret);
  g_test_add_func ("/openai/list-values", test_list_values);
  g_test_add_func ("/openai/bad-config", test_bad_config);

  return g_test_run ();
}
