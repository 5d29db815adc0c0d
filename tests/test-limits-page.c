/* test-limits-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Preferences' "Limits" page under Xvfb, on the limits.json of the test's
 * own config dir: the fields show the file's top-level limits and the
 * narrower entries are listed; values typed in are saved, with the
 * narrower entries (and an entry added by hand meanwhile) kept; an
 * invalid value is marked and not saved; an emptied field drops its
 * limit; a broken file shows its error and is never written over; and a
 * file that cannot be written says why. */

#include "config.h"

#include "tally-limits-page.h"
#include "tally-paths.h"
#include "tally-test-limits.h"

#define LIMITS_FILE                                                                     \
  "{\n  \"version\": 1,\n  \"rpm\": 3000,\n  \"tpm\": 1000000,\n"                       \
  "  \"budget\": { \"daily\": 25.5 },\n"                                                \
  "  \"limits\": [\n"                                                                   \
  "    { \"model\": \"gpt-4o\", \"rpm\": 500, \"tpm\": 30000, \"rpd\": 10000 },\n"      \
  "    { \"api_key\": \"team\", \"budget\": { \"daily\": 5 } }\n  ]\n}\n"

/* The narrower entries as Tally writes them: "source" spelled out. */
#define NARROW_ENTRIES                                                                  \
  "[{\"source\":\"local\",\"model\":\"gpt-4o\",\"rpm\":500,\"tpm\":30000,\"rpd\":10000}," \
  "{\"source\":\"local\",\"api_key\":\"team\",\"budget\":{\"daily\":5}}]"

static TallyApplication *app;

static GtkWidget *
open_page (GtkWindow **window)
{
  return tally_test_limits_open_page (app, window);
}

static GtkWidget *
row_of (GtkWidget  *page,
        const char *name)
{
  GtkWidget *row = tally_test_find_descendant (page, ADW_TYPE_ACTION_ROW, name);

  g_assert_nonnull (row);
  return row;
}

static GtkEditable *
entry_of (GtkWidget  *page,
          const char *name)
{
  GtkWidget *entry = tally_test_find_descendant (row_of (page, name), GTK_TYPE_ENTRY, name);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static const char *
text_of (GtkWidget  *page,
         const char *name)
{
  return gtk_editable_get_text (entry_of (page, name));
}

static void
type (GtkWidget  *page,
      const char *name,
      const char *text)
{
  gtk_editable_set_text (entry_of (page, name), text);
}

static gboolean
row_has_error (GtkWidget  *page,
               const char *name)
{
  return gtk_widget_has_css_class (row_of (page, name), "error");
}

static const char *
subtitle_of (GtkWidget  *page,
             const char *name)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row_of (page, name)));
}

static gboolean
is_false (gpointer data)
{
  return FALSE;
}

/* Longer than the page's delay before it saves. */
static void
wait_past_save (void)
{
  g_assert_false (tally_test_wait_until (is_false, NULL, 1200));
}

static void
assert_narrow_rows (GtkWidget *page)
{
  GtkWidget *group = gtk_widget_get_ancestor (tally_test_find_descendant (page, ADW_TYPE_ACTION_ROW,
                                                                          "narrow-limit"),
                                              ADW_TYPE_PREFERENCES_GROUP);
  const char *expected[][2] = {
    { "gpt-4o", "500 requests/min, 30,000 tokens/min, 10,000 requests/day" },
    { "key team", "$5/day" },
  };
  guint n = 0;

  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "Narrower Limits");
  /* The rows, in order: each is named "narrow-limit". */
  for (GtkWidget *row = tally_test_find_descendant (group, ADW_TYPE_ACTION_ROW, "narrow-limit");
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr (gtk_widget_get_name (row), ==, "narrow-limit");
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, expected[n][0]);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, expected[n][1]);
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
}

