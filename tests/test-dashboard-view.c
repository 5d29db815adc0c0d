/* test-dashboard-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* TallyDashboardView in a real window under Xvfb: each card exactly where
 * the grid geometry and `tally render` put it, the fold of a narrow view,
 * the widths told to the data model, frames drawn in their card and
 * nowhere else, the cards' backgrounds on screen light and dark, the view
 * following panels added, removed, moved, retitled and re-queried, the
 * empty dashboard, and no leaks. */

#include "config.h"

#include <math.h>

#include "tally-dashboard-layout.h"
#include "tally-test-dashboard.h"

/* At 1000 px a column is 30.75 px and a column with its gap 40.75 px; a
 * row with its gap 44 px (docs/dashboard-view.md, "The grid"). */
static void
test_view_geometry (void)
{
  TdvFixture f = { 0 };
  TallyGridBox box, render;

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f.view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "View test");

  tdv_card_box (&f, 1, &box);
  tally_test_assert_box (&box, 16, 16, 235, 166);
  tdv_card_box (&f, 2, &box);
  tally_test_assert_box (&box, 261, 16, 723, 342);
  tdv_card_box (&f, 3, &box);
  tally_test_assert_box (&box, 16, 192, 235, 254);
  /* Row 12 floats up to row 10, under the bar chart. */
  tdv_card_box (&f, 4, &box);
  tally_test_assert_box (&box, 16, 456, 968, 254);
  /* 16 rows and their gaps between two margins: the view scrolls. */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f.view)), ==, 726);
  g_assert_false (tally_dashboard_layout_get_folded (
                    TALLY_DASHBOARD_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (f.view)))));

  /* At any width, tally render puts every panel at the same place. */
  for (guint width = 700; width <= 1900; width += 297)
    {
      tdv_set_width (&f, width);
      for (guint id = 1; id <= 4; id++)
        {
          tdv_card_box (&f, id, &box);
          tdv_render_box (f.dashboard, width, id, &render);
          tally_test_assert_box (&box, render.x, render.y, render.width, render.height);
        }
    }

  tdv_close (&f);
}

/* Under 694 px: one column in reading order, each panel full width and as
 * tall as it was; the same in tally render. */
static void
test_view_fold (void)
{
  TdvFixture f = { 0 };
  TallyGridBox box, render;
  GtkLayoutManager *layout;

  tdv_open (&f, TDV_DASHBOARD, 694, 600);
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (f.view));
  g_assert_false (tally_dashboard_layout_get_folded (TALLY_DASHBOARD_LAYOUT (layout)));
  tdv_card_box (&f, 2, &box);
  g_assert_cmpint (box.y, ==, 16);

  tdv_set_width (&f, 693);
  g_assert_true (tally_dashboard_layout_get_folded (TALLY_DASHBOARD_LAYOUT (layout)));
  tdv_set_width (&f, 600);
  tdv_card_box (&f, 1, &box);
  tally_test_assert_box (&box, 16, 16, 568, 166);
  tdv_card_box (&f, 2, &box);
  tally_test_assert_box (&box, 16, 192, 568, 342);
  tdv_card_box (&f, 3, &box);
  tally_test_assert_box (&box, 16, 544, 568, 254);
  tdv_card_box (&f, 4, &box);
  tally_test_assert_box (&box, 16, 808, 568, 254);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f.view)), ==, 1078);

  for (guint id = 1; id <= 4; id++)
    {
      tdv_card_box (&f, id, &box);
      tdv_render_box (f.dashboard, 600, id, &render);
      tally_test_assert_box (&box, render.x, render.y, render.width, render.height);
    }

  /* Wide again, the grid comes back. */
  tdv_set_width (&f, 1000);
  tdv_card_box (&f, 2, &box);
  tally_test_assert_box (&box, 261, 16, 723, 342);

  tdv_close (&f);
}

typedef struct
{
  GHashTable *widths;     /* id → width, as told */
  guint       n_told;
} Widths;

static void
width_changed_cb (TallyDashboardView *view,
                  guint               id,
                  int                 width,
                  Widths             *widths)
{
  g_hash_table_insert (widths->widths, GUINT_TO_POINTER (id), GINT_TO_POINTER (width));
  widths->n_told++;
}

static gboolean
told_width (gpointer data)
{
  gpointer *args = data;
  Widths *widths = args[0];

  return GPOINTER_TO_INT (g_hash_table_lookup (widths->widths, GUINT_TO_POINTER (1))) ==
         GPOINTER_TO_INT (args[1]);
}

/* The data model learns each panel's width, once laid out and whenever it
 * changes, and can ask for it. */
