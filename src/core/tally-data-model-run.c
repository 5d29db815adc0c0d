/* tally-data-model-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The panels' side of TallyDataModel: a slot per panel of the dashboard,
 * what its query is once the dashboard's filters and the view's width are
 * applied, the range it resolves to, and running it. Each started query
 * carries the slot's serial number: an answer to anything but the latest
 * query of a slot is dropped, whether or not its source noticed the
 * cancellation. An `alerts` panel asks the source for its alert history
 * over the panel's range instead of running a query. */

#include "config.h"

#include "tally-data-model-private.h"

typedef struct
{
  GWeakRef        model;
  TallyPanelData *data;
  guint           serial;
  TallyTimeRange *range;
  gboolean        alerts;  /* tally_source_alerts_async(), not a query */
} Run;

static void
run_free (Run *run)
{
  g_weak_ref_clear (&run->model);
  g_object_unref (run->data);
  tally_time_range_free (run->range);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* The panel's query with the dashboard's filters, for a plot @width_px
 * wide (0: the default width). */
static TallyQuery *
effective_query (TallyDashboard *dashboard,
                 TallyPanel     *panel,
                 guint           width_px)
{
  TallyQuery *query = tally_dashboard_apply_filters (dashboard, tally_panel_get_query (panel));

  query->width_px = width_px > 0 ? width_px : TALLY_DEFAULT_WIDTH_PX;
  return query;
}

/* The automatic interval @query gets over @range, or 0 when its buckets
 * do not depend on the width: a fixed interval, or a shape without time
 * buckets. A latency heatmap's time columns take an eighth of the width,
 * as the store lays them out. */
static gint64
auto_interval (const TallyQuery     *query,
               const TallyTimeRange *range)
{
  if (query->interval_s > 0)
    return 0;
  if (query->shape == TALLY_SHAPE_TIMESERIES)
    return tally_time_range_auto_interval (range, query->width_px);
  if (query->shape == TALLY_SHAPE_MATRIX && query->columns.kind == TALLY_DIMENSION_TIME)
    return tally_time_range_auto_interval (range, MAX (query->width_px / 8, 1));
  return 0;
}

/* What the panel asks, before "now" resolves it: its shape, its query
 * with the dashboard's filters, and its time range as written. */
static char *
panel_key (TallyDashboard *dashboard,
           TallyPanel     *panel)
{
  g_autoptr(TallyQuery) query = effective_query (dashboard, panel, 0);
  g_autoptr(JsonNode) node = tally_query_to_json (query);
  g_autofree char *json = json_to_string (node, FALSE);
  const char *from = tally_panel_get_time_from (panel);
  const char *to = tally_panel_get_time_to (panel);

  if (from == NULL)
    {
      from = tally_dashboard_get_time_from (dashboard);
      to = tally_dashboard_get_time_to (dashboard);
    }

  return g_strdup_printf ("%s\n%s\n%s\n%s", tally_shape_to_string (query->shape), json, from, to);
}

/* The panel's range at @now: its own, or the dashboard's. A panel with a
 * range of its own still shows when the dashboard's cannot be read. */
static TallyTimeRange *
resolve_range (TallyDashboard  *dashboard,
               TallyPanel      *panel,
               GDateTime       *now,
               GError         **error)
{
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 t = g_date_time_to_unix (now);

  range = tally_time_range_parse (tally_dashboard_get_time_from (dashboard),
                                  tally_dashboard_get_time_to (dashboard), now, &local_error);
  if (range == NULL)
    {
      if (tally_panel_get_time_from (panel) == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      range = tally_time_range_new (t, t + 1, t, g_date_time_get_timezone (now));
    }

  return tally_dashboard_get_panel_range (dashboard, panel, range, error);
}

static void
width_changed_cb (TallyPanelData     *data,
                  GParamSpec         *pspec,
                  TallyDataModelSlot *slot)
{
  TallyDataModel *self = slot->model;
  g_autoptr(TallyQuery) query = NULL;

  /* A slot that never ran reads the width when it does. */
  if (slot->range == NULL || self->dashboard == NULL)
    return;

  query = effective_query (self->dashboard, tally_panel_data_get_panel (data),
                           tally_panel_data_get_width (data));
  if (auto_interval (query, slot->range) != slot->auto_interval_s)
    tally_data_model_mark (self, slot, TRUE);
}

static TallyDataModelSlot *
slot_new (TallyDataModel *self,
          TallyPanel     *panel)
{
  TallyDataModelSlot *slot = g_new0 (TallyDataModelSlot, 1);

  slot->model = self;
  slot->data = tally_panel_data_new (panel);
  slot->width_handler = g_signal_connect (slot->data, "notify::width",
                                          G_CALLBACK (width_changed_cb), slot);
  return slot;
}

/* Cancels the running query, and the retry timer: whatever runs next
 * replaces both. */
static void
slot_cancel (TallyDataModelSlot *slot)
{
  tally_data_model_slot_clear_retry (slot);
  if (slot->cancellable != NULL)
    g_cancellable_cancel (slot->cancellable);
  g_clear_object (&slot->cancellable);
  slot->serial++;
  tally_panel_data_set_loading (slot->data, FALSE);
}

/* Also cancels the slot's query: what a removed panel needs. */
void
tally_data_model_slot_free (gpointer data)
{
  TallyDataModelSlot *slot = data;

  slot_cancel (slot);
  g_clear_signal_handler (&slot->width_handler, slot->data);
  g_clear_object (&slot->data);
  g_clear_pointer (&slot->key, g_free);
  g_clear_pointer (&slot->range, tally_time_range_free);
  g_free (slot);
}

TallyDataModelSlot *
tally_data_model_find_slot (TallyDataModel *self,
                            TallyPanel     *panel)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      TallyDataModelSlot *slot = g_ptr_array_index (self->slots, i);

      if (tally_panel_data_get_panel (slot->data) == panel)
        return slot;
    }

  return NULL;
}

