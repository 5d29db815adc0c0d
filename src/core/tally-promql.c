/* tally-promql.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* From Tally's questions to PromQL. Each metric a preset knows maps to a
 * selector template: a counter (the requests, the tokens, the cost) whose
 * increase is summed, or, for durations, the base name of a histogram in
 * seconds. The aggregation around it — sum by the group's labels, the
 * ratio of two counters, histogram_quantile over the buckets — is built
 * here, as are the steps of a range query (docs/prometheus.md). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-promql.h"
#include "tally-query.h"

struct _TallyPromql
{
  TallyPromqlPreset  preset;
  char              *templates[TALLY_N_METRICS];
};

typedef struct
{
  TallyMetric  metric;
  const char  *otel;
  const char  *litellm;
} DefaultTemplate;

static const DefaultTemplate default_templates[] = {
  { TALLY_METRIC_REQUESTS, "gen_ai_client_operation_duration_seconds_count",
    "litellm_requests_metric_total" },
  { TALLY_METRIC_ERRORS, "gen_ai_client_operation_duration_seconds_count{error_type!=\"\"}",
    "litellm_deployment_failure_responses_total" },
  { TALLY_METRIC_RATE_LIMITED,
    "gen_ai_client_operation_duration_seconds_count{error_type=~\"(?i)429|.*rate.?limit.*|too many requests\"}",
    "litellm_deployment_failure_responses_total{exception_status=\"429\"}" },
  { TALLY_METRIC_INPUT_TOKENS, "gen_ai_client_token_usage_sum{gen_ai_token_type=\"input\"}",
    "litellm_input_tokens_total" },
  { TALLY_METRIC_OUTPUT_TOKENS, "gen_ai_client_token_usage_sum{gen_ai_token_type=\"output\"}",
    "litellm_output_tokens_total" },
  { TALLY_METRIC_TOKENS, "gen_ai_client_token_usage_sum{gen_ai_token_type=~\"input|output\"}",
    "litellm_total_tokens_total" },
  { TALLY_METRIC_COST, NULL, "litellm_spend_metric_total" },
  { TALLY_METRIC_LATENCY, "gen_ai_client_operation_duration_seconds",
    "litellm_request_total_latency_metric" },
  { TALLY_METRIC_TTFT, "gen_ai_server_time_to_first_token_seconds",
    "litellm_llm_api_time_to_first_token_metric" },
};

/* The label each dimension is stored under, per preset; NULL: none. */
static const char *const otel_labels[TALLY_N_EVENT_DIMENSIONS] = {
  [TALLY_DIMENSION_MODEL] = "gen_ai_request_model",
  [TALLY_DIMENSION_PROVIDER] = "gen_ai_system",
  [TALLY_DIMENSION_SERVICE] = "job",
  [TALLY_DIMENSION_OPERATION] = "gen_ai_operation_name",
  [TALLY_DIMENSION_STATUS] = "http_status_code",
  [TALLY_DIMENSION_ERROR] = "error_type",
};

static const char *const litellm_labels[TALLY_N_EVENT_DIMENSIONS] = {
  [TALLY_DIMENSION_MODEL] = "model",
  [TALLY_DIMENSION_PROVIDER] = "api_provider",
  [TALLY_DIMENSION_PROJECT] = "team",
  [TALLY_DIMENSION_API_KEY] = "hashed_api_key",
  [TALLY_DIMENSION_USER] = "user",
  [TALLY_DIMENSION_SERVICE] = "job",
  [TALLY_DIMENSION_STATUS] = "exception_status",
  [TALLY_DIMENSION_ERROR] = "exception_class",
};

/* The nice steps a range query's step rounds up to, in seconds. */
static const gint64 nice_steps[] = {
  1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800,
  21600, 43200, 86400, 7 * 86400, 30 * 86400,
};

gboolean
tally_promql_preset_from_string (const char        *name,
                                 TallyPromqlPreset *preset)
{
  if (g_strcmp0 (name, "otel") == 0)
    *preset = TALLY_PROMQL_PRESET_OTEL;
  else if (g_strcmp0 (name, "litellm") == 0)
    *preset = TALLY_PROMQL_PRESET_LITELLM;
  else
    return FALSE;

  return TRUE;
}

