/* tally-command-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally query`: the question a dashboard panel asks, from a shell. The
 * options are the keys of a panel's "query" object; the answer is the
 * frame, as the JSON every source speaks (--json) or as a table for
 * people. The store is opened read-only, so this is safe beside a
 * running collector or the app. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-cli-options.h"
#include "tally-cli-source.h"
#include "tally-commands.h"
#include "tally-error.h"
#include "tally-frame-print.h"
#include "tally-paths.h"
#include "tally-query.h"
#include "tally-store.h"

typedef struct
{
  char      *metric;
  char      *stat;
  char      *shape;
  char      *group_by;
  char      *rows;
  char      *columns;
  char      *interval;
  int        top;
  int        limit;
  int        width;
  char      *from;
  char      *to;
  char      *tz;
  char     **filters;
  gboolean   json;
  gboolean   full;
} QueryOptions;

static void
query_options_clear (QueryOptions *o)
{
  g_free (o->metric);
  g_free (o->stat);
  g_free (o->shape);
  g_free (o->group_by);
  g_free (o->rows);
  g_free (o->columns);
  g_free (o->interval);
  g_free (o->from);
  g_free (o->to);
  g_free (o->tz);
  g_strfreev (o->filters);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QueryOptions, query_options_clear)

/* "requests, errors, …": the names a --metric or --stat may take. */
static char *
list_names (guint         n,
            const char *(*to_string) (guint))
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", to_string (i));

  return g_string_free (names, FALSE);
}

static const char *
metric_name (guint i)
{
  return tally_metric_to_string (i);
}

static const char *
stat_name (guint i)
{
  return tally_stat_to_string (i);
}

static gboolean
parse_metric_and_stat (const QueryOptions  *o,
                       TallyQuery          *query,
                       GError             **error)
{
  if (o->metric != NULL && !tally_metric_from_string (o->metric, &query->metric))
    {
      g_autofree char *names = list_names (TALLY_N_METRICS, metric_name);

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is not a metric (use %s)"), o->metric, names);
      return FALSE;
    }
  if (o->stat == NULL)
    {
      /* The natural stat: the total where there is one, else the mean. */
      query->stat = tally_metric_has_stat (query->metric, TALLY_STAT_SUM) ? TALLY_STAT_SUM
                                                                           : TALLY_STAT_AVG;
      return TRUE;
    }
  if (!tally_stat_from_string (o->stat, &query->stat))
    {
      g_autofree char *names = list_names (TALLY_N_STATS, stat_name);

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is not a stat (use %s)"), o->stat, names);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_dimension (const char      *option,
                 const char      *name,
                 TallyDimension  *dimension,
                 GError         **error)
{
  if (name == NULL)
    return TRUE;
  if (tally_dimension_parse (name, dimension, error))
    return TRUE;

  g_prefix_error (error, "%s: ", option);
  return FALSE;
}

/* Without --shape: a matrix for --rows/--columns, categories for
 * --group-by, else a single value. */
static gboolean
parse_shape (const QueryOptions  *o,
             TallyQuery          *query,
             GError             **error)
{
  if (o->shape == NULL)
    {
      if (o->rows != NULL || o->columns != NULL)
        query->shape = TALLY_SHAPE_MATRIX;
      else if (o->group_by != NULL)
        query->shape = TALLY_SHAPE_CATEGORIES;
      else
        query->shape = TALLY_SHAPE_SCALAR;
      return TRUE;
    }
  if (tally_shape_from_string (o->shape, &query->shape))
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
               _("“%s” is not a shape (use scalar, timeseries, categories, matrix or table)"),
               o->shape);
  return FALSE;
}

