/* test-limit-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The narrower limits of Preferences' "Limits" page under Xvfb, on the
 * limits.json of the test's own config dir: "Add Limit…" and a row's
 * editor write exactly the typed entry and keep the rest of the file (an
 * entry added by hand meanwhile too); invalid input keeps Save
 * insensitive, says why on its row and leaves the file byte for byte;
 * removing writes the file without the entry, and Undo puts it back at
 * its place, offered again while the file is broken; an entry removed by
 * hand while its editor is open is not written back. */

#include "config.h"

#include "tally-limit-editor.h"
#include "tally-limits-page.h"
#include "tally-paths.h"
#include "tally-test-limits.h"

#define LIMITS_FILE                                                                     \
  "{\n  \"version\": 1,\n  \"rpm\": 3000,\n  \"tpm\": 1000000,\n"                       \
  "  \"budget\": { \"daily\": 25.5 },\n"                                                \
  "  \"limits\": [\n"                                                                   \
  "    { \"model\": \"gpt-4o\", \"rpm\": 500, \"tpm\": 30000, \"rpd\": 10000 },\n"      \
  "    { \"api_key\": \"team\", \"budget\": { \"daily\": 5 } }\n  ]\n}\n"

#define TOP "\"version\":1,\"rpm\":3000,\"tpm\":1000000,\"budget\":{\"daily\":25.5}"
#define GPT_4O "{\"source\":\"local\",\"model\":\"gpt-4o\",\"rpm\":500,\"tpm\":30000,\"rpd\":10000}"
#define TEAM "{\"source\":\"local\",\"api_key\":\"team\",\"budget\":{\"daily\":5}}"

static TallyApplication *app;

typedef struct
{
  char      *path;
  GtkWindow *window;
  GtkWidget *page;
} Fixture;

static void
fixture_set_up (Fixture    *f,
                const char *text)
{
  f->path = tally_paths_get_limits_file ();
  tally_test_limits_write_file (f->path, text);
  f->page = tally_test_limits_open_page (app, &f->window);
}

static void
fixture_tear_down (Fixture *f)
{
  tally_test_destroy_window (f->window);
  g_free (f->path);
}

/* The narrower rows, in order. */
static GPtrArray *
narrow_rows (Fixture *f)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *first = tally_test_find_descendant (f->page, ADW_TYPE_ACTION_ROW, "narrow-limit");

  for (GtkWidget *row = first; row != NULL; row = gtk_widget_get_next_sibling (row))
    g_ptr_array_add (rows, row);
  return rows;
}

static void
assert_rows (Fixture    *f,
             const char *expected[][2],
             guint       n)
{
  g_autoptr(GPtrArray) rows = narrow_rows (f);

  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[i]), ==, expected[i][0]);
      g_assert_cmpstr (adw_action_row_get_subtitle (rows->pdata[i]), ==, expected[i][1]);
    }
}

static gboolean
editor_shown (gpointer data)
{
  GtkWindow *editor = tally_test_find_toplevel (TALLY_TYPE_LIMIT_EDITOR);

  *(GtkWindow **) data = editor;
  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor));
}

/* The editor that opened, modal over Preferences. */
static GtkWidget *
wait_editor (Fixture *f)
{
  GtkWindow *editor = NULL;

  g_assert_true (tally_test_wait_until (editor_shown, &editor, 5000));
  g_assert_true (gtk_window_get_modal (editor));
  g_assert_true (gtk_window_get_transient_for (editor) == f->window);
  return GTK_WIDGET (editor);
}

static gboolean
editor_gone (gpointer data)
{
  return tally_test_find_toplevel (TALLY_TYPE_LIMIT_EDITOR) == NULL;
}

static GtkWidget *
open_add (Fixture *f)
{
  GtkWidget *add = tally_test_find_descendant (f->page, GTK_TYPE_BUTTON, "add-limit");

  g_assert_nonnull (add);
  g_assert_true (gtk_widget_is_visible (add));
  g_signal_emit_by_name (add, "clicked");
  return wait_editor (f);
}

