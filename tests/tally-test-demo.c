/* tally-test-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A real store full of demo traffic, for the tests and benchmarks that
 * need a realistic data set rather than a handful of events. */

#include "config.h"

#include "tally-test-demo.h"

static gboolean
store_batch_cb (GPtrArray               *events,
                const TallyDemoProgress *progress,
                gpointer                 user_data,
                GError                 **error)
{
  return tally_store_ingest (user_data, events, error);
}

/* Writes the demo traffic @params describe into the store at @path and
 * folds it into the rollups; returns the store, still open for writing. */
TallyStore *
tally_test_make_demo_store (const char            *path,
                            const TallyDemoParams *params)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = tally_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (tally_demo_generate (params, store_batch_cb, store, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tally_store_flush (store, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}
