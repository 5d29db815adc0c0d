/* tally-source-secret.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Where a data source's credential lives: the Secret Service (the
 * desktop's keyring, through libsecret) under the source's name, or, for
 * headless use, the environment variable its entry names ("token_env").
 * Never sources.json, never a log line: nothing here prints a secret,
 * and secrets are wiped when freed.
 *
 * A lookup asks the keyring only when a Secret Service is running: it
 * never starts one by D-Bus activation, which would run a keyring daemon
 * in whatever environment the session bus has, for a lookup that the
 * environment variable may answer anyway. Storing does start one: the
 * user asked for the keyring. */

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "tally-error.h"
#include "tally-source-config.h"
#include "tally-source-secret.h"

static const char store_tag[] = "tally_source_secret_store";
static const char lookup_tag[] = "tally_source_secret_lookup";
static const char clear_tag[] = "tally_source_secret_clear";

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    TALLY_SOURCE_SECRET_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "source", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

/* Without a session bus there is no Secret Service to ask, and asking
 * would try to start a bus. */
static gboolean
have_session_bus (void)
{
  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;
}

/* Wipes and frees a secret from this file's functions. */
void
tally_source_secret_free (char *secret)
{
  secret_password_free (secret);
}

static void
wrap_error (GError    **error,
            GError     *cause,
            const char *what)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, cause);
  else
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, "%s: %s", what, cause->message);
      g_error_free (cause);
    }
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      GError *wrapped = NULL;

      wrap_error (&wrapped, error, _("The secret could not be saved in the keyring"));
      g_task_return_error (task, wrapped);
    }
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tally_source_secret_store_async:
 * @name: the source's name
 * @secret: the credential; copied, never logged
 *
 * Keeps @secret in the default keyring under @name, replacing any older one.
 */
void
tally_source_secret_store_async (const char          *name,
                                 const char          *secret,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = NULL;

  g_return_if_fail (name != NULL && secret != NULL);

  g_task_set_source_tag (task, (gpointer) store_tag);
  /* Translators: the label of a keyring item; %s is a data source's name. */
  label = g_strdup_printf (_("Tally data source “%s”"), name);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                         stored_cb, g_steal_pointer (&task), "source", name, NULL);
}

gboolean
tally_source_secret_store_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == store_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The value of the entry's token_env variable, or NULL. */
static char *
lookup_env (const char *token_env)
{
  const char *value = token_env != NULL ? g_getenv (token_env) : NULL;

  return value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;
}

static const char secrets_name[] = "org.freedesktop.secrets";

static GVariant *
name_has_owner_args (void)
{
  return g_variant_new ("(s)", secrets_name);
}

static void
keyring_lookup (GTask *task);

static void
has_owner_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result,
                                                             &error);
  gboolean owned = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  if (owned)
    keyring_lookup (g_steal_pointer (&task));
  else
    g_task_return_pointer (task, lookup_env (g_task_get_task_data (task)),
                           (GDestroyNotify) secret_password_free);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (secret != NULL)
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, lookup_env (g_task_get_task_data (task)),
                           (GDestroyNotify) secret_password_free);
}

/**
 * tally_source_secret_lookup_async:
 * @name: the source's name
 * @entry: (nullable): its sources.json entry, for "token_env"
 *
 * Finds the source's secret: the keyring first, then the environment
 * variable the entry names. A keyring that is absent or locked is not an
 * error: the lookup goes on to the environment.
 */
void
tally_source_secret_lookup_async (const char          *name,
                                  JsonObject          *entry,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  const char *token_env = entry != NULL ? tally_source_entry_get_token_env (entry) : NULL;
  g_autoptr(GDBusConnection) bus = NULL;

  g_return_if_fail (name != NULL);

  g_task_set_source_tag (task, (gpointer) lookup_tag);
  g_task_set_task_data (task, g_strdup (token_env), g_free);
  g_object_set_data_full (G_OBJECT (task), "source-name", g_strdup (name), g_free);
  /* In the app, GApplication has connected the session bus already and
   * this returns it at once; only the command line connects here. */
  if (!have_session_bus () || (bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL)) == NULL)
    {
      g_task_return_pointer (task, lookup_env (token_env), (GDestroyNotify) secret_password_free);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner", name_has_owner_args (),
                          G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                          has_owner_cb, g_steal_pointer (&task));
}

static void
keyring_lookup (GTask *task)
{
  secret_password_lookup (get_schema (), g_task_get_cancellable (task), looked_up_cb, task,
                          "source", g_object_get_data (G_OBJECT (task), "source-name"), NULL);
}

/* Returns: (transfer full) (nullable): the secret, free it with
 *   tally_source_secret_free(); %NULL without an error when there is none */
char *
tally_source_secret_lookup_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lookup_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
secret_service_running (GCancellable *cancellable)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  if (!have_session_bus () || (bus = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable,
                                                      NULL)) == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       name_has_owner_args (), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, cancellable, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

/* The same lookup, blocking: for the command line. */
char *
tally_source_secret_lookup_sync (const char    *name,
                                 JsonObject    *entry,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  const char *token_env = entry != NULL ? tally_source_entry_get_token_env (entry) : NULL;
  g_autoptr(GError) local_error = NULL;
  char *secret = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (secret_service_running (cancellable))
    secret = secret_password_lookup_sync (get_schema (), cancellable, &local_error,
                                          "source", name, NULL);
  if (secret != NULL)
    return secret;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return lookup_env (token_env);
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      GError *wrapped = NULL;

      wrap_error (&wrapped, error, _("The secret could not be removed from the keyring"));
      g_task_return_error (task, wrapped);
    }
  else
    g_task_return_boolean (task, TRUE);
}

/* Removes the source's secret from the keyring; none there is success. */
void
tally_source_secret_clear_async (const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (name != NULL);

  g_task_set_source_tag (task, (gpointer) clear_tag);
  secret_password_clear (get_schema (), cancellable, cleared_cb, g_steal_pointer (&task),
                         "source", name, NULL);
}

gboolean
tally_source_secret_clear_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == clear_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
