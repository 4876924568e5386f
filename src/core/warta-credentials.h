/* warta-credentials.h: where a publishing site's Application Password lives
 *
 * A WordPress site is reached with a user and an Application Password.
 * The password is kept in the Secret Service (GNOME Keyring, KeePassXC)
 * through libsecret, under the site's base URL and user, and never in
 * Warta's database or a log. Where no Secret Service runs (a headless
 * server, CI) warta-cli reads it from a file named explicitly, which must
 * be the user's own and closed to everyone else.
 *
 * Every call here is synchronous and may wait on D-Bus, or on a person
 * answering the keyring's unlock prompt: call them from a worker thread or
 * a command-line tool, never from the GTK main thread.
 *
 * The passwords returned are plain heap memory: free them with
 * secret_password_free(), which wipes them first (g_free() would leave the
 * bytes behind, though it is safe).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "warta-types.h"

G_BEGIN_DECLS

#define WARTA_CREDENTIALS_ERROR (warta_credentials_error_quark ())

typedef enum
{
  WARTA_CREDENTIALS_ERROR_NO_SERVICE, /* no Secret Service on this session bus (or no bus) */
  WARTA_CREDENTIALS_ERROR_LOCKED,     /* the keyring is locked and was not unlocked */
  WARTA_CREDENTIALS_ERROR_NOT_FOUND,  /* nothing stored for that site and user */
  WARTA_CREDENTIALS_ERROR_FILE,       /* the credentials file cannot be read, or is empty */
  WARTA_CREDENTIALS_ERROR_INSECURE,   /* the file is readable by others, or not the user's */
  WARTA_CREDENTIALS_ERROR_FAILED,     /* the Secret Service refused for another reason */
} WartaCredentialsError;

GQuark   warta_credentials_error_quark (void);

/* Stored persistently in the default keyring (normally "login"), replacing
 * any password already there for @url and @user. @url is matched exactly:
 * pass the site's base URL as the site record holds it. @label is what the
 * keyring application shows, as "Warta: Situs BBKK (admin@…)"; NULL makes
 * one from @user and @url. Cancelling gives G_IO_ERROR_CANCELLED. */
gboolean warta_credentials_store       (const char    *url,
                                        const char    *user,
                                        const char    *password,
                                        const char    *label,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* NOT_FOUND when nothing is stored; LOCKED when the keyring stayed locked. */
char    *warta_credentials_lookup      (const char    *url,
                                        const char    *user,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* TRUE as well when nothing was stored. */
gboolean warta_credentials_clear       (const char    *url,
                                        const char    *user,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* The password from a file: its first line, with the surrounding whitespace
 * removed and the inner spaces kept (WordPress shows Application Passwords
 * in groups of four: "abcd efgh ..."). Refused with INSECURE unless @path is
 * a regular file, not a symbolic link, owned by the current user, with no
 * group or other permission bits (0600, 0400); refused with FILE when it
 * cannot be read, is empty, or its first line is not text within 4 KiB. */
/* A site's password from where the site keeps it: the credentials file it
 * names, else the Secret Service. Synchronous, as the others. */
char    *warta_credentials_for_site    (const WartaSite *site,
                                        GCancellable  *cancellable,
                                        GError       **error);
char    *warta_credentials_read_file   (const char    *path,
                                        GError       **error);
/* The same checks, for a file about to be recorded as a site's
 * credentials source; the password read is wiped at once. */
gboolean warta_credentials_check_file  (const char    *path,
                                        GError       **error);

G_END_DECLS
