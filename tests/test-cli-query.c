/* test-cli-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally query` on a store of known events, loaded with `tally ingest`:
 * the JSON of every shape reads back to the frame the store gives
 * directly, the tables show the expected numbers, and every mistake
 * exits 2 with the core's message. */

#include "config.h"

#include "tally-paths.h"
#include "tally-store.h"
#include "tally-test-utils.h"

static char *store_path;
static char *range_from;
static char *range_to;

/* Seven requests over six hours two days ago, hour-aligned. */
static const struct
{
  int         minute;
  const char *fields;
} events[] = {
  { 10, "\"model\": \"gpt-4o\", \"provider\": \"openai\", \"project\": \"search\", "
        "\"status\": 200, \"latency_ms\": 100, \"cost\": 0.01" },
  { 20, "\"model\": \"gpt-4o\", \"provider\": \"openai\", \"project\": \"search\", "
        "\"status\": 200, \"latency_ms\": 200, \"cost\": 0.01" },
  { 70, "\"model\": \"gpt-4o\", \"provider\": \"openai\", \"project\": \"chat\", "
        "\"status\": 200, \"latency_ms\": 300, \"cost\": 0.01" },
  { 80, "\"model\": \"gpt-4o\", \"provider\": \"openai\", \"project\": \"chat\", "
        "\"status\": 200, \"latency_ms\": 400, \"cost\": 0.01" },
  { 130, "\"model\": \"o3\", \"provider\": \"openai\", \"project\": \"chat\", "
         "\"status\": 200, \"latency_ms\": 1000, \"cost\": 0.5" },
  { 140, "\"model\": \"o3\", \"provider\": \"openai\", \"project\": \"chat\", "
         "\"status\": 429, \"error\": \"rate_limit_exceeded\", \"latency_ms\": 2000, \"cost\": 0" },
  { 200, "\"model\": \"claude-sonnet-4\", \"provider\": \"anthropic\", \"project\": \"search\", "
         "\"status\": 500, \"error\": \"server_error\", \"latency_ms\": 50" },
};

static void
ensure_store (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  gint64 base = (g_get_real_time () / G_USEC_PER_SEC / 3600 - 48) * 3600;
  const char *args[5] = { "ingest", "--db", NULL, NULL, NULL };
  int status;

  if (store_path != NULL)
    return;

  dir = tally_test_make_tmp_dir ();
  store_path = g_build_filename (dir, "usage.db", NULL);
  file = g_build_filename (dir, "events.jsonl", NULL);
  range_from = g_strdup_printf ("%" G_GINT64_FORMAT, base);
  range_to = g_strdup_printf ("%" G_GINT64_FORMAT, base + 6 * 3600);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    g_string_append_printf (text, "{\"time\": %" G_GINT64_FORMAT ", %s}\n",
                            base + events[i].minute * 60, events[i].fields);
  g_file_set_contents (file, text->str, text->len, &error);
  g_assert_no_error (error);

  args[2] = store_path;
  args[3] = file;
  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "7 events stored, 0 rejected"));
}

/* Runs `tally query --db STORE --from F --to T --tz UTC ARGS…`. */
static int
query (const char * const  *args,
       char               **out,
       char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status;

  ensure_store ();
  g_ptr_array_add (argv, "query");
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, store_path);
  g_ptr_array_add (argv, "--from");
  g_ptr_array_add (argv, range_from);
  g_ptr_array_add (argv, "--to");
  g_ptr_array_add (argv, range_to);
  g_ptr_array_add (argv, "--tz");
  g_ptr_array_add (argv, "UTC");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  tally_test_run_tally ((const char * const *) argv->pdata, NULL, out, err, &status);
  return status;
}

static TallyFrame *
direct_frame (TallyQuery *q)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = tally_store_open_read_only (store_path, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(TallyTimeRange) range = tally_time_range_parse (range_from, range_to, now, &error);
  TallyFrame *frame;

  g_assert_no_error (error);
  frame = tally_store_query (store, q, range, NULL, &error);
  g_assert_no_error (error);
  return frame;
}

