/* test-cli-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally alerts` against a real store: the alerts of the default rules
 * with the values counted here from the events written, as JSON and as
 * text; broken rule files; and `tally collect --alert-interval`, which
 * records an alert once however many times it evaluates. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "tally-paths.h"
#include "tally-store.h"
#include "tally-test-utils.h"

/* 2026-11-02 10:00:00 UTC */
#define T10 G_GINT64_CONSTANT (1793613600)
#define N_EVENTS 85
#define N_ERRORS 10

static void
write_config (const char *name,
              const char *json)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "tally", name, NULL);

  g_assert_true (tally_paths_ensure_parent (path, NULL));
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
}

/* 85 requests in the 30 seconds after @t, 10 of them failed, each 6 s
 * long and $0.10. */
static char *
make_store (gint64 t)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  char *path = g_build_filename (dir, "usage.db", NULL);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = tally_store_open (path, &error);
  g_assert_no_error (error);
  tally_store_set_retention (store, 5000, 5000);
  for (guint i = 0; i < N_EVENTS; i++)
    {
      TallyEvent *event = tally_event_new ();

      event->time_ms = (t + i % 30) * 1000;
      event->dims[TALLY_DIMENSION_MODEL] = g_strdup ("gpt-4o");
      event->status = i < N_ERRORS ? 500 : 200;
      event->input_tokens = 100;
      event->latency_ms = 6000;
      event->cost = 0.10;
      g_ptr_array_add (events, event);
    }
  g_assert_true (tally_store_ingest (store, events, &error));
  g_assert_no_error (error);
  tally_store_close (store);

  return path;
}

static JsonObject *
find_alert (JsonArray  *firing,
            const char *rule)
{
  for (guint i = 0; i < json_array_get_length (firing); i++)
    {
      JsonObject *alert = json_array_get_object_element (firing, i);

      if (g_str_equal (json_object_get_string_member (alert, "rule"), rule))
        return alert;
    }
  return NULL;
}

static void
test_json (void)
{
  g_autofree char *db = make_store (T10);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *args[] = { "alerts", "--json", "--db", db, "--at", "2026-11-02T10:01:00Z", "--tz", "UTC", NULL };
  JsonObject *object, *alert;
  JsonArray *firing;
  int status;

  write_config ("limits.json", "{\"rpm\": 100, \"budget\": {\"monthly\": 10}}");
  write_config ("alerts.json", "{}");
  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);

  root = json_from_string (out, NULL);
  g_assert_nonnull (root);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "evaluated_at"), ==, "2026-11-02T10:01:00+00:00");
  g_assert_cmpint (json_object_get_int_member (object, "rules"), ==, 10);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "errors")), ==, 0);
  firing = json_object_get_array_member (object, "firing");
  /* the four that hold: 85 of 100 a minute, 10 of 85 failed, P95 of 6 s,
   * $8.50 of $10 */
  g_assert_cmpuint (json_array_get_length (firing), ==, 4);

  alert = find_alert (firing, "rpm-warning");
  g_assert_nonnull (alert);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (alert, "value"), N_EVENTS / 100.0, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (alert, "severity"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (alert, "dashboard"), ==, "rate-limits");
  g_assert_cmpstr (json_object_get_string_member (alert, "fired_at"), ==, "2026-11-02T10:01:00+00:00");

  alert = find_alert (firing, "error-rate");
  g_assert_nonnull (alert);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (alert, "value"), (double) N_ERRORS / N_EVENTS,
                                  1e-9);
  g_assert_cmpfloat (json_object_get_double_member (alert, "threshold"), ==, 0.05);

  alert = find_alert (firing, "latency-p95");
  g_assert_nonnull (alert);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (alert, "value"), 6000, 6000 * 0.02);

  alert = find_alert (firing, "budget-warning");
  g_assert_nonnull (alert);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (alert, "value"), N_EVENTS * 0.10 / 10, 1e-9);
  g_assert_null (find_alert (firing, "budget-exceeded"));
  g_assert_null (find_alert (firing, "rpm-critical"));
}

static void
test_text (void)
{
  g_autofree char *db = make_store (T10);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "alerts", "--db", db, "--at", "2026-11-02T10:01:00Z", "--tz", "UTC", NULL };
  const char *later[] = { "alerts", "--db", db, "--at", "2026-11-02T12:00:00Z", "--tz", "UTC", NULL };
  int status;

  write_config ("limits.json", "{\"rpm\": 80}");
  write_config ("alerts.json", "{\"defaults\": false, \"rules\": [{\"id\": \"rpm\", \"name\": \"Over the RPM\","
                               " \"metric\": \"rpm_utilization\", \"threshold\": 1, \"severity\": \"critical\"}]}");
  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "CRITICAL  Over the RPM: 106.2 % >= 100.0 % (since 2026-11-02 10:01)\n");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  tally_test_run_tally (later, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "No alert is firing (1 rules evaluated).\n");
}

static void
test_errors (void)
{
  g_autofree char *db = make_store (T10);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "alerts", "--db", db, NULL };
  const char *bad_at[] = { "alerts", "--db", db, "--at", "yesterday-ish", NULL };
  int status;

  write_config ("alerts.json", "{\"rules\": [{\"id\": \"x\", \"metric\": \"cost\", \"threshold\": \"high\"}]}");
  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "alerts.json"));
  g_assert_nonnull (strstr (err, "rules[0].threshold: must be a number"));

  write_config ("alerts.json", "{}");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  tally_test_run_tally (bad_at, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--at"));
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gboolean
has_alert (gpointer data)
{
  return tally_test_sql_int (data, NULL, "SELECT count(*) FROM alerts") > 0;
}

/* `tally collect` evaluating every second: traffic of the last seconds
 * at 85 % of the RPM limit is one alert, recorded and printed once. */
static void
test_collect_records (void)
{
  g_autofree char *db = make_store (g_get_real_time () / G_USEC_PER_SEC - 28);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { g_getenv ("TALLY_BIN"), "collect", "--listen", "127.0.0.1:0", "--db", db,
                         "--alert-interval", "1", NULL };
  const char *line;
  guint n_printed = 0;
  gint64 evaluations_from;

  write_config ("limits.json", "{\"rpm\": 100}");
  write_config ("alerts.json", "{}");
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  g_assert_true (tally_test_wait_until (has_alert, db, 30000));
  /* a few more evaluations of the same traffic */
  evaluations_from = g_get_monotonic_time ();
  while (g_get_monotonic_time () - evaluations_from < 3 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE), g_usleep (50000);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  /* the RPM, the error rate and the latency: each once, still firing */
  g_assert_cmpint (tally_test_sql_int (db, NULL, "SELECT count(*) FROM alerts"), ==, 3);
  g_assert_cmpint (tally_test_sql_int (db, NULL, "SELECT count(DISTINCT rule) FROM alerts WHERE rule IN "
                                                 "('rpm-warning', 'error-rate', 'latency-p95') "
                                                 "AND resolved_at IS NULL"), ==, 3);
  g_assert_nonnull (strstr (err, "ALERT WARNING: Requests per minute near the limit: 85.0 % >= 80.0 %"));
  for (line = strstr (err, "ALERT "); line != NULL; line = strstr (line + 1, "ALERT "))
    n_printed++;
  g_assert_cmpuint (n_printed, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/cli-alerts/json", test_json);
  g_test_add_func ("/cli-alerts/text", test_text);
  g_test_add_func ("/cli-alerts/errors", test_errors);
  g_test_add_func ("/cli-alerts/collect-records", test_collect_records);

  return g_test_run ();
}
