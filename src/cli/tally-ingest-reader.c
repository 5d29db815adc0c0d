/* tally-ingest-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally ingest` reads files of any size: this cuts a file into one event
 * at a time, holding a chunk and the event in memory, never the file. An
 * NDJSON file gives its non-blank lines; a file whose first character is
 * `[` is a JSON array, whose elements are found by tracking strings and
 * nesting only (the event parser checks the rest) and handed on as one
 * line each, so the caller parses every record as NDJSON and knows the
 * line where each one starts. */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "tally-ingest-reader.h"

#define CHUNK (256 * 1024)

struct _TallyIngestReader
{
  FILE              *file;
  char              *buf;
  gsize              cap;
  gsize              start;        /* first byte still needed */
  gsize              pos;          /* next byte to look at */
  gsize              end;          /* bytes held */
  gboolean           eof;
  gboolean           started;
  TallyIngestFormat  format;
  /* NDJSON: lines finished; array: the line of buf[pos] */
  guint64            line;
  gboolean           too_long;

  /* the JSON array scanner, kept between calls */
  GString           *element;
  guint64            element_line;
  gboolean           element_too_long;
  gboolean           returned;
  guint              depth;
  gboolean           in_string;
  gboolean           escaped;
  gboolean           after_comma;
  gboolean           closed;
  gboolean           unclosed;
  gboolean           done;
};

TallyIngestReader *
tally_ingest_reader_new (FILE *file)
{
  TallyIngestReader *self = g_new0 (TallyIngestReader, 1);

  self->file = file;
  self->cap = 2 * CHUNK;
  self->buf = g_malloc (self->cap);
  self->element = g_string_new (NULL);

  return self;
}

void
tally_ingest_reader_free (TallyIngestReader *self)
{
  if (self == NULL)
    return;

  g_string_free (self->element, TRUE);
  g_free (self->buf);
  g_free (self);
}

/* Reads the next chunk after what is still needed. */
static gboolean
fill (TallyIngestReader  *self,
      GError            **error)
{
  gsize n;

  if (self->start > 0)
    {
      memmove (self->buf, self->buf + self->start, self->end - self->start);
      self->end -= self->start;
      self->pos -= self->start;
      self->start = 0;
    }
  if (self->cap - self->end < CHUNK)
    {
      self->cap = MAX (self->cap * 2, self->end + CHUNK);
      self->buf = g_realloc (self->buf, self->cap);
    }

  n = fread (self->buf + self->end, 1, CHUNK, self->file);
  self->end += n;
  if (n < CHUNK && ferror (self->file))
    {
      int errsv = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (errsv), g_strerror (errsv));
      return FALSE;
    }
  if (n < CHUNK && feof (self->file))
    self->eof = TRUE;

  return TRUE;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips a byte order mark and finds the first character: `[` makes the
 * file a JSON array. */
static gboolean
detect_format (TallyIngestReader  *self,
               GError            **error)
{
  gsize k = 0;

  while (self->end - self->pos < 3 && !self->eof)
    if (!fill (self, error))
      return FALSE;
  if (self->end >= 3 && memcmp (self->buf, "\xEF\xBB\xBF", 3) == 0)
    self->start = self->pos = 3;

  /* k counts from pos, which fill() may move. */
  for (;;)
    {
      if (self->pos + k == self->end)
        {
          if (self->eof)
            break;
          if (!fill (self, error))
            return FALSE;
          continue;
        }
      if (!is_space (self->buf[self->pos + k]))
        break;
      k++;
    }

  self->started = TRUE;
  self->format = TALLY_INGEST_FORMAT_NDJSON;
  if (self->pos + k < self->end && self->buf[self->pos + k] == '[')
    {
      self->format = TALLY_INGEST_FORMAT_ARRAY;
      self->line = 1;
      for (gsize j = 0; j < k; j++)
        self->line += self->buf[self->pos + j] == '\n';
      self->start = self->pos = self->pos + k + 1;
      self->depth = 1;
    }

  return TRUE;
}

static gboolean
is_blank (const char *p,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
        return FALSE;
    }
  return TRUE;
}

static void
set_problem (TallyIngestRecord *record,
             guint64            line,
             const char        *problem)
{
  record->data = "";
  record->len = 0;
  record->line = line;
  record->problem = problem;
}

/* The next non-blank line. A line longer than the limit is dropped as
 * it is read and reported once its end is found. */
static gboolean
next_line (TallyIngestReader  *self,
           TallyIngestRecord  *record,
           GError            **error)
{
  for (;;)
    {
      const char *nl = memchr (self->buf + self->pos, '\n', self->end - self->pos);
      const char *line = self->buf + self->start;
      gsize len;

      if (nl == NULL && !self->eof)
        {
          self->pos = self->end;
          if (self->too_long || self->end - self->start > TALLY_INGEST_MAX_RECORD)
            {
              self->too_long = TRUE;
              self->start = self->end;
            }
          if (!fill (self, error))
            return FALSE;
          continue;
        }
      if (nl == NULL && self->start == self->end && !self->too_long)
        return FALSE;

      len = (nl != NULL ? nl : self->buf + self->end) - line;
      self->start = self->pos = nl != NULL ? (gsize) (nl + 1 - self->buf) : self->end;
      self->line++;
      if (self->too_long)
        {
          self->too_long = FALSE;
          set_problem (record, self->line, _("longer than 16 MiB"));
          return TRUE;
        }
      if (len > 0 && line[len - 1] == '\r')
        len--;
      if (is_blank (line, len))
        continue;

      record->data = line;
      record->len = len;
      record->line = self->line;
      record->problem = NULL;
      return TRUE;
    }
}

