/* tally-time-range.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Dashboards keep their time range as Grafana writes it (`now-6h`,
 * `now-1M/M`, RFC 3339); this turns it into Unix seconds and cuts a range
 * into the buckets every source and the store aggregate into. Days, weeks
 * and months are calendar units of the dashboard's time zone, so a day
 * bucket is 23 or 25 hours long on a DST change; seconds, minutes and hours
 * are exact. docs/time-ranges.md states the rules this file implements.
 *
 * GTimeZone answers "which offset at this instant"; everything else is done
 * on "local seconds" (wall-clock seconds since 1970-01-01 00:00 local) and
 * GDate, which keeps the DST rules in one place: local_to_unix(). */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-error.h"
#include "tally-time-range.h"

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

TallyTimeRange *
tally_time_range_new (gint64     from,
                      gint64     to,
                      gint64     now,
                      GTimeZone *tz)
{
  TallyTimeRange *range = g_new0 (TallyTimeRange, 1);

  range->from = from;
  range->to = to;
  range->now = now;
  range->tz = tz ? g_time_zone_ref (tz) : g_time_zone_new_utc ();
  return range;
}

TallyTimeRange *
tally_time_range_copy (const TallyTimeRange *range)
{
  g_return_val_if_fail (range != NULL, NULL);

  return tally_time_range_new (range->from, range->to, range->now, range->tz);
}

void
tally_time_range_free (TallyTimeRange *range)
{
  if (range == NULL)
    return;

  g_time_zone_unref (range->tz);
  g_free (range);
}

/* The period of equal length just before, for "compared with the previous
 * period" figures. */
TallyTimeRange *
tally_time_range_get_previous (const TallyTimeRange *range)
{
  gint64 length;

  g_return_val_if_fail (range != NULL, NULL);

  length = range->to - range->from;
  return tally_time_range_new (range->from - length, range->from, range->now, range->tz);
}

/* Calendar helpers */

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

static gint32
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

static gboolean
day_in_range (gint64 day)
{
  return day >= MIN_DAY && day <= MAX_DAY;
}

static void
day_to_date (gint64  day,
             GDate  *date)
{
  g_assert (day_in_range (day));
  g_date_clear (date, 1);
  g_date_set_julian (date, (guint32) (day + EPOCH_JULIAN));
}

static gint64
date_to_day (const GDate *date)
{
  return (gint64) g_date_get_julian (date) - EPOCH_JULIAN;
}

/* The instant the wall clock reads @local. A reading that happens twice
 * (clocks going back) gives the one with @prefer_offset, else the earlier;
 * a reading that never happens (clocks going forward) is read with the
 * offset from before the change, so 02:30 in a 02:00→03:00 gap is 03:30,
 * as JavaScript and moment.js (so Grafana) do. */
static gint64
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
static gint64
day_start (GTimeZone *tz,
           gint64     day)
{
  return local_to_unix (tz, day * DAY_S, EARLIEST);
}

/* Local months are numbered year × 12 + month − 1, for month arithmetic. */
static gint64
month_of (const GDate *date)
{
  return (gint64) g_date_get_year (date) * 12 + g_date_get_month (date) - 1;
}

static gboolean
month_in_range (gint64 month)
{
  return month >= 12 && month < 10000 * 12;
}

/* Day @day_of_month of @month, or its last day if it is shorter. */
static gint64
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

/* Point expressions */

/* Every message starts with the expression in quotes, so a user sees which
 * of `from` and `to` is wrong. */
static G_GNUC_PRINTF (3, 4) gboolean
fail (GError     **error,
      const char  *expression,
      const char  *format,
      ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: an invalid time such as “now-5x”, then what is wrong with it */
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("“%s”: %s"), expression, reason);
  return FALSE;
}

static gboolean
in_range (gint64 unix_s)
{
  return unix_s >= MIN_UNIX && unix_s <= MAX_UNIX;
}

/* Adds @amount calendar days, weeks, months or years, keeping the local
 * time of day; months clamp to the month's end (Mar 31 − 1M = Feb 28). */
