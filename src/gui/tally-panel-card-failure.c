/* tally-panel-card-failure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The card's states under failure (docs/dashboard-view.md, "Panel
 * states"), as the data model reports them:
 *
 * - a failed query that will be retried: a compact strip under the header
 *   with the message (when the chart still shows the last good frame;
 *   without one the chart's own error state says it), "Retrying in N s"
 *   counting down, and a Retry Now button. The countdown's 1-second timer
 *   runs only while the strip is on screen;
 * - a query the source cannot answer: "Not available from this source"
 *   with the metric's name, in place of the chart, so it never reads as a
 *   zero. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-panel-card-private.h"
#include "tally-panel-chart.h"

enum
{
  RETRY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the strip says about the next attempt, @remaining_us from now. */
char *
tally_panel_card_countdown_text (gint64 remaining_us)
{
  gint64 seconds = (remaining_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  if (seconds <= 0)
    return g_strdup (_("Retrying…"));
  if (seconds < 60)
    /* Translators: %d is a number of seconds until the panel's query runs again */
    return g_strdup_printf (_("Retrying in %d s"), (int) seconds);
  /* Translators: %d is a number of minutes until the panel's query runs again */
  return g_strdup_printf (_("Retrying in %d min"), (int) ((seconds + 59) / 60));
}

static gboolean
retrying (TallyPanelCard *self)
{
  return self->error != NULL && self->retry_at > 0 && !self->unsupported;
}

static void
update_countdown (TallyPanelCard *self)
{
  g_autofree char *text = tally_panel_card_countdown_text (self->retry_at -
                                                           g_get_monotonic_time ());

  gtk_label_set_text (self->retry_label, text);
}

static gboolean
countdown_cb (gpointer data)
{
  update_countdown (TALLY_PANEL_CARD (data));

  return G_SOURCE_CONTINUE;
}

static void
strip_map_cb (TallyPanelCard *self)
{
  update_countdown (self);
  if (self->countdown_id == 0)
    self->countdown_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, countdown_cb, self,
                                                     NULL);
}

static void
strip_unmap_cb (TallyPanelCard *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
}

static void
retry_clicked_cb (TallyPanelCard *self)
{
  g_signal_emit (self, signals[RETRY], 0);
}

/* The error the chart shows itself: none while the strip says it over
 * the last good frame. */
const char *
tally_panel_card_chart_error (TallyPanelCard *self)
{
  const char *error = tally_panel_card_get_error (self);

  if (retrying (self) && tally_chart_get_frame (tally_chart_view_get_chart (self->chart_view)))
    return self->options_error;
  return error;
}

void
tally_panel_card_update_failure (TallyPanelCard *self)
{
  TallyPanelType type = tally_panel_get_panel_type (self->panel);
  TallyChart *chart = tally_chart_view_get_chart (self->chart_view);
  const char *page = gtk_stack_get_visible_child_name (self->body);
  const TallyQuery *query = tally_panel_get_query (self->panel);

  gtk_widget_set_visible (self->failure_strip, retrying (self));
  gtk_widget_set_visible (GTK_WIDGET (self->failure_label), tally_chart_get_frame (chart) != NULL);
  gtk_label_set_text (self->failure_label, self->error != NULL ? self->error : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->failure_label), self->error);
  if (gtk_widget_get_mapped (self->failure_strip))
    update_countdown (self);

  /* An `alerts` panel asks for the alert history, not for its metric. */
  gtk_label_set_text (self->unsupported_metric, type == TALLY_PANEL_ALERTS
                                                ? _("Alert history")
                                                : tally_metric_get_title (query->metric));
  if (self->unsupported)
    gtk_stack_set_visible_child_name (self->body, "unsupported");
  else if (g_strcmp0 (page, "unsupported") == 0)
    gtk_stack_set_visible_child_name (self->body, "chart");
}

static GtkWidget *
build_strip (TallyPanelCard *self)
{
  GtkWidget *strip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *button = gtk_button_new_from_icon_name ("view-refresh-symbolic");

  gtk_widget_add_css_class (strip, "panel-failure");
  gtk_widget_add_css_class (icon, "warning");
  gtk_box_append (GTK_BOX (strip), icon);

  self->failure_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->failure_label, 0);
  gtk_label_set_ellipsize (self->failure_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (self->failure_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->failure_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->failure_label), "caption");
  gtk_box_append (GTK_BOX (strip), GTK_WIDGET (self->failure_label));

  self->retry_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->retry_label, 1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->retry_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->retry_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->retry_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->retry_label), "numeric");
  gtk_box_append (GTK_BOX (strip), GTK_WIDGET (self->retry_label));

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Retry Now"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Retry Now"), -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (retry_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (strip), button);
  self->retry_button = GTK_BUTTON (button);

  g_signal_connect_object (strip, "map", G_CALLBACK (strip_map_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (strip, "unmap", G_CALLBACK (strip_unmap_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (strip, FALSE);
  return strip;
}

static GtkWidget *
build_unsupported (TallyPanelCard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("action-unavailable-symbolic");
  GtkWidget *title = gtk_label_new (_("Not available from this source"));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "panel-unsupported");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_box_append (GTK_BOX (box), icon);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  self->unsupported_title = GTK_LABEL (title);

  self->unsupported_metric = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->unsupported_metric, TRUE);
  gtk_label_set_justify (self->unsupported_metric, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->unsupported_metric), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->unsupported_metric));
  return box;
}

/* Called once the header and the body exist: the strip goes between them. */
void
tally_panel_card_failure_init (TallyPanelCard *self)
{
  self->failure_strip = build_strip (self);
  gtk_widget_insert_after (self->failure_strip, GTK_WIDGET (self), self->header);
  gtk_stack_add_named (self->body, build_unsupported (self), "unsupported");
}

void
tally_panel_card_failure_dispose (TallyPanelCard *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_clear_pointer (&self->failure_strip, gtk_widget_unparent);
}

void
tally_panel_card_failure_class_init (GtkWidgetClass *widget_class)
{
  /**
   * TallyPanelCard::retry:
   *
   * The user asked to run the failed query again now (Retry Now).
   */
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* When the data model runs the failed query again (monotonic µs), or 0. */
gint64
tally_panel_card_get_retry_at (TallyPanelCard *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_CARD (self), 0);

  return self->retry_at;
}

void
tally_panel_card_set_retry_at (TallyPanelCard *self,
                               gint64          retry_at)
{
  g_return_if_fail (TALLY_IS_PANEL_CARD (self));

  if (self->retry_at == retry_at)
    return;
  self->retry_at = retry_at;
  tally_panel_card_update_error (self);
}

gboolean
tally_panel_card_get_unsupported (TallyPanelCard *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_CARD (self), FALSE);

  return self->unsupported;
}

/* Whether the source cannot answer the panel's query: the card says so in
 * place of the chart. */
void
tally_panel_card_set_unsupported (TallyPanelCard *self,
                                  gboolean        unsupported)
{
  g_return_if_fail (TALLY_IS_PANEL_CARD (self));

  unsupported = !!unsupported;
  if (self->unsupported == unsupported)
    return;
  self->unsupported = unsupported;
  if (unsupported)
    tally_panel_card_set_loading (self, FALSE);
  tally_panel_card_update_error (self);
}
