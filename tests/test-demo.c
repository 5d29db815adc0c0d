/* test-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The demo traffic: the same seed and moment give the same events, and
 * the events have what the demo promises — working hours and weekends in
 * the local zone, an outage and a 429 flood, list prices, many models,
 * projects, users and voices — and `tally demo` writes only the store it
 * should, which `tally query` then reads. */

#include "config.h"

#include <math.h>

#include "tally-demo.h"
#include "tally-error.h"
#include "tally-paths.h"
#include "tally-store.h"
#include "tally-test-utils.h"

/* 2026-11-02 12:20:34 UTC, a Monday */
#define NOW G_GINT64_CONSTANT (1793622034)
#define BUCKET_S 600

typedef struct
{
  GTimeZone  *tz;
  gint64      from;
  gint64      to;
  GChecksum  *checksum;
  guint64     n_events;
  guint       n_batches;
  double      weekday_hours[24];
  GHashTable *days;          /* local day number → events */
  GHashTable *sets;          /* "model:gpt-4o", "voice:alloy", … → 1 */
  GHashTable *counts;        /* "5xx|openai|bucket", "req|openai|bucket", "429|project|bucket" */
  GHashTable *latencies;     /* model → GArray of double, successful requests */
  guint       n_priced;
} Stats;

static void
stats_init (Stats      *stats,
            GTimeZone  *tz,
            gint64      now,
            guint       days)
{
  memset (stats, 0, sizeof *stats);
  stats->tz = tz;
  stats->from = now - (gint64) days * 86400;
  stats->to = now;
  stats->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  stats->days = g_hash_table_new (g_int64_hash, g_int64_equal);
  stats->sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stats->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stats->latencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_array_unref);
}

static void
stats_clear (Stats *stats)
{
  GHashTableIter iter;
  gpointer key;

  g_checksum_free (stats->checksum);
  g_hash_table_iter_init (&iter, stats->days);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_free (key);
  g_hash_table_unref (stats->days);
  g_hash_table_unref (stats->sets);
  g_hash_table_unref (stats->counts);
  g_hash_table_unref (stats->latencies);
}

static void
count (GHashTable *table,
       char       *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_replace (table, key, GUINT_TO_POINTER (n + 1));
}

static guint
count_of (GHashTable *table,
          const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
}

static void
add_to_set (Stats      *stats,
            const char *kind,
            const char *value)
{
  if (value != NULL)
    g_hash_table_add (stats->sets, g_strconcat (kind, ":", value, NULL));
}

static guint
set_size (Stats      *stats,
          const char *kind)
{
  g_autofree char *prefix = g_strconcat (kind, ":", NULL);
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  g_hash_table_iter_init (&iter, stats->sets);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    n += g_str_has_prefix (key, prefix);
  return n;
}

/* The list prices of a few models, written out here rather than read from
 * the demo's table, so a wrong table fails. USD per million tokens. */