/* `--json` reads back to a frame equal to the store's own answer. */
static void
check_json (const char * const *args,
            TallyQuery         *q)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TallyFrame) printed = NULL;
  g_autoptr(TallyFrame) direct = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *printed_json = NULL, *direct_json = NULL;

  g_assert_cmpint (query (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  printed = tally_frame_new_from_json (node, &error);
  g_assert_no_error (error);

  direct = direct_frame (q);
  printed_json = tally_frame_to_json_string (printed, FALSE);
  direct_json = tally_frame_to_json_string (direct, FALSE);
  g_assert_cmpstr (printed_json, ==, direct_json);
  /* Pretty, as documented. */
  g_assert_true (g_str_has_prefix (out, "{\n"));
}

static TallyQuery *
new_query (TallyShape   shape,
           TallyMetric  metric,
           TallyStat    stat,
           const char  *group_by)
{
  TallyQuery *q = tally_query_new ();

  q->shape = shape;
  q->metric = metric;
  q->stat = stat;
  if (group_by != NULL)
    g_assert_true (tally_dimension_parse (group_by, &q->group_by, NULL));
  return q;
}

static void
test_query_json_scalar (void)
{
  const char *args[] = { "--metric", "requests", "--stat", "sum", "--json", NULL };
  g_autoptr(TallyQuery) q = new_query (TALLY_SHAPE_SCALAR, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM,
                                       NULL);
  g_autoptr(TallyFrame) frame = NULL;

  check_json (args, q);
  frame = direct_frame (q);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, 7);
}

static void
test_query_json_timeseries (void)
{
  const char *args[] = { "--metric", "latency", "--stat", "p50", "--shape", "timeseries",
                         "--group-by", "model", "--interval", "1h", "--json", NULL };
  g_autoptr(TallyQuery) q = new_query (TALLY_SHAPE_TIMESERIES, TALLY_METRIC_LATENCY, TALLY_STAT_P50,
                                       "model");
  g_autoptr(TallyFrame) frame = NULL;
  guint n_buckets;

  q->interval_s = 3600;
  check_json (args, q);
  frame = direct_frame (q);
  tally_frame_get_buckets (frame, &n_buckets);
  g_assert_cmpuint (n_buckets, ==, 6);
  g_assert_cmpuint (tally_frame_get_n_series (frame), ==, 3);
}

static void
test_query_json_categories (void)
{
  const char *args[] = { "--metric", "cost", "--group-by", "model", "--top", "2", "--json", NULL };
  g_autoptr(TallyQuery) q = new_query (TALLY_SHAPE_CATEGORIES, TALLY_METRIC_COST, TALLY_STAT_SUM,
                                       "model");

  q->top = 2;
  check_json (args, q);
}

static void
test_query_json_matrix (void)
{
  const char *args[] = { "--metric", "requests", "--rows", "model", "--columns", "project",
                         "--json", NULL };
  const char *heatmap[] = { "--metric", "errors", "--stat", "sum", "--rows", "day_of_week",
                            "--columns", "hour_of_day", "--json", NULL };
  g_autoptr(TallyQuery) q = new_query (TALLY_SHAPE_MATRIX, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM,
                                       NULL);
  g_autoptr(TallyQuery) h = new_query (TALLY_SHAPE_MATRIX, TALLY_METRIC_ERRORS, TALLY_STAT_SUM,
                                       NULL);

  g_assert_true (tally_dimension_parse ("model", &q->rows, NULL));
  g_assert_true (tally_dimension_parse ("project", &q->columns, NULL));
  check_json (args, q);

  g_assert_true (tally_dimension_parse ("day_of_week", &h->rows, NULL));
  g_assert_true (tally_dimension_parse ("hour_of_day", &h->columns, NULL));
  check_json (heatmap, h);
}

static void
test_query_json_table (void)
{
  const char *args[] = { "--shape", "table", "--metric", "errors", "--limit", "5", "--json", NULL };
  g_autoptr(TallyQuery) q = new_query (TALLY_SHAPE_TABLE, TALLY_METRIC_ERRORS, TALLY_STAT_SUM, NULL);
  g_autoptr(TallyFrame) frame = NULL;

  q->limit = 5;
  check_json (args, q);
  frame = direct_frame (q);
  g_assert_cmpuint (tally_frame_get_n_rows (frame), ==, 2);
}