static TallyQuery *
build_query (const QueryOptions  *o,
             GError             **error)
{
  g_autoptr(TallyQuery) query = tally_query_new ();

  if (!parse_shape (o, query, error) ||
      !parse_metric_and_stat (o, query, error) ||
      !parse_dimension ("--group-by", o->group_by, &query->group_by, error) ||
      !parse_dimension ("--rows", o->rows, &query->rows, error) ||
      !parse_dimension ("--columns", o->columns, &query->columns, error))
    return NULL;

  if (o->interval != NULL && !g_str_equal (o->interval, "auto") &&
      !tally_time_parse_interval (o->interval, &query->interval_s, error))
    return NULL;
  if (o->top < 0 || o->limit < 0 || o->width < 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("--top, --limit and --width take numbers ≥ 0"));
      return NULL;
    }
  query->top = o->top;
  if (o->limit > 0)
    query->limit = o->limit;
  if (o->width > 0)
    query->width_px = o->width;

  for (guint i = 0; o->filters != NULL && o->filters[i] != NULL; i++)
    {
      if (!tally_query_parse_filter (query, o->filters[i], error))
        return NULL;
    }

  if (!tally_query_validate (query, error))
    return NULL;

  return g_steal_pointer (&query);
}

static TallyStore *
open_store (const TallyCliOptions  *options,
            GError                **error)
{
  g_autofree char *default_db = tally_paths_get_store_file ();
  g_autofree char *path = tally_cli_options_get_db (options, default_db);
  GError *local_error = NULL;
  TallyStore *store;

  store = tally_store_open_read_only (path, &local_error);
  if (store == NULL && g_error_matches (local_error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND))
    {
      g_autofree char *demo = tally_paths_get_demo_store_file ();
      g_autofree char *quoted_demo = tally_cli_quote_path (demo);

      g_clear_error (&local_error);
      g_set_error (&local_error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                   _("no store at %s; send events with “tally collect” or “tally ingest”, or "
                     "try “tally demo” and query it with --db %s"), path, quoted_demo);
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return store;
}

static int
run (const TallyCliOptions *options,
     const QueryOptions    *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyQuery) query = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(TallyTimeRange) range = NULL;
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyFrame) frame = NULL;
  g_autofree char *text = NULL;

  if ((query = build_query (o, &error)) == NULL ||
      (tz = tally_cli_parse_time_zone (o->tz, &error)) == NULL ||
      (range = tally_cli_parse_range (o->from, o->to, tz, &error)) == NULL)
    return tally_cli_fail (options, TALLY_EXIT_USAGE, error);

  if (!tally_cli_source_is_local (options->source))
    {
      g_autoptr(TallySource) source = tally_cli_source_open (options->source, &error);

      if (source == NULL)
        return tally_cli_fail (options, TALLY_EXIT_FAILURE, error);
      frame = tally_cli_source_query (source, query, range, &error);
    }
  else if ((store = open_store (options, &error)) == NULL)
    return tally_cli_fail (options, TALLY_EXIT_FAILURE, error);
  else
    frame = tally_store_query (store, query, range, NULL, &error);
  if (frame == NULL)
    return tally_cli_fail (options,
                           g_error_matches (error, TALLY_ERROR, TALLY_ERROR_INVALID)
                             ? TALLY_EXIT_USAGE : TALLY_EXIT_FAILURE,
                           error);

  if (o->json)
    text = tally_frame_to_json_string (frame, TRUE);
  else
    text = tally_frame_print (frame, &(TallyFramePrintOptions) { query, range, o->full });
  g_print ("%s%s", text, g_str_has_suffix (text, "\n") ? "" : "\n");

  return TALLY_EXIT_OK;
}

