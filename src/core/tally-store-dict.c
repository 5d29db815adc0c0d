/* tally-store-dict.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Dictionary encoding. A dimension value is stored once in `dict` and
 * referred to by id; a distinct tuple of dimensions is stored once in
 * `series`, and each event refers to its series. Both are cached per
 * connection: ids never change once written, so a cache is never stale,
 * only incomplete (another process may add rows), and a miss goes to the
 * table. The writer must forget the cache after a rollback, because the
 * rows it cached may be gone. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-error.h"
#include "tally-store-private.h"

struct _TallyStoreDict
{
  sqlite3      *db;
  GHashTable   *ids;             /* "space:value" → gint64 id */
  GHashTable   *strings;         /* gint64 id → value */
  GHashTable   *series_ids;      /* TupleKey → gint64 series id */
  GHashTable   *series;          /* gint64 id → TallySeries */
  sqlite3_stmt *insert_value;
  sqlite3_stmt *select_value;
  sqlite3_stmt *select_string;
  sqlite3_stmt *insert_series;
  sqlite3_stmt *select_series_id;
  sqlite3_stmt *select_series;
};

static const char *string_dims[] = {
  [TALLY_DIMENSION_MODEL] = "model",
  [TALLY_DIMENSION_PROVIDER] = "provider",
  [TALLY_DIMENSION_PROJECT] = "project",
  [TALLY_DIMENSION_API_KEY] = "api_key",
  [TALLY_DIMENSION_USER] = "user",
  [TALLY_DIMENSION_SERVICE] = "service",
  [TALLY_DIMENSION_LANGUAGE] = "language",
  [TALLY_DIMENSION_OPERATION] = "operation",
  [TALLY_DIMENSION_STATUS] = NULL,
  [TALLY_DIMENSION_STATUS_CLASS] = NULL,
  [TALLY_DIMENSION_ERROR] = "error",
};

static void
series_free (gpointer data)
{
  TallySeries *series = data;

  g_free (series->label_key_ids);
  g_free (series->label_value_ids);
  g_free (series->grains);
  g_free (series);
}

/* An event's tuple of dimensions as the series cache knows it: its
 * strings themselves, so that finding a known series (nearly every event)
 * costs one hash of the strings and no allocation. A probe points into
 * the event; a stored key owns copies. */
typedef struct
{
  guint        hash;
  const char  *dims[TALLY_N_EVENT_DIMENSIONS];
  int          status;
  guint        n_labels;
  char       **label_keys;
  char       **label_values;
} TupleKey;

static inline guint
mix_string (guint       h,
            const char *s)
{
  /* djb2, with the absence of a string told apart from an empty one */
  if (s == NULL)
    return h * 33 + 0x9e37;
  for (; *s != '\0'; s++)
    h = h * 33 + (guchar) *s;
  return h * 33 + 1;
}

static void
tuple_key_probe (TupleKey         *key,
                 const TallyEvent *event)
{
  guint h = 5381 + (guint) event->status;

  for (guint k = 0; k < TALLY_N_EVENT_DIMENSIONS; k++)
    {
      key->dims[k] = event->dims[k];
      h = mix_string (h, event->dims[k]);
    }
  for (guint i = 0; i < event->n_labels; i++)
    h = mix_string (mix_string (h, event->label_keys[i]), event->label_values[i]);

  key->hash = h;
  key->status = event->status;
  key->n_labels = event->n_labels;
  key->label_keys = event->label_keys;
  key->label_values = event->label_values;
}

static TupleKey *
tuple_key_copy (const TupleKey *probe)
{
  TupleKey *key = g_new (TupleKey, 1);

  *key = *probe;
  for (guint k = 0; k < TALLY_N_EVENT_DIMENSIONS; k++)
    key->dims[k] = g_strdup (probe->dims[k]);
  key->label_keys = g_new0 (char *, probe->n_labels + 1);
  key->label_values = g_new0 (char *, probe->n_labels + 1);
  for (guint i = 0; i < probe->n_labels; i++)
    {
      key->label_keys[i] = g_strdup (probe->label_keys[i]);
      key->label_values[i] = g_strdup (probe->label_values[i]);
    }

  return key;
}

static void
tuple_key_free (gpointer data)
{
  TupleKey *key = data;

  for (guint k = 0; k < TALLY_N_EVENT_DIMENSIONS; k++)
    g_free ((char *) key->dims[k]);
  g_strfreev (key->label_keys);
  g_strfreev (key->label_values);
  g_free (key);
}

static guint
tuple_key_hash (gconstpointer data)
{
  return ((const TupleKey *) data)->hash;
}

