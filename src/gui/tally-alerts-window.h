/* tally-alerts-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-application.h"

G_BEGIN_DECLS

#define TALLY_TYPE_ALERTS_WINDOW (tally_alerts_window_get_type ())

G_DECLARE_FINAL_TYPE (TallyAlertsWindow, tally_alerts_window, TALLY, ALERTS_WINDOW, AdwWindow)

TallyAlertsWindow *tally_alerts_window_new        (TallyApplication  *application);
void               tally_alerts_window_reload     (TallyAlertsWindow *self);
gboolean           tally_alerts_window_is_loading (TallyAlertsWindow *self);
GtkListBox        *tally_alerts_window_get_firing (TallyAlertsWindow *self);
GtkListBox        *tally_alerts_window_get_history (TallyAlertsWindow *self);
GtkListBox        *tally_alerts_window_get_rules  (TallyAlertsWindow *self);

G_END_DECLS
