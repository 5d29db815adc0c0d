/* tally-time-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The calendar arithmetic shared by parsing time expressions
 * (tally-time-parse.c) and cutting ranges into buckets
 * (tally-time-range.c). GTimeZone answers "which offset at this instant";
 * everything else works on "local seconds" (wall-clock seconds since
 * 1970-01-01 00:00 local) and GDate, which keeps the DST rules in one
 * place: local_to_unix(). */

#pragma once

#include "tally-time-range.h"

G_BEGIN_DECLS

#define DAY_S   ((gint64) 86400)
#define WEEK_S  (7 * DAY_S)
#define MONTH_S (30 * DAY_S)   /* "1M" as a number of seconds; buckets use real months */

/* GDateTime's range, 0001-01-01 to 9999-12-31 UTC, keeps GDate valid too. */
#define MIN_UNIX G_GINT64_CONSTANT (-62135596800)
#define MAX_UNIX G_GINT64_CONSTANT (253402300799)
#define MIN_DAY  (MIN_UNIX / DAY_S)
#define MAX_DAY  (MAX_UNIX / DAY_S)
/* 1970-01-01 as a GDate Julian day. */
#define EPOCH_JULIAN 719163
/* 1970-01-05 was a Monday: weeks are counted from there. */
#define MONDAY_ANCHOR (4 * DAY_S)

/* Longer numbers are typos; this also keeps every product below in range. */
#define MAX_AMOUNT 999999999
/* Intervals beyond ten thousand years cannot fit in any range. */
#define MAX_INTERVAL (G_GINT64_CONSTANT (10000) * 366 * DAY_S)

/* "No preference" for local_to_unix(): the earliest of two readings. */
#define EARLIEST G_MININT32

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static inline gint64
floor_mod (gint64 a,
           gint64 b)
{
  return a - floor_div (a, b) * b;
}

static inline gint32
offset_at (GTimeZone *tz,
           gint64     unix_s)
{
  return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL,
                                                                unix_s));
}

static inline gint64
to_local (GTimeZone *tz,
          gint64     unix_s)
{
  return unix_s + offset_at (tz, unix_s);
}

static inline gboolean
day_in_range (gint64 day)
{
  return day >= MIN_DAY && day <= MAX_DAY;
}

static inline void
day_to_date (gint64  day,
             GDate  *date)
{
  g_assert (day_in_range (day));
  g_date_clear (date, 1);
  g_date_set_julian (date, (guint32) (day + EPOCH_JULIAN));
}

static inline gint64
date_to_day (const GDate *date)
{
  return (gint64) g_date_get_julian (date) - EPOCH_JULIAN;
}

/* The instant the wall clock reads @local. A reading that happens twice
 * (clocks going back) gives the one with @prefer_offset, else the earlier;
 * a reading that never happens (clocks going forward) is read with the
 * offset from before the change, so 02:30 in a 02:00→03:00 gap is 03:30,
 * as JavaScript and moment.js (so Grafana) do. */
static inline gint64
local_to_unix (GTimeZone *tz,
               gint64     local,
               gint32     prefer_offset)
{
  gint32 before = offset_at (tz, local - DAY_S);
  gint32 after = offset_at (tz, local + DAY_S);
  gint64 a = local - before;
  gint64 b = local - after;
  gboolean a_valid = offset_at (tz, a) == before;
  gboolean b_valid = offset_at (tz, b) == after;

  if (a_valid && b_valid)
    {
      if (prefer_offset == before || prefer_offset == after)
        return local - prefer_offset;
      return MIN (a, b);
    }
  if (b_valid)
    return b;
  return a;
}

/* The first instant of local day @day. */
static inline gint64
day_start (GTimeZone *tz,
           gint64     day)
{
  return local_to_unix (tz, day * DAY_S, EARLIEST);
}

/* Local months are numbered year × 12 + month − 1, for month arithmetic. */
static inline gint64
month_of (const GDate *date)
{
  return (gint64) g_date_get_year (date) * 12 + g_date_get_month (date) - 1;
}

static inline gboolean
month_in_range (gint64 month)
{
  return month >= 12 && month < 10000 * 12;
}

/* Day @day_of_month of @month, or its last day if it is shorter. */
static inline gint64
month_day (gint64 month,
           guint  day_of_month)
{
  GDateMonth m = (GDateMonth) (month % 12 + 1);
  GDateYear y = (GDateYear) (month / 12);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) MIN (day_of_month, g_date_get_days_in_month (m, y)), m, y);
  return date_to_day (&date);
}

/* Whether the wall clock shows @unix_s's reading twice (the hour clocks go
 * back over), so a local time alone cannot name it. */
static inline gboolean
local_is_ambiguous (GTimeZone *tz,
                    gint64     unix_s)
{
  gint64 local = to_local (tz, unix_s);
  gint32 before = offset_at (tz, local - DAY_S);
  gint32 after = offset_at (tz, local + DAY_S);

  return before != after && offset_at (tz, local - before) == before &&
         offset_at (tz, local - after) == after;
}

/* The relative shapes that have a name in the filter bar ("Last 6 hours",
 * "Today"), read by tally-time-describe.c for labels and zooming. */
typedef enum
{
  TALLY_TIME_EXPR_OTHER,
  TALLY_TIME_EXPR_NOW,         /* now */
  TALLY_TIME_EXPR_AGO,         /* now-N<unit> */
  TALLY_TIME_EXPR_ROUNDED,     /* now/<unit>, now-N<unit>/<unit> */
} TallyTimeExprKind;

typedef struct
{
  TallyTimeExprKind kind;
  guint             amount;
  char              unit;
} TallyTimeExpr;

TallyTimeExpr tally_time_expr_read (const char *text);

G_END_DECLS
