/* tally-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Demo traffic for `tally demo`: weeks of requests that look like a real
 * company's, so every widget, filter and alert can be tried before any
 * real data arrives, and tests have a known, rich data set. This file is
 * the clock: per minute and per workload it draws how many requests start,
 * following working hours and weekends in the local zone, slow growth and
 * day-to-day noise, and it schedules incidents: provider outages during
 * working hours and floods over a project's rate limit. What each request
 * is, tally-demo-traffic.c decides. Everything is drawn from generators
 * seeded with the seed, so the same seed, now and zone give the same
 * events. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-demo-private.h"
#include "tally-error.h"

#define MINUTE          60
#define DAY             86400
#define SLOT            (15 * MINUTE)
/* Traffic grows by about 12 % a month; days differ by about 12 %. */
#define GROWTH_PER_DAY  0.004
#define DAY_NOISE_SIGMA 0.12

/* Relative traffic per local hour, 00 to 23, interpolated per minute. */
static const double hourly[TALLY_DEMO_N_RHYTHMS][24] = {
  [TALLY_DEMO_RHYTHM_OFFICE] = {
    0.04, 0.03, 0.03, 0.03, 0.04, 0.08, 0.20, 0.45, 0.80, 1.00, 1.00, 0.95,
    0.75, 0.90, 1.00, 0.95, 0.85, 0.60, 0.35, 0.25, 0.20, 0.15, 0.10, 0.06 },
  [TALLY_DEMO_RHYTHM_CONSUMER] = {
    0.15, 0.10, 0.07, 0.06, 0.06, 0.10, 0.20, 0.35, 0.55, 0.75, 0.85, 0.90,
    0.95, 0.95, 0.90, 0.90, 0.90, 0.90, 0.85, 0.80, 0.70, 0.55, 0.40, 0.25 },
  [TALLY_DEMO_RHYTHM_BATCH] = {
    0.60, 1.00, 1.00, 0.90, 0.60, 0.40, 0.30, 0.30, 0.35, 0.40, 0.40, 0.40,
    0.40, 0.40, 0.40, 0.40, 0.40, 0.40, 0.35, 0.30, 0.30, 0.30, 0.35, 0.45 },
};

/* Relative traffic per local day, Monday to Sunday. */
static const double weekly[TALLY_DEMO_N_RHYTHMS][7] = {
  [TALLY_DEMO_RHYTHM_OFFICE] = { 1.00, 1.05, 1.05, 1.00, 0.90, 0.18, 0.14 },
  [TALLY_DEMO_RHYTHM_CONSUMER] = { 1.00, 1.00, 1.00, 1.00, 0.95, 0.62, 0.58 },
  [TALLY_DEMO_RHYTHM_BATCH] = { 1.00, 1.00, 1.00, 1.00, 1.00, 0.90, 0.90 },
};

/* Providers by how likely an outage is to hit them; the first outage
 * always hits the busiest, so that a short demo shows one. */
static const struct
{
  const char *provider;
  double      weight;
} outage_providers[] = {
  { "openai", 3 }, { "anthropic", 2 }, { "gcp.gemini", 1 }, { "mistral_ai", 0.5 },
  { "deepseek", 0.5 },
};

typedef struct
{
  gint64      start;
  gint64      end;
  gboolean    storm;
  const char *provider;     /* outage: who fails */
  guint       workload;     /* storm: who floods */
  double      severity;     /* outage: the peak share failing; storm: the share refused */
  double      multiplier;   /* storm: the flood's rate over the usual */
} Incident;

typedef struct
{
  const TallyDemoParams *params;
  GTimeZone             *tz;
  GRand                 *rand;
  GRand                 *schedule;
  gint64                 from;
  gint64                 to;
  gint64                 first_day;
  double                 mean[TALLY_DEMO_N_RHYTHMS];
  double                 peak[TALLY_DEMO_N_RHYTHMS];
  double                 growth_norm;
  guint                  n_noise_days;
  double                *noise;
  GArray                *incidents;
  GPtrArray             *batch;
  guint                  batch_size;
  TallyDemoProgress      progress;
  TallyDemoBatchFunc     func;
  gpointer               user_data;
} Demo;

void
tally_demo_params_init (TallyDemoParams *params)
{
  g_return_if_fail (params != NULL);

  params->now = g_get_real_time () / G_USEC_PER_SEC;
  params->days = TALLY_DEMO_DEFAULT_DAYS;
  params->seed = TALLY_DEMO_DEFAULT_SEED;
  params->rate = TALLY_DEMO_DEFAULT_RATE;
  params->tz = NULL;
  params->batch_size = TALLY_DEMO_DEFAULT_BATCH_SIZE;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* @t as wall-clock seconds in the zone: minutes of the day and weekdays
 * are read off it. */
static gint64
local_seconds (GTimeZone *tz,
               gint64     t)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t);

  return t + g_time_zone_get_offset (tz, interval);
}

