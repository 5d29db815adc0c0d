/* test-metric.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The query catalogue and queries themselves: which stat each metric has
 * (the table of docs/queries.md), units, dimension names, status classes,
 * and queries read from panels' JSON and from --filter expressions. */

#include "config.h"

#include "tally-error.h"
#include "tally-query.h"
#include "tally-test-utils.h"

/* docs/queries.md's table: which stats each metric kind has. */
static const char *expected_stats[] = {
  [TALLY_METRIC_KIND_COUNT] = "sum count rate avg min max p50 p90 p95 p99",
  [TALLY_METRIC_KIND_AMOUNT] = "sum count rate avg min max",
  [TALLY_METRIC_KIND_RATIO] = "avg min max p50 p90 p95 p99",
  [TALLY_METRIC_KIND_DURATION] = "sum count avg min max p50 p90 p95 p99",
  [TALLY_METRIC_KIND_CONCURRENCY] = "avg min max p50 p90 p95 p99",
  [TALLY_METRIC_KIND_FORECAST] = "sum",
};

static void
test_metric_names_and_stats (void)
{
  for (guint m = 0; m < TALLY_N_METRICS; m++)
    {
      g_autoptr(GString) stats = g_string_new (NULL);
      TallyMetric back;

      g_assert_true (tally_metric_from_string (tally_metric_to_string (m), &back));
      g_assert_cmpint (back, ==, m);
      for (guint s = 0; s < TALLY_N_STATS; s++)
        {
          if (tally_metric_has_stat (m, s))
            g_string_append_printf (stats, "%s%s", stats->len ? " " : "", tally_stat_to_string (s));
        }
      /* the utilisation of a limit: now, or its peak (docs/alerts.md) */
      if (tally_metric_is_utilization (m))
        g_assert_cmpstr (stats->str, ==, "avg max");
      else
        g_assert_cmpstr (stats->str, ==, expected_stats[tally_metric_get_kind (m)]);
    }

  g_assert_false (tally_metric_from_string ("vibes", &(TallyMetric) { 0 }));
  g_assert_false (tally_metric_has_stat (TALLY_N_METRICS, TALLY_STAT_SUM));
  g_assert_cmpfloat (tally_stat_get_quantile (TALLY_STAT_P95), ==, 0.95);
  g_assert_false (tally_stat_is_percentile (TALLY_STAT_AVG));
}

