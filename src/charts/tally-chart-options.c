/* tally-chart-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A panel's options: the plain data every renderer reads (unit,
 * thresholds, hidden series, the per-type groups), with copying and the
 * small edits a legend click or the widget editor makes.
 * tally-chart-options-json.c reads and writes them as dashboard JSON. */

#include "config.h"

#include <math.h>

#include "tally-chart-options.h"
#include "tally-format.h"

static void
column_format_free (gpointer data)
{
  TallyColumnFormat *format = data;

  g_free (format->name);
  g_free (format->title);
  g_free (format->unit);
  g_free (format);
}

TallyChartOptions *
tally_chart_options_new (void)
{
  TallyChartOptions *self = g_new0 (TallyChartOptions, 1);

  self->decimals = TALLY_FORMAT_AUTO;
  self->min = NAN;
  self->max = NAN;
  self->thresholds = g_array_new (FALSE, FALSE, sizeof (TallyThreshold));
  self->hidden_series = g_ptr_array_new_with_free_func (g_free);
  self->table_show = g_ptr_array_new_with_free_func (g_free);
  self->gauge.limit = NAN;
  self->gauge.warning = 0.8;
  self->gauge.error = 0.95;
  self->columns = g_ptr_array_new_with_free_func (column_format_free);

  return self;
}

void
tally_chart_options_free (TallyChartOptions *options)
{
  if (options == NULL)
    return;

  g_free (options->unit);
  g_array_unref (options->thresholds);
  g_ptr_array_unref (options->hidden_series);
  g_ptr_array_unref (options->table_show);
  g_ptr_array_unref (options->columns);
  g_clear_pointer (&options->source, json_object_unref);
  g_free (options);
}

TallyChartOptions *
tally_chart_options_copy (const TallyChartOptions *options)
{
  TallyChartOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = tally_chart_options_new ();
  copy->unit = g_strdup (options->unit);
  copy->decimals = options->decimals;
  copy->min = options->min;
  copy->max = options->max;
  g_array_append_vals (copy->thresholds, options->thresholds->data, options->thresholds->len);
  copy->legend = options->legend;
  for (guint i = 0; i < options->hidden_series->len; i++)
    g_ptr_array_add (copy->hidden_series, g_strdup (g_ptr_array_index (options->hidden_series, i)));
  for (guint i = 0; i < options->table_show->len; i++)
    g_ptr_array_add (copy->table_show, g_strdup (g_ptr_array_index (options->table_show, i)));
  copy->line = options->line;
  copy->bar = options->bar;
  copy->pie = options->pie;
  copy->gauge = options->gauge;
  for (guint i = 0; i < options->columns->len; i++)
    {
      const TallyColumnFormat *format = g_ptr_array_index (options->columns, i);
      TallyColumnFormat *dup = g_new0 (TallyColumnFormat, 1);

      dup->name = g_strdup (format->name);
      dup->title = g_strdup (format->title);
      dup->unit = g_strdup (format->unit);
      dup->decimals = format->decimals;
      g_ptr_array_add (copy->columns, dup);
    }
  if (options->source != NULL)
    copy->source = json_object_ref (options->source);

  return copy;
}

/* By hand: G_DEFINE_BOXED_TYPE trips -Wpedantic with GLib 2.74. */
GType
tally_chart_options_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_boxed_type_register_static (g_intern_static_string ("TallyChartOptions"),
                                                 (GBoxedCopyFunc) tally_chart_options_copy,
                                                 (GBoxedFreeFunc) tally_chart_options_free);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

int
tally_threshold_compare (gconstpointer a,
                         gconstpointer b)
{
  const TallyThreshold *ta = a, *tb = b;

  return (ta->value > tb->value) - (ta->value < tb->value);
}

void
tally_chart_options_add_threshold (TallyChartOptions *options,
                                   double             value,
                                   TallyColorRole     role,
                                   const TallyRgba   *rgba)
{
  TallyThreshold threshold = { value, role, { 0, 0, 0, 1 } };

  g_return_if_fail (options != NULL);
  g_return_if_fail (role != TALLY_COLOR_ROLE_CUSTOM || rgba != NULL);

  if (rgba != NULL)
    threshold.rgba = *rgba;
  g_array_append_val (options->thresholds, threshold);
  g_array_sort (options->thresholds, tally_threshold_compare);
}

gboolean
tally_chart_options_is_hidden (const TallyChartOptions *options,
                               const char              *name)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < options->hidden_series->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (options->hidden_series, i), name))
        return TRUE;
    }

  return FALSE;
}

void
tally_chart_options_set_hidden (TallyChartOptions *options,
                                const char        *name,
                                gboolean           hidden)
{
  g_return_if_fail (options != NULL && name != NULL);

  for (guint i = 0; i < options->hidden_series->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (options->hidden_series, i), name))
        {
          if (!hidden)
            g_ptr_array_remove_index (options->hidden_series, i);
          return;
        }
    }
  if (hidden)
    g_ptr_array_add (options->hidden_series, g_strdup (name));
}

const TallyColumnFormat *
tally_chart_options_get_column (const TallyChartOptions *options,
                                const char              *name)
{
  g_return_val_if_fail (options != NULL, NULL);

  for (guint i = 0; name != NULL && i < options->columns->len; i++)
    {
      const TallyColumnFormat *format = g_ptr_array_index (options->columns, i);

      if (g_str_equal (format->name, name))
        return format;
    }

  return NULL;
}