static void
append_to_element (TallyIngestReader *self,
                   char               c)
{
  if (self->element->len == 0)
    self->element_line = self->line;
  self->after_comma = FALSE;
  if (self->element->len < TALLY_INGEST_MAX_RECORD)
    g_string_append_c (self->element, c);
  else
    self->element_too_long = TRUE;
}

/* Ends the element in progress at a `,` or the closing `]`. Returns
 * whether there is a record to hand out. */
static gboolean
end_element (TallyIngestReader *self,
             TallyIngestRecord *record,
             gboolean           at_comma)
{
  gboolean empty = self->element->len == 0;

  if (empty && (at_comma || self->after_comma))
    {
      set_problem (record, self->line,
                   at_comma ? _("expected a value before ‘,’") : _("expected a value before ‘]’"));
      self->after_comma = at_comma;
      return TRUE;
    }
  self->after_comma = at_comma;
  if (empty)
    return FALSE;

  self->returned = TRUE;
  if (self->element_too_long)
    {
      set_problem (record, self->element_line, _("longer than 16 MiB"));
      return TRUE;
    }
  record->data = self->element->str;
  record->len = self->element->len;
  record->line = self->element_line;
  record->problem = NULL;
  return TRUE;
}

/* One byte of the array outside strings. Returns whether a record is
 * ready. */
static gboolean
scan_structure (TallyIngestReader *self,
                char               c,
                TallyIngestRecord *record)
{
  switch (c)
    {
    case ' ': case '\t': case '\r': case '\n':
      if (self->element->len > 0)
        append_to_element (self, ' ');
      return FALSE;
    case ',':
      if (self->depth == 1)
        return end_element (self, record, TRUE);
      break;
    case ']':
      if (self->depth == 1)
        {
          self->closed = TRUE;
          return end_element (self, record, FALSE);
        }
      self->depth--;
      break;
    case '}':
      if (self->depth > 1)
        self->depth--;
      break;
    case '[': case '{':
      self->depth++;
      break;
    case '"':
      self->in_string = TRUE;
      break;
    default:
      break;
    }

  append_to_element (self, c);
  return FALSE;
}

static gboolean
scan_byte (TallyIngestReader *self,
           char               c,
           TallyIngestRecord *record)
{
  if (self->closed)
    {
      if (is_space (c))
        return FALSE;
      self->done = TRUE;
      set_problem (record, self->line, _("unexpected text after the end of the array"));
      return TRUE;
    }
  if (!self->in_string)
    return scan_structure (self, c, record);

  /* A raw line break is not allowed in a JSON string: keep the string
   * invalid, but on one line. */
  append_to_element (self, c == '\n' || c == '\r' ? '\t' : c);
  if (self->escaped)
    self->escaped = FALSE;
  else if (c == '\\')
    self->escaped = TRUE;
  else if (c == '"')
    self->in_string = FALSE;

  return FALSE;
}

/* At the end of the input: the last element of an array that was never
 * closed, then the complaint about it. */
static gboolean
finish_array (TallyIngestReader *self,
              TallyIngestRecord *record)
{
  if (!self->closed)
    {
      self->closed = TRUE;
      self->unclosed = TRUE;
      self->after_comma = FALSE;
      if (end_element (self, record, FALSE))
        return TRUE;
    }

  self->done = TRUE;
  if (!self->unclosed)
    return FALSE;

  set_problem (record, self->line, _("the array is not closed: ‘]’ is missing"));
  return TRUE;
}

static gboolean
next_element (TallyIngestReader  *self,
              TallyIngestRecord  *record,
              GError            **error)
{
  if (self->returned)
    {
      g_string_truncate (self->element, 0);
      self->element_too_long = FALSE;
      self->returned = FALSE;
    }

  while (!self->done)
    {
      char c;
      gboolean ready;

      if (self->pos == self->end)
        {
          if (self->eof)
            return finish_array (self, record);
          /* Everything scanned is in the element already. */
          self->start = self->pos;
          if (!fill (self, error))
            return FALSE;
          continue;
        }

      c = self->buf[self->pos++];
      ready = scan_byte (self, c, record);
      if (c == '\n')
        self->line++;
      if (ready)
        return TRUE;
    }

  return FALSE;
}

/**
 * tally_ingest_reader_next:
 *
 * Returns: TRUE with the next record, FALSE at the end of the input or,
 *   with @error set, when reading failed
 */
gboolean
tally_ingest_reader_next (TallyIngestReader  *self,
                          TallyIngestRecord  *record,
                          GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!self->started && !detect_format (self, error))
    return FALSE;

  if (self->format == TALLY_INGEST_FORMAT_ARRAY)
    return next_element (self, record, error);

  return next_line (self, record, error);
}

TallyIngestFormat
tally_ingest_reader_get_format (TallyIngestReader *self)
{
  return self->format;
}

/* The lines read so far, for progress. */
guint64
tally_ingest_reader_get_lines (TallyIngestReader *self)
{
  return self->line;
}
