/* test-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Dashboard layouts: reading every member of version 1, writing it back
 * byte-stable with unknown keys where they were, each class of bad input
 * with its path and rule, newer versions refused, credentials refused,
 * saving atomically, replacing a dashboard's content in place and moving
 * its panels on the grid in one change. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>

#include "tally-dashboard.h"
#include "tally-error.h"
#include "tally-test-utils.h"

static char *
read_example (gsize *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "dashboards", "example.json",
                                                 NULL);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, length, NULL));
  return data;
}

static TallyDashboard *
load (const char *json)
{
  g_autoptr(GError) error = NULL;
  TallyDashboard *dashboard = tally_dashboard_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dashboard);
  return dashboard;
}

static void
test_dashboard_reads_every_member (void)
{
  g_autofree char *data = read_example (NULL);
  g_autoptr(TallyDashboard) dashboard = load (data);
  GListModel *panels = tally_dashboard_get_panels (dashboard);
  g_autoptr(TallyPanel) latency = NULL;
  g_autoptr(TallyPanel) cost = NULL;
  const TallyQuery *query;
  int x, y, w, h;

  g_assert_cmpstr (tally_dashboard_get_uid (dashboard), ==, "prod-monitoring");
  g_assert_cmpstr (tally_dashboard_get_title (dashboard), ==, "Production Monitoring");
  g_assert_cmpstrv (tally_dashboard_get_tags (dashboard), ((const char *[]) { "production", NULL }));
  g_assert_true (tally_dashboard_get_editable (dashboard));
  g_assert_cmpstr (tally_dashboard_get_source (dashboard), ==, "local");
  g_assert_cmpstr (tally_dashboard_get_time_from (dashboard), ==, "now-24h");
  g_assert_cmpstr (tally_dashboard_get_refresh (dashboard), ==, "30s");
  g_assert_cmpstrv (tally_dashboard_get_filter (dashboard, "project"),
                    ((const char *[]) { "search", NULL }));
  g_assert_cmpstrv (tally_dashboard_get_filter (dashboard, "status"),
                    ((const char *[]) { "429", "500", NULL }));
  g_assert_cmpuint (g_list_model_get_n_items (panels), ==, 5);

  latency = g_list_model_get_item (panels, 1);
  g_assert_cmpint (tally_panel_get_panel_type (latency), ==, TALLY_PANEL_LINE);
  g_assert_cmpstr (tally_panel_get_description (latency), ==, "The slowest 5 % of requests");
  tally_panel_get_grid (latency, &x, &y, &w, &h);
  g_assert_cmpint (x, ==, 6);
  g_assert_cmpint (w, ==, 18);
  g_assert_cmpint (h, ==, 8);
  query = tally_panel_get_query (latency);
  g_assert_cmpint (query->shape, ==, TALLY_SHAPE_TIMESERIES);
  g_assert_cmpint (query->metric, ==, TALLY_METRIC_LATENCY);
  g_assert_cmpint (query->stat, ==, TALLY_STAT_P95);
  g_assert_cmpint (query->group_by.kind, ==, TALLY_DIMENSION_MODEL);
  g_assert_cmpuint (query->top, ==, 5);
  g_assert_cmpint (query->interval_s, ==, 300);
  g_assert_cmpuint (query->filters->len, ==, 1);

  /* A grouped bar without an interval draws categories. */
  cost = g_list_model_get_item (panels, 2);
  g_assert_cmpint (tally_panel_get_query (cost)->shape, ==, TALLY_SHAPE_CATEGORIES);
  g_assert_nonnull (tally_panel_get_options (g_list_model_get_item (panels, 0)));
  g_object_unref (g_list_model_get_item (panels, 0));
}

/* Saving keeps unknown keys where they were; a second save changes no
 * byte. */
static void
test_dashboard_round_trip (void)
{
  g_autofree char *data = read_example (NULL);
  g_autoptr(TallyDashboard) first = load (data);
  g_autofree char *once = tally_dashboard_to_data (first, NULL);
  g_autoptr(TallyDashboard) second = load (once);
  g_autofree char *twice = tally_dashboard_to_data (second, NULL);

  g_assert_cmpstr (once, ==, twice);
  g_assert_nonnull (strstr (once, "\"x-team-owner\": {\n    \"name\": \"platform\",\n"
                                  "    \"on-call\": [\"ana\", \"bo\"]\n  }"));
  g_assert_nonnull (strstr (once, "\"x-zone-note\": \"kept\""));
  g_assert_nonnull (strstr (once, "\"x-panel-note\": \"kept too\""));
  g_assert_nonnull (strstr (once, "\"x-hint\": 3"));
  /* Numbers as written, not 0.050000000000000003. */
  g_assert_nonnull (strstr (once, "\"value\": 0.05"));
  g_assert_nonnull (strstr (once, "\"status\": [429, 500]"));
  /* The unknown top-level key stays before "panels", as in the file. */
  g_assert_true (strstr (once, "x-team-owner") < strstr (once, "\"panels\""));
}