static void
test_view_widths (void)
{
  TdvFixture f = { 0 };
  Widths widths = { g_hash_table_new (NULL, NULL), 0 };
  gpointer args[2] = { &widths, GINT_TO_POINTER (568) };
  g_autoptr(TallyDashboard) dashboard = tdv_dashboard_new (TDV_DASHBOARD);

  tdv_open (&f, NULL, 1000, 600);
  g_signal_connect (f.view, "panel-width-changed", G_CALLBACK (width_changed_cb), &widths);
  g_assert_cmpint (tally_dashboard_view_get_panel_width (f.view, 1), ==, 0);

  tally_dashboard_view_set_dashboard (f.view, dashboard);
  args[1] = GINT_TO_POINTER (235);
  g_assert_true (tally_test_wait_until (told_width, args, 5000));
  tally_test_drain ();
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (widths.widths, GUINT_TO_POINTER (2))), ==,
                   723);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (widths.widths, GUINT_TO_POINTER (4))), ==,
                   968);
  g_assert_cmpuint (widths.n_told, ==, 4);
  g_assert_cmpint (tally_dashboard_view_get_panel_width (f.view, 2), ==, 723);
  g_assert_cmpint (tally_dashboard_view_get_panel_width (f.view, 99), ==, 0);

  /* Folded, every panel is as wide as the view between its margins. */
  args[1] = GINT_TO_POINTER (568);
  gtk_widget_set_size_request (GTK_WIDGET (f.scrolled), 600, -1);
  g_assert_true (tally_test_wait_until (told_width, args, 5000));
  tally_test_drain ();
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (widths.widths, GUINT_TO_POINTER (2))), ==,
                   568);
  /* The heatmap was full width already: 968 became 568 too. */
  g_assert_cmpuint (widths.n_told, ==, 8);

  /* A relayout at the same width tells nothing. */
  gtk_widget_queue_resize (GTK_WIDGET (f.view));
  tally_test_drain ();
  g_assert_cmpuint (widths.n_told, ==, 8);

  g_hash_table_unref (widths.widths);
  tdv_close (&f);
}

static gboolean
box_differs (cairo_surface_t    *before,
             cairo_surface_t    *after,
             const TallyGridBox *box,
             guint              *inside,
             guint              *outside)
{
  guint all = tcv_count_all_changed (before, after);

  *inside = tcv_count_changed (before, after, box->x, box->y, box->x + box->width,
                               box->y + box->height);
  *outside = all - *inside;
  return *inside > 0;
}

/* A frame for one panel redraws that card and nothing else. */
static void
test_view_frame_pixels (void)
{
  TdvFixture f = { 0 };
  g_autoptr(cairo_surface_t) before = NULL;
  g_autoptr(cairo_surface_t) after = NULL;
  g_autoptr(TallyFrame) frame = tcv_timeseries_frame (TRUE);
  TallyGridBox box;
  guint inside, outside;

  tdv_open (&f, TDV_DASHBOARD, 1000, 800);
  for (guint id = 1; id <= 4; id++)
    tally_dashboard_view_set_panel_loading (f.view, id, FALSE);
  before = tdv_render (&f, "before-frame");

  tally_dashboard_view_set_panel_frame (f.view, 2, frame);
  after = tdv_render (&f, "after-frame");
  tdv_card_box (&f, 2, &box);
  g_assert_true (box_differs (before, after, &box, &inside, &outside));
  /* Two series over most of a 723 × 342 card. */
  g_assert_cmpuint (inside, >, 2000);
  g_assert_cmpuint (outside, ==, 0);

  /* The line's colour is drawn inside the card. */
  g_assert_cmpuint (tally_test_count_like (after, box.x, box.y, box.width, box.height,
                                           tcv_series_color (tally_panel_card_get_chart_view (
                                                               tdv_card (&f, 2)), 0),
                                           TCV_TOLERANCE), >, 100);

  tdv_close (&f);
}

static TallyTestPixel
named_color (GtkWidget  *widget,
             const char *name,
             const char *over)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA color, below;
  TallyRgba rgba, under;

  g_assert_true (gtk_style_context_lookup_color (context, name, &color));
  g_assert_true (gtk_style_context_lookup_color (context, over, &below));
  rgba = (TallyRgba) { color.red, color.green, color.blue, color.alpha };
  under = (TallyRgba) { below.red, below.green, below.blue, 1 };
  return tally_test_pixel_from_rgba (&rgba, &under);
}

/* The whole window as the screen shows it: the window's background
 * between the cards, each card's background inside it, light and dark. */
