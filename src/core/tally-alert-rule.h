/* tally-alert-rule.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "tally-query.h"

G_BEGIN_DECLS

/* evaluations past the margin before an alert resolves, unless set */
#define TALLY_ALERT_DEFAULT_RESOLVE_AFTER    3
/* windows of a standard-deviation baseline, unless set */
#define TALLY_ALERT_DEFAULT_BASELINE_WINDOWS 24

typedef enum
{
  /* the value in the window against the threshold */
  TALLY_ALERT_THRESHOLD,
  /* the growth of the value over the window before: 0.5 is +50 % */
  TALLY_ALERT_TREND,
  /* the value against its own baseline */
  TALLY_ALERT_ANOMALY,
  TALLY_N_ALERT_KINDS
} TallyAlertKind;

typedef enum
{
  TALLY_ALERT_INFO,
  TALLY_ALERT_WARNING,
  TALLY_ALERT_CRITICAL,
  TALLY_N_ALERT_SEVERITIES
} TallyAlertSeverity;

typedef enum
{
  TALLY_COMPARE_GT,
  TALLY_COMPARE_GE,
  TALLY_COMPARE_LT,
  TALLY_COMPARE_LE,
  TALLY_N_COMPARISONS
} TallyComparison;

typedef enum
{
  /* how many standard deviations from the mean of the windows before */
  TALLY_BASELINE_STDDEV,
  /* the growth over the same window a week earlier */
  TALLY_BASELINE_LAST_WEEK,
  TALLY_N_BASELINES
} TallyBaseline;

/**
 * TallyAlertRule:
 * @id: unique among the rules; a user rule with a default's id replaces it
 * @name: what a person reads in the notification and the Alerts page
 * @query: the metric, stat and filters; shape scalar
 * @window_s: the value is taken over the @window_s seconds before now
 * @threshold: the value (threshold), the growth (trend) or the number of
 *   standard deviations or the growth over last week (anomaly)
 * @clear_margin: the alert resolves only once the value is past the
 *   threshold by this much the other way (hysteresis)
 * @fire_after: consecutive evaluations over the threshold before firing
 * @resolve_after: consecutive evaluations past the margin before resolving
 * @min_requests: requests the window must hold before the rule can fire
 * @baseline_windows: for a standard-deviation anomaly, how many windows
 *   before the current one make the baseline
 * @dashboard: the uid of the dashboard the notification opens, or %NULL
 *
 * One alert rule (docs/alerts.md).
 */
typedef struct
{
  char               *id;
  char               *name;
  TallyAlertKind      kind;
  TallyQuery         *query;
  gint64              window_s;
  TallyComparison     comparison;
  double              threshold;
  TallyAlertSeverity  severity;
  double              clear_margin;
  guint               fire_after;
  guint               resolve_after;
  guint64             min_requests;
  TallyBaseline       baseline;
  guint               baseline_windows;
  char               *dashboard;
} TallyAlertRule;

TallyAlertRule *tally_alert_rule_new              (const char            *id,
                                                   TallyAlertKind         kind,
                                                   TallyMetric            metric,
                                                   TallyStat              stat);
TallyAlertRule *tally_alert_rule_copy             (const TallyAlertRule  *rule);
void            tally_alert_rule_free             (TallyAlertRule        *rule);
gboolean        tally_alert_rule_breaches         (const TallyAlertRule  *rule,
                                                   double                 value);
gboolean        tally_alert_rule_clears           (const TallyAlertRule  *rule,
                                                   double                 value);
char           *tally_alert_rule_describe_value   (const TallyAlertRule  *rule,
                                                   double                 value);
char           *tally_alert_rule_describe         (const TallyAlertRule  *rule);
GPtrArray      *tally_alert_rule_get_defaults     (void);
const TallyAlertRule *tally_alert_rules_find      (GPtrArray             *rules,
                                                   const char            *id);

TallyAlertRule *tally_alert_rule_new_from_json    (JsonNode              *node,
                                                   GError               **error);
JsonNode       *tally_alert_rule_to_json          (const TallyAlertRule  *rule);
GPtrArray      *tally_alert_rules_load            (const char            *path,
                                                   GError               **error);
GPtrArray      *tally_alert_rules_load_default    (GError               **error);
GPtrArray      *tally_alert_rules_list            (const char            *path,
                                                   GStrv                 *disabled,
                                                   GError               **error);
GPtrArray      *tally_alert_rules_list_json       (JsonNode              *root,
                                                   const char            *path,
                                                   GStrv                 *disabled,
                                                   GError               **error);
gboolean        tally_alert_rules_set_disabled    (const char            *path,
                                                   const char            *id,
                                                   gboolean               disabled,
                                                   GError               **error);
gboolean        tally_alert_rules_put             (const char            *path,
                                                   JsonNode              *rule,
                                                   int                    position,
                                                   GError               **error);
gboolean        tally_alert_rules_remove          (const char            *path,
                                                   const char            *id,
                                                   JsonNode             **removed,
                                                   int                   *position,
                                                   GError               **error);
GStrv           tally_alert_rules_get_own         (const char            *path,
                                                   GPtrArray            **rules,
                                                   GStrv                 *disabled,
                                                   GError               **error);
gboolean        tally_alert_rules_get_entry       (const char            *path,
                                                   const char            *id,
                                                   JsonNode             **entry,
                                                   GError               **error);
char           *tally_alert_rules_make_id         (GPtrArray             *rules,
                                                   const char * const    *disabled,
                                                   const char            *name);

const char     *tally_alert_kind_to_string        (TallyAlertKind         kind);
const char     *tally_alert_severity_to_string    (TallyAlertSeverity     severity);
const char     *tally_alert_severity_get_title    (TallyAlertSeverity     severity);
gboolean        tally_alert_severity_from_string  (const char            *name,
                                                   TallyAlertSeverity    *severity);
const char     *tally_comparison_to_string        (TallyComparison        comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyAlertRule, tally_alert_rule_free)

G_END_DECLS
