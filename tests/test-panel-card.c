/* test-panel-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The panel card on a dashboard view under Xvfb: its header, the spinner
 * while loading, an error on screen and said to screen readers, the menu
 * (its keys, View as Table, the actions the window handles, what a
 * view-only dashboard hides), exports of CSV bytes and images through the
 * real file chooser, failures in a toast, and an alerts panel showing the
 * alerts of a real store. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-local-source.h"
#include "tally-test-alerts.h"
#include "tally-test-dashboard.h"
#include "tally-test-pixels.h"
#include "tally-test-utils.h"

/* The bar chart's frame (tcv_categories_frame) as CSV. */
#define BY_MODEL_CSV "label,value\r\ngpt-4o,3.75\r\no3,1.25\r\nclaude,0.5\r\n"

static void
test_card_header (void)
{
  TdvFixture f = { 0 };
  TallyPanelCard *line, *bar;

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  line = tdv_card (&f, 2);
  bar = tdv_card (&f, 3);

  g_assert_cmpstr (gtk_label_get_text (line->title_label), ==, "Requests");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (line->info_icon)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (line->info_icon)), ==,
                   "Every request, per minute");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (line->title_label)), ==,
                   "Every request, per minute");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (line->time_label)));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (line), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (line), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Requests");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (line), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Every request, per minute");

  /* The bar chart has its own range and no description. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar->info_icon)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (bar->time_label)));
  g_assert_cmpstr (gtk_label_get_text (bar->time_label), ==, "This month so far");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "This month so far");

  /* In the window the header holds the title, so the chart does not. */
  g_assert_false (tally_chart_get_show_title (tally_chart_view_get_chart (
                                                tally_panel_card_get_chart_view (line))));

  tdv_close (&f);
}

/* Loading turns the spinner; a frame stops it. */
static void
test_card_loading (void)
{
  TdvFixture f = { 0 };
  TallyPanelCard *card;
  TallyChart *chart;
  g_autoptr(TallyFrame) frame = tcv_categories_frame ();

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  card = tdv_card (&f, 3);
  chart = tally_chart_view_get_chart (tally_panel_card_get_chart_view (card));

  /* A new card waits for its first frame. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (card->spinner)));
  g_assert_true (gtk_spinner_get_spinning (card->spinner));
  g_assert_true (tally_chart_get_loading (chart));

  tally_dashboard_view_set_panel_frame (f.view, 3, frame);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (card->spinner)));
  g_assert_false (gtk_spinner_get_spinning (card->spinner));
  g_assert_false (tally_chart_get_loading (chart));
  g_assert_true (tally_chart_get_frame (chart) == frame);

  /* A refresh: spinning again, over the frame it has. */
  tally_dashboard_view_set_panel_loading (f.view, 3, TRUE);
  tally_test_drain ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (card->spinner)));
  g_assert_true (tally_chart_get_frame (chart) == frame);
  tally_dashboard_view_set_panel_loading (f.view, 3, FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (card->spinner)));

  /* An id the dashboard no longer has is not an error. */
  tally_dashboard_view_set_panel_loading (f.view, 77, TRUE);
  tally_dashboard_view_set_panel_frame (f.view, 77, frame);
  tally_dashboard_view_set_panel_error (f.view, 77, "gone");

  tdv_close (&f);
}

/* An error shows in the header and over the frame, which stays, and is
 * said to screen readers; the next frame clears it. */