static gboolean
tuple_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const TupleKey *ka = a, *kb = b;

  if (ka->hash != kb->hash || ka->status != kb->status || ka->n_labels != kb->n_labels)
    return FALSE;
  for (guint k = 0; k < TALLY_N_EVENT_DIMENSIONS; k++)
    {
      if (g_strcmp0 (ka->dims[k], kb->dims[k]) != 0)
        return FALSE;
    }
  for (guint i = 0; i < ka->n_labels; i++)
    {
      if (g_strcmp0 (ka->label_keys[i], kb->label_keys[i]) != 0 ||
          g_strcmp0 (ka->label_values[i], kb->label_values[i]) != 0)
        return FALSE;
    }

  return TRUE;
}

TallyStoreDict *
tally_store_dict_new (sqlite3 *db)
{
  TallyStoreDict *dict = g_new0 (TallyStoreDict, 1);

  dict->db = db;
  dict->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  dict->strings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  dict->series_ids = g_hash_table_new_full (tuple_key_hash, tuple_key_equal, tuple_key_free, g_free);
  dict->series = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, series_free);

  return dict;
}

void
tally_store_dict_free (TallyStoreDict *dict)
{
  if (dict == NULL)
    return;

  sqlite3_finalize (dict->insert_value);
  sqlite3_finalize (dict->select_value);
  sqlite3_finalize (dict->select_string);
  sqlite3_finalize (dict->insert_series);
  sqlite3_finalize (dict->select_series_id);
  sqlite3_finalize (dict->select_series);
  g_hash_table_unref (dict->ids);
  g_hash_table_unref (dict->strings);
  g_hash_table_unref (dict->series_ids);
  g_hash_table_unref (dict->series);
  g_free (dict);
}

/* After a rollback: ids cached during the transaction may not exist. */
void
tally_store_dict_forget (TallyStoreDict *dict)
{
  g_hash_table_remove_all (dict->ids);
  g_hash_table_remove_all (dict->series_ids);
  /* Series and strings read back by id stay valid: they were committed. */
}

static sqlite3_stmt *
prepare (TallyStoreDict  *dict,
         sqlite3_stmt   **stmt,
         const char      *sql)
{
  if (*stmt == NULL && sqlite3_prepare_v3 (dict->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                           stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_reset (*stmt);
  sqlite3_clear_bindings (*stmt);
  return *stmt;
}

static char *
cache_key (int         space,
           const char *value)
{
  return g_strdup_printf ("%d:%s", space, value);
}

static void
cache_id (TallyStoreDict *dict,
          int             space,
          const char     *value,
          gint64          id)
{
  g_hash_table_insert (dict->ids, cache_key (space, value), g_memdup2 (&id, sizeof id));
  if (!g_hash_table_contains (dict->strings, &id))
    g_hash_table_insert (dict->strings, g_memdup2 (&id, sizeof id), g_strdup (value));
}

/* The id of @value in @space, or 0 if it was never stored. */
gint64
tally_store_dict_lookup (TallyStoreDict *dict,
                         int             space,
                         const char     *value)
{
  g_autofree char *key = cache_key (space, value);
  gint64 *cached = g_hash_table_lookup (dict->ids, key);
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (cached != NULL)
    return *cached;

  stmt = prepare (dict, &dict->select_value, "SELECT id FROM dict WHERE space = ? AND value = ?");
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, space);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id != 0)
    cache_id (dict, space, value, id);

  return id;
}

/* The id of @value in @space, stored if new. Writer only, in a transaction. */
gint64
tally_store_dict_intern (TallyStoreDict  *dict,
                         int              space,
                         const char      *value,
                         GError         **error)
{
  gint64 id = tally_store_dict_lookup (dict, space, value);
  sqlite3_stmt *stmt;

  if (id != 0)
    return id;

  stmt = prepare (dict, &dict->insert_value, "INSERT INTO dict (space, value) VALUES (?, ?)");
  if (stmt == NULL)
    {
      tally_store_set_sqlite_error (error, dict->db, _("Cannot store a dimension value"));
      return 0;
    }
  sqlite3_bind_int (stmt, 1, space);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tally_store_set_sqlite_error (error, dict->db, _("Cannot store a dimension value"));
      sqlite3_reset (stmt);
      return 0;
    }
  sqlite3_reset (stmt);

  id = sqlite3_last_insert_rowid (dict->db);
  cache_id (dict, space, value, id);

  return id;
}

