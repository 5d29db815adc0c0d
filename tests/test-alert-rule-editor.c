/* test-alert-rule-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The alert rule editor under Xvfb, on an alerts.json in the test's own
 * folder: a rule typed in is saved as the exact file, beside what the file
 * held; each kind of bad input names its field, keeps Save off and writes
 * nothing; a default opens with its values in the units a person reads
 * and is saved as a changed default; the titles follow the kind, the
 * metric and the baseline; a copy gets its own id; a rule of the user's
 * saved gives Undo the file's entry from just before, keeps every digit
 * and a filter value with a comma; a rule removed while edited is not
 * brought back; a metric the list leaves out is kept; and a file broken
 * while the editor is open is reported and never written over. */

#include "config.h"

#include <glib/gstdio.h>

#include "tally-alert-rule-editor.h"
#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-test-gui.h"

static char *dir;

static char *
rules_path (const char *name)
{
  g_autofree char *folder = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  return g_build_filename (folder, "alerts.json", NULL);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static GtkWidget *
field (TallyAlertRuleEditor *editor,
       const char           *name)
{
  GtkWidget *widget = tally_test_find_descendant (GTK_WIDGET (editor), GTK_TYPE_WIDGET, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
type (TallyAlertRuleEditor *editor,
      const char           *name,
      const char           *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (editor, name)), text);
}

static const char *
text_of (TallyAlertRuleEditor *editor,
         const char           *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (editor, name)));
}

static const char *
title_of (TallyAlertRuleEditor *editor,
          const char           *name)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field (editor, name)));
}

/* Selects the item of the combo row @name whose text is @item. */
static void
choose (TallyAlertRuleEditor *editor,
        const char           *name,
        const char           *item)
{
  AdwComboRow *row = ADW_COMBO_ROW (field (editor, name));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item))
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_error ("%s has no item “%s”", name, item);
}

static const char *
chosen (TallyAlertRuleEditor *editor,
        const char           *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (field (editor, name));

  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)),
                                     adw_combo_row_get_selected (row));
}

static gboolean
save_offered (TallyAlertRuleEditor *editor)
{
  tally_test_drain ();
  return gtk_widget_get_sensitive (field (editor, "save"));
}

/* The problem shown beside the fields, or NULL when none is. */
static const char *
shown_problem (TallyAlertRuleEditor *editor)
{
  GtkWidget *label = field (editor, "problem");

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static void
count_saved (TallyAlertRuleEditor *editor,
             guint                *n)
{
  (*n)++;
}

static void
close_editor (TallyAlertRuleEditor *editor)
{
  gpointer watched = editor;

  if (gtk_widget_get_visible (GTK_WIDGET (editor)))
    {
      g_object_unref (editor);
      tally_test_destroy_window (GTK_WINDOW (editor));
      return;
    }
  /* closed by Save: gone with the test's reference */
  g_object_add_weak_pointer (G_OBJECT (editor), &watched);
  g_object_unref (editor);
  tally_test_drain ();
  g_assert_null (watched);
}

static TallyAlertRuleEditor *
open_editor (const char               *path,
             const TallyAlertRule     *rule,
             TallyAlertRuleEditorMode  mode,
             guint                    *n_saved)
{
  TallyAlertRuleEditor *editor = tally_alert_rule_editor_new (path, rule, mode);

  /* kept past Save, which closes it */
  g_object_ref (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (count_saved), n_saved);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (editor)));
  return editor;
}

#define ADDED_FILE                          \
  "{\n"                                     \
  "  \"version\": 1,\n"                     \
  "  \"disable\": [\"latency-p95\"],\n"     \
  "  \"rules\": [\n"                        \
  "    {\n"                                 \
  "      \"id\": \"gpt-4o-failing\",\n"     \
  "      \"name\": \"GPT-4o failing\",\n"   \
  "      \"kind\": \"threshold\",\n"        \
  "      \"metric\": \"error_rate\",\n"     \
  "      \"stat\": \"avg\",\n"              \
  "      \"window\": \"15m\",\n"            \
  "      \"comparison\": \">\",\n"          \
  "      \"threshold\": 0.02,\n"            \
  "      \"severity\": \"critical\",\n"     \
  "      \"min_requests\": 50,\n"           \
  "      \"filters\": {\n"                  \
  "        \"model\": [\"gpt-4o\", \"o3\"],\n" \
  "        \"project\": [\"web\"]\n"        \
  "      },\n"                              \
  "      \"fire_after\": 2,\n"              \
  "      \"dashboard\": \"overview\"\n"     \
  "    }\n"                                 \
  "  ]\n"                                   \
  "}\n"

