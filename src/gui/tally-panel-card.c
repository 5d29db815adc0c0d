/* tally-panel-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* One panel of a dashboard as a libadwaita card: a header with the title,
 * what the panel is about, its own time range if it has one, a spinner
 * while its query runs and the panel menu; and the chart below. The card
 * follows its TallyPanel: a new title or description only touches the
 * header, new options only the chart's options, a new query or type drops
 * the frame that answered the old one. It never runs a query: the data
 * model gives it loading, frames and errors through the dashboard view.
 *
 * A card takes whatever size the grid gives it, down to nothing: it asks
 * for no minimum, and a card smaller than its header clips it rather than
 * squeezing any child under its own minimum. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-json-util.h"
#include "tally-panel-card-private.h"
#include "tally-panel-chart.h"
#include "tally-time-describe.h"

enum
{
  PROP_0,
  PROP_PANEL,
  PROP_EDITABLE,
  PROP_LOADING,
  PROP_VIEW_AS_TABLE,
  PROP_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TallyPanelCard, tally_panel_card, GTK_TYPE_WIDGET)

static TallyChart *
card_chart (TallyPanelCard *self)
{
  return tally_chart_view_get_chart (self->chart_view);
}

/* What, when it changes, makes the shown frame an answer to another
 * question: the type (and so the shape), the query and the panel's range. */
static char *
data_key (TallyPanel *panel)
{
  g_autoptr(JsonNode) query = tally_query_to_json (tally_panel_get_query (panel));
  g_autofree char *query_text = tally_json_to_compact_string (query, NULL);

  const char *from = tally_panel_get_time_from (panel);
  const char *to = tally_panel_get_time_to (panel);

  return g_strdup_printf ("%s\n%s\n%s\n%s",
                          tally_panel_type_to_string (tally_panel_get_panel_type (panel)),
                          query_text, from != NULL ? from : "", to != NULL ? to : "");
}

static char *
options_key (TallyPanel *panel)
{
  JsonObject *options = tally_panel_get_options (panel);
  g_autoptr(JsonNode) node = NULL;

  if (options == NULL)
    return g_strdup ("");
  node = json_node_init_object (json_node_alloc (), options);
  return tally_json_to_compact_string (node, NULL);
}

/* The card's accessible name is the title; its description says what
 * the header shows besides: the description, the panel's own range, and
 * an error. */
void
tally_panel_card_update_accessible (TallyPanelCard *self)
{
  const char *title = tally_panel_get_title (self->panel);
  const char *description = tally_panel_get_description (self->panel);
  g_autoptr(GString) text = g_string_new (description);
  const char *error = tally_panel_card_get_error (self);

  if (gtk_widget_get_visible (GTK_WIDGET (self->time_label)))
    {
      if (text->len > 0)
        g_string_append (text, ". ");
      g_string_append (text, gtk_label_get_text (self->time_label));
    }
  if (error != NULL)
    {
      if (text->len > 0)
        g_string_append (text, ". ");
      /* Translators: %s is why the panel could not show its data */
      g_string_append_printf (text, _("Error: %s"), error);
    }
  if (self->unsupported)
    {
      if (text->len > 0)
        g_string_append (text, ". ");
      g_string_append (text, _("Not available from this source"));
    }
  if (self->place != NULL)
    {
      if (text->len > 0)
        g_string_append (text, ". ");
      g_string_append (text, self->place);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  *title != '\0' ? title : _("Untitled panel"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

static void
update_header (TallyPanelCard *self)
{
  const char *title = tally_panel_get_title (self->panel);
  const char *description = tally_panel_get_description (self->panel);
  const char *from = tally_panel_get_time_from (self->panel);
  const char *to = tally_panel_get_time_to (self->panel);
  gboolean described = description[0] != '\0';

  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), described ? description : title);
  gtk_widget_set_visible (GTK_WIDGET (self->info_icon), described);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->info_icon), description);

  gtk_widget_set_visible (GTK_WIDGET (self->time_label), from != NULL && to != NULL);
  if (from != NULL && to != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (self->tz);
      g_autofree char *label = tally_time_describe_range (from, to, now);
      /* Translators: a tooltip; %s is a time range, such as "Today" */
      g_autofree char *tooltip = g_strdup_printf (_("This panel shows its own time range: %s"),
                                                  label);

      gtk_label_set_text (self->time_label, label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), tooltip);
    }

  tally_chart_set_title (card_chart (self), title);
  tally_panel_card_update_accessible (self);
}

