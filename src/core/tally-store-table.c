/* tally-store-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The two answers read from raw events rather than rollups: the table of
 * the latest matching events (logs, recent errors), and the values a
 * dimension takes (filter menus). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-error.h"
#include "tally-store-query-private.h"

/* Above this many matching series, they are checked row by row instead of
 * in the SQL. */
#define MAX_SERIES_IN_SQL 500

static const struct
{
  const char      *name;
  TallyColumnType  type;
} table_columns[] = {
  { "time", TALLY_COLUMN_TIME },
  { "model", TALLY_COLUMN_STRING },
  { "provider", TALLY_COLUMN_STRING },
  { "project", TALLY_COLUMN_STRING },
  { "api_key", TALLY_COLUMN_STRING },
  { "user", TALLY_COLUMN_STRING },
  { "service", TALLY_COLUMN_STRING },
  { "language", TALLY_COLUMN_STRING },
  { "operation", TALLY_COLUMN_STRING },
  { "status", TALLY_COLUMN_STATUS },
  { "error", TALLY_COLUMN_STRING },
  { "input_tokens", TALLY_COLUMN_INTEGER },
  { "output_tokens", TALLY_COLUMN_INTEGER },
  { "cached_tokens", TALLY_COLUMN_INTEGER },
  { "cost", TALLY_COLUMN_NUMBER },
  { "latency_ms", TALLY_COLUMN_NUMBER },
  { "ttft_ms", TALLY_COLUMN_NUMBER },
  { "queue_ms", TALLY_COLUMN_NUMBER },
  { "audio_ms", TALLY_COLUMN_NUMBER },
  { "trace_id", TALLY_COLUMN_STRING },
  { "request_id", TALLY_COLUMN_STRING },
  { "labels", TALLY_COLUMN_STRING },
};

enum
{
  COL_TIME, COL_MODEL, COL_PROVIDER, COL_PROJECT, COL_API_KEY, COL_USER, COL_SERVICE,
  COL_LANGUAGE, COL_OPERATION, COL_STATUS, COL_ERROR, COL_INPUT, COL_OUTPUT, COL_CACHED,
  COL_COST, COL_LATENCY, COL_TTFT, COL_QUEUE, COL_AUDIO, COL_TRACE, COL_REQUEST, COL_LABELS,
};

/* The table's metric picks the events: errors and rate_limited keep only
 * those; any other metric keeps every event. */
static gboolean
series_wanted (const TallySeries *series,
               TallyMetric        metric)
{
  if (metric == TALLY_METRIC_ERRORS)
    return series->is_error;
  if (metric == TALLY_METRIC_RATE_LIMITED)
    return series->is_rate_limited;
  return TRUE;
}

static char *
labels_text (TallyStoreDict    *dict,
             const TallySeries *series)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < series->n_labels; i++)
    g_string_append_printf (text, "%s%s=%s", i ? ", " : "",
                            tally_store_dict_get_string (dict, series->label_key_ids[i]),
                            tally_store_dict_get_string (dict, series->label_value_ids[i]));

  return g_string_free (text, FALSE);
}

static void
set_number_or_null (TallyFrame   *frame,
                    guint         row,
                    guint         column,
                    sqlite3_stmt *stmt,
                    int           index)
{
  if (sqlite3_column_type (stmt, index) != SQLITE_NULL)
    tally_frame_set_number (frame, row, column, sqlite3_column_double (stmt, index));
}

static void
append_event (TallyFrame        *frame,
              TallyStoreDict    *dict,
              const TallySeries *series,
              sqlite3_stmt      *stmt)
{
  static const guint dims[] = {
    TALLY_DIMENSION_MODEL, TALLY_DIMENSION_PROVIDER, TALLY_DIMENSION_PROJECT,
    TALLY_DIMENSION_API_KEY, TALLY_DIMENSION_USER, TALLY_DIMENSION_SERVICE,
    TALLY_DIMENSION_LANGUAGE, TALLY_DIMENSION_OPERATION,
  };
  g_autofree char *labels = labels_text (dict, series);
  guint row = tally_frame_append_row (frame);

  /* EVENT_COLUMNS: time_ms, series, input, output, cached, cost, latency,
   * ttft, queue, audio, trace_id, request_id */
  tally_frame_set_number (frame, row, COL_TIME, sqlite3_column_int64 (stmt, 0) / 1000.0);
  for (guint i = 0; i < G_N_ELEMENTS (dims); i++)
    tally_frame_set_string (frame, row, COL_MODEL + i, series->dims[dims[i]]);
  if (series->status >= 0)
    tally_frame_set_number (frame, row, COL_STATUS, series->status);
  tally_frame_set_string (frame, row, COL_ERROR, series->dims[TALLY_DIMENSION_ERROR]);
  for (guint i = 0; i < 8; i++)
    set_number_or_null (frame, row, COL_INPUT + i, stmt, 2 + i);
  tally_frame_set_string (frame, row, COL_TRACE, (const char *) sqlite3_column_text (stmt, 10));
  tally_frame_set_string (frame, row, COL_REQUEST, (const char *) sqlite3_column_text (stmt, 11));
  tally_frame_set_string (frame, row, COL_LABELS, labels[0] ? labels : NULL);
}

