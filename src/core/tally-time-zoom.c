/* tally-time-zoom.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* New ranges made from old ones, as expressions a dashboard keeps: zooming
 * out (the filter bar's button and Ctrl+minus) and writing an instant (a
 * range dragged on a chart) so that tally_time_parse_point() reads it back
 * to the same second and a person can still read it in the entries. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-error.h"
#include "tally-time-private.h"
#include "tally-time-zoom.h"

/**
 * tally_time_format_point:
 * @unix_seconds: an instant
 * @tz: the time zone to write it in
 *
 * The instant as a local time, `2026-11-03 10:00` (seconds only when not
 * zero), or as RFC 3339 with its offset when the local time happens twice
 * (clocks going back), so it always reads back to the same second.
 *
 * Returns: (transfer full): the expression
 */
char *
tally_time_format_point (gint64     unix_seconds,
                         GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  int year, month, day, hour, minute, second;
  gint32 offset;

  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (unix_seconds >= MIN_UNIX && unix_seconds <= MAX_UNIX, NULL);

  utc = g_date_time_new_from_unix_utc (unix_seconds);
  local = g_date_time_to_timezone (utc, tz);
  if (local == NULL)
    local = g_date_time_ref (utc);
  g_date_time_get_ymd (local, &year, &month, &day);
  hour = g_date_time_get_hour (local);
  minute = g_date_time_get_minute (local);
  second = g_date_time_get_second (local);

  if (local_is_ambiguous (tz, unix_seconds))
    {
      offset = (gint32) (g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND);
      return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, month, day, hour,
                              minute, second, offset < 0 ? '-' : '+', ABS (offset) / 3600,
                              ABS (offset) / 60 % 60);
    }
  if (second != 0)
    return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second);
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", year, month, day, hour, minute);
}

/* "Last 6 hours" zooms out to "Last 12 hours": still relative, still live. */
static gboolean
zoom_out_relative (const char  *from,
                   const char  *to,
                   char       **out_from,
                   char       **out_to)
{
  TallyTimeExpr f = tally_time_expr_read (from);
  TallyTimeExpr t = tally_time_expr_read (to);

  if (f.kind != TALLY_TIME_EXPR_AGO || t.kind != TALLY_TIME_EXPR_NOW ||
      (guint64) f.amount * 2 > MAX_AMOUNT)
    return FALSE;

  *out_from = g_strdup_printf ("now-%u%c", f.amount * 2, f.unit);
  *out_to = g_strdup ("now");
  return TRUE;
}

/**
 * tally_time_zoom_out:
 * @from: the range's start expression
 * @to: the range's end expression
 * @now: the moment and time zone to resolve them at
 * @out_from: (out): the new start
 * @out_to: (out): the new end
 *
 * Doubles the span of a range around its middle. A range that ends now and
 * starts a number of units before (`now-6h` to `now`) stays relative and
 * doubles its start (`now-12h`). Any other range becomes absolute; when
 * doubling would carry a range that ended in the past beyond now, it is
 * moved back to end now, so zooming out never shows empty future.
 *
 * Returns: %FALSE with @error set when the range does not parse or the
 *   wider one leaves the years 1 to 9999
 */
gboolean
tally_time_zoom_out (const char  *from,
                     const char  *to,
                     GDateTime   *now,
                     char       **out_from,
                     char       **out_to,
                     GError     **error)
{
  g_autoptr(TallyTimeRange) range = NULL;
  gint64 span, new_from, new_to;

  g_return_val_if_fail (from != NULL && to != NULL && now != NULL, FALSE);
  g_return_val_if_fail (out_from != NULL && out_to != NULL, FALSE);

  range = tally_time_range_parse (from, to, now, error);
  if (range == NULL)
    return FALSE;
  if (zoom_out_relative (from, to, out_from, out_to))
    return TRUE;

  span = range->to - range->from;
  new_from = range->from - span / 2;
  new_to = range->to + (span - span / 2);
  if (range->to <= range->now && new_to > range->now)
    {
      new_to = range->now;
      new_from = new_to - 2 * span;
    }
  if (new_from < MIN_UNIX || new_to > MAX_UNIX)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("the range cannot be wider: it would leave the years 1 to 9999"));
      return FALSE;
    }

  *out_from = tally_time_format_point (new_from, range->tz);
  *out_to = tally_time_format_point (new_to, range->tz);
  return TRUE;
}
