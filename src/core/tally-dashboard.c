/* tally-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A dashboard: its properties, its filter bar and its panels, in the
 * model the window edits and `tally render` draws. Reading and checking
 * the JSON layout is tally-dashboard-read.c's job, writing it
 * tally-dashboard-write.c's, and editing it as a whole
 * tally-dashboard-edit.c's. */

#include "config.h"

#include "tally-dashboard-private.h"
#include "tally-json-util.h"

struct _TallyDashboard
{
  GObject     parent_instance;

  char       *uid;
  char       *title;
  char       *description;
  GStrv       tags;
  gboolean    editable;
  char       *source;
  char       *time_from;
  char       *time_to;
  char       *refresh;
  GPtrArray  *filter_names;    /* dimension names, in order */
  GHashTable *filters;         /* dimension name → GStrv */
  GListStore *panels;
  JsonObject *raw;

  guint       change_depth;    /* inside tally_dashboard_begin_change() */
  gboolean    change_pending;  /* "changed" held back until the end */
};

G_DEFINE_FINAL_TYPE (TallyDashboard, tally_dashboard, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (TallyDashboard *self)
{
  if (self->change_depth > 0)
    self->change_pending = TRUE;
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Edits that make one change (a move that pushes five panels, an undo)
 * emit "changed" once: between begin and end, emissions are held back
 * and so are property notifications. */
void
tally_dashboard_begin_change (TallyDashboard *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  self->change_depth++;
}

/* Returns whether anything changed since the outermost begin, and leaves
 * emitting "changed" to the caller (tally_dashboard_emit_changed()). */
gboolean
tally_dashboard_end_change (TallyDashboard *self)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (self->change_depth > 0, FALSE);

  if (--self->change_depth == 0)
    {
      changed = self->change_pending;
      self->change_pending = FALSE;
    }
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

void
tally_dashboard_emit_changed (TallyDashboard *self)
{
  emit_changed (self);
}

TallyDashboard *
tally_dashboard_new (void)
{
  return g_object_new (TALLY_TYPE_DASHBOARD, NULL);
}

/* A deep copy (through the JSON, so unknown keys come along). */
TallyDashboard *
tally_dashboard_copy (TallyDashboard *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), NULL);

  node = tally_dashboard_to_json (self);
  return tally_dashboard_new_from_json (node, NULL);
}

#define DEFINE_STRING_PROPERTY(name, field, fallback)                          \
const char *                                                                   \
tally_dashboard_get_##name (TallyDashboard *self)                              \
{                                                                              \
  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), NULL);                      \
  return self->field ? self->field : fallback;                                 \
}

DEFINE_STRING_PROPERTY (uid, uid, "")
DEFINE_STRING_PROPERTY (title, title, "")
DEFINE_STRING_PROPERTY (description, description, "")
DEFINE_STRING_PROPERTY (source, source, "local")
DEFINE_STRING_PROPERTY (time_from, time_from, "now-24h")
DEFINE_STRING_PROPERTY (time_to, time_to, "now")
DEFINE_STRING_PROPERTY (refresh, refresh, "")

void
tally_dashboard_set_uid (TallyDashboard *self,
                         const char     *uid)
{
  g_return_if_fail (TALLY_IS_DASHBOARD (self));

  if (tally_str_replace (&self->uid, uid))
    emit_changed (self);
}

void
tally_dashboard_set_title (TallyDashboard *self,
                           const char     *title)
{
  g_return_if_fail (TALLY_IS_DASHBOARD (self));

  if (tally_str_replace (&self->title, title))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      emit_changed (self);
    }
}

void
tally_dashboard_set_description (TallyDashboard *self,
                                 const char     *description)
{
  g_return_if_fail (TALLY_IS_DASHBOARD (self));

  if (tally_str_replace (&self->description, description))
    emit_changed (self);
}

const char * const *
tally_dashboard_get_tags (TallyDashboard *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), NULL);

  return self->tags ? (const char * const *) self->tags : none;
}

