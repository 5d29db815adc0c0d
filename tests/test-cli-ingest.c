/* test-cli-ingest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally ingest`, run as a user runs it: good and bad lines, line numbers
 * in the messages, JSON arrays, stdin, a large file, and the failures
 * (nothing stored, no such file, a store that cannot be written), checked
 * against what the store holds afterwards. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "tally-paths.h"
#include "tally-store.h"
#include "tally-test-events.h"
#include "tally-test-utils.h"

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs `tally` with @input on its stdin. */
static int
run_with_input (const char * const  *args,
                const char          *input,
                char               **out,
                char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("TALLY_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

/* Requests per model over the last two days, from the store itself. */
static double
requests_of (const char *db,
             const char *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = tally_store_open_read_only (db, &error);
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(TallyTimeRange) range = tally_time_range_parse ("now-2d", "now+1m", now, &error);
  g_autoptr(TallyFrame) frame = NULL;

  g_assert_no_error (error);
  query->shape = TALLY_SHAPE_CATEGORIES;
  query->metric = TALLY_METRIC_REQUESTS;
  query->stat = TALLY_STAT_SUM;
  g_assert_true (tally_dimension_parse ("model", &query->group_by, NULL));
  frame = tally_store_query (store, query, range, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < tally_frame_get_n_categories (frame); i++)
    {
      if (g_str_equal (tally_frame_get_category_label (frame, i), model))
        return tally_frame_get_category_value (frame, i);
    }
  return 0;
}

static void
test_ingest_good_and_bad (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "sub", "usage.db", NULL);
  gint64 t = now_seconds () - 3600;
  g_autofree char *text = g_strdup_printf (
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"gpt-4o\", \"input_tokens\": 10}\n"
    "\n"
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"gpt-4o\", \"input_tokens\": -1}\n"
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"o3\", \"latency_ms\": 120}\r\n"
    "{\"time\": oops}\n"
    "   \n"
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"o3\"}\n"
    "{\"time\": %" G_GINT64_FORMAT "}\n"
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"claude-sonnet-4\", \"status\": 429}",
    t, t + 1, t + 2, t + 3, t + 4, t + 5);
  g_autofree char *file = write_file (dir, "events.jsonl", text);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected_3 = g_strconcat (file, ":3: input_tokens: must be an integer ≥ 0\n",
                                             NULL);
  g_autofree char *expected_5 = g_strconcat (file, ":5: invalid JSON at column 10", NULL);
  g_autofree char *expected_8 = g_strconcat (file, ":8: model: required\n", NULL);
  const char *args[] = { "ingest", "--db", db, file, NULL };
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, expected_3));
  g_assert_nonnull (strstr (err, expected_5));
  g_assert_nonnull (strstr (err, expected_8));
  /* In the order of the file. */
  g_assert_true (strstr (err, expected_3) < strstr (err, expected_5));
  g_assert_true (strstr (err, expected_5) < strstr (err, expected_8));
  g_assert_nonnull (strstr (err, "4 events stored, 3 rejected (9 lines in"));

  g_assert_cmpint (tally_test_count_events (db), ==, 4);
  g_assert_cmpfloat (requests_of (db, "gpt-4o"), ==, 1);
  g_assert_cmpfloat (requests_of (db, "o3"), ==, 2);
  g_assert_cmpfloat (requests_of (db, "claude-sonnet-4"), ==, 1);
}

static void
test_ingest_all_bad (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "usage.db", NULL);
  g_autofree char *file = write_file (dir, "bad.jsonl", "{\"model\": \"x\"}\nnope\n");
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "ingest", "--db", db, file, NULL };
  g_autofree char *expected = g_strconcat ("tally ingest: ", file,
                                           ": nothing stored: every event was rejected\n", NULL);
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, ":1: time: required"));
  g_assert_nonnull (strstr (err, ":2: invalid JSON at column 1"));
  g_assert_nonnull (strstr (err, expected));
  g_assert_cmpint (tally_test_count_events (db), ==, 0);
}

