/* tally-time-zoom.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *tally_time_format_point  (gint64       unix_seconds,
                                    GTimeZone   *tz);
gboolean  tally_time_zoom_out      (const char  *from,
                                    const char  *to,
                                    GDateTime   *now,
                                    char       **out_from,
                                    char       **out_to,
                                    GError     **error);

G_END_DECLS
