/* tally-source-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Adding or editing one data source of Preferences' "Data Sources" page:
 * its name, type, URL, the environment variable that may hold its
 * secret, and the secret itself, which goes to the keyring and never to
 * sources.json. "Test Connection" makes the source from what is typed
 * and runs its check (a small real query), then says plainly whether it
 * worked. The keys this editor does not show ("mapping", "templates"…)
 * are kept as they were. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-source-editor.h"
#include "tally-source-secret.h"

struct _TallySourceEditor
{
  AdwWindow            parent_instance;

  TallySourceRegistry *registry;
  JsonObject          *original;     /* NULL when adding */
  char                *original_name;
  char                *saved_name;
  GCancellable        *cancellable;
  TallySource         *tested;

  AdwEntryRow         *name_row;
  AdwComboRow         *type_row;
  AdwEntryRow         *url_row;
  AdwEntryRow         *token_env_row;
  AdwPasswordEntryRow *secret_row;
  GtkTextView         *options_view;
  GtkLabel            *verdict;
  GtkButton           *test_button;
  GtkButton           *save_button;
};

G_DEFINE_FINAL_TYPE (TallySourceEditor, tally_source_editor, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The types offered, as sources.json names them. */
static const char * const types[] = { "prometheus", "openai", "http-json", NULL };

static const char *
get_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The keys every entry has, each in a field of its own. */
static const char * const own_fields[] = { "name", "type", "url", "token_env", NULL };

static char *
get_options_text (TallySourceEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->options_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The type's own keys as typed in Options: a JSON object, or nothing. */
static gboolean
add_options (TallySourceEditor  *self,
             JsonObject         *entry,
             GError            **error)
{
  g_autofree char *text = g_strstrip (get_options_text (self));
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *options;

  if (text[0] == '\0')
    return TRUE;
  node = json_from_string (text, &local_error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   /* Translators: %s is the JSON parser's message. */
                   _("Options must be a JSON object: %s"),
                   local_error ? local_error->message : _("not an object"));
      return FALSE;
    }
  options = json_node_get_object (node);
  members = json_object_get_members (options);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (g_strv_contains (own_fields, l->data))
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                       _("Options: “%s” has a field of its own above"), (const char *) l->data);
          return FALSE;
        }
      json_object_set_member (entry, l->data,
                              json_node_copy (json_object_get_member (options, l->data)));
    }
  return TRUE;
}

/* The entry as typed: the fields, and the type's own keys from Options. */
static JsonObject *
build_entry (TallySourceEditor  *self,
             GError            **error)
{
  g_autoptr(JsonObject) entry = json_object_new ();
  guint type = adw_combo_row_get_selected (self->type_row);
  g_autofree char *token_env = g_strstrip (g_strdup (get_text (self->token_env_row)));

  json_object_set_string_member (entry, "name", get_text (self->name_row));
  json_object_set_string_member (entry, "type",
                                 type < G_N_ELEMENTS (types) - 1 ? types[type] : types[0]);
  json_object_set_string_member (entry, "url", get_text (self->url_row));
  if (token_env[0] != '\0')
    json_object_set_string_member (entry, "token_env", token_env);
  if (!add_options (self, entry, error))
    return NULL;

  return g_steal_pointer (&entry);
}

static void
show_verdict (TallySourceEditor *self,
              gboolean           success,
              const char        *message)
{
  gtk_label_set_label (self->verdict, message);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict), message != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict), success ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict), success ? "success" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, message ? message : "", -1);
}

/* The verdict's text, for tests and assistive technologies alike. */
const char *
tally_source_editor_get_verdict (TallySourceEditor *self)
{
  g_return_val_if_fail (TALLY_IS_SOURCE_EDITOR (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->verdict))
           ? gtk_label_get_label (self->verdict) : NULL;
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TallySourceEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = tally_source_check_finish (TALLY_SOURCE (object), result, &error);
  g_autofree char *failed = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
  if (summary != NULL)
    {
      show_verdict (self, TRUE, summary);
      return;
    }
  /* Translators: %s is why the test failed. */
  failed = g_strdup_printf (_("Failed: %s"), error->message);
  show_verdict (self, FALSE, failed);
}

static void
test_with_secret (TallySourceEditor *self,
                  const char        *secret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) entry = build_entry (self, &error);
  g_autofree char *failed = NULL;

  g_clear_object (&self->tested);
  if (entry != NULL && tally_source_entry_validate (entry, &error))
    self->tested = tally_source_registry_create_source (tally_source_entry_get_name (entry), entry,
                                                        secret, &error);
  if (self->tested == NULL)
    {
      failed = g_strdup_printf (_("Failed: %s"), error->message);
      show_verdict (self, FALSE, failed);
      gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
      return;
    }
  tally_source_check_async (self->tested, self->cancellable, checked_cb, g_object_ref (self));
}

