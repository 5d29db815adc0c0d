/* tally-time-label.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *tally_time_label_for_range (const char *from,
                                  const char *to);

G_END_DECLS
