/* test-dashboard-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Editing a dashboard in a real view under Xvfb: the editing keys of a
 * focused card and the "edit" actions, each leaving an exact layout, then
 * undo and redo restoring the layouts and naming the steps; a pointer drag
 * through the view's gesture landing on the cell under the card, as one
 * undo step; the gallery adding a panel at the first free place; the
 * dashboard's properties as one step; view-only dashboards refusing every
 * edit; the folded grid refusing moves; and no leaks. */

#include "config.h"

#include "tally-dashboard-editor.h"
#include "tally-dashboard-properties.h"
#include "tally-dashboard-view-private.h"
#include "tally-panel-editor.h"
#include "tally-panel-gallery.h"
#include "tally-test-dashboard.h"

typedef struct
{
  TdvFixture            view;
  TallyDashboardEditor *editor;
  GActionGroup         *actions;
  TallyDashboardHistory *history;
} Fixture;

static void
open_editor (Fixture    *f,
             const char *json,
             int         width)
{
  tdv_open (&f->view, json, width, 800);
  f->editor = tally_dashboard_editor_new (f->view.dashboard, NULL, f->view.view);
  f->actions = tally_dashboard_editor_get_actions (f->editor);
  f->history = tally_dashboard_editor_get_history (f->editor);
  gtk_widget_insert_action_group (GTK_WIDGET (f->view.window), "edit", f->actions);
  tally_dashboard_view_set_editing (f->view.view, TRUE);
  tally_test_drain ();
}

static void
close_editor (Fixture *f)
{
  GtkWindow *dialog = tally_dashboard_editor_get_dialog (f->editor);

  if (dialog != NULL)
    tally_test_destroy_window (dialog);
  gtk_widget_insert_action_group (GTK_WIDGET (f->view.window), "edit", NULL);
  g_assert_finalize_object (f->editor);
  tdv_close (&f->view);
}

/* Every panel's stored gridPos, "id:x,y,w,h" joined by spaces, in the
 * panels' order. */
static char *
layout (Fixture *f)
{
  GListModel *panels = tally_dashboard_get_panels (f->view.dashboard);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      int x, y, w, h;

      tally_panel_get_grid (panel, &x, &y, &w, &h);
      g_string_append_printf (text, "%s%u:%d,%d,%d,%d", i > 0 ? " " : "",
                              tally_panel_get_id (panel), x, y, w, h);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define assert_layout(f, expected) \
  G_STMT_START { g_autofree char *l_ = layout (f); g_assert_cmpstr (l_, ==, expected); } G_STMT_END

static void
wait_undo_label (Fixture    *f,
                 const char *label)
{
  tdv_wait_undo_label (f->history, label);
}

/* Runs the card's own binding for @keyval + @modifiers, as a key press
 * in the focused card does: the shortcut from the card's class. Returns
 * whether the card took the key. */
static gboolean
press (TallyPanelCard  *card,
       guint            keyval,
       GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (card));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                   GTK_WIDGET (card),
                                                   gtk_shortcut_get_arguments (shortcut));
            }
        }
    }
  g_assert_not_reached ();
  return FALSE;
}

static void
assert_place (Fixture    *f,
              guint       id,
              const char *place)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tdv_card (&f->view, id)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, place);
}

/* Ctrl+Down, Ctrl+Shift+Down and Delete on focused cards; then undo and
 * redo, each restoring the exact layout and naming the next step. The
 * stat (0,0 6×4) moved down one row would float back under nothing, so
 * it goes as far as it takes to pass the bar below it (6 rows): they
 * swap. The heatmap, stored at row 12, floats to 10 on the first edit. */
