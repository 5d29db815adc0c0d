/* test-panel-card-failure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The panel card's failure states on a dashboard view under Xvfb: a
 * failure that will be retried keeps drawing the last good frame under a
 * strip with the message, the countdown and Retry Now; without a frame
 * the chart's error state shows with the countdown; a query the source
 * cannot answer says "Not available from this source", never a zero. */

#include "config.h"

#include "tally-test-dashboard.h"

/* Far enough that the countdown reads the same however slow the test. */
#define RETRY_IN_US (120 * G_USEC_PER_SEC)

static TallyChart *
chart_of (TallyPanelCard *card)
{
  return tally_chart_view_get_chart (tally_panel_card_get_chart_view (card));
}

/* The pixels of the bar chart's bars in the card's chart view. */
static guint
count_bars (TallyPanelCard *card,
            const char     *name)
{
  TallyChartView *view = tally_panel_card_get_chart_view (card);
  g_autoptr(cairo_surface_t) pixels = tcv_render (GTK_WIDGET (view), name);

  return tcv_count_like (pixels, 0, tcv_height_of (pixels), tcv_series_color (view, 0));
}

static void
retry_cb (TallyDashboardView *view,
          guint               panel_id,
          guint              *retried)
{
  *retried = panel_id;
}

/* A failure with a frame: the chart still draws it; the strip says what
 * failed, when the next attempt comes, and offers to retry now. */
static void
test_failure_with_frame (void)
{
  TdvFixture f = { 0 };
  TallyPanelCard *card;
  TallyFrame *shown;
  guint bars_before, bars_after, retried = 0;

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  tdv_give_frames (&f);
  card = tdv_card (&f, 3);
  shown = tally_chart_get_frame (chart_of (card));
  g_assert_nonnull (shown);
  g_assert_false (gtk_widget_get_mapped (card->failure_strip));
  bars_before = count_bars (card, "failure-before");
  g_assert_cmpuint (bars_before, >, 100);

  tally_dashboard_view_set_panel_retry_at (f.view, 3, g_get_monotonic_time () + RETRY_IN_US);
  tally_dashboard_view_set_panel_error (f.view, 3, "The server answered 503 Service Unavailable");
  tally_test_drain ();

  /* The old frame, drawn: the same bars, the chart's own error state off. */
  g_assert_true (tally_chart_get_frame (chart_of (card)) == shown);
  g_assert_null (tally_chart_get_error (chart_of (card)));
  g_assert_cmpuint (tally_frame_get_n_categories (shown), ==, 3);
  g_assert_cmpfloat (tally_frame_get_category_value (shown, 0), ==, 3.75);
  bars_after = count_bars (card, "failure-after");
  g_assert_cmpuint (bars_after, >, bars_before / 2);

  /* The strip, the header's icon, the countdown, the button. */
  g_assert_true (gtk_widget_get_mapped (card->failure_strip));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (card->failure_label)));
  g_assert_cmpstr (gtk_label_get_text (card->failure_label), ==,
                   "The server answered 503 Service Unavailable");
  g_assert_cmpstr (gtk_label_get_text (card->retry_label), ==, "Retrying in 2 min");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (card->error_icon)));
  g_assert_cmpuint (card->countdown_id, !=, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (card->retry_button)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card->retry_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Retry Now");

  /* Retry Now reaches whoever runs the queries. */
  g_signal_connect (f.view, "panel-retry", G_CALLBACK (retry_cb), &retried);
  g_signal_emit_by_name (card->retry_button, "clicked");
  g_assert_cmpuint (retried, ==, 3);

  /* A good answer: the strip and its timer go. */
  tally_dashboard_view_set_panel_retry_at (f.view, 3, 0);
  tally_dashboard_view_set_panel_frame (f.view, 3, shown);
  tally_test_drain ();
  g_assert_null (tally_panel_card_get_error (card));
  g_assert_false (gtk_widget_get_visible (card->failure_strip));
  g_assert_cmpuint (card->countdown_id, ==, 0);

  tdv_close (&f);
}

