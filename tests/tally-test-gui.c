/* tally-test-gui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Helpers for widget tests under Xvfb: finding widgets and windows, waiting
 * for them to map, and destroying a window while proving it is freed. */

#include "config.h"

#include "tally-test-gui.h"

/* Also points the application's collector at any free loopback port:
 * GUI tests run in parallel, and none may take the default port (or find
 * it taken by a collector the developer runs). The memory GSettings
 * backend of the tests is shared by every GSettings of the process. */
void
tally_test_gui_init (int    *argc,
                     char ***argv)
{
  g_autoptr(GSettings) settings = NULL;

  tally_test_init (argc, argv);
  gtk_init ();
  adw_init ();

  settings = g_settings_new (BASE_APPLICATION_ID);
  g_settings_set_string (settings, "collector-address", "127.0.0.1:0");
}

/* The first descendant of @root (depth first, @root included) of @type
 * and, if @name is not NULL, with that widget name. */
GtkWidget *
tally_test_find_descendant (GtkWidget  *root,
                            GType       type,
                            const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tally_test_find_descendant (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Transfer none: GTK's list of toplevels keeps the window alive. */
GtkWindow *
tally_test_find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

/* A window maps before its first layout: wait for a size as well, so its
 * children are allocated and mapped too; and for the display server to
 * have mapped the surface, since a popover opened on a window whose
 * surface the server has not mapped yet never shows. */
static gboolean
is_mapped (gpointer data)
{
  GtkNative *native = gtk_widget_get_native (data);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 &&
         surface != NULL && gdk_surface_get_mapped (surface);
}

/* GTK 4.8 starts its tooltip timer on any crossing or motion event, such
 * as the one a popover's pointer grab brings, and when the timer fires it
 * asks for the surface of the native that event came to.  A test may close
 * a popover, and drop the filter chip that held it, well within the timer's
 * 500 ms; GTK's pointer focus still holds the popover then, so it lives on
 * without a surface, and the timer logs a critical.  A user's click or key
 * would have cancelled the timer first.  Here it is fired at once instead,
 * whenever the helpers run the main loop, while what it looks at still
 * stands. */
static void
fire_tooltip_timer (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GSource *timer;

  if (display == NULL)
    return;

  timer = g_main_context_find_source_by_funcs_user_data (NULL, &g_timeout_funcs, display);
  if (timer != NULL && g_strcmp0 (g_source_get_name (timer), "[gtk] tooltip_popup_timeout") == 0)
    g_source_set_ready_time (timer, 0);
}

gboolean
tally_test_wait_mapped (GtkWidget *widget)
{
  gboolean mapped = tally_test_wait_until (is_mapped, widget, 5000);

  /* The grab's crossing event may come just after the map. */
  tally_test_drain ();
  return mapped;
}

/* Runs what is pending now, so idle callbacks that hold references finish. */
void
tally_test_drain (void)
{
  for (guint i = 0; i < 50; i++)
    {
      fire_tooltip_timer ();
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
  fire_tooltip_timer ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Destroys @window and asserts that it, and each object in @also (borrowed
 * pointers, may be %NULL), is finalized with it.  The objects are watched,
 * not held, while the main loop drains, so nothing outlives its window
 * because of the test. */
void
tally_test_destroy_window_with (GtkWindow *window,
                                GPtrArray *also)
{
  guint n = 1 + (also != NULL ? also->len : 0);
  g_autofree gpointer *watched = g_new0 (gpointer, n);

  watched[0] = window;
  for (guint i = 1; i < n; i++)
    watched[i] = g_ptr_array_index (also, i - 1);
  for (guint i = 0; i < n; i++)
    g_object_add_weak_pointer (G_OBJECT (watched[i]), &watched[i]);

  gtk_window_destroy (window);
  tally_test_drain ();

  for (guint i = 0; i < n; i++)
    if (watched[i] != NULL)
      {
        g_object_remove_weak_pointer (G_OBJECT (watched[i]), &watched[i]);
        g_error ("%s %p outlived its window", G_OBJECT_TYPE_NAME (watched[i]), watched[i]);
      }
}

static gboolean
chooser_shown (gpointer data)
{
  GtkWindow **chooser = data;

  *chooser = tally_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  return *chooser != NULL && gtk_widget_get_mapped (GTK_WIDGET (*chooser));
}

/* The file chooser a GtkFileChooserNative opened in this process (with
 * GDK_DEBUG=no-portals), once it is on screen. */
GtkWindow *
tally_test_wait_file_chooser (void)
{
  GtkWindow *chooser = NULL;

  g_assert_true (tally_test_wait_until (chooser_shown, &chooser, 10000));
  return chooser;
}

static gboolean
folder_loaded (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

/* A save dialog knows its file only once its folder is read. */
void
tally_test_wait_chooser_file (GtkWindow *chooser)
{
  g_assert_true (tally_test_wait_until (folder_loaded, chooser, 10000));
}

/* Destroys @window and asserts that nothing else keeps it alive. */
void
tally_test_destroy_window (GtkWindow *window)
{
  tally_test_destroy_window_with (window, NULL);
}

static gboolean
message_dialog_shown (gpointer data)
{
  AdwMessageDialog **dialog = data;

  *dialog = (AdwMessageDialog *) tally_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  return *dialog != NULL;
}

/* Waits for a message dialog to be shown, and returns it. */
AdwMessageDialog *
tally_test_wait_message_dialog (void)
{
  AdwMessageDialog *dialog = NULL;

  g_assert_true (tally_test_wait_until (message_dialog_shown, &dialog, 10000));
  return dialog;
}

/* Answers @dialog as a click would, and closes it. */
void
tally_test_answer_dialog (AdwMessageDialog *dialog,
                          const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  tally_test_drain ();
}

/* Draws @widget as it is on screen into a texture, through the same
 * snapshot path GTK uses to paint it. */
GdkTexture *
tally_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_nonnull (renderer);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The colour at (@x, @y) of @texture, each channel in 0..1. */
void
tally_test_texture_pixel (GdkTexture *texture,
                          int         x,
                          int         y,
                          double      rgb[3])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = NULL;
  const guchar *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);

  /* gdk_texture_download gives premultiplied B, G, R, A bytes in memory. */
  data = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, data, (gsize) width * 4);
  p = data + ((gsize) y * width + x) * 4;
  rgb[0] = p[2] / 255.0;
  rgb[1] = p[1] / 255.0;
  rgb[2] = p[0] / 255.0;
}

/* Relative luminance (sRGB weights, without linearisation: enough to tell
 * light from dark). */
double
tally_test_luminance (const double rgb[3])
{
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

/* The application, registered (which starts it: its store opens, its
 * collector listens on a free port) but not running a main loop: tests
 * iterate the main context themselves. */
TallyApplication *
tally_test_app_new (void)
{
  g_autoptr(GError) error = NULL;
  TallyApplication *app = tally_application_new ();
  GApplicationFlags flags = g_application_get_flags (G_APPLICATION (app));

  g_application_set_flags (G_APPLICATION (app), flags | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

/* The dashboard @window shows, or NULL. */
TallyDashboard *
tally_test_window_shown (TallyWindow *window)
{
  return tally_dashboard_page_get_dashboard (tally_window_get_page (window));
}

typedef struct
{
  TallyWindow *window;
  const char  *uid;
} ShowsWait;

static gboolean
shows_uid (gpointer data)
{
  ShowsWait *wait = data;
  TallyDashboard *dashboard = tally_test_window_shown (wait->window);

  return dashboard != NULL && g_strcmp0 (tally_dashboard_get_uid (dashboard), wait->uid) == 0;
}

/* Waits until @window shows the dashboard @uid. */
void
tally_test_wait_window_shows (TallyWindow *window,
                              const char  *uid)
{
  ShowsWait wait = { window, uid };

  g_assert_true (tally_test_wait_until (shows_uid, &wait, 10000));
}

/* Activates @app and returns its main window, mapped. */
TallyWindow *
tally_test_app_open_window (TallyApplication *app)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (TALLY_IS_WINDOW (window));
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (window)));

  return TALLY_WINDOW (window);
}
