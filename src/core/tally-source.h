/* tally-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "tally-frame.h"
#include "tally-query.h"
#include "tally-time-range.h"

G_BEGIN_DECLS

#define TALLY_TYPE_SOURCE (tally_source_get_type ())

G_DECLARE_DERIVABLE_TYPE (TallySource, tally_source, TALLY, SOURCE, GObject)

/**
 * TallySourceClass:
 * @query_async: runs @query over @range; must never block the calling
 *   thread, and completes in the caller's thread-default main context
 * @query_finish: the frame, or %NULL with an error
 * @list_values_async: the values a dimension takes (for filter menus)
 * @list_values_finish: the values, sorted, or %NULL with an error
 * @check_async: tries the source the way "Test Connection" does; the
 *   default runs a small real query (requests over the last hour)
 * @check_finish: a short summary of what the check found, or %NULL with
 *   an error
 * @alerts_async: the alerts that fired within @range, firing ones first,
 *   then the newest, at most @limit; the default answers
 *   %TALLY_ERROR_UNSUPPORTED (a source without an alert history)
 * @alerts_finish: the alerts as a table frame (tally_alert_frame_new()),
 *   or %NULL with an error
 *
 * Where frames come from: the embedded store, or a remote API. Every
 * implementation answers in the frame shapes of DESIGN.md, and reports a
 * failure as a #GError whose message a user can read.
 */
struct _TallySourceClass
{
  GObjectClass parent_class;

  void         (*query_async)        (TallySource          *self,
                                      const TallyQuery     *query,
                                      const TallyTimeRange *range,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  TallyFrame  *(*query_finish)       (TallySource          *self,
                                      GAsyncResult         *result,
                                      GError              **error);
  void         (*list_values_async)  (TallySource          *self,
                                      const char           *dimension,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  GStrv        (*list_values_finish) (TallySource          *self,
                                      GAsyncResult         *result,
                                      GError              **error);
  void         (*check_async)        (TallySource          *self,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  char        *(*check_finish)       (TallySource          *self,
                                      GAsyncResult         *result,
                                      GError              **error);
  void         (*alerts_async)       (TallySource          *self,
                                      const TallyTimeRange *range,
                                      guint                 limit,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  TallyFrame  *(*alerts_finish)      (TallySource          *self,
                                      GAsyncResult         *result,
                                      GError              **error);

  /*< private >*/
  gpointer padding[4];
};

const char  *tally_source_get_name           (TallySource          *self);

void         tally_source_query_async        (TallySource          *self,
                                              const TallyQuery     *query,
                                              const TallyTimeRange *range,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
TallyFrame  *tally_source_query_finish       (TallySource          *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void         tally_source_list_values_async  (TallySource          *self,
                                              const char           *dimension,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GStrv        tally_source_list_values_finish (TallySource          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void         tally_source_check_async        (TallySource          *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char        *tally_source_check_finish       (TallySource          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void         tally_source_alerts_async       (TallySource          *self,
                                              const TallyTimeRange *range,
                                              guint                 limit,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
TallyFrame  *tally_source_alerts_finish      (TallySource          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void         tally_source_emit_changed       (TallySource          *self);

G_END_DECLS
