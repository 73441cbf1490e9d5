/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * One answer of the backend, immutable once handed to a caller.  JSON endpoints
 * fill @data (the envelope's "data", never NULL for a 200/201/202 JSON answer);
 * binary endpoints (recording, transcript PDF) fill @body instead.  304 Not
 * Modified and 204 No Content carry neither data nor body.
 */
typedef struct _CdApiResponse CdApiResponse;

#define CD_TYPE_API_RESPONSE (cd_api_response_get_type ())

GType           cd_api_response_get_type          (void) G_GNUC_CONST;

CdApiResponse  *cd_api_response_new               (guint          http_status);
CdApiResponse  *cd_api_response_ref               (CdApiResponse *self);
void            cd_api_response_unref             (CdApiResponse *self);

guint           cd_api_response_get_http_status   (const CdApiResponse *self);
/* The envelope's "data" (borrowed), or NULL for 304/204/binary answers. */
JsonNode       *cd_api_response_get_data          (const CdApiResponse *self);
/* The envelope's "meta" object (borrowed), or NULL. */
JsonObject     *cd_api_response_get_meta          (const CdApiResponse *self);
const char     *cd_api_response_get_message       (const CdApiResponse *self);
const char     *cd_api_response_get_etag          (const CdApiResponse *self);
/* From the envelope, else the X-Request-Id header; may be NULL. */
const char     *cd_api_response_get_request_id    (const CdApiResponse *self);
/* TRUE for 304: the caller's copy (sent as If-None-Match) is still fresh. */
gboolean        cd_api_response_get_not_modified  (const CdApiResponse *self);
/* Raw response bytes (always set for binary endpoints and data export), or NULL. */
GBytes         *cd_api_response_get_body          (const CdApiResponse *self);
const char     *cd_api_response_get_content_type  (const CdApiResponse *self);
/* The Idempotency-Key the request was sent with (mutations only), or NULL. */
const char     *cd_api_response_get_idempotency_key (const CdApiResponse *self);

/* Setters used while building a response (before it is handed out). */
void            cd_api_response_set_data          (CdApiResponse *self,
                                                   JsonNode      *data);
void            cd_api_response_set_meta          (CdApiResponse *self,
                                                   JsonObject    *meta);
void            cd_api_response_set_message       (CdApiResponse *self,
                                                   const char    *message);
void            cd_api_response_set_etag          (CdApiResponse *self,
                                                   const char    *etag);
void            cd_api_response_set_request_id    (CdApiResponse *self,
                                                   const char    *request_id);
void            cd_api_response_set_not_modified  (CdApiResponse *self,
                                                   gboolean       not_modified);
void            cd_api_response_set_body          (CdApiResponse *self,
                                                   GBytes        *body);
void            cd_api_response_set_content_type  (CdApiResponse *self,
                                                   const char    *content_type);
void            cd_api_response_set_idempotency_key (CdApiResponse *self,
                                                     const char    *key);

/*
 * Envelope parsers, pure functions (no network) so fuzzers can call them.
 * @body and @headers may be NULL.
 *
 * cd_api_parse_error_envelope() always returns a CD_API_ERROR for a non-2xx
 * @status: the code matches the status, the message comes from "error" (or a
 * generic text for the status), plus error_code, request_id (envelope or
 * X-Request-Id), "errors" field messages and Retry-After.  Garbage bodies are
 * tolerated.
 *
 * cd_api_parse_success_envelope() parses a 2xx JSON envelope; malformed JSON, a
 * non-object envelope, a missing "data" or wrong envelope member types are
 * CD_API_ERROR_BAD_RESPONSE.
 */
GError         *cd_api_parse_error_envelope       (guint                status,
                                                   GBytes              *body,
                                                   SoupMessageHeaders  *headers);
CdApiResponse  *cd_api_parse_success_envelope     (guint                status,
                                                   GBytes              *body,
                                                   SoupMessageHeaders  *headers,
                                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdApiResponse, cd_api_response_unref)

G_END_DECLS
