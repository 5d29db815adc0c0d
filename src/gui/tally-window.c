/* tally-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The main window: the dashboards in the sidebar, the one picked beside
 * them (TallyDashboardPage: filter bar, panels, data), folding into one
 * pane on a narrow window. It restores its size, its maximised state and
 * the dashboard it showed; it keeps the range and filters of a built-in
 * dashboard in GSettings and saves a user's dashboard into its file when
 * they change. The first run, with nothing collected yet, says how to
 * send data and offers demo data (tally-window-demo.c). The header shows
 * the collector (TallyCollectorIndicator), and a banner says when the
 * store cannot be opened. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-dashboard-state.h"
#include "tally-window-private.h"

/* A user's dashboard is written this long after its last change. */
#define SAVE_DELAY_MS 500

G_DEFINE_FINAL_TYPE (TallyWindow, tally_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* An error the user must see but that stops nothing: a toast that stays
 * until dismissed. */
void
tally_window_show_error (TallyWindow *self,
                         const char  *format,
                         ...)
{
  g_autofree char *message = NULL;
  AdwToast *toast;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

TallyDashboardLibrary *
tally_window_get_library (TallyWindow *self)
{
  return self->application ? tally_application_get_library (self->application) : NULL;
}

gboolean
tally_window_is_builtin (TallyWindow    *self,
                         TallyDashboard *dashboard)
{
  TallyDashboardLibrary *library = tally_window_get_library (self);

  return library == NULL || tally_dashboard_library_is_builtin (library, dashboard);
}

/* Writes the shown user dashboard now, if a save is due. */
static void
save_now (TallyWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->dashboard == NULL || tally_window_is_builtin (self, self->dashboard))
    return;
  if (!tally_dashboard_library_save (tally_window_get_library (self), self->dashboard, &error))
    tally_window_show_error (self, _("Cannot save the dashboard “%s”: %s"),
                             tally_dashboard_get_title (self->dashboard), error->message);
}

static gboolean
save_timeout_cb (gpointer data)
{
  TallyWindow *self = data;

  self->save_id = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

/* A built-in dashboard's file is read-only: its range and filters are
 * kept in GSettings; a user's dashboard is saved into its file. */
static void
dashboard_changed_cb (TallyWindow *self)
{
  const char *uid = tally_dashboard_get_uid (self->dashboard);

  adw_window_title_set_title (self->content_title, tally_dashboard_get_title (self->dashboard));
  tally_window_update_editable (self);
  tally_window_resolve_source (self);
  if (tally_window_is_builtin (self, self->dashboard))
    {
      g_autoptr(GVariant) views = g_settings_get_value (self->settings, "dashboard-views");
      g_autofree char *state = tally_dashboard_get_view_state (self->dashboard);
      GVariantBuilder builder;
      GVariantIter iter;
      const char *key, *value;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
      g_variant_iter_init (&iter, views);
      while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
        if (g_strcmp0 (key, uid) != 0)
          g_variant_builder_add (&builder, "{ss}", key, value);
      g_variant_builder_add (&builder, "{ss}", uid, state);
      g_settings_set_value (self->settings, "dashboard-views", g_variant_builder_end (&builder));
    }
  else if (self->save_id == 0)
    self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
restore_view_state (TallyWindow    *self,
                    TallyDashboard *dashboard)
{
  g_autoptr(GVariant) views = g_settings_get_value (self->settings, "dashboard-views");
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;

  if (!tally_window_is_builtin (self, dashboard) ||
      !g_variant_lookup (views, tally_dashboard_get_uid (dashboard), "s", &state))
    return;
  if (!tally_dashboard_apply_view_state (dashboard, state, &error))
    g_warning ("Ignoring the kept range of “%s”: %s", tally_dashboard_get_uid (dashboard),
               error->message);
}

static void
show_dashboard (TallyWindow    *self,
                TallyDashboard *dashboard)
{
  if (self->dashboard == dashboard)
    return;
  if (self->dashboard != NULL)
    {
      save_now (self);
      g_signal_handlers_disconnect_by_data (self->dashboard, self);
    }
  g_set_object (&self->dashboard, dashboard);
  if (dashboard != NULL)
    {
      restore_view_state (self, dashboard);
      g_settings_set_string (self->settings, "last-dashboard", tally_dashboard_get_uid (dashboard));
      g_signal_connect_object (dashboard, "changed", G_CALLBACK (dashboard_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  tally_window_resolve_source (self);
  tally_dashboard_page_set_dashboard (self->dashboard_page, dashboard);
  tally_window_update_editor (self);
  tally_window_update_share (self);
  adw_window_title_set_title (self->content_title,
                              dashboard ? tally_dashboard_get_title (dashboard) : _("Tally"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-dashboard", dashboard != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", dashboard != NULL);
}

/* Shows @dashboard, one of the library's, and selects it in the sidebar. */
void
tally_window_select (TallyWindow    *self,
                     TallyDashboard *dashboard)
{
  tally_dashboard_sidebar_set_selected (self->dashboard_sidebar, dashboard);
}

static void
selected_changed_cb (TallyWindow *self)
{
  show_dashboard (self, tally_dashboard_sidebar_get_selected (self->dashboard_sidebar));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content));
}

/* Once the library lists its dashboards: the one shown last, or the
 * Overview, or the first. */
static void
library_changed_cb (TallyWindow *self)
{
  TallyDashboardLibrary *library = tally_window_get_library (self);
  g_autofree char *last = NULL;
  TallyDashboard *dashboard;

  if (self->dashboard != NULL || g_list_model_get_n_items (G_LIST_MODEL (library)) == 0)
    return;
  last = g_settings_get_string (self->settings, "last-dashboard");
  dashboard = tally_dashboard_library_find (library, last);
  if (dashboard == NULL)
    dashboard = tally_dashboard_library_find (library, "overview");
  if (dashboard == NULL)
    {
      g_autoptr(TallyDashboard) first = g_list_model_get_item (G_LIST_MODEL (library), 0);

      dashboard = first;
    }
  tally_dashboard_sidebar_set_selected (self->dashboard_sidebar, dashboard);
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

static gboolean
tally_window_close_request (GtkWindow *window)
{
  TallyWindow *self = TALLY_WINDOW (window);

  save_now (self);
  tally_window_save_state (self);
  return GTK_WINDOW_CLASS (tally_window_parent_class)->close_request (window);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->sidebar));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->sidebar));
  tally_dashboard_sidebar_start_search (self->dashboard_sidebar);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);

  tally_data_model_refresh (tally_dashboard_page_get_data_model (self->dashboard_page));
}

static void
duplicate_dashboard_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  TallyWindow *self = TALLY_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  TallyDashboard *copy;

  if (self->dashboard == NULL)
    return;
  copy = tally_dashboard_library_duplicate (tally_window_get_library (self), self->dashboard,
                                            &error);
  if (copy == NULL)
    {
      tally_window_show_error (self, _("Cannot duplicate the dashboard “%s”: %s"),
                               tally_dashboard_get_title (self->dashboard), error->message);
      return;
    }
  tally_window_select (self, copy);
}

