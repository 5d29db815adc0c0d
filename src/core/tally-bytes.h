/* tally-bytes.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* The two encodings the store's blobs (rollups, sketches) are made of:
 * unsigned LEB128 varints and little-endian IEEE doubles. Inline, because
 * a long query decodes millions of them. The readers move *@p past what
 * they read and return FALSE, reading nothing, at a truncated value. */

static inline void
tally_bytes_put_varint (GByteArray *out,
                        guint64     value)
{
  guint8 buf[10];
  guint n = 0;

  do
    {
      guint8 byte = value & 0x7f;

      value >>= 7;
      if (value != 0)
        byte |= 0x80;
      buf[n++] = byte;
    }
  while (value != 0);

  g_byte_array_append (out, buf, n);
}

static inline gboolean
tally_bytes_get_varint (const guint8 **p,
                        const guint8  *end,
                        guint64       *value)
{
  const guint8 *q = *p;
  guint64 result = 0;

  for (guint shift = 0; shift < 64 && q < end; shift += 7)
    {
      guint8 byte = *q++;

      result |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = result;
          *p = q;
          return TRUE;
        }
    }

  return FALSE;
}

static inline void
tally_bytes_put_double (GByteArray *out,
                        double      value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  bits = GUINT64_TO_LE (bits);
  g_byte_array_append (out, (const guint8 *) &bits, sizeof bits);
}

static inline gboolean
tally_bytes_get_double (const guint8 **p,
                        const guint8  *end,
                        double        *value)
{
  guint64 bits;

  if (end - *p < (gssize) sizeof bits)
    return FALSE;
  memcpy (&bits, *p, sizeof bits);
  bits = GUINT64_FROM_LE (bits);
  memcpy (value, &bits, sizeof bits);
  *p += sizeof bits;

  return TRUE;
}

G_END_DECLS
