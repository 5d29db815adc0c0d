/* tally-source-config.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The configured data sources: `$XDG_CONFIG_HOME/tally/sources.json`
 * (DESIGN.md, "Data sources"), read and written whole. Each entry is kept
 * as the JSON object it was, so the options a source type keeps beside
 * "name", "type" and "url" ("mapping", "templates", "auth", "token_env"…)
 * survive an edit made by a Tally that does not know them. What is
 * checked here is what every type shares; a secret never belongs in
 * this file, so keys that would hold one are refused. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-local-source.h"
#include "tally-paths.h"
#include "tally-source-config.h"
#include "tally-source-types.h"

#define MAX_NAME_LENGTH 64

struct _TallySourceConfig
{
  GObject    parent_instance;

  GPtrArray *entries;   /* JsonObject */
};

G_DEFINE_FINAL_TYPE (TallySourceConfig, tally_source_config, G_TYPE_OBJECT)

/* Keys that would hold a credential: the keyring or an environment
 * variable ("token_env") holds it instead. */
static const char * const secret_keys[] = {
  "token", "password", "secret", "api_key", "apikey", NULL
};

TallySourceConfig *
tally_source_config_new (void)
{
  return g_object_new (TALLY_TYPE_SOURCE_CONFIG, NULL);
}

/* A copy to edit: the entries are deep copies. */
TallySourceConfig *
tally_source_config_copy (TallySourceConfig *self)
{
  TallySourceConfig *copy = tally_source_config_new ();

  g_return_val_if_fail (TALLY_IS_SOURCE_CONFIG (self), copy);

  for (guint i = 0; i < self->entries->len; i++)
    g_ptr_array_add (copy->entries,
                     tally_json_object_deep_copy (g_ptr_array_index (self->entries, i)));

  return copy;
}

gboolean
tally_source_name_is_valid (const char *name)
{
  gsize length;

  if (name == NULL || (length = strlen (name)) == 0 || length > MAX_NAME_LENGTH)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("-_.", *p) == NULL)
        return FALSE;
    }

  return TRUE;
}

static const char *
get_string (JsonObject *entry,
            const char *member)
{
  JsonNode *node = json_object_get_member (entry, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

const char *
tally_source_entry_get_name (JsonObject *entry)
{
  return get_string (entry, "name");
}

const char *
tally_source_entry_get_type_name (JsonObject *entry)
{
  return get_string (entry, "type");
}

const char *
tally_source_entry_get_url (JsonObject *entry)
{
  return get_string (entry, "url");
}

/* The environment variable that holds the source's secret, or NULL. */
const char *
tally_source_entry_get_token_env (JsonObject *entry)
{
  return get_string (entry, "token_env");
}

static gboolean
fail (GError    **error,
      const char *name,
      char       *problem)
{
  g_autofree char *owned = problem;

  /* Translators: the first %s is a source's name, the second the problem. */
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("source “%s”: %s"), name, problem);
  return FALSE;
}

static gboolean
validate_string (JsonObject  *entry,
                 const char  *name,
                 const char  *member,
                 GError     **error)
{
  if (!json_object_has_member (entry, member))
    return fail (error, name, g_strdup_printf (_("the “%s” key is missing"), member));
  if (get_string (entry, member) == NULL)
    return fail (error, name, g_strdup_printf (_("“%s” must be a string"), member));

  return TRUE;
}

static gboolean
validate_url (const char  *name,
              const char  *url,
              GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, &parse_error);
  const char *scheme;

  if (uri == NULL)
    return fail (error, name, g_strdup_printf (_("“%s” is not a URL: %s"), url,
                                               parse_error->message));
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return fail (error, name, g_strdup_printf (_("the URL “%s” must start with http:// or "
                                                 "https://"), url));
  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return fail (error, name, g_strdup_printf (_("the URL “%s” names no host"), url));
  /* The URL is not echoed: the part before "@" is a secret. */
  if (g_uri_get_userinfo (uri) != NULL)
    return fail (error, name, g_strdup (_("the URL holds a user name or password before “@”, "
                                          "which would keep a secret in a plain file; store it "
                                          "in the keyring (Preferences, Data Sources) or name "
                                          "an environment variable with “token_env”")));

  return TRUE;
}

static gboolean
validate_no_secret (JsonObject  *entry,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (entry);

  for (GList *l = members; l != NULL; l = l->next)
    {
      for (guint i = 0; secret_keys[i] != NULL; i++)
        {
          if (g_ascii_strcasecmp (l->data, secret_keys[i]) == 0)
            return fail (error, name,
                         g_strdup_printf (_("“%s” would keep a secret in a plain file; store it "
                                            "in the keyring (Preferences, Data Sources) or name "
                                            "an environment variable with “token_env”"),
                                          (const char *) l->data));
        }
    }

  return TRUE;
}

