/* tally-limits-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Preferences' "Limits" page: the rate limits and budgets of the local
 * source as a whole, the top-level members of limits.json (docs/alerts.md).
 * A valid change is saved half a second after the typing stops (at once on
 * Enter or when the field loses the focus). Each save reads the file
 * again and changes only those members, so the narrower entries of
 * "limits", listed read-only here, and edits made by hand meanwhile are
 * kept. A file that cannot be read is shown with its error and never
 * written over. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-limits.h"
#include "tally-limits-page.h"
#include "tally-paths.h"

#define SAVE_DELAY_MS 500
#define MAX_LIMIT 1e15

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

/* The shortest text that reads back as @value: "30000", "2.5". */
static char *
format_plain (double value)
{
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) <= MAX_LIMIT)
    return g_strdup_printf ("%.0f", value);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  return g_strdup (buffer);
}

/* Whole numbers with thousands separators ("30,000"), for reading. */
static char *
format_grouped (double value)
{
  g_autofree char *digits = NULL;
  GString *out;
  gsize len;

  if (value != floor (value) || fabs (value) > MAX_LIMIT)
    return format_plain (value);

  digits = g_strdup_printf ("%.0f", value);
  len = strlen (digits);
  out = g_string_new (NULL);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

static char *
describe_value (TallyLimitKind kind,
                double         value)
{
  g_autofree char *number = format_grouped (value);

  switch (kind)
    {
    /* Translators: %s is a number, e.g. 30,000 */
    case TALLY_LIMIT_RPM: return g_strdup_printf (_("%s requests/min"), number);
    case TALLY_LIMIT_TPM: return g_strdup_printf (_("%s tokens/min"), number);
    case TALLY_LIMIT_RPD: return g_strdup_printf (_("%s requests/day"), number);
    /* Translators: %s is an amount of US dollars, e.g. 25 */
    case TALLY_LIMIT_DAILY_BUDGET: return g_strdup_printf (_("$%s/day"), number);
    case TALLY_LIMIT_MONTHLY_BUDGET: return g_strdup_printf (_("$%s/month"), number);
    case TALLY_N_LIMIT_KINDS:
    default: g_assert_not_reached ();
    }
}

/* "500 requests/min, 30,000 tokens/min" */
static char *
describe_values (const TallyLimit *limit)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < TALLY_N_LIMIT_KINDS; k++)
    if (!isnan (limit->values[k]))
      {
        g_autofree char *part = describe_value (k, limit->values[k]);

        if (out->len > 0)
          /* Translators: between the limits of one entry, "500 requests/min, 30,000 tokens/min" */
          g_string_append (out, _(", "));
        g_string_append (out, part);
      }

  return g_string_free (out, FALSE);
}

/* "gpt-4o", "key sk-…team", "openai · gpt-4o" */
static char *
describe_scope (const TallyLimit *limit)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (g_strcmp0 (limit->source, "local") != 0)
    g_ptr_array_add (parts, g_strdup (limit->source));
  if (limit->model != NULL)
    g_ptr_array_add (parts, g_strdup (limit->model));
  if (limit->api_key != NULL)
    /* Translators: %s is an API key's name in limits.json */
    g_ptr_array_add (parts, g_strdup_printf (_("key %s"), limit->api_key));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* @value is NAN for no limit: empty or 0. */
static gboolean
parse_limit (const char  *text,
             double      *value,
             char       **message)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *end;
  double v;

  *value = NAN;
  if (*trimmed == '\0')
    return TRUE;

  v = g_ascii_strtod (trimmed, &end);
  if (*end != '\0' || end == trimmed || !isfinite (v))
    /* Translators: %s is what was typed */
    *message = g_strdup_printf (_("Not saved: “%s” is not a number (write it like 30000 or 2.5)"),
                                trimmed);
  else if (v < 0)
    *message = g_strdup (_("Not saved: a limit must be positive (leave it empty for no limit)"));
  else if (v > MAX_LIMIT)
    *message = g_strdup (_("Not saved: a limit is at most 10¹⁵"));
  else
    {
      *value = v > 0 ? v : NAN;
      return TRUE;
    }

  return FALSE;
}

