/* tally-dashboard-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* One dashboard on screen: the filter bar above the panels, and the data
 * model that runs the panels' queries against the source. The page is
 * where the three meet: each panel's data (loading, frame, error, retry
 * time, unsupported) goes to its card, each card's width goes back to the
 * data model for automatic intervals and its Retry Now to the data model,
 * a range dragged across a time chart becomes the dashboard's range, and
 * the filter bar's value lists come from the source. Queries pause while
 * the page is not on screen or its window is minimised. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-dashboard-page.h"
#include "tally-time-zoom.h"

struct _TallyDashboardPage
{
  GtkWidget           parent_instance;

  TallyFilterBar     *filter_bar;
  GtkScrolledWindow  *scrolled;
  TallyDashboardView *view;
  TallyDataModel     *model;
  GCancellable       *values_cancellable;
  GdkSurface         *surface;
};

G_DEFINE_FINAL_TYPE (TallyDashboardPage, tally_dashboard_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DASHBOARD,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Marks, on a panel data or a chart view, that the page listens to it. */
static GQuark bound_quark;

static void
push_panel_data (TallyDashboardPage *self,
                 TallyPanelData     *data)
{
  guint id = tally_panel_get_id (tally_panel_data_get_panel (data));

  tally_dashboard_view_set_panel_unsupported (self->view, id,
                                              tally_panel_data_get_unsupported (data));
  tally_dashboard_view_set_panel_retry_at (self->view, id, tally_panel_data_get_retry_at (data));
  tally_dashboard_view_set_panel_frame (self->view, id, tally_panel_data_get_frame (data));
  tally_dashboard_view_set_panel_error (self->view, id, tally_panel_data_get_error (data));
  tally_dashboard_view_set_panel_loading (self->view, id, tally_panel_data_get_loading (data));
}

static void
panel_data_changed_cb (TallyPanelData     *data,
                       GParamSpec         *pspec,
                       TallyDashboardPage *self)
{
  if (tally_data_model_get_panel_data (self->model, tally_panel_data_get_panel (data)) == data)
    push_panel_data (self, data);
}

/* A range dragged across a chart along time: the dashboard's range, as
 * absolute times in the zone the charts show, a step the filter bar's
 * back button undoes. */
static void
range_selected_cb (TallyChartView     *chart_view,
                   gint64              from,
                   gint64              to,
                   TallyDashboardPage *self)
{
  TallyDashboard *dashboard = tally_data_model_get_dashboard (self->model);
  GTimeZone *tz = tally_dashboard_view_get_time_zone (self->view);
  g_autofree char *from_text = tally_time_format_point (from, tz);
  g_autofree char *to_text = tally_time_format_point (to, tz);

  if (dashboard != NULL)
    tally_dashboard_set_time (dashboard, from_text, to_text);
}

static void
bind_panel (TallyDashboardPage *self,
            TallyPanel         *panel)
{
  TallyPanelData *data = tally_data_model_get_panel_data (self->model, panel);
  guint id = tally_panel_get_id (panel);
  TallyPanelCard *card = tally_dashboard_view_get_card (self->view, id);
  int width = tally_dashboard_view_get_panel_width (self->view, id);

  if (data != NULL && g_object_get_qdata (G_OBJECT (data), bound_quark) == NULL)
    {
      g_object_set_qdata (G_OBJECT (data), bound_quark, self);
      const char *signals[] = { "notify::loading", "notify::frame", "notify::error",
                                "notify::retry-at", "notify::unsupported" };

      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        g_signal_connect_object (data, signals[i], G_CALLBACK (panel_data_changed_cb), self, 0);
    }
  if (data != NULL)
    {
      if (width > 0)
        tally_panel_data_set_width (data, width);
      push_panel_data (self, data);
    }

  if (card != NULL)
    {
      TallyChartView *chart_view = tally_panel_card_get_chart_view (card);

      if (chart_view != NULL && g_object_get_qdata (G_OBJECT (chart_view), bound_quark) == NULL)
        {
          g_object_set_qdata (G_OBJECT (chart_view), bound_quark, self);
          g_signal_connect_object (chart_view, "range-selected", G_CALLBACK (range_selected_cb),
                                   self, 0);
        }
    }
}

/* Connected after the data model and the view: both have caught up with
 * the change by the time this runs, so new panels have their data and
 * their cards. */
