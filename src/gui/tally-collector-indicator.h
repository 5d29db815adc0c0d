/* tally-collector-indicator.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-application.h"

G_BEGIN_DECLS

#define TALLY_TYPE_COLLECTOR_INDICATOR (tally_collector_indicator_get_type ())

G_DECLARE_FINAL_TYPE (TallyCollectorIndicator, tally_collector_indicator, TALLY, COLLECTOR_INDICATOR,
                      GtkWidget)

GtkWidget        *tally_collector_indicator_new             (void);
TallyApplication *tally_collector_indicator_get_application (TallyCollectorIndicator *self);
void              tally_collector_indicator_set_application (TallyCollectorIndicator *self,
                                                             TallyApplication        *application);
const char       *tally_collector_indicator_get_url         (TallyCollectorIndicator *self);

G_END_DECLS
