/* test-frame-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Frames as CSV, byte for byte: every shape with its header, times in
 * RFC 3339 in the zone asked for, numbers in their shortest exact form,
 * empty fields for nulls, and RFC 4180 quoting. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-frame-csv.h"
#include "tally-test-utils.h"

#define T0 1763856000   /* 2025-11-23T00:00:00Z */

static void
assert_csv (TallyFrame *frame,
            GTimeZone  *tz,
            const char *expected)
{
  gsize length = 0;
  g_autofree char *csv = tally_frame_to_csv (frame, tz, &length);

  g_assert_cmpstr (csv, ==, expected);
  g_assert_cmpuint (length, ==, strlen (expected));
}

static void
test_csv_scalar (void)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_scalar ("latency", "p95", "ms", 812.5, 790.1);
  g_autoptr(TallyFrame) empty = tally_frame_new_scalar ("cost", "sum", "usd", NAN, NAN);

  assert_csv (frame, NULL, "value,previous\r\n812.5,790.1\r\n");
  assert_csv (empty, NULL, "value,previous\r\n,\r\n");
}

static void
test_csv_timeseries (void)
{
  const gint64 buckets[] = { T0, T0 + 60, T0 + 120 };
  const double gpt[] = { 12, NAN, 0.1 + 0.2 };
  const double other[] = { 3, 4, 1e21 };
  g_autoptr(TallyFrame) frame = tally_frame_new_timeseries ("requests", "count", "requests", 60,
                                                            buckets, 3);
  g_autoptr(GTimeZone) kolkata = g_time_zone_new_identifier ("+05:30");

  tally_frame_add_series (frame, "gpt-4o", gpt);
  tally_frame_add_series (frame, "Other", other);

  /* 0.1 + 0.2 is not 0.3: its shortest exact form has 17 digits. */
  assert_csv (frame, NULL,
              "time,gpt-4o,Other\r\n"
              "2025-11-23T00:00:00Z,12,3\r\n"
              "2025-11-23T00:01:00Z,,4\r\n"
              "2025-11-23T00:02:00Z,0.30000000000000004,1e+21\r\n");

  /* The same instants, on the clock of another zone. */
  g_assert_nonnull (kolkata);
  assert_csv (frame, kolkata,
              "time,gpt-4o,Other\r\n"
              "2025-11-23T05:30:00+05:30,12,3\r\n"
              "2025-11-23T05:31:00+05:30,,4\r\n"
              "2025-11-23T05:32:00+05:30,0.30000000000000004,1e+21\r\n");
}

static void
test_csv_categories (void)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_categories ("cost", "sum", "usd");

  tally_frame_add_category (frame, "gpt-4o", 1.25);
  tally_frame_add_category (frame, "o3", 0.5);
  tally_frame_add_category (frame, "idle", NAN);
  tally_frame_add_category (frame, "negative", -0.0625);

  assert_csv (frame, NULL,
              "label,value\r\n"
              "gpt-4o,1.25\r\n"
              "o3,0.5\r\n"
              "idle,\r\n"
              "negative,-0.0625\r\n");
}

static void
test_csv_matrix (void)
{
  const char *rows[] = { "Mon", "Tue" };
  const char *columns[] = { "00", "01", "02" };
  g_autoptr(TallyFrame) frame = tally_frame_new_matrix ("requests", "count", "requests",
                                                        rows, 2, columns, 3);

  tally_frame_set_cell (frame, 0, 0, 1);
  tally_frame_set_cell (frame, 0, 1, 2);
  tally_frame_set_cell (frame, 0, 2, NAN);
  tally_frame_set_cell (frame, 1, 0, 3);
  tally_frame_set_cell (frame, 1, 1, 4);
  tally_frame_set_cell (frame, 1, 2, 123456789012);

  assert_csv (frame, NULL,
              "row,00,01,02\r\n"
              "Mon,1,2,\r\n"
              "Tue,3,4,123456789012\r\n");
}

