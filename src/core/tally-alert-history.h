/* tally-alert-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * TallyAlert:
 * @id: the row in the history; 0 before it is stored
 * @resolved_at: Unix seconds, 0 while the alert fires
 * @description: the value against the threshold when it fired, as text
 *
 * One alert: a rule that fired, and resolved once it did.
 */
typedef struct
{
  gint64  id;
  char   *rule;
  char   *name;
  char   *severity;
  char   *metric;
  double  value;
  double  threshold;
  char   *description;
  char   *dashboard;
  gint64  fired_at;
  gint64  resolved_at;
  double  resolved_value;
} TallyAlert;

TallyAlert *tally_alert_new                (void);
TallyAlert *tally_alert_copy               (const TallyAlert  *alert);
void        tally_alert_free               (TallyAlert        *alert);

typedef struct _TallyAlertHistory TallyAlertHistory;

TallyAlertHistory *tally_alert_history_open    (const char         *store_path,
                                                gboolean            read_only,
                                                GError            **error);
void               tally_alert_history_close   (TallyAlertHistory  *history);
gboolean           tally_alert_history_add     (TallyAlertHistory  *history,
                                                TallyAlert         *alert,
                                                GError            **error);
gboolean           tally_alert_history_resolve (TallyAlertHistory  *history,
                                                TallyAlert         *alert,
                                                gint64              resolved_at,
                                                double              value,
                                                GError            **error);
GPtrArray         *tally_alert_history_list    (TallyAlertHistory  *history,
                                                gboolean            firing_only,
                                                guint               limit,
                                                GError            **error);
GPtrArray         *tally_alert_history_list_between (TallyAlertHistory *history,
                                                     gint64             from,
                                                     gint64             to,
                                                     guint              limit,
                                                     GError           **error);

void               tally_alert_history_list_async  (const char          *store_path,
                                                    gint64               from,
                                                    gint64               to,
                                                    guint                limit,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray         *tally_alert_history_list_finish (GAsyncResult        *result,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyAlert, tally_alert_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyAlertHistory, tally_alert_history_close)

G_END_DECLS