static gboolean
expected_cost (const TallyEvent *e,
               double           *cost)
{
  static const struct { const char *model; double in, cached, out, minute; } known[] = {
    { "gpt-4o", 2.50, 1.25, 10.00, 0 },
    { "gpt-4o-mini", 0.15, 0.075, 0.60, 0 },
    { "claude-sonnet-4-20250514", 3.00, 0.30, 15.00, 0 },
    { "claude-opus-4-20250514", 15.00, 1.50, 75.00, 0 },
    { "gemini-2.5-flash", 0.30, 0.075, 2.50, 0 },
    { "text-embedding-3-small", 0.02, 0, 0, 0 },
    { "gpt-4o-mini-tts", 0.60, 0, 12.00, 0 },
    { "whisper-1", 0, 0, 0, 0.006 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      gint64 cached = MAX (e->cached_tokens, 0);

      if (!g_str_equal (known[i].model, e->dims[TALLY_DIMENSION_MODEL]))
        continue;
      *cost = (MAX (e->input_tokens, 0) - cached) * known[i].in + cached * known[i].cached +
              MAX (e->output_tokens, 0) * known[i].out;
      *cost = *cost / 1e6 + (known[i].minute > 0 ? e->audio_ms / 60000 * known[i].minute : 0);
      return TRUE;
    }
  return FALSE;
}

static void
check_event (Stats            *stats,
             const TallyEvent *e)
{
  double cost;

  g_assert_cmpint (e->time_ms, >=, stats->from * 1000);
  g_assert_cmpint (e->time_ms, <, stats->to * 1000);
  for (guint d = TALLY_DIMENSION_MODEL; d <= TALLY_DIMENSION_USER; d++)
    g_assert_nonnull (e->dims[d]);
  g_assert_nonnull (e->dims[TALLY_DIMENSION_SERVICE]);
  g_assert_nonnull (e->dims[TALLY_DIMENSION_OPERATION]);
  g_assert_nonnull (strstr (e->dims[TALLY_DIMENSION_API_KEY], "…"));
  g_assert_cmpuint (strlen (e->trace_id), ==, 32);
  g_assert_nonnull (e->request_id);
  g_assert_cmpfloat (e->latency_ms, >, 0);
  g_assert_true (e->status == 0 || e->status >= 200);
  if (!isnan (e->ttft_ms))
    g_assert_cmpfloat (e->ttft_ms, <=, e->latency_ms);

  if (e->status != 200)
    g_assert_cmpfloat (e->cost, ==, 0);
  else if (expected_cost (e, &cost))
    {
      g_assert_cmpfloat_with_epsilon (e->cost, cost, 1e-12);
      g_assert_cmpfloat (e->cost, >, 0);
      stats->n_priced++;
    }

  /* Speech carries its voice, and both speech operations wait in the
   * queue before their service and, when they succeed, report their audio. */
  if (g_str_equal (e->dims[TALLY_DIMENSION_OPERATION], "speech"))
    g_assert_nonnull (tally_event_get_label (e, "voice"));
  if (g_str_equal (e->dims[TALLY_DIMENSION_OPERATION], "speech") ||
      g_str_equal (e->dims[TALLY_DIMENSION_OPERATION], "transcription"))
    {
      g_assert_false (isnan (e->queue_ms));
      if (e->status == 200)
        g_assert_cmpfloat (e->audio_ms, >, 0);
    }
}

static void
add_stats (Stats            *stats,
                   const TallyEvent *e)
{
  gint64 t = e->time_ms / 1000;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, stats->tz);
  gint64 day = (t + g_date_time_get_utc_offset (local) / G_USEC_PER_SEC) / 86400;
  gint64 bucket = t / BUCKET_S;
  const char *provider = e->dims[TALLY_DIMENSION_PROVIDER];
  const char *project = e->dims[TALLY_DIMENSION_PROJECT];
  gint64 *day_key = g_memdup2 (&day, sizeof day);

  if (g_date_time_get_day_of_week (local) <= 5)
    stats->weekday_hours[g_date_time_get_hour (local)]++;
  if (g_hash_table_contains (stats->days, day_key))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (stats->days, day_key));

      g_hash_table_replace (stats->days, day_key, GUINT_TO_POINTER (n + 1));
    }
  else
    g_hash_table_insert (stats->days, day_key, GUINT_TO_POINTER (1));

  count (stats->counts, g_strdup_printf ("req|%s|%" G_GINT64_FORMAT, provider, bucket));
  count (stats->counts, g_strdup_printf ("preq|%s|%" G_GINT64_FORMAT, project, bucket));
  if (e->status == 0 || e->status >= 500)
    count (stats->counts, g_strdup_printf ("5xx|%s|%" G_GINT64_FORMAT, provider, bucket));
  if (e->status == 429)
    count (stats->counts, g_strdup_printf ("429|%s|%" G_GINT64_FORMAT, project, bucket));

  add_to_set (stats, "provider", provider);
  add_to_set (stats, "model", e->dims[TALLY_DIMENSION_MODEL]);
  add_to_set (stats, "project", project);
  add_to_set (stats, "user", e->dims[TALLY_DIMENSION_USER]);
  add_to_set (stats, "key", e->dims[TALLY_DIMENSION_API_KEY]);
  add_to_set (stats, "language", e->dims[TALLY_DIMENSION_LANGUAGE]);
  add_to_set (stats, "operation", e->dims[TALLY_DIMENSION_OPERATION]);
  add_to_set (stats, "service", e->dims[TALLY_DIMENSION_SERVICE]);
  add_to_set (stats, "voice", tally_event_get_label (e, "voice"));

  if (e->status == 200)
    {
      GArray *latencies = g_hash_table_lookup (stats->latencies, e->dims[TALLY_DIMENSION_MODEL]);

      if (latencies == NULL)
        {
          latencies = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (stats->latencies, g_strdup (e->dims[TALLY_DIMENSION_MODEL]),
                               latencies);
        }
      g_array_append_val (latencies, e->latency_ms);
    }
}

