/* test-prometheus-source.c
 *
 * The Prometheus source against a real Prometheus (Debian's package): the
 * test generates OpenTelemetry GenAI metrics in OpenMetrics text — request
 * durations and token usage as histograms, for three models over five and a
 * half hours, one sample a minute — backfills a TSDB with `promtool tsdb
 * create-blocks-from openmetrics`, starts `prometheus` on a free loopback
 * port over it, and checks the source's totals, per-model breakdowns, hourly
 * series and P95 against the numbers it computed while generating.
 *
 * The data ends hours before now: backfilled blocks must not overlap the
 * head Prometheus keeps for the last two hours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <libsoup/soup.h>

#include "tally-error.h"
#include "tally-prometheus-source.h"
#include "tally-test-utils.h"

#define N_MODELS       3
#define N_LAT_BUCKETS  7
#define N_TOK_BUCKETS  5
#define SCRAPE_S       60
#define HOUR           3600
#define RANGE_HOURS    4

static const char *const models[N_MODELS + 1] = { "claude-sonnet", "gpt-4o", "llama-3", NULL };
static const double model_scale[N_MODELS] = { 1.5, 0.8, 0.2 };
static const double lat_bounds[N_LAT_BUCKETS] = { 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };
static const double tok_bounds[N_TOK_BUCKETS] = { 64, 256, 1024, 4096, 16384 };

/* One model's cumulative histograms, as a client library keeps them. */
typedef struct
{
  guint64 lat_buckets[N_LAT_BUCKETS];
  guint64 count;
  double  lat_sum;
  guint64 tok_buckets[2][N_TOK_BUCKETS];
  guint64 tok_count[2];
  double  tok_sum[2];
} Counters;

/* What the test knows from generating the data. */
typedef struct
{
  gint64   from;
  gint64   to;
  /* requests per model at from, at each hour boundary up to to */
  double   requests_at[N_MODELS][RANGE_HOURS + 1];
  double   output_at[N_MODELS][2];
  double   lat_sum_at[2];
  /* latencies observed in (from, to], all models, and per model */
  GArray  *latencies;
  GArray  *model_latencies[N_MODELS];
} Truth;

static struct
{
  char        *dir;
  GSubprocess *prometheus;
  char        *url;
  char        *skip;
  Truth        truth;
} fixture;

static void
write_sample (GString    *out,
              const char *name,
              const char *labels,
              const char *le,
              double      value,
              gint64      t)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, "%.17g", value);
  g_string_append_printf (out, "%s{%s%s%s%s} %s %" G_GINT64_FORMAT "\n", name, labels,
                          le ? ",le=\"" : "", le ? le : "", le ? "\"" : "", number, t);
}

static void
write_bound (char   *buffer,
             gsize   size,
             double  bound)
{
  g_ascii_formatd (buffer, size, "%g", bound);
}

static void
write_counters (GString        *out,
                const Counters *c,
                guint           m,
                gint64          t)
{
  g_autofree char *labels = g_strdup_printf ("gen_ai_request_model=\"%s\",gen_ai_system=\"test\"",
                                             models[m]);
  char le[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, "# TYPE gen_ai_client_operation_duration_seconds histogram\n");
  for (guint b = 0; b < N_LAT_BUCKETS; b++)
    {
      write_bound (le, sizeof le, lat_bounds[b]);
      write_sample (out, "gen_ai_client_operation_duration_seconds_bucket", labels, le,
                    c->lat_buckets[b], t);
    }
  write_sample (out, "gen_ai_client_operation_duration_seconds_bucket", labels, "+Inf", c->count, t);
  write_sample (out, "gen_ai_client_operation_duration_seconds_sum", labels, NULL, c->lat_sum, t);
  write_sample (out, "gen_ai_client_operation_duration_seconds_count", labels, NULL, c->count, t);

  g_string_append (out, "# TYPE gen_ai_client_token_usage histogram\n");
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *tok_labels = g_strdup_printf ("%s,gen_ai_token_type=\"%s\"", labels,
                                                     k == 0 ? "input" : "output");

      for (guint b = 0; b < N_TOK_BUCKETS; b++)
        {
          write_bound (le, sizeof le, tok_bounds[b]);
          write_sample (out, "gen_ai_client_token_usage_bucket", tok_labels, le,
                        c->tok_buckets[k][b], t);
        }
      write_sample (out, "gen_ai_client_token_usage_bucket", tok_labels, "+Inf", c->tok_count[k], t);
      write_sample (out, "gen_ai_client_token_usage_sum", tok_labels, NULL, c->tok_sum[k], t);
      write_sample (out, "gen_ai_client_token_usage_count", tok_labels, NULL, c->tok_count[k], t);
    }
}

