/* tally-test-alerts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-store.h"

G_BEGIN_DECLS

/* The alerts tally_test_alerts_write() records, around a moment T0:
 *
 * | rule      | name                               | severity | fired     | resolved  |
 * |-----------|------------------------------------|----------|-----------|-----------|
 * | error-old | Error rate above 5 %               | warning  | T0 − 7200 | T0 − 3600 |
 * | rpm       | Requests per minute near the limit | warning  | T0 − 600  | T0 + 600  |
 * | budget    | Daily budget exceeded              | critical | T0 + 1200 | firing    |
 * | later     | Later one                          | info     | T0 + 7200 | firing    |
 *
 * So [T0, T0 + 3600) holds budget (firing, listed first) and rpm. */
void tally_test_alerts_write (const char *store_path,
                              gint64      t0);
void tally_test_alerts_add   (const char *store_path,
                              const char *rule,
                              const char *severity,
                              gint64      fired_at,
                              gint64      resolved_at);

char *tally_test_alerts_new_app_store (void);
void  tally_test_alerts_spend_budget  (TallyStore *store);

G_END_DECLS
