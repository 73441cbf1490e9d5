/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every endpoint of api.md; the method and path of each live in one table. */
typedef enum
{
  CD_API_ENDPOINT_ME,
  CD_API_ENDPOINT_LIST_CONTACTS,
  CD_API_ENDPOINT_GET_CONTACT,
  CD_API_ENDPOINT_UPDATE_CONTACT,
  CD_API_ENDPOINT_ARCHIVE_CONTACT,
  CD_API_ENDPOINT_UNARCHIVE_CONTACT,
  CD_API_ENDPOINT_GDPR_ERASE_CONTACT,
  CD_API_ENDPOINT_HARD_DELETE_CONTACT,
  CD_API_ENDPOINT_EXPORT_CONTACT_DATA,
  CD_API_ENDPOINT_LIST_CUSTOM_FIELDS,
  CD_API_ENDPOINT_ADD_DNC_ENTRY,
  CD_API_ENDPOINT_REMOVE_DNC_ENTRY,
  CD_API_ENDPOINT_LIST_VOICE_SESSIONS,
  CD_API_ENDPOINT_GET_VOICE_SESSION,
  CD_API_ENDPOINT_GET_RECORDING,
  CD_API_ENDPOINT_GET_TRANSCRIPT_PDF,
  CD_API_ENDPOINT_START_CALL,
  CD_API_ENDPOINT_LIST_PHONE_NUMBERS,
  CD_API_ENDPOINT_LIST_AGENTS,
  CD_API_ENDPOINT_GET_CAMPAIGN,
  CD_API_ENDPOINT_LIST_FOLLOW_UPS,
  CD_API_ENDPOINT_CREATE_FOLLOW_UP,
  CD_API_ENDPOINT_UPDATE_FOLLOW_UP,
  CD_API_ENDPOINT_GET_MEMORY,
  CD_API_ENDPOINT_PUT_MEMORY_SUMMARY,
  CD_API_ENDPOINT_PUT_MEMORY_OPEN_ITEMS,
  CD_API_ENDPOINT_PUT_MEMORY_FACT,
  CD_API_ENDPOINT_RESET_MEMORY_FACT,
  CD_API_ENDPOINT_REBUILD_MEMORY,
  CD_API_N_ENDPOINTS
} CdApiEndpoint;

/* What the success envelope's "data" must be; anything else is BAD_RESPONSE. */
typedef enum
{
  CD_API_DATA_NONE,   /* binary endpoint: no envelope */
  CD_API_DATA_OBJECT, /* an object (mutations may also answer null) */
  CD_API_DATA_ARRAY,
} CdApiDataShape;

const char *cd_api_endpoint_get_method (CdApiEndpoint endpoint);
CdApiDataShape cd_api_endpoint_get_data_shape (CdApiEndpoint endpoint);
/* The template, e.g. "/contacts/{}/memory/facts/{}". */
const char *cd_api_endpoint_get_path   (CdApiEndpoint endpoint);
/*
 * Expands the template: each "{}" takes the next of @args, percent-escaped as
 * one path segment.  Returns NULL when @args has too few or too many entries.
 */
char       *cd_api_endpoint_expand     (CdApiEndpoint       endpoint,
                                        const char * const *args);
/*
 * The endpoint whose method is @method and whose template matches @path (an
 * expanded path such as "/contacts/501"); CD_API_N_ENDPOINTS when none does.
 */
CdApiEndpoint cd_api_endpoint_match    (const char         *method,
                                        const char         *path);

G_END_DECLS
