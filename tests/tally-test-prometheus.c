/* tally-test-prometheus.c
 *
 * A real Prometheus (Debian's package) for the tests of the Prometheus
 * source: it generates OpenTelemetry GenAI metrics in OpenMetrics text —
 * request durations and token usage as histograms, for three models over
 * five and a half hours, one sample a minute — backfills a TSDB with
 * `promtool tsdb create-blocks-from openmetrics`, and starts `prometheus` on
 * a free loopback port over it. What it generated is kept as the truth the
 * tests compare with.
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

#include "tally-test-prometheus.h"
#include "tally-test-utils.h"

#define PROM_N_TOK_BUCKETS  5

const char *const tally_test_prom_models[PROM_N_MODELS + 1] = { "claude-sonnet", "gpt-4o", "llama-3", NULL };
static const double model_scale[PROM_N_MODELS] = { 1.5, 0.8, 0.2 };
const double tally_test_prom_lat_bounds[PROM_N_LAT_BUCKETS] = { 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };
static const double tok_bounds[PROM_N_TOK_BUCKETS] = { 64, 256, 1024, 4096, 16384 };

/* One model's cumulative histograms, as a client library keeps them. */
typedef struct
{
  guint64 lat_buckets[PROM_N_LAT_BUCKETS];
  guint64 count;
  double  lat_sum;
  guint64 tok_buckets[2][PROM_N_TOK_BUCKETS];
  guint64 tok_count[2];
  double  tok_sum[2];
} Counters;

static TallyTestPrometheus fixture;

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
                                             tally_test_prom_models[m]);
  char le[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, "# TYPE gen_ai_client_operation_duration_seconds histogram\n");
  for (guint b = 0; b < PROM_N_LAT_BUCKETS; b++)
    {
      write_bound (le, sizeof le, tally_test_prom_lat_bounds[b]);
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

      for (guint b = 0; b < PROM_N_TOK_BUCKETS; b++)
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

  for (guint b = 0; b < PROM_N_LAT_BUCKETS; b++)
    c->lat_buckets[b] += latency <= tally_test_prom_lat_bounds[b];
  c->count++;
  c->lat_sum += latency;
  for (guint k = 0; k < 2; k++)
    {
      for (guint b = 0; b < PROM_N_TOK_BUCKETS; b++)
        c->tok_buckets[k][b] += tokens[k] <= tok_bounds[b];
      c->tok_count[k]++;
      c->tok_sum[k] += tokens[k];
    }
  return latency;
}

static void
record_truth (TallyTestPromTruth          *truth,
              const Counters *counters,
              gint64          t)
{
  double lat_sum = 0;

  for (guint m = 0; m < PROM_N_MODELS; m++)
    {
      if (t >= truth->from && t <= truth->to && (t - truth->from) % PROM_HOUR == 0)
        truth->requests_at[m][(t - truth->from) / PROM_HOUR] = counters[m].count;
      lat_sum += counters[m].lat_sum;
    }
  if (t == truth->from || t == truth->to)
    {
      for (guint m = 0; m < PROM_N_MODELS; m++)
        truth->output_at[m][t == truth->to] = counters[m].tok_sum[1];
      truth->lat_sum_at[t == truth->to] = lat_sum;
    }
}

/* The metrics from an hour before the range to half an hour after it. */
static char *
generate (TallyTestPromTruth *truth)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  GString *out = g_string_new (NULL);
  Counters counters[PROM_N_MODELS] = { 0 };

  for (gint64 t = truth->from - PROM_HOUR; t <= truth->to + PROM_HOUR / 2; t += PROM_SCRAPE_S)
    {
      for (guint m = 0; m < PROM_N_MODELS && t > truth->from - PROM_HOUR; m++)
        {
          guint n = g_rand_int_range (rand, 0, 4) + (PROM_N_MODELS - m);

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
      for (guint m = 0; m < PROM_N_MODELS; m++)
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

void
tally_test_prometheus_stop (void)
{
  if (fixture.prometheus == NULL)
    return;
  g_subprocess_send_signal (fixture.prometheus, SIGTERM);
  g_subprocess_wait (fixture.prometheus, NULL, NULL);
  g_clear_object (&fixture.prometheus);
}
/* Starts the Prometheus of the tests once; later calls give the same one. */
TallyTestPrometheus *
tally_test_prometheus_start (void)
{
  g_autofree char *prometheus = NULL;
  g_autofree char *promtool = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (fixture.truth.to != 0)
    return &fixture;

  fixture.truth.to = now / PROM_HOUR * PROM_HOUR - 4 * PROM_HOUR;
  fixture.truth.from = fixture.truth.to - PROM_RANGE_HOURS * PROM_HOUR;
  fixture.truth.latencies = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint m = 0; m < PROM_N_MODELS; m++)
    fixture.truth.model_latencies[m] = g_array_new (FALSE, FALSE, sizeof (double));

  prometheus = g_find_program_in_path ("prometheus");
  promtool = g_find_program_in_path ("promtool");
  if (prometheus == NULL || promtool == NULL)
    fixture.skip = g_strdup ("prometheus and promtool are not installed (apt install prometheus)");
  else
    {
      fixture.dir = tally_test_make_tmp_dir ();
      start_prometheus ();
    }

  return &fixture;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The histogram bucket, in ms, holding the nearest-rank P95 of @values. */
void
tally_test_prom_p95_bucket (GArray *values,
                            double *lower_ms,
                            double *upper_ms)
{
  double p95;
  guint b = 0;

  g_array_sort (values, compare_doubles);
  p95 = g_array_index (values, double, (guint) ceil (0.95 * values->len) - 1);
  while (b < PROM_N_LAT_BUCKETS && p95 > tally_test_prom_lat_bounds[b])
    b++;
  g_assert_cmpuint (b, <, PROM_N_LAT_BUCKETS);
  *lower_ms = b > 0 ? tally_test_prom_lat_bounds[b - 1] * 1000 : 0;
  *upper_ms = tally_test_prom_lat_bounds[b] * 1000;
}
