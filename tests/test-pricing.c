/* test-pricing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Prices and costs: snapshot names matched to their base model, the cost
 * of cached tokens, the user's overrides, files that break the rules, and
 * costs computed at ingest into a real store (through `tally ingest`)
 * against sums worked out here from data/pricing.json itself; a request
 * of an unknown model, or without any token count, has no cost. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "tally-error.h"
#include "tally-pricing.h"
#include "tally-store.h"
#include "tally-test-utils.h"

/* A model's prices as data/pricing.json lists them, read here apart from
 * tally-pricing.c. */
static void
shipped_price (const char *provider,
               const char *model,
               double     *input,
               double     *output,
               double     *cached)
{
  g_autofree char *path = g_build_filename (g_getenv ("TALLY_SOURCE_ROOT"), "data",
                                            "pricing.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *entry;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  entry = json_object_get_object_member (
    json_object_get_object_member (
      json_object_get_object_member (json_object_get_object_member (root, "providers"), provider),
      "models"),
    model);
  g_assert_nonnull (entry);
  *input = json_object_get_double_member (entry, "input");
  *output = json_object_get_double_member (entry, "output");
  *cached = json_object_has_member (entry, "cached_input")
              ? json_object_get_double_member (entry, "cached_input") : *input;
}

static void
assert_matches (TallyPricing *pricing,
                const char   *model,
                const char   *provider,
                const char   *base)
{
  TallyPrice price;
  double input, output, cached;

  shipped_price (provider, base, &input, &output, &cached);
  if (!tally_pricing_lookup (pricing, model, &price))
    g_error ("%s: no price, expected %s's", model, base);
  g_assert_cmpfloat (price.input, ==, input);
  g_assert_cmpfloat (price.output, ==, output);
  g_assert_cmpfloat (price.cached_input, ==, cached);
  g_assert_cmpstr (price.provider, ==, provider);
}

static void
test_pricing_snapshots (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyPricing) pricing = tally_pricing_new_default (&error);

  g_assert_no_error (error);
  g_assert_cmpuint (tally_pricing_get_n_models (pricing), >=, 40);
  assert_matches (pricing, "gpt-4o", "openai", "gpt-4o");
  assert_matches (pricing, "gpt-4o-2024-08-06", "openai", "gpt-4o");
  assert_matches (pricing, "gpt-4o-mini-2024-07-18", "openai", "gpt-4o-mini");
  assert_matches (pricing, "GPT-4o-Mini", "openai", "gpt-4o-mini");
  assert_matches (pricing, "gpt-4.1-2025-04-14", "openai", "gpt-4.1");
  assert_matches (pricing, "gpt-4.1-mini-2025-04-14", "openai", "gpt-4.1-mini");
  assert_matches (pricing, "claude-3-5-sonnet-20241022", "anthropic", "claude-3-5-sonnet");
  assert_matches (pricing, "claude-3-5-sonnet@20241022", "anthropic", "claude-3-5-sonnet");
  assert_matches (pricing, "claude-sonnet-4-20250514", "anthropic", "claude-sonnet-4");
  assert_matches (pricing, "claude-sonnet-4-5-20250929", "anthropic", "claude-sonnet-4-5");
  assert_matches (pricing, "gemini-2.5-flash-lite-preview-06-17", "gcp.gemini", "gemini-2.5-flash-lite");
  assert_matches (pricing, "gemini-2.5-pro-preview-05-06", "gcp.gemini", "gemini-2.5-pro");
  assert_matches (pricing, "mistral-large-2512", "mistral_ai", "mistral-large");
  assert_matches (pricing, "mistral-small-latest", "mistral_ai", "mistral-small");
  assert_matches (pricing, "deepseek-chat", "deepseek", "deepseek-chat");
  assert_matches (pricing, "grok-3-mini-beta", "x_ai", "grok-3-mini");
  assert_matches (pricing, "openrouter/openai/gpt-4o-2024-11-20", "openai", "gpt-4o");
  assert_matches (pricing, "meta-llama/llama-4-scout-17b-16e-instruct", "groq",
                  "meta-llama/llama-4-scout-17b-16e-instruct");

  /* A prefix counts only where a snapshot suffix starts: not "gpt-4" for
   * "gpt-4.5" or "gpt-4oo", not "o1" for "o1x". */
  g_assert_false (tally_pricing_lookup (pricing, "gpt-4.5-preview", NULL));
  g_assert_false (tally_pricing_lookup (pricing, "gpt-4oo", NULL));
  g_assert_false (tally_pricing_lookup (pricing, "o1x", NULL));
  g_assert_false (tally_pricing_lookup (pricing, "my-own-model", NULL));
  g_assert_false (tally_pricing_lookup (pricing, "", NULL));
  g_assert_false (tally_pricing_lookup (pricing, NULL, NULL));
  g_assert_false (tally_pricing_lookup (pricing, "openrouter/", NULL));
}

