/* tally-window-share.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Sharing from the window: the dashboard menu's Import Layout… (Ctrl+O),
 * Export Layout… (Ctrl+Shift+S), Export as Image…, Copy Layout
 * (Ctrl+Shift+C) and Paste Layout (Ctrl+Shift+V); layouts dropped on the
 * window; and files the application is asked to open (`tally FILE`, Files).
 * The work is the sharing module's (tally-dashboard-share.h,
 * docs/sharing.md); the window picks what it imported. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-dashboard-share.h"
#include "tally-window-private.h"

static void
select_first (TallyWindow *self,
              GPtrArray   *imported)
{
  if (imported != NULL && imported->len > 0)
    tally_window_select (self, g_ptr_array_index (imported, 0));
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TallyWindow) self = user_data;
  g_autoptr(GPtrArray) imported = tally_dashboard_share_import_finish (result, NULL);

  /* Failures have been shown by the import itself; NULL means cancelled. */
  select_first (self, imported);
}

static void
dropped_cb (GPtrArray *imported,
            gpointer   user_data)
{
  select_first (TALLY_WINDOW (user_data), imported);
}

/**
 * tally_window_import_files:
 * @self: a window
 * @files: (element-type GFile): layouts to import
 *
 * Imports @files into the library, asking about clashes and unknown
 * sources, shows what failed and selects the first dashboard imported.
 */
void
tally_window_import_files (TallyWindow *self,
                           GList       *files)
{
  TallyDashboardLibrary *library;
  g_auto(GStrv) source_names = NULL;

  g_return_if_fail (TALLY_IS_WINDOW (self));

  library = tally_window_get_library (self);
  if (library == NULL || files == NULL)
    return;
  source_names = tally_window_dup_source_names (self);
  tally_dashboard_share_import_files_async (GTK_WINDOW (self), library,
                                            (const char * const *) source_names, files,
                                            self->cancellable, imported_cb, g_object_ref (self));
}

static void
import_layout_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);
  TallyDashboardLibrary *library = tally_window_get_library (self);
  g_auto(GStrv) source_names = tally_window_dup_source_names (self);

  if (library != NULL)
    tally_dashboard_share_import (GTK_WINDOW (self), library, (const char * const *) source_names,
                                  imported_cb,
                                  g_object_ref (self));
}

static void
export_layout_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);

  if (self->dashboard != NULL)
    tally_dashboard_share_export (GTK_WINDOW (self), self->dashboard);
}

/* The image shows each panel's frame as its card does now. */
static void
export_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);
  TallyDataModel *model = tally_dashboard_page_get_data_model (self->dashboard_page);
  TallyDashboardView *view = tally_dashboard_page_get_view (self->dashboard_page);
  g_autoptr(GHashTable) frames = NULL;
  GListModel *panels;
  gboolean dark;

  if (self->dashboard == NULL)
    return;

  frames = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) tally_frame_unref);
  panels = tally_dashboard_get_panels (self->dashboard);
  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      TallyPanelData *data = tally_data_model_get_panel_data (model, panel);
      TallyFrame *frame = data != NULL ? tally_panel_data_get_frame (data) : NULL;

      if (frame != NULL)
        g_hash_table_insert (frames, GUINT_TO_POINTER (tally_panel_get_id (panel)),
                             tally_frame_ref (frame));
    }
  dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  tally_dashboard_share_export_image (GTK_WINDOW (self), self->dashboard, frames,
                                      tally_dashboard_view_get_time_zone (view), dark);
}

static void
copy_layout_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->dashboard == NULL)
    return;
  if (tally_dashboard_share_copy (gtk_widget_get_clipboard (widget), self->dashboard, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Layout copied")));
  else
    tally_window_show_error (self, _("Cannot copy the layout: %s"), error->message);
}

static void
paste_layout_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);
  TallyDashboardLibrary *library = tally_window_get_library (self);
  g_auto(GStrv) source_names = tally_window_dup_source_names (self);

  if (library != NULL)
    tally_dashboard_share_paste_async (GTK_WINDOW (self), gtk_widget_get_clipboard (widget),
                                       library, (const char * const *) source_names,
                                       self->cancellable, imported_cb,
                                       g_object_ref (self));
}

/* The actions that need a dashboard shown. */
void
tally_window_update_share (TallyWindow *self)
{
  static const char * const actions[] = {
    "win.export-layout", "win.export-image", "win.copy-layout",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], self->dashboard != NULL);
}

static void
drop_changed_cb (GtkDropTarget *target,
                 GParamSpec    *pspec,
                 TallyWindow   *self)
{
  if (gtk_drop_target_get_current_drop (target) != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->content), "drop-highlight");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->content), "drop-highlight");
}

/* Once the window has its application, and so the library. */
void
tally_window_init_share (TallyWindow *self)
{
  TallyDashboardLibrary *library = tally_window_get_library (self);
  g_auto(GStrv) source_names = tally_window_dup_source_names (self);
  GtkDropTarget *target;

  tally_window_update_share (self);
  if (library == NULL)
    return;

  target = tally_dashboard_share_drop_target_new (library, (const char * const *) source_names,
                                                  dropped_cb, self, NULL);
  g_signal_connect_object (target, "notify::current-drop", G_CALLBACK (drop_changed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
tally_window_class_init_share (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-layout", NULL, import_layout_action);
  gtk_widget_class_install_action (widget_class, "win.export-layout", NULL, export_layout_action);
  gtk_widget_class_install_action (widget_class, "win.export-image", NULL, export_image_action);
  gtk_widget_class_install_action (widget_class, "win.copy-layout", NULL, copy_layout_action);
  gtk_widget_class_install_action (widget_class, "win.paste-layout", NULL, paste_layout_action);
}
