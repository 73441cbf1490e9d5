/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-api-response.h"

G_BEGIN_DECLS

/*
 * CdApiClient: one backend (base URL + API key + tenant), one SoupSession.
 *
 * Every endpoint has a cd_api_client_<name>_async() method; all of them finish
 * with cd_api_client_request_finish(), which returns a CdApiResponse or a
 * CD_API_ERROR (G_IO_ERROR_CANCELLED when the caller cancelled).
 *
 * Ids are backend integers (gint64).  Optional integer arguments use 0 for
 * "not sent"; optional strings use NULL (or "") for "not sent".
 *
 * Mutations take @idempotency_key: NULL makes the client generate a UUID; the
 * key actually sent is cd_api_response_get_idempotency_key() on success (and
 * callers that must persist it, such as the outbox, should generate it
 * themselves and pass it in).
 *
 * Retries: GETs are retried up to max-get-retries times (default 2) with
 * exponential backoff and jitter on NETWORK (except a refused connection: the
 * server is down, and the caller's cache answers faster), TIMEOUT, 502, 503, 504
 * and 429 (429 waits Retry-After when it is within the cap, otherwise fails at once).
 * Mutations are retried (same Idempotency-Key, same budget) only on NETWORK or
 * TIMEOUT errors that happened before the request body was completely written
 * (refused connection, DNS, connect timeout), i.e. when the server cannot have
 * acted on it; anything else (dropped after sending, 5xx, 429) is reported to
 * the caller, who may replay with the same key (the outbox does).
 *
 * Timeouts: the connect limit covers resolving + connecting a new connection;
 * the request limit covers each attempt as a whole (headers and body), so a
 * stalled body fails with CD_API_ERROR_TIMEOUT.  A Retry-After above
 * max-retry-after is not waited for: the RATE_LIMITED error carries it.
 *
 * Redirects are followed (at most 5) only for the recording and transcript
 * downloads; credentials are not sent to another origin.
 */

#define CD_TYPE_API_CLIENT (cd_api_client_get_type ())
G_DECLARE_FINAL_TYPE (CdApiClient, cd_api_client, CD, API_CLIENT, GObject)

/* Query of GET /voice_sessions; NULL strings and 0 numbers are not sent. */
typedef struct
{
  gint64      contact_id;
  const char *search;
  const char *sort;           /* started_at | duration | status */
  const char *order;          /* asc | desc */
  const char *cursor;
  guint       page_size;
  const char *direction;      /* inbound | outbound */
  const char *status;
  const char *started_after;  /* RFC 3339 */
  const char *started_before; /* RFC 3339 */
  gint64      campaign_id;
  const char *if_none_match;  /* the page's ETag when revalidating it */
} CdSessionQuery;

/* @base_url such as "http://127.0.0.1:PORT/api/v1" (a trailing slash is fine). */
CdApiClient   *cd_api_client_new                   (const char   *base_url);

const char    *cd_api_client_get_base_url          (CdApiClient  *self);
/* Sent as X-Api-Key; NULL/"" sends none.  Never logged. */
void           cd_api_client_set_api_key           (CdApiClient  *self,
                                                    const char   *api_key);
/* Sent as "Authorization: Bearer …" (the platform's JWT login); NULL/"" sends none. */
void           cd_api_client_set_bearer_token      (CdApiClient  *self,
                                                    const char   *token);
/* Sent as X-Tenant-Id; NULL/"" sends none. */
void           cd_api_client_set_tenant_id         (CdApiClient  *self,
                                                    const char   *tenant_id);
const char    *cd_api_client_get_tenant_id         (CdApiClient  *self);
/* Connect limit (default 5000 ms) and whole-request limit (default 20000 ms). */
void           cd_api_client_set_timeouts          (CdApiClient  *self,
                                                    guint         connect_ms,
                                                    guint         request_ms);
/* First retry waits about @delay_ms (default 300), doubling each time, ±jitter. */
void           cd_api_client_set_retry_base_delay  (CdApiClient  *self,
                                                    guint         delay_ms);
void           cd_api_client_set_max_get_retries   (CdApiClient  *self,
                                                    guint         max_retries);
/* While FALSE, no request is retried: the caller already knows the server is
 * unreachable and wants the offline answer at once (default TRUE). */
void           cd_api_client_set_retries_enabled   (CdApiClient  *self,
                                                    gboolean      enabled);
/* Longest Retry-After the client waits for on its own (default 10 s). */
void           cd_api_client_set_max_retry_after   (CdApiClient  *self,
                                                    guint         seconds);
/* Bodies larger than this are BAD_RESPONSE (default 16 MiB). */
void           cd_api_client_set_max_response_size (CdApiClient  *self,
                                                    gsize         max_bytes);

CdApiResponse *cd_api_client_request_finish        (CdApiClient  *self,
                                                    GAsyncResult *result,
                                                    GError      **error);

