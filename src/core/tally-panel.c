/* tally-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* One widget of a dashboard: its type, title, place on the 24-column grid,
 * query and drawing options. The options stay JSON here: the renderers in
 * src/charts read them, and the core must not know them. The object the
 * panel was read from is kept too (raw), so that keys this version of
 * Tally does not know are written back unchanged. */

#include "config.h"

#include "tally-json-util.h"
#include "tally-names.h"
#include "tally-panel.h"

struct _TallyPanel
{
  GObject         parent_instance;

  guint           id;
  TallyPanelType  type;
  char           *title;
  char           *description;
  int             x;
  int             y;
  int             w;
  int             h;
  char           *time_from;   /* the panel's own range, or NULL: the dashboard's */
  char           *time_to;
  TallyQuery     *query;
  JsonObject     *options;
  JsonObject     *raw;
};

G_DEFINE_FINAL_TYPE (TallyPanel, tally_panel, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *type_names[] = {
  "stat", "line", "bar", "pie", "heatmap", "table", "gauge", "alerts", "logs",
};

const char *
tally_panel_type_to_string (TallyPanelType type)
{
  g_return_val_if_fail (type < TALLY_N_PANEL_TYPES, NULL);

  return type_names[type];
}

gboolean
tally_panel_type_from_string (const char     *name,
                              TallyPanelType *type)
{
  guint index;

  if (!tally_names_lookup (type_names, TALLY_N_PANEL_TYPES, name, &index))
    return FALSE;
  *type = index;
  return TRUE;
}

/* The frame shape a panel type draws. A bar chart draws categories when
 * its query groups and names no interval ("cost by user"), and time
 * buckets otherwise ("requests per day", stacked per model when grouped
 * with an interval). */
TallyShape
tally_panel_type_get_shape (TallyPanelType    type,
                            const TallyQuery *query)
{
  switch (type)
    {
    case TALLY_PANEL_STAT:
    case TALLY_PANEL_GAUGE:
      return TALLY_SHAPE_SCALAR;
    case TALLY_PANEL_LINE:
      return TALLY_SHAPE_TIMESERIES;
    case TALLY_PANEL_BAR:
      /* peak_hours has its categories built in: the hours of the day */
      if (query != NULL && query->metric == TALLY_METRIC_PEAK_HOURS)
        return TALLY_SHAPE_CATEGORIES;
      return query != NULL && tally_query_has_group_by (query) && query->interval_s == 0
             ? TALLY_SHAPE_CATEGORIES : TALLY_SHAPE_TIMESERIES;
    case TALLY_PANEL_PIE:
      return TALLY_SHAPE_CATEGORIES;
    case TALLY_PANEL_HEATMAP:
      return TALLY_SHAPE_MATRIX;
    case TALLY_PANEL_TABLE:
    case TALLY_PANEL_ALERTS:
    case TALLY_PANEL_LOGS:
      return TALLY_SHAPE_TABLE;
    case TALLY_N_PANEL_TYPES:
    default:
      g_return_val_if_reached (TALLY_SHAPE_SCALAR);
    }
}

TallyPanel *
tally_panel_new (guint          id,
                 TallyPanelType type)
{
  TallyPanel *self = g_object_new (TALLY_TYPE_PANEL, NULL);

  self->id = id;
  self->type = type;
  self->query->shape = tally_panel_type_get_shape (type, self->query);

  return self;
}

/* A deep copy, raw JSON included: what "duplicate" and undo start from. */
TallyPanel *
tally_panel_copy (TallyPanel *self)
{
  TallyPanel *copy;

  g_return_val_if_fail (TALLY_IS_PANEL (self), NULL);

  copy = tally_panel_new (self->id, self->type);
  copy->title = g_strdup (self->title);
  copy->description = g_strdup (self->description);
  copy->x = self->x;
  copy->y = self->y;
  copy->w = self->w;
  copy->h = self->h;
  copy->time_from = g_strdup (self->time_from);
  copy->time_to = g_strdup (self->time_to);
  tally_query_free (copy->query);
  copy->query = tally_query_copy (self->query);
  if (self->options != NULL)
    copy->options = tally_json_object_deep_copy (self->options);
  if (self->raw != NULL)
    copy->raw = tally_json_object_deep_copy (self->raw);

  return copy;
}

static void
emit_changed (TallyPanel *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
queries_equal (const TallyQuery *a,
               const TallyQuery *b)
{
  g_autoptr(JsonNode) node_a = tally_query_to_json (a);
  g_autoptr(JsonNode) node_b = tally_query_to_json (b);

  return json_node_equal (node_a, node_b);
}

static gboolean
options_equal (JsonObject *a,
               JsonObject *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_object_equal (a, b);
}

static gboolean
update_string (TallyPanel  *self,
               char       **field,
               const char  *value,
               int          prop_id)
{
  if (!tally_str_replace (field, value))
    return FALSE;
  if (prop_id != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

/**
 * tally_panel_update_from:
 * @from: the panel to take everything from
 *
 * Makes @self what @from is, in place, so that widgets bound to @self
 * follow (an undo, a reload): notifies the properties that changed and
 * emits "changed" once when anything did. The keys this Tally does not
 * know come along silently: nothing shows them.
 *
 * Returns: whether anything changed
 */
gboolean
tally_panel_update_from (TallyPanel *self,
                         TallyPanel *from)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (TALLY_IS_PANEL (self), FALSE);
  g_return_val_if_fail (TALLY_IS_PANEL (from), FALSE);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->id != from->id)
    {
      self->id = from->id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
      changed = TRUE;
    }
  changed |= update_string (self, &self->title, from->title, PROP_TITLE);
  changed |= update_string (self, &self->description, from->description, PROP_DESCRIPTION);
  changed |= update_string (self, &self->time_from, from->time_from, PROP_0);
  changed |= update_string (self, &self->time_to, from->time_to, PROP_0);
  if (self->x != from->x || self->y != from->y || self->w != from->w || self->h != from->h)
    {
      self->x = from->x;
      self->y = from->y;
      self->w = from->w;
      self->h = from->h;
      changed = TRUE;
    }
  if (self->type != from->type || !queries_equal (self->query, from->query))
    {
      self->type = from->type;
      tally_query_free (self->query);
      self->query = tally_query_copy (from->query);
      self->query->shape = tally_panel_type_get_shape (self->type, self->query);
      changed = TRUE;
    }
  if (!options_equal (self->options, from->options))
    {
      g_clear_pointer (&self->options, json_object_unref);
      self->options = from->options ? json_object_ref (from->options) : NULL;
      changed = TRUE;
    }
  tally_panel_set_raw (self, from->raw);
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    emit_changed (self);

  return changed;
}

guint
tally_panel_get_id (TallyPanel *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL (self), 0);

  return self->id;
}

void
tally_panel_set_id (TallyPanel *self,
                    guint       id)
{
  g_return_if_fail (TALLY_IS_PANEL (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  emit_changed (self);
}

TallyPanelType
tally_panel_get_panel_type (TallyPanel *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL (self), TALLY_PANEL_STAT);

  return self->type;
}

void
tally_panel_set_panel_type (TallyPanel     *self,
                            TallyPanelType  type)
{
  g_return_if_fail (TALLY_IS_PANEL (self));
  g_return_if_fail (type < TALLY_N_PANEL_TYPES);

  if (self->type == type)
    return;
  self->type = type;
  self->query->shape = tally_panel_type_get_shape (type, self->query);
  emit_changed (self);
}

const char *
tally_panel_get_title (TallyPanel *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL (self), NULL);

  return self->title ? self->title : "";
}

void
tally_panel_set_title (TallyPanel *self,
                       const char *title)
{
  g_return_if_fail (TALLY_IS_PANEL (self));

  if (tally_str_replace (&self->title, title))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      emit_changed (self);
    }
}

