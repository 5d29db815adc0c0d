/* tally-panel-card-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A panel's "Export Data as CSV…" and "Export as Image…". The data goes
 * out exactly as the frame holds it (tally-frame-csv.c); the image is the
 * panel as `tally render` draws it, title included, at the card's size
 * and the screen's scale (a HiDPI screen gives a PNG of twice the
 * pixels), as PNG, SVG or PDF by the name's extension.
 *
 * Files are written with g_file_replace_contents(), off the UI thread, so
 * they appear whole or not at all and an existing file survives a failed
 * export. A failure is said in a toast of the nearest AdwToastOverlay (the
 * window's), or in a dialog where there is none. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-chart-export.h"
#include "tally-dashboard-share.h"
#include "tally-error.h"
#include "tally-frame-csv.h"
#include "tally-panel-card-private.h"
#include "tally-panel-chart.h"

static const char *
title_of (TallyPanelCard *self)
{
  const char *title = tally_panel_get_title (self->panel);

  return *title != '\0' ? title : _("Untitled panel");
}

static GBytes *
csv_bytes (TallyPanelCard  *self,
           GError         **error)
{
  TallyFrame *frame = tally_chart_get_frame (tally_chart_view_get_chart (self->chart_view));
  gsize length;
  char *csv;

  if (frame == NULL)
    {
      /* Translators: %s is a panel's title */
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("“%s” has no data to export yet"),
                   title_of (self));
      return NULL;
    }

  csv = tally_frame_to_csv (frame, self->tz, &length);
  return g_bytes_new_take (csv, length);
}

/* The panel drawn as the card shows it (its options with the series the
 * legend hides, its theme, its states) with its title, as in a file of
 * the whole dashboard. */
static GBytes *
image_bytes (TallyPanelCard  *self,
             GFile           *file,
             GError         **error)
{
  TallyChart *shown = tally_chart_view_get_chart (self->chart_view);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(TallyChart) chart = NULL;
  TallyExportFormat format;

  if (!tally_export_check_filename (name, &format, error))
    return NULL;

  chart = tally_panel_chart_new (self->panel, NULL);
  tally_chart_set_options (chart, tally_chart_get_options (shown));
  tally_chart_set_theme (chart, tally_chart_get_theme (shown));
  tally_chart_set_time_zone (chart, self->tz);
  tally_chart_set_show_title (chart, TRUE);
  tally_chart_set_frame (chart, tally_chart_get_frame (shown));
  tally_chart_set_error (chart, tally_chart_get_error (shown));
  tally_chart_set_size (chart, MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1),
                        MAX (gtk_widget_get_height (GTK_WIDGET (self)), 1));

  return tally_chart_export_to_bytes (chart, format,
                                      gtk_widget_get_scale_factor (GTK_WIDGET (self)), error);
}

/* -Wpedantic forbids a function as a data pointer: a static's address
 * tags the task instead. */
static const char export_tag[] = "export";

static void
replace_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tally_panel_card_export_async:
 * @kind: the data as CSV, or the picture as PNG, SVG or PDF by @file's
 *   extension
 * @file: where to write; an existing file is replaced only once the new
 *   one is whole
 *
 * Exports the panel as it is now. The file is written on a worker thread.
 */
void
tally_panel_card_export_async (TallyPanelCard      *self,
                               TallyPanelExport     kind,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  g_return_if_fail (TALLY_IS_PANEL_CARD (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) export_tag);

  if (kind == TALLY_PANEL_EXPORT_CSV)
    bytes = csv_bytes (self, &error);
  else
    bytes = image_bytes (self, file, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, cancellable,
                                       replace_cb, g_steal_pointer (&task));
}

gboolean
tally_panel_card_export_finish (TallyPanelCard  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (TALLY_IS_PANEL_CARD (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Says @message where the user looks: a toast over the dashboard, or a
 * dialog when no toast overlay holds the card. */
void
tally_panel_card_show_error (TallyPanelCard *self,
                             const char     *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (overlay != NULL)
    {
      /* A toast's title is markup. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Export Failed"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TallyPanelCard *self = TALLY_PANEL_CARD (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* A card gone with its window has no one to tell. */
  if (tally_panel_card_export_finish (self, result, &error) || self->panel == NULL)
    return;

  /* Translators: the first %s is a panel's title, the second why it failed */
  message = g_strdup_printf (_("Could not export “%s”: %s"), title_of (self), error->message);
  tally_panel_card_show_error (self, message);
}

static void
chooser_response_cb (TallyPanelCard       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  TallyPanelExport kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "kind"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    tally_panel_card_export_async (self, kind, file, NULL, export_done_cb, NULL);

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static GtkFileFilter *
new_filter (const char         *name,
            const char * const *patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, patterns[i]);

  return filter;
}

/* card.export-csv and card.export-image: ask for a file, then write. */
void
tally_panel_card_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  TallyPanelCard *self = TALLY_PANEL_CARD (widget);
  static const char * const csv[] = { "csv", NULL };
  static const char * const images[] = { "png", "svg", "pdf", NULL };
  gboolean is_csv = g_str_equal (action_name, "card.export-csv");
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = tally_dashboard_share_file_name (title_of (self), _("Panel"),
                                                           is_csv ? ".csv" : ".png");

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (is_csv ? _("Export Data as CSV")
                                                      : _("Export as Image"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  filter = is_csv ? new_filter (_("CSV Files"), csv)
                  : new_filter (_("Images and PDF Documents (PNG, SVG, PDF)"), images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "kind",
                     GINT_TO_POINTER (is_csv ? TALLY_PANEL_EXPORT_CSV : TALLY_PANEL_EXPORT_IMAGE));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
