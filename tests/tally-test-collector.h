/* tally-test-collector.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tally-collector.h"

G_BEGIN_DECLS

/* The collector's tests: a TallyCollector on a free loopback port over a
 * real store in a fresh folder, a SoupSession to talk to it, and the
 * requests, answers and events they exchange. */
typedef struct
{
  char           *dir;
  TallyStore     *store;
  TallyCollector *collector;
  SoupSession    *session;
  char           *base;
  gint64          t0;     /* a whole hour, two days ago: every event's time */
} Fixture;

typedef struct
{
  guint               status;
  char               *body;
  SoupMessageHeaders *headers;
} Response;

void      tc_response_free    (Response           *response);
void      tc_start_collector  (Fixture            *f);
void      tc_fixture_setup    (Fixture            *f,
                               gconstpointer       data);
void      tc_fixture_teardown (Fixture            *f,
                               gconstpointer       data);
Response *tc_send_request     (Fixture            *f,
                               const char         *method,
                               const char         *path,
                               const char         *content_type,
                               GBytes             *body,
                               const char * const *headers);
Response *tc_post             (Fixture            *f,
                               const char         *path,
                               const char         *content_type,
                               const char         *text);
Response *tc_get              (Fixture            *f,
                               const char         *path);
JsonNode *tc_parse_json       (const char         *text);
char     *tc_error_of         (const Response     *response);
void      tc_assert_error     (const Response     *response,
                               guint               status,
                               const char         *needle);
gint64    tc_count_events     (Fixture            *f);
char     *tc_event_json       (Fixture            *f,
                               int                 offset,
                               const char         *model,
                               int                 input_tokens);
char     *tc_events_array     (Fixture            *f,
                               guint               n,
                               guint               seed);
double    tc_sum_over_day     (Fixture            *f,
                               TallyMetric         metric,
                               const char         *model);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, tc_response_free)

G_END_DECLS