static void
test_add (void)
{
  g_autofree char *path = rules_path ("add");
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TallyAlertRuleEditor *editor;
  const TallyAlertRule *rule;
  guint n_saved = 0;

  g_assert_true (g_file_set_contents (path, "{\"version\": 1, \"disable\": [\"latency-p95\"]}", -1, NULL));
  editor = open_editor (path, NULL, TALLY_ALERT_RULE_EDITOR_ADD, &n_saved);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Add Alert Rule");

  /* nothing typed yet: no Save, and no scolding either */
  g_assert_false (save_offered (editor));
  g_assert_null (shown_problem (editor));
  g_assert_cmpstr (tally_alert_rule_editor_get_problem (editor), ==, "Name: is required");
  g_assert_cmpstr (chosen (editor, "metric"), ==, "Error rate");
  g_assert_cmpstr (title_of (editor, "threshold"), ==, "Threshold (%)");

  type (editor, "name", "GPT-4o failing");
  type (editor, "window", "15m");
  choose (editor, "comparison", "Above (>)");
  type (editor, "threshold", "2 %");
  choose (editor, "severity", "Critical");
  type (editor, "min-requests", "50");
  type (editor, "filter-model", "gpt-4o, o3,");
  type (editor, "filter-project", " web ");
  type (editor, "fire-after", "2");
  g_assert_true (save_offered (editor));
  g_assert_null (shown_problem (editor));

  g_signal_emit_by_name (field (editor, "save"), "clicked");
  tally_test_drain ();
  g_assert_cmpuint (n_saved, ==, 1);
  g_assert_cmpstr (tally_alert_rule_editor_get_saved_id (editor), ==, "gpt-4o-failing");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  text = read_text (path);
  g_assert_cmpstr (text, ==, ADDED_FILE);

  rules = tally_alert_rules_load (path, &error);
  g_assert_no_error (error);
  rule = tally_alert_rules_find (rules, "gpt-4o-failing");
  g_assert_cmpfloat (rule->threshold, ==, 0.02);
  g_assert_cmpint (rule->window_s, ==, 900);
  g_assert_cmpuint (rule->query->filters->len, ==, 2);
  close_editor (editor);
}

/* Each bad input names its field; Save stays off and nothing is written. */
static void
test_problems (void)
{
  static const struct { const char *field; const char *text; const char *problem; } cases[] = {
    { "threshold", "abc", "Threshold: “abc” is not a number" },
    { "threshold", "1e999", "Threshold: “1e999” is not a number" },
    { "threshold", "1e300", "Threshold: must be from −10¹⁵ to 10¹⁵" },
    { "threshold", "5,000", "Threshold: “5,000” is not a number" },
    { "window", "1s", "Window: must be from one minute to 31 days" },
    { "window", "32d", "Window: must be from one minute to 31 days" },
    { "min-requests", "-3", "Minimum Requests: “-3” is not a whole number" },
    { "min-requests", "2000000000", "Minimum Requests: must be a whole number from 0 to 1000000000" },
    { "fire-after", "0", "Evaluations Before Firing: must be at least 1" },
    { "resolve-after", "1.5", "Evaluations Before Resolving: “1.5” is not a whole number" },
    { "clear-margin", "-1", "Clear Margin: must not be negative" },
  };
  g_autofree char *path = rules_path ("problems");
  TallyAlertRuleEditor *editor;
  guint n_saved = 0;

  editor = open_editor (path, NULL, TALLY_ALERT_RULE_EDITOR_ADD, &n_saved);
  type (editor, "name", "Spend");
  type (editor, "threshold", "5");
  g_assert_true (save_offered (editor));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = g_strdup (text_of (editor, cases[i].field));

      type (editor, cases[i].field, cases[i].text);
      g_assert_false (save_offered (editor));
      g_assert_cmpstr (shown_problem (editor), ==, cases[i].problem);
      /* Ctrl+S does nothing either */
      gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
      type (editor, cases[i].field, before);
      g_assert_true (save_offered (editor));
      g_assert_null (shown_problem (editor));
    }

  g_assert_cmpuint (n_saved, ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  close_editor (editor);
}