static const char test_table[] =
  "{\"providers\": {\"acme\": {\"as_of\": \"2025-01-01\", \"source\": \"https://example.com\","
  " \"models\": {"
  "   \"acme-large\": {\"input\": 3, \"output\": 15, \"cached_input\": 0.3},"
  "   \"acme-small\": {\"input\": 0.5, \"output\": 1.5}}}}}";

/* By hand: acme-large, 1200 input of which 1024 cached, 340 output:
 * 176 × 3 + 1024 × 0.3 + 340 × 15 = 528 + 307.2 + 5100 = 5935.2 per 1M.
 * acme-small has no cached price: cached tokens cost the input price. */
static void
test_pricing_cost (void)
{
  g_autoptr(TallyPricing) pricing = tally_pricing_new ();
  g_autoptr(GError) error = NULL;
  double cost = -7;

  tally_pricing_load_data (pricing, test_table, -1, "test", &error);
  g_assert_no_error (error);

  g_assert_true (tally_pricing_cost (pricing, "acme-large", 1200, 340, 1024, &cost));
  g_assert_cmpfloat_with_epsilon (cost, 5935.2e-6, 1e-12);
  g_assert_true (tally_pricing_cost (pricing, "acme-large-2025", 1200, 340, -1, &cost));
  g_assert_cmpfloat_with_epsilon (cost, (1200 * 3 + 340 * 15) * 1e-6, 1e-12);
  g_assert_true (tally_pricing_cost (pricing, "acme-small", 1000, 100, 500, &cost));
  g_assert_cmpfloat_with_epsilon (cost, (1000 * 0.5 + 100 * 1.5) * 1e-6, 1e-12);
  /* Nothing known but the model: nothing billed. */
  g_assert_true (tally_pricing_cost (pricing, "acme-small", -1, -1, -1, &cost));
  g_assert_cmpfloat (cost, ==, 0);
  /* More cached than input tokens: the cached ones at the cached price. */
  g_assert_true (tally_pricing_cost (pricing, "acme-large", 100, 0, 200, &cost));
  g_assert_cmpfloat_with_epsilon (cost, 200 * 0.3e-6, 1e-12);

  cost = -7;
  g_assert_false (tally_pricing_cost (pricing, "acme-huge", 1200, 340, 0, &cost));
  g_assert_cmpfloat (cost, ==, -7);
}

static char *
user_file (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "tally", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, "pricing.json", NULL);
}

static void
test_pricing_overrides (void)
{
  g_autofree char *path = user_file ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyPricing) pricing = NULL;
  TallyPrice price;
  double input, output, cached;

  g_file_set_contents (path,
                       "{\"providers\": {\"my-deal\": {\"models\": {"
                       " \"gpt-4o\": {\"input\": 1, \"output\": 4},"
                       " \"house-llm\": {\"input\": 0.01, \"output\": 0.02, \"cached_input\": 0}}}}}",
                       -1, &error);
  g_assert_no_error (error);
  pricing = tally_pricing_new_default (&error);
  g_assert_no_error (error);

  /* The override wins, for the snapshots too; the others keep the list's. */
  g_assert_true (tally_pricing_lookup (pricing, "gpt-4o-2024-08-06", &price));
  g_assert_cmpfloat (price.input, ==, 1);
  g_assert_cmpfloat (price.output, ==, 4);
  g_assert_cmpfloat (price.cached_input, ==, 1);
  g_assert_cmpstr (price.provider, ==, "my-deal");
  assert_matches (pricing, "gpt-4o-mini", "openai", "gpt-4o-mini");
  g_assert_true (tally_pricing_lookup (pricing, "house-llm", &price));
  g_assert_cmpfloat (price.cached_input, ==, 0);
  shipped_price ("openai", "gpt-4o-mini", &input, &output, &cached);
  g_assert_cmpfloat (input, >, 0);

  /* A broken file is an error that names it. */
  g_file_set_contents (path, "{\"providers\": {\"x\": {\"models\": {\"m\": {\"input\": \"cheap\"}}}}}",
                       -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&pricing, tally_pricing_unref);
  pricing = tally_pricing_new_default (&error);
  g_assert_null (pricing);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "providers.x.models.m.input"));

  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* The user's file is read as every settings file is: the same messages
 * for loading it and for editing it. */