/* GtkWindow sets "application" after "constructed" has run: what needs the
 * application is set up here instead. */
static void
attach_application (TallyWindow      *self,
                    TallyApplication *application)
{
  TallyDashboardLibrary *library = tally_application_get_library (application);

  self->application = application;
  self->settings = g_object_ref (tally_application_get_settings (application));
  tally_window_restore_state (self);
  tally_collector_indicator_set_application (self->collector_indicator, application);
  g_signal_connect_object (application, "notify::store-error",
                           G_CALLBACK (store_error_changed_cb), self, G_CONNECT_SWAPPED);
  store_error_changed_cb (self, NULL, application);

  g_signal_connect_object (application, "notify::source", G_CALLBACK (tally_window_update_source),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::source-override", G_CALLBACK (tally_window_resolve_source),
                           self, G_CONNECT_SWAPPED);
  tally_window_init_sources (self);
  tally_window_update_source (self);

  if (library != NULL)
    {
      tally_dashboard_sidebar_set_library (self->dashboard_sidebar, library);
      g_signal_connect_object (library, "items-changed", G_CALLBACK (library_changed_cb), self,
                               G_CONNECT_SWAPPED);
      library_changed_cb (self);
    }
  tally_window_init_share (self);
  tally_window_init_alerts (self);
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

/**
 * tally_window_get_page:
 * @self: a window
 *
 * Returns: (transfer none): the page showing the selected dashboard
 */
TallyDashboardPage *
tally_window_get_page (TallyWindow *self)
{
  g_return_val_if_fail (TALLY_IS_WINDOW (self), NULL);
  return self->dashboard_page;
}

/**
 * tally_window_get_sidebar:
 * @self: a window
 *
 * Returns: (transfer none): the list of dashboards
 */
TallyDashboardSidebar *
tally_window_get_sidebar (TallyWindow *self)
{
  g_return_val_if_fail (TALLY_IS_WINDOW (self), NULL);
  return self->dashboard_sidebar;
}

static void
tally_window_dispose (GObject *object)
{
  TallyWindow *self = TALLY_WINDOW (object);

  g_clear_handle_id (&self->save_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->demo_cancellable);
  if (self->dashboard != NULL)
    g_signal_handlers_disconnect_by_data (self->dashboard, self);
  tally_window_clear_editor (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_WINDOW);
  g_clear_object (&self->dashboard);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->demo_cancellable);
  tally_window_dispose_sources (self);
  g_clear_object (&self->demo_source);
  g_clear_object (&self->demo_store);
  g_clear_object (&self->settings);
  self->application = NULL;

  G_OBJECT_CLASS (tally_window_parent_class)->dispose (object);
}