static void
dashboard_changed_cb (TallyDashboardPage *self)
{
  TallyDashboard *dashboard = tally_data_model_get_dashboard (self->model);
  GListModel *panels;

  if (dashboard == NULL)
    return;
  panels = tally_dashboard_get_panels (dashboard);
  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);

      bind_panel (self, panel);
    }
}

static void
panel_width_changed_cb (TallyDashboardPage *self,
                        guint               panel_id,
                        int                 width)
{
  TallyDashboard *dashboard = tally_data_model_get_dashboard (self->model);
  TallyPanel *panel = dashboard ? tally_dashboard_find_panel (dashboard, panel_id) : NULL;
  TallyPanelData *data = panel ? tally_data_model_get_panel_data (self->model, panel) : NULL;

  if (data != NULL && width > 0)
    tally_panel_data_set_width (data, width);
}

/* A card's Retry Now. */
static void
panel_retry_cb (TallyDashboardPage *self,
                guint               panel_id)
{
  TallyDashboard *dashboard = tally_data_model_get_dashboard (self->model);
  TallyPanel *panel = dashboard ? tally_dashboard_find_panel (dashboard, panel_id) : NULL;

  if (panel != NULL)
    tally_data_model_retry (self->model, panel);
}

typedef struct
{
  TallyDashboardPage *page;
  char               *dimension;
} ValuesRequest;

static void
values_request_free (ValuesRequest *request)
{
  g_clear_weak_pointer (&request->page);
  g_free (request->dimension);
  g_free (request);
}

static void
values_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ValuesRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = tally_source_list_values_finish (TALLY_SOURCE (object), result, &error);

  if (request->page != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (values != NULL)
        tally_filter_bar_set_values (request->page->filter_bar, request->dimension,
                                     (const char * const *) values);
      else
        tally_filter_bar_set_values_error (request->page->filter_bar, request->dimension,
                                           error->message);
    }
  values_request_free (request);
}

static void
values_needed_cb (TallyDashboardPage *self,
                  const char         *dimension)
{
  TallySource *source = tally_data_model_get_source (self->model);
  ValuesRequest *request;

  if (source == NULL)
    {
      tally_filter_bar_set_values_error (self->filter_bar, dimension,
                                         _("No data source is open yet"));
      return;
    }

  request = g_new0 (ValuesRequest, 1);
  g_set_weak_pointer (&request->page, self);
  request->dimension = g_strdup (dimension);
  tally_source_list_values_async (source, dimension, self->values_cancellable,
                                  values_listed_cb, request);
}

/* Queries stop while nobody can see them: the page off screen, or its
 * window minimised. */
static void
update_paused (TallyDashboardPage *self)
{
  gboolean minimized = FALSE;

  if (self->surface != NULL && GDK_IS_TOPLEVEL (self->surface))
    minimized = (gdk_toplevel_get_state (GDK_TOPLEVEL (self->surface)) &
                 GDK_TOPLEVEL_STATE_MINIMIZED) != 0;
  tally_data_model_set_paused (self->model,
                               !gtk_widget_get_mapped (GTK_WIDGET (self)) || minimized);
}

static void
tally_dashboard_page_map (GtkWidget *widget)
{
  TallyDashboardPage *self = TALLY_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (tally_dashboard_page_parent_class)->map (widget);
  self->surface = gtk_native_get_surface (gtk_widget_get_native (widget));
  if (self->surface != NULL)
    g_signal_connect_object (self->surface, "notify::state", G_CALLBACK (update_paused), self,
                             G_CONNECT_SWAPPED);
  update_paused (self);
}

static void
tally_dashboard_page_unmap (GtkWidget *widget)
{
  TallyDashboardPage *self = TALLY_DASHBOARD_PAGE (widget);

  if (self->surface != NULL)
    g_signal_handlers_disconnect_by_data (self->surface, self);
  self->surface = NULL;
  GTK_WIDGET_CLASS (tally_dashboard_page_parent_class)->unmap (widget);
  update_paused (self);
}

GtkWidget *
tally_dashboard_page_new (void)
{
  return g_object_new (TALLY_TYPE_DASHBOARD_PAGE, NULL);
}

TallyDashboard *
tally_dashboard_page_get_dashboard (TallyDashboardPage *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_PAGE (self), NULL);
  return tally_data_model_get_dashboard (self->model);
}

