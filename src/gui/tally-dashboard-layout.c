/* tally-dashboard-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Places a dashboard's panel cards on the 24-column grid, where the
 * panels' gridPos puts them after floating up, in the pixels of
 * tally-grid-geometry.c: exactly where `tally render` draws them at the
 * same width. Under TALLY_GRID_FOLD_WIDTH the grid folds into one column.
 *
 * The layout is as tall as its rows (height for width, since folding
 * changes the rows), so the view scrolls in a GtkScrolledWindow. Other
 * children, such as the empty dashboard's status page, fill the whole
 * area. */

#include "config.h"

#include <math.h>

#include "tally-dashboard-layout.h"
#include "tally-grid-geometry.h"
#include "tally-panel-card.h"

struct _TallyDashboardLayout
{
  GtkLayoutManager parent_instance;

  gboolean         folded;
};

G_DEFINE_FINAL_TYPE (TallyDashboardLayout, tally_dashboard_layout, GTK_TYPE_LAYOUT_MANAGER)

/* The cards to lay out, in the widget's order (the dashboard's). */
static GPtrArray *
collect_cards (GtkWidget *widget)
{
  GPtrArray *cards = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TALLY_IS_PANEL_CARD (child) && gtk_widget_should_layout (child))
        g_ptr_array_add (cards, child);
    }

  return cards;
}

/* Each card's place on the grid at @geometry's width; returns the rows. */
static int
arrange (const TallyGridGeometry *geometry,
         GPtrArray               *cards,
         TallyGridRect           *rects)
{
  for (guint i = 0; i < cards->len; i++)
    {
      TallyPanel *panel = tally_panel_card_get_panel (cards->pdata[i]);

      tally_panel_get_grid (panel, &rects[i].x, &rects[i].y, &rects[i].w, &rects[i].h);
    }
  tally_grid_geometry_arrange (geometry, rects, cards->len);

  return tally_grid_height (rects, cards->len);
}

static GtkSizeRequestMode
tally_dashboard_layout_get_request_mode (GtkLayoutManager *manager,
                                         GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
tally_dashboard_layout_measure (GtkLayoutManager *manager,
                                GtkWidget        *widget,
                                GtkOrientation    orientation,
                                int               for_size,
                                int              *minimum,
                                int              *natural,
                                int              *minimum_baseline,
                                int              *natural_baseline)
{
  g_autoptr(GPtrArray) cards = collect_cards (widget);

  *minimum = 0;
  *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Any width works: the grid folds. Naturally it is as wide as the
       * narrowest grid that does not fold. */
      *minimum = 2 * TALLY_GRID_MARGIN;
      *natural = cards->len > 0 ? TALLY_GRID_FOLD_WIDTH : *minimum;
    }
  else if (cards->len > 0)
    {
      g_autofree TallyGridRect *rects = g_new (TallyGridRect, cards->len);
      TallyGridGeometry geometry;
      int rows;

      /* Exactly the rows' height: the scrolled window scrolls all of it. */
      tally_grid_geometry_init (&geometry, for_size >= 0 ? for_size : TALLY_GRID_FOLD_WIDTH, 0);
      rows = arrange (&geometry, cards, rects);
      *minimum = (int) ceil (tally_grid_geometry_get_height (&geometry, rows));
      *natural = *minimum;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (TALLY_IS_PANEL_CARD (child) || !gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
tally_dashboard_layout_allocate (GtkLayoutManager *manager,
                                 GtkWidget        *widget,
                                 int               width,
                                 int               height,
                                 int               baseline)
{
  TallyDashboardLayout *self = TALLY_DASHBOARD_LAYOUT (manager);
  g_autoptr(GPtrArray) cards = collect_cards (widget);
  g_autofree TallyGridRect *rects = g_new (TallyGridRect, MAX (cards->len, 1));
  TallyGridGeometry geometry;

  tally_grid_geometry_init (&geometry, width, 0);
  self->folded = geometry.folded;
  arrange (&geometry, cards, rects);

  for (guint i = 0; i < cards->len; i++)
    {
      TallyGridBox box;

      tally_grid_geometry_place (&geometry, &rects[i], &box);
      gtk_widget_size_allocate (cards->pdata[i],
                                &(GtkAllocation) { box.x, box.y, box.width, box.height }, -1);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!TALLY_IS_PANEL_CARD (child) && gtk_widget_should_layout (child))
        gtk_widget_allocate (child, width, height, baseline, NULL);
    }
}

static void
tally_dashboard_layout_class_init (TallyDashboardLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = tally_dashboard_layout_get_request_mode;
  layout_class->measure = tally_dashboard_layout_measure;
  layout_class->allocate = tally_dashboard_layout_allocate;
}

static void
tally_dashboard_layout_init (TallyDashboardLayout *self)
{
}

GtkLayoutManager *
tally_dashboard_layout_new (void)
{
  return g_object_new (TALLY_TYPE_DASHBOARD_LAYOUT, NULL);
}

/* Whether the last allocation folded the grid into one column. */
gboolean
tally_dashboard_layout_get_folded (TallyDashboardLayout *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_LAYOUT (self), FALSE);

  return self->folded;
}
