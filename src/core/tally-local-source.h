/* tally-local-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-source.h"
#include "tally-store.h"

G_BEGIN_DECLS

/* The name dashboards use for the embedded store. */
#define TALLY_LOCAL_SOURCE_NAME "local"

#define TALLY_TYPE_LOCAL_SOURCE (tally_local_source_get_type ())

G_DECLARE_FINAL_TYPE (TallyLocalSource, tally_local_source, TALLY, LOCAL_SOURCE, TallySource)

TallyLocalSource *tally_local_source_new       (TallyStore       *store);
TallyStore       *tally_local_source_get_store (TallyLocalSource *self);

G_END_DECLS
