/* tally-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The application: owns the one GSettings (made at startup, so that
 * `tally --version` works without an installed schema), the application-wide actions and
 * their shortcuts, and applies the colour scheme the user chose. It also
 * owns the user's local store, opened off the main thread at startup, the
 * "local" source over it and the collector that fills it (see
 * tally-application-collector.c). A store that cannot be opened is not
 * fatal: the window reports #TallyApplication:store-error. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-application-private.h"
#include "tally-cli.h"
#include "tally-error.h"
#include "tally-paths.h"
#include "tally-alerts-window.h"
#include "tally-preferences-window.h"
#include "tally-window.h"

G_DEFINE_FINAL_TYPE (TallyApplication, tally_application, ADW_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SOURCE,
  PROP_COLLECTOR,
  PROP_STORE_ERROR,
  PROP_SOURCE_OVERRIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ALERTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { "source", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show every dashboard from this data source (default: the one each names)"), N_("NAME") },
  { NULL }
};

TallyApplication *
tally_application_new (void)
{
  return g_object_new (TALLY_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

GSettings *
tally_application_get_settings (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* The user's store; NULL until it is open, and if it cannot be opened. */
TallyStore *
tally_application_get_store (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);

  return self->store;
}

/* The built-in and the user's dashboards: a #GListModel of
 * #TallyDashboard, empty until they are listed. */
TallyDashboardLibrary *
tally_application_get_library (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);
  return self->library;
}

/* The "local" source over the store; NULL while the store is. */
TallySource *
tally_application_get_source (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);

  return self->source ? TALLY_SOURCE (self->source) : NULL;
}

/* The collector writing into the store, running or not (its state says);
 * NULL while the store is. */
TallyCollector *
tally_application_get_collector (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);

  return self->collector;
}

/* "local" and the configured data sources; NULL before startup. */
TallySourceRegistry *
tally_application_get_sources (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);

  return self->sources;
}

/* `tally --source NAME`: the source every dashboard shows this session,
 * or NULL for the one each dashboard names. */
const char *
tally_application_get_source_override (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);

  return self->source_override;
}

void
tally_application_set_source_override (TallyApplication *self,
                                       const char       *name)
{
  g_return_if_fail (TALLY_IS_APPLICATION (self));

  if (g_strcmp0 (self->source_override, name) == 0)
    return;
  g_free (self->source_override);
  self->source_override = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_OVERRIDE]);
}

/* Why the store could not be opened, or NULL. */
const char *
tally_application_get_store_error (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);

  return self->store_error;
}

static void
open_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  TallyStore *store;

  /* Opened here, the store still reports its commits on the main
   * context: a worker thread has no thread-default context of its own. */
  store = tally_store_open (task_data, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TallyApplication *self = TALLY_APPLICATION (object);
  g_autoptr(GError) error = NULL;
  TallyStore *store;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->store_error = g_strdup (error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_ERROR]);
      return;
    }

  self->store = store;
  self->source = tally_local_source_new (store);
  tally_source_registry_set_local (self->sources, TALLY_SOURCE (self->source));
  self->collector = tally_collector_new (store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLECTOR]);
  tally_application_apply_collector_settings (self);
  tally_application_start_alerts (self);
}

/* Opening creates the file, or checks and upgrades an existing one,
 * which can take a while: never on the main thread. */
static void
open_store (TallyApplication *self)
{
  g_autoptr(GTask) task = NULL;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, store_opened_cb, NULL);
  g_task_set_task_data (task, tally_paths_get_store_file (), g_free);
  g_task_run_in_thread (task, open_store_thread);
}

static void
apply_color_scheme (TallyApplication *self)
{
  AdwColorScheme scheme;

  switch (g_settings_get_enum (self->settings, "color-scheme"))
    {
    case 1:
      scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
      break;
    case 2:
      scheme = ADW_COLOR_SCHEME_FORCE_DARK;
      break;
    default:
      scheme = ADW_COLOR_SCHEME_DEFAULT;
      break;
    }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

/* Preferences over the active window, at @page (NULL: the first). */
static void
show_preferences (TallyApplication *self,
                  const char       *page)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  TallyPreferencesWindow *preferences;

  preferences = tally_preferences_window_new (self);
  if (page != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
tally_application_preferences_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  show_preferences (user_data, NULL);
}

/* The Alerts window: one per application, over the active window. */
static void
tally_application_alerts_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  TallyApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->alerts_window == NULL)
    {
      self->alerts_window = GTK_WINDOW (tally_alerts_window_new (self));
      g_object_add_weak_pointer (G_OBJECT (self->alerts_window), (gpointer *) &self->alerts_window);
    }
  if (parent != self->alerts_window)
    gtk_window_set_transient_for (self->alerts_window, parent);
  gtk_window_present (self->alerts_window);
}