static void
test_card_error (void)
{
  TdvFixture f = { 0 };
  TallyPanelCard *card;
  TallyChart *chart;
  g_autoptr(TallyFrame) frame = tcv_categories_frame ();
  g_autoptr(cairo_surface_t) good = NULL;
  g_autoptr(cairo_surface_t) failed = NULL;
  TallyGridBox box;
  guint changed;

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  tdv_give_frames (&f);
  card = tdv_card (&f, 3);
  chart = tally_chart_view_get_chart (tally_panel_card_get_chart_view (card));
  good = tdv_render (&f, "error-before");

  tally_dashboard_view_set_panel_error (f.view, 3, "connection refused");
  tally_test_drain ();
  failed = tdv_render (&f, "error-after");
  g_assert_cmpstr (tally_panel_card_get_error (card), ==, "connection refused");
  g_assert_cmpstr (tally_chart_get_error (chart), ==, "connection refused");
  g_assert_nonnull (tally_chart_get_frame (chart));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (card->error_icon)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (card->error_icon)), ==,
                   "connection refused");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "This month so far. Error: connection refused");

  /* Drawn in this card only: the strip over the chart, the icon. */
  tdv_card_box (&f, 3, &box);
  changed = tcv_count_changed (good, failed, box.x, box.y, box.x + box.width, box.y + box.height);
  g_assert_cmpuint (changed, >, 200);
  g_assert_cmpuint (tcv_count_all_changed (good, failed), ==, changed);

  tally_dashboard_view_set_panel_frame (f.view, 3, frame);
  g_assert_null (tally_panel_card_get_error (card));
  g_assert_null (tally_chart_get_error (chart));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (card->error_icon)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "This month so far");

  tdv_close (&f);
}

/* Options the renderers refuse are the panel's error until fixed; a
 * query's error goes first and leaves it when cleared. */
static void
test_card_bad_options (void)
{
  TdvFixture f = { 0 };
  TallyPanelCard *card;
  g_autoptr(JsonParser) parser = json_parser_new ();

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  card = tdv_card (&f, 1);
  g_assert_true (json_parser_load_from_data (parser, "{\"decimals\": \"two\"}", -1, NULL));
  tally_panel_set_options (tally_panel_card_get_panel (card),
                           json_node_get_object (json_parser_get_root (parser)));
  g_assert_cmpstr (tally_panel_card_get_error (card), ==,
                   "options.decimals: must be an integer from 0 to 12");

  tally_dashboard_view_set_panel_error (f.view, 1, "timeout");
  g_assert_cmpstr (tally_panel_card_get_error (card), ==, "timeout");
  tally_dashboard_view_set_panel_error (f.view, 1, NULL);
  g_assert_cmpstr (tally_panel_card_get_error (card), ==,
                   "options.decimals: must be an integer from 0 to 12");

  tally_panel_set_options (tally_panel_card_get_panel (card), NULL);
  g_assert_null (tally_panel_card_get_error (card));

  tdv_close (&f);
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action,
                 const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_action (section, action, label))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_str_equal (name, action) && g_str_equal (text, label))
        return TRUE;
    }

  return FALSE;
}

/* The shortcut of @card's class bound to @accelerator. */
static GtkShortcut *
find_binding (TallyPanelCard *card,
              const char     *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (card));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (
            gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, accelerator))
            return shortcut;
        }
    }

  return NULL;
}

static gboolean
popover_mapped (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (data);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

/* The Menu key and Shift+F10 open the panel menu from inside the card,
 * and the menu holds every entry. */
static void
test_card_menu (void)
{
  TdvFixture f = { 0 };
  TallyPanelCard *card;
  GMenuModel *menu;
  const char *keys[] = { "Menu", "<Shift>F10" };

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  card = tdv_card (&f, 2);
  menu = gtk_menu_button_get_menu_model (card->menu_button);
  g_assert_true (menu_has_action (menu, "card.edit", "_Edit"));
  g_assert_true (menu_has_action (menu, "card.duplicate", "_Duplicate"));
  g_assert_true (menu_has_action (menu, "card.remove", "_Remove"));
  g_assert_true (menu_has_action (menu, "card.view-as-table", "View as _Table"));
  g_assert_true (menu_has_action (menu, "card.export-csv", "Export Data as _CSV…"));
  g_assert_true (menu_has_action (menu, "card.export-image", "Export as _Image…"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card->menu_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Panel Menu");

  gtk_widget_grab_focus (GTK_WIDGET (tally_panel_card_get_chart_view (card)));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = find_binding (card, keys[i]);

      g_assert_nonnull (shortcut);
      g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                   GTK_WIDGET (card), NULL));
      g_assert_true (tally_test_wait_until (popover_mapped, card->menu_button, 5000));
      gtk_menu_button_popdown (card->menu_button);
      tally_test_drain ();
      g_assert_false (popover_mapped (card->menu_button));
    }

  tdv_close (&f);
}

