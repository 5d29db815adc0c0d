/* test-collector-durability.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What the collector promises about the data it acknowledged: the real
 * `tally collect` killed right after a 2xx loses nothing, stops cleanly on
 * SIGTERM with its rollups flushed; a stop answers the requests in flight;
 * a store that cannot write gets 5xx and nothing half-stored. Also the
 * command's own errors, the collector's life cycle, and the OpenTelemetry
 * JS SDK exporting to `tally collect` (when node and npm are there). */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "tally-collector.h"
#include "tally-error.h"
#include "tally-test-utils.h"

typedef struct
{
  GSubprocess      *process;
  GDataInputStream *stderr_lines;
  GString          *log;
  char             *base;
} Child;

static char *
store_path (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();

  return g_build_filename (dir, "usage.db", NULL);
}

/* A child left behind by a failed assertion must not keep listening. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* `tally collect` on a free port, once it says where it listens. */
static Child *
child_start (const char *db,
             const char *token)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GError) error = NULL;
  Child *child = g_new0 (Child, 1);
  const char *argv[] = { g_getenv ("TALLY_BIN"), "collect", "--listen", "127.0.0.1:0", "--db", db,
                         token ? "--token-env" : NULL, "TALLY_TEST_TOKEN", NULL };

  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "TALLY_TEST_TOKEN", token, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  child->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  child->stderr_lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (child->process));
  child->log = g_string_new (NULL);

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (child->stderr_lines, NULL, NULL,
                                                                  &error);
      const char *at;

      g_assert_no_error (error);
      if (line == NULL)
        g_error ("tally collect ended before listening: %s", child->log->str);
      g_string_append_printf (child->log, "%s\n", line);
      if ((at = strstr (line, "Listening on http://")) != NULL)
        {
          child->base = g_strndup (at + strlen ("Listening on "),
                                   strcspn (at + strlen ("Listening on "), " "));
          return child;
        }
    }
}

/* Waits for the child to end; returns its stderr. */
static char *
child_wait (Child *child)
{
  g_autoptr(GError) error = NULL;
  char *line;

  g_assert_true (g_subprocess_wait (child->process, NULL, &error));
  g_assert_no_error (error);
  while ((line = g_data_input_stream_read_line_utf8 (child->stderr_lines, NULL, NULL, NULL)))
    {
      g_string_append_printf (child->log, "%s\n", line);
      g_free (line);
    }

  return g_strdup (child->log->str);
}

static void
child_free (Child *child)
{
  g_clear_object (&child->stderr_lines);
  g_clear_object (&child->process);
  g_string_free (child->log, TRUE);
  g_free (child->base);
  g_free (child);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Child, child_free)

static char *
events_json (guint n,
             guint seed,
             gint64 *tokens)
{
  g_autoptr(GString) s = g_string_new ("[");
  gint64 t0 = g_get_real_time () / G_USEC_PER_SEC - 7200;

  for (guint i = 0; i < n; i++)
    {
      guint input = (seed * 31 + i) % 1000;

      g_string_append_printf (s, "%s{\"time\":%" G_GINT64_FORMAT ",\"model\":\"m%u\","
                              "\"input_tokens\":%u,\"latency_ms\":%u}", i ? "," : "",
                              t0 + (seed * 7 + i) % 3600, i % 3, input, 50 + i % 500);
      if (tokens != NULL)
        *tokens += input;
    }
  g_string_append_c (s, ']');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static guint
post (SoupSession *session,
      const char  *base,
      const char  *path,
      const char  *body,
      const char  *token,
      char       **answer)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (answer != NULL)
    *answer = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));

  return soup_message_get_status (msg);
}

static SoupSession *
new_session (void)
{
  return soup_session_new_with_options ("timeout", 60, "proxy-resolver", NULL, NULL);
}

