/* test-chart-states.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What every chart type shares: loading, "no data in this range" and
 * errors look the same whatever the type; nothing is ever drawn outside
 * the chart's rectangle, hover layer included, in any theme; a chart that
 * keeps its last good frame shows the error over it; the accessible
 * description says which state it is in. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-chart.h"
#include "tally-test-pixels.h"
#include "tally-test-utils.h"

#define W 360
#define H 220
#define OX 37
#define OY 23
#define T0 1763856000

/* A frame each type draws, with data in it. */
static TallyFrame *
frame_for (TallyChartType type)
{
  switch (type)
    {
    case TALLY_CHART_STAT:
    case TALLY_CHART_GAUGE:
      {
        TallyFrame *frame = tally_frame_new_scalar ("cost", "sum", "usd", 870, 700);
        double spark[24];

        for (guint i = 0; i < 24; i++)
          spark[i] = 30 + i;
        tally_frame_set_sparkline (frame, T0, 3600, spark, 24);
        return frame;
      }
    case TALLY_CHART_LINE:
    case TALLY_CHART_BAR:
      {
        gint64 buckets[24];
        double a[24], b[24];
        TallyFrame *frame;

        for (guint i = 0; i < 24; i++)
          buckets[i] = T0 + i * 3600, a[i] = 100 + 50 * sin (i / 3.0), b[i] = i % 5 ? 40 : NAN;
        frame = tally_frame_new_timeseries ("requests", "count", "requests", 3600, buckets, 24);
        tally_frame_add_series (frame, "gpt-4o", a);
        tally_frame_add_series (frame, "a-series-with-a-very-long-name-indeed", b);
        return frame;
      }
    case TALLY_CHART_PIE:
      {
        TallyFrame *frame = tally_frame_new_categories ("cost", "sum", "usd");

        tally_frame_add_category (frame, "gpt-4o", 12.5);
        tally_frame_add_category (frame, "o3", 3.1);
        tally_frame_add_category (frame, "Other", 0.8);
        return frame;
      }
    case TALLY_CHART_HEATMAP:
      {
        const char *rows[] = { "Mon", "Tue" }, *columns[] = { "00", "01", "02" };
        TallyFrame *frame = tally_frame_new_matrix ("requests", "count", "requests", rows, 2, columns, 3);

        for (guint r = 0; r < 2; r++)
          for (guint c = 0; c < 3; c++)
            tally_frame_set_cell (frame, r, c, r * 3 + c);
        return frame;
      }
    case TALLY_CHART_TABLE:
    default:
      {
        TallyFrame *frame = tally_frame_new_table ();

        tally_frame_add_column (frame, "time", TALLY_COLUMN_TIME);
        tally_frame_add_column (frame, "message", TALLY_COLUMN_STRING);
        for (guint r = 0; r < 30; r++)
          {
            guint row = tally_frame_append_row (frame);

            tally_frame_set_number (frame, row, 0, T0 + r);
            tally_frame_set_string (frame, row, 1, "rate_limit_exceeded: a message long enough to run off the edge of any table");
          }
        return frame;
      }
    }
}

/* An empty frame of the shape each type draws. */
static TallyFrame *
empty_frame_for (TallyChartType type)
{
  gint64 buckets[3] = { T0, T0 + 60, T0 + 120 };
  double nulls[3] = { NAN, NAN, NAN };
  TallyFrame *frame;

  switch (type)
    {
    case TALLY_CHART_STAT:
    case TALLY_CHART_GAUGE:
      return tally_frame_new_scalar ("cost", "sum", "usd", NAN, NAN);
    case TALLY_CHART_LINE:
    case TALLY_CHART_BAR:
      frame = tally_frame_new_timeseries ("latency", "p95", "ms", 60, buckets, 3);
      tally_frame_add_series (frame, "all", nulls);
      return frame;
    case TALLY_CHART_PIE:
      return tally_frame_new_categories ("cost", "sum", "usd");
    case TALLY_CHART_HEATMAP:
      {
        const char *rows[] = { "Mon" }, *columns[] = { "00" };

        return tally_frame_new_matrix ("requests", "count", "requests", rows, 1, columns, 1);
      }
    case TALLY_CHART_TABLE:
    default:
      frame = tally_frame_new_table ();
      tally_frame_add_column (frame, "time", TALLY_COLUMN_TIME);
      return frame;
    }
}

