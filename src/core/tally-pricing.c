/* tally-pricing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* What a request costs when its sender did not say: the price list shipped
 * in the resources (data/pricing.json) with the user's own file laid over
 * it. A table is filled once and then only read, from any thread. A
 * snapshot name takes the price of its longest listed prefix, so
 * "gpt-4o-2024-08-06" costs what "gpt-4o" costs (docs/costs.md). */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-paths.h"
#include "tally-pricing.h"

#define PRICING_RESOURCE "/io/github/tallyapp/Tally/pricing.json"
/* No token costs a million dollars per million; past that it is a typo. */
#define MAX_PRICE 1.0e6

struct _TallyPricing
{
  gatomicrefcount  ref_count;
  GHashTable      *models;   /* lower-case name → Entry */
};

typedef struct
{
  TallyPrice  price;
  char       *provider;
} Entry;

/* By hand: G_DEFINE_BOXED_TYPE trips -Wpedantic with GLib 2.74. */
GType
tally_pricing_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_boxed_type_register_static (g_intern_static_string ("TallyPricing"),
                                                 (GBoxedCopyFunc) tally_pricing_ref,
                                                 (GBoxedFreeFunc) tally_pricing_unref);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->provider);
  g_free (entry);
}

TallyPricing *
tally_pricing_new (void)
{
  TallyPricing *pricing = g_new0 (TallyPricing, 1);

  g_atomic_ref_count_init (&pricing->ref_count);
  pricing->models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);

  return pricing;
}

TallyPricing *
tally_pricing_ref (TallyPricing *pricing)
{
  g_return_val_if_fail (pricing != NULL, NULL);

  g_atomic_ref_count_inc (&pricing->ref_count);

  return pricing;
}

void
tally_pricing_unref (TallyPricing *pricing)
{
  g_return_if_fail (pricing != NULL);

  if (g_atomic_ref_count_dec (&pricing->ref_count))
    {
      g_hash_table_unref (pricing->models);
      g_free (pricing);
    }
}

static gboolean
fail (GError    **error,
      const char *origin,
      const char *path,
      const char *rule)
{
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, "%s: %s: %s", origin, path, rule);
  return FALSE;
}

static gboolean
read_price (JsonObject *object,
            const char *member,
            gboolean    required,
            double     *price,
            const char *origin,
            const char *path,
            GError    **error)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, member);
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *price = NAN;
      return !required || fail (error, origin, where, _("required"));
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
                                        json_node_get_value_type (node) != G_TYPE_INT64))
    return fail (error, origin, where, _("must be a number of USD per 1M tokens"));

  *price = json_node_get_double (node);
  if (!isfinite (*price) || *price < 0 || *price > MAX_PRICE)
    return fail (error, origin, where, _("must be between 0 and 1000000 USD per 1M tokens"));

  return TRUE;
}

static gboolean
read_model (GHashTable *models,
            const char *provider,
            const char *name,
            JsonNode   *node,
            const char *origin,
            const char *path,
            GError    **error)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, name);
  JsonObject *object;
  Entry entry = { { 0 }, NULL };
  Entry *copy;

  if (*name == '\0' || strlen (name) > TALLY_EVENT_MAX_STRING)
    return fail (error, origin, where, _("a model name must be 1 to 256 bytes"));
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, origin, where, _("must be an object with “input” and “output”"));

  object = json_node_get_object (node);
  if (!read_price (object, "input", TRUE, &entry.price.input, origin, where, error) ||
      !read_price (object, "output", TRUE, &entry.price.output, origin, where, error) ||
      !read_price (object, "cached_input", FALSE, &entry.price.cached_input, origin, where, error))
    return FALSE;
  if (isnan (entry.price.cached_input))
    entry.price.cached_input = entry.price.input;

  copy = g_memdup2 (&entry, sizeof entry);
  copy->provider = g_strdup (provider);
  copy->price.provider = copy->provider;
  g_hash_table_replace (models, g_ascii_strdown (name, -1), copy);

  return TRUE;
}

static gboolean
read_provider (GHashTable *models,
               const char *provider,
               JsonNode   *node,
               const char *origin,
               GError    **error)
{
  g_autofree char *where = g_strdup_printf ("providers.%s", provider);
  g_autofree char *models_path = g_strdup_printf ("%s.models", where);
  JsonObject *object;
  JsonNode *models_node;
  JsonObjectIter iter;
  const char *name;
  JsonNode *model;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, origin, where, _("must be an object with “models”"));

  object = json_node_get_object (node);
  models_node = json_object_get_member (object, "models");
  if (models_node == NULL || !JSON_NODE_HOLDS_OBJECT (models_node))
    return fail (error, origin, models_path, _("must be an object of models"));

  json_object_iter_init (&iter, json_node_get_object (models_node));
  while (json_object_iter_next (&iter, &name, &model))
    if (!read_model (models, provider, name, model, origin, models_path, error))
      return FALSE;

  return TRUE;
}

