/* tally-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-application.h"
#include "tally-dashboard-editor.h"
#include "tally-dashboard-page.h"
#include "tally-dashboard-sidebar.h"

G_BEGIN_DECLS

#define TALLY_TYPE_WINDOW (tally_window_get_type ())

G_DECLARE_FINAL_TYPE (TallyWindow, tally_window, TALLY, WINDOW, AdwApplicationWindow)

TallyWindow           *tally_window_new         (TallyApplication *application);
TallyDashboardPage    *tally_window_get_page    (TallyWindow      *self);
TallyDashboardSidebar *tally_window_get_sidebar (TallyWindow      *self);
gboolean               tally_window_get_editing (TallyWindow      *self);
void                   tally_window_set_editing (TallyWindow      *self,
                                                 gboolean          editing);
TallyDashboardEditor  *tally_window_get_editor  (TallyWindow      *self);
void                   tally_window_import_files (TallyWindow     *self,
                                                  GList           *files);

G_END_DECLS
