/* tally-time-range.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The human steps an automatic bucket width snaps to, in seconds. */
#define TALLY_INTERVAL_MIN        60
#define TALLY_MAX_BUCKETS         2000
#define TALLY_DEFAULT_WIDTH_PX    1200

/**
 * TallyTimeRange:
 * @from: Unix seconds, inclusive
 * @to: Unix seconds, exclusive
 * @now: the moment the range was resolved at, Unix seconds; per-minute
 *   stats never count minutes after it
 * @tz: the time zone for day boundaries, hour-of-day and day-of-week
 *
 * A resolved time range: what a query runs over.
 */
typedef struct
{
  gint64     from;
  gint64     to;
  gint64     now;
  GTimeZone *tz;
} TallyTimeRange;

TallyTimeRange *tally_time_range_new            (gint64                from,
                                                 gint64                to,
                                                 gint64                now,
                                                 GTimeZone            *tz);
TallyTimeRange *tally_time_range_copy           (const TallyTimeRange *range);
void            tally_time_range_free           (TallyTimeRange       *range);

TallyTimeRange *tally_time_range_parse          (const char           *from,
                                                 const char           *to,
                                                 GDateTime            *now,
                                                 GError              **error);
gboolean        tally_time_parse_point          (const char           *expression,
                                                 GDateTime            *now,
                                                 gboolean              round_up,
                                                 gint64               *unix_seconds,
                                                 GError              **error);

TallyTimeRange *tally_time_range_get_previous   (const TallyTimeRange *range);

gboolean        tally_time_parse_interval       (const char           *text,
                                                 gint64               *interval_s,
                                                 GError              **error);
char           *tally_time_format_interval      (gint64                interval_s);
gint64          tally_time_range_auto_interval  (const TallyTimeRange *range,
                                                 guint                 width_px);
GArray         *tally_time_range_get_buckets    (const TallyTimeRange *range,
                                                 gint64                interval_s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyTimeRange, tally_time_range_free)

G_END_DECLS
