/* tally-alert-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The alerts table of the store (format 2): one row per alert, written
 * when it fires and completed when it resolves. It has a connection of its
 * own to the store's file, beside the store's writer; SQLite's lock and
 * busy timeout order the two, and any other process writing the same
 * file (docs/alerts.md, "History"). A handle may be used from any thread,
 * one call at a time. A store of format 1 opened read-only has no
 * such table: its history is empty. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-alert-history.h"
#include "tally-error.h"
#include "tally-store-private.h"

struct _TallyAlertHistory
{
  sqlite3 *db;
  GMutex   lock;     /* the connection is used from one thread at a time */
};

TallyAlert *
tally_alert_new (void)
{
  TallyAlert *alert = g_new0 (TallyAlert, 1);

  alert->value = NAN;
  alert->threshold = NAN;
  alert->resolved_value = NAN;
  return alert;
}

TallyAlert *
tally_alert_copy (const TallyAlert *alert)
{
  TallyAlert *copy = g_memdup2 (alert, sizeof *alert);

  copy->rule = g_strdup (alert->rule);
  copy->name = g_strdup (alert->name);
  copy->severity = g_strdup (alert->severity);
  copy->metric = g_strdup (alert->metric);
  copy->description = g_strdup (alert->description);
  copy->dashboard = g_strdup (alert->dashboard);
  return copy;
}

void
tally_alert_free (TallyAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->rule);
  g_free (alert->name);
  g_free (alert->severity);
  g_free (alert->metric);
  g_free (alert->description);
  g_free (alert->dashboard);
  g_free (alert);
}

/**
 * tally_alert_history_open:
 * @read_only: only list; the file is neither created nor upgraded
 *
 * Opens the history in the store at @store_path; for writing, this
 * upgrades a store of an older format first, keeping its data.
 */
TallyAlertHistory *
tally_alert_history_open (const char  *store_path,
                          gboolean     read_only,
                          GError     **error)
{
  sqlite3 *db = tally_store_schema_open (store_path, !read_only, error);
  TallyAlertHistory *history;

  if (db == NULL)
    return NULL;

  history = g_new0 (TallyAlertHistory, 1);
  history->db = db;
  g_mutex_init (&history->lock);
  return history;
}

void
tally_alert_history_close (TallyAlertHistory *history)
{
  if (history == NULL)
    return;
  sqlite3_close (history->db);
  g_mutex_clear (&history->lock);
  g_free (history);
}

