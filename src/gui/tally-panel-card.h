/* tally-panel-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "tally-chart-view.h"
#include "tally-panel.h"

G_BEGIN_DECLS

/* What a panel exports: its data, or its picture. */
typedef enum
{
  TALLY_PANEL_EXPORT_CSV,
  TALLY_PANEL_EXPORT_IMAGE,
} TallyPanelExport;

#define TALLY_TYPE_PANEL_CARD (tally_panel_card_get_type ())

G_DECLARE_FINAL_TYPE (TallyPanelCard, tally_panel_card, TALLY, PANEL_CARD, GtkWidget)

GtkWidget      *tally_panel_card_new                (TallyPanel          *panel);

TallyPanel     *tally_panel_card_get_panel          (TallyPanelCard      *self);
TallyChartView *tally_panel_card_get_chart_view     (TallyPanelCard      *self);
int             tally_panel_card_get_width          (TallyPanelCard      *self);
gboolean        tally_panel_card_get_editable       (TallyPanelCard      *self);
void            tally_panel_card_set_editable       (TallyPanelCard      *self,
                                                     gboolean             editable);
GTimeZone      *tally_panel_card_get_time_zone      (TallyPanelCard      *self);
void            tally_panel_card_set_time_zone      (TallyPanelCard      *self,
                                                     GTimeZone           *tz);
gboolean        tally_panel_card_get_loading        (TallyPanelCard      *self);
void            tally_panel_card_set_loading        (TallyPanelCard      *self,
                                                     gboolean             loading);
void            tally_panel_card_set_frame          (TallyPanelCard      *self,
                                                     TallyFrame          *frame);
const char     *tally_panel_card_get_error          (TallyPanelCard      *self);
void            tally_panel_card_set_error          (TallyPanelCard      *self,
                                                     const char          *message);
gint64          tally_panel_card_get_retry_at       (TallyPanelCard      *self);
void            tally_panel_card_set_retry_at       (TallyPanelCard      *self,
                                                     gint64               retry_at);
gboolean        tally_panel_card_get_unsupported    (TallyPanelCard      *self);
void            tally_panel_card_set_unsupported    (TallyPanelCard      *self,
                                                     gboolean             unsupported);
gboolean        tally_panel_card_get_view_as_table  (TallyPanelCard      *self);
void            tally_panel_card_set_view_as_table  (TallyPanelCard      *self,
                                                     gboolean             view_as_table);
void            tally_panel_card_popup_menu         (TallyPanelCard      *self);

void            tally_panel_card_export_async       (TallyPanelCard      *self,
                                                     TallyPanelExport     kind,
                                                     GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        tally_panel_card_export_finish      (TallyPanelCard      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
