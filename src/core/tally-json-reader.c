/* tally-json-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A strict streaming JSON reader for the collector's hot path. json-glib
 * builds a tree of GObjects and GValues for every event (~277k events/s
 * here), which leaves too little of the ingestion budget for HTTP and
 * SQLite; reading members in order and filling the event directly is
 * several times faster. Strict as RFC 8259 asks: UTF-8 is validated, all
 * escapes are decoded (surrogate pairs included), integers are exact, and
 * nothing but white space may follow the value. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tally-error.h"
#include "tally-json-reader.h"

/* 0: plain byte, 1: ", 2: \, 3: control character, 4: not ASCII */
static const guint8 string_class[256] = {
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
  4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
  4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
  4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

void
tally_json_reader_init (TallyJsonReader *reader,
                        const char      *data,
                        gsize            len)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (data != NULL || len == 0);

  memset (reader, 0, sizeof *reader);
  reader->start = reader->p = data;
  reader->end = data + len;
  reader->name_buf = g_string_sized_new (64);
  reader->string_buf = g_string_sized_new (256);
}

void
tally_json_reader_reset (TallyJsonReader *reader,
                         const char      *data,
                         gsize            len)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (data != NULL || len == 0);

  reader->start = reader->p = data;
  reader->end = data + len;
  reader->depth = 0;
  reader->first = 0;
  reader->error_kind = TALLY_JSON_ERROR_NONE;
  reader->error_offset = 0;
  reader->error_reason = NULL;
}

void
tally_json_reader_clear (TallyJsonReader *reader)
{
  if (reader->name_buf != NULL)
    g_string_free (reader->name_buf, TRUE);
  if (reader->string_buf != NULL)
    g_string_free (reader->string_buf, TRUE);
  reader->name_buf = reader->string_buf = NULL;
}

/* Records the first failure; every internal step returns FALSE after it. */
static gboolean
fail (TallyJsonReader    *r,
      const char         *at,
      TallyJsonErrorKind  kind,
      const char         *reason)
{
  r->error_kind = kind;
  r->error_offset = at - r->start;
  r->error_reason = reason;
  r->p = at;
  return FALSE;
}

static void
line_and_column (const char *start,
                 gsize       offset,
                 guint      *line,
                 guint      *column)
{
  const char *last = start;

  *line = 1;
  for (const char *p = start; p < start + offset; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          last = p + 1;
        }
    }
  *column = (start + offset - last) + 1;
}

/* Turns the recorded failure into @error: always FALSE. */
static gboolean
report (TallyJsonReader  *r,
        GError          **error)
{
  guint line, column;

  line_and_column (r->start, r->error_offset, &line, &column);
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID,
               _("invalid JSON at line %u, column %u (byte %lu): %s"),
               line, column, (unsigned long) r->error_offset, _(r->error_reason));
  return FALSE;
}

static inline void
skip_space (TallyJsonReader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

/* Whether eight bytes hold no quote, backslash, control character or
 * non-ASCII byte (SWAR; false alarms only send us to the byte loop). */
static inline gboolean
block_is_plain (guint64 x)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = x ^ (ones * '"');
  guint64 backslash = x ^ (ones * '\\');
  guint64 special = ((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) |
                    ((backslash - ones) & ~backslash) | x;

  return (special & high) == 0;
}

/* The length of the valid UTF-8 sequence at @p (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or 0. */
static gsize
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  guchar c = p[0], lo = 0x80, hi = 0xBF;

  if (c >= 0xC2 && c <= 0xDF)
    return end - p >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF)
    {
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
      return end - p >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    }
  if (c >= 0xF0 && c <= 0xF4)
    {
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
      return end - p >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 &&
             (p[3] & 0xC0) == 0x80 ? 4 : 0;
    }
  return 0;
}

