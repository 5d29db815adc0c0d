/* tally-source-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The kinds of data source Tally knows (DESIGN.md, "Data sources"), and
 * the one place where each kind's constructor is registered. A kind
 * known but registered without a constructor is refused with "not
 * available in this build" rather than as an unknown type.
 *
 * A configured "local" source is another store file (an archive, a copy
 * from another machine), opened read-only; the name "local" itself is
 * always the user's own store. */

#include "config.h"

#include "tally-error.h"
#include "tally-source-config.h"

#include "tally-json-api-source.h"
#include "tally-local-source.h"
#include "tally-openai-source.h"
#include "tally-prometheus-source.h"
#include "tally-source-registry.h"
#include "tally-source-types.h"

static const char * const known_types[] = {
  TALLY_LOCAL_SOURCE_NAME, "prometheus", "openai", "http-json", NULL
};

static TallySource *
new_local_source (const char  *name,
                  JsonObject  *entry,
                  const char  *secret,
                  GError     **error)
{
  const char *path = json_object_get_string_member_with_default (entry, "path", "");
  g_autoptr(TallyStore) store = tally_store_open_read_only (path, error);

  if (store == NULL)
    return NULL;

  return g_object_new (TALLY_TYPE_LOCAL_SOURCE, "name", name, "store", store, NULL);
}

/* The type names, "local" first. */
const char * const *
tally_source_types_get_known (void)
{
  return known_types;
}

gboolean
tally_source_type_is_known (const char *type)
{
  return type != NULL && g_strv_contains (known_types, type);
}

/* Registers the built-in constructors, once. */
void
tally_source_types_ensure (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;

  tally_source_registry_register_type (TALLY_LOCAL_SOURCE_NAME, new_local_source);
  tally_source_registry_register_type ("prometheus", tally_prometheus_source_new_from_config);
  tally_source_registry_register_type ("openai", tally_openai_source_new_from_config);
  tally_source_registry_register_type ("http-json", tally_json_api_source_new_from_config);

  g_once_init_leave (&done, 1);
}
