/* tally-data-model-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What the two halves of TallyDataModel share: tally-data-model.c decides
 * when panels run (requests, timers, live data, pausing) and
 * tally-data-model-run.c keeps each panel's slot and runs its query. */

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
};

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

G_END_DECLS