static gint64
stored_events (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = tally_store_open (path, &error);
  gint64 n;

  g_assert_no_error (error);
  n = tally_store_count_events (store, &error);
  g_assert_no_error (error);
  tally_store_close (store);
  return n;
}

/* SIGKILL right after the 2xx, three times over: every acknowledged
 * event is in the store. */
static void
test_kill (void)
{
  g_autofree char *db = store_path ();
  g_autoptr(SoupSession) session = new_session ();
  gint64 acknowledged = 0;

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(Child) child = child_start (db, NULL);
      g_autofree char *log = NULL;

      for (guint batch = 0; batch < 3; batch++)
        {
          g_autofree char *body = events_json (700, round * 10 + batch, NULL);

          g_assert_cmpuint (post (session, child->base, "/v1/events", body, NULL, NULL), ==, 200);
          acknowledged += 700;
        }
      g_subprocess_send_signal (child->process, SIGKILL);
      log = child_wait (child);
      g_assert_true (g_subprocess_get_if_signaled (child->process));
      g_assert_cmpint (g_subprocess_get_term_sig (child->process), ==, SIGKILL);
      /* The next round's child opens (and recovers) the same store. */
      soup_session_abort (session);
    }

  g_assert_cmpint (stored_events (db), ==, acknowledged);
}

/* SIGTERM: exit 0, the summary, and rollups caught up with the events. */
static void
test_sigterm (void)
{
  g_autofree char *db = store_path ();
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(Child) child = child_start (db, NULL);
  g_autofree char *body = events_json (1000, 1, NULL);
  g_autofree char *log = NULL;

  g_assert_cmpuint (post (session, child->base, "/v1/events", body, NULL, NULL), ==, 200);
  g_subprocess_send_signal (child->process, SIGTERM);
  log = child_wait (child);

  g_assert_true (g_subprocess_get_if_exited (child->process));
  g_assert_cmpint (g_subprocess_get_exit_status (child->process), ==, 0);
  g_assert_nonnull (strstr (log, "Stopped: 1000 events stored, 0 refused, in 1 requests"));
  g_assert_cmpint (tally_test_sql_int (db, NULL, "SELECT count(*) FROM events"), ==, 1000);
  g_assert_cmpint (tally_test_sql_int (db, NULL, "SELECT value FROM state WHERE key = 'rolled_up_to'"), ==,
                   tally_test_sql_int (db, NULL, "SELECT max(id) FROM events"));
}

typedef struct
{
  char  *base;
  gint   acknowledged_batches;
  gint64 acknowledged_events;
  guint  last_status;
} Poster;

static gpointer
poster_thread (gpointer data)
{
  Poster *poster = data;
  g_autoptr(SoupSession) session = new_session ();
  g_autofree char *url = g_strconcat (poster->base, "/v1/events", NULL);

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *body = events_json (200, i, NULL);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&body), strlen (body));
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autoptr(GBytes) reply = NULL;

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      reply = soup_session_send_and_read (session, msg, NULL, NULL);
      poster->last_status = reply ? soup_message_get_status (msg) : 0;
      if (poster->last_status != 200)
        break;
      poster->acknowledged_events += 200;
      g_atomic_int_inc (&poster->acknowledged_batches);
    }

  return NULL;
}

/* A stop in the middle of a stream of batches: what was acknowledged is
 * exactly what is stored, and what came after was refused, not lost. */
