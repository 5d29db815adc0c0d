/* tally-application-collector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The collector inside the app. It runs while the app is open, as the
 * "collector-enabled" and "collector-address" settings say: a change
 * stops it (answering the requests in flight) and starts it again where
 * it should listen. A failure to listen, such as a port in use, never
 * ends the app: the collector keeps its state and message, which the
 * window's indicator shows, and "app.restart-collector" tries again.
 *
 * The collector writes through the app's store, whose commits the local
 * source announces as its "changed": that is how new events reach live
 * dashboards. */

#include "config.h"

#include "tally-application-private.h"

static void
stopped_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TallyApplication) self = user_data;

  tally_collector_stop_finish (TALLY_COLLECTOR (object), result, NULL);
  tally_application_apply_collector_settings (self);
}

/**
 * tally_application_apply_collector_settings:
 *
 * Starts, stops or moves the collector to match the settings. A stop
 * finishes asynchronously and applies the settings again, so changes
 * made meanwhile are not lost.
 */
void
tally_application_apply_collector_settings (TallyApplication *self)
{
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;
  gboolean enabled;

  if (self->collector == NULL || self->shutting_down)
    return;

  enabled = g_settings_get_boolean (self->settings, "collector-enabled");
  address = g_settings_get_string (self->settings, "collector-address");

  switch (tally_collector_get_state (self->collector))
    {
    case TALLY_COLLECTOR_STOPPING:
      return;
    case TALLY_COLLECTOR_LISTENING:
      if (!enabled || !g_str_equal (address, tally_collector_get_listen_address (self->collector)))
        tally_collector_stop_async (self->collector, NULL, stopped_cb, g_object_ref (self));
      return;
    case TALLY_COLLECTOR_STOPPED:
    case TALLY_COLLECTOR_FAILED:
    default:
      break;
    }

  if (!enabled)
    return;

  tally_collector_set_listen_address (self->collector, address);
  if (!tally_collector_start (self->collector, &error))
    g_debug ("The collector did not start: %s", error->message);
}

/* When the app quits: the requests in flight are answered, their events
 * committed, before the store closes. */
void
tally_application_stop_collector (TallyApplication *self)
{
  self->shutting_down = TRUE;
  if (self->collector != NULL)
    tally_collector_stop (self->collector);
}
