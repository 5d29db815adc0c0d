/* tally-openai-fetch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The paged fetch of the OpenAI source: GET the usage pages, following
 * `next_page` while `has_more`, then the cost pages when the query needs
 * cost, and spread each day's cost over that day's usage records in
 * proportion to their tokens. Every shape the answer may take that is not
 * the documented one is a TALLY_ERROR_BAD_RESPONSE naming what is wrong. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-openai-private.h"

typedef struct
{
  TallyHttpClient       *client;
  const TallyOpenaiPlan *plan;
  gboolean               costs_phase;
  char                  *page;
  guint                  n_pages;
  GPtrArray             *records;
  GHashTable            *day_cost;   /* "day\nproject" → double * */
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->client);
  g_free (fetch->page);
  g_clear_pointer (&fetch->records, g_ptr_array_unref);
  g_clear_pointer (&fetch->day_cost, g_hash_table_unref);
  g_free (fetch);
}

void
tally_openai_record_free (TallyOpenaiRecord *record)
{
  g_free (record->group[0]);
  g_free (record->group[1]);
  g_free (record);
}

static const char *
width_name (gint64 width)
{
  return width == 60 ? "1m" : width == 3600 ? "1h" : "1d";
}

/* The API's largest page for each bucket width. */
static guint
width_limit (gint64 width)
{
  return width == 60 ? 1440 : width == 3600 ? 168 : 31;
}

static char *
build_request (const Fetch *fetch)
{
  const TallyOpenaiPlan *plan = fetch->plan;
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *from = NULL, *to = NULL, *limit = NULL;
  gint64 width = fetch->costs_phase ? TALLY_OPENAI_DAY : plan->width;

  from = g_strdup_printf ("%" G_GINT64_FORMAT, plan->fetch_from);
  to = g_strdup_printf ("%" G_GINT64_FORMAT, plan->fetch_to);
  limit = g_strdup_printf ("%u", width_limit (width));
  tally_http_query_add (query, "start_time", from);
  tally_http_query_add (query, "end_time", to);
  tally_http_query_add (query, "bucket_width", width_name (width));
  tally_http_query_add (query, "limit", limit);
  for (guint i = 0; i < plan->n_groups; i++)
    tally_http_query_add (query, "group_by", plan->group_fields[i]);

  if (fetch->costs_phase && plan->cost_filters->len > 0)
    g_string_append_printf (query, "&%s", plan->cost_filters->str);
  else if (!fetch->costs_phase && plan->filters->len > 0)
    g_string_append_printf (query, "&%s", plan->filters->str);

  if (fetch->page != NULL)
    tally_http_query_add (query, "page", fetch->page);

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* A member that must be an object or an array, or NULL. */
static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A number member: absent or null is 0; anything else not a number is an
 * error naming @name. */
static gboolean
read_number (JsonObject  *object,
             const char  *name,
             double      *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                   _("The OpenAI answer’s “%s” is not a number"), name);
      return FALSE;
    }

  *value = json_node_get_double (node);
  return TRUE;
}

/* A group member: a string, or "(unknown)" when null or absent. */
static char *
read_group (JsonObject *object,
            const char *name)
{
  const char *value = tally_json_peek_string (object, name);

  if (value == NULL || *value == '\0')
    return g_strdup (TALLY_OPENAI_UNKNOWN);

  return g_strdup (value);
}

static gboolean
add_usage_result (Fetch       *fetch,
                  gint64       time,
                  JsonObject  *result,
                  GError     **error)
{
  TallyOpenaiRecord *record = g_new0 (TallyOpenaiRecord, 1);

  record->time = time;
  for (guint i = 0; i < fetch->plan->n_groups; i++)
    record->group[i] = read_group (result, fetch->plan->group_fields[i]);
  g_ptr_array_add (fetch->records, record);

  return read_number (result, "num_model_requests", &record->requests, error) &&
         read_number (result, "input_tokens", &record->input, error) &&
         read_number (result, "output_tokens", &record->output, error) &&
         read_number (result, "input_cached_tokens", &record->cached, error);
}

static char *
cost_key (gint64      time,
          const char *project)
{
  gint64 day = time - (((time % TALLY_OPENAI_DAY) + TALLY_OPENAI_DAY) % TALLY_OPENAI_DAY);

  return g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", day, project != NULL ? project : "");
}

static gboolean
add_cost_result (Fetch       *fetch,
                 gint64       time,
                 JsonObject  *result,
                 GError     **error)
{
  JsonObject *amount = get_object (result, "amount");
  g_autofree char *project = NULL;
  const char *currency;
  double value, *sum;
  char *key;

  if (amount == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                   _("An OpenAI cost result has no “amount” object"));
      return FALSE;
    }
  if (!read_number (amount, "value", &value, error))
    return FALSE;
  currency = json_object_has_member (amount, "currency")
               ? tally_json_peek_string (amount, "currency") : "usd";
  if (currency == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                   _("An OpenAI cost result’s “currency” is not a string"));
      return FALSE;
    }
  if (g_ascii_strcasecmp (currency, "usd") != 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("OpenAI reports costs in “%s”; Tally counts cost in USD only"), currency);
      return FALSE;
    }

  if (fetch->plan->n_groups == 1)
    project = read_group (result, "project_id");
  key = cost_key (time, project);
  sum = g_hash_table_lookup (fetch->day_cost, key);
  if (sum == NULL)
    {
      sum = g_new0 (double, 1);
      g_hash_table_insert (fetch->day_cost, key, sum);
    }
  else
    g_free (key);
  *sum += value;

  return TRUE;
}

