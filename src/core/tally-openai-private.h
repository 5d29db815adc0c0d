/* tally-openai-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Shared by the parts of the OpenAI source: the plan of a query (which
 * bucket width, which groups, which pages), the paged fetch, and the frames
 * built from the buckets it brings back. */

#pragma once

#include "tally-http-client.h"
#include "tally-query.h"
#include "tally-time-range.h"

G_BEGIN_DECLS

#define TALLY_OPENAI_USAGE_PATH  "/v1/organization/usage/completions"
#define TALLY_OPENAI_COSTS_PATH  "/v1/organization/costs"
#define TALLY_OPENAI_UNKNOWN     "(unknown)"
#define TALLY_OPENAI_OTHER       "Other"
#define TALLY_OPENAI_DAY         86400
/* More pages than this for one query is a runaway, not an answer. */
#define TALLY_OPENAI_MAX_PAGES   500

/* One result of one bucket: the sums of a group over the bucket's width.
 * group[i] is the value of the plan's i-th group field, or NULL. */
typedef struct
{
  gint64  time;
  char   *group[2];
  double  requests;
  double  input;
  double  output;
  double  cached;
  double  cost;
} TallyOpenaiRecord;

/**
 * TallyOpenaiPlan:
 *
 * How one query is fetched: the API's bucket width, the span fetched
 * (wider than the range when the previous period or whole days of cost
 * are needed), the group fields and the filter parameters.
 */
typedef struct
{
  gint64       width;
  gint64       fetch_from;
  gint64       fetch_to;
  guint        n_groups;
  const char  *group_fields[2];   /* usage's group_by names */
  gboolean     need_costs;
  GString     *filters;           /* encoded query parameters */
  GString     *cost_filters;
} TallyOpenaiPlan;

const char *tally_openai_dimension_field  (TallyDimensionKind    kind);
const char *tally_openai_dimension_param  (TallyDimensionKind    kind);
gboolean    tally_openai_plan_init        (TallyOpenaiPlan      *plan,
                                           const TallyQuery     *query,
                                           const TallyTimeRange *range,
                                           GError              **error);
void        tally_openai_plan_clear       (TallyOpenaiPlan      *plan);
gint64      tally_openai_query_interval   (const TallyQuery     *query,
                                           const TallyTimeRange *range);

void        tally_openai_record_free      (TallyOpenaiRecord    *record);

/* The fetch: every page of usage, then every page of costs if needed;
 * the result is a GPtrArray of TallyOpenaiRecord, costs spread over the
 * usage records (docs/openai.md, "Cost"). */
void        tally_openai_fetch_async      (TallyHttpClient      *client,
                                           const TallyOpenaiPlan *plan,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GPtrArray  *tally_openai_fetch_finish     (GAsyncResult         *result,
                                           GError              **error);

TallyFrame *tally_openai_build_frame      (const TallyQuery     *query,
                                           const TallyTimeRange *range,
                                           const TallyOpenaiPlan *plan,
                                           GPtrArray            *records,
                                           GError              **error);

G_END_DECLS
