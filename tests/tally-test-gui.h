/* tally-test-gui.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-test-utils.h"

G_BEGIN_DECLS

void       tally_test_gui_init          (int          *argc,
                                         char       ***argv);
GtkWidget *tally_test_find_descendant   (GtkWidget    *root,
                                         GType         type,
                                         const char   *name);
GtkWindow *tally_test_find_toplevel     (GType         type);
gboolean   tally_test_wait_mapped       (GtkWidget    *widget);
void       tally_test_destroy_window    (GtkWindow    *window);
void       tally_test_drain             (void);
GdkTexture *tally_test_render_widget    (GtkWidget    *widget);
void       tally_test_texture_pixel     (GdkTexture   *texture,
                                         int           x,
                                         int           y,
                                         double        rgb[3]);
double     tally_test_luminance         (const double  rgb[3]);

G_END_DECLS