static gboolean
add_calendar (GTimeZone *tz,
              gint64    *unix_s,
              char       unit,
              gint64     amount)
{
  gint32 offset = offset_at (tz, *unix_s);
  gint64 local = *unix_s + offset;
  gint64 day = floor_div (local, DAY_S);
  gint64 time_of_day = local - day * DAY_S;

  if (!day_in_range (day))
    return FALSE;
  if (unit == 'd' || unit == 'w')
    {
      day += unit == 'w' ? 7 * amount : amount;
    }
  else
    {
      GDate date;
      gint64 month;

      day_to_date (day, &date);
      month = month_of (&date) + (unit == 'y' ? 12 * amount : amount);
      if (!month_in_range (month))
        return FALSE;
      day = month_day (month, g_date_get_day (&date));
    }

  if (!day_in_range (day))
    return FALSE;
  *unix_s = local_to_unix (tz, day * DAY_S + time_of_day, offset);
  return in_range (*unix_s);
}

static gint64
unit_seconds (char unit)
{
  switch (unit)
    {
    case 's': return 1;
    case 'm': return 60;
    case 'h': return 3600;
    default: return 0;
    }
}

/* The start of the local @unit that holds @unix_s, or with @up the start
 * of the next one: `to` ends where the rounded unit ends. */
static gboolean
round_to_unit (GTimeZone *tz,
               gint64    *unix_s,
               char       unit,
               gboolean   up)
{
  gint64 size = unit_seconds (unit);
  gint64 day;
  GDate date;

  /* Local hours and minutes, exactly, even at +05:30. */
  if (size > 0)
    {
      *unix_s -= floor_mod (to_local (tz, *unix_s), size);
      *unix_s += up ? size : 0;
      return in_range (*unix_s);
    }

  day = floor_div (to_local (tz, *unix_s), DAY_S);
  if (!day_in_range (day))
    return FALSE;
  day_to_date (day, &date);
  if (unit == 'w')
    day -= g_date_get_weekday (&date) - G_DATE_MONDAY;

  if (unit == 'd' || unit == 'w')
    {
      day += up ? (unit == 'w' ? 7 : 1) : 0;
      if (!day_in_range (day))
        return FALSE;
      *unix_s = day_start (tz, day);
    }
  else
    {
      gint64 month = month_of (&date);

      if (unit == 'y')
        month -= month % 12;
      month += up ? (unit == 'y' ? 12 : 1) : 0;
      if (!month_in_range (month))
        return FALSE;
      *unix_s = day_start (tz, month_day (month, 1));
    }

  return in_range (*unix_s);
}

static const char *
skip_spaces (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  return p;
}

/* The next character of @p as a string, for quoting in a message. */
static char *
next_char (const char *p)
{
  return g_strndup (p, g_utf8_next_char (p) - p);
}

/* Reads digits into @amount; FALSE only when there are too many. */
static gboolean
read_amount (const char **p,
             gint64      *amount,
             gboolean    *has_amount)
{
  const char *start = *p;

  *amount = 0;
  while (g_ascii_isdigit (**p))
    {
      *amount = *amount * 10 + (**p - '0');
      (*p)++;
      if (*amount > MAX_AMOUNT)
        return FALSE;
    }
  *has_amount = *p > start;
  if (!*has_amount)
    *amount = 1;
  return TRUE;
}

/* One `+N<unit>`, `-N<unit>` or `/<unit>` step of a `now` expression. */
static gboolean
apply_step (const char  *expression,
            const char **p,
            GTimeZone   *tz,
            gboolean     round_up,
            gint64      *unix_s,
            GError     **error)
{
  const char *op = *p;
  g_autofree char *unit = NULL;
  g_autofree char *step = NULL;
  gboolean has_amount;
  gint64 amount;
  gboolean ok;

  if (*op != '+' && *op != '-' && *op != '/')
    return fail (error, expression, _("expected +, - or / at “%s”"), op);

  *p = skip_spaces (op + 1);
  if (!read_amount (p, &amount, &has_amount))
    return fail (error, expression, _("the number is too large"));
  if (*op == '/' && has_amount)
    return fail (error, expression, _("rounding takes a unit alone, as in “now/d”"));

  step = g_strstrip (g_strndup (op, *p - op));
  *p = skip_spaces (*p);
  if (**p == '.' || **p == ',')
    return fail (error, expression, _("use whole numbers, as in “90m” rather than “1.5h”"));
  if (**p == '\0')
    return fail (error, expression, _("missing unit after “%s” (use s, m, h, d, w, M or y)"),
                 step);

  unit = next_char (*p);
  if (strchr ("smhdwMy", **p) == NULL || unit[1] != '\0')
    return fail (error, expression, _("unknown unit “%s” (use s, m, h, d, w, M or y)"), unit);
  *p += 1;

  if (*op == '-')
    amount = -amount;
  if (*op == '/')
    {
      ok = round_to_unit (tz, unix_s, *unit, round_up);
    }
  else if (unit_seconds (*unit) > 0)
    {
      *unix_s += amount * unit_seconds (*unit);
      ok = in_range (*unix_s);
    }
  else
    {
      ok = add_calendar (tz, unix_s, *unit, amount);
    }

  if (!ok)
    return fail (error, expression, _("out of range (years 1 to 9999)"));
  return TRUE;
}

