/* test-limits.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* limits.json: read, validated with messages naming the member, written
 * back whole; and the utilisation metrics over a real store, against sums
 * counted here from the events the test made. */

#include "config.h"

#include <math.h>

#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-limits.h"
#include "tally-paths.h"
#include "tally-store.h"
#include "tally-test-utils.h"

/* 2026-11-02 00:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1793577600)

static TallyLimits *
parse (const char  *text,
       GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  return tally_limits_new_from_json (node, error);
}

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyLimits) limits =
    parse ("{\"budget\":{\"monthly\":500,\"daily\":20},\"rpm\":100,"
           "\"limits\":[{\"model\":\"gpt-4o\",\"tpm\":30000,\"rpd\":1000},"
           "{\"source\":\"local\",\"api_key\":\"team\",\"rpm\":10}]}", &error);
  const TallyLimit *top, *model, *key;

  g_assert_no_error (error);
  g_assert_cmpuint (tally_limits_get_n (limits), ==, 3);
  top = tally_limits_get (limits, 0);
  model = tally_limits_get (limits, 1);
  key = tally_limits_get (limits, 2);
  g_assert_cmpstr (top->source, ==, "local");
  g_assert_null (top->model);
  g_assert_cmpfloat (top->values[TALLY_LIMIT_MONTHLY_BUDGET], ==, 500);
  g_assert_cmpfloat (top->values[TALLY_LIMIT_DAILY_BUDGET], ==, 20);
  g_assert_cmpfloat (top->values[TALLY_LIMIT_RPM], ==, 100);
  g_assert_true (isnan (top->values[TALLY_LIMIT_TPM]));
  g_assert_cmpstr (model->model, ==, "gpt-4o");
  g_assert_cmpfloat (model->values[TALLY_LIMIT_TPM], ==, 30000);
  g_assert_cmpfloat (model->values[TALLY_LIMIT_RPD], ==, 1000);
  g_assert_cmpstr (key->api_key, ==, "team");
  g_assert_cmpfloat (key->values[TALLY_LIMIT_RPM], ==, 10);
}

/* An entry for the local source as a whole, as a file written by hand may
 * have it, is the top level's limits, and is written back there. */
static void
test_parse_whole_source_entry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyLimits) limits =
    parse ("{\"limits\":[{\"source\":\"local\",\"rpm\":7},{\"model\":\"o3\",\"tpm\":9}]}", &error);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (tally_limits_get_n (limits), ==, 2);
  g_assert_true (tally_limit_is_top (tally_limits_get (limits, 0)));
  g_assert_cmpfloat (tally_limits_get (limits, 0)->values[TALLY_LIMIT_RPM], ==, 7);
  node = tally_limits_to_json (limits);
  text = tally_json_to_compact_string (node, NULL);
  g_assert_cmpstr (text, ==, "{\"version\":1,\"rpm\":7.0,\"limits\":[{\"source\":\"local\",\"model\":\"o3\",\"tpm\":9.0}]}");
}

static void
test_invalid (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "[]", "must be a JSON object" },
    { "{\"rpm\":-1}", "rpm: must be a positive number" },
    { "{\"rpm\":\"fast\"}", "rpm: must be a number" },
    { "{\"rpm\":1e300}", "rpm: must be a positive number" },
    { "{\"budget\":{\"weekly\":3}}", "budget.weekly: unknown budget" },
    { "{\"budget\":5}", "budget: must be an object" },
    { "{\"rmp\":5}", "rmp: unknown member" },
    { "{\"limits\":{}}", "limits: must be an array" },
    { "{\"limits\":[{\"model\":\"a\"}]}", "limits[0]: sets no limit" },
    { "{\"limits\":[{\"model\":\"\",\"rpm\":1}]}", "limits[0].model: must be a non-empty string" },
    { "{\"limits\":[{\"model\":\"a\",\"rpm\":1},{\"model\":\"a\",\"tpm\":2}]}", "limits[1]: another limit has the same" },
    { "{\"rpm\":2,\"limits\":[{\"tpm\":1}]}", "limits[0]: repeats the top-level limits of the local source" },
    { "{\"limits\":[{\"model\":\"a\",\"rpm\":1,\"color\":2}]}", "limits[0].color: unknown member" },
    { "{\"version\":99}", "newer version" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TallyLimits) limits = parse (cases[i].json, &error);

      g_assert_null (limits);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("%s: “%s” lacks “%s”", cases[i].json, error->message, cases[i].message);
    }
}

