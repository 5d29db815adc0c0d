/* tally-time-describe.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *tally_time_describe_range (const char *from,
                                 const char *to,
                                 GDateTime  *now);

G_END_DECLS
