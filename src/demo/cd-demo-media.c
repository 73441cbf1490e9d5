/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-demo"

#include <math.h>

#include "cd-demo-private.h"

/* Small generated media so recordings and transcript PDFs work with no files on disk. */

#define WAV_RATE 8000
#define WAV_SECONDS 3

static void
put_le (GByteArray *out, guint32 value, guint bytes)
{
  for (guint i = 0; i < bytes; i++)
    {
      guint8 b = (value >> (8 * i)) & 0xff;

      g_byte_array_append (out, &b, 1);
    }
}

/* 3 s of 8 kHz mono 16-bit PCM: three tones whose pitch depends on the session. */
GBytes *
cd_demo_media_wav (gint64 session_id)
{
  guint       samples = WAV_RATE * WAV_SECONDS;
  GByteArray *out = g_byte_array_sized_new (44 + samples * 2);
  double      base = 330.0 + (session_id % 7) * 40.0;

  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  put_le (out, 36 + samples * 2, 4);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  put_le (out, 16, 4);
  put_le (out, 1, 2); /* PCM */
  put_le (out, 1, 2); /* mono */
  put_le (out, WAV_RATE, 4);
  put_le (out, WAV_RATE * 2, 4);
  put_le (out, 2, 2);
  put_le (out, 16, 2);
  g_byte_array_append (out, (const guint8 *) "data", 4);
  put_le (out, samples * 2, 4);
  for (guint i = 0; i < samples; i++)
    {
      double freq = base * (1.0 + (i / WAV_RATE) * 0.25);
      gint16 value = (gint16) (8000.0 * sin (2.0 * G_PI * freq * i / WAV_RATE));

      put_le (out, (guint16) value, 2);
    }
  return g_byte_array_free_to_bytes (out);
}

/* PDF string literal: ASCII only (base-14 fonts), with ( ) \ escaped. */
static void
append_pdf_text (GString *out, const char *text)
{
  g_string_append_c (out, '(');
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (c == '(' || c == ')' || c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, c < 0x20 || c > 0x7e ? '?' : (char) c);
    }
  g_string_append_c (out, ')');
}

static char *
content_stream (const char *title, const char *const *lines)
{
  GString *s = g_string_new ("BT /F1 14 Tf 50 800 Td ");

  append_pdf_text (s, title);
  g_string_append (s, " Tj /F1 10 Tf 0 -24 Td 14 TL");
  for (guint i = 0; lines[i] != NULL && i < 50; i++)
    {
      g_string_append_c (s, ' ');
      append_pdf_text (s, lines[i]);
      g_string_append (s, " Tj T*");
    }
  g_string_append (s, " ET");
  return g_string_free (s, FALSE);
}

GBytes *
cd_demo_media_pdf (const char *title, const char *const *lines)
{
  g_autofree char *stream = content_stream (title, lines);
  GString         *pdf = g_string_new ("%PDF-1.4\n");
  gsize            offsets[5];
  gsize            xref;
  const char      *objects[4] = {
         "<< /Type /Catalog /Pages 2 0 R >>",
         "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
              " /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
         NULL,
  };

  for (guint i = 0; i < 3; i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  offsets[3] = pdf->len;
  g_string_append_printf (pdf, "4 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
                          strlen (stream), stream);
  xref = pdf->len;
  g_string_append (pdf, "xref\n0 5\n0000000000 65535 f \n");
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                          xref);
  return g_string_free_to_bytes (pdf);
}
