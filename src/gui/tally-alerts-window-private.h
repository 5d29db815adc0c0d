/* tally-alerts-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-alerts-window.h"

G_BEGIN_DECLS

struct _TallyAlertsWindow
{
  AdwWindow         parent_instance;

  TallyApplication *application;
  GCancellable     *cancellable;   /* of the listing running */
  char             *list_error;
  char             *rules_error;     /* the last change to the rules that could not be saved */
  char             *rules_listed;    /* the ids, names, conditions and origins listed */
  guint             n_alerts;
  guint             n_rules;
  gboolean          checking;
  gboolean          syncing;         /* switches set to the file, not by a person */
  GtkSwitch        *reverting;       /* to put back: its change was not saved */

  /* what Undo puts back: @undo_rule at @undo_position, or, when NULL,
   * the rule @undo_id taken out again */
  char             *undo_id;
  JsonNode         *undo_rule;
  int               undo_position;
  AdwToast         *undo_toast;      /* while it is shown */
  GPtrArray        *dismissing;      /* toasts to dismiss at the next idle */
  guint             dismiss_id;

  AdwToastOverlay  *toasts;
  GtkButton        *check_button;
  GtkSpinner       *spinner;
  GtkRevealer      *banner;
  GtkLabel         *banner_label;
  GtkStack         *stack;
  AdwStatusPage    *empty_page;
  GtkLabel         *history_title;
  GtkListBox       *firing_list;
  GtkListBox       *history_list;
  GtkListBox       *rules_list;
  GtkLabel         *rules_footer;
  GtkLabel         *placeholder_title;
  GtkLabel         *placeholder_description;
};

void tally_alerts_window_update_banner (TallyAlertsWindow *self);
void tally_alerts_window_update_page   (TallyAlertsWindow *self);
void tally_alerts_window_clear_list    (GtkListBox        *list);
void tally_alerts_window_update_rules  (TallyAlertsWindow *self);
void tally_alerts_window_forget_undo   (TallyAlertsWindow *self);
void tally_alerts_window_drop_undo     (TallyAlertsWindow *self);
void tally_alerts_window_class_add_rule_actions (GtkWidgetClass *widget_class);

G_END_DECLS
