/* tally-data-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Runs the queries of a dashboard's panels against a source and keeps what
 * each panel shows (TallyPanelData). It decides when a panel's query runs:
 *
 * - every request to run lands in one idle callback, so any number of
 *   requests made within one main-loop iteration start one query per
 *   panel;
 * - a change of what a panel asks (its query, its range, the dashboard's
 *   filters or time) supersedes the query running for it, which is
 *   cancelled; a mere "run again" (the refresh timer, new live data)
 *   waits for the running query and runs once it ends, so a slow query
 *   is never starved by ticks;
 * - the refresh timer and live data stop while paused and catch up on
 *   resume;
 * - a failure sets the panel's error and keeps its last good frame; a
 *   transient one is retried with back-off (tally-data-model-retry.c),
 *   and ticks meanwhile wait for the retry rather than hurry it.
 *
 * The per-panel bookkeeping and the queries themselves are in
 * tally-data-model-run.c. */

#include "config.h"

#include "tally-data-model-private.h"

G_DEFINE_FINAL_TYPE (TallyDataModel, tally_data_model, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SOURCE,
  PROP_DASHBOARD,
  PROP_LOADING,
  PROP_PAUSED,
  PROP_LIVE_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_refresh_timer (TallyDataModel *self);

/* A timeout (or, for 0 ms, an idle callback at default-idle priority) on
 * the main context, named for profilers. */
static guint
add_source (guint        interval_ms,
            GSourceFunc  func,
            gpointer     data,
            const char  *name)
{
  g_autoptr(GSource) source = interval_ms > 0 ? g_timeout_source_new (interval_ms)
                                              : g_idle_source_new ();

  g_source_set_callback (source, func, data, NULL);
  g_source_set_static_name (source, name);
  return g_source_attach (source, NULL);
}

/**
 * tally_data_model_new:
 * @source: (nullable): where the queries go
 * @dashboard: (nullable): whose panels to fill
 *
 * A model that fills every panel of @dashboard from @source, starting at
 * the next idle moment of the main loop.
 */
TallyDataModel *
tally_data_model_new (TallySource    *source,
                      TallyDashboard *dashboard)
{
  g_return_val_if_fail (source == NULL || TALLY_IS_SOURCE (source), NULL);
  g_return_val_if_fail (dashboard == NULL || TALLY_IS_DASHBOARD (dashboard), NULL);

  return g_object_new (TALLY_TYPE_DATA_MODEL,
                       "source", source,
                       "dashboard", dashboard,
                       NULL);
}

static gboolean
run_cb (gpointer data)
{
  TallyDataModel *self = data;

  self->run_id = 0;
  tally_data_model_run_pending (self);

  return G_SOURCE_REMOVE;
}

/* Runs what is pending at the next idle moment. Default-idle priority
 * comes after GTK's layout, so the widths a view sets while allocating
 * its panels for the first time are known when the queries start. */
void
tally_data_model_schedule_run (TallyDataModel *self)
{
  if (self->run_id != 0 || self->paused || self->source == NULL)
    return;

  self->run_id = add_source (0, run_cb, self, "[tally] data model run");
}

/* Every panel runs again; @supersede cancels the queries running now. */
static void
refresh_all (TallyDataModel *self,
             gboolean        supersede)
{
  for (guint i = 0; i < self->slots->len; i++)
    tally_data_model_mark (self, g_ptr_array_index (self->slots, i), supersede);

  self->last_refresh_us = g_get_monotonic_time ();
  schedule_refresh_timer (self);
}

/**
 * tally_data_model_refresh:
 *
 * Runs every panel's query again, at the next idle moment, with ranges
 * resolved at that moment; queries running now are cancelled. Calls made
 * within one main-loop iteration give one query per panel.
 */
void
tally_data_model_refresh (TallyDataModel *self)
{
  g_return_if_fail (TALLY_IS_DATA_MODEL (self));

  refresh_all (self, TRUE);
}

/**
 * tally_data_model_refresh_alerts:
 *
 * Runs the `alerts` panels again, at the next idle moment, cancelling
 * their running queries; the other panels are left alone. For when an
 * alert fires or resolves.
 */
void
tally_data_model_refresh_alerts (TallyDataModel *self)
{
  g_return_if_fail (TALLY_IS_DATA_MODEL (self));

  for (guint i = 0; i < self->slots->len; i++)
    {
      TallyDataModelSlot *slot = g_ptr_array_index (self->slots, i);
      TallyPanel *panel = tally_panel_data_get_panel (slot->data);

      if (tally_panel_get_panel_type (panel) == TALLY_PANEL_ALERTS)
        tally_data_model_mark (self, slot, TRUE);
    }
}

static gboolean
refresh_timer_cb (gpointer data)
{
  TallyDataModel *self = data;

  self->refresh_id = 0;
  refresh_all (self, FALSE);

  return G_SOURCE_REMOVE;
}

/* The dashboard's "refresh", counted from the last time every panel ran;
 * no timer while paused (resuming checks what went stale meanwhile). */
static void
schedule_refresh_timer (TallyDataModel *self)
{
  gint64 elapsed_ms = (g_get_monotonic_time () - self->last_refresh_us) / 1000;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->refresh_ms <= 0 || self->paused)
    return;

  self->refresh_id = add_source (CLAMP (self->refresh_ms - elapsed_ms, 1, self->refresh_ms),
                                 refresh_timer_cb, self, "[tally] data model refresh");
}

