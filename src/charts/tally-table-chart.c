/* tally-table-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Tables of table frames, and the alerts and logs panels that are tables
 * too. Columns are typed: numbers are right-aligned in tabular figures and
 * formatted in their unit (from the panel's column formats, or guessed
 * from the name: latency_ms is a duration, cost is money), times are
 * local, HTTP statuses are coloured (2xx success, 4xx warning, 5xx and 0,
 * "no response", error), and so are an alert's `severity` (critical error,
 * warning warning) and `state` (Firing, in bold error), and long text is
 * ellipsised by Pango. Only the rows that fit are formatted and laid out;
 * first-row scrolls. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-chart-private.h"
#include "tally-format.h"

#define CELL_PADDING 8.0
#define MIN_TEXT_WIDTH 56.0
#define MEASURE_ROWS 200

/* Columns whose cells are coloured by their value. */
typedef enum
{
  ROLE_PLAIN,
  ROLE_STATUS,     /* an HTTP status */
  ROLE_SEVERITY,   /* an alert's severity: Critical, Warning, Info */
  ROLE_STATE,      /* an alert's state: Firing, Resolved */
} Role;

typedef struct
{
  char           *title;
  Role            role;
  const char     *unit;
  int             decimals;
  guint           source;      /* the frame column shown */
  TallyColumnType type;
  TallyTimeFormat time_format;
  double          natural;
  double          x;
  double          width;
  gboolean        right;
} Column;

typedef struct
{
  Column  *columns;
  guint    n_columns;
  guint    first;           /* first frame row shown */
  guint    n_shown;
  char   **cells;           /* n_shown × n_columns, formatted */
  double   row_height;
  double   top;             /* y of the first row */
  double   left;
  double   width;
  char    *footer;
} TableLayout;

static gboolean
table_accepts (TallyShape shape)
{
  return shape == TALLY_SHAPE_TABLE;
}

static void
table_free (gpointer data)
{
  TableLayout *layout = data;

  for (guint i = 0; i < layout->n_shown * layout->n_columns; i++)
    g_free (layout->cells[i]);
  for (guint c = 0; c < layout->n_columns; c++)
    g_free (layout->columns[c].title);
  g_free (layout->cells);
  g_free (layout->columns);
  g_free (layout->footer);
  g_free (layout);
}

/* A unit for a number column the panel says nothing about. */
static const char *
guess_unit (const char *name)
{
  if (g_str_has_suffix (name, "_ms") || g_str_equal (name, "latency") || g_str_equal (name, "ttft") ||
      g_str_equal (name, "queue_time"))
    return "ms";
  if (strstr (name, "cost") != NULL)
    return "usd";
  if (strstr (name, "tokens") != NULL)
    return "tokens";
  if (g_str_has_suffix (name, "_rate"))
    return "percent";
  return NULL;
}

static TallyTimeFormat
time_format (TallyChart *self,
             guint       column)
{
  guint n = tally_frame_get_n_rows (self->frame);
  double lo = INFINITY, hi = -INFINITY;

  for (guint r = 0; r < n; r++)
    {
      double t = tally_frame_get_number (self->frame, r, column);

      if (isfinite (t))
        lo = MIN (lo, t), hi = MAX (hi, t);
    }

  return hi - lo < 86400 ? TALLY_TIME_FORMAT_TIME_SECONDS : TALLY_TIME_FORMAT_DATE_TIME;
}

/* What a table of raw events shows when the panel does not choose: the
 * columns a person scans first. The rest stay in the frame, for "view as
 * table" and CSV export. */
static const char *event_columns[] = {
  "time", "model", "project", "user", "status", "error", "input_tokens", "output_tokens", "cost",
  "latency_ms",
};

static int
find_column (const TallyFrame *frame,
             const char       *name)
{
  for (guint c = 0; c < tally_frame_get_n_columns (frame); c++)
    {
      if (g_str_equal (tally_frame_get_column_name (frame, c), name))
        return c;
    }

  return -1;
}

