/* tally-json-api-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The mapping of the "http-json" source: JSON pointers from a server's
 * answer to usage events, or to ready-made series per metric; and the
 * frames those series answer. */

#pragma once

#include <json-glib/json-glib.h>

#include "tally-frame.h"
#include "tally-query.h"
#include "tally-time-range.h"

G_BEGIN_DECLS

typedef struct _TallyJsonApiMapping TallyJsonApiMapping;

/* One metric's points, sorted by time. */
typedef struct
{
  GArray *times;    /* gint64 Unix seconds */
  GArray *values;   /* double */
} TallyJsonApiPoints;

/* The series of one answer: TallyJsonApiPoints * per metric, or NULL. */
typedef struct
{
  TallyJsonApiPoints *metrics[TALLY_N_METRICS];
} TallyJsonApiSeries;

TallyJsonApiMapping *tally_json_api_mapping_new        (JsonObject                *mapping,
                                                        GError                   **error);
void                 tally_json_api_mapping_free       (TallyJsonApiMapping       *mapping);
gboolean             tally_json_api_mapping_has_events (const TallyJsonApiMapping *mapping);
const char          *tally_json_api_mapping_get_series (const TallyJsonApiMapping *mapping,
                                                        TallyMetric                metric);
const char          *tally_json_api_mapping_get_timestamp (const TallyJsonApiMapping *mapping);
const char          *tally_json_api_mapping_get_value  (const TallyJsonApiMapping *mapping);

GPtrArray           *tally_json_api_read_events        (const TallyJsonApiMapping *mapping,
                                                        JsonNode                  *root,
                                                        GError                   **error);
TallyJsonApiSeries  *tally_json_api_read_series        (const TallyJsonApiMapping *mapping,
                                                        JsonNode                  *root,
                                                        GError                   **error);
void                 tally_json_api_series_free        (TallyJsonApiSeries        *series);
TallyFrame          *tally_json_api_series_query       (const TallyJsonApiSeries  *series,
                                                        const TallyQuery          *query,
                                                        const TallyTimeRange      *range,
                                                        GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyJsonApiMapping, tally_json_api_mapping_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyJsonApiSeries, tally_json_api_series_free)

G_END_DECLS
