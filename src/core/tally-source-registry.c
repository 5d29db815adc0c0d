/* tally-source-registry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Which data sources there are and how to make one from its name: the
 * local store (always "local") plus the entries of sources.json, each
 * made on demand by the constructor its type registered and kept while
 * its entry stays the same. The registry follows the file: when it
 * changes on disk (or through tally_source_registry_save()), the entries
 * are read again, sources whose entries changed are dropped and
 * "changed" is emitted.
 *
 * A remote source may need its secret, looked up in the keyring: the
 * asynchronous getter does that; the synchronous one takes the secret
 * already looked up (the command line uses it with
 * tally_source_secret_lookup_sync()). */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-error.h"
#include "tally-local-source.h"
#include "tally-paths.h"
#include "tally-source-registry.h"
#include "tally-source-secret.h"
#include "tally-source-types.h"

struct _TallySourceRegistry
{
  GObject            parent_instance;

  char              *path;
  TallySourceConfig *config;
  char              *error;
  TallySource       *local;
  GHashTable        *sources;   /* name → TallySource */
  GFileMonitor      *monitor;
};

G_DEFINE_FINAL_TYPE (TallySourceRegistry, tally_source_registry, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char get_source_tag[] = "tally_source_registry_get_source";

G_LOCK_DEFINE_STATIC (factories);
static GHashTable *factories;   /* type → Factory */

/* A function pointer cannot travel as a gpointer under -Wpedantic. */
typedef struct
{
  TallySourceFactory factory;   /* NULL: a known type not in this build */
} Factory;

/**
 * tally_source_registry_register_type:
 * @type: a type name of sources.json ("prometheus")
 * @factory: (nullable): its constructor; %NULL for a known type whose
 *   code is not in this build (it never replaces a constructor)
 *
 * Tells every registry how to make sources of @type.
 */
void
tally_source_registry_register_type (const char         *type,
                                     TallySourceFactory  factory)
{
  g_return_if_fail (type != NULL);

  G_LOCK (factories);
  if (factories == NULL)
    factories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (factory != NULL || !g_hash_table_contains (factories, type))
    {
      Factory *f = g_new (Factory, 1);

      f->factory = factory;
      g_hash_table_insert (factories, g_strdup (type), f);
    }
  G_UNLOCK (factories);
}

static gboolean
lookup_factory (const char          *type,
                TallySourceFactory  *factory)
{
  Factory *f;

  tally_source_types_ensure ();
  G_LOCK (factories);
  f = factories != NULL ? g_hash_table_lookup (factories, type) : NULL;
  *factory = f != NULL ? f->factory : NULL;
  G_UNLOCK (factories);

  return f != NULL;
}

/**
 * tally_source_registry_create_source:
 * @entry: a valid sources.json entry
 * @secret: (nullable): its credential
 *
 * Makes a new source with the constructor of the entry's type.
 */
TallySource *
tally_source_registry_create_source (const char  *name,
                                     JsonObject  *entry,
                                     const char  *secret,
                                     GError     **error)
{
  const char *type = tally_source_entry_get_type_name (entry);
  TallySourceFactory factory = NULL;
  TallySource *source;

  g_return_val_if_fail (name != NULL && entry != NULL, NULL);

  if (type == NULL || !lookup_factory (type, &factory))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("source “%s”: unknown type “%s”"), name, type ? type : "");
      return NULL;
    }
  if (factory == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
                   _("the “%s” source type is not available in this build"), type);
      return NULL;
    }

  source = factory (name, entry, secret, error);
  if (source == NULL)
    g_prefix_error (error, _("source “%s”: "), name);
  g_return_val_if_fail (source == NULL || TALLY_IS_SOURCE (source), NULL);
  g_assert (source != NULL || error == NULL || *error != NULL);

  return source;
}

static void
monitor_changed_cb (TallySourceRegistry *self,
                    GFile               *file,
                    GFile               *other,
                    GFileMonitorEvent    event)
{
  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT || event == G_FILE_MONITOR_EVENT_DELETED ||
      event == G_FILE_MONITOR_EVENT_CREATED || event == G_FILE_MONITOR_EVENT_MOVED_IN ||
      event == G_FILE_MONITOR_EVENT_RENAMED)
    tally_source_registry_reload (self, NULL);
}

/**
 * tally_source_registry_new:
 * @path: (nullable): the sources file; %NULL for
 *   `$XDG_CONFIG_HOME/tally/sources.json`
 *
 * Reads the file and follows its changes. A file that cannot be read
 * leaves no configured source and an error
 * (tally_source_registry_get_error()), not a failure.
 */
TallySourceRegistry *
tally_source_registry_new (const char *path)
{
  TallySourceRegistry *self = g_object_new (TALLY_TYPE_SOURCE_REGISTRY, NULL);
  g_autoptr(GFile) file = NULL;

  self->path = path != NULL ? g_strdup (path) : tally_paths_get_sources_file ();
  tally_source_registry_reload (self, NULL);

  file = g_file_new_for_path (self->path);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self,
                             G_CONNECT_SWAPPED);

  return self;
}

