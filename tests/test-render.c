/* test-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally render` as a user runs it, on a real store: a PNG of the asked
 * size whose panels are drawn where the grid puts them, an SVG that is
 * XML, a one-page PDF, an alerts panel listing the store's alerts, and
 * each failure with its message and no file. */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>

#include "tally-dashboard-render.h"
#include "tally-store.h"
#include "tally-test-alerts.h"
#include "tally-test-events.h"
#include "tally-test-pixels.h"
#include "tally-test-utils.h"

typedef struct
{
  char *dir;
  char *db;
  char *layout;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gint64 now_ms = g_get_real_time () / 1000;
  g_autoptr(GPtrArray) events = tally_test_make_events (21, 3000, now_ms - 20 * 3600 * 1000, now_ms);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = NULL;

  f->dir = tally_test_make_tmp_dir ();
  f->db = g_build_filename (f->dir, "usage.db", NULL);
  f->layout = g_test_build_filename (G_TEST_DIST, "data", "dashboards", "example.json", NULL);
  store = tally_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (tally_store_ingest (store, events, &error));
  g_assert_true (tally_store_flush (store, &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->dir);
  g_free (f->db);
  g_free (f->layout);
}

static int
render (Fixture     *f,
        const char  *output,
        const char  *extra,
        char       **err)
{
  g_auto(GStrv) more = extra ? g_strsplit (extra, " ", -1) : g_new0 (char *, 1);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  int status;

  g_ptr_array_add (args, "render");
  g_ptr_array_add (args, f->layout);
  g_ptr_array_add (args, "-o");
  g_ptr_array_add (args, (char *) output);
  g_ptr_array_add (args, "--db");
  g_ptr_array_add (args, f->db);
  for (guint i = 0; more[i] != NULL; i++)
    g_ptr_array_add (args, more[i]);
  g_ptr_array_add (args, NULL);

  tally_test_run_tally ((const char * const *) args->pdata, NULL, &out, err, &status);
  return status;
}

/* How many pixels of @surface's rectangle differ from its top-left pixel. */
static guint
inked (cairo_surface_t *surface,
       int              x0,
       int              y0,
       int              w,
       int              h)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 background = *(const guint32 *) (data + y0 * stride + x0 * 4);
  guint count = 0;

  for (int y = y0; y < y0 + h; y++)
    for (int x = x0; x < x0 + w; x++)
      count += *(const guint32 *) (data + y * stride + x * 4) != background;

  return count;
}

static void
test_render_png (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *output = g_build_filename (f->dir, "prod.png", NULL);
  g_autofree char *err = NULL;
  cairo_surface_t *surface;
  guint32 page;

  g_assert_cmpint (render (f, output, "--size 1600x1000", &err), ==, 0);
  g_assert_cmpstr (err, ==, "");

  surface = cairo_image_surface_create_from_png (output);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1000);

  /* The page's margin holds nothing; every panel's card holds a chart.
   * With 24 columns of (1600 − 32 − 230) / 24 and rows fitted to 1000 px,
   * the grid's panels start at these places (example.json). */
  page = *(const guint32 *) cairo_image_surface_get_data (surface);
  g_assert_cmpuint (inked (surface, 0, 200, 12, 600), ==, 0);
  g_assert_cmpuint (inked (surface, 30, 90, 300, 100), >, 500);     /* error-rate stat, x 0–5 */
  g_assert_cmpuint (inked (surface, 600, 90, 900, 150), >, 100);    /* latency line, x 6–23 */
  g_assert_cmpuint (inked (surface, 40, 620, 1500, 100), >, 2000);  /* heatmap, full width */
  g_assert_cmpuint (page, !=, 0);
  cairo_surface_destroy (surface);
}

