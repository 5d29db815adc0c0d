/* tally-frame-csv.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-frame.h"

G_BEGIN_DECLS

char *tally_frame_to_csv (const TallyFrame *frame,
                          GTimeZone        *tz,
                          gsize            *length);

G_END_DECLS
