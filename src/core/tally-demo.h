/* tally-demo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "tally-event.h"

G_BEGIN_DECLS

#define TALLY_DEMO_DEFAULT_DAYS       30
#define TALLY_DEMO_MAX_DAYS           400
#define TALLY_DEMO_DEFAULT_RATE       2000.0
#define TALLY_DEMO_MAX_RATE           10000000.0
#define TALLY_DEMO_DEFAULT_SEED       1
#define TALLY_DEMO_DEFAULT_BATCH_SIZE 5000

/**
 * TallyDemoParams:
 * @now: Unix seconds; the traffic ends just before it
 * @days: how many days of traffic, ending at @now (1 to TALLY_DEMO_MAX_DAYS)
 * @seed: the same seed, @now and @tz give the same events, byte for byte
 * @rate: requests per day, on average over the range, before incidents
 * @tz: (nullable): the zone whose working hours and weekends shape the
 *   traffic; NULL for the local zone
 * @batch_size: events per call of the batch function; 0 for the default
 *
 * Start from tally_demo_params_init().
 */
typedef struct
{
  gint64      now;
  guint       days;
  guint64     seed;
  double      rate;
  GTimeZone  *tz;
  guint       batch_size;
} TallyDemoParams;

/**
 * TallyDemoProgress:
 * @days_done: whole days generated so far
 * @days: the days asked for
 * @n_events: events generated so far
 * @cost: their total cost, USD
 * @from: the start of the traffic, Unix seconds
 * @to: its end (the params' now)
 */
typedef struct
{
  guint    days_done;
  guint    days;
  guint64  n_events;
  double   cost;
  gint64   from;
  gint64   to;
} TallyDemoProgress;

/* Receives each batch of events (TallyEvent, freed after the call unless
 * the function keeps a reference) in time order of their minutes. */
typedef gboolean (*TallyDemoBatchFunc) (GPtrArray               *events,
                                        const TallyDemoProgress *progress,
                                        gpointer                 user_data,
                                        GError                 **error);

/**
 * TallyDemoPrice:
 * @input: USD per million input tokens not served from a cache
 * @cached: USD per million cached input tokens; 0 when the model has no
 *   discount for them
 * @output: USD per million output tokens (reasoning tokens included)
 * @per_minute: USD per minute of audio, for models billed by duration
 *
 * A model's list price, as the demo bills it.
 */
typedef struct
{
  const char *model;
  const char *provider;
  double      input;
  double      cached;
  double      output;
  double      per_minute;
} TallyDemoPrice;

void                  tally_demo_params_init (TallyDemoParams          *params);
gboolean              tally_demo_generate    (const TallyDemoParams    *params,
                                              TallyDemoBatchFunc        func,
                                              gpointer                  user_data,
                                              GCancellable             *cancellable,
                                              TallyDemoProgress        *summary,
                                              GError                  **error);

const TallyDemoPrice *tally_demo_get_prices  (guint                    *n_prices);
const TallyDemoPrice *tally_demo_find_price  (const char               *model);
double                tally_demo_price_cost  (const TallyDemoPrice     *price,
                                              gint64                    input_tokens,
                                              gint64                    cached_tokens,
                                              gint64                    output_tokens,
                                              double                    audio_ms);

G_END_DECLS
