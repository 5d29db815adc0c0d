/* tally-panel-gallery.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-panel.h"

G_BEGIN_DECLS

#define TALLY_TYPE_PANEL_GALLERY (tally_panel_gallery_get_type ())

G_DECLARE_FINAL_TYPE (TallyPanelGallery, tally_panel_gallery, TALLY, PANEL_GALLERY, AdwWindow)

GtkWidget  *tally_panel_gallery_new        (void);
TallyPanel *tally_panel_gallery_make_panel (const char     *name);
const char *tally_panel_type_get_title     (TallyPanelType  type);

G_END_DECLS
