/* tally-chart-view-drag.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Zooming by dragging: a horizontal drag across the plot of a chart along
 * time (lines, bars over time) selects the buckets it covers, shown as a
 * translucent band in the hover layer, so the chart itself is not drawn
 * again; on release the view emits ::range-selected with the first
 * bucket's start and the last one's end. The window turns that into the
 * dashboard's range.
 *
 * A press that moves less than DRAG_THRESHOLD pixels stays a click, so
 * legend entries still toggle; Escape drops the selection. The handlers
 * read positions from the signals' arguments only, so tests can drive the
 * gesture by emitting them. */

#include "config.h"

#include <math.h>

#include "tally-chart-view-private.h"

/* Pixels along the time axis before a press becomes a selection. */
#define DRAG_THRESHOLD 5.0

enum
{
  RANGE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
reset (TallyChartView *self)
{
  gboolean was_selecting = self->dragging;

  self->drag_armed = FALSE;
  self->dragging = FALSE;
  self->drag_bucket = -1;
  if (was_selecting)
    {
      g_clear_pointer (&self->overlay, gsk_render_node_unref);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
drag_begin_cb (TallyChartView *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  cairo_rectangle_t plot;

  reset (self);
  if (tally_chart_view_table_shown (self) || !tally_chart_get_time_plot (self->chart, &plot))
    return;
  if (x < plot.x || x > plot.x + plot.width || y < plot.y || y > plot.y + plot.height)
    return;

  self->drag_armed = TRUE;
  self->drag_x1 = self->drag_x2 = x;
}

static void
drag_update_cb (TallyChartView *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  int bucket;

  if (!self->drag_armed)
    return;

  self->drag_x2 = self->drag_x1 + offset_x;
  if (!self->dragging)
    {
      if (fabs (offset_x) < DRAG_THRESHOLD)
        return;
      /* A selection now, not a click; and the keyboard, for Escape. */
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (gtk_widget_get_focusable (GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (self));
    }

  /* The band snaps to buckets: record it again only when it grows or
   * shrinks by one. */
  bucket = tally_chart_get_bucket_at (self->chart, self->drag_x2, NULL, NULL);
  if (bucket == self->drag_bucket && self->overlay != NULL)
    return;
  self->drag_bucket = bucket;
  g_clear_pointer (&self->overlay, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (TallyChartView *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  gint64 from = 0, to = 0;
  double x1, x2;

  if (!self->dragging)
    {
      reset (self);
      return;
    }

  x1 = MIN (self->drag_x1, self->drag_x1 + offset_x);
  x2 = MAX (self->drag_x1, self->drag_x1 + offset_x);
  reset (self);
  if (tally_chart_get_bucket_at (self->chart, x1, &from, NULL) < 0 ||
      tally_chart_get_bucket_at (self->chart, x2, NULL, &to) < 0)
    return;

  g_signal_emit (self, signals[RANGE_SELECTED], 0, from, to);
}

static void
drag_cancel_cb (TallyChartView   *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  reset (self);
}

/* Escape: drops a selection being dragged. Returns whether there was one. */
gboolean
tally_chart_view_drag_cancel (TallyChartView *self)
{
  if (!self->dragging)
    return FALSE;

  reset (self);
  /* The pointer is still down: the rest of this drag selects nothing. */
  gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
  return TRUE;
}

gboolean
tally_chart_view_drag_selecting (TallyChartView *self)
{
  return self->dragging;
}

/* The band, under the hover layer's crosshair and tooltip. */
void
tally_chart_view_drag_draw (TallyChartView *self,
                            cairo_t        *cr)
{
  if (self->dragging)
    tally_chart_draw_selection (self->chart, cr, self->drag_x1, self->drag_x2);
}

void
tally_chart_view_init_drag (TallyChartView *self)
{
  self->drag = gtk_gesture_drag_new ();
  self->drag_bucket = -1;
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (self->drag), "chart-drag");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (self->drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (self->drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (self->drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect_swapped (self->drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drag));
}

void
tally_chart_view_class_init_drag (GtkWidgetClass *widget_class)
{
  /**
   * TallyChartView::range-selected:
   * @view: the view
   * @from: the start of the first bucket selected, Unix seconds
   * @to: the end of the last one (exclusive)
   *
   * A range was dragged across a chart along time: the window makes it
   * the dashboard's range. Snapped to whole buckets, in either direction.
   */
  signals[RANGE_SELECTED] = g_signal_new ("range-selected", G_TYPE_FROM_CLASS (widget_class),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                          G_TYPE_INT64, G_TYPE_INT64);
}
