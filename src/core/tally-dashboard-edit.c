/* tally-dashboard-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Editing a dashboard as a whole, each edit one change: replacing its
 * content in place from a layout (undo, redo, a reload) so that widgets
 * bound to it follow, and moving, resizing and placing panels on the grid
 * by the rules of tally-grid.c. */

#include "config.h"

#include "tally-dashboard-private.h"
#include "tally-json-util.h"

static char *
to_compact (TallyDashboard *self)
{
  g_autoptr(JsonNode) node = tally_dashboard_to_json (self);

  return tally_json_to_compact_string (node, NULL);
}

/* The panel of @panels with @id that @used does not hold yet, or NULL. */
static TallyPanel *
find_unused (GListModel *panels,
             guint       id,
             GHashTable *used)
{
  guint n = g_list_model_get_n_items (panels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);

      if (tally_panel_get_id (panel) == id && !g_hash_table_contains (used, panel))
        return panel;
    }

  return NULL;
}

/* Gives @self the panels of @from. A panel of @self whose id comes back
 * stays the same object, updated in place, so its widget and its data
 * stay too; the list changes once, over the range where it differs. */
static void
take_panels (TallyDashboard *self,
             TallyDashboard *from)
{
  GListModel *old = tally_dashboard_get_panels (self);
  GListModel *incoming = tally_dashboard_get_panels (from);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  guint n_old = g_list_model_get_n_items (old);
  guint n_new = g_list_model_get_n_items (incoming);
  guint prefix = 0, suffix = 0;

  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (incoming, i);
      TallyPanel *existing = find_unused (old, tally_panel_get_id (panel), used);

      if (existing != NULL)
        {
          tally_panel_update_from (existing, panel);
          g_hash_table_add (used, existing);
          g_ptr_array_add (result, g_object_ref (existing));
        }
      else
        {
          g_ptr_array_add (result, g_object_ref (panel));
        }
    }

  while (prefix < n_old && prefix < n_new)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (old, prefix);

      if (panel != g_ptr_array_index (result, prefix))
        break;
      prefix++;
    }
  while (suffix < n_old - prefix && suffix < n_new - prefix)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (old, n_old - 1 - suffix);

      if (panel != g_ptr_array_index (result, n_new - 1 - suffix))
        break;
      suffix++;
    }

  if (prefix + suffix < MAX (n_old, n_new))
    tally_dashboard_splice_panels (self, prefix, n_old - prefix - suffix,
                                   (TallyPanel **) result->pdata + prefix, n_new - prefix - suffix);
}

/* Makes @self what @from is, with one "changed" when the layout it writes
 * differs, after the list and property notifications. */
static void
take_content (TallyDashboard *self,
              TallyDashboard *from)
{
  g_autofree char *before = to_compact (self);
  g_autofree char *after = NULL;

  tally_dashboard_begin_change (self);
  tally_dashboard_take_properties (self, from);
  take_panels (self, from);
  tally_dashboard_end_change (self);

  after = to_compact (self);
  if (!g_str_equal (before, after))
    tally_dashboard_emit_changed (self);
}

/**
 * tally_dashboard_replace_from_json:
 * @node: a layout
 *
 * Checks @node as tally_dashboard_new_from_json() does and, only when it
 * is valid, makes @self that layout in place: the same object, so that
 * everything bound to it follows. Panels whose id comes back stay the
 * same objects, updated in place (each notifies and emits its own
 * "changed"); the panels model emits items-changed at most once, over the
 * range that differs; the dashboard's properties notify, and "changed" is
 * emitted once when anything its layout writes differs.
 *
 * Returns: FALSE, with every problem in @error, when @node is not a valid
 * layout; @self is then untouched
 */
gboolean
tally_dashboard_replace_from_json (TallyDashboard  *self,
                                   JsonNode        *node,
                                   GError         **error)
{
  g_autoptr(TallyDashboard) from = NULL;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  if ((from = tally_dashboard_read_json (node, FALSE, error)) == NULL)
    return FALSE;
  take_content (self, from);

  return TRUE;
}

/* The same, leniently: what undo and redo restore is a state the
 * dashboard held, valid as a file or not. */
gboolean
tally_dashboard_restore_json (TallyDashboard  *self,
                              JsonNode        *node,
                              GError         **error)
{
  g_autoptr(TallyDashboard) from = NULL;

  if ((from = tally_dashboard_read_json (node, TRUE, error)) == NULL)
    return FALSE;
  take_content (self, from);

  return TRUE;
}

/**
 * tally_dashboard_get_rects:
 * @n_rects: (out): the number of panels
 *
 * Returns: (transfer full): every panel's place, in the order of the
 * panels model; free with g_free()
 */
