/* tally-dashboard-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Editing one dashboard in the window: the undo history, and the actions
 * the window's buttons, the keyboard and the panel cards use, as one
 * GActionGroup the window inserts as "edit". Each action is one change of
 * the dashboard, so one undo step; a drag in the view is framed by its
 * "edit-begin" and "edit-end", which freeze and thaw the history. The
 * dialogs (the gallery, the panel editor, the dashboard's properties) are
 * opened from here, one at a time, over the view's window.
 *
 * A view-only dashboard (`"editable": false`), or one the window marks
 * read-only (a built-in), has every action off. docs/editing.md. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-dashboard-editor.h"
#include "tally-dashboard-properties.h"
#include "tally-json-util.h"
#include "tally-panel-editor.h"
#include "tally-panel-gallery.h"

struct _TallyDashboardEditor
{
  GObject                parent_instance;

  TallyDashboard        *dashboard;
  TallySource           *source;
  TallyDashboardView    *view;      /* weak: the window owns it */
  TallyDashboardHistory *history;
  GSimpleActionGroup    *actions;
  GtkWindow             *dialog;    /* the gallery or an editor, while open */
  AdwToast              *toast;     /* "Panel removed", while shown */
  char                  *removed;   /* the layout right after that removal */

  guint                  read_only : 1;
};

enum
{
  PROP_0,
  PROP_DASHBOARD,
  PROP_SOURCE,
  PROP_VIEW,
  PROP_READ_ONLY,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TallyDashboardEditor, tally_dashboard_editor, G_TYPE_OBJECT)

static gboolean
can_edit (TallyDashboardEditor *self)
{
  return !self->read_only && tally_dashboard_get_editable (self->dashboard);
}

static void
update_actions (TallyDashboardEditor *self)
{
  static const char *panel_actions[] = {
    "add-panel", "edit-panel", "duplicate-panel", "remove-panel", "move-panel", "resize-panel",
    "properties",
  };
  gboolean editable = can_edit (self);
  GActionMap *map = G_ACTION_MAP (self->actions);

  for (guint i = 0; i < G_N_ELEMENTS (panel_actions); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map,
                                                                              panel_actions[i])),
                                 editable);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "undo")),
                               editable && tally_dashboard_history_get_can_undo (self->history));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "redo")),
                               editable && tally_dashboard_history_get_can_redo (self->history));
}

