/* warta-url.h: the rules a site's address must follow
 *
 * The engine checks a site's or a manual publication's address before it
 * records it; the WordPress client before it sends a password there. Both
 * follow these rules, so the engine needs nothing of the client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WARTA_URL_ERROR (warta_url_error_quark ())

typedef enum
{
  WARTA_URL_ERROR_INVALID,   /* not an absolute http(s) URL with a host, or with credentials in it */
  WARTA_URL_ERROR_INSECURE,  /* plain http to a host that is not loopback */
} WartaUrlError;

GQuark    warta_url_error_quark       (void);
/* TRUE when url is acceptable: absolute, http(s), without credentials,
 * and https unless the host is a loopback address (127.0.0.0/8, ::1,
 * localhost). The error says what to enter instead. */
gboolean  warta_url_check_site        (const char  *url,
                                       GError     **error);
gboolean  warta_url_host_is_loopback  (const char  *host);

G_END_DECLS