static gboolean
validate_token_env (JsonObject  *entry,
                    const char  *name,
                    GError     **error)
{
  const char *token_env;

  if (!json_object_has_member (entry, "token_env"))
    return TRUE;
  token_env = get_string (entry, "token_env");
  if (token_env != NULL && token_env[0] != '\0' && !g_ascii_isdigit (token_env[0]))
    {
      const char *p = token_env;

      while (*p != '\0' && (g_ascii_isalnum (*p) || *p == '_'))
        p++;
      if (*p == '\0')
        return TRUE;
    }

  return fail (error, name, g_strdup (_("“token_env” must be the name of an environment "
                                        "variable, such as OPENAI_ADMIN_KEY")));
}

/**
 * tally_source_entry_validate:
 * @entry: one object of the "sources" array
 *
 * Checks what every configured source needs: a valid, unreserved name, a
 * known type, an http or https URL (a "local" one: the absolute "path"
 * of a store file instead), and no secret. The error names the
 * entry and the problem.
 */
gboolean
tally_source_entry_validate (JsonObject  *entry,
                             GError     **error)
{
  const char *name, *type;

  g_return_val_if_fail (entry != NULL, FALSE);

  if (!validate_string (entry, "?", "name", error))
    return FALSE;
  name = get_string (entry, "name");
  if (!tally_source_name_is_valid (name))
    return fail (error, name, g_strdup_printf (_("a name has 1 to %d letters, digits, “-”, "
                                                 "“_” or “.”"), MAX_NAME_LENGTH));
  if (g_str_equal (name, TALLY_LOCAL_SOURCE_NAME))
    return fail (error, name, g_strdup (_("the name “local” is reserved for the local store")));
  if (!validate_string (entry, name, "type", error))
    return FALSE;
  type = get_string (entry, "type");
  if (!tally_source_type_is_known (type))
    {
      g_autoptr(GString) known = g_string_new (NULL);

      for (const char * const *t = tally_source_types_get_known (); *t != NULL; t++)
        g_string_append_printf (known, "%s%s", known->len > 0 ? ", " : "", *t);
      return fail (error, name, g_strdup_printf (_("unknown type “%s” (known types: %s)"),
                                                 type, known->str));
    }
  if (g_str_equal (type, TALLY_LOCAL_SOURCE_NAME))
    {
      if (!validate_string (entry, name, "path", error))
        return FALSE;
      if (!g_path_is_absolute (get_string (entry, "path")))
        return fail (error, name, g_strdup (_("“path” must be an absolute path to a store file")));
    }
  else if (!validate_string (entry, name, "url", error) ||
           !validate_url (name, get_string (entry, "url"), error))
    return FALSE;

  return validate_no_secret (entry, name, error) && validate_token_env (entry, name, error);
}

static gboolean
check_unique (TallySourceConfig  *self,
              JsonObject         *entry,
              JsonObject         *except,
              GError            **error)
{
  const char *name = tally_source_entry_get_name (entry);

  for (guint i = 0; i < self->entries->len; i++)
    {
      JsonObject *other = g_ptr_array_index (self->entries, i);

      if (other != except && g_str_equal (tally_source_entry_get_name (other), name))
        return fail (error, name, g_strdup (_("another source has this name")));
    }

  return TRUE;
}

/**
 * tally_source_config_add:
 * @entry: (transfer none): copied
 *
 * Appends a source after checking it and that its name is new.
 */
gboolean
tally_source_config_add (TallySourceConfig  *self,
                         JsonObject         *entry,
                         GError            **error)
{
  g_return_val_if_fail (TALLY_IS_SOURCE_CONFIG (self), FALSE);

  if (!tally_source_entry_validate (entry, error) || !check_unique (self, entry, NULL, error))
    return FALSE;

  g_ptr_array_add (self->entries, tally_json_object_deep_copy (entry));
  return TRUE;
}

/* Puts @entry in the place of the source @name (a rename keeps the place). */
gboolean
tally_source_config_replace (TallySourceConfig  *self,
                             const char         *name,
                             JsonObject         *entry,
                             GError            **error)
{
  JsonObject *old;
  guint index = 0;
  gboolean found;

  g_return_val_if_fail (TALLY_IS_SOURCE_CONFIG (self), FALSE);

  if ((old = tally_source_config_lookup (self, name)) == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND,
                   _("no data source named “%s”"), name);
      return FALSE;
    }
  if (!tally_source_entry_validate (entry, error) || !check_unique (self, entry, old, error))
    return FALSE;

  found = g_ptr_array_find (self->entries, old, &index);
  g_assert (found);
  g_ptr_array_index (self->entries, index) = tally_json_object_deep_copy (entry);
  json_object_unref (old);
  return TRUE;
}