static int
read_hex4 (const guchar *p)
{
  int v = 0;

  for (guint i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* \uXXXX at @p, with the low half of a surrogate pair when the first is a
 * high half. Returns the bytes consumed, 0 on error. */
static gsize
read_unicode_escape (TallyJsonReader *r,
                     const guchar    *p,
                     GString         *buf)
{
  const guchar *end = (const guchar *) r->end;
  int cp, low;

  if (end - p < 6 || (cp = read_hex4 (p + 2)) < 0)
    return fail (r, (const char *) p, TALLY_JSON_ERROR_SYNTAX, N_("invalid \\u escape"));
  if (cp >= 0xDC00 && cp <= 0xDFFF)
    return fail (r, (const char *) p, TALLY_JSON_ERROR_SYNTAX, N_("lone surrogate in a \\u escape"));
  if (cp < 0xD800 || cp > 0xDBFF)
    {
      g_string_append_unichar (buf, cp);
      return 6;
    }
  if (end - p < 12 || p[6] != '\\' || p[7] != 'u' || (low = read_hex4 (p + 8)) < 0 ||
      low < 0xDC00 || low > 0xDFFF)
    return fail (r, (const char *) p, TALLY_JSON_ERROR_SYNTAX, N_("lone surrogate in a \\u escape"));
  g_string_append_unichar (buf, 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00));
  return 12;
}

/* The escape at @p (a backslash), appended to @buf. Returns the bytes
 * consumed, 0 on error. */
static gsize
read_escape (TallyJsonReader *r,
             const guchar    *p,
             GString         *buf)
{
  static const char simple[] = "\"\"\\\\//b\bf\fn\nr\rt\t";

  if ((const char *) p + 1 >= r->end)
    return fail (r, (const char *) p, TALLY_JSON_ERROR_SYNTAX, N_("unexpected end of input in a string"));
  if (p[1] == 'u')
    return read_unicode_escape (r, p, buf);
  for (guint i = 0; i < sizeof simple - 1; i += 2)
    {
      if (p[1] == (guchar) simple[i])
        {
          g_string_append_c (buf, simple[i + 1]);
          return 2;
        }
    }
  return fail (r, (const char *) p, TALLY_JSON_ERROR_SYNTAX, N_("invalid escape sequence"));
}

/* The string whose opening quote is at r->p. Without escapes the result
 * points into the input; with them it is decoded into @buf. */
static gboolean
read_string (TallyJsonReader  *r,
             GString          *buf,
             const char      **out,
             gsize            *out_len)
{
  const guchar *end = (const guchar *) r->end;
  const guchar *p = (const guchar *) r->p + 1;
  const guchar *segment = p;
  gboolean copying = FALSE;
  gsize n;

  for (;;)
    {
      guint64 block;

      while (end - p >= 8 && (memcpy (&block, p, 8), block_is_plain (block)))
        p += 8;
      while (p < end && string_class[*p] == 0)
        p++;
      if (p >= end)
        return fail (r, (const char *) p, TALLY_JSON_ERROR_SYNTAX,
                     N_("unexpected end of input in a string"));

      switch (string_class[*p])
        {
        case 1:
          if (copying)
            {
              g_string_append_len (buf, (const char *) segment, p - segment);
              *out = buf->str;
              *out_len = buf->len;
            }
          else
            {
              *out = (const char *) segment;
              *out_len = p - segment;
            }
          r->p = (const char *) p + 1;
          return TRUE;

        case 2:
          if (!copying)
            g_string_truncate (buf, 0);
          copying = TRUE;
          g_string_append_len (buf, (const char *) segment, p - segment);
          if ((n = read_escape (r, p, buf)) == 0)
            return FALSE;
          p += n;
          segment = p;
          break;

        case 3:
          return fail (r, (const char *) p, TALLY_JSON_ERROR_SYNTAX,
                       N_("control character in a string"));

        default:
          if ((n = utf8_sequence_length (p, end)) == 0)
            return fail (r, (const char *) p, TALLY_JSON_ERROR_UTF8, N_("invalid UTF-8"));
          p += n;
          break;
        }
    }
}

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* A double from the number text [s, e): exact multiplication or division
 * when both mantissa and power of ten are exact doubles (Clinger's fast
 * path), else the C library's correctly rounded strtod. */
static double
number_to_double (const char *s,
                  const char *e,
                  guint64     mantissa,
                  guint       digits,
                  int         exponent,
                  gboolean    negative)
{
  char stack_buf[64];
  g_autofree char *heap_buf = NULL;
  char *text = stack_buf;
  gsize len = e - s;

  if (digits <= 19 && mantissa <= (G_GUINT64_CONSTANT (1) << 53) && exponent >= -22 &&
      exponent <= 22)
    {
      double d = (double) mantissa;

      d = exponent < 0 ? d / powers_of_ten[-exponent] : d * powers_of_ten[exponent];
      return negative ? -d : d;
    }

  if (len >= sizeof stack_buf)
    text = heap_buf = g_malloc (len + 1);
  memcpy (text, s, len);
  text[len] = '\0';
  /* The grammar was checked already; strtod gives ±HUGE_VAL on overflow,
   * which the field rules refuse as they refuse any infinity. */
  return g_ascii_strtod (text, NULL);
}

static gboolean
read_digits (const char  *p,
             const char  *end,
             const char **after)
{
  const char *q = p;

  while (q < end && g_ascii_isdigit (*q))
    q++;
  *after = q;
  return q > p;
}

/* The significant digits of a number: the first 19 in a guint64 (leading
 * zeros skipped), how many there are, and the power of ten they scale by. */
typedef struct
{
  guint64 mantissa;
  guint   digits;
  int     exponent;
} Significand;

static void
accumulate_digits (Significand *sig,
                   const char  *p,
                   const char  *end,
                   gboolean     fraction)
{
  for (; p < end; p++)
    {
      if (sig->digits == 0 && *p == '0')
        {
          sig->exponent -= fraction;
          continue;
        }
      if (sig->digits < 19)
        {
          sig->mantissa = sig->mantissa * 10 + (*p - '0');
          sig->exponent -= fraction;
        }
      else if (!fraction)
        sig->exponent++;
      sig->digits++;
    }
}

/* The exponent after an `e`: an optional sign and digits, clamped far
 * beyond any double's range so it cannot overflow. */
static gboolean
read_exponent (const char  *p,
               const char  *end,
               const char **after,
               int         *exponent)
{
  gboolean negative = p < end && *p == '-';
  int e = 0;

  if (p < end && (*p == '-' || *p == '+'))
    p++;
  if (!read_digits (p, end, after))
    return FALSE;
  for (; p < *after; p++)
    e = MIN (e * 10 + (*p - '0'), 100000);
  *exponent += negative ? -e : e;
  return TRUE;
}

/* RFC 8259's number; integers that fit a gint64 are kept exact. */
static gboolean
read_number (TallyJsonReader *r,
             TallyEventValue *value)
{
  const char *s = r->p, *p = r->p, *end = r->end, *q;
  gboolean negative = *p == '-', integral = TRUE;
  Significand sig = { 0, 0, 0 };

  p += negative;
  if (p >= end || !g_ascii_isdigit (*p) || (*p == '0' && p + 1 < end && g_ascii_isdigit (p[1])))
    return fail (r, s, TALLY_JSON_ERROR_SYNTAX, N_("invalid number"));
  read_digits (p, end, &q);
  accumulate_digits (&sig, p, q, FALSE);
  p = q;
  if (p < end && *p == '.')
    {
      integral = FALSE;
      if (!read_digits (p + 1, end, &q))
        return fail (r, s, TALLY_JSON_ERROR_SYNTAX, N_("invalid number"));
      accumulate_digits (&sig, p + 1, q, TRUE);
      p = q;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integral = FALSE;
      if (!read_exponent (p + 1, end, &p, &sig.exponent))
        return fail (r, s, TALLY_JSON_ERROR_SYNTAX, N_("invalid number"));
    }

  value->type = TALLY_EVENT_VALUE_NUMBER;
  value->is_int = integral && sig.digits <= 19 &&
                  sig.mantissa <= (guint64) G_MAXINT64 + (negative ? 1 : 0);
  if (value->is_int)
    {
      value->i = negative ? (gint64) (0 - sig.mantissa) : (gint64) sig.mantissa;
      value->d = (double) value->i;
    }
  else
    value->d = number_to_double (s, p, sig.mantissa, sig.digits, sig.exponent, negative);
  r->p = p;
  return TRUE;
}

static gboolean
read_literal (TallyJsonReader *r,
              const char      *word,
              TallyEventValue *value,
              TallyEventValueType type,
              gboolean         truth)
{
  gsize n = strlen (word);

  if ((gsize) (r->end - r->p) < n || memcmp (r->p, word, n) != 0)
    return fail (r, r->p, TALLY_JSON_ERROR_SYNTAX, N_("expected a value"));
  value->type = type;
  value->i = truth;
  r->p += n;
  return TRUE;
}

TallyEventValueType
tally_json_reader_peek (TallyJsonReader *reader)
{
  skip_space (reader);
  if (reader->p >= reader->end)
    return TALLY_EVENT_VALUE_NULL;

  switch (*reader->p)
    {
    case '{':
      return TALLY_EVENT_VALUE_OBJECT;
    case '[':
      return TALLY_EVENT_VALUE_ARRAY;
    case '"':
      return TALLY_EVENT_VALUE_STRING;
    case 't':
    case 'f':
      return TALLY_EVENT_VALUE_BOOLEAN;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return TALLY_EVENT_VALUE_NUMBER;
    default:
      return TALLY_EVENT_VALUE_NULL;
    }
}

static gboolean
read_value (TallyJsonReader *r,
            TallyEventValue *value)
{
  memset (value, 0, sizeof *value);
  value->type = tally_json_reader_peek (r);

  if (r->p >= r->end)
    return fail (r, r->p, TALLY_JSON_ERROR_SYNTAX, N_("unexpected end of input"));

  switch (*r->p)
    {
    case '{':
    case '[':
      return TRUE;
    case '"':
      return read_string (r, r->string_buf, &value->str, &value->len);
    case 't':
      return read_literal (r, "true", value, TALLY_EVENT_VALUE_BOOLEAN, TRUE);
    case 'f':
      return read_literal (r, "false", value, TALLY_EVENT_VALUE_BOOLEAN, FALSE);
    case 'n':
      return read_literal (r, "null", value, TALLY_EVENT_VALUE_NULL, FALSE);
    default:
      if (value->type == TALLY_EVENT_VALUE_NUMBER)
        return read_number (r, value);
      return fail (r, r->p, TALLY_JSON_ERROR_SYNTAX, N_("expected a value"));
    }
}

gboolean
tally_json_reader_read_value (TallyJsonReader  *reader,
                              TallyEventValue  *value,
                              GError          **error)
{
  return read_value (reader, value) || report (reader, error);
}

static gboolean
enter (TallyJsonReader *r,
       char             open)
{
  skip_space (r);
  if (r->p >= r->end)
    return fail (r, r->p, TALLY_JSON_ERROR_SYNTAX, N_("unexpected end of input"));
  if (*r->p != open)
    return fail (r, r->p, TALLY_JSON_ERROR_SYNTAX,
                 open == '{' ? N_("expected an object") : N_("expected an array"));
  if (r->depth >= TALLY_JSON_MAX_DEPTH)
    return fail (r, r->p, TALLY_JSON_ERROR_DEPTH, N_("nested deeper than 64 levels"));
  r->first |= G_GUINT64_CONSTANT (1) << r->depth;
  r->depth++;
  r->p++;
  return TRUE;
}

gboolean
tally_json_reader_enter_object (TallyJsonReader  *reader,
                                GError          **error)
{
  return enter (reader, '{') || report (reader, error);
}

gboolean
tally_json_reader_enter_array (TallyJsonReader  *reader,
                               GError          **error)
{
  return enter (reader, '[') || report (reader, error);
}

/* Past the closing bracket, or past the comma before the next item;
 * *more tells which. */
static gboolean
next_item (TallyJsonReader *r,
           char             close,
           gboolean        *more)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << (r->depth - 1);

  skip_space (r);
  if (r->p >= r->end)
    return fail (r, r->p, TALLY_JSON_ERROR_SYNTAX, N_("unexpected end of input"));
  if (*r->p == close)
    {
      r->p++;
      r->depth--;
      *more = FALSE;
      return TRUE;
    }
  if (r->first & bit)
    r->first &= ~bit;
  else if (*r->p != ',')
    return fail (r, r->p, TALLY_JSON_ERROR_SYNTAX,
                 close == '}' ? N_("expected ‘,’ or ‘}’") : N_("expected ‘,’ or ‘]’"));
  else
    {
      r->p++;
      skip_space (r);
    }
  *more = TRUE;
  return TRUE;
}

