/* test-prometheus-source.c
 *
 * The Prometheus source against a real Prometheus (Debian's package) over
 * generated OpenTelemetry GenAI metrics (tally-test-prometheus.c): the
 * source's totals, per-model breakdowns, hourly series and P95 against the
 * numbers computed while generating.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>
#include "tally-error.h"
#include "tally-prometheus-source.h"
#include "tally-test-prometheus.h"
#include "tally-test-utils.h"

static TallyTestPrometheus *prom;

static TallySource *
make_source (void)
{
  g_autofree char *json = g_strdup_printf ("{\"url\":\"%s\",\"scrape_interval\":%d}", prom->url,
                                           PROM_SCRAPE_S);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  TallySource *source = tally_prometheus_source_new_from_config ("prom", json_node_get_object (node),
                                                                 NULL, &error);

  g_assert_no_error (error);
  return source;
}

static TallyFrame *
run_query (TallyShape  shape,
           const char *metric,
           const char *stat,
           const char *group_by,
           gint64      interval_s)
{
  g_autoptr(TallySource) source = make_source ();
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (prom->truth.from, prom->truth.to,
                                                          prom->truth.to, NULL);
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TallyFrame *frame;

  query->shape = shape;
  query->interval_s = interval_s;
  g_assert_true (tally_metric_from_string (metric, &query->metric));
  g_assert_true (tally_stat_from_string (stat, &query->stat));
  if (group_by != NULL)
    g_assert_true (tally_dimension_parse (group_by, &query->group_by, NULL));
  tally_source_query_async (source, query, range, NULL, tally_test_result_cb, &pending);
  result = tally_test_wait_result (&pending);
  frame = tally_source_query_finish (source, result, &error);
  g_assert_no_error (error);

  return frame;
}

static gboolean
skipped (void)
{
  if (prom->skip != NULL)
    g_test_skip (prom->skip);
  return prom->skip != NULL;
}

static void
assert_close (double value,
              double expected)
{
  g_assert_cmpfloat_with_epsilon (value, expected, MAX (fabs (expected) * 1e-9, 1e-9));
}

static void
test_totals (void)
{
  g_autoptr(TallyFrame) requests = NULL;
  g_autoptr(TallyFrame) latency = NULL;
  const TallyTestPromTruth *truth = &prom->truth;
  double total = 0, before = 0;

  if (skipped ())
    return;
  for (guint m = 0; m < PROM_N_MODELS; m++)
    {
      total += truth->requests_at[m][PROM_RANGE_HOURS] - truth->requests_at[m][0];
      before += truth->requests_at[m][0];
    }
  g_assert_cmpfloat (total, ==, (double) truth->latencies->len);

  requests = run_query (TALLY_SHAPE_SCALAR, "requests", "sum", NULL, 0);
  assert_close (tally_frame_get_value (requests), total);
  /* the period before began with the data, at zero */
  assert_close (tally_frame_get_previous (requests), before);

  latency = run_query (TALLY_SHAPE_SCALAR, "latency", "avg", NULL, 0);
  assert_close (tally_frame_get_value (latency),
                (truth->lat_sum_at[1] - truth->lat_sum_at[0]) / total * 1000);
}

static double
category (const TallyFrame *frame,
          const char       *label)
{
  for (guint i = 0; i < tally_frame_get_n_categories (frame); i++)
    {
      if (g_strcmp0 (tally_frame_get_category_label (frame, i), label) == 0)
        return tally_frame_get_category_value (frame, i);
    }
  g_error ("no category %s", label);
}

static void
test_per_model (void)
{
  g_autoptr(TallyFrame) requests = NULL;
  g_autoptr(TallyFrame) output = NULL;
  const TallyTestPromTruth *truth = &prom->truth;

  if (skipped ())
    return;
  requests = run_query (TALLY_SHAPE_CATEGORIES, "requests", "sum", "model", 0);
  output = run_query (TALLY_SHAPE_CATEGORIES, "output_tokens", "sum", "model", 0);

  g_assert_cmpuint (tally_frame_get_n_categories (requests), ==, PROM_N_MODELS);
  g_assert_cmpuint (tally_frame_get_n_categories (output), ==, PROM_N_MODELS);
  for (guint m = 0; m < PROM_N_MODELS; m++)
    {
      assert_close (category (requests, tally_test_prom_models[m]),
                    truth->requests_at[m][PROM_RANGE_HOURS] - truth->requests_at[m][0]);
      assert_close (category (output, tally_test_prom_models[m]), truth->output_at[m][1] - truth->output_at[m][0]);
    }
  /* largest first */
  g_assert_cmpfloat (tally_frame_get_category_value (requests, 0), >=,
                     tally_frame_get_category_value (requests, 1));
  g_assert_cmpfloat (tally_frame_get_category_value (requests, 1), >=,
                     tally_frame_get_category_value (requests, 2));
}