/* The matching series as "AND series IN (…)", or "" when there are too
 * many to list (they are then checked row by row). */
static char *
series_clause (TallyPlan *plan)
{
  GString *sql;
  GHashTableIter iter;
  gint64 *id;
  gboolean first = TRUE;

  if (g_hash_table_size (plan->key_groups) > MAX_SERIES_IN_SQL)
    return g_strdup ("");

  sql = g_string_new (" AND series IN (");
  g_hash_table_iter_init (&iter, plan->key_groups);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    {
      g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, first ? "" : ",", *id);
      first = FALSE;
    }
  g_string_append (sql, first ? "NULL)" : ")");

  return g_string_free (sql, FALSE);
}

static gboolean
fill_table (TallyFrame        *frame,
            sqlite3           *db,
            TallyPlan         *plan,
            const TallyQuery  *query,
            gint64             from_ms,
            gint64             to_ms,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autofree char *clause = series_clause (plan);
  g_autofree char *sql = g_strdup_printf ("SELECT " EVENT_COLUMNS " FROM events WHERE time_ms >= ? "
                                          "AND time_ms < ?%s ORDER BY time_ms DESC, id DESC",
                                          clause);
  sqlite3_stmt *stmt = NULL;
  guint scanned = 0;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      tally_store_set_sqlite_error (error, db, _("Cannot read the store"));
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, from_ms);
  sqlite3_bind_int64 (stmt, 2, to_ms);

  while (tally_frame_get_n_rows (frame) < query->limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 series_id = sqlite3_column_int64 (stmt, 1);
      const TallySeries *series;

      if ((++scanned & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (!g_hash_table_contains (plan->key_groups, &series_id))
        continue;
      if ((series = tally_store_dict_get_series (plan->dict, series_id, error)) == NULL)
        {
          ok = FALSE;
          break;
        }
      if (series_wanted (series, query->metric))
        append_event (frame, plan->dict, series, stmt);
    }
  sqlite3_finalize (stmt);

  if (ok && rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      tally_store_set_sqlite_error (error, db, _("Cannot read the store"));
      ok = FALSE;
    }

  return ok;
}

/* The latest @query->limit matching events, newest first. */
TallyFrame *
tally_store_run_table (sqlite3              *db,
                       TallyStoreDict       *dict,
                       const TallyQuery     *query,
                       const TallyTimeRange *range,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autoptr(TallyFrame) frame = tally_frame_new_table ();
  g_autoptr(GError) local_error = NULL;
  TallyPlan plan;
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (table_columns); i++)
    tally_frame_add_column (frame, table_columns[i].name, table_columns[i].type);

  if (!tally_store_plan_init_series (&plan, dict, query, error))
    {
      tally_store_plan_clear (&plan);
      return NULL;
    }
  /* In whole minutes, as every other answer counts the range. */
  ok = fill_table (frame, db, &plan, query, tally_query_floor_to (range->from, 60) * 1000,
                   tally_query_ceil_to (range->to, 60) * 1000, cancellable,
                   &local_error);
  tally_store_plan_clear (&plan);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&frame);
}

static GStrv
strings_from_sql (sqlite3     *db,
                  const char  *sql,
                  gint64       parameter,
                  GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      tally_store_set_sqlite_error (error, db, _("Cannot read the store"));
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, parameter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      tally_store_set_sqlite_error (error, db, _("Cannot read the store"));
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/* The values @dimension takes, sorted, for filter menus. */
GStrv
tally_store_run_list_values (sqlite3              *db,
                             TallyStoreDict       *dict,
                             const TallyDimension *dimension,
                             GError              **error)
{
  gint64 key_id;

  switch (dimension->kind)
    {
    case TALLY_DIMENSION_STATUS:
      return strings_from_sql (db, "SELECT DISTINCT status FROM series WHERE status >= ? "
                                   "ORDER BY status", 0, error);

    case TALLY_DIMENSION_STATUS_CLASS:
      return strings_from_sql (db, "SELECT DISTINCT CASE WHEN status < ? THEN "
                                   "(CASE WHEN error > 0 THEN 'error' ELSE '2xx' END) "
                                   "WHEN status = 0 OR status >= 600 THEN 'error' "
                                   "ELSE (status / 100) || 'xx' END AS c FROM series ORDER BY c",
                               0, error);

    case TALLY_DIMENSION_LABEL:
      key_id = tally_store_dict_lookup (dict, DICT_LABEL_KEY, dimension->label);
      return strings_from_sql (db, "SELECT value FROM dict WHERE space = ? ORDER BY value",
                               key_id != 0 ? DICT_LABEL_VALUE (key_id) : -1, error);

    case TALLY_DIMENSION_HOUR_OF_DAY:
    case TALLY_DIMENSION_DAY_OF_WEEK:
    case TALLY_DIMENSION_LATENCY_BUCKET:
    case TALLY_DIMENSION_TIME:
    case TALLY_N_DIMENSIONS:
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s has no list of values"),
                   tally_dimension_kind_to_string (dimension->kind));
      return NULL;

    default:
      return strings_from_sql (db, "SELECT value FROM dict WHERE space = ? ORDER BY value",
                               dimension->kind, error);
    }
}
