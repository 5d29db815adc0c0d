/* tally-test-dashboard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-dashboard-history.h"
#include "tally-dashboard-view.h"
#include "tally-grid-geometry.h"
#include "tally-panel-card-private.h"
#include "tally-test-chart-view.h"
#include "tally-test-grid.h"

G_BEGIN_DECLS

/* Four panels: a stat (id 1, x 0–5), a line (2, x 6–23, described), a
 * bar with its own range (3, under the stat) and a heatmap (4) that
 * floats up from row 12 to row 10. */
extern const char *TDV_DASHBOARD;

/* A dashboard view in a window, in a scrolled window of a set width
 * inside a toast overlay, with a "win.add-panel" action. */
typedef struct
{
  GtkWindow          *window;
  AdwToastOverlay    *overlay;
  GtkScrolledWindow  *scrolled;
  TallyDashboardView *view;
  TallyDashboard     *dashboard;
  GSimpleActionGroup *win_actions;
} TdvFixture;

TallyDashboard  *tdv_dashboard_new (const char         *json);
void             tdv_open          (TdvFixture         *f,
                                    const char         *json,
                                    int                 width,
                                    int                 height);
void             tdv_set_width     (TdvFixture         *f,
                                    int                 width);
void             tdv_close         (TdvFixture         *f);
cairo_surface_t *tdv_render        (TdvFixture         *f,
                                    const char         *name);
TallyPanelCard  *tdv_card          (TdvFixture         *f,
                                    guint               id);
void             tdv_card_box      (TdvFixture         *f,
                                    guint               id,
                                    TallyGridBox       *box);
void             tdv_render_box    (TallyDashboard     *dashboard,
                                    int                 width,
                                    guint               id,
                                    TallyGridBox       *box);
void             tdv_give_frames   (TdvFixture         *f);
TallyFrame      *tdv_frame_for     (TallyPanel         *panel);
void             tdv_wait_undo_label (TallyDashboardHistory *history,
                                      const char            *label);

G_END_DECLS