/* Adds the prices under @root to @pricing: all of them or, when one
 * breaks a rule, none. */
static gboolean
load_root (TallyPricing  *pricing,
           JsonNode      *root,
           const char    *origin,
           GError       **error)
{
  g_autoptr(GHashTable) models = NULL;
  GHashTableIter hi;
  gpointer key, value;
  JsonNode *providers;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, origin, "$", _("must be an object with “providers”"));
  providers = json_object_get_member (json_node_get_object (root), "providers");
  if (providers == NULL || !JSON_NODE_HOLDS_OBJECT (providers))
    return fail (error, origin, "providers", _("must be an object of providers"));

  models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  json_object_iter_init (&iter, json_node_get_object (providers));
  while (json_object_iter_next (&iter, &name, &node))
    if (!read_provider (models, name, node, origin, error))
      return FALSE;

  g_hash_table_iter_init (&hi, models);
  while (g_hash_table_iter_next (&hi, &key, &value))
    {
      g_hash_table_iter_steal (&hi);
      g_hash_table_replace (pricing->models, key, value);
    }

  return TRUE;
}

/**
 * tally_pricing_load_data:
 * @origin: the data's name, for messages
 *
 * Adds the prices in @data (the shape of data/pricing.json) to @pricing;
 * a model already there takes the new price. Nothing is added when the
 * data breaks a rule.
 */
gboolean
tally_pricing_load_data (TallyPricing  *pricing,
                         const char    *data,
                         gssize         length,
                         const char    *origin,
                         GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;

  g_return_val_if_fail (pricing != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      g_autofree char *where = tally_json_describe_parse_error (parse_error);

      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s is not valid JSON: %s"), origin, where);
      return FALSE;
    }

  return load_root (pricing, json_parser_get_root (parser), origin, error);
}

/**
 * tally_pricing_load_file:
 *
 * Adds the prices of the file at @path, read by tally_json_read_file()
 * as every settings file is; a missing file is %TALLY_ERROR_NOT_FOUND.
 */
gboolean
tally_pricing_load_file (TallyPricing  *pricing,
                         const char    *path,
                         GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  gboolean missing;

  g_return_val_if_fail (pricing != NULL, FALSE);

  if ((root = tally_json_read_file (path, &missing, error)) == NULL)
    {
      if (missing)
        g_set_error (error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND, _("%s does not exist"), path);
      return FALSE;
    }

  return load_root (pricing, root, path, error);
}

/* $XDG_CONFIG_HOME/tally/pricing.json: the user's overrides and extra
 * models. */
char *
tally_pricing_get_user_file (void)
{
  g_autofree char *dir = tally_paths_get_config_dir ();

  return g_build_filename (dir, "pricing.json", NULL);
}

/**
 * tally_pricing_new_default:
 *
 * The shipped list with the user's file over it. Without a user file
 * that is the shipped list; with a broken one, %NULL and the error.
 */
TallyPricing *
tally_pricing_new_default (GError **error)
{
  g_autoptr(TallyPricing) pricing = tally_pricing_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *user_file = tally_pricing_get_user_file ();
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data;

  bytes = g_resources_lookup_data (PRICING_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  if (!tally_pricing_load_data (pricing, data, length, "pricing.json", error))
    return NULL;

  if (!tally_pricing_load_file (pricing, user_file, &local_error) &&
      !g_error_matches (local_error, TALLY_ERROR, TALLY_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&pricing);
}

/**
 * tally_pricing_get_default:
 *
 * The default table, loaded once per process. A broken user file is
 * reported once (as a message on the log) and the shipped list is used
 * alone. Returns: (transfer full)
 */
static GMutex default_lock;
static TallyPricing *default_pricing;

/* Forgets the default table: the next tally_pricing_get_default() reads
 * the files again (after the user's prices changed). */
void
tally_pricing_reload_default (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&default_lock);

  g_clear_pointer (&default_pricing, tally_pricing_unref);
}

TallyPricing *
tally_pricing_get_default (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&default_lock);

  if (default_pricing == NULL)
    {
      g_autoptr(GError) error = NULL;

      default_pricing = tally_pricing_new_default (&error);
      if (default_pricing == NULL)
        {
          g_autoptr(GBytes) bytes = g_resources_lookup_data (PRICING_RESOURCE, 0, NULL);

          g_message (_("Ignoring the price overrides: %s"), error->message);
          default_pricing = tally_pricing_new ();
          if (bytes != NULL)
            tally_pricing_load_data (default_pricing, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), "pricing.json", NULL);
        }
    }

  return tally_pricing_ref (default_pricing);
}