/* The local store's source; "local" names it. %NULL until it is open. */
void
tally_source_registry_set_local (TallySourceRegistry *self,
                                 TallySource         *local)
{
  g_return_if_fail (TALLY_IS_SOURCE_REGISTRY (self));
  g_return_if_fail (local == NULL || TALLY_IS_SOURCE (local));

  if (g_set_object (&self->local, local))
    g_signal_emit (self, signals[CHANGED], 0);
}

TallySource *
tally_source_registry_get_local (TallySourceRegistry *self)
{
  g_return_val_if_fail (TALLY_IS_SOURCE_REGISTRY (self), NULL);

  return self->local;
}

const char *
tally_source_registry_get_path (TallySourceRegistry *self)
{
  g_return_val_if_fail (TALLY_IS_SOURCE_REGISTRY (self), NULL);

  return self->path;
}

/* Why the sources file could not be read when it was last, or %NULL. */
const char *
tally_source_registry_get_error (TallySourceRegistry *self)
{
  g_return_val_if_fail (TALLY_IS_SOURCE_REGISTRY (self), NULL);

  return self->error;
}

/* Returns: (transfer none): the configured entries; copy before editing */
TallySourceConfig *
tally_source_registry_get_config (TallySourceRegistry *self)
{
  g_return_val_if_fail (TALLY_IS_SOURCE_REGISTRY (self), NULL);

  return self->config;
}

/* Drops the sources made from entries that changed or went. */
static void
forget_changed_sources (TallySourceRegistry *self,
                        TallySourceConfig   *old_config)
{
  GHashTableIter iter;
  const char *name;

  g_hash_table_iter_init (&iter, self->sources);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      JsonObject *old = tally_source_config_lookup (old_config, name);
      JsonObject *now = tally_source_config_lookup (self->config, name);
      g_autoptr(JsonNode) old_node = NULL, now_node = NULL;

      if (old == NULL || now == NULL)
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }
      old_node = json_node_init_object (json_node_alloc (), old);
      now_node = json_node_init_object (json_node_alloc (), now);
      if (!json_node_equal (old_node, now_node))
        g_hash_table_iter_remove (&iter);
    }
}

/**
 * tally_source_registry_reload:
 *
 * Reads the sources file again. When it cannot be read, the entries read
 * last stay and the error is kept for tally_source_registry_get_error().
 */
