/* tally-paths.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *tally_paths_get_data_dir          (void);
char     *tally_paths_get_store_file        (void);
char     *tally_paths_get_dashboards_dir    (void);
char     *tally_paths_get_config_dir        (void);
char     *tally_paths_get_sources_file      (void);
char     *tally_paths_get_demo_store_file   (void);
char     *tally_paths_get_limits_file       (void);
char     *tally_paths_get_alerts_file       (void);
gboolean  tally_paths_ensure_parent         (const char  *path,
                                             GError     **error);

G_END_DECLS
