/* tally-dashboard-sidebar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The list of dashboards in the window's sidebar: the built-in ones, then
 * the user's, each group under its heading, filtered as the user types in
 * the search bar (title, description and tags match, as
 * tally_dashboard_library_matches() says). Picking a row selects its
 * dashboard; the window shows it. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tally-dashboard-sidebar.h"

struct _TallyDashboardSidebar
{
  GtkWidget              parent_instance;

  TallyDashboardLibrary *library;
  TallyDashboard        *selected;
  GtkFilterListModel    *filtered;
  GtkCustomFilter       *filter;

  GtkSearchBar          *search_bar;
  GtkSearchEntry        *search_entry;
  GtkStack              *stack;
  GtkListBox            *list;
  AdwStatusPage         *empty;
  gboolean               selecting;
};

G_DEFINE_FINAL_TYPE (TallyDashboardSidebar, tally_dashboard_sidebar, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_LIBRARY,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TallyDashboardSidebar *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return tally_dashboard_library_matches (TALLY_DASHBOARD (item), text);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TallyDashboard *dashboard = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (NULL);
  const char *description = tally_dashboard_get_description (dashboard);

  g_object_bind_property (dashboard, "title", label, "label", G_BINDING_SYNC_CREATE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (description != NULL && description[0] != '\0')
    gtk_widget_set_tooltip_text (row, description);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "dashboard", g_object_ref (dashboard), g_object_unref);
  return row;
}

static TallyDashboard *
row_dashboard (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "dashboard") : NULL;
}

/* A heading above the first row of each group. */
static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  TallyDashboardSidebar *self = user_data;
  gboolean builtin = tally_dashboard_library_is_builtin (self->library, row_dashboard (row));
  GtkWidget *heading;

  if (before != NULL &&
      builtin == tally_dashboard_library_is_builtin (self->library, row_dashboard (before)))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  heading = gtk_label_new (builtin ? _("Built-in") : _("Your Dashboards"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_top (heading, before != NULL ? 12 : 6);
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_widget_set_margin_start (heading, 12);
  gtk_list_box_row_set_header (row, heading);
}

static void
select_row_of (TallyDashboardSidebar *self,
               TallyDashboard        *dashboard)
{
  GtkListBoxRow *row;

  self->selecting = TRUE;
  gtk_list_box_unselect_all (self->list);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (dashboard != NULL && row_dashboard (row) == dashboard)
      {
        gtk_list_box_select_row (self->list, row);
        break;
      }
  self->selecting = FALSE;
}

static void
update_state (TallyDashboardSidebar *self)
{
  gboolean searching = gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0';
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  if (searching)
    {
      adw_status_page_set_icon_name (self->empty, "edit-find-symbolic");
      adw_status_page_set_title (self->empty, _("No Dashboards Found"));
      adw_status_page_set_description (self->empty, _("Try a different search"));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty, "view-grid-symbolic");
      adw_status_page_set_title (self->empty, _("No Dashboards Yet"));
      adw_status_page_set_description (self->empty,
                                       _("Dashboards of your usage will be listed here"));
    }
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  select_row_of (self, self->selected);
}

static void
search_changed_cb (TallyDashboardSidebar *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
row_selected_cb (TallyDashboardSidebar *self,
                 GtkListBoxRow         *row)
{
  TallyDashboard *dashboard = row_dashboard (row);

  if (self->selecting || dashboard == NULL)
    return;
  tally_dashboard_sidebar_set_selected (self, dashboard);
}

/* Enter in the search entry opens the first match. */
static void
search_activate_cb (TallyDashboardSidebar *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, 0);

  if (row != NULL)
    {
      tally_dashboard_sidebar_set_selected (self, row_dashboard (row));
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

GtkWidget *
tally_dashboard_sidebar_new (void)
{
  return g_object_new (TALLY_TYPE_DASHBOARD_SIDEBAR, NULL);
}

TallyDashboardLibrary *
tally_dashboard_sidebar_get_library (TallyDashboardSidebar *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_SIDEBAR (self), NULL);
  return self->library;
}

void
tally_dashboard_sidebar_set_library (TallyDashboardSidebar *self,
                                     TallyDashboardLibrary *library)
{
  g_return_if_fail (TALLY_IS_DASHBOARD_SIDEBAR (self));
  g_return_if_fail (library == NULL || TALLY_IS_DASHBOARD_LIBRARY (library));

  if (!g_set_object (&self->library, library))
    return;
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (library));
  gtk_list_box_bind_model (self->list, library ? G_LIST_MODEL (self->filtered) : NULL,
                           create_row, self, NULL);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY]);
}

TallyDashboard *
tally_dashboard_sidebar_get_selected (TallyDashboardSidebar *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_SIDEBAR (self), NULL);
  return self->selected;
}

void
tally_dashboard_sidebar_set_selected (TallyDashboardSidebar *self,
                                      TallyDashboard        *dashboard)
{
  g_return_if_fail (TALLY_IS_DASHBOARD_SIDEBAR (self));
  g_return_if_fail (dashboard == NULL || TALLY_IS_DASHBOARD (dashboard));

  if (!g_set_object (&self->selected, dashboard))
    return;
  select_row_of (self, dashboard);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

GtkSearchEntry *
tally_dashboard_sidebar_get_search (TallyDashboardSidebar *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_SIDEBAR (self), NULL);
  return self->search_entry;
}

void
tally_dashboard_sidebar_start_search (TallyDashboardSidebar *self)
{
  g_return_if_fail (TALLY_IS_DASHBOARD_SIDEBAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
tally_dashboard_sidebar_dispose (GObject *object)
{
  TallyDashboardSidebar *self = TALLY_DASHBOARD_SIDEBAR (object);
  GtkWidget *child;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->list = NULL;
  g_clear_object (&self->filtered);
  g_clear_object (&self->library);
  g_clear_object (&self->selected);

  G_OBJECT_CLASS (tally_dashboard_sidebar_parent_class)->dispose (object);
}

static void
tally_dashboard_sidebar_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TallyDashboardSidebar *self = TALLY_DASHBOARD_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_sidebar_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TallyDashboardSidebar *self = TALLY_DASHBOARD_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      tally_dashboard_sidebar_set_library (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      tally_dashboard_sidebar_set_selected (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_sidebar_class_init (TallyDashboardSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_dashboard_sidebar_dispose;
  object_class->get_property = tally_dashboard_sidebar_get_property;
  object_class->set_property = tally_dashboard_sidebar_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, TALLY_TYPE_DASHBOARD_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, TALLY_TYPE_DASHBOARD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dashboardsidebar");
}

static void
tally_dashboard_sidebar_init (TallyDashboardSidebar *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *scrolled;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Search dashboards"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search dashboards"), -1);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self,
                           G_CONNECT_SWAPPED);
  self->search_bar = GTK_SEARCH_BAR (gtk_search_bar_new ());
  gtk_search_bar_set_child (self->search_bar, GTK_WIDGET (self->search_entry));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_show_close_button (self->search_bar, FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->search_bar), GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_list_box_set_header_func (self->list, header_func, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Dashboards"), -1);
  g_signal_connect_object (self->list, "row-selected", G_CALLBACK (row_selected_cb), self,
                           G_CONNECT_SWAPPED);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));

  self->empty = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->empty), "compact");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty), "empty");
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  update_state (self);
}
