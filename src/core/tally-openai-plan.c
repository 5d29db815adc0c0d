/* tally-openai-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What the OpenAI source can answer, and how: a query it cannot answer is
 * refused here with TALLY_ERROR_UNSUPPORTED, before any request; one it can
 * becomes a plan of bucket width, span, group fields and filters. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-error.h"
#include "tally-openai-private.h"

/* Above this many one-minute buckets, hour buckets are fetched instead. */
#define MAX_MINUTE_BUCKETS (4 * 1440)

const char *
tally_openai_dimension_field (TallyDimensionKind kind)
{
  switch (kind)
    {
    case TALLY_DIMENSION_MODEL:   return "model";
    case TALLY_DIMENSION_PROJECT: return "project_id";
    case TALLY_DIMENSION_API_KEY: return "api_key_id";
    case TALLY_DIMENSION_USER:    return "user_id";
    default:                      return NULL;
    }
}

const char *
tally_openai_dimension_param (TallyDimensionKind kind)
{
  switch (kind)
    {
    case TALLY_DIMENSION_MODEL:   return "models";
    case TALLY_DIMENSION_PROJECT: return "project_ids";
    case TALLY_DIMENSION_API_KEY: return "api_key_ids";
    case TALLY_DIMENSION_USER:    return "user_ids";
    default:                      return NULL;
    }
}

static gboolean
check_metric (const TallyQuery  *query,
              GError           **error)
{
  switch (query->metric)
    {
    case TALLY_METRIC_REQUESTS:
    case TALLY_METRIC_INPUT_TOKENS:
    case TALLY_METRIC_OUTPUT_TOKENS:
    case TALLY_METRIC_CACHED_TOKENS:
    case TALLY_METRIC_TOKENS:
    case TALLY_METRIC_COST:
    case TALLY_METRIC_COST_PER_REQUEST:
    case TALLY_METRIC_TOKENS_PER_DOLLAR:
      break;
    default:
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("%s is not available from this source"), tally_metric_get_title (query->metric));
      return FALSE;
    }

  if (!tally_metric_check_stat (query->metric, query->stat, error))
    return FALSE;

  if (query->stat != TALLY_STAT_SUM && query->stat != TALLY_STAT_COUNT &&
      query->stat != TALLY_STAT_RATE && query->stat != TALLY_STAT_AVG)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("The %s of %s is not available from this source: it reports sums per bucket"),
                   tally_stat_get_title (query->stat), tally_metric_get_title (query->metric));
      return FALSE;
    }

  return TRUE;
}

static gboolean
metric_needs_costs (TallyMetric metric)
{
  return metric == TALLY_METRIC_COST || metric == TALLY_METRIC_COST_PER_REQUEST ||
         metric == TALLY_METRIC_TOKENS_PER_DOLLAR;
}

/* A dimension usage can group or filter by; cost only by project. */
static gboolean
check_dimension (const TallyOpenaiPlan  *plan,
                 TallyDimensionKind      kind,
                 const char             *what,
                 GError                **error)
{
  if (tally_openai_dimension_field (kind) == NULL)
    {
      /* TRANSLATORS: "Grouping by Provider is not available from this source" */
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("%s by %s is not available from this source"), what,
                   tally_dimension_get_title (kind));
      return FALSE;
    }
  if (plan->need_costs && kind != TALLY_DIMENSION_PROJECT)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("Cost by %s is not available from this source: OpenAI reports cost per project"),
                   tally_dimension_get_title (kind));
      return FALSE;
    }

  return TRUE;
}

static gboolean
plan_groups (TallyOpenaiPlan   *plan,
             const TallyQuery  *query,
             GError           **error)
{
  switch (query->shape)
    {
    case TALLY_SHAPE_TABLE:
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("Individual requests are not available from this source"));
      return FALSE;
    case TALLY_SHAPE_MATRIX:
      if (plan->need_costs)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                       _("A matrix of %s is not available from this source: OpenAI reports cost per project only"),
                       tally_metric_get_title (query->metric));
          return FALSE;
        }
      if (!check_dimension (plan, query->rows.kind, _("A matrix"), error) ||
          !check_dimension (plan, query->columns.kind, _("A matrix"), error))
        return FALSE;
      plan->n_groups = 2;
      plan->group_fields[0] = tally_openai_dimension_field (query->rows.kind);
      plan->group_fields[1] = tally_openai_dimension_field (query->columns.kind);
      return TRUE;
    case TALLY_SHAPE_TIMESERIES:
    case TALLY_SHAPE_CATEGORIES:
      if (!tally_query_has_group_by (query))
        return TRUE;
      if (!check_dimension (plan, query->group_by.kind, _("Grouping"), error))
        return FALSE;
      plan->n_groups = 1;
      plan->group_fields[0] = tally_openai_dimension_field (query->group_by.kind);
      return TRUE;
    default:
      return TRUE;
    }
}