void
tally_dashboard_page_set_dashboard (TallyDashboardPage *self,
                                    TallyDashboard     *dashboard)
{
  TallyDashboard *old;

  g_return_if_fail (TALLY_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (dashboard == NULL || TALLY_IS_DASHBOARD (dashboard));

  old = tally_data_model_get_dashboard (self->model);
  if (old == dashboard)
    return;
  if (old != NULL)
    g_signal_handlers_disconnect_by_data (old, self);

  g_cancellable_cancel (self->values_cancellable);
  g_clear_object (&self->values_cancellable);
  self->values_cancellable = g_cancellable_new ();

  tally_data_model_set_dashboard (self->model, dashboard);
  tally_dashboard_view_set_dashboard (self->view, dashboard);
  tally_filter_bar_set_dashboard (self->filter_bar, dashboard);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  if (dashboard != NULL)
    {
      g_signal_connect_object (dashboard, "changed", G_CALLBACK (dashboard_changed_cb), self,
                               G_CONNECT_SWAPPED);
      dashboard_changed_cb (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DASHBOARD]);
}

TallySource *
tally_dashboard_page_get_source (TallyDashboardPage *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_PAGE (self), NULL);
  return tally_data_model_get_source (self->model);
}

void
tally_dashboard_page_set_source (TallyDashboardPage *self,
                                 TallySource        *source)
{
  g_return_if_fail (TALLY_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (source == NULL || TALLY_IS_SOURCE (source));

  if (tally_data_model_get_source (self->model) == source)
    return;
  tally_data_model_set_source (self->model, source);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

TallyDashboardView *
tally_dashboard_page_get_view (TallyDashboardPage *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_PAGE (self), NULL);
  return self->view;
}

TallyFilterBar *
tally_dashboard_page_get_filter_bar (TallyDashboardPage *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_PAGE (self), NULL);
  return self->filter_bar;
}

TallyDataModel *
tally_dashboard_page_get_data_model (TallyDashboardPage *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_PAGE (self), NULL);
  return self->model;
}

static void
tally_dashboard_page_dispose (GObject *object)
{
  TallyDashboardPage *self = TALLY_DASHBOARD_PAGE (object);
  GtkWidget *child;

  if (self->model != NULL)
    tally_dashboard_page_set_dashboard (self, NULL);
  g_cancellable_cancel (self->values_cancellable);
  g_clear_object (&self->values_cancellable);
  g_clear_object (&self->model);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tally_dashboard_page_parent_class)->dispose (object);
}

static void
tally_dashboard_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TallyDashboardPage *self = TALLY_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_DASHBOARD:
      g_value_set_object (value, tally_dashboard_page_get_dashboard (self));
      break;
    case PROP_SOURCE:
      g_value_set_object (value, tally_dashboard_page_get_source (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TallyDashboardPage *self = TALLY_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_DASHBOARD:
      tally_dashboard_page_set_dashboard (self, g_value_get_object (value));
      break;
    case PROP_SOURCE:
      tally_dashboard_page_set_source (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_page_class_init (TallyDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_dashboard_page_dispose;
  object_class->get_property = tally_dashboard_page_get_property;
  object_class->set_property = tally_dashboard_page_set_property;
  widget_class->map = tally_dashboard_page_map;
  widget_class->unmap = tally_dashboard_page_unmap;

  properties[PROP_DASHBOARD] =
    g_param_spec_object ("dashboard", NULL, NULL, TALLY_TYPE_DASHBOARD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, TALLY_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dashboardpage");
  bound_quark = g_quark_from_static_string ("tally-dashboard-page-bound");
}

static void
tally_dashboard_page_init (TallyDashboardPage *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->model = tally_data_model_new (NULL, NULL);
  self->values_cancellable = g_cancellable_new ();

  self->filter_bar = TALLY_FILTER_BAR (tally_filter_bar_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->filter_bar), GTK_WIDGET (self));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "filter",
                                  tally_filter_bar_get_actions (self->filter_bar));
  g_signal_connect_object (self->filter_bar, "values-needed", G_CALLBACK (values_needed_cb), self,
                           G_CONNECT_SWAPPED);

  self->view = TALLY_DASHBOARD_VIEW (tally_dashboard_view_new ());
  g_signal_connect_object (self->view, "panel-width-changed", G_CALLBACK (panel_width_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "panel-retry", G_CALLBACK (panel_retry_cb), self,
                           G_CONNECT_SWAPPED);
  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scrolled, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scrolled), TRUE);
  gtk_scrolled_window_set_child (self->scrolled, GTK_WIDGET (self->view));
  gtk_widget_set_parent (GTK_WIDGET (self->scrolled), GTK_WIDGET (self));
}
