/* tally-demo-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Between the demo's clock (tally-demo.c: when requests happen, and the
 * incidents) and its catalogue (tally-demo-traffic.c: who sends what to
 * which model, and what comes back). */

#pragma once

#include "tally-demo.h"

G_BEGIN_DECLS

/* The daily and weekly shape of a workload's traffic, in local time. */
typedef enum
{
  /* people at work: office hours on weekdays, quiet weekends */
  TALLY_DEMO_RHYTHM_OFFICE,
  /* customers: daytime into the evening, every day */
  TALLY_DEMO_RHYTHM_CONSUMER,
  /* jobs: a steady load with nightly runs */
  TALLY_DEMO_RHYTHM_BATCH,
  TALLY_DEMO_N_RHYTHMS
} TallyDemoRhythm;

/**
 * TallyDemoConditions:
 * @load: the workload's request rate now over its usual daily peak
 * @outage_provider: (nullable): a provider failing now
 * @outage_failure: the share of that provider's requests failing now
 * @limited: the share of this workload's requests refused with 429 now
 *
 * What the world is like when a request is made.
 */
typedef struct
{
  double      load;
  const char *outage_provider;
  double      outage_failure;
  double      limited;
} TallyDemoConditions;

guint            tally_demo_get_n_workloads      (void);
double           tally_demo_workload_get_share   (guint                      workload);
TallyDemoRhythm  tally_demo_workload_get_rhythm  (guint                      workload);
double           tally_demo_workload_get_storm_weight (guint                 workload);
const char      *tally_demo_workload_get_project (guint                      workload);

TallyEvent      *tally_demo_make_event           (guint                      workload,
                                                  GRand                     *rand,
                                                  gint64                     time_ms,
                                                  const TallyDemoConditions *conditions);

double           tally_demo_log_normal           (GRand                     *rand,
                                                  double                     median,
                                                  double                     sigma);

G_END_DECLS
