/* test-chart-heatmap.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Heatmaps: the largest cell wears the scale's top colour, zero its
 * lowest, a null cell is neither (background with an outline); latency
 * rows go up; a wide latency × time matrix, painted as an image, keeps
 * the same colours. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-chart.h"
#include "tally-test-pixels.h"
#include "tally-test-utils.h"

#define W 520
#define H 260
#define T0 1763856000

typedef struct
{
  double x;
  double y;
  int    count;
} Centre;

static TallyChart *
new_chart (TallyFrame             *frame,
           TallyChartThemeVariant  variant)
{
  return tally_test_chart_new (TALLY_CHART_HEATMAP, variant, frame, NULL, W, H);
}

static TallyFrame *
week_frame (void)
{
  static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  g_autoptr(GPtrArray) hours = g_ptr_array_new_with_free_func (g_free);
  TallyFrame *frame;

  for (guint h = 0; h < 24; h++)
    g_ptr_array_add (hours, g_strdup_printf ("%02u", h));
  frame = tally_frame_new_matrix ("requests", "count", "requests", days, 7,
                                  (const char * const *) hours->pdata, 24);
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      tally_frame_set_cell (frame, d, h, d * 24 + h);
  tally_frame_set_cell (frame, 2, 14, 1000);   /* the peak */
  tally_frame_set_cell (frame, 0, 0, 0);       /* zero: nothing happened */
  tally_frame_set_cell (frame, 6, 23, NAN);    /* null: no data */
  return frame;
}

/* The centre of each cell, found by sweeping hit tests over the chart. */
static Centre *
cell_centres (TallyChart *chart,
              guint       n_rows,
              guint       n_columns)
{
  Centre *centres = g_new0 (Centre, n_rows * n_columns);

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, x + 0.5, y + 0.5);
        Centre *c;

        if (hit == NULL || hit->kind != TALLY_CHART_HIT_CELL)
          continue;
        c = &centres[hit->index * n_columns + hit->column];
        c->x += x;
        c->y += y;
        c->count++;
      }
  for (guint i = 0; i < n_rows * n_columns; i++)
    {
      g_assert_cmpint (centres[i].count, >, 0);
      centres[i].x /= centres[i].count;
      centres[i].y /= centres[i].count;
    }
  return centres;
}

static TallyTestPixel
at (cairo_surface_t *surface,
    const Centre    *c)
{
  return tally_test_pixel (surface, (int) c->x, (int) c->y);
}

static void
check_week (TallyChartThemeVariant variant)
{
  g_autoptr(TallyFrame) frame = week_frame ();
  g_autoptr(TallyChart) chart = new_chart (frame, variant);
  g_autoptr(cairo_surface_t) surface = tally_test_render (chart, W, H);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (variant);
  g_autofree Centre *centres = cell_centres (chart, 7, 24);
  TallyTestPixel top = tally_test_theme_heat (theme, TALLY_CHART_HEAT_STOPS - 1);
  TallyTestPixel low = tally_test_theme_heat (theme, 0);
  TallyTestPixel bg = tally_test_theme_color (theme, TALLY_CHART_COLOR_BACKGROUND);
  TallyTestPixel peak, zero, empty, mid;

  tally_test_save_surface (surface, variant ? "heatmap-dark" : "heatmap-light");
  peak = at (surface, &centres[2 * 24 + 14]);
  zero = at (surface, &centres[0]);
  empty = at (surface, &centres[6 * 24 + 23]);
  mid = at (surface, &centres[3 * 24 + 5]);

  g_assert_cmpint (tally_test_pixel_distance (peak, top), <=, 2);
  g_assert_cmpint (tally_test_pixel_distance (zero, low), <=, 2);
  /* A null cell is empty: not the colour of zero, nor of anything. */
  g_assert_cmpint (tally_test_pixel_distance (empty, bg), <=, 2);
  g_assert_cmpint (tally_test_pixel_distance (empty, zero), >, 8);
  g_assert_cmpint (tally_test_pixel_distance (mid, zero), >, 2);
  g_assert_cmpint (tally_test_pixel_distance (mid, peak), >, 20);

  /* Rows top to bottom in the frame's order for days; columns left to right. */
  g_assert_cmpfloat (centres[0].y, <, centres[6 * 24].y);
  g_assert_cmpfloat (centres[0].x, <, centres[23].x);
}

static void
test_heatmap_week_light (void)
{
  check_week (TALLY_CHART_THEME_LIGHT);
}

