/* tally-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "tally-grid.h"
#include "tally-query.h"

G_BEGIN_DECLS

typedef enum
{
  TALLY_PANEL_STAT,
  TALLY_PANEL_LINE,
  TALLY_PANEL_BAR,
  TALLY_PANEL_PIE,
  TALLY_PANEL_HEATMAP,
  TALLY_PANEL_TABLE,
  TALLY_PANEL_GAUGE,
  TALLY_PANEL_ALERTS,
  TALLY_PANEL_LOGS,
  TALLY_N_PANEL_TYPES
} TallyPanelType;

#define TALLY_TYPE_PANEL (tally_panel_get_type ())

G_DECLARE_FINAL_TYPE (TallyPanel, tally_panel, TALLY, PANEL, GObject)

const char       *tally_panel_type_to_string  (TallyPanelType     type);
gboolean          tally_panel_type_from_string (const char        *name,
                                                TallyPanelType    *type);
TallyShape        tally_panel_type_get_shape  (TallyPanelType     type,
                                               const TallyQuery  *query);

TallyPanel       *tally_panel_new             (guint              id,
                                               TallyPanelType     type);
TallyPanel       *tally_panel_copy            (TallyPanel        *self);
gboolean          tally_panel_update_from     (TallyPanel        *self,
                                               TallyPanel        *from);

guint             tally_panel_get_id          (TallyPanel        *self);
void              tally_panel_set_id          (TallyPanel        *self,
                                               guint              id);
TallyPanelType    tally_panel_get_panel_type  (TallyPanel        *self);
void              tally_panel_set_panel_type  (TallyPanel        *self,
                                               TallyPanelType     type);
const char       *tally_panel_get_title       (TallyPanel        *self);
void              tally_panel_set_title       (TallyPanel        *self,
                                               const char        *title);
const char       *tally_panel_get_description (TallyPanel        *self);
void              tally_panel_set_description (TallyPanel        *self,
                                               const char        *description);
const char       *tally_panel_get_time_from   (TallyPanel        *self);
const char       *tally_panel_get_time_to     (TallyPanel        *self);
void              tally_panel_set_time        (TallyPanel        *self,
                                               const char        *from,
                                               const char        *to);
void              tally_panel_get_grid        (TallyPanel        *self,
                                               int               *x,
                                               int               *y,
                                               int               *w,
                                               int               *h);
void              tally_panel_set_grid        (TallyPanel        *self,
                                               int                x,
                                               int                y,
                                               int                w,
                                               int                h);
const TallyQuery *tally_panel_get_query       (TallyPanel        *self);
void              tally_panel_set_query       (TallyPanel        *self,
                                               const TallyQuery  *query);
JsonObject       *tally_panel_get_options     (TallyPanel        *self);
void              tally_panel_set_options     (TallyPanel        *self,
                                               JsonObject        *options);
JsonObject       *tally_panel_get_raw         (TallyPanel        *self);
void              tally_panel_set_raw         (TallyPanel        *self,
                                               JsonObject        *raw);

G_END_DECLS
