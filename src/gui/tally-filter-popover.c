/* tally-filter-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The values of one dimension (model, project, API key, user, status) as
 * a searchable list of check boxes. The Add Filter button's popover first
 * lists the dimensions; a filter chip's popover shows its own dimension
 * at once. The values come from a data source, asynchronously: the
 * popover asks with ::values-needed each time it shows a dimension and
 * spins until tally_filter_popover_set_values() answers (the last list
 * stays on screen meanwhile, with a small spinner). Every check box
 * applies at once through ::selection-changed.
 *
 * A GtkListView, not a list box: a dimension such as "user" can have
 * thousands of values. Each row's check box is bound to its
 * TallyFilterValue, so a selection changed elsewhere (undo, another
 * dashboard) shows without rebuilding the rows. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-dashboard.h"
#include "tally-filter-popover.h"
#include "tally-filter-value.h"
#include "tally-metric.h"

struct _TallyFilterPopover
{
  GtkPopover          parent_instance;

  gboolean            pick_dimension;
  char               *dimension;
  GListStore         *items;          /* TallyFilterValue */
  GtkStringFilter    *filter;
  GtkFilterListModel *filtered;
  char               *error;
  guint               loading : 1;
  guint               syncing : 1;    /* setting checks from outside: no signal */

  GtkStack           *pages;
  GtkListBox         *dimension_list;
  GtkWidget          *back_button;
  GtkLabel           *title;
  GtkSpinner         *refresh_spinner;
  GtkSearchEntry     *search;
  GtkStack           *value_pages;
  GtkSpinner         *loading_spinner;
  GtkListView        *list_view;
  GtkLabel           *error_label;
  GtkWidget          *clear_button;
};

G_DEFINE_FINAL_TYPE (TallyFilterPopover, tally_filter_popover, GTK_TYPE_POPOVER)

enum
{
  VALUES_NEEDED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define DIMENSION_KEY "tally-dimension"

/**
 * tally_filter_dimension_get_title:
 * @dimension: a dimension name, e.g. "api_key"
 *
 * Returns: (transfer none): its name for people, e.g. "API key"
 */
const char *
tally_filter_dimension_get_title (const char *dimension)
{
  TallyDimension parsed;
  const char *title;

  if (!tally_dimension_parse (dimension, &parsed, NULL))
    return dimension;
  title = tally_dimension_get_title (parsed.kind);
  tally_dimension_clear (&parsed);
  return title;
}

static gboolean
any_active (TallyFilterPopover *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyFilterValue) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (tally_filter_value_get_active (item))
        return TRUE;
    }
  return FALSE;
}

/* Which page the values part shows, and the spinners. */
static void
update_state (TallyFilterPopover *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  const char *page;

  if (self->error != NULL)
    page = "error";
  else if (n == 0)
    page = self->loading ? "loading" : "empty";
  else
    page = shown == 0 ? "no-match" : "list";
  gtk_stack_set_visible_child_name (self->value_pages, page);

  gtk_spinner_set_spinning (self->loading_spinner, self->loading && n == 0);
  gtk_spinner_set_spinning (self->refresh_spinner, self->loading && n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_spinner), self->loading && n > 0);
  gtk_widget_set_sensitive (self->clear_button, any_active (self));
}

static GStrv
collect_selected (TallyFilterPopover *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyFilterValue) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (tally_filter_value_get_active (item))
        g_strv_builder_add (builder, tally_filter_value_get_value (item));
    }
  return g_strv_builder_end (builder);
}

static void
item_active_cb (TallyFilterPopover *self)
{
  g_auto(GStrv) selected = NULL;

  gtk_widget_set_sensitive (self->clear_button, any_active (self));
  if (self->syncing || self->dimension == NULL)
    return;

  selected = collect_selected (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0, self->dimension, selected);
}

static void
add_item (TallyFilterPopover *self,
          guint               position,
          const char         *value,
          gboolean            active)
{
  g_autoptr(TallyFilterValue) item = tally_filter_value_new (value, active);

  g_signal_connect_object (item, "notify::active", G_CALLBACK (item_active_cb), self,
                           G_CONNECT_SWAPPED);
  g_list_store_insert (self->items, position, item);
}

static gboolean
has_item (TallyFilterPopover *self,
          const char         *value)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyFilterValue) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_str_equal (tally_filter_value_get_value (item), value))
        return TRUE;
    }
  return FALSE;
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  /* The row takes the focus; Enter on it toggles the box. */
  gtk_widget_set_focusable (check, FALSE);
  gtk_list_item_set_child (list_item, check);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  data)
{
  TallyFilterValue *item = gtk_list_item_get_item (list_item);
  GtkWidget *check = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  GBinding *binding;

  gtk_label_set_text (GTK_LABEL (label), tally_filter_value_get_value (item));
  gtk_widget_set_tooltip_text (label, tally_filter_value_get_value (item));
  binding = g_object_bind_property (item, "active", check, "active",
                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (list_item), "tally-binding", binding);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (list_item), "tally-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

static void
row_activated_cb (TallyFilterPopover *self,
                  guint               position)
{
  g_autoptr(TallyFilterValue) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item != NULL)
    tally_filter_value_set_active (item, !tally_filter_value_get_active (item));
}

