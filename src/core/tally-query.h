/* tally-query.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "tally-frame.h"
#include "tally-metric.h"

G_BEGIN_DECLS

#define TALLY_QUERY_DEFAULT_LIMIT 100
#define TALLY_QUERY_MAX_LIMIT     10000
#define TALLY_QUERY_MAX_TOP       100

/**
 * TallyFilter:
 *
 * One clause of a query's filter: the event's @dimension must have one of
 * @values. Clauses are combined with AND, values within one with OR.
 */
typedef struct
{
  TallyDimension  dimension;
  GStrv           values;
} TallyFilter;

/**
 * TallyQuery:
 *
 * What a widget asks of a source: the keys of `tally query`'s options and
 * of a panel's "query" object (DESIGN.md). group_by, rows and columns have
 * kind TALLY_N_DIMENSIONS when unset; interval_s is 0 for "auto".
 */
typedef struct
{
  TallyShape      shape;
  TallyMetric     metric;
  TallyStat       stat;
  TallyDimension  group_by;
  TallyDimension  rows;
  TallyDimension  columns;
  gint64          interval_s;
  guint           width_px;
  guint           top;
  guint           limit;
  GPtrArray      *filters;   /* TallyFilter */
} TallyQuery;

TallyQuery *tally_query_new             (void);
TallyQuery *tally_query_copy            (const TallyQuery  *query);
void        tally_query_free            (TallyQuery        *query);

gboolean    tally_query_add_filter      (TallyQuery        *query,
                                         const char        *dimension,
                                         const char * const *values,
                                         GError           **error);
gboolean    tally_query_parse_filter    (TallyQuery        *query,
                                         const char        *expression,
                                         GError           **error);
gboolean    tally_query_validate        (const TallyQuery  *query,
                                         GError           **error);
gboolean    tally_query_has_group_by    (const TallyQuery  *query);

TallyQuery *tally_query_new_from_json   (JsonNode          *node,
                                         TallyShape         shape,
                                         GError           **error);
JsonNode   *tally_query_to_json         (const TallyQuery  *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyQuery, tally_query_free)

G_END_DECLS