/* The menu's toggle shows the chart's data as a table and back. */
static void
test_card_view_as_table (void)
{
  TdvFixture f = { 0 };
  TallyPanelCard *card;
  TallyChartView *chart_view;
  GtkWidget *table;

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  tdv_give_frames (&f);
  card = tdv_card (&f, 2);
  chart_view = tally_panel_card_get_chart_view (card);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.view-as-table", NULL));
  tally_test_drain ();
  g_assert_true (tally_chart_view_get_view_as_table (chart_view));
  g_assert_true (tally_panel_card_get_view_as_table (card));
  table = tally_test_find_descendant (GTK_WIDGET (chart_view), GTK_TYPE_COLUMN_VIEW, NULL);
  g_assert_nonnull (table);
  g_assert_true (gtk_widget_get_mapped (table));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.view-as-table", NULL));
  tally_test_drain ();
  g_assert_false (tally_chart_view_get_view_as_table (chart_view));
  table = tally_test_find_descendant (GTK_WIDGET (chart_view), GTK_TYPE_COLUMN_VIEW, NULL);
  g_assert_true (table == NULL || !gtk_widget_get_mapped (table));

  /* The chart view's own switch shows in the menu's toggle too. */
  tally_chart_view_set_view_as_table (chart_view, TRUE);
  g_assert_true (tally_panel_card_get_view_as_table (card));

  tdv_close (&f);
}

typedef struct
{
  guint  id;
  char  *action;
  guint  n;
} Action;

static void
panel_action_cb (TallyDashboardView *view,
                 guint               id,
                 const char         *name,
                 Action             *action)
{
  action->id = id;
  g_free (action->action);
  action->action = g_strdup (name);
  action->n++;
}

/* Edit, Duplicate and Remove reach the window with the panel's id; a
 * view-only dashboard offers none of them. */
static void
test_card_actions (void)
{
  TdvFixture f = { 0 };
  Action action = { 0 }, removes = { 0 };
  const char *names[] = { "edit", "duplicate", "remove" };

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  g_signal_connect (f.view, "panel-action", G_CALLBACK (panel_action_cb), &action);
  g_signal_connect (f.view, "panel-action::remove", G_CALLBACK (panel_action_cb), &removes);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_strconcat ("card.", names[i], NULL);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tdv_card (&f, 3)), name, NULL));
      g_assert_cmpuint (action.id, ==, 3);
      g_assert_cmpstr (action.action, ==, names[i]);
      g_assert_cmpuint (action.n, ==, i + 1);
    }
  g_assert_cmpuint (removes.n, ==, 1);
  g_assert_cmpuint (removes.id, ==, 3);

  /* View-only: the actions are off (their menu items hidden). */
  tally_dashboard_set_editable (f.dashboard, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_strconcat ("card.", names[i], NULL);

      gtk_widget_activate_action (GTK_WIDGET (tdv_card (&f, 1)), name, NULL);
    }
  g_assert_cmpuint (action.n, ==, 3);
  g_assert_false (tally_panel_card_get_editable (tdv_card (&f, 1)));

  g_free (action.action);
  g_free (removes.action);
  tdv_close (&f);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Export;

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  Export *export = data;

  export->ok = tally_panel_card_export_finish (TALLY_PANEL_CARD (object), result, &export->error);
  export->done = TRUE;
}

static gboolean
export_done (gpointer data)
{
  return ((Export *) data)->done;
}

