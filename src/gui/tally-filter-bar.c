/* tally-filter-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The bar above a dashboard: back and forward through the time ranges
 * shown, the range picker, zoom out, the active filters as chips and an
 * Add Filter button. It edits a TallyDashboard and nothing else: every
 * choice goes to tally_dashboard_set_time() or _set_filter(), and every
 * "changed" of the dashboard, whoever made it (this bar, undo, a zoom
 * dragged on a chart, another dashboard loaded), comes back to update the
 * label, the chips and the history. So the bar never disagrees with the
 * dashboard it shows.
 *
 * The values of a dimension come from the window's data source: the bar
 * emits ::values-needed and the window answers with
 * tally_filter_bar_set_values(). docs/filters.md describes the whole. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-filter-bar.h"
#include "tally-filter-chip.h"
#include "tally-filter-popover.h"
#include "tally-range-history.h"
#include "tally-range-picker.h"
#include "tally-time-range.h"
#include "tally-time-zoom.h"
#include "tally-wrap-layout.h"

struct _TallyFilterBar
{
  GtkWidget           parent_instance;

  TallyDashboard     *dashboard;
  TallyRangeHistory  *history;
  GSimpleActionGroup *actions;
  guint               navigating : 1;   /* moving through the history */

  GtkWidget          *time_box;
  GtkWidget          *back_button;
  TallyRangePicker   *picker;
  GtkMenuButton      *add_button;
  TallyFilterPopover *add_popover;
};

G_DEFINE_FINAL_TYPE (TallyFilterBar, tally_filter_bar, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DASHBOARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  VALUES_NEEDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const dimensions[] = { TALLY_DASHBOARD_FILTERS };

static void sync_filters (TallyFilterBar *self);

static void
set_action_enabled (TallyFilterBar *self,
                    const char     *name,
                    gboolean        enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static gboolean
range_parses (TallyFilterBar *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(TallyTimeRange) range = NULL;

  range = tally_time_range_parse (tally_dashboard_get_time_from (self->dashboard),
                                  tally_dashboard_get_time_to (self->dashboard), now, NULL);
  return range != NULL;
}

static void
update_actions (TallyFilterBar *self)
{
  gboolean bound = self->dashboard != NULL;

  set_action_enabled (self, "back", bound && tally_range_history_can_back (self->history));
  set_action_enabled (self, "forward", bound && tally_range_history_can_forward (self->history));
  set_action_enabled (self, "zoom-out", bound && range_parses (self));
  set_action_enabled (self, "pick-range", bound);
  set_action_enabled (self, "add-filter", bound);
  set_action_enabled (self, "edit-filter", bound);
  gtk_widget_set_sensitive (GTK_WIDGET (self->picker), bound);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), bound);
}

static void
sync_time (TallyFilterBar *self)
{
  const char *from = tally_dashboard_get_time_from (self->dashboard);
  const char *to = tally_dashboard_get_time_to (self->dashboard);

  tally_range_picker_set_range (self->picker, from, to);
  if (!self->navigating)
    tally_range_history_push (self->history, from, to);
  update_actions (self);
}

static void
dashboard_changed_cb (TallyFilterBar *self)
{
  sync_time (self);
  sync_filters (self);
}

/* Time */

static void
range_chosen_cb (TallyFilterBar *self,
                 const char     *from,
                 const char     *to)
{
  if (self->dashboard != NULL)
    tally_dashboard_set_time (self->dashboard, from, to);
}

/* Shows a range from the history without recording it again. */
static void
show_from_history (TallyFilterBar *self,
                   const char     *from,
                   const char     *to)
{
  g_autofree char *f = g_strdup (from);
  g_autofree char *t = g_strdup (to);

  self->navigating = TRUE;
  tally_dashboard_set_time (self->dashboard, f, t);
  self->navigating = FALSE;
  sync_time (self);
}

static void
back_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  TallyFilterBar *self = data;
  const char *from, *to;

  if (self->dashboard != NULL && tally_range_history_back (self->history, &from, &to))
    show_from_history (self, from, to);
}

