/* test-cli-remote.c
 *
 * `tally query --source NAME` on a real Prometheus (Debian's package) over
 * generated OpenTelemetry GenAI metrics (tally-test-prometheus.c): totals,
 * per-model breakdowns and P95 printed by the command equal the numbers
 * computed while generating the data, P95 within the histogram bucket that
 * holds it; a metric OTel metrics do not carry is refused, not zero.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <json-glib/json-glib.h>

#include "tally-paths.h"
#include "tally-test-prometheus.h"
#include "tally-test-utils.h"

static TallyTestPrometheus *prom;

/* Runs `tally query --source team-prom` over the generated range with
 * @args, and returns its JSON frame. */
static JsonObject *
query (const char * const *args)
{
  g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, prom->truth.from);
  g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, prom->truth.to);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, "query");
  g_ptr_array_add (argv, "--source");
  g_ptr_array_add (argv, "team-prom");
  g_ptr_array_add (argv, "--from");
  g_ptr_array_add (argv, from);
  g_ptr_array_add (argv, "--to");
  g_ptr_array_add (argv, to);
  g_ptr_array_add (argv, "--json");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (tally_test_run_tally ((const char * const *) argv->pdata, NULL, &out, &err,
                                       &status));
  if (status != 0)
    g_error ("tally query failed (%d): %s", status, err);
  node = json_from_string (out, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (node));
}

/* The value of @label in a categories frame. */
static double
category (JsonObject *frame,
          const char *label)
{
  JsonArray *labels = json_object_get_array_member (frame, "labels");
  JsonArray *values = json_object_get_array_member (frame, "values");

  for (guint i = 0; i < json_array_get_length (labels); i++)
    {
      if (g_strcmp0 (json_array_get_string_element (labels, i), label) == 0)
        return json_array_get_double_element (values, i);
    }
  g_error ("no category %s", label);
}

static gboolean
skipped (void)
{
  if (prom->skip != NULL)
    g_test_skip (prom->skip);
  return prom->skip != NULL;
}

static double
requests_of (guint m)
{
  return prom->truth.requests_at[m][PROM_RANGE_HOURS] - prom->truth.requests_at[m][0];
}

static void
test_totals (void)
{
  g_autoptr(JsonObject) total = NULL;
  g_autoptr(JsonObject) per_model = NULL;
  double sum = 0;

  if (skipped ())
    return;
  total = query ((const char *[]) { "--metric", "requests", "--stat", "sum", NULL });
  per_model = query ((const char *[]) { "--metric", "requests", "--stat", "sum",
                                        "--group-by", "model", NULL });

  for (guint m = 0; m < PROM_N_MODELS; m++)
    {
      g_assert_cmpfloat (category (per_model, tally_test_prom_models[m]), ==, requests_of (m));
      sum += requests_of (m);
    }
  g_assert_cmpfloat (sum, ==, (double) prom->truth.latencies->len);
  g_assert_cmpfloat (json_object_get_double_member (total, "value"), ==, sum);
  g_assert_cmpstr (json_object_get_string_member (total, "shape"), ==, "scalar");
}

static void
test_p95 (void)
{
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(JsonObject) per_model = NULL;
  double lower, upper, value;

  if (skipped ())
    return;
  all = query ((const char *[]) { "--metric", "latency", "--stat", "p95", NULL });
  per_model = query ((const char *[]) { "--metric", "latency", "--stat", "p95",
                                        "--group-by", "model", NULL });

  tally_test_prom_p95_bucket (prom->truth.latencies, &lower, &upper);
  value = json_object_get_double_member (all, "value");
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

/* OpenTelemetry's GenAI metrics carry no cost: an error that says so. */
static void
test_not_available (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  if (skipped ())
    return;
  g_assert_true (tally_test_run_tally ((const char *[]) { "query", "--source", "team-prom",
                                                          "--metric", "cost", "--stat", "sum",
                                                          NULL },
                                       NULL, &out, &err, &status));
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "not available from this source"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sources = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  tally_test_init (&argc, &argv);
  prom = tally_test_prometheus_start ();
  if (prom->skip == NULL)
    {
      sources = tally_paths_get_sources_file ();
      json = g_strdup_printf ("{\"sources\":[{\"name\":\"team-prom\",\"type\":\"prometheus\","
                              "\"url\":\"%s\",\"scrape_interval\":%d}]}", prom->url, PROM_SCRAPE_S);
      g_assert_true (tally_paths_ensure_parent (sources, &error));
      g_assert_true (g_file_set_contents (sources, json, -1, &error));
    }

  g_test_add_func ("/tally/cli-remote/totals", test_totals);
  g_test_add_func ("/tally/cli-remote/p95", test_p95);
  g_test_add_func ("/tally/cli-remote/not-available", test_not_available);

  status = g_test_run ();
  tally_test_prometheus_stop ();

  return status;
}