/* The entry of exactly one scope, changed in place; NULL source is "local". */
static void
test_lookup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyLimits) limits =
    parse ("{\"rpm\":100,\"limits\":[{\"model\":\"gpt-4o\",\"tpm\":30000},"
           "{\"source\":\"openai\",\"model\":\"gpt-4o\",\"rpd\":9}]}", &error);
  TallyLimit *top, *local_model, *openai_model;

  g_assert_no_error (error);
  top = tally_limits_lookup (limits, NULL, NULL, NULL);
  local_model = tally_limits_lookup (limits, "local", "gpt-4o", NULL);
  openai_model = tally_limits_lookup (limits, "openai", "gpt-4o", NULL);
  g_assert_true (top == tally_limits_get (limits, 0));
  g_assert_true (local_model == tally_limits_get (limits, 1));
  g_assert_true (openai_model == tally_limits_get (limits, 2));
  g_assert_null (tally_limits_lookup (limits, "openai", NULL, NULL));
  g_assert_null (tally_limits_lookup (limits, NULL, "gpt-4o", "team"));

  top->values[TALLY_LIMIT_RPM] = 250;
  g_assert_cmpfloat (tally_limits_get (limits, 0)->values[TALLY_LIMIT_RPM], ==, 250);
}

/* Entries put in, taken out and checked as the file's loader checks them. */
static void
test_edit_entries (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyLimits) limits =
    parse ("{\"rpm\":100,\"limits\":[{\"model\":\"a\",\"tpm\":3},{\"api_key\":\"k\",\"rpd\":9}]}",
           &error);
  g_autoptr(TallyLimit) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  TallyLimit candidate = { (char *) "local", (char *) "a", NULL, { 5, NAN, NAN, NAN, NAN } };
  TallyLimit *added;

  g_assert_no_error (error);
  /* "a" exists: refused, unless it is the entry being replaced. */
  g_assert_false (tally_limits_check_entry (limits, &candidate, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "another limit has the same source, model and API key");
  g_clear_error (&error);
  g_assert_true (tally_limits_check_entry (limits, &candidate, tally_limits_get (limits, 1), &error));
  g_assert_no_error (error);
  /* the local source as a whole repeats the top level */
  candidate.model = NULL;
  g_assert_false (tally_limits_check_entry (limits, &candidate, NULL, &error));
  g_assert_cmpstr (error->message, ==, "repeats the top-level limits of the local source (name a model or an API key)");
  g_clear_error (&error);
  candidate.source = (char *) "openai";
  candidate.values[TALLY_LIMIT_RPM] = NAN;
  g_assert_false (tally_limits_check_entry (limits, &candidate, NULL, &error));
  g_assert_cmpstr (error->message, ==, "sets no limit (add rpm, tpm, rpd or budget)");
  g_clear_error (&error);

  /* Take "a" out, put a copy back at its place, add "b" before it. */
  copy = tally_limit_copy (tally_limits_get (limits, 1));
  tally_limits_remove (limits, 1);
  g_assert_cmpuint (tally_limits_get_n (limits), ==, 2);
  added = tally_limits_insert (limits, 1, copy->source, copy->model, copy->api_key);
  memcpy (added->values, copy->values, sizeof added->values);
  added = tally_limits_insert (limits, 1, "openai", "b", NULL);
  added->values[TALLY_LIMIT_DAILY_BUDGET] = 2.5;
  g_assert_true (tally_limits_check_entry (limits, added, NULL, &error));
  tally_limits_insert (limits, 99, NULL, "c", NULL)->values[TALLY_LIMIT_RPD] = 4;

  node = tally_limits_to_json (limits);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"version\":1,\"rpm\":100.0,\"limits\":["
                   "{\"source\":\"openai\",\"model\":\"b\",\"budget\":{\"daily\":2.5}},"
                   "{\"source\":\"local\",\"model\":\"a\",\"tpm\":3.0},"
                   "{\"source\":\"local\",\"api_key\":\"k\",\"rpd\":9.0},"
                   "{\"source\":\"local\",\"model\":\"c\",\"rpd\":4.0}]}");
}

