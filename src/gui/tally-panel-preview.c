/* tally-panel-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The panel editor's live preview: the panel being edited, drawn by the
 * same chart view as on the dashboard, with data from the dashboard's
 * source over the dashboard's range and filters. Fields change as the
 * user types, so a new question waits TALLY_PANEL_PREVIEW_DELAY_MS for
 * the next change before it is asked, and cancels the one still running:
 * only the latest answer is ever shown. The query runs in the source's
 * worker thread; the chart shows its spinner meanwhile, and an error in
 * place of the data. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-json-util.h"
#include "tally-panel-chart.h"
#include "tally-panel-preview.h"

struct _TallyPanelPreview
{
  GtkWidget       parent_instance;

  TallySource    *source;
  TallyDashboard *dashboard;
  TallyPanel     *panel;       /* a copy: what to preview */
  TallyChartView *chart_view;
  GCancellable   *cancellable; /* the question being asked */
  guint           timeout;
  char           *error;
  guint           n_frames;
  guint           loading : 1;
};

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TallyPanelPreview, tally_panel_preview, GTK_TYPE_WIDGET)

static TallyChart *
chart (TallyPanelPreview *self)
{
  return tally_chart_view_get_chart (self->chart_view);
}

static void
set_loading (TallyPanelPreview *self,
             gboolean           loading)
{
  tally_chart_set_loading (chart (self), loading);
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (TallyPanelPreview *self,
           const char        *message)
{
  tally_str_replace (&self->error, message);
  tally_chart_set_error (chart (self), message);
}

/* The preview, weakly: a closed editor goes at once, without waiting
 * for the answer to a question it no longer asks. */
static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
show_answer (GWeakRef   *ref,
             TallyFrame *frame,
             GError     *error)
{
  g_autoptr(TallyPanelPreview) self = g_weak_ref_get (ref);

  weak_ref_free (ref);
  /* A newer question replaced this one, or the editor closed. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (frame != NULL)
    {
      set_error (self, NULL);
      tally_chart_set_frame (chart (self), frame);
      self->n_frames++;
    }
  else
    {
      set_error (self, error->message);
    }
  set_loading (self, FALSE);
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  frame = tally_source_query_finish (TALLY_SOURCE (source), result, &error);
  show_answer (user_data, frame, error);
}

/* An `alerts` panel's answer: the source's alert history. */
static void
alerts_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TallyFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  frame = tally_source_alerts_finish (TALLY_SOURCE (source), result, &error);
  show_answer (user_data, frame, error);
}

/* The panel's range at this moment: its own, or the dashboard's. */
static TallyTimeRange *
resolve_range (TallyPanelPreview  *self,
               GError            **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(TallyTimeRange) range = NULL;

  range = tally_time_range_parse (tally_dashboard_get_time_from (self->dashboard),
                                  tally_dashboard_get_time_to (self->dashboard), now, error);
  if (range == NULL)
    return NULL;
  return tally_dashboard_get_panel_range (self->dashboard, self->panel, range, error);
}

static gboolean
run_cb (gpointer data)
{
  TallyPanelPreview *self = data;
  g_autoptr(TallyQuery) query = NULL;
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(GError) error = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (self->chart_view));

  self->timeout = 0;
  if (self->source == NULL)
    {
      set_error (self, _("No data source to preview the panel with"));
      set_loading (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  if ((range = resolve_range (self, &error)) == NULL)
    {
      set_error (self, error->message);
      set_loading (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  query = tally_dashboard_apply_filters (self->dashboard, tally_panel_get_query (self->panel));
  query->width_px = width > 0 ? width : TALLY_DEFAULT_WIDTH_PX;
  self->cancellable = g_cancellable_new ();
  if (tally_panel_get_panel_type (self->panel) == TALLY_PANEL_ALERTS)
    tally_source_alerts_async (self->source, range, query->limit, self->cancellable,
                               alerts_done_cb, weak_ref_new (self));
  else
    tally_source_query_async (self->source, query, range, self->cancellable, query_done_cb,
                              weak_ref_new (self));

  return G_SOURCE_REMOVE;
}

static void
cancel (TallyPanelPreview *self)
{
  g_clear_handle_id (&self->timeout, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
tally_panel_preview_dispose (GObject *object)
{
  TallyPanelPreview *self = TALLY_PANEL_PREVIEW (object);

  cancel (self);
  g_clear_pointer ((GtkWidget **) &self->chart_view, gtk_widget_unparent);
  g_clear_object (&self->panel);
  g_clear_object (&self->dashboard);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (tally_panel_preview_parent_class)->dispose (object);
}

static void
tally_panel_preview_finalize (GObject *object)
{
  TallyPanelPreview *self = TALLY_PANEL_PREVIEW (object);

  g_free (self->error);

  G_OBJECT_CLASS (tally_panel_preview_parent_class)->finalize (object);
}

static void
tally_panel_preview_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TallyPanelPreview *self = TALLY_PANEL_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_panel_preview_class_init (TallyPanelPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_panel_preview_dispose;
  object_class->finalize = tally_panel_preview_finalize;
  object_class->get_property = tally_panel_preview_get_property;

  /* Whether a question waits or runs: the preview shows an older answer,
   * or none, meanwhile. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "panelpreview");
}

static void
tally_panel_preview_init (TallyPanelPreview *self)
{
  self->chart_view = TALLY_CHART_VIEW (tally_chart_view_new (TALLY_CHART_STAT));
  gtk_widget_set_parent (GTK_WIDGET (self->chart_view), GTK_WIDGET (self));
}

/**
 * tally_panel_preview_new:
 * @source: (nullable): where the data comes from; without one the
 *   preview says so
 * @dashboard: the dashboard whose range and filters the panel shows
 */
GtkWidget *
tally_panel_preview_new (TallySource    *source,
                         TallyDashboard *dashboard)
{
  TallyPanelPreview *self;

  g_return_val_if_fail (source == NULL || TALLY_IS_SOURCE (source), NULL);
  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), NULL);

  self = g_object_new (TALLY_TYPE_PANEL_PREVIEW, NULL);
  self->source = source != NULL ? g_object_ref (source) : NULL;
  self->dashboard = g_object_ref (dashboard);

  return GTK_WIDGET (self);
}

/**
 * tally_panel_preview_set_panel:
 * @panel: the panel as edited so far; the preview keeps a copy
 *
 * Draws @panel's options at once and asks for its data after a short
 * wait, in place of any question still waiting or running.
 */
void
tally_panel_preview_set_panel (TallyPanelPreview *self,
                               TallyPanel        *panel)
{
  TallyPanelType type;
  g_autoptr(TallyChartOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TALLY_IS_PANEL_PREVIEW (self));
  g_return_if_fail (TALLY_IS_PANEL (panel));

  cancel (self);
  g_clear_object (&self->panel);
  self->panel = tally_panel_copy (panel);
  type = tally_panel_get_panel_type (panel);

  tally_panel_chart_set_type (chart (self), type);
  options = tally_panel_chart_options (panel, NULL);
  tally_chart_set_options (chart (self), options);
  tally_chart_set_title (chart (self), tally_panel_get_title (panel));

  set_loading (self, TRUE);
  self->timeout = g_timeout_add (TALLY_PANEL_PREVIEW_DELAY_MS, run_cb, self);
}

TallyChartView *
tally_panel_preview_get_chart_view (TallyPanelPreview *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_PREVIEW (self), NULL);

  return self->chart_view;
}

gboolean
tally_panel_preview_get_loading (TallyPanelPreview *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_PREVIEW (self), FALSE);

  return self->loading;
}

/* The last question's error, or %NULL. */
const char *
tally_panel_preview_get_error (TallyPanelPreview *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_PREVIEW (self), NULL);

  return self->error;
}

/* How many answers the preview has shown. */
guint
tally_panel_preview_get_n_frames (TallyPanelPreview *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_PREVIEW (self), 0);

  return self->n_frames;
}
