/* tally-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Preferences. Each setting is a GSettings key exposed as an application
 * action, so the rows here, the menus and the settings stay in step. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-preferences-window.h"

struct _TallyPreferencesWindow
{
  AdwPreferencesWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (TallyPreferencesWindow, tally_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

TallyPreferencesWindow *
tally_preferences_window_new (TallyApplication *application)
{
  g_return_val_if_fail (TALLY_IS_APPLICATION (application), NULL);

  return g_object_new (TALLY_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       NULL);
}

static void
tally_preferences_window_class_init (TallyPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/tally-preferences-window.ui");
}

static void
tally_preferences_window_init (TallyPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
