/* test-preferences-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Preferences' "Data Sources" page under Xvfb, with a real Secret
 * Service: gnome-keyring-daemon started by the test on the test's own
 * session bus, its keyring in the test's home. Adding a source through
 * the editor and testing it shows the check's verdict (the number of
 * requests the test put in the store behind the source), saving puts the
 * secret in the keyring and not in sources.json, an OpenAI source at a
 * port where nothing listens gets a failure verdict naming the host and
 * not the key, and Remove takes the source out of the file. */

#include "config.h"

#include <glib/gstdio.h>

#include "tally-paths.h"
#include "tally-source-editor.h"
#include "tally-source-registry.h"
#include "tally-source-types.h"
#include "tally-source-secret.h"
#include "tally-sources-page.h"
#include "tally-test-events.h"
#include "tally-test-gui.h"
#include "tally-test-http.h"

#define N_EVENTS 37
#define SECRET "s3cret-value-9d2f"

static TallyApplication *app;
static TallyStore *store;
static char *factory_secret;
static GSubprocess *keyring;

static TallySource *
factory (const char  *name,
         JsonObject  *entry,
         const char  *secret,
         GError     **error)
{
  g_free (factory_secret);
  factory_secret = g_strdup (secret);
  return g_object_new (TALLY_TYPE_LOCAL_SOURCE, "name", name, "store", store, NULL);
}