static void
test_editor_keyboard (void)
{
  Fixture f = { 0 };
  TallyPanelCard *stat;

  open_editor (&f, TDV_DASHBOARD, 1000);
  stat = tdv_card (&f.view, 1);
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:0,4,6,6 4:0,12,24,6");
  assert_place (&f, 4, "Column 1, row 11, 24 wide, 6 high");
  g_assert_false (g_action_group_get_action_enabled (f.actions, "undo"));

  gtk_widget_grab_focus (GTK_WIDGET (stat));
  g_assert_true (gtk_window_get_focus (f.view.window) == GTK_WIDGET (stat));
  g_assert_true (press (stat, GDK_KEY_Down, GDK_CONTROL_MASK));
  assert_layout (&f, "1:0,6,6,4 2:6,0,18,8 3:0,0,6,6 4:0,10,24,6");
  assert_place (&f, 1, "Column 1, row 7, 6 wide, 4 high");
  wait_undo_label (&f, "Undo Move Panel");
  g_assert_true (g_action_group_get_action_enabled (f.actions, "undo"));
  g_assert_cmpstr (tally_dashboard_editor_get_undo_label (f.editor), ==, "Undo Move Panel");

  /* Taller by one row: the heatmap under it goes one row down. */
  g_assert_true (press (stat, GDK_KEY_Down, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  assert_layout (&f, "1:0,6,6,5 2:6,0,18,8 3:0,0,6,6 4:0,11,24,6");
  assert_place (&f, 1, "Column 1, row 7, 6 wide, 5 high");
  wait_undo_label (&f, "Undo Resize Panel");

  g_assert_true (press (tdv_card (&f.view, 3), GDK_KEY_Delete, 0));
  assert_layout (&f, "1:0,6,6,5 2:6,0,18,8 4:0,11,24,6");
  g_assert_null (tally_dashboard_view_get_card (f.view.view, 3));
  wait_undo_label (&f, "Undo Remove Panel");

  /* Back, step by step, through the "edit" actions the buttons use. */
  g_action_group_activate_action (f.actions, "undo", NULL);
  assert_layout (&f, "1:0,6,6,5 2:6,0,18,8 3:0,0,6,6 4:0,11,24,6");
  g_assert_nonnull (tally_dashboard_view_get_card (f.view.view, 3));
  g_assert_cmpstr (tally_dashboard_editor_get_undo_label (f.editor), ==, "Undo Resize Panel");
  g_assert_cmpstr (tally_dashboard_editor_get_redo_label (f.editor), ==, "Redo Remove Panel");
  g_action_group_activate_action (f.actions, "undo", NULL);
  assert_layout (&f, "1:0,6,6,4 2:6,0,18,8 3:0,0,6,6 4:0,10,24,6");
  g_action_group_activate_action (f.actions, "undo", NULL);
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:0,4,6,6 4:0,12,24,6");
  g_assert_false (g_action_group_get_action_enabled (f.actions, "undo"));
  g_assert_true (g_action_group_get_action_enabled (f.actions, "redo"));
  g_assert_cmpstr (tally_dashboard_editor_get_redo_label (f.editor), ==, "Redo Move Panel");

  g_action_group_activate_action (f.actions, "redo", NULL);
  assert_layout (&f, "1:0,6,6,4 2:6,0,18,8 3:0,0,6,6 4:0,10,24,6");
  g_action_group_activate_action (f.actions, "redo", NULL);
  g_action_group_activate_action (f.actions, "redo", NULL);
  assert_layout (&f, "1:0,6,6,5 2:6,0,18,8 4:0,11,24,6");
  g_assert_false (g_action_group_get_action_enabled (f.actions, "redo"));

  close_editor (&f);
}

/* Plain arrows and Shift+arrows do the same as with Ctrl on the focused
 * card itself, and nothing while the focus is inside it (its chart takes
 * plain arrows to walk its points). */
static void
test_editor_plain_arrows (void)
{
  Fixture f = { 0 };
  TallyPanelCard *stat;
  GtkWidget *inner;

  open_editor (&f, TDV_DASHBOARD, 1000);
  stat = tdv_card (&f.view, 1);
  gtk_widget_grab_focus (GTK_WIDGET (stat));
  g_assert_true (press (stat, GDK_KEY_Down, 0));
  assert_layout (&f, "1:0,6,6,4 2:6,0,18,8 3:0,0,6,6 4:0,10,24,6");
  g_assert_true (press (stat, GDK_KEY_Down, GDK_SHIFT_MASK));
  assert_layout (&f, "1:0,6,6,5 2:6,0,18,8 3:0,0,6,6 4:0,11,24,6");

  inner = tally_test_find_descendant (GTK_WIDGET (stat), GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (inner);
  g_assert_true (gtk_widget_grab_focus (inner));
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (stat)));
  g_assert_false (press (stat, GDK_KEY_Up, 0));
  g_assert_false (press (stat, GDK_KEY_Up, GDK_SHIFT_MASK));
  assert_layout (&f, "1:0,6,6,5 2:6,0,18,8 3:0,0,6,6 4:0,11,24,6");

  close_editor (&f);
}

/* Through the actions alone: resize, duplicate into the first free
 * place, remove, and undo; Enter opens the panel's editor. */
static void
test_editor_actions (void)
{
  Fixture f = { 0 };

  open_editor (&f, TDV_DASHBOARD, 1000);

  g_action_group_activate_action (f.actions, "resize-panel", g_variant_new ("(uii)", 2, 0, -2));
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,6 3:0,4,6,6 4:0,10,24,6");
  wait_undo_label (&f, "Undo Resize Panel");

  /* Rows 0–5 are full at the left and under the line; at row 6 columns
   * 6–11 are free down to the heatmap's row 10. */
  g_action_group_activate_action (f.actions, "duplicate-panel", g_variant_new_uint32 (1));
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,6 3:0,4,6,6 4:0,10,24,6 5:6,6,6,4");
  g_assert_cmpstr (tally_panel_get_title (tally_dashboard_find_panel (f.view.dashboard, 5)), ==,
                   "Error rate");
  g_assert_true (gtk_window_get_focus (f.view.window) ==
                 GTK_WIDGET (tdv_card (&f.view, 5)));
  wait_undo_label (&f, "Undo Add Panel");

  g_action_group_activate_action (f.actions, "move-panel", g_variant_new ("(uii)", 5, 1, 0));
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,6 3:0,4,6,6 4:0,10,24,6 5:7,6,6,4");
  wait_undo_label (&f, "Undo Move Panel");

  g_action_group_activate_action (f.actions, "remove-panel", g_variant_new_uint32 (5));
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,6 3:0,4,6,6 4:0,10,24,6");
  wait_undo_label (&f, "Undo Remove Panel");

  g_action_group_activate_action (f.actions, "undo", NULL);
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,6 3:0,4,6,6 4:0,10,24,6 5:7,6,6,4");
  g_action_group_activate_action (f.actions, "undo", NULL);
  g_action_group_activate_action (f.actions, "undo", NULL);
  g_action_group_activate_action (f.actions, "undo", NULL);
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:0,4,6,6 4:0,12,24,6");

  /* Enter in a focused card: its editor, over the view's window. */
  g_assert_true (press (tdv_card (&f.view, 2), GDK_KEY_Return, 0));
  g_assert_true (TALLY_IS_PANEL_EDITOR (tally_dashboard_editor_get_dialog (f.editor)));
  g_assert_true (gtk_window_get_transient_for (tally_dashboard_editor_get_dialog (f.editor)) ==
                 f.view.window);
  g_assert_true (tally_panel_get_id (tally_panel_editor_get_panel (
                   TALLY_PANEL_EDITOR (tally_dashboard_editor_get_dialog (f.editor)))) == 2);

  close_editor (&f);
}

/* Out of edit mode the editing keys are not the card's: they go on to
 * the widgets around it, and nothing moves. */
static void
test_editor_keys_need_edit_mode (void)
{
  Fixture f = { 0 };
  TallyPanelCard *stat;

  open_editor (&f, TDV_DASHBOARD, 1000);
  tally_dashboard_view_set_editing (f.view.view, FALSE);
  stat = tdv_card (&f.view, 1);
  g_assert_false (gtk_widget_get_focusable (GTK_WIDGET (stat)));
  g_assert_false (gtk_widget_get_visible (stat->grip));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (stat), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "");
  g_assert_false (press (stat, GDK_KEY_Down, GDK_CONTROL_MASK));
  g_assert_false (press (stat, GDK_KEY_Delete, 0));
  g_assert_false (tally_dashboard_view_drag_begin (f.view.view, 50, 26));
  tally_test_drain ();
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:0,4,6,6 4:0,12,24,6");
  g_assert_false (tally_dashboard_history_get_can_undo (f.history));
  close_editor (&f);
}

