/* test-chart-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A panel's options object: every member read, every wrong one named in
 * the error, unknown members kept through a write. */

#include "config.h"

#include <math.h>

#include "tally-chart-options.h"
#include "tally-error.h"
#include "tally-format.h"
#include "tally-test-utils.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static TallyChartOptions *
read_options (const char *json,
              GError    **error)
{
  g_autoptr(JsonNode) node = parse (json);

  return tally_chart_options_new_from_json (node, NULL, error);
}

static void
test_options_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyChartOptions) options = read_options ("{}", &error);
  g_autoptr(TallyChartOptions) from_null = tally_chart_options_new_from_json (NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (from_null);
  g_assert_null (options->unit);
  g_assert_cmpint (options->decimals, ==, TALLY_FORMAT_AUTO);
  g_assert_true (isnan (options->min) && isnan (options->max));
  g_assert_cmpuint (options->thresholds->len, ==, 0);
  g_assert_cmpint (options->legend, ==, TALLY_LEGEND_AUTO);
  g_assert_false (options->line.fill);
  g_assert_cmpint (options->line.points, ==, TALLY_POINTS_AUTO);
  g_assert_cmpint (options->bar.orientation, ==, TALLY_ORIENTATION_VERTICAL);
  g_assert_false (options->bar.stack);
  g_assert_false (options->pie.donut);
  g_assert_true (isnan (options->gauge.limit));
  g_assert_cmpfloat (options->gauge.warning, ==, 0.8);
  g_assert_cmpfloat (options->gauge.error, ==, 0.95);
}

static void
test_options_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyChartOptions) options = read_options (
    "{\"unit\":\"percent\",\"decimals\":2,\"min\":0,\"max\":1,"
    "\"thresholds\":[{\"value\":0.1,\"color\":\"error\"},{\"value\":0.05,\"color\":\"warning\"},"
    "{\"value\":0.5,\"color\":\"#ff8800\"}],"
    "\"legend\":false,\"hidden_series\":[\"o3\",\"Other\"],"
    "\"line\":{\"fill\":true,\"stack\":true,\"points\":\"always\"},"
    "\"bar\":{\"orientation\":\"horizontal\",\"mode\":\"stacked\"},"
    "\"pie\":{\"donut\":true},\"gauge\":{\"limit\":1000,\"bands\":[0.7,0.9]},"
    "\"table\":{\"columns\":{\"latency_ms\":{\"title\":\"Latency\",\"unit\":\"ms\",\"decimals\":0}}}}",
    &error);
  const TallyThreshold *t;
  const TallyColumnFormat *column;

  g_assert_no_error (error);
  g_assert_cmpstr (options->unit, ==, "percent");
  g_assert_cmpint (options->decimals, ==, 2);
  g_assert_cmpfloat (options->min, ==, 0);
  g_assert_cmpfloat (options->max, ==, 1);

  /* Thresholds are kept in ascending order. */
  g_assert_cmpuint (options->thresholds->len, ==, 3);
  t = &g_array_index (options->thresholds, TallyThreshold, 0);
  g_assert_cmpfloat (t->value, ==, 0.05);
  g_assert_cmpint (t->role, ==, TALLY_COLOR_ROLE_WARNING);
  t = &g_array_index (options->thresholds, TallyThreshold, 2);
  g_assert_cmpint (t->role, ==, TALLY_COLOR_ROLE_CUSTOM);
  g_assert_cmpfloat (t->rgba.red, ==, 1);
  g_assert_cmpfloat_with_epsilon (t->rgba.green, 0x88 / 255.0, 1e-6);

  g_assert_cmpint (options->legend, ==, TALLY_LEGEND_HIDE);
  g_assert_true (tally_chart_options_is_hidden (options, "o3"));
  g_assert_true (tally_chart_options_is_hidden (options, "Other"));
  g_assert_false (tally_chart_options_is_hidden (options, "gpt-4o"));
  g_assert_true (options->line.fill && options->line.stack);
  g_assert_cmpint (options->line.points, ==, TALLY_POINTS_ALWAYS);
  g_assert_cmpint (options->bar.orientation, ==, TALLY_ORIENTATION_HORIZONTAL);
  g_assert_true (options->bar.stack);
  g_assert_true (options->pie.donut);
  g_assert_cmpfloat (options->gauge.limit, ==, 1000);
  g_assert_cmpfloat (options->gauge.warning, ==, 0.7);
  g_assert_cmpfloat (options->gauge.error, ==, 0.9);

  column = tally_chart_options_get_column (options, "latency_ms");
  g_assert_nonnull (column);
  g_assert_cmpstr (column->title, ==, "Latency");
  g_assert_cmpstr (column->unit, ==, "ms");
  g_assert_cmpint (column->decimals, ==, 0);
  g_assert_null (tally_chart_options_get_column (options, "cost"));
}

