/* tally-pricing-overrides.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Editing the user's price file, $XDG_CONFIG_HOME/tally/pricing.json, as
 * Preferences does: a model's price is set under the provider "user" and
 * removed from wherever the file lists it. The rest of the file is kept
 * as it was; the default table is reloaded so that the next events stored
 * take the new price (docs/costs.md). */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "tally-error.h"
#include "tally-json-util.h"
#include "tally-paths.h"
#include "tally-pricing.h"

#define USER_PROVIDER "user"

/* The user's file as a JSON object, read by tally_json_read_file(); an
 * empty one when there is none. */
static JsonNode *
read_user_file (const char  *path,
                GError     **error)
{
  gboolean missing;
  g_autoptr(JsonNode) root = tally_json_read_file (path, &missing, error);

  if (root == NULL && missing)
    {
      root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (root, json_object_new ());
    }
  else if (root != NULL && !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: must be an object"), path);
      return NULL;
    }

  return g_steal_pointer (&root);
}

/* @object's member @name as an object, made (or replacing a non-object)
 * when needed. */
static JsonObject *
ensure_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    json_object_set_object_member (object, name, json_object_new ());

  return json_object_get_object_member (object, name);
}

static gboolean
write_user_file (const char  *path,
                 JsonNode    *root,
                 GError     **error)
{
  if (!tally_json_write_file (path, root, error))
    return FALSE;

  tally_pricing_reload_default ();
  return TRUE;
}

/* Takes the model out of every provider of @root; whether it was there. */
static gboolean
remove_model (JsonNode   *root,
              const char *model)
{
  JsonNode *providers = json_object_get_member (json_node_get_object (root), "providers");
  JsonObjectIter iter;
  const char *name;
  JsonNode *provider;
  gboolean found = FALSE;

  if (providers == NULL || !JSON_NODE_HOLDS_OBJECT (providers))
    return FALSE;

  json_object_iter_init (&iter, json_node_get_object (providers));
  while (json_object_iter_next (&iter, &name, &provider))
    {
      JsonNode *models;

      if (!JSON_NODE_HOLDS_OBJECT (provider))
        continue;
      models = json_object_get_member (json_node_get_object (provider), "models");
      if (models != NULL && JSON_NODE_HOLDS_OBJECT (models))
        {
          g_autoptr(GList) names = json_object_get_members (json_node_get_object (models));

          /* the table matches models whatever their case: so does this */
          for (GList *l = names; l != NULL; l = l->next)
            if (g_ascii_strcasecmp (l->data, model) == 0)
              {
                json_object_remove_member (json_node_get_object (models), l->data);
                found = TRUE;
              }
        }
    }

  return found;
}

static gboolean
check_price (double      price,
             gboolean    optional,
             const char *what,
             GError    **error)
{
  if ((optional && isnan (price)) || (isfinite (price) && price >= 0 && price <= 1e6))
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
               _("The %s price must be a number of USD per 1M tokens, from 0 to 1000000"), what);
  return FALSE;
}

/**
 * tally_pricing_set_override:
 * @cached_input: NAN for none: cached tokens then cost the input price
 *
 * Saves @model's price in the user's file, replacing any it had there.
 */
gboolean
tally_pricing_set_override (const char  *model,
                            double       input,
                            double       output,
                            double       cached_input,
                            GError     **error)
{
  g_autofree char *path = tally_pricing_get_user_file ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *name = NULL;
  JsonObject *models, *price;

  if (model == NULL || *(name = g_strstrip (g_ascii_strdown (model, -1))) == '\0' ||
      strlen (name) > TALLY_EVENT_MAX_STRING)
    {
      g_set_error_literal (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                           _("A model name must be 1 to 256 bytes"));
      return FALSE;
    }
  if (!check_price (input, FALSE, _("input"), error) ||
      !check_price (output, FALSE, _("output"), error) ||
      !check_price (cached_input, TRUE, _("cached input"), error) ||
      (root = read_user_file (path, error)) == NULL)
    return FALSE;

  remove_model (root, name);
  models = ensure_object (ensure_object (ensure_object (json_node_get_object (root), "providers"),
                                         USER_PROVIDER), "models");
  price = json_object_new ();
  json_object_set_double_member (price, "input", input);
  json_object_set_double_member (price, "output", output);
  if (!isnan (cached_input))
    json_object_set_double_member (price, "cached_input", cached_input);
  json_object_set_object_member (models, name, price);

  return write_user_file (path, root, error);
}

/* Removes @model from the user's file; nothing to do when it is not there. */
gboolean
tally_pricing_remove_override (const char  *model,
                               GError     **error)
{
  g_autofree char *path = tally_pricing_get_user_file ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (model != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if ((root = read_user_file (path, error)) == NULL)
    return FALSE;
  if (!remove_model (root, model))
    return TRUE;

  return write_user_file (path, root, error);
}

/* The prices of the user's file alone, or an empty table without one. */
TallyPricing *
tally_pricing_new_user (GError **error)
{
  g_autoptr(TallyPricing) pricing = tally_pricing_new ();
  g_autofree char *path = tally_pricing_get_user_file ();

  if (g_file_test (path, G_FILE_TEST_EXISTS) && !tally_pricing_load_file (pricing, path, error))
    return NULL;

  return g_steal_pointer (&pricing);
}
