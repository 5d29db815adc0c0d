/* tally-limits.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  TALLY_LIMIT_RPM,
  TALLY_LIMIT_TPM,
  TALLY_LIMIT_RPD,
  TALLY_LIMIT_DAILY_BUDGET,
  TALLY_LIMIT_MONTHLY_BUDGET,
  TALLY_N_LIMIT_KINDS
} TallyLimitKind;

/**
 * TallyLimit:
 * @source: the data source the limit is for ("local")
 * @model: the model it is for, or %NULL for every model
 * @api_key: the API key it is for, or %NULL for every key
 * @values: each kind's limit, NAN when not set; budgets in USD
 *
 * One entry of limits.json (docs/alerts.md).
 */
typedef struct
{
  char   *source;
  char   *model;
  char   *api_key;
  double  values[TALLY_N_LIMIT_KINDS];
} TallyLimit;

typedef struct _TallyLimits TallyLimits;

TallyLimits      *tally_limits_new            (void);
void              tally_limits_free           (TallyLimits       *limits);
TallyLimits      *tally_limits_new_from_json  (JsonNode          *node,
                                               GError           **error);
JsonNode         *tally_limits_to_json        (const TallyLimits *limits);
TallyLimits      *tally_limits_load           (const char        *path,
                                               GError           **error);
TallyLimits      *tally_limits_load_default   (GError           **error);
gboolean          tally_limits_save           (const TallyLimits *limits,
                                               const char        *path,
                                               GError           **error);
TallyLimit       *tally_limits_add            (TallyLimits       *limits,
                                               const char        *source,
                                               const char        *model,
                                               const char        *api_key);
TallyLimit       *tally_limits_insert         (TallyLimits       *limits,
                                               guint              index,
                                               const char        *source,
                                               const char        *model,
                                               const char        *api_key);
void              tally_limits_remove         (TallyLimits       *limits,
                                               guint              index);
gboolean          tally_limits_check_entry    (const TallyLimits *limits,
                                               const TallyLimit  *entry,
                                               const TallyLimit  *replacing,
                                               GError           **error);
TallyLimit       *tally_limits_lookup         (TallyLimits       *limits,
                                               const char        *source,
                                               const char        *model,
                                               const char        *api_key);
guint             tally_limits_get_n          (const TallyLimits *limits);
const TallyLimit *tally_limits_get            (const TallyLimits *limits,
                                               guint              index);
const char       *tally_limit_kind_to_string  (TallyLimitKind     kind);
TallyLimit       *tally_limit_copy            (const TallyLimit  *limit);
void              tally_limit_free            (TallyLimit        *limit);
gboolean          tally_limit_has_values      (const TallyLimit  *limit);
gboolean          tally_limit_is_top          (const TallyLimit  *limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyLimits, tally_limits_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyLimit, tally_limit_free)

G_END_DECLS