/* The frame columns to show, in order: the panel's `table.show`, else the
 * event columns when the frame is a table of events, else all. */
static GArray *
shown_columns (TallyChart *self)
{
  GArray *shown = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *chosen = self->options->table_show;
  gboolean events = find_column (self->frame, "latency_ms") >= 0 && find_column (self->frame, "trace_id") >= 0;

  if (chosen->len > 0 || events)
    {
      guint n = chosen->len > 0 ? chosen->len : G_N_ELEMENTS (event_columns);

      for (guint i = 0; i < n; i++)
        {
          int c = find_column (self->frame, chosen->len > 0 ? g_ptr_array_index (chosen, i) : event_columns[i]);

          if (c >= 0)
            g_array_append_val (shown, c);
        }
      return shown;
    }

  for (guint c = 0; c < tally_frame_get_n_columns (self->frame); c++)
    g_array_append_val (shown, c);

  return shown;
}

static Role
column_role (TallyColumnType  type,
             const char      *name)
{
  if (type == TALLY_COLUMN_STATUS)
    return ROLE_STATUS;
  if (type == TALLY_COLUMN_STRING && g_str_equal (name, "severity"))
    return ROLE_SEVERITY;
  if (type == TALLY_COLUMN_STRING && g_str_equal (name, "state"))
    return ROLE_STATE;
  return ROLE_PLAIN;
}

static void
describe_columns (TallyChart  *self,
                  TableLayout *layout)
{
  g_autoptr(GArray) shown = shown_columns (self);

  layout->n_columns = shown->len;
  layout->columns = g_new0 (Column, MAX (layout->n_columns, 1));
  for (guint i = 0; i < layout->n_columns; i++)
    {
      Column *column = &layout->columns[i];
      guint c = g_array_index (shown, guint, i);
      const char *name = tally_frame_get_column_name (self->frame, c);
      const TallyColumnFormat *format = tally_chart_options_get_column (self->options, name);

      column->source = c;
      column->type = tally_frame_get_column_type (self->frame, c);
      column->title = g_strdup (format && format->title ? format->title : name);
      column->unit = format && format->unit ? format->unit : guess_unit (name);
      column->decimals = format ? format->decimals : TALLY_FORMAT_AUTO;
      column->right = column->type == TALLY_COLUMN_INTEGER || column->type == TALLY_COLUMN_NUMBER ||
                      column->type == TALLY_COLUMN_STATUS;
      if (column->type == TALLY_COLUMN_TIME)
        column->time_format = time_format (self, c);
      column->role = column_role (column->type, name);
    }
}

static char *
format_cell (TallyChart   *self,
             const Column *column,
             guint         row)
{
  guint c = column->source;
  double v;

  if (column->type == TALLY_COLUMN_STRING)
    {
      const char *string = tally_frame_get_string (self->frame, row, c);

      return g_strdup (string != NULL ? string : "—");
    }

  v = tally_frame_get_number (self->frame, row, c);
  if (!isfinite (v))
    return g_strdup ("—");
  switch (column->type)
    {
    case TALLY_COLUMN_TIME:
      return tally_chart_format_time (self, (gint64) v, column->time_format);
    case TALLY_COLUMN_STATUS:
      return g_strdup_printf ("%.0f", v);
    case TALLY_COLUMN_INTEGER:
      if (column->unit == NULL)
        return g_strdup_printf ("%.0f", v);
      return tally_format_value (v, column->unit, column->decimals);
    case TALLY_COLUMN_NUMBER:
    case TALLY_COLUMN_STRING:
    default:
      return tally_format_value (v, column->unit, column->decimals);
    }
}

static double
text_width (TallyChart     *self,
            TallyTextStyle  style,
            const char     *string)
{
  double w;

  tally_text_size (tally_text_layout (self->text, style, 0, string, -1), &w, NULL);
  return w;
}