static gboolean
collect_cb (GPtrArray               *events,
            const TallyDemoProgress *progress,
            gpointer                 user_data,
            GError                 **error)
{
  Stats *stats = user_data;

  stats->n_batches++;
  for (guint i = 0; i < events->len; i++)
    {
      const TallyEvent *e = g_ptr_array_index (events, i);
      g_autoptr(JsonNode) node = tally_event_to_json (e);
      g_autofree char *json = json_to_string (node, FALSE);

      g_checksum_update (stats->checksum, (const guchar *) json, -1);
      check_event (stats, e);
      add_stats (stats, e);
      stats->n_events++;
    }
  g_assert_cmpuint (progress->n_events, ==, stats->n_events);

  return TRUE;
}

static void
generate (Stats      *stats,
          gint64      now,
          guint       days,
          guint64     seed,
          double      rate,
          const char *zone,
          guint       batch_size)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GError) error = NULL;
  TallyDemoParams params;
  TallyDemoProgress summary;

  g_assert_nonnull (tz);
  tally_demo_params_init (&params);
  params.now = now;
  params.days = days;
  params.seed = seed;
  params.rate = rate;
  params.tz = tz;
  params.batch_size = batch_size;

  stats_init (stats, g_time_zone_ref (tz), now, days);
  g_assert_true (tally_demo_generate (&params, collect_cb, stats, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_events, ==, stats->n_events);
  g_assert_cmpuint (summary.days_done, ==, days);
  g_assert_cmpint (summary.from, ==, now - (gint64) days * 86400);
  g_assert_cmpint (summary.to, ==, now);
}

static void
stats_free (Stats *stats)
{
  g_time_zone_unref (stats->tz);
  stats_clear (stats);
}

static char *
digest (gint64      now,
        guint       days,
        guint64     seed,
        const char *zone,
        guint       batch_size,
        guint      *n_batches)
{
  Stats stats;
  char *hash;

  generate (&stats, now, days, seed, 2000, zone, batch_size);
  hash = g_strdup (g_checksum_get_string (stats.checksum));
  if (n_batches != NULL)
    *n_batches = stats.n_batches;
  stats_free (&stats);

  return hash;
}

static void
test_demo_deterministic (void)
{
  guint n_small, n_default;
  g_autofree char *a = digest (NOW, 3, 7, "UTC", 0, &n_default);
  g_autofree char *b = digest (NOW, 3, 7, "UTC", 0, NULL);
  g_autofree char *batched = digest (NOW, 3, 7, "UTC", 500, &n_small);
  g_autofree char *other_seed = digest (NOW, 3, 8, "UTC", 0, NULL);
  g_autofree char *other_zone = digest (NOW, 3, 7, "Asia/Tokyo", 0, NULL);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, batched);
  g_assert_cmpuint (n_small, >, n_default);
  g_assert_cmpstr (a, !=, other_seed);
  g_assert_cmpstr (a, !=, other_zone);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;

  g_assert_nonnull (values);
  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);

  return g_array_index (sorted, double, sorted->len / 2);
}

/* Working hours in the zone's own time: weekdays peak between 9 and 17
 * and are at least twice as busy from 10 to 16 as from 01 to 05. */
static void
check_daily_rhythm (Stats *stats)
{
  double day = 0, night = 0;
  guint peak = 0;

  for (guint h = 0; h < 24; h++)
    if (stats->weekday_hours[h] > stats->weekday_hours[peak])
      peak = h;
  for (guint h = 10; h < 16; h++)
    day += stats->weekday_hours[h] / 6;
  for (guint h = 1; h < 5; h++)
    night += stats->weekday_hours[h] / 4;

  g_test_message ("peak hour %u, day %.0f, night %.0f per hour", peak, day, night);
  g_assert_cmpuint (peak, >=, 9);
  g_assert_cmpuint (peak, <=, 17);
  g_assert_cmpfloat (day, >, 2 * night);
}