static void
check_backgrounds (TdvFixture *f,
                   const char *name)
{
  g_autoptr(cairo_surface_t) shot = NULL;
  TallyTestPixel page = named_color (GTK_WIDGET (f->view), "window_bg_color", "window_bg_color");
  TallyTestPixel card = named_color (GTK_WIDGET (f->view), "card_bg_color", "window_bg_color");
  graphene_rect_t origin;
  TallyGridBox box;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (f->view), GTK_WIDGET (f->window), &origin));
  shot = tcv_render (GTK_WIDGET (f->window), name);
  g_assert_cmpint (tally_test_pixel_distance (page, card), >, 3);
  g_assert_true (tally_test_pixel_near (shot, origin.origin.x + 4, origin.origin.y + 4, page, 2));

  for (guint id = 1; id <= 4; id++)
    {
      tdv_card_box (f, id, &box);
      box.x += origin.origin.x;
      box.y += origin.origin.y;
      g_test_message ("card %u at %d,%d %dx%d", id, box.x, box.y, box.width, box.height);
      /* In the gap right of the card (unless at the edge) and under it,
       * the page. */
      if (box.x + box.width + TALLY_GRID_MARGIN < tcv_width_of (shot))
        g_assert_true (tally_test_pixel_near (shot, box.x + box.width + TALLY_GRID_GAP / 2,
                                              box.y + box.height / 2, page, 2));
      g_assert_true (tally_test_pixel_near (shot, box.x + box.width / 2,
                                            box.y + box.height + TALLY_GRID_GAP / 2, page, 2));
      /* Inside, the card: in its header, and at the bottom of the chart
       * (the chart paints the card's colour, not a view's). */
      g_assert_true (tally_test_pixel_near (shot, box.x + box.width - 60, box.y + 3, card, 2));
      g_assert_true (tally_test_pixel_near (shot, box.x + 8, box.y + box.height - 4, card, 2));
    }
}

static void
test_view_screenshot (void)
{
  TdvFixture f = { 0 };
  AdwStyleManager *manager = adw_style_manager_get_default ();

  tdv_open (&f, TDV_DASHBOARD, 1000, 800);
  tdv_give_frames (&f);
  check_backgrounds (&f, "light");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  tally_test_drain ();
  check_backgrounds (&f, "dark");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  tdv_close (&f);
}

static TallyPanel *
panel_of (TdvFixture *f,
          guint       id)
{
  TallyPanel *panel = tally_dashboard_find_panel (f->dashboard, id);

  g_assert_nonnull (panel);
  return panel;
}

/* Adding, removing and moving panels changes the cards concerned; the
 * others are the same widgets, with the frames they had. */
static void
test_view_follows_panels (void)
{
  TdvFixture f = { 0 };
  g_autoptr(TallyPanel) added = tally_panel_new (5, TALLY_PANEL_PIE);
  TallyPanelCard *stat, *line, *heatmap;
  TallyGridBox box;

  tdv_open (&f, TDV_DASHBOARD, 1000, 800);
  tdv_give_frames (&f);
  stat = tdv_card (&f, 1);
  line = tdv_card (&f, 2);
  heatmap = tdv_card (&f, 4);

  /* A new pie at the bottom right, 8 columns wide. */
  tally_panel_set_title (added, "Share");
  tally_panel_set_grid (added, 16, 30, 8, 5);
  tally_dashboard_add_panel (f.dashboard, added);
  tally_test_drain ();
  tdv_card_box (&f, 5, &box);
  /* It floats up under the heatmap (rows 10–16): x 16 + 16 × 40.75. */
  tally_test_assert_box (&box, 668, 720, 316, 210);
  g_assert_true (tdv_card (&f, 1) == stat);
  g_assert_true (tdv_card (&f, 2) == line);
  g_assert_nonnull (tally_chart_get_frame (tally_chart_view_get_chart (
                                             tally_panel_card_get_chart_view (line))));
  g_assert_true (tally_panel_card_get_loading (tdv_card (&f, 5)));

  /* Removed: its card goes, the heatmap rises into the bar chart's rows. */
  g_object_ref (stat);
  tally_dashboard_remove_panel (f.dashboard, panel_of (&f, 3));
  tally_test_drain ();
  g_assert_null (tally_dashboard_view_get_card (f.view, 3));
  tdv_card_box (&f, 4, &box);
  tally_test_assert_box (&box, 16, 368, 968, 254);
  g_assert_true (tdv_card (&f, 1) == stat);
  g_assert_true (tdv_card (&f, 4) == heatmap);
  g_object_unref (stat);

  /* Moved: the stat goes right of the line chart's 6 columns... */
  tally_panel_set_grid (panel_of (&f, 2), 0, 0, 18, 8);
  tally_panel_set_grid (panel_of (&f, 1), 18, 0, 6, 4);
  tally_test_drain ();
  tdv_card_box (&f, 1, &box);
  tally_test_assert_box (&box, 750, 16, 234, 166);
  tdv_card_box (&f, 2, &box);
  tally_test_assert_box (&box, 16, 16, 724, 342);
  g_assert_true (tdv_card (&f, 1) == stat);

  tdv_close (&f);
}

