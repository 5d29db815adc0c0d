/* tally-test-filter-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-filter-bar.h"
#include "tally-filter-chip.h"
#include "tally-filter-popover.h"
#include "tally-range-picker.h"
#include "tally-test-gui.h"

G_BEGIN_DECLS

/* A filter bar bound to a dashboard, in a real window; the dimensions the
 * bar asked values for, in order. */
typedef struct
{
  GtkWindow      *window;
  TallyFilterBar *bar;
  TallyDashboard *dashboard;
  GPtrArray      *needed;
} TfbFixture;

void                tfb_setup               (TfbFixture          *fx,
                                             gconstpointer        width);
void                tfb_teardown            (TfbFixture          *fx,
                                             gconstpointer        data);
void                tfb_load_style          (void);
GtkWidget          *tfb_child               (gpointer             widget,
                                             GType                type,
                                             const char          *name);
TallyRangePicker   *tfb_picker              (TfbFixture          *fx);
GtkPopover         *tfb_open_picker         (TfbFixture          *fx);
GtkWidget          *tfb_find_labelled       (GtkWidget           *root,
                                             GType                type,
                                             const char          *text);
TallyFilterPopover *tfb_open_dimension      (TfbFixture          *fx,
                                             const char          *dimension);
GtkCheckButton     *tfb_find_check          (TallyFilterPopover  *popover,
                                             const char          *value);
TallyFilterChip    *tfb_chip                (TfbFixture          *fx,
                                             const char          *dimension);
void                tfb_assert_time         (TfbFixture          *fx,
                                             const char          *from,
                                             const char          *to);
void                tfb_assert_filter       (TfbFixture          *fx,
                                             const char          *dimension,
                                             const char * const  *expected);
gboolean            tfb_action_enabled      (TfbFixture          *fx,
                                             const char          *name);

G_END_DECLS