static void
test_secret_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TallySourceEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = tally_source_secret_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  test_with_secret (self, secret);
  tally_source_secret_free (secret);
}

static void
test_clicked_cb (TallySourceEditor *self)
{
  const char *typed = get_text (ADW_ENTRY_ROW (self->secret_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  show_verdict (self, TRUE, _("Testing…"));
  if (typed[0] != '\0' || self->original_name == NULL)
    {
      test_with_secret (self, typed[0] != '\0' ? typed : NULL);
      return;
    }
  /* Nothing typed: the secret kept for this source, if any. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) entry = build_entry (self, &error);

    if (entry == NULL)
      {
        /* Fails at once, saying what is wrong with the entry. */
        test_with_secret (self, NULL);
        return;
      }
    tally_source_secret_lookup_async (self->original_name, entry, self->cancellable,
                                      test_secret_cb, g_object_ref (self));
  }
}

static void
finish_save (TallySourceEditor *self)
{
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TallySourceEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tally_source_secret_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_verdict (self, FALSE, error->message);
      return;
    }
  /* Renamed: the old name's secret goes once the new one is kept. */
  if (self->original_name != NULL && !g_str_equal (self->original_name, self->saved_name))
    tally_source_secret_clear_async (self->original_name, NULL, NULL, NULL);
  /* A source made before the secret was kept is made again with it. */
  tally_source_registry_forget (self->registry, self->saved_name);
  finish_save (self);
}

/* A renamed source keeps its secret: it moves to the new name. */
static void
old_secret_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TallySourceEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = tally_source_secret_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (secret == NULL)
    {
      finish_save (self);
      return;
    }
  tally_source_secret_store_async (self->saved_name, secret, self->cancellable, secret_stored_cb,
                                   g_object_ref (self));
  tally_source_secret_free (secret);
}

static void
save_secret (TallySourceEditor *self,
             const char        *typed)
{
  gboolean renamed = self->original_name != NULL &&
                     !g_str_equal (self->original_name, self->saved_name);

  if (typed[0] != '\0')
    tally_source_secret_store_async (self->saved_name, typed, self->cancellable,
                                     secret_stored_cb, g_object_ref (self));
  else if (renamed)
    tally_source_secret_lookup_async (self->original_name, NULL, self->cancellable,
                                      old_secret_cb, g_object_ref (self));
  else
    finish_save (self);
}

static void
save_clicked_cb (TallySourceEditor *self)
{
  g_autoptr(TallySourceConfig) config =
    tally_source_config_copy (tally_source_registry_get_config (self->registry));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) entry = build_entry (self, &error);
  const char *secret = get_text (ADW_ENTRY_ROW (self->secret_row));
  gboolean ok;

  if (entry == NULL)
    {
      show_verdict (self, FALSE, error->message);
      return;
    }
  if (self->original_name != NULL)
    ok = tally_source_config_replace (config, self->original_name, entry, &error);
  else
    ok = tally_source_config_add (config, entry, &error);
  if (!ok || !tally_source_registry_save (self->registry, config, &error))
    {
      show_verdict (self, FALSE, error->message);
      return;
    }
  g_free (self->saved_name);
  self->saved_name = g_strdup (tally_source_entry_get_name (entry));
  save_secret (self, secret);
}

static GtkWidget *
build_rows (TallySourceEditor *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GtkStringList) type_names = gtk_string_list_new (NULL);

  gtk_string_list_append (type_names, _("Prometheus-compatible server"));
  gtk_string_list_append (type_names, _("OpenAI Usage API"));
  gtk_string_list_append (type_names, _("JSON API"));

  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  self->type_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->type_row), _("Type"));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (type_names));
  self->url_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("URL"));
  self->token_env_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_env_row),
                                 _("Environment Variable with the Secret (optional)"));
  self->secret_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row),
                                 _("Token or Password (kept in the keyring)"));

  gtk_widget_set_name (GTK_WIDGET (self->name_row), "name");
  gtk_widget_set_name (GTK_WIDGET (self->type_row), "type");
  gtk_widget_set_name (GTK_WIDGET (self->url_row), "url");
  gtk_widget_set_name (GTK_WIDGET (self->token_env_row), "token-env");
  gtk_widget_set_name (GTK_WIDGET (self->secret_row), "secret");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->name_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->type_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->url_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->token_env_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->secret_row));

  return group;
}