/* Retitled, the card's header changes and its frame stays; re-queried,
 * the old frame goes and the card waits for the new one; new options
 * reach the chart without dropping the frame. */
static void
test_view_follows_changes (void)
{
  TdvFixture f = { 0 };
  TallyPanel *line;
  TallyPanelCard *card;
  TallyChart *chart;
  g_autoptr(TallyQuery) query = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  tdv_open (&f, TDV_DASHBOARD, 1000, 800);
  tdv_give_frames (&f);
  line = panel_of (&f, 2);
  card = tdv_card (&f, 2);
  chart = tally_chart_view_get_chart (tally_panel_card_get_chart_view (card));

  tally_panel_set_title (line, "All requests");
  g_assert_cmpstr (gtk_label_get_text (card->title_label), ==, "All requests");
  g_assert_cmpstr (tally_chart_get_title (chart), ==, "All requests");
  g_assert_nonnull (tally_chart_get_frame (chart));
  g_assert_false (tally_panel_card_get_loading (card));
  g_assert_true (tdv_card (&f, 2) == card);

  g_assert_true (json_parser_load_from_data (parser, "{\"unit\": \"ms\", \"min\": 0}", -1, NULL));
  tally_panel_set_options (line, json_node_get_object (json_parser_get_root (parser)));
  g_assert_cmpstr (tally_chart_get_options (chart)->unit, ==, "ms");
  g_assert_nonnull (tally_chart_get_frame (chart));

  query = tally_query_copy (tally_panel_get_query (line));
  query->metric = TALLY_METRIC_LATENCY;
  tally_panel_set_query (line, query);
  g_assert_null (tally_chart_get_frame (chart));
  g_assert_true (tally_panel_card_get_loading (card));
  g_assert_true (tdv_card (&f, 2) == card);

  /* A new type draws with another renderer. */
  tally_panel_set_panel_type (line, TALLY_PANEL_BAR);
  g_assert_cmpint (tally_chart_get_chart_type (chart), ==, TALLY_CHART_BAR);

  tdv_close (&f);
}

/* No panels: the status page, its button on win.add-panel, sensitive only
 * when the dashboard may change. */
static void
test_view_empty (void)
{
  TdvFixture f = { 0 };
  AdwStatusPage *page;
  GtkWidget *button;
  g_autoptr(TallyPanel) panel = tally_panel_new (1, TALLY_PANEL_STAT);

  tdv_open (&f, "{\"format\": \"tally-dashboard\", \"version\": 1, \"title\": \"Empty\","
                " \"panels\": []}", 1000, 500);
  page = ADW_STATUS_PAGE (tally_test_find_descendant (GTK_WIDGET (f.view), ADW_TYPE_STATUS_PAGE,
                                                      NULL));
  button = tally_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_BUTTON, NULL);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Panels Yet");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.add-panel");
  g_assert_true (gtk_widget_is_sensitive (button));
  /* The page fills what the scrolled window shows. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page)), ==, 1000);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (page)), ==, 500);

  tally_dashboard_set_editable (f.dashboard, FALSE);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (adw_status_page_get_description (page), ==, "This dashboard is view-only");
  tally_dashboard_set_editable (f.dashboard, TRUE);
  g_assert_true (gtk_widget_is_sensitive (button));

  /* A first panel replaces the page. */
  tally_dashboard_add_panel (f.dashboard, panel);
  tally_test_drain ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (tdv_card (&f, 1))));

  /* No dashboard at all shows the page too, with nothing to add to. */
  tally_dashboard_view_set_dashboard (f.view, NULL);
  tally_test_drain ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page)));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_null (tally_dashboard_view_get_card (f.view, 1));

  tdv_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_gui_init (&argc, &argv);

  g_test_add_func ("/tally/dashboard-view/geometry", test_view_geometry);
  g_test_add_func ("/tally/dashboard-view/fold", test_view_fold);
  g_test_add_func ("/tally/dashboard-view/widths", test_view_widths);
  g_test_add_func ("/tally/dashboard-view/frame-pixels", test_view_frame_pixels);
  g_test_add_func ("/tally/dashboard-view/screenshot", test_view_screenshot);
  g_test_add_func ("/tally/dashboard-view/follows-panels", test_view_follows_panels);
  g_test_add_func ("/tally/dashboard-view/follows-changes", test_view_follows_changes);
  g_test_add_func ("/tally/dashboard-view/empty", test_view_empty);

  return g_test_run ();
}