/* Whole local days only: the first and last are cut by the range. */
static void
check_weekly_rhythm (Stats *stats)
{
  GHashTableIter iter;
  gpointer key, value;
  double weekdays = 0, weekends = 0;
  guint n_weekdays = 0, n_weekends = 0;
  gint64 first = G_MAXINT64, last = G_MININT64;

  g_hash_table_iter_init (&iter, stats->days);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      first = MIN (first, *(gint64 *) key);
      last = MAX (last, *(gint64 *) key);
    }
  g_hash_table_iter_init (&iter, stats->days);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 day = *(gint64 *) key;
      gboolean weekend = (day + 3) % 7 >= 5;

      if (day == first || day == last)
        continue;
      if (weekend)
        weekends += GPOINTER_TO_UINT (value), n_weekends++;
      else
        weekdays += GPOINTER_TO_UINT (value), n_weekdays++;
    }

  g_assert_cmpuint (n_weekends, >=, 4);
  g_test_message ("weekday %.0f, weekend %.0f events a day", weekdays / n_weekdays,
                  weekends / n_weekends);
  g_assert_cmpfloat (weekdays / n_weekdays, >, 1.3 * weekends / n_weekends);
}

/* Some 10-minute bucket where @kind events are at least 8 and 40 % of
 * @total events of the same key. */
static gboolean
has_burst (Stats      *stats,
           const char *kind,
           const char *total)
{
  g_autofree char *prefix = g_strconcat (kind, "|", NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, stats->counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *total_key = NULL;

      if (!g_str_has_prefix (key, prefix))
        continue;
      total_key = g_strconcat (total, (char *) key + strlen (kind), NULL);
      if (GPOINTER_TO_UINT (value) >= 8 &&
          GPOINTER_TO_UINT (value) >= 0.4 * count_of (stats->counts, total_key))
        return TRUE;
    }
  return FALSE;
}

static void
test_demo_properties (void)
{
  Stats stats;
  double mini, o3, reasoner, opus, embeddings;

  generate (&stats, NOW, 28, 1, 2000, "Europe/Berlin", 0);

  g_test_message ("%" G_GUINT64_FORMAT " events", stats.n_events);
  g_assert_cmpuint (stats.n_events, >, 28 * 2000 * 0.85);
  g_assert_cmpuint (stats.n_events, <, 28 * 2000 * 1.25);
  check_daily_rhythm (&stats);
  check_weekly_rhythm (&stats);

  /* An outage (5xx and timeouts) and a flood of 429s. */
  g_assert_true (has_burst (&stats, "5xx", "req"));
  g_assert_true (has_burst (&stats, "429", "preq"));

  g_assert_cmpuint (set_size (&stats, "provider"), ==, 5);
  g_assert_cmpuint (set_size (&stats, "model"), >=, 15);
  g_assert_cmpuint (set_size (&stats, "project"), ==, 5);
  g_assert_cmpuint (set_size (&stats, "user"), >=, 20);
  g_assert_cmpuint (set_size (&stats, "key"), >=, 10);
  g_assert_cmpuint (set_size (&stats, "voice"), >=, 5);
  g_assert_cmpuint (set_size (&stats, "language"), >=, 5);
  g_assert_cmpuint (set_size (&stats, "operation"), ==, 4);
  /* The voice agent's three stages are services of their own. */
  g_assert_cmpuint (set_size (&stats, "service"), ==, 8);
  g_assert_cmpuint (stats.n_priced, >, stats.n_events / 3);

  /* Minis are fast, reasoning and large models slow, embeddings fastest. */
  mini = median (g_hash_table_lookup (stats.latencies, "gpt-4o-mini"));
  o3 = median (g_hash_table_lookup (stats.latencies, "o3"));
  reasoner = median (g_hash_table_lookup (stats.latencies, "deepseek-reasoner"));
  opus = median (g_hash_table_lookup (stats.latencies, "claude-opus-4-20250514"));
  embeddings = median (g_hash_table_lookup (stats.latencies, "text-embedding-3-small"));
  g_test_message ("median latency: embeddings %.0f, mini %.0f, opus %.0f, o3 %.0f, reasoner %.0f",
                  embeddings, mini, opus, o3, reasoner);
  g_assert_cmpfloat (embeddings, <, mini);
  g_assert_cmpfloat (3 * mini, <, o3);
  g_assert_cmpfloat (3 * mini, <, opus);
  g_assert_cmpfloat (o3, <, reasoner);

  stats_free (&stats);
}

/* The same rhythm follows the zone: New York's working hours are not
 * Berlin's in UTC, but both peak in their own working day. */
