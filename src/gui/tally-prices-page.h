/* tally-prices-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TALLY_TYPE_PRICES_PAGE (tally_prices_page_get_type ())

G_DECLARE_FINAL_TYPE (TallyPricesPage, tally_prices_page, TALLY, PRICES_PAGE, AdwPreferencesPage)

GtkWidget *tally_prices_page_new    (void);
void       tally_prices_page_reload (TallyPricesPage *self);

G_END_DECLS
