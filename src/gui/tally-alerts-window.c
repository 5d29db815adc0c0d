/* tally-alerts-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The Alerts window: the alerts firing now, then the history of those
 * that resolved, newest first, as the store's history has them (so alerts
 * recorded by `tally collect` show too). It lists again after every
 * evaluation of the rules (TallyApplication::alerts-changed); Check Now
 * evaluates at once. With no alert at all it says what the rules watch
 * and where to set them; a banner says when alerts are off, when rules
 * cannot be checked, or when the history cannot be read. The history is
 * read on a worker thread (tally_alert_history_list_async()). Below, the
 * Rules list (tally-alerts-window-rules.c) shows every rule alerts.json
 * knows, to turn off or on, add, change, duplicate and delete. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-alert-row.h"
#include "tally-alerts-window-private.h"
#include "tally-paths.h"
#include "tally-store.h"

/* The history lists at most this many alerts. */
#define HISTORY_LIMIT 200


G_DEFINE_FINAL_TYPE (TallyAlertsWindow, tally_alerts_window, ADW_TYPE_WINDOW)

static void
update_spinner (TallyAlertsWindow *self)
{
  gboolean busy = self->checking || self->cancellable != NULL;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

/* Why alerts are off, or which rules the last evaluation could not
 * check, or why the history cannot be read: NULL when all is well. */
static char *
banner_text (TallyAlertsWindow *self)
{
  TallyAlertEvaluator *evaluator = tally_application_get_alert_evaluator (self->application);
  const char *alerts_error = tally_application_get_alerts_error (self->application);
  const char *store_error = tally_application_get_store_error (self->application);
  GPtrArray *errors;

  if (self->rules_error != NULL)
    return g_strdup_printf (_("The rule could not be changed: %s"), self->rules_error);
  if (alerts_error != NULL)
    return g_strdup_printf (_("Alerts are off: %s"), alerts_error);
  if (evaluator == NULL && store_error != NULL)
    return g_strdup_printf (_("Alerts are off: Tally cannot open its store: %s"), store_error);
  if (self->list_error != NULL)
    return g_strdup_printf (_("Cannot read the alert history: %s"), self->list_error);
  if (evaluator != NULL && (errors = tally_alert_evaluator_get_errors (evaluator)) != NULL && errors->len > 0)
    return g_strdup_printf (g_dngettext (NULL, "%u rule could not be checked: %s",
                                         "%u rules could not be checked: %s", errors->len),
                            errors->len, (const char *) g_ptr_array_index (errors, 0));
  return NULL;
}

void
tally_alerts_window_update_banner (TallyAlertsWindow *self)
{
  g_autofree char *text = banner_text (self);

  gtk_label_set_label (self->banner_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (self->banner, text != NULL);
}

static void
update_empty_page (TallyAlertsWindow *self)
{
  TallyAlertEvaluator *evaluator = tally_application_get_alert_evaluator (self->application);
  GPtrArray *rules = evaluator != NULL ? tally_alert_evaluator_get_rules (evaluator) : NULL;
  guint n = rules != NULL ? rules->len : 0;
  g_autofree char *description = NULL;

  if (n == 0)
    description = g_strdup (_("No rule is checked: every rule is turned off. "
                              "Add a rule to be told before a limit or a budget is hit."));
  else
    description = g_strdup_printf (g_dngettext (NULL,
                                                "Tally checks %u rule every minute and lists each alert "
                                                "here as it fires. Set your rate limits and budget in "
                                                "Preferences, and add your own rules below.",
                                                "Tally checks %u rules every minute — rate limits, budget, "
                                                "error and 429 rates, latency — and lists each alert here "
                                                "as it fires. Set your rate limits and budget in "
                                                "Preferences, and add your own rules below.", n),
                                   n);
  adw_status_page_set_description (self->empty_page, description);
  gtk_label_set_label (self->placeholder_description, description);
}

/* The list page whenever there is an alert or a rule to show. */
void
tally_alerts_window_update_page (TallyAlertsWindow *self)
{
  gtk_label_set_label (self->placeholder_title, self->n_alerts > 0 ? _("Nothing is firing now") : _("No alerts yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_description), self->n_alerts == 0);
  gtk_stack_set_visible_child_name (self->stack, self->n_alerts > 0 || self->n_rules > 0 ? "list" : "empty");
}

void
tally_alerts_window_clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
show_alerts (TallyAlertsWindow *self,
             GPtrArray         *alerts)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_history = 0;

  tally_alerts_window_clear_list (self->firing_list);
  tally_alerts_window_clear_list (self->history_list);
  for (guint i = 0; i < alerts->len; i++)
    {
      const TallyAlert *alert = g_ptr_array_index (alerts, i);
      GtkListBox *list = alert->resolved_at == 0 ? self->firing_list : self->history_list;

      gtk_list_box_append (list, tally_alert_row_new (alert, now, NULL));
      n_history += alert->resolved_at != 0;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->history_title), n_history > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), n_history > 0);
  self->n_alerts = alerts->len;
  tally_alerts_window_update_page (self);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TallyAlertsWindow) self = user_data;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;

  alerts = tally_alert_history_list_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->list_error, g_free);
  if (alerts != NULL)
    show_alerts (self, alerts);
  else
    self->list_error = g_strdup (error->message);

  update_empty_page (self);
  tally_alerts_window_update_banner (self);
  update_spinner (self);
}

/**
 * tally_alerts_window_reload:
 *
 * Lists the history again, replacing a listing still running; does
 * nothing before the store is open.
 */