static void
test_query_filters (void)
{
  const char *one[] = { "--filter", "model=o3", "--json", NULL };
  const char *two[] = { "--filter", "model=o3", "--filter", "model=gpt-4o", "--json", NULL };
  const char *both[] = { "--filter", "model=o3", "--filter", "status=429", "--json", NULL };
  g_autoptr(TallyQuery) q = new_query (TALLY_SHAPE_SCALAR, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM,
                                       NULL);
  g_autoptr(TallyFrame) frame = NULL;

  g_assert_true (tally_query_parse_filter (q, "model=o3", NULL));
  check_json (one, q);
  frame = direct_frame (q);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, 2);

  g_assert_true (tally_query_parse_filter (q, "model=gpt-4o", NULL));
  check_json (two, q);
  g_clear_pointer (&frame, tally_frame_unref);
  frame = direct_frame (q);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, 6);

  g_clear_pointer (&q, tally_query_free);
  q = new_query (TALLY_SHAPE_SCALAR, TALLY_METRIC_REQUESTS, TALLY_STAT_SUM, NULL);
  g_assert_true (tally_query_parse_filter (q, "model=o3", NULL));
  g_assert_true (tally_query_parse_filter (q, "status=429", NULL));
  check_json (both, q);
  g_clear_pointer (&frame, tally_frame_unref);
  frame = direct_frame (q);
  g_assert_cmpfloat (tally_frame_get_value (frame), ==, 1);
}

static void
assert_line (const char *text,
             const char *pattern)
{
  if (!g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0))
    g_error ("no line matches /%s/ in:\n%s", pattern, text);
}