static gboolean
next_member (TallyJsonReader  *r,
             gboolean         *has_member,
             const char      **name,
             gsize            *name_len)
{
  g_assert (r->depth > 0);

  if (!next_item (r, '}', has_member))
    return FALSE;
  if (!*has_member)
    return TRUE;
  if (r->p >= r->end || *r->p != '"')
    return fail (r, r->p, TALLY_JSON_ERROR_SYNTAX, N_("expected a member name in double quotes"));
  if (!read_string (r, r->name_buf, name, name_len))
    return FALSE;
  skip_space (r);
  if (r->p >= r->end || *r->p != ':')
    return fail (r, r->p, TALLY_JSON_ERROR_SYNTAX, N_("expected ‘:’"));
  r->p++;
  return TRUE;
}

gboolean
tally_json_reader_next_member (TallyJsonReader  *reader,
                               gboolean         *has_member,
                               const char      **name,
                               gsize            *name_len,
                               GError          **error)
{
  return next_member (reader, has_member, name, name_len) || report (reader, error);
}

gboolean
tally_json_reader_next_element (TallyJsonReader  *reader,
                                gboolean         *has_element,
                                GError          **error)
{
  g_assert (reader->depth > 0);

  return next_item (reader, ']', has_element) || report (reader, error);
}

