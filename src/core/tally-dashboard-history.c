/* tally-dashboard-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Undo and redo of a dashboard's edits. The history keeps the layout as
 * it was after each edit, as compact JSON without its time range and
 * filters: changing those is looking around, with its own back and
 * forward in the filter bar, not editing. Undo and redo make the
 * dashboard a kept layout again in place (the same object, so the window
 * follows) while keeping the time range and filters it has now.
 *
 * Every "changed" of one main-loop iteration makes one step, recorded
 * from an idle callback; freeze and thaw make one step of longer edits,
 * such as a drag. */

#include "config.h"

#include "tally-dashboard-diff.h"
#include "tally-dashboard-history.h"
#include "tally-dashboard-private.h"
#include "tally-json-util.h"

struct _TallyDashboardHistory
{
  GObject         parent_instance;

  TallyDashboard *dashboard;
  GMainContext   *context;
  GPtrArray      *states;      /* char *: the layouts, oldest first */
  GArray         *edits;       /* TallyDashboardEdit: edits[i] made states[i] of states[i - 1] */
  guint           position;    /* states[position] is the dashboard now */
  guint           freeze_count;
  GSource        *idle;
  gboolean        restoring;
};

G_DEFINE_FINAL_TYPE (TallyDashboardHistory, tally_dashboard_history, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DASHBOARD,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The members an edit never changes: they are set aside, not removed, so
 * that a restored layout keeps its members in their order. */
static const char *navigation[] = { "time", "filters" };

static JsonNode *
layout_without_navigation (TallyDashboard *dashboard)
{
  JsonNode *node = tally_dashboard_to_json (dashboard);
  JsonObject *root = json_node_get_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (navigation); i++)
    {
      if (json_object_has_member (root, navigation[i]))
        json_object_set_null_member (root, navigation[i]);
    }

  return node;
}

static char *
snapshot (TallyDashboard *dashboard)
{
  g_autoptr(JsonNode) node = layout_without_navigation (dashboard);

  return tally_json_to_compact_string (node, NULL);
}

static JsonNode *
parse (const char *state)
{
  JsonNode *node = json_from_string (state, NULL);

  g_assert (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
  return node;
}

static TallyDashboardEdit
edit_at (TallyDashboardHistory *self,
         guint                  index)
{
  return g_array_index (self->edits, TallyDashboardEdit, index);
}

gboolean
tally_dashboard_history_get_can_undo (TallyDashboardHistory *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_HISTORY (self), FALSE);

  return self->position > 0;
}

gboolean
tally_dashboard_history_get_can_redo (TallyDashboardHistory *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_HISTORY (self), FALSE);

  return self->position + 1 < self->states->len;
}

/**
 * tally_dashboard_history_get_undo_label:
 *
 * What undo would undo, translated, for a tooltip or a menu item:
 * "Undo Move Panel", "Undo Change Query", "Undo Edit" when one step did
 * several things. NULL when there is nothing to undo.
 */
const char *
tally_dashboard_history_get_undo_label (TallyDashboardHistory *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_HISTORY (self), NULL);

  if (!tally_dashboard_history_get_can_undo (self))
    return NULL;
  return tally_dashboard_edit_undo_label (edit_at (self, self->position));
}

/* "Redo Move Panel", or NULL when there is nothing to redo. */
const char *
tally_dashboard_history_get_redo_label (TallyDashboardHistory *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_HISTORY (self), NULL);

  if (!tally_dashboard_history_get_can_redo (self))
    return NULL;
  return tally_dashboard_edit_redo_label (edit_at (self, self->position + 1));
}

TallyDashboard *
tally_dashboard_history_get_dashboard (TallyDashboardHistory *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_HISTORY (self), NULL);

  return self->dashboard;
}

typedef struct
{
  gboolean    can_undo;
  gboolean    can_redo;
  const char *undo_label;
  const char *redo_label;
} State;

static State
get_state (TallyDashboardHistory *self)
{
  return (State) {
    tally_dashboard_history_get_can_undo (self),
    tally_dashboard_history_get_can_redo (self),
    tally_dashboard_history_get_undo_label (self),
    tally_dashboard_history_get_redo_label (self),
  };
}

