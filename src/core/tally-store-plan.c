/* tally-store-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Which rollup rows answer a query, and which group each row counts in.
 *
 * A query that names no dimension reads the total rows. One that names a
 * single dimension (filtering on it, grouping by it, or both) reads that
 * dimension's rows. Anything else reads the series rows, where each row is
 * one tuple of dimensions: the filters are applied to the tuples once, and
 * every tuple is mapped to its group. This keeps the common dashboards
 * (totals, per model, per project) to a few rows per bucket. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "tally-error.h"
#include "tally-store-query-private.h"

static const char *status_classes[] = { "error", "1xx", "2xx", "3xx", "4xx", "5xx" };

#define NONE_LABEL "(none)"

static gboolean
same_dimension (const TallyDimension *a,
                const TallyDimension *b)
{
  return a->kind == b->kind && g_strcmp0 (a->label, b->label) == 0;
}

static gboolean
is_set (const TallyDimension *dimension)
{
  return dimension->kind != TALLY_N_DIMENSIONS && tally_dimension_is_groupable (dimension->kind);
}

/* The dimensions the query names, each once. */
static GPtrArray *
named_dimensions (const TallyQuery *query)
{
  GPtrArray *dims = g_ptr_array_new ();
  const TallyDimension *candidates[3] = { &query->group_by, &query->rows, &query->columns };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (is_set (candidates[i]))
        g_ptr_array_add (dims, (gpointer) candidates[i]);
    }
  for (guint i = 0; i < query->filters->len; i++)
    g_ptr_array_add (dims, &((TallyFilter *) g_ptr_array_index (query->filters, i))->dimension);

  for (guint i = 1; i < dims->len; i++)
    {
      for (guint j = 0; j < i; j++)
        {
          if (same_dimension (g_ptr_array_index (dims, i), g_ptr_array_index (dims, j)))
            {
              g_ptr_array_remove_index (dims, i--);
              break;
            }
        }
    }

  return dims;
}

/* The key of @dimension's value in a series: a dictionary id, a status, a
 * status class index or a label value id; 0 (or -1 for status) when the
 * series lacks it. */
static gint64
series_key (TallyStoreDict       *dict,
            const TallySeries    *series,
            const TallyDimension *dimension)
{
  switch (dimension->kind)
    {
    case TALLY_DIMENSION_STATUS:
      return series->status;

    case TALLY_DIMENSION_STATUS_CLASS:
      for (guint g = 0; g < series->n_grains; g++)
        {
          if (series->grains[g].grain == GRAIN_DIMENSION (TALLY_DIMENSION_STATUS_CLASS))
            return series->grains[g].key;
        }
      return 0;

    case TALLY_DIMENSION_LABEL:
      {
        gint64 key_id = tally_store_dict_lookup (dict, DICT_LABEL_KEY, dimension->label);

        for (guint i = 0; key_id != 0 && i < series->n_labels; i++)
          {
            if (series->label_key_ids[i] == key_id)
              return series->label_value_ids[i];
          }
        return 0;
      }

    default:
      return series->dim_ids[dimension->kind];
    }
}

/* The display label of a key of @dimension. */
char *
tally_store_plan_key_label (TallyStoreDict       *dict,
                            const TallyDimension *dimension,
                            gint64                key)
{
  const char *value;

  switch (dimension->kind)
    {
    case TALLY_DIMENSION_STATUS:
      return key < 0 ? g_strdup (NONE_LABEL) : g_strdup_printf ("%" G_GINT64_FORMAT, key);

    case TALLY_DIMENSION_STATUS_CLASS:
      return g_strdup (key >= 0 && key < (gint64) G_N_ELEMENTS (status_classes)
                       ? status_classes[key] : NONE_LABEL);

    default:
      value = tally_store_dict_get_string (dict, key);
      return g_strdup (value != NULL ? value : NONE_LABEL);
    }
}

/* The keys a filter clause's values stand for; an unknown value stands for
 * no key at all (it matches nothing). */
static GHashTable *
filter_keys (TallyStoreDict    *dict,
             const TallyFilter *filter)
{
  GHashTable *keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 label_key = 0;

  if (filter->dimension.kind == TALLY_DIMENSION_LABEL)
    label_key = tally_store_dict_lookup (dict, DICT_LABEL_KEY, filter->dimension.label);

  for (guint v = 0; filter->values[v] != NULL; v++)
    {
      const char *value = filter->values[v];
      gint64 key = G_MININT64;
      char *end = NULL;

      switch (filter->dimension.kind)
        {
        case TALLY_DIMENSION_STATUS:
          key = g_ascii_strtoll (value, &end, 10);
          if (end == value || *end != '\0')
            key = G_MININT64;
          break;
        case TALLY_DIMENSION_STATUS_CLASS:
          for (guint c = 0; c < G_N_ELEMENTS (status_classes); c++)
            {
              if (g_str_equal (value, status_classes[c]))
                key = c;
            }
          break;
        case TALLY_DIMENSION_LABEL:
          if (label_key != 0)
            key = tally_store_dict_lookup (dict, DICT_LABEL_VALUE (label_key), value);
          break;
        default:
          key = tally_store_dict_lookup (dict, filter->dimension.kind, value);
          break;
        }

      /* 0 is "unknown value" for dictionary keys, but a real status (no
       * response) and a real status class ("error"). */
      if (key != G_MININT64 && (key != 0 || filter->dimension.kind == TALLY_DIMENSION_STATUS ||
                                filter->dimension.kind == TALLY_DIMENSION_STATUS_CLASS))
        g_hash_table_add (keys, g_memdup2 (&key, sizeof key));
    }

  return keys;
}

