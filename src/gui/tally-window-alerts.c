/* tally-window-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The main window's side of alerts: the Alerts button in the sidebar's
 * header shows how many alerts fire, tinted by the most severe, and says
 * so to a screen reader; after every evaluation of the rules the shown
 * dashboard's `alerts` panels list again. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-window-private.h"

static void
update_alerts_button (TallyWindow *self)
{
  TallyAlertEvaluator *evaluator = tally_application_get_alert_evaluator (self->application);
  g_autoptr(GPtrArray) firing = evaluator != NULL ? tally_alert_evaluator_get_firing (evaluator) : NULL;
  guint n = firing != NULL ? firing->len : 0;
  TallyAlertSeverity worst = TALLY_ALERT_WARNING;
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *label = NULL;

  /* firing is most severe first */
  if (n > 0)
    tally_alert_severity_from_string (((TallyAlert *) g_ptr_array_index (firing, 0))->severity, &worst);

  gtk_label_set_label (self->alerts_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_count), n > 0);
  gtk_widget_remove_css_class (GTK_WIDGET (self->alerts_button), "alerts-warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->alerts_button), "alerts-critical");
  if (n > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->alerts_button),
                              worst == TALLY_ALERT_CRITICAL ? "alerts-critical" : "alerts-warning");

  if (n > 0)
    label = g_strdup_printf (g_dngettext (NULL, "Alerts: %u firing", "Alerts: %u firing", n), n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->alerts_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : _("Alerts"), -1);
}

static void
alerts_changed_cb (TallyWindow *self)
{
  update_alerts_button (self);
  tally_data_model_refresh_alerts (tally_dashboard_page_get_data_model (self->dashboard_page));
}

/* Once the window has its application. */
void
tally_window_init_alerts (TallyWindow *self)
{
  g_signal_connect_object (self->application, "alerts-changed", G_CALLBACK (alerts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_alerts_button (self);
}
