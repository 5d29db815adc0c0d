/* tally-dashboard-uid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A dashboard's uid: what may be one (it names the user's file, so only
 * characters safe in a file name on every system), and one made from a
 * title for a layout that has none. Data source names follow the same
 * rule. */

#include "config.h"

#include <string.h>

#include "tally-dashboard-private.h"

/* Whether @s is 1..@max letters, digits, '_', '-' or '.'. */
gboolean
tally_dashboard_name_is_valid (const char *s,
                               gsize       max)
{
  gsize len = strlen (s);

  if (len == 0 || len > max)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("_-.", *p) == NULL)
        return FALSE;
    }

  return TRUE;
}

/* Whether @uid can name a dashboard (and its file among the user's):
 * 1..128 letters, digits, '_', '-' or '.'. */
gboolean
tally_dashboard_uid_is_valid (const char *uid)
{
  g_return_val_if_fail (uid != NULL, FALSE);

  return tally_dashboard_name_is_valid (uid, 128);
}

/* "Production Monitoring" → "production-monitoring", for layouts without a
 * uid. */
char *
tally_dashboard_make_uid (const char *title)
{
  GString *out = g_string_new (NULL);

  for (const char *p = title; *p != '\0' && out->len < 64; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, "dashboard");

  return g_string_free (out, FALSE);
}
