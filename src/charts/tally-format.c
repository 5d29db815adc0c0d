/* tally-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Numbers, units and times as a person reads them: the one place that
 * knows that "usd" is money, that "ms" climbs to seconds and minutes, and
 * that "percent" values are fractions. Every chart label, tooltip, legend
 * and accessible description goes through here, so a value reads the same
 * on an axis, in a tooltip and in a screen reader. docs/charts.md has the
 * table of units. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "tally-format.h"

typedef enum
{
  FAMILY_NUMBER,
  FAMILY_COUNT,
  FAMILY_TOKENS,
  FAMILY_USD,
  FAMILY_DURATION,
  FAMILY_PERCENT,
  FAMILY_FACTOR,
} Family;

typedef struct
{
  Family      family;
  gboolean    per_minute;
  double      multiplier;     /* raw value × multiplier = value in the family's base */
  const char *extra;          /* a unit we do not know, printed after the number */
} UnitInfo;

typedef struct
{
  double      divisor;
  const char *prefix;
  const char *suffix;
} Scale;

#define MAX_DECIMALS 12

static const Scale compact_scales[] = {
  { 1, "", "" },
  { 1e3, "", NC_("unit suffix", "k") },
  { 1e6, "", NC_("unit suffix", "M") },
  { 1e9, "", NC_("unit suffix", "B") },
  { 1e12, "", NC_("unit suffix", "T") },
};

/* Money takes an upper-case thousand: $1.2K. */
static const Scale money_scales[] = {
  { 1, "$", "" },
  { 1e3, "$", NC_("unit suffix", "K") },
  { 1e6, "$", NC_("unit suffix", "M") },
  { 1e9, "$", NC_("unit suffix", "B") },
  { 1e12, "$", NC_("unit suffix", "T") },
};

/* Base unit: milliseconds. */
static const Scale duration_scales[] = {
  { 1e-6, "", NC_("unit suffix", " ns") },
  { 1e-3, "", NC_("unit suffix", " µs") },
  { 1, "", NC_("unit suffix", " ms") },
  { 1e3, "", NC_("unit suffix", " s") },
  { 6e4, "", NC_("unit suffix", " min") },
  { 3.6e6, "", NC_("unit suffix", " h") },
  { 8.64e7, "", NC_("unit suffix", " d") },
};

static const Scale percent_scales[] = {
  { 1, "", NC_("unit suffix", " %") },
};

static const Scale factor_scales[] = {
  { 1, "", NC_("unit suffix", "x") },
};

static void
unit_info (const char *unit,
           UnitInfo   *info)
{
  g_autofree char *base = NULL;

  *info = (UnitInfo) { FAMILY_NUMBER, FALSE, 1, NULL };
  if (unit == NULL || *unit == '\0' || g_str_equal (unit, "none"))
    return;

  if (g_str_has_suffix (unit, "/min"))
    {
      info->per_minute = TRUE;
      base = g_strndup (unit, strlen (unit) - strlen ("/min"));
    }
  else
    base = g_strdup (unit);

  if (g_str_equal (base, "requests"))
    info->family = FAMILY_COUNT;
  else if (g_str_equal (base, "tokens") || g_str_equal (base, "tokens/usd"))
    info->family = FAMILY_TOKENS;
  else if (g_str_equal (base, "usd"))
    info->family = FAMILY_USD;
  else if (g_str_equal (base, "ms"))
    info->family = FAMILY_DURATION;
  else if (g_str_equal (base, "s"))
    info->family = FAMILY_DURATION, info->multiplier = 1000;
  else if (g_str_equal (base, "percent"))
    info->family = FAMILY_PERCENT, info->multiplier = 100;
  else if (g_str_equal (base, "x"))
    info->family = FAMILY_FACTOR;
  else if (!g_str_equal (base, "number"))
    info->extra = unit;

  /* Tokens per dollar read as "1.2k/$". */
  if (g_str_equal (base, "tokens/usd"))
    info->extra = "/$";
}

static const Scale *
family_scales (Family  family,
               guint  *n_scales)
{
  switch (family)
    {
    case FAMILY_USD:
      *n_scales = G_N_ELEMENTS (money_scales);
      return money_scales;
    case FAMILY_DURATION:
      *n_scales = G_N_ELEMENTS (duration_scales);
      return duration_scales;
    case FAMILY_PERCENT:
      *n_scales = G_N_ELEMENTS (percent_scales);
      return percent_scales;
    case FAMILY_FACTOR:
      *n_scales = G_N_ELEMENTS (factor_scales);
      return factor_scales;
    case FAMILY_NUMBER:
    case FAMILY_COUNT:
    case FAMILY_TOKENS:
    default:
      *n_scales = G_N_ELEMENTS (compact_scales);
      return compact_scales;
    }
}