static guint
day_of_week (gint64 local)
{
  /* 1970-01-01 was a Thursday; Monday is 0. */
  return (guint) ((floor_div (local, DAY) + 3) % 7);
}

static double
rhythm_shape (TallyDemoRhythm rhythm,
              gint64          local)
{
  gint64 second = local - floor_div (local, DAY) * DAY;
  guint hour = second / 3600;
  double f = (second % 3600) / 3600.0;
  double w = hourly[rhythm][hour] * (1 - f) + hourly[rhythm][(hour + 1) % 24] * f;

  return w * weekly[rhythm][day_of_week (local)];
}

/* Means over a week, so that the rate is requests per average day. */
static void
measure_rhythms (Demo *demo)
{
  for (guint r = 0; r < TALLY_DEMO_N_RHYTHMS; r++)
    {
      double sum = 0, peak = 0;

      for (gint64 m = 0; m < 7 * DAY; m += MINUTE)
        {
          double shape = rhythm_shape (r, m);

          sum += shape;
          peak = MAX (peak, shape);
        }
      demo->mean[r] = sum / (7 * DAY / MINUTE);
      demo->peak[r] = peak;
    }
}

static guint
poisson (GRand  *rand,
         double  lambda)
{
  double limit, p = 1;
  guint k = 0;

  if (lambda <= 0)
    return 0;
  /* Past 30, the normal approximation is close and much cheaper. */
  if (lambda >= 30)
    {
      double z = log (tally_demo_log_normal (rand, 1, 1));

      return (guint) MAX (0, round (lambda + sqrt (lambda) * z));
    }

  limit = exp (-lambda);
  do
    {
      k++;
      p *= g_rand_double (rand);
    }
  while (p > limit);

  return k - 1;
}

/* The starts of SLOT-aligned windows of @duration inside the range;
 * with @working, only those in local working hours (09 to 17) on
 * weekdays, or any working hours, or anything, whichever exists first. */
static gint64
pick_slot (Demo     *demo,
           gint64    duration,
           gboolean  working)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint pass = working ? 0 : 2; pass < 3 && slots->len == 0; pass++)
    {
      gint64 first = floor_div (demo->from, SLOT) * SLOT + SLOT;

      for (gint64 t = first; t + duration <= demo->to; t += SLOT)
        {
          gint64 local = local_seconds (demo->tz, t);
          gint64 hour = (local - floor_div (local, DAY) * DAY) / 3600;

          if (pass < 2 && (hour < 9 || hour + duration / 3600.0 > 17))
            continue;
          if (pass < 1 && day_of_week (local) >= 5)
            continue;
          g_array_append_val (slots, t);
        }
    }
  if (slots->len == 0)
    return demo->from;

  return g_array_index (slots, gint64, g_rand_int_range (demo->schedule, 0, slots->len));
}

static const char *
pick_outage_provider (Demo  *demo,
                      guint  i)
{
  double total = 0, x;

  if (i == 0)
    return outage_providers[0].provider;
  for (guint p = 0; p < G_N_ELEMENTS (outage_providers); p++)
    total += outage_providers[p].weight;
  x = g_rand_double (demo->schedule) * total;
  for (guint p = 0; p + 1 < G_N_ELEMENTS (outage_providers); p++)
    {
      if (x < outage_providers[p].weight)
        return outage_providers[p].provider;
      x -= outage_providers[p].weight;
    }
  return outage_providers[G_N_ELEMENTS (outage_providers) - 1].provider;
}

/* The first flood comes from the workload most prone to them. */
static guint
pick_storm_workload (Demo  *demo,
                     guint  i)
{
  guint n = tally_demo_get_n_workloads (), best = 0;
  double total = 0, x;

  for (guint w = 0; w < n; w++)
    {
      total += tally_demo_workload_get_storm_weight (w);
      if (tally_demo_workload_get_storm_weight (w) > tally_demo_workload_get_storm_weight (best))
        best = w;
    }
  if (i == 0)
    return best;

  x = g_rand_double (demo->schedule) * total;
  for (guint w = 0; w < n; w++)
    {
      if (x < tally_demo_workload_get_storm_weight (w))
        return w;
      x -= tally_demo_workload_get_storm_weight (w);
    }
  return best;
}