static gboolean
skip_value (TallyJsonReader *r)
{
  TallyEventValue value;
  gboolean more = TRUE;
  const char *name;
  gsize len;

  if (!read_value (r, &value))
    return FALSE;

  if (value.type == TALLY_EVENT_VALUE_OBJECT)
    {
      if (!enter (r, '{'))
        return FALSE;
      while (next_member (r, &more, &name, &len) && more)
        {
          if (!skip_value (r))
            return FALSE;
        }
      return r->error_kind == TALLY_JSON_ERROR_NONE;
    }
  if (value.type == TALLY_EVENT_VALUE_ARRAY)
    {
      if (!enter (r, '['))
        return FALSE;
      while (next_item (r, ']', &more) && more)
        {
          if (!skip_value (r))
            return FALSE;
        }
      return r->error_kind == TALLY_JSON_ERROR_NONE;
    }
  return TRUE;
}

gboolean
tally_json_reader_skip_value (TallyJsonReader  *reader,
                              GError          **error)
{
  return skip_value (reader) || report (reader, error);
}

gboolean
tally_json_reader_end (TallyJsonReader  *reader,
                       GError          **error)
{
  skip_space (reader);
  if (reader->p < reader->end)
    {
      fail (reader, reader->p, TALLY_JSON_ERROR_SYNTAX, N_("unexpected data after the JSON value"));
      return report (reader, error);
    }
  return TRUE;
}