/* One request of model @m: a latency and its tokens into the histograms. */
static double
observe (Counters *c,
         GRand    *rand,
         guint     m)
{
  double u = g_rand_double (rand);
  double latency = model_scale[m] * (0.1 + 3.0 * u * u);
  guint tokens[2] = { g_rand_int_range (rand, 20, 3000), g_rand_int_range (rand, 1, 800) };

  for (guint b = 0; b < N_LAT_BUCKETS; b++)
    c->lat_buckets[b] += latency <= lat_bounds[b];
  c->count++;
  c->lat_sum += latency;
  for (guint k = 0; k < 2; k++)
    {
      for (guint b = 0; b < N_TOK_BUCKETS; b++)
        c->tok_buckets[k][b] += tokens[k] <= tok_bounds[b];
      c->tok_count[k]++;
      c->tok_sum[k] += tokens[k];
    }
  return latency;
}

static void
record_truth (Truth          *truth,
              const Counters *counters,
              gint64          t)
{
  double lat_sum = 0;

  for (guint m = 0; m < N_MODELS; m++)
    {
      if (t >= truth->from && t <= truth->to && (t - truth->from) % HOUR == 0)
        truth->requests_at[m][(t - truth->from) / HOUR] = counters[m].count;
      lat_sum += counters[m].lat_sum;
    }
  if (t == truth->from || t == truth->to)
    {
      for (guint m = 0; m < N_MODELS; m++)
        truth->output_at[m][t == truth->to] = counters[m].tok_sum[1];
      truth->lat_sum_at[t == truth->to] = lat_sum;
    }
}

/* The metrics from an hour before the range to half an hour after it. */
static char *
generate (Truth *truth)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  GString *out = g_string_new (NULL);
  Counters counters[N_MODELS] = { 0 };

  for (gint64 t = truth->from - HOUR; t <= truth->to + HOUR / 2; t += SCRAPE_S)
    {
      for (guint m = 0; m < N_MODELS && t > truth->from - HOUR; m++)
        {
          guint n = g_rand_int_range (rand, 0, 4) + (N_MODELS - m);

          for (guint i = 0; i < n; i++)
            {
              double latency = observe (&counters[m], rand, m);

              if (t > truth->from && t <= truth->to)
                {
                  g_array_append_val (truth->latencies, latency);
                  g_array_append_val (truth->model_latencies[m], latency);
                }
            }
        }
      record_truth (truth, counters, t);
      for (guint m = 0; m < N_MODELS; m++)
        write_counters (out, &counters[m], m, t);
    }
  g_string_append (out, "# EOF\n");

  return g_string_free (out, FALSE);
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
run_promtool (const char *input,
              const char *tsdb)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { "promtool", "tsdb", "create-blocks-from", "openmetrics", input, tsdb, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("promtool failed: %s", err);
}

/* Waits (at most a minute: a busy machine) until /-/ready says yes. */
static void
wait_ready (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *ready = g_strconcat (fixture.url, "/-/ready", NULL);

  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", ready);
      g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

      if (body != NULL && soup_message_get_status (msg) == 200)
        return;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      /* no identifier: it has exited */
      if (g_subprocess_get_identifier (fixture.prometheus) == NULL)
        g_error ("prometheus exited; its log is in %s", fixture.dir);
      g_usleep (100 * 1000);
    }
  g_subprocess_force_exit (fixture.prometheus);
  g_error ("prometheus did not get ready within a minute; its log is in %s", fixture.dir);
}

/* A failed assertion aborts the test: Prometheus must not outlive it. */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
start_prometheus (void)
{
  g_autofree char *input = g_build_filename (fixture.dir, "genai.om", NULL);
  g_autofree char *tsdb = g_build_filename (fixture.dir, "tsdb", NULL);
  g_autofree char *config = g_build_filename (fixture.dir, "minimal.yml", NULL);
  g_autofree char *log = g_build_filename (fixture.dir, "prometheus.log", NULL);
  g_autofree char *text = generate (&fixture.truth);
  g_autofree char *storage = g_strconcat ("--storage.tsdb.path=", tsdb, NULL);
  g_autofree char *config_arg = g_strconcat ("--config.file=", config, NULL);
  g_autofree char *listen = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GError) error = NULL;
  guint port = free_port ();

  g_assert_true (g_file_set_contents (input, text, -1, NULL));
  g_assert_true (g_file_set_contents (config, "global:\n  scrape_interval: 60s\nscrape_configs: []\n",
                                      -1, NULL));
  run_promtool (input, tsdb);

  listen = g_strdup_printf ("--web.listen-address=127.0.0.1:%u", port);
  fixture.url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_subprocess_launcher_set_cwd (launcher, fixture.dir);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  fixture.prometheus = g_subprocess_launcher_spawn (launcher, &error, "prometheus", storage, listen,
                                                    config_arg, NULL);
  g_assert_no_error (error);
  wait_ready ();
}

static void
stop_prometheus (void)
{
  if (fixture.prometheus == NULL)
    return;
  g_subprocess_send_signal (fixture.prometheus, SIGTERM);
  g_subprocess_wait (fixture.prometheus, NULL, NULL);
  g_clear_object (&fixture.prometheus);
}

