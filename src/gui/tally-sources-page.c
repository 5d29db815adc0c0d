/* tally-sources-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Preferences' "Data Sources" page: the sources of sources.json, each
 * with Edit and Remove, and Add. Removing saves at once and offers Undo
 * in a toast; the source's secret leaves the keyring only when the toast
 * goes without Undo. The list follows the registry, so an edit of the
 * file by hand shows here too. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-preferences-window.h"
#include "tally-source-editor.h"
#include "tally-source-secret.h"
#include "tally-sources-page.h"

struct _TallySourcesPage
{
  AdwPreferencesPage   parent_instance;

  TallySourceRegistry *registry;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (TallySourcesPage, tally_sources_page, ADW_TYPE_PREFERENCES_PAGE)

/* @what already names the source. */
static void
show_error (TallySourcesPage *self,
            const char       *what,
            const GError     *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);

  tally_preferences_page_show_toast (GTK_WIDGET (self), adw_toast_new (text));
}

static void
open_editor (TallySourcesPage *self,
             JsonObject       *entry)
{
  TallySourceEditor *editor = tally_source_editor_new (self->registry, entry);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_clicked_cb (TallySourcesPage *self)
{
  open_editor (self, NULL);
}

static void
edit_clicked_cb (GtkButton        *button,
                 TallySourcesPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "source-name");

  open_editor (self, tally_source_registry_lookup_entry (self->registry, name));
}

typedef struct
{
  TallySourcesPage  *page;
  TallySourceConfig *before;
  char              *name;
  gboolean           undone;
} Removal;

static void
removal_free (gpointer data)
{
  Removal *removal = data;

  g_object_unref (removal->page);
  g_object_unref (removal->before);
  g_free (removal->name);
  g_free (removal);
}

static void
undo_cb (AdwToast *toast,
         Removal  *removal)
{
  g_autoptr(GError) error = NULL;

  removal->undone = TRUE;
  if (!tally_source_registry_save (removal->page->registry, removal->before, &error))
    {
      g_autofree char *what = g_strdup_printf (_("Cannot restore the data source “%s”"),
                                               removal->name);

      show_error (removal->page, what, error);
    }
}

static void
dismissed_cb (AdwToast *toast,
              Removal  *removal)
{
  /* Not when a source of that name was added again meanwhile: the
   * secret is its secret now. */
  if (!removal->undone && !tally_source_registry_has (removal->page->registry, removal->name))
    tally_source_secret_clear_async (removal->name, NULL, NULL, NULL);
}

static void
remove_clicked_cb (GtkButton        *button,
                   TallySourcesPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "source-name");
  g_autoptr(TallySourceConfig) config =
    tally_source_config_copy (tally_source_registry_get_config (self->registry));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  Removal *removal;
  AdwToast *toast;

  removal = g_new0 (Removal, 1);
  removal->page = g_object_ref (self);
  removal->before = tally_source_config_copy (config);
  removal->name = g_strdup (name);
  tally_source_config_remove (config, name);
  if (!tally_source_registry_save (self->registry, config, &error))
    {
      g_autofree char *what = g_strdup_printf (_("Cannot remove the data source “%s”"), name);

      show_error (self, what, error);
      removal_free (removal);
      return;
    }

  /* Translators: %s is a data source's name. */
  title = g_strdup_printf (_("“%s” removed"), removal->name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_cb), removal);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (dismissed_cb), removal,
                         (GClosureNotify) (void (*) (void)) removal_free, 0);
  tally_preferences_page_show_toast (GTK_WIDGET (self), toast);
}

static GtkWidget *
icon_button (const char *icon,
             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

static GtkWidget *
entry_row (TallySourcesPage *self,
           JsonObject       *entry)
{
  const char *name = tally_source_entry_get_name (entry);
  const char *url = tally_source_entry_get_url (entry);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", tally_source_entry_get_type_name (entry),
                                               url ? url : "");
  g_autofree char *edit_label = g_strdup_printf (_("Edit “%s”"), name);
  g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = icon_button ("document-edit-symbolic", edit_label);
  GtkWidget *remove = icon_button ("user-trash-symbolic", remove_label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (edit, "edit");
  gtk_widget_set_name (remove, "remove");
  g_object_set_data_full (G_OBJECT (edit), "source-name", g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (remove), "source-name", g_strdup (name), g_free);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_clicked_cb), self, 0);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static GtkWidget *
message_row (const char *text,
             const char *name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_name (row, name);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static void
rebuild (TallySourcesPage *self)
{
  TallySourceConfig *config = tally_source_registry_get_config (self->registry);
  const char *error = tally_source_registry_get_error (self->registry);
  guint n = tally_source_config_get_n_entries (config);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (error != NULL)
    g_ptr_array_add (self->rows, message_row (error, "error"));
  if (n == 0)
    g_ptr_array_add (self->rows,
                     message_row (_("No data sources yet. Add a Prometheus server, the OpenAI "
                                    "Usage API or a JSON API to show its numbers in your "
                                    "dashboards; the local store is always there."), "empty"));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->rows, entry_row (self, tally_source_config_get_entry (config, i)));
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_add (self->group, g_ptr_array_index (self->rows, i));
}

TallySourcesPage *
tally_sources_page_new (TallySourceRegistry *registry)
{
  TallySourcesPage *self;

  g_return_val_if_fail (TALLY_IS_SOURCE_REGISTRY (registry), NULL);

  self = g_object_new (TALLY_TYPE_SOURCES_PAGE,
                       "name", "sources",
                       "title", _("Data Sources"),
                       "icon-name", "network-server-symbolic",
                       NULL);
  self->registry = g_object_ref (registry);
  g_signal_connect_object (registry, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);

  return self;
}

static void
tally_sources_page_dispose (GObject *object)
{
  TallySourcesPage *self = TALLY_SOURCES_PAGE (object);

  g_clear_object (&self->registry);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tally_sources_page_parent_class)->dispose (object);
}

static void
tally_sources_page_class_init (TallySourcesPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tally_sources_page_dispose;
}

static void
tally_sources_page_init (TallySourcesPage *self)
{
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  self->rows = g_ptr_array_new ();
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Data Sources"));
  adw_preferences_group_set_description (self->group,
                                         _("Where dashboards can read their numbers besides the "
                                           "local store. Secrets are kept in the keyring."));
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_set_name (add, "add");
  gtk_widget_set_tooltip_text (add, _("Add Data Source"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Data Source"), -1);
  g_signal_connect_object (add, "clicked", G_CALLBACK (add_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (self->group, add);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->group);
}