/* Pages */

static void
search_changed_cb (TallyFilterPopover *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search)));
  update_state (self);
}

/* Shows @dimension's values page and asks for its values. */
static void
open_dimension (TallyFilterPopover *self,
                const char         *dimension)
{
  if (g_strcmp0 (self->dimension, dimension) != 0)
    {
      g_list_store_remove_all (self->items);
      g_free (self->dimension);
      self->dimension = g_strdup (dimension);
    }
  g_clear_pointer (&self->error, g_free);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  gtk_label_set_text (self->title, tally_filter_dimension_get_title (dimension));
  gtk_widget_set_visible (self->back_button, self->pick_dimension);
  gtk_stack_set_visible_child_name (self->pages, "values");
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search));

  g_signal_emit (self, signals[VALUES_NEEDED], 0, dimension);
}

static void
dimension_activated_cb (TallyFilterPopover *self,
                        GtkListBoxRow      *row)
{
  open_dimension (self, g_object_get_data (G_OBJECT (row), DIMENSION_KEY));
}

static void
back_cb (TallyFilterPopover *self)
{
  gtk_stack_set_visible_child_name (self->pages, "dimensions");
  gtk_widget_grab_focus (GTK_WIDGET (self->dimension_list));
}

static void
clear_cb (TallyFilterPopover *self)
{
  g_autofree char *dimension = g_strdup (self->dimension);
  const char * const none[] = { NULL };

  tally_filter_popover_set_selected (self, none);
  update_state (self);
  if (dimension != NULL)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0, dimension, none);
}

static void
show_cb (TallyFilterPopover *self)
{
  if (self->pick_dimension)
    {
      gtk_stack_set_transition_type (self->pages, GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_stack_set_visible_child_name (self->pages, "dimensions");
      gtk_stack_set_transition_type (self->pages, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
    }
  else if (self->dimension != NULL)
    open_dimension (self, self->dimension);
}

static void
add_dimension_rows (TallyFilterPopover *self)
{
  static const char * const dimensions[] = { TALLY_DASHBOARD_FILTERS };

  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (tally_filter_dimension_get_title (dimensions[i]));
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), arrow);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_name (row, dimensions[i]);
      g_object_set_data (G_OBJECT (row), DIMENSION_KEY, (gpointer) dimensions[i]);
      gtk_list_box_append (self->dimension_list, row);
    }
}

static void
setup_list (TallyFilterPopover *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkExpression *expression;

  self->items = g_list_store_new (TALLY_TYPE_FILTER_VALUE);
  expression = gtk_property_expression_new (TALLY_TYPE_FILTER_VALUE, NULL, "value");
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (g_object_ref (self->filter)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

static void
tally_filter_popover_dispose (GObject *object)
{
  TallyFilterPopover *self = TALLY_FILTER_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_FILTER_POPOVER);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (tally_filter_popover_parent_class)->dispose (object);
}

static void
tally_filter_popover_finalize (GObject *object)
{
  TallyFilterPopover *self = TALLY_FILTER_POPOVER (object);

  g_free (self->dimension);
  g_free (self->error);

  G_OBJECT_CLASS (tally_filter_popover_parent_class)->finalize (object);
}

static void
tally_filter_popover_class_init (TallyFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_filter_popover_dispose;
  object_class->finalize = tally_filter_popover_finalize;

  /**
   * TallyFilterPopover::values-needed:
   * @popover: the popover
   * @dimension: the dimension shown
   *
   * The popover shows @dimension and needs its values: answer with
   * tally_filter_popover_set_values() (or _set_error()), later if need be.
   */
  signals[VALUES_NEEDED] = g_signal_new ("values-needed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         G_TYPE_STRING);

  /**
   * TallyFilterPopover::selection-changed:
   * @popover: the popover
   * @dimension: the dimension
   * @values: (array zero-terminated=1): the values checked, in the list's order
   *
   * The user checked or unchecked a value.
   */
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                             2, G_TYPE_STRING, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tallyapp/Tally/tally-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyFilterPopover, pages);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterPopover, dimension_list);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterPopover, back_button);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterPopover, title);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterPopover, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterPopover, search);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterPopover, value_pages);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterPopover, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterPopover, list_view);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterPopover, error_label);
  gtk_widget_class_bind_template_child (widget_class, TallyFilterPopover, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, show_cb);
  gtk_widget_class_bind_template_callback (widget_class, dimension_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_cb);
}

static void
tally_filter_popover_init (TallyFilterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_list (self);
  add_dimension_rows (self);
  gtk_search_entry_set_key_capture_widget (self->search, GTK_WIDGET (self->list_view));
}

