/* tally-cli-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What --source NAME means on the command line: "local" (or no --source)
 * is the store; any other name must be configured in sources.json
 * (docs/sources.md), and is made through the source registry with its
 * secret from the keyring or its token_env variable. A remote source is
 * asynchronous, so a query on it runs a main loop until it answers. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-cli-source.h"
#include "tally-error.h"
#include "tally-local-source.h"
#include "tally-source-registry.h"
#include "tally-source-secret.h"

gboolean
tally_cli_source_is_local (const char *name)
{
  return name == NULL || g_str_equal (name, TALLY_LOCAL_SOURCE_NAME);
}

static TallySourceRegistry *
load_registry (GError **error)
{
  g_autoptr(TallySourceRegistry) registry = tally_source_registry_new (NULL);

  if (tally_source_registry_get_error (registry) != NULL)
    {
      g_set_error_literal (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                           tally_source_registry_get_error (registry));
      return NULL;
    }

  return g_steal_pointer (&registry);
}

/**
 * tally_cli_source_check_name:
 * @name: (nullable): --source's value
 *
 * Checks that @name is "local" or a configured source; the error lists
 * the names there are.
 */
gboolean
tally_cli_source_check_name (const char  *name,
                             GError     **error)
{
  g_autoptr(TallySourceRegistry) registry = NULL;
  g_autofree char *names = NULL;

  if (tally_cli_source_is_local (name))
    return TRUE;
  if ((registry = load_registry (error)) == NULL)
    return FALSE;
  if (tally_source_registry_has (registry, name))
    return TRUE;

  names = tally_source_registry_describe_names (registry);
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
               _("no data source named “%s” (configured: %s; add one in sources.json or in "
                 "Preferences)"), name, names);
  return FALSE;
}

/* For the commands that work on the local store only: @what says what
 * they do ("receive events"). */
gboolean
tally_cli_source_require_local (const char  *name,
                                const char  *what,
                                GError     **error)
{
  if (tally_cli_source_is_local (name))
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
               /* Translators: the first %s is a source's name, the second what a command
                * does ("receive events"). */
               _("the source “%s” is not your local store: only “local” can %s"), name, what);
  return FALSE;
}

/* The configured source @name (not "local"), ready to query. */
TallySource *
tally_cli_source_open (const char  *name,
                       GError     **error)
{
  g_autoptr(TallySourceRegistry) registry = NULL;
  JsonObject *entry;
  char *secret = NULL;
  TallySource *source;

  g_return_val_if_fail (!tally_cli_source_is_local (name), NULL);

  if ((registry = load_registry (error)) == NULL)
    return NULL;
  /* An unknown name: the registry's error lists the names there are. */
  if ((entry = tally_source_registry_lookup_entry (registry, name)) != NULL)
    secret = tally_source_secret_lookup_sync (name, entry, NULL, NULL);
  source = tally_source_registry_get_source (registry, name, secret, error);
  tally_source_secret_free (secret);

  return source;
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
queried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* Runs @query on @source and waits for its answer. */
TallyFrame *
tally_cli_source_query (TallySource           *source,
                        const TallyQuery      *query,
                        const TallyTimeRange  *range,
                        GError               **error)
{
  /* The main context the source was made in: a remote source's HTTP
   * session must complete its requests where it was created. */
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL };
  TallyFrame *frame;

  tally_source_query_async (source, query, range, NULL, queried_cb, &wait);
  if (wait.result == NULL)
    g_main_loop_run (loop);
  frame = tally_source_query_finish (source, wait.result, error);
  g_clear_object (&wait.result);

  return frame;
}