static void
test_heatmap_week_dark (void)
{
  check_week (TALLY_CHART_THEME_DARK);
}

static void
test_heatmap_hit_test (void)
{
  g_autoptr(TallyFrame) frame = week_frame ();
  g_autoptr(TallyChart) chart = new_chart (frame, TALLY_CHART_THEME_LIGHT);
  g_autofree Centre *centres = cell_centres (chart, 7, 24);
  g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, centres[2 * 24 + 14].x, centres[2 * 24 + 14].y);
  g_autoptr(TallyChartHit) empty = tally_chart_hit_test (chart, centres[6 * 24 + 23].x, centres[6 * 24 + 23].y);
  g_autofree char *text = tally_chart_describe (chart);

  g_assert_cmpint (hit->index, ==, 2);
  g_assert_cmpint (hit->column, ==, 14);
  g_assert_cmpfloat (hit->value, ==, 1000);
  g_assert_cmpstr (hit->text, ==, "Wed, 14:00\n1000");
  g_assert_true (isnan (empty->value));
  g_assert_cmpstr (empty->value_text, ==, "No data");
  g_assert_cmpstr (text, ==, "Requests, 7 × 24 cells, highest 1000 at Wed, 14:00");
}

/* The store's latency × time matrix: rows fastest first, drawn bottom-up;
 * columns are Unix seconds; 500 of them are painted as an image. */
static void
test_heatmap_latency_image (void)
{
  static const char *rows[] = { "<100 ms", "100–250 ms", "250–500 ms", "0.5–1 s", "1–2.5 s" };
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel top = tally_test_theme_heat (theme, TALLY_CHART_HEAT_STOPS - 1);
  TallyTestPixel bg = tally_test_theme_color (theme, TALLY_CHART_COLOR_BACKGROUND);
  g_autoptr(TallyChartHit) bottom = NULL;
  g_autoptr(TallyChartHit) peak = NULL;
  guint n = 500;

  for (guint c = 0; c < n; c++)
    g_ptr_array_add (columns, g_strdup_printf ("%d", T0 + c * 60));
  frame = tally_frame_new_matrix ("latency", "count", "requests", rows, 5,
                                  (const char * const *) columns->pdata, n);
  for (guint r = 0; r < 5; r++)
    for (guint c = 0; c < n; c++)
      tally_frame_set_cell (frame, r, c, c >= 200 && c < 220 ? NAN : 10 * (5 - r));
  for (guint c = 300; c < 340; c++)
    tally_frame_set_cell (frame, 0, c, 500);
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, "heatmap-latency");

  /* The fastest row is at the bottom of the grid. */
  for (int y = H - 1; y > 0 && bottom == NULL; y--)
    bottom = tally_chart_hit_test (chart, W / 2, y);
  g_assert_nonnull (bottom);
  g_assert_cmpint (bottom->index, ==, 0);
  g_assert_nonnull (strstr (bottom->label, "<100 ms, Nov 23, "));

  /* The peak, column 320 of row 0, is the top colour; the null columns
   * are background. */
  /* Cells are under a pixel wide here: sweep in quarter pixels. */
  for (double x = 0; x < W && peak == NULL; x += 0.25)
    {
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, x, bottom->y);

      if (hit != NULL && hit->column == 320)
        peak = g_steal_pointer (&hit);
    }
  g_assert_nonnull (peak);
  g_assert_cmpfloat (peak->value, ==, 500);
  g_assert_true (tally_test_pixel_near (surface, (int) peak->x - 1, (int) peak->y, top, 2));
  {
    g_autoptr(TallyChartHit) hole = NULL;

    for (double x = 0; x < W && hole == NULL; x += 0.25)
      {
        g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, x, bottom->y);

        if (hit != NULL && hit->column == 210)
          hole = g_steal_pointer (&hit);
      }
    g_assert_nonnull (hole);
    g_assert_true (isnan (hole->value));
    g_assert_true (tally_test_pixel_near (surface, (int) hole->x - 1, (int) hole->y, bg, 2));
  }
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-heatmap/week-light", test_heatmap_week_light);
  g_test_add_func ("/tally/chart-heatmap/week-dark", test_heatmap_week_dark);
  g_test_add_func ("/tally/chart-heatmap/hit-test", test_heatmap_hit_test);
  g_test_add_func ("/tally/chart-heatmap/latency-image", test_heatmap_latency_image);

  return g_test_run ();
}
