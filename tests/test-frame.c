/* test-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Frames and their JSON: each shape written exactly as DESIGN.md shows
 * it, read back equal, nulls where values are missing, and every
 * malformed member named in the error. */

#include "config.h"

#include <math.h>

#include "tally-error.h"
#include "tally-frame.h"
#include "tally-test-utils.h"

static char *
to_json (TallyFrame *frame)
{
  return tally_frame_to_json_string (frame, FALSE);
}

static TallyFrame *
from_json (const char  *json,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return tally_frame_new_from_json (json_parser_get_root (parser), error);
}

/* Writes @frame, reads it back, writes it again: the same text. */
static void
assert_round_trip (TallyFrame *frame,
                   const char *expected)
{
  g_autofree char *json = to_json (frame);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyFrame) back = from_json (json, &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, expected);
  again = to_json (back);
  g_assert_cmpstr (again, ==, expected);
}

static void
test_frame_scalar (void)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_scalar ("latency", "p95", "ms", 812.5, 790.1);
  const double spark[] = { 700, NAN, 812.5 };
  guint n;

  assert_round_trip (frame, "{\"shape\":\"scalar\",\"metric\":\"latency\",\"stat\":\"p95\",\"unit\":\"ms\","
                            "\"value\":812.5,\"previous\":790.1}");
  tally_frame_set_sparkline (frame, 1763856000, 60, spark, 3);
  assert_round_trip (frame, "{\"shape\":\"scalar\",\"metric\":\"latency\",\"stat\":\"p95\",\"unit\":\"ms\","
                            "\"value\":812.5,\"previous\":790.1,\"sparkline\":{\"start\":1763856000,"
                            "\"interval_s\":60,\"values\":[700,null,812.5]}}");
  g_assert_cmpfloat (tally_frame_get_sparkline (frame, &n)[2], ==, 812.5);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (tally_frame_get_buckets (frame, NULL)[1], ==, 1763856060);
  g_assert_false (tally_frame_is_empty (frame));
}

static void
test_frame_timeseries (void)
{
  const gint64 buckets[] = { 1763856000, 1763856060 };
  const double gpt[] = { 12, NAN }, other[] = { 3, 4 };
  g_autoptr(TallyFrame) frame = tally_frame_new_timeseries ("requests", "count", "requests", 60, buckets, 2);

  g_assert_true (tally_frame_is_empty (frame));
  tally_frame_add_series (frame, "gpt-4o", gpt);
  tally_frame_add_series (frame, "Other", other);
  /* DESIGN.md's example, to the byte. */
  assert_round_trip (frame, "{\"shape\":\"timeseries\",\"metric\":\"requests\",\"stat\":\"count\","
                            "\"unit\":\"requests\",\"interval_s\":60,\"buckets\":[1763856000,1763856060],"
                            "\"series\":[{\"name\":\"gpt-4o\",\"values\":[12,null]},"
                            "{\"name\":\"Other\",\"values\":[3,4]}]}");
  g_assert_cmpuint (tally_frame_get_n_series (frame), ==, 2);
  g_assert_cmpstr (tally_frame_get_series_name (frame, 1), ==, "Other");
  g_assert_true (isnan (tally_frame_get_series_values (frame, 0)[1]));
  g_assert_false (tally_frame_is_empty (frame));
}