static void
test_pricing_user_file_errors (void)
{
  g_autofree char *path = user_file ();
  g_autofree char *not_json = g_strconcat (path, " is not valid JSON: line 1, column 14: "
                                           "unexpected end of file, expected character `}'", NULL);
  g_autofree char *empty = g_strconcat (path, ": $: must be an object with “providers”", NULL);
  g_autofree char *edit_empty = g_strconcat (path, ": must be an object", NULL);
  g_autoptr(TallyPricing) pricing = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "{\"providers\": ", -1, NULL));
  pricing = tally_pricing_new_default (&error);
  g_assert_null (pricing);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, not_json);
  g_clear_error (&error);
  g_assert_false (tally_pricing_set_override ("house-llm", 1, 2, NAN, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, not_json);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "", -1, NULL));
  pricing = tally_pricing_new_user (&error);
  g_assert_null (pricing);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, empty);
  g_clear_error (&error);
  g_assert_false (tally_pricing_remove_override ("house-llm", &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, edit_empty);
  g_clear_error (&error);

  /* unchanged by the refused edits */
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "");
  }
  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_pricing_bad_files (void)
{
  static const struct
  {
    const char *data;
    const char *message;
  } cases[] = {
    { "{", "t is not valid JSON: line 1, column 1: unexpected character `{', expected string constant" },
    { "[]", "t: $: must be an object with “providers”" },
    { "{\"providers\": []}", "t: providers: must be an object of providers" },
    { "{\"providers\": {\"p\": 1}}", "t: providers.p: must be an object with “models”" },
    { "{\"providers\": {\"p\": {}}}", "t: providers.p.models: must be an object of models" },
    { "{\"providers\": {\"p\": {\"models\": {\"m\": 2}}}}",
      "t: providers.p.models.m: must be an object with “input” and “output”" },
    { "{\"providers\": {\"p\": {\"models\": {\"m\": {\"input\": 1}}}}}",
      "t: providers.p.models.m.output: required" },
    { "{\"providers\": {\"p\": {\"models\": {\"m\": {\"input\": -1, \"output\": 1}}}}}",
      "t: providers.p.models.m.input: must be between 0 and 1000000 USD per 1M tokens" },
    { "{\"providers\": {\"p\": {\"models\": {\"m\": {\"input\": 1e9, \"output\": 1}}}}}",
      "t: providers.p.models.m.input: must be between 0 and 1000000 USD per 1M tokens" },
    { "{\"providers\": {\"p\": {\"models\": {\"\": {\"input\": 1, \"output\": 1}}}}}",
      "t: providers.p.models.: a model name must be 1 to 256 bytes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TallyPricing) pricing = tally_pricing_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (tally_pricing_load_data (pricing, cases[i].data, -1, "t", &error));
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("%s: “%s”, expected “%s”", cases[i].data, error->message, cases[i].message);
      g_assert_cmpuint (tally_pricing_get_n_models (pricing), ==, 0);
    }
}

/* The value of a scalar query in the store at @db, over the last day. */
static double
scalar_of (const char  *db,
           TallyMetric  metric)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = tally_store_open_read_only (db, &error);
  g_autoptr(TallyQuery) query = tally_query_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(TallyTimeRange) range = tally_time_range_parse ("now-1d", "now+1m", now, &error);
  g_autoptr(TallyFrame) frame = NULL;

  g_assert_no_error (error);
  query->metric = metric;
  query->stat = tally_metric_has_stat (metric, TALLY_STAT_SUM) ? TALLY_STAT_SUM : TALLY_STAT_AVG;
  frame = tally_store_query (store, query, range, NULL, &error);
  g_assert_no_error (error);
  return tally_frame_get_value (frame);
}

static double
cost_of (const char *provider,
         const char *model,
         double      input_tokens,
         double      output_tokens,
         double      cached_tokens)
{
  double input, output, cached;

  shipped_price (provider, model, &input, &output, &cached);
  return ((input_tokens - cached_tokens) * input + cached_tokens * cached +
          output_tokens * output) / 1e6;
}

/* Events through `tally ingest` into a real store: the costs it computed
 * add up to the sum worked out here; a sender's own cost is kept; unknown
 * models have none and are counted, not priced at $0. */
