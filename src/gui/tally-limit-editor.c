/* tally-limit-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Adding or editing one narrower limit of limits.json (an entry of its
 * "limits" array, docs/alerts.md): the model, API key and source it is
 * for, and its rate limits and budgets. The fields read typed text as the
 * Limits page does (tally-limit-fields.c), and the entry must pass the
 * file loader's own rules (tally_limits_check_entry()); until it does,
 * Save stays insensitive and the row at fault says why. Save reads the
 * file again, replaces or appends only this entry and writes it through
 * tally_limits_save(); a file that cannot be read is not written. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-error.h"
#include "tally-limit-editor.h"
#include "tally-limit-fields.h"

typedef enum
{
  SCOPE_MODEL,
  SCOPE_API_KEY,
  SCOPE_SOURCE,
  N_SCOPES
} Scope;

struct _TallyLimitEditor
{
  AdwWindow        parent_instance;

  char            *path;
  TallyLimits     *snapshot;     /* the file as last read, for checking while typing */
  TallyLimit      *original;     /* the entry edited; NULL when adding */

  AdwToastOverlay *toasts;
  GtkButton       *save_button;
  GtkLabel        *hint;
  AdwActionRow    *scope_rows[N_SCOPES];
  GtkEntry        *scope_entries[N_SCOPES];
  AdwActionRow    *rows[TALLY_N_LIMIT_KINDS];
  GtkEntry        *entries[TALLY_N_LIMIT_KINDS];
};

