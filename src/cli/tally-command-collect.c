/* tally-command-collect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally collect`: the collector without the desktop app, for servers and
 * scripts. It says where it listens, prints what it received once a
 * minute, and on SIGINT or SIGTERM answers the requests in flight, folds
 * the new events into the rollups and exits 0. */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "tally-alert-evaluator.h"
#include "tally-cli-source.h"
#include "tally-collector.h"
#include "tally-commands.h"
#include "tally-paths.h"
#include "tally-store.h"

#define SUMMARY_PERIOD_S 60

typedef struct
{
  TallyCollector      *collector;
  GMainLoop           *loop;
  guint64              printed_accepted;
  guint64              printed_rejected;
  gboolean             stopping;
  TallyAlertEvaluator *evaluator;
  gboolean             evaluating;
} Collect;

static char *
now_prefix (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%H:%M:%S  ");
}

static void
alert_fired_cb (TallyAlertEvaluator *evaluator,
                TallyAlert          *alert,
                gpointer             data)
{
  g_autofree char *prefix = now_prefix ();
  g_autofree char *severity = g_ascii_strup (alert->severity, -1);

  /* Translators: time, severity, rule name, value against threshold */
  g_printerr (_("%sALERT %s: %s: %s\n"), prefix, severity, alert->name, alert->description);
}

static void
alert_resolved_cb (TallyAlertEvaluator *evaluator,
                   TallyAlert          *alert,
                   gpointer             data)
{
  g_autofree char *prefix = now_prefix ();

  g_printerr (_("%sresolved: %s\n"), prefix, alert->name);
}

static void
evaluated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Collect *collect = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *errors;

  collect->evaluating = FALSE;
  if (!tally_alert_evaluator_evaluate_finish (TALLY_ALERT_EVALUATOR (object), result, &error))
    {
      g_printerr (_("tally collect: the alert rules could not be evaluated: %s\n"), error->message);
      return;
    }
  errors = tally_alert_evaluator_get_errors (TALLY_ALERT_EVALUATOR (object));
  for (guint i = 0; i < errors->len; i++)
    g_printerr ("tally collect: %s\n", (const char *) g_ptr_array_index (errors, i));
}

static gboolean
evaluate_cb (gpointer data)
{
  Collect *collect = data;

  if (collect->evaluating || collect->stopping)
    return G_SOURCE_CONTINUE;
  collect->evaluating = TRUE;
  tally_alert_evaluator_evaluate_async (collect->evaluator, g_get_real_time () / G_USEC_PER_SEC, NULL,
                                        evaluated_cb, collect);
  return G_SOURCE_CONTINUE;
}

/* The evaluator that records alerts in the store's history, or NULL (with
 * the reason printed) when the rules cannot be read: collecting goes on. */
static TallyAlertEvaluator *
start_alerts (TallyStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = tally_alert_rules_load_default (&error);
  g_autoptr(TallyAlertEvaluator) evaluator = NULL;

  if (rules != NULL)
    {
      evaluator = tally_alert_evaluator_new (store, rules);
      if (!tally_alert_evaluator_open_history (evaluator, TRUE, &error))
        g_clear_object (&evaluator);
    }
  if (evaluator == NULL)
    {
      g_printerr (_("tally collect: alerts are off: %s\n"), error->message);
      return NULL;
    }

  g_signal_connect (evaluator, "alert-fired", G_CALLBACK (alert_fired_cb), NULL);
  g_signal_connect (evaluator, "alert-resolved", G_CALLBACK (alert_resolved_cb), NULL);
  return g_steal_pointer (&evaluator);
}

static void
print_summary (Collect    *collect,
               const char *prefix)
{
  guint64 accepted = tally_collector_get_events_accepted (collect->collector);
  guint64 rejected = tally_collector_get_events_rejected (collect->collector);
  guint64 requests = tally_collector_get_requests (collect->collector);

  g_printerr (_("%s%" G_GUINT64_FORMAT " events stored, %" G_GUINT64_FORMAT " refused, in %"
                G_GUINT64_FORMAT " requests\n"), prefix, accepted, rejected, requests);
  collect->printed_accepted = accepted;
  collect->printed_rejected = rejected;
}

static gboolean
summary_cb (gpointer data)
{
  Collect *collect = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S  ");

  if (tally_collector_get_events_accepted (collect->collector) != collect->printed_accepted ||
      tally_collector_get_events_rejected (collect->collector) != collect->printed_rejected)
    print_summary (collect, time);

  return G_SOURCE_CONTINUE;
}

static void
stopped_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Collect *collect = user_data;

  tally_collector_stop_finish (TALLY_COLLECTOR (object), result, NULL);
  g_main_loop_quit (collect->loop);
}

static gboolean
signal_cb (gpointer data)
{
  Collect *collect = data;

  if (!collect->stopping)
    {
      collect->stopping = TRUE;
      g_printerr (_("Stopping: answering the requests in flight…\n"));
      tally_collector_stop_async (collect->collector, NULL, stopped_cb, collect);
    }

  return G_SOURCE_CONTINUE;
}

