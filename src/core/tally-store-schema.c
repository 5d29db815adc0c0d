/* tally-store-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Opening the store's SQLite file and keeping its schema current. The
 * schema version is SQLite's user_version; each migration runs in the same
 * IMMEDIATE transaction that checks the version, so two Tally processes
 * opening one file at once migrate it once. A file from a newer Tally is
 * refused rather than guessed at. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-error.h"
#include "tally-paths.h"
#include "tally-store-private.h"

/* Version 1: dictionary-encoded dimensions, one row per distinct tuple of
 * dimensions (series), raw events, and rollups per minute and per hour
 * keyed so that a range of buckets of one grain is one index range. */
static const char *migration_1 =
  "CREATE TABLE dict ("
  "  id INTEGER PRIMARY KEY,"
  "  space INTEGER NOT NULL,"
  "  value TEXT NOT NULL,"
  "  UNIQUE (space, value));"
  "CREATE TABLE series ("
  "  id INTEGER PRIMARY KEY,"
  "  model INTEGER NOT NULL, provider INTEGER NOT NULL, project INTEGER NOT NULL,"
  "  api_key INTEGER NOT NULL, user INTEGER NOT NULL, service INTEGER NOT NULL,"
  "  language INTEGER NOT NULL, operation INTEGER NOT NULL, status INTEGER NOT NULL,"
  "  error INTEGER NOT NULL, labels TEXT NOT NULL,"
  "  UNIQUE (model, provider, project, api_key, user, service, language, operation,"
  "          status, error, labels));"
  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  time_ms INTEGER NOT NULL,"
  "  series INTEGER NOT NULL,"
  "  input_tokens INTEGER, output_tokens INTEGER, cached_tokens INTEGER,"
  "  cost REAL, latency_ms REAL, ttft_ms REAL, queue_ms REAL, audio_ms REAL,"
  "  trace_id TEXT, request_id TEXT);"
  "CREATE INDEX events_time ON events (time_ms);"
  "CREATE TABLE rollups ("
  "  level INTEGER NOT NULL,"
  "  grain INTEGER NOT NULL,"
  "  bucket INTEGER NOT NULL,"
  "  key INTEGER NOT NULL,"
  "  data BLOB NOT NULL,"
  "  PRIMARY KEY (level, grain, bucket, key)) WITHOUT ROWID;"
  "CREATE TABLE state ("
  "  key TEXT PRIMARY KEY,"
  "  value INTEGER NOT NULL) WITHOUT ROWID;"
  "INSERT INTO state (key, value) VALUES ('rolled_up_to', 0);";

/* Version 2: the history of alerts (tally-alert-history.c). Adding a
 * table keeps every row of version 1. */
static const char *migration_2 =
  "CREATE TABLE alerts ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  rule TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  severity TEXT NOT NULL,"
  "  metric TEXT NOT NULL,"
  "  value REAL,"
  "  threshold REAL,"
  "  description TEXT NOT NULL,"
  "  dashboard TEXT,"
  "  fired_at INTEGER NOT NULL,"
  "  resolved_at INTEGER,"
  "  resolved_value REAL);"
  "CREATE INDEX alerts_fired ON alerts (fired_at);";

/* The SQL that takes the schema from version - 1 to @version. */
static const char *
get_migration (int version)
{
  switch (version)
    {
    case 1:
      return migration_1;
    case 2:
      return migration_2;
    default:
      g_assert_not_reached ();
    }
}

void
tally_store_set_sqlite_error (GError     **error,
                              sqlite3     *db,
                              const char  *what)
{
  int code = sqlite3_extended_errcode (db);

  if ((code & 0xff) == SQLITE_FULL)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO,
                 _("%s: the disk is full (%s)"), what, sqlite3_errmsg (db));
  else
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_STORE, "%s: %s", what, sqlite3_errmsg (db));
}

gboolean
tally_store_exec (sqlite3     *db,
                  const char  *sql,
                  GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      tally_store_set_sqlite_error (error, db, _("The store refused a change"));
      return FALSE;
    }

  return TRUE;
}

gint64
tally_store_get_state (sqlite3    *db,
                       const char *key)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM state WHERE key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

gboolean
tally_store_set_state (sqlite3     *db,
                       const char  *key,
                       gint64       value,
                       GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO state (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, value);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      tally_store_set_sqlite_error (error, db, _("Cannot save the store’s state"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (sqlite3     *db,
         const char  *path,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  if (!tally_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > TALLY_STORE_SCHEMA_VERSION)
    {
      tally_store_exec (db, "ROLLBACK", NULL);
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NEWER_VERSION,
                   _("%s was written by a newer version of Tally (store format %d; this "
                     "version reads up to %d)"), path, version, TALLY_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int v = version + 1; v <= TALLY_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v);

      if (!tally_store_exec (db, get_migration (v), error) ||
          !tally_store_exec (db, set_version, error))
        {
          tally_store_exec (db, "ROLLBACK", NULL);
          g_prefix_error (error, _("Cannot upgrade %s: "), path);
          return FALSE;
        }
    }

  return tally_store_exec (db, "COMMIT", error);
}

/* The SQL function tally_rollup_merge(a, b): the writer's upsert adds a
 * batch's rollup into the row already stored. */
static void
rollup_merge_func (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  g_auto(TallyRollup) rollup;
  g_autoptr(GByteArray) out = g_byte_array_new ();

  tally_rollup_init (&rollup);
  for (int i = 0; i < argc; i++)
    {
      const guint8 *data = sqlite3_value_blob (argv[i]);
      int len = sqlite3_value_bytes (argv[i]);

      if (data != NULL && !tally_rollup_merge_bytes (&rollup, data, len, TALLY_ROLLUP_DECODE_ALL))
        {
          sqlite3_result_error (context, "corrupt rollup", -1);
          return;
        }
    }

  tally_rollup_serialize (&rollup, out);
  sqlite3_result_blob (context, out->data, out->len, SQLITE_TRANSIENT);
}

/**
 * tally_store_schema_open:
 * @writer: whether this connection writes (creates and migrates the file)
 *
 * Opens a connection in WAL mode, which lets queries read while the writer
 * writes, and waits for another process's writer rather than failing.
 */
sqlite3 *
tally_store_schema_open (const char  *path,
                         gboolean     writer,
                         GError     **error)
{
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_NOMUTEX | (writer ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                            : SQLITE_OPEN_READONLY);

  if (writer && !tally_paths_ensure_parent (path, error))
    return NULL;

  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, _("Cannot open the store %s: %s"),
                   path, db ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, 10000);
  sqlite3_extended_result_codes (db, 1);
  /* Rollup upserts touch pages all over the index: keep them in memory
   * and read the file through mmap rather than a syscall per page. */
  tally_store_exec (db, writer ? "PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;"
                               : "PRAGMA cache_size = -16384; PRAGMA mmap_size = 268435456;", NULL);

  if (writer)
    {
      if (!tally_store_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", error) ||
          !migrate (db, path, error))
        {
          sqlite3_close (db);
          return NULL;
        }
      sqlite3_create_function (db, "tally_rollup_merge", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               NULL, rollup_merge_func, NULL, NULL);
    }
  else
    {
      /* A reader of a file that does not exist yet, or is not a store. An
       * older store reads as it is: only the tables it has are asked. */
      sqlite3_stmt *stmt = NULL;
      int version = -1;

      if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        version = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      if (version < 1 || version > TALLY_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_STORE,
                       _("%s is not a Tally store of this version"), path);
          sqlite3_close (db);
          return NULL;
        }
    }

  return db;
}
