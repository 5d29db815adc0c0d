/* tally-chart-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* One panel's chart in the window. TallyChart (src/charts) does the
 * drawing and the hit tests; this widget gives it a size, a theme made
 * from the live libadwaita style, the pointer and the keyboard, and a
 * voice for screen readers.
 *
 * Speed is about not drawing: the chart is drawn once into an image and
 * replayed until something it shows changes (the chart, the size, the
 * style, the scale). The hover layer (crosshair, highlight, tooltip) is a
 * second node, recorded once per hovered item, so moving the pointer
 * within a bucket redraws nothing and moving to the next records only that
 * small layer. A snapshot replays nodes; it never lays text out. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-chart-theme-gtk.h"
#include "tally-chart-view-private.h"

#define MIN_WIDTH 96
#define MIN_HEIGHT 64
#define NATURAL_WIDTH 400
#define NATURAL_HEIGHT 240

enum {
  PROP_0,
  PROP_CHART,
  PROP_VIEW_AS_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TallyChartView, tally_chart_view, GTK_TYPE_WIDGET)

/* Forgets everything drawn: the next snapshot records the chart again, and
 * the hovered item is found again at the same point. */
static void
tally_chart_view_invalidate (TallyChartView *self)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->overlay, gsk_render_node_unref);
  g_clear_pointer (&self->hit, tally_chart_hit_free);
  self->hit_dirty = self->hovering;
  tally_chart_view_clear_targets (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
tally_chart_view_update_theme (TallyChartView *self)
{
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_gtk_lookup (GTK_WIDGET (self));

  /* The same shared theme is no change: the chart keeps its caches. */
  tally_chart_set_theme (self->chart, theme);
}

static void
tally_chart_view_update_accessible (TallyChartView *self)
{
  const char *title = tally_chart_get_title (self->chart);
  g_autofree char *description = tally_chart_describe (self->chart);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static gboolean
same_hit (const TallyChartHit *a,
          const TallyChartHit *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return a->kind == b->kind && a->series == b->series && a->index == b->index &&
         a->column == b->column && a->x == b->x && a->y == b->y &&
         g_strcmp0 (a->text, b->text) == 0;
}

/* Finds the item at the hovered point; the hover layer is recorded again
 * only when the item (or where its tooltip points) changed. */
static void
tally_chart_view_update_hit (TallyChartView *self)
{
  g_autoptr(TallyChartHit) hit = NULL;

  self->hit_dirty = FALSE;
  if (self->hovering && !tally_chart_view_table_shown (self))
    hit = tally_chart_hit_test (self->chart, self->hover_x, self->hover_y);
  if (same_hit (hit, self->hit))
    return;

  g_clear_pointer (&self->hit, tally_chart_hit_free);
  g_clear_pointer (&self->overlay, gsk_render_node_unref);
  self->hit = g_steal_pointer (&hit);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tally_chart_view_set_hover (TallyChartView *self,
                            double          x,
                            double          y,
                            gboolean        keyboard)
{
  self->hover_x = x;
  self->hover_y = y;
  self->hovering = TRUE;
  self->keyboard = !!keyboard;
  tally_chart_view_update_hit (self);
}

void
tally_chart_view_clear_hover (TallyChartView *self)
{
  self->hovering = FALSE;
  self->keyboard = FALSE;
  tally_chart_view_update_hit (self);
}

static void
chart_notify_cb (TallyChartView *self,
                 GParamSpec     *pspec,
                 TallyChart     *chart)
{
  const char *name = g_param_spec_get_name (pspec);

  tally_chart_view_invalidate (self);
  if (g_str_equal (name, "theme") || g_str_equal (name, "first-row"))
    return;

  tally_chart_view_update_accessible (self);

  /* The table shows data, not states: "loading" leaves it alone. */
  if (self->view_as_table && !g_str_equal (name, "loading"))
    tally_chart_view_table_sync (self);
}

static void
style_changed_cb (TallyChartView *self)
{
  tally_chart_view_update_theme (self);
}

static void
motion_cb (TallyChartView           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  gboolean over_legend;

  if (tally_chart_view_table_shown (self))
    return;

  /* A legend entry is a button: it says so. */
  over_legend = tally_chart_legend_hit_test (self->chart, x, y) != NULL;
  if (over_legend != self->over_legend)
    {
      self->over_legend = over_legend;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over_legend ? "pointer" : NULL);
    }

  tally_chart_view_set_hover (self, x, y, FALSE);
}

static void
leave_cb (TallyChartView           *self,
          GtkEventControllerMotion *controller)
{
  self->over_legend = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  tally_chart_view_clear_hover (self);
}

static void
focus_leave_cb (TallyChartView          *self,
                GtkEventControllerFocus *controller)
{
  if (self->keyboard)
    tally_chart_view_clear_hover (self);
}

/* A click on a legend entry hides or shows that series. The chart keeps
 * hidden series in its options and notifies them, for the dashboard to
 * save. */
static void
released_cb (TallyChartView  *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *gesture)
{
  g_autofree char *name = NULL;

  if (tally_chart_view_table_shown (self))
    return;

  /* A clicked chart takes the keyboard, as a list does. */
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  /* Owned by the chart until it changes, which the toggle does. */
  name = g_strdup (tally_chart_legend_hit_test (self->chart, x, y));
  if (name == NULL)
    return;

  tally_chart_toggle_series (self->chart, name);
}

/* A table chart scrolls its rows (the chart draws the rows that fit). */
static gboolean
scroll_cb (TallyChartView           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  TallyFrame *frame = tally_chart_get_frame (self->chart);
  guint first = tally_chart_get_first_row (self->chart);
  guint n_rows;
  int steps;

  if (tally_chart_get_chart_type (self->chart) != TALLY_CHART_TABLE || frame == NULL ||
      tally_frame_get_shape (frame) != TALLY_SHAPE_TABLE || tally_chart_view_table_shown (self))
    return FALSE;

  n_rows = tally_frame_get_n_rows (frame);
  self->scroll_rows += dy * 3;
  steps = (int) self->scroll_rows;
  self->scroll_rows -= steps;
  if (steps < 0)
    first = (guint) -steps > first ? 0 : first + steps;
  else
    first = MIN (first + steps, n_rows > 0 ? n_rows - 1 : 0);
  tally_chart_set_first_row (self->chart, first);

  return TRUE;
}

static void
toggle_series_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TallyChartView *self = TALLY_CHART_VIEW (widget);

  tally_chart_toggle_series (self->chart, g_variant_get_string (parameter, NULL));
}

/* The chart as pixels at the device scale, painted into a cairo node. A
 * node recording the drawing itself would have GSK's cairo renderer play
 * every path and glyph back on each frame the hover layer damages (2-4 ms
 * for a five-series line chart); an image is copied in 0.1 ms. A texture
 * node would be worse there: GTK 4.8 draws it with EXTEND_PAD, off
 * pixman's fast path (20 ms). The GL renderer uploads either once. */
static GskRenderNode *
render_chart (TallyChartView *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, self->width, self->height);
  cairo_surface_t *surface;
  GtkSnapshot *snapshot;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, self->width * scale,
                                        self->height * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  tally_chart_draw (self->chart, cr);
  cairo_destroy (cr);

  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return gtk_snapshot_free_to_node (snapshot);
}

