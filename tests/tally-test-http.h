/* tally-test-http.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _TallyTestHttp TallyTestHttp;

/* A reply that never comes: the server holds the request open. */
#define TALLY_TEST_HTTP_HANG 0

TallyTestHttp *tally_test_http_new           (void);
void           tally_test_http_free          (TallyTestHttp *self);
const char    *tally_test_http_get_url       (TallyTestHttp *self);
void           tally_test_http_queue         (TallyTestHttp *self,
                                              const char    *path,
                                              guint          status,
                                              const char    *headers,
                                              const char    *body);
guint          tally_test_http_count         (TallyTestHttp *self,
                                              const char    *path);
const char    *tally_test_http_last_query    (TallyTestHttp *self,
                                              const char    *path);
const char    *tally_test_http_last_header   (TallyTestHttp *self,
                                              const char    *name);
GPtrArray     *tally_test_http_queries       (TallyTestHttp *self,
                                              const char    *path);

char          *tally_test_raw_server_new     (const char    *response,
                                              GSocketService **out_service);
char          *tally_test_refused_url        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyTestHttp, tally_test_http_free)

G_END_DECLS
