/* test-alert-rules-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Turning rules off and on in alerts.json: the exact file written for a
 * default rule and for a user's rule, a missing file created, a broken
 * file or an unknown rule refused with the file unchanged byte for byte,
 * and what the loader then checks. Also each rule described in words. */

#include "config.h"

#include <glib/gstdio.h>

#include "tally-alert-rule.h"
#include "tally-error.h"
#include "tally-paths.h"
#include "tally-test-utils.h"

static char *dir;

static char *
rules_path (const char *name)
{
  return g_build_filename (dir, name, "alerts.json", NULL);
}

static char *
read_text (const char *path)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return g_steal_pointer (&text);
}

static void
test_default_rule (void)
{
  g_autofree char *path = rules_path ("missing");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autofree char *text = NULL;

  /* the folder does not exist yet either */
  g_assert_true (tally_alert_rules_set_disabled (path, "latency-p95", TRUE, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "{\n  \"version\": 1,\n  \"disable\": [\"latency-p95\"]\n}\n");
  rules = tally_alert_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 9);
  g_assert_null (tally_alert_rules_find (rules, "latency-p95"));
  g_clear_pointer (&rules, g_ptr_array_unref);

  g_assert_true (tally_alert_rules_set_disabled (path, "error-rate", TRUE, &error));
  g_clear_pointer (&text, g_free);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "{\n  \"version\": 1,\n  \"disable\": [\"latency-p95\", \"error-rate\"]\n}\n");

  g_assert_true (tally_alert_rules_set_disabled (path, "latency-p95", FALSE, &error));
  g_assert_true (tally_alert_rules_set_disabled (path, "error-rate", FALSE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "{\n  \"version\": 1\n}\n");
  rules = tally_alert_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 10);
}

#define USER_RULES \
  "{\"version\": 1, \"disable\": [\"rpm-warning\"], \"rules\": [" \
  "{\"id\": \"mine\", \"name\": \"Mine\", \"metric\": \"error_rate\", \"window\": \"15m\", " \
  "\"comparison\": \">\", \"threshold\": 0.02, \"severity\": \"critical\", \"min_requests\": 50, " \
  "\"filters\": {\"model\": [\"gpt-4o\"]}}]}"

#define USER_RULES_PRETTY(disable) \
  "{\n" \
  "  \"version\": 1,\n" \
  "  \"disable\": " disable ",\n" \
  "  \"rules\": [\n" \
  "    {\n" \
  "      \"id\": \"mine\",\n" \
  "      \"name\": \"Mine\",\n" \
  "      \"metric\": \"error_rate\",\n" \
  "      \"window\": \"15m\",\n" \
  "      \"comparison\": \">\",\n" \
  "      \"threshold\": 0.02,\n" \
  "      \"severity\": \"critical\",\n" \
  "      \"min_requests\": 50,\n" \
  "      \"filters\": {\n" \
  "        \"model\": [\"gpt-4o\"]\n" \
  "      }\n" \
  "    }\n" \
  "  ]\n" \
  "}\n"

