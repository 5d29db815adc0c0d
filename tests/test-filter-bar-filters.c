/* test-filter-bar-filters.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The filter bar's filters under Xvfb, against a real TallyDashboard:
 * opening a dimension asks for its values once and spins until they come;
 * checking two values sets the dashboard's filter exactly; the search
 * narrows the list; chips show the filters, remove them, and open their
 * own list; a filter changed elsewhere updates chips and check boxes; the
 * chips wrap in a narrow window; light, dark and high contrast take
 * libadwaita's colours. Each test ends by proving the window, the bar and
 * the dashboard are freed. */

#include "config.h"

#include "tally-test-filter-bar.h"

#define WIDE GINT_TO_POINTER (1000)
#define NARROW GINT_TO_POINTER (360)

static const char * const models[] = { "gpt-4o", "o3", "claude-3-5-sonnet", NULL };

static GtkWidget *
part (TallyFilterPopover *popover,
      const char         *id)
{
  return tfb_child (popover, TALLY_TYPE_FILTER_POPOVER, id);
}

static const char *
page (TallyFilterPopover *popover)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (part (popover, "value_pages")));
}

/* Check boxes the list view shows now. */
static guint
count_shown_checks (GtkWidget *root)
{
  guint n = GTK_IS_CHECK_BUTTON (root) && gtk_widget_get_mapped (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_shown_checks (child);
  return n;
}

typedef struct
{
  TallyFilterPopover *popover;
  const char         *page;
  guint               shown;
} Search;

static gboolean
searched (gpointer data)
{
  Search *search = data;

  return g_strcmp0 (page (search->popover), search->page) == 0 &&
         count_shown_checks (part (search->popover, "list_view")) == search->shown;
}

/* Types @text in the search entry and waits for the list to show @shown
 * rows on @expected_page (the entry waits for a pause in the typing). */
static void
search (TallyFilterPopover *popover,
        const char         *text,
        const char         *expected_page,
        guint               shown)
{
  Search search = { popover, expected_page, shown };

  gtk_editable_set_text (GTK_EDITABLE (part (popover, "search")), text);
  g_assert_true (tally_test_wait_until (searched, &search, 5000));
}

static void
check (TallyFilterPopover *popover,
       const char         *value,
       gboolean            active)
{
  gtk_check_button_set_active (tfb_find_check (popover, value), active);
  tally_test_drain ();
}

static void
test_values (TfbFixture    *fx,
             gconstpointer  data)
{
  TallyFilterPopover *popover = tfb_open_dimension (fx, "model");
  GtkWidget *spinner = part (popover, "loading_spinner");
  const char * const o3[] = { "o3", NULL };
  const char * const two[] = { "gpt-4o", "o3", NULL };
  const char * const three[] = { "gpt-4o", "o3", "claude-3-5-sonnet", NULL };
  const char * const users[] = { "alice", NULL };

  /* Asked once, spinning until the answer. */
  g_assert_cmpuint (fx->needed->len, ==, 1);
  g_assert_cmpstr (fx->needed->pdata[0], ==, "model");
  g_assert_true (tally_filter_popover_get_loading (popover));
  g_assert_cmpstr (page (popover), ==, "loading");
  g_assert_true (gtk_widget_get_mapped (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));

  /* Typing asks nothing; another dimension's answer changes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (part (popover, "search")), "o");
  gtk_editable_set_text (GTK_EDITABLE (part (popover, "search")), "");
  tally_filter_bar_set_values (fx->bar, "user", users);
  tally_test_drain ();
  g_assert_cmpuint (fx->needed->len, ==, 1);
  g_assert_cmpstr (page (popover), ==, "loading");

  tally_filter_bar_set_values (fx->bar, "model", models);
  tally_test_drain ();
  g_assert_false (tally_filter_popover_get_loading (popover));
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_cmpstr (page (popover), ==, "list");
  g_assert_cmpuint (count_shown_checks (part (popover, "list_view")), ==, 3);

  /* Two checks: the dashboard's filter, exactly, in the list's order. */
  check (popover, "o3", TRUE);
  tfb_assert_filter (fx, "model", o3);
  check (popover, "gpt-4o", TRUE);
  tfb_assert_filter (fx, "model", two);
  g_assert_cmpuint (fx->needed->len, ==, 1);

  /* The search narrows the list, whatever the case (after the search
   * entry's pause for typing). */
  search (popover, "O3", "list", 1);
  g_assert_true (gtk_check_button_get_active (tfb_find_check (popover, "o3")));
  search (popover, "mistral", "no-match", 0);
  search (popover, "", "list", 3);

  /* Enter on a row toggles it, as a click does. */
  g_signal_emit_by_name (part (popover, "list_view"), "activate", 2);
  tfb_assert_filter (fx, "model", three);
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
test_values_error (TfbFixture    *fx,
                   gconstpointer  data)
{
  TallyFilterPopover *popover = tfb_open_dimension (fx, "user");
  const char * const none[] = { NULL };

  g_assert_cmpuint (fx->needed->len, ==, 1);
  g_assert_cmpstr (fx->needed->pdata[0], ==, "user");
  tally_filter_bar_set_values_error (fx->bar, "user", "Connection refused");
  tally_test_drain ();
  g_assert_cmpstr (page (popover), ==, "error");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (popover, "error_label"))), ==,
                   "Connection refused");
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (part (popover, "loading_spinner"))));

  /* Back to the dimensions, another one: asked again, once. */
  g_signal_emit_by_name (part (popover, "back_button"), "clicked");
  g_signal_emit_by_name (part (popover, "dimension_list"), "row-activated",
                         tally_test_find_descendant (part (popover, "dimension_list"),
                                                     GTK_TYPE_LIST_BOX_ROW, "status"));
  g_assert_cmpuint (fx->needed->len, ==, 2);
  g_assert_cmpstr (fx->needed->pdata[1], ==, "status");
  tally_filter_bar_set_values (fx->bar, "status", none);
  tally_test_drain ();
  g_assert_cmpstr (page (popover), ==, "empty");
}

