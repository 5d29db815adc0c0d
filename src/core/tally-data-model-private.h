/* tally-data-model-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What the parts of TallyDataModel share: tally-data-model.c decides
 * when panels run (requests, timers, live data, pausing),
 * tally-data-model-run.c keeps each panel's slot and runs its query, and
 * tally-data-model-retry.c decides what a failure does (a retry with
 * back-off, an error, the unsupported state). */

#pragma once

#include "tally-data-model.h"
#include "tally-panel-data-private.h"

G_BEGIN_DECLS

/* One panel of the dashboard and the state of its query. */
typedef struct
{
  TallyDataModel *model;          /* not a reference: the model owns the slot */
  TallyPanelData *data;
  gulong          width_handler;

  /* what the last started query asked: compared on every dashboard change */
  char           *key;
  TallyTimeRange *range;
  gint64          auto_interval_s; /* its automatic interval; 0 when fixed or unused */

  GCancellable   *cancellable;     /* of the running query, or NULL */
  guint           serial;          /* of the last started query */
  gboolean        dirty;           /* must run (again) */
  gboolean        supersede;       /* ... replacing the running query, not after it */

  guint           retry_id;        /* the timer of the next automatic attempt, or 0 */
  guint           n_failures;      /* transient failures in a row: the back-off's exponent */
} TallyDataModelSlot;

struct _TallyDataModel
{
  GObject         parent_instance;

  TallySource    *source;
  TallyDashboard *dashboard;
  GPtrArray      *slots;           /* TallyDataModelSlot */
  char           *dashboard_key;   /* the time and filters the slots last ran with */
  GDateTime      *fixed_now;

  guint           run_id;
  guint           refresh_id;
  guint           live_id;
  gint64          refresh_ms;      /* 0: no automatic refresh */
  gint64          last_refresh_us; /* monotonic */
  gint64          last_live_us;    /* monotonic; 0 before the first */
  guint           live_interval_ms;
  gboolean        paused;
  gboolean        loading;

  gint64          fixed_clock_us;  /* tests: the monotonic clock's reading; 0: the clock */
  gint64          retry_base_ms;   /* the first retry's delay, doubled at each failure */
  gint64          retry_max_ms;    /* ... up to this */
};

/* The back-off after transient failures (docs/data-model.md). */
#define TALLY_DATA_MODEL_RETRY_BASE_MS 5000
#define TALLY_DATA_MODEL_RETRY_MAX_MS  (5 * 60 * 1000)

/* tally-data-model.c */
void                tally_data_model_schedule_run     (TallyDataModel     *self);
void                tally_data_model_update_loading   (TallyDataModel     *self);
GDateTime          *tally_data_model_now              (TallyDataModel     *self);

/* tally-data-model-run.c */
void                tally_data_model_slot_free        (gpointer            data);
TallyDataModelSlot *tally_data_model_find_slot        (TallyDataModel     *self,
                                                       TallyPanel         *panel);
void                tally_data_model_sync_panels      (TallyDataModel     *self);
void                tally_data_model_mark             (TallyDataModel     *self,
                                                       TallyDataModelSlot *slot,
                                                       gboolean            supersede);
gboolean            tally_data_model_slot_changed     (TallyDataModel     *self,
                                                       TallyDataModelSlot *slot);
gboolean            tally_data_model_slot_reaches_now (TallyDataModelSlot *slot);
void                tally_data_model_cancel_all       (TallyDataModel     *self);
void                tally_data_model_run_pending      (TallyDataModel     *self);

/* tally-data-model-retry.c */
gint64              tally_data_model_monotonic        (TallyDataModel     *self);
void                tally_data_model_slot_failed      (TallyDataModel     *self,
                                                       TallyDataModelSlot *slot,
                                                       const GError       *error);
void                tally_data_model_slot_clear_retry (TallyDataModelSlot *slot);

/* For tests: a fixed reading of the monotonic clock (0: the clock), and
 * the back-off's first delay and cap. */
void                tally_data_model_set_clock        (TallyDataModel     *self,
                                                       gint64              monotonic_us);
void                tally_data_model_set_retry_delays (TallyDataModel     *self,
                                                       guint               base_ms,
                                                       guint               max_ms);

G_END_DECLS
