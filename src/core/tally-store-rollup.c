/* tally-store-rollup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Folding raw events into rollup rows. The writer commits a batch of raw
 * events first (that commit is what a 2xx promises), then folds them into
 * the per-minute and per-hour rollups in a transaction of its own that
 * also moves the `rolled_up_to` mark: a crash in between leaves the events
 * to be folded on the next run, never folded twice. Queries read the
 * rollups up to the mark and the few raw events after it, folded in memory
 * by the same code. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-store-private.h"

typedef struct
{
  gint64      bucket;
  gint64      key;
  gint32      grain;
  gint32      level;
  TallyRollup rollup;
} Entry;

struct _TallyRollupMap
{
  GHashTable *entries;   /* Entry → Entry */
};

static guint
entry_hash (gconstpointer data)
{
  const Entry *e = data;
  guint64 h = (guint64) e->bucket * 0x9E3779B97F4A7C15ull;

  h ^= (guint64) e->key * 0xC2B2AE3D27D4EB4Full + (guint64) e->grain * 0x165667B19E3779F9ull +
       (guint64) e->level;
  return (guint) (h ^ (h >> 32));
}

static gboolean
entry_equal (gconstpointer a,
             gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  return ea->bucket == eb->bucket && ea->key == eb->key && ea->grain == eb->grain &&
         ea->level == eb->level;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  tally_rollup_clear (&entry->rollup);
  g_free (entry);
}

TallyRollupMap *
tally_rollup_map_new (void)
{
  TallyRollupMap *map = g_new0 (TallyRollupMap, 1);

  map->entries = g_hash_table_new_full (entry_hash, entry_equal, NULL, entry_free);
  return map;
}

void
tally_rollup_map_free (TallyRollupMap *map)
{
  if (map == NULL)
    return;

  g_hash_table_unref (map->entries);
  g_free (map);
}

guint
tally_rollup_map_size (TallyRollupMap *map)
{
  return g_hash_table_size (map->entries);
}

static TallyRollup *
map_get (TallyRollupMap *map,
         int             level,
         gint32          grain,
         gint64          key,
         gint64          bucket)
{
  Entry probe = { bucket, key, grain, level };
  Entry *entry = g_hash_table_lookup (map->entries, &probe);

  if (entry == NULL)
    {
      entry = g_new (Entry, 1);
      *entry = probe;
      tally_rollup_init (&entry->rollup);
      g_hash_table_add (map->entries, entry);
    }

  return &entry->rollup;
}

/* The writer keeps per-minute rows for the total and the series only;
 * per-dimension and per-label rows are per hour. That bounds the rows a
 * sparse minute adds to about two per event; a query that needs a
 * dimension per minute reads the series rows of that minute. */
static inline gboolean
grain_wanted (const TallyGrainKey *gk,
              int                  level,
              gint32               only_grain)
{
  if (only_grain >= 0)
    return gk->grain == only_grain;

  return level == LEVEL_HOUR || gk->grain == GRAIN_TOTAL || gk->grain == GRAIN_SERIES;
}

/* The time a request was in flight, split over the buckets it spans, so
 * that a bucket's busy time over its length is its mean concurrency. */
static void
add_busy (TallyRollupMap    *map,
          const TallySeries *series,
          int                level,
          gint32             only_grain,
          gint64             start_ms,
          double             latency_ms)
{
  gint64 width_ms = LEVEL_SECONDS (level) * 1000;
  double end_ms = start_ms + latency_ms;
  gint64 bucket_ms = start_ms - start_ms % width_ms;

  for (; bucket_ms < end_ms; bucket_ms += width_ms)
    {
      double overlap = MIN (end_ms, (double) (bucket_ms + width_ms)) - MAX ((double) start_ms,
                                                                              (double) bucket_ms);

      for (guint g = 0; g < series->n_grains; g++)
        {
          const TallyGrainKey *gk = &series->grains[g];

          if (grain_wanted (gk, level, only_grain))
            map_get (map, level, gk->grain, gk->key, bucket_ms / 1000)->busy_ms += overlap;
        }
    }
}