static void
test_dashboard_edits_are_written (void)
{
  g_autofree char *data = read_example (NULL);
  g_autoptr(TallyDashboard) dashboard = load (data);
  g_autoptr(TallyPanel) panel = tally_panel_new (tally_dashboard_next_panel_id (dashboard),
                                                 TALLY_PANEL_PIE);
  g_autoptr(TallyDashboard) reloaded = NULL;
  g_autofree char *saved = NULL;
  TallyPanel *first;

  g_assert_cmpuint (tally_dashboard_next_panel_id (dashboard), ==, 6);
  tally_dashboard_set_title (dashboard, "Prod");
  tally_dashboard_set_filter (dashboard, "model", (const char *[]) { "o3", NULL });
  first = tally_dashboard_find_panel (dashboard, 1);
  tally_panel_set_grid (first, 2, 3, 4, 5);
  tally_dashboard_remove_panel (dashboard, tally_dashboard_find_panel (dashboard, 5));
  tally_panel_set_title (panel, "Share by model");
  tally_panel_set_grid (panel, 12, 20, 12, 6);
  tally_dashboard_add_panel (dashboard, panel);

  saved = tally_dashboard_to_data (dashboard, NULL);
  reloaded = load (saved);
  g_assert_cmpstr (tally_dashboard_get_title (reloaded), ==, "Prod");
  g_assert_cmpstrv (tally_dashboard_get_filter (reloaded, "model"), ((const char *[]) { "o3", NULL }));
  g_assert_null (tally_dashboard_find_panel (reloaded, 5));
  g_assert_nonnull (tally_dashboard_find_panel (reloaded, 6));
  g_assert_cmpstr (tally_panel_get_title (tally_dashboard_find_panel (reloaded, 6)), ==,
                   "Share by model");
  {
    int x, y, w, h;

    tally_panel_get_grid (tally_dashboard_find_panel (reloaded, 1), &x, &y, &w, &h);
    g_assert_cmpint (x, ==, 2);
    g_assert_cmpint (y, ==, 3);
    g_assert_cmpint (w, ==, 4);
    g_assert_cmpint (h, ==, 5);
  }
}

typedef struct
{
  const char *json;
  const char *message;
} BadCase;

#define HEAD "{\"format\":\"tally-dashboard\",\"version\":1,\"title\":\"T\""
#define PANEL(body) HEAD ",\"panels\":[{\"id\":1,\"type\":\"stat\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":4}," \
                    "\"query\":{\"metric\":\"requests\",\"stat\":\"sum\"}}," body "]}"
#define GRID(x, y, w, h) "{\"id\":2,\"type\":\"stat\",\"gridPos\":{\"x\":" #x ",\"y\":" #y ",\"w\":" #w \
                         ",\"h\":" #h "},\"query\":{\"metric\":\"requests\",\"stat\":\"sum\"}}"