static TallyChart *
new_chart (TallyChartType          type,
           TallyChartThemeVariant  variant)
{
  return tally_test_chart_new (type, variant, NULL, NULL, W, H);
}

/* Draws @chart at (OX, OY) on a magenta surface, hover layer included at
 * each of @hovers, and checks every pixel outside stays magenta and none
 * inside does. */
static void
check_bounds (TallyChart *chart,
              const char *name)
{
  g_autoptr(cairo_surface_t) surface = tally_test_surface_new (W + 2 * OX, H + 2 * OY);
  TallyTestPixel magenta = { 255, 0, 255, 255 };
  cairo_t *cr = cairo_create (surface);
  const double hovers[][2] = { { 0.5, 0.5 }, { 0.01, 0.02 }, { 0.99, 0.98 }, { 0.97, 0.1 }, { 0.1, 0.9 } };
  double w, h;
  int sw = W + 2 * OX, sh = H + 2 * OY, cw, ch;

  tally_chart_get_size (chart, &w, &h);
  cw = (int) w;
  ch = (int) h;
  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  cairo_translate (cr, OX, OY);
  tally_chart_draw (chart, cr);
  for (guint i = 0; i < G_N_ELEMENTS (hovers); i++)
    tally_chart_draw_overlay (chart, cr, hovers[i][0] * w, hovers[i][1] * h);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  tally_test_save_surface (surface, name);

  g_assert_cmpuint (tally_test_count_unlike (surface, 0, 0, sw, OY, magenta, 0), ==, 0);
  g_assert_cmpuint (tally_test_count_unlike (surface, 0, OY + ch, sw, sh - OY - ch, magenta, 0), ==, 0);
  g_assert_cmpuint (tally_test_count_unlike (surface, 0, OY, OX, ch, magenta, 0), ==, 0);
  g_assert_cmpuint (tally_test_count_unlike (surface, OX + cw, OY, sw - OX - cw, ch, magenta, 0), ==, 0);
  g_assert_cmpuint (tally_test_count_like (surface, OX, OY, cw, ch, magenta, 40), ==, 0);
}

static void
test_states_bounds (void)
{
  for (guint v = 0; v < TALLY_CHART_N_THEME_VARIANTS; v++)
    for (guint type = 0; type < TALLY_N_CHART_TYPES; type++)
      {
        g_autoptr(TallyChart) chart = new_chart (type, v);
        g_autoptr(TallyFrame) frame = frame_for (type);
        g_autofree char *name = g_strdup_printf ("bounds-%s-%u", tally_chart_type_to_string (type), v);

        g_test_message ("%s", name);
        tally_chart_set_frame (chart, frame);
        tally_chart_set_show_title (chart, TRUE);
        check_bounds (chart, name);
        /* A chart far too small for its content still keeps inside. */
        tally_chart_set_size (chart, 40, 30);
        check_bounds (chart, "tiny");
        tally_chart_set_size (chart, W, H);
      }
}

/* Renders @type in a state; the surface is what the state looks like. */
static cairo_surface_t *
render_state (TallyChartType  type,
              const char     *state)
{
  g_autoptr(TallyChart) chart = new_chart (type, TALLY_CHART_THEME_LIGHT);

  tally_chart_set_title (chart, "Panel");
  if (g_str_equal (state, "loading"))
    tally_chart_set_loading (chart, TRUE);
  else if (g_str_equal (state, "error"))
    tally_chart_set_error (chart, "connection refused");
  else if (g_str_equal (state, "empty"))
    {
      g_autoptr(TallyFrame) frame = empty_frame_for (type);

      tally_chart_set_frame (chart, frame);
    }

  return tally_test_render (chart, W, H);
}

static gboolean
surfaces_equal (cairo_surface_t *a,
                cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);

  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), stride * H) == 0;
}