/* The hover layer: a crosshair and a tooltip, and the band of a range
 * being dragged, few enough strokes to stay a recording. */
static GskRenderNode *
record_overlay (TallyChartView *self)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                           &GRAPHENE_RECT_INIT (0, 0, self->width, self->height));

  tally_chart_view_drag_draw (self, cr);
  if (self->hit != NULL)
    tally_chart_draw_overlay (self->chart, cr, self->hover_x, self->hover_y);
  cairo_destroy (cr);

  return gtk_snapshot_free_to_node (snapshot);
}

static void
tally_chart_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  TallyChartView *self = TALLY_CHART_VIEW (widget);

  if (tally_chart_view_table_shown (self))
    {
      gtk_widget_snapshot_child (widget, self->table, snapshot);
      return;
    }
  if (self->width <= 0 || self->height <= 0)
    return;

  if (self->node == NULL)
    self->node = render_chart (self);
  if (self->node != NULL)
    gtk_snapshot_append_node (snapshot, self->node);

  if (self->hit_dirty)
    tally_chart_view_update_hit (self);
  if (self->hit == NULL && !tally_chart_view_drag_selecting (self))
    return;
  if (self->overlay == NULL)
    self->overlay = record_overlay (self);
  if (self->overlay != NULL)
    gtk_snapshot_append_node (snapshot, self->overlay);
}

