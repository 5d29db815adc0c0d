/* tally-cli-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What every `tally` subcommand shares, so they all behave alike: the
 * --db and --source options, the usage line of --help, how an error is
 * printed ("tally ingest: …" on stderr) and with which exit status, and
 * how --from, --to and --tz become a time range. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-cli-options.h"
#include "tally-cli-source.h"
#include "tally-error.h"

/**
 * tally_cli_options_new_context:
 * @parameter_string: (nullable): what follows the options in the usage
 *   line, e.g. "FILE"
 * @summary: one translated sentence shown under the usage line
 * @entries: the command's own options; --db and --source are added
 *
 * A GOptionContext whose --help reads "tally COMMAND [OPTION…] FILE".
 */
GOptionContext *
tally_cli_options_new_context (TallyCliOptions    *options,
                               const char         *parameter_string,
                               const char         *summary,
                               const GOptionEntry *entries)
{
  const GOptionEntry common[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db,
      N_("The store to use (default: your usage store)"), N_("PATH") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &options->source,
      N_("The data source (default: local)"), N_("NAME") },
    { NULL }
  };
  g_autofree char *prgname = g_strconcat ("tally ", options->command, NULL);
  GOptionContext *context;

  /* The usage line starts with the program name. */
  g_set_prgname (prgname);

  context = g_option_context_new (parameter_string);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);

  return context;
}

/* Parses the command line and checks what every command checks: the
 * source is "local" or configured (tally-cli-source.c). Errors are usage errors (TALLY_EXIT_USAGE). */
gboolean
tally_cli_options_parse (TallyCliOptions   *options,
                         GOptionContext    *context,
                         int               *argc,
                         char            ***argv,
                         GError           **error)
{
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (!tally_cli_source_check_name (options->source, error))
    return FALSE;
  if (options->db != NULL && options->db[0] == '\0')
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("--db needs a path"));
      return FALSE;
    }

  return TRUE;
}

/* --db when given, else @default_path. */
char *
tally_cli_options_get_db (const TallyCliOptions *options,
                          const char            *default_path)
{
  return g_strdup (options->db != NULL ? options->db : default_path);
}

void
tally_cli_options_clear (TallyCliOptions *options)
{
  g_clear_pointer (&options->db, g_free);
  g_clear_pointer (&options->source, g_free);
}

/* Prints "tally COMMAND: MESSAGE" on stderr and returns @status, so a
 * command ends with `return tally_cli_fail (…)`. */
int
tally_cli_fail (const TallyCliOptions *options,
                int                    status,
                const GError          *error)
{
  g_printerr ("tally %s: %s\n", options->command, error->message);
  return status;
}

int
tally_cli_fail_printf (const TallyCliOptions *options,
                       int                    status,
                       const char            *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("tally %s: %s\n", options->command, message);
  return status;
}

/* @name is an IANA zone ("Europe/Berlin", "UTC"); NULL is the local zone. */
GTimeZone *
tally_cli_parse_time_zone (const char  *name,
                           GError     **error)
{
  GTimeZone *tz;

  if (name == NULL)
    return g_time_zone_new_local ();

  tz = g_time_zone_new_identifier (name);
  if (tz == NULL)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                 _("“%s” is not a time zone (use a name such as Europe/Berlin or UTC)"), name);

  return tz;
}

/* --from and --to (NULL: the last 24 hours) resolved now in @tz. */
TallyTimeRange *
tally_cli_parse_range (const char  *from,
                       const char  *to,
                       GTimeZone   *tz,
                       GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);

  return tally_time_range_parse (from != NULL ? from : "now-24h", to != NULL ? to : "now",
                                 now, error);
}

/* @path as a user would type it in a shell: quoted only when needed. */
char *
tally_cli_quote_path (const char *path)
{
  for (const char *p = path; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("/._-+,:@%=", *p) == NULL && (guchar) *p < 0x80)
        return g_shell_quote (path);
    }

  return g_strdup (path);
}