static void
history_cb (TallyDashboardEditor *self,
            GParamSpec           *pspec)
{
  update_actions (self);
  if (g_str_equal (pspec->name, "undo-label"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  else if (g_str_equal (pspec->name, "redo-label"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

/* A toast over the view, or nothing where no overlay holds it. */
static AdwToastOverlay *
toast_overlay (TallyDashboardEditor *self)
{
  if (self->view == NULL)
    return NULL;
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self->view),
                                                     ADW_TYPE_TOAST_OVERLAY));
}

static void
show_toast (TallyDashboardEditor *self,
            AdwToast             *toast)
{
  AdwToastOverlay *overlay = toast_overlay (self);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, g_object_ref (toast));
}

static void
show_hint (TallyDashboardEditor *self,
           const char           *text)
{
  g_autoptr(AdwToast) toast = adw_toast_new (text);

  show_toast (self, toast);
}

static TallyPanel *
lookup_panel (TallyDashboardEditor *self,
              GVariant             *parameter)
{
  guint id;

  if (g_variant_is_of_type (parameter, G_VARIANT_TYPE_UINT32))
    id = g_variant_get_uint32 (parameter);
  else
    g_variant_get_child (parameter, 0, "u", &id);

  return tally_dashboard_find_panel (self->dashboard, id);
}

static void
dialog_destroy_cb (TallyDashboardEditor *self,
                   GtkWindow            *dialog)
{
  if (self->dialog == dialog)
    self->dialog = NULL;
}

/* Shows @dialog over the view's window, in place of any other dialog. */
static void
present_dialog (TallyDashboardEditor *self,
                GtkWidget            *dialog)
{
  GtkRoot *root = self->view != NULL ? gtk_widget_get_root (GTK_WIDGET (self->view)) : NULL;

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  self->dialog = GTK_WINDOW (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (self->dialog, GTK_WINDOW (root));
  gtk_window_set_modal (self->dialog, TRUE);
  gtk_window_present (self->dialog);
}

/* Moves the keyboard focus to @panel's card, as after an add. */
static void
focus_panel (TallyDashboardEditor *self,
             TallyPanel           *panel)
{
  TallyPanelCard *card;

  if (self->view == NULL)
    return;
  card = tally_dashboard_view_get_card (self->view, tally_panel_get_id (panel));
  if (card != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (card));
}

static void
open_panel_editor (TallyDashboardEditor *self,
                   TallyPanel           *panel)
{
  present_dialog (self, tally_panel_editor_new (self->dashboard, panel, self->source));
}

static void
undo_activate (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  TallyDashboardEditor *self = user_data;

  tally_dashboard_history_undo (self->history);
}

static void
redo_activate (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  TallyDashboardEditor *self = user_data;

  tally_dashboard_history_redo (self->history);
}

static void
picked_cb (TallyDashboardEditor *self,
           TallyPanel           *panel)
{
  g_autoptr(TallyPanel) added = tally_panel_copy (panel);

  tally_panel_set_id (added, tally_dashboard_next_panel_id (self->dashboard));
  tally_dashboard_place_panel (self->dashboard, added);
  tally_dashboard_history_flush (self->history);
  /* The gallery closes itself; the new panel's editor takes its place. */
  self->dialog = NULL;
  focus_panel (self, added);
  open_panel_editor (self, added);
}

static void
add_panel_activate (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TallyDashboardEditor *self = user_data;
  GtkWidget *gallery = tally_panel_gallery_new ();

  g_signal_connect_object (gallery, "picked", G_CALLBACK (picked_cb), self, G_CONNECT_SWAPPED);
  present_dialog (self, gallery);
}

static void
edit_panel_activate (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TallyDashboardEditor *self = user_data;
  TallyPanel *panel = lookup_panel (self, parameter);

  if (panel != NULL)
    open_panel_editor (self, panel);
}

static void
duplicate_panel_activate (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  TallyDashboardEditor *self = user_data;
  TallyPanel *panel = lookup_panel (self, parameter);
  g_autoptr(TallyPanel) copy = NULL;

  if (panel == NULL)
    return;
  copy = tally_panel_copy (panel);
  tally_panel_set_id (copy, tally_dashboard_next_panel_id (self->dashboard));
  tally_dashboard_place_panel (self->dashboard, copy);
  focus_panel (self, copy);
}

static char *
layout_text (TallyDashboardEditor *self)
{
  g_autoptr(JsonNode) node = tally_dashboard_to_json (self->dashboard);

  return tally_json_to_compact_string (node, NULL);
}

/* The toast's Undo is the history's undo, while the removal is the last
 * edit: after another edit it would undo that one, so it does nothing. */
static void
toast_undo_cb (TallyDashboardEditor *self)
{
  g_autofree char *now = NULL;

  tally_dashboard_history_flush (self->history);
  now = layout_text (self);
  if (self->removed != NULL && g_str_equal (now, self->removed))
    tally_dashboard_history_undo (self->history);
  g_clear_pointer (&self->removed, g_free);
}

static void
toast_dismissed_cb (TallyDashboardEditor *self)
{
  g_clear_object (&self->toast);
}

static void
remove_panel_activate (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TallyDashboardEditor *self = user_data;
  TallyPanel *panel = lookup_panel (self, parameter);
  g_autofree char *title = NULL;

  if (panel == NULL)
    return;

  title = g_strdup (tally_panel_get_title (panel));
  tally_dashboard_remove_panel (self->dashboard, panel);
  tally_dashboard_history_flush (self->history);
  g_free (self->removed);
  self->removed = layout_text (self);

  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  /* Translators: a toast; %s is the removed panel's title */
  self->toast = adw_toast_new_format (_("“%s” removed"), title);
  adw_toast_set_button_label (self->toast, _("_Undo"));
  g_signal_connect_object (self->toast, "button-clicked", G_CALLBACK (toast_undo_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  show_toast (self, self->toast);
}

/* Moving and resizing have no columns to go by on a folded grid. */
static gboolean
check_unfolded (TallyDashboardEditor *self)
{
  if (self->view == NULL || !tally_dashboard_view_get_folded (self->view))
    return TRUE;
  show_hint (self, _("Make the window wider to move or resize panels"));
  return FALSE;
}

static void
move_panel_activate (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TallyDashboardEditor *self = user_data;
  TallyPanel *panel = lookup_panel (self, parameter);
  GListModel *panels = tally_dashboard_get_panels (self->dashboard);
  g_autofree TallyGridRect *rects = NULL;
  guint id, n;
  int dx, dy;

  if (panel == NULL || !check_unfolded (self))
    return;

  g_variant_get (parameter, "(uii)", &id, &dx, &dy);
  rects = tally_dashboard_get_rects (self->dashboard, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyPanel) item = g_list_model_get_item (panels, i);

      if (item == panel)
        {
          if (tally_grid_nudge (rects, n, i, CLAMP (dx, -1, 1), CLAMP (dy, -1, 1)))
            tally_dashboard_set_rects (self->dashboard, rects, n);
          break;
        }
    }
}

static void
resize_panel_activate (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TallyDashboardEditor *self = user_data;
  TallyPanel *panel = lookup_panel (self, parameter);
  guint id;
  int dw, dh, w, h;

  if (panel == NULL || !check_unfolded (self))
    return;

  g_variant_get (parameter, "(uii)", &id, &dw, &dh);
  tally_panel_get_grid (panel, NULL, NULL, &w, &h);
  tally_dashboard_resize_panel (self->dashboard, panel, w + dw, h + dh);
}

static void
properties_activate (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TallyDashboardEditor *self = user_data;

  present_dialog (self, tally_dashboard_properties_new (self->history));
}

static const GActionEntry action_entries[] = {
  { "undo", undo_activate },
  { "redo", redo_activate },
  { "add-panel", add_panel_activate },
  { "edit-panel", edit_panel_activate, "u" },
  { "duplicate-panel", duplicate_panel_activate, "u" },
  { "remove-panel", remove_panel_activate, "u" },
  { "move-panel", move_panel_activate, "(uii)" },
  { "resize-panel", resize_panel_activate, "(uii)" },
  { "properties", properties_activate },
};

/* The view's drags, each one undo step however long it takes. */
static void
edit_begin_cb (TallyDashboardEditor *self)
{
  tally_dashboard_history_freeze (self->history);
}

static void
edit_end_cb (TallyDashboardEditor *self)
{
  tally_dashboard_history_thaw (self->history);
}

static void
tally_dashboard_editor_constructed (GObject *object)
{
  TallyDashboardEditor *self = TALLY_DASHBOARD_EDITOR (object);

  G_OBJECT_CLASS (tally_dashboard_editor_parent_class)->constructed (object);

  g_assert (TALLY_IS_DASHBOARD (self->dashboard));

  self->history = tally_dashboard_history_new (self->dashboard);
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  g_signal_connect_object (self->history, "notify", G_CALLBACK (history_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dashboard, "notify::editable", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  if (self->view != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      g_signal_connect_object (self->view, "edit-begin", G_CALLBACK (edit_begin_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->view, "edit-end", G_CALLBACK (edit_end_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update_actions (self);
}

static void
tally_dashboard_editor_dispose (GObject *object)
{
  TallyDashboardEditor *self = TALLY_DASHBOARD_EDITOR (object);

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  if (self->toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->toast, self);
      adw_toast_dismiss (self->toast);
      g_clear_object (&self->toast);
    }
  if (self->view != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
  g_clear_object (&self->actions);
  g_clear_object (&self->history);
  g_clear_object (&self->source);
  g_clear_object (&self->dashboard);

  G_OBJECT_CLASS (tally_dashboard_editor_parent_class)->dispose (object);
}

static void
tally_dashboard_editor_finalize (GObject *object)
{
  TallyDashboardEditor *self = TALLY_DASHBOARD_EDITOR (object);

  g_free (self->removed);

  G_OBJECT_CLASS (tally_dashboard_editor_parent_class)->finalize (object);
}

static void
tally_dashboard_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TallyDashboardEditor *self = TALLY_DASHBOARD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DASHBOARD:
      g_value_set_object (value, self->dashboard);
      break;
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, tally_dashboard_editor_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, tally_dashboard_editor_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_editor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TallyDashboardEditor *self = TALLY_DASHBOARD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DASHBOARD:
      self->dashboard = g_value_dup_object (value);
      break;
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    case PROP_VIEW:
      self->view = g_value_get_object (value);
      break;
    case PROP_READ_ONLY:
      tally_dashboard_editor_set_read_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_editor_class_init (TallyDashboardEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = tally_dashboard_editor_constructed;
  object_class->dispose = tally_dashboard_editor_dispose;
  object_class->finalize = tally_dashboard_editor_finalize;
  object_class->get_property = tally_dashboard_editor_get_property;
  object_class->set_property = tally_dashboard_editor_set_property;

  properties[PROP_DASHBOARD] =
    g_param_spec_object ("dashboard", NULL, NULL, TALLY_TYPE_DASHBOARD, construct);
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, TALLY_TYPE_SOURCE, construct);
  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, TALLY_TYPE_DASHBOARD_VIEW, construct);
  /* Every action off, as for a built-in dashboard, which is never saved. */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The undo and redo buttons' tooltips: "Undo Move Panel"; %NULL when
   * there is nothing to undo or redo. */
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, readable);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, readable);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_dashboard_editor_init (TallyDashboardEditor *self)
{
}

/**
 * tally_dashboard_editor_new:
 * @dashboard: the dashboard to edit
 * @source: (nullable): where the panel editor's preview gets its data
 * @view: (nullable): the view showing @dashboard, whose drags become
 *   undo steps and over whose window the dialogs open
 *
 * Makes the undo history of @dashboard, which starts empty.
 */
TallyDashboardEditor *
tally_dashboard_editor_new (TallyDashboard     *dashboard,
                            TallySource        *source,
                            TallyDashboardView *view)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), NULL);
  g_return_val_if_fail (source == NULL || TALLY_IS_SOURCE (source), NULL);
  g_return_val_if_fail (view == NULL || TALLY_IS_DASHBOARD_VIEW (view), NULL);

  return g_object_new (TALLY_TYPE_DASHBOARD_EDITOR, "dashboard", dashboard, "source", source,
                       "view", view, NULL);
}

TallyDashboard *
tally_dashboard_editor_get_dashboard (TallyDashboardEditor *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_EDITOR (self), NULL);

  return self->dashboard;
}

TallyDashboardHistory *
tally_dashboard_editor_get_history (TallyDashboardEditor *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_EDITOR (self), NULL);

  return self->history;
}

/* Transfer none: the actions, for gtk_widget_insert_action_group (window,
 * "edit", …). */
GActionGroup *
tally_dashboard_editor_get_actions (TallyDashboardEditor *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_EDITOR (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

gboolean
tally_dashboard_editor_get_read_only (TallyDashboardEditor *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_EDITOR (self), FALSE);

  return self->read_only;
}

void
tally_dashboard_editor_set_read_only (TallyDashboardEditor *self,
                                      gboolean              read_only)
{
  g_return_if_fail (TALLY_IS_DASHBOARD_EDITOR (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;
  self->read_only = read_only;
  if (self->actions != NULL)
    update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

const char *
tally_dashboard_editor_get_undo_label (TallyDashboardEditor *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_EDITOR (self), NULL);

  return self->history != NULL ? tally_dashboard_history_get_undo_label (self->history) : NULL;
}

const char *
tally_dashboard_editor_get_redo_label (TallyDashboardEditor *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_EDITOR (self), NULL);

  return self->history != NULL ? tally_dashboard_history_get_redo_label (self->history) : NULL;
}

/* Transfer none: the gallery or editor now open, or %NULL. */
GtkWindow *
tally_dashboard_editor_get_dialog (TallyDashboardEditor *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_EDITOR (self), NULL);

  return self->dialog;
}

/**
 * tally_dashboard_editor_set_accels:
 *
 * Gives the "edit" actions their keyboard shortcuts in @app, for a
 * window that inserts them under that name: Ctrl+Z, Ctrl+Shift+Z or
 * Ctrl+Y, Ctrl+Shift+A or Insert to add a panel, Ctrl+Shift+E for the
 * dashboard's properties. The keys on a focused card (Ctrl+arrows,
 * Delete, Enter) are the card's own.
 */
void
tally_dashboard_editor_set_accels (GtkApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "edit.undo", { "<Control>z", NULL } },
    { "edit.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "edit.add-panel", { "<Control><Shift>a", NULL } },
    { "edit.properties", { "<Control><Shift>e", NULL } },
  };

  g_return_if_fail (GTK_IS_APPLICATION (app));

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}