static void
tally_chart_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  TallyChartView *self = TALLY_CHART_VIEW (widget);
  gboolean horizontal = orientation == GTK_ORIENTATION_HORIZONTAL;
  int child_min = 0, child_nat = 0;

  if (self->table != NULL && gtk_widget_get_visible (self->table))
    gtk_widget_measure (self->table, orientation, for_size, &child_min, &child_nat, NULL, NULL);

  *minimum = MAX (horizontal ? MIN_WIDTH : MIN_HEIGHT, child_min);
  *natural = MAX (horizontal ? NATURAL_WIDTH : NATURAL_HEIGHT, MAX (child_nat, *minimum));
}

static void
tally_chart_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  TallyChartView *self = TALLY_CHART_VIEW (widget);

  if (self->table != NULL && gtk_widget_get_visible (self->table))
    gtk_widget_allocate (self->table, width, height, baseline, NULL);

  if (width == self->width && height == self->height)
    return;
  self->width = width;
  self->height = height;
  tally_chart_set_size (self->chart, width, height);
  tally_chart_view_invalidate (self);
}

static void
tally_chart_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (tally_chart_view_parent_class)->css_changed (widget, change);

  tally_chart_view_update_theme (TALLY_CHART_VIEW (widget));
}

static void
tally_chart_view_system_setting_changed (GtkWidget        *widget,
                                         GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (tally_chart_view_parent_class)->system_setting_changed (widget, setting);

  if (setting == GTK_SYSTEM_SETTING_FONT_NAME || setting == GTK_SYSTEM_SETTING_DPI)
    tally_chart_view_update_theme (TALLY_CHART_VIEW (widget));
}

