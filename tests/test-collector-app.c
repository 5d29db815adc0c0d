/* test-collector-app.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The collector inside the app, under Xvfb: events posted over real HTTP
 * land in the app's store and reach its source; a port already taken
 * leaves the app running with the indicator saying why; turning the
 * setting off frees the port; the preferences check the address as it is
 * typed. Only 127.0.0.1 is ever bound. */

#include "config.h"

#include <libsoup/soup.h>

#include "tally-application.h"
#include "tally-collector-indicator.h"
#include "tally-test-gui.h"
#include "tally-window.h"

static TallyApplication *app;

static gboolean
collector_in_state (gpointer data)
{
  TallyCollector *collector = tally_application_get_collector (app);

  return collector != NULL &&
         tally_collector_get_state (collector) == (TallyCollectorState) GPOINTER_TO_INT (data);
}

static TallyCollector *
wait_collector (TallyCollectorState state)
{
  g_assert_true (tally_test_wait_until (collector_in_state, GINT_TO_POINTER (state), 10000));
  return tally_application_get_collector (app);
}

static GSettings *
settings (void)
{
  return tally_application_get_settings (app);
}

static GtkWidget *
indicator_part (TallyWindow *window,
                GType        type,
                const char  *name)
{
  GtkWidget *indicator = tally_test_find_descendant (GTK_WIDGET (window),
                                                     TALLY_TYPE_COLLECTOR_INDICATOR, NULL);
  GtkWidget *part;

  g_assert_nonnull (indicator);
  part = tally_test_find_descendant (indicator, type, name);
  g_assert_nonnull (part);
  return part;
}

static const char *
indicator_icon (TallyWindow *window)
{
  return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (indicator_part (window,
                                                                         GTK_TYPE_MENU_BUTTON,
                                                                         NULL)));
}

static const char *
indicator_text (TallyWindow *window,
                const char  *name)
{
  return gtk_label_get_label (GTK_LABEL (indicator_part (window, GTK_TYPE_LABEL, name)));
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* Posts @body to the collector and returns the answer's status. */
static guint
post_events (TallyCollector *collector,
             const char     *body,
             char          **answer)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *url = g_strdup_printf ("http://%s/v1/events",
                                          tally_collector_get_address (collector));
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  response = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *answer = g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
  return soup_message_get_status (msg);
}

static char *
events_json (guint n)
{
  g_autoptr(GString) json = g_string_new ("[");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"time\":%" G_GINT64_FORMAT ",\"model\":\"gpt-4o\","
                            "\"input_tokens\":%u,\"latency_ms\":%u}",
                            i ? "," : "", now - 60 - i, 100 + i, 200 + i);
  g_string_append (json, "]");
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static gboolean
accepted_reached (gpointer data)
{
  return tally_collector_get_events_accepted (tally_application_get_collector (app)) >=
         GPOINTER_TO_UINT (data);
}

static gboolean
rejected_reached (gpointer data)
{
  return tally_collector_get_events_rejected (tally_application_get_collector (app)) >=
         GPOINTER_TO_UINT (data);
}

static gboolean
is_positive (gpointer data)
{
  return *(guint *) data > 0;
}

