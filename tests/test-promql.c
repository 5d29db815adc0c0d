/* test-promql.c
 *
 * The PromQL the Prometheus source sends, to the character, and the steps
 * of its range queries. The expected strings are written out by hand from
 * docs/prometheus.md, not built by the code under test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "tally-error.h"
#include "tally-promql.h"
#include "tally-query.h"
#include "tally-test-utils.h"

static char *
build (TallyPromql        *promql,
       const char         *metric,
       const char         *stat,
       const char         *filter,
       const char * const *by,
       gint64              window_s,
       GError            **error)
{
  g_autoptr(TallyQuery) query = tally_query_new ();

  g_assert_true (tally_metric_from_string (metric, &query->metric));
  g_assert_true (tally_stat_from_string (stat, &query->stat));
  if (filter != NULL)
    {
      /* several expressions, separated by ';' */
      g_auto(GStrv) parts = g_strsplit (filter, ";", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        g_assert_true (tally_query_parse_filter (query, parts[i], NULL));
    }

  return tally_promql_build (promql, query->metric, query->stat, query->filters, by, window_s,
                             error);
}

static void
assert_promql (TallyPromql        *promql,
               const char         *metric,
               const char         *stat,
               const char         *filter,
               const char * const *by,
               gint64              window_s,
               const char         *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = build (promql, metric, stat, filter, by, window_s, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_otel_counts (void)
{
  g_autoptr(TallyPromql) promql = tally_promql_new (TALLY_PROMQL_PRESET_OTEL);
  const char *by_model[] = { "gen_ai_request_model", NULL };

  assert_promql (promql, "requests", "sum", NULL, NULL, 3600,
                 "sum(increase(gen_ai_client_operation_duration_seconds_count[3600s]))");
  assert_promql (promql, "requests", "rate", NULL, NULL, 300,
                 "sum(rate(gen_ai_client_operation_duration_seconds_count[300s])) * 60");
  assert_promql (promql, "input_tokens", "sum", NULL, by_model, 300,
                 "sum by (gen_ai_request_model) (increase("
                 "gen_ai_client_token_usage_sum{gen_ai_token_type=\"input\"}[300s]))");
  assert_promql (promql, "input_tokens", "avg", NULL, NULL, 60,
                 "sum(increase(gen_ai_client_token_usage_sum{gen_ai_token_type=\"input\"}[60s])) / "
                 "sum(increase(gen_ai_client_token_usage_count{gen_ai_token_type=\"input\"}[60s]))");
  /* two observations per request: tokens are averaged over requests */
  assert_promql (promql, "tokens", "avg", NULL, NULL, 60,
                 "sum(increase(gen_ai_client_token_usage_sum{gen_ai_token_type=~\"input|output\"}[60s]))"
                 " / sum(increase(gen_ai_client_operation_duration_seconds_count[60s]))");
  assert_promql (promql, "error_rate", "avg", NULL, NULL, 3600,
                 "sum(increase(gen_ai_client_operation_duration_seconds_count{error_type!=\"\"}[3600s]))"
                 " / sum(increase(gen_ai_client_operation_duration_seconds_count[3600s]))");
}

static void
test_filters_escaped (void)
{
  g_autoptr(TallyPromql) promql = tally_promql_new (TALLY_PROMQL_PRESET_OTEL);

  /* backslash, double quote and a line break */
  assert_promql (promql, "requests", "sum", "model=a\"b\\c\nd", NULL, 60,
                 "sum(increase(gen_ai_client_operation_duration_seconds_count{"
                 "gen_ai_request_model=\"a\\\"b\\\\c\\nd\"}[60s]))");
  /* several values: a regular expression, its metacharacters escaped */
  assert_promql (promql, "output_tokens", "sum", "model=gpt-4.1;model=o3(mini)", NULL, 60,
                 "sum(increase(gen_ai_client_token_usage_sum{gen_ai_token_type=\"output\", "
                 "gen_ai_request_model=~\"gpt-4\\\\.1|o3\\\\(mini\\\\)\"}[60s]))");
  /* a label.<key> is that label */
  assert_promql (promql, "requests", "sum", "label.deployment=eu", NULL, 60,
                 "sum(increase(gen_ai_client_operation_duration_seconds_count{deployment=\"eu\"}[60s]))");
}

static void
test_percentiles (void)
{
  g_autoptr(TallyPromql) promql = tally_promql_new (TALLY_PROMQL_PRESET_OTEL);
  const char *by_model[] = { "gen_ai_request_model", NULL };

  assert_promql (promql, "latency", "p95", NULL, NULL, 3600,
                 "histogram_quantile(0.95, sum by (le) (rate("
                 "gen_ai_client_operation_duration_seconds_bucket[3600s]))) * 1000");
  assert_promql (promql, "latency", "p50", "provider=openai", by_model, 60,
                 "histogram_quantile(0.5, sum by (le, gen_ai_request_model) (rate("
                 "gen_ai_client_operation_duration_seconds_bucket{gen_ai_system=\"openai\"}[60s]))) * 1000");
  assert_promql (promql, "latency", "avg", NULL, NULL, 600,
                 "sum(increase(gen_ai_client_operation_duration_seconds_sum[600s])) / "
                 "sum(increase(gen_ai_client_operation_duration_seconds_count[600s])) * 1000");
}

static void
test_litellm (void)
{
  g_autoptr(TallyPromql) promql = tally_promql_new (TALLY_PROMQL_PRESET_LITELLM);
  const char *by_key[] = { "hashed_api_key", NULL };

  assert_promql (promql, "cost", "sum", "project=research", NULL, 86400,
                 "sum(increase(litellm_spend_metric_total{team=\"research\"}[86400s]))");
  assert_promql (promql, "tokens", "sum", NULL, by_key, 3600,
                 "sum by (hashed_api_key) (increase(litellm_total_tokens_total[3600s]))");
  assert_promql (promql, "cost_per_request", "avg", NULL, NULL, 60,
                 "sum(increase(litellm_spend_metric_total[60s])) / "
                 "sum(increase(litellm_requests_metric_total[60s]))");
  assert_promql (promql, "latency", "p99", NULL, NULL, 60,
                 "histogram_quantile(0.99, sum by (le) (rate("
                 "litellm_request_total_latency_metric_bucket[60s]))) * 1000");
}

static void
assert_unsupported (TallyPromql *promql,
                    const char  *metric,
                    const char  *stat,
                    const char  *filter)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = build (promql, metric, stat, filter, NULL, 60, &error);

  g_assert_null (text);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "is not available from this source"));
}