static void
test_user_rule (void)
{
  g_autofree char *path = rules_path ("user");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_auto(GStrv) disabled = NULL;
  g_autofree char *text = NULL;

  g_assert_true (tally_paths_ensure_parent (path, NULL));
  g_assert_true (g_file_set_contents (path, USER_RULES, -1, NULL));
  rules = tally_alert_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 10);
  g_assert_nonnull (tally_alert_rules_find (rules, "mine"));
  g_clear_pointer (&rules, g_ptr_array_unref);

  g_assert_true (tally_alert_rules_set_disabled (path, "mine", TRUE, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, USER_RULES_PRETTY ("[\"rpm-warning\", \"mine\"]"));

  /* the loader leaves it out; the listing keeps it, marked off */
  rules = tally_alert_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 9);
  g_assert_null (tally_alert_rules_find (rules, "mine"));
  g_clear_pointer (&rules, g_ptr_array_unref);
  rules = tally_alert_rules_list (path, &disabled, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 11);
  g_assert_nonnull (tally_alert_rules_find (rules, "mine"));
  g_assert_cmpuint (g_strv_length (disabled), ==, 2);
  g_assert_cmpstr (disabled[1], ==, "mine");

  g_assert_true (tally_alert_rules_set_disabled (path, "mine", FALSE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = read_text (path);
  g_assert_cmpstr (text, ==, USER_RULES_PRETTY ("[\"rpm-warning\"]"));
}

/* Refused with the file's own error, or the unknown rule named; the file
 * keeps every byte. Disabling a rule already off writes nothing. */
static void
test_refused (void)
{
  static const struct { const char *text; const char *id; int code; const char *message; } cases[] = {
    { "{\"rules\": [", "error-rate", TALLY_ERROR_INVALID, "is not valid JSON" },
    { "{\"rules\": [{\"id\": \"x\", \"metric\": \"error_rate\", \"threshold\": \"high\"}]}", "x",
      TALLY_ERROR_INVALID, "rules[0].threshold: must be a number" },
    { "{\"disable\": [3]}", "error-rate", TALLY_ERROR_INVALID, "disable[0]: must be a rule id" },
    { "{\"version\": 1}", "no-such-rule", TALLY_ERROR_NOT_FOUND, "there is no rule “no-such-rule”" },
    { "{ \"disable\" : [ \"error-rate\" ] }", "error-rate", 0, NULL },
  };
  g_autofree char *path = rules_path ("broken");

  g_assert_true (tally_paths_ensure_parent (path, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gboolean ok;

      g_assert_true (g_file_set_contents (path, cases[i].text, -1, NULL));
      ok = tally_alert_rules_set_disabled (path, cases[i].id, TRUE, &error);
      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, TALLY_ERROR, cases[i].code);
          g_assert_true (g_str_has_prefix (error->message, path));
          g_assert_nonnull (strstr (error->message, cases[i].message));
        }
      text = read_text (path);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_describe (void)
{
  static const struct { const char *id; const char *text; } cases[] = {
    { "error-rate", "error_rate over 5m > 5.0 % · at least 20 requests · Warning" },
    { "latency-p95", "latency p95 over 5m > 5.00 s · at least 20 requests · Warning" },
    { "budget-exceeded", "budget_utilization over 1m >= 100.0 % · Critical" },
  };
  g_autoptr(GPtrArray) defaults = tally_alert_rule_get_defaults ();
  g_autoptr(TallyAlertRule) trend = tally_alert_rule_new ("t", TALLY_ALERT_TREND, TALLY_METRIC_COST,
                                                          TALLY_STAT_SUM);
  g_autoptr(TallyAlertRule) odd = tally_alert_rule_new ("a", TALLY_ALERT_ANOMALY, TALLY_METRIC_LATENCY,
                                                        TALLY_STAT_P95);
  g_autofree char *trend_text = NULL;
  g_autofree char *odd_text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint j = 0; j < defaults->len; j++)
      {
        const TallyAlertRule *rule = g_ptr_array_index (defaults, j);
        g_autofree char *text = NULL;

        if (!g_str_equal (rule->id, cases[i].id))
          continue;
        text = tally_alert_rule_describe (rule);
        g_assert_cmpstr (text, ==, cases[i].text);
      }

  trend->window_s = 3600;
  trend->comparison = TALLY_COMPARE_GT;
  trend->threshold = 1.0;
  trend_text = tally_alert_rule_describe (trend);
  g_assert_cmpstr (trend_text, ==, "cost sum over 1h: growth > +100 % · Warning");
  odd->window_s = 600;
  odd->comparison = TALLY_COMPARE_GT;
  odd->threshold = 3;
  odd->baseline_windows = 24;
  odd_text = tally_alert_rule_describe (odd);
  g_assert_cmpstr (odd_text, ==, "latency p95 over 10m: > 3.0 σ from the baseline of 24 windows · Warning");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tally_test_init (&argc, &argv);
  dir = tally_test_make_tmp_dir ();

  g_test_add_func ("/alert-rules-file/default-rule", test_default_rule);
  g_test_add_func ("/alert-rules-file/user-rule", test_user_rule);
  g_test_add_func ("/alert-rules-file/refused", test_refused);
  g_test_add_func ("/alert-rules-file/describe", test_describe);

  status = g_test_run ();
  g_free (dir);
  return status;
}