static void
tally_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TallyWindow *self = TALLY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TallyWindow *self = TALLY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EDITING:
      tally_window_set_editing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_window_class_init (TallyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  g_type_ensure (TALLY_TYPE_COLLECTOR_INDICATOR);
  g_type_ensure (TALLY_TYPE_DASHBOARD_PAGE);
  g_type_ensure (TALLY_TYPE_DASHBOARD_SIDEBAR);

  object_class->dispose = tally_window_dispose;
  object_class->get_property = tally_window_get_property;
  object_class->set_property = tally_window_set_property;
  window_class->close_request = tally_window_close_request;

  /**
   * TallyWindow:editing:
   *
   * Whether the shown dashboard is in edit mode; stays off for one that
   * cannot be edited.
   */
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/tally-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, content);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, dashboard_sidebar);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, welcome_curl);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, welcome_otel);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, demo_progress);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, demo_indicator);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, collector_indicator);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, store_banner);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, store_banner_label);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, alerts_button);
  gtk_widget_class_bind_template_child (widget_class, TallyWindow, alerts_count);

  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-dashboard", NULL,
                                   duplicate_dashboard_action);
  tally_window_class_init_demo (widget_class);
  tally_window_class_init_edit (widget_class);
  tally_window_class_init_share (widget_class);
}

static void
tally_window_init (TallyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_search_bar_set_key_capture_widget (
    GTK_SEARCH_BAR (gtk_widget_get_ancestor (
      GTK_WIDGET (tally_dashboard_sidebar_get_search (self->dashboard_sidebar)),
      GTK_TYPE_SEARCH_BAR)),
    GTK_WIDGET (self->sidebar));
  g_signal_connect_object (self->dashboard_sidebar, "notify::selected",
                           G_CALLBACK (selected_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-dashboard", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", FALSE);
  tally_window_init_edit (self);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
