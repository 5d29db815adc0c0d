/* tally-time-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Dashboards keep their time range as Grafana writes it (`now-6h`,
 * `now-1M/M`, RFC 3339) and their intervals as `5m` or `1h`; this turns
 * both into Unix seconds. Days, weeks and months are calendar units of the
 * dashboard's time zone; seconds, minutes and hours are exact.
 * docs/time-ranges.md states the rules this file implements. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-error.h"
#include "tally-time-private.h"

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
