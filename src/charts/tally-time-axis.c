/* tally-time-axis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Ticks for a time axis, placed on the wall clock of the user's zone: on
 * the hour, at midnight, on Mondays, on the first of the month, however
 * many hours the zone is from UTC and across daylight-saving changes. The
 * step is the shortest that leaves room for the labels; a tick that starts
 * a new day names the day ("Mon 12") instead of the time. */

#include "config.h"

#include "tally-format.h"
#include "tally-time-axis.h"

#define MINUTE 60
#define HOUR 3600
#define DAY G_GINT64_CONSTANT (86400)

typedef enum
{
  UNIT_SECONDS,     /* sub-day steps that divide a day */
  UNIT_DAYS,
  UNIT_WEEKS,
  UNIT_MONTHS,
  UNIT_YEARS,
} StepUnit;

static const struct
{
  StepUnit unit;
  guint    count;
  gint64   seconds;
} steps[] = {
  { UNIT_SECONDS, 1, 1 }, { UNIT_SECONDS, 2, 2 }, { UNIT_SECONDS, 5, 5 },
  { UNIT_SECONDS, 10, 10 }, { UNIT_SECONDS, 15, 15 }, { UNIT_SECONDS, 30, 30 },
  { UNIT_SECONDS, MINUTE, MINUTE }, { UNIT_SECONDS, 2 * MINUTE, 2 * MINUTE },
  { UNIT_SECONDS, 5 * MINUTE, 5 * MINUTE }, { UNIT_SECONDS, 10 * MINUTE, 10 * MINUTE },
  { UNIT_SECONDS, 15 * MINUTE, 15 * MINUTE }, { UNIT_SECONDS, 30 * MINUTE, 30 * MINUTE },
  { UNIT_SECONDS, HOUR, HOUR }, { UNIT_SECONDS, 2 * HOUR, 2 * HOUR },
  { UNIT_SECONDS, 3 * HOUR, 3 * HOUR }, { UNIT_SECONDS, 6 * HOUR, 6 * HOUR },
  { UNIT_SECONDS, 12 * HOUR, 12 * HOUR },
  { UNIT_DAYS, 1, DAY }, { UNIT_DAYS, 2, 2 * DAY },
  { UNIT_WEEKS, 1, 7 * DAY }, { UNIT_WEEKS, 2, 14 * DAY },
  { UNIT_MONTHS, 1, 30 * DAY }, { UNIT_MONTHS, 3, 91 * DAY }, { UNIT_MONTHS, 6, 182 * DAY },
  { UNIT_YEARS, 1, 365 * DAY }, { UNIT_YEARS, 2, 730 * DAY }, { UNIT_YEARS, 5, 1826 * DAY },
  { UNIT_YEARS, 10, 3652 * DAY }, { UNIT_YEARS, 50, 18262 * DAY }, { UNIT_YEARS, 100, 36524 * DAY },
};

static GDateTime *
local_time (gint64     unix_s,
            GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_s);

  return utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
}

/* The first candidate at or before @from, on a boundary of the step. */
static GDateTime *
first_candidate (GDateTime *start,
                 GTimeZone *tz,
                 guint      i)
{
  int y = g_date_time_get_year (start);
  int m = g_date_time_get_month (start);
  int d = g_date_time_get_day_of_month (start);
  gint64 secs;

  switch (steps[i].unit)
    {
    case UNIT_SECONDS:
      secs = g_date_time_get_hour (start) * HOUR + g_date_time_get_minute (start) * MINUTE +
             g_date_time_get_second (start);
      secs -= secs % steps[i].count;
      return g_date_time_new (tz, y, m, d, secs / HOUR, secs / MINUTE % 60, secs % 60);
    case UNIT_DAYS:
      /* Even days of the year for two-day steps. */
      d -= (g_date_time_get_day_of_year (start) - 1) % steps[i].count;
      return g_date_time_new (tz, y, m, MAX (d, 1), 0, 0, 0);
    case UNIT_WEEKS:
      {
        g_autoptr(GDateTime) day = g_date_time_new (tz, y, m, d, 0, 0, 0);

        return g_date_time_add_days (day, -(g_date_time_get_day_of_week (day) - 1));
      }
    case UNIT_MONTHS:
      return g_date_time_new (tz, y, m - (m - 1) % steps[i].count, 1, 0, 0, 0);
    case UNIT_YEARS:
    default:
      return g_date_time_new (tz, MAX (y - y % steps[i].count, 1), 1, 1, 0, 0, 0);
    }
}

/* The next candidate, stepping on the wall clock so that 06:00 stays
 * 06:00 across a daylight-saving change. */