typedef struct
{
  guint begins;
  guint ends;
} Edits;

static void
edit_begin_cb (TallyDashboardView *view,
               Edits              *edits)
{
  edits->begins++;
}

static void
edit_end_cb (TallyDashboardView *view,
             Edits              *edits)
{
  edits->ends++;
}

static GtkGesture *
view_drag_gesture (TallyDashboardView *view)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }
  g_assert_not_reached ();
}

static void
placeholder_box (Fixture      *f,
                 TallyGridBox *box)
{
  GtkWidget *placeholder = NULL;
  graphene_rect_t bounds;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->view.view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "panel-placeholder-drop"))
      placeholder = child;
  g_assert_nonnull (placeholder);
  g_assert_true (gtk_widget_get_visible (placeholder));
  g_assert_true (gtk_widget_compute_bounds (placeholder, GTK_WIDGET (f->view.view), &bounds));
  *box = (TallyGridBox) { bounds.origin.x, bounds.origin.y, bounds.size.width,
                          bounds.size.height };
}

/* A drag of the bar's header through the view's GtkGestureDrag. At
 * 1000 px a column and its gap are 40.75 px, a row and its gap 44 px: 6
 * columns right and 4 rows down puts the bar at column 6, row 8, under
 * the line, where it stays; the heatmap floats to row 14 below it. The
 * cell passed on the way makes no undo step of its own. */
