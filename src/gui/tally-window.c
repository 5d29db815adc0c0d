/* tally-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The main window: a sidebar of dashboards beside the content area, folding
 * into one pane on a narrow window. It restores the size and maximised state
 * it had when it was last closed. Its content header shows the collector
 * (TallyCollectorIndicator), and a banner says when the store cannot be
 * opened. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-collector-indicator.h"
#include "tally-window.h"

struct _TallyWindow
{
  AdwApplicationWindow     parent_instance;

  GSettings               *settings;

  AdwLeaflet              *leaflet;
  GtkBox                  *sidebar;
  GtkBox                  *content;
  TallyCollectorIndicator *collector_indicator;
  GtkRevealer             *store_banner;
  GtkLabel                *store_banner_label;
};

G_DEFINE_FINAL_TYPE (TallyWindow, tally_window, ADW_TYPE_APPLICATION_WINDOW)

static void
tally_window_restore_state (TallyWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
tally_window_save_state (TallyWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width;
  int height;

  if (self->settings == NULL)
    return;

  /* A maximised window's default size is still its unmaximised size. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
tally_window_close_request (GtkWindow *window)
{
  tally_window_save_state (TALLY_WINDOW (window));

  return GTK_WINDOW_CLASS (tally_window_parent_class)->close_request (window);
}

static void
tally_window_show_sidebar_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->sidebar));
}

/* Without its store Tally can neither show nor collect usage: say so at
 * the top of the content, where it cannot be missed. */
static void
store_error_changed_cb (TallyWindow      *self,
                        GParamSpec       *pspec,
                        TallyApplication *application)
{
  const char *error = tally_application_get_store_error (application);
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("Tally cannot open its store, so it can neither show nor collect "
                              "usage: %s"), error);
  gtk_label_set_label (self->store_banner_label, text ? text : "");
  gtk_revealer_set_reveal_child (self->store_banner, error != NULL);
}

/* GtkWindow sets "application" after "constructed" has run: what needs the
 * application is set up here instead. */
static void
attach_application (TallyWindow      *self,
                    TallyApplication *application)
{
  self->settings = g_object_ref (tally_application_get_settings (application));
  tally_window_restore_state (self);

  tally_collector_indicator_set_application (self->collector_indicator, application);
  g_signal_connect_object (application, "notify::store-error",
                           G_CALLBACK (store_error_changed_cb), self, G_CONNECT_SWAPPED);
  store_error_changed_cb (self, NULL, application);
}

TallyWindow *
tally_window_new (TallyApplication *application)
{
  TallyWindow *self;

  g_return_val_if_fail (TALLY_IS_APPLICATION (application), NULL);

  self = g_object_new (TALLY_TYPE_WINDOW,
                       "application", application,
                       NULL);
  attach_application (self, application);

  return self;
}

static void
tally_window_dispose (GObject *object)
{
  TallyWindow *self = TALLY_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tally_window_parent_class)->dispose (object);
}

static void
tally_window_class_init (TallyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  g_type_ensure (TALLY_TYPE_COLLECTOR_INDICATOR);

  object_class->dispose = tally_window_dispose;

  window_class->close_request = tally_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/tally-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, content);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, collector_indicator);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, store_banner);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, store_banner_label);

  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL,
                                   tally_window_show_sidebar_action);
}

static void
tally_window_init (TallyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
