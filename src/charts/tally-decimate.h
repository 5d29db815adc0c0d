/* tally-decimate.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TALLY_COLUMN_HAS_DATA   = 1 << 0,   /* at least one finite value */
  TALLY_COLUMN_GAP_BEFORE = 1 << 1,   /* a null lies between the last value before and this one */
} TallyColumnFlags;

/**
 * TallyColumn:
 *
 * What one pixel column holds of a series: the extremes, and the first
 * and last finite values to join it to its neighbours.
 */
typedef struct
{
  double min;
  double max;
  double first;
  double last;
  guint  flags;
} TallyColumn;

guint  tally_decimate             (const gint64 *times,
                                   const double *values,
                                   guint         n_values,
                                   double        t0,
                                   double        t1,
                                   TallyColumn  *columns,
                                   guint         n_columns);
void   tally_decimate_find_range  (const gint64 *times,
                                   guint         n_values,
                                   double        t0,
                                   double        t1,
                                   guint        *first,
                                   guint        *end);

G_END_DECLS