static void
measure_columns (TallyChart  *self,
                 TableLayout *layout)
{
  for (guint c = 0; c < layout->n_columns; c++)
    {
      Column *column = &layout->columns[c];

      column->natural = text_width (self, TALLY_TEXT_BOLD, column->title);
      for (guint r = 0; r < MIN (tally_frame_get_n_rows (self->frame), MEASURE_ROWS); r++)
        {
          g_autofree char *cell = format_cell (self, column, r);

          column->natural = MAX (column->natural, text_width (self, TALLY_TEXT_BODY, cell));
        }
      column->natural += 2 * CELL_PADDING;
    }
}

/* Natural widths from the header and the first rows. Spare room goes to
 * the text columns; when the table is too narrow, text columns give way
 * first, down to a few characters, then every column shrinks alike. */
static void
fit_columns (TallyChart  *self,
             TableLayout *layout,
             double       width)
{
  double total = 0, text_total = 0, shrinkable = 0, x = 0, sum = 0;
  guint n_text = 0;

  measure_columns (self, layout);
  for (guint c = 0; c < layout->n_columns; c++)
    {
      const Column *column = &layout->columns[c];

      total += column->natural;
      if (column->type == TALLY_COLUMN_STRING)
        {
          text_total += column->natural;
          shrinkable += MAX (column->natural - MIN_TEXT_WIDTH, 0);
          n_text++;
        }
    }

  for (guint c = 0; c < layout->n_columns; c++)
    {
      Column *column = &layout->columns[c];
      gboolean text = column->type == TALLY_COLUMN_STRING;

      column->width = column->natural;
      if (width >= total)
        column->width += n_text > 0 ? (text ? (width - total) * column->natural / text_total : 0)
                                    : (width - total) / layout->n_columns;
      else if (text && shrinkable > 0)
        column->width -= MAX (column->natural - MIN_TEXT_WIDTH, 0) *
                         MIN ((total - width) / shrinkable, 1);
      sum += column->width;
    }

  for (guint c = 0; c < layout->n_columns; c++)
    {
      Column *column = &layout->columns[c];

      if (sum > width)
        column->width *= width / sum;
      column->x = layout->left + x;
      x += column->width;
    }
}

static void
format_rows (TallyChart  *self,
             TableLayout *layout)
{
  layout->cells = g_new0 (char *, MAX (layout->n_shown * layout->n_columns, 1));
  for (guint r = 0; r < layout->n_shown; r++)
    for (guint c = 0; c < layout->n_columns; c++)
      layout->cells[r * layout->n_columns + c] = format_cell (self, &layout->columns[c],
                                                              layout->first + r);
}

static gpointer
table_layout (TallyChart              *self,
              const cairo_rectangle_t *content)
{
  TableLayout *layout = g_new0 (TableLayout, 1);
  guint n_rows = tally_frame_get_n_rows (self->frame);
  double footer_height = 0, room;
  guint fit;

  layout->row_height = tally_text_line_height (self->text, TALLY_TEXT_BODY) + 10;
  layout->left = content->x;
  layout->width = content->width;
  layout->top = content->y + layout->row_height;
  room = MAX (content->height - layout->row_height, 0);
  fit = (guint) (room / layout->row_height);
  if (fit < n_rows)
    {
      footer_height = tally_text_line_height (self->text, TALLY_TEXT_SMALL) + 6;
      fit = (guint) (MAX (room - footer_height, 0) / layout->row_height);
    }
  layout->first = MIN (self->first_row, n_rows > fit ? n_rows - fit : 0);
  layout->n_shown = MIN (fit, n_rows - layout->first);
  if (layout->n_shown < n_rows)
    /* Translators: e.g. "Rows 1–12 of 240" */
    layout->footer = g_strdup_printf (_("Rows %u–%u of %u"), layout->first + 1,
                                      layout->first + layout->n_shown, n_rows);

  describe_columns (self, layout);
  fit_columns (self, layout, content->width);
  format_rows (self, layout);

  return layout;
}

