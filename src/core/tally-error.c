/* tally-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "tally-error.h"

G_DEFINE_QUARK (tally-error-quark, tally_error)
