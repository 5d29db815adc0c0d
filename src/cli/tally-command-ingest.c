/* tally-command-ingest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `tally ingest FILE`: loads events from an NDJSON file (or a JSON array,
 * or stdin) into the store, the way the collector would have received
 * them. The file streams through in batches, so its size does not matter;
 * a bad line is reported with its line number and left out, the rest is
 * stored; each batch is committed on its own, so an interrupted run keeps
 * what it had stored. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tally-cli-format.h"
#include "tally-cli-options.h"
#include "tally-cli-source.h"
#include "tally-cli-progress.h"
#include "tally-commands.h"
#include "tally-event-batch.h"
#include "tally-ingest-reader.h"
#include "tally-json-reader.h"
#include "tally-paths.h"
#include "tally-store.h"

#define BATCH_RECORDS 5000
#define BATCH_BYTES   (8 * 1024 * 1024)
#define MAX_REPORTED  20

/* One record of the batch: its line, and either the reason the reader
 * already rejected it or its index among the lines handed to the parser. */
typedef struct
{
  guint64  line;
  char    *problem;
  guint    index;
} Entry;

typedef struct
{
  const char        *name;       /* the file as messages name it */
  TallyStore        *store;
  TallyIngestReader *reader;
  TallyCliProgress  *progress;
  GString           *body;       /* the batch's parsable records, as NDJSON */
  GArray            *entries;    /* Entry: every record of the batch, in order */
  guint              n_parsed;
  guint64            n_records;
  guint64            n_accepted;
  guint64            n_rejected;
  guint              n_reported;
} Ingest;

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->problem, g_free);
}

static void
reject (Ingest     *self,
        guint64     line,
        const char *reason)
{
  self->n_rejected++;
  if (self->n_reported >= MAX_REPORTED)
    return;

  self->n_reported++;
  tally_cli_progress_clear (self->progress);
  g_printerr ("%s:%" G_GUINT64_FORMAT ": %s\n", self->name, line, reason);
}

/* The batch parser counts lines from the start of the batch and says
 * "line 3: …"; the file's line number replaces that. */
static const char *
strip_line_prefix (const char *message,
                   guint       batch_line)
{
  g_autofree char *prefix = g_strdup_printf (_("line %u: %s"), batch_line, "");

  if (g_str_has_prefix (message, prefix))
    return message + strlen (prefix);

  return message;
}

/* Parses and stores the batch, then reports its rejected records in the
 * order of the file. */
static gboolean
flush_batch (Ingest  *self,
             GError **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) rejected = NULL;
  g_autofree const char **reasons = NULL;

  if (self->entries->len == 0)
    return TRUE;

  if (!tally_event_batch_parse (self->body->str, self->body->len, TALLY_EVENT_BATCH_NDJSON,
                                0, 0, &events, &rejected, error))
    return FALSE;
  if (events->len > 0 && !tally_store_ingest (self->store, events, error))
    return FALSE;
  self->n_accepted += events->len;

  reasons = g_new0 (const char *, self->n_parsed + 1);
  for (guint i = 0; i < rejected->len; i++)
    {
      const TallyEventRejection *r = &g_array_index (rejected, TallyEventRejection, i);

      if (r->index < self->n_parsed)
        reasons[r->index] = strip_line_prefix (r->error, r->index + 1);
    }
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);
      const char *reason = entry->problem ? entry->problem : reasons[entry->index];

      if (reason != NULL)
        reject (self, entry->line, reason);
    }

  g_string_truncate (self->body, 0);
  g_array_set_size (self->entries, 0);
  self->n_parsed = 0;

  return TRUE;
}

static void
show_progress (Ingest *self)
{
  g_autofree char *lines = tally_cli_format_count (tally_ingest_reader_get_lines (self->reader));
  g_autofree char *stored = tally_cli_format_count (self->n_accepted);
  g_autofree char *rejected = tally_cli_format_count (self->n_rejected);
  g_autofree char *speed = NULL;
  double elapsed = tally_cli_progress_elapsed (self->progress);

  speed = tally_cli_format_count ((guint64) (self->n_records / MAX (elapsed, 0.001)));
  tally_cli_progress_show (self->progress, _("%s lines read, %s stored, %s rejected, %s events/s"),
                           lines, stored, rejected, speed);
}

static gboolean
add_record (Ingest                  *self,
            const TallyIngestRecord *record,
            GError                 **error)
{
  Entry entry = { record->line, NULL, 0 };
  gsize bad;

  self->n_records++;
  if (record->problem != NULL)
    entry.problem = g_strdup (record->problem);
  else if (!tally_json_utf8_validate (record->data, record->len, &bad))
    entry.problem = g_strdup_printf (_("invalid UTF-8 at column %u"), (guint) bad + 1);
  else
    {
      entry.index = self->n_parsed++;
      g_string_append_len (self->body, record->data, record->len);
      g_string_append_c (self->body, '\n');
    }
  g_array_append_val (self->entries, entry);

  if (self->entries->len >= BATCH_RECORDS || self->body->len >= BATCH_BYTES)
    {
      if (!flush_batch (self, error))
        return FALSE;
      if (tally_cli_progress_is_due (self->progress))
        show_progress (self);
    }

  return TRUE;
}

