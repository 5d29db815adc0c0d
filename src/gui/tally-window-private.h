/* tally-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-collector-indicator.h"
#include "tally-dashboard-page.h"
#include "tally-dashboard-sidebar.h"
#include "tally-window.h"

G_BEGIN_DECLS

struct _TallyWindow
{
  AdwApplicationWindow     parent_instance;

  GSettings               *settings;
  TallyApplication        *application;
  TallyDashboard          *dashboard;
  guint                    save_id;
  GCancellable            *cancellable;

  /* the demo store, while the window shows it */
  TallyStore              *demo_store;
  TallySource             *demo_source;
  GCancellable            *demo_cancellable;

  AdwToastOverlay         *toast_overlay;
  AdwLeaflet              *leaflet;
  GtkBox                  *sidebar;
  GtkBox                  *content;
  TallyDashboardSidebar   *dashboard_sidebar;
  GtkToggleButton         *search_button;
  AdwWindowTitle          *content_title;
  GtkStack                *content_stack;
  TallyDashboardPage      *dashboard_page;
  AdwStatusPage           *welcome_page;
  GtkLabel                *welcome_curl;
  GtkLabel                *welcome_otel;
  GtkProgressBar          *demo_progress;
  GtkButton               *demo_indicator;
  TallyCollectorIndicator *collector_indicator;
  GtkRevealer             *store_banner;
  GtkLabel                *store_banner_label;
};

void tally_window_show_error        (TallyWindow *self,
                                     const char  *format,
                                     ...) G_GNUC_PRINTF (2, 3);
void tally_window_update_source     (TallyWindow *self);
void tally_window_explore_demo      (TallyWindow *self);
void tally_window_leave_demo        (TallyWindow *self);
void tally_window_check_first_run   (TallyWindow *self);
void tally_window_class_init_demo   (GtkWidgetClass *widget_class);

G_END_DECLS