/* The type's own keys (docs/prometheus.md, openai.md, json-api.md), as a
 * JSON object: a preset and templates, auth and user, a mapping, a polling
 * interval, a timeout. */
static GtkWidget *
build_options (TallySourceEditor *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Options"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    _("The type’s own settings as JSON, e.g. {\"preset\": \"litellm\"} or a "
      "\"mapping\" of JSON pointers; leave empty for the defaults"));
  self->options_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_monospace (self->options_view, TRUE);
  gtk_text_view_set_wrap_mode (self->options_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->options_view, 6);
  gtk_text_view_set_bottom_margin (self->options_view, 6);
  gtk_text_view_set_left_margin (self->options_view, 6);
  gtk_text_view_set_right_margin (self->options_view, 6);
  gtk_widget_set_name (GTK_WIDGET (self->options_view), "options");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->options_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Options as JSON"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->options_view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 96);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), scrolled);

  return group;
}

static GtkWidget *
build_buttons (TallySourceEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->test_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Test Connection")));
  g_signal_connect_object (self->test_button, "clicked", G_CALLBACK (test_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  gtk_widget_set_name (GTK_WIDGET (self->test_button), "test");
  gtk_widget_set_name (GTK_WIDGET (self->save_button), "save");
  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_hexpand (GTK_WIDGET (self->test_button), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->test_button), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->test_button));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->save_button));

  return box;
}

static void
build_ui (TallySourceEditor *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *header = adw_header_bar_new ();

  gtk_widget_set_margin_start (body, 18);
  gtk_widget_set_margin_end (body, 18);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 18);
  gtk_box_append (GTK_BOX (body), build_rows (self));
  gtk_box_append (GTK_BOX (body), build_options (self));

  self->verdict = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->verdict, TRUE);
  gtk_label_set_xalign (self->verdict, 0);
  gtk_label_set_selectable (self->verdict, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict), FALSE);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->verdict));
  gtk_box_append (GTK_BOX (body), build_buttons (self));

  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), body);
  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, -1);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

/* The original's keys other than the fields, pretty-printed, or "". */
static char *
describe_options (JsonObject *entry)
{
  g_autoptr(JsonObject) options = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GList) members = json_object_get_members (entry);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (own_fields, l->data))
      json_object_set_member (options, l->data,
                              json_node_copy (json_object_get_member (entry, l->data)));
  if (json_object_get_size (options) == 0)
    return g_strdup ("");
  json_node_set_object (node, options);

  return tally_json_to_pretty_string (node, NULL);
}

static void
fill (TallySourceEditor *self)
{
  const char *type = tally_source_entry_get_type_name (self->original);
  const char *token_env = tally_source_entry_get_token_env (self->original);
  const char *url = tally_source_entry_get_url (self->original);
  g_autofree char *options = describe_options (self->original);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         tally_source_entry_get_name (self->original));
  for (guint i = 0; types[i] != NULL; i++)
    if (g_strcmp0 (types[i], type) == 0)
      adw_combo_row_set_selected (self->type_row, i);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->token_env_row), token_env ? token_env : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->options_view), options, -1);
}

/**
 * tally_source_editor_new:
 * @entry: (nullable): the entry to edit; %NULL to add a source
 */
TallySourceEditor *
tally_source_editor_new (TallySourceRegistry *registry,
                         JsonObject          *entry)
{
  TallySourceEditor *self;

  g_return_val_if_fail (TALLY_IS_SOURCE_REGISTRY (registry), NULL);

  self = g_object_new (TALLY_TYPE_SOURCE_EDITOR, NULL);
  self->registry = g_object_ref (registry);
  build_ui (self);
  if (entry != NULL)
    {
      self->original = tally_json_object_deep_copy (entry);
      self->original_name = g_strdup (tally_source_entry_get_name (entry));
      fill (self);
    }
  gtk_window_set_title (GTK_WINDOW (self),
                        entry != NULL ? _("Edit Data Source") : _("Add Data Source"));

  return self;
}

static void
tally_source_editor_dispose (GObject *object)
{
  TallySourceEditor *self = TALLY_SOURCE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->tested);
  g_clear_object (&self->registry);
  g_clear_pointer (&self->original, json_object_unref);
  g_clear_pointer (&self->original_name, g_free);
  g_clear_pointer (&self->saved_name, g_free);

  G_OBJECT_CLASS (tally_source_editor_parent_class)->dispose (object);
}

static void
tally_source_editor_class_init (TallySourceEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tally_source_editor_dispose;

  /**
   * TallySourceEditor::saved:
   *
   * The entry (and its secret, when one was typed) is saved.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tally_source_editor_init (TallySourceEditor *self)
{
  self->cancellable = g_cancellable_new ();
}