/* A default opens as it is, in percent; saved, it is a changed default. */
static void
test_edit_default (void)
{
  g_autofree char *path = rules_path ("edit-default");
  g_autoptr(GPtrArray) defaults = tally_alert_rule_get_defaults ();
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) own = NULL;
  TallyAlertRuleEditor *editor;
  const TallyAlertRule *rule;
  guint n_saved = 0;

  editor = open_editor (path, tally_alert_rules_find (defaults, "error-rate"), TALLY_ALERT_RULE_EDITOR_EDIT,
                        &n_saved);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Alert Rule");
  g_assert_cmpstr (text_of (editor, "name"), ==, "High error rate");
  g_assert_cmpstr (text_of (editor, "threshold"), ==, "5");
  g_assert_cmpstr (text_of (editor, "window"), ==, "5m");
  g_assert_cmpstr (text_of (editor, "min-requests"), ==, "20");
  g_assert_cmpstr (text_of (editor, "resolve-after"), ==, "");
  g_assert_cmpstr (chosen (editor, "comparison"), ==, "Above (>)");
  g_assert_cmpstr (chosen (editor, "severity"), ==, "Warning");
  g_assert_true (save_offered (editor));

  type (editor, "threshold", "7");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tally_test_drain ();
  g_assert_cmpuint (n_saved, ==, 1);
  g_assert_cmpstr (tally_alert_rule_editor_get_saved_id (editor), ==, "error-rate");

  own = tally_alert_rules_get_own (path, NULL, NULL, &error);
  g_assert_cmpstrv (own, ((const char *[]) { "error-rate", NULL }));
  rules = tally_alert_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 10);
  rule = tally_alert_rules_find (rules, "error-rate");
  g_assert_cmpfloat (rule->threshold, ==, 0.07);
  g_assert_cmpuint (rule->min_requests, ==, 20);
  g_assert_cmpstr (rule->name, ==, "High error rate");
  g_assert_cmpstr (rule->dashboard, ==, "overview");
  close_editor (editor);
}

/* The threshold's title and the baseline rows follow the kind, the metric
 * and the baseline; a utilisation metric takes a one-minute window. */
static void
test_titles (void)
{
  g_autofree char *path = rules_path ("titles");
  TallyAlertRuleEditor *editor;
  guint n_saved = 0;

  editor = open_editor (path, NULL, TALLY_ALERT_RULE_EDITOR_ADD, &n_saved);
  g_assert_false (gtk_widget_get_visible (field (editor, "baseline")));

  choose (editor, "kind", "Trend: Growth over the Window Before");
  g_assert_cmpstr (title_of (editor, "threshold"), ==, "Growth (%)");
  choose (editor, "kind", "Anomaly: Unlike Its Own Past");
  g_assert_cmpstr (title_of (editor, "threshold"), ==, "Distance from the Baseline (σ)");
  g_assert_true (gtk_widget_get_visible (field (editor, "baseline")));
  g_assert_true (gtk_widget_get_visible (field (editor, "baseline-windows")));
  choose (editor, "baseline", "Growth on the Same Window Last Week");
  g_assert_cmpstr (title_of (editor, "threshold"), ==, "Growth (%)");
  g_assert_false (gtk_widget_get_visible (field (editor, "baseline-windows")));

  choose (editor, "kind", "Threshold");
  choose (editor, "metric", "Latency");
  g_assert_cmpstr (chosen (editor, "stat"), ==, "Average");
  choose (editor, "stat", "P95");
  g_assert_cmpstr (title_of (editor, "threshold"), ==, "Threshold (ms)");
  g_assert_cmpstr (title_of (editor, "clear-margin"), ==, "Clear Margin (ms)");
  choose (editor, "metric", "Cost");
  g_assert_cmpstr (chosen (editor, "stat"), ==, "Total");
  g_assert_cmpstr (title_of (editor, "threshold"), ==, "Threshold (USD)");

  g_assert_cmpstr (text_of (editor, "window"), ==, "5m");
  choose (editor, "metric", "Budget used");
  g_assert_cmpstr (text_of (editor, "window"), ==, "1m");
  g_assert_cmpstr (title_of (editor, "threshold"), ==, "Threshold (%)");
  close_editor (editor);
}

