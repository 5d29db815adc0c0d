/* test-panel-card-failure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The panel card's failure states on a dashboard view under Xvfb: a
 * failure that will be retried keeps drawing the last good frame under a
 * strip with the message, the countdown and Retry Now; without a frame
 * the chart's error state shows with the countdown; a query the source
 * cannot answer says "Not available from this source", never a zero. The
 * last test goes the whole way: a real store behind a source that fails,
 * the data model, the dashboard page, and Retry Now back to the model. */

#include "config.h"

#include "tally-dashboard-page.h"
#include "tally-error.h"
#include "tally-local-source.h"
#include "tally-test-dashboard.h"
#include "tally-test-events.h"
#include "tally-test-source.h"
#include "tally-test-utils.h"

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

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
changed_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* Ingests @events and waits for the store's "changed" that follows, so it
 * cannot reach a model later and run its panels again. */
static void
ingest (TallyStore *store,
        GPtrArray  *events)
{
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  gulong id;

  id = g_signal_connect_swapped (store, "changed", G_CALLBACK (changed_cb), &changed);
  g_assert_true (tally_store_ingest (store, events, &error));
  g_assert_no_error (error);
  g_assert_true (tally_test_wait_until (is_true, &changed, 5000));
  g_signal_handler_disconnect (store, id);
}

typedef struct
{
  TallyTestSource *source;
  TallyPanelCard  *card;
  guint            n_queries;
} PageWait;

/* The source was asked @n_queries times and the card has its answer. */
static gboolean
page_settled (gpointer data)
{
  PageWait *wait = data;

  return tally_test_source_get_n_queries (wait->source) >= wait->n_queries &&
         tally_test_source_get_n_pending (wait->source) == 0 &&
         !tally_panel_card_get_loading (wait->card);
}

static void
wait_settled (PageWait *wait,
              guint     n_queries)
{
  wait->n_queries = n_queries;
  g_assert_true (tally_test_wait_until (page_settled, wait, 10000));
  tally_test_drain ();
}

/* The data model's failures reach the card through the page, and Retry
 * Now reaches the data model. */
static void
test_page (void)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "usage.db", NULL);
  gint64 t_now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GPtrArray) events = tally_test_make_events (3, 100, (t_now - 3000) * 1000,
                                                        (t_now - 60) * 1000);
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = tally_store_open (path, &error);
  g_autoptr(TallyLocalSource) local = NULL;
  g_autoptr(TallyTestSource) source = NULL;
  g_autoptr(TallyDashboard) dashboard = NULL;
  GtkWindow *window;
  TallyDashboardPage *page;
  TallyFrame *good;
  PageWait wait = { 0 };

  g_assert_no_error (error);
  ingest (store, events);
  local = tally_local_source_new (store);
  source = tally_test_source_new (TALLY_SOURCE (local));
  dashboard = tdv_dashboard_new (TDV_DASHBOARD);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 700);
  page = TALLY_DASHBOARD_PAGE (tally_dashboard_page_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  tally_dashboard_page_set_dashboard (page, dashboard);
  tally_dashboard_page_set_source (page, TALLY_SOURCE (source));
  gtk_window_present (window);
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (page)));

  wait.source = source;
  wait.card = tally_dashboard_view_get_card (tally_dashboard_page_get_view (page), 3);
  wait_settled (&wait, 4);
  good = tally_chart_get_frame (chart_of (wait.card));
  g_assert_nonnull (good);

  /* A panel fails (one query per panel: the 503 goes to the first asked;
   * a refresh asks them all, so every panel gets one). */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GError) failure = NULL;

      tally_error_set_http (&failure, TALLY_ERROR_NETWORK, 503, 90,
                            "The server answered 503 Service Unavailable");
      tally_test_source_fail_next (source, failure);
    }
  tally_data_model_refresh (tally_dashboard_page_get_data_model (page));
  wait_settled (&wait, 8);
  g_assert_true (tally_chart_get_frame (chart_of (wait.card)) == good);
  g_assert_true (gtk_widget_get_mapped (wait.card->failure_strip));
  g_assert_cmpstr (gtk_label_get_text (wait.card->failure_label), ==,
                   "The server answered 503 Service Unavailable");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (wait.card->retry_label), "Retrying in "));
  g_assert_cmpint (tally_panel_card_get_retry_at (wait.card), >, g_get_monotonic_time ());

  /* Retry Now: this panel alone runs again, and its answer clears the strip. */
  g_signal_emit_by_name (wait.card->retry_button, "clicked");
  wait_settled (&wait, 9);
  g_assert_cmpuint (tally_test_source_get_n_queries (source), ==, 9);
  g_assert_cmpuint (tally_test_source_get_query (source, 8)->metric, ==,
                    tally_panel_get_query (tally_panel_card_get_panel (wait.card))->metric);
  g_assert_false (gtk_widget_get_visible (wait.card->failure_strip));
  g_assert_null (tally_panel_card_get_error (wait.card));
  g_assert_true (tally_chart_get_frame (chart_of (wait.card)) != good);

  /* A source without the metric. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GError) failure = NULL;

      g_set_error (&failure, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED, "No such metric here");
      tally_test_source_fail_next (source, failure);
    }
  tally_data_model_refresh (tally_dashboard_page_get_data_model (page));
  wait_settled (&wait, 13);
  g_assert_true (tally_panel_card_get_unsupported (wait.card));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (wait.card->body), ==, "unsupported");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (wait.card->unsupported_title)));
  g_assert_false (gtk_widget_get_visible (wait.card->failure_strip));

  tally_test_destroy_window (window);
  tally_test_drain ();
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
  g_test_add_func ("/tally/panel-card-failure/page", test_page);

  return g_test_run ();
}