TallyPromql *
tally_promql_new (TallyPromqlPreset preset)
{
  TallyPromql *self = g_new0 (TallyPromql, 1);

  g_return_val_if_fail (preset < TALLY_PROMQL_N_PRESETS, NULL);

  self->preset = preset;
  for (guint i = 0; i < G_N_ELEMENTS (default_templates); i++)
    {
      const DefaultTemplate *t = &default_templates[i];
      const char *text = preset == TALLY_PROMQL_PRESET_OTEL ? t->otel : t->litellm;

      self->templates[t->metric] = g_strdup (text);
    }

  return self;
}

void
tally_promql_free (TallyPromql *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < TALLY_N_METRICS; i++)
    g_free (self->templates[i]);
  g_free (self);
}

static gboolean
is_name_char (char c,
              gboolean first)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':' || (!first && g_ascii_isdigit (c));
}

/* A selector: a metric name, optionally followed by {matchers}. The
 * matchers are kept as written; @name_len is where they start. */
static gboolean
split_selector (const char *selector,
                gsize      *name_len)
{
  gsize n = 0;
  gsize len = strlen (selector);

  while (selector[n] != '\0' && is_name_char (selector[n], n == 0))
    n++;
  if (n == 0)
    return FALSE;
  if (selector[n] != '\0' && (selector[n] != '{' || selector[len - 1] != '}' ||
                              strchr (selector + n + 1, '{') != NULL))
    return FALSE;

  *name_len = n;
  return TRUE;
}

/**
 * tally_promql_set_template:
 * @metric: a Tally metric's name, as in "templates" of sources.json
 * @template: a selector: `name` or `name{matchers}`; a counter for counts
 *   and amounts, the base name of a histogram in seconds for durations
 *
 * Replaces the preset's template for @metric.
 */
gboolean
tally_promql_set_template (TallyPromql  *self,
                           const char   *metric,
                           const char   *template,
                           GError      **error)
{
  TallyMetric m;
  gsize name_len;

  g_return_val_if_fail (self != NULL && metric != NULL && template != NULL, FALSE);

  if (!tally_metric_from_string (metric, &m))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” in templates is not a metric"), metric);
      return FALSE;
    }
  if (tally_metric_get_kind (m) == TALLY_METRIC_KIND_RATIO)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is a ratio: it follows the templates of its parts"), metric);
      return FALSE;
    }
  if (!split_selector (template, &name_len))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("the template of “%s” is not a selector (a metric name, optionally with "
                     "{label matchers}): %s"), metric, template);
      return FALSE;
    }

  g_free (self->templates[m]);
  self->templates[m] = g_strdup (template);
  return TRUE;
}

/* The selector @metric reads, or NULL when this source has none. */
const char *
tally_promql_get_template (TallyPromql *self,
                           TallyMetric  metric)
{
  g_return_val_if_fail (self != NULL, NULL);

  return metric < TALLY_N_METRICS ? self->templates[metric] : NULL;
}

static gboolean
is_label_name (const char *name)
{
  if (name == NULL || !(g_ascii_isalpha (name[0]) || name[0] == '_'))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!(g_ascii_isalnum (*p) || *p == '_'))
        return FALSE;
    }
  return TRUE;
}

/**
 * tally_promql_get_label:
 *
 * Returns: (transfer full): the Prometheus label @dimension is stored
 *   under; a `label.<key>` is the label <key> itself. %NULL with
 *   %TALLY_ERROR_UNSUPPORTED when the preset has none.
 */
char *
tally_promql_get_label (TallyPromql          *self,
                        const TallyDimension *dimension,
                        GError              **error)
{
  const char *label = NULL;

  g_return_val_if_fail (self != NULL && dimension != NULL, NULL);

  if (dimension->kind == TALLY_DIMENSION_LABEL && is_label_name (dimension->label))
    return g_strdup (dimension->label);
  if (dimension->kind < TALLY_N_EVENT_DIMENSIONS)
    label = self->preset == TALLY_PROMQL_PRESET_OTEL ? otel_labels[dimension->kind]
                                                     : litellm_labels[dimension->kind];
  if (label == NULL)
    {
      g_autofree char *name = tally_dimension_to_string (dimension);

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("The dimension “%s” is not available from this source"), name);
    }

  return g_strdup (label);
}

/* @value as a PromQL string literal: backslash, double quote and line
 * breaks escaped. */