/* A dashboard's "refresh": "off", empty, or an interval. Layouts allow 5 s
 * and more; an interval set in code is only kept above a second, so that
 * a typo never spins the main loop. */
static gint64
parse_refresh (TallyDashboard *dashboard)
{
  const char *text = dashboard ? tally_dashboard_get_refresh (dashboard) : NULL;
  gint64 interval_s = 0;

  if (text == NULL || *text == '\0' || g_str_equal (text, "off") ||
      !tally_time_parse_interval (text, &interval_s, NULL))
    return 0;

  return MAX (interval_s, 1) * 1000;
}

static void
update_refresh_interval (TallyDataModel *self)
{
  gint64 refresh_ms = parse_refresh (self->dashboard);

  if (refresh_ms == self->refresh_ms)
    return;
  self->refresh_ms = refresh_ms;
  schedule_refresh_timer (self);
}

/* Live data: the panels whose range reaches "now" run again, at most once
 * per live interval. A change within the interval is not dropped: it
 * runs when the interval ends. */
static void
live_refresh (TallyDataModel *self)
{
  self->last_live_us = g_get_monotonic_time ();
  for (guint i = 0; i < self->slots->len; i++)
    {
      TallyDataModelSlot *slot = g_ptr_array_index (self->slots, i);

      if (tally_data_model_slot_reaches_now (slot))
        tally_data_model_mark (self, slot, FALSE);
    }
}

