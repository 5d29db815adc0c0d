/* tally-test-time.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-time-range.h"

G_BEGIN_DECLS

#define HOUR 3600
#define DAY  86400

GTimeZone *tally_test_zone               (const char   *identifier);
GDateTime *tally_test_make_now           (const char   *identifier,
                                          int           year,
                                          int           month,
                                          int           day,
                                          int           hour,
                                          int           minute,
                                          double        seconds);
gint64     tally_test_utc                (int           year,
                                          int           month,
                                          int           day,
                                          int           hour,
                                          int           minute,
                                          int           second);
gint64     tally_test_point              (const char   *expression,
                                          GDateTime    *now,
                                          gboolean      round_up);
void       tally_test_assert_point_error (const char   *expression,
                                          GDateTime    *now,
                                          const char   *message);
int        tally_test_local_hour         (GTimeZone    *tz,
                                          gint64        unix_s);
GArray    *tally_test_buckets            (const char   *identifier,
                                          gint64        from,
                                          gint64        to,
                                          gint64        interval_s);
void       tally_test_assert_buckets     (GArray       *array,
                                          const gint64 *expected,
                                          guint         n_expected);

G_END_DECLS