gboolean
tally_source_registry_reload (TallySourceRegistry  *self,
                              GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TallySourceConfig) config = NULL;
  g_autoptr(TallySourceConfig) old = NULL;

  g_return_val_if_fail (TALLY_IS_SOURCE_REGISTRY (self), FALSE);

  config = tally_source_config_load (self->path, &local_error);
  g_clear_pointer (&self->error, g_free);
  if (config == NULL)
    {
      self->error = g_strdup (local_error->message);
      if (self->config == NULL)
        self->config = tally_source_config_new ();
      g_signal_emit (self, signals[CHANGED], 0);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  old = g_steal_pointer (&self->config);
  self->config = g_steal_pointer (&config);
  if (old != NULL)
    forget_changed_sources (self, old);
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/**
 * tally_source_registry_forget:
 * @name: a configured source's name
 *
 * Drops the source made for @name, so that the next one is made afresh —
 * with its secret looked up again — and says "changed". For when only the
 * secret changed, which the entry in the file does not show.
 */
void
tally_source_registry_forget (TallySourceRegistry *self,
                              const char          *name)
{
  g_return_if_fail (TALLY_IS_SOURCE_REGISTRY (self));
  g_return_if_fail (name != NULL);

  if (g_hash_table_remove (self->sources, name))
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Writes @config to the sources file and follows it at once. */
gboolean
tally_source_registry_save (TallySourceRegistry  *self,
                            TallySourceConfig    *config,
                            GError              **error)
{
  g_return_val_if_fail (TALLY_IS_SOURCE_REGISTRY (self), FALSE);
  g_return_val_if_fail (TALLY_IS_SOURCE_CONFIG (config), FALSE);

  return tally_source_config_save (config, self->path, error) &&
         tally_source_registry_reload (self, error);
}

/* "local" then the configured names, in the file's order. */
GStrv
tally_source_registry_dup_names (TallySourceRegistry *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) configured = NULL;

  g_return_val_if_fail (TALLY_IS_SOURCE_REGISTRY (self), NULL);

  configured = tally_source_config_dup_names (self->config);
  g_strv_builder_add (builder, TALLY_LOCAL_SOURCE_NAME);
  g_strv_builder_addv (builder, (const char **) configured);

  return g_strv_builder_end (builder);
}

/* The names as a message lists them: "“local”, “prod”". */
char *
tally_source_registry_describe_names (TallySourceRegistry *self)
{
  g_auto(GStrv) names = tally_source_registry_dup_names (self);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (text, "%s“%s”", i > 0 ? ", " : "", names[i]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
tally_source_registry_has (TallySourceRegistry *self,
                           const char          *name)
{
  g_return_val_if_fail (TALLY_IS_SOURCE_REGISTRY (self), FALSE);

  return g_strcmp0 (name, TALLY_LOCAL_SOURCE_NAME) == 0 ||
         tally_source_config_lookup (self->config, name) != NULL;
}

/* Returns: (transfer none) (nullable): the configured entry of @name */
JsonObject *
tally_source_registry_lookup_entry (TallySourceRegistry *self,
                                    const char          *name)
{
  g_return_val_if_fail (TALLY_IS_SOURCE_REGISTRY (self), NULL);

  return tally_source_config_lookup (self->config, name);
}

/* The source already made for @name, or NULL after setting @error when
 * there is none to make; *entry is set for a source still to make. */
static TallySource *
find_source (TallySourceRegistry  *self,
             const char           *name,
             JsonObject          **entry,
             GError              **error)
{
  TallySource *source;

  *entry = NULL;
  if (g_str_equal (name, TALLY_LOCAL_SOURCE_NAME))
    {
      if (self->local == NULL)
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                     _("the local store is not open"));
      return self->local ? g_object_ref (self->local) : NULL;
    }
  if ((source = g_hash_table_lookup (self->sources, name)) != NULL)
    return g_object_ref (source);
  if ((*entry = tally_source_config_lookup (self->config, name)) == NULL)
    {
      g_autofree char *names = tally_source_registry_describe_names (self);

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                   _("no data source named “%s” (configured: %s)"), name, names);
    }

  return NULL;
}

/**
 * tally_source_registry_get_source:
 * @secret: (nullable): the source's secret, already looked up; only
 *   used when the source is made now
 *
 * The source named @name, made on the first call and kept while its
 * entry stays the same. "local" is the local store.
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
TallySource *
tally_source_registry_get_source (TallySourceRegistry  *self,
                                  const char           *name,
                                  const char           *secret,
                                  GError              **error)
{
  JsonObject *entry;
  TallySource *source;

  g_return_val_if_fail (TALLY_IS_SOURCE_REGISTRY (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if ((source = find_source (self, name, &entry, error)) != NULL || entry == NULL)
    return source;

  source = tally_source_registry_create_source (name, entry, secret, error);
  if (source != NULL)
    g_hash_table_insert (self->sources, g_strdup (name), g_object_ref (source));

  return source;
}

static void
secret_looked_up_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TallySourceRegistry *self = g_task_get_source_object (task);
  const char *name = g_task_get_task_data (task);
  GError *error = NULL;
  char *secret = tally_source_secret_lookup_finish (result, &error);
  TallySource *source;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  source = tally_source_registry_get_source (self, name, secret, &error);
  tally_source_secret_free (secret);
  if (source != NULL)
    g_task_return_pointer (task, source, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * tally_source_registry_get_source_async:
 *
 * As tally_source_registry_get_source(), looking the secret up first
 * (tally_source_secret_lookup_async()) when the source is still to make.
 */
void
tally_source_registry_get_source_async (TallySourceRegistry *self,
                                        const char          *name,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  JsonObject *entry;
  TallySource *source;

  g_return_if_fail (TALLY_IS_SOURCE_REGISTRY (self));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) get_source_tag);
  g_task_set_task_data (task, g_strdup (name), g_free);

  source = find_source (self, name, &entry, &error);
  if (source != NULL)
    g_task_return_pointer (task, source, g_object_unref);
  else if (entry == NULL)
    g_task_return_error (task, error);
  else
    tally_source_secret_lookup_async (name, entry, cancellable, secret_looked_up_cb,
                                      g_steal_pointer (&task));
}

/* Returns: (transfer full): the source, or %NULL with @error set */
TallySource *
tally_source_registry_get_source_finish (TallySourceRegistry  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
tally_source_registry_dispose (GObject *object)
{
  TallySourceRegistry *self = TALLY_SOURCE_REGISTRY (object);

  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->local);
  g_clear_object (&self->config);
  g_hash_table_remove_all (self->sources);

  G_OBJECT_CLASS (tally_source_registry_parent_class)->dispose (object);
}

static void
tally_source_registry_finalize (GObject *object)
{
  TallySourceRegistry *self = TALLY_SOURCE_REGISTRY (object);

  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (tally_source_registry_parent_class)->finalize (object);
}

static void
tally_source_registry_class_init (TallySourceRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tally_source_registry_dispose;
  object_class->finalize = tally_source_registry_finalize;

  /**
   * TallySourceRegistry::changed:
   *
   * The configured sources or the local one changed: lists of names
   * and sources shown from them should be looked up again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tally_source_registry_init (TallySourceRegistry *self)
{
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}
