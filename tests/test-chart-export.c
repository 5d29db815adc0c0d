/* test-chart-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Charts written to PNG (at a HiDPI scale), SVG and PDF files, and the
 * errors for a wrong extension or a folder that is not there. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "tally-chart-export.h"
#include "tally-error.h"
#include "tally-test-pixels.h"
#include "tally-test-utils.h"

#define W 300
#define H 200

static TallyChart *
line_chart (void)
{
  TallyChart *chart = tally_chart_new (TALLY_CHART_LINE);
  g_autoptr(TallyFrame) frame = NULL;
  gint64 buckets[48];
  double values[48];

  for (guint i = 0; i < 48; i++)
    buckets[i] = 1763856000 + i * 1800, values[i] = 50 + 40 * sin (i / 5.0);
  frame = tally_frame_new_timeseries ("requests", "count", "requests", 1800, buckets, 48);
  tally_frame_add_series (frame, "all", values);
  tally_chart_set_frame (chart, frame);
  tally_chart_set_size (chart, W, H);
  tally_chart_set_show_title (chart, TRUE);
  return chart;
}

static void
test_export_png (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.PNG", NULL);
  g_autoptr(TallyChart) chart = line_chart ();
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) image = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel ink = tally_test_theme_series (theme, 0);

  g_assert_true (tally_chart_export (chart, path, 2, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 2 * W);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 2 * H);
  g_assert_true (tally_test_pixel_near (image, 1, 1, (TallyTestPixel) { 255, 255, 255, 255 }, 0));
  g_assert_cmpuint (tally_test_count_like (image, 0, 0, 2 * W, 2 * H, ink, 16), >, 400);
  g_unlink (path);
  g_rmdir (dir);
}

static void
check_vector (const char *name,
              const char *magic)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(TallyChart) chart = line_chart ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (tally_chart_export (chart, path, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_nonnull (g_strstr_len (contents, MIN (length, 400), magic));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_svg (void)
{
  check_vector ("chart.svg", "<svg");
}

static void
test_export_pdf (void)
{
  check_vector ("chart.pdf", "%PDF-");
}

/* A dashboard: two charts on one page. */
static void
test_export_page (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "page.png", NULL);
  g_autoptr(TallyChart) left = line_chart ();
  g_autoptr(TallyChart) right = line_chart ();
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) image = NULL;
  cairo_surface_t *surface = tally_export_surface_new (path, 2 * W, H, 1, &error);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(TallyChartTheme) dark = tally_chart_theme_new (TALLY_CHART_THEME_DARK);

  tally_chart_set_theme (right, dark);
  tally_chart_draw (left, cr);
  cairo_translate (cr, W, 0);
  tally_chart_draw (right, cr);
  cairo_destroy (cr);
  g_assert_true (tally_export_surface_finish (surface, path, &error));
  image = cairo_image_surface_create_from_png (path);
  g_assert_true (tally_test_pixel_near (image, 2, 2, (TallyTestPixel) { 255, 255, 255, 255 }, 0));
  g_assert_true (tally_test_pixel_near (image, W + 2, 2, (TallyTestPixel) { 0x1e, 0x1e, 0x1e, 255 }, 0));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_errors (void)
{
  g_autoptr(TallyChart) chart = line_chart ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "no", "such", "chart.png", NULL);
  g_autofree char *missing_pdf = g_build_filename (dir, "no", "such", "chart.pdf", NULL);
  TallyExportFormat format;

  g_assert_false (tally_chart_export (chart, "chart.jpeg", 1, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "chart.jpeg: the file name must end in .png, .svg or .pdf");
  g_clear_error (&error);

  g_assert_false (tally_chart_export (chart, missing, 1, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "Could not write "));
  g_clear_error (&error);
  g_assert_false (tally_chart_export (chart, missing_pdf, 1, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_IO);

  g_assert_true (tally_export_format_from_filename ("a.Svg", &format));
  g_assert_cmpint (format, ==, TALLY_EXPORT_SVG);
  g_assert_false (tally_export_format_from_filename ("png", &format));
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-export/png", test_export_png);
  g_test_add_func ("/tally/chart-export/svg", test_export_svg);
  g_test_add_func ("/tally/chart-export/pdf", test_export_pdf);
  g_test_add_func ("/tally/chart-export/page", test_export_page);
  g_test_add_func ("/tally/chart-export/errors", test_export_errors);

  return g_test_run ();
}
