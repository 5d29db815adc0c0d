/* tally-test-demo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-demo.h"
#include "tally-frame.h"
#include "tally-store.h"

G_BEGIN_DECLS

TallyStore *tally_test_make_demo_store (const char            *path,
                                        const TallyDemoParams *params);

gboolean    tally_test_frame_has_data  (const TallyFrame      *frame);

G_END_DECLS
