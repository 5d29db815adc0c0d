/* tally-error.c
 *
 * The TALLY_ERROR domain. It is an extended domain: besides its code and
 * message, an error may carry what a remote server said about it — the HTTP
 * status and the Retry-After delay — so that the code which retries a query
 * does not have to parse messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "tally-error.h"

#include <gio/gio.h>

typedef struct
{
  guint  http_status;
  gint64 retry_after_s;
} TallyErrorPrivate;

static void
tally_error_private_init (TallyErrorPrivate *priv)
{
  priv->http_status = 0;
  priv->retry_after_s = -1;
}

static void
tally_error_private_copy (const TallyErrorPrivate *src,
                          TallyErrorPrivate       *dest)
{
  *dest = *src;
}

static void
tally_error_private_clear (TallyErrorPrivate *priv)
{
  (void) priv;
}

G_DEFINE_EXTENDED_ERROR (TallyError, tally_error)

/**
 * tally_error_set_http:
 * @error: (nullable): where to put the error
 * @code: the error's code
 * @http_status: the HTTP status the server answered, or 0 when it did not
 * @retry_after_s: the seconds its `Retry-After` asked for, or -1
 * @format: the message, for a user to read
 *
 * Sets @error like g_set_error() and records what the server said.
 */
void
tally_error_set_http (GError     **error,
                      TallyError   code,
                      guint        http_status,
                      gint64       retry_after_s,
                      const char  *format,
                      ...)
{
  va_list args;
  g_autofree char *message = NULL;
  GError *new_error;
  TallyErrorPrivate *priv;

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  new_error = g_error_new_literal (TALLY_ERROR, code, message);
  priv = tally_error_get_private (new_error);
  priv->http_status = http_status;
  priv->retry_after_s = retry_after_s;
  g_propagate_error (error, new_error);
}

/* The HTTP status behind @error, or 0 when it has none. */
guint
tally_error_get_http_status (const GError *error)
{
  if (error == NULL || error->domain != TALLY_ERROR)
    return 0;

  return tally_error_get_private (error)->http_status;
}

/* The seconds the server asked to wait before retrying, or -1. */
gint64
tally_error_get_retry_after (const GError *error)
{
  if (error == NULL || error->domain != TALLY_ERROR)
    return -1;

  return tally_error_get_private (error)->retry_after_s;
}

/**
 * tally_error_is_transient:
 * @error: an error a source returned
 *
 * Whether asking again later may succeed: a server that failed, could not be
 * reached or answered something unreadable. A query a source refuses
 * (%TALLY_ERROR_INVALID, %TALLY_ERROR_UNSUPPORTED) or a cancelled one will not
 * get better by waiting, nor will a 4xx other than 408 and 429.
 */
gboolean
tally_error_is_transient (const GError *error)
{
  guint status;

  if (error == NULL)
    return FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  if (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR)
    return TRUE;
  if (error->domain != TALLY_ERROR)
    return FALSE;

  status = tally_error_get_http_status (error);
  if (status >= 400 && status < 500)
    return status == 408 || status == 429;

  return error->code == TALLY_ERROR_NETWORK ||
         error->code == TALLY_ERROR_BAD_RESPONSE ||
         error->code == TALLY_ERROR_IO ||
         error->code == TALLY_ERROR_STORE;
}