static gboolean
live_timer_cb (gpointer data)
{
  TallyDataModel *self = data;

  self->live_id = 0;
  live_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
source_changed_cb (TallyDataModel *self)
{
  gint64 elapsed_ms;

  if (self->live_id != 0)
    return;

  elapsed_ms = (g_get_monotonic_time () - self->last_live_us) / 1000;
  if (self->last_live_us == 0 || elapsed_ms >= self->live_interval_ms)
    {
      live_refresh (self);
      return;
    }

  self->live_id = add_source (self->live_interval_ms - elapsed_ms, live_timer_cb, self,
                              "[tally] data model live");
}

/* What every panel shares: the dashboard's time and filters. */
static char *
dashboard_key (TallyDashboard *dashboard)
{
  g_autoptr(TallyQuery) empty = tally_query_new ();
  g_autoptr(TallyQuery) filtered = tally_dashboard_apply_filters (dashboard, empty);
  g_autoptr(JsonNode) filters = tally_query_to_json (filtered);
  g_autofree char *json = json_to_string (filters, FALSE);

  return g_strdup_printf ("%s\n%s\n%s", tally_dashboard_get_time_from (dashboard),
                          tally_dashboard_get_time_to (dashboard), json);
}

/* The dashboard changed: its panels, its time or filters, its refresh
 * interval, or only something no query depends on (a title, a move). */
static void
dashboard_changed_cb (TallyDataModel *self)
{
  g_autofree char *key = dashboard_key (self->dashboard);

  tally_data_model_sync_panels (self);
  update_refresh_interval (self);

  if (g_strcmp0 (key, self->dashboard_key) != 0)
    {
      g_free (self->dashboard_key);
      self->dashboard_key = g_steal_pointer (&key);
      refresh_all (self, TRUE);
      return;
    }

  for (guint i = 0; i < self->slots->len; i++)
    {
      TallyDataModelSlot *slot = g_ptr_array_index (self->slots, i);

      if (tally_data_model_slot_changed (self, slot))
        tally_data_model_mark (self, slot, TRUE);
    }
}

TallySource *
tally_data_model_get_source (TallyDataModel *self)
{
  g_return_val_if_fail (TALLY_IS_DATA_MODEL (self), NULL);

  return self->source;
}

/* Every panel runs again on @source; frames from the old one stay until
 * the new ones arrive, and retries scheduled for the old one are dropped. */
void
tally_data_model_set_source (TallyDataModel *self,
                             TallySource    *source)
{
  g_return_if_fail (TALLY_IS_DATA_MODEL (self));
  g_return_if_fail (source == NULL || TALLY_IS_SOURCE (source));

  if (self->source == source)
    return;

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  if (source != NULL)
    g_signal_connect_object (source, "changed", G_CALLBACK (source_changed_cb), self,
                             G_CONNECT_SWAPPED);

  if (source == NULL)
    g_clear_handle_id (&self->run_id, g_source_remove);
  tally_data_model_cancel_all (self);
  refresh_all (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

TallyDashboard *
tally_data_model_get_dashboard (TallyDataModel *self)
{
  g_return_val_if_fail (TALLY_IS_DATA_MODEL (self), NULL);

  return self->dashboard;
}

/* Drops the panels of the previous dashboard (their queries cancelled)
 * and fills those of @dashboard. */
void
tally_data_model_set_dashboard (TallyDataModel *self,
                                TallyDashboard *dashboard)
{
  g_return_if_fail (TALLY_IS_DATA_MODEL (self));
  g_return_if_fail (dashboard == NULL || TALLY_IS_DASHBOARD (dashboard));

  if (self->dashboard == dashboard)
    return;

  if (self->dashboard != NULL)
    g_signal_handlers_disconnect_by_data (self->dashboard, self);
  g_set_object (&self->dashboard, dashboard);
  tally_data_model_cancel_all (self);
  g_ptr_array_set_size (self->slots, 0);
  g_clear_pointer (&self->dashboard_key, g_free);

  if (dashboard != NULL)
    {
      g_signal_connect_object (dashboard, "changed", G_CALLBACK (dashboard_changed_cb), self,
                               G_CONNECT_SWAPPED);
      self->dashboard_key = dashboard_key (dashboard);
      tally_data_model_sync_panels (self);
    }

  self->refresh_ms = parse_refresh (dashboard);
  refresh_all (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DASHBOARD]);
}

/**
 * tally_data_model_get_panel_data:
 * @panel: a panel of the model's dashboard
 *
 * What @panel shows; the same object for as long as the panel is on the
 * dashboard. Returns: (transfer none) (nullable): %NULL when @panel is
 * not on the dashboard
 */
TallyPanelData *
tally_data_model_get_panel_data (TallyDataModel *self,
                                 TallyPanel     *panel)
{
  TallyDataModelSlot *slot;

  g_return_val_if_fail (TALLY_IS_DATA_MODEL (self), NULL);
  g_return_val_if_fail (TALLY_IS_PANEL (panel), NULL);

  /* The view may ask from its own handler of the panel list's change,
   * before the dashboard's "changed" reached the model. */
  if ((slot = tally_data_model_find_slot (self, panel)) == NULL)
    {
      tally_data_model_sync_panels (self);
      slot = tally_data_model_find_slot (self, panel);
    }

  return slot ? slot->data : NULL;
}

/* Whether any panel's query is running. */
gboolean
tally_data_model_get_loading (TallyDataModel *self)
{
  g_return_val_if_fail (TALLY_IS_DATA_MODEL (self), FALSE);

  return self->loading;
}

void
tally_data_model_update_loading (TallyDataModel *self)
{
  gboolean loading = FALSE;

  for (guint i = 0; i < self->slots->len && !loading; i++)
    {
      TallyDataModelSlot *slot = g_ptr_array_index (self->slots, i);

      loading = tally_panel_data_get_loading (slot->data);
    }

  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

gboolean
tally_data_model_get_paused (TallyDataModel *self)
{
  g_return_val_if_fail (TALLY_IS_DATA_MODEL (self), FALSE);

  return self->paused;
}

/**
 * tally_data_model_set_paused:
 *
 * While paused (the window sets it while hidden) no query starts: the
 * refresh timer stops, and changes and live data are only noted. On
 * resume, the panels they touched run, and every panel does if the
 * refresh interval passed meanwhile. Queries running when the model is
 * paused finish and show their frames.
 */
void
tally_data_model_set_paused (TallyDataModel *self,
                             gboolean        paused)
{
  g_return_if_fail (TALLY_IS_DATA_MODEL (self));

  paused = !!paused;
  if (self->paused == paused)
    return;
  self->paused = paused;

  if (paused)
    {
      g_clear_handle_id (&self->run_id, g_source_remove);
      g_clear_handle_id (&self->refresh_id, g_source_remove);
    }
  else if (self->refresh_ms > 0 &&
           g_get_monotonic_time () - self->last_refresh_us >= self->refresh_ms * 1000)
    {
      refresh_all (self, FALSE);
    }
  else
    {
      schedule_refresh_timer (self);
      tally_data_model_schedule_run (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

guint
tally_data_model_get_live_interval (TallyDataModel *self)
{
  g_return_val_if_fail (TALLY_IS_DATA_MODEL (self), 0);

  return self->live_interval_ms;
}

/**
 * tally_data_model_set_live_interval:
 * @interval_ms: the shortest time between two live refreshes
 *
 * New data from the source refreshes the live panels at most once per
 * @interval_ms (TALLY_DATA_MODEL_DEFAULT_LIVE_INTERVAL_MS by default).
 */
void
tally_data_model_set_live_interval (TallyDataModel *self,
                                    guint           interval_ms)
{
  g_return_if_fail (TALLY_IS_DATA_MODEL (self));

  if (self->live_interval_ms == interval_ms)
    return;
  self->live_interval_ms = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_INTERVAL]);
}

/**
 * tally_data_model_set_now:
 * @now: (nullable): the moment ranges are resolved at, in its zone; %NULL
 *   for the clock, in the local zone
 *
 * Fixes "now", for tests and for reproducible exports.
 */
void
tally_data_model_set_now (TallyDataModel *self,
                          GDateTime      *now)
{
  g_return_if_fail (TALLY_IS_DATA_MODEL (self));

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  self->fixed_now = now ? g_date_time_ref (now) : NULL;
}

/* The moment a run resolves its ranges at. */
GDateTime *
tally_data_model_now (TallyDataModel *self)
{
  return self->fixed_now ? g_date_time_ref (self->fixed_now) : g_date_time_new_now_local ();
}

static void
tally_data_model_dispose (GObject *object)
{
  TallyDataModel *self = TALLY_DATA_MODEL (object);

  g_clear_handle_id (&self->run_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->live_id, g_source_remove);
  tally_data_model_cancel_all (self);
  if (self->slots != NULL)
    g_ptr_array_set_size (self->slots, 0);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  if (self->dashboard != NULL)
    g_signal_handlers_disconnect_by_data (self->dashboard, self);
  g_clear_object (&self->source);
  g_clear_object (&self->dashboard);

  G_OBJECT_CLASS (tally_data_model_parent_class)->dispose (object);
}

static void
tally_data_model_finalize (GObject *object)
{
  TallyDataModel *self = TALLY_DATA_MODEL (object);

  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  g_clear_pointer (&self->dashboard_key, g_free);

  G_OBJECT_CLASS (tally_data_model_parent_class)->finalize (object);
}

static void
tally_data_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TallyDataModel *self = TALLY_DATA_MODEL (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_DASHBOARD:
      g_value_set_object (value, self->dashboard);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_LIVE_INTERVAL:
      g_value_set_uint (value, self->live_interval_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_data_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TallyDataModel *self = TALLY_DATA_MODEL (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      tally_data_model_set_source (self, g_value_get_object (value));
      break;
    case PROP_DASHBOARD:
      tally_data_model_set_dashboard (self, g_value_get_object (value));
      break;
    case PROP_PAUSED:
      tally_data_model_set_paused (self, g_value_get_boolean (value));
      break;
    case PROP_LIVE_INTERVAL:
      tally_data_model_set_live_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_data_model_class_init (TallyDataModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tally_data_model_dispose;
  object_class->finalize = tally_data_model_finalize;
  object_class->get_property = tally_data_model_get_property;
  object_class->set_property = tally_data_model_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, TALLY_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DASHBOARD] =
    g_param_spec_object ("dashboard", NULL, NULL, TALLY_TYPE_DASHBOARD,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LIVE_INTERVAL] =
    g_param_spec_uint ("live-interval", NULL, NULL, 0, G_MAXUINT,
                       TALLY_DATA_MODEL_DEFAULT_LIVE_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_data_model_init (TallyDataModel *self)
{
  self->slots = g_ptr_array_new_with_free_func (tally_data_model_slot_free);
  self->live_interval_ms = TALLY_DATA_MODEL_DEFAULT_LIVE_INTERVAL_MS;
  self->retry_base_ms = TALLY_DATA_MODEL_RETRY_BASE_MS;
  self->retry_max_ms = TALLY_DATA_MODEL_RETRY_MAX_MS;
}