static char *
read_token (const char  *token_env,
            GError     **error)
{
  const char *value;

  if (token_env == NULL)
    return NULL;

  value = g_getenv (token_env);
  if (value == NULL || *value == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("the environment variable %s, which should hold the token, is not set"),
                   token_env);
      return NULL;
    }

  return g_strdup (value);
}

static int
fail (const char *message)
{
  g_printerr ("tally collect: %s\n", message);
  return 1;
}

/* Exit status 2: the command line itself is wrong. */
static int
fail_usage (const char *message)
{
  g_printerr ("tally collect: %s\n", message);
  return 2;
}

static int
serve (TallyStore *store,
       const char *listen,
       const char *token,
       int         alert_interval)
{
  g_autoptr(TallyCollector) collector = tally_collector_new (store);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyAlertEvaluator) evaluator = NULL;
  Collect collect = { collector, loop, 0, 0, FALSE, NULL, FALSE };
  guint sources[3], alert_source = 0;

  if (listen != NULL)
    tally_collector_set_listen_address (collector, listen);
  tally_collector_set_token (collector, token);
  if (!tally_collector_start (collector, &error))
    return fail (error->message);

  g_printerr (_("Listening on http://%s (store: %s)\n"), tally_collector_get_address (collector),
              tally_store_get_path (store));
  g_printerr (_("Send events to http://%s/v1/events, or point OpenTelemetry at it with "
                "OTEL_EXPORTER_OTLP_ENDPOINT=http://%s OTEL_EXPORTER_OTLP_PROTOCOL=http/json\n"),
              tally_collector_get_address (collector), tally_collector_get_address (collector));

  sources[0] = g_unix_signal_add (SIGINT, signal_cb, &collect);
  sources[1] = g_unix_signal_add (SIGTERM, signal_cb, &collect);
  sources[2] = g_timeout_add_seconds (SUMMARY_PERIOD_S, summary_cb, &collect);
  if (alert_interval > 0 && (evaluator = start_alerts (store)) != NULL)
    {
      collect.evaluator = evaluator;
      evaluate_cb (&collect);
      alert_source = g_timeout_add_seconds (alert_interval, evaluate_cb, &collect);
    }
  g_main_loop_run (loop);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    g_source_remove (sources[i]);
  if (alert_source != 0)
    g_source_remove (alert_source);
  /* an evaluation in flight finishes before the store closes */
  while (collect.evaluating)
    g_main_context_iteration (NULL, TRUE);

  /* Every acknowledged event is committed already; this folds them into
   * the rollups so the next reader does not have to. */
  if (!tally_store_flush (store, &error))
    g_printerr (_("tally collect: the store could not finish its rollups: %s\n"), error->message);
  print_summary (&collect, _("Stopped: "));

  return 0;
}

int
tally_command_collect (int    argc,
                       char **argv)
{
  g_autofree char *listen = NULL;
  g_autofree char *token_env = NULL;
  g_autofree char *db = NULL;
  g_autofree char *source = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TallyStore) store = NULL;
  int alert_interval = TALLY_ALERT_DEFAULT_INTERVAL_S;
  GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      N_("Where to listen (default 127.0.0.1:4318; port 0 picks a free port)"), N_("ADDRESS:PORT") },
    { "token-env", 0, 0, G_OPTION_ARG_STRING, &token_env,
      N_("Require the bearer token held by the environment variable NAME"), N_("NAME") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The store to write (default: your store)"),
      N_("PATH") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("The data source (only “local”)"),
      N_("NAME") },
    { "alert-interval", 0, 0, G_OPTION_ARG_INT, &alert_interval,
      N_("Evaluate the alert rules every SECONDS and record the alerts (default 60; 0: never)"),
      N_("SECONDS") },
    { NULL },
  };
  int status;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Receive usage events over HTTP (JSON events and "
                                           "OpenTelemetry traces) and store them."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* "Usage: tally collect [OPTION…]" */
  g_set_prgname ("tally collect");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail_usage (error->message);
  g_set_prgname ("tally");
  if (argc > 1)
    return fail_usage (_("this command takes no arguments"));
  if (alert_interval < 0 || alert_interval > 86400)
    return fail_usage (_("--alert-interval must be from 0 (never) to 86400 seconds"));
  if (!tally_cli_source_check_name (source, &error) ||
      !tally_cli_source_require_local (source, _("collect events"), &error))
    return fail_usage (error->message);
  if (token_env != NULL && (token = read_token (token_env, &error)) == NULL)
    return fail (error->message);

  if (db == NULL)
    db = tally_paths_get_store_file ();
  if ((store = tally_store_open (db, &error)) == NULL)
    return fail (error->message);

  status = serve (store, listen, token, alert_interval);
  tally_store_close (store);

  return status;
}