static gboolean
parse_now (const char  *expression,
           const char  *p,
           GDateTime   *now,
           gboolean     round_up,
           gint64      *unix_s,
           int         *usec,
           GError     **error)
{
  GTimeZone *tz = g_date_time_get_timezone (now);

  *unix_s = g_date_time_to_unix (now);
  *usec = g_date_time_get_microsecond (now);

  for (p = skip_spaces (p); *p != '\0'; p = skip_spaces (p))
    {
      /* Rounding is to whole seconds or coarser. */
      if (*p == '/')
        *usec = 0;
      if (!apply_step (expression, &p, tz, round_up, unix_s, error))
        return FALSE;
    }

  return TRUE;
}

/* Absolute times */

/* Whether @p starts with @pattern, where 'd' stands for any digit. */
static gboolean
matches (const char *p,
         const char *pattern)
{
  for (; *pattern != '\0'; p++, pattern++)
    if (*pattern == 'd' ? !g_ascii_isdigit (*p) : *p != *pattern)
      return FALSE;
  return TRUE;
}

static int
number (const char *p,
        guint       n_digits)
{
  int value = 0;

  while (n_digits-- > 0)
    value = value * 10 + (*p++ - '0');
  return value;
}

/* After a date: [Tt ]HH:MM[:SS[.fraction]] then Z, ±HH:MM, ±HHMM, ±HH or
 * nothing (the dashboard's zone). Seconds since midnight, FALSE if bad. */