/* About one outage a week and a half, one flood a week; at least one of
 * each, whatever the length. */
static void
schedule_incidents (Demo *demo)
{
  guint days = demo->params->days;
  guint n_outages = MAX (1, days / 10);
  guint n_storms = MAX (1, days / 7);

  for (guint i = 0; i < n_outages + n_storms; i++)
    {
      Incident incident = { 0, };
      gboolean storm = i >= n_outages;
      gint64 duration = storm ? g_rand_int_range (demo->schedule, 25, 91) * MINUTE
                              : g_rand_int_range (demo->schedule, 20, 51) * MINUTE;

      incident.storm = storm;
      incident.start = pick_slot (demo, duration, !storm);
      incident.end = incident.start + duration;
      if (storm)
        {
          incident.workload = pick_storm_workload (demo, i - n_outages);
          incident.severity = g_rand_double_range (demo->schedule, 0.55, 0.75);
          incident.multiplier = g_rand_double_range (demo->schedule, 6, 10);
        }
      else
        {
          incident.provider = pick_outage_provider (demo, i);
          incident.severity = g_rand_double_range (demo->schedule, 0.6, 0.9);
        }
      g_array_append_val (demo->incidents, incident);
    }
}

/* An outage fails a growing share of requests over its first three
 * minutes and recovers over its last fifth. */
static double
outage_failure (const Incident *incident,
                gint64          t)
{
  double length = incident->end - incident->start;
  double frac = (t - incident->start) / length;
  double ramp = MIN (1.0, (t - incident->start + MINUTE) / (3.0 * MINUTE));

  if (frac > 0.8)
    ramp *= (1 - frac) / 0.2;

  return incident->severity * ramp;
}

/* The incidents at minute @m change the workload's rate and conditions. */
static double
apply_incidents (Demo                *demo,
                 guint                workload,
                 gint64               m,
                 double               lambda,
                 TallyDemoConditions *conditions)
{
  for (guint i = 0; i < demo->incidents->len; i++)
    {
      const Incident *incident = &g_array_index (demo->incidents, Incident, i);

      if (m < incident->start || m >= incident->end)
        continue;
      if (!incident->storm)
        {
          conditions->outage_provider = incident->provider;
          conditions->outage_failure = outage_failure (incident, m);
        }
      else if (incident->workload == workload)
        {
          /* A backfill or a runaway loop: far over the usual, and at least
           * a few requests a minute whatever the demo's rate. */
          lambda = MAX (lambda * incident->multiplier, demo->params->rate / 1440 * 3);
          conditions->limited = incident->severity;
        }
    }

  return lambda;
}

static gboolean
flush_batch (Demo    *demo,
             GError **error)
{
  g_autoptr(GPtrArray) batch = NULL;

  if (demo->batch->len == 0)
    return TRUE;

  batch = g_steal_pointer (&demo->batch);
  demo->batch = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);

  return demo->func (batch, &demo->progress, demo->user_data, error);
}

static gboolean
generate_workload_minute (Demo     *demo,
                          guint     w,
                          gint64    m,
                          gint64    local,
                          double    growth,
                          GError  **error)
{
  TallyDemoRhythm rhythm = tally_demo_workload_get_rhythm (w);
  double shape = rhythm_shape (rhythm, local);
  guint day = MIN ((guint) (floor_div (local, DAY) - demo->first_day), demo->n_noise_days - 1);
  TallyDemoConditions conditions = { shape / demo->peak[rhythm], NULL, 0, 0 };
  double lambda;
  guint n;

  lambda = demo->params->rate * tally_demo_workload_get_share (w) * shape / demo->mean[rhythm] /
           (DAY / MINUTE) * growth * demo->noise[w * demo->n_noise_days + day];
  lambda = apply_incidents (demo, w, m, lambda, &conditions);

  n = poisson (demo->rand, lambda);
  for (guint i = 0; i < n; i++)
    {
      gint64 time_ms = m * 1000 + g_rand_int_range (demo->rand, 0, MINUTE * 1000);
      TallyEvent *event;

      if (time_ms < demo->from * 1000 || time_ms >= demo->to * 1000)
        continue;
      event = tally_demo_make_event (w, demo->rand, time_ms, &conditions);
      demo->progress.n_events++;
      demo->progress.cost += event->cost;
      g_ptr_array_add (demo->batch, event);
      if (demo->batch->len >= demo->batch_size && !flush_batch (demo, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_minutes (Demo          *demo,
                  GCancellable  *cancellable,
                  GError       **error)
{
  guint n_workloads = tally_demo_get_n_workloads ();

  for (gint64 m = floor_div (demo->from, MINUTE) * MINUTE; m < demo->to; m += MINUTE)
    {
      gint64 local = local_seconds (demo->tz, m);
      double growth = exp (-GROWTH_PER_DAY * (demo->to - m) / DAY) / demo->growth_norm;

      if (m % 3600 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      demo->progress.days_done = MAX (m - demo->from, 0) / DAY;
      for (guint w = 0; w < n_workloads; w++)
        {
          if (!generate_workload_minute (demo, w, m, local, growth, error))
            return FALSE;
        }
    }

  demo->progress.days_done = demo->params->days;
  return flush_batch (demo, error);
}

static gboolean
check_params (const TallyDemoParams  *params,
              GError                **error)
{
  if (params->days < 1 || params->days > TALLY_DEMO_MAX_DAYS)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("days must be 1..%d"),
                   TALLY_DEMO_MAX_DAYS);
      return FALSE;
    }
  if (!(params->rate > 0 && params->rate <= TALLY_DEMO_MAX_RATE))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("the rate must be more than 0 and at most %.0f requests a day"),
                   TALLY_DEMO_MAX_RATE);
      return FALSE;
    }
  if (params->now - (gint64) params->days * DAY < 946684800)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("the demo traffic must start after 2000-01-01"));
      return FALSE;
    }

  return TRUE;
}

