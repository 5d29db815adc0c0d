/* tally-command-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally demo`: fills a store with weeks of realistic traffic ending now
 * (src/core/tally-demo.c), so Tally can be tried, shown and tested with
 * no API of one's own. It writes the demo store in the cache folder,
 * which it starts afresh each time, and never the user's store unless
 * --db names it. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-cli-format.h"
#include "tally-cli-options.h"
#include "tally-cli-source.h"
#include "tally-cli-progress.h"
#include "tally-commands.h"
#include "tally-demo-store.h"
#include "tally-paths.h"

static gboolean
progress_cb (GPtrArray               *events,
             const TallyDemoProgress *progress,
             gpointer                 user_data,
             GError                 **error)
{
  TallyCliProgress *line = user_data;

  if (progress->days_done >= progress->days)
    tally_cli_progress_show (line, _("Updating the rollups…"));
  else if (tally_cli_progress_is_due (line))
    {
      g_autofree char *count = tally_cli_format_count (progress->n_events);

      tally_cli_progress_show (line, _("Day %u of %u, %s events"),
                               progress->days_done + 1, progress->days, count);
    }
  return TRUE;
}

static void
print_summary (const TallyDemoProgress *summary,
               const char              *db,
               double                   elapsed,
               gint64                   existing)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *count = tally_cli_format_count (summary->n_events);
  g_autofree char *cost = tally_cli_format_value (summary->cost, "usd");
  g_autofree char *from = tally_cli_format_time (summary->from, tz, "%Y-%m-%d %H:%M");
  g_autofree char *to = tally_cli_format_time (summary->to, tz, "%Y-%m-%d %H:%M %Z");
  g_autofree char *duration = tally_cli_format_duration (elapsed);
  g_autofree char *quoted = tally_cli_quote_path (db);

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Wrote %s demo event to %s in %s\n",
                           "Wrote %s demo events to %s in %s\n", summary->n_events),
              count, db, duration);
  if (existing > 0)
    {
      g_autofree char *before = tally_cli_format_count (existing);

      g_printerr (_("  (added to the %s events the store already held)\n"), before);
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "  %u day, %s – %s\n", "  %u days, %s – %s\n",
                           summary->days),
              summary->days, from, to);
  g_printerr (_("  total cost %s\n"), cost);
  g_printerr (_("Try: tally query --db %s --metric cost --stat sum --from now-%ud\n"),
              quoted, summary->days);
}

static int
run (const TallyCliOptions *options,
     TallyDemoParams       *params)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyCliProgress) progress = tally_cli_progress_new ();
  g_autofree char *demo_db = tally_paths_get_demo_store_file ();
  g_autofree char *db = tally_cli_options_get_db (options, demo_db);
  TallyDemoProgress summary;
  gint64 existing = 0;

  if (!tally_demo_store_fill (db, options->db == NULL, params, progress_cb, progress, NULL,
                              &summary, &existing, &error))
    return tally_cli_fail (options, TALLY_EXIT_FAILURE, error);
  tally_cli_progress_clear (progress);
  print_summary (&summary, db, tally_cli_progress_elapsed (progress), existing);
  return TALLY_EXIT_OK;
}

int
tally_command_demo (int    argc,
                    char **argv)
{
  g_auto(TallyCliOptions) options = TALLY_CLI_OPTIONS_INIT ("demo");
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  TallyDemoParams params;
  int days = TALLY_DEMO_DEFAULT_DAYS;
  gint64 seed = TALLY_DEMO_DEFAULT_SEED;
  double rate = TALLY_DEMO_DEFAULT_RATE;
  const GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &days,
      N_("Days of traffic, ending now (default: 30)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("The same seed gives the same traffic (default: 1)"), N_("N") },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate,
      N_("Requests per day, on average (default: 2000)"), N_("R") },
    { NULL }
  };

  context = tally_cli_options_new_context (&options, NULL,
                                           _("Write realistic demo traffic into the demo store: "
                                             "five projects calling OpenAI, Anthropic, Google, "
                                             "Mistral and DeepSeek models at their list prices, "
                                             "with working hours, weekends, an outage and a "
                                             "flood of rate-limited requests."),
                                           entries);
  g_option_context_set_description (context,
                                    _("The demo store is replaced on each run; --db writes "
                                      "elsewhere instead, adding to what is there.\n"
                                      "Exit status: 0 on success, 1 when the store cannot be "
                                      "written, 2 for a wrong command line."));

  if (!tally_cli_options_parse (&options, context, &argc, &argv, &error))
    return tally_cli_fail (&options, TALLY_EXIT_USAGE, error);
  if (!tally_cli_source_require_local (options.source, _("hold the demo data"), &error))
    return tally_cli_fail (&options, TALLY_EXIT_USAGE, error);
  if (argc > 1)
    return tally_cli_fail_printf (&options, TALLY_EXIT_USAGE,
                                  _("unexpected argument “%s”"), argv[1]);
  if (days < 1 || days > TALLY_DEMO_MAX_DAYS)
    return tally_cli_fail_printf (&options, TALLY_EXIT_USAGE, _("--days must be 1..%d"),
                                  TALLY_DEMO_MAX_DAYS);
  if (!(rate > 0 && rate <= TALLY_DEMO_MAX_RATE))
    return tally_cli_fail_printf (&options, TALLY_EXIT_USAGE,
                                  _("--rate must be more than 0 and at most %.0f"),
                                  TALLY_DEMO_MAX_RATE);

  tally_demo_params_init (&params);
  params.days = days;
  params.seed = (guint64) seed;
  params.rate = rate;

  return run (&options, &params);
}
