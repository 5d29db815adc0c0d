/* tally-alert-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The alert history as a table frame: what an `alerts` panel draws, exports
 * as CSV and shows as a table. Column names and the state and severity
 * words are fixed English, as every frame's are, so that a CSV export
 * reads the same in any locale; the table renderer colours them. */

#include "config.h"

#include <math.h>

#include "tally-alert-frame.h"

enum
{
  COLUMN_STATE,
  COLUMN_SEVERITY,
  COLUMN_ALERT,
  COLUMN_DESCRIPTION,
  COLUMN_FIRED,
  COLUMN_RESOLVED,
};

/* The severity as the table shows it; a word the rules do not know is
 * kept as it is. */
static const char *
severity_word (const char *severity)
{
  if (g_strcmp0 (severity, "critical") == 0)
    return "Critical";
  if (g_strcmp0 (severity, "warning") == 0)
    return "Warning";
  if (g_strcmp0 (severity, "info") == 0)
    return "Info";
  return severity;
}

/**
 * tally_alert_frame_new:
 * @alerts: (element-type TallyAlert): in the order the rows are to be
 *   shown
 *
 * A table frame of @alerts, one row each, with the columns `state`
 * (Firing or Resolved), `severity`, `alert` (the rule's name),
 * `description` (the value against the threshold when it fired),
 * `fired` and `resolved` (Unix seconds; null while it fires).
 *
 * Returns: (transfer full): the frame
 */
TallyFrame *
tally_alert_frame_new (GPtrArray *alerts)
{
  TallyFrame *frame = tally_frame_new_table ();

  g_return_val_if_fail (alerts != NULL, frame);

  tally_frame_add_column (frame, "state", TALLY_COLUMN_STRING);
  tally_frame_add_column (frame, "severity", TALLY_COLUMN_STRING);
  tally_frame_add_column (frame, "alert", TALLY_COLUMN_STRING);
  tally_frame_add_column (frame, "description", TALLY_COLUMN_STRING);
  tally_frame_add_column (frame, "fired", TALLY_COLUMN_TIME);
  tally_frame_add_column (frame, "resolved", TALLY_COLUMN_TIME);

  for (guint i = 0; i < alerts->len; i++)
    {
      const TallyAlert *alert = g_ptr_array_index (alerts, i);
      guint row = tally_frame_append_row (frame);
      gboolean firing = alert->resolved_at == 0;

      tally_frame_set_string (frame, row, COLUMN_STATE, firing ? "Firing" : "Resolved");
      tally_frame_set_string (frame, row, COLUMN_SEVERITY, severity_word (alert->severity));
      tally_frame_set_string (frame, row, COLUMN_ALERT,
                              alert->name != NULL ? alert->name : alert->rule);
      tally_frame_set_string (frame, row, COLUMN_DESCRIPTION, alert->description);
      tally_frame_set_number (frame, row, COLUMN_FIRED, (double) alert->fired_at);
      tally_frame_set_number (frame, row, COLUMN_RESOLVED, firing ? NAN : (double) alert->resolved_at);
    }

  return frame;
}
