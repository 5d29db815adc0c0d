/* test-chart-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Tables: numbers right-aligned in their unit, long text ellipsised inside
 * its column, HTTP statuses in the success / warning / error colours, an
 * alert's state and severity in the warning / error colours,
 * times in the chart's zone, scrolling by first-row. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tally-chart.h"
#include "tally-test-pixels.h"
#include "tally-test-utils.h"

#define W 560
#define H 300
#define T0 1763906709   /* Sun Nov 23 2025, 14:05:09 UTC */

static const int statuses[] = { 200, 429, 500, 0, 302, 201, 503, 404 };
static const double latencies[] = { 250, 1234.5, 12, 60000, 845, 3, 99999, 1 };

static TallyFrame *
requests_frame (guint n_rows)
{
  TallyFrame *frame = tally_frame_new_table ();

  tally_frame_add_column (frame, "time", TALLY_COLUMN_TIME);
  tally_frame_add_column (frame, "model", TALLY_COLUMN_STRING);
  tally_frame_add_column (frame, "status", TALLY_COLUMN_STATUS);
  tally_frame_add_column (frame, "latency_ms", TALLY_COLUMN_NUMBER);
  tally_frame_add_column (frame, "tokens", TALLY_COLUMN_INTEGER);
  for (guint r = 0; r < n_rows; r++)
    {
      guint row = tally_frame_append_row (frame);

      tally_frame_set_number (frame, row, 0, T0 + r * 61);
      tally_frame_set_string (frame, row, 1, r == 1 ? "a-model-with-a-remarkably-long-name-that-cannot-fit-in-any-column-at-all"
                                                      : (r % 2 ? "o3" : "gpt-4o"));
      tally_frame_set_number (frame, row, 2, statuses[r % G_N_ELEMENTS (statuses)]);
      tally_frame_set_number (frame, row, 3, latencies[r % G_N_ELEMENTS (latencies)]);
      tally_frame_set_number (frame, row, 4, r * 1111);
    }
  return frame;
}

static TallyChart *
new_chart (TallyFrame             *frame,
           TallyChartThemeVariant  variant)
{
  TallyChart *chart = tally_test_chart_new (TALLY_CHART_TABLE, variant, NULL, NULL, W, H);
  g_autoptr(GTimeZone) plus2 = g_time_zone_new_offset (2 * 3600);

  tally_chart_set_time_zone (chart, plus2);
  tally_chart_set_frame (chart, frame);
  return chart;
}

typedef struct
{
  double left[8];
  double right[8];
  double top[16];
  double bottom[16];
  guint  n_rows;
} Grid;

/* Column edges and row edges, from hit tests. */
static void
find_grid (TallyChart *chart,
           Grid       *grid)
{
  g_autoptr(TallyChartHit) first = NULL;

  for (guint c = 0; c < 8; c++)
    grid->left[c] = INFINITY, grid->right[c] = -INFINITY;
  for (guint r = 0; r < 16; r++)
    grid->top[r] = INFINITY, grid->bottom[r] = -INFINITY;
  grid->n_rows = 0;

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x += 2)
      {
        g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, x, y);

        if (hit == NULL)
          continue;
        if (first == NULL)
          first = tally_chart_hit_copy (hit);
        grid->left[hit->column] = MIN (grid->left[hit->column], x);
        grid->right[hit->column] = MAX (grid->right[hit->column], x);
        grid->top[hit->index - first->index] = MIN (grid->top[hit->index - first->index], y);
        grid->bottom[hit->index - first->index] = MAX (grid->bottom[hit->index - first->index], y);
        grid->n_rows = MAX (grid->n_rows, (guint) (hit->index - first->index + 1));
      }
}

/* The rightmost and leftmost inked columns in a cell. */
static void
ink_extent (cairo_surface_t *surface,
            TallyTestPixel   bg,
            int              x0,
            int              x1,
            int              y0,
            int              y1,
            int             *left,
            int             *right)
{
  *left = -1;
  *right = -1;
  for (int x = x0; x <= x1; x++)
    if (tally_test_count_unlike (surface, x, y0, 1, y1 - y0 + 1, bg, 60) > 0)
      {
        if (*left < 0)
          *left = x;
        *right = x;
      }
}