static gboolean
read_time (const char *p,
           gint64     *seconds,
           int        *usec,
           gboolean   *has_zone,
           gint64     *offset)
{
  int sign;

  if ((*p != 'T' && *p != 't' && *p != ' ') || !matches (++p, "dd:dd") ||
      number (p, 2) > 23 || number (p + 3, 2) > 59)
    return FALSE;
  *seconds = number (p, 2) * 3600 + number (p + 3, 2) * 60;
  p += 5;
  if (matches (p, ":dd") && number (p + 1, 2) <= 60)
    {
      /* A leap second reads as the last second of its minute. */
      *seconds += MIN (number (p + 1, 2), 59);
      p += 3;
      if ((*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
        for (int scale = 100000; g_ascii_isdigit (*++p); scale /= 10)
          *usec += (*p - '0') * scale;
    }

  *has_zone = *p != '\0';
  *offset = 0;
  if (*p == 'Z' || *p == 'z')
    return p[1] == '\0';
  if (*p == '\0')
    return TRUE;
  if ((*p != '+' && *p != '-') || !matches (++p, "dd") || number (p, 2) > 23)
    return FALSE;

  sign = p[-1] == '-' ? -1 : 1;
  *offset = number (p, 2) * 3600;
  p += 2;
  if (*p == ':' && p[1] != '\0')
    p++;
  if (matches (p, "dd") && number (p, 2) <= 59)
    {
      *offset += number (p, 2) * 60;
      p += 2;
    }
  *offset *= sign;
  return *p == '\0';
}

static gboolean
fail_usage (GError     **error,
            const char  *expression)
{
  return fail (error, expression,
               _("not a valid time (use now-6h, now/d, 2026-11-23, 2026-11-23T10:00:00Z "
                 "or Unix seconds)"));
}

/* 2026-11-23 (a whole local day) or RFC 3339, also with a space for the T
 * and without seconds or zone: what people paste. */
static gboolean
parse_date_time (const char  *expression,
                 const char  *text,
                 GTimeZone   *tz,
                 gboolean     round_up,
                 gint64      *unix_s,
                 int         *usec,
                 GError     **error)
{
  int year = number (text, 4), month = number (text + 5, 2), day = number (text + 8, 2);
  gint64 seconds, offset;
  gboolean has_zone;
  GDate date;

  if (!g_date_valid_dmy (day, month, year))
    return fail (error, expression, _("not a valid date"));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  if (text[10] == '\0')
    {
      *unix_s = day_start (tz, date_to_day (&date) + (round_up ? 1 : 0));
    }
  else
    {
      if (!read_time (text + 10, &seconds, usec, &has_zone, &offset))
        return fail_usage (error, expression);
      seconds += date_to_day (&date) * DAY_S;
      *unix_s = has_zone ? seconds - offset : local_to_unix (tz, seconds, EARLIEST);
    }

  if (!in_range (*unix_s))
    return fail (error, expression, _("out of range (years 1 to 9999)"));
  return TRUE;
}

static gboolean
parse_absolute (const char  *expression,
                const char  *text,
                GTimeZone   *tz,
                gboolean     round_up,
                gint64      *unix_s,
                int         *usec,
                GError     **error)
{
  const char *p = text;

  *usec = 0;
  while (g_ascii_isdigit (*p))
    p++;

  if (*p == '\0' && p > text)
    {
      guint64 value;

      if (p - text > 12 || !g_ascii_string_to_unsigned (text, 10, 0, MAX_UNIX, &value, NULL))
        return fail (error, expression,
                     _("out of range (Unix time is in seconds, not milliseconds)"));
      *unix_s = (gint64) value;
      return TRUE;
    }

  if (matches (text, "dddd-dd-dd"))
    return parse_date_time (expression, text, tz, round_up, unix_s, usec, error);
  return fail_usage (error, expression);
}

/**
 * tally_time_parse_point:
 * @expression: `now-6h`, `now/d`, `2026-11-23`, RFC 3339 or Unix seconds
 * @now: the moment `now` stands for; its time zone is the dashboard's
 * @round_up: whether this is a range's end: `/unit` then rounds to the end
 *   of the unit, a date means the end of that day, and a fraction of a
 *   second counts as the whole second
 * @unix_seconds: (out) (optional): the result
 *
 * Resolves one end of a time range. docs/time-ranges.md has the syntax.
 */
gboolean
tally_time_parse_point (const char  *expression,
                        GDateTime   *now,
                        gboolean     round_up,
                        gint64      *unix_seconds,
                        GError     **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *text = NULL;
  gint64 result = 0;
  int usec = 0;
  gboolean ok;

  g_return_val_if_fail (expression != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  quoted = g_utf8_make_valid (expression, -1);
  if (!g_utf8_validate (expression, -1, NULL))
    return fail (error, quoted, _("not valid UTF-8"));

  text = g_strstrip (g_strdup (expression));
  if (*text == '\0')
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("the time is empty"));
      return FALSE;
    }

  if (g_str_has_prefix (text, "now"))
    ok = parse_now (quoted, text + 3, now, round_up, &result, &usec, error);
  else
    ok = parse_absolute (quoted, text, g_date_time_get_timezone (now), round_up, &result, &usec,
                         error);
  if (!ok)
    return FALSE;

  /* Whole seconds that still cover the instant written. */
  if (round_up && usec > 0)
    result++;
  if (unix_seconds != NULL)
    *unix_seconds = result;
  return TRUE;
}

/**
 * tally_time_range_parse:
 * @from: where the range starts, e.g. `now-24h`
 * @to: where it ends (exclusive), e.g. `now`
 * @now: the moment `now` stands for, in the dashboard's time zone
 *
 * Returns: (transfer full): the range, or %NULL with @error set
 */
TallyTimeRange *
tally_time_range_parse (const char  *from,
                        const char  *to,
                        GDateTime   *now,
                        GError     **error)
{
  gint64 from_s, to_s;

  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (to != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!tally_time_parse_point (from, now, FALSE, &from_s, error) ||
      !tally_time_parse_point (to, now, TRUE, &to_s, error))
    return NULL;

  if (from_s >= to_s)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("the range is empty: “%s” is not before “%s”"), from, to);
      return NULL;
    }

  return tally_time_range_new (from_s, to_s, g_date_time_to_unix (now),
                               g_date_time_get_timezone (now));
}

/* Intervals */

static const struct
{
  char   unit;
  gint64 seconds;
} interval_units[] = {
  { 'M', MONTH_S }, { 'w', WEEK_S }, { 'd', DAY_S }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 },
};

static gint64
interval_unit_seconds (char unit)
{
  for (guint i = 0; i < G_N_ELEMENTS (interval_units); i++)
    if (interval_units[i].unit == unit)
      return interval_units[i].seconds;
  return 0;
}

/**
 * tally_time_parse_interval:
 * @text: `90s`, `5m`, `1h`, `1d`, `1w`, `1M`, a sum such as `1h30m`, or
 *   plain seconds
 * @interval_s: (out): the bucket width in seconds; `1M` is 2592000 and
 *   means a calendar month when bucketing
 */