static void
test_options_errors (void)
{
  struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "[]", "options: must be an object" },
    { "{\"unit\":3}", "options.unit: must be a non-empty string" },
    { "{\"unit\":\"\"}", "options.unit: must be a non-empty string" },
    { "{\"decimals\":1.5}", "options.decimals: must be an integer from 0 to 12" },
    { "{\"decimals\":13}", "options.decimals: must be an integer from 0 to 12" },
    { "{\"min\":\"0\"}", "options.min: must be a number" },
    { "{\"min\":5,\"max\":5}", "options.max: must be greater than min" },
    { "{\"thresholds\":{}}", "options.thresholds: must be an array" },
    { "{\"thresholds\":[{\"value\":1,\"color\":\"error\"},{\"value\":\"high\"}]}",
      "options.thresholds[1].value: must be a number" },
    { "{\"thresholds\":[{\"color\":\"error\"}]}", "options.thresholds[0].value: must be a number" },
    { "{\"thresholds\":[3]}", "options.thresholds[0]: must be an object" },
    { "{\"thresholds\":[{\"value\":1,\"color\":\"pink\"}]}",
      "options.thresholds[0].color: must be success, warning, error, accent or a #rrggbb colour" },
    { "{\"legend\":\"yes\"}", "options.legend: must be true or false" },
    { "{\"hidden_series\":[\"a\",2]}", "options.hidden_series[1]: must be a string" },
    { "{\"line\":[]}", "options.line: must be an object" },
    { "{\"line\":{\"fill\":1}}", "options.line.fill: must be true or false" },
    { "{\"line\":{\"points\":\"sometimes\"}}", "options.line.points: must be one of auto, always, never" },
    { "{\"bar\":{\"orientation\":\"diagonal\"}}",
      "options.bar.orientation: must be one of vertical, horizontal" },
    { "{\"bar\":{\"mode\":\"piled\"}}", "options.bar.mode: must be one of grouped, stacked" },
    { "{\"pie\":{\"donut\":\"true\"}}", "options.pie.donut: must be true or false" },
    { "{\"gauge\":{\"limit\":0}}", "options.gauge.limit: must be greater than 0" },
    { "{\"gauge\":{\"bands\":[0.8]}}", "options.gauge.bands: must hold two fractions of the limit, e.g. [0.8, 0.95]" },
    { "{\"gauge\":{\"bands\":[0.8,1.5]}}", "options.gauge.bands[1]: must be a number above 0 and at most 1" },
    { "{\"gauge\":{\"bands\":[0.9,0.8]}}", "options.gauge.bands: must be in ascending order" },
    { "{\"table\":{\"columns\":{\"cost\":3}}}", "options.table.columns[\"cost\"]: must be an object" },
    { "{\"table\":{\"columns\":{\"cost\":{\"decimals\":-1}}}}",
      "options.table.columns[\"cost\"].decimals: must be an integer from 0 to 12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TallyChartOptions) options = read_options (cases[i].json, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (options);
      g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* The dashboard loader names the panel. */
static void
test_options_error_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = parse ("{\"thresholds\":[{\"value\":null}]}");
  g_autoptr(TallyChartOptions) options = tally_chart_options_new_from_json (node, "panels[3].options", &error);

  g_assert_null (options);
  g_assert_cmpstr (error->message, ==, "panels[3].options.thresholds[0].value: must be a number");
}

