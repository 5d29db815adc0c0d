/* tally-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-collector-indicator.h"
#include "tally-dashboard-editor.h"
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

  /* editing the shown dashboard (tally-window-edit.c) */
  TallyDashboardEditor    *editor;
  GBinding                *undo_binding;
  GBinding                *redo_binding;
  gboolean                 editing;
  TallyDashboard          *editing_dashboard;   /* compared only */

  /* the source the dashboard names, when not "local" (tally-window-sources.c) */
  char                    *remote_name;
  TallySource             *remote_source;
  GCancellable            *source_cancellable;
  GtkWidget               *source_dialog;
  GHashTable              *asked_dashboards;   /* uids */

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
  GtkButton               *undo_button;
  GtkButton               *redo_button;
  GtkButton               *add_panel_button;
  GtkToggleButton         *edit_button;
  GtkButton               *duplicate_button;
  GtkButton               *alerts_button;
  GtkLabel                *alerts_count;
};

void tally_window_show_error        (TallyWindow *self,
                                     const char  *format,
                                     ...) G_GNUC_PRINTF (2, 3);
void tally_window_update_source     (TallyWindow *self);
void tally_window_explore_demo      (TallyWindow *self);
void tally_window_leave_demo        (TallyWindow *self);
void tally_window_check_first_run   (TallyWindow *self);
void tally_window_class_init_demo   (GtkWidgetClass *widget_class);

gboolean             tally_window_is_builtin      (TallyWindow    *self,
                                                   TallyDashboard *dashboard);
TallyDashboardLibrary *tally_window_get_library   (TallyWindow    *self);
void                 tally_window_select          (TallyWindow    *self,
                                                   TallyDashboard *dashboard);

/* tally-window-sources.c */
TallySource *tally_window_get_chosen_source (TallyWindow *self);
void         tally_window_resolve_source    (TallyWindow *self);
void         tally_window_init_sources      (TallyWindow *self);
GStrv        tally_window_dup_source_names  (TallyWindow *self);
void         tally_window_dispose_sources   (TallyWindow *self);

/* tally-window-alerts.c */
void     tally_window_init_alerts       (TallyWindow *self);

/* tally-window-edit.c */
gboolean tally_window_can_edit          (TallyWindow *self);
void     tally_window_update_editor     (TallyWindow *self);
void     tally_window_update_editable   (TallyWindow *self);
void     tally_window_clear_editor      (TallyWindow *self);
void     tally_window_init_edit         (TallyWindow *self);
void     tally_window_class_init_edit   (GtkWidgetClass *widget_class);

/* tally-window-share.c */
void     tally_window_init_share        (TallyWindow *self);
void     tally_window_class_init_share  (GtkWidgetClass *widget_class);
void     tally_window_update_share      (TallyWindow *self);

G_END_DECLS