static gboolean
export (TallyPanelCard    *card,
        TallyPanelExport   kind,
        const char        *path,
        GError           **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Export result = { 0 };

  tally_panel_card_export_async (card, kind, file, NULL, export_cb, &result);
  g_assert_true (tally_test_wait_until (export_done, &result, 10000));
  if (result.error != NULL)
    g_propagate_error (error, result.error);

  return result.ok;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* Export Data as CSV writes the frame's exact bytes; a failed export
 * leaves the file there as it was. */
static void
test_card_export_csv (void)
{
  TdvFixture f = { 0 };
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "cost.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "cost.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  TallyPanelCard *card;

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  card = tdv_card (&f, 3);

  /* Nothing to export yet. */
  g_assert_false (export (card, TALLY_PANEL_EXPORT_CSV, path, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“Cost by model” has no data to export yet");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  tdv_give_frames (&f);
  g_assert_true (g_file_set_contents (path, "old,file\r\n", -1, NULL));
  g_assert_true (export (card, TALLY_PANEL_EXPORT_CSV, path, &error));
  g_assert_no_error (error);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, BY_MODEL_CSV);

  /* Times in the view's zone (UTC here). */
  g_clear_pointer (&contents, g_free);
  g_assert_true (export (tdv_card (&f, 2), TALLY_PANEL_EXPORT_CSV, path, &error));
  contents = read_file (path);
  g_assert_true (g_str_has_prefix (contents, "time,gpt-4o,o3\r\n"
                                             "2025-11-23T00:00:00Z,0,30\r\n"
                                             "2025-11-23T00:10:00Z,8.333333333333334,30\r\n"));

  g_assert_false (export (card, TALLY_PANEL_EXPORT_CSV, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  tdv_close (&f);
}

/* Export as Image: a PNG of the card's size at the screen's scale, with
 * the chart and its title; SVG and PDF by the name; other names refused. */
static void
test_card_export_image (void)
{
  TdvFixture f = { 0 };
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *png = g_build_filename (dir, "requests.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "requests.SVG", NULL);
  g_autofree char *pdf = g_build_filename (dir, "requests.pdf", NULL);
  g_autofree char *jpeg = g_build_filename (dir, "requests.jpeg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) image = NULL;
  TallyPanelCard *card;
  TallyChartView *chart_view;
  int scale;

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);
  tdv_give_frames (&f);
  card = tdv_card (&f, 2);
  chart_view = tally_panel_card_get_chart_view (card);
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (card));

  g_assert_true (export (card, TALLY_PANEL_EXPORT_IMAGE, png, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (tcv_width_of (image), ==, 723 * scale);
  g_assert_cmpint (tcv_height_of (image), ==, 342 * scale);
  /* The card's background in the corner, the series' colours in it, and
   * the title in its first lines of text. */
  g_assert_true (tally_test_pixel_near (image, 2, 2,
                                        tally_test_theme_color (tcv_theme_of (chart_view),
                                                                TALLY_CHART_COLOR_BACKGROUND), 2));
  g_assert_cmpuint (tally_test_count_like (image, 0, 0, tcv_width_of (image),
                                           tcv_height_of (image),
                                           tcv_series_color (chart_view, 0), TCV_TOLERANCE),
                    >, 100);
  g_assert_cmpuint (tally_test_count_unlike (image, 0, 0, 200, 30,
                                             tally_test_theme_color (tcv_theme_of (chart_view),
                                                                     TALLY_CHART_COLOR_BACKGROUND),
                                             60), >, 20);

  g_assert_true (export (card, TALLY_PANEL_EXPORT_IMAGE, svg, &error));
  contents = read_file (svg);
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"723\""));
  g_clear_pointer (&contents, g_free);
  g_assert_true (export (card, TALLY_PANEL_EXPORT_IMAGE, pdf, &error));
  contents = read_file (pdf);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  g_assert_false (export (card, TALLY_PANEL_EXPORT_IMAGE, jpeg, &error));
  g_assert_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==,
                   "requests.jpeg: the file name must end in .png, .svg or .pdf");
  g_assert_false (g_file_test (jpeg, G_FILE_TEST_EXISTS));

  tdv_close (&f);
}

/* A new file is written in place: wait for all of it. */
static gboolean
csv_written (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL) && g_str_equal (contents, BY_MODEL_CSV);
}

static GtkWidget *
find_toast (TdvFixture *f)
{
  /* libadwaita registers its toast widget with the first toast. */
  GType type = g_type_from_name ("AdwToastWidget");

  if (type == 0)
    return NULL;
  return tally_test_find_descendant (GTK_WIDGET (f->overlay), type, NULL);
}

static gboolean
toast_shown (gpointer data)
{
  return find_toast (data) != NULL;
}

/* Answers the file chooser an export action opened with @name in @dir.
 * A save dialog starts in the working folder, which is @dir meanwhile
 * (GTK 4.8's dialog ignores a folder set once it shows). */
static void
choose_file (TdvFixture *f,
             const char *action,
             const char *dir,
             const char *name)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) chosen = NULL;
  GtkWindow *chooser;

  g_assert_cmpint (g_chdir (dir), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tdv_card (f, 3)), action, NULL));
  chooser = tally_test_wait_file_chooser ();
  g_assert_true (gtk_window_get_modal (chooser));
  g_assert_true (gtk_window_get_transient_for (chooser) == f->window);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  tally_test_wait_chooser_file (chooser);
  chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  folder = g_file_get_parent (chosen);
  g_assert_cmpstr (g_file_peek_path (folder), ==, dir);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
}