static gboolean
plan_filters (TallyOpenaiPlan   *plan,
              const TallyQuery  *query,
              GError           **error)
{
  for (guint i = 0; query->filters != NULL && i < query->filters->len; i++)
    {
      const TallyFilter *filter = g_ptr_array_index (query->filters, i);
      const char *param = tally_openai_dimension_param (filter->dimension.kind);

      if (!check_dimension (plan, filter->dimension.kind, _("Filtering"), error))
        return FALSE;

      for (guint j = 0; filter->values != NULL && filter->values[j] != NULL; j++)
        {
          tally_http_query_add (plan->filters, param, filter->values[j]);
          if (filter->dimension.kind == TALLY_DIMENSION_PROJECT)
            tally_http_query_add (plan->cost_filters, param, filter->values[j]);
        }
    }

  return TRUE;
}

static gint64
floor_to (gint64 t,
          gint64 step)
{
  return t - ((t % step) + step) % step;
}

gint64
tally_openai_query_interval (const TallyQuery     *query,
                             const TallyTimeRange *range)
{
  if (query->interval_s > 0)
    return query->interval_s;

  return tally_time_range_auto_interval (range, query->width_px);
}

/* Whether buckets of @width fit the span and the query's buckets exactly. */
static gboolean
width_fits (gint64                width,
            gint64                from,
            gint64                to,
            const TallyQuery     *query,
            const TallyTimeRange *range)
{
  g_autoptr(GArray) starts = NULL;
  gint64 interval;

  if (from % width != 0 || to % width != 0)
    return FALSE;
  if (query->shape != TALLY_SHAPE_TIMESERIES)
    return TRUE;

  interval = tally_openai_query_interval (query, range);
  if (interval % width != 0)
    return FALSE;
  starts = tally_time_range_get_buckets (range, interval);
  for (guint i = 0; i < starts->len; i++)
    if (g_array_index (starts, gint64, i) % width != 0)
      return FALSE;

  return TRUE;
}

static void
plan_span (TallyOpenaiPlan      *plan,
           const TallyQuery     *query,
           const TallyTimeRange *range)
{
  static const gint64 widths[] = { TALLY_OPENAI_DAY, 3600, 60 };
  gint64 from = floor_to (range->from, 60);
  gint64 to = floor_to (range->to + 59, 60);

  plan->width = 60;
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    if (width_fits (widths[i], from, to, query, range))
      {
        plan->width = widths[i];
        break;
      }
  if (plan->width == 60 && (to - from) / 60 > MAX_MINUTE_BUCKETS)
    plan->width = 3600;

  plan->fetch_from = floor_to (from, plan->width);
  plan->fetch_to = floor_to (to + plan->width - 1, plan->width);
  if (query->shape == TALLY_SHAPE_SCALAR)
    plan->fetch_from -= plan->fetch_to - plan->fetch_from;
  if (plan->need_costs)
    {
      plan->fetch_from = floor_to (plan->fetch_from, TALLY_OPENAI_DAY);
      plan->fetch_to = floor_to (plan->fetch_to + TALLY_OPENAI_DAY - 1, TALLY_OPENAI_DAY);
    }
}

/**
 * tally_openai_plan_init:
 *
 * Plans @query over @range, or refuses it with TALLY_ERROR_UNSUPPORTED
 * when the Usage and Costs APIs cannot answer it.
 */
gboolean
tally_openai_plan_init (TallyOpenaiPlan       *plan,
                        const TallyQuery      *query,
                        const TallyTimeRange  *range,
                        GError               **error)
{
  memset (plan, 0, sizeof *plan);
  plan->filters = g_string_new (NULL);
  plan->cost_filters = g_string_new (NULL);

  if (!tally_query_validate (query, error) || !check_metric (query, error))
    return FALSE;

  plan->need_costs = metric_needs_costs (query->metric);
  if (!plan_groups (plan, query, error) || !plan_filters (plan, query, error))
    return FALSE;

  plan_span (plan, query, range);
  return TRUE;
}

void
tally_openai_plan_clear (TallyOpenaiPlan *plan)
{
  if (plan->filters != NULL)
    g_string_free (plan->filters, TRUE);
  if (plan->cost_filters != NULL)
    g_string_free (plan->cost_filters, TRUE);
  plan->filters = plan->cost_filters = NULL;
}