TallyGridRect *
tally_dashboard_get_rects (TallyDashboard *self,
                           guint          *n_rects)
{
  GListModel *panels;
  TallyGridRect *rects;
  guint n;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), NULL);
  g_return_val_if_fail (n_rects != NULL, NULL);

  panels = tally_dashboard_get_panels (self);
  n = g_list_model_get_n_items (panels);
  rects = g_new (TallyGridRect, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      TallyGridRect *rect = &rects[i];

      tally_panel_get_grid (panel, &rect->x, &rect->y, &rect->w, &rect->h);
    }
  *n_rects = n;

  return rects;
}

/**
 * tally_dashboard_set_rects:
 * @rects: a place for each panel, in the order of the panels model
 *
 * Moves every panel at once: one "changed" for the lot, none when no
 * panel moved. What a drag calls each time the pointer enters a cell.
 */
void
tally_dashboard_set_rects (TallyDashboard      *self,
                           const TallyGridRect *rects,
                           guint                n_rects)
{
  GListModel *panels;

  g_return_if_fail (TALLY_IS_DASHBOARD (self));

  panels = tally_dashboard_get_panels (self);
  g_return_if_fail (n_rects == g_list_model_get_n_items (panels));
  g_return_if_fail (rects != NULL || n_rects == 0);

  tally_dashboard_begin_change (self);
  for (guint i = 0; i < n_rects; i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);

      tally_panel_set_grid (panel, rects[i].x, rects[i].y, rects[i].w, rects[i].h);
    }
  if (tally_dashboard_end_change (self))
    tally_dashboard_emit_changed (self);
}

static gboolean
find_position (TallyDashboard *self,
               TallyPanel     *panel,
               guint          *position)
{
  GListModel *panels = tally_dashboard_get_panels (self);
  guint n = g_list_model_get_n_items (panels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyPanel) item = g_list_model_get_item (panels, i);

      if (item == panel)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* A move or a resize of @panel by the grid's rules (tally-grid.h), with
 * the panels around it, as one change. */
static void
edit_grid (TallyDashboard *self,
           TallyPanel     *panel,
           void          (*edit) (TallyGridRect *rects,
                                  guint          n,
                                  guint          index,
                                  int            a,
                                  int            b),
           int             a,
           int             b)
{
  g_autofree TallyGridRect *rects = NULL;
  guint n, position;

  if (!find_position (self, panel, &position))
    g_return_if_reached ();

  rects = tally_dashboard_get_rects (self, &n);
  edit (rects, n, position, a, b);
  tally_dashboard_set_rects (self, rects, n);
}

/**
 * tally_dashboard_move_panel:
 *
 * Moves @panel to column @x, row @y by tally_grid_move()'s rules, with
 * the panels around it: one "changed". The keyboard's moves call this; a
 * drag calls tally_grid_move() on the layout it started from, then
 * tally_dashboard_set_rects().
 */
void
tally_dashboard_move_panel (TallyDashboard *self,
                            TallyPanel     *panel,
                            int             x,
                            int             y)
{
  g_return_if_fail (TALLY_IS_DASHBOARD (self));
  g_return_if_fail (TALLY_IS_PANEL (panel));

  edit_grid (self, panel, tally_grid_move, x, y);
}

/**
 * tally_dashboard_resize_panel:
 *
 * Resizes @panel to @w × @h by tally_grid_resize()'s rules, with the
 * panels around it: one "changed".
 */
void
tally_dashboard_resize_panel (TallyDashboard *self,
                              TallyPanel     *panel,
                              int             w,
                              int             h)
{
  g_return_if_fail (TALLY_IS_DASHBOARD (self));
  g_return_if_fail (TALLY_IS_PANEL (panel));

  edit_grid (self, panel, tally_grid_resize, w, h);
}

/**
 * tally_dashboard_place_panel:
 * @panel: a new panel, not in any dashboard
 *
 * Adds @panel, at its size, in the first free spot of the grid
 * (tally_grid_place()): one "changed". Give it an id from
 * tally_dashboard_next_panel_id() first.
 */
void
tally_dashboard_place_panel (TallyDashboard *self,
                             TallyPanel     *panel)
{
  g_autofree TallyGridRect *rects = NULL;
  int x, y, w, h;
  guint n;

  g_return_if_fail (TALLY_IS_DASHBOARD (self));
  g_return_if_fail (TALLY_IS_PANEL (panel));

  rects = tally_dashboard_get_rects (self, &n);
  tally_panel_get_grid (panel, NULL, NULL, &w, &h);
  tally_grid_place (rects, n, w, h, &x, &y);
  tally_panel_set_grid (panel, x, y, w, h);
  tally_dashboard_add_panel (self, panel);
}