static void
test_render_svg_pdf (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *svg = g_build_filename (f->dir, "prod.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "prod.pdf", NULL);
  g_autofree char *err = NULL, *err2 = NULL, *info = NULL, *xml_err = NULL;
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  int status;

  g_assert_cmpint (render (f, svg, "--dark", &err), ==, 0);
  g_assert_cmpint (render (f, pdf, NULL, &err2), ==, 0);

  if (xmllint == NULL)
    g_test_skip ("xmllint is not installed: make deps installs it");
  else
    {
      const char *argv[] = { xmllint, "--noout", svg, NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                   NULL, &xml_err, &status, NULL));
      g_assert_cmpint (status, ==, 0);
    }

  if (pdfinfo == NULL)
    g_test_skip ("pdfinfo is not installed: make deps installs poppler-utils");
  else
    {
      const char *argv[] = { pdfinfo, pdf, NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &info, NULL,
                                   &status, NULL));
      g_assert_cmpint (status, ==, 0);
      g_assert_nonnull (strstr (info, "Pages:"));
      g_assert_cmpint (g_ascii_strtoll (strstr (info, "Pages:") + strlen ("Pages:"), NULL, 10), ==, 1);
    }
}

/* Each failure says why and writes nothing, not even a partial file. */
static void
test_render_failures (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *jpg = g_build_filename (f->dir, "prod.jpg", NULL);
  g_autofree char *nodir = g_build_filename (f->dir, "missing", "prod.png", NULL);
  g_autofree char *png = g_build_filename (f->dir, "bad.png", NULL);
  g_autofree char *bad_layout = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *err = NULL, *err2 = NULL, *err3 = NULL, *err4 = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_cmpint (render (f, jpg, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "the file name must end in .png, .svg or .pdf"));

  g_assert_cmpint (render (f, nodir, NULL, &err2), ==, 1);
  g_assert_nonnull (strstr (err2, "Cannot write in"));

  g_assert_cmpint (render (f, png, "--size 10x10", &err3), ==, 2);
  g_assert_nonnull (strstr (err3, "--size must be WIDTHxHEIGHT"));

  g_assert_true (g_file_set_contents (bad_layout, "{\"format\":\"tally-dashboard\",\"version\":9}", -1, NULL));
  g_free (f->layout);
  f->layout = g_strdup (bad_layout);
  g_assert_cmpint (render (f, png, NULL, &err4), ==, 1);
  g_assert_nonnull (strstr (err4, "this layout is version 9"));

  /* Nothing but the store and the bad layout in the folder. */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, "usage.db") || g_str_equal (name, "bad.json"));
}