static void
tally_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  TallyApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Tally developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Tally"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Tally developers"),
                        "developers", developers,
                        "copyright", _("© 2026 The Tally developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_BUGREPORT,
                        /* Translators: Replace "translator-credits" with your names, one name per line */
                        "translator-credits", _("translator-credits"),
                        "transient-for", parent,
                        "modal", TRUE,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
tally_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing rather than destroying lets each window save its state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (app);
}

static void
tally_application_collector_preferences_action (GSimpleAction *action,
                                                GVariant      *parameter,
                                                gpointer       user_data)
{
  show_preferences (user_data, "data");
}

static void
tally_application_restart_collector_action (GSimpleAction *action,
                                            GVariant      *parameter,
                                            gpointer       user_data)
{
  tally_application_apply_collector_settings (user_data);
}

static const GActionEntry app_actions[] = {
  { "preferences", tally_application_preferences_action },
  { "alerts", tally_application_alerts_action },
  { "collector-preferences", tally_application_collector_preferences_action },
  { "restart-collector", tally_application_restart_collector_action },
  { "about", tally_application_about_action },
  { "quit", tally_application_quit_action },
  { "show-dashboard", tally_application_show_dashboard_action, "s" },
};

/* Layouts the application was asked to open go to its window once the
 * library is listed, so an imported file never races the listing. */
static void
open_pending_files (TallyApplication *self)
{
  TallyWindow *window = tally_application_get_main_window (self);

  if (!self->library_loaded || window == NULL || self->files_to_open == NULL)
    return;
  tally_window_import_files (window, self->files_to_open);
  g_list_free_full (g_steal_pointer (&self->files_to_open), g_object_unref);
}