static void
test_hourly (void)
{
  g_autoptr(TallyFrame) frame = NULL;
  const TallyTestPromTruth *truth = &prom->truth;
  const gint64 *buckets;
  const double *values;
  guint n;

  if (skipped ())
    return;
  frame = run_query (TALLY_SHAPE_TIMESERIES, "requests", "sum", NULL, PROM_HOUR);
  buckets = tally_frame_get_buckets (frame, &n);
  g_assert_cmpuint (n, ==, PROM_RANGE_HOURS);
  g_assert_cmpint (tally_frame_get_interval (frame), ==, PROM_HOUR);
  values = tally_frame_get_series_values (frame, 0);
  for (guint h = 0; h < PROM_RANGE_HOURS; h++)
    {
      double expected = 0;

      for (guint m = 0; m < PROM_N_MODELS; m++)
        expected += truth->requests_at[m][h + 1] - truth->requests_at[m][h];
      g_assert_cmpint (buckets[h], ==, truth->from + (gint64) h * PROM_HOUR);
      assert_close (values[h], expected);
    }
}

static void
test_p95 (void)
{
  g_autoptr(TallyFrame) all = NULL;
  g_autoptr(TallyFrame) per_model = NULL;
  double lower, upper, value;

  if (skipped ())
    return;
  all = run_query (TALLY_SHAPE_SCALAR, "latency", "p95", NULL, 0);
  per_model = run_query (TALLY_SHAPE_CATEGORIES, "latency", "p95", "model", 0);

  tally_test_prom_p95_bucket (prom->truth.latencies, &lower, &upper);
  value = tally_frame_get_value (all);
  g_assert_cmpfloat (value, >=, lower);
  g_assert_cmpfloat (value, <=, upper);
  for (guint m = 0; m < PROM_N_MODELS; m++)
    {
      tally_test_prom_p95_bucket (prom->truth.model_latencies[m], &lower, &upper);
      value = category (per_model, tally_test_prom_models[m]);
      g_assert_cmpfloat (value, >=, lower);
      g_assert_cmpfloat (value, <=, upper);
    }
}

/* Prometheus' own verdict on a bad template, as the user reads it. */
static void
test_rejected_query (void)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TallySource) source = NULL;
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = NULL;

  if (skipped ())
    return;
  json = g_strdup_printf ("{\"url\":\"%s\",\"templates\":"
                          "{\"requests\":\"gen_ai_client_operation_duration_seconds_count"
                          "{gen_ai_system=~\\\"(\\\"}\"}}", prom->url);
  node = json_from_string (json, NULL);
  g_assert_nonnull (node);
  source = tally_prometheus_source_new_from_config ("prom", json_node_get_object (node), NULL, &error);
  g_assert_no_error (error);
  range = tally_time_range_new (prom->truth.from, prom->truth.to, prom->truth.to, NULL);
  query->shape = TALLY_SHAPE_CATEGORIES;
  g_assert_true (tally_dimension_parse ("model", &query->group_by, NULL));
  tally_source_query_async (source, query, range, NULL, tally_test_result_cb, &pending);
  result = tally_test_wait_result (&pending);
  frame = tally_source_query_finish (source, result, &error);

  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Prometheus rejected the query"));
  g_assert_nonnull (strstr (error->message, "missing closing )"));
}

static void
test_list_models (void)
{
  g_autoptr(TallySource) source = NULL;
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;

  if (skipped ())
    return;
  source = make_source ();
  tally_source_list_values_async (source, "model", NULL, tally_test_result_cb, &pending);
  result = tally_test_wait_result (&pending);
  values = tally_source_list_values_finish (source, result, &error);

  g_assert_no_error (error);
  g_assert_cmpstrv (values, tally_test_prom_models);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tally_test_init (&argc, &argv);
  prom = tally_test_prometheus_start ();

  g_test_add_func ("/tally/prometheus-source/totals", test_totals);
  g_test_add_func ("/tally/prometheus-source/per-model", test_per_model);
  g_test_add_func ("/tally/prometheus-source/hourly", test_hourly);
  g_test_add_func ("/tally/prometheus-source/p95", test_p95);
  g_test_add_func ("/tally/prometheus-source/rejected-query", test_rejected_query);
  g_test_add_func ("/tally/prometheus-source/list-models", test_list_models);

  status = g_test_run ();
  tally_test_prometheus_stop ();

  return status;
}
