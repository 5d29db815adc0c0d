/* tally-limits-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Preferences' "Limits" page: the rate limits and budgets of the local
 * source as a whole, the top-level members of limits.json (docs/alerts.md).
 * A valid change is saved half a second after the typing stops (at once on
 * Enter or when the field loses the focus). Each save reads the file
 * again and changes only those members, so the narrower entries of
 * "limits" and edits made by hand meanwhile are kept. The narrower
 * entries are listed below: each opens its editor (tally-limit-editor.c),
 * "Add Limit…" adds one, and removing one saves at once and offers Undo,
 * which puts it back at its place. A file that cannot be read is shown
 * with its error and never written over. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-limit-editor.h"
#include "tally-limit-fields.h"
#include "tally-limits.h"
#include "tally-limits-page.h"
#include "tally-paths.h"
#include "tally-preferences-window.h"

#define SAVE_DELAY_MS 500

struct _TallyLimitsPage
{
  AdwPreferencesPage   parent_instance;

  char                *path;
  gboolean             broken;       /* the file could not be read: never written */
  gboolean             filling;      /* entries set from the file, not typed */
  guint                save_source;

  AdwPreferencesGroup *status_group;
  AdwActionRow        *load_error_row;
  AdwActionRow        *save_error_row;
  AdwPreferencesGroup *rate_group;
  AdwPreferencesGroup *budget_group;
  AdwPreferencesGroup *narrow_group;
  GPtrArray           *narrow_rows;  /* AdwActionRow, one per entry of "limits" */
  AdwActionRow        *rows[TALLY_N_LIMIT_KINDS];
  GtkEntry            *entries[TALLY_N_LIMIT_KINDS];
};

G_DEFINE_FINAL_TYPE (TallyLimitsPage, tally_limits_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void save_now (TallyLimitsPage *self);
static void show_narrow (TallyLimitsPage   *self,
                         const TallyLimits *limits);

/* Reads @kind's field; an invalid one is marked and says why. */
static gboolean
check_row (TallyLimitsPage *self,
           TallyLimitKind   kind,
           double          *value)
{
  return tally_limit_field_check (self->rows[kind], self->entries[kind], kind, value);
}

static void
update_status_group (TallyLimitsPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->status_group),
                          gtk_widget_get_visible (GTK_WIDGET (self->load_error_row)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->save_error_row)));
}

/* @message NULL hides the row. */
static void
show_save_error (TallyLimitsPage *self,
                 const char      *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->save_error_row),
                                 message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->save_error_row), message != NULL);
  update_status_group (self);
}

/* A file that cannot be read: its error shows, the fields are frozen and
 * the file stays as it is until it reads again. */
static void
set_broken (TallyLimitsPage *self,
            const GError    *error)
{
  self->broken = error != NULL;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->load_error_row),
                                 error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->load_error_row), error != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rate_group), error == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->budget_group), error == NULL);
  if (error != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->narrow_group), FALSE);
  update_status_group (self);
}

/* The file as it is now; a file that cannot be read marks the page
 * broken and gives NULL. */
static TallyLimits *
load_again (TallyLimitsPage *self)
{
  g_autoptr(GError) error = NULL;
  TallyLimits *limits;

  if (self->broken)
    return NULL;
  limits = tally_limits_load (self->path, &error);
  if (limits == NULL)
    set_broken (self, error);

  return limits;
}

/* Writes @limits and lists its entries; a failed write says why and
 * leaves the list as the file still is. */
static gboolean
save_limits (TallyLimitsPage   *self,
             const TallyLimits *limits)
{
  g_autoptr(GError) error = NULL;
  gboolean saved = tally_limits_save (limits, self->path, &error);

  show_save_error (self, saved ? NULL : error->message);
  if (saved)
    show_narrow (self, limits);

  return saved;
}

/* Where the entry with @scope's source, model and key stands among all
 * of tally_limits_get()'s entries; FALSE when it is not there. */
static gboolean
find_entry (TallyLimits      *limits,
            const TallyLimit *scope,
            guint            *index)
{
  const TallyLimit *entry = tally_limits_lookup (limits, scope->source, scope->model, scope->api_key);

  for (guint i = 0; entry != NULL && i < tally_limits_get_n (limits); i++)
    if (tally_limits_get (limits, i) == entry)
      {
        *index = i;
        return TRUE;
      }

  return FALSE;
}

/* The place in "limits" of the entry at @index (the top level is not
 * one of them), and back. */
static guint
narrow_position (const TallyLimits *limits,
                 guint              index)
{
  guint position = 0;

  for (guint i = 0; i < index; i++)
    position += !tally_limit_is_top (tally_limits_get (limits, i));
  return position;
}