static void
bind_double (sqlite3_stmt *stmt,
             int           index,
             double        value)
{
  if (isnan (value) || isinf (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static double
column_double (sqlite3_stmt *stmt,
               int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

/* Sets @alert's id and fired_at from the row of its rule still firing,
 * if there is one; *@found says whether there was. */
static gboolean
adopt_firing (TallyAlertHistory *history,
              TallyAlert        *alert,
              gboolean          *found)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (history->db,
                           "SELECT id, fired_at FROM alerts WHERE rule = ? AND resolved_at IS NULL "
                           "ORDER BY id LIMIT 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, alert->rule, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  *found = rc == SQLITE_ROW;
  if (*found)
    {
      alert->id = sqlite3_column_int64 (stmt, 0);
      alert->fired_at = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
insert_alert (TallyAlertHistory *history,
              TallyAlert        *alert)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (history->db,
                           "INSERT INTO alerts (rule, name, severity, metric, value, threshold, "
                           "description, dashboard, fired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, alert->rule, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, alert->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, alert->severity, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, alert->metric, -1, SQLITE_STATIC);
      bind_double (stmt, 5, alert->value);
      bind_double (stmt, 6, alert->threshold);
      sqlite3_bind_text (stmt, 7, alert->description ? alert->description : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, alert->dashboard, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 9, alert->fired_at);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  alert->id = sqlite3_last_insert_rowid (history->db);
  return TRUE;
}

/**
 * tally_alert_history_add:
 *
 * Stores a new firing alert and sets its id. When its rule has a row
 * still firing (another process sharing the store recorded it first),
 * @alert takes that row's id and fired_at instead: a rule fires once,
 * whoever writes first. The check and the insert are one transaction.
 */
gboolean
tally_alert_history_add (TallyAlertHistory  *history,
                         TallyAlert         *alert,
                         GError            **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&history->lock);
  gboolean found = FALSE;

  if (sqlite3_exec (history->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
      !adopt_firing (history, alert, &found) ||
      (!found && !insert_alert (history, alert)) ||
      sqlite3_exec (history->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      tally_store_set_sqlite_error (error, history->db, _("Cannot record the alert"));
      if (!sqlite3_get_autocommit (history->db))
        sqlite3_exec (history->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/* Reads the resolution @alert's row has into @alert. */
static int
read_resolution (TallyAlertHistory *history,
                 TallyAlert        *alert)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (history->db, "SELECT resolved_at, resolved_value FROM alerts WHERE id = ?",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, alert->id);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      alert->resolved_at = sqlite3_column_int64 (stmt, 0);
      alert->resolved_value = column_double (stmt, 1);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

/**
 * tally_alert_history_resolve:
 * @alert: a stored alert; its resolved_at and resolved_value are set to
 *   the row's
 *
 * Marks @alert's row resolved at @resolved_at. An alert resolves once: a
 * row resolved already (by another process sharing the store) keeps its
 * first resolution, which @alert takes.
 */
gboolean
tally_alert_history_resolve (TallyAlertHistory  *history,
                             TallyAlert         *alert,
                             gint64              resolved_at,
                             double              value,
                             GError            **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&history->lock);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (history->db,
                           "UPDATE alerts SET resolved_at = ?, resolved_value = ? "
                           "WHERE id = ? AND resolved_at IS NULL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, resolved_at);
      bind_double (stmt, 2, value);
      sqlite3_bind_int64 (stmt, 3, alert->id);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    rc = read_resolution (history, alert);

  if (rc != SQLITE_DONE)
    {
      tally_store_set_sqlite_error (error, history->db, _("Cannot record the alert’s end"));
      return FALSE;
    }

  return TRUE;
}

static TallyAlert *
read_row (sqlite3_stmt *stmt)
{
  TallyAlert *alert = tally_alert_new ();

  alert->id = sqlite3_column_int64 (stmt, 0);
  alert->rule = column_text (stmt, 1);
  alert->name = column_text (stmt, 2);
  alert->severity = column_text (stmt, 3);
  alert->metric = column_text (stmt, 4);
  alert->value = column_double (stmt, 5);
  alert->threshold = column_double (stmt, 6);
  alert->description = column_text (stmt, 7);
  alert->dashboard = column_text (stmt, 8);
  alert->fired_at = sqlite3_column_int64 (stmt, 9);
  alert->resolved_at = sqlite3_column_int64 (stmt, 10);
  alert->resolved_value = column_double (stmt, 11);
  return alert;
}

/* The alerts of @where (binding ?1 and ?2 to @a and @b when it names
 * them), in @order, at most @limit of them (0: all). */
static GPtrArray *
select_alerts (TallyAlertHistory  *history,
               const char         *where,
               gint64              a,
               gint64              b,
               const char         *order,
               guint               limit,
               GError            **error)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_alert_free);
  g_autofree char *sql = g_strdup_printf ("SELECT id, rule, name, severity, metric, value, threshold, "
                                          "description, dashboard, fired_at, resolved_at, resolved_value "
                                          "FROM alerts %s ORDER BY %s LIMIT %d",
                                          where, order, limit > 0 ? (int) MIN (limit, G_MAXINT) : -1);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&history->lock);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (history->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      /* a store of format 1, read-only: no alert was ever recorded */
      if (strstr (sqlite3_errmsg (history->db), "no such table") != NULL)
        return g_steal_pointer (&alerts);
      tally_store_set_sqlite_error (error, history->db, _("Cannot read the alert history"));
      return NULL;
    }

  if (sqlite3_bind_parameter_count (stmt) >= 2)
    {
      sqlite3_bind_int64 (stmt, 1, a);
      sqlite3_bind_int64 (stmt, 2, b);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (alerts, read_row (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      tally_store_set_sqlite_error (error, history->db, _("Cannot read the alert history"));
      return NULL;
    }

  return g_steal_pointer (&alerts);
}

/**
 * tally_alert_history_list:
 * @firing_only: only the alerts not resolved yet
 * @limit: at most this many, the latest first; 0 for all
 *
 * Returns: (element-type TallyAlert): the alerts, newest first
 */
GPtrArray *
tally_alert_history_list (TallyAlertHistory  *history,
                          gboolean            firing_only,
                          guint               limit,
                          GError            **error)
{
  return select_alerts (history, firing_only ? "WHERE resolved_at IS NULL" : "", 0, 0,
                        "fired_at DESC, id DESC", limit, error);
}

/**
 * tally_alert_history_list_between:
 * @from: Unix seconds
 * @to: Unix seconds, after @from
 * @limit: at most this many; 0 for all
 *
 * The alerts that fired at some moment of [@from, @to): fired before @to
 * and not resolved before @from. Those still firing come first, then the
 * rest; each part newest first.
 *
 * Returns: (element-type TallyAlert): the alerts
 */
GPtrArray *
tally_alert_history_list_between (TallyAlertHistory  *history,
                                  gint64              from,
                                  gint64              to,
                                  guint               limit,
                                  GError            **error)
{
  return select_alerts (history, "WHERE fired_at < ?2 AND (resolved_at IS NULL OR resolved_at >= ?1)",
                        from, to, "resolved_at IS NOT NULL, fired_at DESC, id DESC", limit, error);
}