static void
test_states_same_for_every_type (void)
{
  const char *states[] = { "loading", "empty", "error", "nothing" };
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel bg = tally_test_theme_color (theme, TALLY_CHART_COLOR_BACKGROUND);
  TallyTestPixel error = tally_test_theme_color (theme, TALLY_CHART_COLOR_ERROR);

  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    {
      g_autoptr(cairo_surface_t) first = render_state (0, states[s]);

      tally_test_save_surface (first, states[s]);
      /* A message in the middle band, nothing above or below it. */
      g_assert_cmpuint (tally_test_count_unlike (first, 0, H / 3, W, H / 3, bg, 40), >, 30);
      g_assert_cmpuint (tally_test_count_unlike (first, 0, 0, W, H / 4, bg, 0), ==, 0);
      g_assert_cmpuint (tally_test_count_unlike (first, 0, H * 3 / 4, W, H / 4, bg, 0), ==, 0);
      if (g_str_equal (states[s], "error"))
        g_assert_cmpuint (tally_test_count_like (first, 0, 0, W, H, error, 24), >, 20);
      else
        g_assert_cmpuint (tally_test_count_like (first, 0, 0, W, H, error, 24), ==, 0);

      for (guint type = 1; type < TALLY_N_CHART_TYPES; type++)
        {
          g_autoptr(cairo_surface_t) other = render_state (type, states[s]);

          g_test_message ("%s %s", states[s], tally_chart_type_to_string (type));
          g_assert_true (surfaces_equal (first, other));
        }
    }
}

static void
test_states_describe (void)
{
  g_autoptr(TallyChart) chart = new_chart (TALLY_CHART_LINE, TALLY_CHART_THEME_LIGHT);
  g_autoptr(TallyFrame) frame = frame_for (TALLY_CHART_LINE);
  g_autoptr(TallyFrame) empty = empty_frame_for (TALLY_CHART_LINE);
  g_autoptr(TallyFrame) scalar = frame_for (TALLY_CHART_STAT);
  g_autofree char *nothing = NULL, *loading = NULL, *failed = NULL, *none = NULL, *wrong = NULL, *kept = NULL;

  nothing = tally_chart_describe (chart);
  g_assert_cmpstr (nothing, ==, "Chart: No data in this range");

  tally_chart_set_title (chart, "Traffic");
  tally_chart_set_loading (chart, TRUE);
  loading = tally_chart_describe (chart);
  g_assert_cmpstr (loading, ==, "Traffic: Loading…");

  tally_chart_set_error (chart, "connection refused");
  failed = tally_chart_describe (chart);
  g_assert_cmpstr (failed, ==, "Traffic: Error: connection refused");
  g_assert_null (tally_chart_hit_test (chart, W / 2, H / 2));
  g_assert_null (tally_chart_legend_hit_test (chart, W / 2, H - 10));

  tally_chart_set_error (chart, NULL);
  tally_chart_set_loading (chart, FALSE);
  tally_chart_set_frame (chart, empty);
  none = tally_chart_describe (chart);
  g_assert_cmpstr (none, ==, "Traffic: No data in this range");

  /* A line chart cannot draw a single number. */
  tally_chart_set_frame (chart, scalar);
  wrong = tally_chart_describe (chart);
  g_assert_cmpstr (wrong, ==, "Traffic: This panel cannot show scalar data");

  /* The last good frame stays, with the error beside it. */
  tally_chart_set_frame (chart, frame);
  tally_chart_set_error (chart, "timed out");
  kept = tally_chart_describe (chart);
  g_assert_true (g_str_has_prefix (kept, "Traffic, Nov 23, 00:00 to Nov 24, 00:00, 2 series"));
  g_assert_true (g_str_has_suffix (kept, "(error: timed out)"));
}

/* Loading over a frame keeps drawing it: a refresh does not blink. An
 * error over a frame keeps it, under a strip that says what failed. */
