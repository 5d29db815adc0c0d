/* tally-prometheus-result.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * TallyPromSeries:
 * @labels: the values of the labels asked for, in their order; "" where a
 *   series lacks one
 * @times: Unix seconds of each point
 * @values: each point's value; "NaN" is NAN, "+Inf" INFINITY
 *
 * One series of a Prometheus answer; a vector's sample is a series of one
 * point, and so is a scalar.
 */
typedef struct
{
  GStrv   labels;
  GArray *times;    /* gint64 */
  GArray *values;   /* double */
} TallyPromSeries;

void       tally_prom_series_free      (TallyPromSeries    *series);
GPtrArray *tally_prometheus_parse      (JsonNode           *root,
                                        const char * const *labels,
                                        GError            **error);
GStrv      tally_prometheus_parse_strings (JsonNode        *root,
                                        GError            **error);
gboolean   tally_prometheus_parse_value (const char        *text,
                                        double            *value);

G_END_DECLS
