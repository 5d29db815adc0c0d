/* tally-dashboard-share-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-dashboard-share.h"

G_BEGIN_DECLS

typedef struct _TallyShareJob TallyShareJob;

/* The answer to a question about one layout: the source name to use, or
 * how to treat a taken uid; NULL/-1 when the user cancelled. */
typedef void (*TallyShareSourceAnswer) (TallyShareJob *job,
                                        const char    *source);
typedef void (*TallyShareClashAnswer)  (TallyShareJob *job,
                                        int            mode);

/* The contents of a file the user chose, or NULL and why not. */
typedef GBytes *(*TallyShareBytesFunc) (GFile    *file,
                                        gpointer  data,
                                        GError  **error);

/* tally-dashboard-share-export.c */
GBytes        *tally_share_layout_bytes      (TallyDashboard         *dashboard,
                                              GError                **error);
void           tally_share_show_error        (GtkWindow              *parent,
                                              const char             *heading,
                                              const char             *message);
GtkFileChooserNative *tally_share_chooser_new (GtkWindow             *parent,
                                              const char             *title,
                                              GtkFileChooserAction    action,
                                              const char             *accept_label);
GtkFileFilter *tally_share_layout_filter_new  (void);
gboolean       tally_share_replace_contents  (GFile                  *file,
                                              GBytes                 *bytes,
                                              GError                **error);
void           tally_share_save_dialog       (GtkWindow              *parent,
                                              const char             *title,
                                              const char             *name,
                                              GtkFileFilter          *filter,
                                              const char             *heading,
                                              TallyShareBytesFunc     bytes_func,
                                              gpointer                data,
                                              GDestroyNotify          destroy);
void           tally_share_write_async       (GFile                  *file,
                                              GBytes                 *bytes,
                                              GtkWindow              *parent,
                                              const char             *heading);

/* tally-dashboard-share-import.c */
TallyShareJob *tally_share_job_new           (GtkWindow              *parent,
                                              TallyDashboardLibrary  *library,
                                              const char * const     *source_names,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
void           tally_share_job_add_file      (TallyShareJob          *job,
                                              GFile                  *file);
void           tally_share_job_add_text      (TallyShareJob          *job,
                                              const char             *name,
                                              GBytes                 *text);
void           tally_share_job_add_failure   (TallyShareJob          *job,
                                              const char             *message);
void           tally_share_job_run           (TallyShareJob          *job);
GtkWindow     *tally_share_job_get_parent    (TallyShareJob          *job);

/* tally-dashboard-share-ask.c */
void           tally_share_ask_source        (TallyShareJob          *job,
                                              TallyDashboard         *dashboard,
                                              const char * const     *source_names,
                                              TallyShareSourceAnswer  answer);
void           tally_share_ask_clash         (TallyShareJob          *job,
                                              TallyDashboard         *dashboard,
                                              TallyShareClashAnswer   answer);

G_END_DECLS
