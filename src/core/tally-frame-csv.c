/* tally-frame-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A frame as CSV, for "Export Data as CSV…": any shape as RFC 4180 text
 * that spreadsheets and scripts read as it is. The file holds the data,
 * exactly: numbers in their shortest form that reads back as the same
 * double, times in RFC 3339, an empty field where the frame has no value.
 * Column names are the frame's own (series, labels, table columns) or
 * fixed English words, never translated, so a script reading the file
 * works in any locale. docs/dashboard-view.md shows each shape. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tally-frame-csv.h"
#include "tally-json-util.h"

/* RFC 4180: a field with a comma, a quote or a line break is quoted, and
 * its quotes doubled. */
static void
append_text (GString    *out,
             const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_number (GString *out,
               double   value)
{
  if (isfinite (value))
    tally_append_shortest_double (out, value);
}

/* Unix seconds as RFC 3339 in @tz: "2025-11-23T00:00:00Z",
 * "2025-11-23T01:00:00.25+01:00". (g_date_time_format_iso8601() writes
 * "+01", which RFC 3339 does not allow.) */
static void
append_time (GString   *out,
             double     unix_s,
             GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) exact = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;
  double whole = floor (unix_s);
  int usec;

  /* Beyond year 9999 GDateTime gives up, and so does the field. */
  if (!isfinite (unix_s) || fabs (whole) > 1e12 ||
      (utc = g_date_time_new_from_unix_utc ((gint64) whole)) == NULL ||
      (exact = g_date_time_add (utc, (GTimeSpan) round ((unix_s - whole) * G_USEC_PER_SEC))) == NULL)
    return;
  local = g_date_time_to_timezone (exact, tz);
  text = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");
  g_string_append (out, text);

  usec = g_date_time_get_microsecond (local);
  if (usec > 0)
    {
      g_string_append_printf (out, ".%06d", usec);
      while (out->str[out->len - 1] == '0')
        g_string_truncate (out, out->len - 1);
    }
  if (g_date_time_get_utc_offset (local) == 0)
    {
      g_string_append_c (out, 'Z');
    }
  else
    {
      g_autofree char *offset = g_date_time_format (local, "%:z");

      g_string_append (out, offset);
    }
}

static void
end_record (GString *out)
{
  g_string_append (out, "\r\n");
}

static void
write_scalar (GString          *out,
              const TallyFrame *frame)
{
  g_string_append (out, "value,previous");
  end_record (out);
  append_number (out, tally_frame_get_value (frame));
  g_string_append_c (out, ',');
  append_number (out, tally_frame_get_previous (frame));
  end_record (out);
}

static void
write_timeseries (GString          *out,
                  const TallyFrame *frame,
                  GTimeZone        *tz)
{
  guint n_buckets, n_series = tally_frame_get_n_series (frame);
  const gint64 *buckets = tally_frame_get_buckets (frame, &n_buckets);

  g_string_append (out, "time");
  for (guint s = 0; s < n_series; s++)
    {
      g_string_append_c (out, ',');
      append_text (out, tally_frame_get_series_name (frame, s));
    }
  end_record (out);

  for (guint b = 0; b < n_buckets; b++)
    {
      append_time (out, buckets[b], tz);
      for (guint s = 0; s < n_series; s++)
        {
          g_string_append_c (out, ',');
          append_number (out, tally_frame_get_series_values (frame, s)[b]);
        }
      end_record (out);
    }
}

static void
write_categories (GString          *out,
                  const TallyFrame *frame)
{
  g_string_append (out, "label,value");
  end_record (out);
  for (guint i = 0; i < tally_frame_get_n_categories (frame); i++)
    {
      append_text (out, tally_frame_get_category_label (frame, i));
      g_string_append_c (out, ',');
      append_number (out, tally_frame_get_category_value (frame, i));
      end_record (out);
    }
}

static void
write_matrix (GString          *out,
              const TallyFrame *frame)
{
  guint n_rows = tally_frame_get_n_rows (frame), n_columns = tally_frame_get_n_columns (frame);

  g_string_append (out, "row");
  for (guint c = 0; c < n_columns; c++)
    {
      g_string_append_c (out, ',');
      append_text (out, tally_frame_get_column_label (frame, c));
    }
  end_record (out);

  for (guint r = 0; r < n_rows; r++)
    {
      append_text (out, tally_frame_get_row_label (frame, r));
      for (guint c = 0; c < n_columns; c++)
        {
          g_string_append_c (out, ',');
          append_number (out, tally_frame_get_cell (frame, r, c));
        }
      end_record (out);
    }
}

static void
append_cell (GString          *out,
             const TallyFrame *frame,
             guint             row,
             guint             column,
             GTimeZone        *tz)
{
  switch (tally_frame_get_column_type (frame, column))
    {
    case TALLY_COLUMN_STRING:
      append_text (out, tally_frame_get_string (frame, row, column));
      break;
    case TALLY_COLUMN_TIME:
      append_time (out, tally_frame_get_number (frame, row, column), tz);
      break;
    case TALLY_COLUMN_INTEGER:
    case TALLY_COLUMN_NUMBER:
    case TALLY_COLUMN_STATUS:
    case TALLY_N_COLUMN_TYPES:
    default:
      append_number (out, tally_frame_get_number (frame, row, column));
      break;
    }
}

static void
write_table (GString          *out,
             const TallyFrame *frame,
             GTimeZone        *tz)
{
  guint n_rows = tally_frame_get_n_rows (frame), n_columns = tally_frame_get_n_columns (frame);

  for (guint c = 0; c < n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_text (out, tally_frame_get_column_name (frame, c));
    }
  end_record (out);

  for (guint r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          append_cell (out, frame, r, c, tz);
        }
      end_record (out);
    }
}

/**
 * tally_frame_to_csv:
 * @frame: a frame of any shape
 * @tz: (nullable): the zone times are written in; %NULL for UTC
 * @length: (out) (optional): the length of the text
 *
 * @frame as CSV (RFC 4180: records end in CRLF, a header record first).
 * A timeseries is a `time` column then one per series; categories are
 * `label,value`; a matrix is a `row` column then one per column label; a
 * scalar is `value,previous`; a table keeps its columns.
 *
 * Returns: (transfer full): the text, in UTF-8
 */
char *
tally_frame_to_csv (const TallyFrame *frame,
                    GTimeZone        *tz,
                    gsize            *length)
{
  g_autoptr(GTimeZone) utc = NULL;
  GString *out;

  g_return_val_if_fail (frame != NULL, NULL);

  if (tz == NULL)
    tz = utc = g_time_zone_new_utc ();

  out = g_string_new (NULL);
  switch (tally_frame_get_shape (frame))
    {
    case TALLY_SHAPE_SCALAR:
      write_scalar (out, frame);
      break;
    case TALLY_SHAPE_TIMESERIES:
      write_timeseries (out, frame, tz);
      break;
    case TALLY_SHAPE_CATEGORIES:
      write_categories (out, frame);
      break;
    case TALLY_SHAPE_MATRIX:
      write_matrix (out, frame);
      break;
    case TALLY_SHAPE_TABLE:
      write_table (out, frame, tz);
      break;
    case TALLY_N_SHAPES:
    default:
      g_assert_not_reached ();
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