/* The error in the header, on the chart or in the failure strip, and the
 * unsupported state (tally-panel-card-failure.c). */
void
tally_panel_card_update_error (TallyPanelCard *self)
{
  const char *error = tally_panel_card_get_error (self);

  tally_chart_set_error (card_chart (self), tally_panel_card_chart_error (self));
  gtk_widget_set_visible (GTK_WIDGET (self->error_icon), error != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_icon), error);
  tally_panel_card_update_failure (self);
  tally_panel_card_update_accessible (self);
}

/* Which actions the menu offers: changing the dashboard only when it is
 * editable (the menu hides them otherwise), and exports only of data. */
static void
update_actions (TallyPanelCard *self)
{
  gboolean data = tally_chart_get_frame (card_chart (self)) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.edit", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.duplicate", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.remove", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.export-csv", data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.export-image", data);
}

static void
apply_options (TallyPanelCard *self)
{
  g_autoptr(TallyChartOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  options = tally_panel_chart_options (self->panel, &error);
  tally_chart_set_options (card_chart (self), options);
  g_clear_pointer (&self->options_error, g_free);
  if (error != NULL)
    self->options_error = g_strdup (error->message);
  tally_panel_card_update_error (self);
}

/* A new type, query or range: the frame shown answered another question,
 * so it goes, and the card waits for the data model's answer. */
static void
apply_data (TallyPanelCard *self,
            gboolean        initial)
{
  tally_panel_chart_set_type (card_chart (self), tally_panel_get_panel_type (self->panel));
  gtk_stack_set_visible_child_name (self->body, "chart");
  if (!initial)
    {
      tally_chart_set_frame (card_chart (self), NULL);
      g_clear_pointer (&self->error, g_free);
      self->retry_at = 0;
      self->unsupported = FALSE;
      tally_panel_card_update_error (self);
      tally_panel_card_set_loading (self, TRUE);
    }
  update_actions (self);
}

static void
panel_changed_cb (TallyPanelCard *self)
{
  g_autofree char *data = data_key (self->panel);
  g_autofree char *options = options_key (self->panel);
  TallyGridRect grid;

  update_header (self);

  if (!g_str_equal (data, self->data_key))
    {
      g_free (self->data_key);
      self->data_key = g_steal_pointer (&data);
      apply_data (self, FALSE);
    }
  /* Only a change of the JSON: options set again would undo the series
   * hidden from the legend. */
  if (!g_str_equal (options, self->options_key))
    {
      g_free (self->options_key);
      self->options_key = g_steal_pointer (&options);
      apply_options (self);
    }

  tally_panel_get_grid (self->panel, &grid.x, &grid.y, &grid.w, &grid.h);
  if (memcmp (&grid, &self->grid, sizeof grid) != 0)
    {
      self->grid = grid;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

static void
chart_notify_frame_cb (TallyPanelCard *self)
{
  update_actions (self);
  tally_panel_card_update_error (self);
}

static void
tally_panel_card_constructed (GObject *object)
{
  TallyPanelCard *self = TALLY_PANEL_CARD (object);
  TallyChart *chart;

  G_OBJECT_CLASS (tally_panel_card_parent_class)->constructed (object);

  g_assert (TALLY_IS_PANEL (self->panel));

  /* apply_data() and apply_options() give it its type and options. */
  self->chart_view = TALLY_CHART_VIEW (tally_chart_view_new (TALLY_CHART_TABLE));
  chart = card_chart (self);
  tally_chart_set_time_zone (chart, self->tz);
  gtk_stack_add_named (self->body, GTK_WIDGET (self->chart_view), "chart");
  tally_panel_card_failure_init (self);
  g_object_bind_property (self->chart_view, "view-as-table", self, "view-as-table",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (chart, "notify::frame", G_CALLBACK (chart_notify_frame_cb), self,
                           G_CONNECT_SWAPPED);

  self->data_key = data_key (self->panel);
  self->options_key = options_key (self->panel);
  tally_panel_get_grid (self->panel, &self->grid.x, &self->grid.y, &self->grid.w, &self->grid.h);
  apply_options (self);
  apply_data (self, TRUE);
  update_header (self);
  tally_panel_card_set_loading (self, TRUE);

  g_signal_connect_object (self->panel, "changed", G_CALLBACK (panel_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Layout: the header at its natural height on top, the failure strip
 * under it when shown, the body below. */

static void
tally_panel_card_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  TallyPanelCard *self = TALLY_PANEL_CARD (widget);
  int header_nat = 0, body_nat = 0, strip_nat = 0;

  gtk_widget_measure (self->header, orientation, -1, NULL, &header_nat, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->body), orientation, -1, NULL, &body_nat, NULL, NULL);
  if (gtk_widget_get_visible (self->failure_strip))
    gtk_widget_measure (self->failure_strip, orientation, -1, NULL, &strip_nat, NULL, NULL);

  *minimum = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (MAX (header_nat, body_nat), strip_nat);
  else
    *natural = header_nat + strip_nat + body_nat;
}

static gboolean
notify_width_cb (gpointer data)
{
  TallyPanelCard *self = data;

  self->width_idle = 0;
  if (self->width != self->allocated_width)
    {
      self->width = self->allocated_width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
    }

  return G_SOURCE_REMOVE;
}

/* The failure strip at @y, as wide as the card; returns its height. */
static int
allocate_strip (TallyPanelCard *self,
                int             width,
                int             y)
{
  int min_width, height;

  if (!gtk_widget_get_visible (self->failure_strip))
    return 0;
  gtk_widget_measure (self->failure_strip, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL,
                      NULL, NULL);
  min_width = MAX (width, min_width);
  gtk_widget_measure (self->failure_strip, GTK_ORIENTATION_VERTICAL, min_width, NULL, &height,
                      NULL, NULL);
  gtk_widget_allocate (self->failure_strip, min_width, height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, y)));
  return height;
}

static void
tally_panel_card_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  TallyPanelCard *self = TALLY_PANEL_CARD (widget);
  GtkWidget *body = GTK_WIDGET (self->body);
  int header_min_width, header_height, body_min_width, body_min_height, top;

  /* Told once the allocation is over: whoever listens (the data model,
   * choosing a bucket width) may change the card, which must not happen
   * while GTK lays it out. */
  self->allocated_width = width;
  if (width != self->width && self->width_idle == 0)
    self->width_idle = g_idle_add (notify_width_cb, self);

  gtk_widget_measure (self->header, GTK_ORIENTATION_HORIZONTAL, -1, &header_min_width, NULL,
                      NULL, NULL);
  header_min_width = MAX (width, header_min_width);
  gtk_widget_measure (self->header, GTK_ORIENTATION_VERTICAL, header_min_width, NULL,
                      &header_height, NULL, NULL);
  gtk_widget_allocate (self->header, header_min_width, header_height, -1, NULL);
  top = header_height + allocate_strip (self, width, header_height);

  gtk_widget_measure (body, GTK_ORIENTATION_HORIZONTAL, -1, &body_min_width, NULL, NULL, NULL);
  body_min_width = MAX (width, body_min_width);
  gtk_widget_measure (body, GTK_ORIENTATION_VERTICAL, body_min_width, &body_min_height, NULL,
                      NULL, NULL);
  gtk_widget_allocate (body, body_min_width, MAX (height - top, body_min_height), -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, top)));
  tally_panel_card_allocate_grip (self, width, height);
}