static gboolean
ingest_all (Ingest  *self,
            GError **error)
{
  TallyIngestRecord record;
  GError *read_error = NULL;

  while (tally_ingest_reader_next (self->reader, &record, &read_error))
    {
      if (!add_record (self, &record, error))
        return FALSE;
    }
  if (read_error != NULL)
    {
      g_propagate_prefixed_error (error, read_error, _("Cannot read %s: "), self->name);
      return FALSE;
    }
  if (!flush_batch (self, error))
    return FALSE;

  /* Fold what was stored into the rollups now, so the first query is fast. */
  tally_cli_progress_show (self->progress, _("Updating the rollups…"));
  return tally_store_flush (self->store, error);
}

static void
print_summary (Ingest *self)
{
  guint64 n_lines = tally_ingest_reader_get_lines (self->reader);
  g_autofree char *stored_count = tally_cli_format_count (self->n_accepted);
  g_autofree char *rejected = tally_cli_format_count (self->n_rejected);
  g_autofree char *lines_count = tally_cli_format_count (n_lines);
  double elapsed = tally_cli_progress_elapsed (self->progress);
  g_autofree char *duration = tally_cli_format_duration (elapsed);
  g_autofree char *speed = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *lines = NULL;

  speed = tally_cli_format_count ((guint64) (self->n_records / MAX (elapsed, 0.001)));
  tally_cli_progress_clear (self->progress);
  if (self->n_rejected > self->n_reported)
    {
      guint64 more = self->n_rejected - self->n_reported;
      g_autofree char *count = tally_cli_format_count (more);

      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s: …and %s more rejected event\n",
                               "%s: …and %s more rejected events\n", more),
                  self->name, count);
    }

  stored = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s event stored", "%s events stored",
                                         self->n_accepted), stored_count);
  lines = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s line", "%s lines", n_lines),
                           lines_count);
  /* TRANSLATORS: "events.jsonl: 1,000 events stored, 2 rejected (1,002 lines in 0.4 s,
   * 2,500 events/s)" */
  g_printerr (_("%s: %s, %s rejected (%s in %s, %s events/s)\n"),
              self->name, stored, rejected, lines, duration, speed);
}

static FILE *
open_input (const char  *path,
            GError     **error)
{
  FILE *file;

  if (g_str_equal (path, "-"))
    return stdin;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int errsv = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv), _("Cannot read %s: %s"),
                   path, g_strerror (errsv));
    }

  return file;
}

static int
run (TallyCliOptions *options,
     const char      *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyStore) store = NULL;
  g_autoptr(TallyIngestReader) reader = NULL;
  g_autoptr(TallyCliProgress) progress = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autofree char *default_db = tally_paths_get_store_file ();
  g_autofree char *db = tally_cli_options_get_db (options, default_db);
  Ingest self = { 0, };
  FILE *file;
  gboolean ok;

  if ((file = open_input (path, &error)) == NULL)
    return tally_cli_fail (options, TALLY_EXIT_FAILURE, error);
  if ((store = tally_store_open (db, &error)) == NULL)
    {
      if (file != stdin)
        fclose (file);
      return tally_cli_fail (options, TALLY_EXIT_FAILURE, error);
    }

  g_array_set_clear_func (entries, entry_clear);
  reader = tally_ingest_reader_new (file);
  progress = tally_cli_progress_new ();
  self = (Ingest) { g_str_equal (path, "-") ? _("stdin") : path, store, reader, progress,
                    body, entries, 0, 0, 0, 0, 0 };
  ok = ingest_all (&self, &error);
  if (file != stdin)
    fclose (file);

  print_summary (&self);
  if (!ok)
    return tally_cli_fail (options, TALLY_EXIT_FAILURE, error);
  if (self.n_accepted == 0 && self.n_records > 0)
    return tally_cli_fail_printf (options, TALLY_EXIT_FAILURE,
                                  _("%s: nothing stored: every event was rejected"), self.name);

  return TALLY_EXIT_OK;
}

int
tally_command_ingest (int    argc,
                      char **argv)
{
  g_auto(TallyCliOptions) options = TALLY_CLI_OPTIONS_INIT ("ingest");
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = tally_cli_options_new_context (&options, _("FILE"),
                                           _("Load usage events from FILE into the store: one JSON "
                                             "event per line (NDJSON), or a JSON array of events. "
                                             "“-” reads standard input."),
                                           NULL);
  g_option_context_set_description (context,
                                    _("Bad events are reported with their line number and left "
                                      "out; the others are stored.\n"
                                      "Exit status: 0 when events were stored or the file is "
                                      "empty, 1 when nothing could be stored, 2 for a wrong "
                                      "command line."));

  if (!tally_cli_options_parse (&options, context, &argc, &argv, &error))
    return tally_cli_fail (&options, TALLY_EXIT_USAGE, error);
  if (!tally_cli_source_require_local (options.source, _("receive events"), &error))
    return tally_cli_fail (&options, TALLY_EXIT_USAGE, error);
  if (argc != 2)
    return tally_cli_fail_printf (&options, TALLY_EXIT_USAGE,
                                  argc < 2 ? _("which file? Give one FILE, or “-” for stdin")
                                           : _("give one FILE only"));

  return run (&options, argv[1]);
}
