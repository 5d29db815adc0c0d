/* test-alert-notification.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The app's alert notification, seen where a desktop sees it: this test
 * owns org.gtk.Notifications on the test's own D-Bus session (on a second
 * connection) and records what GLib's notification backend sends. Spending
 * 85 % of the monthly budget is one AddNotification with the rule's name
 * and severity, the value against the threshold and the action that opens
 * the Rate Limits dashboard; evaluating again does not send it twice; the
 * action shows the dashboard. */

#include "config.h"

#include <glib/gstdio.h>

#include "tally-paths.h"
#include "tally-test-alerts.h"
#include "tally-test-gui.h"

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static GPtrArray *added;      /* GVariant (ssa{sv}) */
static TallyApplication *app;
static guint evaluations;

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  if (g_str_equal (method_name, "AddNotification"))
    g_ptr_array_add (added, g_variant_ref (parameters));
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GDBusConnection *
own_notifications (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };
  GDBusConnection *connection;
  GVariant *reply;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (connection, "/org/gtk/Notifications", info->interfaces[0], &vtable,
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 4 /* do not queue */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_unref (reply);

  return connection;
}

/* A fresh store with 85 % of the $10 budget spent. */
static void
make_store (void)
{
  g_autofree char *path = tally_test_alerts_new_app_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = tally_store_open (path, &error);

  g_assert_no_error (error);
  tally_test_alerts_spend_budget (store);
  tally_store_close (store);
}

/* Evaluates again while waiting: the events are all counted once they
 * are in the past. */
static gboolean
has_notification (gpointer data)
{
  if (added->len == 0)
    tally_application_evaluate_alerts (app);
  return added->len > 0;
}

static void
evaluated_cb (void)
{
  evaluations++;
}

static gboolean
evaluated_n (gpointer data)
{
  return evaluations >= GPOINTER_TO_UINT (data);
}

static void
test_notification (void)
{
  g_autoptr(GVariant) notification = NULL;
  g_autoptr(GVariant) target = NULL;
  const char *app_id, *id, *text;
  TallyWindow *window;
  guint before;

  g_assert_true (tally_test_wait_until (has_notification, NULL, 30000));
  g_assert_cmpuint (added->len, ==, 1);
  g_variant_get (g_ptr_array_index (added, 0), "(&s&s@a{sv})", &app_id, &id, &notification);
  g_assert_cmpstr (app_id, ==, g_application_get_application_id (G_APPLICATION (app)));
  g_assert_cmpstr (id, ==, "alert-budget-warning");
  g_assert_true (g_variant_lookup (notification, "title", "&s", &text));
  g_assert_cmpstr (text, ==, "Budget 80 % spent (Warning)");
  g_assert_true (g_variant_lookup (notification, "body", "&s", &text));
  g_assert_cmpstr (text, ==, "85.0 % >= 80.0 %");
  g_assert_true (g_variant_lookup (notification, "default-action", "&s", &text));
  g_assert_cmpstr (text, ==, "app.show-dashboard");
  target = g_variant_lookup_value (notification, "default-action-target", G_VARIANT_TYPE_STRING);
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "rate-limits");

  /* two more evaluations of the same traffic: no second notification */
  g_signal_connect (tally_application_get_alert_evaluator (app), "evaluated", G_CALLBACK (evaluated_cb), NULL);
  before = evaluations;
  tally_application_evaluate_alerts (app);
  g_assert_true (tally_test_wait_until (evaluated_n, GUINT_TO_POINTER (before + 1), 20000));
  tally_application_evaluate_alerts (app);
  g_assert_true (tally_test_wait_until (evaluated_n, GUINT_TO_POINTER (before + 2), 20000));
  tally_test_drain ();
  g_assert_cmpuint (added->len, ==, 1);
  g_assert_cmpuint (tally_alert_evaluator_get_firing (tally_application_get_alert_evaluator (app))->len, ==, 1);

  /* the notification's action opens the dashboard */
  window = tally_test_app_open_window (app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-dashboard", g_variant_new_string ("rate-limits"));
  tally_test_wait_window_shows (window, "rate-limits");
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-dashboard", g_variant_new_string ("overview"));
  tally_test_wait_window_shows (window, "overview");

  tally_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autofree char *limits = NULL;
  int status;

  tally_test_gui_init (&argc, &argv);

  added = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  connection = own_notifications ();
  limits = tally_paths_get_limits_file ();
  g_assert_true (tally_paths_ensure_parent (limits, NULL));
  g_assert_true (g_file_set_contents (limits, "{\"budget\": {\"monthly\": 10}}", -1, NULL));
  make_store ();
  app = tally_test_app_new ();

  g_test_add_func ("/tally/alerts/notification", test_notification);

  status = g_test_run ();

  g_object_unref (app);
  g_ptr_array_unref (added);
  return status;
}
