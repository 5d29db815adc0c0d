/* tally-frame-print.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-frame.h"
#include "tally-query.h"
#include "tally-time-range.h"

G_BEGIN_DECLS

/* Time series longer than this are cut in the middle unless full. */
#define TALLY_FRAME_PRINT_MAX_ROWS 30

/**
 * TallyFramePrintOptions:
 * @query: the query that made the frame: its metric, stat and dimensions
 *   title the output
 * @range: its range: the heading, and the zone of printed times
 * @full: print every row of long time series
 */
typedef struct
{
  const TallyQuery     *query;
  const TallyTimeRange *range;
  gboolean              full;
} TallyFramePrintOptions;

char *tally_frame_print (const TallyFrame             *frame,
                         const TallyFramePrintOptions *options);

G_END_DECLS