/* Where the compact scales start: requests stay plain integers up to
 * 9999 ("plain integers for requests"), tokens go to 1.2k at once. */
static double
compact_from (Family family)
{
  return family == FAMILY_COUNT ? 1e4 : 1e3;
}

/* The scale that shows @magnitude (≥ 0, in the family's base unit). */
static guint
pick_scale (Family family,
            double magnitude)
{
  guint n, pick = 0;
  const Scale *scales = family_scales (family, &n);

  if (family == FAMILY_DURATION)
    {
      pick = 2;  /* 0 is "0 ms" */
      if (magnitude > 0)
        for (pick = 0; pick + 1 < n && scales[pick + 1].divisor <= magnitude; pick++)
          ;
      return pick;
    }

  if (n == 1 || magnitude < compact_from (family))
    return 0;
  for (pick = 1; pick + 1 < n && scales[pick + 1].divisor <= magnitude; pick++)
    ;
  return pick;
}

static int
auto_decimals (double   mantissa,
               Family   family,
               gboolean scaled)
{
  if (family == FAMILY_USD && !scaled)
    return mantissa >= 1 || mantissa == 0 ? 2
                                          : CLAMP (1 - (int) floor (log10 (mantissa)), 2, MAX_DECIMALS);
  if (mantissa == 0 || !isfinite (mantissa))
    return 0;
  if (family == FAMILY_COUNT && !scaled && mantissa == floor (mantissa))
    return 0;
  if (mantissa >= 100)
    return 0;
  if (mantissa >= 1)
    return 1;
  /* Two significant digits below one: 0.0012, not 0.00. */
  return CLAMP (1 - (int) floor (log10 (mantissa)), 1, MAX_DECIMALS);
}

/* Drops the zeros after the decimal point but @keep of them, and the
 * point if no digit is left: "1.50k" reads "1.5k", "2.0 s" reads "2 s",
 * and money keeps its cents: "$0.50", "$0.000001". */
static void
strip_zeros (char *number,
             guint keep)
{
  const char *point = localeconv ()->decimal_point;
  char *dot = strstr (number, point);
  char *end, *digits;

  if (dot == NULL)
    return;
  digits = dot + strlen (point);
  end = number + strlen (number) - 1;
  while (end >= digits + keep && *end == '0')
    *end-- = '\0';
  if (end < digits)
    *dot = '\0';
}

static char *
compose (gboolean        negative,
         const Scale    *scale,
         const char     *number,
         const UnitInfo *info)
{
  const char *suffix = scale->suffix[0] ? g_dpgettext2 (NULL, "unit suffix", scale->suffix) : "";
  GString *out = g_string_new (NULL);

  if (negative)
    g_string_append (out, "−");
  g_string_append (out, scale->prefix);
  g_string_append (out, number);
  g_string_append (out, suffix);
  if (info->extra != NULL)
    {
      if (info->extra[0] != '/')
        g_string_append_c (out, ' ');
      g_string_append (out, info->extra);
    }
  if (info->per_minute)
    g_string_append (out, C_("unit suffix", "/min"));

  return g_string_free (out, FALSE);
}

static char *
format_special (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup (value > 0 ? "∞" : "−∞");
}

static char *
format_moment (double value)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local ((gint64) value);

  if (moment == NULL)
    return g_strdup ("—");

  /* Translators: a date and time, e.g. “Mar 28, 14:00”; see g_date_time_format() */
  return g_date_time_format (moment, _("%b %-d, %H:%M"));
}

/* @value in @unit ("ms", "usd", "percent", "tokens/min", …; NULL for a
 * plain number) with @decimals after the point, or TALLY_FORMAT_AUTO for
 * about three significant digits. NAN is "—". */
