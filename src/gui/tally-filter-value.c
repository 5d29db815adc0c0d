/* tally-filter-value.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* One row of a filter popover's list: a value of a dimension and whether
 * the dashboard filters on it. The row's check box binds to "active", so
 * either side can change it. */

#include "config.h"

#include "tally-filter-value.h"

struct _TallyFilterValue
{
  GObject   parent_instance;

  char     *value;
  gboolean  active;
};

G_DEFINE_FINAL_TYPE (TallyFilterValue, tally_filter_value, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_VALUE,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tally_filter_value_finalize (GObject *object)
{
  g_free (TALLY_FILTER_VALUE (object)->value);

  G_OBJECT_CLASS (tally_filter_value_parent_class)->finalize (object);
}

static void
tally_filter_value_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TallyFilterValue *self = TALLY_FILTER_VALUE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_filter_value_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TallyFilterValue *self = TALLY_FILTER_VALUE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      self->value = g_value_dup_string (value);
      break;
    case PROP_ACTIVE:
      tally_filter_value_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_filter_value_class_init (TallyFilterValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tally_filter_value_finalize;
  object_class->get_property = tally_filter_value_get_property;
  object_class->set_property = tally_filter_value_set_property;

  /* For the popover's search: a GtkStringFilter reads it. */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_filter_value_init (TallyFilterValue *self)
{
}

TallyFilterValue *
tally_filter_value_new (const char *value,
                        gboolean    active)
{
  g_return_val_if_fail (value != NULL, NULL);

  return g_object_new (TALLY_TYPE_FILTER_VALUE, "value", value, "active", active, NULL);
}

const char *
tally_filter_value_get_value (TallyFilterValue *self)
{
  g_return_val_if_fail (TALLY_IS_FILTER_VALUE (self), NULL);

  return self->value;
}

gboolean
tally_filter_value_get_active (TallyFilterValue *self)
{
  g_return_val_if_fail (TALLY_IS_FILTER_VALUE (self), FALSE);

  return self->active;
}

void
tally_filter_value_set_active (TallyFilterValue *self,
                               gboolean          active)
{
  g_return_if_fail (TALLY_IS_FILTER_VALUE (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}