static const BadCase bad_cases[] = {
  { "[1, 2]", "(document): must be a JSON object" },
  { "{\"version\":1,\"title\":\"T\"}", "format: must be “tally-dashboard”" },
  { "{\"format\":\"tally-dashboard\",\"version\":\"1\",\"title\":\"T\"}", "version: must be the integer 1" },
  { "{\"format\":\"tally-dashboard\",\"version\":1}", "title: required: a dashboard needs a title" },
  { HEAD ",\"uid\":\"a b\"}", "uid: must be 1..128 letters, digits, '_', '-' or '.'" },
  { HEAD ",\"tags\":[\"ok\", 3]}", "tags[1]: must be a string" },
  { HEAD ",\"editable\":\"yes\"}", "editable: must be true or false" },
  { HEAD ",\"time\":{\"from\":\"now-5x\",\"to\":\"now\"}}", NULL /* the time parser's own message */ },
  { HEAD ",\"time\":{\"from\":\"now-1h\"}}", "time: needs both “from” and “to”, such as “now-24h” and “now”" },
  { HEAD ",\"refresh\":\"2s\"}", "refresh: must be at least 5s (or “off”)" },
  { PANEL ("{\"id\":2,\"type\":\"stat\",\"gridPos\":{\"x\":6,\"y\":0,\"w\":6,\"h\":4},"
           "\"time\":{\"from\":\"now/M\"},\"query\":{\"metric\":\"cost\",\"stat\":\"sum\"}}"),
    "panels[1].time: needs both “from” and “to”, such as “now-24h” and “now”" },
  { PANEL ("{\"id\":2,\"type\":\"stat\",\"gridPos\":{\"x\":6,\"y\":0,\"w\":6,\"h\":4},"
           "\"time\":\"this month\",\"query\":{\"metric\":\"cost\",\"stat\":\"sum\"}}"),
    "panels[1].time: must be an object with “from” and “to”" },
  { HEAD ",\"filters\":{\"colour\":[\"red\"]}}", NULL },
  { HEAD ",\"filters\":{\"hour_of_day\":[\"3\"]}}", "filters.hour_of_day: cannot filter on this dimension" },
  { HEAD ",\"filters\":{\"model\":[true]}}", "filters.model[0]: must be a string or an integer" },
  { HEAD ",\"panels\":{}}", "panels: must be an array of panels" },
  { PANEL (GRID (0, 0, 25, 4)), "panels[1].gridPos.w: must be 1..24" },
  { PANEL (GRID (20, 0, 6, 4)), "panels[1].gridPos.w: x + w must be at most 24 (the grid has 24 columns)" },
  { PANEL (GRID (0, -1, 6, 4)), "panels[1].gridPos.y: must be 0..100000" },
  { PANEL (GRID (0, 0, 6, 0)), "panels[1].gridPos.h: must be 1..100" },
  { PANEL ("{\"id\":1,\"type\":\"stat\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":4},"
           "\"query\":{\"metric\":\"requests\",\"stat\":\"sum\"}}"), "panels[1].id: 1 is the id of another panel too" },
  { PANEL ("{\"id\":2,\"type\":\"radar\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":4},"
           "\"query\":{\"metric\":\"requests\",\"stat\":\"sum\"}}"),
    "panels[1].type: must be stat, line, bar, pie, heatmap, table, gauge, alerts or logs" },
  { PANEL ("{\"id\":2,\"type\":\"line\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":4},"
           "\"query\":{\"metric\":\"vibes\",\"stat\":\"sum\"}}"), "panels[1].query.metric: “vibes” is not a metric" },
  { PANEL ("{\"id\":2,\"type\":\"line\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":4},"
           "\"query\":{\"metric\":\"cost\",\"stat\":\"p95\"}}"),
    "panels[1].query: the metric cost has no stat p95 (it has sum, count, rate, avg, min, max)" },
  { PANEL ("{\"id\":2,\"type\":\"heatmap\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":4},"
           "\"query\":{\"metric\":\"requests\",\"stat\":\"sum\"}}"),
    "panels[1].query: a matrix needs rows and columns (for example day_of_week and hour_of_day)" },
  { PANEL ("{\"id\":2,\"type\":\"stat\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":4}}"),
    "panels[1].query: required: an object with at least “metric” and “stat”" },
  { HEAD ",\"x-notes\":{\"key\":\"sk-proj-abcdefghijklmnopqrstuvwx1234\"}}",
    "x-notes.key: looks like a key, token or password: a layout must not carry credentials "
    "(data sources keep them in the keyring)" },
  { HEAD ",\"x-link\":\"https://ana:hunter2@grafana.example/d/1\"}",
    "x-link: looks like a key, token or password: a layout must not carry credentials "
    "(data sources keep them in the keyring)" },
};

static void
test_dashboard_bad_input (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TallyDashboard) dashboard = tally_dashboard_new_from_data (bad_cases[i].json, -1, &error);
      g_auto(GStrv) lines = NULL;

      g_test_message ("case %u: %s", i, bad_cases[i].json);
      g_assert_null (dashboard);
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      lines = tally_dashboard_check_data (bad_cases[i].json, -1);
      g_assert_cmpuint (g_strv_length (lines), ==, 1);
      if (bad_cases[i].message != NULL)
        g_assert_cmpstr (lines[0], ==, bad_cases[i].message);
      else
        g_assert_true (g_str_has_prefix (lines[0], i == 7 ? "time: “now-5x”" : "filters.colour: "));
    }
}