char *
tally_promql_quote (const char *value)
{
  GString *out = g_string_new ("\"");

  for (const char *p = value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '"': g_string_append (out, "\\\""); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

/* One matcher per filter: `label="v"`, or `label=~"a|b"` with each value's
 * regular-expression characters escaped. */
static gboolean
append_matchers (TallyPromql     *self,
                 GString         *out,
                 const GPtrArray *filters,
                 GError         **error)
{
  for (guint i = 0; filters != NULL && i < filters->len; i++)
    {
      const TallyFilter *filter = g_ptr_array_index (filters, i);
      g_autofree char *label = tally_promql_get_label (self, &filter->dimension, error);
      g_autoptr(GString) alternatives = g_string_new (NULL);
      g_autofree char *quoted = NULL;
      guint n = filter->values ? g_strv_length (filter->values) : 0;

      if (label == NULL)
        return FALSE;
      /* no values: no filter, as everywhere else */
      if (n == 0)
        continue;
      for (guint v = 0; v < n; v++)
        {
          g_autofree char *escaped = g_regex_escape_string (filter->values[v], -1);

          g_string_append_printf (alternatives, "%s%s", v > 0 ? "|" : "", escaped);
        }
      quoted = tally_promql_quote (n == 1 ? filter->values[0] : alternatives->str);
      g_string_append_printf (out, "%s%s%s%s", out->len > 0 ? ", " : "", label,
                              n == 1 ? "=" : "=~", quoted);
    }

  return TRUE;
}

/* @template with @suffix added to its name and the filters to its matchers. */
static char *
selector (const char *template,
          const char *suffix,
          const char *filters)
{
  gsize name_len;
  g_autofree char *name = NULL;
  const char *fixed;

  if (!split_selector (template, &name_len))
    name_len = strlen (template);
  name = g_strndup (template, name_len);
  fixed = template + name_len;
  if (g_str_equal (fixed, "{}"))
    fixed = "";
  if (*fixed == '\0' && *filters == '\0')
    return g_strconcat (name, suffix, NULL);
  if (*fixed == '\0')
    return g_strconcat (name, suffix, "{", filters, "}", NULL);
  if (*filters == '\0')
    return g_strconcat (name, suffix, fixed, NULL);

  return g_strdup_printf ("%s%s{%.*s, %s}", name, suffix, (int) (strlen (fixed) - 2), fixed + 1,
                          filters);
}

/* `sum by (a, b) (inner)`, or `sum(inner)` */
static char *
sum_by (const char * const *by,
        const char         *inner)
{
  g_autofree char *labels = NULL;

  if (by == NULL || by[0] == NULL)
    return g_strdup_printf ("sum(%s)", inner);
  labels = g_strjoinv (", ", (char **) by);
  return g_strdup_printf ("sum by (%s) (%s)", labels, inner);
}

/* sum of `fn(selector[window])` */
static char *
sum_of (const char * const *by,
        const char         *fn,
        const char         *sel,
        gint64              window_s)
{
  g_autofree char *inner = g_strdup_printf ("%s(%s[%" G_GINT64_FORMAT "s])", fn, sel, window_s);

  return sum_by (by, inner);
}

static char *
unavailable (TallyMetric   metric,
             TallyStat     stat,
             GError      **error)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
               _("“%s” of “%s” is not available from this source"),
               tally_stat_to_string (stat), tally_metric_to_string (metric));
  return NULL;
}

typedef struct
{
  TallyPromql        *self;
  const char         *filters;
  const char * const *by;
  gint64              window_s;
} Build;

static char *build_metric (const Build *b, TallyMetric metric, TallyStat stat, GError **error);

/* The counter that counts the events having an amount: the histogram's
 * _count beside a _sum, else the requests. `tokens` counts requests: its
 * histogram has an input and an output observation per request. */
static char *
count_selector (const Build *b,
                TallyMetric  metric,
                const char  *template)
{
  gsize name_len;

  if (metric != TALLY_METRIC_TOKENS && split_selector (template, &name_len) && name_len > 4 &&
      strncmp (template + name_len - 4, "_sum", 4) == 0)
    {
      g_autofree char *count = g_strdup_printf ("%.*s_count%s", (int) (name_len - 4), template,
                                                template + name_len);
      return selector (count, "", b->filters);
    }
  if (b->self->templates[TALLY_METRIC_REQUESTS] == NULL)
    return NULL;
  return selector (b->self->templates[TALLY_METRIC_REQUESTS], "", b->filters);
}