/**
 * tally_rollup_map_add:
 * @only_grain: the one grain to fill, or -1 for all of the series' grains
 *
 * Adds @event, of @series, to the rollups of @level it belongs to. The
 * event's own status and error are ignored: they are the series'.
 */
void
tally_rollup_map_add (TallyRollupMap    *map,
                      const TallySeries *series,
                      const TallyEvent  *event,
                      int                level,
                      gint32             only_grain)
{
  gint64 width = LEVEL_SECONDS (level);
  gint64 seconds = event->time_ms / 1000;
  gint64 bucket = seconds - seconds % width;
  TallyEventValues values;

  tally_event_values_init (&values, event);
  values.is_error = series->is_error;
  values.is_rate_limited = series->is_rate_limited;

  for (guint g = 0; g < series->n_grains; g++)
    {
      const TallyGrainKey *gk = &series->grains[g];

      if (grain_wanted (gk, level, only_grain))
        tally_rollup_add_values (map_get (map, level, gk->grain, gk->key, bucket), &values);
    }

  if (!isnan (event->latency_ms) && event->latency_ms > 0)
    add_busy (map, series, level, only_grain, event->time_ms, event->latency_ms);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(const Entry **) a, *eb = *(const Entry **) b;

  if (ea->level != eb->level)
    return ea->level - eb->level;
  if (ea->grain != eb->grain)
    return ea->grain < eb->grain ? -1 : 1;
  if (ea->bucket != eb->bucket)
    return ea->bucket < eb->bucket ? -1 : 1;
  return (ea->key > eb->key) - (ea->key < eb->key);
}

/* Calls @func on each entry in the order of the rollups table's primary
 * key, so the writer's upserts walk the index forwards instead of
 * splitting pages all over it. */
void
tally_rollup_map_foreach (TallyRollupMap     *map,
                          TallyRollupMapFunc  func,
                          gpointer            user_data)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_sized_new (g_hash_table_size (map->entries));
  GHashTableIter iter;
  gpointer entry_ptr;

  g_hash_table_iter_init (&iter, map->entries);
  while (g_hash_table_iter_next (&iter, &entry_ptr, NULL))
    g_ptr_array_add (entries, entry_ptr);
  g_ptr_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (entries, i);

      func (entry->level, entry->grain, entry->key, entry->bucket, &entry->rollup, user_data);
    }
}

static gint64
column_int (sqlite3_stmt *stmt,
            int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, column);
}

