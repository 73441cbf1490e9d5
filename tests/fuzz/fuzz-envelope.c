/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-fuzz"

#include <string.h>

#include "fuzz-envelope.h"

static const char * const header_names[] = {
  "Retry-After", "X-Request-Id", "ETag", "Content-Type",
};

/* Length of the header line at @data (without '\n'), or 0 when it is not one. */
static gsize
header_line_length (const uint8_t *data,
                    size_t         size)
{
  for (gsize i = 0; i < size && i <= 200; i++)
    {
      if (data[i] == '\n')
        return i;
      if (data[i] < 0x20 || data[i] > 0x7e)
        return 0;
    }
  return 0;
}

static gboolean
take_header (CdFuzzEnvelope *envelope,
             const char     *line)
{
  if (g_str_has_prefix (line, "Status: "))
    {
      guint64 status = g_ascii_strtoull (line + 8, NULL, 10);

      envelope->status = (guint) CLAMP (status, 100, 999);
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    {
      gsize len = strlen (header_names[i]);

      if (g_ascii_strncasecmp (line, header_names[i], len) == 0 &&
          line[len] == ':' && line[len + 1] == ' ')
        {
          soup_message_headers_append (envelope->headers, header_names[i], line + len + 2);
          return TRUE;
        }
    }
  return FALSE;
}

void
cd_fuzz_envelope_init (CdFuzzEnvelope *envelope,
                       const uint8_t  *data,
                       size_t          size,
                       guint           default_status)
{
  gsize len;

  envelope->status = default_status;
  envelope->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  while ((len = header_line_length (data, size)) > 0)
    {
      g_autofree char *line = g_strndup ((const char *) data, len);

      if (!take_header (envelope, line))
        break;
      data += len + 1;
      size -= len + 1;
    }
  envelope->body = g_bytes_new (data, size);
}

void
cd_fuzz_envelope_clear (CdFuzzEnvelope *envelope)
{
  g_clear_pointer (&envelope->headers, soup_message_headers_unref);
  g_clear_pointer (&envelope->body, g_bytes_unref);
}