static void
test_metric_check_stat_message (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (tally_metric_check_stat (TALLY_METRIC_ERROR_RATE, TALLY_STAT_SUM, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "the metric error_rate has no stat sum (it has avg, min, max, p50, p90, p95, p99)");
}

static void
test_metric_units (void)
{
  g_assert_cmpstr (tally_metric_get_unit (TALLY_METRIC_REQUESTS, TALLY_STAT_SUM), ==, "requests");
  g_assert_cmpstr (tally_metric_get_unit (TALLY_METRIC_REQUESTS, TALLY_STAT_RATE), ==, "requests/min");
  g_assert_cmpstr (tally_metric_get_unit (TALLY_METRIC_TOKENS, TALLY_STAT_RATE), ==, "tokens/min");
  g_assert_cmpstr (tally_metric_get_unit (TALLY_METRIC_COST, TALLY_STAT_SUM), ==, "usd");
  g_assert_cmpstr (tally_metric_get_unit (TALLY_METRIC_COST, TALLY_STAT_COUNT), ==, "requests");
  g_assert_cmpstr (tally_metric_get_unit (TALLY_METRIC_ERROR_RATE, TALLY_STAT_AVG), ==, "percent");
  g_assert_cmpstr (tally_metric_get_unit (TALLY_METRIC_LATENCY, TALLY_STAT_P95), ==, "ms");
  g_assert_cmpstr (tally_metric_get_unit (TALLY_METRIC_RTF, TALLY_STAT_AVG), ==, "x");
  g_assert_cmpint (tally_metric_get_trend (TALLY_METRIC_COST), ==, TALLY_TREND_UP_IS_BAD);
  g_assert_cmpint (tally_metric_get_trend (TALLY_METRIC_TOKENS_PER_DOLLAR), ==, TALLY_TREND_UP_IS_GOOD);
  g_assert_true (tally_metric_stat_is_per_minute (TALLY_METRIC_REQUESTS, TALLY_STAT_P95));
  g_assert_false (tally_metric_stat_is_per_minute (TALLY_METRIC_REQUESTS, TALLY_STAT_AVG));
  g_assert_false (tally_metric_stat_is_per_minute (TALLY_METRIC_LATENCY, TALLY_STAT_P95));

  /* Counts of events are whole; their means per minute, requests in
   * flight, costs and durations are not. */
  g_assert_true (tally_metric_stat_is_whole (TALLY_METRIC_ERRORS, TALLY_STAT_SUM));
  g_assert_true (tally_metric_stat_is_whole (TALLY_METRIC_REQUESTS, TALLY_STAT_MAX));
  g_assert_true (tally_metric_stat_is_whole (TALLY_METRIC_REQUESTS, TALLY_STAT_P95));
  g_assert_true (tally_metric_stat_is_whole (TALLY_METRIC_OUTPUT_TOKENS, TALLY_STAT_SUM));
  g_assert_true (tally_metric_stat_is_whole (TALLY_METRIC_LATENCY, TALLY_STAT_COUNT));
  g_assert_false (tally_metric_stat_is_whole (TALLY_METRIC_REQUESTS, TALLY_STAT_AVG));
  g_assert_false (tally_metric_stat_is_whole (TALLY_METRIC_REQUESTS, TALLY_STAT_RATE));
  g_assert_false (tally_metric_stat_is_whole (TALLY_METRIC_TOKENS, TALLY_STAT_AVG));
  g_assert_false (tally_metric_stat_is_whole (TALLY_METRIC_CONCURRENCY, TALLY_STAT_MAX));
  g_assert_false (tally_metric_stat_is_whole (TALLY_METRIC_COST, TALLY_STAT_SUM));
  g_assert_false (tally_metric_stat_is_whole (TALLY_METRIC_LATENCY, TALLY_STAT_P95));
  g_assert_false (tally_metric_stat_is_whole (TALLY_METRIC_ERROR_RATE, TALLY_STAT_MAX));
}

static void
test_metric_dimensions (void)
{
  const char *good[] = { "model", "status_class", "label.voice", "label.team/region_2", "day_of_week" };
  const char *bad[] = { "label.", "label.a b", "colour", "", "label.éclair" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      TallyDimension dimension;

      g_assert_true (tally_dimension_parse (good[i], &dimension, &error));
      g_assert_no_error (error);
      name = tally_dimension_to_string (&dimension);
      g_assert_cmpstr (name, ==, good[i]);
      tally_dimension_clear (&dimension);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      TallyDimension dimension;

      g_assert_false (tally_dimension_parse (bad[i], &dimension, &error));
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
    }
  g_assert_false (tally_dimension_is_groupable (TALLY_DIMENSION_HOUR_OF_DAY));
  g_assert_true (tally_dimension_is_groupable (TALLY_DIMENSION_LABEL));
}

static void
test_metric_status_class (void)
{
  g_assert_cmpstr (tally_status_class (200, TRUE, NULL), ==, "2xx");
  g_assert_cmpstr (tally_status_class (429, TRUE, "rate_limit_exceeded"), ==, "4xx");
  g_assert_cmpstr (tally_status_class (503, TRUE, NULL), ==, "5xx");
  g_assert_cmpstr (tally_status_class (0, TRUE, NULL), ==, "error");
  g_assert_cmpstr (tally_status_class (-1, FALSE, NULL), ==, "2xx");
  g_assert_cmpstr (tally_status_class (-1, FALSE, "timeout"), ==, "error");
  g_assert_cmpstr (tally_status_class (-1, FALSE, ""), ==, "2xx");
}

static TallyQuery *
query_from_json (const char  *json,
                 TallyShape   shape,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return tally_query_new_from_json (json_parser_get_root (parser), shape, error);
}

static void
test_query_from_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyQuery) query = query_from_json ("{\"metric\":\"latency\",\"stat\":\"p95\",\"group_by\":"
                                                 "\"label.voice\",\"interval\":\"1h\",\"top\":3,\"limit\":20,"
                                                 "\"filters\":{\"status\":[429,500],\"model\":[]}}",
                                                 TALLY_SHAPE_TIMESERIES, &error);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *written = NULL;
  const TallyFilter *filter;

  g_assert_no_error (error);
  g_assert_cmpint (query->metric, ==, TALLY_METRIC_LATENCY);
  g_assert_cmpint (query->group_by.kind, ==, TALLY_DIMENSION_LABEL);
  g_assert_cmpstr (query->group_by.label, ==, "voice");
  g_assert_cmpint (query->interval_s, ==, 3600);
  g_assert_cmpuint (query->top, ==, 3);
  g_assert_cmpuint (query->limit, ==, 20);
  /* An empty filter is no filter. */
  g_assert_cmpuint (query->filters->len, ==, 1);
  filter = g_ptr_array_index (query->filters, 0);
  g_assert_cmpstrv (filter->values, ((const char *[]) { "429", "500", NULL }));

  node = tally_query_to_json (query);
  written = json_to_string (node, FALSE);
  g_assert_cmpstr (written, ==, "{\"metric\":\"latency\",\"stat\":\"p95\",\"group_by\":\"label.voice\","
                                "\"interval\":\"1h\",\"top\":3,\"limit\":20,\"filters\":{\"status\":"
                                "[\"429\",\"500\"]}}");
}

