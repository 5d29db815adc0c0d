/* tally-test-demo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-demo.h"
#include "tally-store.h"

G_BEGIN_DECLS

TallyStore *tally_test_make_demo_store (const char            *path,
                                        const TallyDemoParams *params);

G_END_DECLS
