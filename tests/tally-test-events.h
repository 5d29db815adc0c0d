/* tally-test-events.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-event.h"

G_BEGIN_DECLS

GPtrArray *tally_test_make_events (guint32 seed,
                                   guint   n,
                                   gint64  from_ms,
                                   gint64  to_ms);

G_END_DECLS