static gboolean
read_bucket (Fetch       *fetch,
             JsonNode    *node,
             GError     **error)
{
  JsonObject *bucket = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *start = bucket != NULL ? json_object_get_member (bucket, "start_time") : NULL;
  JsonArray *results;
  gint64 time;

  if (start == NULL || !JSON_NODE_HOLDS_VALUE (start) ||
      json_node_get_value_type (start) != G_TYPE_INT64)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                   _("An OpenAI bucket has no integer “start_time”"));
      return FALSE;
    }
  time = json_node_get_int (start);

  results = get_array (bucket, "results");
  if (results == NULL)
    results = get_array (bucket, "result");
  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      gboolean ok;

      if (result == NULL)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                       _("An OpenAI bucket result is not an object"));
          return FALSE;
        }
      ok = fetch->costs_phase ? add_cost_result (fetch, time, result, error)
                              : add_usage_result (fetch, time, result, error);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* Reads one page; sets fetch->page to the next page's token, or NULL
 * when this was the last. */
static gboolean
read_page (Fetch     *fetch,
           JsonNode  *root,
           GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonArray *data = get_array (object, "data");
  const char *next;

  if (data == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                   _("The OpenAI answer has no “data” array"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (data); i++)
    if (!read_bucket (fetch, json_array_get_element (data, i), error))
      return FALSE;

  if (!tally_json_peek_boolean (object, "has_more", FALSE))
    {
      g_clear_pointer (&fetch->page, g_free);
      return TRUE;
    }

  next = tally_json_peek_string (object, "next_page");
  if (next == NULL || *next == '\0' || g_strcmp0 (next, fetch->page) == 0)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_BAD_RESPONSE,
                   _("The OpenAI answer says it has more pages but gives no new “next_page”"));
      return FALSE;
    }
  g_free (fetch->page);
  fetch->page = g_strdup (next);

  return TRUE;
}

static void
add_day_tokens (GHashTable *day_tokens,
                char       *key,
                double      tokens)
{
  double *sum = g_hash_table_lookup (day_tokens, key);

  if (sum == NULL)
    {
      g_hash_table_insert (day_tokens, key, g_new0 (double, 1));
      sum = g_hash_table_lookup (day_tokens, key);
    }
  else
    g_free (key);
  *sum += tokens;
}

/* Each day's cost, per project when grouped by project, goes to that day's
 * records in proportion to their tokens; a day with cost and no tokens
 * gets one record of its own at the day's start. */
static void
spread_costs (Fetch *fetch)
{
  g_autoptr(GHashTable) day_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean by_project = fetch->plan->n_groups == 1;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < fetch->records->len; i++)
    {
      TallyOpenaiRecord *record = g_ptr_array_index (fetch->records, i);

      add_day_tokens (day_tokens, cost_key (record->time, by_project ? record->group[0] : NULL),
                      record->input + record->output);
    }

  for (guint i = 0; i < fetch->records->len; i++)
    {
      TallyOpenaiRecord *record = g_ptr_array_index (fetch->records, i);
      g_autofree char *k = cost_key (record->time, by_project ? record->group[0] : NULL);
      double *cost = g_hash_table_lookup (fetch->day_cost, k);
      double *tokens = g_hash_table_lookup (day_tokens, k);

      if (cost != NULL && *tokens > 0)
        record->cost = *cost * (record->input + record->output) / *tokens;
    }

  g_hash_table_iter_init (&iter, fetch->day_cost);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double *tokens = g_hash_table_lookup (day_tokens, key);
      TallyOpenaiRecord *record;
      const char *newline;

      if (tokens != NULL && *tokens > 0)
        continue;
      newline = strchr (key, '\n');
      record = g_new0 (TallyOpenaiRecord, 1);
      record->time = g_ascii_strtoll (key, NULL, 10);
      record->cost = *(double *) value;
      if (by_project)
        record->group[0] = g_strdup (newline + 1);
      g_ptr_array_add (fetch->records, record);
    }
}

static const char fetch_tag[] = "tally_openai_fetch_async";

static void request_page (GTask *task);

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  root = tally_http_client_get_json_finish (TALLY_HTTP_CLIENT (object), result, &error);
  if (root == NULL || !read_page (fetch, root, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (fetch->page == NULL && !fetch->costs_phase && fetch->plan->need_costs)
    fetch->costs_phase = TRUE;
  else if (fetch->page == NULL)
    {
      if (fetch->plan->need_costs)
        spread_costs (fetch);
      g_task_return_pointer (task, g_steal_pointer (&fetch->records), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  request_page (g_steal_pointer (&task));
}

static void
request_page (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  g_autofree char *query = NULL;

  if (++fetch->n_pages > TALLY_OPENAI_MAX_PAGES)
    {
      g_task_return_new_error (task, TALLY_ERROR, TALLY_ERROR_TOO_LARGE,
                               _("The OpenAI answer runs to more than %d pages; choose a shorter range"),
                               TALLY_OPENAI_MAX_PAGES);
      g_object_unref (task);
      return;
    }

  query = build_request (fetch);
  tally_http_client_get_json_async (fetch->client,
                                    fetch->costs_phase ? TALLY_OPENAI_COSTS_PATH : TALLY_OPENAI_USAGE_PATH,
                                    query, g_task_get_cancellable (task), page_cb, task);
}

/**
 * tally_openai_fetch_async:
 * @plan: must stay alive until the callback runs
 */
void
tally_openai_fetch_async (TallyHttpClient       *client,
                          const TallyOpenaiPlan *plan,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);

  g_task_set_source_tag (task, (gpointer) fetch_tag);
  fetch->client = g_object_ref (client);
  fetch->plan = plan;
  fetch->records = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_openai_record_free);
  fetch->day_cost = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  request_page (task);
}

GPtrArray *
tally_openai_fetch_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