char *
tally_format_value (double      value,
                    const char *unit,
                    int         decimals)
{
  g_autofree char *number = NULL;
  const Scale *scales;
  UnitInfo info;
  double base, magnitude, mantissa;
  guint n_scales, pick;
  int d;

  if (!isfinite (value))
    return format_special (value);
  /* A moment (budget_runout): Unix seconds, shown as a local date. */
  if (g_strcmp0 (unit, "time") == 0)
    return format_moment (value);

  unit_info (unit, &info);
  scales = family_scales (info.family, &n_scales);
  base = value * info.multiplier;
  magnitude = fabs (base);
  pick = pick_scale (info.family, magnitude);

  for (;;)
    {
      double rounded;

      mantissa = magnitude / scales[pick].divisor;
      d = decimals >= 0 ? MIN (decimals, MAX_DECIMALS)
                        : auto_decimals (mantissa, info.family, scales[pick].divisor != 1);
      rounded = round (mantissa * pow (10, d)) / pow (10, d);
      /* 999.96 ms reads "1 s", not "1000 ms". */
      if (pick + 1 < n_scales && pick_scale (info.family, rounded * scales[pick].divisor) > pick)
        pick++;
      else
        break;
    }

  number = g_strdup_printf ("%.*f", d, mantissa);
  if (decimals < 0)
    strip_zeros (number, info.family == FAMILY_USD && scales[pick].divisor == 1 ? 2 : 0);

  return compose (base < 0 && strtod (number, NULL) != 0, &scales[pick], number, &info);
}

/* The fewest decimals that write @step exactly. */
static int
step_decimals (double step)
{
  for (int d = 0; d < MAX_DECIMALS; d++)
    {
      double scaled = step * pow (10, d);

      if (fabs (scaled - round (scaled)) <= 1e-6 * MAX (scaled, 1e-12))
        return d;
    }

  return MAX_DECIMALS;
}

/* Labels for axis ticks @step apart: one scale and one precision for all,
 * so "0.5 s" and "1.0 s" line up. Fills @labels[0 .. @n_values - 1] with
 * newly allocated strings. */
void
tally_format_ticks (const double *values,
                    guint         n_values,
                    double        step,
                    const char   *unit,
                    int           decimals,
                    char        **labels)
{
  const Scale *scales;
  UnitInfo info;
  double magnitude = 0;
  guint n_scales, pick;
  int d;

  g_return_if_fail (n_values == 0 || (values != NULL && labels != NULL));

  unit_info (unit, &info);
  scales = family_scales (info.family, &n_scales);
  for (guint i = 0; i < n_values; i++)
    if (isfinite (values[i]))
      magnitude = MAX (magnitude, fabs (values[i] * info.multiplier));
  pick = pick_scale (info.family, magnitude);
  d = decimals >= 0 ? decimals : step_decimals (fabs (step) * info.multiplier / scales[pick].divisor);

  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *number = NULL;
      double mantissa;

      if (!isfinite (values[i]))
        {
          labels[i] = format_special (values[i]);
          continue;
        }
      mantissa = fabs (values[i] * info.multiplier) / scales[pick].divisor;
      number = g_strdup_printf ("%.*f", mantissa == 0 ? 0 : d, mantissa);
      labels[i] = compose (values[i] < 0 && strtod (number, NULL) != 0, &scales[pick], number, &info);
    }
}

/* How much @value changed from @previous: a fraction of @previous, or for
 * "percent" metrics the difference itself (2 % → 3 % is one point, not
 * +50 %). NAN when there is nothing to compare. */
double
tally_format_change_ratio (double      value,
                           double      previous,
                           const char *unit)
{
  UnitInfo info;

  if (!isfinite (value) || !isfinite (previous))
    return NAN;
  unit_info (unit, &info);
  if (info.family == FAMILY_PERCENT)
    return value - previous;
  if (previous == 0)
    return NAN;

  return (value - previous) / fabs (previous);
}

/* "+12 %", "−3.5 %", or "+1.2 pp" for a percent metric; NULL when there
 * is nothing to compare. */
char *
tally_format_change (double      value,
                     double      previous,
                     const char *unit)
{
  double ratio = tally_format_change_ratio (value, previous, unit);
  g_autofree char *number = NULL;
  UnitInfo info;
  const char *sign;
  double points;

  if (isnan (ratio))
    return NULL;

  unit_info (unit, &info);
  points = fabs (ratio) * 100;
  if (info.family == FAMILY_PERCENT)
    number = g_strdup_printf ("%.1f", points);
  else
    number = g_strdup_printf ("%.*f", points < 10 ? 1 : 0, points);
  if (strtod (number, NULL) == 0)
    {
      sign = "±";
      if (info.family != FAMILY_PERCENT)
        {
          g_free (number);
          number = g_strdup ("0");
        }
    }
  else
    sign = ratio > 0 ? "+" : "−";

  if (info.family == FAMILY_PERCENT)
    /* Translators: a change in percentage points, e.g. "+1.2 pp" */
    return g_strdup_printf (C_("change", "%s%s pp"), sign, number);
  /* Translators: a relative change, e.g. "+12 %" */
  return g_strdup_printf (C_("change", "%s%s %%"), sign, number);
}