G_DEFINE_FINAL_TYPE (TallyLimitEditor, tally_limit_editor, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const scope_names[N_SCOPES] = { "model", "api-key", "source" };

static const char *
scope_title (Scope scope)
{
  switch (scope)
    {
    case SCOPE_MODEL: return _("Model");
    case SCOPE_API_KEY: return _("API Key");
    case SCOPE_SOURCE: return _("Source");
    case N_SCOPES:
    default: g_assert_not_reached ();
    }
}

static const char *
scope_hint (Scope scope)
{
  switch (scope)
    {
    case SCOPE_MODEL: return _("Empty for every model");
    case SCOPE_API_KEY: return _("Empty for every key");
    case SCOPE_SOURCE: return _("“local” is Tally’s own store");
    case N_SCOPES:
    default: g_assert_not_reached ();
    }
}

/* @scope's field, trimmed; NULL when empty. */
static char *
get_scope_text (TallyLimitEditor *self,
                Scope             scope)
{
  GtkEditable *entry = GTK_EDITABLE (self->scope_entries[scope]);
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* The entry the fields describe, or NULL when a value cannot be read
 * (its row then says why). */
static TallyLimit *
read_fields (TallyLimitEditor *self)
{
  g_autoptr(TallyLimit) limit = g_new0 (TallyLimit, 1);
  gboolean valid = TRUE;

  for (guint k = 0; k < TALLY_N_LIMIT_KINDS; k++)
    valid &= tally_limit_field_check (self->rows[k], self->entries[k], k, &limit->values[k]);
  limit->model = get_scope_text (self, SCOPE_MODEL);
  limit->api_key = get_scope_text (self, SCOPE_API_KEY);
  limit->source = get_scope_text (self, SCOPE_SOURCE);
  if (limit->source == NULL)
    limit->source = g_strdup ("local");

  return valid ? g_steal_pointer (&limit) : NULL;
}

/* The row a refused scope is told on: the first one filled in. */
static Scope
scope_at_fault (TallyLimitEditor *self)
{
  for (Scope scope = 0; scope < N_SCOPES; scope++)
    if (*gtk_editable_get_text (GTK_EDITABLE (self->scope_entries[scope])) != '\0')
      return scope;
  return SCOPE_MODEL;
}

/* Checks the fields against @limits, where @replacing is the entry they
 * replace; marks what is wrong and says what is missing. */
static gboolean
check (TallyLimitEditor  *self,
       const TallyLimits *limits,
       const TallyLimit  *replacing)
{
  g_autoptr(TallyLimit) limit = read_fields (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *refusal = NULL;
  const char *missing = NULL;
  Scope fault = scope_at_fault (self);

  if (limit != NULL && tally_limit_is_top (limit))
    missing = _("Name a model, an API key or a source other than “local”.");
  else if (limit != NULL && !tally_limit_has_values (limit))
    missing = _("Set at least one limit.");
  else if (limit != NULL && !tally_limits_check_entry (limits, limit, replacing, &error))
    /* Translators: %s says what is wrong, e.g. "another limit has the same source, model
     * and API key" */
    refusal = g_strdup_printf (_("Not saved: %s"), error->message);

  for (Scope scope = 0; scope < N_SCOPES; scope++)
    tally_limit_field_mark (self->scope_rows[scope], GTK_WIDGET (self->scope_entries[scope]),
                            scope == fault ? refusal : NULL, scope_hint (scope));
  gtk_label_set_text (self->hint, missing != NULL ? missing : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint), missing != NULL);

  return limit != NULL && missing == NULL && refusal == NULL;
}

/* The entry of @limits this editor replaces; NULL when adding, or when
 * it has gone from the file. */
static TallyLimit *
find_original (TallyLimitEditor *self,
               TallyLimits      *limits)
{
  if (self->original == NULL)
    return NULL;
  return tally_limits_lookup (limits, self->original->source, self->original->model,
                              self->original->api_key);
}

static void
changed_cb (TallyLimitEditor *self)
{
  gboolean valid = check (self, self->snapshot, find_original (self, self->snapshot));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid);
}

static void
show_error (TallyLimitEditor *self,
            const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* Sets @target's scope and values to the fields'. */
static void
copy_fields (TallyLimit       *target,
             const TallyLimit *fields)
{
  g_free (target->source);
  g_free (target->model);
  g_free (target->api_key);
  target->source = g_strdup (fields->source);
  target->model = g_strdup (fields->model);
  target->api_key = g_strdup (fields->api_key);
  memcpy (target->values, fields->values, sizeof target->values);
}

/* Reads the file again and puts the fields' entry in it: in place of the
 * original, or at the end. */
static gboolean
save (TallyLimitEditor  *self,
      GError           **error)
{
  g_autoptr(TallyLimits) limits = tally_limits_load (self->path, error);
  g_autoptr(TallyLimit) fields = NULL;
  TallyLimit *target;

  if (limits == NULL)
    return FALSE;
  /* Checked against the file as it is now: a hand edit meanwhile counts. */
  g_clear_pointer (&self->snapshot, tally_limits_free);
  self->snapshot = g_steal_pointer (&limits);
  if (!check (self, self->snapshot, find_original (self, self->snapshot)) ||
      (fields = read_fields (self)) == NULL)
    {
      g_set_error_literal (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                           _("limits.json changed meanwhile and no longer takes this limit "
                             "as it is"));
      return FALSE;
    }

  target = find_original (self, self->snapshot);
  if (self->original != NULL && target == NULL)
    {
      g_autofree char *scope = tally_limit_describe_scope (self->original);

      /* Translators: %s names what a limit is for, e.g. "gpt-4o" or "key team" */
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                   _("the limit for %s is no longer in limits.json"), scope);
      return FALSE;
    }
  if (target == NULL)
    target = tally_limits_add (self->snapshot, NULL, NULL, NULL);
  copy_fields (target, fields);

  return tally_limits_save (self->snapshot, self->path, error);
}

static void
save_clicked_cb (TallyLimitEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)))
    return;
  if (!save (self, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      show_error (self, message);
      changed_cb (self);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
setup_field (TallyLimitEditor *self,
             GtkEntry         *entry)
{
  gtk_entry_set_activates_default (entry, TRUE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
}

static AdwActionRow *
add_scope_row (TallyLimitEditor    *self,
               AdwPreferencesGroup *group,
               Scope                scope)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *entry = gtk_entry_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), scope_title (scope));
  adw_action_row_set_subtitle (row, scope_hint (scope));
  gtk_widget_set_name (GTK_WIDGET (row), scope_names[scope]);
  gtk_widget_set_name (entry, scope_names[scope]);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 18);
  if (scope == SCOPE_SOURCE)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "local");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  scope_title (scope), -1);
  adw_action_row_add_suffix (row, entry);
  adw_action_row_set_activatable_widget (row, entry);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  self->scope_rows[scope] = row;
  self->scope_entries[scope] = GTK_ENTRY (entry);
  setup_field (self, GTK_ENTRY (entry));

  return row;
}

