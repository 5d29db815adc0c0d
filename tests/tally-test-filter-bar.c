/* tally-test-filter-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Helpers of the filter bar's tests: a bar on a dashboard in a window,
 * its popovers opened as a user opens them, and the widgets inside them
 * found by what they say. */

#include "config.h"

#include "tally-test-filter-bar.h"

static void
values_needed_cb (TallyFilterBar *bar,
                  const char     *dimension,
                  GPtrArray      *needed)
{
  g_ptr_array_add (needed, g_strdup (dimension));
}

/* The application's own stylesheet, as TallyApplication loads it. */
void
tfb_load_style (void)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/tallyapp/Tally/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* @width: the window's width, as GINT_TO_POINTER */
void
tfb_setup (TfbFixture    *fx,
           gconstpointer  width)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  tfb_load_style ();
  fx->needed = g_ptr_array_new_with_free_func (g_free);
  fx->dashboard = tally_dashboard_new ();
  tally_dashboard_set_time (fx->dashboard, "now-24h", "now");
  fx->bar = TALLY_FILTER_BAR (tally_filter_bar_new ());
  tally_filter_bar_set_dashboard (fx->bar, fx->dashboard);
  g_signal_connect (fx->bar, "values-needed", G_CALLBACK (values_needed_cb), fx->needed);

  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, GPOINTER_TO_INT (width), 300);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fx->bar));
  gtk_window_set_child (fx->window, box);
  gtk_window_present (fx->window);
  g_assert_true (tally_test_wait_mapped (GTK_WIDGET (fx->bar)));
  tally_test_drain ();
}

/* The window, the bar and the dashboard all go: nothing else holds them. */
void
tfb_teardown (TfbFixture    *fx,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) also = g_ptr_array_new ();

  g_ptr_array_add (also, fx->bar);
  tally_test_destroy_window_with (fx->window, also);
  g_assert_finalize_object (fx->dashboard);
  g_ptr_array_unref (fx->needed);
}

/* A template child of @widget (whose class is @type) by its id. */
GtkWidget *
tfb_child (gpointer    widget,
           GType       type,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

TallyRangePicker *
tfb_picker (TfbFixture *fx)
{
  GtkWidget *picker = tally_test_find_descendant (GTK_WIDGET (fx->bar), TALLY_TYPE_RANGE_PICKER,
                                                  NULL);

  g_assert_nonnull (picker);
  return TALLY_RANGE_PICKER (picker);
}

/* Opens the range popover through the bar's action, as a shortcut would. */
GtkPopover *
tfb_open_picker (TfbFixture *fx)
{
  GtkWidget *popover = tfb_child (tfb_picker (fx), TALLY_TYPE_RANGE_PICKER, "popover");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->bar), "filter.pick-range", NULL));
  g_assert_true (tally_test_wait_mapped (popover));
  return GTK_POPOVER (popover);
}

/* Whether @widget is, or holds, a label saying @text. */
static gboolean
says (GtkWidget  *widget,
      const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (says (child, text))
        return TRUE;
    }
  return FALSE;
}

/* The first widget of @type under @root with a label saying @text. */
GtkWidget *
tfb_find_labelled (GtkWidget  *root,
                   GType       type,
                   const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && says (root, text))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tfb_find_labelled (child, type, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens Add Filter and picks @dimension from its list, as a user does. */
TallyFilterPopover *
tfb_open_dimension (TfbFixture *fx,
                    const char *dimension)
{
  GtkWidget *popover = tally_test_find_descendant (GTK_WIDGET (fx->bar), TALLY_TYPE_FILTER_POPOVER,
                                                   "add-filter");
  GtkWidget *list = tfb_child (popover, TALLY_TYPE_FILTER_POPOVER, "dimension_list");
  GtkWidget *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->bar), "filter.add-filter", NULL));
  g_assert_true (tally_test_wait_mapped (popover));
  row = tally_test_find_descendant (list, GTK_TYPE_LIST_BOX_ROW, dimension);
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  tally_test_drain ();
  return TALLY_FILTER_POPOVER (popover);
}

/* The check box of @value in @popover's list, as the list view made it. */
GtkCheckButton *
tfb_find_check (TallyFilterPopover *popover,
                const char         *value)
{
  GtkWidget *list = tfb_child (popover, TALLY_TYPE_FILTER_POPOVER, "list_view");
  GtkWidget *check;

  tally_test_drain ();
  check = tfb_find_labelled (list, GTK_TYPE_CHECK_BUTTON, value);
  g_assert_nonnull (check);
  return GTK_CHECK_BUTTON (check);
}

/* The chip of @dimension, or NULL. */
TallyFilterChip *
tfb_chip (TfbFixture *fx,
          const char *dimension)
{
  return (TallyFilterChip *) tally_test_find_descendant (GTK_WIDGET (fx->bar),
                                                         TALLY_TYPE_FILTER_CHIP, dimension);
}

void
tfb_assert_time (TfbFixture *fx,
                 const char *from,
                 const char *to)
{
  g_assert_cmpstr (tally_dashboard_get_time_from (fx->dashboard), ==, from);
  g_assert_cmpstr (tally_dashboard_get_time_to (fx->dashboard), ==, to);
}

void
tfb_assert_filter (TfbFixture         *fx,
                   const char         *dimension,
                   const char * const *expected)
{
  const char * const *values = tally_dashboard_get_filter (fx->dashboard, dimension);

  g_assert_cmpuint (g_strv_length ((char **) values), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (values[i], ==, expected[i]);
}

gboolean
tfb_action_enabled (TfbFixture *fx,
                    const char *name)
{
  return g_action_group_get_action_enabled (tally_filter_bar_get_actions (fx->bar), name);
}
