/* warta-sha256.c: SHA-256 as lowercase hex, through OpenSSL
 *
 * GLib's GChecksum hashes in portable C; libcrypto picks the SHA
 * extensions or vector code the processor has, several times faster on
 * the big attachments and archives Warta hashes. The hex is the same as
 * g_checksum_get_string() gave, so stored hashes and the journal's chain
 * read the same as before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <openssl/evp.h>

#include "warta-sha256.h"

#define DIGEST_LENGTH 32

struct _WartaSha256
{
  EVP_MD_CTX *ctx;
  char        hex[DIGEST_LENGTH * 2 + 1];
  gboolean    finished;
};

/* Fetched once: an implicit fetch at every init costs more than hashing a
 * journal event. Shared between threads, which OpenSSL allows. */
static const EVP_MD *
sha256_md (void)
{
  static gsize md;

  if (g_once_init_enter (&md))
    {
      EVP_MD *fetched = EVP_MD_fetch (NULL, "SHA256", NULL);

      if (fetched == NULL)
        g_error ("OpenSSL has no SHA-256: check its configuration (openssl.cnf)");
      g_once_init_leave (&md, (gsize)fetched);
    }
  return (const EVP_MD *)md;
}

static void
to_hex (const unsigned char *digest,
        char                *hex)
{
  static const char digits[] = "0123456789abcdef";

  for (guint i = 0; i < DIGEST_LENGTH; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  hex[DIGEST_LENGTH * 2] = '\0';
}

WartaSha256 *
warta_sha256_new (void)
{
  WartaSha256 *self = g_new0 (WartaSha256, 1);

  self->ctx = EVP_MD_CTX_new ();
  if (self->ctx == NULL || !EVP_DigestInit_ex (self->ctx, sha256_md (), NULL))
    g_error ("OpenSSL could not start a SHA-256");
  return self;
}

/* length -1 hashes data up to its NUL, as g_checksum_update() did. */
void
warta_sha256_update (WartaSha256 *self,
                     const void  *data,
                     gssize       length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->finished);
  g_return_if_fail (data != NULL || length == 0);

  if (length < 0)
    length = strlen (data);
  if (length > 0 && !EVP_DigestUpdate (self->ctx, data, length))
    g_error ("OpenSSL could not hash %" G_GSSIZE_FORMAT " bytes", length);
}

/* Ends the hash on the first call: no update may follow. The string
 * belongs to the hasher. */
const char *
warta_sha256_get_string (WartaSha256 *self)
{
  unsigned char digest[DIGEST_LENGTH];
  unsigned int length = 0;

  g_return_val_if_fail (self != NULL, NULL);

  if (!self->finished)
    {
      if (!EVP_DigestFinal_ex (self->ctx, digest, &length) || length != DIGEST_LENGTH)
        g_error ("OpenSSL could not finish a SHA-256");
      to_hex (digest, self->hex);
      self->finished = TRUE;
    }
  return self->hex;
}

void
warta_sha256_free (WartaSha256 *self)
{
  if (self == NULL)
    return;
  EVP_MD_CTX_free (self->ctx);
  g_free (self);
}

char *
warta_sha256_for_data (const void *data,
                       gsize       length)
{
  unsigned char digest[DIGEST_LENGTH];
  unsigned int digest_length = 0;
  char hex[DIGEST_LENGTH * 2 + 1];

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!EVP_Digest (length > 0 ? data : "", length, digest, &digest_length, sha256_md (), NULL) ||
      digest_length != DIGEST_LENGTH)
    g_error ("OpenSSL could not hash %" G_GSIZE_FORMAT " bytes", length);
  to_hex (digest, hex);
  return g_strdup (hex);
}

char *
warta_sha256_for_bytes (GBytes *bytes)
{
  gsize length;
  const void *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return warta_sha256_for_data (data, length);
}

/* length -1 hashes text up to its NUL. */
char *
warta_sha256_for_string (const char *text,
                         gssize      length)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  return warta_sha256_for_data (text, length < 0 ? strlen (text) : (gsize)length);
}
