/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-net"

#include "cd-api-paths.h"

#include <string.h>

typedef struct
{
  const char     *method;
  const char     *path;
  CdApiDataShape  shape;
} CdApiRoute;

/* The one table of the backend's paths, relative to the base URL (…/api/v1). */
static const CdApiRoute routes[CD_API_N_ENDPOINTS] = {
  [CD_API_ENDPOINT_ME]                     = { "GET",    "/me",                                   CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_LIST_CONTACTS]          = { "GET",    "/contacts",                             CD_API_DATA_ARRAY },
  [CD_API_ENDPOINT_GET_CONTACT]            = { "GET",    "/contacts/{}",                          CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_UPDATE_CONTACT]         = { "PATCH",  "/contacts/{}",                          CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_ARCHIVE_CONTACT]        = { "POST",   "/contacts/{}/archive",                  CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_UNARCHIVE_CONTACT]      = { "POST",   "/contacts/{}/unarchive",                CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_GDPR_ERASE_CONTACT]     = { "DELETE", "/contacts/{}/gdpr_delete",              CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_HARD_DELETE_CONTACT]    = { "DELETE", "/contacts/{}/hard_delete",              CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_EXPORT_CONTACT_DATA]    = { "GET",    "/contacts/{}/data_export",              CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_LIST_CUSTOM_FIELDS]     = { "GET",    "/custom_fields",                        CD_API_DATA_ARRAY },
  [CD_API_ENDPOINT_ADD_DNC_ENTRY]          = { "POST",   "/dnc_entries",                          CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_REMOVE_DNC_ENTRY]       = { "DELETE", "/dnc_entries/{}",                       CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_LIST_VOICE_SESSIONS]    = { "GET",    "/voice_sessions",                       CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_GET_VOICE_SESSION]      = { "GET",    "/voice_sessions/{}",                    CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_GET_RECORDING]          = { "GET",    "/voice_sessions/{}/recording",          CD_API_DATA_NONE },
  [CD_API_ENDPOINT_GET_TRANSCRIPT_PDF]     = { "GET",    "/voice_sessions/{}/transcript_pdf",     CD_API_DATA_NONE },
  [CD_API_ENDPOINT_START_CALL]             = { "POST",   "/contacts/{}/calls",                    CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_LIST_PHONE_NUMBERS]     = { "GET",    "/phone_numbers",                        CD_API_DATA_ARRAY },
  [CD_API_ENDPOINT_LIST_AGENTS]            = { "GET",    "/agents",                               CD_API_DATA_ARRAY },
  [CD_API_ENDPOINT_GET_CAMPAIGN]           = { "GET",    "/bulk_call_campaigns/{}",               CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_LIST_FOLLOW_UPS]        = { "GET",    "/contacts/{}/follow_ups",               CD_API_DATA_ARRAY },
  [CD_API_ENDPOINT_CREATE_FOLLOW_UP]       = { "POST",   "/contacts/{}/follow_ups",               CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_UPDATE_FOLLOW_UP]       = { "PATCH",  "/follow_ups/{}",                        CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_GET_MEMORY]             = { "GET",    "/contacts/{}/memory",                   CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_PUT_MEMORY_SUMMARY]     = { "PUT",    "/contacts/{}/memory/summary",           CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_PUT_MEMORY_OPEN_ITEMS]  = { "PUT",    "/contacts/{}/memory/open_items",        CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_PUT_MEMORY_FACT]        = { "PUT",    "/contacts/{}/memory/facts/{}",          CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_RESET_MEMORY_FACT]      = { "POST",   "/contacts/{}/memory/facts/{}/reset",    CD_API_DATA_OBJECT },
  [CD_API_ENDPOINT_REBUILD_MEMORY]         = { "POST",   "/contacts/{}/memory/rebuild",           CD_API_DATA_OBJECT },
};

const char *
cd_api_endpoint_get_method (CdApiEndpoint endpoint)
{
  g_return_val_if_fail (endpoint < CD_API_N_ENDPOINTS, NULL);
  return routes[endpoint].method;
}

CdApiDataShape
cd_api_endpoint_get_data_shape (CdApiEndpoint endpoint)
{
  g_return_val_if_fail (endpoint < CD_API_N_ENDPOINTS, CD_API_DATA_NONE);
  return routes[endpoint].shape;
}

const char *
cd_api_endpoint_get_path (CdApiEndpoint endpoint)
{
  g_return_val_if_fail (endpoint < CD_API_N_ENDPOINTS, NULL);
  return routes[endpoint].path;
}

char *
cd_api_endpoint_expand (CdApiEndpoint       endpoint,
                        const char * const *args)
{
  g_autoptr(GString) out = NULL;
  const char *p;
  guint n = 0;

  g_return_val_if_fail (endpoint < CD_API_N_ENDPOINTS, NULL);

  out = g_string_new (NULL);
  for (p = routes[endpoint].path; *p != '\0'; p++)
    {
      if (p[0] == '{' && p[1] == '}')
        {
          if (args == NULL || args[n] == NULL)
            return NULL;
          /* No reserved characters allowed: a "/" or "?" in a key stays data. */
          g_string_append_uri_escaped (out, args[n++], NULL, FALSE);
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  if (args != NULL && args[n] != NULL)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* One "{}" matches one non-empty segment; everything else must be equal. */
static gboolean
template_matches (const char *template,
                  const char *path)
{
  g_auto(GStrv) want = g_strsplit (template, "/", -1);
  g_auto(GStrv) have = g_strsplit (path, "/", -1);

  if (g_strv_length (want) != g_strv_length (have))
    return FALSE;
  for (guint i = 0; want[i] != NULL; i++)
    {
      if (g_str_equal (want[i], "{}") ? have[i][0] == '\0' : !g_str_equal (want[i], have[i]))
        return FALSE;
    }
  return TRUE;
}

CdApiEndpoint
cd_api_endpoint_match (const char *method,
                       const char *path)
{
  g_return_val_if_fail (method != NULL && path != NULL, CD_API_N_ENDPOINTS);

  for (guint i = 0; i < CD_API_N_ENDPOINTS; i++)
    if (g_str_equal (routes[i].method, method) && template_matches (routes[i].path, path))
      return (CdApiEndpoint) i;
  return CD_API_N_ENDPOINTS;
}