static void
check_alignment (TallyChartThemeVariant variant)
{
  g_autoptr(TallyFrame) frame = requests_frame (6);
  g_autoptr(TallyChart) chart = new_chart (frame, variant);
  g_autoptr(cairo_surface_t) surface = tally_test_render (chart, W, H);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (variant);
  TallyTestPixel bg = tally_test_theme_color (theme, TALLY_CHART_COLOR_BACKGROUND);
  Grid grid;
  int first_right = -1, first_left = -1;

  tally_test_save_surface (surface, variant ? "table-dark" : "table-light");
  find_grid (chart, &grid);
  g_assert_cmpuint (grid.n_rows, ==, 6);

  for (guint r = 0; r < grid.n_rows; r++)
    {
      int left, right;

      /* Latencies (column 3) end at one right edge, whatever their width. */
      ink_extent (surface, bg, grid.left[3], grid.right[3] + 1, grid.top[r] + 2, grid.bottom[r] - 2, &left, &right);
      g_assert_cmpint (right, >, 0);
      if (first_right < 0)
        first_right = right;
      g_assert_cmpint (abs (right - first_right), <=, 1);

      /* Model names (column 1) start at one left edge, and stay in their column. */
      ink_extent (surface, bg, grid.left[1], grid.right[1] + 1, grid.top[r] + 2, grid.bottom[r] - 2, &left, &right);
      if (first_left < 0)
        first_left = left;
      g_assert_cmpint (abs (left - first_left), <=, 1);
      g_assert_cmpint (right, <, grid.right[1] - 4);
    }
}

static void
test_table_alignment_light (void)
{
  check_alignment (TALLY_CHART_THEME_LIGHT);
}

static void
test_table_alignment_dark (void)
{
  check_alignment (TALLY_CHART_THEME_DARK);
}

static void
test_table_status_colors (void)
{
  g_autoptr(TallyFrame) frame = requests_frame (5);
  g_autoptr(TallyChart) chart = new_chart (frame, TALLY_CHART_THEME_LIGHT);
  g_autoptr(cairo_surface_t) surface = tally_test_render (chart, W, H);
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel success = tally_test_theme_color (theme, TALLY_CHART_COLOR_SUCCESS);
  TallyTestPixel warning = tally_test_theme_color (theme, TALLY_CHART_COLOR_WARNING);
  TallyTestPixel error = tally_test_theme_color (theme, TALLY_CHART_COLOR_ERROR);
  TallyTestPixel plain = tally_test_theme_color (theme, TALLY_CHART_COLOR_FOREGROUND);
  /* 200 success, 429 warning, 500 error, 0 (no response) error, 302 plain */
  TallyTestPixel want[] = { success, warning, error, error, plain };
  TallyTestPixel all[] = { success, warning, error, plain };
  Grid grid;

  find_grid (chart, &grid);
  for (guint r = 0; r < 5; r++)
    {
      int x = grid.left[2], y = grid.top[r], w = grid.right[2] - grid.left[2], h = grid.bottom[r] - grid.top[r];

      g_test_message ("row %u", r);
      g_assert_cmpuint (tally_test_count_like (surface, x, y, w, h, want[r], 24), >, 3);
      for (guint k = 0; k < G_N_ELEMENTS (all); k++)
        if (tally_test_pixel_distance (all[k], want[r]) > 60)
          g_assert_cmpuint (tally_test_count_like (surface, x, y, w, h, all[k], 24), ==, 0);
    }
}

/* An alert's state and severity in the theme's colours: Firing and
 * Critical in the error colour, Warning in the warning colour, the rest
 * not; the same words in a column of another name stay plain. */
static void
test_table_alert_colors (void)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_table ();
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  TallyTestPixel warning = tally_test_theme_color (theme, TALLY_CHART_COLOR_WARNING);
  TallyTestPixel error = tally_test_theme_color (theme, TALLY_CHART_COLOR_ERROR);
  const char *rows[][3] = {
    { "Firing", "Critical", "Firing" },
    { "Resolved", "Warning", "Critical" },
    { "Resolved", "Info", "Warning" },
  };
  /* Per row: state, severity, note as error (e), warning (w) or neither. */
  const char *want[] = { "ee-", "-w-", "---" };
  Grid grid;

  tally_frame_add_column (frame, "state", TALLY_COLUMN_STRING);
  tally_frame_add_column (frame, "severity", TALLY_COLUMN_STRING);
  tally_frame_add_column (frame, "note", TALLY_COLUMN_STRING);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      guint row = tally_frame_append_row (frame);

      for (guint c = 0; c < 3; c++)
        tally_frame_set_string (frame, row, c, rows[r][c]);
    }
  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT);
  surface = tally_test_render (chart, W, H);
  tally_test_save_surface (surface, "table-alerts");

  find_grid (chart, &grid);
  g_assert_cmpuint (grid.n_rows, ==, 3);
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 3; c++)
      {
        int x = grid.left[c], y = grid.top[r];
        int w = grid.right[c] - grid.left[c], h = grid.bottom[r] - grid.top[r];
        guint n_error = tally_test_count_like (surface, x, y, w, h, error, 24);
        guint n_warning = tally_test_count_like (surface, x, y, w, h, warning, 24);

        g_test_message ("row %u, column %u: %u error, %u warning", r, c, n_error, n_warning);
        if (want[r][c] == 'e')
          g_assert_cmpuint (n_error, >, 3);
        else
          g_assert_cmpuint (n_error, ==, 0);
        if (want[r][c] == 'w')
          g_assert_cmpuint (n_warning, >, 3);
        else
          g_assert_cmpuint (n_warning, ==, 0);
      }
}