/* The whole way a user goes: the menu's action, the file chooser, the
 * file; and a refused name said in a toast. */
static void
test_card_export_dialog (void)
{
  TdvFixture f = { 0 };
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *csv = g_build_filename (dir, "by-model.csv", NULL);
  GtkWidget *toast;

  tdv_open (&f, TDV_DASHBOARD, 1000, 600);

  /* Without data there is nothing to export: the action is off. */
  gtk_widget_activate_action (GTK_WIDGET (tdv_card (&f, 3)), "card.export-csv", NULL);
  tally_test_drain ();
  g_assert_null (tally_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));

  tdv_give_frames (&f);
  choose_file (&f, "card.export-csv", dir, "by-model.csv");
  g_assert_true (tally_test_wait_until (csv_written, csv, 10000));
  g_assert_null (tdv_card (&f, 3)->chooser);
  g_assert_null (find_toast (&f));

  choose_file (&f, "card.export-image", dir, "by-model.gif");
  g_assert_true (tally_test_wait_until (toast_shown, &f, 10000));
  toast = find_toast (&f);
  g_assert_nonnull (tally_test_find_descendant (toast, GTK_TYPE_LABEL, NULL));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (tally_test_find_descendant (toast, GTK_TYPE_LABEL,
                                                                              NULL))),
                   ==, "Could not export “Cost by model”: by-model.gif: the file name must end "
                       "in .png, .svg or .pdf");

  tdv_close (&f);
}

/* The alerts of a real store, as the local source lists them for an
 * `alerts` panel. */
static TallyFrame *
store_alerts_frame (gint64 t0,
                    gint64 from,
                    gint64 to)
{
  g_autofree char *dir = tally_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "usage.db", NULL);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(TallyTimeRange) range = tally_time_range_new (from, to, to, utc);
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyLocalSource) source = NULL;
  g_autoptr(GAsyncResult) got = NULL;
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  TallyFrame *frame;

  store = tally_store_open (path, &error);
  g_assert_no_error (error);
  tally_test_alerts_write (path, t0);
  source = tally_local_source_new (store);
  tally_source_alerts_async (TALLY_SOURCE (source), range, 100, NULL, tally_test_result_cb, &result);
  got = tally_test_wait_result (&result);
  frame = tally_source_alerts_finish (TALLY_SOURCE (source), got, &error);
  g_assert_no_error (error);
  tally_store_close (store);
  return frame;
}

/* An alerts panel draws the alerts of its range as a table: the rows the
 * store holds, the firing one first in the error colour; exports and
 * View as Table are on; an empty range says there are no alerts, and a
 * source without alerts says what it lacks. */
