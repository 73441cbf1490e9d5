/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include "cd-api-response.h"
#include "fuzz-envelope.h"

/* cd_api_parse_error_envelope(): any non-2xx body (JSON or garbage) → CD_API_ERROR. */

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
  static const guint statuses[] = { 400, 404, 422, 429, 503 };
  CdFuzzEnvelope envelope;
  g_autoptr(GError) error = NULL;

  /* Without a Status line the status follows the input size, so all kinds are hit. */
  cd_fuzz_envelope_init (&envelope, data, size, statuses[size % G_N_ELEMENTS (statuses)]);
  if (envelope.status >= 200 && envelope.status < 300)
    envelope.status = 500;
  error = cd_api_parse_error_envelope (envelope.status, envelope.body, envelope.headers);
  /* Always an error, of our domain, with a message to show. */
  g_assert (error != NULL);
  g_assert (error->domain == CD_API_ERROR);
  g_assert (error->message != NULL && *error->message != '\0');
  cd_fuzz_use_error (error);
  g_clear_error (&error);

  /* A dead connection has neither body nor headers. */
  error = cd_api_parse_error_envelope (envelope.status, NULL, NULL);
  g_assert (error != NULL);
  cd_fuzz_envelope_clear (&envelope);
  return 0;
}