static GtkWidget *
open_row (Fixture *f,
          guint    index)
{
  g_autoptr(GPtrArray) rows = narrow_rows (f);

  g_assert_cmpuint (index, <, rows->len);
  g_assert_true (gtk_list_box_row_get_activatable (rows->pdata[index]));
  g_signal_emit_by_name (rows->pdata[index], "activated");
  return wait_editor (f);
}

static GtkEditable *
field (GtkWidget  *editor,
       const char *name)
{
  GtkWidget *row = tally_test_find_descendant (editor, ADW_TYPE_ACTION_ROW, name);
  GtkWidget *entry = row != NULL ? tally_test_find_descendant (row, GTK_TYPE_ENTRY, name) : NULL;

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static void
type (GtkWidget  *editor,
      const char *name,
      const char *text)
{
  gtk_editable_set_text (field (editor, name), text);
}

static const char *
subtitle_of (GtkWidget  *editor,
             const char *name)
{
  return adw_action_row_get_subtitle (
    ADW_ACTION_ROW (tally_test_find_descendant (editor, ADW_TYPE_ACTION_ROW, name)));
}

static gboolean
row_has_error (GtkWidget  *editor,
               const char *name)
{
  return gtk_widget_has_css_class (tally_test_find_descendant (editor, ADW_TYPE_ACTION_ROW, name),
                                   "error");
}

static GtkWidget *
save_button (GtkWidget *editor)
{
  GtkWidget *save = tally_test_find_descendant (editor, GTK_TYPE_BUTTON, "save");

  g_assert_nonnull (save);
  return save;
}

static const char *
hint_of (GtkWidget *editor)
{
  GtkWidget *hint = tally_test_find_descendant (editor, GTK_TYPE_LABEL, "hint");

  return gtk_widget_get_visible (hint) ? gtk_label_get_text (GTK_LABEL (hint)) : NULL;
}

static void
save (GtkWidget *editor)
{
  g_assert_true (gtk_widget_is_sensitive (save_button (editor)));
  g_signal_emit_by_name (save_button (editor), "clicked");
  g_assert_true (tally_test_wait_until (editor_gone, NULL, 5000));
}

static void
test_add (void)
{
  Fixture f;
  GtkWidget *editor;
  const char *rows[][2] = {
    { "gpt-4o", "500 requests/min, 30,000 tokens/min, 10,000 requests/day" },
    { "key team", "$5/day" },
    { "openai · o1", "50 requests/day, $2.5/day" },
  };

  fixture_set_up (&f, LIMITS_FILE);
  editor = open_add (&f);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Add Limit");
  g_assert_cmpstr (gtk_editable_get_text (field (editor, "source")), ==, "local");
  g_assert_false (gtk_widget_is_sensitive (save_button (editor)));
  g_assert_cmpstr (hint_of (editor), ==, "Name a model, an API key or a source other than “local”.");

  type (editor, "model", " o1 ");
  g_assert_cmpstr (hint_of (editor), ==, "Set at least one limit.");
  g_assert_false (gtk_widget_is_sensitive (save_button (editor)));
  type (editor, "source", "openai");
  type (editor, "rpd", "50");
  type (editor, "daily", "2.5");
  g_assert_null (hint_of (editor));

  /* Edited by hand while the editor is open: kept, and the new entry
   * goes after it. */
  tally_test_limits_write_file (f.path,
                                "{\"version\":1,\"rpm\":3000,\"tpm\":1000000,\"budget\":{\"daily\":25.5},"
                                "\"limits\":[" GPT_4O "," TEAM ",{\"model\":\"o3\",\"tpm\":7}]}");
  save (editor);
  tally_test_limits_assert_file_becomes (f.path,
                                         "{" TOP ",\"limits\":[" GPT_4O "," TEAM ","
                                         "{\"source\":\"local\",\"model\":\"o3\",\"tpm\":7},"
                                         "{\"source\":\"openai\",\"model\":\"o1\",\"rpd\":50,"
                                         "\"budget\":{\"daily\":2.5}}]}");
  /* The list shows the file as written: the hand-made entry as well. */
  {
    const char *all[][2] = { { rows[0][0], rows[0][1] }, { rows[1][0], rows[1][1] },
                             { "o3", "7 tokens/min" }, { rows[2][0], rows[2][1] } };

    assert_rows (&f, all, G_N_ELEMENTS (all));
  }

  fixture_tear_down (&f);
}

static void
test_edit (void)
{
  Fixture f;
  GtkWidget *editor;
  const char *expected[][2] = {
    { "gpt-4o", "750 requests/min, 30,000 tokens/min, $120/month" },
    { "key team", "$5/day" },
  };

  fixture_set_up (&f, LIMITS_FILE);
  editor = open_row (&f, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Limit");
  g_assert_cmpstr (gtk_editable_get_text (field (editor, "model")), ==, "gpt-4o");
  g_assert_cmpstr (gtk_editable_get_text (field (editor, "api-key")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (field (editor, "source")), ==, "local");
  g_assert_cmpstr (gtk_editable_get_text (field (editor, "rpm")), ==, "500");
  g_assert_cmpstr (gtk_editable_get_text (field (editor, "tpm")), ==, "30000");
  g_assert_cmpstr (gtk_editable_get_text (field (editor, "rpd")), ==, "10000");
  g_assert_cmpstr (gtk_editable_get_text (field (editor, "daily")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (field (editor, "monthly")), ==, "");
  /* Unchanged, it may be saved again as it is. */
  g_assert_true (gtk_widget_is_sensitive (save_button (editor)));

  type (editor, "rpm", "750");
  type (editor, "rpd", "");
  type (editor, "monthly", "120");
  save (editor);
  tally_test_limits_assert_file_becomes (f.path,
                                         "{" TOP ",\"limits\":[{\"source\":\"local\",\"model\":"
                                         "\"gpt-4o\",\"rpm\":750,\"tpm\":30000,\"budget\":"
                                         "{\"monthly\":120}}," TEAM "]}");
  assert_rows (&f, expected, G_N_ELEMENTS (expected));

  /* The scope changes too, in place. */
  editor = open_row (&f, 1);
  type (editor, "api-key", "ops");
  save (editor);
  tally_test_limits_assert_file_becomes (f.path,
                                         "{" TOP ",\"limits\":[{\"source\":\"local\",\"model\":"
                                         "\"gpt-4o\",\"rpm\":750,\"tpm\":30000,\"budget\":"
                                         "{\"monthly\":120}},{\"source\":\"local\",\"api_key\":"
                                         "\"ops\",\"budget\":{\"daily\":5}}]}");

  fixture_tear_down (&f);
}

static void
assert_refused (GtkWidget  *editor,
                const char *row,
                const char *message)
{
  g_assert_true (row_has_error (editor, row));
  g_assert_cmpstr (subtitle_of (editor, row), ==, message);
  gtk_test_accessible_assert_state (field (editor, row), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_false (gtk_widget_is_sensitive (save_button (editor)));
}

/* Invalid input: the row says why in the Limits page's words, Save stays
 * insensitive, and neither Save, Enter nor Cancel writes anything. */
static void
test_invalid (void)
{
  Fixture f;
  GtkWidget *editor;
  g_autofree char *after = NULL;

  fixture_set_up (&f, LIMITS_FILE);
  editor = open_row (&f, 0);
  type (editor, "rpm", "abc");
  assert_refused (editor, "rpm", "Not saved: “abc” is not a number (write it like 30000 or 2.5)");
  type (editor, "rpm", "-1");
  assert_refused (editor, "rpm", "Not saved: a limit must be positive (leave it empty for no limit)");
  type (editor, "rpm", "2e15");
  assert_refused (editor, "rpm", "Not saved: a limit is at most 10¹⁵");
  g_signal_emit_by_name (save_button (editor), "clicked");
  g_signal_emit_by_name (field (editor, "tpm"), "activate");
  type (editor, "rpm", "500");
  g_assert_false (row_has_error (editor, "rpm"));
  g_assert_cmpstr (subtitle_of (editor, "rpm"), ==, "requests/min");
  g_assert_true (gtk_widget_is_sensitive (save_button (editor)));

  /* Made the same as the "team" entry: refused on the key's row. */
  type (editor, "model", "");
  type (editor, "api-key", "team");
  assert_refused (editor, "api-key", "Not saved: another limit has the same source, model and API key");
  g_assert_false (row_has_error (editor, "model"));
  /* Nothing narrower than the top level: Save waits for it. */
  type (editor, "api-key", "");
  g_assert_false (gtk_widget_is_sensitive (save_button (editor)));
  g_assert_cmpstr (hint_of (editor), ==, "Name a model, an API key or a source other than “local”.");
  g_signal_emit_by_name (save_button (editor), "clicked");
  g_signal_emit_by_name (field (editor, "api-key"), "activate");
  g_assert_nonnull (tally_test_find_toplevel (TALLY_TYPE_LIMIT_EDITOR));
  g_signal_emit_by_name (tally_test_find_descendant (editor, GTK_TYPE_BUTTON, "cancel"), "clicked");
  g_assert_true (tally_test_wait_until (editor_gone, NULL, 5000));

  /* Added with the model of an entry there already. */
  editor = open_add (&f);
  type (editor, "model", "gpt-4o");
  type (editor, "rpm", "1");
  assert_refused (editor, "model", "Not saved: another limit has the same source, model and API key");
  g_signal_emit_by_name (save_button (editor), "clicked");
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (tally_test_wait_until (editor_gone, NULL, 5000));

  after = tally_test_limits_read_file (f.path);
  g_assert_cmpstr (after, ==, LIMITS_FILE);
  fixture_tear_down (&f);
}

/* The first button labelled @label under @widget. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first label reading @text under @widget. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
remove_button (Fixture *f,
               guint    index)
{
  g_autoptr(GPtrArray) rows = narrow_rows (f);
  GtkWidget *button;

  g_assert_cmpuint (index, <, rows->len);
  button = tally_test_find_descendant (rows->pdata[index], GTK_TYPE_BUTTON, "remove");
  g_assert_nonnull (button);
  return button;
}

static void
test_remove (void)
{
  Fixture f;
  GtkWidget *remove;
  GtkWidget *undo;
  const char *rows[][2] = {
    { "gpt-4o", "500 requests/min, 30,000 tokens/min, 10,000 requests/day" },
    { "key team", "$5/day" },
  };

  fixture_set_up (&f, LIMITS_FILE);
  remove = remove_button (&f, 0);
  gtk_test_accessible_assert_property (remove, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remove limit for gpt-4o");
  gtk_test_accessible_assert_property (remove_button (&f, 1), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remove limit for key team");

  g_signal_emit_by_name (remove, "clicked");
  tally_test_limits_assert_file_becomes (f.path, "{" TOP ",\"limits\":[" TEAM "]}");
  assert_rows (&f, rows + 1, 1);

  /* Undo: back at its place, before "team". */
  undo = find_button (GTK_WIDGET (f.window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  tally_test_limits_assert_file_becomes (f.path, "{" TOP ",\"limits\":[" GPT_4O "," TEAM "]}");
  assert_rows (&f, rows, 2);

  /* Without Undo it stays out; the last one out leaves no "limits". */
  g_signal_emit_by_name (remove_button (&f, 1), "clicked");
  tally_test_limits_assert_file_becomes (f.path, "{" TOP ",\"limits\":[" GPT_4O "]}");
  g_signal_emit_by_name (remove_button (&f, 0), "clicked");
  tally_test_limits_assert_file_becomes (f.path, "{" TOP "}");
  assert_rows (&f, rows, 0);
  g_assert_true (gtk_widget_is_visible (tally_test_find_descendant (f.page, GTK_TYPE_BUTTON,
                                                                    "add-limit")));

  fixture_tear_down (&f);
}

/* Undo while the file is broken: the file keeps its bytes and Undo is
 * offered again, in a toast that says why; once the file is mended and
 * read again, that Undo puts the entry back. */
static void
test_undo_retried (void)
{
  static const char *broken = "{\"rpm\": ";
  Fixture f;
  GtkWidget *undo;
  g_autofree char *text = NULL;

  fixture_set_up (&f, LIMITS_FILE);
  g_signal_emit_by_name (remove_button (&f, 0), "clicked");
  tally_test_limits_assert_file_becomes (f.path, "{" TOP ",\"limits\":[" TEAM "]}");
  undo = find_button (GTK_WIDGET (f.window), "_Undo");
  g_assert_nonnull (undo);

  g_assert_true (g_file_set_contents (f.path, broken, -1, NULL));
  g_signal_emit_by_name (undo, "clicked");
  tally_test_drain ();
  g_assert_true (g_file_get_contents (f.path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, broken);
  g_assert_nonnull (find_label (GTK_WIDGET (f.window), "The limit is not restored: limits.json does not load"));
  undo = find_button (GTK_WIDGET (f.window), "_Undo");
  g_assert_nonnull (undo);

  g_assert_true (g_file_set_contents (f.path, "{" TOP ",\"limits\":[" TEAM "]}", -1, NULL));
  g_signal_emit_by_name (tally_test_find_descendant (f.page, GTK_TYPE_BUTTON, "reload"), "clicked");
  g_signal_emit_by_name (undo, "clicked");
  tally_test_limits_assert_file_becomes (f.path, "{" TOP ",\"limits\":[" GPT_4O "," TEAM "]}");

  fixture_tear_down (&f);
}

/* The entry edited was removed by hand meanwhile: Save says so in the
 * editor, which stays open, and writes nothing. */
static void
test_gone (void)
{
  const char *by_hand = "{\"limits\": [{\"api_key\": \"team\", \"rpd\": 3}]}\n";
  Fixture f;
  GtkWidget *editor;
  GtkWidget *toast_text;
  g_autofree char *after = NULL;

  fixture_set_up (&f, LIMITS_FILE);
  editor = open_row (&f, 0);
  type (editor, "rpm", "600");
  tally_test_limits_write_file (f.path, by_hand);
  g_signal_emit_by_name (save_button (editor), "clicked");
  g_assert_true (tally_test_find_toplevel (TALLY_TYPE_LIMIT_EDITOR) == GTK_WINDOW (editor));
  toast_text = tally_test_find_descendant (editor, ADW_TYPE_TOAST_OVERLAY, NULL);
  g_assert_nonnull (toast_text);
  g_assert_nonnull (find_label (toast_text,
                                "Not saved: the limit for gpt-4o is no longer in limits.json"));
  after = tally_test_limits_read_file (f.path);
  g_assert_cmpstr (after, ==, by_hand);
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (tally_test_wait_until (editor_gone, NULL, 5000));

  fixture_tear_down (&f);
}

/* A file that cannot be read: no list, no Add, nothing written. */
static void
test_broken (void)
{
  const char *broken = "{\"limits\": [{\"model\": \"a\"}]}\n";
  Fixture f;
  g_autofree char *after = NULL;

  fixture_set_up (&f, broken);
  g_assert_false (gtk_widget_is_visible (tally_test_find_descendant (f.page, GTK_TYPE_BUTTON,
                                                                     "add-limit")));
  g_assert_null (tally_test_find_descendant (f.page, ADW_TYPE_ACTION_ROW, "narrow-limit"));
  after = tally_test_limits_read_file (f.path);
  g_assert_cmpstr (after, ==, broken);

  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tally_test_gui_init (&argc, &argv);
  app = tally_test_app_new ();

  g_test_add_func ("/tally/limit-editor/add", test_add);
  g_test_add_func ("/tally/limit-editor/edit", test_edit);
  g_test_add_func ("/tally/limit-editor/invalid", test_invalid);
  g_test_add_func ("/tally/limit-editor/remove", test_remove);
  g_test_add_func ("/tally/limit-editor/undo-retried", test_undo_retried);
  g_test_add_func ("/tally/limit-editor/gone", test_gone);
  g_test_add_func ("/tally/limit-editor/broken", test_broken);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
