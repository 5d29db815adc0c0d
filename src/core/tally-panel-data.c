/* tally-panel-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What one panel of a dashboard shows, as TallyDataModel keeps it: whether
 * a query is running, the last good frame (kept through errors, so a
 * failing refresh never blanks a chart), the error of the last attempt
 * and when the model tries again, whether the source cannot answer the
 * query at all, and when the frame arrived. The dashboard view binds to these
 * properties, and tells the model how wide the panel is, which sets the
 * buckets of an automatic interval. */

#include "config.h"

#include "tally-panel-data-private.h"

struct _TallyPanelData
{
  GObject         parent_instance;

  TallyPanel     *panel;
  gboolean        loading;
  TallyFrame     *frame;
  TallyTimeRange *range;
  char           *error;
  gint64          retry_at;
  gboolean        unsupported;
  GDateTime      *updated;
  guint           width;
};

G_DEFINE_FINAL_TYPE (TallyPanelData, tally_panel_data, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PANEL,
  PROP_LOADING,
  PROP_FRAME,
  PROP_ERROR,
  PROP_RETRY_AT,
  PROP_UNSUPPORTED,
  PROP_UPDATED,
  PROP_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TallyPanelData *
tally_panel_data_new (TallyPanel *panel)
{
  g_return_val_if_fail (TALLY_IS_PANEL (panel), NULL);

  return g_object_new (TALLY_TYPE_PANEL_DATA, "panel", panel, NULL);
}

TallyPanel *
tally_panel_data_get_panel (TallyPanelData *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_DATA (self), NULL);

  return self->panel;
}

/* Whether a query for the panel is running (a frame may be shown
 * meanwhile: the previous one). */
gboolean
tally_panel_data_get_loading (TallyPanelData *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_DATA (self), FALSE);

  return self->loading;
}

/* The last good frame, or NULL before the first one arrives. */
TallyFrame *
tally_panel_data_get_frame (TallyPanelData *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_DATA (self), NULL);

  return self->frame;
}

/* The range the frame was queried over; it changes with #TallyPanelData:frame. */
const TallyTimeRange *
tally_panel_data_get_range (TallyPanelData *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_DATA (self), NULL);

  return self->range;
}

/* Why the last query failed, or NULL when it did not. */
const char *
tally_panel_data_get_error (TallyPanelData *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_DATA (self), NULL);

  return self->error;
}

/**
 * tally_panel_data_get_retry_at:
 *
 * When the model runs the failed query again by itself, on the monotonic
 * clock (g_get_monotonic_time(), in microseconds); 0 when it will not:
 * no failure, or one that waiting does not mend. The moment may be past
 * while that attempt runs.
 */
gint64
tally_panel_data_get_retry_at (TallyPanelData *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_DATA (self), 0);

  return self->retry_at;
}

/* Whether the source cannot answer the panel's query at all (a metric it
 * does not have): not an error, and never a zero. */
gboolean
tally_panel_data_get_unsupported (TallyPanelData *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_DATA (self), FALSE);

  return self->unsupported;
}

/* When the frame arrived, in the local zone; NULL without a frame. */
GDateTime *
tally_panel_data_get_updated (TallyPanelData *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_DATA (self), NULL);

  return self->updated;
}

/* The width the view gives the panel's plot, in pixels; 0 when it has
 * not said (queries then use TALLY_DEFAULT_WIDTH_PX). */
guint
tally_panel_data_get_width (TallyPanelData *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_DATA (self), 0);

  return self->width;
}

/**
 * tally_panel_data_set_width:
 * @width_px: the plot's width in pixels
 *
 * The view calls this when the panel is allocated. The model re-runs the
 * query only when the width changes its automatic interval.
 */
void
tally_panel_data_set_width (TallyPanelData *self,
                            guint           width_px)
{
  g_return_if_fail (TALLY_IS_PANEL_DATA (self));

  if (self->width == width_px)
    return;
  self->width = width_px;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
}