void
tally_dashboard_set_tags (TallyDashboard     *self,
                          const char * const *tags)
{
  g_return_if_fail (TALLY_IS_DASHBOARD (self));

  if (self->tags != NULL && tags != NULL && g_strv_equal ((const char * const *) self->tags, tags))
    return;
  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  emit_changed (self);
}

gboolean
tally_dashboard_get_editable (TallyDashboard *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), FALSE);

  return self->editable;
}

void
tally_dashboard_set_editable (TallyDashboard *self,
                              gboolean        editable)
{
  g_return_if_fail (TALLY_IS_DASHBOARD (self));

  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
  emit_changed (self);
}

void
tally_dashboard_set_source (TallyDashboard *self,
                            const char     *source)
{
  g_return_if_fail (TALLY_IS_DASHBOARD (self));

  if (tally_str_replace (&self->source, source))
    emit_changed (self);
}

void
tally_dashboard_set_time (TallyDashboard *self,
                          const char     *from,
                          const char     *to)
{
  gboolean changed;

  g_return_if_fail (TALLY_IS_DASHBOARD (self));

  changed = tally_str_replace (&self->time_from, from);
  changed |= tally_str_replace (&self->time_to, to);
  if (changed)
    emit_changed (self);
}

void
tally_dashboard_set_refresh (TallyDashboard *self,
                             const char     *refresh)
{
  g_return_if_fail (TALLY_IS_DASHBOARD (self));

  if (tally_str_replace (&self->refresh, refresh))
    emit_changed (self);
}

/* The values the filter bar selects for @dimension; empty for none. */
const char * const *
tally_dashboard_get_filter (TallyDashboard *self,
                            const char     *dimension)
{
  static const char * const none[] = { NULL };
  GStrv values;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), NULL);

  values = g_hash_table_lookup (self->filters, dimension);
  return values ? (const char * const *) values : none;
}

void
tally_dashboard_set_filter (TallyDashboard     *self,
                            const char         *dimension,
                            const char * const *values)
{
  GStrv old;

  g_return_if_fail (TALLY_IS_DASHBOARD (self));
  g_return_if_fail (dimension != NULL);

  old = g_hash_table_lookup (self->filters, dimension);
  if (old != NULL && values != NULL && g_strv_equal ((const char * const *) old, values))
    return;
  if (old == NULL)
    g_ptr_array_add (self->filter_names, g_strdup (dimension));
  g_hash_table_insert (self->filters, g_strdup (dimension),
                       values ? g_strdupv ((char **) values) : g_new0 (char *, 1));
  emit_changed (self);
}

/* The filter names in their order (for writing the JSON). */
GPtrArray *
tally_dashboard_get_filter_names (TallyDashboard *self)
{
  return self->filter_names;
}

/**
 * tally_dashboard_get_panel_range:
 * @range: the dashboard's range, as resolved now
 *
 * The range @panel shows: its own ("time" in the layout) resolved at
 * @range's "now" in its time zone, or a copy of @range.
 */
TallyTimeRange *
tally_dashboard_get_panel_range (TallyDashboard       *self,
                                 TallyPanel           *panel,
                                 const TallyTimeRange *range,
                                 GError              **error)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), NULL);
  g_return_val_if_fail (TALLY_IS_PANEL (panel), NULL);
  g_return_val_if_fail (range != NULL, NULL);

  if (tally_panel_get_time_from (panel) == NULL)
    return tally_time_range_copy (range);

  utc = g_date_time_new_from_unix_utc (range->now);
  now = g_date_time_to_timezone (utc, range->tz);
  return tally_time_range_parse (tally_panel_get_time_from (panel), tally_panel_get_time_to (panel),
                                 now, error);
}

/**
 * tally_dashboard_apply_filters:
 *
 * A copy of @query with the filter bar's selections added: a panel's own
 * filter and the dashboard's both apply. Dimensions the filter bar names
 * that a query cannot filter on are skipped (the layout check reports
 * them).
 */