static void
forward_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  TallyFilterBar *self = data;
  const char *from, *to;

  if (self->dashboard != NULL && tally_range_history_forward (self->history, &from, &to))
    show_from_history (self, from, to);
}

static void
zoom_out_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       data)
{
  TallyFilterBar *self = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  /* The action is disabled while the range does not parse. */
  if (self->dashboard == NULL ||
      !tally_time_zoom_out (tally_dashboard_get_time_from (self->dashboard),
                            tally_dashboard_get_time_to (self->dashboard), now, &from, &to, NULL))
    return;
  tally_dashboard_set_time (self->dashboard, from, to);
}

static void
pick_range_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       data)
{
  tally_range_picker_popup (TALLY_FILTER_BAR (data)->picker);
}

/* Filters */

static TallyFilterChip *
find_chip (TallyFilterBar *self,
           const char     *dimension)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TALLY_IS_FILTER_CHIP (child) &&
          g_str_equal (tally_filter_chip_get_dimension (TALLY_FILTER_CHIP (child)), dimension))
        return TALLY_FILTER_CHIP (child);
    }
  return NULL;
}

static void
set_filter (TallyFilterBar     *self,
            const char         *dimension,
            const char * const *values)
{
  if (self->dashboard != NULL)
    tally_dashboard_set_filter (self->dashboard, dimension, values);
}

static void
selection_changed_cb (TallyFilterBar     *self,
                      const char         *dimension,
                      const char * const *values)
{
  set_filter (self, dimension, values);
}

/* A popover shows @dimension: it checks what the dashboard filters on
 * while the window looks the values up. */
static void
values_needed_cb (TallyFilterBar     *self,
                  const char         *dimension,
                  TallyFilterPopover *popover)
{
  if (self->dashboard != NULL)
    tally_filter_popover_set_selected (popover,
                                       tally_dashboard_get_filter (self->dashboard, dimension));
  g_signal_emit (self, signals[VALUES_NEEDED], 0, dimension);
}

