/* test-builtin-dashboards.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The nine dashboards Tally ships, as the app reads them from its
 * GResource: exactly the nine uids, each valid and in the form the writer
 * produces (a load and save changes no byte), laid out on the grid with
 * no overlap and no hole, every panel described, and every panel's query
 * answering with real data from a store of demo traffic. `tally render`
 * draws each of them into a PNG, light and dark. */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>

#include "tally-chart-options.h"
#include "tally-dashboard-render.h"
#include "tally-dashboard.h"
#include "tally-demo.h"
#include "tally-grid.h"
#include "tally-store.h"
#include "tally-test-demo.h"
#include "tally-test-utils.h"

#define DASHBOARDS_PATH "/io/github/tallyapp/Tally/dashboards/"

/* Thursday 2026-11-19 15:20 UTC: a working afternoon, mid-month, so that
 * "today", "this month" and the last 24 hours all hold traffic. */
#define NOW G_GINT64_CONSTANT (1795101600)
#define DEMO_DAYS 3

/* The limits the test sets in limits.json. */
#define RPM 100
#define TPM 1000000
#define RPD 100000
#define LIMITS_JSON "{\"rpm\": 100, \"tpm\": 1000000, \"rpd\": 100000, \"budget\": {\"monthly\": 1}}"

/* The uids the dashboard library lists, in its order. */
static const char *uids[] = {
  "overview", "models", "projects", "development-monitoring", "production-monitoring",
  "cost-optimization", "rate-limits", "voice-agents", "speech-api",
};

static char *tmp_dir;
static char *store_path;

/* A few days of demo traffic ending at NOW, in a store of the test's own.
 * The store is closed once written: queries open it read-only, so the
 * writer's retention (which goes by the real clock) never runs on it. */
static void
build_store (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyStore) store = NULL;
  TallyDemoParams params;

  tmp_dir = tally_test_make_tmp_dir ();
  store_path = g_build_filename (tmp_dir, "demo.db", NULL);

  tally_demo_params_init (&params);
  params.now = NOW;
  params.days = DEMO_DAYS;
  params.tz = utc;
  store = tally_test_make_demo_store (store_path, &params);

  /* A monthly budget the demo's month has spent already, so that
   * budget_runout panels have a date to show, and rate limits the demo
   * stays under, so that the Rate Limits gauges have numbers. */
  {
    g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "tally", NULL);
    g_autofree char *limits = g_build_filename (dir, "limits.json", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    g_file_set_contents (limits, LIMITS_JSON, -1, &error);
    g_assert_no_error (error);
  }
}

static char *
resource_path (const char *uid)
{
  return g_strconcat (DASHBOARDS_PATH, uid, ".json", NULL);
}

static GBytes *
lookup_builtin (const char *uid)
{
  g_autofree char *path = resource_path (uid);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return bytes;
}