TallyQuery *
tally_dashboard_apply_filters (TallyDashboard   *self,
                               const TallyQuery *query)
{
  TallyQuery *copy;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  copy = tally_query_copy (query);
  for (guint i = 0; i < self->filter_names->len; i++)
    {
      const char *name = g_ptr_array_index (self->filter_names, i);
      const char * const *values = tally_dashboard_get_filter (self, name);

      if (values[0] != NULL)
        tally_query_add_filter (copy, name, values, NULL);
    }

  return copy;
}

GListModel *
tally_dashboard_get_panels (TallyDashboard *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), NULL);

  return G_LIST_MODEL (self->panels);
}

TallyPanel *
tally_dashboard_find_panel (TallyDashboard *self,
                            guint           id)
{
  guint n;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->panels));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (G_LIST_MODEL (self->panels), i);

      if (tally_panel_get_id (panel) == id)
        return panel;
    }

  return NULL;
}

guint
tally_dashboard_next_panel_id (TallyDashboard *self)
{
  guint n, next = 1;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), 1);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->panels));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (G_LIST_MODEL (self->panels), i);

      next = MAX (next, tally_panel_get_id (panel) + 1);
    }

  return next;
}

void
tally_dashboard_add_panel (TallyDashboard *self,
                           TallyPanel     *panel)
{
  g_return_if_fail (TALLY_IS_DASHBOARD (self));
  g_return_if_fail (TALLY_IS_PANEL (panel));

  g_signal_connect_object (panel, "changed", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  g_list_store_append (self->panels, panel);
  emit_changed (self);
}

void
tally_dashboard_remove_panel (TallyDashboard *self,
                              TallyPanel     *panel)
{
  guint position;

  g_return_if_fail (TALLY_IS_DASHBOARD (self));
  g_return_if_fail (TALLY_IS_PANEL (panel));

  if (!g_list_store_find (self->panels, panel, &position))
    return;
  g_signal_handlers_disconnect_by_data (panel, self);
  g_list_store_remove (self->panels, position);
  emit_changed (self);
}

/* The object the dashboard was read from, or NULL. */
JsonObject *
tally_dashboard_get_raw (TallyDashboard *self)
{
  g_return_val_if_fail (TALLY_IS_DASHBOARD (self), NULL);

  return self->raw;
}

void
tally_dashboard_set_raw (TallyDashboard *self,
                         JsonObject     *raw)
{
  g_return_if_fail (TALLY_IS_DASHBOARD (self));

  g_clear_pointer (&self->raw, json_object_unref);
  self->raw = raw ? json_object_ref (raw) : NULL;
}

static gboolean
filters_equal (TallyDashboard *a,
               TallyDashboard *b)
{
  if (a->filter_names->len != b->filter_names->len)
    return FALSE;
  for (guint i = 0; i < a->filter_names->len; i++)
    {
      const char *name = g_ptr_array_index (a->filter_names, i);

      if (!g_str_equal (name, g_ptr_array_index (b->filter_names, i)) ||
          !g_strv_equal (tally_dashboard_get_filter (a, name), tally_dashboard_get_filter (b, name)))
        return FALSE;
    }

  return TRUE;
}

static void
take_filters (TallyDashboard *self,
              TallyDashboard *from)
{
  if (filters_equal (self, from))
    return;

  g_ptr_array_set_size (self->filter_names, 0);
  g_hash_table_remove_all (self->filters);
  for (guint i = 0; i < from->filter_names->len; i++)
    {
      const char *name = g_ptr_array_index (from->filter_names, i);

      g_ptr_array_add (self->filter_names, g_strdup (name));
      g_hash_table_insert (self->filters, g_strdup (name),
                           g_strdupv ((char **) tally_dashboard_get_filter (from, name)));
    }
  emit_changed (self);
}

/* Gives @self every property and filter of @from, exactly (unset stays
 * unset), and its raw object; not its panels. */
void
tally_dashboard_take_properties (TallyDashboard *self,
                                 TallyDashboard *from)
{
  gboolean changed;

  changed = tally_str_replace (&self->uid, from->uid);
  if (tally_str_replace (&self->title, from->title))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      changed = TRUE;
    }
  changed |= tally_str_replace (&self->description, from->description);
  if (!g_strv_equal (tally_dashboard_get_tags (self), tally_dashboard_get_tags (from)))
    {
      g_strfreev (self->tags);
      self->tags = g_strdupv (from->tags);
      changed = TRUE;
    }
  if (self->editable != from->editable)
    {
      self->editable = from->editable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
      changed = TRUE;
    }
  changed |= tally_str_replace (&self->source, from->source);
  changed |= tally_str_replace (&self->time_from, from->time_from);
  changed |= tally_str_replace (&self->time_to, from->time_to);
  changed |= tally_str_replace (&self->refresh, from->refresh);
  tally_dashboard_set_raw (self, from->raw);
  take_filters (self, from);

  if (changed)
    emit_changed (self);
}

