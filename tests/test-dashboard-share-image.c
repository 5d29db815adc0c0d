/* test-dashboard-share-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* "Export as Image" into real files: a PNG of the width asked and the
 * dashboard's height, whose cards show the theme's card background over
 * the page in light and in dark, and whose panels show the frames given
 * (no query runs); SVG and PDF files that are what they say; a refused
 * extension or an unwritable place leaves no file. */

#include "config.h"

#include <string.h>

#include "tally-dashboard-render.h"
#include "tally-dashboard-share.h"
#include "tally-error.h"
#include "tally-test-dashboard.h"
#include "tally-test-gui.h"

#define WIDTH 1000

/* A stat card (id 1) on the left half, a line chart (id 2) on the right. */
static const char *LAYOUT =
  "{\"format\":\"tally-dashboard\",\"version\":1,\"uid\":\"img\",\"title\":\"Image\","
  "\"panels\":[{\"id\":1,\"type\":\"stat\",\"title\":\"Errors\","
  "\"gridPos\":{\"x\":0,\"y\":0,\"w\":12,\"h\":8},"
  "\"query\":{\"metric\":\"error_rate\",\"stat\":\"avg\"},\"options\":{\"unit\":\"percent\"}},"
  "{\"id\":2,\"type\":\"line\",\"title\":\"Requests\","
  "\"gridPos\":{\"x\":12,\"y\":0,\"w\":12,\"h\":8},"
  "\"query\":{\"metric\":\"requests\",\"stat\":\"count\",\"group_by\":\"model\"}}]}";

typedef struct
{
  char           *tmp;
  TallyDashboard *dashboard;
  GHashTable     *frames;
  GTimeZone      *utc;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GListModel *panels;

  f->tmp = tally_test_make_tmp_dir ();
  f->dashboard = tally_dashboard_new_from_data (LAYOUT, -1, NULL);
  g_assert_nonnull (f->dashboard);
  f->utc = g_time_zone_new_utc ();
  f->frames = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) tally_frame_unref);
  panels = tally_dashboard_get_panels (f->dashboard);
  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);

      g_hash_table_insert (f->frames, GUINT_TO_POINTER (tally_panel_get_id (panel)),
                           tdv_frame_for (panel));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_hash_table_unref (f->frames);
  g_time_zone_unref (f->utc);
  g_assert_finalize_object (f->dashboard);
  g_free (f->tmp);
}

/* Where the render puts panel @id at WIDTH, and the page's height. */
static void
panel_rect (Fixture *f,
            guint    id,
            double  *x,
            double  *y,
            double  *w,
            double  *h,
            double  *page_height)
{
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  g_autoptr(TallyDashboardRender) render = tally_dashboard_render_new (f->dashboard, theme, f->utc);

  *page_height = tally_dashboard_render_get_height (render, WIDTH);
  tally_dashboard_render_set_size (render, WIDTH, *page_height);
  g_assert_true (tally_dashboard_render_get_panel_rect (render, id, x, y, w, h));
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       double           rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 p = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);

  rgb[0] = ((p >> 16) & 0xff) / 255.0;
  rgb[1] = ((p >> 8) & 0xff) / 255.0;
  rgb[2] = (p & 0xff) / 255.0;
}

static void
assert_color (const double     rgb[3],
              const TallyRgba *expected)
{
  g_assert_cmpfloat_with_epsilon (rgb[0], expected->red, 2.5 / 255);
  g_assert_cmpfloat_with_epsilon (rgb[1], expected->green, 2.5 / 255);
  g_assert_cmpfloat_with_epsilon (rgb[2], expected->blue, 2.5 / 255);
}

