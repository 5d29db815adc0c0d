/* tally-alert-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* One alert as a row of the Alerts window: its severity as an icon in the
 * warning or error colour, the rule's name, then the value against the
 * threshold and when it fired (and resolved). A row whose rule names a
 * dashboard opens it (app.show-dashboard). */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-alert-row.h"
#include "tally-alert-rule.h"
#include "tally-format.h"

/* "14:05" today, "Nov 3, 14:05" on another day. */
static char *
format_moment (gint64     t,
               gint64     now,
               GTimeZone *tz)
{
  g_autoptr(GTimeZone) zone = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  g_autoptr(GDateTime) then_utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) then = then_utc ? g_date_time_to_timezone (then_utc, zone) : NULL;
  g_autoptr(GDateTime) today = now_utc ? g_date_time_to_timezone (now_utc, zone) : NULL;
  gboolean same_day = then != NULL && today != NULL &&
                      g_date_time_get_year (then) == g_date_time_get_year (today) &&
                      g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (today);

  return tally_format_time (t, zone, same_day ? TALLY_TIME_FORMAT_TIME : TALLY_TIME_FORMAT_DATE_TIME, FALSE);
}

static char *
describe (const TallyAlert *alert,
          gint64            now,
          GTimeZone        *tz)
{
  g_autofree char *fired = format_moment (alert->fired_at, now, tz);
  g_autofree char *resolved = NULL;
  g_autofree char *span = NULL;
  const char *value = alert->description != NULL && *alert->description ? alert->description : alert->metric;

  /* Translators: the value against the threshold, the time it fired:
   * "85.0 % >= 80.0 % · since 14:05" */
  if (alert->resolved_at == 0 && now - alert->fired_at < 60)
    return g_strdup_printf (_("%s · since %s"), value, fired);
  if (alert->resolved_at == 0)
    {
      span = tally_format_span (now - alert->fired_at);
      /* Translators: the value against the threshold, the time it fired,
       * how long it has fired: "85.0 % >= 80.0 % · since 14:05, 12 minutes" */
      return g_strdup_printf (_("%s · since %s, %s"), value, fired, span);
    }

  resolved = format_moment (alert->resolved_at, now, tz);
  span = tally_format_span (alert->resolved_at - alert->fired_at);
  /* Translators: the value against the threshold, when it fired, when it
   * resolved, how long it lasted: "85.0 % >= 80.0 % · 14:05 – 14:20, 15 minutes" */
  return g_strdup_printf (_("%s · %s – %s, %s"), value, fired, resolved, span);
}

/**
 * tally_alert_row_new:
 * @now: Unix seconds, for how long a firing alert has fired
 * @tz: (nullable): the zone of the times; %NULL for the local one
 *
 * Returns: (transfer floating): an AdwActionRow
 */
GtkWidget *
tally_alert_row_new (const TallyAlert *alert,
                     gint64            now,
                     GTimeZone        *tz)
{
  TallyAlertSeverity severity = TALLY_ALERT_WARNING;
  g_autofree char *subtitle = describe (alert, now, tz);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  const char *title;

  tally_alert_severity_from_string (alert->severity, &severity);
  title = tally_alert_severity_get_title (severity);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alert->name != NULL ? alert->name : alert->rule);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  icon = gtk_image_new_from_icon_name (severity == TALLY_ALERT_CRITICAL ? "dialog-error-symbolic"
                                                                       : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, severity == TALLY_ALERT_CRITICAL ? "error" : "warning");
  gtk_widget_set_tooltip_text (icon, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  /* A screen reader reads the severity from the icon, the rest here. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);

  if (alert->dashboard != NULL && *alert->dashboard != '\0')
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.show-dashboard");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", alert->dashboard);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Open the dashboard of this alert"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }

  return row;
}
