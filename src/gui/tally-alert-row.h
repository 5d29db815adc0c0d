/* tally-alert-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-alert-history.h"

G_BEGIN_DECLS

GtkWidget *tally_alert_row_new (const TallyAlert *alert,
                                gint64            now,
                                GTimeZone        *tz);

G_END_DECLS
