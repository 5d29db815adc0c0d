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

/* "now" for the events parsed here: 2025-11-23T12:00:00Z */
#define TALLY_TEST_EVENT_NOW_MS G_GINT64_CONSTANT (1763899200000)

TallyEvent *tally_test_parse_event           (const char       *json);
void        tally_test_assert_event_rejected (const char       *json,
                                              const char       *message);
char       *tally_test_event_to_string       (const TallyEvent *event);

G_END_DECLS
