/* tally-dashboard-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A dashboard in the window: its panels as cards on the 24-column grid
 * (TallyDashboardLayout places them), or a status page when it has none.
 * The view follows the dashboard's list of panels: a panel added or
 * removed adds or removes its card, and every other card stays as it is;
 * a card follows its own panel's title, place, type and query.
 *
 * It runs no query. The data model gives each panel its loading state,
 * frame or error through the setters here, by panel id, and learns the
 * panels' widths (for automatic intervals) from "panel-width-changed".
 * What a panel's menu asks of the dashboard (edit, duplicate, remove)
 * goes to the window as "panel-action". docs/dashboard-view.md. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tally-dashboard-layout.h"
#include "tally-dashboard-view-private.h"

enum
{
  PROP_0,
  PROP_DASHBOARD,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  PANEL_ACTION,
  PANEL_WIDTH_CHANGED,
  PANEL_RETRY,
  EDIT_BEGIN,
  EDIT_END,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TallyDashboardView, tally_dashboard_view, GTK_TYPE_WIDGET)

static gboolean
editable (TallyDashboardView *self)
{
  return self->dashboard != NULL && tally_dashboard_get_editable (self->dashboard);
}

static void
card_action_cb (TallyDashboardView *self,
                const char         *action,
                TallyPanelCard     *card)
{
  guint id = tally_panel_get_id (tally_panel_card_get_panel (card));

  g_signal_emit (self, signals[PANEL_ACTION], g_quark_from_string (action), id, action);
}

static void
card_retry_cb (TallyDashboardView *self,
               TallyPanelCard     *card)
{
  guint id = tally_panel_get_id (tally_panel_card_get_panel (card));

  g_signal_emit (self, signals[PANEL_RETRY], 0, id);
}

static void
card_width_cb (TallyDashboardView *self,
               GParamSpec         *pspec,
               TallyPanelCard     *card)
{
  guint id = tally_panel_get_id (tally_panel_card_get_panel (card));

  g_signal_emit (self, signals[PANEL_WIDTH_CHANGED], 0, id, tally_panel_card_get_width (card));
}

static GtkWidget *
add_card (TallyDashboardView *self,
          TallyPanel         *panel)
{
  GtkWidget *card = tally_panel_card_new (panel);

  tally_panel_card_set_editable (TALLY_PANEL_CARD (card), editable (self));
  tally_panel_card_set_time_zone (TALLY_PANEL_CARD (card), self->tz);
  g_signal_connect_object (card, "action", G_CALLBACK (card_action_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (card, "notify::width", G_CALLBACK (card_width_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (card, "retry", G_CALLBACK (card_retry_cb), self, G_CONNECT_SWAPPED);
  g_hash_table_insert (self->cards, g_object_ref (panel), card);
  gtk_widget_set_parent (card, GTK_WIDGET (self));
  tally_dashboard_view_edit_card (self, TALLY_PANEL_CARD (card));

  return card;
}

static void
update_title (TallyDashboardView *self)
{
  const char *title = self->dashboard != NULL ? tally_dashboard_get_title (self->dashboard) : "";

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  *title != '\0' ? title : _("Dashboard"), -1);
}

static void
update_empty (TallyDashboardView *self)
{
  guint n = self->panels != NULL ? g_list_model_get_n_items (self->panels) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->empty), n == 0);
  gtk_widget_set_sensitive (self->add_button, editable (self));
  adw_status_page_set_description (self->empty,
                                   editable (self)
                                   ? _("Add a panel to chart requests, tokens, cost or latency")
                                   : _("This dashboard is view-only"));
}

/* Makes the cards what the panels are: a card for each panel, in the
 * dashboard's order (the float-up's), and none for panels
 * gone. Cards of panels still there are kept, with their frames. */
void
tally_dashboard_view_sync_cards (TallyDashboardView *self)
{
  g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);
  GtkWidget *previous = GTK_WIDGET (self->empty);
  guint n = self->panels != NULL ? g_list_model_get_n_items (self->panels) : 0;
  GHashTableIter iter;
  gpointer panel, card;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyPanel) item = g_list_model_get_item (self->panels, i);

      card = g_hash_table_lookup (self->cards, item);
      if (card == NULL)
        card = add_card (self, item);
      gtk_widget_insert_after (card, GTK_WIDGET (self), previous);
      previous = card;
      g_hash_table_add (present, item);
    }

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &panel, &card))
    {
      if (g_hash_table_contains (present, panel))
        continue;
      gtk_widget_unparent (card);
      g_hash_table_iter_remove (&iter);
    }

  update_empty (self);
}

static void
items_changed_cb (TallyDashboardView *self,
                  guint               position,
                  guint               removed,
                  guint               added,
                  GListModel         *panels)
{
  tally_dashboard_view_sync_cards (self);
}

static void
editable_cb (TallyDashboardView *self)
{
  GHashTableIter iter;
  gpointer card;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    tally_panel_card_set_editable (card, editable (self));
  update_empty (self);
  /* A dashboard that became view-only leaves edit mode. */
  if (self->editing && !editable (self))
    tally_dashboard_view_set_editing (self, FALSE);
}