static TallySource *
make_source (void)
{
  g_autofree char *json = g_strdup_printf ("{\"url\":\"%s\",\"scrape_interval\":%d}", fixture.url,
                                           SCRAPE_S);
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
  g_autoptr(TallyTimeRange) range = tally_time_range_new (fixture.truth.from, fixture.truth.to,
                                                          fixture.truth.to, NULL);
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
  if (fixture.skip != NULL)
    g_test_skip (fixture.skip);
  return fixture.skip != NULL;
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
  const Truth *truth = &fixture.truth;
  double total = 0, before = 0;

  if (skipped ())
    return;
  for (guint m = 0; m < N_MODELS; m++)
    {
      total += truth->requests_at[m][RANGE_HOURS] - truth->requests_at[m][0];
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
  const Truth *truth = &fixture.truth;

  if (skipped ())
    return;
  requests = run_query (TALLY_SHAPE_CATEGORIES, "requests", "sum", "model", 0);
  output = run_query (TALLY_SHAPE_CATEGORIES, "output_tokens", "sum", "model", 0);

  g_assert_cmpuint (tally_frame_get_n_categories (requests), ==, N_MODELS);
  g_assert_cmpuint (tally_frame_get_n_categories (output), ==, N_MODELS);
  for (guint m = 0; m < N_MODELS; m++)
    {
      assert_close (category (requests, models[m]),
                    truth->requests_at[m][RANGE_HOURS] - truth->requests_at[m][0]);
      assert_close (category (output, models[m]), truth->output_at[m][1] - truth->output_at[m][0]);
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
  const Truth *truth = &fixture.truth;
  const gint64 *buckets;
  const double *values;
  guint n;

  if (skipped ())
    return;
  frame = run_query (TALLY_SHAPE_TIMESERIES, "requests", "sum", NULL, HOUR);
  buckets = tally_frame_get_buckets (frame, &n);
  g_assert_cmpuint (n, ==, RANGE_HOURS);
  g_assert_cmpint (tally_frame_get_interval (frame), ==, HOUR);
  values = tally_frame_get_series_values (frame, 0);
  for (guint h = 0; h < RANGE_HOURS; h++)
    {
      double expected = 0;

      for (guint m = 0; m < N_MODELS; m++)
        expected += truth->requests_at[m][h + 1] - truth->requests_at[m][h];
      g_assert_cmpint (buckets[h], ==, truth->from + (gint64) h * HOUR);
      assert_close (values[h], expected);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The histogram bucket, in ms, holding the nearest-rank P95 of @values. */
static void
p95_bucket (GArray *values,
            double *lower_ms,
            double *upper_ms)
{
  double p95;
  guint b = 0;

  g_array_sort (values, compare_doubles);
  p95 = g_array_index (values, double, (guint) ceil (0.95 * values->len) - 1);
  while (b < N_LAT_BUCKETS && p95 > lat_bounds[b])
    b++;
  g_assert_cmpuint (b, <, N_LAT_BUCKETS);
  *lower_ms = b > 0 ? lat_bounds[b - 1] * 1000 : 0;
  *upper_ms = lat_bounds[b] * 1000;
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

  p95_bucket (fixture.truth.latencies, &lower, &upper);
  value = tally_frame_get_value (all);
  g_assert_cmpfloat (value, >=, lower);
  g_assert_cmpfloat (value, <=, upper);
  for (guint m = 0; m < N_MODELS; m++)
    {
      p95_bucket (fixture.truth.model_latencies[m], &lower, &upper);
      value = category (per_model, models[m]);
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
                          "{gen_ai_system=~\\\"(\\\"}\"}}", fixture.url);
  node = json_from_string (json, NULL);
  g_assert_nonnull (node);
  source = tally_prometheus_source_new_from_config ("prom", json_node_get_object (node), NULL, &error);
  g_assert_no_error (error);
  range = tally_time_range_new (fixture.truth.from, fixture.truth.to, fixture.truth.to, NULL);
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
  g_assert_cmpstrv (values, models);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *prometheus = g_find_program_in_path ("prometheus");
  g_autofree char *promtool = g_find_program_in_path ("promtool");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int status;

  tally_test_init (&argc, &argv);

  fixture.truth.to = now / HOUR * HOUR - 4 * HOUR;
  fixture.truth.from = fixture.truth.to - RANGE_HOURS * HOUR;
  fixture.truth.latencies = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint m = 0; m < N_MODELS; m++)
    fixture.truth.model_latencies[m] = g_array_new (FALSE, FALSE, sizeof (double));

  if (prometheus == NULL || promtool == NULL)
    fixture.skip = g_strdup ("prometheus and promtool are not installed (apt install prometheus)");
  else
    {
      fixture.dir = tally_test_make_tmp_dir ();
      start_prometheus ();
    }

  g_test_add_func ("/tally/prometheus-source/totals", test_totals);
  g_test_add_func ("/tally/prometheus-source/per-model", test_per_model);
  g_test_add_func ("/tally/prometheus-source/hourly", test_hourly);
  g_test_add_func ("/tally/prometheus-source/p95", test_p95);
  g_test_add_func ("/tally/prometheus-source/rejected-query", test_rejected_query);
  g_test_add_func ("/tally/prometheus-source/list-models", test_list_models);

  status = g_test_run ();
  stop_prometheus ();

  return status;
}
