/* tally-filter-value.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TALLY_TYPE_FILTER_VALUE (tally_filter_value_get_type ())

G_DECLARE_FINAL_TYPE (TallyFilterValue, tally_filter_value, TALLY, FILTER_VALUE, GObject)

TallyFilterValue *tally_filter_value_new         (const char       *value,
                                                  gboolean          active);
const char       *tally_filter_value_get_value   (TallyFilterValue *self);
gboolean          tally_filter_value_get_active  (TallyFilterValue *self);
void              tally_filter_value_set_active  (TallyFilterValue *self,
                                                  gboolean          active);

G_END_DECLS
