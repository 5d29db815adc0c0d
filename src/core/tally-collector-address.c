/* tally-collector-address.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Turning "ADDRESS:PORT" into a listening socket, with the rule that only
 * a loopback address may go without a token. The socket is bound on the
 * caller's thread, so a port in use or a bad address is an error the
 * caller gets at once, in words a user can act on. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-collector-private.h"
#include "tally-error.h"

#define LISTEN_BACKLOG 128

static gboolean
parse_port (const char  *text,
            const char  *address,
            guint16     *port,
            GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT16, &value, NULL))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is not a valid address: the port must be a number 0..65535"), address);
      return FALSE;
    }

  *port = (guint16) value;
  return TRUE;
}

/* Splits "HOST:PORT", "[V6]:PORT", "HOST" or a bare IPv6 address. */
static gboolean
split_address (const char  *address,
               char       **host,
               guint16     *port,
               GError     **error)
{
  const char *colon;

  *port = TALLY_COLLECTOR_DEFAULT_PORT;

  if (address[0] == '[')
    {
      const char *end = strchr (address, ']');

      if (end == NULL || (end[1] != '\0' && end[1] != ':') ||
          (end[1] == ':' && !parse_port (end + 2, address, port, error)))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                         _("“%s” is not a valid address: write an IPv6 address as [::1]:4318"),
                         address);
          return FALSE;
        }
      *host = g_strndup (address + 1, end - address - 1);
      return TRUE;
    }

  colon = strrchr (address, ':');
  if (colon != NULL && strchr (address, ':') == colon)
    {
      if (!parse_port (colon + 1, address, port, error))
        return FALSE;
      *host = g_strndup (address, colon - address);
      return TRUE;
    }

  *host = g_strdup (address);
  return TRUE;
}

static GInetSocketAddress *
parse_listen_address (const char  *address,
                      GError     **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  guint16 port;

  if (!split_address (address, &host, &port, error))
    return NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    inet = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    inet = g_inet_address_new_from_string (host);

  if (inet == NULL)
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("“%s” is not a valid address: use an IP address and a port, such as "
                     "127.0.0.1:4318, [::1]:4318 or 0.0.0.0:4318"), address);
      return NULL;
    }

  return G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (inet, port));
}

static char *
format_address (GInetSocketAddress *address)
{
  GInetAddress *inet = g_inet_socket_address_get_address (address);
  g_autofree char *host = g_inet_address_to_string (inet);
  guint16 port = g_inet_socket_address_get_port (address);

  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]:%u", host, port);

  return g_strdup_printf ("%s:%u", host, port);
}

static void
set_bind_error (GError     **error,
                const char  *address,
                GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                 _("Cannot listen on %s: the port is already in use (is another collector "
                   "running?)"), address);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK,
                 _("Cannot listen on %s: permission denied (ports below 1024 need privileges)"),
                 address);
  else
    g_set_error (error, TALLY_ERROR, TALLY_ERROR_NETWORK, _("Cannot listen on %s: %s"),
                 address, cause->message);
}

/* Parses @listen_address and applies the token rule; the address, or
 * NULL with @error set. */
static GInetSocketAddress *
check_listen_address (const char  *listen_address,
                      gboolean     has_token,
                      GError     **error)
{
  g_autoptr(GInetSocketAddress) address = NULL;

  if ((address = parse_listen_address (listen_address, error)) == NULL)
    return NULL;

  if (!has_token && !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (address)))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
                   _("Listening on %s lets other machines send data, so it needs a bearer "
                     "token; set one, or listen on 127.0.0.1"), listen_address);
      return NULL;
    }

  return g_steal_pointer (&address);
}

/**
 * tally_collector_check_address:
 * @address: "127.0.0.1:4318", "[::1]:4318", "localhost:0", …
 * @has_token: whether the collector will require a token
 *
 * Whether the collector could listen on @address, short of binding it:
 * what a settings form checks as the user types. The error names the
 * problem.
 */
gboolean
tally_collector_check_address (const char  *address,
                               gboolean     has_token,
                               GError     **error)
{
  g_autoptr(GInetSocketAddress) parsed = NULL;

  g_return_val_if_fail (address != NULL, FALSE);

  parsed = check_listen_address (address, has_token, error);
  return parsed != NULL;
}

/**
 * tally_collector_bind:
 * @bound_address: (out): where it listens, with the port the system chose
 *   for port 0
 *
 * Returns: (transfer full): a listening, non-blocking socket, or %NULL
 */
GSocket *
tally_collector_bind (const char  *listen_address,
                      gboolean     has_token,
                      char       **bound_address,
                      guint16     *port,
                      GError     **error)
{
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) local_error = NULL;
  GInetAddress *inet;

  if ((address = check_listen_address (listen_address, has_token, error)) == NULL)
    return NULL;

  inet = g_inet_socket_address_get_address (address);
  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &local_error);
  if (socket != NULL)
    g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (socket == NULL ||
      !g_socket_bind (socket, G_SOCKET_ADDRESS (address), TRUE, &local_error) ||
      !g_socket_listen (socket, &local_error) ||
      (effective = g_socket_get_local_address (socket, &local_error)) == NULL)
    {
      set_bind_error (error, listen_address, local_error);
      return NULL;
    }

  g_socket_set_blocking (socket, FALSE);
  *bound_address = format_address (G_INET_SOCKET_ADDRESS (effective));
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));

  return g_steal_pointer (&socket);
}