static void
test_editor_drag (void)
{
  Fixture f = { 0 };
  Edits edits = { 0 };
  GtkGesture *gesture;
  TallyGridBox box, start;

  open_editor (&f, TDV_DASHBOARD, 1000);
  g_signal_connect (f.view.view, "edit-begin", G_CALLBACK (edit_begin_cb), &edits);
  g_signal_connect (f.view.view, "edit-end", G_CALLBACK (edit_end_cb), &edits);
  gesture = view_drag_gesture (f.view.view);
  tdv_card_box (&f.view, 3, &start);
  tally_test_assert_box (&start, 16, 192, 235, 254);

  g_signal_emit_by_name (gesture, "drag-begin", 56.0, 202.0);
  g_assert_cmpuint (edits.begins, ==, 1);
  /* One row down the bar floats back: only the heatmap rose. */
  g_signal_emit_by_name (gesture, "drag-update", 0.0, 44.0);
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:0,4,6,6 4:0,10,24,6");
  g_signal_emit_by_name (gesture, "drag-update", 6 * 40.75 + 3, 4 * 44.0 - 5);
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:6,8,6,6 4:0,14,24,6");
  tally_test_drain ();
  /* The card follows the pointer; the placeholder shows the cell. */
  tdv_card_box (&f.view, 3, &box);
  tally_test_assert_box (&box, 16 + 247, 192 + 171, 235, 254);
  placeholder_box (&f, &box);
  tally_test_assert_box (&box, 261, 368, 234, 254);
  g_assert_false (tally_dashboard_history_get_can_undo (f.history));

  g_signal_emit_by_name (gesture, "drag-end", 6 * 40.75 + 3, 4 * 44.0 - 5);
  g_assert_cmpuint (edits.ends, ==, 1);
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:6,8,6,6 4:0,14,24,6");
  tally_test_drain ();
  tdv_card_box (&f.view, 3, &box);
  tally_test_assert_box (&box, 261, 368, 234, 254);
  wait_undo_label (&f, "Undo Move Panel");
  g_action_group_activate_action (f.actions, "undo", NULL);
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:0,4,6,6 4:0,12,24,6");
  g_assert_false (tally_dashboard_history_get_can_undo (f.history));
  tally_test_drain ();

  /* The heatmap's grip, 2 rows lower: 8 rows high. */
  tdv_card_box (&f.view, 4, &start);
  g_signal_emit_by_name (gesture, "drag-begin", (double) start.x + start.width - 4,
                         (double) start.y + start.height - 4);
  g_signal_emit_by_name (gesture, "drag-update", 0.0, 2 * 44.0 + 10);
  g_signal_emit_by_name (gesture, "drag-end", 0.0, 2 * 44.0 + 10);
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:0,4,6,6 4:0,10,24,8");
  wait_undo_label (&f, "Undo Resize Panel");

  /* The chart itself is no handle: nothing starts there. */
  tdv_card_box (&f.view, 2, &start);
  g_signal_emit_by_name (gesture, "drag-begin", (double) start.x + 100, (double) start.y + 200);
  g_signal_emit_by_name (gesture, "drag-update", 300.0, 300.0);
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:0,4,6,6 4:0,10,24,8");
  g_assert_cmpuint (edits.begins, ==, 2);
  g_assert_cmpuint (edits.ends, ==, 2);

  close_editor (&f);
}

