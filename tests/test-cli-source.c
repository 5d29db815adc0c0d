/* test-cli-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `--source NAME` on the command line, with the real binary and a real
 * sources.json in the test's config dir: `tally query --source archive`
 * answers from the store that entry names (not from the user's own), an
 * unknown name is a usage error listing the configured ones, an entry
 * its type refuses fails with the source named, and the commands that
 * write only write to "local". */

#include "config.h"

#include <glib/gstdio.h>

#include "tally-frame.h"
#include "tally-paths.h"
#include "tally-test-utils.h"

static const double archive_costs[] = { 0.25, 0.5, 1.0, 2.0, 4.0, 0.125 };
static const double own_costs[] = { 10.0, 20.0 };

static char *range_from;
static char *range_to;

static void
ingest (const char   *db,
        const double *costs,
        guint         n,
        gint64        base)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *file = g_build_filename (dir, "events.jsonl", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *args[] = { "ingest", "--db", db, file, NULL };
  int status;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"gpt-4o\", "
                            "\"status\": 200, \"latency_ms\": 100, \"cost\": %g}\n",
                            base + i * 60, costs[i]);
  g_assert_true (g_file_set_contents (file, text->str, text->len, &error));
  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
}

static void
write_sources (const char *archive_db)
{
  g_autofree char *path = tally_paths_get_sources_file ();
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  text = g_strdup_printf ("{\"sources\":["
                          "{\"name\":\"archive\",\"type\":\"local\",\"path\":\"%s\"},"
                          "{\"name\":\"gateway\",\"type\":\"http-json\","
                          "\"url\":\"http://127.0.0.1:9/stats\",\"mapping\":{}}]}",
                          archive_db);
  g_assert_true (tally_paths_ensure_parent (path, &error));
  g_assert_true (g_file_set_contents (path, text, -1, &error));
}

static void
setup (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *archive = g_build_filename (dir, "archive.db", NULL);
  g_autofree char *own = tally_paths_get_store_file ();
  gint64 base = (g_get_real_time () / G_USEC_PER_SEC / 3600 - 24) * 3600;

  range_from = g_strdup_printf ("%" G_GINT64_FORMAT, base - 3600);
  range_to = g_strdup_printf ("%" G_GINT64_FORMAT, base + 3600);
  /* The user's store holds only what this run puts there. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (own, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_unlink (file);
    }
  ingest (archive, archive_costs, G_N_ELEMENTS (archive_costs), base);
  ingest (own, own_costs, G_N_ELEMENTS (own_costs), base);
  write_sources (archive);
}

static double
query_cost (const char *source)
{
  const char *args[] = { "query", "-m", "cost", "-s", "sum", "--from", range_from,
                         "--to", range_to, "--json", source ? "--source" : NULL, source, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TallyFrame) frame = NULL;
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 0);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  frame = tally_frame_new_from_json (node, &error);
  g_assert_no_error (error);
  return tally_frame_get_value (frame);
}

static double
sum (const double *values,
     guint         n)
{
  double total = 0;

  for (guint i = 0; i < n; i++)
    total += values[i];
  return total;
}

static void
test_query_source (void)
{
  g_assert_cmpfloat_with_epsilon (query_cost ("archive"),
                                  sum (archive_costs, G_N_ELEMENTS (archive_costs)), 1e-9);
  g_assert_cmpfloat_with_epsilon (query_cost (NULL),
                                  sum (own_costs, G_N_ELEMENTS (own_costs)), 1e-9);
  g_assert_cmpfloat_with_epsilon (query_cost ("local"),
                                  sum (own_costs, G_N_ELEMENTS (own_costs)), 1e-9);
}

static void
run_expect (const char * const *args,
            int                 expected_status,
            const char         *expected_err)
{
  g_autofree char *out = NULL, *err = NULL;
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, expected_status);
  g_assert_nonnull (strstr (err, expected_err));
  g_assert_cmpstr (out, ==, "");
}

static void
test_unknown_source (void)
{
  run_expect ((const char *[]) { "query", "--source", "nope", NULL }, 2,
              "tally query: no data source named “nope” (configured: “local”, “archive”, "
              "“gateway”");
  run_expect ((const char *[]) { "render", "--source", "nope", "x.json", "-o", "x.png", NULL }, 2,
              "no data source named “nope”");
  run_expect ((const char *[]) { "collect", "--source", "nope", NULL }, 2,
              "no data source named “nope”");
}

/* A source whose entry its type refuses: the type's own error, exit 1. */
static void
test_entry_refused (void)
{
  run_expect ((const char *[]) { "query", "--source", "gateway", NULL }, 1,
              "tally query: source “gateway”: mapping must have either “events” or “series”");
}

static void
test_local_only (void)
{
  run_expect ((const char *[]) { "ingest", "--source", "archive", "-", NULL }, 2,
              "tally ingest: the source “archive” is not your local store: only “local” can "
              "receive events");
  run_expect ((const char *[]) { "collect", "--source", "archive", NULL }, 2,
              "only “local” can collect events");
}

/* A broken sources.json is named in the error, not ignored. */
static void
test_broken_file (void)
{
  g_autofree char *path = tally_paths_get_sources_file ();
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &saved, NULL, &error));
  g_assert_true (g_file_set_contents (path, "{\"sources\":[{\"name\":\"x\",\"type\":\"openai\","
                                      "\"url\":\"https://h\",\"token\":\"sk\"}]}", -1, &error));
  run_expect ((const char *[]) { "query", "--source", "x", NULL }, 2, "would keep a secret");
  g_assert_true (g_file_set_contents (path, saved, -1, &error));
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);
  setup ();

  g_test_add_func ("/tally/cli-source/query", test_query_source);
  g_test_add_func ("/tally/cli-source/unknown", test_unknown_source);
  g_test_add_func ("/tally/cli-source/entry-refused", test_entry_refused);
  g_test_add_func ("/tally/cli-source/local-only", test_local_only);
  g_test_add_func ("/tally/cli-source/broken-file", test_broken_file);

  return g_test_run ();
}