static void
test_card_alerts (void)
{
  TdvFixture f = { 0 };
  g_autoptr(TallyFrame) frame = store_alerts_frame (1763899200, 1763899200, 1763902800);
  g_autoptr(TallyFrame) empty = store_alerts_frame (1763899200, 1763800000, 1763800600);
  g_autoptr(cairo_surface_t) shown = NULL;
  g_autofree char *description = NULL;
  TallyPanelCard *card;
  TallyChart *chart;
  TallyGridBox box;
  TallyTestPixel error_color;

  tdv_open (&f, "{\"format\": \"tally-dashboard\", \"version\": 1, \"title\": \"Alerts\","
                " \"panels\": [{\"id\": 7, \"type\": \"alerts\", \"title\": \"Firing\","
                " \"gridPos\": {\"x\": 0, \"y\": 0, \"w\": 24, \"h\": 6},"
                " \"query\": {\"metric\": \"requests\", \"stat\": \"count\"}}]}", 1000, 600);
  card = tdv_card (&f, 7);
  chart = tally_chart_view_get_chart (tally_panel_card_get_chart_view (card));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (tally_panel_card_get_chart_view (card))));
  g_assert_true (tally_panel_card_get_loading (card));

  tally_dashboard_view_set_panel_frame (f.view, 7, frame);
  tally_test_drain ();
  g_assert_false (tally_panel_card_get_loading (card));
  g_assert_true (tally_chart_get_frame (chart) == frame);
  g_assert_cmpuint (tally_frame_get_n_rows (frame), ==, 2);
  g_assert_cmpstr (tally_frame_get_string (frame, 0, 0), ==, "Firing");
  g_assert_cmpstr (tally_frame_get_string (frame, 0, 2), ==, "Daily budget exceeded");
  g_assert_cmpstr (tally_frame_get_string (frame, 1, 0), ==, "Resolved");
  g_assert_cmpstr (tally_frame_get_string (frame, 1, 2), ==, "Requests per minute near the limit");

  /* The firing row's state and critical severity in the error colour,
   * the warning in the warning colour, inside the card. */
  shown = tdv_render (&f, "alerts");
  tdv_card_box (&f, 7, &box);
  error_color = tally_test_theme_color (tally_chart_get_theme (chart), TALLY_CHART_COLOR_ERROR);
  g_assert_cmpuint (tally_test_count_like (shown, box.x, box.y, box.width, box.height,
                                           error_color, 30), >, 20);
  g_assert_cmpuint (tally_test_count_like (shown, box.x, box.y, box.width, box.height,
                                           tally_test_theme_color (tally_chart_get_theme (chart),
                                                                   TALLY_CHART_COLOR_WARNING),
                                           30), >, 10);
  description = tally_chart_describe (chart);
  g_assert_cmpstr (description, ==, "Firing, table of 2 rows and 6 columns");

  /* Both actions are on: there is data. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.view-as-table", NULL));
  g_assert_true (tally_panel_card_get_view_as_table (card));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.view-as-table", NULL));
  g_assert_false (tally_panel_card_get_view_as_table (card));

  tally_dashboard_view_set_panel_frame (f.view, 7, empty);
  tally_test_drain ();
  g_free (description);
  description = tally_chart_describe (chart);
  g_assert_cmpstr (description, ==, "Firing: No alerts in this time range");

  /* A remote source keeps no alert history. */
  tally_dashboard_view_set_panel_unsupported (f.view, 7, TRUE);
  tally_test_drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (card->body), ==, "unsupported");
  g_assert_cmpstr (gtk_label_get_text (card->unsupported_metric), ==, "Alert history");

  tdv_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  /* The file chooser in this process, not a portal's. */
  g_setenv ("GDK_DEBUG", "no-portals", TRUE);
  tally_test_gui_init (&argc, &argv);

  g_test_add_func ("/tally/panel-card/header", test_card_header);
  g_test_add_func ("/tally/panel-card/loading", test_card_loading);
  g_test_add_func ("/tally/panel-card/error", test_card_error);
  g_test_add_func ("/tally/panel-card/bad-options", test_card_bad_options);
  g_test_add_func ("/tally/panel-card/menu", test_card_menu);
  g_test_add_func ("/tally/panel-card/view-as-table", test_card_view_as_table);
  g_test_add_func ("/tally/panel-card/actions", test_card_actions);
  g_test_add_func ("/tally/panel-card/export-csv", test_card_export_csv);
  g_test_add_func ("/tally/panel-card/export-image", test_card_export_image);
  g_test_add_func ("/tally/panel-card/export-dialog", test_card_export_dialog);
  g_test_add_func ("/tally/panel-card/alerts", test_card_alerts);

  return g_test_run ();
}