static void
test_chips (TfbFixture    *fx,
            gconstpointer  data)
{
  const char * const two[] = { "gpt-4o", "o3", NULL };
  const char * const one[] = { "gpt-4o", NULL };
  const char * const none[] = { NULL };
  const char * const users[] = { "alice", NULL };
  TallyFilterChip *chip;
  TallyFilterPopover *popover;
  GtkWidget *close;

  g_assert_null (tfb_chip (fx, "model"));
  tally_dashboard_set_filter (fx->dashboard, "user", users);
  tally_dashboard_set_filter (fx->dashboard, "model", two);
  chip = tfb_chip (fx, "model");
  g_assert_nonnull (chip);
  g_assert_cmpstr (tally_filter_chip_get_text (chip), ==, "Model: gpt-4o, o3");
  g_assert_nonnull (tfb_find_labelled (GTK_WIDGET (chip), GTK_TYPE_LABEL, "Model: gpt-4o, o3"));
  /* In the dashboard's order, before Add Filter. */
  g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (chip)) == GTK_WIDGET (tfb_chip (fx, "user")));
  g_assert_true (GTK_IS_MENU_BUTTON (gtk_widget_get_next_sibling (GTK_WIDGET (tfb_chip (fx, "user")))));

  /* The chip's own list: asked once, checked as the dashboard says. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->bar), "filter.edit-filter", "s",
                                             "model"));
  popover = tally_filter_chip_get_popover (chip);
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (popover)));
  g_assert_cmpuint (fx->needed->len, ==, 1);
  g_assert_cmpstr (fx->needed->pdata[0], ==, "model");
  tally_filter_bar_set_values (fx->bar, "model", models);
  g_assert_true (gtk_check_button_get_active (tfb_find_check (popover, "o3")));
  g_assert_false (gtk_check_button_get_active (tfb_find_check (popover, "claude-3-5-sonnet")));
  check (popover, "o3", FALSE);
  tfb_assert_filter (fx, "model", one);
  g_assert_cmpstr (tally_filter_chip_get_text (chip), ==, "Model: gpt-4o");

  /* Emptied from its own list, the chip stays until the list closes. */
  check (popover, "gpt-4o", FALSE);
  tfb_assert_filter (fx, "model", none);
  g_assert_true (tfb_chip (fx, "model") == chip);
  g_assert_cmpstr (tally_filter_chip_get_text (chip), ==, "Model");
  gtk_popover_popdown (GTK_POPOVER (popover));
  tally_test_drain ();
  g_assert_null (tfb_chip (fx, "model"));

  /* The close button says what it removes, and removes it. */
  chip = tfb_chip (fx, "user");
  close = tally_test_find_descendant (GTK_WIDGET (chip), GTK_TYPE_BUTTON, NULL);
  while (close != NULL && GTK_IS_TOGGLE_BUTTON (close))
    close = gtk_widget_get_next_sibling (gtk_widget_get_parent (close));
  g_assert_nonnull (close);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remove filter User: alice");
  g_signal_emit_by_name (close, "clicked");
  tfb_assert_filter (fx, "user", none);
  g_assert_null (tfb_chip (fx, "user"));
}

