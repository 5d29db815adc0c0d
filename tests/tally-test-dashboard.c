/* tally-test-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Helpers of the dashboard view's tests: a known dashboard, the view in a
 * real window at a width the test sets, the cards' places read back from
 * GTK and from `tally render`'s renderer, and frames for each panel. */

#include "config.h"

#include "tally-chart-theme.h"
#include "tally-dashboard-render.h"
#include "tally-test-dashboard.h"

const char *TDV_DASHBOARD =
  "{\"format\": \"tally-dashboard\", \"version\": 1, \"uid\": \"view-test\","
  " \"title\": \"View test\", \"editable\": true,"
  " \"panels\": ["
  "  {\"id\": 1, \"type\": \"stat\", \"title\": \"Error rate\","
  "   \"gridPos\": {\"x\": 0, \"y\": 0, \"w\": 6, \"h\": 4},"
  "   \"query\": {\"metric\": \"error_rate\", \"stat\": \"avg\"}},"
  "  {\"id\": 2, \"type\": \"line\", \"title\": \"Requests\","
  "   \"description\": \"Every request, per minute\","
  "   \"gridPos\": {\"x\": 6, \"y\": 0, \"w\": 18, \"h\": 8},"
  "   \"query\": {\"metric\": \"requests\", \"stat\": \"count\"},"
  "   \"options\": {\"min\": 0, \"max\": 100, \"line\": {\"points\": \"never\"}}},"
  "  {\"id\": 3, \"type\": \"bar\", \"title\": \"Cost by model\","
  "   \"gridPos\": {\"x\": 0, \"y\": 4, \"w\": 6, \"h\": 6},"
  "   \"time\": {\"from\": \"now/M\", \"to\": \"now\"},"
  "   \"query\": {\"metric\": \"cost\", \"stat\": \"sum\", \"group_by\": \"model\"}},"
  "  {\"id\": 4, \"type\": \"heatmap\", \"title\": \"When requests come\","
  "   \"gridPos\": {\"x\": 0, \"y\": 12, \"w\": 24, \"h\": 6},"
  "   \"query\": {\"metric\": \"requests\", \"stat\": \"sum\","
  "               \"rows\": \"day_of_week\", \"columns\": \"hour_of_day\"}}"
  " ]}";

TallyDashboard *
tdv_dashboard_new (const char *json)
{
  g_autoptr(GError) error = NULL;
  TallyDashboard *dashboard = tally_dashboard_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  return dashboard;
}

static gboolean
view_has_width (gpointer data)
{
  TdvFixture *f = data;
  int width = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (f->view), "tdv-width"));

  return gtk_widget_get_mapped (GTK_WIDGET (f->view)) &&
         gtk_widget_get_width (GTK_WIDGET (f->view)) == width;
}

/* The scrolled window is exactly @width wide (its scroll bars overlay the
 * view), so the view is laid out at @width. */
void
tdv_set_width (TdvFixture *f,
               int         width)
{
  g_object_set_data (G_OBJECT (f->view), "tdv-width", GINT_TO_POINTER (width));
  gtk_widget_set_size_request (GTK_WIDGET (f->scrolled), width, -1);
  g_assert_true (tally_test_wait_until (view_has_width, f, 5000));
  tally_test_drain ();
}

/* The application's stylesheet, as AdwApplication loads it, so the cards
 * look as they do in Tally. */
static void
load_style (void)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
tdv_open (TdvFixture *f,
          const char *json,
          int         width,
          int         height)
{
  g_autoptr(GSimpleAction) add_panel = g_simple_action_new ("add-panel", NULL);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  load_style ();
  f->dashboard = json != NULL ? tdv_dashboard_new (json) : NULL;
  f->window = GTK_WINDOW (gtk_window_new ());
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  f->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  f->view = TALLY_DASHBOARD_VIEW (tally_dashboard_view_new ());
  f->win_actions = g_simple_action_group_new ();
  g_action_map_add_action (G_ACTION_MAP (f->win_actions), G_ACTION (add_panel));
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (f->win_actions));

  /* Xvfb's pointer rests mid-screen, over the cards, and a window mapping
   * under it hovers a chart at some moment: the tooltip would land in a
   * screenshot or not. The tests move no pointer, so the view takes none. */
  gtk_widget_set_can_target (GTK_WIDGET (f->view), FALSE);
  tally_dashboard_view_set_time_zone (f->view, utc);
  tally_dashboard_view_set_dashboard (f->view, f->dashboard);
  gtk_scrolled_window_set_policy (f->scrolled, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (f->scrolled, GTK_WIDGET (f->view));
  gtk_widget_set_halign (GTK_WIDGET (f->scrolled), GTK_ALIGN_START);
  gtk_widget_set_size_request (GTK_WIDGET (f->scrolled), width, height);
  adw_toast_overlay_set_child (f->overlay, GTK_WIDGET (f->scrolled));
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  gtk_window_present (f->window);

  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (f->window)));
  tdv_set_width (f, width);
}