static void
test_graceful_stop (void)
{
  g_autofree char *db = store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = tally_store_open (db, &error);
  g_autoptr(TallyCollector) collector = tally_collector_new (store);
  Poster poster = { NULL, 0, 0, 0 };
  GThread *thread;

  tally_collector_set_listen_address (collector, "127.0.0.1:0");
  g_assert_true (tally_collector_start (collector, &error));
  poster.base = g_strdup_printf ("http://%s", tally_collector_get_address (collector));
  thread = g_thread_new ("poster", poster_thread, &poster);
  while (g_atomic_int_get (&poster.acknowledged_batches) < 5)
    g_usleep (1000);

  tally_collector_stop (collector);
  g_thread_join (thread);

  g_assert_cmpint (tally_collector_get_state (collector), ==, TALLY_COLLECTOR_STOPPED);
  g_assert_cmpuint (poster.last_status, !=, 200);
  g_assert_cmpint (tally_store_count_events (store, NULL), ==, poster.acknowledged_events);
  g_test_message ("%" G_GINT64_FORMAT " events acknowledged before the stop; then status %u",
                  poster.acknowledged_events, poster.last_status);
  g_free (poster.base);
}

static void
state_notify_cb (TallyCollector *collector,
                 GParamSpec     *pspec,
                 GString        *states)
{
  GEnumClass *klass = g_type_class_peek (TALLY_TYPE_COLLECTOR_STATE);
  GEnumValue *value = g_enum_get_value (klass, tally_collector_get_state (collector));

  g_string_append_printf (states, "%s ", value->value_nick);
}

static void
stopped_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (tally_collector_stop_finish (TALLY_COLLECTOR (object), result, NULL));
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
assert_start_fails (TallyStore *store,
                    const char *address,
                    const char *token,
                    int         code,
                    const char *needle)
{
  g_autoptr(TallyCollector) collector = tally_collector_new (store);
  g_autoptr(GError) error = NULL;

  tally_collector_set_listen_address (collector, address);
  tally_collector_set_token (collector, token);
  g_assert_false (tally_collector_start (collector, &error));
  g_assert_error (error, TALLY_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, needle);
  g_assert_cmpint (tally_collector_get_state (collector), ==, TALLY_COLLECTOR_FAILED);
  g_assert_cmpstr (tally_collector_get_error_message (collector), ==, error->message);
  g_assert_null (tally_collector_get_address (collector));

  /* Checking the address without binding it finds the same problems,
   * with the same words; a port in use only binding finds. */
  if (code == TALLY_ERROR_INVALID)
    {
      g_autoptr(GError) check_error = NULL;

      g_assert_false (tally_collector_check_address (address, token != NULL, &check_error));
      g_assert_cmpstr (check_error->message, ==, error->message);
    }
  else
    {
      g_assert_true (tally_collector_check_address (address, token != NULL, NULL));
    }
}

/* States and their notifications, a port in use, addresses refused,
 * stopping asynchronously, and starting again. */
