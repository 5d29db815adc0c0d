/* test-alert-rules-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Turning rules off and on in alerts.json: the exact file written for a
 * default rule and for a user's rule, a missing file created, a broken
 * file or an unknown rule refused with the file unchanged byte for byte,
 * and what the loader then checks. Rules written as JSON and read back,
 * added, replaced, removed and put back; ids made from names. Also each
 * rule described in words. */

#include "config.h"

#include <glib/gstdio.h>

#include "tally-alert-rule.h"
#include "tally-error.h"
#include "tally-json-util.h"
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

/* A rule with every member the editor sets written as alerts.json has
 * it, read back as the same rule. */
static void
test_round_trip (void)
{
  static const char *text =
    "{\n"
    "  \"id\": \"odd-latency\",\n"
    "  \"name\": \"Odd latency\",\n"
    "  \"kind\": \"anomaly\",\n"
    "  \"metric\": \"latency\",\n"
    "  \"stat\": \"p95\",\n"
    "  \"window\": \"10m\",\n"
    "  \"comparison\": \">\",\n"
    "  \"threshold\": 3.0,\n"
    "  \"severity\": \"critical\",\n"
    "  \"min_requests\": 50,\n"
    "  \"filters\": {\n"
    "    \"model\": [\"gpt-4o\", \"o3\"],\n"
    "    \"project\": [\"web\"]\n"
    "  },\n"
    "  \"clear_margin\": 0.5,\n"
    "  \"fire_after\": 2,\n"
    "  \"resolve_after\": 5,\n"
    "  \"baseline\": \"stddev\",\n"
    "  \"baseline_windows\": 12,\n"
    "  \"dashboard\": \"overview\"\n"
    "}\n";
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyAlertRule) rule = tally_alert_rule_new_from_json (node, &error);
  g_autoptr(TallyAlertRule) plain = tally_alert_rule_new ("plain", TALLY_ALERT_THRESHOLD, TALLY_METRIC_COST,
                                                          TALLY_STAT_SUM);
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) plain_node = NULL;
  g_autofree char *out = NULL;
  g_autofree char *plain_text = NULL;

  g_assert_no_error (error);
  g_assert_cmpfloat (rule->clear_margin, ==, 0.5);
  g_assert_cmpuint (rule->baseline_windows, ==, 12);
  g_assert_cmpuint (rule->query->filters->len, ==, 2);
  written = tally_alert_rule_to_json (rule);
  out = tally_json_to_pretty_string (written, NULL);
  g_assert_cmpstr (out, ==, text);

  /* the defaults of the hysteresis are left out */
  plain->threshold = 25;
  plain_node = tally_alert_rule_to_json (plain);
  plain_text = tally_json_to_compact_string (plain_node, NULL);
  g_assert_cmpstr (plain_text, ==,
                   "{\"id\":\"plain\",\"name\":\"plain\",\"kind\":\"threshold\",\"metric\":\"cost\","
                   "\"stat\":\"sum\",\"window\":\"5m\",\"comparison\":\">=\",\"threshold\":25.0,"
                   "\"severity\":\"warning\",\"min_requests\":0}");
}

static JsonNode *
rule_node (const char *id,
           double      threshold)
{
  g_autoptr(TallyAlertRule) rule = tally_alert_rule_new (id, TALLY_ALERT_THRESHOLD, TALLY_METRIC_ERROR_RATE,
                                                         TALLY_STAT_AVG);

  rule->threshold = threshold;
  return tally_alert_rule_to_json (rule);
}

#define RULE_TEXT(id, threshold) \
  "    {\n" \
  "      \"id\": \"" id "\",\n" \
  "      \"name\": \"" id "\",\n" \
  "      \"kind\": \"threshold\",\n" \
  "      \"metric\": \"error_rate\",\n" \
  "      \"stat\": \"avg\",\n" \
  "      \"window\": \"5m\",\n" \
  "      \"comparison\": \">=\",\n" \
  "      \"threshold\": " threshold ",\n" \
  "      \"severity\": \"warning\",\n" \
  "      \"min_requests\": 0\n" \
  "    }"

/* Rules added, replaced in their place, removed and put back: the exact
 * file each time, the other members kept. */