static void
test_options_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  const char *json = "{\"unit\":\"ms\",\"future\":{\"x\":1},\"thresholds\":[{\"value\":800,\"color\":\"warning\"}],"
                     "\"line\":{\"fill\":true,\"smooth\":true},"
                     "\"table\":{\"columns\":{\"cost\":{\"unit\":\"usd\",\"width\":80}},\"striped\":true,"
                     "\"show\":[\"time\",\"cost\"]}}";
  g_autoptr(TallyChartOptions) options = read_options (json, &error);
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  /* The editor changes a few things; the rest comes back as it was. */
  options->decimals = 1;
  options->pie.donut = TRUE;
  tally_chart_options_set_hidden (options, "o3", TRUE);
  written = tally_chart_options_to_json (options);
  text = json_to_string (written, FALSE);
  g_test_message ("%s", text);

  object = json_node_get_object (written);
  g_assert_cmpstr (json_object_get_string_member (object, "unit"), ==, "ms");
  g_assert_cmpint (json_object_get_int_member (object, "decimals"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "future"), "x"), ==, 1);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (object, "line"), "smooth"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (object, "line"), "fill"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (object, "pie"), "donut"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (object, "table"), "striped"));
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (
                       json_object_get_object_member (json_object_get_object_member (object, "table"), "columns"),
                       "cost"), "width"), ==, 80);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "hidden_series"), 0),
                   ==, "o3");
  g_assert_false (json_object_has_member (object, "bar"));

  /* What was written reads back the same. */
  {
    g_autoptr(TallyChartOptions) again = tally_chart_options_new_from_json (written, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (again->decimals, ==, 1);
    g_assert_true (again->pie.donut);
    g_assert_cmpuint (again->thresholds->len, ==, 1);
    g_assert_cmpstr (tally_chart_options_get_column (again, "cost")->unit, ==, "usd");
    g_assert_cmpuint (again->table_show->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (again->table_show, 1), ==, "cost");
  }
}

static void
test_options_copy_and_hidden (void)
{
  g_autoptr(TallyChartOptions) options = tally_chart_options_new ();
  g_autoptr(TallyChartOptions) copy = NULL;
  TallyRgba pink = { 1, 0.5f, 0.5f, 1 };

  tally_chart_options_add_threshold (options, 10, TALLY_COLOR_ROLE_CUSTOM, &pink);
  tally_chart_options_add_threshold (options, 5, TALLY_COLOR_ROLE_SUCCESS, NULL);
  tally_chart_options_set_hidden (options, "a", TRUE);
  tally_chart_options_set_hidden (options, "a", TRUE);
  g_assert_cmpuint (options->hidden_series->len, ==, 1);
  copy = tally_chart_options_copy (options);
  tally_chart_options_set_hidden (options, "a", FALSE);
  g_assert_false (tally_chart_options_is_hidden (options, "a"));
  g_assert_true (tally_chart_options_is_hidden (copy, "a"));
  g_assert_cmpfloat (g_array_index (copy->thresholds, TallyThreshold, 0).value, ==, 5);
  g_assert_cmpfloat (g_array_index (copy->thresholds, TallyThreshold, 1).rgba.green, ==, 0.5f);
}

int
main (int    argc,
      char **argv)
{
  tally_test_init (&argc, &argv);

  g_test_add_func ("/tally/chart-options/defaults", test_options_defaults);
  g_test_add_func ("/tally/chart-options/read", test_options_read);
  g_test_add_func ("/tally/chart-options/errors", test_options_errors);
  g_test_add_func ("/tally/chart-options/error-path", test_options_error_path);
  g_test_add_func ("/tally/chart-options/round-trip", test_options_round_trip);
  g_test_add_func ("/tally/chart-options/copy-and-hidden", test_options_copy_and_hidden);

  return g_test_run ();
}
