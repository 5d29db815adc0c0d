/* tally-sources-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-source-registry.h"

G_BEGIN_DECLS

#define TALLY_TYPE_SOURCES_PAGE (tally_sources_page_get_type ())

G_DECLARE_FINAL_TYPE (TallySourcesPage, tally_sources_page, TALLY, SOURCES_PAGE, AdwPreferencesPage)

TallySourcesPage *tally_sources_page_new (TallySourceRegistry *registry);

G_END_DECLS
