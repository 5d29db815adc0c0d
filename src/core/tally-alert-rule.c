/* tally-alert-rule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* An alert rule: what it measures, when it fires and when it resolves,
 * and the rules Tally starts with (docs/alerts.md). The reading of
 * alerts.json is in tally-alert-rule-json.c. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-alert-rule.h"
#include "tally-time-range.h"

/* The default hysteresis: resolve 10 % of the threshold below it (above
 * it for < and <=), after three evaluations in a row. */
#define DEFAULT_MARGIN_FRACTION 0.1

static const char *kind_names[TALLY_N_ALERT_KINDS] = { "threshold", "trend", "anomaly" };
static const char *severity_names[TALLY_N_ALERT_SEVERITIES] = { "info", "warning", "critical" };
static const char *severity_titles[TALLY_N_ALERT_SEVERITIES] = { N_("Info"), N_("Warning"), N_("Critical") };
static const char *comparison_names[TALLY_N_COMPARISONS] = { ">", ">=", "<", "<=" };

const char *
tally_alert_kind_to_string (TallyAlertKind kind)
{
  g_return_val_if_fail (kind < TALLY_N_ALERT_KINDS, NULL);
  return kind_names[kind];
}

const char *
tally_alert_severity_to_string (TallyAlertSeverity severity)
{
  g_return_val_if_fail (severity < TALLY_N_ALERT_SEVERITIES, NULL);
  return severity_names[severity];
}

const char *
tally_alert_severity_get_title (TallyAlertSeverity severity)
{
  g_return_val_if_fail (severity < TALLY_N_ALERT_SEVERITIES, NULL);
  return _(severity_titles[severity]);
}

gboolean
tally_alert_severity_from_string (const char         *name,
                                  TallyAlertSeverity *severity)
{
  for (guint i = 0; name != NULL && i < TALLY_N_ALERT_SEVERITIES; i++)
    if (g_str_equal (name, severity_names[i]))
      {
        *severity = i;
        return TRUE;
      }
  return FALSE;
}

const char *
tally_comparison_to_string (TallyComparison comparison)
{
  g_return_val_if_fail (comparison < TALLY_N_COMPARISONS, NULL);
  return comparison_names[comparison];
}

/**
 * tally_alert_rule_new:
 *
 * A rule with the default window (5 minutes), comparison (>=), severity
 * (warning) and hysteresis; the caller sets the threshold.
 */
TallyAlertRule *
tally_alert_rule_new (const char     *id,
                      TallyAlertKind  kind,
                      TallyMetric     metric,
                      TallyStat       stat)
{
  TallyAlertRule *rule = g_new0 (TallyAlertRule, 1);

  rule->id = g_strdup (id);
  rule->name = g_strdup (id);
  rule->kind = kind;
  rule->query = tally_query_new ();
  rule->query->metric = metric;
  rule->query->stat = stat;
  rule->window_s = 300;
  rule->comparison = TALLY_COMPARE_GE;
  rule->severity = TALLY_ALERT_WARNING;
  rule->clear_margin = NAN;
  rule->fire_after = 1;
  rule->resolve_after = TALLY_ALERT_DEFAULT_RESOLVE_AFTER;
  rule->baseline = TALLY_BASELINE_STDDEV;
  rule->baseline_windows = TALLY_ALERT_DEFAULT_BASELINE_WINDOWS;

  return rule;
}

TallyAlertRule *
tally_alert_rule_copy (const TallyAlertRule *rule)
{
  TallyAlertRule *copy = g_memdup2 (rule, sizeof *rule);

  copy->id = g_strdup (rule->id);
  copy->name = g_strdup (rule->name);
  copy->query = tally_query_copy (rule->query);
  copy->dashboard = g_strdup (rule->dashboard);

  return copy;
}

void
tally_alert_rule_free (TallyAlertRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->id);
  g_free (rule->name);
  tally_query_free (rule->query);
  g_free (rule->dashboard);
  g_free (rule);
}

static gboolean
compare (TallyComparison comparison,
         double          value,
         double          threshold)
{
  switch (comparison)
    {
    case TALLY_COMPARE_GT:
      return value > threshold;
    case TALLY_COMPARE_GE:
      return value >= threshold;
    case TALLY_COMPARE_LT:
      return value < threshold;
    case TALLY_COMPARE_LE:
      return value <= threshold;
    case TALLY_N_COMPARISONS:
    default:
      return FALSE;
    }
}

/* Whether @value is over the threshold; a missing value never is. */
gboolean
tally_alert_rule_breaches (const TallyAlertRule *rule,
                           double                value)
{
  return !isnan (value) && compare (rule->comparison, value, rule->threshold);
}

static double
margin_of (const TallyAlertRule *rule)
{
  if (!isnan (rule->clear_margin))
    return rule->clear_margin;
  return fabs (rule->threshold) * DEFAULT_MARGIN_FRACTION;
}

