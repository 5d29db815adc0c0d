/* tally-range-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TALLY_RANGE_HISTORY_DEFAULT_LENGTH 50

typedef struct _TallyRangeHistory TallyRangeHistory;

TallyRangeHistory *tally_range_history_new          (guint               max_length);
void               tally_range_history_free         (TallyRangeHistory  *self);

void               tally_range_history_push         (TallyRangeHistory  *self,
                                                     const char         *from,
                                                     const char         *to);
void               tally_range_history_clear        (TallyRangeHistory  *self);
gboolean           tally_range_history_get_current  (TallyRangeHistory  *self,
                                                     const char        **from,
                                                     const char        **to);
gboolean           tally_range_history_can_back     (TallyRangeHistory  *self);
gboolean           tally_range_history_can_forward  (TallyRangeHistory  *self);
gboolean           tally_range_history_back         (TallyRangeHistory  *self,
                                                     const char        **from,
                                                     const char        **to);
gboolean           tally_range_history_forward      (TallyRangeHistory  *self,
                                                     const char        **from,
                                                     const char        **to);
guint              tally_range_history_get_length   (TallyRangeHistory  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyRangeHistory, tally_range_history_free)

G_END_DECLS