/* Every problem of a file is reported at once, one per line. */
static void
test_dashboard_all_problems (void)
{
  const char *json = "{\"format\":\"grafana\",\"version\":1,\"title\":\"\",\"panels\":["
                     "{\"id\":0,\"type\":\"stat\",\"gridPos\":{\"x\":30,\"y\":0,\"w\":6,\"h\":4},"
                     "\"query\":{\"metric\":\"requests\",\"stat\":\"sum\"}}]}";
  g_auto(GStrv) lines = tally_dashboard_check_data (json, -1);

  g_assert_cmpstrv (lines, ((const char *[]) {
    "format: must be “tally-dashboard”",
    "title: required: a dashboard needs a title",
    "panels[0].id: must be a positive integer",
    "panels[0].gridPos.x: must be 0..23",
    NULL }));
}

static void
test_dashboard_newer_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyDashboard) dashboard =
    tally_dashboard_new_from_data ("{\"format\":\"tally-dashboard\",\"version\":2,\"title\":\"T\","
                                   "\"panels\":[{\"id\":1,\"type\":\"hologram\"}]}", -1, &error);

  g_assert_null (dashboard);
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_NEWER_VERSION);
  g_assert_cmpstr (error->message, ==, "version: this layout is version 2 and this Tally reads up "
                                       "to version 1: update Tally to open it");
}

static void
test_dashboard_not_json (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (tally_dashboard_new_from_data ("{\"format\": ", -1, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "not valid JSON: "));
  g_clear_error (&error);
  g_assert_null (tally_dashboard_new_from_data ("", 0, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
}

/* Masked keys, as Tally shows them, are not credentials: a filter on one
 * is fine to share. */
static void
test_dashboard_masked_key_allowed (void)
{
  g_autoptr(TallyDashboard) dashboard =
    load (HEAD ",\"filters\":{\"api_key\":[\"sk-…a1b2\"]},\"x-id\":\"production-monitoring-v2-2026-11\"}");

  g_assert_cmpstrv (tally_dashboard_get_filter (dashboard, "api_key"),
                    ((const char *[]) { "sk-…a1b2", NULL }));
}

static void
test_dashboard_save (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "prod.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *data = read_example (NULL);
  g_autoptr(TallyDashboard) dashboard = load (data);
  g_autoptr(TallyDashboard) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = tally_dashboard_to_data (dashboard, NULL);
  g_autofree char *written = NULL;

  g_assert_true (tally_dashboard_save_to_file (dashboard, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, expected);
  loaded = tally_dashboard_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tally_dashboard_get_title (loaded), ==, "Production Monitoring");
}

/* A save that fails half-way (here: the file-size limit stops the write)
 * leaves the old file exactly as it was. Run in a child, which alone
 * bears the limit. */
static void
test_dashboard_failed_save_keeps_old_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *after = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("TALLY_TEST_SAVE_PATH"));
      g_autofree char *data = read_example (NULL);
      g_autoptr(TallyDashboard) dashboard = load (data);
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 64, 64 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (tally_dashboard_save_to_file (dashboard, file, &error));
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_IO);
      g_assert_true (g_str_has_prefix (error->message, "Cannot save the dashboard to "));
      return;
    }

  dir = tally_test_make_tmp_dir ();
  path = g_build_filename (dir, "old.json", NULL);
  g_assert_true (g_file_set_contents (path, "the old layout\n", -1, NULL));
  g_setenv ("TALLY_TEST_SAVE_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "the old layout\n");
}

static void
test_dashboard_apply_filters (void)
{
  g_autofree char *data = read_example (NULL);
  g_autoptr(TallyDashboard) dashboard = load (data);
  TallyPanel *latency = tally_dashboard_find_panel (dashboard, 2);
  g_autoptr(TallyQuery) query = tally_dashboard_apply_filters (dashboard, tally_panel_get_query (latency));

  /* the panel's status_class, then the bar's project and status */
  g_assert_cmpuint (query->filters->len, ==, 3);
  g_assert_cmpint (((TallyFilter *) g_ptr_array_index (query->filters, 1))->dimension.kind, ==,
                   TALLY_DIMENSION_PROJECT);
  g_assert_cmpstrv (((TallyFilter *) g_ptr_array_index (query->filters, 2))->values,
                    ((const char *[]) { "429", "500", NULL }));
}

