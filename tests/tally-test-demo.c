/* tally-test-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A real store full of demo traffic, for the tests and benchmarks that
 * need a realistic data set rather than a handful of events. */

#include "config.h"

#include <math.h>

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

/* At least one number that is there and is not zero; for a table, a row. */
gboolean
tally_test_frame_has_data (const TallyFrame *frame)
{
  switch (tally_frame_get_shape (frame))
    {
    case TALLY_SHAPE_SCALAR:
      return isfinite (tally_frame_get_value (frame)) && tally_frame_get_value (frame) != 0;
    case TALLY_SHAPE_TIMESERIES:
      for (guint s = 0; s < tally_frame_get_n_series (frame); s++)
        {
          const double *values = tally_frame_get_series_values (frame, s);
          guint n;

          tally_frame_get_buckets (frame, &n);
          for (guint i = 0; i < n; i++)
            if (isfinite (values[i]) && values[i] != 0)
              return TRUE;
        }
      return FALSE;
    case TALLY_SHAPE_CATEGORIES:
      for (guint i = 0; i < tally_frame_get_n_categories (frame); i++)
        {
          double value = tally_frame_get_category_value (frame, i);

          if (isfinite (value) && value != 0)
            return TRUE;
        }
      return FALSE;
    case TALLY_SHAPE_MATRIX:
      for (guint r = 0; r < tally_frame_get_n_rows (frame); r++)
        for (guint c = 0; c < tally_frame_get_n_columns (frame); c++)
          if (isfinite (tally_frame_get_cell (frame, r, c)) && tally_frame_get_cell (frame, r, c) != 0)
            return TRUE;
      return FALSE;
    case TALLY_SHAPE_TABLE:
    default:
      return tally_frame_get_n_rows (frame) > 0;
    }
}