static TallyDashboard *
load_builtin (const char *uid)
{
  g_autoptr(GBytes) bytes = lookup_builtin (uid);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  TallyDashboard *dashboard = tally_dashboard_new_from_data (data, length, &error);

  g_assert_no_error (error);
  return dashboard;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The folder holds the nine files and nothing else. */
static void
test_builtin_uids (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_resources_enumerate_children (DASHBOARDS_PATH,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  guint n;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (uids); i++)
    g_ptr_array_add (expected, g_strconcat (uids[i], ".json", NULL));
  g_ptr_array_sort (expected, compare_strings);

  n = g_strv_length (names);
  qsort (names, n, sizeof (char *), compare_strings);
  g_assert_cmpuint (n, ==, expected->len);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (names[i], ==, g_ptr_array_index (expected, i));
}

/* Panels cover whole rows of the grid: every cell of every row up to the
 * bottom belongs to exactly one panel, and nothing would float up, so
 * the layout is what the file says. */
static void
check_grid (TallyDashboard *dashboard)
{
  GListModel *panels = tally_dashboard_get_panels (dashboard);
  guint n = g_list_model_get_n_items (panels);
  g_autofree TallyGridRect *rects = g_new0 (TallyGridRect, n);
  g_autofree TallyGridRect *floated = NULL;
  g_autofree guint8 *cells = NULL;
  int rows;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);

      tally_panel_get_grid (panel, &rects[i].x, &rects[i].y, &rects[i].w, &rects[i].h);
    }
  floated = g_memdup2 (rects, n * sizeof (TallyGridRect));
  tally_grid_float_up (floated, n);
  g_assert_cmpmem (floated, n * sizeof (TallyGridRect), rects, n * sizeof (TallyGridRect));

  rows = tally_grid_height (rects, n);
  cells = g_new0 (guint8, rows * TALLY_GRID_COLUMNS);
  for (guint i = 0; i < n; i++)
    for (int y = rects[i].y; y < rects[i].y + rects[i].h; y++)
      for (int x = rects[i].x; x < rects[i].x + rects[i].w; x++)
        cells[y * TALLY_GRID_COLUMNS + x]++;
  for (int c = 0; c < rows * TALLY_GRID_COLUMNS; c++)
    {
      if (cells[c] != 1)
        g_error ("%s: grid cell (%d, %d) is covered by %u panels", tally_dashboard_get_uid (dashboard),
                 c % TALLY_GRID_COLUMNS, c / TALLY_GRID_COLUMNS, cells[c]);
    }
}

/* What a user reads: a title and a description on the dashboard and on
 * every panel, and options the chart renderers accept. */
static void
check_panels (TallyDashboard *dashboard)
{
  GListModel *panels = tally_dashboard_get_panels (dashboard);

  g_assert_cmpstr (tally_dashboard_get_title (dashboard), !=, "");
  g_assert_cmpstr (tally_dashboard_get_description (dashboard), !=, "");
  g_assert_nonnull (tally_dashboard_get_tags (dashboard)[0]);
  g_assert_cmpuint (g_list_model_get_n_items (panels), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      JsonObject *options = tally_panel_get_options (panel);

      g_assert_cmpstr (tally_panel_get_title (panel), !=, "");
      g_assert_nonnull (tally_panel_get_description (panel));
      g_assert_cmpstr (tally_panel_get_description (panel), !=, "");
      if (options != NULL)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), options);
          g_autoptr(GError) error = NULL;
          TallyChartOptions *parsed = tally_chart_options_new_from_json (node, "options", &error);

          g_assert_no_error (error);
          tally_chart_options_free (parsed);
        }
    }
}

/* Fails at the first line where the file differs from what the writer
 * makes of it, so whoever edits a built-in sees what to change. */
static void
check_canonical (const char *uid,
                 GBytes     *file,
                 const char *written,
                 gsize       length)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (file, NULL), g_bytes_get_size (file));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto(GStrv) canonical = g_strsplit (written, "\n", -1);

  for (guint i = 0; lines[i] != NULL || canonical[i] != NULL; i++)
    {
      if (g_strcmp0 (lines[i], canonical[i]) != 0)
        g_error ("%s.json is not in the writer's form: line %u is “%s”; the writer writes “%s”", uid,
                 i + 1, lines[i] ? lines[i] : "(the end)", canonical[i] ? canonical[i] : "(the end)");
    }
  g_assert_cmpmem (written, length, g_bytes_get_data (file, NULL), g_bytes_get_size (file));
}

static void
test_builtin_valid (gconstpointer data)
{
  const char *uid = data;
  g_autoptr(GBytes) bytes = lookup_builtin (uid);
  g_autoptr(TallyDashboard) dashboard = load_builtin (uid);
  g_autofree char *written = NULL;
  gsize length;

  g_assert_cmpstr (tally_dashboard_get_uid (dashboard), ==, uid);
  g_assert_cmpstr (tally_dashboard_get_source (dashboard), ==, "local");

  /* Canonical: what the writer makes of it is the file, byte for byte. */
  written = tally_dashboard_to_data (dashboard, &length);
  check_canonical (uid, bytes, written, length);

  check_panels (dashboard);
  check_grid (dashboard);
}