static void
test_pricing_ingest (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "usage.db", NULL);
  g_autofree char *file = g_build_filename (dir, "events.jsonl", NULL);
  gint64 t = g_get_real_time () / G_USEC_PER_SEC - 3600;
  g_autofree char *text = g_strdup_printf (
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"gpt-4o-2024-08-06\", \"input_tokens\": 1200,"
    " \"output_tokens\": 340, \"cached_tokens\": 1024}\n"
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"claude-3-5-haiku-20241022\", \"input_tokens\": 5000,"
    " \"output_tokens\": 800}\n"
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"gemini-2.0-flash\", \"input_tokens\": 70000,"
    " \"output_tokens\": 1000, \"cached_tokens\": 60000}\n"
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"gpt-4o\", \"input_tokens\": 10, \"cost\": 0.5}\n"
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"mystery-1\", \"input_tokens\": 99999}\n"
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"mystery-2\", \"input_tokens\": 5, \"cost\": 0.25}\n"
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"mystery-1\", \"status\": 500}\n"
    "{\"time\": %" G_GINT64_FORMAT ", \"model\": \"gpt-4o\", \"status\": 500}\n",
    t, t + 1, t + 2, t + 3, t + 4, t + 5, t + 6, t + 7);
  const char *ingest[] = { "ingest", "--db", db, file, NULL };
  const char *query[] = { "query", "--db", db, "--metric", "unpriced_requests", "--json", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  double expected;
  int status;

  g_file_set_contents (file, text, -1, &error);
  g_assert_no_error (error);
  tally_test_run_tally (ingest, NULL, NULL, &err, &status);
  g_assert_cmpint (status, ==, 0);

  expected = cost_of ("openai", "gpt-4o", 1200, 340, 1024) +
             cost_of ("anthropic", "claude-3-5-haiku", 5000, 800, 0) +
             cost_of ("gcp.gemini", "gemini-2.0-flash", 70000, 1000, 60000) + 0.5 + 0.25;
  g_assert_cmpfloat_with_epsilon (scalar_of (db, TALLY_METRIC_COST), expected, 1e-9);
  /* mystery-1 twice, and gpt-4o without any token count */
  g_assert_cmpfloat (scalar_of (db, TALLY_METRIC_UNPRICED_REQUESTS), ==, 3);
  g_assert_cmpfloat (scalar_of (db, TALLY_METRIC_REQUESTS), ==, 8);
  /* Over the five requests with a cost. */
  g_assert_cmpfloat_with_epsilon (scalar_of (db, TALLY_METRIC_COST_PER_REQUEST), expected / 5, 1e-9);

  tally_test_run_tally (query, NULL, &out, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (json_parser_get_root (parser)),
                                                    "value"), ==, 3);
}

/* The store's own pricing: set by the caller, used for what it ingests. */
static void
test_pricing_store (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "usage.db", NULL);
  g_autoptr(TallyPricing) pricing = tally_pricing_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_event_free);
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now_ms = g_get_real_time () / 1000;

  tally_pricing_load_data (pricing, test_table, -1, "test", &error);
  g_assert_no_error (error);
  store = tally_store_open (db, &error);
  g_assert_no_error (error);
  tally_store_set_pricing (store, pricing);

  for (guint i = 0; i < 3; i++)
    {
      TallyEvent *event = tally_event_new ();

      event->time_ms = now_ms - 60000 * (i + 1);
      event->dims[TALLY_DIMENSION_MODEL] = g_strdup (i == 2 ? "gpt-4o" : "acme-large");
      event->input_tokens = 1200;
      event->output_tokens = 340;
      event->cached_tokens = 1024;
      g_ptr_array_add (events, event);
    }
  tally_store_ingest (store, events, &error);
  g_assert_no_error (error);
  tally_store_flush (store, &error);
  g_assert_no_error (error);
  tally_store_close (store);

  /* gpt-4o is not in this store's table. */
  g_assert_cmpfloat_with_epsilon (scalar_of (db, TALLY_METRIC_COST), 2 * 5935.2e-6, 1e-12);
  g_assert_cmpfloat (scalar_of (db, TALLY_METRIC_UNPRICED_REQUESTS), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/pricing/snapshots", test_pricing_snapshots);
  g_test_add_func ("/tally/pricing/cost", test_pricing_cost);
  g_test_add_func ("/tally/pricing/overrides", test_pricing_overrides);
  g_test_add_func ("/tally/pricing/bad-files", test_pricing_bad_files);
  g_test_add_func ("/tally/pricing/user-file-errors", test_pricing_user_file_errors);
  g_test_add_func ("/tally/pricing/ingest", test_pricing_ingest);
  g_test_add_func ("/tally/pricing/store", test_pricing_store);

  return g_test_run ();
}
