/* tally-axis.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TALLY_AXIS_MAX_TICKS 16

/**
 * TallyAxisTicks:
 * @min: the low end of the axis
 * @max: the high end of the axis
 * @step: the distance between ticks, a 1-2-5 step in displayed units
 * @n_ticks: how many of @ticks are used
 * @ticks: tick values, ascending, all within [@min, @max]
 */
typedef struct
{
  double min;
  double max;
  double step;
  guint  n_ticks;
  double ticks[TALLY_AXIS_MAX_TICKS];
} TallyAxisTicks;

void     tally_axis_compute      (double          lo,
                                  double          hi,
                                  guint           max_ticks,
                                  const char     *unit,
                                  gboolean        nice_bounds,
                                  gboolean        whole,
                                  TallyAxisTicks *ticks);
double   tally_axis_nice_step    (double          range,
                                  guint           max_ticks);

G_END_DECLS