/* The colour of an HTTP status: 2xx success, 4xx warning, 5xx and 0 (no
 * response) error, anything else plain. */
static const TallyRgba *
status_color (TallyChart *self,
              double      status)
{
  if (status >= 200 && status < 300)
    return tally_chart_color (self, TALLY_CHART_COLOR_SUCCESS);
  if (status >= 400 && status < 500)
    return tally_chart_color (self, TALLY_CHART_COLOR_WARNING);
  if (status == 0 || (status >= 500 && status < 600))
    return tally_chart_color (self, TALLY_CHART_COLOR_ERROR);
  return tally_chart_color (self, TALLY_CHART_COLOR_FOREGROUND);
}

/* The colour of a cell, by its column's role: statuses, and an alert's
 * severity and state, in the theme's named colours. */
static const TallyRgba *
cell_color (TallyChart   *self,
            const Column *column,
            guint         row)
{
  const char *text;

  if (column->role == ROLE_STATUS)
    return status_color (self, tally_frame_get_number (self->frame, row, column->source));
  if (column->role == ROLE_PLAIN)
    return tally_chart_color (self, TALLY_CHART_COLOR_FOREGROUND);

  text = tally_frame_get_string (self->frame, row, column->source);
  if (column->role == ROLE_SEVERITY && g_strcmp0 (text, "Critical") == 0)
    return tally_chart_color (self, TALLY_CHART_COLOR_ERROR);
  if (column->role == ROLE_SEVERITY && g_strcmp0 (text, "Warning") == 0)
    return tally_chart_color (self, TALLY_CHART_COLOR_WARNING);
  if (column->role == ROLE_STATE && g_strcmp0 (text, "Firing") == 0)
    return tally_chart_color (self, TALLY_CHART_COLOR_ERROR);
  if (column->role == ROLE_STATE && g_strcmp0 (text, "Resolved") == 0)
    return tally_chart_shade (self, TALLY_CHART_SHADE_DIM);
  return tally_chart_color (self, TALLY_CHART_COLOR_FOREGROUND);
}

/* A firing alert's state stands out in bold. */
static TallyTextStyle
cell_style (TallyChart   *self,
            const Column *column,
            guint         row)
{
  if (column->role == ROLE_STATE &&
      g_strcmp0 (tally_frame_get_string (self->frame, row, column->source), "Firing") == 0)
    return TALLY_TEXT_BOLD;
  return TALLY_TEXT_BODY;
}

static void
draw_text_cell (TallyChart      *self,
                cairo_t         *cr,
                const Column    *column,
                TallyTextStyle   style,
                const char      *string,
                double           y,
                const TallyRgba *color)
{
  double room = MAX (column->width - 2 * CELL_PADDING, 1);
  PangoLayout *text = tally_text_layout (self->text, style, 0, string, room);

  if (column->right)
    tally_text_draw (cr, text, column->x + column->width - CELL_PADDING, y, 1, 0.5, color);
  else
    tally_text_draw (cr, text, column->x + CELL_PADDING, y, 0, 0.5, color);
}

static void
draw_rules (TallyChart  *self,
            TableLayout *layout,
            cairo_t     *cr)
{
  double scale = tally_chart_device_scale (self, cr);

  cairo_set_line_width (cr, 1 / scale);
  for (guint r = 1; r < layout->n_shown; r++)
    {
      double y = tally_snap (layout->top + r * layout->row_height, scale);

      cairo_move_to (cr, layout->left, y);
      cairo_line_to (cr, layout->left + layout->width, y);
    }
  tally_cairo_set_color (cr, tally_chart_shade (self, TALLY_CHART_SHADE_GRID), 1);
  cairo_stroke (cr);

  cairo_move_to (cr, layout->left, tally_snap (layout->top, scale));
  cairo_line_to (cr, layout->left + layout->width, tally_snap (layout->top, scale));
  tally_cairo_set_color (cr, tally_chart_shade (self, TALLY_CHART_SHADE_BORDER), 1);
  cairo_stroke (cr);
}