static gboolean
secrets_owned (gpointer data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), 0, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* gnome-keyring-daemon with an empty password, its files in our home. */
static gboolean
start_keyring (void)
{
  g_autofree char *binary = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *runtime = g_build_filename (g_get_home_dir (), "runtime", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *input;

  if (binary == NULL)
    return FALSE;
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  /* A new keyring each run. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *file = g_build_filename (g_get_user_data_dir (), "keyrings",
                                                i == 0 ? "login.keyring" : "user.keystore", NULL);

      g_unlink (file);
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  keyring = g_subprocess_launcher_spawn (launcher, &error, binary, "--foreground", "--unlock",
                                         "--components=secrets", NULL);
  g_assert_no_error (error);
  input = g_subprocess_get_stdin_pipe (keyring);
  g_assert_true (g_output_stream_write_all (input, "\n", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (input, NULL, &error));
  g_assert_true (tally_test_wait_until (secrets_owned, NULL, 10000));

  return TRUE;
}

static TallySourceEditor *
find_editor (void)
{
  return (TallySourceEditor *) tally_test_find_toplevel (TALLY_TYPE_SOURCE_EDITOR);
}

static gboolean
has_editor (gpointer data)
{
  return find_editor () != NULL;
}

static gboolean
has_no_editor (gpointer data)
{
  return find_editor () == NULL;
}

static gboolean
verdict_done (gpointer data)
{
  const char *verdict = tally_source_editor_get_verdict (data);

  return verdict != NULL && !g_str_equal (verdict, "Testing…");
}

static GtkWidget *
child (GtkWidget  *root,
       GType       type,
       const char *name)
{
  GtkWidget *widget = tally_test_find_descendant (root, type, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
set_text (GtkWidget  *root,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (root, ADW_TYPE_ENTRY_ROW, name)), text);
}

static void
click (GtkWidget  *root,
       const char *name)
{
  g_signal_emit_by_name (child (root, GTK_TYPE_BUTTON, name), "clicked");
}

static void
set_options (TallySourceEditor *editor,
             const char        *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (child (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW, "options"));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

/* Options that are not a JSON object are refused on saving, and the
 * editor stays; a type's own keys typed there are what gets saved. */
static void
check_options (TallySourceEditor *editor)
{
  set_options (editor, "{\"preset\": \"litellm\",");
  click (GTK_WIDGET (editor), "save");
  g_assert_true (g_str_has_prefix (tally_source_editor_get_verdict (editor),
                                   "Options must be a JSON object: "));
  g_assert_nonnull (find_editor ());
  set_options (editor, "{\"url\": \"http://elsewhere\"}");
  click (GTK_WIDGET (editor), "save");
  g_assert_cmpstr (tally_source_editor_get_verdict (editor), ==,
                   "Options: “url” has a field of its own above");
  set_options (editor, "{\"preset\": \"litellm\", \"scrape_interval\": 30}");
}

static TallySourceEditor *
open_editor (GtkWidget *page)
{
  click (page, "add");
  g_assert_true (tally_test_wait_until (has_editor, NULL, 5000));
  return find_editor ();
}

static const char *
run_test (TallySourceEditor *editor)
{
  click (GTK_WIDGET (editor), "test");
  g_assert_true (tally_test_wait_until (verdict_done, editor, 10000));
  return tally_source_editor_get_verdict (editor);
}

static char *
lookup_secret (const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  tally_source_secret_lookup_async (name, NULL, NULL, tally_test_result_cb, &result);
  secret = tally_source_secret_lookup_finish (tally_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return secret;
}

static gboolean
secret_is (gpointer name)
{
  char *secret = lookup_secret (name);
  gboolean same = g_strcmp0 (secret, SECRET) == 0;

  tally_source_secret_free (secret);
  return same;
}

static gboolean
secret_gone (gpointer name)
{
  char *secret = lookup_secret (name);

  tally_source_secret_free (secret);
  return secret == NULL;
}

static void
test_add_test_save_remove (void)
{
  g_autofree char *path = tally_paths_get_sources_file ();
  g_autofree char *expected = g_strdup_printf ("Connected: %d requests in the last hour", N_EVENTS);
  g_autofree char *file = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *refused = tally_test_refused_url ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TallySourceConfig) saved = NULL;
  TallySourceEditor *editor;
  const char *verdict;
  GtkWindow *preferences;
  GtkWidget *page;

  if (keyring == NULL)
    {
      g_test_skip ("gnome-keyring-daemon is not installed (apt-get install gnome-keyring)");
      return;
    }

  tally_test_app_open_window (app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = tally_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (preferences)));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "sources");
  page = child (GTK_WIDGET (preferences), TALLY_TYPE_SOURCES_PAGE, NULL);
  g_assert_true (gtk_widget_get_visible (child (page, ADW_TYPE_ACTION_ROW, "empty")));

  /* Add, test: the verdict counts the store's requests, and the
   * source was made with the secret typed. */
  editor = open_editor (page);
  set_text (GTK_WIDGET (editor), "name", "team");
  set_text (GTK_WIDGET (editor), "url", "http://127.0.0.1:9");
  set_text (GTK_WIDGET (editor), "secret", SECRET);
  g_assert_cmpstr (run_test (editor), ==, expected);
  g_assert_cmpstr (factory_secret, ==, SECRET);

  /* Save: in the file without the secret, the secret in the keyring. */
  check_options (editor);
  click (GTK_WIDGET (editor), "save");
  g_assert_true (tally_test_wait_until (has_no_editor, NULL, 10000));
  g_assert_true (g_file_get_contents (path, &file, NULL, &error));
  g_assert_null (strstr (file, SECRET));
  saved = tally_source_config_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tally_source_config_get_n_entries (saved), ==, 1);
  g_assert_cmpstr (tally_source_entry_get_type_name (tally_source_config_get_entry (saved, 0)), ==,
                   "prometheus");
  g_assert_cmpstr (json_object_get_string_member (tally_source_config_get_entry (saved, 0),
                                                  "preset"), ==, "litellm");
  g_assert_cmpint (json_object_get_int_member (tally_source_config_get_entry (saved, 0),
                                               "scrape_interval"), ==, 30);
  kept = lookup_secret ("team");
  g_assert_cmpstr (kept, ==, SECRET);
  g_assert_null (tally_test_find_descendant (page, ADW_TYPE_ACTION_ROW, "empty"));

  /* A server that is not there: the verdict names it. */
  editor = open_editor (page);
  set_text (GTK_WIDGET (editor), "name", "gateway");
  set_text (GTK_WIDGET (editor), "url", refused);
  set_text (GTK_WIDGET (editor), "secret", "sk-admin-test");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW,
                                                    "type")), 1);
  verdict = run_test (editor);
  g_assert_true (g_str_has_prefix (verdict, "Failed: could not reach 127.0.0.1: "));
  g_assert_null (strstr (verdict, "sk-admin-test"));
  /* A name already taken is refused on saving, and says so. */
  set_text (GTK_WIDGET (editor), "name", "team");
  click (GTK_WIDGET (editor), "save");
  g_assert_nonnull (strstr (tally_source_editor_get_verdict (editor), "another source has this name"));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Edit: the fields show the entry; a rename takes the secret along. */
  click (page, "edit");
  g_assert_true (tally_test_wait_until (has_editor, NULL, 5000));
  editor = find_editor ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (GTK_WIDGET (editor),
                                                               ADW_TYPE_ENTRY_ROW, "url"))),
                   ==, "http://127.0.0.1:9");
  set_text (GTK_WIDGET (editor), "name", "team-b");
  click (GTK_WIDGET (editor), "save");
  g_assert_true (tally_test_wait_until (has_no_editor, NULL, 10000));
  g_clear_object (&saved);
  saved = tally_source_config_load (path, &error);
  g_assert_nonnull (tally_source_config_lookup (saved, "team-b"));
  g_assert_null (tally_source_config_lookup (saved, "team"));
  g_assert_true (tally_test_wait_until (secret_is, (gpointer) "team-b", 10000));
  g_assert_true (tally_test_wait_until (secret_gone, (gpointer) "team", 10000));

  /* Remove: out of the file, and the empty state is back. */
  click (page, "remove");
  g_clear_object (&saved);
  saved = tally_source_config_load (path, &error);
  g_assert_cmpuint (tally_source_config_get_n_entries (saved), ==, 0);
  g_assert_true (gtk_widget_get_visible (child (page, ADW_TYPE_ACTION_ROW, "empty")));

  gtk_window_destroy (preferences);
  tally_source_secret_free (g_steal_pointer (&kept));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *sources = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now_ms;
  int status;

  tally_test_gui_init (&argc, &argv);
  sources = tally_paths_get_sources_file ();
  g_unlink (sources);
  start_keyring ();

  dir = tally_test_make_tmp_dir ();
  db = g_build_filename (dir, "team.db", NULL);
  now_ms = g_get_real_time () / 1000;
  events = tally_test_make_events (5, N_EVENTS, now_ms - 50 * 60 * 1000, now_ms - 5 * 60 * 1000);
  store = tally_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (tally_store_ingest (store, events, &error));
  /* The test's own constructor in place of the built-in one. */
  tally_source_types_ensure ();
  tally_source_registry_register_type ("prometheus", factory);

  app = tally_test_app_new ();
  g_test_add_func ("/tally/preferences-sources/add-test-save-remove", test_add_test_save_remove);
  status = g_test_run ();
  g_clear_object (&app);
  g_clear_object (&store);
  g_clear_pointer (&factory_secret, g_free);
  if (keyring != NULL)
    {
      g_subprocess_force_exit (keyring);
      g_subprocess_wait (keyring, NULL, NULL);
      g_clear_object (&keyring);
    }

  return status;
}