/* Replaces @n_removed panels at @position with @added, in one
 * items-changed. A panel both removed and added (one that moved in the
 * list) stays connected. */
void
tally_dashboard_splice_panels (TallyDashboard  *self,
                               guint            position,
                               guint            n_removed,
                               TallyPanel     **added,
                               guint            n_added)
{
  for (guint i = 0; i < n_removed; i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (G_LIST_MODEL (self->panels),
                                                           position + i);

      g_signal_handlers_disconnect_by_data (panel, self);
    }
  for (guint i = 0; i < n_added; i++)
    g_signal_connect_object (added[i], "changed", G_CALLBACK (emit_changed), self,
                             G_CONNECT_SWAPPED);

  g_list_store_splice (self->panels, position, n_removed, (gpointer *) added, n_added);
  emit_changed (self);
}

static void
tally_dashboard_dispose (GObject *object)
{
  TallyDashboard *self = TALLY_DASHBOARD (object);

  if (self->panels != NULL)
    g_list_store_remove_all (self->panels);
  g_clear_object (&self->panels);

  G_OBJECT_CLASS (tally_dashboard_parent_class)->dispose (object);
}

static void
tally_dashboard_finalize (GObject *object)
{
  TallyDashboard *self = TALLY_DASHBOARD (object);

  g_free (self->uid);
  g_free (self->title);
  g_free (self->description);
  g_strfreev (self->tags);
  g_free (self->source);
  g_free (self->time_from);
  g_free (self->time_to);
  g_free (self->refresh);
  g_ptr_array_unref (self->filter_names);
  g_hash_table_unref (self->filters);
  g_clear_pointer (&self->raw, json_object_unref);

  G_OBJECT_CLASS (tally_dashboard_parent_class)->finalize (object);
}

static void
tally_dashboard_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TallyDashboard *self = TALLY_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, tally_dashboard_get_title (self));
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TallyDashboard *self = TALLY_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      tally_dashboard_set_title (self, g_value_get_string (value));
      break;
    case PROP_EDITABLE:
      tally_dashboard_set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_dashboard_class_init (TallyDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tally_dashboard_dispose;
  object_class->finalize = tally_dashboard_finalize;
  object_class->get_property = tally_dashboard_get_property;
  object_class->set_property = tally_dashboard_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TallyDashboard::changed:
   *
   * The dashboard or one of its panels changed: time to save, or to
   * record an undo step.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tally_dashboard_init (TallyDashboard *self)
{
  static const char *filter_bar[] = { TALLY_DASHBOARD_FILTERS };

  self->editable = TRUE;
  self->panels = g_list_store_new (TALLY_TYPE_PANEL);
  self->filter_names = g_ptr_array_new_with_free_func (g_free);
  self->filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  for (guint i = 0; i < G_N_ELEMENTS (filter_bar); i++)
    {
      g_ptr_array_add (self->filter_names, g_strdup (filter_bar[i]));
      g_hash_table_insert (self->filters, g_strdup (filter_bar[i]), g_new0 (char *, 1));
    }
}