static void
test_put_remove (void)
{
  g_autofree char *path = rules_path ("put");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) a = rule_node ("a", 0.02);
  g_autoptr(JsonNode) b = rule_node ("b", 0.1);
  g_autoptr(JsonNode) a2 = rule_node ("a", 0.25);
  g_autoptr(JsonNode) removed = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_auto(GStrv) own = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  int position = -1;

  g_assert_true (tally_paths_ensure_parent (path, NULL));
  g_assert_true (g_file_set_contents (path, "{\"version\": 1, \"disable\": [\"latency-p95\"]}", -1, NULL));
  g_assert_true (tally_alert_rules_put (path, a, -1, &error));
  g_assert_no_error (error);
  g_assert_true (tally_alert_rules_put (path, b, -1, &error));
  g_assert_true (tally_alert_rules_put (path, a2, -1, &error));
  text = read_text (path);
  g_assert_cmpstr (text, ==,
                   "{\n  \"version\": 1,\n  \"disable\": [\"latency-p95\"],\n  \"rules\": [\n"
                   RULE_TEXT ("a", "0.25") ",\n" RULE_TEXT ("b", "0.1") "\n  ]\n}\n");
  own = tally_alert_rules_get_own (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (own, ((const char *[]) { "a", "b", NULL }));
  rules = tally_alert_rules_load (path, &error);
  g_assert_cmpuint (rules->len, ==, 11);
  g_assert_cmpfloat (tally_alert_rules_find (rules, "a")->threshold, ==, 0.25);

  /* removed, then put back where it was: the same bytes */
  before = g_steal_pointer (&text);
  g_assert_true (tally_alert_rules_remove (path, "a", &removed, &position, &error));
  g_assert_no_error (error);
  g_assert_cmpint (position, ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (removed), "threshold"), ==, 0.25);
  text = read_text (path);
  g_assert_cmpstr (text, ==,
                   "{\n  \"version\": 1,\n  \"disable\": [\"latency-p95\"],\n  \"rules\": [\n"
                   RULE_TEXT ("b", "0.1") "\n  ]\n}\n");
  g_assert_true (tally_alert_rules_put (path, removed, position, &error));
  g_clear_pointer (&text, g_free);
  text = read_text (path);
  g_assert_cmpstr (text, ==, before);

  /* the last one out takes "rules" with it */
  g_assert_true (tally_alert_rules_remove (path, "a", NULL, NULL, &error));
  g_assert_true (tally_alert_rules_remove (path, "b", NULL, NULL, &error));
  g_clear_pointer (&text, g_free);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "{\n  \"version\": 1,\n  \"disable\": [\"latency-p95\"]\n}\n");
  g_assert_false (tally_alert_rules_remove (path, "b", NULL, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“b” is not one of your rules"));
}

/* A changed default goes into "rules" under the default's id; removing it
 * brings the default back. */
static void
test_changed_default (void)
{
  g_autofree char *path = rules_path ("changed-default");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = rule_node ("error-rate", 0.08);
  g_autoptr(GPtrArray) rules = NULL;
  g_auto(GStrv) own = NULL;

  g_assert_true (tally_alert_rules_put (path, node, -1, &error));
  g_assert_no_error (error);
  rules = tally_alert_rules_load (path, &error);
  g_assert_cmpuint (rules->len, ==, 10);
  g_assert_cmpfloat (tally_alert_rules_find (rules, "error-rate")->threshold, ==, 0.08);
  own = tally_alert_rules_get_own (path, NULL, NULL, &error);
  g_assert_cmpstrv (own, ((const char *[]) { "error-rate", NULL }));
  g_clear_pointer (&rules, g_ptr_array_unref);

  g_assert_true (tally_alert_rules_remove (path, "error-rate", NULL, NULL, &error));
  rules = tally_alert_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (tally_alert_rules_find (rules, "error-rate")->threshold, ==, 0.05);
}

/* A bad rule, or a file that does not load, is refused with the reason
 * and the file keeps every byte. */
static void
test_put_refused (void)
{
  static const char *broken = "{\"rules\": [";
  g_autofree char *path = rules_path ("put-refused");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) good = rule_node ("good", 0.1);
  g_autoptr(JsonNode) bad = rule_node ("bad", 0.1);
  g_autofree char *text = NULL;

  json_object_set_string_member (json_node_get_object (bad), "window", "1s");
  g_assert_true (tally_paths_ensure_parent (path, NULL));
  g_assert_true (g_file_set_contents (path, "{ \"version\" : 1 }", -1, NULL));
  g_assert_false (tally_alert_rules_put (path, bad, -1, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "window: must be from one minute to 31 days");
  g_clear_error (&error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "{ \"version\" : 1 }");

  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  g_assert_false (tally_alert_rules_put (path, good, -1, &error));
  g_assert_nonnull (strstr (error->message, "is not valid JSON"));
  g_clear_error (&error);
  g_assert_false (tally_alert_rules_remove (path, "good", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "is not valid JSON"));
  g_clear_error (&error);
  g_assert_null (tally_alert_rules_get_own (path, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_pointer (&text, g_free);
  text = read_text (path);
  g_assert_cmpstr (text, ==, broken);
}

static void
test_make_id (void)
{
  g_autoptr(GPtrArray) rules = tally_alert_rule_get_defaults ();
  const char *disabled[] = { "spend-2", NULL };
  static const struct { const char *name; const char *id; } cases[] = {
    { "GPT-4o failing", "gpt-4o-failing" },
    { "  Spend!! ", "spend" },
    { "Error rate", "error-rate-2" },
    { "¡¿ ?!", "rule" },
    { "Crème brûlée", "creme-brulee" },
    { "Ünïcödé Été — 日本", "unicode-ete" },
  };
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *long_name = g_strnfill (300, 'a');
  g_autofree char *long_id = NULL;
  g_autofree char *default_id = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = tally_alert_rules_make_id (rules, disabled, cases[i].name);

      g_assert_cmpstr (id, ==, cases[i].id);
    }

  /* at most 64 characters */
  long_id = tally_alert_rules_make_id (rules, disabled, long_name);
  g_assert_cmpuint (strlen (long_id), ==, 64);
  /* a default's id is kept for it, "defaults": false or not */
  default_id = tally_alert_rules_make_id (none, NULL, "Error rate");
  g_assert_cmpstr (default_id, ==, "error-rate-2");

  /* "spend" taken, "spend-2" disabled: "spend-3" */
  g_ptr_array_add (rules, tally_alert_rule_new ("spend", TALLY_ALERT_THRESHOLD, TALLY_METRIC_COST, TALLY_STAT_SUM));
  {
    g_autofree char *id = tally_alert_rules_make_id (rules, disabled, "Spend");

    g_assert_cmpstr (id, ==, "spend-3");
  }
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
  g_test_add_func ("/alert-rules-file/round-trip", test_round_trip);
  g_test_add_func ("/alert-rules-file/put-remove", test_put_remove);
  g_test_add_func ("/alert-rules-file/changed-default", test_changed_default);
  g_test_add_func ("/alert-rules-file/put-refused", test_put_refused);
  g_test_add_func ("/alert-rules-file/make-id", test_make_id);

  status = g_test_run ();
  g_free (dir);
  return status;
}
