/* tally-range-picker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TALLY_TYPE_RANGE_PICKER (tally_range_picker_get_type ())

G_DECLARE_FINAL_TYPE (TallyRangePicker, tally_range_picker, TALLY, RANGE_PICKER, GtkWidget)

GtkWidget  *tally_range_picker_new        (void);
const char *tally_range_picker_get_from   (TallyRangePicker *self);
const char *tally_range_picker_get_to     (TallyRangePicker *self);
void        tally_range_picker_set_range  (TallyRangePicker *self,
                                           const char       *from,
                                           const char       *to);
const char *tally_range_picker_get_label  (TallyRangePicker *self);
void        tally_range_picker_popup      (TallyRangePicker *self);

G_END_DECLS
