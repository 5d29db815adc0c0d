/* tally-panel-card-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* TallyPanelCard's fields, shared by the files it is split into:
 * tally-panel-card.c (the card: header, chart, states, menu, layout),
 * tally-panel-card-export.c (CSV and image files, and their dialogs),
 * tally-panel-card-edit.c (edit mode: the grip, the keys, the place) and
 * tally-panel-card-failure.c (the retry strip, the unsupported state). */

#pragma once

#include <adwaita.h>

#include "tally-panel-card.h"

G_BEGIN_DECLS

struct _TallyPanelCard
{
  GtkWidget             parent_instance;

  TallyPanel           *panel;
  GTimeZone            *tz;
  char                 *error;           /* the query's, from the data model */
  char                 *options_error;   /* the panel's options, refused */

  /* What the card last took from the panel, to tell what changed. */
  char                 *data_key;        /* type, query and time */
  char                 *options_key;
  TallyGridRect         grid;

  /* template */
  GtkWidget            *header;
  GtkLabel             *title_label;
  GtkImage             *info_icon;
  GtkLabel             *time_label;
  GtkImage             *error_icon;
  GtkSpinner           *spinner;
  GtkMenuButton        *menu_button;
  GtkStack             *body;

  TallyChartView       *chart_view;
  int                   width;          /* told, after the allocation */
  int                   allocated_width;
  guint                 width_idle;
  GtkFileChooserNative *chooser;        /* while an export asks for a file */
  GtkWidget            *grip;           /* the resize grip, in edit mode */
  char                 *place;          /* in edit mode: where the panel sits, in words */

  /* failure states, built by tally-panel-card-failure.c */
  GtkWidget            *failure_strip;
  GtkLabel             *failure_label;
  GtkLabel             *retry_label;
  GtkButton            *retry_button;
  GtkLabel             *unsupported_title;
  GtkLabel             *unsupported_metric;
  gint64                retry_at;       /* monotonic µs, or 0 */
  guint                 countdown_id;
  gboolean              unsupported;

  guint                 editable : 1;
  guint                 loading : 1;
  guint                 view_as_table : 1;
  guint                 editing : 1;
};

/* tally-panel-card-export.c */
void tally_panel_card_export_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter);
void tally_panel_card_show_error    (TallyPanelCard *self,
                                     const char     *message);

/* tally-panel-card.c */
void tally_panel_card_update_accessible (TallyPanelCard *self);
void tally_panel_card_update_error      (TallyPanelCard *self);

/* tally-panel-card-failure.c */
void        tally_panel_card_failure_init       (TallyPanelCard *self);
void        tally_panel_card_failure_dispose    (TallyPanelCard *self);
void        tally_panel_card_failure_class_init (GtkWidgetClass *widget_class);
void        tally_panel_card_update_failure     (TallyPanelCard *self);
const char *tally_panel_card_chart_error        (TallyPanelCard *self);
char       *tally_panel_card_countdown_text     (gint64          remaining_us);

/* tally-panel-card-edit.c */
void tally_panel_card_edit_init         (TallyPanelCard    *self);
void tally_panel_card_edit_class_init   (GtkWidgetClass    *widget_class);
void tally_panel_card_allocate_grip     (TallyPanelCard    *self,
                                         int                width,
                                         int                height);
void tally_panel_card_set_editing       (TallyPanelCard    *self,
                                         gboolean           editing,
                                         gboolean           movable);
void tally_panel_card_set_place         (TallyPanelCard    *self,
                                         const TallyGridRect *rect);

G_END_DECLS