static void
test_lifecycle (void)
{
  g_autofree char *db = store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = tally_store_open (db, &error);
  TallyCollector *collector = tally_collector_new (store);
  g_autoptr(GString) states = g_string_new (NULL);
  g_autofree char *taken = NULL;
  gboolean done = FALSE;

  g_signal_connect (collector, "notify::state", G_CALLBACK (state_notify_cb), states);
  tally_collector_set_listen_address (collector, "localhost:0");
  g_assert_true (tally_collector_start (collector, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tally_collector_get_port (collector), >, 0);
  taken = g_strdup_printf ("127.0.0.1:%u", tally_collector_get_port (collector));
  g_assert_cmpstr (tally_collector_get_address (collector), ==, taken);
  g_assert_false (tally_collector_start (collector, &error));
  g_clear_error (&error);

  assert_start_fails (store, taken, NULL, TALLY_ERROR_NETWORK, "the port is already in use");
  assert_start_fails (store, "0.0.0.0:0", NULL, TALLY_ERROR_INVALID, "needs a bearer token");
  assert_start_fails (store, "[::]:0", NULL, TALLY_ERROR_INVALID, "needs a bearer token");
  assert_start_fails (store, "example.com:80", "t", TALLY_ERROR_INVALID, "is not a valid address");
  assert_start_fails (store, "127.0.0.1:70000", NULL, TALLY_ERROR_INVALID, "port must be a number");
  assert_start_fails (store, "[::1", NULL, TALLY_ERROR_INVALID, "[::1]:4318");
  assert_start_fails (store, "192.0.2.1:0", "t", TALLY_ERROR_NETWORK, "Cannot listen on 192.0.2.1:0");

  tally_collector_stop_async (collector, NULL, stopped_cb, &done);
  g_assert_cmpint (tally_collector_get_state (collector), ==, TALLY_COLLECTOR_STOPPING);
  g_assert_true (tally_test_wait_until (is_true, &done, 10000));
  g_assert_cmpint (tally_collector_get_state (collector), ==, TALLY_COLLECTOR_STOPPED);
  g_assert_null (tally_collector_get_address (collector));
  g_assert_cmpuint (tally_collector_get_port (collector), ==, 0);

  g_assert_true (tally_collector_start (collector, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tally_collector_get_state (collector), ==, TALLY_COLLECTOR_LISTENING);
  tally_collector_stop (collector);
  tally_collector_stop (collector);
  g_assert_cmpstr (states->str, ==, "listening stopping stopped listening stopping stopped ");

  /* Dropped while running, it stops by itself. */
  g_assert_true (tally_collector_start (collector, &error));
  g_assert_finalize_object (collector);
}

/* A store that cannot be written: 503, a message that says so, nothing
 * stored. */
static void
test_read_only_store (void)
{
  g_autofree char *db = store_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyCollector) collector = NULL;
  g_autofree char *base = NULL;
  g_autofree char *body = events_json (10, 1, NULL);
  g_autofree char *answer = NULL;

  store = tally_store_open (db, &error);
  tally_store_close (store);
  g_clear_object (&store);
  store = tally_store_open_read_only (db, &error);
  g_assert_no_error (error);

  collector = tally_collector_new (store);
  tally_collector_set_listen_address (collector, "127.0.0.1:0");
  g_assert_true (tally_collector_start (collector, &error));
  base = g_strdup_printf ("http://%s", tally_collector_get_address (collector));

  g_assert_cmpuint (post (session, base, "/v1/events", body, NULL, &answer), ==, 503);
  g_assert_nonnull (strstr (answer, "{\"error\":\"the store cannot save the events, none were "
                                    "stored: The store"));
  g_assert_nonnull (strstr (answer, "is open read-only\"}"));
  g_assert_cmpint (tally_store_count_events (store, NULL), ==, 0);
  tally_collector_stop (collector);
}

/* A full disk, played by a file size limit: 507 (or 503 when SQLite
 * reports an I/O error rather than "full"), nothing of the batch stored,
 * and the next batch stored once there is room again. */
static void
test_disk_full (void)
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyCollector) collector = NULL;
  g_autofree char *base = NULL, *small = NULL, *big = NULL, *answer = NULL;
  struct rlimit limit;
  guint status;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  db = store_path ();
  session = new_session ();
  store = tally_store_open (db, &error);
  collector = tally_collector_new (store);
  tally_collector_set_listen_address (collector, "127.0.0.1:0");
  g_assert_true (tally_collector_start (collector, &error));
  base = g_strdup_printf ("http://%s", tally_collector_get_address (collector));
  small = events_json (100, 1, NULL);
  big = events_json (20000, 2, NULL);
  g_assert_cmpuint (post (session, base, "/v1/events", small, NULL, NULL), ==, 200);
  g_assert_true (tally_store_flush (store, NULL));

  /* No file of this process may grow past 256 KiB from now on. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  limit.rlim_cur = 256 * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  status = post (session, base, "/v1/events", big, NULL, &answer);
  limit.rlim_cur = limit.rlim_max;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_test_message ("%u %s", status, answer);
  g_assert_true (status == 507 || status == 503);
  g_assert_true (g_str_has_prefix (answer, "{\"error\":\"the store cannot save the events, none "
                                           "were stored: "));
  g_assert_cmpint (tally_store_count_events (store, NULL), ==, 100);

  g_assert_cmpuint (post (session, base, "/v1/events", small, NULL, NULL), ==, 200);
  g_assert_cmpint (tally_store_count_events (store, NULL), ==, 200);
  tally_collector_stop (collector);
}

static void
assert_collect_fails (const char * const *args,
                      int                 expected_status,
                      const char         *needle)
{
  g_autofree char *out = NULL, *err = NULL;
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, expected_status);
  if (strstr (err, needle) == NULL)
    g_error ("“%s” does not contain “%s”", err, needle);
}

static void
test_command_errors (void)
{
  g_autofree char *db = store_path ();
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *taken = NULL, *out = NULL, *err = NULL;
  int status;

  g_assert_true (g_socket_bind (socket, any_port, FALSE, NULL) && g_socket_listen (socket, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  taken = g_strdup_printf ("127.0.0.1:%u",
                           g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  assert_collect_fails ((const char *[]) { "collect", "--db", db, "--listen", taken, NULL }, 1,
                        "the port is already in use");
  assert_collect_fails ((const char *[]) { "collect", "--db", db, "--listen", "0.0.0.0:0", NULL },
                        1, "needs a bearer token");
  assert_collect_fails ((const char *[]) { "collect", "--db", db, "--listen", "here", NULL }, 1,
                        "“here” is not a valid address");
  assert_collect_fails ((const char *[]) { "collect", "--db", db, "--token-env",
                                           "TALLY_TEST_NO_SUCH_VARIABLE", NULL }, 1,
                        "TALLY_TEST_NO_SUCH_VARIABLE, which should hold the token, is not set");
  assert_collect_fails ((const char *[]) { "collect", "--db", db, "--source", "prometheus", NULL },
                        2, "no data source named “prometheus”");
  assert_collect_fails ((const char *[]) { "collect", "--bogus", NULL }, 2, "--bogus");
  assert_collect_fails ((const char *[]) { "collect", "extra", NULL }, 2, "takes no arguments");

  tally_test_run_tally ((const char *[]) { "collect", "--help", NULL }, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "tally collect [OPTION"));
  for (guint i = 0; i < 4; i++)
    g_assert_nonnull (strstr (out, (const char *[]) { "--listen=ADDRESS:PORT", "--token-env=NAME",
                                                       "--db=PATH", "--source=NAME" }[i]));
}

/* The OpenTelemetry JS SDK, installed into the build tree at test time */

