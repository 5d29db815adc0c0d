/* tally-otlp.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "tally-event.h"

G_BEGIN_DECLS

/**
 * TallyOtlpTraces:
 * @events: (element-type TallyEvent): one event per model-call span, in
 *   request order
 * @rejected: (element-type TallyEventRejection): model-call spans that
 *   break an event rule; the index counts every span of the request from 0,
 *   the message starts with the span id (`span 5f2b…: gen_ai.usage…`)
 * @n_spans: every span in the request
 * @n_ignored: spans that are not model calls (no gen_ai model or usage
 *   attribute): accepted by OTLP's rules, but not events
 *
 * What an OTLP/HTTP JSON ExportTraceServiceRequest holds for Tally
 * (docs/events.md, "OpenTelemetry traces", has the attribute mapping).
 */
typedef struct
{
  GPtrArray *events;
  GArray    *rejected;
  guint      n_spans;
  guint      n_ignored;
} TallyOtlpTraces;

TallyOtlpTraces *tally_otlp_parse_traces           (const char            *body,
                                                    gsize                  len,
                                                    gint64                 now_ms,
                                                    guint                  max_spans,
                                                    GError               **error);
void             tally_otlp_traces_free            (TallyOtlpTraces       *traces);

char            *tally_otlp_build_response         (guint                  rejected_spans,
                                                    const char            *error_message);
char            *tally_otlp_traces_build_response  (const TallyOtlpTraces *traces);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyOtlpTraces, tally_otlp_traces_free)

G_END_DECLS
