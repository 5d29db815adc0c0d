/* tally-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TALLY_ERROR (tally_error_quark ())

/**
 * TallyError:
 * @TALLY_ERROR_INVALID: input that breaks a rule (a bad event, layout or option)
 * @TALLY_ERROR_NOT_FOUND: something named does not exist
 * @TALLY_ERROR_UNSUPPORTED: a valid request this source or format cannot answer
 * @TALLY_ERROR_IO: reading or writing failed
 * @TALLY_ERROR_STORE: the store refused or failed an operation
 * @TALLY_ERROR_NETWORK: a remote server failed or could not be reached
 * @TALLY_ERROR_TOO_LARGE: input over a configured limit
 * @TALLY_ERROR_NEWER_VERSION: a file written by a newer Tally
 */
typedef enum
{
  TALLY_ERROR_INVALID,
  TALLY_ERROR_NOT_FOUND,
  TALLY_ERROR_UNSUPPORTED,
  TALLY_ERROR_IO,
  TALLY_ERROR_STORE,
  TALLY_ERROR_NETWORK,
  TALLY_ERROR_TOO_LARGE,
  TALLY_ERROR_NEWER_VERSION,
} TallyError;

GQuark tally_error_quark (void);

G_END_DECLS