void
tally_alerts_window_reload (TallyAlertsWindow *self)
{
  TallyStore *store;

  g_return_if_fail (TALLY_IS_ALERTS_WINDOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  tally_alerts_window_update_rules (self);
  update_empty_page (self);
  tally_alerts_window_update_banner (self);

  store = tally_application_get_store (self->application);
  if (store != NULL)
    {
      self->cancellable = g_cancellable_new ();
      tally_alert_history_list_async (tally_store_get_path (store), G_MININT64, G_MAXINT64, HISTORY_LIMIT,
                                      self->cancellable, listed_cb, g_object_ref (self));
    }
  update_spinner (self);
}

/* Whether a listing or a Check Now is under way. */
gboolean
tally_alerts_window_is_loading (TallyAlertsWindow *self)
{
  g_return_val_if_fail (TALLY_IS_ALERTS_WINDOW (self), FALSE);
  return self->checking || self->cancellable != NULL;
}

GtkListBox *
tally_alerts_window_get_firing (TallyAlertsWindow *self)
{
  g_return_val_if_fail (TALLY_IS_ALERTS_WINDOW (self), NULL);
  return self->firing_list;
}

GtkListBox *
tally_alerts_window_get_history (TallyAlertsWindow *self)
{
  g_return_val_if_fail (TALLY_IS_ALERTS_WINDOW (self), NULL);
  return self->history_list;
}

/* The Rules list: one row per rule (tally-alert-rule-row.h). */
GtkListBox *
tally_alerts_window_get_rules (TallyAlertsWindow *self)
{
  g_return_val_if_fail (TALLY_IS_ALERTS_WINDOW (self), NULL);
  return self->rules_list;
}

static void
alerts_changed_cb (TallyAlertsWindow *self)
{
  self->checking = FALSE;
  /* the rules loaded since: the banner says what holds now */
  g_clear_pointer (&self->rules_error, g_free);
  tally_alerts_window_reload (self);
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TallyAlertsWindow *self = TALLY_ALERTS_WINDOW (widget);

  if (tally_application_get_alert_evaluator (self->application) == NULL)
    {
      tally_alerts_window_reload (self);
      return;
    }
  self->checking = TRUE;
  update_spinner (self);
  tally_application_evaluate_alerts (self->application);
}

/**
 * tally_alerts_window_new:
 *
 * The Alerts window of @application, listing its store's alerts.
 */
TallyAlertsWindow *
tally_alerts_window_new (TallyApplication *application)
{
  TallyAlertsWindow *self;

  g_return_val_if_fail (TALLY_IS_APPLICATION (application), NULL);

  self = g_object_new (TALLY_TYPE_ALERTS_WINDOW, "application", application, NULL);
  self->application = application;
  g_signal_connect_object (application, "alerts-changed", G_CALLBACK (alerts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::store", G_CALLBACK (tally_alerts_window_reload), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::store-error", G_CALLBACK (tally_alerts_window_reload),
                           self, G_CONNECT_SWAPPED);
  tally_alerts_window_reload (self);

  return self;
}

static void
tally_alerts_window_dispose (GObject *object)
{
  TallyAlertsWindow *self = TALLY_ALERTS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reverting);
  tally_alerts_window_drop_undo (self);
  g_clear_handle_id (&self->dismiss_id, g_source_remove);
  g_clear_pointer (&self->dismissing, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_ALERTS_WINDOW);

  G_OBJECT_CLASS (tally_alerts_window_parent_class)->dispose (object);
}

static void
tally_alerts_window_finalize (GObject *object)
{
  TallyAlertsWindow *self = TALLY_ALERTS_WINDOW (object);

  g_free (self->list_error);
  g_free (self->rules_error);
  g_free (self->rules_listed);

  G_OBJECT_CLASS (tally_alerts_window_parent_class)->finalize (object);
}

static void
tally_alerts_window_class_init (TallyAlertsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_alerts_window_dispose;
  object_class->finalize = tally_alerts_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/tally-alerts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyAlertsWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, TallyAlertsWindow, check_button);
  gtk_widget_class_bind_template_child (widget_class, TallyAlertsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, TallyAlertsWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, TallyAlertsWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TallyAlertsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TallyAlertsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TallyAlertsWindow, history_title);
  gtk_widget_class_bind_template_child (widget_class, TallyAlertsWindow, firing_list);
  gtk_widget_class_bind_template_child (widget_class, TallyAlertsWindow, history_list);
  gtk_widget_class_bind_template_child (widget_class, TallyAlertsWindow, rules_list);
  gtk_widget_class_bind_template_child (widget_class, TallyAlertsWindow, rules_footer);

  gtk_widget_class_install_action (widget_class, "alerts.check", NULL, check_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "alerts.check", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "alerts.check", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  tally_alerts_window_class_add_rule_actions (widget_class);
}

/* "No alerts yet" and what the rules watch, or "Nothing is firing now"
 * once there is a history. */
static GtkWidget *
firing_placeholder (TallyAlertsWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->placeholder_title = GTK_LABEL (gtk_label_new (_("No alerts yet")));
  gtk_widget_set_name (GTK_WIDGET (self->placeholder_title), "firing-placeholder-title");
  self->placeholder_description = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->placeholder_description), "firing-placeholder-description");
  gtk_label_set_wrap (self->placeholder_description, TRUE);
  gtk_label_set_justify (self->placeholder_description, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder_description), "caption");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->placeholder_title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->placeholder_description));
  gtk_widget_add_css_class (box, "dim-label");
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  return box;
}

static void
tally_alerts_window_init (TallyAlertsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_placeholder (self->firing_list, firing_placeholder (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alerts.undo", FALSE);
  update_spinner (self);
}