static guint
index_of_position (const TallyLimits *limits,
                   guint              position)
{
  for (guint i = 0; i < tally_limits_get_n (limits); i++)
    if (!tally_limit_is_top (tally_limits_get (limits, i)) && position-- == 0)
      return i;
  return tally_limits_get_n (limits);
}

static void
editor_saved_cb (TallyLimitsPage *self)
{
  g_autoptr(TallyLimits) limits = load_again (self);

  if (limits != NULL)
    show_narrow (self, limits);
}

/* @limit NULL adds an entry. */
static void
open_editor (TallyLimitsPage  *self,
             const TallyLimit *limit)
{
  TallyLimitEditor *editor;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->broken)
    return;
  editor = tally_limit_editor_new (self->path, limit);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_clicked_cb (TallyLimitsPage *self)
{
  open_editor (self, NULL);
}

static void
row_activated_cb (AdwActionRow    *row,
                  TallyLimitsPage *self)
{
  open_editor (self, g_object_get_data (G_OBJECT (row), "limit"));
}

typedef struct
{
  TallyLimitsPage *page;
  TallyLimit      *limit;
  guint            position;  /* in "limits" */
} Removal;

static void
removal_free (gpointer data)
{
  Removal *removal = data;

  g_object_unref (removal->page);
  tally_limit_free (removal->limit);
  g_free (removal);
}

static void undo_cb (AdwToast *toast,
                     Removal  *removal);

/* Says @title in a toast whose Undo puts a copy of @limit back at
 * @position among the narrower entries. */
static void
offer_undo (TallyLimitsPage  *self,
            const char       *title,
            const TallyLimit *limit,
            guint             position)
{
  Removal *removal = g_new0 (Removal, 1);
  AdwToast *toast = adw_toast_new (title);

  removal->page = g_object_ref (self);
  removal->limit = tally_limit_copy (limit);
  removal->position = position;
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_cb), removal);
  g_object_set_data_full (G_OBJECT (toast), "removal", removal, removal_free);
  tally_preferences_page_show_toast (GTK_WIDGET (self), toast);
}

/* Puts the entry back at its place in the file as it is now, unless an
 * entry for the same model and key came meanwhile. While the file does
 * not load or cannot be written, Undo is offered again, so the entry is
 * not lost with the toast. */
static void
undo_cb (AdwToast *toast,
         Removal  *removal)
{
  TallyLimitsPage *self = removal->page;
  g_autoptr(TallyLimits) limits = load_again (self);
  g_autoptr(GError) error = NULL;
  const TallyLimit *limit = removal->limit;
  TallyLimit *entry;

  if (limits == NULL)
    {
      offer_undo (self, _("The limit is not restored: limits.json does not load"), limit, removal->position);
      return;
    }
  entry = tally_limits_insert (limits, index_of_position (limits, removal->position),
                               limit->source, limit->model, limit->api_key);
  memcpy (entry->values, limit->values, sizeof entry->values);
  if (!tally_limits_check_entry (limits, entry, NULL, &error))
    {
      g_autofree char *scope = tally_limit_describe_scope (limit);
      /* Translators: the first %s names what the limit is for ("gpt-4o"), the second says why */
      g_autofree char *text = g_strdup_printf (_("The limit for %s is not restored: %s"),
                                               scope, error->message);

      tally_preferences_page_show_toast (GTK_WIDGET (self), adw_toast_new (text));
      return;
    }
  if (!save_limits (self, limits))
    offer_undo (self, _("The limit is not restored: limits.json cannot be written"), limit, removal->position);
}

static void
remove_clicked_cb (GtkButton       *button,
                   TallyLimitsPage *self)
{
  const TallyLimit *limit = g_object_get_data (G_OBJECT (button), "limit");
  g_autoptr(TallyLimits) limits = load_again (self);
  g_autoptr(TallyLimit) removed = NULL;
  guint index, position;

  if (limits == NULL)
    return;
  if (!find_entry (limits, limit, &index))
    {
      /* Gone already (removed by hand): the list catches up. */
      show_narrow (self, limits);
      return;
    }

  removed = tally_limit_copy (tally_limits_get (limits, index));
  position = narrow_position (limits, index);
  tally_limits_remove (limits, index);
  if (save_limits (self, limits))
    offer_undo (self, _("Limit removed"), removed, position);
}