/* Actions */

static void
emit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  /* "card.edit" → "edit" */
  const char *name = strchr (action_name, '.') + 1;

  g_signal_emit (widget, signals[ACTION], g_quark_from_string (name), name);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tally_panel_card_popup_menu (TALLY_PANEL_CARD (widget));
}

static void
tally_panel_card_dispose (GObject *object)
{
  TallyPanelCard *self = TALLY_PANEL_CARD (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->width_idle, g_source_remove);
  tally_panel_card_failure_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_PANEL_CARD);
  g_clear_pointer (&self->grip, gtk_widget_unparent);
  self->chart_view = NULL;
  if (self->panel != NULL)
    g_signal_handlers_disconnect_by_data (self->panel, self);
  g_clear_object (&self->panel);

  G_OBJECT_CLASS (tally_panel_card_parent_class)->dispose (object);
}

static void
tally_panel_card_finalize (GObject *object)
{
  TallyPanelCard *self = TALLY_PANEL_CARD (object);

  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->error);
  g_free (self->options_error);
  g_free (self->data_key);
  g_free (self->options_key);
  g_free (self->place);

  G_OBJECT_CLASS (tally_panel_card_parent_class)->finalize (object);
}

static void
tally_panel_card_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TallyPanelCard *self = TALLY_PANEL_CARD (object);

  switch (prop_id)
    {
    case PROP_PANEL:
      g_value_set_object (value, self->panel);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_VIEW_AS_TABLE:
      g_value_set_boolean (value, self->view_as_table);
      break;
    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_panel_card_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TallyPanelCard *self = TALLY_PANEL_CARD (object);

  switch (prop_id)
    {
    case PROP_PANEL:
      self->panel = g_value_dup_object (value);
      break;
    case PROP_EDITABLE:
      tally_panel_card_set_editable (self, g_value_get_boolean (value));
      break;
    case PROP_LOADING:
      tally_panel_card_set_loading (self, g_value_get_boolean (value));
      break;
    case PROP_VIEW_AS_TABLE:
      tally_panel_card_set_view_as_table (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_PANEL] =
    g_param_spec_object ("panel", NULL, NULL, TALLY_TYPE_PANEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Whether the dashboard may change: the menu offers Edit, Duplicate and
   * Remove only then. */
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW_AS_TABLE] =
    g_param_spec_boolean ("view-as-table", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The width in pixels the grid gives the panel, notified soon after it
   * changes; 0 before the first allocation. */
  properties[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_panel_card_class_init (TallyPanelCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tally_panel_card_constructed;
  object_class->dispose = tally_panel_card_dispose;
  object_class->finalize = tally_panel_card_finalize;
  object_class->get_property = tally_panel_card_get_property;
  object_class->set_property = tally_panel_card_set_property;

  widget_class->measure = tally_panel_card_measure;
  widget_class->size_allocate = tally_panel_card_size_allocate;

  install_properties (object_class);

  /**
   * TallyPanelCard::action:
   * @name: "edit", "duplicate" or "remove", also the detail
   *
   * The user asked, from the panel menu, for a change of the dashboard
   * that the window makes.
   */
  signals[ACTION] = g_signal_new ("action", G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/tally-panel-card.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyPanelCard, header);
  gtk_widget_class_bind_template_child (widget_class, TallyPanelCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, TallyPanelCard, info_icon);
  gtk_widget_class_bind_template_child (widget_class, TallyPanelCard, time_label);
  gtk_widget_class_bind_template_child (widget_class, TallyPanelCard, error_icon);
  gtk_widget_class_bind_template_child (widget_class, TallyPanelCard, spinner);
  gtk_widget_class_bind_template_child (widget_class, TallyPanelCard, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TallyPanelCard, body);

  gtk_widget_class_install_action (widget_class, "card.edit", NULL, emit_action);
  gtk_widget_class_install_action (widget_class, "card.duplicate", NULL, emit_action);
  gtk_widget_class_install_action (widget_class, "card.remove", NULL, emit_action);
  gtk_widget_class_install_property_action (widget_class, "card.view-as-table", "view-as-table");
  gtk_widget_class_install_action (widget_class, "card.export-csv", NULL,
                                   tally_panel_card_export_action);
  gtk_widget_class_install_action (widget_class, "card.export-image", NULL,
                                   tally_panel_card_export_action);
  gtk_widget_class_install_action (widget_class, "card.menu", NULL, menu_action);

  /* The context-menu keys open the panel menu while the focus is in the
   * card, as they open a list row's menu in Files. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "card.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "card.menu",
                                       NULL);

  tally_panel_card_edit_class_init (widget_class);
  tally_panel_card_failure_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "panelcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  g_type_ensure (TALLY_TYPE_CHART_VIEW);
}

static void
tally_panel_card_init (TallyPanelCard *self)
{
  self->tz = g_time_zone_new_local ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  tally_panel_card_edit_init (self);
}

/**
 * tally_panel_card_new:
 * @panel: the panel to show; the card follows its changes
 *
 * A card for @panel, loading until it gets a frame or an error.
 */
GtkWidget *
tally_panel_card_new (TallyPanel *panel)
{
  g_return_val_if_fail (TALLY_IS_PANEL (panel), NULL);

  return g_object_new (TALLY_TYPE_PANEL_CARD, "panel", panel, NULL);
}

TallyPanel *
tally_panel_card_get_panel (TallyPanelCard *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_CARD (self), NULL);

  return self->panel;
}

TallyChartView *
tally_panel_card_get_chart_view (TallyPanelCard *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_CARD (self), NULL);

  return self->chart_view;
}

int
tally_panel_card_get_width (TallyPanelCard *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_CARD (self), 0);

  return self->width;
}

gboolean
tally_panel_card_get_editable (TallyPanelCard *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_CARD (self), FALSE);

  return self->editable;
}

void
tally_panel_card_set_editable (TallyPanelCard *self,
                               gboolean        editable)
{
  g_return_if_fail (TALLY_IS_PANEL_CARD (self));

  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

/* Transfer none: the zone the chart and the CSV write times in. */
GTimeZone *
tally_panel_card_get_time_zone (TallyPanelCard *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_CARD (self), NULL);

  return self->tz;
}

void
tally_panel_card_set_time_zone (TallyPanelCard *self,
                                GTimeZone      *tz)
{
  g_return_if_fail (TALLY_IS_PANEL_CARD (self));
  g_return_if_fail (tz != NULL);

  g_time_zone_ref (tz);
  g_time_zone_unref (self->tz);
  self->tz = tz;
  tally_chart_set_time_zone (card_chart (self), tz);
}

gboolean
tally_panel_card_get_loading (TallyPanelCard *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_CARD (self), FALSE);

  return self->loading;
}