static void
test_ingest_empty (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "usage.db", NULL);
  g_autofree char *file = write_file (dir, "empty.jsonl", "\n  \n");
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "ingest", "--db", db, file, NULL };
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "0 events stored, 0 rejected"));
}

static void
test_ingest_missing_file (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "usage.db", NULL);
  g_autofree char *file = g_build_filename (dir, "no-such.jsonl", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected = g_strdup_printf ("tally ingest: Cannot read %s: No such file or "
                                               "directory\n", file);
  const char *args[] = { "ingest", "--db", db, file, NULL };
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (err, ==, expected);
  /* Nothing was created for a file that could not be read. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

static void
test_ingest_unwritable_store (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *blocker = write_file (dir, "not-a-folder", "");
  g_autofree char *db = g_build_filename (blocker, "usage.db", NULL);
  g_autofree char *file = write_file (dir, "e.jsonl", "{\"time\": 1763856000, \"model\": \"m\"}\n");
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "ingest", "--db", db, file, NULL };
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, "tally ingest: "));
  g_assert_nonnull (strstr (err, blocker));
  g_assert_nonnull (strstr (err, "Not a directory"));
}

static void
test_ingest_stdin (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "usage.db", NULL);
  g_autofree char *input = g_strdup_printf ("{\"time\": %" G_GINT64_FORMAT ", \"model\": \"a\"}\n"
                                            "{\"time\": \"yesterday\", \"model\": \"a\"}\n",
                                            now_seconds () - 60);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "ingest", "--db", db, "-", NULL };
  int status;

  status = run_with_input (args, input, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "stdin:2: time: must be an RFC 3339 date-time or Unix seconds\n"));
  g_assert_nonnull (strstr (err, "stdin: 1 event stored, 1 rejected"));
  g_assert_cmpint (tally_test_count_events (db), ==, 1);
}

/* A pretty-printed JSON array: each element is reported at the line
 * where it starts. */
static void
test_ingest_json_array (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "usage.db", NULL);
  gint64 t = now_seconds () - 120;
  g_autofree char *text = g_strdup_printf (
    "\xEF\xBB\xBF[\n"
    "  {\n"
    "    \"time\": %" G_GINT64_FORMAT ",\n"
    "    \"model\": \"gpt-4o\",\n"
    "    \"labels\": {\"team\": \"a,b]\"}\n"
    "  },\n"
    "  {\n"
    "    \"time\": %" G_GINT64_FORMAT ",\n"
    "    \"output_tokens\": 1.5,\n"
    "    \"model\": \"gpt-4o\"\n"
    "  },\n"
    "  \"not an event\",\n"
    "  {\"time\": %" G_GINT64_FORMAT ", \"model\": \"o3\"}\n"
    "]\n",
    t, t, t);
  g_autofree char *file = write_file (dir, "events.json", text);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected_7 = g_strconcat (file, ":7: output_tokens: must be an integer ≥ 0\n",
                                             NULL);
  g_autofree char *expected_12 = g_strconcat (file, ":12: event: must be a JSON object\n", NULL);
  const char *args[] = { "ingest", "--db", db, file, NULL };
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, expected_7));
  g_assert_nonnull (strstr (err, expected_12));
  g_assert_nonnull (strstr (err, "2 events stored, 2 rejected"));
  g_assert_cmpint (tally_test_count_events (db), ==, 2);
  g_assert_cmpfloat (requests_of (db, "gpt-4o"), ==, 1);
  g_assert_cmpfloat (requests_of (db, "o3"), ==, 1);
}

static void
test_ingest_broken_array (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "usage.db", NULL);
  g_autofree char *text = g_strdup_printf ("[{\"time\": %" G_GINT64_FORMAT ", \"model\": \"a\"},,\n"
                                           "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"b\"}",
                                           now_seconds () - 60, now_seconds () - 60);
  g_autofree char *file = write_file (dir, "broken.json", text);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "ingest", "--db", db, file, NULL };
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, ":1: expected a value before ‘,’\n"));
  g_assert_nonnull (strstr (err, ":2: the array is not closed: ‘]’ is missing\n"));
  g_assert_cmpint (tally_test_count_events (db), ==, 2);
}