/* Whether @value is far enough back for a firing alert to count towards
 * resolving: past the threshold by the margin, or missing. */
gboolean
tally_alert_rule_clears (const TallyAlertRule *rule,
                         double                value)
{
  gboolean above = rule->comparison == TALLY_COMPARE_GT || rule->comparison == TALLY_COMPARE_GE;
  double line = rule->threshold + (above ? -margin_of (rule) : margin_of (rule));

  if (isnan (value))
    return TRUE;

  /* The line itself clears a strict comparison: "> 0" with no margin
   * resolves at 0, as "< 0" does not fire at 0. */
  switch (rule->comparison)
    {
    case TALLY_COMPARE_GT:
      return value <= line;
    case TALLY_COMPARE_LT:
      return value >= line;
    default:
      return above ? value < line : value > line;
    }
}

static char *
format_number (const char *unit,
               double      value)
{
  if (g_strcmp0 (unit, "percent") == 0)
    return g_strdup_printf ("%.1f %%", value * 100);
  if (g_strcmp0 (unit, "usd") == 0)
    return g_strdup_printf ("$%.2f", value);
  if (g_strcmp0 (unit, "ms") == 0)
    return value >= 1000 ? g_strdup_printf ("%.2f s", value / 1000) : g_strdup_printf ("%.0f ms", value);
  return g_strdup_printf ("%.4g", value);
}

/**
 * tally_alert_rule_describe_value:
 *
 * "82.0 % ≥ 80.0 %": the value against the threshold, in the metric's
 * unit, the growth in percent, or standard deviations.
 */
char *
tally_alert_rule_describe_value (const TallyAlertRule *rule,
                                 double                value)
{
  const char *op = tally_comparison_to_string (rule->comparison);
  const char *unit = tally_metric_get_unit (rule->query->metric, rule->query->stat);
  g_autofree char *v = NULL;
  g_autofree char *t = NULL;

  if (rule->kind == TALLY_ALERT_ANOMALY && rule->baseline == TALLY_BASELINE_STDDEV)
    /* Translators: standard deviations from the baseline, then the rule's */
    return g_strdup_printf (_("%.1f σ from the baseline (%s %.1f σ)"), value, op, rule->threshold);

  if (rule->kind != TALLY_ALERT_THRESHOLD)
    {
      /* Translators: a growth in percent, then the rule's */
      return g_strdup_printf (rule->kind == TALLY_ALERT_TREND ? _("%+.0f %% growth (%s %+.0f %%)")
                                                              : _("%+.0f %% on last week (%s %+.0f %%)"),
                              value * 100, op, rule->threshold * 100);
    }

  v = format_number (unit, value);
  t = format_number (unit, rule->threshold);
  return g_strdup_printf ("%s %s %s", v, op, t);
}

/* "error_rate over 5m > 5.0 %": what is compared, without the rest. */
static char *
describe_condition (const TallyAlertRule *rule)
{
  const char *op = tally_comparison_to_string (rule->comparison);
  const char *unit = tally_metric_get_unit (rule->query->metric, rule->query->stat);
  g_autofree char *window = tally_time_format_interval (rule->window_s);
  g_autofree char *what = NULL;
  g_autofree char *threshold = NULL;

  what = rule->query->stat == TALLY_STAT_AVG
           ? g_strdup (tally_metric_to_string (rule->query->metric))
           : g_strdup_printf ("%s %s", tally_metric_to_string (rule->query->metric),
                              tally_stat_to_string (rule->query->stat));

  if (rule->kind == TALLY_ALERT_ANOMALY && rule->baseline == TALLY_BASELINE_STDDEV)
    /* Translators: "latency p95 over 10m: > 3.0 σ from the baseline of 24 windows" */
    return g_strdup_printf (_("%s over %s: %s %.1f σ from the baseline of %u windows"), what, window, op,
                            rule->threshold, rule->baseline_windows);
  if (rule->kind == TALLY_ALERT_ANOMALY)
    /* Translators: "requests sum over 1h: > +50 % on last week" */
    return g_strdup_printf (_("%s over %s: %s %+.0f %% on last week"), what, window, op, rule->threshold * 100);
  if (rule->kind == TALLY_ALERT_TREND)
    /* Translators: "cost sum over 1h: growth > +100 %" */
    return g_strdup_printf (_("%s over %s: growth %s %+.0f %%"), what, window, op, rule->threshold * 100);

  threshold = format_number (unit, rule->threshold);
  /* Translators: "error_rate over 5m > 5.0 %" */
  return g_strdup_printf (_("%s over %s %s %s"), what, window, op, threshold);
}

/**
 * tally_alert_rule_describe:
 *
 * The rule's condition in words, for a list of rules: "error_rate over
 * 5m > 5.0 % · at least 20 requests · Warning".
 */
