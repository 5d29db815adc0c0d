/* test-local-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The "local" source over a real store: frames and value lists equal the
 * store's own answers, bad input becomes an error, its "changed" follows
 * the store's commits, and a source that implements nothing says so. */

#include "config.h"

#include "tally-error.h"
#include "tally-local-source.h"
#include "tally-test-events.h"
#include "tally-test-utils.h"

/* 2026-11-02 00:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1793577600)

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* Runs the main loop until the operation started last calls back. */
static GAsyncResult *
wait_result (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_assert_nonnull (wait->result);
  return g_steal_pointer (&wait->result);
}

static TallyStore *
new_store (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "usage.db", NULL);
  g_autoptr(GPtrArray) events = tally_test_make_events (3, 800, T0 * 1000, (T0 + 7200) * 1000);
  g_autoptr(GError) error = NULL;
  TallyStore *store = tally_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (tally_store_ingest (store, events, &error));
  g_assert_no_error (error);
  return store;
}

static void
close_store (TallyStore *store)
{
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_object_unref (store);
  /* A query task may hold the store a moment after its callback. */
  while (store != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_local_source_query (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL };
  TallyStore *store = new_store ();
  g_autoptr(TallyLocalSource) source = tally_local_source_new (store);
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (T0, T0 + 7200, T0 + 7200, utc);
  g_autoptr(TallyFrame) frame = NULL, expected = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL, *want = NULL;

  g_assert_cmpstr (tally_source_get_name (TALLY_SOURCE (source)), ==, "local");
  g_assert_true (tally_local_source_get_store (source) == store);

  query->shape = TALLY_SHAPE_CATEGORIES;
  query->metric = TALLY_METRIC_COST;
  g_assert_true (tally_dimension_parse ("model", &query->group_by, NULL));
  tally_source_query_async (TALLY_SOURCE (source), query, range, NULL, done_cb, &wait);
  result = wait_result (&wait);
  frame = tally_source_query_finish (TALLY_SOURCE (source), result, &error);
  g_assert_no_error (error);

  expected = tally_store_query (store, query, range, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tally_frame_get_n_categories (expected), ==, 5);
  got = tally_frame_to_json_string (frame, FALSE);
  want = tally_frame_to_json_string (expected, FALSE);
  g_assert_cmpstr (got, ==, want);

  /* A query the store refuses, and a cancelled one. */
  g_clear_object (&result);
  g_clear_pointer (&frame, tally_frame_unref);
  query->interval_s = 90;
  tally_source_query_async (TALLY_SOURCE (source), query, range, NULL, done_cb, &wait);
  result = wait_result (&wait);
  g_assert_null (tally_source_query_finish (TALLY_SOURCE (source), result, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "the interval must be a whole number of minutes");
  g_clear_error (&error);
  g_clear_object (&result);

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    query->interval_s = 0;
    g_cancellable_cancel (cancellable);
    tally_source_query_async (TALLY_SOURCE (source), query, range, cancellable, done_cb, &wait);
    result = wait_result (&wait);
    g_assert_null (tally_source_query_finish (TALLY_SOURCE (source), result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }

  g_clear_object (&result);
  g_clear_object (&source);
  close_store (store);
}

static void
test_local_source_values (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL };
  TallyStore *store = new_store ();
  g_autoptr(TallyLocalSource) source = tally_local_source_new (store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;

  tally_source_list_values_async (TALLY_SOURCE (source), "model", NULL, done_cb, &wait);
  result = wait_result (&wait);
  values = tally_source_list_values_finish (TALLY_SOURCE (source), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (values, ((const char *[]) { "claude-sonnet-4", "gemini-2.5-pro", "gpt-4o",
                                                "gpt-4o-mini", "o3", NULL }));
  g_clear_pointer (&values, g_strfreev);
  g_clear_object (&result);

  tally_source_list_values_async (TALLY_SOURCE (source), "label.voice", NULL, done_cb, &wait);
  result = wait_result (&wait);
  values = tally_source_list_values_finish (TALLY_SOURCE (source), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (values, ((const char *[]) { "alloy", "sage", "verse", NULL }));
  g_clear_object (&result);

  tally_source_list_values_async (TALLY_SOURCE (source), "colour", NULL, done_cb, &wait);
  result = wait_result (&wait);
  g_assert_null (tally_source_list_values_finish (TALLY_SOURCE (source), result, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "colour"));

  g_clear_object (&result);
  g_clear_object (&source);
  close_store (store);
}

static void
count_cb (gpointer data)
{
  (*(guint *) data)++;
}

static gboolean
is_positive (gpointer data)
{
  return *(guint *) data > 0;
}

/* Committing events through the store is the source's "changed". */
static void
test_local_source_changed (void)
{
  TallyStore *store = new_store ();
  g_autoptr(TallyLocalSource) source = tally_local_source_new (store);
  g_autoptr(GPtrArray) events = tally_test_make_events (4, 10, T0 * 1000, (T0 + 60) * 1000);
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  /* The ingest of new_store() is announced too; let it pass first. */
  g_signal_connect_swapped (source, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_true (tally_test_wait_until (is_positive, &changed, 5000));
  changed = 0;

  g_assert_true (tally_store_ingest (store, events, &error));
  g_assert_no_error (error);
  g_assert_true (tally_test_wait_until (is_positive, &changed, 5000));
  g_assert_cmpuint (changed, ==, 1);

  g_clear_object (&source);
  close_store (store);
}

/* A source that implements nothing answers with an error naming itself. */
G_DECLARE_FINAL_TYPE (TallyBareSource, tally_bare_source, TALLY, BARE_SOURCE, TallySource)

struct _TallyBareSource
{
  TallySource parent_instance;
};

G_DEFINE_FINAL_TYPE (TallyBareSource, tally_bare_source, TALLY_TYPE_SOURCE)

static void
tally_bare_source_class_init (TallyBareSourceClass *klass)
{
}

static void
tally_bare_source_init (TallyBareSource *self)
{
}

static void
test_source_unsupported (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL };
  g_autoptr(TallySource) source = g_object_new (tally_bare_source_get_type (), "name", "bare",
                                                NULL);
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (T0, T0 + 60, T0 + 60, utc);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tally_source_query_async (source, query, range, NULL, done_cb, &wait);
  result = wait_result (&wait);
  g_assert_null (tally_source_query_finish (source, result, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "The source “bare” cannot answer queries");
  g_clear_error (&error);
  g_clear_object (&result);

  tally_source_list_values_async (source, "model", NULL, done_cb, &wait);
  result = wait_result (&wait);
  g_assert_null (tally_source_list_values_finish (source, result, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "The source “bare” cannot list the values of a dimension");
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/local-source/query", test_local_source_query);
  g_test_add_func ("/tally/local-source/values", test_local_source_values);
  g_test_add_func ("/tally/local-source/changed", test_local_source_changed);
  g_test_add_func ("/tally/source/unsupported", test_source_unsupported);

  return g_test_run ();
}
