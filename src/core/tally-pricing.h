/* tally-pricing.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "tally-event.h"

G_BEGIN_DECLS

/**
 * TallyPrice:
 * @input: USD per 1M input tokens that were not served from a cache
 * @output: USD per 1M output tokens
 * @cached_input: USD per 1M cached input tokens; the input price when the
 *   list gives none
 * @provider: the provider the price was listed under
 *
 * One model's price (docs/costs.md).
 */
typedef struct
{
  double      input;
  double      output;
  double      cached_input;
  const char *provider;
} TallyPrice;

typedef struct _TallyPricing TallyPricing;

#define TALLY_TYPE_PRICING (tally_pricing_get_type ())

GType         tally_pricing_get_type        (void) G_GNUC_CONST;

TallyPricing *tally_pricing_new             (void);
TallyPricing *tally_pricing_ref             (TallyPricing      *pricing);
void          tally_pricing_unref           (TallyPricing      *pricing);

gboolean      tally_pricing_load_data       (TallyPricing      *pricing,
                                             const char        *data,
                                             gssize             length,
                                             const char        *origin,
                                             GError           **error);
gboolean      tally_pricing_load_file       (TallyPricing      *pricing,
                                             const char        *path,
                                             GError           **error);
TallyPricing *tally_pricing_new_default     (GError           **error);
TallyPricing *tally_pricing_get_default     (void);
char         *tally_pricing_get_user_file   (void);

guint         tally_pricing_get_n_models    (TallyPricing      *pricing);
GStrv         tally_pricing_list_models     (TallyPricing      *pricing);
gboolean      tally_pricing_lookup          (TallyPricing      *pricing,
                                             const char        *model,
                                             TallyPrice        *price);
gboolean      tally_pricing_cost            (TallyPricing      *pricing,
                                             const char        *model,
                                             gint64             input_tokens,
                                             gint64             output_tokens,
                                             gint64             cached_tokens,
                                             double            *cost);
gboolean      tally_pricing_price_event     (TallyPricing      *pricing,
                                             TallyEvent        *event);

void          tally_pricing_reload_default  (void);
TallyPricing *tally_pricing_new_user        (GError           **error);
gboolean      tally_pricing_set_override    (const char        *model,
                                             double             input,
                                             double             output,
                                             double             cached_input,
                                             GError           **error);
gboolean      tally_pricing_remove_override (const char        *model,
                                             GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyPricing, tally_pricing_unref)

G_END_DECLS
