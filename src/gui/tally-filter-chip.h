/* tally-filter-chip.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "tally-filter-popover.h"

G_BEGIN_DECLS

#define TALLY_TYPE_FILTER_CHIP (tally_filter_chip_get_type ())

G_DECLARE_FINAL_TYPE (TallyFilterChip, tally_filter_chip, TALLY, FILTER_CHIP, GtkWidget)

GtkWidget          *tally_filter_chip_new            (const char          *dimension);
const char         *tally_filter_chip_get_dimension  (TallyFilterChip     *self);
const char         *tally_filter_chip_get_text       (TallyFilterChip     *self);
void                tally_filter_chip_set_values     (TallyFilterChip     *self,
                                                      const char * const  *values);
TallyFilterPopover *tally_filter_chip_get_popover    (TallyFilterChip     *self);
void                tally_filter_chip_popup          (TallyFilterChip     *self);

G_END_DECLS
