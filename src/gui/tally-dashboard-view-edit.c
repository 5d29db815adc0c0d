/* tally-dashboard-view-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Edit mode of the dashboard view. Each card's header is a drag handle
 * and its bottom-right corner a resize grip. A drag works on the layout
 * as it was when it began: each time the pointer nears another grid line
 * the panel is moved (or resized) in a copy of that layout by the grid's
 * rules (tally-grid.c), and the copy becomes the dashboard's layout, so
 * the other panels make room and float up as the drag goes. Meanwhile
 * the card follows the pointer and a placeholder shows where it lands.
 * "edit-begin" and "edit-end" frame the drag, for the undo history to
 * make one step of it.
 *
 * Folded into one column, the grid has no columns to move panels along:
 * the handles are off and say so. In edit mode each card tells screen
 * readers where its panel sits. docs/editing.md. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-dashboard-layout.h"
#include "tally-dashboard-view-private.h"
#include "tally-panel-card-private.h"

static TallyDashboardLayout *
get_layout (TallyDashboardView *self)
{
  return TALLY_DASHBOARD_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
}

static gboolean
movable (TallyDashboardView *self)
{
  return self->editing && !self->folded;
}

static void
update_cards (TallyDashboardView *self)
{
  GHashTableIter iter;
  gpointer card;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    tally_panel_card_set_editing (card, self->editing, movable (self));
}

/* Tells each card its panel's place on the grid as shown (floated up),
 * which edit mode adds to its accessible description. */
void
tally_dashboard_view_update_places (TallyDashboardView *self)
{
  g_autofree TallyGridRect *rects = NULL;
  guint n = 0;

  if (self->dashboard == NULL)
    return;

  rects = tally_dashboard_get_rects (self->dashboard, &n);
  tally_grid_float_up (rects, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (self->panels, i);
      TallyPanelCard *card = g_hash_table_lookup (self->cards, panel);

      if (card != NULL)
        tally_panel_card_set_place (card, self->editing ? &rects[i] : NULL);
    }
}

void
tally_dashboard_view_edit_card (TallyDashboardView *self,
                                TallyPanelCard     *card)
{
  tally_panel_card_set_editing (card, self->editing, movable (self));
}

static gboolean
fold_idle_cb (gpointer data)
{
  TallyDashboardView *self = data;

  self->fold_idle = 0;
  self->folded = tally_dashboard_layout_get_folded (get_layout (self));
  update_cards (self);

  return G_SOURCE_REMOVE;
}

/* Notified while GTK lays the view out: the cards change after. */
static void
folded_cb (TallyDashboardView *self)
{
  if (self->drag_card != NULL)
    tally_dashboard_view_drag_end (self, TRUE);
  if (self->fold_idle == 0)
    self->fold_idle = g_idle_add (fold_idle_cb, self);
}

/* Where @widget is in the view's coordinates, as a grid box. */
static gboolean
widget_box (TallyDashboardView *self,
            GtkWidget          *widget,
            TallyGridBox       *box)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_visible (widget) ||
      !gtk_widget_compute_bounds (widget, GTK_WIDGET (self), &bounds))
    return FALSE;
  *box = (TallyGridBox) { bounds.origin.x, bounds.origin.y, bounds.size.width,
                          bounds.size.height };
  return TRUE;
}

static gboolean
box_contains (const TallyGridBox *box,
              double              x,
              double              y)
{
  return x >= box->x && x < box->x + box->width && y >= box->y && y < box->y + box->height;
}

/* The card whose handle or grip is at (@x, @y); @resizing says which. */
static TallyPanelCard *
find_handle (TallyDashboardView *self,
             double              x,
             double              y,
             gboolean           *resizing)
{
  GHashTableIter iter;
  gpointer card;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    {
      TallyPanelCard *c = card;
      TallyGridBox box;

      if (widget_box (self, c->grip, &box) && box_contains (&box, x, y))
        {
          *resizing = TRUE;
          return c;
        }
      if (widget_box (self, c->header, &box) && box_contains (&box, x, y))
        {
          /* The menu button stays a button. */
          if (widget_box (self, GTK_WIDGET (c->menu_button), &box) && box_contains (&box, x, y))
            return NULL;
          *resizing = FALSE;
          return c;
        }
    }

  return NULL;
}