static GDateTime *
next_candidate (GDateTime *dt,
                guint      i)
{
  switch (steps[i].unit)
    {
    case UNIT_SECONDS:
      {
        gint64 secs = g_date_time_get_hour (dt) * HOUR + g_date_time_get_minute (dt) * MINUTE +
                      g_date_time_get_second (dt) + steps[i].count;
        g_autoptr(GDateTime) day = g_date_time_new (g_date_time_get_timezone (dt),
                                                    g_date_time_get_year (dt),
                                                    g_date_time_get_month (dt),
                                                    g_date_time_get_day_of_month (dt), 0, 0, 0);

        /* Midnight is always a tick, whatever the step. */
        if (secs >= DAY)
          return g_date_time_add_days (day, 1);
        return g_date_time_new (g_date_time_get_timezone (dt), g_date_time_get_year (dt),
                                g_date_time_get_month (dt), g_date_time_get_day_of_month (dt),
                                secs / HOUR, secs / MINUTE % 60, secs % 60);
      }
    case UNIT_DAYS:
      return g_date_time_add_days (dt, steps[i].count);
    case UNIT_WEEKS:
      return g_date_time_add_weeks (dt, steps[i].count);
    case UNIT_MONTHS:
      return g_date_time_add_months (dt, steps[i].count);
    case UNIT_YEARS:
    default:
      return g_date_time_add_years (dt, steps[i].count);
    }
}

static TallyTimeFormat
label_format (GDateTime *dt,
              guint      i)
{
  gboolean midnight = g_date_time_get_hour (dt) == 0 && g_date_time_get_minute (dt) == 0 &&
                      g_date_time_get_second (dt) == 0;

  switch (steps[i].unit)
    {
    case UNIT_SECONDS:
      if (midnight)
        return TALLY_TIME_FORMAT_WEEKDAY_DAY;
      return steps[i].count < MINUTE ? TALLY_TIME_FORMAT_TIME_SECONDS : TALLY_TIME_FORMAT_TIME;
    case UNIT_DAYS:
      return g_date_time_get_day_of_month (dt) == 1 ? TALLY_TIME_FORMAT_MONTH_DAY
                                                     : TALLY_TIME_FORMAT_WEEKDAY_DAY;
    case UNIT_WEEKS:
      return TALLY_TIME_FORMAT_MONTH_DAY;
    case UNIT_MONTHS:
      return g_date_time_get_month (dt) == 1 ? TALLY_TIME_FORMAT_MONTH_YEAR
                                             : TALLY_TIME_FORMAT_MONTH;
    case UNIT_YEARS:
    default:
      return TALLY_TIME_FORMAT_YEAR;
    }
}

static guint
pick_step (gint64 span,
           guint  max_ticks)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (span / steps[i].seconds < max_ticks)
        return i;
    }

  return G_N_ELEMENTS (steps) - 1;
}

/* Ticks within [@from, @to], at most @max_ticks of them, in @tz (the
 * local zone when NULL). Clear @ticks with tally_time_ticks_clear(). */
void
tally_time_ticks_compute (gint64          from,
                          gint64          to,
                          guint           max_ticks,
                          GTimeZone      *tz,
                          gboolean        clock_12h,
                          TallyTimeTicks *ticks)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) dt = NULL;
  gint64 last = G_MININT64;
  guint i;

  g_return_if_fail (ticks != NULL);

  *ticks = (TallyTimeTicks) { 0 };
  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  if (to < from || (start = local_time (from, tz)) == NULL)
    return;

  max_ticks = CLAMP (max_ticks, 1, TALLY_TIME_AXIS_MAX_TICKS);
  i = pick_step (to - from, max_ticks);
  ticks->step = steps[i].seconds;
  dt = first_candidate (start, tz, i);

  while (dt != NULL && ticks->n_ticks < max_ticks)
    {
      gint64 t = g_date_time_to_unix (dt);
      GDateTime *next;

      if (t > to)
        break;
      if (t >= from && t > last)
        {
          ticks->ticks[ticks->n_ticks] = t;
          ticks->labels[ticks->n_ticks] = tally_format_time (t, tz, label_format (dt, i), clock_12h);
          ticks->n_ticks++;
          last = t;
        }
      next = next_candidate (dt, i);
      g_date_time_unref (dt);
      dt = next;
    }
}

void
tally_time_ticks_clear (TallyTimeTicks *ticks)
{
  g_return_if_fail (ticks != NULL);

  for (guint i = 0; i < ticks->n_ticks; i++)
    g_clear_pointer (&ticks->labels[i], g_free);
  ticks->n_ticks = 0;
}
