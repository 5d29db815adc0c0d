/* tally-time-range.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* PLACEHOLDER until the time-range work lands: fixed ranges and fixed
 * minute buckets only; no expression parsing yet. */

#include "config.h"

#include "tally-error.h"
#include "tally-time-range.h"

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

TallyTimeRange *
tally_time_range_parse (const char  *from,
                        const char  *to,
                        GDateTime   *now,
                        GError     **error)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED, "not written yet");
  return NULL;
}

gboolean
tally_time_parse_point (const char  *expression,
                        GDateTime   *now,
                        gboolean     round_up,
                        gint64      *unix_seconds,
                        GError     **error)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED, "not written yet");
  return FALSE;
}

TallyTimeRange *
tally_time_range_get_previous (const TallyTimeRange *range)
{
  gint64 length = range->to - range->from;

  return tally_time_range_new (range->from - length, range->from, range->now, range->tz);
}

gboolean
tally_time_parse_interval (const char  *text,
                           gint64      *interval_s,
                           GError     **error)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED, "not written yet");
  return FALSE;
}

char *
tally_time_format_interval (gint64 interval_s)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "s", interval_s);
}

gint64
tally_time_range_auto_interval (const TallyTimeRange *range,
                                guint                 width_px)
{
  return 60;
}

GArray *
tally_time_range_get_buckets (const TallyTimeRange *range,
                              gint64                interval_s)
{
  GArray *buckets = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (gint64 t = range->from - range->from % interval_s; t < range->to; t += interval_s)
    g_array_append_val (buckets, t);
  return buckets;
}