static void
test_render_missing_store (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "x.png", NULL);
  g_autofree char *err = NULL;

  g_free (f->db);
  f->db = g_build_filename (f->dir, "none.db", NULL);
  g_assert_cmpint (render (f, png, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "There is no store at"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static const char alerts_layout[] =
  "{\"format\": \"tally-dashboard\", \"version\": 1, \"title\": \"Alerts\","
  " \"time\": {\"from\": \"now-1h\", \"to\": \"now\"}, \"panels\": ["
  " {\"id\": 1, \"type\": \"alerts\", \"title\": \"Alerts\","
  "  \"query\": {\"metric\": \"requests\", \"stat\": \"count\"},"
  "  \"gridPos\": {\"x\": 0, \"y\": 0, \"w\": 24, \"h\": 6}}]}";

/* Pixels of the light theme's @color in @surface's rectangle. */
static guint
count_color (cairo_surface_t *surface,
             TallyChartColor  color,
             double           x,
             double           y,
             double           width,
             double           height)
{
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);

  return tally_test_count_like (surface, (int) x, (int) y, (int) width, (int) height,
                                tally_test_theme_color (theme, color), 30);
}

/* An alerts panel in a file: the alerts of the store's history over the
 * range, the firing one first in the error colour and the warning in the
 * warning colour; a range without alerts draws neither. The frame the
 * file is drawn from holds the rows exactly. */
static void
test_render_alerts (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "alerts.png", NULL);
  g_autofree char *none = g_build_filename (f->dir, "none.png", NULL);
  g_autofree char *err = NULL, *err2 = NULL;
  gint64 t0 = g_get_real_time () / G_USEC_PER_SEC - 3600;
  g_autoptr(TallyDashboard) dashboard = tally_dashboard_new_from_data (alerts_layout, -1, NULL);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (t0, t0 + 3600, t0 + 3600, utc);
  g_autoptr(TallyDashboardRender) drawn = NULL;
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  TallyFrame *frame;
  double x, y, w, h;

  tally_test_alerts_write (f->db, t0);
  g_free (f->layout);
  f->layout = g_build_filename (f->dir, "alerts.json", NULL);
  g_assert_true (g_file_set_contents (f->layout, alerts_layout, -1, NULL));

  /* What `tally render` draws from: the render's own queries. */
  store = tally_store_open_read_only (f->db, &error);
  g_assert_no_error (error);
  drawn = tally_dashboard_render_new (dashboard, theme, utc);
  g_assert_cmpuint (tally_dashboard_render_run_queries (drawn, store, range), ==, 0);
  frame = tally_chart_get_frame (tally_dashboard_render_get_chart (drawn, 1));
  g_assert_nonnull (frame);
  g_assert_cmpuint (tally_frame_get_n_rows (frame), ==, 2);
  g_assert_cmpstr (tally_frame_get_string (frame, 0, 0), ==, "Firing");
  g_assert_cmpstr (tally_frame_get_string (frame, 0, 1), ==, "Critical");
  g_assert_cmpstr (tally_frame_get_string (frame, 0, 2), ==, "Daily budget exceeded");
  g_assert_cmpfloat (tally_frame_get_number (frame, 0, 4), ==, t0 + 1200);
  g_assert_cmpstr (tally_frame_get_string (frame, 1, 0), ==, "Resolved");
  g_assert_cmpstr (tally_frame_get_string (frame, 1, 2), ==, "Requests per minute near the limit");
  g_assert_cmpfloat (tally_frame_get_number (frame, 1, 5), ==, t0 + 600);
  tally_dashboard_render_set_size (drawn, 1600, 400);
  g_assert_true (tally_dashboard_render_get_panel_rect (drawn, 1, &x, &y, &w, &h));

  g_assert_cmpint (render (f, png, "--size 1600x400", &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (count_color (surface, TALLY_CHART_COLOR_ERROR, x, y, w, h), >, 20);
  g_assert_cmpuint (count_color (surface, TALLY_CHART_COLOR_WARNING, x, y, w, h), >, 10);
  cairo_surface_destroy (surface);

  g_assert_cmpint (render (f, none, "--size 1600x400 --from 2020-01-01T00:00:00Z "
                                    "--to 2020-01-02T00:00:00Z", &err2), ==, 0);
  surface = cairo_image_surface_create_from_png (none);
  g_assert_cmpuint (count_color (surface, TALLY_CHART_COLOR_ERROR, x, y, w, h), ==, 0);
  g_assert_cmpuint (count_color (surface, TALLY_CHART_COLOR_WARNING, x, y, w, h), ==, 0);
  g_assert_cmpuint (inked (surface, (int) x + 20, (int) y + 60, (int) w - 40, (int) h - 80), >, 100);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add ("/tally/render/png", Fixture, NULL, fixture_set_up, test_render_png, fixture_tear_down);
  g_test_add ("/tally/render/svg-pdf", Fixture, NULL, fixture_set_up, test_render_svg_pdf, fixture_tear_down);
  g_test_add ("/tally/render/failures", Fixture, NULL, fixture_set_up, test_render_failures, fixture_tear_down);
  g_test_add ("/tally/render/alerts", Fixture, NULL, fixture_set_up, test_render_alerts,
              fixture_tear_down);
  g_test_add ("/tally/render/missing-store", Fixture, NULL, fixture_set_up, test_render_missing_store,
              fixture_tear_down);

  return g_test_run ();
}