gboolean
tally_time_parse_interval (const char  *text,
                           gint64      *interval_s,
                           GError     **error)
{
  g_autofree char *copy = NULL;
  const char *p;
  gint64 total = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (interval_s != NULL, FALSE);

  copy = g_strstrip (g_utf8_make_valid (text, -1));
  if (*copy == '\0')
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("the interval is empty"));
      return FALSE;
    }

  for (p = copy; *p != '\0';)
    {
      g_autofree char *unit = NULL;
      const char *start = p;
      gboolean has_amount;
      gint64 amount;

      if (!read_amount (&p, &amount, &has_amount))
        return fail (error, copy, _("too long"));
      if (!has_amount)
        return fail (error, copy, _("a number must come before the unit, as in “5m”"));
      /* Plain seconds, as Prometheus' step takes them. */
      if (*p == '\0' && start == copy)
        {
          total = amount;
          break;
        }
      if (*p == '.' || *p == ',')
        return fail (error, copy, _("use whole numbers, as in “90m” rather than “1.5h”"));
      if (*p == '\0')
        return fail (error, copy, _("missing unit at the end (use s, m, h, d, w or M)"));

      unit = next_char (p);
      if (unit[1] != '\0' || interval_unit_seconds (*p) == 0)
        return fail (error, copy, _("unknown unit “%s” (use s, m, h, d, w or M)"), unit);
      total += amount * interval_unit_seconds (*p++);
      if (total > MAX_INTERVAL)
        return fail (error, copy, _("too long"));
    }

  if (total <= 0)
    return fail (error, copy, _("must be longer than zero"));

  *interval_s = total;
  return TRUE;
}

/**
 * tally_time_format_interval:
 *
 * The inverse of tally_time_parse_interval(), in the largest unit that
 * divides @interval_s: `1h`, `90m`, `1w`, `1M`.
 */
char *
tally_time_format_interval (gint64 interval_s)
{
  for (guint i = 0; interval_s > 0 && i < G_N_ELEMENTS (interval_units); i++)
    if (interval_s % interval_units[i].seconds == 0)
      return g_strdup_printf ("%" G_GINT64_FORMAT "%c", interval_s / interval_units[i].seconds,
                              interval_units[i].unit);

  return g_strdup_printf ("%" G_GINT64_FORMAT "s", interval_s);
}

/* Buckets */

/* Buckets of a fixed width in local time: a bucket starts where the wall
 * clock reaches a multiple of the width (counted from @anchor), and where
 * a DST change makes the wall clock jump into another bucket or back onto
 * a multiple (a repeated hour is a bucket of its own). */
typedef struct
{
  GTimeZone *tz;
  gint64     width;
  gint64     anchor;
} Grid;

static inline gint64
grid_index (const Grid *grid,
            gint64      local)
{
  return floor_div (local - grid->anchor, grid->width);
}

/* The first instant after @lo where the offset is no longer @offset,
 * knowing it has changed by @hi. */
static gint64
find_offset_change (GTimeZone *tz,
                    gint64     lo,
                    gint64     hi,
                    gint32     offset)
{
  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (offset_at (tz, mid) == offset)
        lo = mid;
      else
        hi = mid;
    }
  return hi;
}

static gint64
grid_next (const Grid *grid,
           gint64      after)
{
  gint64 u = after;

  for (;;)
    {
      gint32 offset = offset_at (grid->tz, u);
      gint64 index = grid_index (grid, u + offset);
      gint64 next = (index + 1) * grid->width + grid->anchor - offset;
      gint64 change, local;

      if (offset_at (grid->tz, next) == offset)
        return next;

      change = find_offset_change (grid->tz, u, next, offset);
      local = to_local (grid->tz, change);
      if (grid_index (grid, local) != index || floor_mod (local - grid->anchor, grid->width) == 0)
        return change;
      u = change;
    }
}

/* The start of the bucket that holds @at. */
static gint64
grid_start (const Grid *grid,
            gint64      at)
{
  gint32 offset = offset_at (grid->tz, at);
  gint64 start = grid_index (grid, at + offset) * grid->width + grid->anchor - offset;
  gint64 b, next;

  if (offset_at (grid->tz, start) == offset)
    return start;

  /* The offset changed inside this bucket: walk up to @at from well before. */
  b = grid_next (grid, at - grid->width - 2 * DAY_S);
  if (b > at)
    return start;
  while ((next = grid_next (grid, b)) <= at)
    b = next;
  return b;
}

