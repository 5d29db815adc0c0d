/* tally-window-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Editing in the window: one TallyDashboardEditor for the dashboard shown,
 * made again when the dashboard or the source changes, its actions
 * inserted as "edit". The Edit toggle (win.edit-mode, Ctrl+E) puts the
 * view in edit mode and shows Undo, Redo and Add Panel, whose tooltips
 * name the step; a panel's menu asks the editor. A built-in or view-only
 * dashboard cannot be edited: its header offers Duplicate to Edit instead.
 * What the editor does is in docs/editing.md. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-window-private.h"

/* Whether the shown dashboard is the user's and not marked view-only. */
gboolean
tally_window_can_edit (TallyWindow *self)
{
  return self->dashboard != NULL && !tally_window_is_builtin (self, self->dashboard) &&
         tally_dashboard_get_editable (self->dashboard);
}

/**
 * tally_window_get_editing:
 * @self: a window
 *
 * Returns: whether the shown dashboard is in edit mode
 */
gboolean
tally_window_get_editing (TallyWindow *self)
{
  g_return_val_if_fail (TALLY_IS_WINDOW (self), FALSE);
  return self->editing;
}

/**
 * tally_window_set_editing:
 * @self: a window
 * @editing: whether to edit the shown dashboard
 *
 * Refused (edit mode stays off) when the dashboard cannot be edited.
 */
void
tally_window_set_editing (TallyWindow *self,
                          gboolean     editing)
{
  TallyDashboardView *view;

  g_return_if_fail (TALLY_IS_WINDOW (self));

  editing = editing && tally_window_can_edit (self);
  if (self->editing == editing)
    return;

  self->editing = editing;
  view = tally_dashboard_page_get_view (self->dashboard_page);
  tally_dashboard_view_set_editing (view, editing);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), editing);
  gtk_widget_set_visible (GTK_WIDGET (self->redo_button), editing);
  gtk_widget_set_visible (GTK_WIDGET (self->add_panel_button), editing);
  gtk_button_set_label (GTK_BUTTON (self->edit_button), editing ? _("_Done") : _("_Edit"));
  if (editing)
    gtk_widget_add_css_class (GTK_WIDGET (self->edit_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->edit_button), "suggested-action");
  g_object_notify (G_OBJECT (self), "editing");
}

/**
 * tally_window_get_editor:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the editor of the shown dashboard
 */
TallyDashboardEditor *
tally_window_get_editor (TallyWindow *self)
{
  g_return_val_if_fail (TALLY_IS_WINDOW (self), NULL);
  return self->editor;
}

void
tally_window_clear_editor (TallyWindow *self)
{
  g_clear_pointer (&self->undo_binding, g_binding_unbind);
  g_clear_pointer (&self->redo_binding, g_binding_unbind);
  g_clear_object (&self->editor);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "edit", NULL);
}

/* What may be done follows the dashboard's "editable", which its
 * properties can turn off: the editor turns read-only, edit mode ends and
 * the header offers Duplicate to Edit. */
void
tally_window_update_editable (TallyWindow *self)
{
  gboolean can_edit = tally_window_can_edit (self);

  if (!can_edit)
    tally_window_set_editing (self, FALSE);
  if (self->editor != NULL)
    tally_dashboard_editor_set_read_only (self->editor, !can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-mode", can_edit);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), can_edit);
  gtk_widget_set_visible (GTK_WIDGET (self->duplicate_button),
                          self->dashboard != NULL && !can_edit);
}

/* The editor follows the dashboard shown and the source its previews
 * ask; edit mode ends with the dashboard it was for. */
void
tally_window_update_editor (TallyWindow *self)
{
  TallySource *source = tally_dashboard_page_get_source (self->dashboard_page);
  TallyDashboardView *view = tally_dashboard_page_get_view (self->dashboard_page);

  tally_window_clear_editor (self);
  if (self->editing_dashboard != self->dashboard)
    tally_window_set_editing (self, FALSE);
  self->editing_dashboard = self->dashboard;

  if (self->dashboard != NULL && source != NULL)
    {
      self->editor = tally_dashboard_editor_new (self->dashboard, source, view);
      gtk_widget_insert_action_group (GTK_WIDGET (self), "edit",
                                      tally_dashboard_editor_get_actions (self->editor));
      self->undo_binding = g_object_bind_property (self->editor, "undo-label", self->undo_button,
                                                   "tooltip-text", G_BINDING_SYNC_CREATE);
      self->redo_binding = g_object_bind_property (self->editor, "redo-label", self->redo_button,
                                                   "tooltip-text", G_BINDING_SYNC_CREATE);
    }
  tally_window_update_editable (self);
}

/* A panel's menu: Edit, Duplicate or Remove, made by the editor. */
static void
panel_action_cb (TallyWindow *self,
                 guint        panel_id,
                 const char  *action)
{
  g_autofree char *name = g_strdup_printf ("edit.%s-panel", action);

  gtk_widget_activate_action (GTK_WIDGET (self), name, "u", panel_id);
}

void
tally_window_init_edit (TallyWindow *self)
{
  g_signal_connect_object (tally_dashboard_page_get_view (self->dashboard_page), "panel-action",
                           G_CALLBACK (panel_action_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-mode", FALSE);
}

void
tally_window_class_init_edit (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, add_panel_button);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, duplicate_button);
  gtk_widget_class_install_property_action (widget_class, "win.edit-mode", "editing");
}