static void
test_changed_elsewhere (TfbFixture    *fx,
                        gconstpointer  data)
{
  TallyFilterPopover *popover = tfb_open_dimension (fx, "model");
  g_autoptr(TallyDashboard) other = tally_dashboard_new ();
  const char * const two[] = { "gpt-4o", "o3", NULL };
  const char * const one[] = { "gpt-4o", NULL };
  const char * const search[] = { "search", NULL };

  tally_filter_bar_set_values (fx->bar, "model", models);
  check (popover, "o3", TRUE);
  check (popover, "gpt-4o", TRUE);
  tfb_assert_filter (fx, "model", two);

  /* Undo, say: the check boxes and the chip follow without a word back. */
  tally_dashboard_set_filter (fx->dashboard, "model", one);
  tally_test_drain ();
  g_assert_false (gtk_check_button_get_active (tfb_find_check (popover, "o3")));
  g_assert_true (gtk_check_button_get_active (tfb_find_check (popover, "gpt-4o")));
  g_assert_cmpstr (tally_filter_chip_get_text (tfb_chip (fx, "model")), ==, "Model: gpt-4o");
  tfb_assert_filter (fx, "model", one);
  gtk_popover_popdown (GTK_POPOVER (popover));

  tally_dashboard_set_filter (fx->dashboard, "project", search);
  g_assert_cmpstr (tally_filter_chip_get_text (tfb_chip (fx, "project")), ==, "Project: search");

  /* Another dashboard: its filters only. */
  tally_dashboard_set_filter (other, "api_key", search);
  tally_filter_bar_set_dashboard (fx->bar, other);
  g_assert_null (tfb_chip (fx, "model"));
  g_assert_null (tfb_chip (fx, "project"));
  g_assert_cmpstr (tally_filter_chip_get_text (tfb_chip (fx, "api_key")), ==, "API key: search");
  tally_filter_bar_set_dashboard (fx->bar, fx->dashboard);
  g_assert_nonnull (tfb_chip (fx, "model"));
  g_assert_null (tfb_chip (fx, "api_key"));
}

static void
set_three_filters (TfbFixture *fx,
                   gboolean    long_user)
{
  const char * const two[] = { "gpt-4o", "o3", NULL };
  const char * const search[] = { "search", NULL };
  const char * const users[] = { "alice@example.com", "bob@example.com", NULL };
  const char * const alice[] = { "alice", NULL };

  tally_dashboard_set_filter (fx->dashboard, "model", two);
  tally_dashboard_set_filter (fx->dashboard, "project", search);
  tally_dashboard_set_filter (fx->dashboard, "user", long_user ? users : alice);
  tally_test_drain ();
}

static graphene_rect_t
bounds_in_bar (TfbFixture *fx,
               GtkWidget  *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (fx->bar), &bounds));
  return bounds;
}

/* Every child inside the bar; returns how many lines they take. */
static guint
count_lines (TfbFixture *fx)
{
  int width = gtk_widget_get_width (GTK_WIDGET (fx->bar));
  double line_bottom = -1;
  guint lines = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fx->bar));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t b;

      if (GTK_IS_NATIVE (child) || !gtk_widget_get_visible (child))
        continue;
      b = bounds_in_bar (fx, child);
      g_assert_cmpfloat (b.origin.x, >=, 0);
      g_assert_cmpfloat (b.origin.x + b.size.width, <=, width);
      if (b.origin.y >= line_bottom)
        lines++;
      line_bottom = MAX (line_bottom, b.origin.y + b.size.height);
    }
  return lines;
}

static void
test_wide (TfbFixture    *fx,
           gconstpointer  data)
{
  set_three_filters (fx, FALSE);
  g_assert_cmpuint (count_lines (fx), ==, 1);
  /* A long chip takes the Add Filter button to a second line. */
  set_three_filters (fx, TRUE);
  g_assert_cmpuint (count_lines (fx), ==, 2);
}

