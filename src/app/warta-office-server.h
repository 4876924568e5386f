/* warta-office-server.h: the office server this desk connects to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *host;
  int   port;
  char *database;
  char *login;
  char *ca_file;            /* NULL or "": none (a server on this computer) */
  gboolean remember_password;
} WartaOfficeServer;

WartaOfficeServer *warta_office_server_new          (void);
void               warta_office_server_free         (WartaOfficeServer       *server);
/* What the settings remember, in use or not (to fill a form). */
WartaOfficeServer *warta_office_server_load         (GSettings               *settings);
void               warta_office_server_save         (GSettings               *settings,
                                                     const WartaOfficeServer *server);
char              *warta_office_server_dup_conninfo (const WartaOfficeServer *server);
/* The login a conninfo or postgresql:// URI names, or NULL. */
char              *warta_office_server_login_from_conninfo (const char      *conninfo);

/* The password in the Secret Service, under the conninfo and the login.
 * In a thread: the keyring may wait on D-Bus or a person. A lookup that
 * finds nothing returns NULL without error. */
void               warta_office_server_lookup_password_async  (const char          *conninfo,
                                                               const char          *login,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
char              *warta_office_server_lookup_password_finish (GAsyncResult        *result,
                                                               GError             **error);
/* password NULL forgets it. Fire and forget: a failure is logged. */
void               warta_office_server_keep_password          (const char          *conninfo,
                                                               const char          *login,
                                                               const char          *password);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaOfficeServer, warta_office_server_free)

G_END_DECLS