static void
test_unsupported (void)
{
  g_autoptr(TallyPromql) otel = tally_promql_new (TALLY_PROMQL_PRESET_OTEL);
  g_autoptr(TallyPromql) litellm = tally_promql_new (TALLY_PROMQL_PRESET_LITELLM);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  assert_unsupported (otel, "cost", "sum", NULL);
  assert_unsupported (otel, "cost_per_request", "avg", NULL);
  assert_unsupported (otel, "concurrency", "avg", NULL);
  assert_unsupported (otel, "rtf", "avg", NULL);
  assert_unsupported (otel, "latency", "max", NULL);
  assert_unsupported (otel, "requests", "p95", NULL);
  assert_unsupported (otel, "requests", "sum", "project=x");
  assert_unsupported (litellm, "cached_tokens", "sum", NULL);
  assert_unsupported (litellm, "requests", "sum", "language=de");

  /* a metric this code does not know yet */
  text = tally_promql_build (otel, TALLY_N_METRICS, TALLY_STAT_SUM, NULL, NULL, 60, &error);
  g_assert_null (text);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
}

/* A filter without values filters nothing, as on every other source. */
static void
test_empty_filter (void)
{
  g_autoptr(TallyPromql) promql = tally_promql_new (TALLY_PROMQL_PRESET_OTEL);
  g_autoptr(TallyQuery) query = tally_query_new ();
  const char * const none[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  query->metric = TALLY_METRIC_REQUESTS;
  query->stat = TALLY_STAT_SUM;
  g_assert_true (tally_query_add_filter (query, "model", none, &error));
  text = tally_promql_build (promql, query->metric, query->stat, query->filters, NULL, 60, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (text, "gen_ai_request_model"));
}

static void
test_templates (void)
{
  g_autoptr(TallyPromql) promql = tally_promql_new (TALLY_PROMQL_PRESET_OTEL);
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_promql_set_template (promql, "requests", "my_requests_total{job=\"gw\"}", &error));
  g_assert_no_error (error);
  assert_promql (promql, "requests", "sum", "model=x", NULL, 60,
                 "sum(increase(my_requests_total{job=\"gw\", gen_ai_request_model=\"x\"}[60s]))");
  /* "name{}" has no matchers: the filters stand alone in the braces. */
  g_assert_true (tally_promql_set_template (promql, "requests", "my_requests_total{}", &error));
  assert_promql (promql, "requests", "sum", "model=x", NULL, 60,
                 "sum(increase(my_requests_total{gen_ai_request_model=\"x\"}[60s]))");
  g_assert_true (tally_promql_set_template (promql, "requests", "my_requests_total{job=\"gw\"}", &error));
  g_assert_true (tally_promql_set_template (promql, "cost", "spend_usd_total", NULL));
  assert_promql (promql, "cost", "avg", NULL, NULL, 60,
                 "sum(increase(spend_usd_total[60s])) / sum(increase(my_requests_total{job=\"gw\"}[60s]))");
  g_assert_true (tally_promql_set_template (promql, "latency", "http_duration_seconds", NULL));
  assert_promql (promql, "latency", "p90", NULL, NULL, 60,
                 "histogram_quantile(0.9, sum by (le) (rate(http_duration_seconds_bucket[60s]))) * 1000");

  g_assert_false (tally_promql_set_template (promql, "requests", "rate(x[5m])", &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "rate(x[5m])"));
  g_clear_error (&error);
  g_assert_false (tally_promql_set_template (promql, "error_rate", "x", &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tally_promql_set_template (promql, "bananas", "x", &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
}

static void
test_quote (void)
{
  g_autofree char *plain = tally_promql_quote ("gpt-4o");
  g_autofree char *nasty = tally_promql_quote ("\\\"\n\t");

  g_assert_cmpstr (plain, ==, "\"gpt-4o\"");
  g_assert_cmpstr (nasty, ==, "\"\\\\\\\"\\n\\t\"");
}

static void
test_steps (void)
{
  gint64 first = -1;

  /* the scrape interval is the floor */
  g_assert_cmpint (tally_promql_step (0, 3600, 600, 15, 0), ==, 15);
  g_assert_cmpint (tally_promql_step (0, 3600, 600, 60, 0), ==, 60);
  /* one point per two pixels of a 1200 px chart, rounded up to a nice step:
   * a day over 600 points needs 144 s, so 5 minutes */
  g_assert_cmpint (tally_promql_step (0, 86400, 600, 15, 0), ==, 300);
  /* a week: 1008 s, so 20 minutes */
  g_assert_cmpint (tally_promql_step (0, 7 * 86400, 600, 15, 0), ==, 1200);
  /* a scrape interval that is no nice value rounds up: 7 s gives 10 s */
  g_assert_cmpint (tally_promql_step (0, 600, 600, 7, 0), ==, 10);
  /* an interval the query asks for */
  g_assert_cmpint (tally_promql_step (0, 86400, 600, 15, 3600), ==, 3600);
  /* never more than 11,000 points: a year asked at 20,000 points */
  g_assert_cmpint (tally_promql_step (0, 365 * 86400, 20000, 15, 0), ==, 3600);
  /* 11,000 points of 15 s fit when aligned ... */
  g_assert_cmpint (tally_promql_step (0, 165000, 11000, 15, 0), ==, 15);
  g_assert_cmpuint (tally_promql_n_buckets (0, 165000, 15, NULL), ==, 11000);
  /* ... but not when the range starts off the grid: one more bucket */
  g_assert_cmpuint (tally_promql_n_buckets (7, 165007, 15, NULL), ==, 11001);
  g_assert_cmpint (tally_promql_step (7, 165007, 11000, 15, 0), ==, 20);

  /* buckets are aligned to the step */
  g_assert_cmpuint (tally_promql_n_buckets (100, 7300, 3600, &first), ==, 3);
  g_assert_cmpint (first, ==, 0);
  g_assert_cmpuint (tally_promql_n_buckets (7200, 10800, 3600, &first), ==, 1);
  g_assert_cmpint (first, ==, 7200);
  g_assert_cmpuint (tally_promql_n_buckets (7200, 7200, 3600, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/promql/otel-counts", test_otel_counts);
  g_test_add_func ("/tally/promql/filters-escaped", test_filters_escaped);
  g_test_add_func ("/tally/promql/percentiles", test_percentiles);
  g_test_add_func ("/tally/promql/litellm", test_litellm);
  g_test_add_func ("/tally/promql/unsupported", test_unsupported);
  g_test_add_func ("/tally/promql/templates", test_templates);
  g_test_add_func ("/tally/promql/empty-filter", test_empty_filter);
  g_test_add_func ("/tally/promql/quote", test_quote);
  g_test_add_func ("/tally/promql/steps", test_steps);

  return g_test_run ();
}