static void
test_table_values (void)
{
  g_autoptr(TallyFrame) frame = requests_frame (5);
  g_autoptr(TallyChart) chart = new_chart (frame, TALLY_CHART_THEME_LIGHT);
  Grid grid;
  struct
  {
    guint       row;
    guint       column;
    const char *text;
  } cells[] = {
    { 0, 0, "16:05:09" },        /* UTC+2 */
    { 1, 0, "16:06:10" },
    { 0, 3, "250 ms" },
    { 1, 3, "1.2 s" },
    { 3, 3, "1 min" },
    { 4, 4, "4.4k" },   /* "tokens": a token count */
    { 0, 2, "200" },
    { 3, 2, "0" },
  };

  find_grid (chart, &grid);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      double x = (grid.left[cells[i].column] + grid.right[cells[i].column]) / 2;
      double y = (grid.top[cells[i].row] + grid.bottom[cells[i].row]) / 2;
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, x, y);

      g_assert_nonnull (hit);
      g_assert_cmpint (hit->kind, ==, TALLY_CHART_HIT_ROW);
      g_assert_cmpint (hit->index, ==, cells[i].row);
      g_assert_cmpint (hit->column, ==, cells[i].column);
      g_assert_cmpstr (hit->value_text, ==, cells[i].text);
      if (cells[i].column == 3)
        g_assert_cmpfloat (hit->value, ==, latencies[cells[i].row]);
    }

  /* The tooltip holds the whole row, the long name in full. */
  {
    g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, grid.left[1] + 4, grid.top[1] + 4);

    g_assert_cmpstr (hit->text, ==, "time: 16:06:10\n"
                                    "model: a-model-with-a-remarkably-long-name-that-cannot-fit-in-any-column-at-all\n"
                                    "status: 429\nlatency_ms: 1.2 s\ntokens: 1.1k");
    g_assert_true (isnan (hit->value));
  }
}

static void
test_table_scroll_and_formats (void)
{
  g_autoptr(TallyFrame) frame = requests_frame (40);
  g_autoptr(TallyChart) chart = new_chart (frame, TALLY_CHART_THEME_LIGHT);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string ("{\"table\":{\"columns\":{\"latency_ms\":{\"title\":\"Latency\","
                                               "\"unit\":\"s\",\"decimals\":2},\"tokens\":{\"unit\":\"tokens\"}}}}",
                                               &error);
  g_autoptr(TallyChartOptions) options = tally_chart_options_new_from_json (node, NULL, &error);
  g_autofree char *text = NULL;
  Grid grid;

  g_assert_no_error (error);
  tally_chart_set_options (chart, options);
  tally_chart_set_first_row (chart, 10);
  find_grid (chart, &grid);
  g_assert_cmpuint (grid.n_rows, >, 3);
  g_assert_cmpuint (grid.n_rows, <, 40);
  {
    g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, (grid.left[3] + grid.right[3]) / 2, grid.top[0] + 4);
    g_autoptr(TallyChartHit) tokens = tally_chart_hit_test (chart, (grid.left[4] + grid.right[4]) / 2, grid.top[0] + 4);

    /* Row 10: latency 12, in "s" with two decimals; tokens compacted. */
    g_assert_cmpint (hit->index, ==, 10);
    g_assert_cmpstr (hit->label, ==, "Latency");
    g_assert_cmpstr (hit->value_text, ==, "12.00 s");
    g_assert_cmpstr (tokens->value_text, ==, "11.1k");
  }

  /* Past the end, the last rows show. */
  tally_chart_set_first_row (chart, 1000);
  find_grid (chart, &grid);
  {
    g_autoptr(TallyChartHit) last = tally_chart_hit_test (chart, grid.left[0] + 4, grid.bottom[grid.n_rows - 1] - 2);

    g_assert_cmpint (last->index, ==, 39);
  }

  text = tally_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Chart, table of 40 rows and 5 columns");
}