/* Every panel's query, as the window runs it (its own range, the
 * dashboard's filters), answers from the demo store with real data. */
static void
test_builtin_data (gconstpointer data)
{
  const char *uid = data;
  g_autoptr(TallyDashboard) dashboard = load_builtin (uid);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (NOW);
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *panels = tally_dashboard_get_panels (dashboard);
  guint n_queried = 0;

  store = tally_store_open_read_only (store_path, &error);
  g_assert_no_error (error);
  range = tally_time_range_parse (tally_dashboard_get_time_from (dashboard),
                                  tally_dashboard_get_time_to (dashboard), now, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      g_autoptr(TallyTimeRange) panel_range = NULL;
      g_autoptr(TallyQuery) query = NULL;
      g_autoptr(TallyFrame) frame = NULL;
      TallyPanelType type = tally_panel_get_panel_type (panel);

      /* The alert history, not a query: test-alert-panel reads it. */
      if (type == TALLY_PANEL_ALERTS)
        continue;
      panel_range = tally_dashboard_get_panel_range (dashboard, panel, range, &error);
      g_assert_no_error (error);
      query = tally_dashboard_apply_filters (dashboard, tally_panel_get_query (panel));
      frame = tally_store_query (store, query, panel_range, NULL, &error);
      g_assert_no_error (error);

      g_test_message ("%s: “%s”", uid, tally_panel_get_title (panel));
      g_assert_cmpint (tally_frame_get_shape (frame), ==, tally_panel_type_get_shape (type, query));
      if (!tally_test_frame_has_data (frame))
        g_error ("%s: the panel “%s” has no data", uid, tally_panel_get_title (panel));
      n_queried++;
    }

  g_assert_cmpuint (n_queried, >, 0);
}

/* The usage the utilisation gauges divide by their limits, read from the
 * events table with SQL of the test's own: the busiest UTC minute of the
 * week before NOW (requests, input + output tokens), the requests since
 * midnight and the cost since the 1st in millionths of a dollar. */
static gint64
sql_usage (const char *what,
           gint64      from)
{
  g_autofree char *sql = NULL;
  gint64 to_ms = NOW * 1000;

  if (g_str_equal (what, "peak_requests"))
    sql = g_strdup_printf ("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM events"
                           " WHERE time_ms >= %" G_GINT64_FORMAT " AND time_ms < %" G_GINT64_FORMAT
                           " GROUP BY time_ms / 60000)", from * 1000, to_ms);
  else if (g_str_equal (what, "peak_tokens"))
    sql = g_strdup_printf ("SELECT MAX(n) FROM (SELECT SUM(COALESCE(input_tokens, 0) + COALESCE(output_tokens, 0))"
                           " AS n FROM events WHERE time_ms >= %" G_GINT64_FORMAT " AND time_ms < %" G_GINT64_FORMAT
                           " GROUP BY time_ms / 60000)", from * 1000, to_ms);
  else if (g_str_equal (what, "requests"))
    sql = g_strdup_printf ("SELECT COUNT(*) FROM events WHERE time_ms >= %" G_GINT64_FORMAT
                           " AND time_ms < %" G_GINT64_FORMAT, from * 1000, to_ms);
  else
    sql = g_strdup_printf ("SELECT CAST(ROUND(SUM(cost) * 1000000) AS INTEGER) FROM events WHERE time_ms >= %"
                           G_GINT64_FORMAT " AND time_ms < %" G_GINT64_FORMAT, from * 1000, to_ms);

  return tally_test_sql_int (store_path, NULL, sql);
}

/* The Rate Limits dashboard's gauges, as the window queries them, against
 * the ratios worked out by hand from the events and the test's limits. */
