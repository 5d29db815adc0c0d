/* tally-dashboard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tally-panel.h"
#include "tally-time-range.h"
#include "tally-query.h"

G_BEGIN_DECLS

#define TALLY_DASHBOARD_FORMAT  "tally-dashboard"
#define TALLY_DASHBOARD_VERSION 1

/* The dimensions of a dashboard's filter bar, in its order. */
#define TALLY_DASHBOARD_FILTERS "model", "project", "api_key", "user", "status"

#define TALLY_TYPE_DASHBOARD (tally_dashboard_get_type ())

G_DECLARE_FINAL_TYPE (TallyDashboard, tally_dashboard, TALLY, DASHBOARD, GObject)

TallyDashboard *tally_dashboard_new                (void);
TallyDashboard *tally_dashboard_new_from_json      (JsonNode        *node,
                                                    GError         **error);
TallyDashboard *tally_dashboard_new_from_data      (const char      *data,
                                                    gssize           length,
                                                    GError         **error);
TallyDashboard *tally_dashboard_new_from_file      (GFile           *file,
                                                    GError         **error);
GStrv           tally_dashboard_check_data         (const char      *data,
                                                    gssize           length);
gboolean        tally_dashboard_uid_is_valid       (const char      *uid);
gboolean        tally_dashboard_replace_from_json  (TallyDashboard  *self,
                                                    JsonNode        *node,
                                                    GError         **error);
JsonNode       *tally_dashboard_to_json            (TallyDashboard  *self);
char           *tally_dashboard_to_data            (TallyDashboard  *self,
                                                    gsize           *length);
gboolean        tally_dashboard_save_to_file       (TallyDashboard  *self,
                                                    GFile           *file,
                                                    GError         **error);
TallyDashboard *tally_dashboard_copy               (TallyDashboard  *self);

const char     *tally_dashboard_get_uid            (TallyDashboard  *self);
void            tally_dashboard_set_uid            (TallyDashboard  *self,
                                                    const char      *uid);
const char     *tally_dashboard_get_title          (TallyDashboard  *self);
void            tally_dashboard_set_title          (TallyDashboard  *self,
                                                    const char      *title);
const char     *tally_dashboard_get_description    (TallyDashboard  *self);
void            tally_dashboard_set_description    (TallyDashboard  *self,
                                                    const char      *description);
const char * const *tally_dashboard_get_tags       (TallyDashboard  *self);
void            tally_dashboard_set_tags           (TallyDashboard  *self,
                                                    const char * const *tags);
gboolean        tally_dashboard_get_editable       (TallyDashboard  *self);
void            tally_dashboard_set_editable       (TallyDashboard  *self,
                                                    gboolean         editable);
const char     *tally_dashboard_get_source         (TallyDashboard  *self);
void            tally_dashboard_set_source         (TallyDashboard  *self,
                                                    const char      *source);
const char     *tally_dashboard_get_time_from      (TallyDashboard  *self);
const char     *tally_dashboard_get_time_to        (TallyDashboard  *self);
void            tally_dashboard_set_time           (TallyDashboard  *self,
                                                    const char      *from,
                                                    const char      *to);
const char     *tally_dashboard_get_refresh        (TallyDashboard  *self);
void            tally_dashboard_set_refresh        (TallyDashboard  *self,
                                                    const char      *refresh);
const char * const *tally_dashboard_get_filter     (TallyDashboard  *self,
                                                    const char      *dimension);
void            tally_dashboard_set_filter         (TallyDashboard  *self,
                                                    const char      *dimension,
                                                    const char * const *values);
TallyQuery     *tally_dashboard_apply_filters      (TallyDashboard  *self,
                                                    const TallyQuery *query);
TallyTimeRange *tally_dashboard_get_panel_range    (TallyDashboard  *self,
                                                    TallyPanel      *panel,
                                                    const TallyTimeRange *range,
                                                    GError         **error);

GListModel     *tally_dashboard_get_panels         (TallyDashboard  *self);
TallyPanel     *tally_dashboard_find_panel         (TallyDashboard  *self,
                                                    guint            id);
guint           tally_dashboard_next_panel_id      (TallyDashboard  *self);
void            tally_dashboard_add_panel          (TallyDashboard  *self,
                                                    TallyPanel      *panel);
void            tally_dashboard_remove_panel       (TallyDashboard  *self,
                                                    TallyPanel      *panel);
void            tally_dashboard_place_panel        (TallyDashboard  *self,
                                                    TallyPanel      *panel);
TallyGridRect  *tally_dashboard_get_rects          (TallyDashboard  *self,
                                                    guint           *n_rects);
void            tally_dashboard_set_rects          (TallyDashboard  *self,
                                                    const TallyGridRect *rects,
                                                    guint            n_rects);
void            tally_dashboard_move_panel         (TallyDashboard  *self,
                                                    TallyPanel      *panel,
                                                    int              x,
                                                    int              y);
void            tally_dashboard_resize_panel       (TallyDashboard  *self,
                                                    TallyPanel      *panel,
                                                    int              w,
                                                    int              h);

JsonObject     *tally_dashboard_get_raw            (TallyDashboard  *self);
void            tally_dashboard_set_raw            (TallyDashboard  *self,
                                                    JsonObject      *raw);

G_END_DECLS