const char *
tally_panel_get_description (TallyPanel *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL (self), NULL);

  return self->description ? self->description : "";
}

void
tally_panel_set_description (TallyPanel *self,
                             const char *description)
{
  g_return_if_fail (TALLY_IS_PANEL (self));

  if (tally_str_replace (&self->description, description))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
      emit_changed (self);
    }
}

/* The panel's own time range ("cost this month" on a dashboard of the
 * last 24 hours), or NULL when it shows the dashboard's. */
const char *
tally_panel_get_time_from (TallyPanel *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL (self), NULL);

  return self->time_from;
}

const char *
tally_panel_get_time_to (TallyPanel *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL (self), NULL);

  return self->time_to;
}

/* Both set, or both NULL to show the dashboard's range again. */
void
tally_panel_set_time (TallyPanel *self,
                      const char *from,
                      const char *to)
{
  gboolean changed;

  g_return_if_fail (TALLY_IS_PANEL (self));
  g_return_if_fail ((from == NULL) == (to == NULL));

  changed = tally_str_replace (&self->time_from, from);
  changed |= tally_str_replace (&self->time_to, to);
  if (changed)
    emit_changed (self);
}

void
tally_panel_get_grid (TallyPanel *self,
                      int        *x,
                      int        *y,
                      int        *w,
                      int        *h)
{
  g_return_if_fail (TALLY_IS_PANEL (self));

  if (x != NULL)
    *x = self->x;
  if (y != NULL)
    *y = self->y;
  if (w != NULL)
    *w = self->w;
  if (h != NULL)
    *h = self->h;
}