/* Destroys the window and proves the view and every card went with it,
 * while the dashboard lives on. */
void
tdv_close (TdvFixture *f)
{
  g_autoptr(GPtrArray) also = g_ptr_array_new ();

  g_ptr_array_add (also, f->view);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (also, child);

  tally_test_destroy_window_with (f->window, also);
  g_clear_object (&f->win_actions);
  g_clear_object (&f->dashboard);
}

cairo_surface_t *
tdv_render (TdvFixture *f,
            const char *name)
{
  g_autofree char *file = g_strdup_printf ("dashboard-%s", name);

  return tcv_render (GTK_WIDGET (f->view), file);
}

TallyPanelCard *
tdv_card (TdvFixture *f,
          guint       id)
{
  TallyPanelCard *card = tally_dashboard_view_get_card (f->view, id);

  g_assert_nonnull (card);
  return card;
}

/* Where GTK put the card, in the view's coordinates. */
void
tdv_card_box (TdvFixture   *f,
              guint         id,
              TallyGridBox *box)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (tdv_card (f, id)), GTK_WIDGET (f->view),
                                            &bounds));
  *box = (TallyGridBox) { bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height };
}

/* Where `tally render` draws the panel in a file @width wide at its
 * natural height, without its title bar. */
void
tdv_render_box (TallyDashboard *dashboard,
                int             width,
                guint           id,
                TallyGridBox   *box)
{
  g_autoptr(TallyChartTheme) theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyDashboardRender) render = tally_dashboard_render_new (dashboard, theme, utc);
  double x, y, w, h;

  tally_dashboard_render_set_size (render, width, tally_dashboard_render_get_height (render, width));
  g_assert_true (tally_dashboard_render_get_panel_rect (render, id, &x, &y, &w, &h));
  *box = (TallyGridBox) { x, y - TALLY_DASHBOARD_RENDER_HEADER, w, h };
}

/* A frame of the shape @panel draws. */
TallyFrame *
tdv_frame_for (TallyPanel *panel)
{
  switch (tally_panel_get_panel_type (panel))
    {
    case TALLY_PANEL_STAT:
    case TALLY_PANEL_GAUGE:
      return tally_frame_new_scalar ("error_rate", "avg", "percent", 0.042, 0.05);
    case TALLY_PANEL_LINE:
      return tcv_timeseries_frame (TRUE);
    case TALLY_PANEL_BAR:
    case TALLY_PANEL_PIE:
      return tcv_categories_frame ();
    case TALLY_PANEL_HEATMAP:
      return tcv_matrix_frame ();
    default:
      return tcv_table_frame (5);
    }
}

/* Every panel gets its frame: no spinner turns any more. */
void
tdv_give_frames (TdvFixture *f)
{
  GListModel *panels = tally_dashboard_get_panels (f->dashboard);

  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      g_autoptr(TallyFrame) frame = tdv_frame_for (panel);

      tally_dashboard_view_set_panel_frame (f->view, tally_panel_get_id (panel), frame);
    }
  tally_test_drain ();
}

typedef struct
{
  TallyDashboardHistory *history;
  const char            *label;
} LabelWait;

static gboolean
has_undo_label (gpointer data)
{
  LabelWait *wait = data;

  return g_strcmp0 (tally_dashboard_history_get_undo_label (wait->history), wait->label) == 0;
}

/* The history records an edit from an idle: waits until it names @label
 * as the step to undo, and fails saying what it names instead. */
void
tdv_wait_undo_label (TallyDashboardHistory *history,
                     const char            *label)
{
  LabelWait wait = { history, label };

  if (!tally_test_wait_until (has_undo_label, &wait, 5000))
    g_assert_cmpstr (tally_dashboard_history_get_undo_label (history), ==, label);
}