gboolean
tally_source_config_remove (TallySourceConfig *self,
                            const char        *name)
{
  JsonObject *entry;

  g_return_val_if_fail (TALLY_IS_SOURCE_CONFIG (self), FALSE);

  if ((entry = tally_source_config_lookup (self, name)) == NULL)
    return FALSE;

  return g_ptr_array_remove (self->entries, entry);
}

guint
tally_source_config_get_n_entries (TallySourceConfig *self)
{
  g_return_val_if_fail (TALLY_IS_SOURCE_CONFIG (self), 0);

  return self->entries->len;
}

/* Returns: (transfer none): the entry at @index, in the file's order */
JsonObject *
tally_source_config_get_entry (TallySourceConfig *self,
                               guint              index)
{
  g_return_val_if_fail (TALLY_IS_SOURCE_CONFIG (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, index);
}

/* Returns: (transfer none) (nullable): the entry named @name */
JsonObject *
tally_source_config_lookup (TallySourceConfig *self,
                            const char        *name)
{
  g_return_val_if_fail (TALLY_IS_SOURCE_CONFIG (self), NULL);

  for (guint i = 0; name != NULL && i < self->entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (self->entries, i);

      if (g_str_equal (tally_source_entry_get_name (entry), name))
        return entry;
    }

  return NULL;
}

/* The configured names, in the file's order ("local" is not among them). */
GStrv
tally_source_config_dup_names (TallySourceConfig *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (TALLY_IS_SOURCE_CONFIG (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    g_strv_builder_add (builder, tally_source_entry_get_name (g_ptr_array_index (self->entries, i)));

  return g_strv_builder_end (builder);
}

static gboolean
parse_root (TallySourceConfig  *self,
            JsonNode           *root,
            GError            **error)
{
  JsonNode *sources;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return tally_json_fail (error, "sources.json", _("must be an object with a “sources” list"));
  sources = json_object_get_member (json_node_get_object (root), "sources");
  if (sources == NULL || JSON_NODE_HOLDS_NULL (sources))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (sources))
    return tally_json_fail (error, "sources", _("must be a list of sources"));

  array = json_node_get_array (sources);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("sources[%u]", i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return tally_json_fail (error, path, _("must be an object"));
      if (!tally_source_config_add (self, json_node_get_object (node), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * tally_source_config_new_from_data:
 *
 * Parses the text of a sources.json; the error names the first entry that
 * breaks a rule.
 */
TallySourceConfig *
tally_source_config_new_from_data (const char  *data,
                                   gssize       length,
                                   GError     **error)
{
  g_autoptr(TallySourceConfig) self = tally_source_config_new ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;
  if (!parse_root (self, json_parser_get_root (parser), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tally_source_config_load:
 * @path: (nullable): the file; %NULL for `$XDG_CONFIG_HOME/tally/sources.json`
 *
 * A missing file is an empty configuration; an unreadable or invalid
 * one is an error whose message starts with the file's path.
 */
TallySourceConfig *
tally_source_config_load (const char  *path,
                          GError     **error)
{
  g_autofree char *default_path = path == NULL ? tally_paths_get_sources_file () : NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  TallySourceConfig *self;
  gsize length;

  if (path == NULL)
    path = default_path;
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return tally_source_config_new ();
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, "%s: %s", path, local_error->message);
      return NULL;
    }

  self = tally_source_config_new_from_data (data, length, &local_error);
  if (self == NULL)
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, "%s: %s", path, local_error->message);

  return self;
}

char *
tally_source_config_to_data (TallySourceConfig *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (TALLY_IS_SOURCE_CONFIG (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->entries->len; i++)
    {
      JsonNode *node = json_node_alloc ();

      json_node_init_object (node, tally_json_object_deep_copy (g_ptr_array_index (self->entries,
                                                                                   i)));
      json_object_unref (json_node_get_object (node));
      json_builder_add_value (builder, node);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return tally_json_to_pretty_string (root, NULL);
}

/**
 * tally_source_config_save:
 * @path: (nullable): as for tally_source_config_load()
 *
 * Writes the file atomically (temporary file and rename), readable by
 * its owner only.
 */
gboolean
tally_source_config_save (TallySourceConfig  *self,
                          const char         *path,
                          GError            **error)
{
  g_autofree char *default_path = path == NULL ? tally_paths_get_sources_file () : NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TALLY_IS_SOURCE_CONFIG (self), FALSE);

  if (path == NULL)
    path = default_path;
  if (!tally_paths_ensure_parent (path, error))
    return FALSE;

  data = tally_source_config_to_data (self);
  if (!g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, "%s: %s", path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
tally_source_config_finalize (GObject *object)
{
  TallySourceConfig *self = TALLY_SOURCE_CONFIG (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (tally_source_config_parent_class)->finalize (object);
}

static void
tally_source_config_class_init (TallySourceConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tally_source_config_finalize;
}

static void
tally_source_config_init (TallySourceConfig *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
}
