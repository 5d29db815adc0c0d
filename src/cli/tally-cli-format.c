/* tally-cli-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Numbers, times and text tables for people reading a terminal: 1,234
 * requests, 12.5 ms, $0.0123, 4.5 % (percent units hold fractions),
 * columns aligned on their display width. The JSON output never goes
 * through here; it keeps full precision. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "tally-cli-format.h"

#define MISSING "—"

/* The locale's digit grouping, or a comma where the locale has none
 * (the C locale), or a thin space where the comma is the decimal mark. */
static const char *
thousands_separator (void)
{
  const struct lconv *lc = localeconv ();

  if (lc->thousands_sep != NULL && lc->thousands_sep[0] != '\0')
    return lc->thousands_sep;
  if (lc->decimal_point != NULL && g_str_equal (lc->decimal_point, ","))
    return "\u202f";

  return ",";
}

/* "%.*f" with the integer digits grouped by thousands. */
static char *
format_grouped (double value,
                int    decimals)
{
  g_autofree char *plain = g_strdup_printf ("%.*f", decimals, value);
  const char *sep = thousands_separator ();
  const char *digits = plain + (plain[0] == '-' ? 1 : 0);
  gsize n_digits = strspn (digits, "0123456789");
  GString *out = g_string_new (NULL);

  g_string_append_len (out, plain, digits - plain);
  for (gsize i = 0; i < n_digits; i++)
    {
      if (i > 0 && (n_digits - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  g_string_append (out, digits + n_digits);

  return g_string_free (out, FALSE);
}

/* Enough decimals for three significant digits, within [min, max]. */
static int
significant_decimals (double value,
                      int    min,
                      int    max)
{
  int decimals;

  if (value == 0)
    return min;
  decimals = 2 - (int) floor (log10 (fabs (value)));

  return CLAMP (decimals, min, max);
}

/* Drops trailing zeros after the decimal mark while more than @keep remain. */
static void
trim_zeros (char *text,
            int   keep)
{
  const char *point = localeconv ()->decimal_point;
  char *mark = strstr (text, point);
  char *end;

  if (mark == NULL)
    return;
  mark += strlen (point);
  end = mark + strlen (mark);
  while (end - mark > keep && end[-1] == '0')
    *--end = '\0';
  if (end == mark)
    mark[-(int) strlen (point)] = '\0';
}

char *
tally_cli_format_count (guint64 n)
{
  return format_grouped ((double) n, 0);
}

static char *
format_number (double value)
{
  if (value == floor (value) && fabs (value) < 1e15)
    return format_grouped (value, 0);

  return format_grouped (value, significant_decimals (value, 0, 6));
}

static char *
format_usd (double value)
{
  g_autofree char *number = NULL;
  int decimals = fabs (value) >= 1 ? 2 : significant_decimals (value, 2, 8);

  number = format_grouped (fabs (value), decimals);
  trim_zeros (number, 2);

  return g_strdup_printf ("%s$%s", value < 0 ? "-" : "", number);
}

static char *
format_ms (double value)
{
  g_autofree char *seconds = NULL;
  double abs = fabs (value);

  if (abs < 1000)
    return g_strdup_printf ("%.*f ms", abs < 10 ? 2 : abs < 100 ? 1 : 0, value);
  if (abs < 100000)
    return g_strdup_printf ("%.*f s", abs < 10000 ? 2 : 1, value / 1000);

  seconds = format_grouped (value / 1000, 0);
  return g_strdup_printf ("%s s", seconds);
}

static char *
format_percent (double fraction)
{
  double percent = fraction * 100;
  double abs = fabs (percent);

  return g_strdup_printf ("%.*f %%", abs != 0 && abs < 1 ? 2 : 1, percent);
}

/**
 * tally_cli_format_value:
 * @unit: (nullable): a frame's unit: requests, tokens, usd, ms, percent,
 *   x, requests/min, tokens/min, usd/min, tokens/usd
 *
 * A missing value (NAN) is "—".
 */
char *
tally_cli_format_value (double      value,
                        const char *unit)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return g_strdup (MISSING);
  if (unit == NULL)
    return format_number (value);
  if (g_str_equal (unit, "usd"))
    return format_usd (value);
  if (g_str_equal (unit, "usd/min"))
    return g_strconcat ((number = format_usd (value)), "/min", NULL);
  if (g_str_equal (unit, "ms"))
    return format_ms (value);
  if (g_str_equal (unit, "percent"))
    return format_percent (value);
  if (g_str_equal (unit, "x"))
    return g_strdup_printf ("%.2f×", value);
  if (g_str_equal (unit, "time"))
    {
      /* budget_runout: a moment, in Unix seconds */
      g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local ((gint64) value);

      return moment ? g_date_time_format_iso8601 (moment) : g_strdup (MISSING);
    }
  if (g_str_has_suffix (unit, "/min"))
    return g_strconcat ((number = format_number (value)), "/min", NULL);

  return format_number (value);
}

/* The change from @previous to @value in percent, "+2.8 %". */
char *
tally_cli_format_change (double value,
                         double previous)
{
  g_autofree char *number = NULL;
  double change;

  if (!isfinite (value) || !isfinite (previous) || previous == 0)
    return g_strdup (MISSING);

  change = (value - previous) / fabs (previous) * 100;
  number = format_grouped (change, fabs (change) < 1000 ? 1 : 0);

  return g_strdup_printf ("%s%s %%", change > 0 ? "+" : "", number);
}

/* @unix_seconds as local time in @tz, in a g_date_time_format() @format. */
char *
tally_cli_format_time (gint64      unix_seconds,
                       GTimeZone  *tz,
                       const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (MISSING);
  local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, format);
}

/* "0.4 s", "12.3 s", "2 min 05 s". */
char *
tally_cli_format_duration (double seconds)
{
  if (seconds < 60)
    return g_strdup_printf (_("%.1f s"), seconds);

  return g_strdup_printf (_("%d min %02d s"), (int) seconds / 60, (int) seconds % 60);
}

/* Tables */

struct _TallyCliTable
{
  guint      n_columns;
  GPtrArray *rows;      /* GPtrArray of char * cells, n_columns each */
  gboolean  *right;
};

TallyCliTable *
tally_cli_table_new (guint n_columns)
{
  TallyCliTable *self = g_new0 (TallyCliTable, 1);

  self->n_columns = n_columns;
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->right = g_new0 (gboolean, n_columns);

  return self;
}

void
tally_cli_table_free (TallyCliTable *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->rows);
  g_free (self->right);
  g_free (self);
}