/* The unit, shown under the title. */
static const char *
unit_of (TallyLimitKind kind)
{
  switch (kind)
    {
    case TALLY_LIMIT_RPM: return _("requests/min");
    case TALLY_LIMIT_TPM: return _("tokens/min, input and output");
    case TALLY_LIMIT_RPD: return _("requests/day");
    case TALLY_LIMIT_DAILY_BUDGET: return _("USD/day");
    case TALLY_LIMIT_MONTHLY_BUDGET: return _("USD/calendar month");
    case TALLY_N_LIMIT_KINDS:
    default: g_assert_not_reached ();
    }
}

/* Reads @kind's field; an invalid one is marked and says why. */
static gboolean
check_row (TallyLimitsPage *self,
           TallyLimitKind   kind,
           double          *value)
{
  GtkWidget *row = GTK_WIDGET (self->rows[kind]);
  GtkWidget *entry = GTK_WIDGET (self->entries[kind]);
  g_autofree char *message = NULL;
  gboolean valid;

  valid = parse_limit (gtk_editable_get_text (GTK_EDITABLE (entry)), value, &message);
  if (valid)
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_remove_css_class (entry, "error");
    }
  else
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_add_css_class (entry, "error");
    }
  adw_action_row_set_subtitle (self->rows[kind], valid ? unit_of (kind) : message);
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  valid ? unit_of (kind) : message, -1);

  return valid;
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
      g_autofree char *scope = NULL;
      g_autofree char *values = NULL;
      AdwActionRow *row;

      if (g_str_equal (limit->source, "local") && limit->model == NULL && limit->api_key == NULL)
        continue;
      scope = describe_scope (limit);
      values = describe_values (limit);
      row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), scope);
      adw_action_row_set_subtitle (row, values);
      gtk_widget_set_name (GTK_WIDGET (row), "narrow-limit");
      adw_preferences_group_add (self->narrow_group, GTK_WIDGET (row));
      g_ptr_array_add (self->narrow_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->narrow_group), self->narrow_rows->len > 0);
}

static void
fill_entries (TallyLimitsPage  *self,
              const TallyLimit *top)
{
  self->filling = TRUE;
  for (guint k = 0; k < TALLY_N_LIMIT_KINDS; k++)
    {
      double value = top != NULL ? top->values[k] : NAN;
      g_autofree char *text = isnan (value) ? g_strdup ("") : format_plain (value);

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
               TallyLimitKind       kind,
               const char          *title)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, unit_of (kind));
  gtk_widget_set_name (GTK_WIDGET (row), tally_limit_kind_to_string (kind));

  gtk_widget_set_name (entry, tally_limit_kind_to_string (kind));
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("No limit"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
  g_object_set_data (G_OBJECT (entry), "limit-kind", GUINT_TO_POINTER (kind));
  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), self, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (flush_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (flush_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (entry, focus);

  adw_action_row_add_suffix (row, entry);
  adw_action_row_set_activatable_widget (row, entry);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  self->rows[kind] = row;
  self->entries[kind] = GTK_ENTRY (entry);
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

  build_status_group (self);

  self->rate_group = add_group (self, _("Rate Limits"), rate_description);
  add_limit_row (self, self->rate_group, TALLY_LIMIT_RPM, _("Requests per Minute"));
  add_limit_row (self, self->rate_group, TALLY_LIMIT_TPM, _("Tokens per Minute"));
  add_limit_row (self, self->rate_group, TALLY_LIMIT_RPD, _("Requests per Day"));

  self->budget_group = add_group (self, _("Budget"),
                                  _("What the local source may cost, at the prices of the Prices page."));
  add_limit_row (self, self->budget_group, TALLY_LIMIT_DAILY_BUDGET, _("Daily Budget"));
  add_limit_row (self, self->budget_group, TALLY_LIMIT_MONTHLY_BUDGET, _("Monthly Budget"));

  self->narrow_group = add_group (self, _("Narrower Limits"),
                                  _("Limits for one model, API key or source. They are edited in "
                                    "limits.json, and kept as they are when this page saves."));
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