/* Add Panel: the gallery; a preset lands in the first free place, gets
 * the focus and opens its editor. */
static void
test_editor_gallery (void)
{
  Fixture f = { 0 };
  GtkWindow *gallery;
  GtkWidget *row;
  TallyPanel *added;

  open_editor (&f, TDV_DASHBOARD, 1000);
  g_action_group_activate_action (f.actions, "add-panel", NULL);
  gallery = tally_dashboard_editor_get_dialog (f.editor);
  g_assert_true (TALLY_IS_PANEL_GALLERY (gallery));
  g_assert_true (gtk_window_get_modal (gallery));
  for (guint type = 0; type < TALLY_N_PANEL_TYPES; type++)
    {
      g_autofree char *name = g_strconcat ("type:", tally_panel_type_to_string (type), NULL);

      g_assert_nonnull (tally_test_find_descendant (GTK_WIDGET (gallery), ADW_TYPE_ACTION_ROW,
                                                    name));
    }

  row = tally_test_find_descendant (GTK_WIDGET (gallery), ADW_TYPE_ACTION_ROW,
                                    "preset:p95-latency");
  g_assert_nonnull (row);
  g_object_ref (gallery);
  g_signal_emit_by_name (row, "activated");
  tally_test_drain ();
  g_assert_finalize_object (gallery);

  /* 6 × 4: rows 0–7 are full at columns 0–5 and 6–23, row 8 is free at
   * column 6 (the heatmap is stored at row 12). */
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:0,4,6,6 4:0,12,24,6 5:6,8,6,4");
  added = tally_dashboard_find_panel (f.view.dashboard, 5);
  g_assert_cmpstr (tally_panel_get_title (added), ==, "P95 latency");
  g_assert_cmpint (tally_panel_get_query (added)->stat, ==, TALLY_STAT_P95);
  g_assert_cmpint (tally_panel_get_query (added)->metric, ==, TALLY_METRIC_LATENCY);
  g_assert_true (gtk_window_get_focus (f.view.window) == GTK_WIDGET (tdv_card (&f.view, 5)));
  g_assert_true (TALLY_IS_PANEL_EDITOR (tally_dashboard_editor_get_dialog (f.editor)));
  wait_undo_label (&f, "Undo Add Panel");

  close_editor (&f);
}

/* Every choice is a valid panel of its type. */
static void
test_gallery_choices (void)
{
  for (guint type = 0; type < TALLY_N_PANEL_TYPES; type++)
    {
      g_autofree char *name = g_strconcat ("type:", tally_panel_type_to_string (type), NULL);
      g_autoptr(TallyPanel) panel = tally_panel_gallery_make_panel (name);
      int w, h;

      g_assert_nonnull (panel);
      g_assert_cmpint (tally_panel_get_panel_type (panel), ==, type);
      g_assert_cmpstr (tally_panel_get_title (panel), ==, tally_panel_type_get_title (type));
      tally_panel_get_grid (panel, NULL, NULL, &w, &h);
      g_assert_cmpint (w, >=, 6);
      g_assert_cmpint (h, >=, 4);
    }
  g_assert_null (tally_panel_gallery_make_panel ("type:sparkles"));
}

