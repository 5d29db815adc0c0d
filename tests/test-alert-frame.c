/* test-alert-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The alert history as a table frame: its columns, and each cell of a
 * firing and a resolved alert, exactly; an empty list is an empty frame. */

#include "config.h"

#include <math.h>

#include "tally-alert-frame.h"

static TallyAlert *
make_alert (const char *name,
            const char *severity,
            gint64      fired_at,
            gint64      resolved_at)
{
  TallyAlert *alert = tally_alert_new ();

  alert->rule = g_strdup ("rule-id");
  alert->name = g_strdup (name);
  alert->severity = g_strdup (severity);
  alert->description = g_strdup ("85.0 % >= 80.0 %");
  alert->fired_at = fired_at;
  alert->resolved_at = resolved_at;
  return alert;
}

static void
test_frame_rows (void)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_alert_free);
  g_autoptr(TallyFrame) frame = NULL;
  const char *names[] = { "state", "severity", "alert", "description", "fired", "resolved" };
  const TallyColumnType types[] = { TALLY_COLUMN_STRING, TALLY_COLUMN_STRING, TALLY_COLUMN_STRING,
                                    TALLY_COLUMN_STRING, TALLY_COLUMN_TIME, TALLY_COLUMN_TIME };
  TallyAlert *unnamed;

  g_ptr_array_add (alerts, make_alert ("Budget exceeded", "critical", 1763901000, 0));
  g_ptr_array_add (alerts, make_alert ("Requests per minute near the limit", "warning", 1763898600,
                                       1763899800));
  unnamed = make_alert (NULL, "page-me", 1763890000, 1763890060);
  g_ptr_array_add (alerts, unnamed);
  frame = tally_alert_frame_new (alerts);

  g_assert_cmpint (tally_frame_get_shape (frame), ==, TALLY_SHAPE_TABLE);
  g_assert_cmpuint (tally_frame_get_n_columns (frame), ==, G_N_ELEMENTS (names));
  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    {
      g_assert_cmpstr (tally_frame_get_column_name (frame, c), ==, names[c]);
      g_assert_cmpint (tally_frame_get_column_type (frame, c), ==, types[c]);
    }

  g_assert_cmpuint (tally_frame_get_n_rows (frame), ==, 3);
  g_assert_cmpstr (tally_frame_get_string (frame, 0, 0), ==, "Firing");
  g_assert_cmpstr (tally_frame_get_string (frame, 0, 1), ==, "Critical");
  g_assert_cmpstr (tally_frame_get_string (frame, 0, 2), ==, "Budget exceeded");
  g_assert_cmpstr (tally_frame_get_string (frame, 0, 3), ==, "85.0 % >= 80.0 %");
  g_assert_cmpfloat (tally_frame_get_number (frame, 0, 4), ==, 1763901000);
  g_assert_true (isnan (tally_frame_get_number (frame, 0, 5)));

  g_assert_cmpstr (tally_frame_get_string (frame, 1, 0), ==, "Resolved");
  g_assert_cmpstr (tally_frame_get_string (frame, 1, 1), ==, "Warning");
  g_assert_cmpstr (tally_frame_get_string (frame, 1, 2), ==, "Requests per minute near the limit");
  g_assert_cmpfloat (tally_frame_get_number (frame, 1, 4), ==, 1763898600);
  g_assert_cmpfloat (tally_frame_get_number (frame, 1, 5), ==, 1763899800);

  /* A rule without a name shows its id; an unknown severity as it is. */
  g_assert_cmpstr (tally_frame_get_string (frame, 2, 1), ==, "page-me");
  g_assert_cmpstr (tally_frame_get_string (frame, 2, 2), ==, "rule-id");
}

/* The JSON of the frame, as `tally query --json` and tests read it. */
static void
test_frame_json (void)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_alert_free);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(TallyFrame) empty = NULL;
  g_autofree char *json = NULL;

  g_ptr_array_add (alerts, make_alert ("Budget exceeded", "info", 1763901000, 0));
  frame = tally_alert_frame_new (alerts);
  json = tally_frame_to_json_string (frame, FALSE);
  g_assert_nonnull (strstr (json, "[\"Firing\",\"Info\",\"Budget exceeded\",\"85.0 % >= 80.0 %\","));

  g_ptr_array_set_size (alerts, 0);
  empty = tally_alert_frame_new (alerts);
  g_assert_cmpuint (tally_frame_get_n_rows (empty), ==, 0);
  g_assert_cmpuint (tally_frame_get_n_columns (empty), ==, 6);
  g_assert_true (tally_frame_is_empty (empty));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tally/alert-frame/rows", test_frame_rows);
  g_test_add_func ("/tally/alert-frame/json", test_frame_json);

  return g_test_run ();
}