void
tally_cli_table_set_right (TallyCliTable *self,
                           guint          column,
                           gboolean       right)
{
  g_return_if_fail (column < self->n_columns);

  self->right[column] = right;
}

/* Starts a row of empty cells; the set_cell calls fill the last row. */
void
tally_cli_table_add_row (TallyCliTable *self)
{
  GPtrArray *row = g_ptr_array_new_full (self->n_columns, g_free);

  for (guint i = 0; i < self->n_columns; i++)
    g_ptr_array_add (row, g_strdup (""));
  g_ptr_array_add (self->rows, row);
}

void
tally_cli_table_take_cell (TallyCliTable *self,
                           guint          column,
                           char          *text)
{
  GPtrArray *row;

  g_return_if_fail (self->rows->len > 0 && column < self->n_columns);

  row = g_ptr_array_index (self->rows, self->rows->len - 1);
  g_free (row->pdata[column]);
  row->pdata[column] = text != NULL ? text : g_strdup ("");
}

void
tally_cli_table_set_cell (TallyCliTable *self,
                          guint          column,
                          const char    *text)
{
  tally_cli_table_take_cell (self, column, g_strdup (text));
}

guint
tally_cli_table_get_n_rows (TallyCliTable *self)
{
  return self->rows->len;
}

/* Cuts @text to @max characters, the last one an ellipsis. */
static char *
ellipsize (const char *text,
           guint       max)
{
  glong len = g_utf8_strlen (text, -1);
  g_autofree char *head = NULL;
  const char *cut;

  if (max == 0 || len <= (glong) max)
    return g_strdup (text);

  cut = g_utf8_offset_to_pointer (text, max - 1);
  head = g_strndup (text, cut - text);

  return g_strconcat (head, "…", NULL);
}

static void
append_padded (GString    *out,
               const char *text,
               guint       width,
               gboolean    right)
{
  guint len = g_utf8_strlen (text, -1);

  if (right)
    for (guint i = len; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (guint i = len; i < width; i++)
      g_string_append_c (out, ' ');
}

/**
 * tally_cli_table_to_string:
 * @max_cell_width: longer cells are cut with an ellipsis; 0 for no limit
 *
 * The rows, columns two spaces apart, each line ending in "\n" with no
 * trailing spaces.
 */
char *
tally_cli_table_to_string (TallyCliTable *self,
                           guint          max_cell_width)
{
  g_autofree guint *widths = g_new0 (guint, self->n_columns);
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < self->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (self->rows, r);

      for (guint c = 0; c < self->n_columns; c++)
        {
          char *cell = ellipsize (row->pdata[c], max_cell_width);

          g_free (row->pdata[c]);
          row->pdata[c] = cell;
          widths[c] = MAX (widths[c], (guint) g_utf8_strlen (cell, -1));
        }
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (self->rows, r);

      for (guint c = 0; c < self->n_columns; c++)
        {
          if (c > 0)
            g_string_append (out, "  ");
          append_padded (out, row->pdata[c], widths[c], self->right[c]);
        }
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