/* A panel of its own range ("cost this month") reads it at the
 * dashboard's "now", in its time zone; the others show the dashboard's
 * range. The range is written back and can be cleared. */
static void
test_dashboard_panel_time (void)
{
  const char *json = HEAD ",\"panels\":["
                     "{\"id\":1,\"type\":\"stat\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":4},"
                     "\"query\":{\"metric\":\"cost\",\"stat\":\"sum\"}},"
                     "{\"id\":2,\"type\":\"stat\",\"gridPos\":{\"x\":6,\"y\":0,\"w\":6,\"h\":4},"
                     "\"time\":{\"from\":\"now/M\",\"to\":\"now\"},"
                     "\"query\":{\"metric\":\"cost\",\"stat\":\"sum\"}}]}";
  g_autoptr(TallyDashboard) dashboard = load (json);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  /* 2026-03-10T10:00:00Z, 11:00 in Berlin */
  g_autoptr(TallyTimeRange) range = tally_time_range_new (1773050400, 1773136800, 1773136800, berlin);
  g_autoptr(TallyTimeRange) own = NULL;
  g_autoptr(TallyTimeRange) shared = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *cleared = NULL;
  TallyPanel *month = tally_dashboard_find_panel (dashboard, 2);

  g_assert_cmpstr (tally_panel_get_time_from (month), ==, "now/M");
  g_assert_null (tally_panel_get_time_from (tally_dashboard_find_panel (dashboard, 1)));

  own = tally_dashboard_get_panel_range (dashboard, month, range, &error);
  g_assert_no_error (error);
  g_assert_cmpint (own->from, ==, 1772319600);   /* 2026-03-01T00:00 in Berlin (+01:00) */
  g_assert_cmpint (own->to, ==, 1773136800);
  g_assert_cmpint (own->now, ==, range->now);

  shared = tally_dashboard_get_panel_range (dashboard, tally_dashboard_find_panel (dashboard, 1), range,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (shared->from, ==, range->from);
  g_assert_cmpint (shared->to, ==, range->to);

  written = tally_dashboard_to_data (dashboard, NULL);
  g_assert_nonnull (strstr (written, "      \"time\": {\n"
                                     "        \"from\": \"now/M\",\n"
                                     "        \"to\": \"now\"\n"
                                     "      },\n"
                                     "      \"query\""));
  tally_panel_set_time (month, NULL, NULL);
  cleared = tally_dashboard_to_data (dashboard, NULL);
  g_assert_null (strstr (cleared, "now/M"));
}

/* Counts of what a dashboard and its list of panels emit. */
typedef struct
{
  guint changed;
  guint title_notified;
  guint items_changed;
  guint position;
  guint removed;
  guint added;
} Signals;

static void
count_changed_cb (Signals *signals)
{
  signals->changed++;
}

static void
count_title_cb (Signals *signals)
{
  signals->title_notified++;
}

static void
count_items_cb (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                Signals    *signals)
{
  signals->items_changed++;
  signals->position = position;
  signals->removed = removed;
  signals->added = added;
}

static void
watch (TallyDashboard *dashboard,
       Signals        *signals)
{
  g_signal_connect_swapped (dashboard, "changed", G_CALLBACK (count_changed_cb), signals);
  g_signal_connect_swapped (dashboard, "notify::title", G_CALLBACK (count_title_cb), signals);
  g_signal_connect (tally_dashboard_get_panels (dashboard), "items-changed",
                    G_CALLBACK (count_items_cb), signals);
}

static guint *
watch_panel (TallyDashboard *dashboard,
             guint           id,
             guint          *count)
{
  g_signal_connect_swapped (tally_dashboard_find_panel (dashboard, id), "changed",
                            G_CALLBACK (count_changed_cb), count);
  return count;
}

/* The layout of the example with a new title, panel 2 retitled, panel 5
 * removed and a pie added in its place in the list. */
static JsonNode *
edited_example (char **data)
{
  g_autofree char *example = read_example (NULL);
  g_autoptr(TallyDashboard) edited = load (example);
  g_autoptr(TallyPanel) pie = tally_panel_new (6, TALLY_PANEL_PIE);

  tally_dashboard_set_title (edited, "Prod");
  tally_panel_set_title (tally_dashboard_find_panel (edited, 2), "Latency");
  tally_dashboard_remove_panel (edited, tally_dashboard_find_panel (edited, 5));
  tally_panel_set_grid (pie, 0, 16, 12, 6);
  tally_dashboard_add_panel (edited, pie);
  *data = tally_dashboard_to_data (edited, NULL);

  return tally_dashboard_to_json (edited);
}