static void
test_csv_table (void)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_table ();
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  guint row;

  tally_frame_add_column (frame, "time", TALLY_COLUMN_TIME);
  tally_frame_add_column (frame, "model", TALLY_COLUMN_STRING);
  tally_frame_add_column (frame, "status", TALLY_COLUMN_STATUS);
  tally_frame_add_column (frame, "input_tokens", TALLY_COLUMN_INTEGER);
  tally_frame_add_column (frame, "latency_ms", TALLY_COLUMN_NUMBER);

  row = tally_frame_append_row (frame);
  tally_frame_set_number (frame, row, 0, T0 + 0.25);
  tally_frame_set_string (frame, row, 1, "gpt-4o");
  tally_frame_set_number (frame, row, 2, 200);
  tally_frame_set_number (frame, row, 3, 1200);
  tally_frame_set_number (frame, row, 4, 850.5);

  row = tally_frame_append_row (frame);
  tally_frame_set_number (frame, row, 0, T0 + 3600);
  tally_frame_set_string (frame, row, 1, NULL);
  tally_frame_set_number (frame, row, 2, 0);
  tally_frame_set_number (frame, row, 3, NAN);
  tally_frame_set_number (frame, row, 4, NAN);

  assert_csv (frame, NULL,
              "time,model,status,input_tokens,latency_ms\r\n"
              "2025-11-23T00:00:00.25Z,gpt-4o,200,1200,850.5\r\n"
              "2025-11-23T01:00:00Z,,0,,\r\n");

  /* A time GDateTime cannot hold is an empty field, as a null is. */
  row = tally_frame_append_row (frame);
  tally_frame_set_number (frame, row, 0, 1e300);
  tally_frame_set_string (frame, row, 1, "far");
  row = tally_frame_append_row (frame);
  tally_frame_set_number (frame, row, 0, NAN);
  tally_frame_set_string (frame, row, 1, "none");
  assert_csv (frame, NULL,
              "time,model,status,input_tokens,latency_ms\r\n"
              "2025-11-23T00:00:00.25Z,gpt-4o,200,1200,850.5\r\n"
              "2025-11-23T01:00:00Z,,0,,\r\n"
              ",far,,,\r\n"
              ",none,,,\r\n");

  /* Berlin is an hour ahead in November. */
  g_assert_nonnull (berlin);
  assert_csv (frame, berlin,
              "time,model,status,input_tokens,latency_ms\r\n"
              "2025-11-23T01:00:00.25+01:00,gpt-4o,200,1200,850.5\r\n"
              "2025-11-23T02:00:00+01:00,,0,,\r\n"
              ",far,,,\r\n"
              ",none,,,\r\n");
}

/* Commas, quotes and line breaks in names and values are quoted, quotes
 * doubled; other text, spaces and non-ASCII letters included, is not. */
static void
test_csv_quoting (void)
{
  g_autoptr(TallyFrame) table = tally_frame_new_table ();
  g_autoptr(TallyFrame) categories = tally_frame_new_categories ("cost", "sum", "usd");
  const gint64 buckets[] = { T0 };
  const double values[] = { 1 };
  g_autoptr(TallyFrame) series = tally_frame_new_timeseries ("requests", "count", "requests", 60,
                                                             buckets, 1);
  guint row;

  tally_frame_add_column (table, "error, if any", TALLY_COLUMN_STRING);
  tally_frame_add_column (table, "user", TALLY_COLUMN_STRING);
  row = tally_frame_append_row (table);
  tally_frame_set_string (table, row, 0, "said \"slow down\"");
  tally_frame_set_string (table, row, 1, "Zoë Ångström");
  row = tally_frame_append_row (table);
  tally_frame_set_string (table, row, 0, "line one\nline two");
  tally_frame_set_string (table, row, 1, " padded ");
  row = tally_frame_append_row (table);
  tally_frame_set_string (table, row, 0, "carriage\rreturn");
  tally_frame_set_string (table, row, 1, "\"");

  assert_csv (table, NULL,
              "\"error, if any\",user\r\n"
              "\"said \"\"slow down\"\"\",Zoë Ångström\r\n"
              "\"line one\nline two\", padded \r\n"
              "\"carriage\rreturn\",\"\"\"\"\r\n");

  tally_frame_add_category (categories, "team \"a\", west", 2);
  assert_csv (categories, NULL, "label,value\r\n\"team \"\"a\"\", west\",2\r\n");

  tally_frame_add_series (series, "a,b", values);
  assert_csv (series, NULL, "time,\"a,b\"\r\n2025-11-23T00:00:00Z,1\r\n");
}

/* A frame with nothing in it still has its header. */
static void
test_csv_empty (void)
{
  g_autoptr(TallyFrame) series = tally_frame_new_timeseries ("requests", "count", "requests", 60,
                                                             NULL, 0);
  g_autoptr(TallyFrame) table = tally_frame_new_table ();

  assert_csv (series, NULL, "time\r\n");
  tally_frame_add_column (table, "model", TALLY_COLUMN_STRING);
  assert_csv (table, NULL, "model\r\n");
}

int
main (int   argc,
      char *argv[])
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/frame-csv/scalar", test_csv_scalar);
  g_test_add_func ("/tally/frame-csv/timeseries", test_csv_timeseries);
  g_test_add_func ("/tally/frame-csv/categories", test_csv_categories);
  g_test_add_func ("/tally/frame-csv/matrix", test_csv_matrix);
  g_test_add_func ("/tally/frame-csv/table", test_csv_table);
  g_test_add_func ("/tally/frame-csv/quoting", test_csv_quoting);
  g_test_add_func ("/tally/frame-csv/empty", test_csv_empty);

  return g_test_run ();
}