static void
test_show (GtkWidget *page)
{
  g_assert_cmpstr (text_of (page, "rpm"), ==, "3000");
  g_assert_cmpstr (text_of (page, "tpm"), ==, "1000000");
  g_assert_cmpstr (text_of (page, "rpd"), ==, "");
  g_assert_cmpstr (text_of (page, "daily"), ==, "25.5");
  g_assert_cmpstr (text_of (page, "monthly"), ==, "");
  g_assert_cmpstr (subtitle_of (page, "rpm"), ==, "requests/min");
  g_assert_cmpstr (subtitle_of (page, "monthly"), ==, "USD/calendar month");
  gtk_test_accessible_assert_property (entry_of (page, "rpm"), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Requests per Minute");
  gtk_test_accessible_assert_property (entry_of (page, "monthly"), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Monthly Budget");
  assert_narrow_rows (page);
  g_assert_false (gtk_widget_get_visible (row_of (page, "load-error")));
}

/* Invalid text: the row says why, nothing is written. */
static void
test_invalid (GtkWidget  *page,
              const char *path)
{
  const char *bad[][2] = {
    { "abc", "Not saved: “abc” is not a number (write it like 30000 or 2.5)" },
    { "-5", "Not saved: a limit must be positive (leave it empty for no limit)" },
    { "2e15", "Not saved: a limit is at most 10¹⁵" },
  };
  g_autofree char *before = tally_test_limits_read_file (path);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *after = NULL;

      type (page, "rpm", bad[i][0]);
      g_assert_true (row_has_error (page, "rpm"));
      g_assert_cmpstr (subtitle_of (page, "rpm"), ==, bad[i][1]);
      gtk_test_accessible_assert_state (entry_of (page, "rpm"), GTK_ACCESSIBLE_STATE_INVALID,
                                        GTK_ACCESSIBLE_INVALID_TRUE);
      g_signal_emit_by_name (entry_of (page, "rpm"), "activate");
      wait_past_save ();
      after = tally_test_limits_read_file (path);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_edit (void)
{
  g_autofree char *path = tally_paths_get_limits_file ();
  g_autofree char *opened = NULL;
  GtkWindow *window;
  GtkWidget *page;

  tally_test_limits_write_file (path, LIMITS_FILE);
  page = open_page (&window);
  test_show (page);
  /* Opening writes nothing. */
  wait_past_save ();
  opened = tally_test_limits_read_file (path);
  g_assert_cmpstr (opened, ==, LIMITS_FILE);

  /* Typed: saved, the narrower entries kept. */
  type (page, "rpm", "4500");
  type (page, "monthly", "750");
  g_assert_false (row_has_error (page, "rpm"));
  tally_test_limits_assert_file_becomes (path,
                       "{\"version\":1,\"rpm\":4500,\"tpm\":1000000,"
                       "\"budget\":{\"daily\":25.5,\"monthly\":750},\"limits\":" NARROW_ENTRIES "}");

  test_invalid (page, path);
  g_assert_cmpstr (text_of (page, "rpm"), ==, "2e15");

  /* Emptied or 0: no limit. An entry added by hand meanwhile stays. */
  tally_test_limits_write_file (path,
              "{\"rpm\":4500,\"tpm\":1000000,\"budget\":{\"daily\":25.5,\"monthly\":750},"
              "\"limits\":[{\"model\":\"gpt-4o\",\"rpm\":500,\"tpm\":30000,\"rpd\":10000},"
              "{\"api_key\":\"team\",\"budget\":{\"daily\":5}},{\"model\":\"o1\",\"rpd\":50}]}");
  type (page, "rpm", "");
  type (page, "tpm", "0");
  g_signal_emit_by_name (entry_of (page, "tpm"), "activate");
  g_assert_false (row_has_error (page, "rpm"));
  tally_test_limits_assert_file_becomes (path,
                       "{\"version\":1,\"budget\":{\"daily\":25.5,\"monthly\":750},\"limits\":"
                       "[{\"source\":\"local\",\"model\":\"gpt-4o\",\"rpm\":500,\"tpm\":30000,"
                       "\"rpd\":10000},{\"source\":\"local\",\"api_key\":\"team\","
                       "\"budget\":{\"daily\":5}},{\"source\":\"local\",\"model\":\"o1\",\"rpd\":50}]}");
  g_assert_nonnull (tally_test_find_descendant (page, ADW_TYPE_ACTION_ROW, "narrow-limit"));

  tally_test_destroy_window (window);
}

static void
test_broken (void)
{
  const char *broken = "{\"rpm\": 3000, \"budget\": {\"weekly\": 10}}\n";
  g_autofree char *path = tally_paths_get_limits_file ();
  g_autofree char *message = NULL;
  g_autofree char *after = NULL;
  GtkWidget *error_row;
  GtkWindow *window;
  GtkWidget *page;

  tally_test_limits_write_file (path, broken);
  page = open_page (&window);
  error_row = row_of (page, "load-error");
  message = g_strdup_printf ("%s: budget.weekly: unknown budget (use “daily” or “monthly”)", path);
  g_assert_true (gtk_widget_get_visible (error_row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row)), ==, message);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (entry_of (page, "monthly"))));

  /* An edit attempt leaves the file as it is. */
  type (page, "monthly", "100");
  g_signal_emit_by_name (entry_of (page, "monthly"), "activate");
  wait_past_save ();
  after = tally_test_limits_read_file (path);
  g_assert_cmpstr (after, ==, broken);

  /* Mended by hand and read again: the page edits it. */
  tally_test_limits_write_file (path, "{\"rpm\": 3000}");
  g_signal_emit_by_name (tally_test_find_descendant (error_row, GTK_TYPE_BUTTON, "reload"), "clicked");
  g_assert_false (gtk_widget_get_visible (error_row));
  g_assert_cmpstr (text_of (page, "rpm"), ==, "3000");
  g_assert_cmpstr (text_of (page, "monthly"), ==, "");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (entry_of (page, "monthly"))));
  type (page, "monthly", "100");
  tally_test_limits_assert_file_becomes (path, "{\"version\":1,\"rpm\":3000,\"budget\":{\"monthly\":100}}");

  tally_test_destroy_window (window);
}

/* Writing fails: the page says why. /proc takes no new folder, even
 * from root. */
static void
test_write_error (void)
{
  AdwPreferencesWindow *window = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  GtkWidget *page = tally_limits_page_new_for_path ("/proc/tally-limits-page/limits.json");
  GtkWidget *row;

  adw_preferences_window_add (window, ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tally_test_wait_mapped (page));
  row = row_of (page, "save-error");
  g_assert_false (gtk_widget_get_visible (row));

  type (page, "rpd", "200");
  g_signal_emit_by_name (entry_of (page, "rpd"), "activate");
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Cannot create the folder /proc/tally-limits-page: No such file or directory");
  g_assert_false (g_file_test ("/proc/tally-limits-page", G_FILE_TEST_EXISTS));

  tally_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tally_test_gui_init (&argc, &argv);
  app = tally_test_app_new ();

  g_test_add_func ("/tally/limits-page/edit", test_edit);
  g_test_add_func ("/tally/limits-page/broken", test_broken);
  g_test_add_func ("/tally/limits-page/write-error", test_write_error);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