/* Frame columns hit left to right across the first row, @width wide. */
static GArray *
columns_across (TallyChart *chart,
                double      width)
{
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (int));
  double row_y = -1;

  for (double y = 0; y < H && row_y < 0; y++)
    {
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, 20, y);

      if (hit != NULL)
        row_y = y + 4;
    }
  g_assert_cmpfloat (row_y, >=, 0);

  for (double x = 1; x < width; x += 2)
    {
      g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, x, row_y);

      if (hit != NULL && (columns->len == 0 || g_array_index (columns, int, columns->len - 1) != hit->column))
        g_array_append_val (columns, hit->column);
    }

  return columns;
}

/* `table.show` picks and orders the columns; hits still name the frame's
 * column and give its exact value. */
static void
test_table_shown_columns (void)
{
  g_autoptr(TallyFrame) frame = requests_frame (5);
  g_autoptr(TallyChart) chart = new_chart (frame, TALLY_CHART_THEME_LIGHT);
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();
  g_autoptr(GArray) columns = NULL;
  Grid grid;

  g_ptr_array_add (options->table_show, g_strdup ("latency_ms"));
  g_ptr_array_add (options->table_show, g_strdup ("nonexistent"));
  g_ptr_array_add (options->table_show, g_strdup ("model"));
  tally_chart_set_options (chart, options);

  columns = columns_across (chart, W);
  g_assert_cmpuint (columns->len, ==, 2);
  g_assert_cmpint (g_array_index (columns, int, 0), ==, 3);
  g_assert_cmpint (g_array_index (columns, int, 1), ==, 1);

  find_grid (chart, &grid);
  {
    g_autoptr(TallyChartHit) hit = tally_chart_hit_test (chart, grid.left[3] + 2,
                                                         (grid.top[1] + grid.bottom[1]) / 2);

    g_assert_cmpint (hit->column, ==, 3);
    g_assert_cmpfloat (hit->value, ==, latencies[1]);
  }
}

/* A table of raw events shows the columns a person scans first. */
static void
test_table_event_columns (void)
{
  static const char *names[] = { "time", "model", "provider", "project", "api_key", "user", "status",
                                 "error", "input_tokens", "output_tokens", "cost", "latency_ms",
                                 "ttft_ms", "trace_id", "request_id" };
  const int expected[] = { 0, 1, 3, 5, 6, 7, 8, 9, 10, 11 };
  g_autoptr(TallyFrame) frame = tally_frame_new_table ();
  g_autoptr(TallyChart) chart = NULL;
  g_autoptr(GArray) columns = NULL;
  guint row;

  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    tally_frame_add_column (frame, names[c], c == 0 ? TALLY_COLUMN_TIME : c == 6 ? TALLY_COLUMN_STATUS
                                             : c >= 8 && c <= 12 ? TALLY_COLUMN_NUMBER : TALLY_COLUMN_STRING);
  row = tally_frame_append_row (frame);
  tally_frame_set_number (frame, row, 0, T0);
  tally_frame_set_string (frame, row, 1, "o3");

  chart = new_chart (frame, TALLY_CHART_THEME_LIGHT);
  tally_chart_set_size (chart, 1200, H);
  columns = columns_across (chart, 1200);
  g_assert_cmpuint (columns->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (g_array_index (columns, int, i), ==, expected[i]);
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-table/alignment-light", test_table_alignment_light);
  g_test_add_func ("/tally/chart-table/alignment-dark", test_table_alignment_dark);
  g_test_add_func ("/tally/chart-table/status-colors", test_table_status_colors);
  g_test_add_func ("/tally/chart-table/alert-colors", test_table_alert_colors);
  g_test_add_func ("/tally/chart-table/values", test_table_values);
  g_test_add_func ("/tally/chart-table/scroll-and-formats", test_table_scroll_and_formats);
  g_test_add_func ("/tally/chart-table/shown-columns", test_table_shown_columns);
  g_test_add_func ("/tally/chart-table/event-columns", test_table_event_columns);

  return g_test_run ();
}
