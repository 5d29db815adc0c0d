/* tally-wrap-layout.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TALLY_TYPE_WRAP_LAYOUT (tally_wrap_layout_get_type ())

G_DECLARE_FINAL_TYPE (TallyWrapLayout, tally_wrap_layout, TALLY, WRAP_LAYOUT, GtkLayoutManager)

GtkLayoutManager *tally_wrap_layout_new              (void);
int               tally_wrap_layout_get_spacing      (TallyWrapLayout *self);
void              tally_wrap_layout_set_spacing      (TallyWrapLayout *self,
                                                      int              spacing);
int               tally_wrap_layout_get_row_spacing  (TallyWrapLayout *self);
void              tally_wrap_layout_set_row_spacing  (TallyWrapLayout *self,
                                                      int              row_spacing);

G_END_DECLS
