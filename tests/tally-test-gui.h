/* tally-test-gui.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "tally-application.h"
#include "tally-test-utils.h"
#include "tally-window.h"

G_BEGIN_DECLS

void       tally_test_gui_init          (int          *argc,
                                         char       ***argv);
GtkWidget *tally_test_find_descendant   (GtkWidget    *root,
                                         GType         type,
                                         const char   *name);
GtkWindow *tally_test_find_toplevel     (GType         type);
gboolean   tally_test_wait_mapped       (GtkWidget    *widget);
void       tally_test_destroy_window    (GtkWindow    *window);
void       tally_test_destroy_window_with (GtkWindow  *window,
                                           GPtrArray  *also);
void       tally_test_drain             (void);
AdwMessageDialog *tally_test_wait_message_dialog (void);
void       tally_test_answer_dialog     (AdwMessageDialog *dialog,
                                         const char       *response);
GtkWindow *tally_test_wait_file_chooser (void);
void       tally_test_wait_chooser_file (GtkWindow    *chooser);
GdkTexture *tally_test_render_widget    (GtkWidget    *widget);
void       tally_test_texture_pixel     (GdkTexture   *texture,
                                         int           x,
                                         int           y,
                                         double        rgb[3]);
double     tally_test_luminance         (const double  rgb[3]);

TallyApplication *tally_test_app_new         (void);
TallyWindow      *tally_test_app_open_window (TallyApplication *app);
TallyDashboard   *tally_test_window_shown    (TallyWindow      *window);
void              tally_test_wait_window_shows (TallyWindow    *window,
                                              const char       *uid);

G_END_DECLS