static void
count_cb (gpointer data)
{
  (*(guint *) data)++;
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* Events posted over HTTP are in the store, announced by the source, and
 * counted by the indicator, which shows the real port and copies the URL. */
static void
test_collector_app_receives (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  TallyCollector *collector = wait_collector (TALLY_COLLECTOR_LISTENING);
  g_autofree char *body = events_json (25);
  g_autofree char *answer = NULL;
  g_autofree char *url = NULL, *copied = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *copy;
  guint changed = 0;
  gint64 stored;

  g_assert_cmpuint (tally_collector_get_port (collector), !=, 0);
  g_assert_cmpuint (tally_collector_get_port (collector), !=, TALLY_COLLECTOR_DEFAULT_PORT);
  url = g_strdup_printf ("http://127.0.0.1:%u/v1/events", tally_collector_get_port (collector));
  g_assert_cmpstr (indicator_icon (window), ==, "network-receive-symbolic");
  g_assert_cmpstr (indicator_text (window, "url"), ==, url);
  g_assert_cmpstr (indicator_text (window, "state"), ==, "Listening");
  assert_contains (gtk_widget_get_tooltip_text (indicator_part (window, GTK_TYPE_MENU_BUTTON, NULL)),
                   tally_collector_get_address (collector));

  /* The test's home, and its store, outlive a run. */
  stored = tally_store_count_events (tally_application_get_store (app), &error);
  g_assert_no_error (error);
  g_signal_connect_swapped (tally_application_get_source (app), "changed", G_CALLBACK (count_cb),
                            &changed);
  g_assert_cmpuint (post_events (collector, body, &answer), ==, 200);
  g_assert_cmpstr (answer, ==, "{\"accepted\":25,\"rejected\":[]}");
  g_assert_true (tally_test_wait_until (accepted_reached, GUINT_TO_POINTER (25), 5000));
  g_assert_cmpint (tally_store_count_events (tally_application_get_store (app), &error), ==,
                   stored + 25);
  g_assert_no_error (error);
  g_assert_true (tally_test_wait_until (is_positive, &changed, 5000));
  g_signal_handlers_disconnect_by_data (tally_application_get_source (app), &changed);
  g_assert_cmpstr (indicator_text (window, "events"), ==,
                   "25 events received since Tally started");
  g_assert_false (gtk_widget_get_visible (indicator_part (window, GTK_TYPE_LABEL, "rejected")));

  g_clear_pointer (&answer, g_free);
  g_assert_cmpuint (post_events (collector, "[{\"time\":1,\"model\":\"x\"},{\"model\":\"x\"}]",
                                 &answer), ==, 400);
  g_assert_true (tally_test_wait_until (rejected_reached, GUINT_TO_POINTER (2), 5000));
  g_assert_cmpstr (indicator_text (window, "rejected"), ==, "2 events were refused as invalid");

  copy = indicator_part (window, GTK_TYPE_BUTTON, "copy");
  g_signal_emit_by_name (copy, "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (copy), NULL, clipboard_read_cb, &copied);
  g_assert_true (tally_test_wait_until (is_set, &copied, 5000));
  g_assert_cmpstr (copied, ==, url);
}

/* Whether any pixel of @widget is clearly red: libadwaita's error colour. */
static gboolean
has_red_pixel (GtkWidget *widget)
{
  g_autoptr(GdkTexture) texture = NULL;

  tally_test_drain ();
  texture = tally_test_render_widget (widget);

  for (int y = 0; y < gdk_texture_get_height (texture); y++)
    for (int x = 0; x < gdk_texture_get_width (texture); x++)
      {
        double rgb[3];

        tally_test_texture_pixel (texture, x, y, rgb);
        if (rgb[0] > 0.5 && rgb[0] > rgb[1] + 0.3 && rgb[0] > rgb[2] + 0.3)
          return TRUE;
      }

  return FALSE;
}

static GSocket *
listen_on_loopback (guint16   port,
                    GError  **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL || !g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

static guint16
socket_port (GSocket *socket)
{
  g_autoptr(GSocketAddress) address = g_socket_get_local_address (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

/* A port in use: the app runs on, the indicator shows the error in red
 * and in words, and trying again once the port is free works. */
static void
test_collector_app_port_taken (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  GtkWidget *button = indicator_part (window, GTK_TYPE_MENU_BUTTON, NULL);
  g_autoptr(GSocket) taken = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  TallyCollector *collector;

  wait_collector (TALLY_COLLECTOR_LISTENING);
  g_assert_false (has_red_pixel (button));

  taken = listen_on_loopback (0, &error);
  g_assert_no_error (error);
  address = g_strdup_printf ("127.0.0.1:%u", socket_port (taken));
  g_settings_set_string (settings (), "collector-address", address);
  collector = wait_collector (TALLY_COLLECTOR_FAILED);

  assert_contains (tally_collector_get_error_message (collector), "the port is already in use");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpstr (indicator_icon (window), ==, "network-error-symbolic");
  g_assert_true (gtk_widget_has_css_class (button, "error"));
  g_assert_true (has_red_pixel (button));
  g_assert_cmpstr (indicator_text (window, "state"), ==, "Not Listening");
  assert_contains (indicator_text (window, "message"), "already in use");
  assert_contains (indicator_text (window, "message"), address);
  g_assert_false (gtk_widget_get_visible (indicator_part (window, GTK_TYPE_BOX, "address")));
  g_assert_true (gtk_widget_get_visible (indicator_part (window, GTK_TYPE_BUTTON, "retry")));

  /* Freed, the port is taken on the next try. */
  g_socket_close (taken, NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "restart-collector", NULL);
  collector = wait_collector (TALLY_COLLECTOR_LISTENING);
  g_assert_cmpstr (tally_collector_get_address (collector), ==, address);
  g_assert_cmpstr (indicator_icon (window), ==, "network-receive-symbolic");
  g_assert_false (gtk_widget_has_css_class (button, "error"));

  g_settings_set_string (settings (), "collector-address", "127.0.0.1:0");
  g_assert_true (tally_test_wait_until (collector_in_state,
                                        GINT_TO_POINTER (TALLY_COLLECTOR_LISTENING), 10000));
}

static gboolean
listening_elsewhere (gpointer data)
{
  TallyCollector *collector = tally_application_get_collector (app);

  return tally_collector_get_state (collector) == TALLY_COLLECTOR_LISTENING &&
         tally_collector_get_port (collector) != GPOINTER_TO_UINT (data);
}

/* Turned off, the collector stops and its port is free again. */
static void
test_collector_app_disable (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  TallyCollector *collector = wait_collector (TALLY_COLLECTOR_LISTENING);
  guint16 port = tally_collector_get_port (collector);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_set_boolean (settings (), "collector-enabled", FALSE);
  wait_collector (TALLY_COLLECTOR_STOPPED);
  socket = listen_on_loopback (port, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (socket_port (socket), ==, port);
  g_assert_cmpstr (indicator_icon (window), ==, "network-offline-symbolic");
  g_assert_cmpstr (indicator_text (window, "state"), ==, "Off");
  g_assert_false (gtk_widget_get_visible (indicator_part (window, GTK_TYPE_BOX, "address")));

  /* On again, on another free port: this one is ours now. */
  g_settings_set_boolean (settings (), "collector-enabled", TRUE);
  g_assert_true (tally_test_wait_until (listening_elsewhere, GUINT_TO_POINTER (port), 10000));
  g_assert_cmpstr (indicator_icon (window), ==, "network-receive-symbolic");
}

static void
type_address (AdwEntryRow *row,
              const char  *address)
{
  gtk_editable_set_text (GTK_EDITABLE (row), address);
}

/* The preferences' collector group: the switch and an address checked as
 * it is typed, saved only when applied and valid. */
static void
test_collector_app_preferences (void)
{
  TallyWindow *window = tally_test_app_open_window (app);
  g_autofree char *saved = NULL;
  GtkWindow *preferences;
  AdwEntryRow *row;
  GtkWidget *error_row;
  GtkSwitch *toggle;

  wait_collector (TALLY_COLLECTOR_LISTENING);
  g_action_group_activate_action (G_ACTION_GROUP (app), "collector-preferences", NULL);
  preferences = tally_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (preferences)));
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)),
                   ==, "data");

  row = ADW_ENTRY_ROW (tally_test_find_descendant (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW,
                                                   NULL));
  error_row = tally_test_find_descendant (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW,
                                          "address-error");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "127.0.0.1:0");
  g_assert_false (gtk_widget_get_visible (error_row));

  type_address (row, "127.0.0.1:99999");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_true (gtk_widget_get_visible (error_row));
  assert_contains (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row)),
                   "the port must be a number 0..65535");
  g_signal_emit_by_name (row, "apply");
  saved = g_settings_get_string (settings (), "collector-address");
  g_assert_cmpstr (saved, ==, "127.0.0.1:0");

  type_address (row, "0.0.0.0:4318");
  assert_contains (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row)),
                   "needs a bearer token");

  type_address (row, "localhost:0");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_false (gtk_widget_get_visible (error_row));
  g_signal_emit_by_name (row, "apply");
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (settings (), "collector-address");
  g_assert_cmpstr (saved, ==, "localhost:0");
  g_assert_true (tally_test_wait_until (collector_in_state,
                                        GINT_TO_POINTER (TALLY_COLLECTOR_LISTENING), 10000));
  g_assert_cmpstr (tally_collector_get_listen_address (tally_application_get_collector (app)), ==,
                   "localhost:0");

  toggle = GTK_SWITCH (tally_test_find_descendant (GTK_WIDGET (preferences), GTK_TYPE_SWITCH,
                                                   NULL));
  g_assert_true (gtk_switch_get_active (toggle));
  gtk_switch_set_active (toggle, FALSE);
  g_assert_false (g_settings_get_boolean (settings (), "collector-enabled"));
  wait_collector (TALLY_COLLECTOR_STOPPED);
  gtk_switch_set_active (toggle, TRUE);
  wait_collector (TALLY_COLLECTOR_LISTENING);

  /* A change made elsewhere shows in the row. */
  g_settings_set_string (settings (), "collector-address", "127.0.0.1:0");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "127.0.0.1:0");
  wait_collector (TALLY_COLLECTOR_LISTENING);

  tally_test_destroy_window (preferences);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tally_test_gui_init (&argc, &argv);
  app = tally_test_app_new ();

  g_test_add_func ("/tally/collector-app/receives", test_collector_app_receives);
  g_test_add_func ("/tally/collector-app/port-taken", test_collector_app_port_taken);
  g_test_add_func ("/tally/collector-app/disable", test_collector_app_disable);
  g_test_add_func ("/tally/collector-app/preferences", test_collector_app_preferences);

  status = g_test_run ();

  /* A registered GApplication stays referenced by its D-Bus side until the
   * process ends. */
  g_object_unref (app);

  return status;
}