static void
test_rate_limits_gauges (void)
{
  g_autoptr(TallyDashboard) dashboard = load_builtin ("rate-limits");
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (NOW);
  g_autoptr(GDateTime) month = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now), 1, 0, 0, 0);
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *panels = tally_dashboard_get_panels (dashboard);
  gint64 week_ago = NOW - 7 * 86400;
  double expected[4];
  const char *metrics[] = { "rpm_utilization", "tpm_utilization", "rpd_utilization", "budget_utilization" };
  guint n_gauges = 0;

  expected[0] = (double) sql_usage ("peak_requests", week_ago) / RPM;
  expected[1] = (double) sql_usage ("peak_tokens", week_ago) / TPM;
  expected[2] = (double) sql_usage ("requests", NOW - NOW % 86400) / RPD;
  expected[3] = sql_usage ("cost", g_date_time_to_unix (month)) / 1e6 / 1.0;
  g_test_message ("expected rpm %g, tpm %g, rpd %g, budget %g", expected[0], expected[1], expected[2], expected[3]);
  for (guint k = 0; k < 3; k++)
    {
      g_assert_cmpfloat (expected[k], >, 0);
      g_assert_cmpfloat (expected[k], <=, 1);
    }

  store = tally_store_open_read_only (store_path, &error);
  g_assert_no_error (error);
  range = tally_time_range_parse (tally_dashboard_get_time_from (dashboard),
                                  tally_dashboard_get_time_to (dashboard), now, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      g_autoptr(TallyTimeRange) panel_range = NULL;
      g_autoptr(TallyQuery) query = NULL;
      g_autoptr(TallyFrame) frame = NULL;
      guint k;

      if (tally_panel_get_panel_type (panel) != TALLY_PANEL_GAUGE)
        continue;
      panel_range = tally_dashboard_get_panel_range (dashboard, panel, range, &error);
      g_assert_no_error (error);
      query = tally_dashboard_apply_filters (dashboard, tally_panel_get_query (panel));
      for (k = 0; k < G_N_ELEMENTS (metrics); k++)
        if (g_str_equal (tally_metric_to_string (query->metric), metrics[k]))
          break;
      g_assert_cmpuint (k, <, G_N_ELEMENTS (metrics));

      frame = tally_store_query (store, query, panel_range, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (tally_frame_get_value (frame), expected[k], 1e-6 * MAX (1, expected[k]));
      n_gauges++;
    }

  g_assert_cmpuint (n_gauges, ==, 4);
}

/* Without limits, the utilisation panels of Rate Limits are drawn with a
 * message that says which limit to set, and the other panels still draw. */
static void
test_rate_limits_without_limits (void)
{
  g_autoptr(TallyDashboard) dashboard = load_builtin ("rate-limits");
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (NOW);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyDashboardRender) layout = tally_dashboard_render_new (dashboard, theme, utc);
  g_autofree char *limits = g_build_filename (g_get_user_config_dir (), "tally", "limits.json", NULL);
  g_autofree char *aside = g_strconcat (limits, ".aside", NULL);
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *panels = tally_dashboard_get_panels (dashboard);
  const char *wanted[][2] = {
    { "rpm_utilization", "Set a requests-per-minute limit (rpm) in limits.json to see rpm_utilization" },
    { "tpm_utilization", "Set a tokens-per-minute limit (tpm) in limits.json to see tpm_utilization" },
    { "rpd_utilization", "Set a requests-per-day limit (rpd) in limits.json to see rpd_utilization" },
    { "budget_utilization", "Set a daily or monthly budget (budget.daily or budget.monthly) in limits.json" },
  };
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_messages = 0;

  store = tally_store_open_read_only (store_path, &error);
  g_assert_no_error (error);
  range = tally_time_range_parse (tally_dashboard_get_time_from (dashboard),
                                  tally_dashboard_get_time_to (dashboard), now, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_rename (limits, aside), ==, 0);
  /* The four gauges and the utilisation line fail, nothing else. */
  g_assert_cmpuint (tally_dashboard_render_run_queries (layout, store, range), ==, 5);
  g_assert_cmpint (g_rename (aside, limits), ==, 0);

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      TallyChart *chart = tally_dashboard_render_get_chart (layout, tally_panel_get_id (panel));
      const char *metric = tally_metric_to_string (tally_panel_get_query (panel)->metric);
      const char *message = tally_chart_get_error (chart);

      for (guint k = 0; k < G_N_ELEMENTS (wanted); k++)
        if (g_str_equal (metric, wanted[k][0]))
          {
            g_assert_nonnull (message);
            g_assert_true (g_str_has_prefix (message, wanted[k][1]));
            n_messages++;
          }
    }
  g_assert_cmpuint (n_messages, ==, 5);

  /* The messages draw. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600,
                                        (int) round (tally_dashboard_render_get_height (layout, 1600)));
  cr = cairo_create (surface);
  tally_dashboard_render_set_size (layout, 1600, cairo_image_surface_get_height (surface));
  tally_dashboard_render_draw (layout, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The red, green and blue of the pixel at (@x, @y), summed. */