void
tally_panel_data_set_loading (TallyPanelData *self,
                              gboolean        loading)
{
  g_return_if_fail (TALLY_IS_PANEL_DATA (self));

  loading = !!loading;
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* A good answer: the frame, its range and when it came; clears the
 * error, the retry and the unsupported state. */
void
tally_panel_data_set_frame (TallyPanelData       *self,
                            TallyFrame           *frame,
                            const TallyTimeRange *range,
                            GDateTime            *updated)
{
  g_return_if_fail (TALLY_IS_PANEL_DATA (self));
  g_return_if_fail (frame != NULL && range != NULL && updated != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->range, tally_time_range_free);
  self->range = tally_time_range_copy (range);
  g_clear_pointer (&self->frame, tally_frame_unref);
  self->frame = tally_frame_ref (frame);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
  g_clear_pointer (&self->updated, g_date_time_unref);
  self->updated = g_date_time_ref (updated);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
  tally_panel_data_set_error (self, NULL);
  tally_panel_data_set_retry_at (self, 0);
  tally_panel_data_set_unsupported (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

/* A failed attempt: the message, or NULL to clear it; the frame stays. */
void
tally_panel_data_set_error (TallyPanelData *self,
                            const char     *message)
{
  g_return_if_fail (TALLY_IS_PANEL_DATA (self));

  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* When the model tries again (monotonic µs), or 0. */
void
tally_panel_data_set_retry_at (TallyPanelData *self,
                               gint64          retry_at)
{
  g_return_if_fail (TALLY_IS_PANEL_DATA (self));

  if (self->retry_at == retry_at)
    return;
  self->retry_at = retry_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT]);
}

void
tally_panel_data_set_unsupported (TallyPanelData *self,
                                  gboolean        unsupported)
{
  g_return_if_fail (TALLY_IS_PANEL_DATA (self));

  unsupported = !!unsupported;
  if (self->unsupported == unsupported)
    return;
  self->unsupported = unsupported;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSUPPORTED]);
}

static void
tally_panel_data_dispose (GObject *object)
{
  TallyPanelData *self = TALLY_PANEL_DATA (object);

  g_clear_object (&self->panel);

  G_OBJECT_CLASS (tally_panel_data_parent_class)->dispose (object);
}

static void
tally_panel_data_finalize (GObject *object)
{
  TallyPanelData *self = TALLY_PANEL_DATA (object);

  g_clear_pointer (&self->frame, tally_frame_unref);
  g_clear_pointer (&self->range, tally_time_range_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->updated, g_date_time_unref);

  G_OBJECT_CLASS (tally_panel_data_parent_class)->finalize (object);
}

static void
tally_panel_data_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TallyPanelData *self = TALLY_PANEL_DATA (object);

  switch (prop_id)
    {
    case PROP_PANEL:
      g_value_set_object (value, self->panel);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_FRAME:
      g_value_set_boxed (value, self->frame);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_RETRY_AT:
      g_value_set_int64 (value, self->retry_at);
      break;
    case PROP_UNSUPPORTED:
      g_value_set_boolean (value, self->unsupported);
      break;
    case PROP_UPDATED:
      g_value_set_boxed (value, self->updated);
      break;
    case PROP_WIDTH:
      g_value_set_uint (value, self->width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_panel_data_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TallyPanelData *self = TALLY_PANEL_DATA (object);

  switch (prop_id)
    {
    case PROP_PANEL:
      self->panel = g_value_dup_object (value);
      break;
    case PROP_WIDTH:
      tally_panel_data_set_width (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_panel_data_class_init (TallyPanelDataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tally_panel_data_dispose;
  object_class->finalize = tally_panel_data_finalize;
  object_class->get_property = tally_panel_data_get_property;
  object_class->set_property = tally_panel_data_set_property;

  properties[PROP_PANEL] =
    g_param_spec_object ("panel", NULL, NULL, TALLY_TYPE_PANEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FRAME] =
    g_param_spec_boxed ("frame", NULL, NULL, TALLY_TYPE_FRAME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RETRY_AT] =
    g_param_spec_int64 ("retry-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNSUPPORTED] =
    g_param_spec_boolean ("unsupported", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WIDTH] =
    g_param_spec_uint ("width", NULL, NULL, 0, 100000, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_panel_data_init (TallyPanelData *self)
{
}