gsize
tally_json_reader_get_offset (TallyJsonReader *reader)
{
  return reader->p - reader->start;
}

TallyJsonErrorKind
tally_json_reader_get_error_kind (TallyJsonReader *reader)
{
  return reader->error_kind;
}

gsize
tally_json_reader_get_error_offset (TallyJsonReader *reader)
{
  return reader->error_offset;
}

gboolean
tally_json_reader_set_error (TallyJsonReader  *reader,
                             GError          **error)
{
  g_return_val_if_fail (reader->error_kind != TALLY_JSON_ERROR_NONE, FALSE);

  return report (reader, error);
}

const char *
tally_json_reader_get_error_reason (TallyJsonReader *reader)
{
  return reader->error_reason ? _(reader->error_reason) : NULL;
}

gboolean
tally_json_utf8_validate (const char *data,
                          gsize       len,
                          gsize      *bad_offset)
{
  const guchar *p = (const guchar *) data;
  const guchar *end = p + len;

  while (p < end)
    {
      gsize n = *p < 0x80 ? 1 : utf8_sequence_length (p, end);

      if (n == 0)
        {
          if (bad_offset != NULL)
            *bad_offset = p - (const guchar *) data;
          return FALSE;
        }
      p += n;
    }
  return TRUE;
}

gboolean
tally_json_validate (const char  *data,
                     gsize        len,
                     GError     **error)
{
  TallyJsonReader reader;
  gboolean ok;

  tally_json_reader_init (&reader, data, len);
  ok = tally_json_reader_skip_value (&reader, error) && tally_json_reader_end (&reader, error);
  tally_json_reader_clear (&reader);
  return ok;
}