static guint
panel_index (TallyDashboardView *self,
             TallyPanel         *panel)
{
  guint n = g_list_model_get_n_items (self->panels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyPanel) item = g_list_model_get_item (self->panels, i);

      if (item == panel)
        return i;
    }
  g_return_val_if_reached (0);
}

/**
 * tally_dashboard_view_drag_begin:
 * @x: where the pointer went down, in the view's coordinates
 *
 * Starts moving the card whose header is at (@x, @y), or resizing the
 * one whose grip is there, in edit mode on an unfolded grid.
 *
 * Returns: whether a drag began
 */
gboolean
tally_dashboard_view_drag_begin (TallyDashboardView *self,
                                 double              x,
                                 double              y)
{
  TallyPanelCard *card;
  gboolean resizing = FALSE;

  if (!movable (self) || self->dashboard == NULL || self->drag_card != NULL)
    return FALSE;
  if ((card = find_handle (self, x, y, &resizing)) == NULL)
    return FALSE;

  self->drag_card = card;
  self->resizing = resizing;
  self->drag_index = panel_index (self, tally_panel_card_get_panel (card));
  self->drag_rects = tally_dashboard_get_rects (self->dashboard, &self->drag_n);
  tally_grid_float_up (self->drag_rects, self->drag_n);
  widget_box (self, GTK_WIDGET (card), &self->drag_start);

  /* Drawn last, so above the cards it passes over. */
  gtk_widget_insert_before (GTK_WIDGET (card), GTK_WIDGET (self), NULL);
  gtk_widget_set_visible (self->placeholder, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (card), "dragged");
  tally_dashboard_view_emit_edit (self, TRUE);
  tally_dashboard_view_drag_update (self, 0, 0);

  return TRUE;
}

/**
 * tally_dashboard_view_drag_update:
 * @dx: how far the pointer went since the drag began, in pixels
 *
 * Moves (or resizes) the panel to the grid lines nearest to where the
 * card now is, in the layout the drag began from.
 */
void
tally_dashboard_view_drag_update (TallyDashboardView *self,
                                  double              dx,
                                  double              dy)
{
  g_autofree TallyGridRect *rects = NULL;
  const TallyGridRect *start;
  TallyGridGeometry geometry;
  TallyGridBox *box = &self->drag_start;
  GtkAllocation follow;
  int column, row;

  if (self->drag_card == NULL)
    return;

  start = &self->drag_rects[self->drag_index];
  rects = g_memdup2 (self->drag_rects, self->drag_n * sizeof *rects);
  tally_grid_geometry_init (&geometry, gtk_widget_get_width (GTK_WIDGET (self)), 0);
  if (self->resizing)
    {
      /* The bottom-right corner, plus a gap, is on the lines where the
       * panel ends. */
      tally_grid_geometry_locate (&geometry, box->x + box->width + dx + TALLY_GRID_GAP,
                                  box->y + box->height + dy + TALLY_GRID_GAP, &column, &row);
      tally_grid_resize (rects, self->drag_n, self->drag_index, column - start->x, row - start->y);
      follow = (GtkAllocation) { box->x, box->y, MAX (box->width + dx, 1),
                                 MAX (box->height + dy, 1) };
    }
  else
    {
      tally_grid_geometry_locate (&geometry, box->x + dx, box->y + dy, &column, &row);
      tally_grid_move (rects, self->drag_n, self->drag_index, column, row);
      follow = (GtkAllocation) { box->x + dx, box->y + dy, box->width, box->height };
    }

  tally_dashboard_layout_set_drag (get_layout (self), GTK_WIDGET (self->drag_card), &follow,
                                   self->placeholder);
  tally_dashboard_set_rects (self->dashboard, rects, self->drag_n);
}

/**
 * tally_dashboard_view_drag_end:
 * @cancelled: whether to put every panel back where the drag found it
 *
 * Ends the drag: the card goes to its panel's place on the grid.
 */