/* Without a frame, the chart's error state, and the countdown above it. */
static void
test_failure_without_frame (void)
{
  TdvFixture f = { 0 };
  TallyPanelCard *card;

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  card = tdv_card (&f, 3);
  tally_dashboard_view_set_panel_retry_at (f.view, 3, g_get_monotonic_time () + RETRY_IN_US);
  tally_dashboard_view_set_panel_error (f.view, 3, "Could not connect: Connection refused");
  tally_test_drain ();

  g_assert_null (tally_chart_get_frame (chart_of (card)));
  g_assert_cmpstr (tally_chart_get_error (chart_of (card)), ==,
                   "Could not connect: Connection refused");
  g_assert_false (tally_panel_card_get_loading (card));
  g_assert_true (gtk_widget_get_mapped (card->failure_strip));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (card->failure_label)));
  g_assert_cmpstr (gtk_label_get_text (card->retry_label), ==, "Retrying in 2 min");
  g_assert_cmpuint (count_bars (card, "failure-no-frame"), ==, 0);

  /* A failure that will not be retried: no strip, the error alone. */
  tally_dashboard_view_set_panel_retry_at (f.view, 3, 0);
  tally_test_drain ();
  g_assert_false (gtk_widget_get_visible (card->failure_strip));
  g_assert_cmpstr (tally_chart_get_error (chart_of (card)), ==,
                   "Could not connect: Connection refused");

  tdv_close (&f);
}

/* The countdown's words, at the edges of seconds and minutes. */
static void
test_countdown_text (void)
{
  static const struct { gint64 us; const char *text; } cases[] = {
    { -5 * G_USEC_PER_SEC, "Retrying…" },
    { 0, "Retrying…" },
    { 1, "Retrying in 1 s" },
    { 5 * G_USEC_PER_SEC, "Retrying in 5 s" },
    { 5 * G_USEC_PER_SEC + 1, "Retrying in 6 s" },
    { 59 * G_USEC_PER_SEC, "Retrying in 59 s" },
    { 60 * G_USEC_PER_SEC, "Retrying in 1 min" },
    { 61 * G_USEC_PER_SEC, "Retrying in 2 min" },
    { 300 * G_USEC_PER_SEC, "Retrying in 5 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tally_panel_card_countdown_text (cases[i].us);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* A metric the source does not have: a state of its own, in place of the
 * chart, until a frame comes. */
static void
test_unsupported (void)
{
  TdvFixture f = { 0 };
  TallyPanelCard *card;
  g_autoptr(TallyFrame) frame = tcv_categories_frame ();
  const TallyQuery *query;

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  card = tdv_card (&f, 3);
  query = tally_panel_get_query (tally_panel_card_get_panel (card));
  g_assert_true (tally_panel_card_get_loading (card));

  tally_dashboard_view_set_panel_unsupported (f.view, 3, TRUE);
  tally_test_drain ();
  g_assert_true (tally_panel_card_get_unsupported (card));
  g_assert_false (tally_panel_card_get_loading (card));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (card->spinner)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (card->body), ==, "unsupported");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (card->unsupported_title)));
  g_assert_cmpstr (gtk_label_get_text (card->unsupported_title), ==,
                   "Not available from this source");
  g_assert_cmpstr (gtk_label_get_text (card->unsupported_metric), ==,
                   tally_metric_get_title (query->metric));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (tally_panel_card_get_chart_view (card))));
  g_assert_null (tally_panel_card_get_error (card));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (card->error_icon)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "This month so far. Not available from this source");

  /* A frame after all (another source): the chart is back. */
  tally_dashboard_view_set_panel_unsupported (f.view, 3, FALSE);
  tally_dashboard_view_set_panel_frame (f.view, 3, frame);
  tally_test_drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (card->body), ==, "chart");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (tally_panel_card_get_chart_view (card))));
  g_assert_cmpuint (count_bars (card, "unsupported-then-frame"), >, 100);

  tdv_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_gui_init (&argc, &argv);

  g_test_add_func ("/tally/panel-card-failure/with-frame", test_failure_with_frame);
  g_test_add_func ("/tally/panel-card-failure/without-frame", test_failure_without_frame);
  g_test_add_func ("/tally/panel-card-failure/countdown-text", test_countdown_text);
  g_test_add_func ("/tally/panel-card-failure/unsupported", test_unsupported);

  return g_test_run ();
}