static void
test_frame_categories_matrix_table (void)
{
  g_autoptr(TallyFrame) categories = tally_frame_new_categories ("cost", "sum", "usd");
  const char *rows[] = { "Mon", "Tue" }, *columns[] = { "00", "01" };
  g_autoptr(TallyFrame) matrix = tally_frame_new_matrix ("requests", "count", NULL, rows, 2, columns, 2);
  g_autoptr(TallyFrame) table = tally_frame_new_table ();
  guint row;

  tally_frame_add_category (categories, "gpt-4o", 1.25);
  tally_frame_add_category (categories, "o3", 0.5);
  assert_round_trip (categories, "{\"shape\":\"categories\",\"metric\":\"cost\",\"stat\":\"sum\",\"unit\":\"usd\","
                                 "\"labels\":[\"gpt-4o\",\"o3\"],\"values\":[1.25,0.5]}");

  tally_frame_set_cell (matrix, 0, 0, 1);
  tally_frame_set_cell (matrix, 0, 1, 2);
  tally_frame_set_cell (matrix, 1, 0, 3);
  assert_round_trip (matrix, "{\"shape\":\"matrix\",\"metric\":\"requests\",\"stat\":\"count\","
                             "\"rows\":[\"Mon\",\"Tue\"],\"columns\":[\"00\",\"01\"],"
                             "\"values\":[[1,2],[3,null]]}");

  tally_frame_add_column (table, "time", TALLY_COLUMN_TIME);
  tally_frame_add_column (table, "model", TALLY_COLUMN_STRING);
  tally_frame_add_column (table, "status", TALLY_COLUMN_STATUS);
  row = tally_frame_append_row (table);
  tally_frame_set_number (table, row, 0, 1763856000);
  tally_frame_set_string (table, row, 1, "gpt-4o");
  tally_frame_set_number (table, row, 2, 429);
  tally_frame_append_row (table);
  assert_round_trip (table, "{\"shape\":\"table\",\"columns\":[{\"name\":\"time\",\"type\":\"time\"},"
                            "{\"name\":\"model\",\"type\":\"string\"},{\"name\":\"status\",\"type\":\"status\"}],"
                            "\"rows\":[[1763856000,\"gpt-4o\",429],[null,null,null]]}");
  g_assert_cmpstr (tally_frame_get_string (table, 0, 1), ==, "gpt-4o");
  g_assert_null (tally_frame_get_string (table, 1, 1));
}

/* Infinities cannot be JSON: they are written as null. */
static void
test_frame_non_finite (void)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_scalar ("rtf", "max", "x", INFINITY, -INFINITY);
  g_autofree char *json = to_json (frame);

  g_assert_cmpstr (json, ==, "{\"shape\":\"scalar\",\"metric\":\"rtf\",\"stat\":\"max\",\"unit\":\"x\","
                             "\"value\":null,\"previous\":null}");
}

static void
test_frame_bad_json (void)
{
  const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "[]", "frame: must be a JSON object" },
    { "{\"shape\":\"donut\"}", "shape: must be scalar, timeseries, categories, matrix or table" },
    { "{\"shape\":\"scalar\",\"metric\":3}", "metric: must be a string" },
    { "{\"shape\":\"scalar\",\"value\":\"12\"}", "value: must be a number or null" },
    { "{\"shape\":\"timeseries\",\"interval_s\":60,\"buckets\":[1,2],\"series\":"
      "[{\"name\":\"a\",\"values\":[1]}]}", "series[0].values: must have 2 values, not 1" },
    { "{\"shape\":\"timeseries\",\"interval_s\":60,\"buckets\":[1,\"2\"],\"series\":[]}",
      "buckets[1]: must be an integer" },
    { "{\"shape\":\"timeseries\",\"interval_s\":60,\"buckets\":[],\"series\":[{\"values\":[]}]}",
      "series[0]: needs a name" },
    { "{\"shape\":\"categories\",\"labels\":[\"a\"],\"values\":[1,2]}", "values: must have 1 values, not 2" },
    { "{\"shape\":\"matrix\",\"rows\":[\"a\"],\"columns\":[\"x\"],\"values\":[[1],[2]]}",
      "values: must have one array per row" },
    { "{\"shape\":\"table\",\"columns\":[{\"name\":\"t\",\"type\":\"date\"}],\"rows\":[]}",
      "columns[0].type: must be time, string, integer, number or status" },
    { "{\"shape\":\"table\",\"columns\":[{\"name\":\"t\",\"type\":\"string\"}],\"rows\":[[1]]}",
      "rows[0][0]: must be a string or null" },
    { "{\"shape\":\"scalar\",\"sparkline\":{\"start\":1,\"interval_s\":60}}", "sparkline.values: must be an array" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TallyFrame) frame = from_json (cases[i].json, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (frame);
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/frame/scalar", test_frame_scalar);
  g_test_add_func ("/tally/frame/timeseries", test_frame_timeseries);
  g_test_add_func ("/tally/frame/categories-matrix-table", test_frame_categories_matrix_table);
  g_test_add_func ("/tally/frame/non-finite", test_frame_non_finite);
  g_test_add_func ("/tally/frame/bad-json", test_frame_bad_json);

  return g_test_run ();
}
