/* tally-alert-frame.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-alert-history.h"
#include "tally-frame.h"

G_BEGIN_DECLS

TallyFrame *tally_alert_frame_new (GPtrArray *alerts);

G_END_DECLS
