/* tally-prices-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The "Prices" page of Preferences: the price of every model Tally knows,
 * by provider, and the user's own prices, which win. Saving writes
 * $XDG_CONFIG_HOME/tally/pricing.json (tally-pricing-overrides.c); events
 * stored from then on take the new price (docs/costs.md). Built in code:
 * its rows come and go with the price list. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-pricing.h"
#include "tally-prices-page.h"

struct _TallyPricesPage
{
  AdwPreferencesPage   parent_instance;

  AdwPreferencesGroup *own_group;
  AdwEntryRow         *model_row;
  AdwEntryRow         *input_row;
  AdwEntryRow         *output_row;
  AdwEntryRow         *cached_row;
  AdwActionRow        *status_row;
  GPtrArray           *own_rows;       /* AdwActionRow, one per user price */
  GPtrArray           *list_groups;    /* AdwPreferencesGroup, one per provider */
};

G_DEFINE_FINAL_TYPE (TallyPricesPage, tally_prices_page, ADW_TYPE_PREFERENCES_PAGE)

static char *
describe_price (const TallyPrice *price)
{
  /* Translators: prices of 1M input, output and cached input tokens */
  return g_strdup_printf (_("$%g in · $%g out · $%g cached, per 1M tokens"),
                          price->input, price->output, price->cached_input);
}

static void
show_status (TallyPricesPage *self,
             const char      *message,
             gboolean         is_error)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), "error");
}

static gboolean
parse_price (AdwEntryRow *row,
             gboolean     optional,
             double      *price)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *end;

  *price = NAN;
  if (*trimmed == '\0')
    return optional;
  *price = g_ascii_strtod (trimmed, &end);

  return *end == '\0' && isfinite (*price);
}

static void
fill_entries (TallyPricesPage  *self,
              const char       *model,
              const TallyPrice *price)
{
  g_autofree char *input = g_strdup_printf ("%g", price->input);
  g_autofree char *output = g_strdup_printf ("%g", price->output);
  g_autofree char *cached = g_strdup_printf ("%g", price->cached_input);

  gtk_editable_set_text (GTK_EDITABLE (self->model_row), model);
  gtk_editable_set_text (GTK_EDITABLE (self->input_row), input);
  gtk_editable_set_text (GTK_EDITABLE (self->output_row), output);
  gtk_editable_set_text (GTK_EDITABLE (self->cached_row), cached);
}

static void
save_cb (TallyPricesPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *model = gtk_editable_get_text (GTK_EDITABLE (self->model_row));
  double input, output, cached;

  if (!parse_price (self->input_row, FALSE, &input) ||
      !parse_price (self->output_row, FALSE, &output) ||
      !parse_price (self->cached_row, TRUE, &cached))
    {
      show_status (self, _("Prices must be numbers of USD per 1M tokens, like 2.5"), TRUE);
      return;
    }
  if (!tally_pricing_set_override (model, input, output, cached, &error))
    {
      show_status (self, error->message, TRUE);
      return;
    }

  tally_prices_page_reload (self);
  show_status (self, _("Saved: events stored from now on take this price"), FALSE);
}

static void
remove_cb (GtkButton       *button,
           TallyPricesPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *model = g_object_get_data (G_OBJECT (button), "model");

  if (!tally_pricing_remove_override (model, &error))
    {
      show_status (self, error->message, TRUE);
      return;
    }
  tally_prices_page_reload (self);
}

static void
row_activated_cb (AdwActionRow    *row,
                  TallyPricesPage *self)
{
  g_autoptr(TallyPricing) pricing = tally_pricing_get_default ();
  const char *model = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  TallyPrice price;

  if (tally_pricing_lookup (pricing, model, &price))
    fill_entries (self, model, &price);
}

static AdwActionRow *
price_row (TallyPricesPage  *self,
           const char       *model,
           const TallyPrice *price)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *subtitle = describe_price (price);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), model);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);

  return row;
}

static void
add_own_rows (TallyPricesPage *self,
              TallyPricing    *own)
{
  g_auto(GStrv) models = tally_pricing_list_models (own);

  for (guint i = 0; models[i] != NULL; i++)
    {
      TallyPrice price;
      AdwActionRow *row;
      GtkWidget *button;

      tally_pricing_lookup (own, models[i], &price);
      row = price_row (self, models[i], &price);
      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove this price"));
      {
        /* Translators: %s is a model's name, e.g. gpt-4o. */
        g_autofree char *label = g_strdup_printf (_("Remove the price of “%s”"), models[i]);

        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        label, -1);
      }
      gtk_widget_set_name (button, "remove-price");
      g_object_set_data_full (G_OBJECT (button), "model", g_strdup (models[i]), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_cb), self, 0);
      adw_action_row_add_suffix (row, button);
      adw_preferences_group_add (self->own_group, GTK_WIDGET (row));
      g_ptr_array_add (self->own_rows, row);
    }
}

