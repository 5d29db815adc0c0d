/* bench-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* How long a whole dashboard takes to redraw: twelve panels of every kind
 * (stats, a gauge, lines, bars, a donut, two heatmaps, a table of errors)
 * at 1600×900, on a week of demo traffic queried from a real store. The
 * window redraws like this on every expose, so the target is half a
 * 60 Hz frame: 8 ms.
 *
 * The baseline, measured in the same run, is the least any dashboard
 * redraw costs: the page and twelve empty cards with their titles. The
 * figures are the median of 41 redraws; the first draw after new data
 * (layouts computed again) is printed too. Times are never asserted. */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "tally-dashboard-render.h"
#include "tally-demo.h"
#include "tally-store.h"
#include "tally-test-demo.h"
#include "tally-test-utils.h"

#define WIDTH  1600
#define HEIGHT 900
#define RUNS   41

static TallyStore *
build_store (const char *path,
             gint64      now)
{
  TallyDemoParams params;

  tally_demo_params_init (&params);
  params.now = now;
  params.days = 7;

  return tally_test_make_demo_store (path, &params);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median_ms (void (*draw) (gpointer data, cairo_t *cr),
           gpointer data,
           cairo_t *cr)
{
  double runs[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      draw (data, cr);
      cairo_surface_flush (cairo_get_target (cr));
      runs[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (runs, RUNS, sizeof (double), compare_double);

  return runs[RUNS / 2];
}

static void
draw_dashboard (gpointer data,
                cairo_t *cr)
{
  tally_dashboard_render_draw (data, cr);
}

static void
draw_chart (gpointer data,
            cairo_t *cr)
{
  tally_chart_draw (data, cr);
}

/* Which panels the time goes to, for whoever tunes a renderer. */
static void
print_panels (TallyDashboardRender *render,
              TallyDashboard       *dashboard,
              cairo_t              *cr)
{
  GListModel *panels = tally_dashboard_get_panels (dashboard);

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      TallyChart *chart = tally_dashboard_render_get_chart (render, tally_panel_get_id (panel));

      g_print ("  %-30s %-8s %6.2f ms\n", tally_panel_get_title (panel),
               tally_panel_type_to_string (tally_panel_get_panel_type (panel)),
               median_ms (draw_chart, chart, cr));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *layout = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyDashboard) dashboard = NULL, empty = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyDashboardRender) render = NULL, cards = NULL;
  g_autoptr(TallyTimeRange) range = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gint64 now = 1795348800;   /* 2026-11-23 08:00 UTC */
  gint64 first_start;
  double first, redraw, baseline;

  tally_test_init (&argc, &argv);

  dir = tally_test_make_tmp_dir ();
  db = g_build_filename (dir, "usage.db", NULL);
  store = build_store (db, now);
  layout = g_test_build_filename (G_TEST_DIST, "data", "dashboards", "twelve-panels.json", NULL);
  file = g_file_new_for_path (layout);
  dashboard = tally_dashboard_new_from_file (file, &error);
  g_assert_no_error (error);
  range = tally_time_range_new (now - 7 * 86400, now, now, utc);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);

  render = tally_dashboard_render_new (dashboard, theme, utc);
  g_assert_cmpuint (tally_dashboard_render_run_queries (render, store, range), ==, 0);
  tally_dashboard_render_set_size (render, WIDTH, HEIGHT);
  first_start = g_get_monotonic_time ();
  tally_dashboard_render_draw (render, cr);
  first = (g_get_monotonic_time () - first_start) / 1000.0;
  redraw = median_ms (draw_dashboard, render, cr);

  /* The same page, cards and titles, each card saying it has no data. */
  empty = tally_dashboard_copy (dashboard);
  cards = tally_dashboard_render_new (empty, theme, utc);
  for (guint i = 1; i <= 12; i++)
    tally_dashboard_render_set_error (cards, i, NULL);
  tally_dashboard_render_set_size (cards, WIDTH, HEIGHT);
  baseline = median_ms (draw_dashboard, cards, cr);

  g_print ("12-panel dashboard, %dx%d, a week of demo traffic\n", WIDTH, HEIGHT);
  g_print ("first draw after new data (layouts computed): %.2f ms\n", first);
  g_print ("full redraw: %.2f ms (target ≤ 8 ms)\n", redraw);
  g_print ("baseline, the page and 12 cards with titles: %.2f ms\n", baseline);
  g_print ("redraw / baseline: %.2f×\n", redraw / baseline);
  g_print ("redraw of each panel alone:\n");
  print_panels (render, dashboard, cr);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