static void
test_query_text_scalar (void)
{
  const char *args[] = { "--metric", "requests", NULL };
  const char *latency[] = { "--metric", "latency", "--stat", "max", NULL };
  const char *rate[] = { "--metric", "error_rate", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (query (args, &out, &err), ==, 0);
  assert_line (out, "^Requests · Total$");
  assert_line (out, "^\\d{4}-\\d\\d-\\d\\d \\d\\d:00 – \\d{4}-\\d\\d-\\d\\d \\d\\d:00 UTC$");
  assert_line (out, "^Value +7$");
  assert_line (out, "^Previous period +0$");
  assert_line (out, "^Change +—$");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (query (latency, &out, &err), ==, 0);
  assert_line (out, "^Value +2\\.00 s$");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* error_rate has no sum: its natural stat is the average, a fraction
   * shown in percent. */
  g_assert_cmpint (query (rate, &out, &err), ==, 0);
  assert_line (out, "^Error rate · Average$");
  assert_line (out, "^Value +28\\.6 %$");
}

static void
test_query_text_categories (void)
{
  const char *args[] = { "--metric", "cost", "--group-by", "model", NULL };
  const char *requests[] = { "--metric", "requests", "--group-by", "status", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (query (args, &out, &err), ==, 0);
  assert_line (out, "^Cost · Total · by model$");
  assert_line (out, "^model +Cost +Share$");
  assert_line (out, "^o3 +\\$0\\.50 +92\\.6 %$");
  assert_line (out, "^gpt-4o +\\$0\\.04 +7\\.4 %$");
  assert_line (out, "^Total +\\$0\\.54 +100\\.0 %$");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (query (requests, &out, &err), ==, 0);
  assert_line (out, "^200 +5 +71\\.4 %$");
  assert_line (out, "^429 +1 +14\\.3 %$");
}

static void
test_query_text_timeseries (void)
{
  const char *args[] = { "--metric", "requests", "--shape", "timeseries", "--group-by", "model",
                         "--interval", "1h", NULL };
  const char *minutes[] = { "--metric", "requests", "--shape", "timeseries", "--interval", "1m",
                            NULL };
  const char *full[] = { "--metric", "requests", "--shape", "timeseries", "--interval", "1m",
                         "--full", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *first = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GDateTime) start = NULL;

  g_assert_cmpint (query (args, &out, &err), ==, 0);
  start = g_date_time_new_from_unix_utc (g_ascii_strtoll (range_from, NULL, 10));
  assert_line (out, "^Time +gpt-4o +o3 +claude-sonnet-4$");
  first = g_date_time_format (start, "^%Y-%m-%d %H:%M +2 +0 +0$");
  assert_line (out, first);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* 360 minutes: the first and last twelve, and an ellipsis. */
  g_assert_cmpint (query (minutes, &out, &err), ==, 0);
  assert_line (out, "^… +…$");
  assert_line (out, "^\\(24 of 360 rows shown; --full prints them all\\)$");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (query (full, &out, &err), ==, 0);
  g_assert_null (strstr (out, "…"));
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 360);
}

static void
test_query_text_matrix_and_table (void)
{
  const char *matrix[] = { "--metric", "requests", "--rows", "model", "--columns", "project", NULL };
  const char *table[] = { "--shape", "table", "--limit", "3", NULL };
  g_autofree char *out = NULL, *err = NULL;

  /* docs/queries.md orders rows and columns by their totals: chat (4)
   * before search (3); gpt-4o (4), o3 (2), claude-sonnet-4 (1). */
  g_assert_cmpint (query (matrix, &out, &err), ==, 0);
  assert_line (out, "^model +chat +search$");
  assert_line (out, "^gpt-4o +2 +2$");
  assert_line (out, "^o3 +2 +—$");
  assert_line (out, "^claude-sonnet-4 +— +1$");
  g_assert_true (strstr (out, "gpt-4o") < strstr (out, "o3 ") && strstr (out, "o3 ") < strstr (out, "claude"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (query (table, &out, &err), ==, 0);
  assert_line (out, "^Events$");
  assert_line (out, "^time +model +provider +project +status +error +cost +latency_ms");
  assert_line (out, "claude-sonnet-4 +anthropic +search +500 +server_error +50\\.0 ms");
  assert_line (out, "o3 +openai +chat +429 +rate_limit_exceeded +\\$0\\.00 +2\\.00 s");
  g_assert_null (strstr (out, "gpt-4o"));
}

typedef struct
{
  const char *args[8];
  const char *message;
} ErrorCase;

static void
test_query_errors (void)
{
  const ErrorCase cases[] = {
    { { "--metric", "bogus" }, "tally query: “bogus” is not a metric (use requests, errors, " },
    { { "--metric", "cost", "--stat", "p95" },
      "tally query: the metric cost has no stat p95 (it has sum, count, rate, avg, min, max)\n" },
    { { "--stat", "p42" }, "tally query: “p42” is not a stat (use sum, count, rate, " },
    { { "--from", "now-5x" }, "tally query: “now-5x”: unknown unit “x”" },
    { { "--filter", "model" }, "tally query: the filter “model” is not DIMENSION=VALUE\n" },
    { { "--filter", "colour=red" }, "tally query: “colour” is not a dimension" },
    { { "--shape", "pie" }, "tally query: “pie” is not a shape" },
    { { "--tz", "Mars/Olympus" }, "tally query: “Mars/Olympus” is not a time zone" },
    { { "--source", "other" }, "tally query: no data source named “other”" },
    { { "--interval", "90s" }, "tally query: the interval must be a whole number of minutes\n" },
    { { "--group-by", "hour_of_day" }, "tally query: group_by: cannot group by hour_of_day\n" },
    { { "--shape", "matrix" }, "tally query: a matrix needs rows and columns" },
    { { "--top", "500", "--group-by", "model" }, "tally query: top must be at most 100\n" },
    { { "extra" }, "tally query: unexpected argument “extra”\n" },
    { { "--limit", "x" }, "tally query: Cannot parse integer value “x” for --limit\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_test_message ("%s", cases[i].message);
      g_assert_cmpint (query (cases[i].args, &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, cases[i].message));
    }
}

static void
test_query_missing_store (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "none.db", NULL);
  g_autofree char *user_store = tally_paths_get_store_file ();
  g_autofree char *expected = g_strdup_printf ("tally query: no store at %s; send events with "
                                               "“tally collect” or “tally ingest”, or try “tally "
                                               "demo” and query it with --db ", db);
  g_autofree char *expected_default = g_strdup_printf ("tally query: no store at %s;", user_store);
  const char *args[] = { "query", "--db", db, NULL };
  const char *default_args[] = { "query", "--metric", "cost", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, expected));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_false (g_file_test (user_store, G_FILE_TEST_EXISTS));
  tally_test_run_tally (default_args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, expected_default));
  g_assert_false (g_file_test (user_store, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/cli-query/json-scalar", test_query_json_scalar);
  g_test_add_func ("/tally/cli-query/json-timeseries", test_query_json_timeseries);
  g_test_add_func ("/tally/cli-query/json-categories", test_query_json_categories);
  g_test_add_func ("/tally/cli-query/json-matrix", test_query_json_matrix);
  g_test_add_func ("/tally/cli-query/json-table", test_query_json_table);
  g_test_add_func ("/tally/cli-query/filters", test_query_filters);
  g_test_add_func ("/tally/cli-query/text-scalar", test_query_text_scalar);
  g_test_add_func ("/tally/cli-query/text-categories", test_query_text_categories);
  g_test_add_func ("/tally/cli-query/text-timeseries", test_query_text_timeseries);
  g_test_add_func ("/tally/cli-query/text-matrix-and-table", test_query_text_matrix_and_table);
  g_test_add_func ("/tally/cli-query/errors", test_query_errors);
  g_test_add_func ("/tally/cli-query/missing-store", test_query_missing_store);

  status = g_test_run ();
  g_free (store_path);
  g_free (range_from);
  g_free (range_to);

  return status;
}
