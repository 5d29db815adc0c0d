/* tally-limits-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TALLY_TYPE_LIMITS_PAGE (tally_limits_page_get_type ())

G_DECLARE_FINAL_TYPE (TallyLimitsPage, tally_limits_page, TALLY, LIMITS_PAGE, AdwPreferencesPage)

GtkWidget  *tally_limits_page_new          (void);
GtkWidget  *tally_limits_page_new_for_path (const char      *path);
const char *tally_limits_page_get_path     (TallyLimitsPage *self);
void        tally_limits_page_reload       (TallyLimitsPage *self);

G_END_DECLS