static gboolean
copy_if_changed (const char *name,
                 const char *dir)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "otel", name, NULL);
  g_autofree char *target = g_build_filename (dir, name, NULL);
  g_autofree char *wanted = NULL, *present = NULL;

  g_assert_true (g_file_get_contents (source, &wanted, NULL, NULL));
  if (g_file_get_contents (target, &present, NULL, NULL) && g_str_equal (wanted, present))
    return FALSE;
  g_assert_true (g_file_set_contents (target, wanted, -1, NULL));
  return TRUE;
}

/* Returns NULL once the packages are there, else why they are not. */
static char *
install_sdk (const char *dir)
{
  g_autofree char *marker = g_build_filename (dir, "node_modules", "@opentelemetry",
                                              "exporter-trace-otlp-http", "package.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "npm", "install", "--prefix", dir, "--no-audit", "--no-fund",
                         "--no-update-notifier", "--fetch-timeout=20000", "--fetch-retries=1",
                         NULL };
  gboolean changed;
  int status;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  changed = copy_if_changed ("package.json", dir);
  copy_if_changed ("export.mjs", dir);
  if (!changed && g_file_test (marker, G_FILE_TEST_EXISTS))
    return NULL;

  if (!g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error) || !g_spawn_check_wait_status (status, NULL))
    {
      /* Keep package.json out of date, so the next run tries again. */
      g_autofree char *package = g_build_filename (dir, "package.json", NULL);

      g_unlink (package);
      return g_strdup_printf ("npm install failed (no network?): %s",
                              error ? error->message : g_strstrip (err));
    }

  return NULL;
}

