/* warta-password.c: argon2id password hashes (libsodium)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "warta-password.h"

/* The cost new hashes are made with: libsodium's interactive one, unless
 * a test program asked for the cheapest (warta_password_use_test_cost). */
static gint use_test_cost;

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The cryptography library could not start"));
      return FALSE;
    }
  return TRUE;
}

char *
warta_password_hash (const char  *password,
                     GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];
  gboolean cheap = g_atomic_int_get (&use_test_cost);

  g_return_val_if_fail (password != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;

  if (crypto_pwhash_str_alg (hash, password, strlen (password),
                             cheap ? crypto_pwhash_argon2id_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             cheap ? crypto_pwhash_argon2id_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("Not enough memory to hash the password"));
      return NULL;
    }

  return g_strdup (hash);
}

/* Checks @password against @hash at the cost written in @hash itself
 * (m=, t=, p=), whichever cost made it. */
gboolean
warta_password_verify (const char *hash,
                       const char *password)
{
  g_return_val_if_fail (password != NULL, FALSE);

  if (hash == NULL || !ensure_sodium (NULL))
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

/**
 * warta_password_use_test_cost:
 *
 * For test programs only (nothing in Warta's own programs calls it): from
 * now on, in this process, new hashes use argon2id's minimum cost (one
 * pass over 8 KiB) instead of the interactive one (two passes over
 * 64 MiB), so that a test office of a few people is made and signed in to
 * in microseconds. Each hash records its cost, so hashes made either way
 * verify alike.
 */
void
warta_password_use_test_cost (void)
{
  g_atomic_int_set (&use_test_cost, TRUE);
}