static void
test_query_json_errors (void)
{
  const struct
  {
    const char *json;
    TallyShape  shape;
    const char *message;
  } cases[] = {
    { "{\"metric\":\"vibes\"}", TALLY_SHAPE_SCALAR, "metric: “vibes” is not a metric" },
    { "{\"stat\":\"p42\"}", TALLY_SHAPE_SCALAR,
      "stat: “p42” is not a stat (sum, count, rate, avg, min, max, p50, p90, p95, p99)" },
    { "{\"metric\":\"cost\",\"stat\":\"p95\"}", TALLY_SHAPE_SCALAR,
      "the metric cost has no stat p95 (it has sum, count, rate, avg, min, max)" },
    { "{\"group_by\":\"hour_of_day\"}", TALLY_SHAPE_TIMESERIES, "group_by: cannot group by hour_of_day" },
    { "{\"group_by\":3}", TALLY_SHAPE_TIMESERIES, "group_by: must be a string" },
    { "{\"interval\":60}", TALLY_SHAPE_TIMESERIES, "interval: must be \"auto\" or a duration such as \"5m\"" },
    { "{\"interval\":\"90s\"}", TALLY_SHAPE_TIMESERIES, "the interval must be a whole number of minutes" },
    { "{\"top\":-1}", TALLY_SHAPE_TIMESERIES, "top: must be an integer 0..100" },
    { "{\"limit\":0}", TALLY_SHAPE_TABLE, "limit must be 1..10000" },
    { "{\"filters\":{\"model\":\"gpt-4o\"}}", TALLY_SHAPE_SCALAR, "filters.model: must be an array of values" },
    { "{\"filters\":{\"model\":[1.5]}}", TALLY_SHAPE_SCALAR, "filters.model[0]: must be a string or an integer" },
    { "{}", TALLY_SHAPE_MATRIX, "a matrix needs rows and columns (for example day_of_week and hour_of_day)" },
    { "{\"rows\":\"latency_bucket\",\"columns\":\"model\"}", TALLY_SHAPE_MATRIX,
      "latency_bucket rows go with time columns" },
    { "[]", TALLY_SHAPE_SCALAR, "query: must be an object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TallyQuery) query = query_from_json (cases[i].json, cases[i].shape, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (query);
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_query_parse_filter (void)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(TallyQuery) copy = NULL;
  g_autoptr(GError) error = NULL;
  const TallyFilter *filter;

  g_assert_true (tally_query_parse_filter (query, "model=gpt-4o", &error));
  g_assert_true (tally_query_parse_filter (query, "project=a=b", &error));
  /* The same dimension again widens the clause (OR). */
  g_assert_true (tally_query_parse_filter (query, "model=o3", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (query->filters->len, ==, 2);
  filter = g_ptr_array_index (query->filters, 0);
  g_assert_cmpstrv (filter->values, ((const char *[]) { "gpt-4o", "o3", NULL }));
  filter = g_ptr_array_index (query->filters, 1);
  g_assert_cmpstrv (filter->values, ((const char *[]) { "a=b", NULL }));

  copy = tally_query_copy (query);
  g_assert_cmpuint (copy->filters->len, ==, 2);

  g_assert_false (tally_query_parse_filter (query, "model", &error));
  g_assert_cmpstr (error->message, ==, "the filter “model” is not DIMENSION=VALUE");
  g_clear_error (&error);
  g_assert_false (tally_query_parse_filter (query, "day_of_week=Mon", &error));
  g_assert_cmpstr (error->message, ==, "cannot filter on day_of_week");
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/metric/names-and-stats", test_metric_names_and_stats);
  g_test_add_func ("/tally/metric/check-stat-message", test_metric_check_stat_message);
  g_test_add_func ("/tally/metric/units", test_metric_units);
  g_test_add_func ("/tally/metric/dimensions", test_metric_dimensions);
  g_test_add_func ("/tally/metric/status-class", test_metric_status_class);
  g_test_add_func ("/tally/query/from-json", test_query_from_json);
  g_test_add_func ("/tally/query/json-errors", test_query_json_errors);
  g_test_add_func ("/tally/query/parse-filter", test_query_parse_filter);

  return g_test_run ();
}