/* strftime-like formats of g_date_time_format(), 24-hour then 12-hour. */
static const char *time_formats[TALLY_N_TIME_FORMATS][2] = {
  [TALLY_TIME_FORMAT_TIME] = { NC_("time format", "%H:%M"), NC_("time format", "%-l:%M %p") },
  [TALLY_TIME_FORMAT_TIME_SECONDS] = { NC_("time format", "%H:%M:%S"),
                                       NC_("time format", "%-l:%M:%S %p") },
  [TALLY_TIME_FORMAT_WEEKDAY_DAY] = { NC_("time format", "%a %-d"), NULL },
  [TALLY_TIME_FORMAT_MONTH_DAY] = { NC_("time format", "%b %-d"), NULL },
  [TALLY_TIME_FORMAT_MONTH] = { NC_("time format", "%b"), NULL },
  [TALLY_TIME_FORMAT_MONTH_YEAR] = { NC_("time format", "%b %Y"), NULL },
  [TALLY_TIME_FORMAT_YEAR] = { NC_("time format", "%Y"), NULL },
  [TALLY_TIME_FORMAT_DATE] = { NC_("time format", "%b %-d, %Y"), NULL },
  [TALLY_TIME_FORMAT_DATE_TIME] = { NC_("time format", "%b %-d, %H:%M"),
                                    NC_("time format", "%b %-d, %-l:%M %p") },
  [TALLY_TIME_FORMAT_FULL] = { NC_("time format", "%b %-d, %Y, %H:%M:%S"),
                               NC_("time format", "%b %-d, %Y, %-l:%M:%S %p") },
};

/* @unix_s in @tz (the local zone when NULL). */
char *
tally_format_time (gint64           unix_s,
                   GTimeZone       *tz,
                   TallyTimeFormat  format,
                   gboolean         clock_12h)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;
  const char *pattern;

  g_return_val_if_fail (format < TALLY_N_TIME_FORMATS, NULL);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  utc = g_date_time_new_from_unix_utc (unix_s);
  if (utc == NULL)
    return g_strdup ("—");
  dt = g_date_time_to_timezone (utc, tz);

  pattern = time_formats[format][clock_12h && time_formats[format][1] != NULL ? 1 : 0];
  return g_date_time_format (dt, g_dpgettext2 (NULL, "time format", pattern));
}

/* A length of time in words, for descriptions: "24 hours", "7 days". */
char *
tally_format_span (gint64 seconds)
{
  guint n;

  seconds = MAX (seconds, 0);
  if (seconds >= 2 * 86400)
    {
      n = (guint) ((seconds + 43200) / 86400);
      return g_strdup_printf (g_dngettext (NULL, "%u day", "%u days", n), n);
    }
  if (seconds >= 2 * 3600)
    {
      n = (guint) ((seconds + 1800) / 3600);
      return g_strdup_printf (g_dngettext (NULL, "%u hour", "%u hours", n), n);
    }
  if (seconds >= 120)
    {
      n = (guint) ((seconds + 30) / 60);
      return g_strdup_printf (g_dngettext (NULL, "%u minute", "%u minutes", n), n);
    }

  n = (guint) seconds;
  return g_strdup_printf (g_dngettext (NULL, "%u second", "%u seconds", n), n);
}

/* Whether @unit is a duration, whose axes step in seconds and minutes. */
gboolean
tally_unit_is_duration (const char *unit)
{
  UnitInfo info;

  unit_info (unit, &info);
  return info.family == FAMILY_DURATION;
}

/* How many raw units one displayed unit is for a value of @magnitude:
 * 60000 for "ms" values shown in minutes, 0.01 for "percent". Axes step
 * 1-2-5 in displayed units, so a latency axis reads 0, 30 s, 1 min… and
 * never 0, 20000 ms shown as 0.33 min. 1 for the powers-of-ten scales. */
double
tally_unit_get_divisor (const char *unit,
                        double      magnitude)
{
  const Scale *scales;
  UnitInfo info;
  guint n;

  unit_info (unit, &info);
  if (info.family != FAMILY_DURATION && info.family != FAMILY_PERCENT)
    return 1;
  scales = family_scales (info.family, &n);

  return scales[pick_scale (info.family, fabs (magnitude) * info.multiplier)].divisor /
         info.multiplier;
}