static void
add_list_groups (TallyPricesPage *self,
                 TallyPricing    *pricing)
{
  g_auto(GStrv) models = tally_pricing_list_models (pricing);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; models[i] != NULL; i++)
    {
      AdwPreferencesGroup *group;
      TallyPrice price;

      tally_pricing_lookup (pricing, models[i], &price);
      group = g_hash_table_lookup (groups, price.provider);
      if (group == NULL)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, price.provider);
          adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
          g_ptr_array_add (self->list_groups, group);
          g_hash_table_insert (groups, (gpointer) price.provider, group);
        }
      adw_preferences_group_add (group, GTK_WIDGET (price_row (self, models[i], &price)));
    }
}

/* Rebuilds the lists from the files. */
void
tally_prices_page_reload (TallyPricesPage *self)
{
  g_autoptr(TallyPricing) pricing = NULL;
  g_autoptr(TallyPricing) own = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TALLY_IS_PRICES_PAGE (self));

  for (guint i = 0; i < self->own_rows->len; i++)
    adw_preferences_group_remove (self->own_group, g_ptr_array_index (self->own_rows, i));
  g_ptr_array_set_size (self->own_rows, 0);
  for (guint i = 0; i < self->list_groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self),
                                 g_ptr_array_index (self->list_groups, i));
  g_ptr_array_set_size (self->list_groups, 0);

  tally_pricing_reload_default ();
  own = tally_pricing_new_user (&error);
  if (own == NULL)
    show_status (self, error->message, TRUE);
  else
    add_own_rows (self, own);

  pricing = tally_pricing_get_default ();
  add_list_groups (self, pricing);
}

static AdwEntryRow *
entry_row (TallyPricesPage *self,
           const char      *title,
           const char      *name)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (GTK_WIDGET (row), name);
  adw_preferences_group_add (self->own_group, GTK_WIDGET (row));

  return row;
}

static void
build_own_group (TallyPricesPage *self)
{
  g_autofree char *file = tally_pricing_get_user_file ();
  g_autofree char *description = g_strdup_printf (
    _("Saved in %s. They win over the list, for snapshot names too "
      "(gpt-4o-2024-08-06 takes gpt-4o’s price), and apply to the events stored from now on."),
    file);
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save Price"));

  self->own_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->own_group, _("Your Prices"));
  adw_preferences_group_set_description (self->own_group, description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->own_group);

  self->model_row = entry_row (self, _("Model"), "model");
  self->input_row = entry_row (self, _("Input, USD per 1M tokens"), "input");
  self->output_row = entry_row (self, _("Output, USD per 1M tokens"), "output");
  self->cached_row = entry_row (self, _("Cached input, USD per 1M tokens (optional)"), "cached");

  gtk_widget_set_name (save, "save-price");
  gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_object (save, "clicked", G_CALLBACK (save_cb), self, G_CONNECT_SWAPPED);
  self->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  /* messages name files and quote JSON: plain text, not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->status_row), FALSE);
  gtk_widget_set_name (GTK_WIDGET (self->status_row), "status");
  adw_action_row_add_suffix (self->status_row, save);
  adw_preferences_group_add (self->own_group, GTK_WIDGET (self->status_row));
  show_status (self, NULL, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), TRUE);
}

static void
tally_prices_page_finalize (GObject *object)
{
  TallyPricesPage *self = TALLY_PRICES_PAGE (object);

  g_clear_pointer (&self->own_rows, g_ptr_array_unref);
  g_clear_pointer (&self->list_groups, g_ptr_array_unref);

  G_OBJECT_CLASS (tally_prices_page_parent_class)->finalize (object);
}

static void
tally_prices_page_class_init (TallyPricesPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tally_prices_page_finalize;
}

static void
tally_prices_page_init (TallyPricesPage *self)
{
  self->own_rows = g_ptr_array_new ();
  self->list_groups = g_ptr_array_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Prices"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self),
                                      "accessories-calculator-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "prices");
  build_own_group (self);
  tally_prices_page_reload (self);
}

GtkWidget *
tally_prices_page_new (void)
{
  return g_object_new (TALLY_TYPE_PRICES_PAGE, NULL);
}
