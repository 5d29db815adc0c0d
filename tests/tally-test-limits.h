/* tally-test-limits.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-test-gui.h"

G_BEGIN_DECLS

void       tally_test_limits_write_file     (const char        *path,
                                             const char        *text);
char      *tally_test_limits_read_file      (const char        *path);
GtkWidget *tally_test_limits_open_page      (TallyApplication  *app,
                                             GtkWindow        **window);
void       tally_test_limits_assert_file_becomes (const char   *path,
                                                  const char   *expected);

G_END_DECLS
