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
 * area.
 *
 * While a drag moves or resizes a card, the card follows the pointer
 * (the box the view gives) and a placeholder shows the cell where its
 * panel is on the grid, so where it lands. */

#include "config.h"

#include <math.h>

#include "tally-dashboard-layout.h"
#include "tally-grid-geometry.h"
#include "tally-panel-card.h"

struct _TallyDashboardLayout
{
  GtkLayoutManager parent_instance;

  gboolean         folded;

  /* while a drag goes on; not references: both are the widget's children */
  GtkWidget       *drag_card;
  GtkAllocation    drag_box;
  GtkWidget       *placeholder;
};

enum
{
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

      if (TALLY_IS_PANEL_CARD (child) || !gtk_widget_should_layout (child) ||
          child == TALLY_DASHBOARD_LAYOUT (manager)->placeholder)
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
  arrange (&geometry, cards, rects);

  for (guint i = 0; i < cards->len; i++)
    {
      GtkAllocation allocation;
      TallyGridBox box;

      tally_grid_geometry_place (&geometry, &rects[i], &box);
      allocation = (GtkAllocation) { box.x, box.y, box.width, box.height };
      if (cards->pdata[i] == self->drag_card)
        {
          if (self->placeholder != NULL && gtk_widget_should_layout (self->placeholder))
            {
              gtk_widget_measure (self->placeholder, GTK_ORIENTATION_HORIZONTAL, -1,
                                  NULL, NULL, NULL, NULL);
              gtk_widget_size_allocate (self->placeholder, &allocation, -1);
            }
          allocation = self->drag_box;
        }
      gtk_widget_size_allocate (cards->pdata[i], &allocation, -1);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!TALLY_IS_PANEL_CARD (child) && child != self->placeholder &&
          gtk_widget_should_layout (child))
        gtk_widget_allocate (child, width, height, baseline, NULL);
    }

  /* Last: a listener (the view) must not find the cards half placed. */
  if (self->folded != geometry.folded)
    {
      self->folded = geometry.folded;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
    }
}

static void
tally_dashboard_layout_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TallyDashboardLayout *self = TALLY_DASHBOARD_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_layout_class_init (TallyDashboardLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->get_property = tally_dashboard_layout_get_property;
  /* Notified during an allocation: listeners defer what they change. */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

/**
 * tally_dashboard_layout_set_drag:
 * @card: (nullable): the card a drag moves or resizes, or %NULL when the
 *   drag is over
 * @box: where @card goes meanwhile, following the pointer
 * @placeholder: a child shown at @card's place on the grid
 *
 * Both are children of the laid out widget, which keeps them alive.
 */
void
tally_dashboard_layout_set_drag (TallyDashboardLayout *self,
                                 GtkWidget            *card,
                                 const GtkAllocation  *box,
                                 GtkWidget            *placeholder)
{
  g_return_if_fail (TALLY_IS_DASHBOARD_LAYOUT (self));
  g_return_if_fail (card == NULL || box != NULL);

  self->drag_card = card;
  self->placeholder = placeholder;
  if (box != NULL)
    self->drag_box = *box;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}
