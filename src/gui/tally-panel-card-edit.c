/* tally-panel-card-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A card in edit mode: its header is the drag handle (the dashboard view
 * runs the drag), its bottom-right corner a resize grip, and it takes the
 * editing keys while the focus is in it. The keys activate the "edit"
 * actions of TallyDashboardEditor, which the window puts above the view:
 * the card only names its panel. Screen readers hear where the panel sits
 * ("Column 1, row 3, 12 wide, 8 high") after each move. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-panel-card-private.h"

#define GRIP_SIZE 16

static guint
panel_id (TallyPanelCard *self)
{
  return tally_panel_get_id (self->panel);
}

/* Arrows move and Shift+arrows resize a focused panel, by one column or
 * row; with Ctrl they do so from anywhere inside it, even from its chart,
 * which takes plain arrows to walk its points. */
static gboolean
arrow_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  TallyPanelCard *self = TALLY_PANEL_CARD (widget);
  const char *action;
  gboolean own_focus;
  int dx, dy;

  if (!self->editing)
    return FALSE;

  g_variant_get (args, "(&siib)", &action, &dx, &dy, &own_focus);
  if (own_focus && !gtk_widget_has_focus (widget))
    return FALSE;
  return gtk_widget_activate_action (widget, action, "(uii)", panel_id (self), dx, dy);
}

/* Delete removes the panel, Enter opens its editor. */
static gboolean
panel_key_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  TallyPanelCard *self = TALLY_PANEL_CARD (widget);

  if (!self->editing)
    return FALSE;

  return gtk_widget_activate_action (widget, g_variant_get_string (args, NULL), "u",
                                     panel_id (self));
}

static void
add_arrows (GtkWidgetClass  *widget_class,
            GdkModifierType  modifiers,
            const char      *action)
{
  static const struct { guint key; int dx; int dy; } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    gtk_widget_class_add_binding (widget_class, arrows[i].key, modifiers, arrow_cb, "(siib)",
                                  action, arrows[i].dx, arrows[i].dy,
                                  (modifiers & GDK_CONTROL_MASK) == 0);
}

void
tally_panel_card_edit_class_init (GtkWidgetClass *widget_class)
{
  add_arrows (widget_class, 0, "edit.move-panel");
  add_arrows (widget_class, GDK_SHIFT_MASK, "edit.resize-panel");
  add_arrows (widget_class, GDK_CONTROL_MASK, "edit.move-panel");
  add_arrows (widget_class, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "edit.resize-panel");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, panel_key_cb, "s",
                                "edit.remove-panel");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, panel_key_cb, "s",
                                "edit.remove-panel");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, panel_key_cb, "s",
                                "edit.edit-panel");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, panel_key_cb, "s",
                                "edit.edit-panel");
}

void
tally_panel_card_edit_init (TallyPanelCard *self)
{
  self->grip = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->grip, "panel-grip");
  gtk_widget_set_cursor_from_name (self->grip, "se-resize");
  gtk_widget_set_tooltip_text (self->grip, _("Drag to resize"));
  gtk_widget_set_visible (self->grip, FALSE);
  gtk_widget_set_parent (self->grip, GTK_WIDGET (self));
}

/* The grip sits in the card's bottom-right corner, over the chart. */
void
tally_panel_card_allocate_grip (TallyPanelCard *self,
                                int             width,
                                int             height)
{
  int size = MIN (GRIP_SIZE, MIN (width, height));

  if (!gtk_widget_should_layout (self->grip))
    return;
  gtk_widget_measure (self->grip, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_allocate (self->grip, size, size, -1,
                       gsk_transform_translate (NULL,
                                                &GRAPHENE_POINT_INIT (width - size,
                                                                      height - size)));
}

/**
 * tally_panel_card_set_editing:
 * @editing: whether the dashboard view is in edit mode
 * @movable: whether the panel can be moved and resized there (not on a
 *   folded grid)
 *
 * In edit mode the card takes the focus itself, so that the editing keys
 * reach it, and its header and grip say how to move and resize it.
 */
void
tally_panel_card_set_editing (TallyPanelCard *self,
                              gboolean        editing,
                              gboolean        movable)
{
  g_return_if_fail (TALLY_IS_PANEL_CARD (self));

  self->editing = !!editing;
  gtk_widget_set_focusable (GTK_WIDGET (self), editing);
  gtk_widget_set_visible (self->grip, editing && movable);
  gtk_widget_set_cursor_from_name (self->header, editing && movable ? "move" : NULL);
  if (editing)
    gtk_widget_add_css_class (GTK_WIDGET (self), "editing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "editing");

  if (!editing)
    gtk_widget_set_tooltip_text (self->header, NULL);
  else if (movable)
    gtk_widget_set_tooltip_text (self->header, _("Drag to move, or press Ctrl+arrows"));
  else
    gtk_widget_set_tooltip_text (self->header,
                                 _("Make the window wider to move or resize panels"));
}

/**
 * tally_panel_card_set_place:
 * @rect: (nullable): where the panel shows on the grid, or %NULL out of
 *   edit mode
 *
 * Adds the panel's place to the card's accessible description, so that
 * a screen reader tells where a move put it.
 */
void
tally_panel_card_set_place (TallyPanelCard      *self,
                            const TallyGridRect *rect)
{
  g_autofree char *place = NULL;

  g_return_if_fail (TALLY_IS_PANEL_CARD (self));

  if (rect != NULL)
    /* Translators: where a panel sits on the dashboard's grid; columns and
     * rows count from 1 */
    place = g_strdup_printf (_("Column %d, row %d, %d wide, %d high"),
                             rect->x + 1, rect->y + 1, rect->w, rect->h);
  if (g_strcmp0 (place, self->place) == 0)
    return;
  g_free (self->place);
  self->place = g_steal_pointer (&place);
  tally_panel_card_update_accessible (self);
}
