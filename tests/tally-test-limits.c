/* tally-test-limits.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What the tests of Preferences' "Limits" page and of the limit editor
 * share: limits.json written and read as text, the page opened in a real
 * Preferences window, and the file waited for until it parses as
 * expected (the page saves after a delay). */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tally-limits-page.h"
#include "tally-preferences-window.h"
#include "tally-test-limits.h"

void
tally_test_limits_write_file (const char *path,
                              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

char *
tally_test_limits_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Preferences, on its Limits page, mapped. */
GtkWidget *
tally_test_limits_open_page (TallyApplication  *app,
                             GtkWindow        **window)
{
  TallyPreferencesWindow *preferences = tally_preferences_window_new (app);
  GtkWidget *page;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "limits");
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (preferences)));
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)),
                   ==, "limits");
  page = tally_test_find_descendant (GTK_WIDGET (preferences), TALLY_TYPE_LIMITS_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  *window = GTK_WINDOW (preferences);

  return page;
}

typedef struct
{
  const char *path;
  JsonNode   *expected;
} FileWait;

static gboolean
file_is (gpointer data)
{
  FileWait *wait = data;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!g_file_get_contents (wait->path, &text, NULL, NULL))
    return FALSE;
  node = json_from_string (text, NULL);
  return node != NULL && json_node_equal (node, wait->expected);
}

/* Waits until the file parses as @expected, then checks it again. */
void
tally_test_limits_assert_file_becomes (const char *path,
                                       const char *expected)
{
  g_autoptr(JsonNode) node = json_from_string (expected, NULL);
  FileWait wait = { path, node };
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) actual = NULL;

  g_assert_nonnull (node);
  if (!tally_test_wait_until (file_is, &wait, 5000))
    {
      text = tally_test_limits_read_file (path);
      g_error ("%s is\n%s\nnot\n%s", path, text, expected);
    }
  text = tally_test_limits_read_file (path);
  actual = json_from_string (text, NULL);
  g_assert_true (json_node_equal (actual, node));
}
