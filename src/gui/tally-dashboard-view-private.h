/* tally-dashboard-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* TallyDashboardView's fields, shared by the files it is split into:
 * tally-dashboard-view.c (the cards, following the dashboard) and
 * tally-dashboard-view-edit.c (edit mode: dragging, resizing, the cards'
 * places told to screen readers). */

#pragma once

#include <adwaita.h>

#include "tally-dashboard-view.h"
#include "tally-grid-geometry.h"

G_BEGIN_DECLS

struct _TallyDashboardView
{
  GtkWidget       parent_instance;

  TallyDashboard *dashboard;
  GListModel     *panels;      /* the dashboard's */
  GHashTable     *cards;       /* TallyPanel → TallyPanelCard, a child */
  GTimeZone      *tz;

  AdwStatusPage  *empty;
  GtkWidget      *add_button;

  /* Edit mode (tally-dashboard-view-edit.c). */
  GtkWidget      *placeholder; /* where the dragged panel lands */
  GtkGesture     *drag;
  TallyPanelCard *drag_card;   /* while a drag moves or resizes it */
  TallyGridRect  *drag_rects;  /* the layout when the drag began, floated up */
  guint           drag_n;
  guint           drag_index;
  TallyGridBox    drag_start;  /* the card's box when the drag began */
  guint           fold_idle;
  guint           editing : 1;
  guint           resizing : 1;
  guint           folded : 1;  /* as the cards were last told */
};

/* tally-dashboard-view.c */
void     tally_dashboard_view_sync_cards      (TallyDashboardView *self);
void     tally_dashboard_view_emit_edit       (TallyDashboardView *self,
                                               gboolean            begin);
void     tally_dashboard_view_notify_editing  (TallyDashboardView *self);

/* tally-dashboard-view-edit.c */
void     tally_dashboard_view_edit_init       (TallyDashboardView *self);
void     tally_dashboard_view_edit_dispose    (TallyDashboardView *self);
void     tally_dashboard_view_edit_card       (TallyDashboardView *self,
                                               TallyPanelCard     *card);
void     tally_dashboard_view_update_places   (TallyDashboardView *self);
gboolean tally_dashboard_view_drag_begin      (TallyDashboardView *self,
                                               double              x,
                                               double              y);
void     tally_dashboard_view_drag_update     (TallyDashboardView *self,
                                               double              dx,
                                               double              dy);
void     tally_dashboard_view_drag_end        (TallyDashboardView *self,
                                               gboolean            cancelled);

G_END_DECLS
