/* bench-sha256.c: hashing 200 MiB, Warta's way against OpenSSL's
 *
 * Warta's path is its incremental hasher fed the way the attachment
 * stream feeds it, a chunk of CHUNK_SIZE at a time; the reference is
 * OpenSSL's SHA256() over the same bytes in one call, in the same run.
 * Best of three each, taken in turn so that neither gets a quieter
 * machine. GLib's GChecksum, which Warta used before, is timed once
 * against the same reference for the record. Fails if a digest differs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <openssl/sha.h>

#include "warta-sha256.h"

#define SIZE (200 * 1024 * 1024)
/* As src/core/warta-engine-attachments.c reads a blob. */
#define CHUNK_SIZE (256 * 1024)
#define RUNS 3

/* Deterministic pseudo-random bytes (xorshift64*). */
static guint8 *
make_bytes (gsize length)
{
  guint8 *data = g_malloc (length);
  guint64 x = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  for (gsize i = 0; i < length; i += 8)
    {
      guint64 v;

      x ^= x >> 12;
      x ^= x << 25;
      x ^= x >> 27;
      v = x * G_GUINT64_CONSTANT (0x2545f4914f6cdd1d);
      memcpy (data + i, &v, MIN (8, length - i));
    }
  return data;
}

static double
time_warta (const guint8  *data,
            char         **hex)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(WartaSha256) hasher = warta_sha256_new ();

  for (gsize offset = 0; offset < SIZE; offset += CHUNK_SIZE)
    warta_sha256_update (hasher, data + offset, MIN (CHUNK_SIZE, SIZE - offset));
  g_free (*hex);
  *hex = g_strdup (warta_sha256_get_string (hasher));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_reference (const guint8  *data,
                char         **hex)
{
  unsigned char digest[SHA256_DIGEST_LENGTH];
  gint64 start = g_get_monotonic_time ();
  double ms;
  GString *out;

  SHA256 (data, SIZE, digest);
  ms = (g_get_monotonic_time () - start) / 1000.0;

  out = g_string_new (NULL);
  for (guint i = 0; i < sizeof digest; i++)
    g_string_append_printf (out, "%02x", digest[i]);
  g_free (*hex);
  *hex = g_string_free (out, FALSE);
  return ms;
}

static double
time_glib (const guint8  *data,
           char         **hex)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (gsize offset = 0; offset < SIZE; offset += CHUNK_SIZE)
    g_checksum_update (checksum, data + offset, MIN (CHUNK_SIZE, SIZE - offset));
  g_free (*hex);
  *hex = g_strdup (g_checksum_get_string (checksum));
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree guint8 *data = make_bytes (SIZE);
  g_autofree char *warta_hex = NULL;
  g_autofree char *reference_hex = NULL;
  g_autofree char *glib_hex = NULL;
  double warta_ms = G_MAXDOUBLE, reference_ms = G_MAXDOUBLE, glib_ms;

  for (guint run = 0; run < RUNS; run++)
    {
      warta_ms = MIN (warta_ms, time_warta (data, &warta_hex));
      reference_ms = MIN (reference_ms, time_reference (data, &reference_hex));
    }
  glib_ms = time_glib (data, &glib_hex);

  if (g_strcmp0 (warta_hex, reference_hex) != 0 || g_strcmp0 (glib_hex, reference_hex) != 0)
    {
      g_printerr ("bench-sha256: digests differ: warta=%s reference=%s glib=%s\n",
                  warta_hex, reference_hex, glib_hex);
      return 1;
    }

  g_print ("bench: sha256-200mib: warta=%.1fms reference=%.1fms ratio=%.2f\n",
           warta_ms, reference_ms, warta_ms / reference_ms);
  g_print ("bench: sha256-200mib-glib: warta=%.1fms reference=%.1fms ratio=%.2f (GChecksum, once)\n",
           glib_ms, reference_ms, glib_ms / reference_ms);
  return 0;
}
