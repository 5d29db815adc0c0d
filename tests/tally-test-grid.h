/* tally-test-grid.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-grid-geometry.h"

G_BEGIN_DECLS

void tally_test_assert_box (const TallyGridBox *box,
                            int                 x,
                            int                 y,
                            int                 width,
                            int                 height);

G_END_DECLS