static cairo_surface_t *
export_png (Fixture    *f,
            const char *name,
            GHashTable *frames,
            gboolean    dark)
{
  g_autofree char *path = g_build_filename (f->tmp, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_assert_true (tally_dashboard_share_image_to_file (f->dashboard, frames, f->utc, dark, WIDTH,
                                                      file, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  return surface;
}

/* The card's background, just inside its bottom-left corner where no
 * chart draws, and the page beside the card. */
static void
check_backgrounds (Fixture         *f,
                   cairo_surface_t *surface,
                   TallyChartThemeVariant variant)
{
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (variant);
  const TallyRgba *card_bg = tally_chart_theme_get_color (theme, TALLY_CHART_COLOR_BACKGROUND);
  double x, y, w, h, page_height, card[3], page[3];

  panel_rect (f, 1, &x, &y, &w, &h, &page_height);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int) ceil (page_height));

  pixel (surface, (int) (x + 16), (int) (y + h - 16), card);
  assert_color (card, card_bg);
  pixel (surface, (int) (x / 2), (int) (y + h / 2), page);
  g_assert_cmpfloat (fabs (tally_test_luminance (page) - tally_test_luminance (card)), >, 0.01);
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  cairo_surface_t *light = export_png (f, "light.png", f->frames, FALSE);
  cairo_surface_t *dark = export_png (f, "dark.png", f->frames, TRUE);
  double light_rgb[3], dark_rgb[3], x, y, w, h, page_height;

  check_backgrounds (f, light, TALLY_CHART_THEME_LIGHT);
  check_backgrounds (f, dark, TALLY_CHART_THEME_DARK);

  panel_rect (f, 1, &x, &y, &w, &h, &page_height);
  pixel (light, (int) (x + 16), (int) (y + h - 16), light_rgb);
  pixel (dark, (int) (x + 16), (int) (y + h - 16), dark_rgb);
  g_assert_cmpfloat (tally_test_luminance (light_rgb), >, 0.8);
  g_assert_cmpfloat (tally_test_luminance (dark_rgb), <, 0.3);

  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

/* Count the pixels of the stat card that differ between two images. */
static guint
card_difference (Fixture         *f,
                 cairo_surface_t *a,
                 cairo_surface_t *b)
{
  double x, y, w, h, page_height;
  guint differ = 0;

  panel_rect (f, 1, &x, &y, &w, &h, &page_height);
  for (int py = (int) y; py < (int) (y + h); py++)
    for (int px = (int) x; px < (int) (x + w); px++)
      {
        double pa[3], pb[3];

        pixel (a, px, py, pa);
        pixel (b, px, py, pb);
        if (fabs (pa[0] - pb[0]) + fabs (pa[1] - pb[1]) + fabs (pa[2] - pb[2]) > 0.1)
          differ++;
      }

  return differ;
}

/* The image shows the frames it is given: the stat's value appears with
 * its frame, and a panel without one says so rather than running a
 * query. */
static void
test_frames_shown (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) other = g_hash_table_new_full (NULL, NULL, NULL,
                                                       (GDestroyNotify) tally_frame_unref);
  cairo_surface_t *with = export_png (f, "with.png", f->frames, FALSE);
  cairo_surface_t *again = export_png (f, "again.png", f->frames, FALSE);
  cairo_surface_t *changed = NULL;
  cairo_surface_t *without = export_png (f, "without.png", NULL, FALSE);

  g_hash_table_insert (other, GUINT_TO_POINTER (1),
                       tally_frame_new_scalar ("error_rate", "avg", "percent", 0.5, 0.05));
  changed = export_png (f, "changed.png", other, FALSE);

  g_assert_cmpuint (card_difference (f, with, again), ==, 0);
  g_assert_cmpuint (card_difference (f, with, changed), >, 50);
  g_assert_cmpuint (card_difference (f, with, without), >, 50);

  cairo_surface_destroy (with);
  cairo_surface_destroy (again);
  cairo_surface_destroy (changed);
  cairo_surface_destroy (without);
}

static void
test_vector (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *svg_path = g_build_filename (f->tmp, "d.svg", NULL);
  g_autofree char *pdf_path = g_build_filename (f->tmp, "d.PDF", NULL);
  g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autofree char *svg_data = NULL;
  g_autofree char *pdf_data = NULL;
  g_autofree char *width = g_strdup_printf ("width=\"%d\"", WIDTH);
  g_autoptr(GError) error = NULL;
  gsize pdf_length;

  g_assert_true (tally_dashboard_share_image_to_file (f->dashboard, f->frames, f->utc, FALSE, WIDTH,
                                                      svg, &error));
  g_assert_true (tally_dashboard_share_image_to_file (f->dashboard, f->frames, f->utc, FALSE, WIDTH,
                                                      pdf, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (svg_path, &svg_data, NULL, NULL));
  g_assert_true (g_str_has_prefix (svg_data, "<?xml"));
  g_assert_nonnull (strstr (svg_data, "<svg"));
  g_assert_nonnull (strstr (svg_data, width));
  g_assert_true (g_file_get_contents (pdf_path, &pdf_data, &pdf_length, NULL));
  g_assert_true (g_str_has_prefix (pdf_data, "%PDF-"));
  /* The trailer is there: the document was finished, not cut short. */
  g_assert_cmpuint (pdf_length, >, 16);
  g_assert_nonnull (g_strstr_len (pdf_data + pdf_length - 16, 16, "%%EOF"));
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *gif_path = g_build_filename (f->tmp, "d.gif", NULL);
  g_autofree char *missing = g_build_filename (f->tmp, "no-such-dir", "d.png", NULL);
  g_autoptr(GFile) gif = g_file_new_for_path (gif_path);
  g_autoptr(GFile) unwritable = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;

  g_assert_false (tally_dashboard_share_image_to_file (f->dashboard, f->frames, f->utc, FALSE,
                                                       WIDTH, gif, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "d.gif: the file name must end in .png, .svg or .pdf");
  g_clear_error (&error);

  g_assert_false (tally_dashboard_share_image_to_file (f->dashboard, f->frames, f->utc, FALSE,
                                                       WIDTH, unwritable, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));

  /* Nothing was left behind: no file, no temporary one. */
  dir = g_dir_open (f->tmp, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
}

int
main (int    argc,
      char **argv)
{
  tally_test_gui_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/tally/dashboard-share-image/png", test_png);
  ADD ("/tally/dashboard-share-image/frames-shown", test_frames_shown);
  ADD ("/tally/dashboard-share-image/vector", test_vector);
  ADD ("/tally/dashboard-share-image/refused", test_refused);
#undef ADD

  return g_test_run ();
}
