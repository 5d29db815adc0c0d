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
#include "tally-commands.h"
#include "tally-dashboard-render.h"
#include "tally-paths.h"
#include "tally-store.h"

typedef struct
{
  char     *output;
  char     *size;
  char     *from;
  char     *to;
  char     *db;
  char     *source;
  gboolean  dark;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->output);
  g_free (o->size);
  g_free (o->from);
  g_free (o->to);
  g_free (o->db);
  g_free (o->source);
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

/* Runs every panel's query, with the dashboard's filters, and hands the
 * frames (or the errors, which the panels then show) to @render. */
static void
fill_panels (TallyDashboardRender *render,
             TallyDashboard       *dashboard,
             TallyStore           *store,
             TallyTimeRange       *range)
{
  GListModel *panels = tally_dashboard_get_panels (dashboard);

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      g_autoptr(TallyQuery) query = tally_dashboard_apply_filters (dashboard, tally_panel_get_query (panel));
      g_autoptr(TallyFrame) frame = NULL;
      g_autoptr(GError) error = NULL;
      guint id = tally_panel_get_id (panel);

      if (tally_panel_get_panel_type (panel) == TALLY_PANEL_ALERTS)
        {
          tally_dashboard_render_set_error (render, id, _("Alert rules are not set up yet"));
          continue;
        }
      if ((frame = tally_store_query (store, query, range, NULL, &error)) != NULL)
        tally_dashboard_render_set_frame (render, id, frame);
      else
        tally_dashboard_render_set_error (render, id, error->message);
    }
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
fail (int         status,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static int
fail (int         status,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("tally render: %s\n", message);

  return status;
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
  g_autofree char *db = o->db ? g_strdup (o->db) : tally_paths_get_store_file ();
  g_autofree char *subtitle = NULL;
  double width = 1600, height = 0;
  TallyExportFormat format;

  if (o->output == NULL)
    return fail (2, _("give the file to write with -o, as in “-o report.png”"));
  if (!tally_export_format_from_filename (o->output, &format))
    return fail (2, _("%s: the file name must end in .png, .svg or .pdf"), o->output);
  if (!parse_size (o->size, &width, &height))
    return fail (2, _("--size must be WIDTHxHEIGHT in pixels, 100 to 20000, such as 1600x900"));
  if (o->source != NULL && g_strcmp0 (o->source, "local") != 0)
    return fail (2, _("no data source named “%s”"), o->source);

  if ((dashboard = tally_dashboard_new_from_file (file, &error)) == NULL)
    return fail (1, "%s: %s", layout, error->message);
  range = tally_time_range_parse (o->from ? o->from : tally_dashboard_get_time_from (dashboard),
                                  o->to ? o->to : tally_dashboard_get_time_to (dashboard), now, &error);
  if (range == NULL)
    return fail (2, "%s", error->message);
  if ((store = tally_store_open_read_only (db, &error)) == NULL)
    return fail (1, _("%s (send events with “tally collect” or “tally ingest”, or try “tally demo”)"),
                 error->message);

  theme = tally_chart_theme_new (o->dark ? TALLY_CHART_THEME_DARK : TALLY_CHART_THEME_LIGHT);
  render = tally_dashboard_render_new (dashboard, theme, tz);
  subtitle = g_strdup_printf ("%s → %s", o->from ? o->from : tally_dashboard_get_time_from (dashboard),
                              o->to ? o->to : tally_dashboard_get_time_to (dashboard));
  tally_dashboard_render_set_subtitle (render, subtitle);
  fill_panels (render, dashboard, store, range);

  if (height <= 0)
    height = tally_dashboard_render_get_height (render, width);
  tally_dashboard_render_set_size (render, width, height);
  if (!write_file (render, o->output, width, height, &error))
    return fail (1, "%s", error->message);

  return 0;
}

int
tally_command_render (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Options o = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, N_("The file to write: .png, .svg or .pdf"), N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &o.size, N_("The size in pixels (default: 1600 wide, as tall as the dashboard)"), N_("WxH") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, N_("Start of the time range (default: the dashboard's)"), N_("TIME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to, N_("End of the time range (default: the dashboard's)"), N_("TIME") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &o.dark, N_("Draw in the dark style"), NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &o.db, N_("The store to read (default: your store)"), N_("PATH") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &o.source, N_("The data source (default: local)"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (_("DASHBOARD.json — draw a dashboard into an image or PDF"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      options_clear (&o);
      return fail (2, "%s", error->message);
    }
  if (argc != 2)
    {
      options_clear (&o);
      return fail (2, _("give one dashboard file, as in “tally render prod.json -o prod.png”"));
    }

  status = render (argv[1], &o);
  options_clear (&o);

  return status;
}