static void
append_month_buckets (GArray               *buckets,
                      const TallyTimeRange *range,
                      gint64                months)
{
  gint64 day = floor_div (to_local (range->tz, range->from), DAY_S);
  gint64 month;
  GDate date;

  day_to_date (CLAMP (day, MIN_DAY, MAX_DAY), &date);
  month = MAX (floor_div (month_of (&date), months) * months, 12);

  for (; month_in_range (month); month += months)
    {
      gint64 start = day_start (range->tz, month_day (month, 1));

      if (start >= range->to)
        break;
      g_array_append_val (buckets, start);
    }
}

/**
 * tally_time_range_get_buckets:
 * @interval_s: the bucket width; whole multiples of 30 days (`1M`) are
 *   calendar months, multiples of a week start on Mondays, and everything
 *   else is aligned to multiples of @interval_s in local wall-clock time
 *   (so whole days start at local midnight)
 *
 * Returns: (transfer full): the bucket starts, Unix seconds: the first at
 *   or before @range's from, the last before its to; empty when the range
 *   is. The caller keeps (to − from) / interval_s reasonable.
 */
GArray *
tally_time_range_get_buckets (const TallyTimeRange *range,
                              gint64                interval_s)
{
  GArray *buckets;
  Grid grid;

  g_return_val_if_fail (range != NULL, NULL);
  g_return_val_if_fail (interval_s > 0, NULL);

  buckets = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (range->from >= range->to)
    return buckets;

  if (interval_s % MONTH_S == 0)
    {
      append_month_buckets (buckets, range, interval_s / MONTH_S);
      return buckets;
    }

  grid.tz = range->tz;
  grid.width = interval_s;
  grid.anchor = interval_s % WEEK_S == 0 ? MONDAY_ANCHOR : 0;
  for (gint64 t = grid_start (&grid, range->from); t < range->to; t = grid_next (&grid, t))
    g_array_append_val (buckets, t);

  return buckets;
}

/* What an automatic interval snaps to; past a year, whole years in 1-2-5
 * steps (only spans of centuries get there). */
static const gint64 auto_steps[] = {
  60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
  DAY_S, WEEK_S, MONTH_S, 3 * MONTH_S, 6 * MONTH_S, 12 * MONTH_S,
};

static gint64
auto_step (guint i)
{
  static const int mantissa[] = { 1, 2, 5 };
  gint64 years = 1;

  if (i < G_N_ELEMENTS (auto_steps))
    return auto_steps[i];

  i -= G_N_ELEMENTS (auto_steps) - 1;
  for (guint j = 0; j < i / 3; j++)
    years *= 10;
  return mantissa[i % 3] * years * 12 * MONTH_S;
}

/* Whether @step cuts @range into at most TALLY_MAX_BUCKETS buckets. Only
 * near the limit are they counted: misalignment, 23-hour days and short
 * months can add one or two. */
static gboolean
fits (const TallyTimeRange *range,
      gint64                step)
{
  g_autoptr(GArray) buckets = NULL;

  if ((range->to - range->from) / step < TALLY_MAX_BUCKETS - 64)
    return TRUE;

  buckets = tally_time_range_get_buckets (range, step);
  return buckets->len <= TALLY_MAX_BUCKETS;
}

/**
 * tally_time_range_auto_interval:
 * @width_px: the plot's width, or 0 for TALLY_DEFAULT_WIDTH_PX
 *
 * About one bucket per two pixels, never more than TALLY_MAX_BUCKETS:
 * the smallest step of 1m, 2m, 5m, 10m, 15m, 30m, 1h, 2h, 3h, 6h, 12h,
 * 1d, 1w, 1M that is at least max(span / (width / 2), span / 2000).
 */
gint64
tally_time_range_auto_interval (const TallyTimeRange *range,
                                guint                 width_px)
{
  double span, need;

  g_return_val_if_fail (range != NULL, TALLY_INTERVAL_MIN);

  span = (double) MAX (range->to - range->from, 0);
  need = MAX (span * 2.0 / (width_px > 0 ? width_px : TALLY_DEFAULT_WIDTH_PX),
              span / TALLY_MAX_BUCKETS);

  for (guint i = 0;; i++)
    {
      gint64 step = auto_step (i);

      if ((double) step >= need && (span == 0 || fits (range, step)))
        return MAX (step, TALLY_INTERVAL_MIN);
    }
}