static char *
build_counter (const Build  *b,
               TallyMetric   metric,
               TallyStat     stat,
               const char   *template,
               GError      **error)
{
  g_autofree char *sel = selector (template, "", b->filters);
  gboolean is_count = tally_metric_get_kind (metric) == TALLY_METRIC_KIND_COUNT;
  g_autofree char *count_sel = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *count = NULL;

  if (stat == TALLY_STAT_SUM || (is_count && stat == TALLY_STAT_COUNT))
    return sum_of (b->by, "increase", sel, b->window_s);
  if (stat == TALLY_STAT_RATE || (is_count && stat == TALLY_STAT_AVG))
    {
      g_autofree char *rate = sum_of (b->by, "rate", sel, b->window_s);
      return g_strdup_printf ("%s * 60", rate);
    }
  if (is_count || (stat != TALLY_STAT_COUNT && stat != TALLY_STAT_AVG) ||
      (count_sel = count_selector (b, metric, template)) == NULL)
    return unavailable (metric, stat, error);

  count = sum_of (b->by, "increase", count_sel, b->window_s);
  if (stat == TALLY_STAT_COUNT)
    return g_steal_pointer (&count);
  sum = sum_of (b->by, "increase", sel, b->window_s);
  return g_strdup_printf ("%s / %s", sum, count);
}

static char *
build_histogram (const Build  *b,
                 TallyMetric   metric,
                 TallyStat     stat,
                 const char   *template,
                 GError      **error)
{
  g_autofree char *sum_sel = selector (template, "_sum", b->filters);
  g_autofree char *count_sel = selector (template, "_count", b->filters);
  g_autofree char *sum = NULL;
  g_autofree char *count = NULL;

  if (tally_stat_is_percentile (stat))
    {
      g_autofree char *bucket_sel = selector (template, "_bucket", b->filters);
      g_autofree char *joined = b->by && b->by[0] ? g_strjoinv (", ", (char **) b->by) : NULL;
      g_autofree char *le = joined ? g_strconcat ("le, ", joined, NULL) : g_strdup ("le");
      const char *le_by[] = { le, NULL };
      g_autofree char *buckets = sum_of (le_by, "rate", bucket_sel, b->window_s);
      char q[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (q, sizeof q, "%g", tally_stat_get_quantile (stat));
      return g_strdup_printf ("histogram_quantile(%s, %s) * 1000", q, buckets);
    }

  count = sum_of (b->by, "increase", count_sel, b->window_s);
  sum = sum_of (b->by, "increase", sum_sel, b->window_s);
  switch (stat)
    {
    case TALLY_STAT_COUNT:
      return g_steal_pointer (&count);
    case TALLY_STAT_SUM:
      return g_strdup_printf ("%s * 1000", sum);
    case TALLY_STAT_AVG:
      return g_strdup_printf ("%s / %s * 1000", sum, count);
    default:
      return unavailable (metric, stat, error);
    }
}

static char *
build_ratio (const Build  *b,
             TallyMetric   metric,
             TallyStat     stat,
             TallyMetric   numerator,
             TallyMetric   denominator,
             GError      **error)
{
  g_autofree char *num = NULL;
  g_autofree char *den = NULL;

  if (stat != TALLY_STAT_AVG)
    return unavailable (metric, stat, error);
  if (!(num = build_metric (b, numerator, TALLY_STAT_SUM, NULL)) ||
      !(den = build_metric (b, denominator, TALLY_STAT_SUM, NULL)))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("“%s” is not available from this source"), tally_metric_to_string (metric));
      return NULL;
    }

  return g_strdup_printf ("%s / %s", num, den);
}