static gint32
grain_of (TallyStoreDict       *dict,
          const TallyDimension *dimension)
{
  gint64 key_id;

  if (dimension->kind != TALLY_DIMENSION_LABEL)
    return GRAIN_DIMENSION (dimension->kind);

  /* A label nobody sent yet has no rows: any unused grain reads none. */
  key_id = tally_store_dict_lookup (dict, DICT_LABEL_KEY, dimension->label);
  return key_id != 0 ? GRAIN_LABEL (key_id) : G_MAXINT32;
}

/* Interns @label among the plan's groups; returns its index. */
static int
group_index (TallyPlan  *plan,
             const char *label)
{
  gpointer index;

  if (g_hash_table_lookup_extended (plan->group_by_label, label, NULL, &index))
    return GPOINTER_TO_INT (index);

  g_ptr_array_add (plan->group_labels, g_strdup (label));
  g_hash_table_insert (plan->group_by_label, g_strdup (label),
                       GINT_TO_POINTER (plan->group_labels->len - 1));
  return plan->group_labels->len - 1;
}

static void
map_key (TallyPlan *plan,
         gint64     key,
         int        group)
{
  g_hash_table_insert (plan->key_groups, g_memdup2 (&key, sizeof key), GINT_TO_POINTER (group));
}

/* One dimension: rows of that dimension, keyed by its values. */
static void
plan_single (TallyPlan            *plan,
             TallyStoreDict       *dict,
             const TallyQuery     *query,
             const TallyDimension *dimension)
{
  g_autoptr(GHashTable) allowed = NULL;
  gboolean grouped = is_set (&query->group_by);

  plan->grain = grain_of (dict, dimension);
  plan->group_dimension = grouped ? &query->group_by : NULL;
  /* An ungrouped answer has its one series even when nothing matches. */
  if (!grouped)
    group_index (plan, "");

  for (guint i = 0; i < query->filters->len; i++)
    {
      g_autoptr(GHashTable) keys = filter_keys (dict, g_ptr_array_index (query->filters, i));

      if (allowed == NULL)
        {
          allowed = g_steal_pointer (&keys);
          continue;
        }
      /* Two clauses on one dimension: both apply. */
      {
        GHashTableIter iter;
        gpointer key;

        g_hash_table_iter_init (&iter, allowed);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          {
            if (!g_hash_table_contains (keys, key))
              g_hash_table_iter_remove (&iter);
          }
      }
    }

  if (allowed == NULL && !grouped)
    {
      plan->all_keys = TRUE;
      group_index (plan, "");
      return;
    }
  if (allowed != NULL)
    {
      GHashTableIter iter;
      gint64 *key;

      g_hash_table_iter_init (&iter, allowed);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
        {
          g_autofree char *label = tally_store_plan_key_label (dict, dimension, *key);

          map_key (plan, *key, group_index (plan, grouped ? label : ""));
        }
      return;
    }

  /* Grouped, no filter: every key is its own group, labelled lazily. */
  plan->each_key_a_group = TRUE;
}

static gboolean
series_matches (TallyStoreDict    *dict,
                const TallySeries *series,
                const TallyQuery  *query,
                GPtrArray         *filter_key_sets)
{
  for (guint i = 0; i < query->filters->len; i++)
    {
      const TallyFilter *filter = g_ptr_array_index (query->filters, i);
      gint64 key = series_key (dict, series, &filter->dimension);

      if (!g_hash_table_contains (g_ptr_array_index (filter_key_sets, i), &key))
        return FALSE;
    }

  return TRUE;
}

/* A group of label.<key> counts only the events that carry the label
 * (docs/queries.md): a series without it has no group. */
