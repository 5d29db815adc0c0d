/* tally-wrap-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Lays children out left to right at their natural widths and starts a
 * new line when the next one does not fit, as text wraps: the filter
 * bar's controls and chips on a narrow window. GtkFlowBox is a grid
 * (children align in columns and share out the spare width), which looks
 * wrong for chips of different widths; GTK 4.8 has nothing else.
 *
 * A child wider than the whole width gets the whole width (a long chip
 * ellipsizes). Lines are as tall as their tallest child; children are
 * given the line's height and align in it by their own valign. Right to
 * left text flows from the right. */

#include "config.h"

#include "tally-wrap-layout.h"

struct _TallyWrapLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;
  int              row_spacing;
};

G_DEFINE_FINAL_TYPE (TallyWrapLayout, tally_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

enum
{
  PROP_0,
  PROP_SPACING,
  PROP_ROW_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef void (*PlaceFunc) (GtkWidget *child,
                           int        x,
                           int        y,
                           int        width,
                           int        height,
                           gpointer   data);

static int
child_width (GtkWidget *child,
             int        available)
{
  int minimum, natural;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return MAX (minimum, MIN (natural, available));
}

static int
child_height (GtkWidget *child,
              int        width)
{
  int natural;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  return natural;
}

/* Places one line, children [first, end), each at
 * the line's height. */
static void
place_line (GtkWidget *first,
            GtkWidget *end,
            int        y,
            int        height,
            int        available,
            gboolean   rtl,
            int        spacing,
            PlaceFunc  place,
            gpointer   data)
{
  int x = 0;

  for (GtkWidget *child = first; child != end; child = gtk_widget_get_next_sibling (child))
    {
      int width;

      if (!gtk_widget_should_layout (child))
        continue;
      width = child_width (child, available);
      if (place != NULL)
        place (child, rtl ? available - x - width : x, y, width, height, data);
      x += width + spacing;
    }
}

/* Breaks the children into lines for @available pixels and returns the
 * total height; calls @place for each child when it is not NULL. */
static int
flow (TallyWrapLayout *self,
      GtkWidget       *widget,
      int              available,
      PlaceFunc        place,
      gpointer         data)
{
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GtkWidget *line_start = gtk_widget_get_first_child (widget);
  int x = 0, y = 0, line_height = 0;
  gboolean empty = TRUE;

  for (GtkWidget *child = line_start; child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int width;

      if (!gtk_widget_should_layout (child))
        continue;
      width = child_width (child, available);
      if (!empty && x + self->spacing + width > available)
        {
          place_line (line_start, child, y, line_height, available, rtl, self->spacing, place, data);
          y += line_height + self->row_spacing;
          x = 0, line_height = 0, line_start = child;
          empty = TRUE;
        }
      x += (empty ? 0 : self->spacing) + width;
      line_height = MAX (line_height, child_height (child, width));
      empty = FALSE;
    }
  if (empty)
    return 0;

  place_line (line_start, NULL, y, line_height, available, rtl, self->spacing, place, data);
  return y + line_height;
}

static void
measure_width (TallyWrapLayout *self,
               GtkWidget       *widget,
               int             *minimum,
               int             *natural)
{
  int n = 0;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural += child_nat + (n++ > 0 ? self->spacing : 0);
    }
}

static void
tally_wrap_layout_measure (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           GtkOrientation    orientation,
                           int               for_size,
                           int              *minimum,
                           int              *natural,
                           int              *minimum_baseline,
                           int              *natural_baseline)
{
  TallyWrapLayout *self = TALLY_WRAP_LAYOUT (manager);
  int min_width, nat_width;

  measure_width (self, widget, &min_width, &nat_width);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = min_width;
      *natural = nat_width;
      return;
    }

  if (for_size >= 0)
    {
      *minimum = *natural = flow (self, widget, MAX (for_size, min_width), NULL, NULL);
      return;
    }
  /* Without a width: from one line at the natural width to as many lines
   * as the minimum width takes. */
  *minimum = flow (self, widget, nat_width, NULL, NULL);
  *natural = MAX (*minimum, flow (self, widget, min_width, NULL, NULL));
}

static void
allocate_child (GtkWidget *child,
                int        x,
                int        y,
                int        width,
                int        height,
                gpointer   data)
{
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, width, height }, -1);
}

static void
tally_wrap_layout_allocate (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            int               width,
                            int               height,
                            int               baseline)
{
  flow (TALLY_WRAP_LAYOUT (manager), widget, width, allocate_child, NULL);
}

static GtkSizeRequestMode
tally_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                    GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
tally_wrap_layout_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TallyWrapLayout *self = TALLY_WRAP_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_ROW_SPACING:
      g_value_set_int (value, self->row_spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_wrap_layout_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TallyWrapLayout *self = TALLY_WRAP_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      tally_wrap_layout_set_spacing (self, g_value_get_int (value));
      break;
    case PROP_ROW_SPACING:
      tally_wrap_layout_set_row_spacing (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_wrap_layout_class_init (TallyWrapLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->get_property = tally_wrap_layout_get_property;
  object_class->set_property = tally_wrap_layout_set_property;

  layout_class->measure = tally_wrap_layout_measure;
  layout_class->allocate = tally_wrap_layout_allocate;
  layout_class->get_request_mode = tally_wrap_layout_get_request_mode;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT16, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROW_SPACING] =
    g_param_spec_int ("row-spacing", NULL, NULL, 0, G_MAXINT16, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_wrap_layout_init (TallyWrapLayout *self)
{
}

GtkLayoutManager *
tally_wrap_layout_new (void)
{
  return g_object_new (TALLY_TYPE_WRAP_LAYOUT, NULL);
}

int
tally_wrap_layout_get_spacing (TallyWrapLayout *self)
{
  g_return_val_if_fail (TALLY_IS_WRAP_LAYOUT (self), 0);

  return self->spacing;
}

/* Pixels between children on a line. */
void
tally_wrap_layout_set_spacing (TallyWrapLayout *self,
                               int              spacing)
{
  g_return_if_fail (TALLY_IS_WRAP_LAYOUT (self));

  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}

int
tally_wrap_layout_get_row_spacing (TallyWrapLayout *self)
{
  g_return_val_if_fail (TALLY_IS_WRAP_LAYOUT (self), 0);

  return self->row_spacing;
}

/* Pixels between lines. */
void
tally_wrap_layout_set_row_spacing (TallyWrapLayout *self,
                                   int              row_spacing)
{
  g_return_if_fail (TALLY_IS_WRAP_LAYOUT (self));

  if (self->row_spacing == row_spacing)
    return;
  self->row_spacing = row_spacing;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW_SPACING]);
}
