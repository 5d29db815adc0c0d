/* tally-dashboard-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Naming an edit from the layouts before and after it, so that undo can
 * say what it will undo ("Undo Move Panel"). The history only sees
 * "changed" and keeps layouts, and a drag that pushes five panels or an
 * add that moves none are still one edit of one kind: comparing the
 * layouts names it whatever code made it. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-dashboard-diff.h"

/* What differs between two layouts: a set of these flags. */
enum
{
  DIFF_PLACE       = 1 << 0,   /* a panel's x or y */
  DIFF_SIZE        = 1 << 1,   /* a panel's w or h */
  DIFF_ADDED       = 1 << 2,
  DIFF_REMOVED     = 1 << 3,
  DIFF_PANEL_TITLE = 1 << 4,
  DIFF_QUERY       = 1 << 5,
  DIFF_PANEL       = 1 << 6,   /* anything else of a panel */
  DIFF_TITLE       = 1 << 7,
  DIFF_SETTINGS    = 1 << 8,   /* anything else of the dashboard */
  DIFF_ORDER       = 1 << 9,   /* the panels' order in the file */
};

static const char * const labels[TALLY_N_DASHBOARD_EDITS][2] = {
  [TALLY_DASHBOARD_EDIT_NONE] = { N_("Undo"), N_("Redo") },
  [TALLY_DASHBOARD_EDIT_MOVE_PANEL] = { N_("Undo Move Panel"), N_("Redo Move Panel") },
  [TALLY_DASHBOARD_EDIT_RESIZE_PANEL] = { N_("Undo Resize Panel"), N_("Redo Resize Panel") },
  [TALLY_DASHBOARD_EDIT_ADD_PANEL] = { N_("Undo Add Panel"), N_("Redo Add Panel") },
  [TALLY_DASHBOARD_EDIT_REMOVE_PANEL] = { N_("Undo Remove Panel"), N_("Redo Remove Panel") },
  [TALLY_DASHBOARD_EDIT_RENAME_PANEL] = { N_("Undo Rename Panel"), N_("Redo Rename Panel") },
  [TALLY_DASHBOARD_EDIT_CHANGE_QUERY] = { N_("Undo Change Query"), N_("Redo Change Query") },
  [TALLY_DASHBOARD_EDIT_CHANGE_PANEL] = { N_("Undo Change Panel"), N_("Redo Change Panel") },
  [TALLY_DASHBOARD_EDIT_RENAME_DASHBOARD] = { N_("Undo Rename Dashboard"),
                                              N_("Redo Rename Dashboard") },
  [TALLY_DASHBOARD_EDIT_CHANGE_SETTINGS] = { N_("Undo Change Dashboard Settings"),
                                             N_("Redo Change Dashboard Settings") },
  [TALLY_DASHBOARD_EDIT_SEVERAL] = { N_("Undo Edit"), N_("Redo Edit") },
};

/* The translated "Undo …" for @edit. */
const char *
tally_dashboard_edit_undo_label (TallyDashboardEdit edit)
{
  g_return_val_if_fail (edit < TALLY_N_DASHBOARD_EDITS, NULL);

  return _(labels[edit][0]);
}

const char *
tally_dashboard_edit_redo_label (TallyDashboardEdit edit)
{
  g_return_val_if_fail (edit < TALLY_N_DASHBOARD_EDITS, NULL);

  return _(labels[edit][1]);
}

static gboolean
member_equal (JsonObject *a,
              JsonObject *b,
              const char *member)
{
  JsonNode *node_a = json_object_get_member (a, member);
  JsonNode *node_b = json_object_get_member (b, member);

  if (node_a == NULL || node_b == NULL)
    return node_a == node_b;
  return json_node_equal (node_a, node_b);
}

/* The members of @a and @b that differ, each once. */
static GPtrArray *
differing_members (JsonObject *a,
                   JsonObject *b)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) members_a = json_object_get_members (a);
  g_autoptr(GList) members_b = json_object_get_members (b);
  GPtrArray *differing = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name;

  for (GList *l = members_a; l != NULL; l = l->next)
    g_hash_table_add (names, l->data);
  for (GList *l = members_b; l != NULL; l = l->next)
    g_hash_table_add (names, l->data);

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      if (!member_equal (a, b, name))
        g_ptr_array_add (differing, name);
    }

  return differing;
}

static JsonObject *
object_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static guint
diff_grid (JsonObject *before,
           JsonObject *after)
{
  JsonObject *grid_before = object_member (before, "gridPos");
  JsonObject *grid_after = object_member (after, "gridPos");
  guint diff = 0;

  if (grid_before == NULL || grid_after == NULL)
    return DIFF_PLACE | DIFF_SIZE;
  if (!member_equal (grid_before, grid_after, "x") || !member_equal (grid_before, grid_after, "y"))
    diff |= DIFF_PLACE;
  if (!member_equal (grid_before, grid_after, "w") || !member_equal (grid_before, grid_after, "h"))
    diff |= DIFF_SIZE;

  return diff;
}