char *
tally_alert_rule_describe (const TallyAlertRule *rule)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *condition = describe_condition (rule);

  g_string_append (text, condition);
  if (rule->min_requests > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (NULL, "at least %" G_GUINT64_FORMAT " request",
                                                 "at least %" G_GUINT64_FORMAT " requests", rule->min_requests),
                              rule->min_requests);
    }
  g_string_append (text, " · ");
  g_string_append (text, tally_alert_severity_get_title (rule->severity));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The rule of @rules whose id is @id, or NULL. */
const TallyAlertRule *
tally_alert_rules_find (GPtrArray  *rules,
                        const char *id)
{
  for (guint i = 0; i < rules->len; i++)
    if (g_str_equal (((TallyAlertRule *) g_ptr_array_index (rules, i))->id, id))
      return g_ptr_array_index (rules, i);
  return NULL;
}

static TallyAlertRule *
make_default (const char         *id,
              const char         *name,
              TallyMetric         metric,
              TallyStat           stat,
              TallyComparison     comparison,
              double              threshold,
              TallyAlertSeverity  severity,
              guint64             min_requests)
{
  TallyAlertRule *rule = tally_alert_rule_new (id, TALLY_ALERT_THRESHOLD, metric, stat);

  g_free (rule->name);
  rule->name = g_strdup (name);
  rule->comparison = comparison;
  rule->threshold = threshold;
  rule->severity = severity;
  rule->min_requests = min_requests;
  rule->dashboard = g_strdup (tally_metric_is_utilization (metric) ? "rate-limits" : "overview");
  if (tally_metric_is_utilization (metric))
    rule->window_s = 60;

  return rule;
}

/**
 * tally_alert_rule_get_defaults:
 *
 * The rules every user has unless alerts.json turns them off. The limit
 * rules need a limit in limits.json and stay quiet without one.
 */
GPtrArray *
tally_alert_rule_get_defaults (void)
{
  GPtrArray *rules = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_alert_rule_free);

  g_ptr_array_add (rules, make_default ("rpm-warning", _("Requests per minute near the limit"),
                                        TALLY_METRIC_RPM_UTILIZATION, TALLY_STAT_AVG, TALLY_COMPARE_GE,
                                        0.80, TALLY_ALERT_WARNING, 0));
  g_ptr_array_add (rules, make_default ("rpm-critical", _("Requests per minute at the limit"),
                                        TALLY_METRIC_RPM_UTILIZATION, TALLY_STAT_AVG, TALLY_COMPARE_GE,
                                        0.95, TALLY_ALERT_CRITICAL, 0));
  g_ptr_array_add (rules, make_default ("tpm-warning", _("Tokens per minute near the limit"),
                                        TALLY_METRIC_TPM_UTILIZATION, TALLY_STAT_AVG, TALLY_COMPARE_GE,
                                        0.80, TALLY_ALERT_WARNING, 0));
  g_ptr_array_add (rules, make_default ("tpm-critical", _("Tokens per minute at the limit"),
                                        TALLY_METRIC_TPM_UTILIZATION, TALLY_STAT_AVG, TALLY_COMPARE_GE,
                                        0.95, TALLY_ALERT_CRITICAL, 0));
  g_ptr_array_add (rules, make_default ("rpd-warning", _("Requests today near the limit"),
                                        TALLY_METRIC_RPD_UTILIZATION, TALLY_STAT_AVG, TALLY_COMPARE_GE,
                                        0.90, TALLY_ALERT_WARNING, 0));
  g_ptr_array_add (rules, make_default ("error-rate", _("High error rate"), TALLY_METRIC_ERROR_RATE,
                                        TALLY_STAT_AVG, TALLY_COMPARE_GT, 0.05, TALLY_ALERT_WARNING, 20));
  g_ptr_array_add (rules, make_default ("rate-limit-rate", _("Requests rate-limited"),
                                        TALLY_METRIC_RATE_LIMIT_RATE, TALLY_STAT_AVG, TALLY_COMPARE_GT, 0.01,
                                        TALLY_ALERT_WARNING, 20));
  g_ptr_array_add (rules, make_default ("latency-p95", _("Slow responses (P95 latency)"), TALLY_METRIC_LATENCY,
                                        TALLY_STAT_P95, TALLY_COMPARE_GT, 5000, TALLY_ALERT_WARNING, 20));
  g_ptr_array_add (rules, make_default ("budget-warning", _("Budget 80 % spent"),
                                        TALLY_METRIC_BUDGET_UTILIZATION, TALLY_STAT_AVG, TALLY_COMPARE_GE,
                                        0.80, TALLY_ALERT_WARNING, 0));
  g_ptr_array_add (rules, make_default ("budget-exceeded", _("Budget spent"),
                                        TALLY_METRIC_BUDGET_UTILIZATION, TALLY_STAT_AVG, TALLY_COMPARE_GE,
                                        1.0, TALLY_ALERT_CRITICAL, 0));

  return rules;
}