static void
test_demo_local_zone (void)
{
  Stats stats;

  generate (&stats, NOW, 14, 3, 1000, "America/New_York", 0);
  check_daily_rhythm (&stats);
  check_weekly_rhythm (&stats);
  stats_free (&stats);
}

static void
test_demo_invalid (void)
{
  TallyDemoParams params;
  g_autoptr(GError) error = NULL;
  Stats stats;

  stats_init (&stats, NULL, NOW, 1);
  tally_demo_params_init (&params);
  params.days = 0;
  g_assert_false (tally_demo_generate (&params, collect_cb, &stats, NULL, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_clear_error (&error);

  params.days = 1;
  params.rate = 0;
  g_assert_false (tally_demo_generate (&params, collect_cb, &stats, NULL, NULL, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpuint (stats.n_events, ==, 0);
  stats_clear (&stats);
}

/* A file's modification time in microseconds, or -1 when it is missing:
 * the test homes outlive a run, so "untouched" is what can be checked. */
static gint64
file_stamp (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL)
    return -1;
  return g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
         g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
}

static void
test_demo_command_db (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "demo 2.db", NULL);
  g_autofree char *user_store = tally_paths_get_store_file ();
  g_autofree char *demo_store = tally_paths_get_demo_store_file ();
  g_autofree char *hint = g_strdup_printf ("Try: tally query --db '%s' --metric cost --stat sum "
                                           "--from now-2d\n", db);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "demo", "--days", "2", "--rate", "500", "--db", db, NULL };
  g_autoptr(GRegex) wrote = g_regex_new ("^Wrote ([0-9,]+) demo events to ", G_REGEX_MULTILINE, 0,
                                         NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *digits = NULL;
  gint64 user_stamp = file_stamp (user_store);
  gint64 demo_stamp = file_stamp (demo_store);
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, hint));
  g_assert_nonnull (strstr (err, "  2 days, "));
  g_assert_nonnull (strstr (err, "  total cost $"));
  g_assert_true (g_regex_match (wrote, err, 0, &match));
  number = g_match_info_fetch (match, 1);
  groups = g_strsplit (number, ",", -1);
  digits = g_strjoinv ("", groups);

  /* Only the store named: neither the user's store nor the demo store. */
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (user_stamp, ==, -1);
  g_assert_cmpint (file_stamp (user_store), ==, -1);
  g_assert_cmpint (file_stamp (demo_store), ==, demo_stamp);
  g_assert_cmpint (tally_test_count_events (db), ==, g_ascii_strtoll (digits, NULL, 10));
  g_assert_cmpint (tally_test_count_events (db), >, 700);
  g_assert_cmpint (tally_test_count_events (db), <, 1300);
}

/* Without --db: the demo store, made afresh each time. */
static void
test_demo_command_default (void)
{
  g_autofree char *user_store = tally_paths_get_store_file ();
  g_autofree char *demo_store = tally_paths_get_demo_store_file ();
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "demo", "--days", "1", "--rate", "400", NULL };
  gint64 first;
  int status;

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, demo_store));
  first = tally_test_count_events (demo_store);
  g_assert_cmpint (first, >, 200);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  tally_test_run_tally (args, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (tally_test_count_events (demo_store), <, first * 1.3);
  g_assert_false (g_file_test (user_store, G_FILE_TEST_EXISTS));
}

static void
test_demo_command_usage (void)
{
  const char *bad[][4] = {
    { "demo", "--days", "0", NULL },
    { "demo", "--days", "401", NULL },
    { "demo", "--rate", "0", NULL },
    { "demo", "--source", "prometheus", NULL },
    { "demo", "now", NULL, NULL },
  };
  const char *help[] = { "demo", "--help", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *bad_out = NULL, *bad_err = NULL;

      tally_test_run_tally (bad[i], NULL, &bad_out, &bad_err, &status);
      g_assert_cmpint (status, ==, 2);
      g_assert_true (g_str_has_prefix (bad_err, "tally demo: "));
    }

  tally_test_run_tally (help, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  for (guint i = 0; i < 5; i++)
    g_assert_nonnull (strstr (out, (const char *[]) { "--days=N", "--seed=N", "--rate=R",
                                                      "--db=PATH", "--source=NAME" }[i]));
}

static TallyFrame *
frame_from_json (const char *json)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  TallyFrame *frame;

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  frame = tally_frame_new_from_json (node, &error);
  g_assert_no_error (error);
  return frame;
}

