/* tally-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Pass as @decimals for the automatic precision. */
#define TALLY_FORMAT_AUTO (-1)

typedef enum
{
  TALLY_TIME_FORMAT_TIME,           /* 14:05 */
  TALLY_TIME_FORMAT_TIME_SECONDS,   /* 14:05:09 */
  TALLY_TIME_FORMAT_WEEKDAY_DAY,    /* Mon 12 */
  TALLY_TIME_FORMAT_MONTH_DAY,      /* Nov 3 */
  TALLY_TIME_FORMAT_MONTH,          /* Nov */
  TALLY_TIME_FORMAT_MONTH_YEAR,     /* Nov 2026 */
  TALLY_TIME_FORMAT_YEAR,           /* 2026 */
  TALLY_TIME_FORMAT_DATE,           /* Nov 3, 2026 */
  TALLY_TIME_FORMAT_DATE_TIME,      /* Nov 3, 14:05 */
  TALLY_TIME_FORMAT_FULL,           /* Nov 3, 2026, 14:05:09 */
  TALLY_N_TIME_FORMATS
} TallyTimeFormat;

char     *tally_format_value        (double           value,
                                     const char      *unit,
                                     int              decimals);
void      tally_format_ticks        (const double    *values,
                                     guint            n_values,
                                     double           step,
                                     const char      *unit,
                                     int              decimals,
                                     char           **labels);
char     *tally_format_change       (double           value,
                                     double           previous,
                                     const char      *unit);
double    tally_format_change_ratio (double           value,
                                     double           previous,
                                     const char      *unit);
char     *tally_format_time         (gint64           unix_s,
                                     GTimeZone       *tz,
                                     TallyTimeFormat  format,
                                     gboolean         clock_12h);
char     *tally_format_span         (gint64           seconds);
gboolean  tally_unit_is_duration    (const char      *unit);
double    tally_unit_get_divisor    (const char      *unit,
                                     double           magnitude);

G_END_DECLS