static void
library_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TallyApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Files the library could not read are its problems, listed for the
   * window; an error here means the user's folder itself is unreadable. */
  if (!tally_dashboard_library_load_finish (TALLY_DASHBOARD_LIBRARY (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot list the dashboards: %s", error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->library_loaded = TRUE;
  open_pending_files (self);
}

static void
load_library (TallyApplication *self)
{
  self->library = tally_dashboard_library_new (NULL, NULL);
  tally_dashboard_library_load_async (self->library, self->cancellable, library_loaded_cb,
                                      g_object_ref (self));
}

static void
tally_application_startup (GApplication *app)
{
  TallyApplication *self = TALLY_APPLICATION (app);
  g_autoptr(GAction) color_scheme = NULL;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *refresh_accels[] = { "F5", "<Control>r", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *alerts_accels[] = { "<Control><Shift>l", NULL };
  static const struct { const char *action; const char *accel; } window_accels[] = {
    { "win.edit-mode", "<Control>e" },
    { "win.import-layout", "<Control>o" },
    { "win.export-layout", "<Control><Shift>s" },
    { "win.copy-layout", "<Control><Shift>c" },
    { "win.paste-layout", "<Control><Shift>v" },
  };

  G_APPLICATION_CLASS (tally_application_parent_class)->startup (app);

  self->settings = g_settings_new (BASE_APPLICATION_ID);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  color_scheme = g_settings_create_action (self->settings, "color-scheme");
  g_action_map_add_action (G_ACTION_MAP (self), color_scheme);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.alerts", alerts_accels);
  for (guint i = 0; i < G_N_ELEMENTS (window_accels); i++)
    {
      const char *accels[] = { window_accels[i].accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), window_accels[i].action,
                                             accels);
    }
  tally_dashboard_editor_set_accels (GTK_APPLICATION (self));

  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  g_signal_connect_object (self->settings, "changed::collector-enabled",
                           G_CALLBACK (tally_application_apply_collector_settings), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::collector-address",
                           G_CALLBACK (tally_application_apply_collector_settings), self,
                           G_CONNECT_SWAPPED);
  self->sources = tally_source_registry_new (NULL);
  open_store (self);
  load_library (self);
}

static void
tally_application_shutdown (GApplication *app)
{
  TallyApplication *self = TALLY_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  tally_application_stop_alerts (self);
  tally_application_stop_collector (self);

  G_APPLICATION_CLASS (tally_application_parent_class)->shutdown (app);
}

/**
 * tally_application_get_main_window:
 *
 * The dashboards window focused last, which Alerts or Preferences may be
 * over; %NULL when there is none.
 *
 * Returns: (transfer none) (nullable): the window
 */
TallyWindow *
tally_application_get_main_window (TallyApplication *self)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (self), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TALLY_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
tally_application_activate (GApplication *app)
{
  TallyWindow *window = tally_application_get_main_window (TALLY_APPLICATION (app));

  if (window == NULL)
    window = tally_window_new (TALLY_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

/* `tally FILE…`, or Files opening a layout: each is imported. */
static void
tally_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  TallyApplication *self = TALLY_APPLICATION (app);

  g_application_activate (app);
  for (int i = 0; i < n_files; i++)
    self->files_to_open = g_list_append (self->files_to_open, g_object_ref (files[i]));
  open_pending_files (self);
}

/* `tally --source NAME`: "local" or a configured source. */
static gboolean
check_source_name (const char  *name,
                   GError     **error)
{
  g_autoptr(TallySourceRegistry) registry = NULL;
  g_autofree char *names = NULL;

  if (g_str_equal (name, TALLY_LOCAL_SOURCE_NAME))
    return TRUE;
  registry = tally_source_registry_new (NULL);
  if (tally_source_registry_get_error (registry) != NULL)
    {
      g_set_error_literal (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                           tally_source_registry_get_error (registry));
      return FALSE;
    }
  if (tally_source_registry_has (registry, name))
    return TRUE;

  names = tally_source_registry_describe_names (registry);
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
               _("no data source named “%s” (configured: %s)"), name, names);
  return FALSE;
}

/* `tally --source NAME` while Tally runs: the launching process hands
 * the name to the running one, which shows its dashboards from it. */
static void
tally_application_add_platform_data (GApplication    *app,
                                     GVariantBuilder *builder)
{
  TallyApplication *self = TALLY_APPLICATION (app);

  G_APPLICATION_CLASS (tally_application_parent_class)->add_platform_data (app, builder);
  if (self->source_override != NULL)
    g_variant_builder_add (builder, "{sv}", "tally-source", g_variant_new_string (self->source_override));
}

static void
tally_application_before_emit (GApplication *app,
                               GVariant     *platform_data)
{
  const char *name;

  G_APPLICATION_CLASS (tally_application_parent_class)->before_emit (app, platform_data);
  if (g_variant_lookup (platform_data, "tally-source", "&s", &name))
    tally_application_set_source_override (TALLY_APPLICATION (app), name);
}

static int
tally_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  const char *source_name;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (g_variant_dict_lookup (options, "source", "&s", &source_name))
    {
      g_autoptr(GError) error = NULL;

      if (!check_source_name (source_name, &error))
        {
          g_printerr ("tally: %s\n", error->message);
          return 2;
        }
      tally_application_set_source_override (TALLY_APPLICATION (app), source_name);
    }

  /* GSettings aborts on a missing schema: say what is wrong instead. With
   * no schema installed at all there is no source either. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("tally: the settings schema %s is not installed. Install Tally with "
                    "“meson install”, or start it from a build with “make run”.\n"),
                  BASE_APPLICATION_ID);
      return EXIT_FAILURE;
    }

  return -1;
}

static void
tally_application_dispose (GObject *object)
{
  TallyApplication *self = TALLY_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  tally_application_stop_alerts (self);
  if (self->alerts_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->alerts_window), (gpointer *) &self->alerts_window);
  self->alerts_window = NULL;
  g_clear_object (&self->alerts);
  g_clear_object (&self->collector);
  g_clear_object (&self->sources);
  g_clear_object (&self->source);
  g_clear_object (&self->store);
  g_clear_object (&self->library);
  g_list_free_full (g_steal_pointer (&self->files_to_open), g_object_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tally_application_parent_class)->dispose (object);
}

static void
tally_application_finalize (GObject *object)
{
  TallyApplication *self = TALLY_APPLICATION (object);

  g_free (self->store_error);
  g_free (self->source_override);
  g_free (self->alerts_error);

  G_OBJECT_CLASS (tally_application_parent_class)->finalize (object);
}

static void
tally_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TallyApplication *self = TALLY_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_COLLECTOR:
      g_value_set_object (value, self->collector);
      break;
    case PROP_STORE_ERROR:
      g_value_set_string (value, self->store_error);
      break;
    case PROP_SOURCE_OVERRIDE:
      g_value_set_string (value, self->source_override);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_application_class_init (TallyApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tally_application_dispose;
  object_class->finalize = tally_application_finalize;
  object_class->get_property = tally_application_get_property;

  app_class->startup = tally_application_startup;
  app_class->shutdown = tally_application_shutdown;
  app_class->activate = tally_application_activate;
  app_class->open = tally_application_open;
  app_class->handle_local_options = tally_application_handle_local_options;
  app_class->add_platform_data = tally_application_add_platform_data;
  app_class->before_emit = tally_application_before_emit;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TALLY_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, TALLY_TYPE_SOURCE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COLLECTOR] =
    g_param_spec_object ("collector", NULL, NULL, TALLY_TYPE_COLLECTOR,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORE_ERROR] =
    g_param_spec_string ("store-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SOURCE_OVERRIDE] =
    g_param_spec_string ("source-override", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TallyApplication::alerts-changed:
   *
   * The rules were evaluated, or alerts were turned off: the firing
   * alerts, the history and the errors may have changed.
   */
  signals[ALERTS_CHANGED] =
    g_signal_new ("alerts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

void
tally_application_emit_alerts_changed (TallyApplication *self)
{
  g_signal_emit (self, signals[ALERTS_CHANGED], 0);
}

static void
tally_application_init (TallyApplication *self)
{
  g_autofree char *commands = tally_cli_describe_commands ();

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Watch what your AI APIs cost and how they behave."));
  if (commands != NULL)
    g_application_set_option_context_description (G_APPLICATION (self), commands);
}