const char *
tally_store_dict_get_string (TallyStoreDict *dict,
                             gint64          id)
{
  const char *cached;
  sqlite3_stmt *stmt;
  char *value = NULL;

  if (id <= 0)
    return NULL;
  if ((cached = g_hash_table_lookup (dict->strings, &id)) != NULL)
    return cached;

  stmt = prepare (dict, &dict->select_string, "SELECT value FROM dict WHERE id = ?");
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (value != NULL)
    g_hash_table_insert (dict->strings, g_memdup2 (&id, sizeof id), value);

  return value;
}

static int
compare_label_pair (gconstpointer a,
                    gconstpointer b)
{
  const gint64 *pa = a, *pb = b;

  return (pa[0] > pb[0]) - (pa[0] < pb[0]);
}

/* "key=value,…" over ids, sorted by key id: one spelling per label set. */
static char *
labels_text (TallyStoreDict    *dict,
             const TallyEvent  *event,
             GError           **error)
{
  g_autofree gint64 *pairs = g_new0 (gint64, 2 * MAX (event->n_labels, 1));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < event->n_labels; i++)
    {
      gint64 key = tally_store_dict_intern (dict, DICT_LABEL_KEY, event->label_keys[i], error);
      gint64 value = key ? tally_store_dict_intern (dict, DICT_LABEL_VALUE (key),
                                                    event->label_values[i], error) : 0;

      if (key == 0 || value == 0)
        return g_string_free (text, TRUE), NULL;
      pairs[2 * i] = key;
      pairs[2 * i + 1] = value;
    }
  qsort (pairs, event->n_labels, 2 * sizeof (gint64), compare_label_pair);
  for (guint i = 0; i < event->n_labels; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT "=%" G_GINT64_FORMAT,
                            i ? "," : "", pairs[2 * i], pairs[2 * i + 1]);

  return g_string_free (text, FALSE);
}

