/* test-source-config.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* sources.json and the source registry: a real file in the test's
 * config dir is read, checked and written back with its unknown keys;
 * every broken entry is refused with a message naming it and the
 * problem; the registry makes sources with a constructor the test
 * registers, over a real store whose events the test counts, hands the
 * constructor the secret from token_env, follows the file's changes and
 * checks a source with a real query. */

#include "config.h"

#include <glib/gstdio.h>

#include "tally-error.h"
#include "tally-local-source.h"
#include "tally-paths.h"
#include "tally-source-config.h"
#include "tally-source-registry.h"
#include "tally-source-types.h"
#include "tally-test-events.h"
#include "tally-test-utils.h"

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tally_paths_ensure_parent (path, &error));
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static char *
tmp_path (const char *name)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();

  return g_build_filename (dir, name, NULL);
}

static void
test_round_trip (void)
{
  g_autofree char *path = tmp_path ("sources.json");
  g_autofree char *copy = tmp_path ("copy.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(TallySourceConfig) config = NULL, again = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *text = NULL;
  GStatBuf st;
  JsonObject *gw;

  write_file (path,
              "{\"sources\":[\n"
              " {\"name\":\"prod-prometheus\",\"type\":\"prometheus\",\"url\":\"http://127.0.0.1:9090\","
              "  \"auth\":\"bearer\",\"token_env\":\"PROM_TOKEN\",\"interval\":30},\n"
              " {\"name\":\"gw.v2_x\",\"type\":\"http-json\",\"url\":\"https://127.0.0.1:8080/stats\","
              "  \"mapping\":{\"events\":\"/data\",\"fields\":{\"cost\":\"/c\"}}}\n"
              "]}");
  config = tally_source_config_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tally_source_config_get_n_entries (config), ==, 2);
  names = tally_source_config_dup_names (config);
  g_assert_cmpstr (names[0], ==, "prod-prometheus");
  g_assert_cmpstr (names[1], ==, "gw.v2_x");
  g_assert_null (names[2]);
  g_assert_cmpstr (tally_source_entry_get_token_env (tally_source_config_get_entry (config, 0)),
                   ==, "PROM_TOKEN");
  gw = tally_source_config_lookup (config, "gw.v2_x");
  g_assert_cmpstr (tally_source_entry_get_type_name (gw), ==, "http-json");
  g_assert_cmpstr (tally_source_entry_get_url (gw), ==, "https://127.0.0.1:8080/stats");

  /* Written back: the unknown keys are all there, in a file only its
   * owner reads. */
  g_assert_true (tally_source_config_save (config, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (copy, &text, NULL, &error));
  written = json_from_string (text, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *first, *mapping;

    g_assert_true (json_parser_load_from_file (parser, path, &error));
    g_assert_true (json_node_equal (json_parser_get_root (parser), written));
    first = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (written), "sources"), 0);
    g_assert_cmpint (json_object_get_int_member (first, "interval"), ==, 30);
    g_assert_cmpstr (json_object_get_string_member (first, "auth"), ==, "bearer");
    mapping = json_object_get_object_member (
      json_array_get_object_element (
        json_object_get_array_member (json_node_get_object (written), "sources"), 1),
      "mapping");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (mapping,
                                                                                   "fields"),
                                                    "cost"), ==, "/c");
  }

  /* Edits: remove one, the other stays. */
  g_assert_true (tally_source_config_remove (config, "prod-prometheus"));
  g_assert_false (tally_source_config_remove (config, "prod-prometheus"));
  g_assert_true (tally_source_config_save (config, copy, &error));
  again = tally_source_config_load (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tally_source_config_get_n_entries (again), ==, 1);
  g_assert_nonnull (tally_source_config_lookup (again, "gw.v2_x"));
}