static gboolean
has_panel (GListModel *panels,
           TallyPanel *panel)
{
  guint n = g_list_model_get_n_items (panels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyPanel) item = g_list_model_get_item (panels, i);

      if (item == panel)
        return TRUE;
    }

  return FALSE;
}

/* One slot per panel of the dashboard: removed panels lose theirs (and
 * their query), new ones get one that runs at the next idle moment. */
void
tally_data_model_sync_panels (TallyDataModel *self)
{
  GListModel *panels;
  guint n;

  if (self->dashboard == NULL)
    return;

  panels = tally_dashboard_get_panels (self->dashboard);
  for (guint i = self->slots->len; i-- > 0;)
    {
      TallyDataModelSlot *slot = g_ptr_array_index (self->slots, i);

      if (!has_panel (panels, tally_panel_data_get_panel (slot->data)))
        g_ptr_array_remove_index (self->slots, i);
    }

  n = g_list_model_get_n_items (panels);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      TallyDataModelSlot *slot;

      if (tally_data_model_find_slot (self, panel) != NULL)
        continue;
      slot = slot_new (self, panel);
      g_ptr_array_add (self->slots, slot);
      tally_data_model_mark (self, slot, TRUE);
    }

  tally_data_model_update_loading (self);
}

/* The slot runs at the next run; with @supersede its running query is
 * cancelled then, otherwise the slot waits for it. */
void
tally_data_model_mark (TallyDataModel     *self,
                       TallyDataModelSlot *slot,
                       gboolean            supersede)
{
  slot->dirty = TRUE;
  slot->supersede |= supersede;
  tally_data_model_schedule_run (self);
}

/* Whether the panel asks something else than its last query did. */
gboolean
tally_data_model_slot_changed (TallyDataModel     *self,
                               TallyDataModelSlot *slot)
{
  g_autofree char *key = NULL;

  if (slot->key == NULL)
    return FALSE;

  key = panel_key (self->dashboard, tally_panel_data_get_panel (slot->data));
  return g_strcmp0 (key, slot->key) != 0;
}

/* Whether new data can change what the panel shows: its range ends at
 * "now" or later. A slot that never ran counts, as it will run anyway. */
gboolean
tally_data_model_slot_reaches_now (TallyDataModelSlot *slot)
{
  return slot->range == NULL || slot->range->to >= slot->range->now;
}

/* Every query and retry stops, and the back-off starts over: what a new
 * source or dashboard, or the end of the model, needs. */
