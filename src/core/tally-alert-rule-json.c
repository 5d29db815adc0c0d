/* tally-alert-rule-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* alerts.json: the user's rules, the default rules they turn off, and one
 * rule as JSON (docs/alerts.md). Every error names the rule and member. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-alert-rule.h"
#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-paths.h"
#include "tally-time-range.h"

#define ALERTS_FORMAT_VERSION 1

static const char *baseline_names[TALLY_N_BASELINES] = { "stddev", "last_week" };

static gboolean
get_number (JsonObject  *object,
            const char  *member,
            double      *value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64) ||
      !isfinite (json_node_get_double (node)))
    return tally_json_fail (error, member, _("must be a number")), FALSE;
  if (fabs (json_node_get_double (node)) > 1e15)
    return tally_json_fail (error, member, _("must be from −10¹⁵ to 10¹⁵")), FALSE;

  *value = json_node_get_double (node);
  return TRUE;
}

static gboolean
get_count (JsonObject  *object,
           const char  *member,
           guint64      max,
           guint64     *value,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0 || (guint64) json_node_get_int (node) > max)
    {
      g_autofree char *rule = g_strdup_printf (_("must be a whole number from 0 to %" G_GUINT64_FORMAT), max);

      return tally_json_fail (error, member, rule);
    }

  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
pick (const char  *value,
      const char **names,
      guint        n_names,
      const char  *member,
      guint       *out,
      GError     **error)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *rule = NULL;

  if (value == NULL)
    return TRUE;
  for (guint i = 0; i < n_names; i++)
    {
      if (g_str_equal (value, names[i]))
        {
          *out = i;
          return TRUE;
        }
      g_string_append_printf (list, i > 0 ? ", %s" : "%s", names[i]);
    }

  rule = g_strdup_printf (_("“%s” is not one of %s"), value, list->str);
  return tally_json_fail (error, member, rule);
}

static gboolean
read_filters (JsonObject      *object,
              TallyAlertRule  *rule,
              GError         **error)
{
  JsonNode *node = json_object_get_member (object, "filters");
  g_autoptr(GList) names = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return tally_json_fail (error, "filters", _("must be an object of dimension: [values]"));

  /* in the file's order, so that a rule written back keeps it */
  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *member = json_object_get_member (json_node_get_object (node), name);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) values = NULL;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        return tally_json_fail (error, "filters", _("each dimension takes an array of strings"));
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            return tally_json_fail (error, "filters", _("each dimension takes an array of strings"));
          g_strv_builder_add (builder, json_node_get_string (element));
        }
      values = g_strv_builder_end (builder);
      if (values[0] != NULL && !tally_query_add_filter (rule->query, name, (const char * const *) values, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_enums (JsonObject      *object,
            TallyAlertRule  *rule,
            GError         **error)
{
  const char *severity_names[] = { "info", "warning", "critical" };
  const char *comparison_names[] = { ">", ">=", "<", "<=" };
  gboolean ok = TRUE;
  const char *severity = tally_json_get_optional_string (object, "severity", &ok, error);
  const char *comparison = ok ? tally_json_get_optional_string (object, "comparison", &ok, error) : NULL;
  const char *baseline = ok ? tally_json_get_optional_string (object, "baseline", &ok, error) : NULL;
  guint v;

  if (!ok)
    return FALSE;

  v = rule->severity;
  if (!pick (severity, severity_names, 3, "severity", &v, error))
    return FALSE;
  rule->severity = v;
  v = rule->comparison;
  if (!pick (comparison, comparison_names, 4, "comparison", &v, error))
    return FALSE;
  rule->comparison = v;
  v = rule->baseline;
  if (!pick (baseline, baseline_names, TALLY_N_BASELINES, "baseline", &v, error))
    return FALSE;
  rule->baseline = v;

  return TRUE;
}

static gboolean
read_numbers (JsonObject      *object,
              TallyAlertRule  *rule,
              GError         **error)
{
  guint64 fire_after = rule->fire_after, resolve_after = rule->resolve_after;
  guint64 baseline_windows = rule->baseline_windows;

  if (!json_object_has_member (object, "threshold"))
    return tally_json_fail (error, "threshold", _("is required"));

  if (!get_number (object, "threshold", &rule->threshold, error) ||
      !get_number (object, "clear_margin", &rule->clear_margin, error) ||
      !get_count (object, "min_requests", G_GUINT64_CONSTANT (1000000000), &rule->min_requests, error) ||
      !get_count (object, "fire_after", 1000, &fire_after, error) ||
      !get_count (object, "resolve_after", 1000, &resolve_after, error) ||
      !get_count (object, "baseline_windows", 1000, &baseline_windows, error))
    return FALSE;

  if (!isnan (rule->clear_margin) && rule->clear_margin < 0)
    return tally_json_fail (error, "clear_margin", _("must not be negative"));
  if (fire_after < 1 || resolve_after < 1)
    return tally_json_fail (error, fire_after < 1 ? "fire_after" : "resolve_after", _("must be at least 1"));
  if (baseline_windows < 2)
    return tally_json_fail (error, "baseline_windows", _("must be at least 2"));

  rule->fire_after = fire_after;
  rule->resolve_after = resolve_after;
  rule->baseline_windows = baseline_windows;
  return TRUE;
}

static gboolean
read_window (JsonObject      *object,
             TallyAlertRule  *rule,
             GError         **error)
{
  gboolean ok = TRUE;
  const char *window = tally_json_get_optional_string (object, "window", &ok, error);

  if (!ok)
    return FALSE;
  if (window == NULL)
    return TRUE;
  if (!tally_time_parse_interval (window, &rule->window_s, error))
    return g_prefix_error (error, "window: "), FALSE;
  if (rule->window_s < 60 || rule->window_s > 31 * 86400)
    return tally_json_fail (error, "window", _("must be from one minute to 31 days"));

  return TRUE;
}

static const char *known_members[] = {
  "id", "name", "kind", "metric", "stat", "window", "comparison", "threshold", "severity",
  "filters", "min_requests", "clear_margin", "fire_after", "resolve_after", "baseline",
  "baseline_windows", "dashboard", NULL,
};

static gboolean
check_members (JsonObject  *object,
               GError     **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    if (!g_strv_contains (known_members, name))
      return tally_json_fail (error, name, _("unknown member"));

  return TRUE;
}

static TallyAlertRule *
rule_head (JsonObject  *object,
           GError     **error)
{
  const char *kinds[] = { "threshold", "trend", "anomaly" };
  gboolean ok = TRUE;
  const char *id = tally_json_get_optional_string (object, "id", &ok, error);
  const char *kind = ok ? tally_json_get_optional_string (object, "kind", &ok, error) : NULL;
  const char *metric = ok ? tally_json_get_optional_string (object, "metric", &ok, error) : NULL;
  const char *stat = ok ? tally_json_get_optional_string (object, "stat", &ok, error) : NULL;
  TallyMetric m;
  TallyStat s;
  guint k = TALLY_ALERT_THRESHOLD;

  if (!ok)
    return NULL;
  if (id == NULL || *id == '\0')
    return tally_json_fail (error, "id", _("is required")), NULL;
  if (!pick (kind, kinds, 3, "kind", &k, error))
    return NULL;
  if (metric == NULL)
    return tally_json_fail (error, "metric", _("is required")), NULL;
  if (!tally_metric_from_string (metric, &m))
    return tally_json_fail (error, "metric", _("is not a metric (see docs/queries.md)")), NULL;
  if (stat == NULL)
    s = tally_metric_has_stat (m, TALLY_STAT_AVG) ? TALLY_STAT_AVG : TALLY_STAT_SUM;
  else if (!tally_stat_from_string (stat, &s))
    return tally_json_fail (error, "stat", _("is not a stat")), NULL;
  if (!tally_metric_check_stat (m, s, error))
    return NULL;

  return tally_alert_rule_new (id, k, m, s);
}

/**
 * tally_alert_rule_new_from_json:
 *
 * One rule of alerts.json's "rules"; the error names the member.
 */
TallyAlertRule *
tally_alert_rule_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(TallyAlertRule) rule = NULL;
  JsonObject *object;
  gboolean ok = TRUE;
  const char *name, *dashboard;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return tally_json_fail (error, _("rule"), _("must be an object")), NULL;
  object = json_node_get_object (node);

  if (!check_members (object, error) || (rule = rule_head (object, error)) == NULL)
    return NULL;

  name = tally_json_get_optional_string (object, "name", &ok, error);
  dashboard = ok ? tally_json_get_optional_string (object, "dashboard", &ok, error) : NULL;
  if (!ok || !read_window (object, rule, error) || !read_enums (object, rule, error) ||
      !read_numbers (object, rule, error) || !read_filters (object, rule, error))
    return NULL;

  if (name != NULL)
    tally_str_replace (&rule->name, name);
  tally_str_replace (&rule->dashboard, dashboard);
  if (tally_metric_is_utilization (rule->query->metric) && json_object_get_member (object, "window") == NULL)
    rule->window_s = 60;

  return g_steal_pointer (&rule);
}

static void
add_filters (JsonBuilder      *builder,
             const TallyQuery *query)
{
  if (query->filters == NULL || query->filters->len == 0)
    return;

  json_builder_set_member_name (builder, "filters");
  json_builder_begin_object (builder);
  for (guint i = 0; i < query->filters->len; i++)
    {
      const TallyFilter *filter = g_ptr_array_index (query->filters, i);
      g_autofree char *dimension = tally_dimension_to_string (&filter->dimension);

      json_builder_set_member_name (builder, dimension);
      json_builder_begin_array (builder);
      for (guint j = 0; filter->values[j] != NULL; j++)
        json_builder_add_string_value (builder, filter->values[j]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

/* The hysteresis and the baseline, where they differ from the defaults. */
static void
add_tuning (JsonBuilder          *builder,
            const TallyAlertRule *rule)
{
  if (!isnan (rule->clear_margin))
    {
      json_builder_set_member_name (builder, "clear_margin");
      json_builder_add_double_value (builder, rule->clear_margin);
    }
  if (rule->fire_after != 1)
    {
      json_builder_set_member_name (builder, "fire_after");
      json_builder_add_int_value (builder, rule->fire_after);
    }
  if (rule->resolve_after != TALLY_ALERT_DEFAULT_RESOLVE_AFTER)
    {
      json_builder_set_member_name (builder, "resolve_after");
      json_builder_add_int_value (builder, rule->resolve_after);
    }
  if (rule->kind != TALLY_ALERT_ANOMALY)
    return;
  tally_json_builder_add_string_member (builder, "baseline", baseline_names[rule->baseline]);
  if (rule->baseline == TALLY_BASELINE_STDDEV && rule->baseline_windows != TALLY_ALERT_DEFAULT_BASELINE_WINDOWS)
    {
      json_builder_set_member_name (builder, "baseline_windows");
      json_builder_add_int_value (builder, rule->baseline_windows);
    }
}

/**
 * tally_alert_rule_to_json:
 *
 * The rule as one entry of alerts.json's "rules", which
 * tally_alert_rule_new_from_json() reads back as the same rule: the
 * hysteresis and baseline members only where they differ from the
 * defaults.
 */
JsonNode *
tally_alert_rule_to_json (const TallyAlertRule *rule)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *window = tally_time_format_interval (rule->window_s);

  json_builder_begin_object (builder);
  tally_json_builder_add_string_member (builder, "id", rule->id);
  tally_json_builder_add_string_member (builder, "name", rule->name);
  tally_json_builder_add_string_member (builder, "kind", tally_alert_kind_to_string (rule->kind));
  tally_json_builder_add_string_member (builder, "metric", tally_metric_to_string (rule->query->metric));
  tally_json_builder_add_string_member (builder, "stat", tally_stat_to_string (rule->query->stat));
  tally_json_builder_add_string_member (builder, "window", window);
  tally_json_builder_add_string_member (builder, "comparison", tally_comparison_to_string (rule->comparison));
  json_builder_set_member_name (builder, "threshold");
  json_builder_add_double_value (builder, rule->threshold);
  tally_json_builder_add_string_member (builder, "severity", tally_alert_severity_to_string (rule->severity));
  json_builder_set_member_name (builder, "min_requests");
  json_builder_add_int_value (builder, rule->min_requests);
  add_filters (builder, rule->query);
  add_tuning (builder, rule);
  tally_json_builder_add_string_member (builder, "dashboard", rule->dashboard);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
merge_rules (GPtrArray   *rules,
             JsonObject  *root,
             GError     **error)
{
  JsonNode *node = json_object_get_member (root, "rules");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return tally_json_fail (error, "rules", _("must be an array of rules"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      TallyAlertRule *rule = tally_alert_rule_new_from_json (json_array_get_element (array, i), error);
      guint j;

      if (rule == NULL)
        return g_prefix_error (error, "rules[%u].", i), FALSE;

      for (j = 0; j < rules->len; j++)
        if (g_str_equal (((TallyAlertRule *) g_ptr_array_index (rules, j))->id, rule->id))
          break;
      if (j < rules->len)
        g_ptr_array_remove_index (rules, j);
      g_ptr_array_add (rules, rule);
    }

  return TRUE;
}

static gboolean
drop_defaults (GPtrArray   *rules,
               JsonObject  *root,
               GError     **error)
{
  JsonNode *defaults = json_object_get_member (root, "defaults");

  if (defaults != NULL && (!JSON_NODE_HOLDS_VALUE (defaults) ||
                           json_node_get_value_type (defaults) != G_TYPE_BOOLEAN))
    return tally_json_fail (error, "defaults", _("must be true or false"));
  if (defaults != NULL && !json_node_get_boolean (defaults))
    g_ptr_array_set_size (rules, 0);

  return TRUE;
}

/* The ids of "disable": default rules and the user's own alike. */
static GStrv
read_disabled (JsonObject  *root,
               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *disable = json_object_get_member (root, "disable");
  JsonArray *array;

  if (disable != NULL && !JSON_NODE_HOLDS_ARRAY (disable))
    return tally_json_fail (error, "disable", _("must be an array of rule ids")), NULL;
  array = disable != NULL ? json_node_get_array (disable) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_autofree char *where = g_strdup_printf ("disable[%u]", i);

          return tally_json_fail (error, where, _("must be a rule id")), NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

/* Every rule alerts.json's @node gives, those it disables included, and
 * the ids it disables in @disabled. */
static GPtrArray *
rules_from_json (JsonNode  *node,
                 GStrv     *disabled,
                 GError   **error)
{
  g_autoptr(GPtrArray) rules = tally_alert_rule_get_defaults ();
  JsonObject *root;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return tally_json_fail (error, "alerts", _("must be a JSON object")), NULL;
  root = json_node_get_object (node);
  json_object_iter_init (&iter, root);
  while (json_object_iter_next (&iter, &name, &member))
    if (!g_str_equal (name, "version") && !g_str_equal (name, "defaults") && !g_str_equal (name, "disable") &&
        !g_str_equal (name, "rules"))
      return tally_json_fail (error, name, _("unknown member (expected defaults, disable, rules)")), NULL;
  if (json_object_has_member (root, "version") &&
      json_object_get_int_member_with_default (root, "version", 0) > ALERTS_FORMAT_VERSION)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NEWER_VERSION,
                   _("the alert rules were written by a newer version of Tally"));
      return NULL;
    }

  if (!drop_defaults (rules, root, error) || !merge_rules (rules, root, error) ||
      (*disabled = read_disabled (root, error)) == NULL)
    return NULL;

  return g_steal_pointer (&rules);
}

/**
 * tally_alert_rules_list:
 * @disabled: (out): the ids alerts.json's "disable" turns off
 *
 * Every rule alerts.json at @path knows of, the ones it turns off
 * included: the defaults (unless "defaults" is false) with the user's
 * rules merged in. Without the file, the defaults and no id disabled.
 */
GPtrArray *
tally_alert_rules_list (const char  *path,
                        GStrv       *disabled,
                        GError     **error)
{
  gboolean missing;
  g_autoptr(JsonNode) root = tally_json_read_file (path, &missing, error);

  g_return_val_if_fail (disabled != NULL, NULL);

  *disabled = NULL;
  if (root == NULL && missing)
    *disabled = g_new0 (char *, 1);
  if (root == NULL)
    return missing ? tally_alert_rule_get_defaults () : NULL;
  return tally_alert_rules_list_json (root, path, disabled, error);
}

/**
 * tally_alert_rules_list_json:
 * @root: alerts.json as read from @path
 * @path: for the error, which it starts with
 * @disabled: (out): the ids its "disable" turns off
 *
 * tally_alert_rules_list() of a file already read, for a caller that
 * goes on to edit it.
 */
GPtrArray *
tally_alert_rules_list_json (JsonNode    *root,
                             const char  *path,
                             GStrv       *disabled,
                             GError     **error)
{
  GPtrArray *rules;

  g_return_val_if_fail (disabled != NULL, NULL);

  *disabled = NULL;
  rules = rules_from_json (root, disabled, error);
  if (rules == NULL)
    g_prefix_error (error, "%s: ", path);
  return rules;
}

/**
 * tally_alert_rules_load:
 *
 * The rules to check: the default rules with alerts.json at @path
 * applied, less those its "disable" turns off (defaults or the user's);
 * without the file, the defaults alone.
 */
GPtrArray *
tally_alert_rules_load (const char  *path,
                        GError     **error)
{
  g_auto(GStrv) disabled = NULL;
  GPtrArray *rules = tally_alert_rules_list (path, &disabled, error);

  for (guint j = 0; rules != NULL && j < rules->len; j++)
    if (g_strv_contains ((const char * const *) disabled, ((TallyAlertRule *) g_ptr_array_index (rules, j))->id))
      g_ptr_array_remove_index (rules, j--);

  return rules;
}

GPtrArray *
tally_alert_rules_load_default (GError **error)
{
  g_autofree char *path = tally_paths_get_alerts_file ();

  return tally_alert_rules_load (path, error);
}
