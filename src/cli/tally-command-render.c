/* tally-command-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally render DASHBOARD.json -o OUT.{png,svg,pdf}`: a dashboard drawn
 * from the local store into a file, with no display and no GTK, for
 * reports and for machines without a desktop. The file appears whole or
 * not at all: it is drawn into a private folder beside the output and
 * renamed into place. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tally-chart-export.h"
#include "tally-cli-options.h"
#include "tally-cli-source.h"
#include "tally-commands.h"
#include "tally-dashboard-render.h"
#include "tally-paths.h"
#include "tally-store.h"

typedef struct
{
  TallyCliOptions  common;
  char            *output;
  char            *size;
  char            *from;
  char            *to;
  gboolean         dark;
} Options;

static void
options_clear (Options *o)
{
  tally_cli_options_clear (&o->common);
  g_free (o->output);
  g_free (o->size);
  g_free (o->from);
  g_free (o->to);
}

static gboolean
parse_size (const char  *text,
            double      *width,
            double      *height)
{
  int w = 0, h = 0;
  char extra;

  if (text == NULL)
    return TRUE;
  if (sscanf (text, "%dx%d%c", &w, &h, &extra) != 2 || w < 100 || h < 100 || w > 20000 || h > 20000)
    return FALSE;
  *width = w;
  *height = h;
  return TRUE;
}

/* Draws into a file of the same name in a new private folder beside
 * @output, then renames it over @output. */
static gboolean
write_file (TallyDashboardRender  *render,
            const char            *output,
            double                 width,
            double                 height,
            GError               **error)
{
  g_autofree char *dir = g_path_get_dirname (output);
  g_autofree char *base = g_path_get_basename (output);
  g_autofree char *template = g_build_filename (dir, ".tally-render-XXXXXX", NULL);
  g_autofree char *partial = NULL;
  cairo_surface_t *surface;
  gboolean ok = FALSE;
  cairo_t *cr;

  if (g_mkdtemp (template) == NULL)
    {
      int errsv = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv), _("Cannot write in %s: %s"),
                   dir, g_strerror (errsv));
      return FALSE;
    }

  partial = g_build_filename (template, base, NULL);
  if ((surface = tally_export_surface_new (partial, width, height, 1.0, error)) != NULL)
    {
      cr = cairo_create (surface);
      tally_dashboard_render_draw (render, cr);
      cairo_destroy (cr);
      ok = tally_export_surface_finish (surface, partial, error);
    }

  if (ok && g_rename (partial, output) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv), _("Cannot write %s: %s"),
                   output, g_strerror (errsv));
      ok = FALSE;
    }
  g_unlink (partial);
  g_rmdir (template);

  return ok;
}

static int
render (const char *layout,
        Options    *o)
{
  g_autoptr(TallyDashboard) dashboard = NULL;
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(TallyChartTheme) theme = NULL;
  g_autoptr(TallyDashboardRender) render = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (layout);
  g_autoptr(GError) error = NULL;
  g_autofree char *default_db = tally_paths_get_store_file ();
  g_autofree char *db = tally_cli_options_get_db (&o->common, default_db);
  g_autofree char *subtitle = NULL;
  double width = 1600, height = 0;
  TallyExportFormat format;

  if (o->output == NULL)
    return tally_cli_fail_printf (&o->common, TALLY_EXIT_USAGE,
                                  _("give the file to write with -o, as in “-o report.png”"));
  if (!tally_export_format_from_filename (o->output, &format))
    return tally_cli_fail_printf (&o->common, TALLY_EXIT_USAGE,
                                  _("%s: the file name must end in .png, .svg or .pdf"), o->output);
  if (!parse_size (o->size, &width, &height))
    return tally_cli_fail_printf (&o->common, TALLY_EXIT_USAGE,
                                  _("--size must be WIDTHxHEIGHT in pixels, 100 to 20000, such as 1600x900"));

  if ((dashboard = tally_dashboard_new_from_file (file, &error)) == NULL)
    return tally_cli_fail_printf (&o->common, TALLY_EXIT_FAILURE, "%s: %s", layout,
                                  error->message);
  range = tally_time_range_parse (o->from ? o->from : tally_dashboard_get_time_from (dashboard),
                                  o->to ? o->to : tally_dashboard_get_time_to (dashboard), now, &error);
  if (range == NULL)
    return tally_cli_fail (&o->common, TALLY_EXIT_USAGE, error);
  if ((store = tally_store_open_read_only (db, &error)) == NULL)
    return tally_cli_fail_printf (&o->common, TALLY_EXIT_FAILURE,
                                  /* Translators: %s is why the store could not be opened. */
                                  _("%s (send events with “tally collect” or “tally ingest”, "
                                    "or try “tally demo”)"),
                                  error->message);

  theme = tally_chart_theme_new (o->dark ? TALLY_CHART_THEME_DARK : TALLY_CHART_THEME_LIGHT);
  render = tally_dashboard_render_new (dashboard, theme, tz);
  subtitle = g_strdup_printf ("%s → %s", o->from ? o->from : tally_dashboard_get_time_from (dashboard),
                              o->to ? o->to : tally_dashboard_get_time_to (dashboard));
  tally_dashboard_render_set_subtitle (render, subtitle);
  tally_dashboard_render_run_queries (render, store, range);

  if (height <= 0)
    height = tally_dashboard_render_get_height (render, width);
  tally_dashboard_render_set_size (render, width, height);
  if (!write_file (render, o->output, width, height, &error))
    return tally_cli_fail (&o->common, TALLY_EXIT_FAILURE, error);

  return TALLY_EXIT_OK;
}

int
tally_command_render (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Options o = { TALLY_CLI_OPTIONS_INIT ("render"), NULL, NULL, NULL, NULL, FALSE };
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("The file to write: .png, .svg or .pdf"), N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &o.size,
      N_("The size in pixels (default: 1600 wide, as tall as the dashboard)"), N_("WxH") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from,
      N_("Start of the time range (default: the dashboard's)"), N_("TIME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to,
      N_("End of the time range (default: the dashboard's)"), N_("TIME") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &o.dark, N_("Draw in the dark style"), NULL },
    { NULL }
  };

  context = tally_cli_options_new_context (&o.common, _("DASHBOARD.json"),
                                           _("Draws a dashboard from the local store into a "
                                             "PNG, SVG or PDF file."),
                                           entries);
  if (!tally_cli_options_parse (&o.common, context, &argc, &argv, &error) ||
      !tally_cli_source_require_local (o.common.source, _("render dashboards"), &error))
    {
      status = tally_cli_fail (&o.common, TALLY_EXIT_USAGE, error);
      options_clear (&o);
      return status;
    }
  if (argc != 2)
    {
      status = tally_cli_fail_printf (&o.common, TALLY_EXIT_USAGE,
                                      _("give one dashboard file, as in “tally render prod.json -o prod.png”"));
      options_clear (&o);
      return status;
    }

  status = render (argv[1], &o);
  options_clear (&o);

  return status;
}
