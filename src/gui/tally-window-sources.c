/* tally-window-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Which data source the window shows a dashboard from: the one `tally
 * --source NAME` chose for the session, else the one the layout names
 * ("local", or missing, is the local store). A configured remote source
 * is made through the application's registry, which may look its secret
 * up in the keyring first, so it arrives asynchronously; until then the
 * page has no source rather than the wrong one's numbers. A layout that
 * names a source not configured here asks, once, which one to use, and
 * keeps the answer in the layout. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-window-private.h"

/* The name of the source the shown dashboard reads. */
static const char *
wanted_name (TallyWindow *self)
{
  const char *override = tally_application_get_source_override (self->application);
  const char *name;

  if (override != NULL)
    return override;
  name = self->dashboard != NULL ? tally_dashboard_get_source (self->dashboard) : NULL;

  return name != NULL && name[0] != '\0' ? name : TALLY_LOCAL_SOURCE_NAME;
}

/* The source the page shows, apart from the demo: NULL while a remote
 * source is being made or could not be. */
TallySource *
tally_window_get_chosen_source (TallyWindow *self)
{
  if (self->remote_name != NULL)
    return self->remote_source;
  return self->application ? tally_application_get_source (self->application) : NULL;
}

static void
got_source_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TallyWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  TallySource *source;

  source = tally_source_registry_get_source_finish (TALLY_SOURCE_REGISTRY (object), result,
                                                    &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (source == NULL)
    tally_window_show_error (self, _("Cannot open the data source “%s”: %s"), self->remote_name,
                             error->message);
  g_clear_object (&self->remote_source);
  self->remote_source = source;
  tally_window_update_source (self);
}

static void
use_source (TallyWindow *self,
            const char  *name)
{
  TallySourceRegistry *registry = tally_application_get_sources (self->application);

  if (g_str_equal (name, TALLY_LOCAL_SOURCE_NAME))
    {
      if (self->remote_name == NULL)
        return;
      g_cancellable_cancel (self->source_cancellable);
      g_clear_pointer (&self->remote_name, g_free);
      g_clear_object (&self->remote_source);
      tally_window_update_source (self);
      return;
    }
  if (g_strcmp0 (self->remote_name, name) == 0 && self->remote_source != NULL)
    return;

  g_cancellable_cancel (self->source_cancellable);
  g_clear_object (&self->source_cancellable);
  self->source_cancellable = g_cancellable_new ();
  g_free (self->remote_name);
  self->remote_name = g_strdup (name);
  g_clear_object (&self->remote_source);
  tally_window_update_source (self);
  tally_source_registry_get_source_async (registry, name, self->source_cancellable, got_source_cb,
                                          g_object_ref (self));
}

typedef struct
{
  TallyWindow    *window;
  TallyDashboard *dashboard;
  GtkDropDown    *names;
} Question;

static void
question_free (gpointer data)
{
  Question *question = data;

  g_object_unref (question->window);
  g_object_unref (question->dashboard);
  g_free (question);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 Question         *question)
{
  TallyWindow *self = question->window;
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (question->names);

  self->source_dialog = NULL;
  /* The answer is kept in the layout: the question never comes back. */
  if (g_str_equal (response, "use") && chosen != NULL)
    tally_dashboard_set_source (question->dashboard, gtk_string_object_get_string (chosen));
  if (question->dashboard == self->dashboard)
    tally_window_resolve_source (self);
}

/* Asks which configured source the dashboard should read. */
static void
ask_source (TallyWindow *self,
            const char  *missing)
{
  TallySourceRegistry *registry = tally_application_get_sources (self->application);
  g_auto(GStrv) names = tally_source_registry_dup_names (registry);
  g_autofree char *body = NULL;
  Question *question = g_new0 (Question, 1);
  GtkWidget *dialog;

  g_hash_table_add (self->asked_dashboards, g_strdup (tally_dashboard_get_uid (self->dashboard)));
  /* Translators: the first %s is a dashboard's title, the second a data source's name. */
  body = g_strdup_printf (_("“%s” reads its data from “%s”, which is not set up here. Choose "
                            "the data source it should use."),
                          tally_dashboard_get_title (self->dashboard), missing);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Unknown Data Source"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Use _Local Store"),
                                    "use", _("_Use Source"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "use",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "use");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  question->window = g_object_ref (self);
  question->dashboard = g_object_ref (self->dashboard);
  question->names = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const *) names));
  gtk_accessible_update_property (GTK_ACCESSIBLE (question->names),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Data source"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      GTK_WIDGET (question->names));
  g_signal_connect_data (dialog, "response", G_CALLBACK (ask_response_cb), question,
                         (GClosureNotify) (void (*) (void)) question_free, 0);
  self->source_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * tally_window_resolve_source:
 *
 * Shows the dashboard from the source it should read; call it when the
 * dashboard, its "source" or the configured sources change.
 */
void
tally_window_resolve_source (TallyWindow *self)
{
  TallySourceRegistry *registry;
  const char *name;

  if (self->application == NULL || self->dashboard == NULL)
    return;
  registry = tally_application_get_sources (self->application);
  name = wanted_name (self);
  if (registry == NULL || self->asked_dashboards == NULL ||
      tally_source_registry_has (registry, name))
    {
      use_source (self, registry != NULL ? name : TALLY_LOCAL_SOURCE_NAME);
      return;
    }

  /* Not configured here: the local store until the user answers. */
  use_source (self, TALLY_LOCAL_SOURCE_NAME);
  if (self->source_dialog == NULL &&
      !g_hash_table_contains (self->asked_dashboards, tally_dashboard_get_uid (self->dashboard)))
    ask_source (self, name);
}

/* The configured sources changed: the registry hands back the same
 * source for an unchanged entry, a new one for an edited entry. */
static void
sources_changed_cb (TallyWindow *self)
{
  TallySourceRegistry *registry = tally_application_get_sources (self->application);

  if (self->remote_name != NULL && tally_source_registry_has (registry, self->remote_name))
    {
      g_cancellable_cancel (self->source_cancellable);
      g_clear_object (&self->source_cancellable);
      self->source_cancellable = g_cancellable_new ();
      tally_source_registry_get_source_async (registry, self->remote_name,
                                              self->source_cancellable, got_source_cb,
                                              g_object_ref (self));
      return;
    }
  tally_window_resolve_source (self);
  tally_window_update_source (self);
}

void
tally_window_init_sources (TallyWindow *self)
{
  TallySourceRegistry *registry = tally_application_get_sources (self->application);

  self->asked_dashboards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (registry != NULL)
    g_signal_connect_object (registry, "changed", G_CALLBACK (sources_changed_cb), self,
                             G_CONNECT_SWAPPED);
  tally_window_resolve_source (self);
}

/* The names a shared layout may use: "local" and the configured ones. */
GStrv
tally_window_dup_source_names (TallyWindow *self)
{
  TallySourceRegistry *registry = self->application
                                    ? tally_application_get_sources (self->application) : NULL;

  if (registry == NULL)
    return g_strdupv ((char *[]) { (char *) TALLY_LOCAL_SOURCE_NAME, NULL });

  return tally_source_registry_dup_names (registry);
}

void
tally_window_dispose_sources (TallyWindow *self)
{
  g_cancellable_cancel (self->source_cancellable);
  g_clear_object (&self->source_cancellable);
  g_clear_pointer (&self->remote_name, g_free);
  g_clear_object (&self->remote_source);
  g_clear_pointer (&self->asked_dashboards, g_hash_table_unref);
}