static void
test_narrow (TfbFixture    *fx,
             gconstpointer  data)
{
  TallyFilterChip *user;
  graphene_rect_t time_box, chip;

  set_three_filters (fx, TRUE);
  /* 360 pixels: the chips wrap under the time controls, and the long one
   * is cut to the width rather than overflowing it. */
  g_assert_cmpuint (count_lines (fx), >=, 3);
  time_box = bounds_in_bar (fx, tfb_child (fx->bar, TALLY_TYPE_FILTER_BAR, "time_box"));
  chip = bounds_in_bar (fx, GTK_WIDGET (tfb_chip (fx, "model")));
  g_assert_cmpfloat (chip.origin.y, >=, time_box.origin.y + time_box.size.height);
  user = tfb_chip (fx, "user");
  g_assert_cmpstr (tally_filter_chip_get_text (user), ==,
                   "User: alice@example.com, bob@example.com");
  g_assert_cmpfloat (bounds_in_bar (fx, GTK_WIDGET (user)).size.width, <=,
                     gtk_widget_get_width (GTK_WIDGET (fx->bar)));
}

typedef struct
{
  double fill[3];     /* inside the chip, left of its text */
  double border[3];   /* its top edge */
  double expected[3]; /* the fill libadwaita's colours give */
} ChipPixels;

static void
read_chip (TfbFixture *fx,
           ChipPixels *out)
{
  GtkWidget *chip = GTK_WIDGET (tfb_chip (fx, "model"));
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (fx->bar));
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t b;
  GdkRGBA accent, window;

  tally_test_drain ();
  texture = tally_test_render_widget (GTK_WIDGET (fx->window));
  g_assert_true (gtk_widget_compute_bounds (chip, GTK_WIDGET (fx->window), &b));
  tally_test_texture_pixel (texture, (int) b.origin.x + 6, (int) (b.origin.y + b.size.height / 2),
                            out->fill);
  tally_test_texture_pixel (texture, (int) (b.origin.x + b.size.width / 2), (int) b.origin.y,
                            out->border);
  g_assert_true (gtk_style_context_lookup_color (context, "accent_bg_color", &accent));
  g_assert_true (gtk_style_context_lookup_color (context, "window_bg_color", &window));
  out->expected[0] = 0.15 * accent.red + 0.85 * window.red;
  out->expected[1] = 0.15 * accent.green + 0.85 * window.green;
  out->expected[2] = 0.15 * accent.blue + 0.85 * window.blue;
}

static void
assert_near (const double a[3],
             const double b[3],
             double       tolerance)
{
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (a[i], b[i], tolerance);
}

static gboolean
high_contrast_is (gpointer data)
{
  return adw_style_manager_get_high_contrast (adw_style_manager_get_default ()) ==
         GPOINTER_TO_INT (data);
}

static void
test_styles (TfbFixture    *fx,
             gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
  ChipPixels light, dark, contrast;

  set_three_filters (fx, FALSE);

  /* The chip is tinted with 15 % of the accent over the window, light and
   * dark alike: libadwaita's colours, not ours. */
  read_chip (fx, &light);
  assert_near (light.fill, light.expected, 0.02);
  g_assert_cmpfloat (tally_test_luminance (light.fill), >, 0.7);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  read_chip (fx, &dark);
  assert_near (dark.fill, dark.expected, 0.02);
  g_assert_cmpfloat (tally_test_luminance (dark.fill), <, 0.3);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  /* High contrast draws the chip's edge much stronger. */
  g_settings_set_boolean (a11y, "high-contrast", TRUE);
  g_assert_true (tally_test_wait_until (high_contrast_is, GINT_TO_POINTER (TRUE), 5000));
  read_chip (fx, &contrast);
  g_settings_set_boolean (a11y, "high-contrast", FALSE);
  g_assert_true (tally_test_wait_until (high_contrast_is, GINT_TO_POINTER (FALSE), 5000));
  g_assert_cmpfloat (tally_test_luminance (contrast.border), <,
                     tally_test_luminance (light.border) - 0.15);
}

int
main (int   argc,
      char *argv[])
{
  tally_test_gui_init (&argc, &argv);

#define ADD(path, width, func) \
  g_test_add ("/tally/filter-bar/" path, TfbFixture, width, tfb_setup, func, tfb_teardown)
  ADD ("values", WIDE, test_values);
  ADD ("values-error", WIDE, test_values_error);
  ADD ("chips", WIDE, test_chips);
  ADD ("filters-changed-elsewhere", WIDE, test_changed_elsewhere);
  ADD ("wide", WIDE, test_wide);
  ADD ("narrow", NARROW, test_narrow);
  ADD ("styles", WIDE, test_styles);
#undef ADD

  return g_test_run ();
}
