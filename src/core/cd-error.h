/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CD_API_ERROR (cd_api_error_quark ())

/* Every failure the backend or the network can produce, as the UI must tell them apart. */
typedef enum
{
  CD_API_ERROR_NETWORK,             /* connection refused, DNS, dropped connection */
  CD_API_ERROR_TIMEOUT,             /* connect or whole-request timeout */
  CD_API_ERROR_UNAUTHORIZED,        /* 401 */
  CD_API_ERROR_FORBIDDEN,           /* 403 */
  CD_API_ERROR_NOT_FOUND,           /* 404 */
  CD_API_ERROR_CONFLICT,            /* 409, e.g. HAS_HISTORY */
  CD_API_ERROR_PRECONDITION_FAILED, /* 412, stale If-Match */
  CD_API_ERROR_VALIDATION,          /* 422, with field errors */
  CD_API_ERROR_RATE_LIMITED,        /* 429, with Retry-After */
  CD_API_ERROR_SERVER,              /* 5xx and unexpected statuses */
  CD_API_ERROR_BAD_RESPONSE,        /* malformed JSON, wrong member types */
} CdApiError;

GQuark       cd_api_error_quark (void);

GError      *cd_api_error_new                (CdApiError  code,
                                              guint       http_status,
                                              const char *message,
                                              const char *error_code,
                                              const char *request_id);
GError      *cd_api_error_new_bad_member     (const char *member,
                                              const char *expected);
void         cd_api_error_add_field_message  (GError     *error,
                                              const char *field,
                                              const char *message);
void         cd_api_error_set_retry_after    (GError     *error,
                                              guint       seconds);

const char  *cd_api_error_get_request_id     (const GError *error);
const char  *cd_api_error_get_error_code     (const GError *error);
guint        cd_api_error_get_http_status    (const GError *error);
guint        cd_api_error_get_retry_after    (const GError *error);
/* Field names with messages, sorted; NULL-terminated, free with g_strfreev. */
char       **cd_api_error_dup_fields         (const GError *error);
/* Messages for one field, or NULL; owned by the error. */
const char * const *cd_api_error_get_field_messages (const GError *error,
                                                     const char   *field);

G_END_DECLS