void
tally_data_model_cancel_all (TallyDataModel *self)
{
  for (guint i = 0; self->slots != NULL && i < self->slots->len; i++)
    {
      TallyDataModelSlot *slot = g_ptr_array_index (self->slots, i);

      slot_cancel (slot);
      slot->n_failures = 0;
      tally_panel_data_set_retry_at (slot->data, 0);
    }

  tally_data_model_update_loading (self);
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  g_autoptr(TallyDataModel) self = g_weak_ref_get (&run->model);
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;
  TallyDataModelSlot *slot;

  if (run->alerts)
    frame = tally_source_alerts_finish (TALLY_SOURCE (object), result, &error);
  else
    frame = tally_source_query_finish (TALLY_SOURCE (object), result, &error);
  if (self == NULL)
    return;

  /* Superseded, or its panel removed: a newer query (or none) owns the slot. */
  slot = tally_data_model_find_slot (self, tally_panel_data_get_panel (run->data));
  if (slot == NULL || slot->data != run->data || slot->serial != run->serial)
    return;

  g_clear_object (&slot->cancellable);
  if (frame != NULL)
    {
      g_autoptr(GDateTime) updated = tally_data_model_now (self);

      slot->n_failures = 0;
      tally_panel_data_set_frame (slot->data, frame, run->range, updated);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      tally_data_model_slot_failed (self, slot, error);
    }

  /* A request that waited for this query runs now, and the panel keeps
   * loading until it ends; after a failure it waits for the retry. */
  tally_panel_data_set_loading (slot->data, slot->dirty && !self->paused && slot->retry_id == 0);
  if (slot->dirty)
    tally_data_model_schedule_run (self);
  tally_data_model_update_loading (self);
}

static void
start_query (TallyDataModel     *self,
             TallyDataModelSlot *slot,
             GDateTime          *now)
{
  TallyPanel *panel = tally_panel_data_get_panel (slot->data);
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(TallyQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = panel_key (self->dashboard, panel);
  Run *run;

  slot_cancel (slot);
  slot->dirty = slot->supersede = FALSE;
  /* Another question starts the back-off over. */
  if (g_strcmp0 (key, slot->key) != 0)
    slot->n_failures = 0;
  g_free (slot->key);
  slot->key = g_steal_pointer (&key);

  if ((range = resolve_range (self->dashboard, panel, now, &error)) == NULL)
    {
      tally_data_model_slot_failed (self, slot, error);
      return;
    }

  query = effective_query (self->dashboard, panel, tally_panel_data_get_width (slot->data));
  g_clear_pointer (&slot->range, tally_time_range_free);
  slot->range = tally_time_range_copy (range);
  slot->auto_interval_s = auto_interval (query, range);
  slot->cancellable = g_cancellable_new ();
  tally_panel_data_set_loading (slot->data, TRUE);

  run = g_new0 (Run, 1);
  g_weak_ref_init (&run->model, self);
  run->data = g_object_ref (slot->data);
  run->serial = slot->serial;
  run->range = g_steal_pointer (&range);
  run->alerts = tally_panel_get_panel_type (panel) == TALLY_PANEL_ALERTS;
  if (run->alerts)
    tally_source_alerts_async (self->source, run->range, query->limit, slot->cancellable,
                               query_done_cb, run);
  else
    tally_source_query_async (self->source, query, run->range, slot->cancellable, query_done_cb,
                              run);
}

/* Starts the query of every slot that must run, all with ranges resolved
 * at one "now". A slot waiting for its running query, or for its retry,
 * is left for later, unless what it asks changed. */
void
tally_data_model_run_pending (TallyDataModel *self)
{
  g_autoptr(GDateTime) now = NULL;

  if (self->paused || self->source == NULL || self->dashboard == NULL)
    return;

  now = tally_data_model_now (self);
  for (guint i = 0; i < self->slots->len; i++)
    {
      TallyDataModelSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot->dirty && slot->supersede)
        start_query (self, slot, now);
      else if (slot->dirty && slot->cancellable == NULL && slot->retry_id == 0)
        start_query (self, slot, now);
    }

  tally_data_model_update_loading (self);
}
