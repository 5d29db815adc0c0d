/* tally-application-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Alerts inside the app: once the store is open, the rules (the defaults
 * and alerts.json) are evaluated every minute on a worker thread and the
 * alerts recorded in the store's history. An alert that fires becomes a
 * GNotification whose default action, app.show-dashboard, opens the
 * dashboard the rule names; one that resolves withdraws it. A change to
 * alerts.json (by hand, or by a rule's switch in the Alerts window) loads
 * the rules again without a restart. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-application-private.h"
#include "tally-paths.h"
#include "tally-window-private.h"

/* How long alerts.json must be quiet before its rules load again. */
#define ALERTS_RELOAD_DELAY_MS 300

static char *
notification_id (const TallyAlert *alert)
{
  return g_strdup_printf ("alert-%s", alert->rule);
}

/**
 * tally_application_build_alert_notification:
 *
 * The notification of @alert: its rule's name and severity as the title,
 * the value against the threshold as the body.
 */
GNotification *
tally_application_build_alert_notification (const TallyAlert *alert)
{
  TallyAlertSeverity severity = TALLY_ALERT_WARNING;
  g_autofree char *title = NULL;
  GNotification *notification;

  tally_alert_severity_from_string (alert->severity, &severity);
  /* Translators: a rule's name, then Warning or Critical */
  title = g_strdup_printf (_("%s (%s)"), alert->name, tally_alert_severity_get_title (severity));
  notification = g_notification_new (title);
  g_notification_set_body (notification, alert->description);
  g_notification_set_priority (notification, severity == TALLY_ALERT_CRITICAL ? G_NOTIFICATION_PRIORITY_URGENT
                                                                              : G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.show-dashboard", "s",
                                                alert->dashboard ? alert->dashboard : "overview");
  return notification;
}

static gboolean
bus_has_name (GDBusConnection *bus,
              const char      *method,
              const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) names = NULL;
  g_autofree const char **strv = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", method,
                                       g_str_equal (method, "NameHasOwner") ? g_variant_new ("(s)", name) : NULL,
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
  if (reply == NULL)
    return FALSE;
  if (g_variant_is_of_type (reply, G_VARIANT_TYPE ("(b)")))
    {
      gboolean has_owner;

      g_variant_get (reply, "(b)", &has_owner);
      return has_owner;
    }

  names = g_variant_get_child_value (reply, 0);
  strv = g_variant_get_strv (names, NULL);
  return g_strv_contains (strv, name);
}

/* Whether anything shows notifications: inside a sandbox the portal does;
 * outside, a server on the session bus, running or activatable. Without
 * one the alert stays in the history and in `tally alerts` rather than
 * going nowhere (GLib would only warn). */
