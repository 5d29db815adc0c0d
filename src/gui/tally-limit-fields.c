/* tally-limit-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The words and fields of limits that Preferences' "Limits" page and the
 * editor of one narrower limit share, so both read typed text the same
 * way and say the same thing about it: what typed text means, how a
 * value is written back into a field or described for reading, and how a
 * field shows that it is wrong. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-json-util.h"
#include "tally-limit-fields.h"

#define MAX_LIMIT 1e15

/**
 * tally_limit_format_text:
 *
 * The shortest text that reads back as @value: "30000", "2.5".
 */
char *
tally_limit_format_text (double value)
{
  GString *text;

  /* whole numbers in full: 10¹⁵ reads "1000000000000000", not "1e+15" */
  if (value == floor (value) && fabs (value) <= MAX_LIMIT)
    return g_strdup_printf ("%.0f", value);
  text = g_string_new (NULL);
  tally_append_shortest_double (text, value);
  return g_string_free (text, FALSE);
}

/* Whole numbers with thousands separators ("30,000"), for reading. */
static char *
format_grouped (double value)
{
  g_autofree char *digits = NULL;
  GString *out;
  gsize len;

  if (value != floor (value) || fabs (value) > MAX_LIMIT)
    return tally_limit_format_text (value);

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

/**
 * tally_limit_describe_values:
 *
 * "500 requests/min, 30,000 tokens/min"
 */
char *
tally_limit_describe_values (const TallyLimit *limit)
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

/**
 * tally_limit_describe_scope:
 *
 * "gpt-4o", "key sk-…team", "openai · gpt-4o"
 */
char *
tally_limit_describe_scope (const TallyLimit *limit)
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

/**
 * tally_limit_parse_text:
 * @value: (out): the limit; NAN for no limit (empty or 0)
 * @message: (out): why @text is refused
 *
 * Reads what was typed into a limit's field.
 */
gboolean
tally_limit_parse_text (const char  *text,
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

const char *
tally_limit_kind_get_title (TallyLimitKind kind)
{
  switch (kind)
    {
    case TALLY_LIMIT_RPM: return _("Requests per Minute");
    case TALLY_LIMIT_TPM: return _("Tokens per Minute");
    case TALLY_LIMIT_RPD: return _("Requests per Day");
    case TALLY_LIMIT_DAILY_BUDGET: return _("Daily Budget");
    case TALLY_LIMIT_MONTHLY_BUDGET: return _("Monthly Budget");
    case TALLY_N_LIMIT_KINDS:
    default: g_assert_not_reached ();
    }
}

/* The unit, shown under a field's title. */
const char *
tally_limit_kind_get_unit (TallyLimitKind kind)
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

/**
 * tally_limit_field_new:
 * @entry: (out): the field's entry
 *
 * A row with @kind's title and unit and an entry for its value; both are
 * named after the kind ("rpm", "daily").
 */
AdwActionRow *
tally_limit_field_new (TallyLimitKind   kind,
                       GtkEntry       **entry)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *field = gtk_entry_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tally_limit_kind_get_title (kind));
  adw_action_row_set_subtitle (row, tally_limit_kind_get_unit (kind));
  gtk_widget_set_name (GTK_WIDGET (row), tally_limit_kind_to_string (kind));

  gtk_widget_set_name (field, tally_limit_kind_to_string (kind));
  gtk_widget_set_valign (field, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (field), 12);
  gtk_editable_set_alignment (GTK_EDITABLE (field), 1.0);
  gtk_entry_set_input_purpose (GTK_ENTRY (field), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (field), _("No limit"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tally_limit_kind_get_title (kind), -1);
  g_object_set_data (G_OBJECT (field), "limit-kind", GUINT_TO_POINTER (kind));

  adw_action_row_add_suffix (row, field);
  adw_action_row_set_activatable_widget (row, field);
  *entry = GTK_ENTRY (field);

  return row;
}

/**
 * tally_limit_field_mark:
 * @message: (nullable): why the field is wrong; %NULL when it is right
 * @hint: what the row says under its title when the field is right
 *
 * Marks @row and its @entry wrong (red, with @message under the title and
 * as the entry's accessible description) or right.
 */
void
tally_limit_field_mark (AdwActionRow *row,
                        GtkWidget    *entry,
                        const char   *message,
                        const char   *hint)
{
  const char *shown = message != NULL ? message : hint;

  if (message == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_remove_css_class (entry, "error");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_add_css_class (entry, "error");
    }
  adw_action_row_set_subtitle (row, shown != NULL ? shown : "");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               message == NULL ? GTK_ACCESSIBLE_INVALID_FALSE
                                               : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  shown != NULL ? shown : "", -1);
}

/**
 * tally_limit_field_check:
 * @value: (out): the field's limit, NAN for none
 *
 * Reads @kind's field; an invalid one is marked and says why.
 */
gboolean
tally_limit_field_check (AdwActionRow   *row,
                         GtkEntry       *entry,
                         TallyLimitKind  kind,
                         double         *value)
{
  g_autofree char *message = NULL;
  gboolean valid;

  valid = tally_limit_parse_text (gtk_editable_get_text (GTK_EDITABLE (entry)), value, &message);
  tally_limit_field_mark (row, GTK_WIDGET (entry), valid ? NULL : message,
                          tally_limit_kind_get_unit (kind));

  return valid;
}