static guint
brightness (cairo_surface_t *surface,
            int              x,
            int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);

  return ((pixel >> 16) & 0xff) + ((pixel >> 8) & 0xff) + (pixel & 0xff);
}

static cairo_surface_t *
render_builtin (const char *uid,
                const char *style)
{
  g_autofree char *uri = g_strconcat ("resource://", DASHBOARDS_PATH, uid, ".json", NULL);
  g_autofree char *png = g_strdup_printf ("%s/%s-%s.png", tmp_dir, uid, style);
  g_autoptr(GDateTime) to = g_date_time_new_from_unix_utc (NOW);
  g_autoptr(GDateTime) from = g_date_time_add_days (to, -1);
  g_autofree char *from_text = g_date_time_format_iso8601 (from);
  g_autofree char *to_text = g_date_time_format_iso8601 (to);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "render", uri, "-o", png, "--db", store_path, "--from", from_text,
                         "--to", to_text, g_str_equal (style, "dark") ? "--dark" : NULL, NULL };
  cairo_surface_t *surface;
  int status;

  g_assert_true (tally_test_run_tally (args, NULL, &out, &err, &status));
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* `tally render` draws each built-in, straight from the resource, as
 * tall as its grid: light and dark. */
static void
test_builtin_render (gconstpointer data)
{
  const char *uid = data;
  g_autoptr(TallyDashboard) dashboard = load_builtin (uid);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyDashboardRender) layout = tally_dashboard_render_new (dashboard, theme, utc);
  cairo_surface_t *light = render_builtin (uid, "light");
  cairo_surface_t *dark = render_builtin (uid, "dark");

  g_assert_cmpint (cairo_image_surface_get_width (light), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (light), ==,
                   (int) round (tally_dashboard_render_get_height (layout, 1600)));
  g_assert_cmpint (cairo_image_surface_get_height (dark), ==,
                   cairo_image_surface_get_height (light));

  /* The page behind the cards: light on light, dark on dark. */
  g_assert_cmpuint (brightness (light, 2, 2), >, 3 * 200);
  g_assert_cmpuint (brightness (dark, 2, 2), <, 3 * 60);

  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

static void
add_tests (const char *name,
           GTestDataFunc func)
{
  for (guint i = 0; i < G_N_ELEMENTS (uids); i++)
    {
      g_autofree char *path = g_strdup_printf ("/tally/builtin-dashboards/%s/%s", name, uids[i]);

      g_test_add_data_func (path, uids[i], func);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tally_test_init (&argc, &argv);
  build_store ();

  g_test_add_func ("/tally/builtin-dashboards/uids", test_builtin_uids);
  add_tests ("valid", test_builtin_valid);
  add_tests ("data", test_builtin_data);
  add_tests ("render", test_builtin_render);
  g_test_add_func ("/tally/builtin-dashboards/rate-limits-gauges", test_rate_limits_gauges);
  g_test_add_func ("/tally/builtin-dashboards/rate-limits-without-limits", test_rate_limits_without_limits);

  status = g_test_run ();
  g_free (store_path);
  g_free (tmp_dir);

  return status;
}
