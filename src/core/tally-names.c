/* tally-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Enumerations are written in JSON and on the command line by name
 * ("p95", "timeseries", "heatmap"); each keeps a table of its names and
 * reads them back through this one lookup. */

#include "config.h"

#include "tally-names.h"

/* Sets @index to the position of @name in @names; NULL entries (gaps in
 * a table) never match. */
gboolean
tally_names_lookup (const char * const *names,
                    guint               n_names,
                    const char         *name,
                    guint              *index)
{
  for (guint i = 0; name != NULL && i < n_names; i++)
    {
      if (names[i] != NULL && g_str_equal (names[i], name))
        {
          *index = i;
          return TRUE;
        }
    }

  return FALSE;
}
