/* warta-password.h: argon2id password hashes (libsodium)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *warta_password_hash   (const char  *password,
                                 GError     **error);
gboolean  warta_password_verify (const char  *hash,
                                 const char  *password);

/* Tests only: see warta-password.c */
void      warta_password_use_test_cost (void);

G_END_DECLS
