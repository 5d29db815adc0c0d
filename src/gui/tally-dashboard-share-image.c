/* tally-dashboard-share-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* "Export as Image…": the whole dashboard in one PNG, SVG or PDF, for a
 * report or a chat. It is drawn by TallyDashboardRender, as `tally
 * render` draws it, but from the frames the window already shows: no
 * query runs, and the picture is what the user sees now. The file is
 * written whole or not at all (tally_share_replace_contents()). */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-chart-export.h"
#include "tally-dashboard-render.h"
#include "tally-dashboard-share-private.h"
#include "tally-panel-chart.h"

/* Gives every panel its frame from @frames, or says why it has none. */
static void
set_frames (TallyDashboardRender *render,
            TallyDashboard       *dashboard,
            GHashTable           *frames)
{
  GListModel *panels = tally_dashboard_get_panels (dashboard);

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      guint id = tally_panel_get_id (panel);
      TallyFrame *frame = frames != NULL ? g_hash_table_lookup (frames, GUINT_TO_POINTER (id))
                                         : NULL;

      if (frame != NULL)
        tally_dashboard_render_set_frame (render, id, frame);
      else
        tally_dashboard_render_set_error (render, id, _("No data loaded yet"));
    }
}

static void
draw_render (cairo_t  *cr,
             gpointer  render)
{
  tally_dashboard_render_draw (render, cr);
}

/* The image's bytes, in the format @name's extension says. */
static GBytes *
image_bytes (TallyDashboard  *dashboard,
             GHashTable      *frames,
             GTimeZone       *tz,
             gboolean         dark,
             double           width,
             const char      *name,
             GError         **error)
{
  g_autoptr(TallyChartTheme) theme = NULL;
  g_autoptr(TallyDashboardRender) render = NULL;
  g_autofree char *subtitle = NULL;
  TallyExportFormat format;
  double height;

  if (!tally_export_check_filename (name, &format, error))
    return NULL;

  theme = tally_chart_theme_new (dark ? TALLY_CHART_THEME_DARK : TALLY_CHART_THEME_LIGHT);
  render = tally_dashboard_render_new (dashboard, theme, tz);
  subtitle = g_strdup_printf ("%s → %s", tally_dashboard_get_time_from (dashboard),
                              tally_dashboard_get_time_to (dashboard));
  tally_dashboard_render_set_subtitle (render, subtitle);
  set_frames (render, dashboard, frames);

  height = tally_dashboard_render_get_height (render, width);
  tally_dashboard_render_set_size (render, width, height);

  return tally_export_draw_to_bytes (format, width, height, 1.0, draw_render, render, error);
}

/**
 * tally_dashboard_share_image_to_file:
 * @frames: (nullable) (element-type guint TallyFrame): each panel's frame,
 *   by panel id (GUINT_TO_POINTER)
 * @tz: the zone the window shows times in
 * @dark: whether to draw in the dark style
 * @width: the width in pixels (points for SVG and PDF); the height follows
 *   from the panels
 * @file: a .png, .svg or .pdf file
 *
 * Draws @dashboard with @frames into @file, written whole or not at all.
 */
gboolean
tally_dashboard_share_image_to_file (TallyDashboard  *dashboard,
                                     GHashTable      *frames,
                                     GTimeZone       *tz,
                                     gboolean         dark,
                                     double           width,
                                     GFile           *file,
                                     GError         **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (width >= 1, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  return (bytes = image_bytes (dashboard, frames, tz, dark, width, name, error)) != NULL &&
         tally_share_replace_contents (file, bytes, error);
}

typedef struct
{
  TallyDashboard *dashboard;
  GHashTable     *frames;
  GTimeZone      *tz;
  gboolean        dark;
  double          width;
} ImageData;

static void
image_data_free (ImageData *data)
{
  g_clear_object (&data->dashboard);
  g_clear_pointer (&data->frames, g_hash_table_unref);
  g_clear_pointer (&data->tz, g_time_zone_unref);
  g_free (data);
}

static GBytes *
chosen_image_bytes (GFile     *file,
                    gpointer   user_data,
                    GError   **error)
{
  ImageData *data = user_data;
  g_autofree char *name = g_file_get_basename (file);

  return image_bytes (data->dashboard, data->frames, data->tz, data->dark, data->width, name,
                      error);
}

/**
 * tally_dashboard_share_export_image:
 * @parent: (nullable): the window; the image is as wide as its content,
 *   or 1600 pixels without one
 * @frames: (nullable) (element-type guint TallyFrame): each panel's frame
 *   as the window shows it, by panel id; kept until the dialog closes
 *
 * "Export as Image…": asks where to save, suggesting "TITLE.png", and
 * draws the dashboard there as PNG, SVG or PDF by the name's extension.
 */
void
tally_dashboard_share_export_image (GtkWindow      *parent,
                                    TallyDashboard *dashboard,
                                    GHashTable     *frames,
                                    GTimeZone      *tz,
                                    gboolean        dark)
{
  static const char * const suffixes[] = { "png", "svg", "pdf" };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  ImageData *data;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (TALLY_IS_DASHBOARD (dashboard));
  g_return_if_fail (tz != NULL);

  data = g_new0 (ImageData, 1);
  data->dashboard = g_object_ref (dashboard);
  data->frames = frames != NULL ? g_hash_table_ref (frames) : NULL;
  data->tz = g_time_zone_ref (tz);
  data->dark = dark;
  data->width = parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0
                ? gtk_widget_get_width (GTK_WIDGET (parent))
                : TALLY_DASHBOARD_SHARE_IMAGE_WIDTH;

  name = tally_dashboard_share_file_name (tally_dashboard_get_title (dashboard), _("Dashboard"),
                                          ".png");
  gtk_file_filter_set_name (filter, _("Images and PDF Documents (PNG, SVG, PDF)"));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  tally_share_save_dialog (parent, _("Export as Image"), name, filter,
                           _("Could not export the image"), chosen_image_bytes, data,
                           (GDestroyNotify) image_data_free);
}
