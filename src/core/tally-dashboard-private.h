/* tally-dashboard-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-dashboard.h"

G_BEGIN_DECLS

GPtrArray      *tally_dashboard_get_filter_names  (TallyDashboard  *self);

void            tally_dashboard_begin_change      (TallyDashboard  *self);
gboolean        tally_dashboard_end_change        (TallyDashboard  *self);
void            tally_dashboard_emit_changed      (TallyDashboard  *self);
void            tally_dashboard_take_properties   (TallyDashboard  *self,
                                                   TallyDashboard  *from);
void            tally_dashboard_splice_panels     (TallyDashboard  *self,
                                                   guint            position,
                                                   guint            n_removed,
                                                   TallyPanel     **added,
                                                   guint            n_added);

TallyDashboard *tally_dashboard_read_json         (JsonNode        *node,
                                                   gboolean         lenient,
                                                   GError         **error);
char           *tally_dashboard_make_uid          (const char      *title);
gboolean        tally_dashboard_name_is_valid     (const char      *s,
                                                   gsize            max);
gboolean        tally_dashboard_restore_json      (TallyDashboard  *self,
                                                   JsonNode        *node,
                                                   GError         **error);

G_END_DECLS