static void
test_save_load (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "limits.json", NULL);
  g_autoptr(TallyLimits) limits = tally_limits_new ();
  g_autoptr(TallyLimits) loaded = NULL;
  g_autoptr(TallyLimits) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  TallyLimit *limit;

  limit = tally_limits_add (limits, NULL, NULL, NULL);
  limit->values[TALLY_LIMIT_MONTHLY_BUDGET] = 250;
  limit = tally_limits_add (limits, NULL, "m1", "k1");
  limit->values[TALLY_LIMIT_RPM] = 7;

  g_assert_true (tally_limits_save (limits, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* the budget key the forecasts read */
  {
    g_autoptr(JsonNode) root = json_from_string (text, NULL);
    JsonObject *budget = json_object_get_object_member (json_node_get_object (root), "budget");

    g_assert_cmpfloat (json_object_get_double_member (budget, "monthly"), ==, 250);
  }

  loaded = tally_limits_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tally_limits_get_n (loaded), ==, 2);
  g_assert_cmpfloat (tally_limits_get (loaded, 0)->values[TALLY_LIMIT_MONTHLY_BUDGET], ==, 250);
  g_assert_cmpstr (tally_limits_get (loaded, 1)->model, ==, "m1");
  g_assert_cmpstr (tally_limits_get (loaded, 1)->api_key, ==, "k1");
  g_assert_cmpfloat (tally_limits_get (loaded, 1)->values[TALLY_LIMIT_RPM], ==, 7);

  /* no file: no limits; a broken file: a message naming it */
  missing = tally_limits_load (bad, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tally_limits_get_n (missing), ==, 0);
  g_assert_true (g_file_set_contents (bad, "{\"rpm\": ", -1, NULL));
  g_assert_null (tally_limits_load (bad, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.json"));
}

static void
write_limits (const char *json)
{
  g_autofree char *path = tally_paths_get_limits_file ();

  g_assert_true (tally_paths_ensure_parent (path, NULL));
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
}

static TallyEvent *
make_event (gint64      t,
            const char *model,
            gint64      tokens,
            double      cost)
{
  TallyEvent *event = tally_event_new ();

  event->time_ms = t * 1000;
  event->dims[TALLY_DIMENSION_MODEL] = g_strdup (model);
  event->dims[TALLY_DIMENSION_PROVIDER] = g_strdup ("openai");
  event->status = 200;
  event->input_tokens = tokens;
  event->output_tokens = 0;
  event->cost = cost;
  event->latency_ms = 100;
  return event;
}

static double
query_value (TallyStore *store,
             const char *metric,
             const char *stat,
             const char *filter,
             gint64      from,
             gint64      to)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (from, to, to, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) frame = NULL;

  g_assert_true (tally_metric_from_string (metric, &query->metric));
  g_assert_true (tally_stat_from_string (stat, &query->stat));
  if (filter != NULL)
    g_assert_true (tally_query_parse_filter (query, filter, NULL));
  frame = tally_store_query (store, query, range, NULL, &error);
  g_assert_no_error (error);
  return tally_frame_get_value (frame);
}

/* At 10:00, one minute holds 30 requests of model a (100 tokens, $0.10
 * each) and 8 of model b; at 09:00, 12 of model a. */
static TallyStore *
new_store (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "usage.db", NULL);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  g_autoptr(GError) error = NULL;
  TallyStore *store = tally_store_open (path, &error);

  g_assert_no_error (error);
  tally_store_set_retention (store, 5000, 5000);
  for (guint i = 0; i < 30; i++)
    g_ptr_array_add (events, make_event (T0 + 36000 + i, "a", 100, 0.10));
  for (guint i = 0; i < 8; i++)
    g_ptr_array_add (events, make_event (T0 + 36000 + 30 + i, "b", 10, 0.5));
  for (guint i = 0; i < 12; i++)
    g_ptr_array_add (events, make_event (T0 + 32400 + i, "a", 100, 0.10));
  g_assert_true (tally_store_ingest (store, events, &error));
  g_assert_no_error (error);
  return store;
}