static void
test_states_over_a_frame (void)
{
  g_autoptr(TallyChart) chart = new_chart (TALLY_CHART_LINE, TALLY_CHART_THEME_LIGHT);
  g_autoptr(TallyFrame) frame = frame_for (TALLY_CHART_LINE);
  g_autoptr(cairo_surface_t) plain = NULL;
  g_autoptr(cairo_surface_t) loading = NULL;
  g_autoptr(cairo_surface_t) failed = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel error = tally_test_theme_color (theme, TALLY_CHART_COLOR_ERROR);
  TallyTestPixel ink = tally_test_theme_series (theme, 0);
  g_autoptr(TallyChartHit) hit = NULL;

  tally_chart_set_frame (chart, frame);
  plain = tally_test_render (chart, W, H);
  tally_chart_set_loading (chart, TRUE);
  loading = tally_test_render (chart, W, H);
  g_assert_true (surfaces_equal (plain, loading));

  tally_chart_set_error (chart, "HTTP 503 from prometheus");
  failed = tally_test_render (chart, W, H);
  tally_test_save_surface (failed, "error-over-frame");
  g_assert_cmpuint (tally_test_count_like (failed, 0, 0, W, 22, error, 30), >, 20);
  g_assert_cmpuint (tally_test_count_like (failed, 0, 30, W, H - 30, ink, 20), >, 100);
  hit = tally_chart_hit_test (chart, W / 2, H / 2);
  g_assert_nonnull (hit);
}

static void
test_states_types (void)
{
  TallyChartType type;

  g_assert_true (tally_chart_type_from_string ("heatmap", &type));
  g_assert_cmpint (type, ==, TALLY_CHART_HEATMAP);
  g_assert_true (tally_chart_type_from_string ("alerts", &type));
  g_assert_cmpint (type, ==, TALLY_CHART_TABLE);
  g_assert_true (tally_chart_type_from_string ("logs", &type));
  g_assert_cmpint (type, ==, TALLY_CHART_TABLE);
  g_assert_false (tally_chart_type_from_string ("sankey", &type));
  g_assert_false (tally_chart_type_from_string (NULL, &type));
  for (guint t = 0; t < TALLY_N_CHART_TYPES; t++)
    {
      g_assert_true (tally_chart_type_from_string (tally_chart_type_to_string (t), &type));
      g_assert_cmpint (type, ==, t);
    }
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Setters notify once per change and not when nothing changed. */
static void
test_states_properties (void)
{
  g_autoptr(TallyChart) chart = tally_chart_new (TALLY_CHART_BAR);
  g_autoptr(TallyFrame) frame = frame_for (TALLY_CHART_BAR);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_DARK);
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();
  guint count = 0;
  double w, h;

  g_signal_connect_swapped (chart, "notify", G_CALLBACK (count_cb), &count);
  tally_chart_set_frame (chart, frame);
  tally_chart_set_frame (chart, frame);
  tally_chart_set_theme (chart, theme);
  tally_chart_set_theme (chart, theme);
  tally_chart_set_title (chart, "A");
  tally_chart_set_title (chart, "A");
  tally_chart_set_loading (chart, TRUE);
  tally_chart_set_loading (chart, TRUE);
  tally_chart_set_first_row (chart, 3);
  tally_chart_set_chart_type (chart, TALLY_CHART_BAR);
  tally_chart_set_options (chart, options);
  g_assert_cmpuint (count, ==, 6);

  g_assert_true (tally_chart_get_frame (chart) == frame);
  g_assert_true (tally_chart_get_theme (chart) == theme);
  g_assert_true (tally_chart_get_options (chart) != options);
  g_assert_cmpstr (tally_chart_get_title (chart), ==, "A");
  g_assert_true (tally_chart_get_loading (chart));
  g_assert_cmpuint (tally_chart_get_first_row (chart), ==, 3);
  g_assert_cmpint (tally_chart_get_chart_type (chart), ==, TALLY_CHART_BAR);
  g_assert_nonnull (tally_chart_get_time_zone (chart));
  tally_chart_set_size (chart, 123, 45);
  tally_chart_get_size (chart, &w, &h);
  g_assert_cmpfloat (w, ==, 123);
  g_assert_cmpfloat (h, ==, 45);
  g_object_set (chart, "title", "B", "show-title", TRUE, NULL);
  g_assert_true (tally_chart_get_show_title (chart));
  g_assert_finalize_object (g_steal_pointer (&chart));
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-states/bounds", test_states_bounds);
  g_test_add_func ("/tally/chart-states/same-for-every-type", test_states_same_for_every_type);
  g_test_add_func ("/tally/chart-states/describe", test_states_describe);
  g_test_add_func ("/tally/chart-states/over-a-frame", test_states_over_a_frame);
  g_test_add_func ("/tally/chart-states/types", test_states_types);
  g_test_add_func ("/tally/chart-states/properties", test_states_properties);

  return g_test_run ();
}