/* Properties: one undo step for title, tags, refresh, source and
 * editable together; a bad refresh and a bad source name are named and
 * refused. */
static void
test_editor_properties (void)
{
  Fixture f = { 0 };
  TallyDashboardProperties *properties;
  GtkWidget *title, *tags, *refresh, *source, *editable;

  open_editor (&f, TDV_DASHBOARD, 1000);
  g_action_group_activate_action (f.actions, "properties", NULL);
  properties = TALLY_DASHBOARD_PROPERTIES (tally_dashboard_editor_get_dialog (f.editor));
  g_assert_nonnull (properties);
  title = tally_test_find_descendant (GTK_WIDGET (properties), ADW_TYPE_ENTRY_ROW, "title");
  tags = tally_test_find_descendant (GTK_WIDGET (properties), ADW_TYPE_ENTRY_ROW, "tags");
  refresh = tally_test_find_descendant (GTK_WIDGET (properties), ADW_TYPE_ENTRY_ROW, "refresh");
  source = tally_test_find_descendant (GTK_WIDGET (properties), ADW_TYPE_ENTRY_ROW, "source");
  editable = tally_test_find_descendant (GTK_WIDGET (properties), GTK_TYPE_SWITCH, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "View test");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (source)), ==,
                   tally_dashboard_get_source (f.view.dashboard));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (editable)));

  gtk_editable_set_text (GTK_EDITABLE (source), "prod prometheus");
  g_assert_cmpstr (tally_dashboard_properties_get_problem (properties), ==,
                   "Data source: a source name has only letters, digits, “-”, “_” and “.”");
  g_assert_false (tally_dashboard_properties_apply (properties));
  gtk_editable_set_text (GTK_EDITABLE (source), "prod-prometheus");
  g_assert_null (tally_dashboard_properties_get_problem (properties));

  gtk_editable_set_text (GTK_EDITABLE (refresh), "2s");
  g_assert_cmpstr (tally_dashboard_properties_get_problem (properties), ==,
                   "Refresh: must be at least 5s (or “off”)");
  g_assert_false (tally_dashboard_properties_apply (properties));
  gtk_editable_set_text (GTK_EDITABLE (refresh), "1m");
  g_assert_null (tally_dashboard_properties_get_problem (properties));

  gtk_editable_set_text (GTK_EDITABLE (title), "Edited");
  gtk_editable_set_text (GTK_EDITABLE (tags), "prod, team a,");
  g_object_ref (properties);
  g_assert_true (tally_dashboard_properties_apply (properties));
  tally_test_drain ();
  g_assert_finalize_object (properties);

  g_assert_cmpstr (tally_dashboard_get_title (f.view.dashboard), ==, "Edited");
  g_assert_cmpstr (tally_dashboard_get_tags (f.view.dashboard)[1], ==, "team a");
  g_assert_null (tally_dashboard_get_tags (f.view.dashboard)[2]);
  g_assert_cmpstr (tally_dashboard_get_refresh (f.view.dashboard), ==, "1m");
  g_assert_cmpstr (tally_dashboard_get_source (f.view.dashboard), ==, "prod-prometheus");
  wait_undo_label (&f, "Undo Edit");
  g_action_group_activate_action (f.actions, "undo", NULL);
  g_assert_cmpstr (tally_dashboard_get_title (f.view.dashboard), ==, "View test");
  g_assert_cmpstr (tally_dashboard_get_source (f.view.dashboard), !=, "prod-prometheus");
  g_assert_null (tally_dashboard_get_tags (f.view.dashboard)[0]);
  g_assert_false (tally_dashboard_history_get_can_undo (f.history));

  /* Editable off: the dashboard turns view-only, and the editor with it. */
  g_action_group_activate_action (f.actions, "properties", NULL);
  properties = TALLY_DASHBOARD_PROPERTIES (tally_dashboard_editor_get_dialog (f.editor));
  editable = tally_test_find_descendant (GTK_WIDGET (properties), GTK_TYPE_SWITCH, NULL);
  gtk_switch_set_active (GTK_SWITCH (editable), FALSE);
  g_assert_true (tally_dashboard_properties_apply (properties));
  tally_test_drain ();
  g_assert_false (tally_dashboard_get_editable (f.view.dashboard));
  g_assert_false (g_action_group_get_action_enabled (f.actions, "move-panel"));
  g_assert_false (g_action_group_get_action_enabled (f.actions, "properties"));

  close_editor (&f);
}

