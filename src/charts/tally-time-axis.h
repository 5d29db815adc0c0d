/* tally-time-axis.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TALLY_TIME_AXIS_MAX_TICKS 32

/**
 * TallyTimeTicks:
 * @step: the nominal distance between ticks, in seconds (a month is 30 days)
 * @n_ticks: how many of @ticks and @labels are used
 * @ticks: tick times, Unix seconds, ascending
 * @labels: one label per tick, owned by the struct
 */
typedef struct
{
  gint64  step;
  guint   n_ticks;
  gint64  ticks[TALLY_TIME_AXIS_MAX_TICKS];
  char   *labels[TALLY_TIME_AXIS_MAX_TICKS];
} TallyTimeTicks;

void  tally_time_ticks_compute  (gint64          from,
                                 gint64          to,
                                 guint           max_ticks,
                                 GTimeZone      *tz,
                                 gboolean        clock_12h,
                                 TallyTimeTicks *ticks);
void  tally_time_ticks_clear    (TallyTimeTicks *ticks);

G_END_DECLS