static gint
series_index (const TallyFrame *frame,
              const char       *name)
{
  for (guint s = 0; s < tally_frame_get_n_series (frame); s++)
    if (g_str_equal (tally_frame_get_series_name (frame, s), name))
      return s;
  return -1;
}

/* Every bucket but the first and the last, which `now` moving between the
 * two runs may cut differently, holds the same values. */
static void
compare_inner_buckets (const TallyFrame *printed,
                       const TallyFrame *direct)
{
  guint n_printed, n_direct, compared = 0;
  const gint64 *printed_buckets = tally_frame_get_buckets (printed, &n_printed);
  const gint64 *direct_buckets = tally_frame_get_buckets (direct, &n_direct);

  for (guint i = 1; i + 1 < n_printed; i++)
    for (guint j = 1; j + 1 < n_direct; j++)
      {
        if (printed_buckets[i] != direct_buckets[j])
          continue;
        for (guint s = 0; s < tally_frame_get_n_series (printed); s++)
          {
            const char *name = tally_frame_get_series_name (printed, s);
            gint d = series_index (direct, name);
            double a = tally_frame_get_series_values (printed, s)[i];
            double b;

            if (g_str_equal (name, "Other") || d < 0)
              continue;
            b = tally_frame_get_series_values (direct, d)[j];
            g_assert_true ((isnan (a) && isnan (b)) || a == b);
            compared++;
          }
      }
  g_assert_cmpuint (compared, >, 300);
}

/* The check of the issue: thirty days of demo, then the P95 latency per
 * model over the last week as JSON. */
static void
test_demo_then_query (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (dir, "x.db", NULL);
  const char *demo[] = { "demo", "--days", "30", "--rate", "300", "--db", db, NULL };
  const char *query[] = { "query", "--db", db, "--metric", "latency", "--stat", "p95", "--shape",
                          "timeseries", "--group-by", "model", "--from", "now-7d", "--json", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(TallyFrame) printed = NULL, direct = NULL;
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyQuery) q = tally_query_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(GError) error = NULL;
  guint n_buckets;
  int status;

  tally_test_run_tally (demo, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  tally_test_run_tally (query, NULL, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  printed = frame_from_json (out);
  g_assert_cmpint (tally_frame_get_shape (printed), ==, TALLY_SHAPE_TIMESERIES);
  g_assert_cmpstr (tally_frame_get_metric (printed), ==, "latency");
  g_assert_cmpstr (tally_frame_get_stat (printed), ==, "p95");
  g_assert_cmpstr (tally_frame_get_unit (printed), ==, "ms");
  g_assert_cmpint (tally_frame_get_interval (printed), ==, 1800);
  tally_frame_get_buckets (printed, &n_buckets);
  g_assert_cmpuint (n_buckets, >=, 336);
  g_assert_cmpuint (n_buckets, <=, 338);
  g_assert_cmpuint (tally_frame_get_n_series (printed), >=, 15);
  for (guint s = 0; s < tally_frame_get_n_series (printed); s++)
    {
      const char *name = tally_frame_get_series_name (printed, s);

      g_assert_true (g_str_equal (name, "Other") || tally_demo_find_price (name) != NULL);
    }

  q->shape = TALLY_SHAPE_TIMESERIES;
  q->metric = TALLY_METRIC_LATENCY;
  q->stat = TALLY_STAT_P95;
  g_assert_true (tally_dimension_parse ("model", &q->group_by, NULL));
  now = g_date_time_new_now (tz);
  range = tally_time_range_parse ("now-7d", "now", now, &error);
  g_assert_no_error (error);
  store = tally_store_open_read_only (db, &error);
  g_assert_no_error (error);
  direct = tally_store_query (store, q, range, NULL, &error);
  g_assert_no_error (error);
  compare_inner_buckets (printed, direct);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/tally/demo/properties", test_demo_properties);
  g_test_add_func ("/tally/demo/local-zone", test_demo_local_zone);
  g_test_add_func ("/tally/demo/invalid", test_demo_invalid);
  g_test_add_func ("/tally/demo/command-db", test_demo_command_db);
  g_test_add_func ("/tally/demo/command-default", test_demo_command_default);
  g_test_add_func ("/tally/demo/command-usage", test_demo_command_usage);
  g_test_add_func ("/tally/demo/then-query", test_demo_then_query);

  return g_test_run ();
}