static guint
diff_panel (JsonObject *before,
            JsonObject *after)
{
  g_autoptr(GPtrArray) differing = differing_members (before, after);
  guint diff = 0;

  for (guint i = 0; i < differing->len; i++)
    {
      const char *name = g_ptr_array_index (differing, i);

      if (g_str_equal (name, "gridPos"))
        diff |= diff_grid (before, after);
      else if (g_str_equal (name, "title"))
        diff |= DIFF_PANEL_TITLE;
      else if (g_str_equal (name, "query"))
        diff |= DIFF_QUERY;
      else
        diff |= DIFF_PANEL;
    }

  return diff;
}

/* The panels of @root by id. */
static GHashTable *
panels_by_id (JsonObject *root)
{
  GHashTable *panels = g_hash_table_new (NULL, NULL);
  JsonArray *array = array_member (root, "panels");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonNode *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = json_object_get_member (json_node_get_object (node), "id");
      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_INT64)
        g_hash_table_insert (panels, GUINT_TO_POINTER ((guint) json_node_get_int (id)),
                             json_node_get_object (node));
    }

  return panels;
}

static guint
diff_panels (JsonObject *before,
             JsonObject *after)
{
  g_autoptr(GHashTable) old = panels_by_id (before);
  g_autoptr(GHashTable) new = panels_by_id (after);
  GHashTableIter iter;
  gpointer id, panel;
  guint diff = 0;

  g_hash_table_iter_init (&iter, new);
  while (g_hash_table_iter_next (&iter, &id, &panel))
    {
      JsonObject *was = g_hash_table_lookup (old, id);

      diff |= was == NULL ? DIFF_ADDED : diff_panel (was, panel);
    }
  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      if (!g_hash_table_contains (new, id))
        diff |= DIFF_REMOVED;
    }

  /* The "panels" member differs, yet no panel does: they changed order. */
  if (diff == 0)
    diff |= DIFF_ORDER;

  return diff;
}

/* Names a set of differences: the one thing done, with the panels it
 * pushed about; or "several". */
static TallyDashboardEdit
name_diff (guint diff)
{
  guint grid = diff & (DIFF_PLACE | DIFF_SIZE);
  guint rest = diff & ~grid;

  switch (rest)
    {
    case 0:
      if (grid == 0)
        return TALLY_DASHBOARD_EDIT_NONE;
      if (grid & DIFF_SIZE)
        return TALLY_DASHBOARD_EDIT_RESIZE_PANEL;
      return TALLY_DASHBOARD_EDIT_MOVE_PANEL;
    case DIFF_ADDED:
      return TALLY_DASHBOARD_EDIT_ADD_PANEL;
    case DIFF_REMOVED:
      return TALLY_DASHBOARD_EDIT_REMOVE_PANEL;
    default:
      break;
    }

  if (grid != 0)
    return TALLY_DASHBOARD_EDIT_SEVERAL;
  switch (rest)
    {
    case DIFF_PANEL_TITLE:
      return TALLY_DASHBOARD_EDIT_RENAME_PANEL;
    case DIFF_QUERY:
      return TALLY_DASHBOARD_EDIT_CHANGE_QUERY;
    case DIFF_PANEL:
      return TALLY_DASHBOARD_EDIT_CHANGE_PANEL;
    case DIFF_TITLE:
      return TALLY_DASHBOARD_EDIT_RENAME_DASHBOARD;
    case DIFF_SETTINGS:
      return TALLY_DASHBOARD_EDIT_CHANGE_SETTINGS;
    default:
      return TALLY_DASHBOARD_EDIT_SEVERAL;
    }
}

/**
 * tally_dashboard_diff:
 * @before: a layout (an object)
 * @after: the same layout after one edit
 *
 * Names the edit that made @after of @before. The time range and the
 * filters are not compared: changing them is not an edit.
 */
TallyDashboardEdit
tally_dashboard_diff (JsonNode *before,
                      JsonNode *after)
{
  g_autoptr(GPtrArray) differing = NULL;
  JsonObject *root_before, *root_after;
  guint diff = 0;

  g_return_val_if_fail (JSON_NODE_HOLDS_OBJECT (before), TALLY_DASHBOARD_EDIT_SEVERAL);
  g_return_val_if_fail (JSON_NODE_HOLDS_OBJECT (after), TALLY_DASHBOARD_EDIT_SEVERAL);

  root_before = json_node_get_object (before);
  root_after = json_node_get_object (after);
  differing = differing_members (root_before, root_after);
  for (guint i = 0; i < differing->len; i++)
    {
      const char *name = g_ptr_array_index (differing, i);

      if (g_str_equal (name, "panels"))
        diff |= diff_panels (root_before, root_after);
      else if (g_str_equal (name, "title"))
        diff |= DIFF_TITLE;
      else if (!g_str_equal (name, "time") && !g_str_equal (name, "filters"))
        diff |= DIFF_SETTINGS;
    }

  return name_diff (diff);
}
