/* warta-sha256.h: SHA-256 as lowercase hex, through OpenSSL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WartaSha256 WartaSha256;

WartaSha256 *warta_sha256_new             (void);
void         warta_sha256_update          (WartaSha256  *self,
                                           const void   *data,
                                           gssize        length);
const char  *warta_sha256_get_string      (WartaSha256  *self);
void         warta_sha256_free            (WartaSha256  *self);

char        *warta_sha256_for_data        (const void   *data,
                                           gsize         length);
char        *warta_sha256_for_bytes       (GBytes       *bytes);
char        *warta_sha256_for_string      (const char   *text,
                                           gssize        length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaSha256, warta_sha256_free)

G_END_DECLS