void
tally_dashboard_view_drag_end (TallyDashboardView *self,
                               gboolean            cancelled)
{
  GtkWidget *card = GTK_WIDGET (self->drag_card);

  if (card == NULL)
    return;

  if (cancelled)
    tally_dashboard_set_rects (self->dashboard, self->drag_rects, self->drag_n);
  self->drag_card = NULL;
  g_clear_pointer (&self->drag_rects, g_free);
  gtk_widget_remove_css_class (card, "dragged");
  gtk_widget_set_visible (self->placeholder, FALSE);
  tally_dashboard_layout_set_drag (get_layout (self), NULL, NULL, self->placeholder);
  tally_dashboard_view_sync_cards (self);
  tally_dashboard_view_emit_edit (self, FALSE);
}

static void
gesture_begin_cb (TallyDashboardView *self,
                  double              x,
                  double              y,
                  GtkGestureDrag     *gesture)
{
  if (tally_dashboard_view_drag_begin (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
gesture_update_cb (TallyDashboardView *self,
                   double              dx,
                   double              dy)
{
  tally_dashboard_view_drag_update (self, dx, dy);
}

static void
gesture_end_cb (TallyDashboardView *self,
                double              dx,
                double              dy)
{
  tally_dashboard_view_drag_update (self, dx, dy);
  tally_dashboard_view_drag_end (self, FALSE);
}

static void
gesture_cancel_cb (TallyDashboardView *self)
{
  tally_dashboard_view_drag_end (self, TRUE);
}

void
tally_dashboard_view_edit_init (TallyDashboardView *self)
{
  self->placeholder = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->placeholder, "panel-placeholder-drop");
  gtk_widget_set_visible (self->placeholder, FALSE);
  gtk_widget_set_can_target (self->placeholder, FALSE);
  gtk_widget_insert_after (self->placeholder, GTK_WIDGET (self), NULL);
  tally_dashboard_layout_set_drag (get_layout (self), NULL, NULL, self->placeholder);

  self->drag = gtk_gesture_drag_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->drag),
                                              GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->drag, "drag-begin", G_CALLBACK (gesture_begin_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drag, "drag-update", G_CALLBACK (gesture_update_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drag, "drag-end", G_CALLBACK (gesture_end_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drag, "cancel", G_CALLBACK (gesture_cancel_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drag));

  g_signal_connect_object (get_layout (self), "notify::folded", G_CALLBACK (folded_cb), self,
                           G_CONNECT_SWAPPED);
}

void
tally_dashboard_view_edit_dispose (TallyDashboardView *self)
{
  if (self->drag_card != NULL)
    tally_dashboard_view_drag_end (self, TRUE);
  g_clear_handle_id (&self->fold_idle, g_source_remove);
  self->drag = NULL;
  self->placeholder = NULL;
}

gboolean
tally_dashboard_view_get_editing (TallyDashboardView *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_VIEW (self), FALSE);

  return self->editing;
}

/**
 * tally_dashboard_view_set_editing:
 * @editing: whether panels can be moved, resized and edited
 *
 * Edit mode: cards show their drag handle and resize grip and take the
 * editing keys. A view-only dashboard (`"editable": false`) refuses it:
 * the view then stays as it is.
 */
void
tally_dashboard_view_set_editing (TallyDashboardView *self,
                                  gboolean            editing)
{
  g_return_if_fail (TALLY_IS_DASHBOARD_VIEW (self));

  editing = editing && self->dashboard != NULL && tally_dashboard_get_editable (self->dashboard);
  if (self->editing == editing)
    return;

  if (!editing)
    tally_dashboard_view_drag_end (self, FALSE);
  self->editing = editing;
  self->folded = tally_dashboard_layout_get_folded (get_layout (self));
  if (editing)
    gtk_widget_add_css_class (GTK_WIDGET (self), "editing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "editing");
  update_cards (self);
  tally_dashboard_view_update_places (self);
  tally_dashboard_view_notify_editing (self);
}

/* Whether the grid is folded into one column, where panels keep their
 * places: moving and resizing them is off. */
gboolean
tally_dashboard_view_get_folded (TallyDashboardView *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_VIEW (self), FALSE);

  return tally_dashboard_layout_get_folded (get_layout (self));
}
