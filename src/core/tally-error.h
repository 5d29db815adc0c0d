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
 * @TALLY_ERROR_BAD_RESPONSE: a remote server answered with something that
 *   cannot be read (not JSON, truncated, not the documented shape)
 *
 * %TALLY_ERROR is an extended domain: an error raised for a remote server's
 * answer also carries its HTTP status and the delay its `Retry-After` asked
 * for (tally_error_set_http()), so whoever retries can honour them.
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
  TALLY_ERROR_BAD_RESPONSE,
} TallyError;

GQuark   tally_error_quark           (void);

void     tally_error_set_http        (GError       **error,
                                      TallyError     code,
                                      guint          http_status,
                                      gint64         retry_after_s,
                                      const char    *format,
                                      ...) G_GNUC_PRINTF (5, 6);
guint    tally_error_get_http_status (const GError  *error);
gint64   tally_error_get_retry_after (const GError  *error);
gboolean tally_error_is_transient    (const GError  *error);

G_END_DECLS
