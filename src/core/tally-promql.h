/* tally-promql.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "tally-metric.h"

G_BEGIN_DECLS

/* Prometheus refuses a range query of more points than this per series. */
#define TALLY_PROMQL_MAX_POINTS        11000
#define TALLY_PROMQL_DEFAULT_SCRAPE_S  15

typedef enum
{
  TALLY_PROMQL_PRESET_OTEL,
  TALLY_PROMQL_PRESET_LITELLM,
  TALLY_PROMQL_N_PRESETS
} TallyPromqlPreset;

typedef struct _TallyPromql TallyPromql;

gboolean     tally_promql_preset_from_string (const char          *name,
                                              TallyPromqlPreset   *preset);

TallyPromql *tally_promql_new                (TallyPromqlPreset    preset);
void         tally_promql_free               (TallyPromql         *self);
gboolean     tally_promql_set_template       (TallyPromql         *self,
                                              const char          *metric,
                                              const char          *template,
                                              GError             **error);
const char  *tally_promql_get_template       (TallyPromql         *self,
                                              TallyMetric          metric);
char        *tally_promql_get_label          (TallyPromql         *self,
                                              const TallyDimension *dimension,
                                              GError             **error);

char        *tally_promql_quote              (const char          *value);
char        *tally_promql_build              (TallyPromql         *self,
                                              TallyMetric          metric,
                                              TallyStat            stat,
                                              const GPtrArray     *filters,
                                              const char * const  *by,
                                              gint64               window_s,
                                              GError             **error);

gint64       tally_promql_step               (gint64               from,
                                              gint64               to,
                                              guint                max_points,
                                              guint                scrape_interval_s,
                                              gint64               min_step_s);
guint        tally_promql_n_buckets          (gint64               from,
                                              gint64               to,
                                              gint64               step,
                                              gint64              *first);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyPromql, tally_promql_free)

G_END_DECLS