static void
test_missing_file (void)
{
  g_autofree char *path = tmp_path ("none.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(TallySourceConfig) config = tally_source_config_load (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (tally_source_config_get_n_entries (config), ==, 0);
}

static const struct
{
  const char *text;
  const char *expected[3];   /* fragments of the message */
} bad_files[] = {
  { "{\"sources\":[{\"name\":\"a\",\"type\":\"prometheus\",\"url\":\"http://h:1\"},"
    "{\"name\":\"a\",\"type\":\"openai\",\"url\":\"https://h\"}]}",
    { "“a”", "another source has this name", NULL } },
  { "{\"sources\":[{\"name\":\"a b\",\"type\":\"prometheus\",\"url\":\"http://h:1\"}]}",
    { "“a b”", "letters, digits", NULL } },
  { "{\"sources\":[{\"name\":\"local\",\"type\":\"prometheus\",\"url\":\"http://h:1\"}]}",
    { "“local”", "reserved", NULL } },
  { "{\"sources\":[{\"name\":\"p\",\"type\":\"graphite\",\"url\":\"http://h:1\"}]}",
    { "“p”", "unknown type “graphite”", "prometheus, openai, http-json" } },
  { "{\"sources\":[{\"name\":\"p\",\"type\":\"prometheus\",\"url\":\"ftp://h/x\"}]}",
    { "“p”", "ftp://h/x", "http:// or https://" } },
  { "{\"sources\":[{\"name\":\"p\",\"type\":\"prometheus\",\"url\":\"https://ops:hunter2@h/\"}]}",
    { "“p”", "user name or password before “@”", "token_env" } },
  { "{\"sources\":[{\"name\":\"p\",\"type\":\"prometheus\",\"url\":\"not a url\"}]}",
    { "“p”", "is not a URL", NULL } },
  { "{\"sources\":[{\"name\":\"p\",\"type\":\"prometheus\"}]}",
    { "“p”", "“url” key is missing", NULL } },
  { "{\"sources\":[{\"name\":\"p\",\"type\":\"openai\",\"url\":\"https://h\",\"token\":\"sk-1\"}]}",
    { "“p”", "“token” would keep a secret", "token_env" } },
  { "{\"sources\":[{\"name\":\"p\",\"type\":\"prometheus\",\"url\":\"http://h\","
    "\"Password\":\"x\"}]}",
    { "“p”", "“Password” would keep a secret", NULL } },
  { "{\"sources\":[{\"name\":\"p\",\"type\":\"openai\",\"url\":\"https://h\","
    "\"token_env\":\"9 bad\"}]}",
    { "“p”", "environment", NULL } },
  { "{\"sources\":[{\"name\":\"p\",\"type\":\"local\",\"path\":\"relative.db\"}]}",
    { "“p”", "absolute path", NULL } },
  { "{\"sources\":[{\"type\":\"prometheus\",\"url\":\"http://h\"}]}",
    { "“name” key is missing", NULL, NULL } },
  { "{\"sources\":[{\"name\":7,\"type\":\"prometheus\",\"url\":\"http://h\"}]}",
    { "“name” must be a string", NULL, NULL } },
  { "{\"sources\":{}}", { "sources", "list", NULL } },
  { "{\"sources\":[3]}", { "sources[0]", "object", NULL } },
  { "{\"sources\":[", { "sources.json", NULL, NULL } },
};

static void
test_invalid (void)
{
  g_autofree char *path = tmp_path ("sources.json");

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TallySourceConfig) config = NULL;

      write_file (path, bad_files[i].text);
      config = tally_source_config_load (path, &error);
      g_assert_null (config);
      g_assert_nonnull (error);
      g_test_message ("%s → %s", bad_files[i].text, error->message);
      /* The message starts with the file. */
      g_assert_true (g_str_has_prefix (error->message, path));
      for (guint j = 0; j < G_N_ELEMENTS (bad_files[i].expected); j++)
        {
          if (bad_files[i].expected[j] != NULL)
            g_assert_nonnull (strstr (error->message, bad_files[i].expected[j]));
        }
      /* A password in a URL is never repeated. */
      g_assert_null (strstr (error->message, "hunter2"));
    }
}