static gboolean
lacks_grouped_label (TallyStoreDict    *dict,
                     const TallySeries *series,
                     TallyPlan         *plan,
                     const TallyQuery  *query,
                     gboolean           matrix)
{
  const TallyDimension *grouped[2] = { NULL, NULL };

  if (matrix)
    {
      grouped[0] = &query->rows;
      grouped[1] = &query->columns;
    }
  else
    {
      grouped[0] = plan->group_dimension;
    }

  for (guint i = 0; i < G_N_ELEMENTS (grouped); i++)
    {
      if (grouped[i] != NULL && grouped[i]->kind == TALLY_DIMENSION_LABEL &&
          series_key (dict, series, grouped[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Maps every series the filters let through to the group of its tuple,
 * into @target. */
static gboolean
fill_series_groups (TallyPlan         *plan,
                    TallyStoreDict    *dict,
                    const TallyQuery  *query,
                    GHashTable        *target,
                    GError           **error)
{
  g_autoptr(GPtrArray) all = tally_store_dict_list_series (dict, error);
  g_autoptr(GPtrArray) key_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  gboolean matrix = query->shape == TALLY_SHAPE_MATRIX && is_set (&query->rows);

  if (all == NULL)
    return FALSE;

  for (guint i = 0; i < query->filters->len; i++)
    g_ptr_array_add (key_sets, filter_keys (dict, g_ptr_array_index (query->filters, i)));

  for (guint s = 0; s < all->len; s++)
    {
      const TallySeries *series = g_ptr_array_index (all, s);
      g_autofree char *label = NULL;
      int group;

      if (!series_matches (dict, series, query, key_sets) ||
          lacks_grouped_label (dict, series, plan, query, matrix))
        continue;

      if (matrix)
        {
          g_autofree char *row = tally_store_plan_key_label (dict, &query->rows,
                                                             series_key (dict, series, &query->rows));
          g_autofree char *column = tally_store_plan_key_label (dict, &query->columns,
                                                                series_key (dict, series, &query->columns));

          label = g_strconcat (row, "\x1f", column, NULL);
        }
      else if (plan->group_dimension != NULL)
        {
          label = tally_store_plan_key_label (dict, plan->group_dimension,
                                              series_key (dict, series, plan->group_dimension));
        }
      group = group_index (plan, label ? label : "");
      g_hash_table_insert (target, g_memdup2 (&series->id, sizeof series->id), GINT_TO_POINTER (group));
    }

  return TRUE;
}

/* Several dimensions: series rows, each mapped to the group of its tuple. */
static gboolean
plan_series (TallyPlan         *plan,
             TallyStoreDict    *dict,
             const TallyQuery  *query,
             GError           **error)
{
  plan->grain = GRAIN_SERIES;
  plan->minute_grain = GRAIN_SERIES;
  plan->group_dimension = is_set (&query->group_by) ? &query->group_by : NULL;
  if (plan->group_dimension == NULL && !(query->shape == TALLY_SHAPE_MATRIX && is_set (&query->rows)))
    group_index (plan, "");

  return fill_series_groups (plan, dict, query, plan->key_groups, error);
}

static void
plan_reset (TallyPlan      *plan,
            TallyStoreDict *dict)
{
  memset (plan, 0, sizeof *plan);
  plan->dict = dict;
  plan->key_groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  plan->group_labels = g_ptr_array_new_with_free_func (g_free);
  plan->group_by_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

gboolean
tally_store_plan_init (TallyPlan         *plan,
                       TallyStoreDict    *dict,
                       const TallyQuery  *query,
                       GError           **error)
{
  g_autoptr(GPtrArray) dims = named_dimensions (query);

  plan_reset (plan, dict);

  if (dims->len == 0)
    {
      plan->grain = GRAIN_TOTAL;
      plan->minute_grain = GRAIN_TOTAL;
      plan->all_keys = TRUE;
      group_index (plan, "");
      return TRUE;
    }
  if (dims->len == 1 && !(query->shape == TALLY_SHAPE_MATRIX && is_set (&query->rows)))
    {
      plan_single (plan, dict, query, g_ptr_array_index (dims, 0));
      plan->minute_grain = GRAIN_SERIES;
      plan->series_groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      return fill_series_groups (plan, dict, query, plan->series_groups, error);
    }

  return plan_series (plan, dict, query, error);
}

gboolean
tally_store_plan_init_series (TallyPlan         *plan,
                              TallyStoreDict    *dict,
                              const TallyQuery  *query,
                              GError           **error)
{
  plan_reset (plan, dict);
  return plan_series (plan, dict, query, error);
}

void
tally_store_plan_clear (TallyPlan *plan)
{
  g_clear_pointer (&plan->key_groups, g_hash_table_unref);
  g_clear_pointer (&plan->series_groups, g_hash_table_unref);
  g_clear_pointer (&plan->group_labels, g_ptr_array_unref);
  g_clear_pointer (&plan->group_by_label, g_hash_table_unref);
}

/* The group a row of @key in @grain counts in, or -1 if the query
 * excludes it. */
int
tally_store_plan_group (TallyPlan *plan,
                        gint32     grain,
                        gint64     key)
{
  gpointer group;

  if (plan->all_keys)
    return 0;
  if (grain != plan->grain)
    {
      g_assert (grain == GRAIN_SERIES && plan->series_groups != NULL);
      if (g_hash_table_lookup_extended (plan->series_groups, &key, NULL, &group))
        return GPOINTER_TO_INT (group);
      return -1;
    }
  if (g_hash_table_lookup_extended (plan->key_groups, &key, NULL, &group))
    return GPOINTER_TO_INT (group);
  if (plan->each_key_a_group)
    {
      g_autofree char *label = tally_store_plan_key_label (plan->dict, plan->group_dimension, key);
      int index = group_index (plan, label);

      map_key (plan, key, index);
      return index;
    }

  return -1;
}