/* The style manager is per display, known once the widget is in a window. */
static void
tally_chart_view_root (GtkWidget *widget)
{
  TallyChartView *self = TALLY_CHART_VIEW (widget);
  GdkDisplay *display;

  GTK_WIDGET_CLASS (tally_chart_view_parent_class)->root (widget);

  display = gtk_widget_get_display (widget);
  self->style_manager = g_object_ref (adw_style_manager_get_for_display (display));
  g_signal_connect_object (self->style_manager, "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->style_manager, "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  tally_chart_view_update_theme (self);
}

static void
tally_chart_view_unroot (GtkWidget *widget)
{
  TallyChartView *self = TALLY_CHART_VIEW (widget);

  if (self->style_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->style_manager, self);
  g_clear_object (&self->style_manager);

  GTK_WIDGET_CLASS (tally_chart_view_parent_class)->unroot (widget);
}

static void
tally_chart_view_constructed (GObject *object)
{
  TallyChartView *self = TALLY_CHART_VIEW (object);

  G_OBJECT_CLASS (tally_chart_view_parent_class)->constructed (object);

  if (self->chart == NULL)
    self->chart = tally_chart_new (TALLY_CHART_LINE);
  g_signal_connect_object (self->chart, "notify", G_CALLBACK (chart_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self, "notify::scale-factor", G_CALLBACK (style_changed_cb), self);
  tally_chart_view_update_accessible (self);
}

static void
tally_chart_view_dispose (GObject *object)
{
  TallyChartView *self = TALLY_CHART_VIEW (object);

  tally_chart_view_table_dispose (self);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->overlay, gsk_render_node_unref);
  g_clear_pointer (&self->hit, tally_chart_hit_free);
  g_clear_pointer (&self->targets, g_array_unref);
  if (self->chart != NULL)
    g_signal_handlers_disconnect_by_data (self->chart, self);
  g_clear_object (&self->chart);

  G_OBJECT_CLASS (tally_chart_view_parent_class)->dispose (object);
}

static void
tally_chart_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TallyChartView *self = TALLY_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    case PROP_VIEW_AS_TABLE:
      g_value_set_boolean (value, self->view_as_table);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_chart_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TallyChartView *self = TALLY_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      self->chart = g_value_dup_object (value);
      break;
    case PROP_VIEW_AS_TABLE:
      tally_chart_view_set_view_as_table (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_chart_view_class_init (TallyChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tally_chart_view_constructed;
  object_class->dispose = tally_chart_view_dispose;
  object_class->get_property = tally_chart_view_get_property;
  object_class->set_property = tally_chart_view_set_property;

  widget_class->snapshot = tally_chart_view_snapshot;
  widget_class->measure = tally_chart_view_measure;
  widget_class->size_allocate = tally_chart_view_size_allocate;
  widget_class->css_changed = tally_chart_view_css_changed;
  widget_class->system_setting_changed = tally_chart_view_system_setting_changed;
  widget_class->root = tally_chart_view_root;
  widget_class->unroot = tally_chart_view_unroot;

  /**
   * TallyChartView:chart:
   *
   * The chart shown: set its frame, options, title, loading and error
   * states on it; the view follows every change.
   */
  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, TALLY_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * TallyChartView:view-as-table:
   *
   * Whether the data shows as a table of exact values instead of the
   * chart (the panel menu's "View as Table").
   */
  properties[PROP_VIEW_AS_TABLE] =
    g_param_spec_boolean ("view-as-table", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "chart.view-as-table", "view-as-table");
  gtk_widget_class_install_action (widget_class, "chart.toggle-series", "s", toggle_series_action);

  tally_chart_view_class_init_drag (widget_class);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
add_controllers (TallyChartView *self)
{
  GtkEventController *controller;

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_name (controller, "chart-motion");
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_event_controller_set_name (controller, "chart-click");
  g_signal_connect_swapped (controller, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (controller, "chart-keys");
  g_signal_connect_swapped (controller, "key-pressed",
                            G_CALLBACK (tally_chart_view_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  gtk_event_controller_set_name (controller, "chart-scroll");
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  tally_chart_view_init_drag (self);
}

static void
tally_chart_view_init (TallyChartView *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  add_controllers (self);
}

/**
 * tally_chart_view_new:
 * @type: the chart type
 *
 * A view of a new, empty chart of @type; give it data through
 * tally_chart_view_get_chart().
 */
GtkWidget *
tally_chart_view_new (TallyChartType type)
{
  g_autoptr(TallyChart) chart = NULL;

  g_return_val_if_fail (type < TALLY_N_CHART_TYPES, NULL);

  chart = tally_chart_new (type);
  return tally_chart_view_new_for_chart (chart);
}

/**
 * tally_chart_view_new_for_chart:
 * @chart: the chart to show (referenced)
 */
GtkWidget *
tally_chart_view_new_for_chart (TallyChart *chart)
{
  g_return_val_if_fail (TALLY_IS_CHART (chart), NULL);

  return g_object_new (TALLY_TYPE_CHART_VIEW, "chart", chart, NULL);
}

/**
 * tally_chart_view_get_chart:
 *
 * Returns: (transfer none): the chart; the view redraws, updates its
 * accessible description and its table whenever the chart notifies.
 */
TallyChart *
tally_chart_view_get_chart (TallyChartView *self)
{
  g_return_val_if_fail (TALLY_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

gboolean
tally_chart_view_get_view_as_table (TallyChartView *self)
{
  g_return_val_if_fail (TALLY_IS_CHART_VIEW (self), FALSE);

  return self->view_as_table;
}

void
tally_chart_view_set_view_as_table (TallyChartView *self,
                                    gboolean        view_as_table)
{
  g_return_if_fail (TALLY_IS_CHART_VIEW (self));

  view_as_table = !!view_as_table;
  if (self->view_as_table == view_as_table)
    return;

  self->view_as_table = view_as_table;
  tally_chart_view_clear_hover (self);
  tally_chart_view_table_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_AS_TABLE]);
}

/**
 * tally_chart_view_get_hit:
 *
 * What the pointer or the keyboard hovers, with the frame's exact values,
 * or %NULL.
 *
 * Returns: (transfer none) (nullable): the hovered item, valid until the
 * hover or the chart changes
 */
const TallyChartHit *
tally_chart_view_get_hit (TallyChartView *self)
{
  g_return_val_if_fail (TALLY_IS_CHART_VIEW (self), NULL);

  if (self->hit_dirty)
    tally_chart_view_update_hit (self);

  return self->hit;
}
