/* tally-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Preferences. Each setting is a GSettings key exposed as an application
 * action or bound to its row, so the rows here, the menus and the settings
 * stay in step. The collector's address is checked as it is typed and
 * saved only when applied (Enter or the row's apply button) and valid: a
 * half-typed address never moves a running collector. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-limits-page.h"
#include "tally-preferences-window.h"
#include "tally-prices-page.h"
#include "tally-sources-page.h"

struct _TallyPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSwitch            *collector_switch;
  AdwEntryRow          *address_row;
  AdwActionRow         *address_error_row;
};

G_DEFINE_FINAL_TYPE (TallyPreferencesWindow, tally_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)


/* Whether the address typed can be listened on; if not, the row says why. */
static gboolean
check_address (TallyPreferencesWindow *self)
{
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  g_autoptr(GError) error = NULL;
  gboolean valid;

  /* The app has no token, so only loopback addresses are valid here. */
  valid = tally_collector_check_address (address, FALSE, &error);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->address_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->address_row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->address_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->address_error_row),
                                 valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->address_error_row), !valid);

  return valid;
}

static void
address_changed_cb (TallyPreferencesWindow *self)
{
  check_address (self);
}

static void
address_apply_cb (TallyPreferencesWindow *self)
{
  if (check_address (self))
    g_settings_set_string (self->settings, "collector-address",
                           gtk_editable_get_text (GTK_EDITABLE (self->address_row)));
}

/* Shows the saved address, without offering to apply it. */
static void
load_address (TallyPreferencesWindow *self)
{
  g_autofree char *address = g_settings_get_string (self->settings, "collector-address");

  adw_entry_row_set_show_apply_button (self->address_row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);
  adw_entry_row_set_show_apply_button (self->address_row, TRUE);
}

/* GtkWindow sets "application" after "constructed" has run: the settings
 * are bound here instead. */
TallyPreferencesWindow *
tally_preferences_window_new (TallyApplication *application)
{
  TallyPreferencesWindow *self;

  g_return_val_if_fail (TALLY_IS_APPLICATION (application), NULL);

  self = g_object_new (TALLY_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       NULL);
  self->settings = g_object_ref (tally_application_get_settings (application));
  g_settings_bind (self->settings, "collector-enabled", self->collector_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::collector-address",
                           G_CALLBACK (load_address), self, G_CONNECT_SWAPPED);
  load_address (self);
  if (tally_application_get_sources (application) != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (tally_sources_page_new (
                                  tally_application_get_sources (application))));

  return self;
}

static void
tally_preferences_window_dispose (GObject *object)
{
  TallyPreferencesWindow *self = TALLY_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tally_preferences_window_parent_class)->dispose (object);
}

static void
tally_preferences_window_class_init (TallyPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/tally-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyPreferencesWindow, collector_switch);
  gtk_widget_class_bind_template_child (widget_class, TallyPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, TallyPreferencesWindow, address_error_row);
  gtk_widget_class_bind_template_callback (widget_class, address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, address_apply_cb);
}

static void
tally_preferences_window_init (TallyPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (tally_prices_page_new ()));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (tally_limits_page_new ()));
}

/**
 * tally_preferences_page_show_toast:
 * @page: a page of the Preferences window
 * @toast: (transfer full): the toast
 *
 * Shows @toast over the window @page is in; a page not in one drops it.
 */
void
tally_preferences_page_show_toast (GtkWidget *page,
                                   AdwToast  *toast)
{
  GtkRoot *root = gtk_widget_get_root (page);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}
