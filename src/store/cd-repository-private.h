/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-api-client.h"
#include "cd-cache.h"
#include "cd-repository.h"

G_BEGIN_DECLS

/* For tests and other store code: the client, e.g. to shorten timeouts/retries. */
CdApiClient *cd_repository_get_api_client (CdRepository *self);

/*
 * Write-through after a successful mutation: stores the server's new JSON (the
 * envelope's data) so the next open shows it.  Fire-and-forget; a failure
 * becomes a notice.  @doc says which per-contact document.
 */
void         cd_repository_cache_contact_json (CdRepository *self,
                                               gint64        contact_id,
                                               JsonNode     *data,
                                               const char   *etag);
void         cd_repository_cache_doc_json     (CdRepository *self,
                                               CdCacheDoc    doc,
                                               gint64        contact_id,
                                               JsonNode     *data,
                                               const char   *etag);
/* Parses a response's `data` into what a repository call returns (an object). */
typedef gpointer (*CdResponseParser) (JsonNode  *data,
                                      GError   **error);

/*
 * A task for "one client request whose data becomes one object": start the
 * request with cd_repository_parsed_response_cb as its callback and the task as
 * its user data; finish with g_task_propagate_pointer.
 */
GTask       *cd_repository_parsed_task_new     (CdRepository        *self,
                                                gpointer             source_tag,
                                                CdResponseParser     parser,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void         cd_repository_parsed_response_cb (GObject             *client,
                                                GAsyncResult        *result,
                                                gpointer             user_data);

/* Finishes a client request and keeps `online` in step with its outcome
 * (a cancelled request says nothing about the connection). */
CdApiResponse *cd_repository_finish_request (CdRepository  *self,
                                             GObject       *client,
                                             GAsyncResult  *result,
                                             GError       **error);

/* Marks the repository online/offline after a mutation's outcome. */
void         cd_repository_note_request_outcome (CdRepository *self,
                                                 const GError *error);

G_END_DECLS