/* A secret refused on an edit too, and the config unchanged. */
static void
test_refuse_secret_on_add (void)
{
  g_autoptr(TallySourceConfig) config = tally_source_config_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string ("{\"name\":\"o\",\"type\":\"openai\","
                                               "\"url\":\"https://api.openai.com\","
                                               "\"secret\":\"sk-x\"}", NULL);
  g_autofree char *data = NULL;

  g_assert_false (tally_source_config_add (config, json_node_get_object (node), &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpuint (tally_source_config_get_n_entries (config), ==, 0);
  data = tally_source_config_to_data (config);
  g_assert_null (strstr (data, "sk-x"));
}

/* The constructor the test registers for "prometheus": a local source
 * over the store the entry's URL port picks, remembering its secret. */
static TallyStore *test_store;
static char *factory_secret;
static guint factory_calls;

static TallySource *
test_factory (const char  *name,
              JsonObject  *entry,
              const char  *secret,
              GError     **error)
{
  factory_calls++;
  g_free (factory_secret);
  factory_secret = g_strdup (secret);
  if (g_str_has_suffix (json_object_get_string_member (entry, "url"), ":1"))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK, "refused by the test");
      return NULL;
    }

  return g_object_new (TALLY_TYPE_LOCAL_SOURCE, "name", name, "store", test_store, NULL);
}

/* 2026-11-02 00:00:00 UTC */
#define T0 G_GINT64_CONSTANT (1793577600)
#define N_EVENTS 240

static TallyStore *
new_store (const char *path,
           gint64      from_s,
           gint64      to_s)
{
  g_autoptr(GPtrArray) events = tally_test_make_events (7, N_EVENTS, from_s * 1000, to_s * 1000);
  g_autoptr(GError) error = NULL;
  TallyStore *store = tally_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (tally_store_ingest (store, events, &error));
  g_assert_no_error (error);
  return store;
}