static gboolean
can_notify (TallyApplication *self)
{
  static const char *servers[] = { "org.gtk.Notifications", "org.freedesktop.Notifications" };
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return TRUE;
  if (bus == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    if (bus_has_name (bus, "NameHasOwner", servers[i]) || bus_has_name (bus, "ListActivatableNames", servers[i]))
      return TRUE;

  return FALSE;
}

static void
alert_fired_cb (TallyAlertEvaluator *evaluator,
                TallyAlert          *alert,
                TallyApplication    *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;

  if (!can_notify (self))
    {
      g_debug ("No notification server: the alert “%s” is not shown", alert->name);
      return;
    }

  notification = tally_application_build_alert_notification (alert);
  id = notification_id (alert);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
alert_resolved_cb (TallyAlertEvaluator *evaluator,
                   TallyAlert          *alert,
                   TallyApplication    *self)
{
  g_autofree char *id = notification_id (alert);

  if (can_notify (self))
    g_application_withdraw_notification (G_APPLICATION (self), id);
}

static void
evaluated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TallyApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  self->alerts_evaluating = FALSE;
  if (!tally_alert_evaluator_evaluate_finish (TALLY_ALERT_EVALUATOR (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The alert rules could not be evaluated: %s", error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  tally_application_emit_alerts_changed (self);
  /* the rules changed while the evaluation ran */
  if (self->alerts_again)
    {
      self->alerts_again = FALSE;
      tally_application_evaluate_alerts (self);
    }
}

/**
 * tally_application_evaluate_alerts:
 *
 * Evaluates the rules now (the timer does so every minute); while an
 * evaluation runs, once it ends. Does nothing before the store is open.
 */
void
tally_application_evaluate_alerts (TallyApplication *self)
{
  g_return_if_fail (TALLY_IS_APPLICATION (self));

  if (self->alerts == NULL)
    return;
  if (self->alerts_evaluating)
    {
      self->alerts_again = TRUE;
      return;
    }
  self->alerts_evaluating = TRUE;
  tally_alert_evaluator_evaluate_async (self->alerts, g_get_real_time () / G_USEC_PER_SEC, self->cancellable,
                                        evaluated_cb, g_object_ref (self));
}

static gboolean
evaluate_timeout_cb (gpointer data)
{
  tally_application_evaluate_alerts (data);
  return G_SOURCE_CONTINUE;
}

/* Alerts off, with @reason kept for the Alerts window: the evaluator goes
 * and with it the notifications it showed; the alerts still firing stay
 * so in the history, for the next evaluator to take up. */
static void
alerts_off (TallyApplication *self,
            const char       *reason)
{
  GPtrArray *firing = self->alerts != NULL ? tally_alert_evaluator_get_firing (self->alerts) : NULL;

  for (guint i = 0; firing != NULL && i < firing->len; i++)
    alert_resolved_cb (self->alerts, g_ptr_array_index (firing, i), self);
  g_clear_pointer (&firing, g_ptr_array_unref);
  /* an evaluation still running ends silently */
  if (self->alerts != NULL)
    g_signal_handlers_disconnect_by_data (self->alerts, self);
  g_clear_object (&self->alerts);
  g_clear_handle_id (&self->alerts_timeout, g_source_remove);
  g_free (self->alerts_error);
  self->alerts_error = g_strdup (reason);
  tally_application_emit_alerts_changed (self);
}

/* Makes the evaluator of @rules, evaluated every minute from now on. */
static gboolean
alerts_on (TallyApplication  *self,
           GPtrArray         *rules,
           GError           **error)
{
  g_autoptr(TallyAlertEvaluator) evaluator = tally_alert_evaluator_new (self->store, rules);

  if (!tally_alert_evaluator_open_history (evaluator, TRUE, error))
    return FALSE;

  g_signal_connect_object (evaluator, "alert-fired", G_CALLBACK (alert_fired_cb), self, 0);
  g_signal_connect_object (evaluator, "alert-resolved", G_CALLBACK (alert_resolved_cb), self, 0);
  self->alerts = g_steal_pointer (&evaluator);
  g_clear_pointer (&self->alerts_error, g_free);
  if (self->alerts_timeout == 0)
    self->alerts_timeout = g_timeout_add_seconds (TALLY_ALERT_DEFAULT_INTERVAL_S, evaluate_timeout_cb, self);
  return TRUE;
}

/**
 * tally_application_reload_alerts:
 *
 * Loads the rules again (the defaults and alerts.json) and evaluates
 * them now. Alerts of rules that are gone resolve at that evaluation. A
 * file that does not load turns alerts off with its error
 * (tally_application_get_alerts_error()); a good one turns them on
 * again. Does nothing before the store is open.
 */
void
tally_application_reload_alerts (TallyApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;

  g_return_if_fail (TALLY_IS_APPLICATION (self));

  if (self->store == NULL)
    return;

  rules = tally_alert_rules_load_default (&error);
  if (rules != NULL && self->alerts != NULL)
    {
      tally_alert_evaluator_set_rules (self->alerts, rules);
      g_clear_pointer (&self->alerts_error, g_free);
    }
  else if (rules == NULL || !alerts_on (self, rules, &error))
    {
      alerts_off (self, error->message);
      return;
    }

  tally_application_emit_alerts_changed (self);
  tally_application_evaluate_alerts (self);
}

static gboolean
reload_timeout_cb (gpointer data)
{
  TallyApplication *self = data;

  self->alerts_reload = 0;
  tally_application_reload_alerts (self);
  return G_SOURCE_REMOVE;
}

/* A save is often several events (a temporary file, a rename): the
 * rules load once they have settled. */
static void
alerts_file_changed_cb (GFileMonitor      *monitor,
                        GFile             *file,
                        GFile             *other_file,
                        GFileMonitorEvent  event,
                        TallyApplication  *self)
{
  g_autofree char *path = tally_paths_get_alerts_file ();
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *file_name = g_file_get_basename (file);
  g_autofree char *other_name = other_file != NULL ? g_file_get_basename (other_file) : NULL;

  if (!g_str_equal (file_name, name) && g_strcmp0 (other_name, name) != 0)
    return;
  g_clear_handle_id (&self->alerts_reload, g_source_remove);
  self->alerts_reload = g_timeout_add (ALERTS_RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/* Watches alerts.json's folder, made if need be, so that the file being
 * made, replaced (a save through a rename) or removed is seen too. */
static void
watch_alerts_file (TallyApplication *self)
{
  g_autofree char *path = tally_paths_get_alerts_file ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;

  if (self->alerts_monitor != NULL)
    return;
  if (!tally_paths_ensure_parent (path, &error) ||
      (self->alerts_monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error)) == NULL)
    {
      g_debug ("Changes to %s are not watched: %s", path, error->message);
      return;
    }
  g_signal_connect_object (self->alerts_monitor, "changed", G_CALLBACK (alerts_file_changed_cb), self, 0);
}

/* Called once the store is open. Broken rule files leave alerts off with
 * the reason kept (tally_application_get_alerts_error()) until they are
 * fixed. */
void
tally_application_start_alerts (TallyApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = tally_alert_rules_load_default (&error);

  watch_alerts_file (self);
  if (rules == NULL || !alerts_on (self, rules, &error))
    {
      alerts_off (self, error->message);
      return;
    }
  tally_application_evaluate_alerts (self);
}

void
tally_application_stop_alerts (TallyApplication *self)
{
  g_clear_handle_id (&self->alerts_timeout, g_source_remove);
  g_clear_handle_id (&self->alerts_reload, g_source_remove);
  if (self->alerts_monitor != NULL)
    g_file_monitor_cancel (self->alerts_monitor);
  g_clear_object (&self->alerts_monitor);
}

TallyAlertEvaluator *
tally_application_get_alert_evaluator (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);
  return self->alerts;
}

const char *
tally_application_get_alerts_error (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);
  return self->alerts_error;
}

/* app.show-dashboard("uid"): a notification's action. Presents the window
 * and shows the dashboard, when the library has it. */
void
tally_application_show_dashboard_action (GSimpleAction *action,
                                         GVariant      *parameter,
                                         gpointer       user_data)
{
  TallyApplication *self = user_data;
  const char *uid = g_variant_get_string (parameter, NULL);
  TallyDashboard *dashboard = NULL;
  TallyWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = tally_application_get_main_window (self);
  if (self->library != NULL)
    dashboard = tally_dashboard_library_find (self->library, uid);
  if (dashboard != NULL && window != NULL)
    tally_window_select (window, dashboard);
}
