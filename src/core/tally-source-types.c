/* tally-source-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The kinds of data source Tally knows (DESIGN.md, "Data sources"), and
 * the one place where each remote kind's constructor is registered. A
 * kind known but registered without a constructor is refused with "not
 * available in this build" rather than as an unknown type. */

#include "config.h"

#include "tally-local-source.h"
#include "tally-source-registry.h"
#include "tally-source-types.h"

static const char * const known_types[] = {
  TALLY_LOCAL_SOURCE_NAME, "prometheus", "openai", "http-json", NULL
};

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

/* The types a sources.json entry may have: every known one but the
 * local store, which is always there and never configured. */
gboolean
tally_source_type_is_configurable (const char *type)
{
  return tally_source_type_is_known (type) && !g_str_equal (type, TALLY_LOCAL_SOURCE_NAME);
}

/* Registers the built-in constructors, once. */
void
tally_source_types_ensure (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;

  /* A NULL factory: the type is known, its code not in this build yet. */
  tally_source_registry_register_type ("prometheus", NULL);
  tally_source_registry_register_type ("openai", NULL);
  tally_source_registry_register_type ("http-json", NULL);

  g_once_init_leave (&done, 1);
}