static GtkWidget *
narrow_row (TallyLimitsPage  *self,
            const TallyLimit *limit)
{
  g_autofree char *scope = tally_limit_describe_scope (limit);
  g_autofree char *values = tally_limit_describe_values (limit);
  /* Translators: %s names what the limit is for, e.g. "gpt-4o" or "key team" */
  g_autofree char *remove_label = g_strdup_printf (_("Remove limit for %s"), scope);
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), scope);
  adw_action_row_set_subtitle (row, values);
  gtk_widget_set_name (GTK_WIDGET (row), "narrow-limit");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "limit", tally_limit_copy (limit),
                          (GDestroyNotify) tally_limit_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);

  gtk_widget_set_name (remove, "remove");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), "limit", tally_limit_copy (limit),
                          (GDestroyNotify) tally_limit_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (row, remove);

  return GTK_WIDGET (row);
}

/* The entries of "limits", in the file's order; each opens the editor. */
static void
show_narrow (TallyLimitsPage   *self,
             const TallyLimits *limits)
{
  for (guint i = 0; i < self->narrow_rows->len; i++)
    adw_preferences_group_remove (self->narrow_group, g_ptr_array_index (self->narrow_rows, i));
  g_ptr_array_set_size (self->narrow_rows, 0);

  for (guint i = 0; i < tally_limits_get_n (limits); i++)
    {
      const TallyLimit *limit = tally_limits_get (limits, i);
      GtkWidget *row;

      if (tally_limit_is_top (limit))
        continue;
      row = narrow_row (self, limit);
      adw_preferences_group_add (self->narrow_group, row);
      g_ptr_array_add (self->narrow_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->narrow_group), !self->broken);
}

static void
fill_entries (TallyLimitsPage  *self,
              const TallyLimit *top)
{
  self->filling = TRUE;
  for (guint k = 0; k < TALLY_N_LIMIT_KINDS; k++)
    {
      double value = top != NULL ? top->values[k] : NAN;
      g_autofree char *text = isnan (value) ? g_strdup ("") : tally_limit_format_text (value);

      gtk_editable_set_text (GTK_EDITABLE (self->entries[k]), text);
      check_row (self, k, &value);
    }
  self->filling = FALSE;
}

/**
 * tally_limits_page_reload:
 *
 * Shows the file as it is now, or its error; what was typed and not yet
 * saved is dropped.
 */
void
tally_limits_page_reload (TallyLimitsPage *self)
{
  g_autoptr(TallyLimits) limits = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TALLY_IS_LIMITS_PAGE (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  show_save_error (self, NULL);
  limits = tally_limits_load (self->path, &error);
  set_broken (self, error);
  if (limits == NULL)
    return;
  fill_entries (self, tally_limits_lookup (limits, NULL, NULL, NULL));
  show_narrow (self, limits);
}

static gboolean
same_value (double a,
            double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* Reads the file again and sets the valid fields' members in it: what
 * the fields do not show is written back as it was read. */
static void
save_now (TallyLimitsPage *self)
{
  g_autoptr(TallyLimits) limits = NULL;
  g_autoptr(GError) error = NULL;
  TallyLimit *top;
  gboolean changed = FALSE;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->broken)
    return;
  if ((limits = tally_limits_load (self->path, &error)) == NULL)
    {
      set_broken (self, error);
      return;
    }

  top = tally_limits_lookup (limits, NULL, NULL, NULL);
  if (top == NULL)
    top = tally_limits_add (limits, NULL, NULL, NULL);
  for (guint k = 0; k < TALLY_N_LIMIT_KINDS; k++)
    {
      double value;

      if (check_row (self, k, &value) && !same_value (top->values[k], value))
        {
          top->values[k] = value;
          changed = TRUE;
        }
    }
  show_narrow (self, limits);

  /* Unchanged, the file already holds what the fields show. */
  if (changed && !tally_limits_save (limits, self->path, &error))
    show_save_error (self, error->message);
  else
    show_save_error (self, NULL);
}

static gboolean
save_timeout_cb (gpointer data)
{
  TallyLimitsPage *self = data;

  self->save_source = 0;
  save_now (self);

  return G_SOURCE_REMOVE;
}

static void
entry_changed_cb (GtkEditable     *entry,
                  TallyLimitsPage *self)
{
  TallyLimitKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "limit-kind"));
  double value;

  if (self->filling || !check_row (self, kind, &value))
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* Enter, or the focus leaving a field: what is pending is saved now. */
static void
flush_cb (TallyLimitsPage *self)
{
  if (self->save_source != 0)
    save_now (self);
}

static void
add_limit_row (TallyLimitsPage     *self,
               AdwPreferencesGroup *group,
               TallyLimitKind       kind)
{
  GtkEntry *entry;
  AdwActionRow *row = tally_limit_field_new (kind, &entry);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), self, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (flush_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (flush_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);

  adw_preferences_group_add (group, GTK_WIDGET (row));
  self->rows[kind] = row;
  self->entries[kind] = entry;
}