/**
 * tally_filter_popover_new:
 * @pick_dimension: whether the popover starts with a list of dimensions
 *   (the Add Filter button) rather than one dimension's values (a chip)
 */
GtkWidget *
tally_filter_popover_new (gboolean pick_dimension)
{
  TallyFilterPopover *self = g_object_new (TALLY_TYPE_FILTER_POPOVER, NULL);

  self->pick_dimension = !!pick_dimension;
  gtk_stack_set_visible_child_name (self->pages, pick_dimension ? "dimensions" : "values");
  return GTK_WIDGET (self);
}

/**
 * tally_filter_popover_get_dimension:
 *
 * Returns: (nullable): the dimension whose values the popover shows or
 *   last showed
 */
const char *
tally_filter_popover_get_dimension (TallyFilterPopover *self)
{
  g_return_val_if_fail (TALLY_IS_FILTER_POPOVER (self), NULL);

  return self->dimension;
}

/**
 * tally_filter_popover_show_dimension:
 * @dimension: a dimension name, e.g. "model"
 *
 * Shows @dimension's values; when the popover is open, at once (and it
 * asks for them with ::values-needed), else when it next opens.
 */
void
tally_filter_popover_show_dimension (TallyFilterPopover *self,
                                     const char         *dimension)
{
  g_return_if_fail (TALLY_IS_FILTER_POPOVER (self));
  g_return_if_fail (dimension != NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      open_dimension (self, dimension);
      return;
    }
  if (g_strcmp0 (self->dimension, dimension) != 0)
    {
      g_list_store_remove_all (self->items);
      g_free (self->dimension);
      self->dimension = g_strdup (dimension);
    }
}

/**
 * tally_filter_popover_set_values:
 * @dimension: the dimension the values are of
 * @values: (array zero-terminated=1): its values, in the order to show
 *
 * Answers ::values-needed. Values of another dimension than the one shown
 * are ignored (the answer came too late). Checked values that are not
 * among @values stay in the list, first, so they can be unchecked.
 */
void
tally_filter_popover_set_values (TallyFilterPopover *self,
                                 const char         *dimension,
                                 const char * const *values)
{
  g_auto(GStrv) selected = NULL;
  guint position = 0;

  g_return_if_fail (TALLY_IS_FILTER_POPOVER (self));
  g_return_if_fail (dimension != NULL);

  if (g_strcmp0 (self->dimension, dimension) != 0)
    return;

  selected = collect_selected (self);
  self->syncing = TRUE;
  g_list_store_remove_all (self->items);
  for (guint i = 0; selected[i] != NULL; i++)
    if (values == NULL || !g_strv_contains (values, selected[i]))
      add_item (self, position++, selected[i], TRUE);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (!has_item (self, values[i]))
      add_item (self, g_list_model_get_n_items (G_LIST_MODEL (self->items)), values[i],
                g_strv_contains ((const char * const *) selected, values[i]));
  self->syncing = FALSE;

  g_clear_pointer (&self->error, g_free);
  self->loading = FALSE;
  update_state (self);
}

/**
 * tally_filter_popover_set_error:
 * @dimension: the dimension whose values could not be listed
 * @message: why, for people
 *
 * Answers ::values-needed with a failure: the popover shows @message.
 */
void
tally_filter_popover_set_error (TallyFilterPopover *self,
                                const char         *dimension,
                                const char         *message)
{
  g_return_if_fail (TALLY_IS_FILTER_POPOVER (self));
  g_return_if_fail (dimension != NULL && message != NULL);

  if (g_strcmp0 (self->dimension, dimension) != 0)
    return;

  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message);
  self->loading = FALSE;
  update_state (self);
}

/**
 * tally_filter_popover_set_selected:
 * @values: (array zero-terminated=1): the values the dashboard filters on
 *
 * Checks exactly @values of the dimension shown, as the dashboard holds
 * them, without emitting ::selection-changed.
 */
void
tally_filter_popover_set_selected (TallyFilterPopover *self,
                                   const char * const *values)
{
  guint n;

  g_return_if_fail (TALLY_IS_FILTER_POPOVER (self));

  self->syncing = TRUE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyFilterValue) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      tally_filter_value_set_active (item, values != NULL &&
                                     g_strv_contains (values, tally_filter_value_get_value (item)));
    }
  for (guint i = 0, position = 0; values != NULL && values[i] != NULL; i++)
    if (!has_item (self, values[i]))
      add_item (self, position++, values[i], TRUE);
  self->syncing = FALSE;
  update_state (self);
}

/* Whether the popover waits for ::values-needed to be answered. */
gboolean
tally_filter_popover_get_loading (TallyFilterPopover *self)
{
  g_return_val_if_fail (TALLY_IS_FILTER_POPOVER (self), FALSE);

  return self->loading;
}
