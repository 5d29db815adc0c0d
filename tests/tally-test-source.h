/* tally-test-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-source.h"

G_BEGIN_DECLS

/* A source that records every query asked of it and passes it on to a
 * real source underneath; it can hold queries back until released, so a
 * test can supersede a query that is still running, fail queries with
 * given errors, or hang until cancelled. */
#define TALLY_TYPE_TEST_SOURCE (tally_test_source_get_type ())

G_DECLARE_FINAL_TYPE (TallyTestSource, tally_test_source, TALLY, TEST_SOURCE, TallySource)

TallyTestSource      *tally_test_source_new             (TallySource     *inner);
void                  tally_test_source_set_hold        (TallyTestSource *self,
                                                         gboolean         hold);
guint                 tally_test_source_release         (TallyTestSource *self);
guint                 tally_test_source_get_n_queries   (TallyTestSource *self);
guint                 tally_test_source_count           (TallyTestSource *self,
                                                         TallyMetric      metric);
const TallyQuery     *tally_test_source_get_query       (TallyTestSource *self,
                                                         guint            index);
GCancellable         *tally_test_source_get_cancellable (TallyTestSource *self,
                                                         guint            index);
guint                 tally_test_source_get_n_cancelled (TallyTestSource *self);
guint                 tally_test_source_get_n_pending   (TallyTestSource *self);
guint                 tally_test_source_get_n_alerts    (TallyTestSource *self);
void                  tally_test_source_fail_next       (TallyTestSource *self,
                                                         const GError    *error);
void                  tally_test_source_set_hang        (TallyTestSource *self,
                                                         gboolean         hang);

G_END_DECLS
