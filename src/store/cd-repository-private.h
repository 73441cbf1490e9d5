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

/*
 * Runs @func on the cache worker thread, in order with every other cache job
 * (the job fails with CD_CACHE_ERROR_IO when the cache is unavailable).  Its
 * result reaches @callback (source object NULL) and is taken with
 * cd_repository_cache_job_finish(); an untaken one is freed with @result_free.
 * @data is freed with @data_free once the job is done; it must not hold the
 * repository (the last unref may happen on the worker thread).
 */
typedef gpointer (*CdCacheJobFunc) (CdCache   *cache,
                                    gpointer   data,
                                    GError   **error);
void         cd_repository_run_cache_job    (CdRepository        *self,
                                             CdCacheJobFunc       func,
                                             gpointer             data,
                                             GDestroyNotify       data_free,
                                             GDestroyNotify       result_free,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gpointer     cd_repository_cache_job_finish (GAsyncResult        *result,
                                             GError             **error);

/*
 * "Keep offline" (cd-repository-offline.c).  The repository owns one
 * CdRepositoryOffline (created after the cache and the outbox are queued to
 * load, freed in dispose); it reaches back only through these hooks.
 */
typedef struct _CdRepositoryOffline CdRepositoryOffline;
CdRepositoryOffline *cd_repository_offline_new    (CdRepository        *self);
void         cd_repository_offline_free          (CdRepositoryOffline *offline);
CdRepositoryOffline *cd_repository_get_offline   (CdRepository        *self);
/* Drops @contact_id (0 = all) from the in-memory set after a purge or clear. */
void         cd_repository_offline_forget        (CdRepository        *self,
                                                  gint64               contact_id);
void         cd_repository_emit_offline_changed  (CdRepository        *self,
                                                  gint64               contact_id);
void         cd_repository_notify_offline_job    (CdRepository        *self);
/* Shows @notice (property "notice" and signal "notice"). */
void         cd_repository_post_notice           (CdRepository        *self,
                                                  const char          *notice);
/* cd_repository_get_campaign_async's body: returns a CdCampaign through @task. */
void         cd_repository_offline_get_campaign  (CdRepository        *self,
                                                  gint64               campaign_id,
                                                  GTask               *task);

/* The outbox (cd-repository-outbox.c): loads the entries once the cache opened. */
void         cd_repository_outbox_load      (CdRepository        *self);

G_END_DECLS