static GRand *
new_rand (guint64 seed,
          guint32 stream)
{
  guint32 words[3] = { (guint32) seed, (guint32) (seed >> 32), stream };

  return g_rand_new_with_seed_array (words, G_N_ELEMENTS (words));
}

static void
demo_init (Demo                  *demo,
           const TallyDemoParams *params)
{
  guint n_workloads = tally_demo_get_n_workloads ();
  double g = GROWTH_PER_DAY * params->days;

  demo->params = params;
  demo->tz = params->tz != NULL ? g_time_zone_ref (params->tz) : g_time_zone_new_local ();
  demo->rand = new_rand (params->seed, 1);
  demo->schedule = new_rand (params->seed, 2);
  demo->from = params->now - (gint64) params->days * DAY;
  demo->to = params->now;
  demo->first_day = floor_div (local_seconds (demo->tz, demo->from), DAY);
  /* The growth averages 1 over the range. */
  demo->growth_norm = (1 - exp (-g)) / g;
  demo->batch_size = params->batch_size > 0 ? params->batch_size : TALLY_DEMO_DEFAULT_BATCH_SIZE;
  demo->batch = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  demo->incidents = g_array_new (FALSE, FALSE, sizeof (Incident));
  demo->progress = (TallyDemoProgress) { 0, params->days, 0, 0, demo->from, demo->to };

  measure_rhythms (demo);
  demo->n_noise_days = params->days + 2;
  demo->noise = g_new (double, n_workloads * demo->n_noise_days);
  for (guint i = 0; i < n_workloads * demo->n_noise_days; i++)
    demo->noise[i] = tally_demo_log_normal (demo->schedule, 1, DAY_NOISE_SIGMA);
  schedule_incidents (demo);
}

static void
demo_clear (Demo *demo)
{
  g_clear_pointer (&demo->tz, g_time_zone_unref);
  g_clear_pointer (&demo->rand, g_rand_free);
  g_clear_pointer (&demo->schedule, g_rand_free);
  g_clear_pointer (&demo->noise, g_free);
  g_clear_pointer (&demo->incidents, g_array_unref);
  g_clear_pointer (&demo->batch, g_ptr_array_unref);
}

/**
 * tally_demo_generate:
 * @func: called with each batch of events, in order; returning FALSE
 *   stops the generation with its error
 * @summary: (out) (optional): what was generated
 *
 * Generates @params->days of demo traffic ending at @params->now.
 *
 * Returns: FALSE when the params are invalid, @func failed, or
 *   @cancellable was cancelled
 */
gboolean
tally_demo_generate (const TallyDemoParams  *params,
                     TallyDemoBatchFunc      func,
                     gpointer                user_data,
                     GCancellable           *cancellable,
                     TallyDemoProgress      *summary,
                     GError                **error)
{
  Demo demo = { 0, };
  gboolean ok;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_params (params, error))
    return FALSE;

  demo_init (&demo, params);
  demo.func = func;
  demo.user_data = user_data;
  ok = generate_minutes (&demo, cancellable, error);
  if (summary != NULL)
    *summary = demo.progress;
  demo_clear (&demo);

  return ok;
}
