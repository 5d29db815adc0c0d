/* tally-cli-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The progress line of long commands (ingest, demo): one line on stderr
 * rewritten in place at most twice a second, and only when stderr is a
 * terminal, so logs and pipes get the final summary alone. Anything else
 * printed meanwhile clears the line first. */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "tally-cli-progress.h"

#define UPDATE_INTERVAL_US (G_USEC_PER_SEC / 2)

struct _TallyCliProgress
{
  gboolean enabled;
  gboolean shown;
  gint64   started;
  gint64   last_update;
};

TallyCliProgress *
tally_cli_progress_new (void)
{
  TallyCliProgress *self = g_new0 (TallyCliProgress, 1);

  self->enabled = isatty (STDERR_FILENO);
  self->started = g_get_monotonic_time ();
  self->last_update = self->started;

  return self;
}

void
tally_cli_progress_free (TallyCliProgress *self)
{
  if (self == NULL)
    return;

  tally_cli_progress_clear (self);
  g_free (self);
}

/* Whether it is time to show the line again. */
gboolean
tally_cli_progress_is_due (TallyCliProgress *self)
{
  gint64 now;

  if (!self->enabled)
    return FALSE;

  now = g_get_monotonic_time ();
  if (now - self->last_update < UPDATE_INTERVAL_US)
    return FALSE;

  self->last_update = now;
  return TRUE;
}

void
tally_cli_progress_show (TallyCliProgress *self,
                         const char       *format,
                         ...)
{
  g_autofree char *text = NULL;
  va_list args;

  if (!self->enabled)
    return;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  /* Carriage return, the text, then erase what a longer line left. */
  fprintf (stderr, "\r%s\033[K", text);
  fflush (stderr);
  self->shown = TRUE;
}

/* Erases the line, before other output or at the end. */
void
tally_cli_progress_clear (TallyCliProgress *self)
{
  if (!self->shown)
    return;

  fputs ("\r\033[K", stderr);
  fflush (stderr);
  self->shown = FALSE;
}

/* Seconds since the progress was created. */
double
tally_cli_progress_elapsed (TallyCliProgress *self)
{
  return (g_get_monotonic_time () - self->started) / (double) G_USEC_PER_SEC;
}