/* A copy is a new rule, under an id of its own, beside the original. */
static void
test_duplicate (void)
{
  g_autofree char *path = rules_path ("duplicate");
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) own = NULL;
  TallyAlertRuleEditor *editor;
  const TallyAlertRule *copy;
  guint n_saved = 0;

  g_assert_true (g_file_set_contents (path,
                                      "{\"rules\": [{\"id\": \"spend\", \"name\": \"Spend\", \"metric\": \"cost\", "
                                      "\"stat\": \"sum\", \"window\": \"1h\", \"threshold\": 20, "
                                      "\"filters\": {\"service\": [\"batch\"]}}]}", -1, NULL));
  rules = tally_alert_rules_load (path, &error);
  g_assert_no_error (error);
  editor = open_editor (path, tally_alert_rules_find (rules, "spend"), TALLY_ALERT_RULE_EDITOR_DUPLICATE, &n_saved);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Add Alert Rule");
  g_assert_cmpstr (text_of (editor, "name"), ==, "Spend (Copy)");
  g_assert_cmpstr (text_of (editor, "threshold"), ==, "20");
  type (editor, "threshold", "40.5");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tally_test_drain ();
  g_assert_cmpstr (tally_alert_rule_editor_get_saved_id (editor), ==, "spend-copy");
  close_editor (editor);

  own = tally_alert_rules_get_own (path, NULL, NULL, &error);
  g_assert_cmpstrv (own, ((const char *[]) { "spend", "spend-copy", NULL }));
  g_clear_pointer (&rules, g_ptr_array_unref);
  rules = tally_alert_rules_load (path, &error);
  copy = tally_alert_rules_find (rules, "spend-copy");
  g_assert_cmpfloat (copy->threshold, ==, 40.5);
  g_assert_cmpint (copy->window_s, ==, 3600);
  /* a filter the editor has no field for is kept */
  g_assert_cmpuint (copy->query->filters->len, ==, 1);
  g_assert_cmpstr (((TallyFilter *) g_ptr_array_index (copy->query->filters, 0))->values[0], ==, "batch");
  g_assert_cmpfloat (tally_alert_rules_find (rules, "spend")->threshold, ==, 20);
}

/* A rule of the user's edited: what Undo needs is the file's entry as it
 * was just before the save, hand edits made meanwhile included. A rule
 * removed while it is edited is not brought back by Save. */
