/* tally-range-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The ranges a dashboard showed, for the filter bar's back and forward
 * buttons: a browser's history of time ranges. Going back and forth moves
 * along it; showing a new range drops what lay ahead and adds the range at
 * the end; the oldest ranges fall off past a bounded length. Plain data,
 * no signals: the bar asks can_back() and can_forward() after each step. */

#include "config.h"

#include "tally-range-history.h"

typedef struct
{
  char *from;
  char *to;
} Entry;

struct _TallyRangeHistory
{
  GArray *entries;     /* Entry, oldest first */
  guint   current;     /* index into entries, when not empty */
  guint   max_length;
};

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->from);
  g_free (entry->to);
}

/**
 * tally_range_history_new:
 * @max_length: how many ranges to keep at most (at least 1); the oldest go
 *
 * Returns: (transfer full): an empty history
 */
TallyRangeHistory *
tally_range_history_new (guint max_length)
{
  TallyRangeHistory *self;

  g_return_val_if_fail (max_length > 0, NULL);

  self = g_new0 (TallyRangeHistory, 1);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  self->max_length = max_length;
  return self;
}

void
tally_range_history_free (TallyRangeHistory *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->entries);
  g_free (self);
}

static Entry *
current_entry (TallyRangeHistory *self)
{
  if (self->entries->len == 0)
    return NULL;
  return &g_array_index (self->entries, Entry, self->current);
}

static gboolean
get_entry (TallyRangeHistory  *self,
           const char        **from,
           const char        **to)
{
  Entry *entry = current_entry (self);

  if (from != NULL)
    *from = entry != NULL ? entry->from : NULL;
  if (to != NULL)
    *to = entry != NULL ? entry->to : NULL;
  return entry != NULL;
}

/**
 * tally_range_history_push:
 *
 * Records that the range @from – @to is shown now. The same range as the
 * current one changes nothing; any other drops the ranges ahead of the
 * current one (as a browser does after going back) and becomes current.
 */
void
tally_range_history_push (TallyRangeHistory *self,
                          const char        *from,
                          const char        *to)
{
  Entry *current;
  Entry entry;

  g_return_if_fail (self != NULL);
  g_return_if_fail (from != NULL && to != NULL);

  current = current_entry (self);
  if (current != NULL && g_str_equal (current->from, from) && g_str_equal (current->to, to))
    return;

  if (current != NULL)
    g_array_set_size (self->entries, self->current + 1);
  entry = (Entry) { g_strdup (from), g_strdup (to) };
  g_array_append_val (self->entries, entry);
  if (self->entries->len > self->max_length)
    g_array_remove_range (self->entries, 0, self->entries->len - self->max_length);
  self->current = self->entries->len - 1;
}

/* Forgets every range, as when another dashboard is shown. */
void
tally_range_history_clear (TallyRangeHistory *self)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->entries, 0);
  self->current = 0;
}

/**
 * tally_range_history_get_current:
 * @from: (out) (optional) (transfer none): the current range's start, or %NULL
 * @to: (out) (optional) (transfer none): its end, or %NULL
 *
 * Returns: whether the history holds a range
 */
gboolean
tally_range_history_get_current (TallyRangeHistory  *self,
                                 const char        **from,
                                 const char        **to)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return get_entry (self, from, to);
}

gboolean
tally_range_history_can_back (TallyRangeHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->entries->len > 0 && self->current > 0;
}

gboolean
tally_range_history_can_forward (TallyRangeHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->current + 1 < self->entries->len;
}

/**
 * tally_range_history_back:
 * @from: (out) (optional) (transfer none): the range now current
 * @to: (out) (optional) (transfer none)
 *
 * Steps back to the range shown before the current one.
 *
 * Returns: %FALSE, changing nothing, when there is none
 */
gboolean
tally_range_history_back (TallyRangeHistory  *self,
                          const char        **from,
                          const char        **to)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!tally_range_history_can_back (self))
    return FALSE;
  self->current--;
  return get_entry (self, from, to);
}

/**
 * tally_range_history_forward:
 * @from: (out) (optional) (transfer none): the range now current
 * @to: (out) (optional) (transfer none)
 *
 * Steps forward again, after tally_range_history_back().
 *
 * Returns: %FALSE, changing nothing, when there is nothing ahead
 */
gboolean
tally_range_history_forward (TallyRangeHistory  *self,
                             const char        **from,
                             const char        **to)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!tally_range_history_can_forward (self))
    return FALSE;
  self->current++;
  return get_entry (self, from, to);
}

guint
tally_range_history_get_length (TallyRangeHistory *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}