static void
clear_dashboard (TallyDashboardView *self)
{
  if (self->panels != NULL)
    g_signal_handlers_disconnect_by_data (self->panels, self);
  if (self->dashboard != NULL)
    g_signal_handlers_disconnect_by_data (self->dashboard, self);
  g_clear_object (&self->panels);
  g_clear_object (&self->dashboard);
}

static void
tally_dashboard_view_dispose (GObject *object)
{
  TallyDashboardView *self = TALLY_DASHBOARD_VIEW (object);
  GtkWidget *child;

  tally_dashboard_view_edit_dispose (self);
  clear_dashboard (self);
  if (self->cards != NULL)
    g_hash_table_remove_all (self->cards);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALLY_TYPE_DASHBOARD_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tally_dashboard_view_parent_class)->dispose (object);
}

static void
tally_dashboard_view_finalize (GObject *object)
{
  TallyDashboardView *self = TALLY_DASHBOARD_VIEW (object);

  g_hash_table_unref (self->cards);
  g_time_zone_unref (self->tz);

  G_OBJECT_CLASS (tally_dashboard_view_parent_class)->finalize (object);
}

static void
tally_dashboard_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TallyDashboardView *self = TALLY_DASHBOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_DASHBOARD:
      g_value_set_object (value, self->dashboard);
      break;
    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TallyDashboardView *self = TALLY_DASHBOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_DASHBOARD:
      tally_dashboard_view_set_dashboard (self, g_value_get_object (value));
      break;
    case PROP_EDITING:
      tally_dashboard_view_set_editing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_view_class_init (TallyDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_dashboard_view_dispose;
  object_class->finalize = tally_dashboard_view_finalize;
  object_class->get_property = tally_dashboard_view_get_property;
  object_class->set_property = tally_dashboard_view_set_property;

  properties[PROP_DASHBOARD] =
    g_param_spec_object ("dashboard", NULL, NULL, TALLY_TYPE_DASHBOARD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the cards can be moved, resized and edited: only ever TRUE
   * for an editable dashboard (docs/editing.md). */
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TallyDashboardView::panel-action:
   * @panel_id: the panel's id
   * @action: "edit", "duplicate" or "remove", also the detail
   *
   * A panel's menu asked for a change of the dashboard, for the window
   * to make. The menu offers these only when the dashboard is editable.
   */
  signals[PANEL_ACTION] =
    g_signal_new ("panel-action", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * TallyDashboardView::panel-width-changed:
   * @panel_id: the panel's id
   * @width: its width in pixels
   *
   * A panel got its first width, or a new one (a resized window, a fold,
   * a panel moved): the data model picks automatic intervals from it.
   * Emitted after the layout, never during it.
   */
  signals[PANEL_WIDTH_CHANGED] =
    g_signal_new ("panel-width-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_INT);

  /**
   * TallyDashboardView::panel-retry:
   * @panel_id: the panel's id
   *
   * A panel's Retry Now button: run its failed query again now.
   */
  signals[PANEL_RETRY] =
    g_signal_new ("panel-retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * TallyDashboardView::edit-begin:
   *
   * A drag began to move or resize a panel: everything until
   * "edit-end" is one edit, for the undo history to freeze around.
   */
  signals[EDIT_BEGIN] =
    g_signal_new ("edit-begin", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EDIT_END] =
    g_signal_new ("edit-end", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/tally-dashboard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyDashboardView, empty);
  gtk_widget_class_bind_template_child (widget_class, TallyDashboardView, add_button);

  gtk_widget_class_set_layout_manager_type (widget_class, TALLY_TYPE_DASHBOARD_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dashboardview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tally_dashboard_view_init (TallyDashboardView *self)
{
  self->cards = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->tz = g_time_zone_new_local ();
  gtk_widget_init_template (GTK_WIDGET (self));
  tally_dashboard_view_edit_init (self);
  update_empty (self);
  update_title (self);
}

GtkWidget *
tally_dashboard_view_new (void)
{
  return g_object_new (TALLY_TYPE_DASHBOARD_VIEW, NULL);
}

TallyDashboard *
tally_dashboard_view_get_dashboard (TallyDashboardView *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_VIEW (self), NULL);

  return self->dashboard;
}

/**
 * tally_dashboard_view_set_dashboard:
 * @dashboard: (nullable): the dashboard to show
 *
 * Shows @dashboard's panels, each loading until the data model gives it
 * a frame or an error, and follows its changes from then on.
 */
void
tally_dashboard_view_set_dashboard (TallyDashboardView *self,
                                    TallyDashboard     *dashboard)
{
  g_return_if_fail (TALLY_IS_DASHBOARD_VIEW (self));
  g_return_if_fail (dashboard == NULL || TALLY_IS_DASHBOARD (dashboard));

  if (self->dashboard == dashboard)
    return;

  clear_dashboard (self);
  if (dashboard != NULL)
    {
      self->dashboard = g_object_ref (dashboard);
      self->panels = g_object_ref (tally_dashboard_get_panels (dashboard));
      g_signal_connect_object (self->panels, "items-changed", G_CALLBACK (items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (dashboard, "notify::editable", G_CALLBACK (editable_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (dashboard, "notify::title", G_CALLBACK (update_title), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (dashboard, "changed",
                               G_CALLBACK (tally_dashboard_view_update_places), self,
                               G_CONNECT_SWAPPED);
    }
  /* Another dashboard's panels are other panels, even where ids agree. */
  tally_dashboard_view_sync_cards (self);
  editable_cb (self);
  update_title (self);
  tally_dashboard_view_update_places (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DASHBOARD]);
}

/* Transfer none: the zone charts and exports write times in. */
GTimeZone *
tally_dashboard_view_get_time_zone (TallyDashboardView *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_VIEW (self), NULL);

  return self->tz;
}

/* The local zone until set; the data model resolves ranges in the same. */
void
tally_dashboard_view_set_time_zone (TallyDashboardView *self,
                                    GTimeZone          *tz)
{
  GHashTableIter iter;
  gpointer card;

  g_return_if_fail (TALLY_IS_DASHBOARD_VIEW (self));
  g_return_if_fail (tz != NULL);

  g_time_zone_ref (tz);
  g_time_zone_unref (self->tz);
  self->tz = tz;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    tally_panel_card_set_time_zone (card, tz);
}

/**
 * tally_dashboard_view_get_card:
 *
 * Returns: (transfer none) (nullable): the card of the panel with the
 *   id @panel_id, or %NULL when the dashboard has none
 */
TallyPanelCard *
tally_dashboard_view_get_card (TallyDashboardView *self,
                               guint               panel_id)
{
  GHashTableIter iter;
  gpointer panel, card;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_VIEW (self), NULL);

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &panel, &card))
    {
      if (tally_panel_get_id (panel) == panel_id)
        return card;
    }

  return NULL;
}

/* A query started (TRUE) or ended without a frame (FALSE). An unknown id
 * is a panel removed meanwhile: ignored. */
void
tally_dashboard_view_set_panel_loading (TallyDashboardView *self,
                                        guint               panel_id,
                                        gboolean            loading)
{
  TallyPanelCard *card;

  g_return_if_fail (TALLY_IS_DASHBOARD_VIEW (self));

  if ((card = tally_dashboard_view_get_card (self, panel_id)) != NULL)
    tally_panel_card_set_loading (card, loading);
}

/* A query's answer: shown, loading over, a previous error cleared. */
void
tally_dashboard_view_set_panel_frame (TallyDashboardView *self,
                                      guint               panel_id,
                                      TallyFrame         *frame)
{
  TallyPanelCard *card;

  g_return_if_fail (TALLY_IS_DASHBOARD_VIEW (self));

  if ((card = tally_dashboard_view_get_card (self, panel_id)) != NULL)
    tally_panel_card_set_frame (card, frame);
}

/* A failed query's message over the last good frame, which stays; %NULL
 * clears it. */
void
tally_dashboard_view_set_panel_error (TallyDashboardView *self,
                                      guint               panel_id,
                                      const char         *message)
{
  TallyPanelCard *card;

  g_return_if_fail (TALLY_IS_DASHBOARD_VIEW (self));

  if ((card = tally_dashboard_view_get_card (self, panel_id)) != NULL)
    tally_panel_card_set_error (card, message);
}

/* When the data model runs the panel's failed query again (monotonic
 * µs), or 0: the card counts down to it. */
void
tally_dashboard_view_set_panel_retry_at (TallyDashboardView *self,
                                         guint               panel_id,
                                         gint64              retry_at)
{
  TallyPanelCard *card;

  g_return_if_fail (TALLY_IS_DASHBOARD_VIEW (self));

  if ((card = tally_dashboard_view_get_card (self, panel_id)) != NULL)
    tally_panel_card_set_retry_at (card, retry_at);
}

/* Whether the source cannot answer the panel's query at all. */
void
tally_dashboard_view_set_panel_unsupported (TallyDashboardView *self,
                                            guint               panel_id,
                                            gboolean            unsupported)
{
  TallyPanelCard *card;

  g_return_if_fail (TALLY_IS_DASHBOARD_VIEW (self));

  if ((card = tally_dashboard_view_get_card (self, panel_id)) != NULL)
    tally_panel_card_set_unsupported (card, unsupported);
}

/* The panel's width in pixels as last laid out, or 0 before that (and for
 * an unknown id). "panel-width-changed" says when it changes. */
int
tally_dashboard_view_get_panel_width (TallyDashboardView *self,
                                      guint               panel_id)
{
  TallyPanelCard *card;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_VIEW (self), 0);

  card = tally_dashboard_view_get_card (self, panel_id);
  return card != NULL ? tally_panel_card_get_width (card) : 0;
}

void
tally_dashboard_view_emit_edit (TallyDashboardView *self,
                                gboolean            begin)
{
  g_signal_emit (self, signals[begin ? EDIT_BEGIN : EDIT_END], 0);
}

void
tally_dashboard_view_notify_editing (TallyDashboardView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}