static AdwActionRow *
add_status_row (TallyLimitsPage *self,
                const char      *name)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Error"), -1);
  adw_action_row_add_prefix (row, icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (row, 0);
  gtk_widget_set_name (GTK_WIDGET (row), name);
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
  adw_preferences_group_add (self->status_group, GTK_WIDGET (row));

  return row;
}

static AdwPreferencesGroup *
add_group (TallyLimitsPage *self,
           const char      *title,
           const char      *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  if (title != NULL)
    adw_preferences_group_set_title (group, title);
  if (description != NULL)
    adw_preferences_group_set_description (group, description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);

  return group;
}

static void
build_status_group (TallyLimitsPage *self)
{
  GtkWidget *reload = gtk_button_new_with_mnemonic (_("_Reload"));

  self->status_group = add_group (self, NULL, NULL);
  self->load_error_row = add_status_row (self, "load-error");
  gtk_widget_set_name (reload, "reload");
  gtk_widget_set_valign (reload, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (reload, _("Read limits.json again"));
  g_signal_connect_object (reload, "clicked", G_CALLBACK (tally_limits_page_reload), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (self->load_error_row, reload);
  self->save_error_row = add_status_row (self, "save-error");
}

static void
build_groups (TallyLimitsPage *self)
{
  g_autofree char *rate_description = g_strdup_printf (
    _("For the local source as a whole, over every model and key. Empty or 0 is no limit. "
      "Saved in %s as you type."), self->path);
  GtkWidget *add_button;
  GtkWidget *add;

  build_status_group (self);

  self->rate_group = add_group (self, _("Rate Limits"), rate_description);
  add_limit_row (self, self->rate_group, TALLY_LIMIT_RPM);
  add_limit_row (self, self->rate_group, TALLY_LIMIT_TPM);
  add_limit_row (self, self->rate_group, TALLY_LIMIT_RPD);

  self->budget_group = add_group (self, _("Budget"),
                                  _("What the local source may cost, at the prices of the Prices page."));
  add_limit_row (self, self->budget_group, TALLY_LIMIT_DAILY_BUDGET);
  add_limit_row (self, self->budget_group, TALLY_LIMIT_MONTHLY_BUDGET);

  self->narrow_group = add_group (self, _("Narrower Limits"),
                                  _("Limits for one model, API key or source, each counted on its "
                                    "own besides the limits above."));
  add_button = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (add_button), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (add_button), _("_Add Limit…"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (add_button), TRUE);
  add = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (add), add_button);
  gtk_widget_set_name (add, "add-limit");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect_object (add, "clicked", G_CALLBACK (add_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (self->narrow_group, add);
}

static void
tally_limits_page_constructed (GObject *object)
{
  TallyLimitsPage *self = TALLY_LIMITS_PAGE (object);

  G_OBJECT_CLASS (tally_limits_page_parent_class)->constructed (object);

  if (self->path == NULL)
    self->path = tally_paths_get_limits_file ();
  build_groups (self);
  tally_limits_page_reload (self);
}

/* A change typed just before the window closes is not lost. */
static void
tally_limits_page_dispose (GObject *object)
{
  TallyLimitsPage *self = TALLY_LIMITS_PAGE (object);

  if (self->save_source != 0)
    save_now (self);

  G_OBJECT_CLASS (tally_limits_page_parent_class)->dispose (object);
}

static void
tally_limits_page_finalize (GObject *object)
{
  TallyLimitsPage *self = TALLY_LIMITS_PAGE (object);

  g_clear_pointer (&self->narrow_rows, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (tally_limits_page_parent_class)->finalize (object);
}

static void
tally_limits_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TallyLimitsPage *self = TALLY_LIMITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_limits_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TallyLimitsPage *self = TALLY_LIMITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_limits_page_class_init (TallyLimitsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tally_limits_page_constructed;
  object_class->dispose = tally_limits_page_dispose;
  object_class->finalize = tally_limits_page_finalize;
  object_class->get_property = tally_limits_page_get_property;
  object_class->set_property = tally_limits_page_set_property;

  /**
   * TallyLimitsPage:path:
   *
   * The limits.json the page edits; by default the user's.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_limits_page_init (TallyLimitsPage *self)
{
  self->narrow_rows = g_ptr_array_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Limits"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "power-profile-performance-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "limits");
}

GtkWidget *
tally_limits_page_new (void)
{
  return g_object_new (TALLY_TYPE_LIMITS_PAGE, NULL);
}

GtkWidget *
tally_limits_page_new_for_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (TALLY_TYPE_LIMITS_PAGE, "path", path, NULL);
}

const char *
tally_limits_page_get_path (TallyLimitsPage *self)
{
  g_return_val_if_fail (TALLY_IS_LIMITS_PAGE (self), NULL);

  return self->path;
}
