/* tally-time-describe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The short label a time range shows in the filter bar: "Last 24 hours",
 * "Today", "Previous week" for the ranges people pick from a list, and a
 * compact local date and time ("Nov 3, 10:00 – Nov 5, 12:00") for the
 * ranges they type or zoom into. A label is for reading, not for parsing
 * back: the expressions stay the truth. docs/filters.md lists every form. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-time-describe.h"
#include "tally-time-private.h"

/* Reads the few relative shapes that have a name; anything else (a chain
 * of steps, rounding to another unit, a date) is OTHER. Spaces
 * between steps are allowed, as the parser allows them. */
TallyTimeExpr
tally_time_expr_read (const char *text)
{
  TallyTimeExpr expr = { TALLY_TIME_EXPR_OTHER, 0, 0 };
  g_autoptr(GString) s = g_string_new (NULL);
  const char *p;

  for (p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
  if (!g_str_has_prefix (s->str, "now"))
    return expr;

  p = s->str + strlen ("now");
  if (*p == '\0')
    return (TallyTimeExpr) { TALLY_TIME_EXPR_NOW, 0, 0 };

  if (*p == '-')
    {
      guint64 amount = 1;
      char *end = (char *) ++p;

      if (g_ascii_isdigit (*p))
        amount = g_ascii_strtoull (p, &end, 10);
      if (amount == 0 || amount > MAX_AMOUNT || *end == '\0' || strchr ("smhdwMy", *end) == NULL)
        return expr;
      expr = (TallyTimeExpr) { TALLY_TIME_EXPR_AGO, (guint) amount, *end };
      p = end + 1;
      if (*p == '\0')
        return expr;
    }

  if (p[0] == '/' && p[1] != '\0' && p[2] == '\0' && strchr ("smhdwMy", p[1]) != NULL &&
      (expr.kind == TALLY_TIME_EXPR_OTHER || expr.unit == p[1]))
    return (TallyTimeExpr) { TALLY_TIME_EXPR_ROUNDED, expr.amount, p[1] };

  return (TallyTimeExpr) { TALLY_TIME_EXPR_OTHER, 0, 0 };
}

static char *
describe_last (guint n,
               char  unit)
{
  /* One of a unit reads better without the number. "Last week" is the
   * last seven days; the calendar week before this one is "Previous week". */
  if (n == 1)
    {
      switch (unit)
        {
        case 's': return g_strdup (_("Last second"));
        case 'm': return g_strdup (_("Last minute"));
        case 'h': return g_strdup (_("Last hour"));
        case 'd': return g_strdup (_("Last day"));
        case 'w': return g_strdup (_("Last week"));
        case 'M': return g_strdup (_("Last month"));
        default:  return g_strdup (_("Last year"));
        }
    }

  switch (unit)
    {
    case 's': return g_strdup_printf (ngettext ("Last %u second", "Last %u seconds", n), n);
    case 'm': return g_strdup_printf (ngettext ("Last %u minute", "Last %u minutes", n), n);
    case 'h': return g_strdup_printf (ngettext ("Last %u hour", "Last %u hours", n), n);
    case 'd': return g_strdup_printf (ngettext ("Last %u day", "Last %u days", n), n);
    case 'w': return g_strdup_printf (ngettext ("Last %u week", "Last %u weeks", n), n);
    case 'M': return g_strdup_printf (ngettext ("Last %u month", "Last %u months", n), n);
    default:  return g_strdup_printf (ngettext ("Last %u year", "Last %u years", n), n);
    }
}

/* Whole calendar units, as Grafana names them. */
static const char *
describe_rounded (const TallyTimeExpr *from,
                  const TallyTimeExpr *to)
{
  static const struct
  {
    char        unit;
    const char *whole;         /* now/u to now/u */
    const char *so_far;        /* now/u to now */
    const char *previous;      /* now-1u/u to now-1u/u */
  } names[] = {
    { 'd', N_("Today"), N_("Today so far"), N_("Yesterday") },
    { 'w', N_("This week"), N_("This week so far"), N_("Previous week") },
    { 'M', N_("This month"), N_("This month so far"), N_("Previous month") },
    { 'y', N_("This year"), N_("This year so far"), N_("Previous year") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (from->unit != names[i].unit)
        continue;
      if (to->kind == TALLY_TIME_EXPR_NOW && from->amount == 0)
        return _(names[i].so_far);
      if (to->kind != TALLY_TIME_EXPR_ROUNDED || to->unit != from->unit || to->amount != from->amount)
        return NULL;
      if (from->amount == 0)
        return _(names[i].whole);
      if (from->amount == 1)
        return _(names[i].previous);
      if (from->amount == 2 && from->unit == 'd')
        return _("Day before yesterday");
      return NULL;
    }

  return NULL;
}

static gboolean
is_day_start (GTimeZone *tz,
              gint64     unix_s)
{
  gint64 day = floor_div (to_local (tz, unix_s), DAY_S);

  return day_in_range (day) && day_start (tz, day) == unix_s;
}

static char *
format_date (GDateTime *dt,
             gboolean   year)
{
  /* TRANSLATORS: a day in a time range label, as in “Nov 3”; see g_date_time_format() */
  return g_date_time_format (dt, year ? _("%b %-d, %Y") : _("%b %-d"));
}

static char *
format_time (GDateTime *dt,
             gboolean   seconds)
{
  GTimeZone *tz = g_date_time_get_timezone (dt);
  g_autofree char *time = NULL;
  g_autofree char *zone = NULL;

  /* TRANSLATORS: a time of day in a time range label; see g_date_time_format() */
  time = g_date_time_format (dt, seconds ? _("%H:%M:%S") : _("%H:%M"));
  if (!local_is_ambiguous (tz, g_date_time_to_unix (dt)))
    return g_steal_pointer (&time);

  zone = g_date_time_format (dt, "%Z");
  /* TRANSLATORS: a time of day, then its time zone, as in “02:30 CEST” */
  return g_strdup_printf (_("%s %s"), time, zone);
}

static char *
format_date_time (GDateTime *dt,
                  gboolean   year,
                  gboolean   seconds)
{
  g_autofree char *date = format_date (dt, year);
  g_autofree char *time = format_time (dt, seconds);

  /* TRANSLATORS: a day, then a time of day, as in “Nov 3, 10:00” */
  return g_strdup_printf (_("%s, %s"), date, time);
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

static char *
join_range (char *left,
            char *right)
{
  g_autofree char *a = left;
  g_autofree char *b = right;

  /* TRANSLATORS: the start and end of a time range, as in “Nov 3 – Nov 5” */
  return g_strdup_printf (_("%s – %s"), a, b);
}

/* Whole local days read as dates, the last one included ("Nov 3 – Nov 5"
 * is three days); anything else as dates and times, the second date left
 * out on the same day. The year shows when either end is not this year. */
static char *
describe_absolute (gint64     from,
                   gint64     to,
                   GDateTime *now)
{
  GTimeZone *tz = g_date_time_get_timezone (now);
  g_autoptr(GDateTime) a = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) b = g_date_time_new_from_unix_utc (to);
  g_autoptr(GDateTime) a_local = g_date_time_to_timezone (a, tz);
  g_autoptr(GDateTime) b_local = g_date_time_to_timezone (b, tz);
  g_autoptr(GDateTime) last = NULL;
  int this_year = g_date_time_get_year (now);
  gboolean year, seconds;

  if (is_day_start (tz, from) && is_day_start (tz, to))
    {
      g_autoptr(GDateTime) before_end = g_date_time_add_seconds (b, -1);

      last = g_date_time_to_timezone (before_end, tz);
      year = g_date_time_get_year (a_local) != this_year || g_date_time_get_year (last) != this_year;
      if (same_day (a_local, last))
        return format_date (a_local, year);
      return join_range (format_date (a_local, year), format_date (last, year));
    }

  year = g_date_time_get_year (a_local) != this_year || g_date_time_get_year (b_local) != this_year;
  seconds = g_date_time_get_second (a_local) != 0 || g_date_time_get_second (b_local) != 0;
  if (same_day (a_local, b_local))
    return join_range (format_date_time (a_local, year, seconds), format_time (b_local, seconds));
  return join_range (format_date_time (a_local, year, seconds),
                     format_date_time (b_local, year, seconds));
}

static char *
describe_since (gint64     from,
                GDateTime *now)
{
  GTimeZone *tz = g_date_time_get_timezone (now);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  gboolean year = g_date_time_get_year (local) != g_date_time_get_year (now);
  g_autofree char *start = NULL;

  if (is_day_start (tz, from))
    start = format_date (local, year);
  else
    start = format_date_time (local, year, g_date_time_get_second (local) != 0);

  /* TRANSLATORS: a time range from a moment until now, as in “Since Nov 3, 10:00” */
  return g_strdup_printf (_("Since %s"), start);
}

static gboolean
is_absolute (const char *expression)
{
  g_autofree char *text = g_strstrip (g_strdup (expression));

  return !g_str_has_prefix (text, "now");
}

/**
 * tally_time_describe_range:
 * @from: the range's start, as a dashboard keeps it (`now-24h`, `now/d`, RFC 3339, …)
 * @to: the range's end
 * @now: the moment and time zone to read absolute times in
 *
 * A short label for a range, for people: "Last 24 hours", "Today",
 * "Yesterday", "This week so far", "Nov 3, 10:00 – Nov 5, 12:00",
 * "Since Nov 3, 10:00". Relative ranges without a name read as their
 * expressions ("now-6h to now-1h"), and so do ranges that do not parse.
 *
 * Returns: (transfer full): the label
 */
char *
tally_time_describe_range (const char *from,
                           const char *to,
                           GDateTime  *now)
{
  TallyTimeExpr f, t;
  gint64 from_s, to_s;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;

  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (to != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  f = tally_time_expr_read (from);
  t = tally_time_expr_read (to);
  if (f.kind == TALLY_TIME_EXPR_AGO && t.kind == TALLY_TIME_EXPR_NOW)
    return describe_last (f.amount, f.unit);
  if (f.kind == TALLY_TIME_EXPR_ROUNDED)
    {
      const char *name = describe_rounded (&f, &t);

      if (name != NULL)
        return g_strdup (name);
    }

  if (is_absolute (from) && tally_time_parse_point (from, now, FALSE, &from_s, NULL))
    {
      if (t.kind == TALLY_TIME_EXPR_NOW)
        return describe_since (from_s, now);
      if (is_absolute (to) && tally_time_parse_point (to, now, TRUE, &to_s, NULL) && from_s < to_s)
        return describe_absolute (from_s, to_s, now);
    }

  from_text = g_strstrip (g_strdup (from));
  to_text = g_strstrip (g_strdup (to));
  /* TRANSLATORS: a time range kept as typed, as in “now-6h to now-1h” */
  return g_strdup_printf (_("%s to %s"), from_text, to_text);
}
