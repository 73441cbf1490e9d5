/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "fuzz-common.h"

G_BEGIN_DECLS

/*
 * Input of the envelope harnesses: optional header lines, then the body.
 * Leading lines "Status: NNN", "Retry-After: …", "X-Request-Id: …", "ETag: …" or
 * "Content-Type: …" (printable ASCII, '\n'-terminated, ≤ 200 bytes) become the
 * status and response headers; everything after them is the body.  Seeds from the
 * demo backend are plain bodies, optionally with a header prefix.
 */
typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
} CdFuzzEnvelope;

void cd_fuzz_envelope_init  (CdFuzzEnvelope *envelope,
                             const uint8_t  *data,
                             size_t          size,
                             guint           default_status);
void cd_fuzz_envelope_clear (CdFuzzEnvelope *envelope);

G_END_DECLS