static double
column_double (sqlite3_stmt *stmt,
               int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

/* Reads the numbers of a row of EVENT_COLUMNS, starting at @first, into
 * @event (whose strings are left alone) and its series id. */
gboolean
tally_store_event_from_row (sqlite3_stmt *stmt,
                            int           first,
                            TallyEvent   *event,
                            gint64       *series_id)
{
  event->time_ms = sqlite3_column_int64 (stmt, first);
  *series_id = sqlite3_column_int64 (stmt, first + 1);
  event->input_tokens = column_int (stmt, first + 2);
  event->output_tokens = column_int (stmt, first + 3);
  event->cached_tokens = column_int (stmt, first + 4);
  event->cost = column_double (stmt, first + 5);
  event->latency_ms = column_double (stmt, first + 6);
  event->ttft_ms = column_double (stmt, first + 7);
  event->queue_ms = column_double (stmt, first + 8);
  event->audio_ms = column_double (stmt, first + 9);

  return event->time_ms > 0;
}

typedef struct
{
  sqlite3_stmt *upsert;
  GByteArray   *buffer;
  int           rc;
} UpsertData;

static void
upsert_entry (int                level,
              gint32             grain,
              gint64             key,
              gint64             bucket,
              const TallyRollup *rollup,
              gpointer           user_data)
{
  UpsertData *data = user_data;

  if (data->rc != SQLITE_DONE)
    return;

  g_byte_array_set_size (data->buffer, 0);
  tally_rollup_serialize (rollup, data->buffer);
  sqlite3_bind_int (data->upsert, 1, level);
  sqlite3_bind_int (data->upsert, 2, grain);
  sqlite3_bind_int64 (data->upsert, 3, bucket);
  sqlite3_bind_int64 (data->upsert, 4, key);
  sqlite3_bind_blob (data->upsert, 5, data->buffer->data, data->buffer->len, SQLITE_STATIC);
  data->rc = sqlite3_step (data->upsert);
  sqlite3_reset (data->upsert);
}

static gboolean
write_map (sqlite3         *db,
           TallyRollupMap  *map,
           GError         **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  UpsertData data = { NULL, buffer, SQLITE_DONE };

  if (sqlite3_prepare_v2 (db, "INSERT INTO rollups (level, grain, bucket, key, data) "
                              "VALUES (?, ?, ?, ?, ?) ON CONFLICT (level, grain, bucket, key) "
                              "DO UPDATE SET data = tally_rollup_merge (data, excluded.data)",
                          -1, &data.upsert, NULL) != SQLITE_OK)
    {
      tally_store_set_sqlite_error (error, db, _("Cannot update the rollups"));
      return FALSE;
    }

  tally_rollup_map_foreach (map, upsert_entry, &data);
  sqlite3_finalize (data.upsert);

  if (data.rc != SQLITE_DONE)
    {
      tally_store_set_sqlite_error (error, db, _("Cannot update the rollups"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
fold_events (sqlite3         *db,
             TallyStoreDict  *dict,
             TallyRollupMap  *map,
             gint64           after_id,
             guint            max_events,
             gint64           deadline,
             gint64          *last_id,
             guint           *n_events,
             GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  TallyEvent event = { 0 };
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id, " EVENT_COLUMNS " FROM events WHERE id > ? "
                              "ORDER BY id LIMIT ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      tally_store_set_sqlite_error (error, db, _("Cannot read new events"));
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_int (stmt, 2, max_events);

  *n_events = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const TallySeries *series;
      gint64 series_id;

      *last_id = sqlite3_column_int64 (stmt, 0);
      tally_store_event_from_row (stmt, 1, &event, &series_id);
      if ((series = tally_store_dict_get_series (dict, series_id, error)) == NULL)
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      for (int level = 0; level < N_LEVELS; level++)
        tally_rollup_map_add (map, series, &event, level, -1);
      /* Past the deadline, stop: the events left wait for the next step. */
      if ((++(*n_events) & 0xff) == 0 && g_get_monotonic_time () > deadline)
        break;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      tally_store_set_sqlite_error (error, db, _("Cannot read new events"));
      return FALSE;
    }

  return TRUE;
}

/**
 * tally_store_roll_up_step:
 * @budget_us: how long to spend folding, in microseconds; writing the
 *   folded rows then takes about as long again
 * @done: (out): set when no event is left to fold
 *
 * Folds up to @max_events raw events past the mark into the rollups, in
 * one transaction. Safe beside another process doing the same: the
 * transaction is IMMEDIATE, so the mark is read and moved by one of them
 * at a time.
 */
gboolean
tally_store_roll_up_step (sqlite3         *db,
                          TallyStoreDict  *dict,
                          guint            max_events,
                          gint64           budget_us,
                          gboolean        *done,
                          GError         **error)
{
  gint64 deadline = g_get_monotonic_time () + budget_us;
  g_autoptr(GError) local_error = NULL;
  TallyRollupMap *map;
  gint64 mark, last_id = 0;
  guint n_events = 0;
  gboolean ok;

  *done = FALSE;
  if (!tally_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  mark = tally_store_get_state (db, "rolled_up_to");
  map = tally_rollup_map_new ();
  ok = fold_events (db, dict, map, mark, max_events, deadline, &last_id, &n_events, &local_error) &&
       (n_events == 0 || (write_map (db, map, &local_error) &&
                          tally_store_set_state (db, "rolled_up_to", last_id, &local_error))) &&
       tally_store_exec (db, "COMMIT", &local_error);
  tally_rollup_map_free (map);

  if (!ok)
    {
      tally_store_exec (db, "ROLLBACK", NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *done = n_events < max_events && g_get_monotonic_time () <= deadline;
  return TRUE;
}
