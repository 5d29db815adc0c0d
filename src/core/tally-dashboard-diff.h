/* tally-dashboard-diff.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What one edit of a layout did, as a person would name it. */
typedef enum
{
  TALLY_DASHBOARD_EDIT_NONE,
  TALLY_DASHBOARD_EDIT_MOVE_PANEL,
  TALLY_DASHBOARD_EDIT_RESIZE_PANEL,
  TALLY_DASHBOARD_EDIT_ADD_PANEL,
  TALLY_DASHBOARD_EDIT_REMOVE_PANEL,
  TALLY_DASHBOARD_EDIT_RENAME_PANEL,
  TALLY_DASHBOARD_EDIT_CHANGE_QUERY,
  TALLY_DASHBOARD_EDIT_CHANGE_PANEL,
  TALLY_DASHBOARD_EDIT_RENAME_DASHBOARD,
  TALLY_DASHBOARD_EDIT_CHANGE_SETTINGS,
  TALLY_DASHBOARD_EDIT_SEVERAL,
  TALLY_N_DASHBOARD_EDITS
} TallyDashboardEdit;

TallyDashboardEdit  tally_dashboard_diff            (JsonNode           *before,
                                                     JsonNode           *after);
const char         *tally_dashboard_edit_undo_label (TallyDashboardEdit  edit);
const char         *tally_dashboard_edit_redo_label (TallyDashboardEdit  edit);

G_END_DECLS