static double
query_requests (TallySource *source,
                gint64       from_s,
                gint64       to_s)
{
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (from_s, to_s, to_s, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  tally_source_query_async (source, query, range, NULL, tally_test_result_cb, &result);
  frame = tally_source_query_finish (source, tally_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return tally_frame_get_value (frame);
}

static TallySource *
get_source (TallySourceRegistry  *registry,
            const char           *name,
            GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tally_source_registry_get_source_async (registry, name, NULL, tally_test_result_cb, &result);
  return tally_source_registry_get_source_finish (registry, tally_test_wait_result (&result),
                                                  error);
}

static void
test_registry (void)
{
  g_autofree char *path = tally_paths_get_sources_file ();
  g_autofree char *db = tmp_path ("team.db");
  g_autoptr(TallySourceRegistry) registry = NULL;
  g_autoptr(TallySource) team = NULL, again = NULL, gw = NULL, missing = NULL, edited = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  test_store = new_store (db, T0, T0 + 3600);
  /* The test's own constructor in place of the built-in one. */
  tally_source_types_ensure ();
  tally_source_registry_register_type ("prometheus", test_factory);
  /* A NULL constructor never replaces a real one. */
  tally_source_registry_register_type ("prometheus", NULL);
  g_setenv ("TALLY_TEST_TEAM_TOKEN", "s3cret-from-env", TRUE);
  write_file (path,
              "{\"sources\":[{\"name\":\"team\",\"type\":\"prometheus\",\"url\":\"http://127.0.0.1:9\","
              "\"token_env\":\"TALLY_TEST_TEAM_TOKEN\"},"
              "{\"name\":\"gw\",\"type\":\"http-json\",\"url\":\"http://127.0.0.1:8\"}]}");

  registry = tally_source_registry_new (NULL);
  g_assert_null (tally_source_registry_get_error (registry));
  names = tally_source_registry_dup_names (registry);
  g_assert_cmpstrv (names, ((const char *[]) { "local", "team", "gw", NULL }));

  team = get_source (registry, "team", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tally_source_get_name (team), ==, "team");
  g_assert_cmpstr (factory_secret, ==, "s3cret-from-env");
  g_assert_cmpfloat (query_requests (team, T0, T0 + 3600), ==, N_EVENTS);
  again = get_source (registry, "team", &error);
  g_assert_true (again == team);
  g_assert_cmpuint (factory_calls, ==, 1);
  g_clear_object (&again);

  /* Only the secret changed: forgotten, the source is made again with it. */
  g_setenv ("TALLY_TEST_TEAM_TOKEN", "s3cret-renewed", TRUE);
  tally_source_registry_forget (registry, "team");
  again = get_source (registry, "team", &error);
  g_assert_no_error (error);
  g_assert_true (again != team);
  g_assert_cmpuint (factory_calls, ==, 2);
  g_assert_cmpstr (factory_secret, ==, "s3cret-renewed");

  gw = get_source (registry, "gw", &error);
  g_assert_null (gw);
  /* The http-json constructor refuses an entry without a mapping. */
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "source “gw”: “mapping” must be an object of JSON pointers (docs/json-api.md)");
  g_clear_error (&error);

  missing = get_source (registry, "nope", &error);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“nope”"));
  g_assert_nonnull (strstr (error->message, "“local”, “team”, “gw”"));
  g_clear_error (&error);

  /* "local" is the store set, none yet. */
  g_assert_null (tally_source_registry_get_source (registry, "local", NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An edit of the file: the changed source is made again; its
   * constructor's failure reaches the caller. */
  write_file (path,
              "{\"sources\":[{\"name\":\"team\",\"type\":\"prometheus\",\"url\":\"http://127.0.0.1:1\"}]}");
  g_assert_true (tally_source_registry_reload (registry, &error));
  g_assert_false (tally_source_registry_has (registry, "gw"));
  edited = tally_source_registry_get_source (registry, "team", NULL, &error);
  g_assert_null (edited);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK);
  g_assert_cmpuint (factory_calls, ==, 3);
  g_assert_null (factory_secret);
  g_clear_error (&error);

  /* A broken file keeps the last entries and says why. */
  write_file (path, "{\"sources\":[{\"name\":\"x\"}]}");
  g_assert_false (tally_source_registry_reload (registry, &error));
  g_assert_nonnull (strstr (tally_source_registry_get_error (registry), "“type” key is missing"));
  g_assert_true (tally_source_registry_has (registry, "team"));
  g_clear_error (&error);

  g_unlink (path);
  g_clear_object (&test_store);
  g_clear_pointer (&factory_secret, g_free);
}

/* A configured "local" source: another store file, read-only. */
static void
test_local_type (void)
{
  g_autofree char *db = tmp_path ("archive.db");
  g_autofree char *path = tmp_path ("sources.json");
  g_autofree char *text = NULL;
  g_autoptr(TallyStore) store = new_store (db, T0, T0 + 600);
  g_autoptr(TallySourceRegistry) registry = NULL;
  g_autoptr(TallySource) archive = NULL;
  g_autoptr(GError) error = NULL;

  tally_store_close (store);
  text = g_strdup_printf ("{\"sources\":[{\"name\":\"archive\",\"type\":\"local\",\"path\":\"%s\"}]}",
                          db);
  write_file (path, text);
  registry = tally_source_registry_new (path);
  archive = tally_source_registry_get_source (registry, "archive", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (query_requests (archive, T0, T0 + 3600), ==, N_EVENTS);
}

/* The default check: a real query, its count in the summary. */
static void
test_check (void)
{
  g_autofree char *db = tmp_path ("now.db");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(TallyStore) store = new_store (db, now - 1800, now - 60);
  g_autoptr(TallyLocalSource) source = tally_local_source_new (store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *expected = g_strdup_printf ("Connected: %d requests in the last hour",
                                               N_EVENTS);

  tally_source_check_async (TALLY_SOURCE (source), NULL, tally_test_result_cb, &result);
  summary = tally_source_check_finish (TALLY_SOURCE (source), tally_test_wait_result (&result),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/source-config/round-trip", test_round_trip);
  g_test_add_func ("/tally/source-config/missing-file", test_missing_file);
  g_test_add_func ("/tally/source-config/invalid", test_invalid);
  g_test_add_func ("/tally/source-config/refuse-secret", test_refuse_secret_on_add);
  g_test_add_func ("/tally/source-config/registry", test_registry);
  g_test_add_func ("/tally/source-config/local-type", test_local_type);
  g_test_add_func ("/tally/source-config/check", test_check);

  return g_test_run ();
}
