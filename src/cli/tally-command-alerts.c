/* tally-command-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally alerts`: evaluates the alert rules once, now (or --at a moment),
 * against the store and prints the alerts that fire, most severe first.
 * It only reads: alerts still firing in the store's history (recorded by
 * `tally collect` or the app) are taken up with their start time. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-alert-evaluator.h"
#include "tally-cli-format.h"
#include "tally-cli-options.h"
#include "tally-commands.h"
#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-paths.h"
#include "tally-time-range.h"

typedef struct
{
  char     *at;
  char     *tz;
  gboolean  json;
} AlertsOptions;

static void
alerts_options_clear (AlertsOptions *o)
{
  g_free (o->at);
  g_free (o->tz);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AlertsOptions, alerts_options_clear)

static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       t,
          GTimeZone   *tz)
{
  g_autofree char *text = tally_cli_format_time (t, tz, "%FT%T%:z");

  tally_json_builder_add_string_member (builder, name, text);
}

static void
add_alert (JsonBuilder      *builder,
           const TallyAlert *alert,
           GTimeZone        *tz)
{
  json_builder_begin_object (builder);
  tally_json_builder_add_string_member (builder, "rule", alert->rule);
  tally_json_builder_add_string_member (builder, "name", alert->name);
  tally_json_builder_add_string_member (builder, "severity", alert->severity);
  tally_json_builder_add_string_member (builder, "metric", alert->metric);
  add_number (builder, "value", alert->value);
  add_number (builder, "threshold", alert->threshold);
  tally_json_builder_add_string_member (builder, "description", alert->description);
  add_time (builder, "fired_at", alert->fired_at, tz);
  tally_json_builder_add_string_member (builder, "dashboard", alert->dashboard);
  json_builder_end_object (builder);
}

static void
print_json (TallyAlertEvaluator *evaluator,
            GPtrArray           *firing,
            gint64               now,
            GTimeZone           *tz)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GPtrArray *errors = tally_alert_evaluator_get_errors (evaluator);

  json_builder_begin_object (builder);
  add_time (builder, "evaluated_at", now, tz);
  json_builder_set_member_name (builder, "rules");
  json_builder_add_int_value (builder, tally_alert_evaluator_get_rules (evaluator)->len);
  json_builder_set_member_name (builder, "firing");
  json_builder_begin_array (builder);
  for (guint i = 0; i < firing->len; i++)
    add_alert (builder, g_ptr_array_index (firing, i), tz);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < errors->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (errors, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = tally_json_to_pretty_string (root, NULL);
  g_print ("%s\n", text);
}

static void
print_text (TallyAlertEvaluator *evaluator,
            GPtrArray           *firing,
            GTimeZone           *tz)
{
  if (firing->len == 0)
    g_print (_("No alert is firing (%u rules evaluated).\n"), tally_alert_evaluator_get_rules (evaluator)->len);

  for (guint i = 0; i < firing->len; i++)
    {
      const TallyAlert *alert = g_ptr_array_index (firing, i);
      g_autofree char *since = tally_cli_format_time (alert->fired_at, tz, "%F %H:%M");
      g_autofree char *severity = g_ascii_strup (alert->severity, -1);

      /* Translators: severity, rule name, value against threshold, start */
      g_print (_("%-8s  %s: %s (since %s)\n"), severity, alert->name, alert->description, since);
    }
}

static gboolean
parse_at (const char  *at,
          GTimeZone   *tz,
          gint64      *now,
          GError     **error)
{
  g_autoptr(GDateTime) current = g_date_time_new_now (tz);

  if (at == NULL)
    {
      *now = g_date_time_to_unix (current);
      return TRUE;
    }
  if (!tally_time_parse_point (at, current, FALSE, now, error))
    return g_prefix_error (error, "--at: "), FALSE;
  return TRUE;
}

static int
run (const TallyCliOptions *options,
     const AlertsOptions   *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(TallyAlertEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) firing = NULL;
  g_autofree char *default_db = tally_paths_get_store_file ();
  g_autofree char *path = tally_cli_options_get_db (options, default_db);
  GPtrArray *errors;
  gint64 now;

  if ((tz = tally_cli_parse_time_zone (o->tz, &error)) == NULL || !parse_at (o->at, tz, &now, &error))
    return tally_cli_fail (options, TALLY_EXIT_USAGE, error);
  if ((rules = tally_alert_rules_load_default (&error)) == NULL ||
      (store = tally_store_open_read_only (path, &error)) == NULL)
    return tally_cli_fail (options, TALLY_EXIT_FAILURE, error);

  evaluator = tally_alert_evaluator_new (store, rules);
  tally_alert_evaluator_set_time_zone (evaluator, tz);
  tally_alert_evaluator_set_one_shot (evaluator, TRUE);
  if (!tally_alert_evaluator_open_history (evaluator, FALSE, &error) ||
      !tally_alert_evaluator_evaluate (evaluator, now, NULL, &error))
    return tally_cli_fail (options, TALLY_EXIT_FAILURE, error);

  firing = tally_alert_evaluator_get_firing (evaluator);
  if (o->json)
    print_json (evaluator, firing, now, tz);
  else
    print_text (evaluator, firing, tz);

  errors = tally_alert_evaluator_get_errors (evaluator);
  for (guint i = 0; i < errors->len; i++)
    g_printerr ("tally alerts: %s\n", (const char *) g_ptr_array_index (errors, i));

  return errors->len > 0 ? TALLY_EXIT_FAILURE : TALLY_EXIT_OK;
}

int
tally_command_alerts (int    argc,
                      char **argv)
{
  g_auto(TallyCliOptions) options = TALLY_CLI_OPTIONS_INIT ("alerts");
  g_auto(AlertsOptions) o = { 0, };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print the alerts as JSON"), NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &o.at,
      N_("Evaluate as at this moment: now-1h, an RFC 3339 time… (default: now)"), N_("TIME") },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &o.tz,
      N_("The time zone of days, months and printed times (default: the local zone)"), N_("ZONE") },
    { NULL }
  };

  context = tally_cli_options_new_context (&options, NULL,
                                           _("Evaluate the alert rules now and print the alerts "
                                             "that fire. The rules are the defaults and those of "
                                             "alerts.json; the limits are those of limits.json."),
                                           entries);
  g_option_context_set_description (context, _("Exit status: 0 on success, 1 when the store or "
                                               "the rules cannot be read or a rule fails, 2 for "
                                               "a wrong command line."));
  if (!tally_cli_options_parse (&options, context, &argc, &argv, &error))
    return tally_cli_fail (&options, TALLY_EXIT_USAGE, error);
  if (argc > 1)
    return tally_cli_fail_printf (&options, TALLY_EXIT_USAGE, _("unexpected argument “%s”"), argv[1]);

  return run (&options, &o);
}