/* A view-only dashboard, or one the window marks read-only, refuses
 * every edit. */
static void
test_editor_view_only (void)
{
  g_autofree char *json = g_strdup (TDV_DASHBOARD);
  Fixture f = { 0 };
  char *flag = strstr (json, "\"editable\": true");

  memcpy (flag, "\"editable\":false", strlen ("\"editable\":false"));
  open_editor (&f, json, 1000);
  g_assert_false (tally_dashboard_view_get_editing (f.view.view));
  g_assert_false (gtk_widget_get_visible (tdv_card (&f.view, 1)->grip));
  for (const char * const *name = (const char * const[]) { "add-panel", "move-panel",
                                                           "remove-panel", "properties", NULL };
       *name != NULL; name++)
    g_assert_false (g_action_group_get_action_enabled (f.actions, *name));
  g_action_group_activate_action (f.actions, "remove-panel", g_variant_new_uint32 (1));
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:0,4,6,6 4:0,12,24,6");
  close_editor (&f);

  open_editor (&f, TDV_DASHBOARD, 1000);
  g_assert_true (g_action_group_get_action_enabled (f.actions, "move-panel"));
  tally_dashboard_editor_set_read_only (f.editor, TRUE);
  g_assert_false (g_action_group_get_action_enabled (f.actions, "move-panel"));
  g_assert_false (g_action_group_get_action_enabled (f.actions, "add-panel"));
  /* Made view-only while editing: the view leaves edit mode. */
  tally_dashboard_set_editable (f.view.dashboard, FALSE);
  g_assert_false (tally_dashboard_view_get_editing (f.view.view));
  close_editor (&f);
}

/* Folded into one column, panels keep their places: no grip, no drag,
 * and the keyboard's moves change nothing. */
static void
test_editor_folded (void)
{
  Fixture f = { 0 };

  open_editor (&f, TDV_DASHBOARD, 600);
  g_assert_true (tally_dashboard_view_get_folded (f.view.view));
  g_assert_false (gtk_widget_get_visible (tdv_card (&f.view, 1)->grip));
  g_assert_true (press (tdv_card (&f.view, 1), GDK_KEY_Right, GDK_CONTROL_MASK));
  g_assert_false (tally_dashboard_view_drag_begin (f.view.view, 50, 26));
  assert_layout (&f, "1:0,0,6,4 2:6,0,18,8 3:0,4,6,6 4:0,12,24,6");

  tdv_set_width (&f.view, 1000);
  tally_test_drain ();
  g_assert_true (gtk_widget_get_visible (tdv_card (&f.view, 1)->grip));
  close_editor (&f);
}

int
main (int    argc,
      char **argv)
{
  tally_test_gui_init (&argc, &argv);

  g_test_add_func ("/tally/dashboard-editor/keyboard", test_editor_keyboard);
  g_test_add_func ("/tally/dashboard-editor/plain-arrows", test_editor_plain_arrows);
  g_test_add_func ("/tally/dashboard-editor/actions", test_editor_actions);
  g_test_add_func ("/tally/dashboard-editor/keys-need-edit-mode", test_editor_keys_need_edit_mode);
  g_test_add_func ("/tally/dashboard-editor/drag", test_editor_drag);
  g_test_add_func ("/tally/dashboard-editor/gallery", test_editor_gallery);
  g_test_add_func ("/tally/dashboard-editor/gallery-choices", test_gallery_choices);
  g_test_add_func ("/tally/dashboard-editor/properties", test_editor_properties);
  g_test_add_func ("/tally/dashboard-editor/view-only", test_editor_view_only);
  g_test_add_func ("/tally/dashboard-editor/folded", test_editor_folded);

  return g_test_run ();
}