void
tally_panel_set_grid (TallyPanel *self,
                      int         x,
                      int         y,
                      int         w,
                      int         h)
{
  g_return_if_fail (TALLY_IS_PANEL (self));
  g_return_if_fail (w >= 1 && w <= TALLY_GRID_COLUMNS && x >= 0 && x + w <= TALLY_GRID_COLUMNS);
  g_return_if_fail (y >= 0 && h >= 1 && h <= TALLY_GRID_MAX_H);

  if (self->x == x && self->y == y && self->w == w && self->h == h)
    return;
  self->x = x;
  self->y = y;
  self->w = w;
  self->h = h;
  emit_changed (self);
}

const TallyQuery *
tally_panel_get_query (TallyPanel *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL (self), NULL);

  return self->query;
}

/* Copies @query; its shape is set from the panel's type. */
void
tally_panel_set_query (TallyPanel       *self,
                       const TallyQuery *query)
{
  g_return_if_fail (TALLY_IS_PANEL (self));
  g_return_if_fail (query != NULL);

  tally_query_free (self->query);
  self->query = tally_query_copy (query);
  self->query->shape = tally_panel_type_get_shape (self->type, self->query);
  emit_changed (self);
}

/* The panel's "options" object, or NULL; owned by the panel. */
JsonObject *
tally_panel_get_options (TallyPanel *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL (self), NULL);

  return self->options;
}

void
tally_panel_set_options (TallyPanel *self,
                         JsonObject *options)
{
  g_return_if_fail (TALLY_IS_PANEL (self));

  if (self->options == options)
    return;
  g_clear_pointer (&self->options, json_object_unref);
  self->options = options ? json_object_ref (options) : NULL;
  emit_changed (self);
}

/* The object the panel was read from, or NULL for a new panel. */
JsonObject *
tally_panel_get_raw (TallyPanel *self)
{
  g_return_val_if_fail (TALLY_IS_PANEL (self), NULL);

  return self->raw;
}

void
tally_panel_set_raw (TallyPanel *self,
                     JsonObject *raw)
{
  g_return_if_fail (TALLY_IS_PANEL (self));

  g_clear_pointer (&self->raw, json_object_unref);
  self->raw = raw ? json_object_ref (raw) : NULL;
}

static void
tally_panel_finalize (GObject *object)
{
  TallyPanel *self = TALLY_PANEL (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->time_from, g_free);
  g_clear_pointer (&self->time_to, g_free);
  g_clear_pointer (&self->query, tally_query_free);
  g_clear_pointer (&self->options, json_object_unref);
  g_clear_pointer (&self->raw, json_object_unref);

  G_OBJECT_CLASS (tally_panel_parent_class)->finalize (object);
}

static void
tally_panel_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TallyPanel *self = TALLY_PANEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, tally_panel_get_title (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, tally_panel_get_description (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_panel_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TallyPanel *self = TALLY_PANEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      tally_panel_set_id (self, g_value_get_uint (value));
      break;
    case PROP_TITLE:
      tally_panel_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      tally_panel_set_description (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_panel_class_init (TallyPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tally_panel_finalize;
  object_class->get_property = tally_panel_get_property;
  object_class->set_property = tally_panel_set_property;

  properties[PROP_ID] =
    g_param_spec_uint ("id", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TallyPanel::changed:
   *
   * Anything about the panel changed: its place, query, options, title.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tally_panel_init (TallyPanel *self)
{
  self->w = 6;
  self->h = 4;
  self->query = tally_query_new ();
}
