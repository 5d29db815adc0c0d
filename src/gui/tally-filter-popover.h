/* tally-filter-popover.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TALLY_TYPE_FILTER_POPOVER (tally_filter_popover_get_type ())

G_DECLARE_FINAL_TYPE (TallyFilterPopover, tally_filter_popover, TALLY, FILTER_POPOVER, GtkPopover)

GtkWidget  *tally_filter_popover_new            (gboolean             pick_dimension);
const char *tally_filter_popover_get_dimension  (TallyFilterPopover  *self);
void        tally_filter_popover_show_dimension (TallyFilterPopover  *self,
                                                 const char          *dimension);
void        tally_filter_popover_set_values     (TallyFilterPopover  *self,
                                                 const char          *dimension,
                                                 const char * const  *values);
void        tally_filter_popover_set_error      (TallyFilterPopover  *self,
                                                 const char          *dimension,
                                                 const char          *message);
void        tally_filter_popover_set_selected   (TallyFilterPopover  *self,
                                                 const char * const  *values);
gboolean    tally_filter_popover_get_loading    (TallyFilterPopover  *self);

const char *tally_filter_dimension_get_title    (const char          *dimension);

G_END_DECLS
