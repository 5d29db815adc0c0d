/* tally-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      tally_test_init          (int          *argc,
                                    char       ***argv);
char     *tally_test_make_tmp_dir  (void);
gboolean  tally_test_run_tally     (const char * const *args,
                                    const char * const *extra_env,
                                    char              **out_stdout,
                                    char              **out_stderr,
                                    int                *out_status);
gboolean  tally_test_wait_until    (gboolean (*predicate) (gpointer data),
                                    gpointer            data,
                                    guint               timeout_ms);
void      tally_test_result_cb     (GObject            *object,
                                    GAsyncResult       *result,
                                    gpointer            user_data);
GAsyncResult *tally_test_wait_result (GAsyncResult   **result);
gint64    tally_test_sql_int       (const char         *path,
                                    const char         *attach,
                                    const char         *sql);
gint64    tally_test_count_events  (const char         *db);

G_END_DECLS
