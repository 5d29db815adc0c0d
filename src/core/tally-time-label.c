/* tally-time-label.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A time range as a person says it: "Today", "This month", "Last 24
 * hours". A panel with its own range wears this on its card, so "cost
 * this month" beside charts of the last day reads for what it is. Only
 * the expressions Grafana's quick ranges use get a name; anything else
 * shows as written. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tally-time-label.h"

/* `now`, `now-N<unit>`, `now/<unit>` or `now-N<unit>/<unit>`, spaces
 * aside: how far back (0 for none) and what it rounds to (0 for none). */
typedef struct
{
  guint64 amount;
  char    unit;
  char    round;
} Simple;

static gboolean
is_unit (char c)
{
  return c != '\0' && strchr ("smhdwMy", c) != NULL;
}

static gboolean
parse_simple (const char *expression,
              Simple     *simple)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *p;

  for (p = expression; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (text, *p);

  *simple = (Simple) { 0, 0, 0 };
  if (!g_str_has_prefix (text->str, "now"))
    return FALSE;
  p = text->str + 3;

  if (*p == '-')
    {
      char *end;

      p++;
      simple->amount = g_ascii_isdigit (*p) ? g_ascii_strtoull (p, &end, 10) : 1;
      if (g_ascii_isdigit (*p))
        p = end;
      if (!is_unit (*p) || simple->amount == 0 || simple->amount > G_MAXINT)
        return FALSE;
      simple->unit = *p++;
    }
  if (*p == '/')
    {
      if (!is_unit (p[1]))
        return FALSE;
      simple->round = p[1];
      p += 2;
    }

  return *p == '\0';
}

/* "Today", "This week": from the start of the unit to now or its end. */
static const char *
this_unit (char unit)
{
  switch (unit)
    {
    case 'h':
      return _("This hour");
    case 'd':
      return _("Today");
    case 'w':
      return _("This week");
    case 'M':
      return _("This month");
    case 'y':
      return _("This year");
    default:
      return NULL;
    }
}

/* "Yesterday", "Previous month": the whole unit before this one. */
static const char *
previous_unit (char unit)
{
  switch (unit)
    {
    case 'h':
      return _("Previous hour");
    case 'd':
      return _("Yesterday");
    case 'w':
      return _("Previous week");
    case 'M':
      return _("Previous month");
    case 'y':
      return _("Previous year");
    default:
      return NULL;
    }
}

/* "Last 24 hours": from N units ago to now. */
static char *
last_units (char    unit,
            guint64 amount)
{
  gulong n = (gulong) amount;

  switch (unit)
    {
    case 's':
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %lu second", "Last %lu seconds", n), n);
    case 'm':
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %lu minute", "Last %lu minutes", n), n);
    case 'h':
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %lu hour", "Last %lu hours", n), n);
    case 'd':
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %lu day", "Last %lu days", n), n);
    case 'w':
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %lu week", "Last %lu weeks", n), n);
    case 'M':
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %lu month", "Last %lu months", n), n);
    case 'y':
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %lu year", "Last %lu years", n), n);
    }
}

/**
 * tally_time_label_for_range:
 * @from: the start, in the syntax of docs/time-ranges.md
 * @to: the end
 *
 * A short name for the range: "Today" for `now/d` to `now` (or to
 * `now/d`), "Yesterday" for `now-1d/d` to `now-1d/d`, "Last 6 hours" for
 * `now-6h` to `now`; otherwise "@from to @to" as written.
 *
 * Returns: (transfer full): the label
 */
char *
tally_time_label_for_range (const char *from,
                            const char *to)
{
  Simple a, b;
  const char *name = NULL;

  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  if (parse_simple (from, &a) && parse_simple (to, &b))
    {
      gboolean to_now = b.amount == 0 && b.round == 0;

      if (a.amount == 0 && a.round != 0 && (to_now || (b.amount == 0 && b.round == a.round)))
        name = this_unit (a.round);
      else if (a.amount == 1 && a.round != 0 && a.unit == a.round &&
               b.amount == 1 && b.unit == a.unit && b.round == a.round)
        name = previous_unit (a.round);
      else if (a.amount > 0 && a.round == 0 && to_now)
        return last_units (a.unit, a.amount);
    }

  if (name != NULL)
    return g_strdup (name);

  /* Translators: a time range as written in a dashboard, such as
   * "2026-11-01 to 2026-11-08" */
  return g_strdup_printf (_("%s to %s"), from, to);
}