static AdwPreferencesGroup *
add_group (AdwPreferencesPage *page,
           const char         *title,
           const char         *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, description);
  adw_preferences_page_add (page, group);

  return group;
}

static GtkWidget *
build_page (TallyLimitEditor *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group;

  group = add_group (page, _("Applies To"),
                     _("A model, an API key or both; or another source as a whole."));
  for (Scope scope = 0; scope < N_SCOPES; scope++)
    add_scope_row (self, group, scope);

  group = add_group (page, _("Limits"), _("Empty or 0 is no limit. Budgets are in US dollars."));
  for (guint k = 0; k < TALLY_N_LIMIT_KINDS; k++)
    {
      self->rows[k] = tally_limit_field_new (k, &self->entries[k]);
      setup_field (self, self->entries[k]);
      adw_preferences_group_add (group, GTK_WIDGET (self->rows[k]));
    }

  return GTK_WIDGET (page);
}

static GtkWidget *
build_header (TallyLimitEditor *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_widget_set_name (cancel, "cancel");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);

  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_set_name (GTK_WIDGET (self->save_button), "save");
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  return header;
}

static void
build_ui (TallyLimitEditor *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = build_page (self);

  self->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->hint), "hint");
  gtk_label_set_wrap (self->hint, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->hint), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->hint), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self->hint), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->hint), 12);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (body), page);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->hint));

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, body);
  gtk_box_append (GTK_BOX (content), build_header (self));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

static void
fill (TallyLimitEditor *self,
      const TallyLimit *limit)
{
  const char *scopes[N_SCOPES] = { limit->model, limit->api_key, limit->source };

  for (Scope scope = 0; scope < N_SCOPES; scope++)
    gtk_editable_set_text (GTK_EDITABLE (self->scope_entries[scope]),
                           scopes[scope] != NULL ? scopes[scope] : "");
  for (guint k = 0; k < TALLY_N_LIMIT_KINDS; k++)
    {
      g_autofree char *text = isnan (limit->values[k]) ? g_strdup ("")
                                                       : tally_limit_format_text (limit->values[k]);

      gtk_editable_set_text (GTK_EDITABLE (self->entries[k]), text);
    }
}

/**
 * tally_limit_editor_new:
 * @path: the limits.json to change
 * @original: (nullable): the entry to edit; %NULL to add one
 *
 * Emits "saved" once the entry is written, then closes.
 */
TallyLimitEditor *
tally_limit_editor_new (const char       *path,
                        const TallyLimit *original)
{
  TallyLimitEditor *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (TALLY_TYPE_LIMIT_EDITOR, NULL);
  self->path = g_strdup (path);
  self->snapshot = tally_limits_load (path, &error);
  if (self->snapshot == NULL)
    {
      show_error (self, error->message);
      self->snapshot = tally_limits_new ();
    }
  self->original = original != NULL ? tally_limit_copy (original) : NULL;
  fill (self, original != NULL ? original : &(TallyLimit) { (char *) "local", NULL, NULL,
                                                            { NAN, NAN, NAN, NAN, NAN } });
  gtk_window_set_title (GTK_WINDOW (self), original != NULL ? _("Edit Limit") : _("Add Limit"));
  changed_cb (self);

  return self;
}

static void
tally_limit_editor_finalize (GObject *object)
{
  TallyLimitEditor *self = TALLY_LIMIT_EDITOR (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->snapshot, tally_limits_free);
  g_clear_pointer (&self->original, tally_limit_free);

  G_OBJECT_CLASS (tally_limit_editor_parent_class)->finalize (object);
}

static void
tally_limit_editor_class_init (TallyLimitEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = tally_limit_editor_finalize;

  /**
   * TallyLimitEditor::saved:
   *
   * The entry is written to the file.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tally_limit_editor_init (TallyLimitEditor *self)
{
  build_ui (self);
}