static gint64
find_or_insert_series (TallyStoreDict  *dict,
                       const gint64    *ids,
                       int              status,
                       const char      *labels,
                       GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = prepare (dict, &dict->insert_series,
                  "INSERT OR IGNORE INTO series (model, provider, project, api_key, user, service, "
                  "language, operation, status, error, labels) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  for (guint pass = 0; stmt != NULL && pass < 2; pass++)
    {
      for (guint k = 0, col = 1; k < TALLY_N_EVENT_DIMENSIONS; k++)
        {
          if (k == TALLY_DIMENSION_STATUS_CLASS)
            continue;
          if (k == TALLY_DIMENSION_STATUS)
            sqlite3_bind_int (stmt, col++, status);
          else
            sqlite3_bind_int64 (stmt, col++, ids[k]);
        }
      sqlite3_bind_text (stmt, 11, labels, -1, SQLITE_STATIC);

      if (pass == 0)
        {
          if (sqlite3_step (stmt) != SQLITE_DONE)
            break;
          stmt = prepare (dict, &dict->select_series_id,
                          "SELECT id FROM series WHERE model = ? AND provider = ? AND project = ? "
                          "AND api_key = ? AND user = ? AND service = ? AND language = ? AND "
                          "operation = ? AND status = ? AND error = ? AND labels = ?");
        }
      else if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          id = sqlite3_column_int64 (stmt, 0);
        }
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  if (id == 0)
    tally_store_set_sqlite_error (error, dict->db, _("Cannot store a series"));

  return id;
}

/* The series id of @event's tuple of dimensions, stored if new. Writer
 * only, inside a transaction. */
gint64
tally_store_dict_intern_series (TallyStoreDict    *dict,
                                const TallyEvent  *event,
                                GError           **error)
{
  g_autofree char *labels = NULL;
  gint64 ids[TALLY_N_EVENT_DIMENSIONS] = { 0 };
  TupleKey probe;
  gint64 *cached;
  gint64 id;

  tuple_key_probe (&probe, event);
  if ((cached = g_hash_table_lookup (dict->series_ids, &probe)) != NULL)
    return *cached;

  for (guint k = 0; k < TALLY_N_EVENT_DIMENSIONS; k++)
    {
      if (string_dims[k] == NULL || event->dims[k] == NULL)
        continue;
      if ((ids[k] = tally_store_dict_intern (dict, k, event->dims[k], error)) == 0)
        return 0;
    }
  if ((labels = labels_text (dict, event, error)) == NULL)
    return 0;

  if ((id = find_or_insert_series (dict, ids, event->status, labels, error)) == 0)
    return 0;

  g_hash_table_insert (dict->series_ids, tuple_key_copy (&probe), g_memdup2 (&id, sizeof id));
  return id;
}

static int
status_class_index (const char *name)
{
  static const char *classes[] = { "error", "1xx", "2xx", "3xx", "4xx", "5xx" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (g_str_equal (classes[i], name))
        return i;
    }
  return 0;
}

static void
add_grain (GArray *grains,
           gint32  grain,
           gint64  key)
{
  TallyGrainKey gk = { grain, key };

  g_array_append_val (grains, gk);
}

/* The rollup rows an event of @series counts in, and its error flags. */
static void
series_compute_grains (TallySeries *series)
{
  GArray *grains = g_array_sized_new (FALSE, FALSE, sizeof (TallyGrainKey), 16);
  TallyEvent probe = { 0 };

  probe.status = series->status;
  probe.dims[TALLY_DIMENSION_ERROR] = (char *) series->dims[TALLY_DIMENSION_ERROR];
  series->is_error = tally_event_is_error (&probe);
  series->is_rate_limited = tally_event_is_rate_limited (&probe);

  add_grain (grains, GRAIN_TOTAL, 0);
  for (guint k = 0; k < TALLY_N_EVENT_DIMENSIONS; k++)
    {
      if (string_dims[k] != NULL)
        add_grain (grains, GRAIN_DIMENSION (k), series->dim_ids[k]);
    }
  add_grain (grains, GRAIN_DIMENSION (TALLY_DIMENSION_STATUS), series->status);
  add_grain (grains, GRAIN_DIMENSION (TALLY_DIMENSION_STATUS_CLASS),
             status_class_index (tally_event_get_status_class (&probe)));
  for (guint i = 0; i < series->n_labels; i++)
    add_grain (grains, GRAIN_LABEL (series->label_key_ids[i]), series->label_value_ids[i]);
  add_grain (grains, GRAIN_SERIES, series->id);

  series->n_grains = grains->len;
  series->grains = (TallyGrainKey *) (gpointer) g_array_free (grains, FALSE);
}

static void
series_parse_labels (TallySeries *series,
                     const char  *labels)
{
  g_auto(GStrv) pairs = g_strsplit (labels, ",", -1);
  guint n = labels[0] == '\0' ? 0 : g_strv_length (pairs);

  series->n_labels = n;
  series->label_key_ids = g_new0 (gint64, MAX (n, 1));
  series->label_value_ids = g_new0 (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      char *end = NULL;

      series->label_key_ids[i] = g_ascii_strtoll (pairs[i], &end, 10);
      if (end != NULL && *end == '=')
        series->label_value_ids[i] = g_ascii_strtoll (end + 1, NULL, 10);
    }
}

const TallySeries *
tally_store_dict_get_series (TallyStoreDict  *dict,
                             gint64           id,
                             GError         **error)
{
  TallySeries *series = g_hash_table_lookup (dict->series, &id);
  sqlite3_stmt *stmt;

  if (series != NULL)
    return series;

  stmt = prepare (dict, &dict->select_series,
                  "SELECT model, provider, project, api_key, user, service, language, operation, "
                  "status, error, labels FROM series WHERE id = ?");
  if (stmt == NULL || (sqlite3_bind_int64 (stmt, 1, id), sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (stmt != NULL)
        sqlite3_reset (stmt);
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_STORE,
                   _("The store is damaged: series %" G_GINT64_FORMAT " is missing"), id);
      return NULL;
    }

  series = g_new0 (TallySeries, 1);
  series->id = id;
  for (guint k = 0, col = 0; k < TALLY_N_EVENT_DIMENSIONS; k++)
    {
      if (k == TALLY_DIMENSION_STATUS_CLASS)
        continue;
      if (k == TALLY_DIMENSION_STATUS)
        series->status = sqlite3_column_int (stmt, col++);
      else
        series->dim_ids[k] = sqlite3_column_int64 (stmt, col++);
    }
  series_parse_labels (series, (const char *) sqlite3_column_text (stmt, 10));
  sqlite3_reset (stmt);

  for (guint k = 0; k < TALLY_N_EVENT_DIMENSIONS; k++)
    series->dims[k] = tally_store_dict_get_string (dict, series->dim_ids[k]);
  series_compute_grains (series);

  g_hash_table_insert (dict->series, &series->id, series);
  return series;
}

/* Every series in the store, as const TallySeries pointers owned by @dict. */
GPtrArray *
tally_store_dict_list_series (TallyStoreDict  *dict,
                              GError         **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (dict->db, "SELECT id FROM series", -1, &stmt, NULL) != SQLITE_OK)
    {
      tally_store_set_sqlite_error (error, dict->db, _("Cannot read the store"));
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      const TallySeries *series = tally_store_dict_get_series (dict, g_array_index (ids, gint64, i),
                                                               error);

      if (series == NULL)
        return NULL;
      g_ptr_array_add (all, (gpointer) series);
    }

  return g_steal_pointer (&all);
}