/* Runs export.mjs; returns its JSON summary, or NULL when it failed. */
static JsonObject *
run_export (const char *dir,
            const char *base,
            const char *compression,
            const char *token,
            guint       count)
{
  g_autofree char *script = g_build_filename (dir, "export.mjs", NULL);
  g_autofree char *count_s = g_strdup_printf ("%u", count);
  const char *argv[] = { "node", script, base, compression, token, count_s, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  int status;

  g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, NULL));
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("export.mjs: %s", err);
      return NULL;
    }

  node = json_from_string (out, NULL);
  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static double
stored_sum (TallyStore *store,
            TallyMetric metric)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(TallyTimeRange) range = tally_time_range_new (now - 3600, now + 60, now, utc);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  query->metric = metric;
  frame = tally_store_query (store, query, range, NULL, &error);
  g_assert_no_error (error);
  return tally_frame_get_value (frame);
}

/* "An OpenTelemetry SDK's OTLP/HTTP JSON export to tally collect shows up
 * in tally query": gzipped and plain, with a bearer token. */
static void
test_otel_sdk (void)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *npm = g_find_program_in_path ("npm");
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "otel-node", NULL);
  g_autofree char *db = store_path ();
  g_autofree char *why = NULL, *log = NULL, *answer = NULL;
  g_autoptr(Child) child = NULL;
  g_autoptr(JsonObject) gzipped = NULL, plain = NULL, refused = NULL;
  g_autoptr(TallyStore) store = NULL;
  gint64 input, output;

  if (node == NULL || npm == NULL)
    {
      g_test_skip ("node and npm are not installed (apt install nodejs npm)");
      return;
    }
  if ((why = install_sdk (dir)) != NULL)
    {
      g_test_skip (why);
      return;
    }

  child = child_start (db, "otel-secret");
  gzipped = run_export (dir, child->base, "gzip", "otel-secret", 25);
  plain = run_export (dir, child->base, "none", "otel-secret", 15);
  refused = run_export (dir, child->base, "none", "not-the-token", 3);
  g_assert_nonnull (gzipped);
  g_assert_nonnull (plain);
  g_assert_null (refused);
  input = json_object_get_int_member (gzipped, "input_tokens") +
          json_object_get_int_member (plain, "input_tokens");
  output = json_object_get_int_member (gzipped, "output_tokens") +
           json_object_get_int_member (plain, "output_tokens");

  g_subprocess_send_signal (child->process, SIGTERM);
  log = child_wait (child);
  g_assert_cmpint (g_subprocess_get_exit_status (child->process), ==, 0);
  g_assert_nonnull (strstr (log, "Stopped: 40 events stored, 0 refused"));

  store = tally_store_open_read_only (db, NULL);
  g_assert_cmpint (tally_store_count_events (store, NULL), ==, 40);
  g_assert_cmpfloat (stored_sum (store, TALLY_METRIC_REQUESTS), ==, 40);
  g_assert_cmpfloat (stored_sum (store, TALLY_METRIC_INPUT_TOKENS), ==, input);
  g_assert_cmpfloat (stored_sum (store, TALLY_METRIC_OUTPUT_TOKENS), ==, output);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/collector/kill", test_kill);
  g_test_add_func ("/tally/collector/sigterm", test_sigterm);
  g_test_add_func ("/tally/collector/graceful-stop", test_graceful_stop);
  g_test_add_func ("/tally/collector/lifecycle", test_lifecycle);
  g_test_add_func ("/tally/collector/read-only-store", test_read_only_store);
  g_test_add_func ("/tally/collector/disk-full", test_disk_full);
  g_test_add_func ("/tally/collector/command-errors", test_command_errors);
  g_test_add_func ("/tally/collector/otel-sdk", test_otel_sdk);

  return g_test_run ();
}