guint
tally_pricing_get_n_models (TallyPricing *pricing)
{
  g_return_val_if_fail (pricing != NULL, 0);

  return g_hash_table_size (pricing->models);
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The model names, sorted. */
GStrv
tally_pricing_list_models (TallyPricing *pricing)
{
  g_autofree gpointer *keys = NULL;
  guint n;
  GStrv names;

  g_return_val_if_fail (pricing != NULL, NULL);

  keys = g_hash_table_get_keys_as_array (pricing->models, &n);
  names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (keys[i]);
  qsort (names, n, sizeof (char *), compare_names);

  return names;
}

/* Where a snapshot name may continue its base name: "gpt-4o" + "-2024…",
 * "claude-3-5-sonnet" + "@20241022", "llama3" + ":8b". Not '.', so that
 * "gpt-4.1" never falls back to "gpt-4". */
static gboolean
is_boundary (char c)
{
  return c == '-' || c == '_' || c == ':' || c == '@';
}

static const Entry *
find_prefix (TallyPricing *pricing,
             char         *name)
{
  const Entry *entry = g_hash_table_lookup (pricing->models, name);

  for (gsize i = strlen (name); entry == NULL && i-- > 1;)
    {
      if (is_boundary (name[i]))
        {
          char saved = name[i];

          name[i] = '\0';
          entry = g_hash_table_lookup (pricing->models, name);
          name[i] = saved;
        }
    }

  return entry;
}

/**
 * tally_pricing_lookup:
 * @price: (out) (optional): the price; its provider belongs to @pricing
 *
 * The price of @model, in any case: the model itself, else its longest
 * listed prefix that ends where a snapshot suffix starts, else the same
 * for the part after the last '/' ("openrouter/openai/gpt-4o").
 */
gboolean
tally_pricing_lookup (TallyPricing *pricing,
                      const char   *model,
                      TallyPrice   *price)
{
  g_autofree char *name = NULL;
  const Entry *entry;
  char *slash;

  g_return_val_if_fail (pricing != NULL, FALSE);

  if (model == NULL || *model == '\0')
    return FALSE;

  name = g_ascii_strdown (model, -1);
  entry = find_prefix (pricing, name);
  if (entry == NULL && (slash = strrchr (name, '/')) != NULL && slash[1] != '\0')
    entry = find_prefix (pricing, slash + 1);
  if (entry == NULL)
    return FALSE;

  if (price != NULL)
    *price = entry->price;

  return TRUE;
}

/**
 * tally_pricing_cost:
 * @input_tokens: all input tokens, cached ones included; -1 when unknown
 * @cached_tokens: the part of the input served from a cache; -1 when unknown
 * @cost: (out): USD
 *
 * What a request costs: uncached input at the input price, cached input at
 * the cached price (not also at the input price), output at the output
 * price. Unknown counts are 0. %FALSE, with @cost untouched, for a model
 * without a price: never a guess of $0.
 */
gboolean
tally_pricing_cost (TallyPricing *pricing,
                    const char   *model,
                    gint64        input_tokens,
                    gint64        output_tokens,
                    gint64        cached_tokens,
                    double       *cost)
{
  TallyPrice price;
  double input = MAX (input_tokens, 0);
  double output = MAX (output_tokens, 0);
  double cached = MAX (cached_tokens, 0);

  g_return_val_if_fail (cost != NULL, FALSE);

  if (!tally_pricing_lookup (pricing, model, &price))
    return FALSE;

  /* More cached than input tokens: the sender counted them apart. */
  *cost = (MAX (input - cached, 0) * price.input + cached * price.cached_input +
           output * price.output) / 1e6;

  return TRUE;
}

/**
 * tally_pricing_price_event:
 *
 * Sets the cost of an @event that has none from its model and tokens.
 * An event without any token count, or of a model without a price, keeps
 * none. Returns: whether the event has a cost now
 */
gboolean
tally_pricing_price_event (TallyPricing *pricing,
                           TallyEvent   *event)
{
  double cost;

  g_return_val_if_fail (event != NULL, FALSE);

  if (!isnan (event->cost))
    return TRUE;
  /* No token count at all: nothing to price, and $0 would be a guess. */
  if (event->input_tokens < 0 && event->output_tokens < 0 && event->cached_tokens < 0)
    return FALSE;
  if (!tally_pricing_cost (pricing, event->dims[TALLY_DIMENSION_MODEL], event->input_tokens,
                           event->output_tokens, event->cached_tokens, &cost))
    return FALSE;

  event->cost = MIN (cost, TALLY_EVENT_MAX_COST);

  return TRUE;
}