static void
test_utilization (void)
{
  g_autoptr(TallyStore) store = new_store ();
  gint64 end = T0 + 36060;
  g_autoptr(GError) error = NULL;

  write_limits ("{\"rpm\":100,\"tpm\":10000,\"rpd\":500,\"budget\":{\"monthly\":50,\"daily\":20},"
                "\"limits\":[{\"model\":\"b\",\"rpm\":10}]}");

  /* the last minute: 38 of 100 for the source, 8 of 10 for b: b is closest */
  g_assert_cmpfloat_with_epsilon (query_value (store, "rpm_utilization", "avg", NULL, T0, end), 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (query_value (store, "rpm_utilization", "avg", "model=a", T0, end),
                                  30.0 / 100, 1e-9);
  /* 30 × 100 + 8 × 10 tokens of 10000 */
  g_assert_cmpfloat_with_epsilon (query_value (store, "tpm_utilization", "avg", NULL, T0, end),
                                  3080.0 / 10000, 1e-9);
  /* today: 50 requests of 500 */
  g_assert_cmpfloat_with_epsilon (query_value (store, "rpd_utilization", "avg", NULL, T0, end), 0.1, 1e-9);
  /* cost 4.2 today of 20 (21 %), of 50 this month (8.4 %): the higher */
  g_assert_cmpfloat_with_epsilon (query_value (store, "budget_utilization", "avg", NULL, T0, end),
                                  (42 * 0.10 + 8 * 0.5) / 20, 1e-9);
  /* a minute later nothing is in the window; the peak of the range stays */
  g_assert_cmpfloat (query_value (store, "rpm_utilization", "avg", "model=a", T0, end + 60), ==, 0);
  g_assert_cmpfloat_with_epsilon (query_value (store, "rpm_utilization", "max", "model=a", T0, end + 60),
                                  0.30, 1e-9);

  /* a timeseries of hours: per-minute average and peak of each hour */
  {
    g_autoptr(TallyQuery) query = tally_query_new ();
    g_autoptr(TallyTimeRange) range = tally_time_range_new (T0 + 32400, T0 + 39600, T0 + 39600,
                                                             NULL);
    g_autoptr(TallyFrame) frame = NULL;
    const double *values;
    guint n;

    query->shape = TALLY_SHAPE_TIMESERIES;
    query->metric = TALLY_METRIC_RPD_UTILIZATION;
    query->stat = TALLY_STAT_AVG;
    query->interval_s = 3600;
    frame = tally_store_query (store, query, range, NULL, &error);
    g_assert_no_error (error);
    tally_frame_get_buckets (frame, &n);
    g_assert_cmpuint (n, ==, 2);
    values = tally_frame_get_series_values (frame, 0);
    /* requests since midnight at the end of each hour, of 500 */
    g_assert_cmpfloat_with_epsilon (values[0], 12.0 / 500, 1e-9);
    g_assert_cmpfloat_with_epsilon (values[1], 50.0 / 500, 1e-9);

    g_clear_pointer (&frame, tally_frame_unref);
    query->metric = TALLY_METRIC_RPM_UTILIZATION;
    query->stat = TALLY_STAT_MAX;
    frame = tally_store_query (store, query, range, NULL, &error);
    g_assert_no_error (error);
    values = tally_frame_get_series_values (frame, 0);
    /* model b's 8 of 10 in the second hour; 12 of 100 in the first */
    g_assert_cmpfloat_with_epsilon (values[0], 0.12, 1e-9);
    g_assert_cmpfloat_with_epsilon (values[1], 0.8, 1e-9);
  }
}

static void
test_utilization_errors (void)
{
  g_autoptr(TallyStore) store = new_store ();
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (T0, T0 + 86400, T0 + 86400, NULL);
  g_autoptr(GError) error = NULL;
  TallyFrame *frame;

  write_limits ("{\"rpm\":100}");
  query->metric = TALLY_METRIC_BUDGET_UTILIZATION;
  query->stat = TALLY_STAT_AVG;
  frame = tally_store_query (store, query, range, NULL, &error);
  g_assert_null (frame);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "budget.monthly"));
  g_clear_error (&error);

  query->metric = TALLY_METRIC_RPM_UTILIZATION;
  query->stat = TALLY_STAT_SUM;
  g_assert_null (tally_store_query (store, query, range, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_clear_error (&error);

  query->stat = TALLY_STAT_AVG;
  query->shape = TALLY_SHAPE_CATEGORIES;
  g_assert_true (tally_dimension_parse ("model", &query->group_by, NULL));
  g_assert_null (tally_store_query (store, query, range, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  write_limits ("{\"rpm\": oops}");
  query->shape = TALLY_SHAPE_SCALAR;
  tally_dimension_clear (&query->group_by);
  query->group_by.kind = TALLY_N_DIMENSIONS;
  g_assert_null (tally_store_query (store, query, range, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "limits.json"));
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/limits/parse", test_parse);
  g_test_add_func ("/limits/parse-whole-source-entry", test_parse_whole_source_entry);
  g_test_add_func ("/limits/invalid", test_invalid);
  g_test_add_func ("/limits/lookup", test_lookup);
  g_test_add_func ("/limits/edit-entries", test_edit_entries);
  g_test_add_func ("/limits/save-load", test_save_load);
  g_test_add_func ("/limits/utilization", test_utilization);
  g_test_add_func ("/limits/utilization-errors", test_utilization_errors);

  return g_test_run ();
}
