/* test-app-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The app when its store cannot be opened (here: written by a newer
 * Tally): it runs, the window says why in a banner and the collector
 * indicator in words, and the file is left exactly as it was. A program
 * of its own, so that its home holds that store from the start. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tally-application.h"
#include "tally-collector-indicator.h"
#include "tally-paths.h"
#include "tally-test-gui.h"
#include "tally-window.h"

static TallyApplication *app;
static GBytes *store_bytes;   /* the store file before the app started */

/* A store, closed, then marked as written by schema version 99. */
static void
make_newer_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  TallyStore *store;
  sqlite3 *db = NULL;

  g_assert_true (tally_paths_ensure_parent (path, &error));
  g_assert_no_error (error);
  g_unlink (path);
  store = tally_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gboolean
has_store_error (gpointer data)
{
  return tally_application_get_store_error (app) != NULL;
}

static gboolean
child_revealed (gpointer data)
{
  return gtk_revealer_get_child_revealed (data);
}

static void
test_app_store_newer (void)
{
  g_autofree char *path = tally_paths_get_store_file ();
  g_autofree char *after = NULL;
  gsize after_len;
  GtkWindow *window;
  GtkWidget *banner, *indicator, *label;
  graphene_rect_t bounds;
  g_autoptr(GdkTexture) texture = NULL;
  double rgb[3];

  window = GTK_WINDOW (tally_test_app_open_window (app));
  g_assert_true (tally_test_wait_until (has_store_error, NULL, 10000));

  g_assert_nonnull (strstr (tally_application_get_store_error (app), "newer version of Tally"));
  g_assert_null (tally_application_get_store (app));
  g_assert_null (tally_application_get_source (app));
  g_assert_null (tally_application_get_collector (app));

  /* The banner, revealed, in the error colour, with the reason. */
  banner = tally_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_REVEALER, "store-banner");
  g_assert_nonnull (banner);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  label = gtk_revealer_get_child (GTK_REVEALER (banner));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "cannot open its store"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "newer version of Tally"));
  g_assert_true (tally_test_wait_until (child_revealed, banner, 5000));
  tally_test_drain ();
  g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (window), &bounds));
  texture = tally_test_render_widget (GTK_WIDGET (window));
  /* Left of the centred text, half way down: only the background. */
  tally_test_texture_pixel (texture, bounds.origin.x + 8, bounds.origin.y + bounds.size.height / 2,
                            rgb);
  g_assert_cmpfloat (rgb[0], >, rgb[1] + 0.3);

  /* The indicator says the collector cannot run, and why. */
  indicator = tally_test_find_descendant (GTK_WIDGET (window), TALLY_TYPE_COLLECTOR_INDICATOR, NULL);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (
                     tally_test_find_descendant (indicator, GTK_TYPE_MENU_BUTTON, NULL))),
                   ==, "network-error-symbolic");
  label = tally_test_find_descendant (indicator, GTK_TYPE_LABEL, "message");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "The store cannot be opened"));
  g_assert_false (gtk_widget_get_visible (tally_test_find_descendant (indicator, GTK_TYPE_BUTTON,
                                                                      "retry")));

  /* Nothing of the file changed. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (g_bytes_get_data (store_bytes, NULL), g_bytes_get_size (store_bytes), after,
                   after_len);

  tally_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  int status;

  tally_test_gui_init (&argc, &argv);

  /* Registering starts the app, which opens the store: make it first. */
  path = tally_paths_get_store_file ();
  make_newer_store (path);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  store_bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  app = tally_test_app_new ();

  g_test_add_func ("/tally/app-store/newer", test_app_store_newer);

  status = g_test_run ();

  g_object_unref (app);
  g_bytes_unref (store_bytes);

  return status;
}