static void
table_draw (TallyChart *self,
            gpointer    data,
            cairo_t    *cr)
{
  TableLayout *layout = data;

  draw_rules (self, layout, cr);
  for (guint c = 0; c < layout->n_columns; c++)
    draw_text_cell (self, cr, &layout->columns[c], TALLY_TEXT_BOLD, layout->columns[c].title,
                    layout->top - layout->row_height / 2,
                    tally_chart_shade (self, TALLY_CHART_SHADE_DIM));

  for (guint r = 0; r < layout->n_shown; r++)
    {
      double y = layout->top + (r + 0.5) * layout->row_height;

      for (guint c = 0; c < layout->n_columns; c++)
        {
          const Column *column = &layout->columns[c];
          guint row = layout->first + r;

          draw_text_cell (self, cr, column, cell_style (self, column, row),
                          layout->cells[r * layout->n_columns + c], y,
                          cell_color (self, column, row));
        }
    }

  if (layout->footer != NULL)
    tally_text_draw (cr, tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, layout->footer, -1),
                     layout->left + CELL_PADDING, self->content.y + self->content.height, 0, 1,
                     tally_chart_shade (self, TALLY_CHART_SHADE_DIM));
}

static gboolean
table_hit_test (TallyChart    *self,
                gpointer       data,
                double         x,
                double         y,
                TallyChartHit *hit)
{
  TableLayout *layout = data;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  int r = (int) floor ((y - layout->top) / layout->row_height);
  int column = -1;

  if (y < layout->top || r < 0 || r >= (int) layout->n_shown)
    return FALSE;
  for (guint c = 0; c < layout->n_columns; c++)
    {
      if (x >= layout->columns[c].x && x < layout->columns[c].x + layout->columns[c].width)
        column = (int) c;
      g_ptr_array_add (lines, g_strdup_printf ("%s: %s", layout->columns[c].title,
                                               layout->cells[r * layout->n_columns + c]));
    }
  if (column < 0)
    return FALSE;

  /* The frame's row and column, whichever columns are shown. */
  hit->kind = TALLY_CHART_HIT_ROW;
  hit->index = (int) (layout->first + r);
  hit->column = (int) layout->columns[column].source;
  if (layout->columns[column].type != TALLY_COLUMN_STRING)
    hit->value = tally_frame_get_number (self->frame, hit->index, hit->column);
  hit->label = g_strdup (layout->columns[column].title);
  hit->value_text = g_strdup (layout->cells[r * layout->n_columns + column]);
  hit->text = tally_chart_join_lines (lines);
  hit->x = x;
  hit->y = layout->top + (r + 1) * layout->row_height;
  return TRUE;
}

static void
table_draw_highlight (TallyChart          *self,
                      gpointer             data,
                      cairo_t             *cr,
                      const TallyChartHit *hit)
{
  TableLayout *layout = data;
  double y = layout->top + (hit->index - layout->first) * layout->row_height;

  cairo_rectangle (cr, layout->left, y, layout->width, layout->row_height);
  tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_FOREGROUND), 0.06);
  cairo_fill (cr);
}

static char *
table_describe (TallyChart *self,
                gpointer    data)
{
  guint rows = tally_frame_get_n_rows (self->frame);
  guint columns = tally_frame_get_n_columns (self->frame);
  g_autofree char *row_text = g_strdup_printf (g_dngettext (NULL, "%u row", "%u rows", rows), rows);

  /* Translators: e.g. "table of 240 rows and 5 columns" */
  return g_strdup_printf (g_dngettext (NULL, "table of %s and %u column", "table of %s and %u columns",
                                       columns),
                          row_text, columns);
}

const TallyChartRenderer tally_table_renderer = {
  .accepts = table_accepts,
  .layout = table_layout,
  .free = table_free,
  .draw = table_draw,
  .hit_test = table_hit_test,
  .draw_highlight = table_draw_highlight,
  .describe = table_describe,
};