static void
connect_popover (TallyFilterBar     *self,
                 TallyFilterPopover *popover)
{
  g_signal_connect_object (popover, "values-needed", G_CALLBACK (values_needed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (popover, "selection-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
chip_remove_cb (TallyFilterBar  *self,
                TallyFilterChip *chip)
{
  const char * const none[] = { NULL };

  set_filter (self, tally_filter_chip_get_dimension (chip), none);
}

static TallyFilterChip *
add_chip (TallyFilterBar *self,
          const char     *dimension,
          GtkWidget      *after)
{
  TallyFilterChip *chip = TALLY_FILTER_CHIP (tally_filter_chip_new (dimension));
  TallyFilterPopover *popover = tally_filter_chip_get_popover (chip);

  connect_popover (self, popover);
  /* A chip emptied from its own popover stays until that closes. */
  g_signal_connect_object (popover, "closed", G_CALLBACK (sync_filters), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (chip, "remove", G_CALLBACK (chip_remove_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_insert_after (GTK_WIDGET (chip), GTK_WIDGET (self), after);
  return chip;
}

/* One chip per filtered dimension, in the dashboard's order, between the
 * time controls and the Add Filter button. */
static void
sync_filters (TallyFilterBar *self)
{
  GtkWidget *after = self->time_box;

  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    {
      const char * const *values = NULL;
      TallyFilterChip *chip = find_chip (self, dimensions[i]);

      if (self->dashboard != NULL)
        values = tally_dashboard_get_filter (self->dashboard, dimensions[i]);
      if (g_strcmp0 (tally_filter_popover_get_dimension (self->add_popover), dimensions[i]) == 0)
        tally_filter_popover_set_selected (self->add_popover, values);

      if (values == NULL || values[0] == NULL)
        {
          if (chip != NULL && gtk_widget_get_visible (GTK_WIDGET (tally_filter_chip_get_popover (chip))))
            tally_filter_chip_set_values (chip, NULL);
          else if (chip != NULL)
            gtk_widget_unparent (GTK_WIDGET (chip));
          continue;
        }

      if (chip == NULL)
        chip = add_chip (self, dimensions[i], after);
      tally_filter_chip_set_values (chip, values);
      tally_filter_popover_set_selected (tally_filter_chip_get_popover (chip), values);
      after = GTK_WIDGET (chip);
    }
}

static void
add_filter_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       data)
{
  gtk_menu_button_popup (TALLY_FILTER_BAR (data)->add_button);
}

static void
edit_filter_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       data)
{
  TallyFilterBar *self = data;
  const char *dimension = g_variant_get_string (parameter, NULL);
  TallyFilterChip *chip;

  if (!g_strv_contains (dimensions, dimension))
    return;
  /* An active filter opens on its chip, a new one on Add Filter. */
  if ((chip = find_chip (self, dimension)) != NULL)
    {
      tally_filter_chip_popup (chip);
      return;
    }
  gtk_menu_button_popup (self->add_button);
  tally_filter_popover_show_dimension (self->add_popover, dimension);
}

/* GObject */

static void
tally_filter_bar_dispose (GObject *object)
{
  TallyFilterBar *self = TALLY_FILTER_BAR (object);
  GtkWidget *child;

  tally_filter_bar_set_dashboard (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_FILTER_BAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (tally_filter_bar_parent_class)->dispose (object);
}

static void
tally_filter_bar_finalize (GObject *object)
{
  TallyFilterBar *self = TALLY_FILTER_BAR (object);

  tally_range_history_free (self->history);

  G_OBJECT_CLASS (tally_filter_bar_parent_class)->finalize (object);
}

static void
tally_filter_bar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TallyFilterBar *self = TALLY_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_DASHBOARD:
      g_value_set_object (value, self->dashboard);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_filter_bar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TallyFilterBar *self = TALLY_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_DASHBOARD:
      tally_filter_bar_set_dashboard (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_filter_bar_class_init (TallyFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_filter_bar_dispose;
  object_class->finalize = tally_filter_bar_finalize;
  object_class->get_property = tally_filter_bar_get_property;
  object_class->set_property = tally_filter_bar_set_property;

  /**
   * TallyFilterBar:dashboard:
   *
   * The dashboard whose time range and filters the bar shows and edits.
   */
  properties[PROP_DASHBOARD] =
    g_param_spec_object ("dashboard", NULL, NULL, TALLY_TYPE_DASHBOARD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TallyFilterBar::values-needed:
   * @bar: the bar
   * @dimension: a dimension name: "model", "project", "api_key", "user" or "status"
   *
   * A filter list opened on @dimension: look its values up in the current
   * range (asynchronously) and answer with tally_filter_bar_set_values()
   * or tally_filter_bar_set_values_error(). The list spins until then.
   */
  signals[VALUES_NEEDED] = g_signal_new ("values-needed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         G_TYPE_STRING);

  g_type_ensure (TALLY_TYPE_RANGE_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tallyapp/Tally/tally-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyFilterBar, time_box);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterBar, back_button);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterBar, picker);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterBar, add_button);
  gtk_widget_class_bind_template_callback (widget_class, range_chosen_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, TALLY_TYPE_WRAP_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filterbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static const GActionEntry action_entries[] = {
  { "back", back_activated, NULL, NULL, NULL, { 0 } },
  { "forward", forward_activated, NULL, NULL, NULL, { 0 } },
  { "zoom-out", zoom_out_activated, NULL, NULL, NULL, { 0 } },
  { "pick-range", pick_range_activated, NULL, NULL, NULL, { 0 } },
  { "add-filter", add_filter_activated, NULL, NULL, NULL, { 0 } },
  { "edit-filter", edit_filter_activated, "s", NULL, NULL, { 0 } },
};

static void
tally_filter_bar_init (TallyFilterBar *self)
{
  TallyWrapLayout *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = TALLY_WRAP_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  tally_wrap_layout_set_spacing (layout, 6);
  tally_wrap_layout_set_row_spacing (layout, 6);

  self->history = tally_range_history_new (TALLY_RANGE_HISTORY_DEFAULT_LENGTH);
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "filter", G_ACTION_GROUP (self->actions));

  self->add_popover = TALLY_FILTER_POPOVER (tally_filter_popover_new (TRUE));
  gtk_widget_set_name (GTK_WIDGET (self->add_popover), "add-filter");
  connect_popover (self, self->add_popover);
  gtk_menu_button_set_popover (self->add_button, GTK_WIDGET (self->add_popover));

  update_actions (self);
}

GtkWidget *
tally_filter_bar_new (void)
{
  return g_object_new (TALLY_TYPE_FILTER_BAR, NULL);
}

/**
 * tally_filter_bar_get_dashboard:
 *
 * Returns: (transfer none) (nullable): the dashboard the bar edits
 */
TallyDashboard *
tally_filter_bar_get_dashboard (TallyFilterBar *self)
{
  g_return_val_if_fail (TALLY_IS_FILTER_BAR (self), NULL);

  return self->dashboard;
}

/**
 * tally_filter_bar_set_dashboard:
 * @dashboard: (nullable): the dashboard to show and edit
 *
 * Binds the bar to @dashboard: its range and filters show at once, and
 * the back and forward history starts again from its range.
 */
void
tally_filter_bar_set_dashboard (TallyFilterBar *self,
                                TallyDashboard *dashboard)
{
  g_return_if_fail (TALLY_IS_FILTER_BAR (self));
  g_return_if_fail (dashboard == NULL || TALLY_IS_DASHBOARD (dashboard));

  if (self->dashboard == dashboard)
    return;

  if (self->dashboard != NULL)
    g_signal_handlers_disconnect_by_data (self->dashboard, self);
  g_set_object (&self->dashboard, dashboard);
  tally_range_history_clear (self->history);

  if (dashboard != NULL)
    {
      g_signal_connect_object (dashboard, "changed", G_CALLBACK (dashboard_changed_cb), self,
                               G_CONNECT_SWAPPED);
      sync_time (self);
    }
  sync_filters (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DASHBOARD]);
}

/**
 * tally_filter_bar_set_values:
 * @dimension: the dimension of ::values-needed
 * @values: (array zero-terminated=1): its values in the current range,
 *   in the order to list them (most used first, say)
 *
 * Answers ::values-needed: the list that asked stops spinning and shows
 * @values. An answer for a list no longer shown is ignored.
 */
void
tally_filter_bar_set_values (TallyFilterBar     *self,
                             const char         *dimension,
                             const char * const *values)
{
  TallyFilterChip *chip;

  g_return_if_fail (TALLY_IS_FILTER_BAR (self));
  g_return_if_fail (dimension != NULL);

  tally_filter_popover_set_values (self->add_popover, dimension, values);
  if ((chip = find_chip (self, dimension)) != NULL)
    tally_filter_popover_set_values (tally_filter_chip_get_popover (chip), dimension, values);
}

/**
 * tally_filter_bar_set_values_error:
 * @dimension: the dimension of ::values-needed
 * @message: why its values could not be listed, for people
 *
 * Answers ::values-needed with a failure, shown in the list.
 */
void
tally_filter_bar_set_values_error (TallyFilterBar *self,
                                   const char     *dimension,
                                   const char     *message)
{
  TallyFilterChip *chip;

  g_return_if_fail (TALLY_IS_FILTER_BAR (self));
  g_return_if_fail (dimension != NULL && message != NULL);

  tally_filter_popover_set_error (self->add_popover, dimension, message);
  if ((chip = find_chip (self, dimension)) != NULL)
    tally_filter_popover_set_error (tally_filter_chip_get_popover (chip), dimension, message);
}

/**
 * tally_filter_bar_get_actions:
 *
 * The bar's actions: `back`, `forward`, `zoom-out`, `pick-range`,
 * `add-filter` and `edit-filter` (a dimension name). The bar uses them as
 * the "filter" group; a window inserts the same group into itself under
 * that name to give them accelerators (`filter.back` on Alt+Left…).
 *
 * Returns: (transfer none): the action group
 */
GActionGroup *
tally_filter_bar_get_actions (TallyFilterBar *self)
{
  g_return_val_if_fail (TALLY_IS_FILTER_BAR (self), NULL);

  return G_ACTION_GROUP (self->actions);
}