/* 100,000 lines, 30 of them bad: everything good is stored, in batches;
 * the first 20 rejections are listed, the others counted. */
static void
test_ingest_large (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "usage.db", NULL);
  g_autofree char *file = g_build_filename (dir, "large.jsonl", NULL);
  gint64 now_ms = g_get_real_time () / 1000;
  g_autoptr(GPtrArray) events = tally_test_make_events (7, 100000, now_ms - 86400000, now_ms - 1000);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *line_3000 = NULL;
  const char *args[] = { "ingest", "--db", db, file, NULL };
  int status;

  for (guint i = 0; i < events->len; i++)
    {
      g_autoptr(JsonNode) node = tally_event_to_json (g_ptr_array_index (events, i));
      g_autofree char *json = json_to_string (node, FALSE);

      /* Lines 3001, 6001, … are broken. */
      if (i % 3000 == 3000 - 1)
        g_string_append (text, "{\"time\": 0, \"model\": \"late\"}\n");
      else
        g_string_append_printf (text, "%s\n", json);
    }
  g_file_set_contents (file, text->str, text->len, &error);
  g_assert_no_error (error);

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  line_3000 = g_strconcat (file, ":3000: time: must be between 2000-01-01 and one day from now\n",
                           NULL);
  g_assert_nonnull (strstr (err, line_3000));
  g_assert_nonnull (strstr (err, ":60000: time:"));
  g_assert_null (strstr (err, ":63000: time:"));
  g_assert_nonnull (strstr (err, ": …and 13 more rejected events\n"));
  g_assert_nonnull (strstr (err, "99,967 events stored, 33 rejected (100,000 lines in"));
  g_assert_cmpint (tally_test_count_events (db), ==, 99967);
}

/* Without --db, events go to the user's store. */
static void
test_ingest_default_store (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *store = tally_paths_get_store_file ();
  g_autofree char *text = g_strdup_printf ("{\"time\": %" G_GINT64_FORMAT ", \"model\": \"a\"}\n",
                                           now_seconds () - 60);
  g_autofree char *file = write_file (dir, "one.jsonl", text);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "ingest", file, NULL };
  gint64 before = g_file_test (store, G_FILE_TEST_EXISTS) ? tally_test_count_events (store) : 0;
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (tally_test_count_events (store), ==, before + 1);
}

static void
test_ingest_usage (void)
{
  const char *no_file[] = { "ingest", NULL };
  const char *two_files[] = { "ingest", "a", "b", NULL };
  const char *source[] = { "ingest", "--source", "prometheus", "x.jsonl", NULL };
  const char *help[] = { "ingest", "--help", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;

  tally_test_run_tally (no_file, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "tally ingest: which file?"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  tally_test_run_tally (two_files, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  tally_test_run_tally (source, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (err, ==, "tally ingest: no data source named “prometheus” (configured: "
                            "“local”; add one in sources.json or in Preferences)\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  tally_test_run_tally (help, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "tally ingest [OPTION…] FILE"));
  g_assert_nonnull (strstr (out, "--db=PATH"));
  g_assert_nonnull (strstr (out, "--source=NAME"));
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/cli-ingest/good-and-bad", test_ingest_good_and_bad);
  g_test_add_func ("/tally/cli-ingest/all-bad", test_ingest_all_bad);
  g_test_add_func ("/tally/cli-ingest/empty", test_ingest_empty);
  g_test_add_func ("/tally/cli-ingest/missing-file", test_ingest_missing_file);
  g_test_add_func ("/tally/cli-ingest/unwritable-store", test_ingest_unwritable_store);
  g_test_add_func ("/tally/cli-ingest/stdin", test_ingest_stdin);
  g_test_add_func ("/tally/cli-ingest/json-array", test_ingest_json_array);
  g_test_add_func ("/tally/cli-ingest/broken-array", test_ingest_broken_array);
  g_test_add_func ("/tally/cli-ingest/large", test_ingest_large);
  g_test_add_func ("/tally/cli-ingest/default-store", test_ingest_default_store);
  g_test_add_func ("/tally/cli-ingest/usage", test_ingest_usage);

  return g_test_run ();
}
