/* tally-test-prometheus.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PROM_N_MODELS       3
#define PROM_N_LAT_BUCKETS  7
#define PROM_SCRAPE_S       60
#define PROM_HOUR           3600
#define PROM_RANGE_HOURS    4

extern const char *const tally_test_prom_models[PROM_N_MODELS + 1];
extern const double tally_test_prom_lat_bounds[PROM_N_LAT_BUCKETS];

/* What the test knows from generating the data. */
typedef struct
{
  gint64   from;
  gint64   to;
  /* requests per model at from, at each hour boundary up to to */
  double   requests_at[PROM_N_MODELS][PROM_RANGE_HOURS + 1];
  double   output_at[PROM_N_MODELS][2];
  double   lat_sum_at[2];
  /* latencies observed in (from, to], all models, and per model */
  GArray  *latencies;
  GArray  *model_latencies[PROM_N_MODELS];
} TallyTestPromTruth;

/* A Prometheus started over generated data; @skip says why not, when the
 * binaries are absent. */
typedef struct
{
  char               *dir;
  GSubprocess        *prometheus;
  char               *url;
  char               *skip;
  TallyTestPromTruth  truth;
} TallyTestPrometheus;

TallyTestPrometheus *tally_test_prometheus_start (void);
void                 tally_test_prometheus_stop  (void);
void                 tally_test_prom_p95_bucket  (GArray *values,
                                                  double *lower_ms,
                                                  double *upper_ms);

G_END_DECLS
