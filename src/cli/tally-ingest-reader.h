/* tally-ingest-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

/* The longest event accepted in a file; longer ones are rejected alone. */
#define TALLY_INGEST_MAX_RECORD (16 * 1024 * 1024)

typedef enum
{
  TALLY_INGEST_FORMAT_NDJSON,
  TALLY_INGEST_FORMAT_ARRAY,
} TallyIngestFormat;

/**
 * TallyIngestRecord:
 * @data: one event's JSON on one line (array elements have their line
 *   breaks turned into spaces); valid until the next call
 * @len: its length in bytes
 * @line: the line of the file where it starts, from 1
 * @problem: (nullable): why the reader itself rejects it (too long, a
 *   broken array); @data is then empty
 */
typedef struct
{
  const char *data;
  gsize       len;
  guint64     line;
  const char *problem;
} TallyIngestRecord;

typedef struct _TallyIngestReader TallyIngestReader;

TallyIngestReader *tally_ingest_reader_new        (FILE               *file);
void               tally_ingest_reader_free       (TallyIngestReader  *self);

gboolean           tally_ingest_reader_next       (TallyIngestReader  *self,
                                                   TallyIngestRecord  *record,
                                                   GError            **error);
TallyIngestFormat  tally_ingest_reader_get_format (TallyIngestReader  *self);
guint64            tally_ingest_reader_get_lines  (TallyIngestReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyIngestReader, tally_ingest_reader_free)

G_END_DECLS