/* The options, as the keys of a panel's "query" object. */
static GOptionContext *
new_context (TallyCliOptions *options,
             QueryOptions    *o)
{
  const GOptionEntry entries[] = {
    { "metric", 'm', 0, G_OPTION_ARG_STRING, &o->metric,
      N_("What to measure: requests, errors, error_rate, cost, latency, … (default: "
         "requests)"), N_("METRIC") },
    { "stat", 's', 0, G_OPTION_ARG_STRING, &o->stat,
      N_("sum, count, rate, avg, min, max, p50, p90, p95 or p99 (default: sum, or avg "
         "where there is no sum)"), N_("STAT") },
    { "shape", 0, 0, G_OPTION_ARG_STRING, &o->shape,
      N_("scalar, timeseries, categories, matrix or table (default: matrix with --rows, "
         "categories with --group-by, else scalar)"), N_("SHAPE") },
    { "group-by", 'g', 0, G_OPTION_ARG_STRING, &o->group_by,
      N_("One series or category per value of a dimension: model, project, "
         "label.voice, …"), N_("DIMENSION") },
    { "rows", 0, 0, G_OPTION_ARG_STRING, &o->rows,
      N_("Matrix rows: day_of_week, latency_bucket or a dimension"), N_("DIMENSION") },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &o->columns,
      N_("Matrix columns: hour_of_day, time or a dimension"), N_("DIMENSION") },
    { "interval", 'i', 0, G_OPTION_ARG_STRING, &o->interval,
      N_("Bucket width: auto, or whole minutes such as 60s, 5m, 1h, 1d (default: "
         "auto)"), N_("INTERVAL") },
    { "top", 0, 0, G_OPTION_ARG_INT, &o->top,
      N_("Keep the N largest groups and fold the rest into “Other”"), N_("N") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &o->limit,
      N_("Rows of a table (default: 100)"), N_("N") },
    { "from", 'f', 0, G_OPTION_ARG_STRING, &o->from,
      N_("Start of the range: now-7d, now/d, 2026-11-23, an RFC 3339 time… (default: "
         "now-24h)"), N_("TIME") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &o->to,
      N_("End of the range (default: now)"), N_("TIME") },
    { "filter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->filters,
      N_("Only events whose DIMENSION is VALUE; repeat for more values or "
         "dimensions"), N_("DIMENSION=VALUE") },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &o->tz,
      N_("The time zone of days, hours and printed times (default: the local "
         "zone)"), N_("ZONE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &o->width,
      N_("The chart width that the automatic interval aims at (default: "
         "1200)"), N_("PIXELS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json,
      N_("Print the frame as JSON"), NULL },
    { "full", 0, 0, G_OPTION_ARG_NONE, &o->full,
      N_("Print every row of long time series"), NULL },
    { NULL }
  };
  GOptionContext *context;

  context = tally_cli_options_new_context (options, NULL,
                                           _("Run a query on the store (or on the source --source "
                                             "names) and print its answer: a "
                                             "value, a time series, categories, a matrix or a "
                                             "table of events."),
                                           entries);
  g_option_context_set_description (context,
                                    _("Examples:\n"
                                      "  tally query --metric cost --stat sum --from now-30d\n"
                                      "  tally query -m latency -s p95 --shape timeseries "
                                      "--group-by model --from now-7d\n"
                                      "  tally query -m requests --rows day_of_week --columns "
                                      "hour_of_day --from now-4w\n"
                                      "  tally query -m errors --shape table --limit 20 --json\n"
                                      "\n"
                                      "Exit status: 0 on success, 1 when the store cannot be "
                                      "read, 2 for a wrong command line or query."));

  return context;
}

int
tally_command_query (int    argc,
                     char **argv)
{
  g_auto(TallyCliOptions) options = TALLY_CLI_OPTIONS_INIT ("query");
  g_auto(QueryOptions) o = { 0, };
  g_autoptr(GOptionContext) context = new_context (&options, &o);
  g_autoptr(GError) error = NULL;

  if (!tally_cli_options_parse (&options, context, &argc, &argv, &error))
    return tally_cli_fail (&options, TALLY_EXIT_USAGE, error);
  if (argc > 1)
    return tally_cli_fail_printf (&options, TALLY_EXIT_USAGE,
                                  _("unexpected argument “%s”"), argv[1]);

  return run (&options, &o);
}
