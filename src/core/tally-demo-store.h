/* tally-demo-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-demo.h"

G_BEGIN_DECLS

gboolean tally_demo_store_fill (const char              *path,
                                gboolean                 replace,
                                const TallyDemoParams   *params,
                                TallyDemoBatchFunc       progress,
                                gpointer                 user_data,
                                GCancellable            *cancellable,
                                TallyDemoProgress       *summary,
                                gint64                  *existing,
                                GError                 **error);

G_END_DECLS
