/* tally-json-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-event-private.h"

G_BEGIN_DECLS

/* Deeper input is refused: it is never an event, and a bound keeps the
 * recursive skip of unknown members safe. */
#define TALLY_JSON_MAX_DEPTH 64

typedef enum
{
  TALLY_JSON_ERROR_NONE,
  TALLY_JSON_ERROR_SYNTAX,
  TALLY_JSON_ERROR_UTF8,
  TALLY_JSON_ERROR_DEPTH,
} TallyJsonErrorKind;

/**
 * TallyJsonReader:
 *
 * A strict pull reader over one JSON text in memory (RFC 8259): values are
 * read in document order without building a tree, strings come back as
 * pointers into the input when they hold no escape. Stack-allocate it,
 * tally_json_reader_init(), then tally_json_reader_clear(). The fields are
 * private.
 */
typedef struct
{
  const char         *start;
  const char         *p;
  const char         *end;
  guint               depth;
  guint64             first;       /* bit d: no member/element read yet at depth d */
  GString            *name_buf;
  GString            *string_buf;
  TallyJsonErrorKind  error_kind;
  gsize               error_offset;
  const char         *error_reason;
} TallyJsonReader;

void                tally_json_reader_init            (TallyJsonReader  *reader,
                                                       const char       *data,
                                                       gsize             len);
void                tally_json_reader_clear           (TallyJsonReader  *reader);
/* Starts over on new input, keeping the buffers: one reader serves every
 * line of an NDJSON body. */
void                tally_json_reader_reset           (TallyJsonReader  *reader,
                                                       const char       *data,
                                                       gsize             len);

/* The type of the next value, after skipping white space; NULL both for
 * `null` and, with nothing consumed, for what is not a value (the next
 * read reports it). */
TallyEventValueType tally_json_reader_peek            (TallyJsonReader  *reader);
/* Reads a scalar into @value (strings stay valid until the next string is
 * read). For an object or an array only the type is set and nothing is
 * consumed: enter it or skip it. */
gboolean            tally_json_reader_read_value      (TallyJsonReader  *reader,
                                                       TallyEventValue  *value,
                                                       GError          **error);
gboolean            tally_json_reader_skip_value      (TallyJsonReader  *reader,
                                                       GError          **error);

gboolean            tally_json_reader_enter_object    (TallyJsonReader  *reader,
                                                       GError          **error);
/* Sets @has_member to FALSE at the closing brace (and leaves the object);
 * the name stays valid until the next member name is read. */
gboolean            tally_json_reader_next_member     (TallyJsonReader  *reader,
                                                       gboolean         *has_member,
                                                       const char      **name,
                                                       gsize            *name_len,
                                                       GError          **error);
gboolean            tally_json_reader_enter_array     (TallyJsonReader  *reader,
                                                       GError          **error);
gboolean            tally_json_reader_next_element    (TallyJsonReader  *reader,
                                                       gboolean         *has_element,
                                                       GError          **error);

/* Succeeds when only white space is left. */
gboolean            tally_json_reader_end             (TallyJsonReader  *reader,
                                                       GError          **error);
gsize               tally_json_reader_get_offset      (TallyJsonReader  *reader);

/* After a failure: what was wrong (translated) and where, in bytes from
 * the start of the input. */
TallyJsonErrorKind  tally_json_reader_get_error_kind  (TallyJsonReader  *reader);
/* Sets @error from the failure the reader holds, after calls that were
 * passed no GError; returns FALSE. */
gboolean            tally_json_reader_set_error       (TallyJsonReader  *reader,
                                                       GError          **error);
gsize               tally_json_reader_get_error_offset (TallyJsonReader *reader);
const char         *tally_json_reader_get_error_reason (TallyJsonReader *reader);

/* Checks that @data is one strict JSON text, no deeper than
 * TALLY_JSON_MAX_DEPTH: run it before a recursive DOM parser sees input
 * from the network. */
gboolean            tally_json_validate               (const char       *data,
                                                       gsize             len,
                                                       GError          **error);

/* Whether @data is valid UTF-8 (RFC 3629); if not, where it stops being. */
gboolean            tally_json_utf8_validate          (const char       *data,
                                                       gsize             len,
                                                       gsize            *bad_offset);

G_END_DECLS