static char *
build_metric (const Build  *b,
              TallyMetric   metric,
              TallyStat     stat,
              GError      **error)
{
  const char *template = metric < TALLY_N_METRICS ? b->self->templates[metric] : NULL;

  switch (metric)
    {
    case TALLY_METRIC_ERROR_RATE:
      return build_ratio (b, metric, stat, TALLY_METRIC_ERRORS, TALLY_METRIC_REQUESTS, error);
    case TALLY_METRIC_RATE_LIMIT_RATE:
      return build_ratio (b, metric, stat, TALLY_METRIC_RATE_LIMITED, TALLY_METRIC_REQUESTS, error);
    case TALLY_METRIC_COST_PER_REQUEST:
      return build_ratio (b, metric, stat, TALLY_METRIC_COST, TALLY_METRIC_REQUESTS, error);
    case TALLY_METRIC_TOKENS_PER_DOLLAR:
      return build_ratio (b, metric, stat, TALLY_METRIC_TOKENS, TALLY_METRIC_COST, error);
    case TALLY_METRIC_REQUESTS:
    case TALLY_METRIC_ERRORS:
    case TALLY_METRIC_RATE_LIMITED:
    case TALLY_METRIC_INPUT_TOKENS:
    case TALLY_METRIC_OUTPUT_TOKENS:
    case TALLY_METRIC_CACHED_TOKENS:
    case TALLY_METRIC_TOKENS:
    case TALLY_METRIC_COST:
      if (template == NULL)
        break;
      return build_counter (b, metric, stat, template, error);
    case TALLY_METRIC_LATENCY:
    case TALLY_METRIC_TTFT:
    case TALLY_METRIC_QUEUE_TIME:
      if (template == NULL)
        break;
      return build_histogram (b, metric, stat, template, error);
    default:
      /* rtf, concurrency, and any metric added later */
      break;
    }

  if (metric < TALLY_N_METRICS)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                 _("“%s” is not available from this source"), tally_metric_to_string (metric));
  else
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                 _("This metric is not available from this source"));
  return NULL;
}

/**
 * tally_promql_build:
 * @filters: (nullable): TallyFilter clauses, each a label matcher
 * @by: (nullable): the labels to group by, %NULL-terminated
 * @window_s: the range of the rates and increases: the whole range for an
 *   instant query, the step for a range query
 *
 * Returns: (transfer full): the PromQL of @stat of @metric, or %NULL with
 *   %TALLY_ERROR_UNSUPPORTED when this source cannot answer it
 */
char *
tally_promql_build (TallyPromql         *self,
                    TallyMetric          metric,
                    TallyStat            stat,
                    const GPtrArray     *filters,
                    const char * const  *by,
                    gint64               window_s,
                    GError             **error)
{
  g_autoptr(GString) matchers = g_string_new (NULL);
  Build b = { self, NULL, by, MAX (window_s, 1) };

  g_return_val_if_fail (self != NULL, NULL);

  if (!append_matchers (self, matchers, filters, error))
    return NULL;
  b.filters = matchers->str;

  return build_metric (&b, metric, stat, error);
}

static gint64
nice_step_at_least (gint64 need)
{
  for (guint i = 0; i < G_N_ELEMENTS (nice_steps); i++)
    {
      if (nice_steps[i] >= need)
        return nice_steps[i];
    }
  /* beyond a month: whole days */
  return (need + 86399) / 86400 * 86400;
}

/**
 * tally_promql_n_buckets:
 * @first: (out) (optional): the start of the first bucket
 *
 * Returns: the buckets of width @step that cover [@from, @to), aligned to
 *   multiples of @step (in UTC)
 */
guint
tally_promql_n_buckets (gint64  from,
                        gint64  to,
                        gint64  step,
                        gint64 *first)
{
  gint64 start;

  g_return_val_if_fail (step > 0, 0);

  start = from >= 0 ? from / step * step : -((-from + step - 1) / step) * step;
  if (first != NULL)
    *first = start;
  if (to <= from)
    return 0;

  return (guint) MIN ((to - start + step - 1) / step, G_MAXUINT);
}

/**
 * tally_promql_step:
 * @max_points: the points the chart can show (0: 600)
 * @min_step_s: a step the query asks for, or 0
 *
 * The step of a range query, as Grafana chooses it: the smallest nice
 * value (1s … 30s, 1m … 30m, 1h … 12h, 1d, 1w, 30d, then whole days) of at
 * least the range over @max_points, the scrape interval and @min_step_s;
 * larger still when the aligned range would need more than
 * TALLY_PROMQL_MAX_POINTS points.
 */
gint64
tally_promql_step (gint64 from,
                   gint64 to,
                   guint  max_points,
                   guint  scrape_interval_s,
                   gint64 min_step_s)
{
  gint64 span = MAX (to - from, 1);
  gint64 points = CLAMP (max_points > 0 ? max_points : 600, 1, TALLY_PROMQL_MAX_POINTS);
  gint64 need = MAX ((span + points - 1) / points, MAX (scrape_interval_s, 1));
  gint64 step;

  need = MAX (need, min_step_s);
  step = nice_step_at_least (need);
  while (tally_promql_n_buckets (from, to, step, NULL) > TALLY_PROMQL_MAX_POINTS)
    step = nice_step_at_least (step + 1);

  return step;
}
