/* tally-axis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Ticks for a value axis: steps of 1, 2 or 5 times a power of ten, counted
 * in the unit the labels show (seconds or minutes for latencies, points for
 * percentages), so every label is short and round. Pure arithmetic: the
 * renderers decide how many ticks fit, tally-format.c writes the labels. */

#include "config.h"

#include <math.h>

#include "tally-axis.h"
#include "tally-format.h"

/* The smallest step of 1, 2 or 5 × 10^k that cuts @range into at most
 * @max_ticks intervals. */
double
tally_axis_nice_step (double range,
                      guint  max_ticks)
{
  static const double steps[] = { 1, 2, 5, 10 };
  double raw, magnitude;

  if (!(range > 0) || !isfinite (range))
    return 1;
  raw = range / MAX (max_ticks, 1);
  magnitude = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (steps[i] * magnitude >= raw * (1 - 1e-9))
        return steps[i] * magnitude;
    }

  return 10 * magnitude;
}

/* The 1-2-5 step after @step. */
static double
next_step (double step)
{
  double magnitude = pow (10, floor (log10 (step) + 1e-9));
  double normalized = step / magnitude;

  if (normalized < 1.5)
    return 2 * magnitude;
  if (normalized < 3.5)
    return 5 * magnitude;
  return 10 * magnitude;
}

/* The finest step for [@lo, @hi] in displayed units of @divisor; whole
 * numbers never step by less than one, so a count of 1 is not shown
 * against ticks of 0.2. */
static double
first_step (double   lo,
            double   hi,
            guint    max_ticks,
            double   divisor,
            gboolean whole)
{
  double step = tally_axis_nice_step ((hi - lo) / divisor, max_ticks) * divisor;

  return whole ? MAX (step, 1) : step;
}

/* An empty or flat range still gets an axis: [0, 1] for nothing, and a
 * band around a constant. */
static void
widen (double *lo,
       double *hi)
{
  if (!isfinite (*lo) || !isfinite (*hi))
    {
      *lo = 0;
      *hi = 1;
    }
  if (*lo > *hi)
    {
      double t = *lo;

      *lo = *hi;
      *hi = t;
    }
  if (*lo == *hi)
    {
      double pad = *lo == 0 ? 1 : fabs (*lo) * 0.1;

      *lo = *lo == 0 ? 0 : *lo - pad;
      *hi += pad;
    }
}

/* Ticks from @lo to @hi, at most @max_ticks intervals. With @nice_bounds
 * the axis grows to the ticks around the data; without, it stays at
 * [@lo, @hi] (a min or max the user set) with the ticks inside. @whole
 * says the values are whole numbers (counts), so no step is below one. */
void
tally_axis_compute (double          lo,
                    double          hi,
                    guint           max_ticks,
                    const char     *unit,
                    gboolean        nice_bounds,
                    gboolean        whole,
                    TallyAxisTicks *ticks)
{
  double divisor, step, first, last;
  guint n;

  g_return_if_fail (ticks != NULL);

  widen (&lo, &hi);
  max_ticks = CLAMP (max_ticks, 1, TALLY_AXIS_MAX_TICKS - 1);
  divisor = tally_unit_get_divisor (unit, MAX (fabs (lo), fabs (hi)));
  step = first_step (lo, hi, max_ticks, divisor, whole);

  for (;;)
    {
      double bound_divisor;

      first = ceil (lo / step - 1e-9) * step;
      last = floor (hi / step + 1e-9) * step;
      if (nice_bounds)
        {
          first = floor (lo / step + 1e-9) * step;
          last = ceil (hi / step - 1e-9) * step;
        }

      /* Bounds rounded out may reach the next unit (55 s of data on an
       * axis up to 1 min): the labels are then in minutes, so the steps
       * must be too. The unit only grows, so this ends. */
      bound_divisor = tally_unit_get_divisor (unit, MAX (fabs (first), fabs (last)));
      if (bound_divisor > divisor)
        {
          divisor = bound_divisor;
          step = first_step (lo, hi, max_ticks, divisor, whole);
          continue;
        }

      n = (guint) llround ((last - first) / step) + 1;
      if (n <= max_ticks + 1)
        break;
      step = next_step (step / divisor) * divisor;
    }

  ticks->min = nice_bounds ? first : lo;
  ticks->max = nice_bounds ? last : hi;
  ticks->step = step;
  ticks->n_ticks = MIN (n, TALLY_AXIS_MAX_TICKS);
  for (guint i = 0; i < ticks->n_ticks; i++)
    {
      double value = first + i * step;

      /* 0.1 + 0.2 style noise must not print as 0.30000000000000004. */
      if (fabs (value) < step * 1e-9)
        value = 0;
      ticks->ticks[i] = value;
    }
}