/* Replacing in place keeps the object and the panels that stay: one
 * "changed", one title notification, one items-changed over the panel
 * that went and the one that came, and "changed" only on the panel that
 * changed. Replacing with the same layout again emits nothing. */
static void
test_dashboard_replace_in_place (void)
{
  g_autofree char *data = read_example (NULL);
  g_autoptr(TallyDashboard) dashboard = load (data);
  g_autofree char *expected = NULL;
  g_autoptr(JsonNode) node = edited_example (&expected);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  TallyPanel *latency = tally_dashboard_find_panel (dashboard, 2);
  Signals signals = { 0 };
  guint first = 0, second = 0, third = 0;

  watch (dashboard, &signals);
  watch_panel (dashboard, 1, &first);
  watch_panel (dashboard, 2, &second);
  watch_panel (dashboard, 3, &third);

  g_assert_true (tally_dashboard_replace_from_json (dashboard, node, &error));
  g_assert_no_error (error);
  written = tally_dashboard_to_data (dashboard, NULL);
  g_assert_cmpstr (written, ==, expected);
  g_assert_cmpuint (signals.changed, ==, 1);
  g_assert_cmpuint (signals.title_notified, ==, 1);
  g_assert_cmpuint (signals.items_changed, ==, 1);
  g_assert_cmpuint (signals.position, ==, 4);
  g_assert_cmpuint (signals.removed, ==, 1);
  g_assert_cmpuint (signals.added, ==, 1);
  g_assert_true (tally_dashboard_find_panel (dashboard, 2) == latency);
  g_assert_cmpstr (tally_panel_get_title (latency), ==, "Latency");
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (second, ==, 1);
  g_assert_cmpuint (third, ==, 0);

  /* Panel 2 still reaches the dashboard: its edits are the dashboard's. */
  tally_panel_set_title (latency, "P95");
  g_assert_cmpuint (signals.changed, ==, 2);

  tally_panel_set_title (latency, "Latency");
  g_assert_true (tally_dashboard_replace_from_json (dashboard, node, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signals.changed, ==, 3);
  g_assert_cmpuint (signals.items_changed, ==, 1);
  g_assert_cmpuint (second, ==, 3);
}

/* A layout that breaks rules is refused whole: every problem named, and
 * the dashboard not touched. */
static void
test_dashboard_replace_refuses_bad (void)
{
  g_autofree char *data = read_example (NULL);
  g_autoptr(TallyDashboard) dashboard = load (data);
  g_autofree char *before = tally_dashboard_to_data (dashboard, NULL);
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) node = json_from_string (PANEL (GRID (0, 0, 30, 4)), NULL);
  g_autoptr(GError) error = NULL;
  Signals signals = { 0 };

  json_object_set_string_member (json_node_get_object (node), "title", "");
  watch (dashboard, &signals);
  g_assert_false (tally_dashboard_replace_from_json (dashboard, node, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "title: required: a dashboard needs a title\n"
                                       "panels[1].gridPos.w: must be 1..24");
  after = tally_dashboard_to_data (dashboard, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (signals.changed + signals.items_changed + signals.title_notified, ==, 0);
}

static void
assert_grid (TallyDashboard *dashboard,
             guint           id,
             int             x,
             int             y,
             int             w,
             int             h)
{
  int gx, gy, gw, gh;

  tally_panel_get_grid (tally_dashboard_find_panel (dashboard, id), &gx, &gy, &gw, &gh);
  g_test_message ("panel %u: %d,%d %dx%d", id, gx, gy, gw, gh);
  g_assert_cmpint (gx, ==, x);
  g_assert_cmpint (gy, ==, y);
  g_assert_cmpint (gw, ==, w);
  g_assert_cmpint (gh, ==, h);
}

/* A move that pushes a panel is one change; the panels that moved emit
 * their own, the others nothing. Setting the same places again changes
 * nothing. */
static void
test_dashboard_move_panel (void)
{
  g_autofree char *data = read_example (NULL);
  g_autoptr(TallyDashboard) dashboard = load (data);
  g_autofree TallyGridRect *rects = NULL;
  Signals signals = { 0 };
  guint first = 0, second = 0, third = 0;
  guint n;

  watch (dashboard, &signals);
  watch_panel (dashboard, 1, &first);
  watch_panel (dashboard, 2, &second);
  watch_panel (dashboard, 3, &third);

  /* The cost bars (0,4 6×6) to the top: the error rate above them goes
   * below them. */
  tally_dashboard_move_panel (dashboard, tally_dashboard_find_panel (dashboard, 3), 0, 0);
  assert_grid (dashboard, 1, 0, 6, 6, 4);
  assert_grid (dashboard, 2, 6, 0, 18, 8);
  assert_grid (dashboard, 3, 0, 0, 6, 6);
  assert_grid (dashboard, 4, 0, 10, 24, 6);
  assert_grid (dashboard, 5, 0, 16, 24, 8);
  g_assert_cmpuint (signals.changed, ==, 1);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (second, ==, 0);
  g_assert_cmpuint (third, ==, 1);

  rects = tally_dashboard_get_rects (dashboard, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpint (rects[0].y, ==, 6);
  tally_dashboard_set_rects (dashboard, rects, n);
  g_assert_cmpuint (signals.changed, ==, 1);

  /* Wider by 4: the latency chart beside it goes below it, and the
   * full-width panels below that. */
  tally_dashboard_resize_panel (dashboard, tally_dashboard_find_panel (dashboard, 3), 10, 6);
  assert_grid (dashboard, 3, 0, 0, 10, 6);
  assert_grid (dashboard, 1, 0, 6, 6, 4);
  assert_grid (dashboard, 2, 6, 6, 18, 8);
  assert_grid (dashboard, 4, 0, 14, 24, 6);
  assert_grid (dashboard, 5, 0, 20, 24, 8);
  g_assert_cmpuint (signals.changed, ==, 2);
  g_assert_cmpuint (signals.items_changed, ==, 0);
}

/* A new panel goes into the hole a removed one left. */
static void
test_dashboard_place_panel (void)
{
  g_autofree char *data = read_example (NULL);
  g_autoptr(TallyDashboard) dashboard = load (data);
  g_autoptr(TallyPanel) panel = tally_panel_new (tally_dashboard_next_panel_id (dashboard),
                                                 TALLY_PANEL_STAT);
  Signals signals = { 0 };

  watch (dashboard, &signals);
  tally_dashboard_remove_panel (dashboard, tally_dashboard_find_panel (dashboard, 3));
  tally_panel_set_grid (panel, 12, 40, 6, 4);
  tally_dashboard_place_panel (dashboard, panel);
  assert_grid (dashboard, 6, 0, 4, 6, 4);
  g_assert_cmpuint (signals.changed, ==, 2);
  g_assert_cmpuint (signals.items_changed, ==, 2);
  g_assert_cmpuint (signals.position, ==, 4);
  g_assert_cmpuint (signals.added, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/dashboard/reads-every-member", test_dashboard_reads_every_member);
  g_test_add_func ("/tally/dashboard/round-trip", test_dashboard_round_trip);
  g_test_add_func ("/tally/dashboard/edits-are-written", test_dashboard_edits_are_written);
  g_test_add_func ("/tally/dashboard/bad-input", test_dashboard_bad_input);
  g_test_add_func ("/tally/dashboard/all-problems", test_dashboard_all_problems);
  g_test_add_func ("/tally/dashboard/newer-version", test_dashboard_newer_version);
  g_test_add_func ("/tally/dashboard/not-json", test_dashboard_not_json);
  g_test_add_func ("/tally/dashboard/masked-key-allowed", test_dashboard_masked_key_allowed);
  g_test_add_func ("/tally/dashboard/save", test_dashboard_save);
  g_test_add_func ("/tally/dashboard/failed-save-keeps-old-file", test_dashboard_failed_save_keeps_old_file);
  g_test_add_func ("/tally/dashboard/apply-filters", test_dashboard_apply_filters);
  g_test_add_func ("/tally/dashboard/panel-time", test_dashboard_panel_time);
  g_test_add_func ("/tally/dashboard/replace-in-place", test_dashboard_replace_in_place);
  g_test_add_func ("/tally/dashboard/replace-refuses-bad", test_dashboard_replace_refuses_bad);
  g_test_add_func ("/tally/dashboard/move-panel", test_dashboard_move_panel);
  g_test_add_func ("/tally/dashboard/place-panel", test_dashboard_place_panel);

  return g_test_run ();
}
