/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include "cd-api-response.h"
#include "fuzz-envelope.h"

/* cd_api_parse_success_envelope(): a 2xx body → CdApiResponse (data, meta, request id). */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cd_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  CdFuzzEnvelope envelope;
  g_autoptr(CdApiResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  cd_fuzz_envelope_init (&envelope, data, size, 200);
  if (envelope.status < 200 || envelope.status > 299)
    envelope.status = 200;
  response = cd_api_parse_success_envelope (envelope.status, envelope.body,
                                            envelope.headers, &error);
  g_assert ((response == NULL) == (error != NULL));
  cd_fuzz_use_error (error);
  if (response != NULL)
    {
      JsonObject *meta = cd_api_response_get_meta (response);

      g_assert (cd_api_response_get_http_status (response) == envelope.status);
      cd_fuzz_walk_json (cd_api_response_get_data (response), 1);
      if (meta != NULL)
        {
          g_autoptr(JsonNode) meta_node = json_node_init_object (json_node_alloc (), meta);

          cd_fuzz_walk_json (meta_node, 1);
        }
      cd_fuzz_use_string (cd_api_response_get_message (response));
      cd_fuzz_use_string (cd_api_response_get_etag (response));
      cd_fuzz_use_string (cd_api_response_get_request_id (response));
      cd_fuzz_use_string (cd_api_response_get_content_type (response));
    }
  cd_fuzz_envelope_clear (&envelope);
  return 0;
}