static void
test_edit_own (void)
{
  static const char *before =
    "{\"rules\": [{\"id\": \"slow\", \"name\": \"Slow\", \"metric\": \"latency\", \"stat\": \"p95\", "
    "\"threshold\": 8000, \"filters\": {\"project\": [\"a, b\"]}}]}";
  g_autofree char *path = rules_path ("edit-own");
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *text = NULL;
  const TallyAlertRule *rule;
  TallyAlertRuleEditor *editor;
  guint n_saved = 0;

  g_assert_true (g_file_set_contents (path, before, -1, NULL));
  rules = tally_alert_rules_load (path, &error);
  g_assert_no_error (error);
  editor = open_editor (path, tally_alert_rules_find (rules, "slow"), TALLY_ALERT_RULE_EDITOR_EDIT, &n_saved);
  g_assert_cmpstr (chosen (editor, "stat"), ==, "P95");
  g_assert_cmpstr (title_of (editor, "threshold"), ==, "Threshold (ms)");
  g_assert_cmpstr (text_of (editor, "threshold"), ==, "8000");
  g_assert_cmpstr (text_of (editor, "filter-project"), ==, "a, b");

  /* changed by hand meanwhile: the name */
  g_assert_true (g_file_set_contents (path, "{\"rules\": [{\"id\": \"slow\", \"name\": \"Very slow\", "
                                      "\"metric\": \"latency\", \"stat\": \"p95\", \"threshold\": 8000}]}", -1, NULL));
  type (editor, "threshold", "12345678901");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tally_test_drain ();
  g_assert_cmpuint (n_saved, ==, 1);
  previous = tally_json_to_compact_string (tally_alert_rule_editor_get_previous (editor), NULL);
  g_assert_cmpstr (previous, ==, "{\"id\":\"slow\",\"name\":\"Very slow\",\"metric\":\"latency\",\"stat\":\"p95\","
                                 "\"threshold\":8000}");
  close_editor (editor);

  /* every digit kept; the untouched filter value keeps its comma */
  g_clear_pointer (&rules, g_ptr_array_unref);
  rules = tally_alert_rules_load (path, &error);
  rule = tally_alert_rules_find (rules, "slow");
  g_assert_cmpfloat (rule->threshold, ==, 12345678901.0);
  g_assert_cmpstr (((TallyFilter *) g_ptr_array_index (rule->query->filters, 0))->values[0], ==, "a, b");
  g_assert_null (((TallyFilter *) g_ptr_array_index (rule->query->filters, 0))->values[1]);

  /* removed by hand while it is edited */
  editor = open_editor (path, rule, TALLY_ALERT_RULE_EDITOR_EDIT, &n_saved);
  g_assert_true (g_file_set_contents (path, "{\"version\": 1}", -1, NULL));
  type (editor, "threshold", "9000");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tally_test_drain ();
  g_assert_cmpuint (n_saved, ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_nonnull (strstr (shown_problem (editor), "“Slow” is no longer in "));
  text = read_text (path);
  g_assert_cmpstr (text, ==, "{\"version\": 1}");
  close_editor (editor);
}

/* A rule written by hand with a metric the list leaves out keeps it. */
static void
test_unlisted_metric (void)
{
  g_autofree char *path = rules_path ("unlisted");
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  TallyAlertRuleEditor *editor;
  guint n_saved = 0;

  g_assert_true (g_file_set_contents (path, "{\"rules\": [{\"id\": \"hours\", \"metric\": \"peak_hours\", "
                                      "\"stat\": \"sum\", \"threshold\": 5}]}", -1, NULL));
  rules = tally_alert_rules_load (path, &error);
  g_assert_no_error (error);
  editor = open_editor (path, tally_alert_rules_find (rules, "hours"), TALLY_ALERT_RULE_EDITOR_EDIT, &n_saved);
  g_assert_cmpstr (chosen (editor, "metric"), ==, "Requests by hour of day");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tally_test_drain ();
  close_editor (editor);
  g_clear_pointer (&rules, g_ptr_array_unref);
  rules = tally_alert_rules_load (path, &error);
  g_assert_cmpint (tally_alert_rules_find (rules, "hours")->query->metric, ==, TALLY_METRIC_PEAK_HOURS);
}

/* alerts.json broken while the editor is open: Save says so, keeps the
 * editor open and the file as it is. */
static void
test_broken_file (void)
{
  static const char *broken = "{\"rules\": [{\"id\": \"x\"";
  g_autofree char *path = rules_path ("broken");
  g_autofree char *text = NULL;
  TallyAlertRuleEditor *editor;
  guint n_saved = 0;

  editor = open_editor (path, NULL, TALLY_ALERT_RULE_EDITOR_ADD, &n_saved);
  type (editor, "name", "Slow");
  type (editor, "threshold", "3");
  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tally_test_drain ();

  g_assert_cmpuint (n_saved, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (g_str_has_prefix (shown_problem (editor), path));
  g_assert_nonnull (strstr (shown_problem (editor), "is not valid JSON"));
  text = read_text (path);
  g_assert_cmpstr (text, ==, broken);
  close_editor (editor);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_gui_init (&argc, &argv);
  dir = tally_test_make_tmp_dir ();

  g_test_add_func ("/alert-rule-editor/add", test_add);
  g_test_add_func ("/alert-rule-editor/problems", test_problems);
  g_test_add_func ("/alert-rule-editor/edit-default", test_edit_default);
  g_test_add_func ("/alert-rule-editor/titles", test_titles);
  g_test_add_func ("/alert-rule-editor/duplicate", test_duplicate);
  g_test_add_func ("/alert-rule-editor/edit-own", test_edit_own);
  g_test_add_func ("/alert-rule-editor/unlisted-metric", test_unlisted_metric);
  g_test_add_func ("/alert-rule-editor/broken-file", test_broken_file);

  return g_test_run ();
}
