/* tally-data-model-retry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What a failed query does to its panel. The last good frame always stays.
 *
 * - A transient failure (tally_error_is_transient(): a server that failed
 *   or could not be reached, a 408 or 429, an unreadable answer) sets the
 *   error and schedules the next attempt: 5 s after the first failure in a
 *   row, doubling at each one, at most 5 minutes; never earlier than the
 *   server's Retry-After. No jitter: a dashboard's panels fail at
 *   different moments anyway, and the delays stay exact to test.
 * - %TALLY_ERROR_UNSUPPORTED (a valid query the source has no data for)
 *   is no error: the panel is "unsupported" until a frame arrives.
 * - Anything else sets the error and waits for the next refresh or edit.
 *
 * Retry times are on the monotonic clock, so a change of the wall clock
 * never stalls nor hurries them. */

#include "config.h"

#include "tally-data-model-private.h"
#include "tally-error.h"

/* A Retry-After is honoured up to a day: longer is a server's mistake. */
#define RETRY_AFTER_MAX_S (24 * 3600)

/* The monotonic clock in microseconds, or the reading a test fixed. */
gint64
tally_data_model_monotonic (TallyDataModel *self)
{
  return self->fixed_clock_us != 0 ? self->fixed_clock_us : g_get_monotonic_time ();
}

void
tally_data_model_set_clock (TallyDataModel *self,
                            gint64          monotonic_us)
{
  g_return_if_fail (TALLY_IS_DATA_MODEL (self));

  self->fixed_clock_us = monotonic_us;
}

void
tally_data_model_set_retry_delays (TallyDataModel *self,
                                   guint           base_ms,
                                   guint           max_ms)
{
  g_return_if_fail (TALLY_IS_DATA_MODEL (self));
  g_return_if_fail (base_ms > 0 && max_ms >= base_ms);

  self->retry_base_ms = base_ms;
  self->retry_max_ms = max_ms;
}

/* The wait after the @n_failures-th transient failure in a row: the base
 * delay doubled n − 1 times, capped, and no shorter than @error's
 * Retry-After. */
static gint64
retry_delay_ms (TallyDataModel *self,
                guint           n_failures,
                const GError   *error)
{
  gint64 delay_ms = self->retry_base_ms;
  gint64 retry_after_s = tally_error_get_retry_after (error);

  for (guint i = 1; i < n_failures && delay_ms < self->retry_max_ms; i++)
    delay_ms *= 2;
  delay_ms = MIN (delay_ms, self->retry_max_ms);
  if (retry_after_s >= 0)
    delay_ms = MAX (delay_ms, MIN (retry_after_s, RETRY_AFTER_MAX_S) * 1000);

  return delay_ms;
}

static gboolean
retry_cb (gpointer data)
{
  TallyDataModelSlot *slot = data;

  slot->retry_id = 0;
  tally_data_model_mark (slot->model, slot, FALSE);

  return G_SOURCE_REMOVE;
}

void
tally_data_model_slot_clear_retry (TallyDataModelSlot *slot)
{
  g_clear_handle_id (&slot->retry_id, g_source_remove);
}

static void
schedule_retry (TallyDataModel     *self,
                TallyDataModelSlot *slot,
                const GError       *error)
{
  g_autoptr(GSource) source = NULL;
  gint64 delay_ms;

  slot->n_failures++;
  delay_ms = retry_delay_ms (self, slot->n_failures, error);
  tally_panel_data_set_retry_at (slot->data, tally_data_model_monotonic (self) + delay_ms * 1000);

  source = g_timeout_source_new ((guint) delay_ms);
  g_source_set_callback (source, retry_cb, slot, NULL);
  g_source_set_static_name (source, "[tally] data model retry");
  slot->retry_id = g_source_attach (source, NULL);
}

/**
 * tally_data_model_slot_failed:
 * @error: why the slot's query failed; not a cancellation
 *
 * Shows the failure on the panel (its frame stays) and, when waiting may
 * mend it, schedules the next attempt.
 */
void
tally_data_model_slot_failed (TallyDataModel     *self,
                              TallyDataModelSlot *slot,
                              const GError       *error)
{
  GObject *data = G_OBJECT (slot->data);
  gboolean unsupported = g_error_matches (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);

  tally_data_model_slot_clear_retry (slot);
  g_object_freeze_notify (data);
  tally_panel_data_set_unsupported (slot->data, unsupported);
  tally_panel_data_set_error (slot->data, unsupported ? NULL : error->message);
  if (!unsupported && tally_error_is_transient (error))
    {
      schedule_retry (self, slot, error);
    }
  else
    {
      slot->n_failures = 0;
      tally_panel_data_set_retry_at (slot->data, 0);
    }
  g_object_thaw_notify (data);
}

/**
 * tally_data_model_retry:
 * @panel: a panel of the model's dashboard
 *
 * Runs @panel's query again at the next idle moment, without waiting for
 * its scheduled retry (a "Retry Now" button). A failure then waits longer
 * than the last one did.
 */
void
tally_data_model_retry (TallyDataModel *self,
                        TallyPanel     *panel)
{
  TallyDataModelSlot *slot;

  g_return_if_fail (TALLY_IS_DATA_MODEL (self));
  g_return_if_fail (TALLY_IS_PANEL (panel));

  if ((slot = tally_data_model_find_slot (self, panel)) == NULL)
    return;
  tally_data_model_slot_clear_retry (slot);
  tally_data_model_mark (self, slot, TRUE);
}