/* Notifies the properties that differ from @was. */
static void
notify_state (TallyDashboardHistory *self,
              const State           *was)
{
  State now = get_state (self);

  if (now.can_undo != was->can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (now.can_redo != was->can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (g_strcmp0 (now.undo_label, was->undo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if (g_strcmp0 (now.redo_label, was->redo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

static void
cancel_idle (TallyDashboardHistory *self)
{
  if (self->idle != NULL)
    {
      g_source_destroy (self->idle);
      g_clear_pointer (&self->idle, g_source_unref);
    }
}

/* Makes a step of what changed since the last one, if anything did (a
 * change of the time range or filters alone makes none). */
static void
record (TallyDashboardHistory *self)
{
  g_autofree char *now = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  TallyDashboardEdit edit;
  State was = get_state (self);

  cancel_idle (self);
  now = snapshot (self->dashboard);
  if (g_str_equal (now, g_ptr_array_index (self->states, self->position)))
    return;

  before = parse (g_ptr_array_index (self->states, self->position));
  after = parse (now);
  edit = tally_dashboard_diff (before, after);

  /* A new edit after an undo: the undone steps cannot come back. */
  g_ptr_array_set_size (self->states, self->position + 1);
  g_array_set_size (self->edits, self->position + 1);
  g_ptr_array_add (self->states, g_steal_pointer (&now));
  g_array_append_val (self->edits, edit);
  self->position++;

  while (self->states->len > TALLY_DASHBOARD_HISTORY_MAX_STEPS + 1)
    {
      g_ptr_array_remove_index (self->states, 0);
      g_array_remove_index (self->edits, 0);
      self->position--;
    }

  notify_state (self, &was);
}

static gboolean
record_cb (gpointer user_data)
{
  TallyDashboardHistory *self = user_data;

  g_clear_pointer (&self->idle, g_source_unref);
  record (self);

  return G_SOURCE_REMOVE;
}

static void
changed_cb (TallyDashboardHistory *self)
{
  if (self->restoring || self->freeze_count > 0 || self->idle != NULL)
    return;

  self->idle = g_idle_source_new ();
  g_source_set_callback (self->idle, record_cb, self, NULL);
  g_source_set_static_name (self->idle, "[tally] record dashboard edit");
  g_source_attach (self->idle, self->context);
}

/**
 * tally_dashboard_history_flush:
 *
 * Records now the edits that would make a step at the end of this
 * main-loop iteration. Undo, redo and freeze do it first; the window need
 * not, but may before showing the labels.
 */
void
tally_dashboard_history_flush (TallyDashboardHistory *self)
{
  g_return_if_fail (TALLY_IS_DASHBOARD_HISTORY (self));

  if (self->idle != NULL)
    record (self);
}

/**
 * tally_dashboard_history_freeze:
 *
 * Makes everything until the matching thaw one step: a drag, or an edit
 * made of several changes over several main-loop iterations. Calls nest.
 */
void
tally_dashboard_history_freeze (TallyDashboardHistory *self)
{
  g_return_if_fail (TALLY_IS_DASHBOARD_HISTORY (self));

  if (self->freeze_count++ == 0)
    tally_dashboard_history_flush (self);
}

void
tally_dashboard_history_thaw (TallyDashboardHistory *self)
{
  g_return_if_fail (TALLY_IS_DASHBOARD_HISTORY (self));
  g_return_if_fail (self->freeze_count > 0);

  if (--self->freeze_count == 0)
    record (self);
}

/* Makes the dashboard states[@target], with the time range and filters
 * it has now. */
static gboolean
go_to (TallyDashboardHistory *self,
       guint                  target)
{
  g_autoptr(JsonNode) node = parse (g_ptr_array_index (self->states, target));
  g_autoptr(JsonNode) current = tally_dashboard_to_json (self->dashboard);
  g_autoptr(GError) error = NULL;
  JsonObject *root = json_node_get_object (node);
  State was = get_state (self);
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (navigation); i++)
    {
      JsonNode *value = json_object_get_member (json_node_get_object (current), navigation[i]);

      if (value != NULL)
        json_object_set_member (root, navigation[i], tally_json_deep_copy (value));
    }

  self->restoring = TRUE;
  ok = tally_dashboard_restore_json (self->dashboard, node, &error);
  self->restoring = FALSE;
  if (!ok)
    {
      g_critical ("Cannot restore a step of the dashboard's history: %s", error->message);
      return FALSE;
    }

  /* Whatever the dashboard now writes is the state to compare the next
   * edit with. */
  g_free (g_ptr_array_index (self->states, target));
  g_ptr_array_index (self->states, target) = snapshot (self->dashboard);
  self->position = target;
  notify_state (self, &was);

  return TRUE;
}

/* Goes one step back (-1) or forward (+1), if there is one. */
static gboolean
step (TallyDashboardHistory *self,
      int                    direction)
{
  g_return_val_if_fail (self->freeze_count == 0, FALSE);

  tally_dashboard_history_flush (self);
  if (direction < 0 ? !tally_dashboard_history_get_can_undo (self)
                    : !tally_dashboard_history_get_can_redo (self))
    return FALSE;

  return go_to (self, self->position + direction);
}

/**
 * tally_dashboard_history_undo:
 *
 * Gives the dashboard back its layout before the last edit, keeping its
 * time range and filters.
 *
 * Returns: whether there was an edit to undo
 */
gboolean
tally_dashboard_history_undo (TallyDashboardHistory *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_HISTORY (self), FALSE);

  return step (self, -1);
}

/**
 * tally_dashboard_history_redo:
 *
 * Makes the last undone edit again, keeping the time range and filters.
 *
 * Returns: whether there was an undone edit to make
 */
gboolean
tally_dashboard_history_redo (TallyDashboardHistory *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD_HISTORY (self), FALSE);

  return step (self, +1);
}

/**
 * tally_dashboard_history_new:
 * @dashboard: the dashboard to follow, from its layout now
 *
 * A history for @dashboard. It follows "changed" on the thread-default
 * main context of the caller.
 */
TallyDashboardHistory *
tally_dashboard_history_new (TallyDashboard *dashboard)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), NULL);

  return g_object_new (TALLY_TYPE_DASHBOARD_HISTORY, "dashboard", dashboard, NULL);
}

static void
tally_dashboard_history_constructed (GObject *object)
{
  TallyDashboardHistory *self = TALLY_DASHBOARD_HISTORY (object);
  TallyDashboardEdit none = TALLY_DASHBOARD_EDIT_NONE;

  G_OBJECT_CLASS (tally_dashboard_history_parent_class)->constructed (object);

  g_assert (self->dashboard != NULL);
  g_ptr_array_add (self->states, snapshot (self->dashboard));
  g_array_append_val (self->edits, none);
  g_signal_connect_object (self->dashboard, "changed", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
tally_dashboard_history_dispose (GObject *object)
{
  TallyDashboardHistory *self = TALLY_DASHBOARD_HISTORY (object);

  cancel_idle (self);
  if (self->dashboard != NULL)
    g_signal_handlers_disconnect_by_data (self->dashboard, self);
  g_clear_object (&self->dashboard);

  G_OBJECT_CLASS (tally_dashboard_history_parent_class)->dispose (object);
}

static void
tally_dashboard_history_finalize (GObject *object)
{
  TallyDashboardHistory *self = TALLY_DASHBOARD_HISTORY (object);

  g_ptr_array_unref (self->states);
  g_array_unref (self->edits);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (tally_dashboard_history_parent_class)->finalize (object);
}

static void
tally_dashboard_history_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TallyDashboardHistory *self = TALLY_DASHBOARD_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DASHBOARD:
      g_value_set_object (value, self->dashboard);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, tally_dashboard_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, tally_dashboard_history_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, tally_dashboard_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, tally_dashboard_history_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_history_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TallyDashboardHistory *self = TALLY_DASHBOARD_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DASHBOARD:
      self->dashboard = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_history_class_init (TallyDashboardHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tally_dashboard_history_constructed;
  object_class->dispose = tally_dashboard_history_dispose;
  object_class->finalize = tally_dashboard_history_finalize;
  object_class->get_property = tally_dashboard_history_get_property;
  object_class->set_property = tally_dashboard_history_set_property;

  properties[PROP_DASHBOARD] =
    g_param_spec_object ("dashboard", NULL, NULL, TALLY_TYPE_DASHBOARD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_dashboard_history_init (TallyDashboardHistory *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->states = g_ptr_array_new_with_free_func (g_free);
  self->edits = g_array_new (FALSE, FALSE, sizeof (TallyDashboardEdit));
}
