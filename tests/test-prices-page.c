/* test-prices-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The Prices page of Preferences: it lists the shipped prices by
 * provider, saves a price typed in to the user's pricing.json (which the
 * default table then gives), refuses a price that is not a number, and
 * removes a saved price. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "tally-prices-page.h"
#include "tally-pricing.h"
#include "tally-test-gui.h"

static AdwActionRow *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return ADW_ACTION_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found = find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
type (GtkWidget  *page,
      const char *name,
      const char *text)
{
  GtkWidget *row = tally_test_find_descendant (page, ADW_TYPE_ENTRY_ROW, name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
click (GtkWidget  *root,
       const char *name)
{
  GtkWidget *button = tally_test_find_descendant (root, GTK_TYPE_BUTTON, name);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static const char *
status_of (GtkWidget *page)
{
  GtkWidget *row = tally_test_find_descendant (page, ADW_TYPE_ACTION_ROW, "status");

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static void
test_prices_page (void)
{
  g_autofree char *file = tally_pricing_get_user_file ();
  AdwPreferencesWindow *window = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  GtkWidget *page = tally_prices_page_new ();
  g_autoptr(TallyPricing) pricing = NULL;
  g_autofree char *contents = NULL;
  AdwActionRow *row;
  TallyPrice price;

  g_unlink (file);
  adw_preferences_window_add (window, ADW_PREFERENCES_PAGE (page));
  adw_preferences_window_set_visible_page (window, ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tally_test_wait_mapped (page));

  /* The shipped list, by provider. */
  row = find_row (page, "claude-3-5-sonnet");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "$3 in · $15 out · $0.3 cached, per 1M tokens");
  g_assert_null (find_row (page, "house-llm"));

  /* Not a number: refused, nothing written. */
  type (page, "model", "house-llm");
  type (page, "input", "cheap");
  type (page, "output", "1.5");
  click (page, "save-price");
  g_assert_cmpstr (status_of (page), ==, "Prices must be numbers of USD per 1M tokens, like 2.5");
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  /* Saved: in the file, in the default table, on the page. */
  type (page, "input", "0.5");
  type (page, "cached", "0.05");
  click (page, "save-price");
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"house-llm\""));
  pricing = tally_pricing_get_default ();
  g_assert_true (tally_pricing_lookup (pricing, "house-llm-v2", &price));
  g_assert_cmpfloat (price.input, ==, 0.5);
  g_assert_cmpfloat (price.output, ==, 1.5);
  g_assert_cmpfloat (price.cached_input, ==, 0.05);
  g_assert_cmpstr (price.provider, ==, "user");
  g_clear_pointer (&pricing, tally_pricing_unref);
  row = find_row (page, "house-llm");
  g_assert_nonnull (row);

  /* An override of a listed model wins over the list; typed in capitals,
   * it is the same model, and its row's button removes it. */
  type (page, "model", "GPT-4o");
  type (page, "input", "1");
  type (page, "output", "2");
  type (page, "cached", "");
  click (page, "save-price");
  pricing = tally_pricing_get_default ();
  g_assert_true (tally_pricing_lookup (pricing, "gpt-4o-2024-08-06", &price));
  g_assert_cmpfloat (price.input, ==, 1);
  g_assert_cmpfloat (price.cached_input, ==, 1);
  g_clear_pointer (&pricing, tally_pricing_unref);

  /* Removed: the list's price is back, the model without one is gone. */
  click (GTK_WIDGET (find_row (page, "house-llm")), "remove-price");
  pricing = tally_pricing_get_default ();
  g_assert_false (tally_pricing_lookup (pricing, "house-llm", NULL));
  g_clear_pointer (&pricing, tally_pricing_unref);
  g_assert_null (find_row (page, "house-llm"));
  g_assert_nonnull (find_row (page, "gpt-4o"));
  click (GTK_WIDGET (find_row (page, "gpt-4o")), "remove-price");
  pricing = tally_pricing_get_default ();
  g_assert_true (tally_pricing_lookup (pricing, "gpt-4o", &price));
  g_assert_cmpfloat (price.input, !=, 1);
  g_clear_pointer (&pricing, tally_pricing_unref);

  /* A file that is not JSON is shown with the settings reader's message
   * and left as it is. */
  g_assert_true (g_file_set_contents (file, "{\"providers\": ", -1, NULL));
  type (page, "model", "house-llm");
  type (page, "input", "1");
  type (page, "output", "2");
  click (page, "save-price");
  {
    g_autofree char *message = g_strconcat (file, " is not valid JSON: line 1, column 14: "
                                            "unexpected end of file, expected character `}'", NULL);

    g_assert_cmpstr (status_of (page), ==, message);
  }
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"providers\": ");
  g_unlink (file);

  tally_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  tally_test_gui_init (&argc, &argv);

  g_test_add_func ("/tally/prices-page/edit", test_prices_page);

  return g_test_run ();
}