/* While a query runs: the spinner turns, and the chart keeps the frame it
 * has, so a refresh never blinks. */
void
tally_panel_card_set_loading (TallyPanelCard *self,
                              gboolean        loading)
{
  g_return_if_fail (TALLY_IS_PANEL_CARD (self));

  loading = !!loading;
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  tally_chart_set_loading (card_chart (self), loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* A query's answer: shown, loading over, a previous error gone. */
void
tally_panel_card_set_frame (TallyPanelCard *self,
                            TallyFrame     *frame)
{
  g_return_if_fail (TALLY_IS_PANEL_CARD (self));

  tally_chart_set_frame (card_chart (self), frame);
  tally_panel_card_set_loading (self, FALSE);
  if (self->error != NULL)
    tally_panel_card_set_error (self, NULL);
}

/* The error shown: the query's, else what is wrong with the options, or
 * %NULL. */
const char *
tally_panel_card_get_error (TallyPanelCard *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_CARD (self), NULL);

  return self->error != NULL ? self->error : self->options_error;
}

/* A failed query: the message shows over the last good frame, which
 * stays; %NULL clears it. */
void
tally_panel_card_set_error (TallyPanelCard *self,
                            const char     *message)
{
  g_return_if_fail (TALLY_IS_PANEL_CARD (self));

  if (message != NULL)
    tally_panel_card_set_loading (self, FALSE);
  if (tally_str_replace (&self->error, message))
    tally_panel_card_update_error (self);
}

gboolean
tally_panel_card_get_view_as_table (TallyPanelCard *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL_CARD (self), FALSE);

  return self->view_as_table;
}

/* The menu's "View as Table", bound to the chart view's own. */
void
tally_panel_card_set_view_as_table (TallyPanelCard *self,
                                    gboolean        view_as_table)
{
  g_return_if_fail (TALLY_IS_PANEL_CARD (self));

  view_as_table = !!view_as_table;
  if (self->view_as_table == view_as_table)
    return;
  self->view_as_table = view_as_table;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_AS_TABLE]);
}

void
tally_panel_card_popup_menu (TallyPanelCard *self)
{
  g_return_if_fail (TALLY_IS_PANEL_CARD (self));

  gtk_menu_button_popup (self->menu_button);
}