/* GET /me */
void cd_api_client_get_me_async               (CdApiClient         *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* GET /contacts?page&per_page&search */
void cd_api_client_list_contacts_async        (CdApiClient         *self,
                                               guint                page,
                                               guint                per_page,
                                               const char          *search,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* GET /contacts/{id} */
void cd_api_client_get_contact_async          (CdApiClient         *self,
                                               gint64               id,
                                               const char          *if_none_match,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* PATCH /contacts/{id} */
void cd_api_client_update_contact_async       (CdApiClient         *self,
                                               gint64               id,
                                               JsonObject          *changes,
                                               const char          *if_match,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* POST /contacts/{id}/archive */
void cd_api_client_archive_contact_async      (CdApiClient         *self,
                                               gint64               id,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* POST /contacts/{id}/unarchive */
void cd_api_client_unarchive_contact_async    (CdApiClient         *self,
                                               gint64               id,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* DELETE /contacts/{id}/gdpr_delete */
void cd_api_client_gdpr_erase_contact_async   (CdApiClient         *self,
                                               gint64               id,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* DELETE /contacts/{id}/hard_delete */
void cd_api_client_hard_delete_contact_async  (CdApiClient         *self,
                                               gint64               id,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* GET /contacts/{id}/data_export: data = parsed export, body = raw bytes to save */
void cd_api_client_export_contact_data_async  (CdApiClient         *self,
                                               gint64               id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* GET /custom_fields */
void cd_api_client_list_custom_fields_async   (CdApiClient         *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* POST /dnc_entries {phone_e164, reason} */
void cd_api_client_add_dnc_entry_async        (CdApiClient         *self,
                                               const char          *phone_e164,
                                               const char          *reason,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* DELETE /dnc_entries/{id} {reason} */
void cd_api_client_remove_dnc_entry_async     (CdApiClient         *self,
                                               gint64               entry_id,
                                               const char          *reason,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* GET /voice_sessions?… (@query may be NULL) */
void cd_api_client_list_voice_sessions_async  (CdApiClient          *self,
                                               const CdSessionQuery *query,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* GET /voice_sessions/{id} */
void cd_api_client_get_voice_session_async    (CdApiClient         *self,
                                               gint64               id,
                                               const char          *if_none_match,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* GET /voice_sessions/{id}/recording → body bytes (follows up to 5 redirects) */
void cd_api_client_get_recording_async        (CdApiClient         *self,
                                               gint64               id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* GET /voice_sessions/{id}/transcript_pdf → body bytes */
void cd_api_client_get_transcript_pdf_async   (CdApiClient         *self,
                                               gint64               id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* POST /contacts/{id}/calls → 201 {voice_session_id}; mappings/vars may be NULL */
void cd_api_client_start_call_async           (CdApiClient         *self,
                                               gint64               contact_id,
                                               gint64               phone_number_id,
                                               gint64               agent_id,
                                               JsonObject          *variable_mappings,
                                               JsonObject          *runtime_vars,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* GET /phone_numbers?status */
void cd_api_client_list_phone_numbers_async   (CdApiClient         *self,
                                               const char          *status,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* GET /agents?status */
void cd_api_client_list_agents_async          (CdApiClient         *self,
                                               const char          *status,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* GET /bulk_call_campaigns/{id} */
void cd_api_client_get_campaign_async         (CdApiClient         *self,
                                               gint64               id,
                                               const char          *if_none_match,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* GET /contacts/{id}/follow_ups?status */
void cd_api_client_list_follow_ups_async      (CdApiClient         *self,
                                               gint64               contact_id,
                                               const char          *status,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* The same with If-None-Match (revalidating a cached list: 304 = unchanged). */
void cd_api_client_list_follow_ups_if_none_match_async (CdApiClient         *self,
                                                        gint64               contact_id,
                                                        const char          *if_none_match,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/* POST /contacts/{id}/follow_ups */
void cd_api_client_create_follow_up_async     (CdApiClient         *self,
                                               gint64               contact_id,
                                               JsonObject          *fields,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* PATCH /follow_ups/{id} */
void cd_api_client_update_follow_up_async     (CdApiClient         *self,
                                               gint64               id,
                                               JsonObject          *changes,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* GET /contacts/{id}/memory */
void cd_api_client_get_memory_async           (CdApiClient         *self,
                                               gint64               contact_id,
                                               const char          *if_none_match,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* PUT /contacts/{id}/memory/summary {summary} */
void cd_api_client_put_memory_summary_async   (CdApiClient         *self,
                                               gint64               contact_id,
                                               const char          *summary,
                                               const char          *if_match,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* PUT /contacts/{id}/memory/open_items {items} */
void cd_api_client_put_memory_open_items_async (CdApiClient        *self,
                                                gint64              contact_id,
                                                JsonArray          *items,
                                                const char         *if_match,
                                                const char         *idempotency_key,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
/* PUT /contacts/{id}/memory/facts/{key} {label?, value} */
void cd_api_client_put_memory_fact_async      (CdApiClient         *self,
                                               gint64               contact_id,
                                               const char          *key,
                                               const char          *label,
                                               const char          *value,
                                               const char          *if_match,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* POST /contacts/{id}/memory/facts/{key}/reset */
void cd_api_client_reset_memory_fact_async    (CdApiClient         *self,
                                               gint64               contact_id,
                                               const char          *key,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* POST /contacts/{id}/memory/rebuild {max_calls} → 202 {job} */
void cd_api_client_rebuild_memory_async       (CdApiClient         *self,
                                               gint64               contact_id,
                                               guint                max_calls,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);

/*
 * Extension (the outbox replays stored requests): any mutation of the endpoint
 * table by @method and expanded @path (e.g. "PATCH", "/contacts/501").  A path
 * that is not a mutation of the table fails at once with BAD_RESPONSE.
 */
void cd_api_client_send_async                 (CdApiClient         *self,
                                               const char          *method,
                                               const char          *path,
                                               JsonObject          *body,
                                               const char          *if_match,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);

G_END_DECLS
