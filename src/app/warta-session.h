/* warta-session.h: the open database and who is signed in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "warta-engine.h"
#include "warta-worker.h"

G_BEGIN_DECLS

#define WARTA_TYPE_SESSION (warta_session_get_type ())

G_DECLARE_FINAL_TYPE (WartaSession, warta_session, WARTA, SESSION, GObject)

WartaSession    *warta_session_open           (const char    *path,
                                               GError       **error);
void             warta_session_open_server_async  (const char          *conninfo,
                                                   const char          *login,
                                                   const char          *password,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
WartaSession    *warta_session_open_server_finish (GAsyncResult        *result,
                                                   GError             **error);
gboolean         warta_session_is_server      (WartaSession  *self);
gboolean         warta_session_get_connected  (WartaSession  *self);
WartaWorker     *warta_session_get_worker     (WartaSession  *self);
void             warta_session_run_async      (WartaSession        *self,
                                               WartaJobPriority     priority,
                                               gpointer             origin,
                                               WartaJobFunc         func,
                                               gpointer             data,
                                               GDestroyNotify       data_free,
                                               GDestroyNotify       result_free,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gpointer         warta_session_run_finish     (WartaSession        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
gint64           warta_session_now            (WartaSession  *self);
void             warta_session_set_clock      (WartaSession   *self,
                                               WartaClockFunc  func,
                                               gpointer        user_data);
const char      *warta_session_get_warning    (WartaSession  *self);
const WartaUser *warta_session_get_user       (WartaSession  *self);
gint64           warta_session_get_user_id    (WartaSession  *self);
gboolean         warta_session_sign_in        (WartaSession  *self,
                                               const char    *login,
                                               const char    *password,
                                               GError       **error);
void             warta_session_sign_in_async  (WartaSession        *self,
                                               const char          *login,
                                               const char          *password,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean         warta_session_sign_in_finish (WartaSession        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
void             warta_session_sign_out       (WartaSession  *self);
gboolean         warta_session_has_users      (WartaSession  *self);
char            *warta_session_dup_office_name(WartaSession  *self);
gboolean         warta_session_user_has_action(WartaSession  *self,
                                               const char * const *actions);
gboolean         warta_session_user_holds_lane(WartaSession  *self);
gboolean         warta_session_user_may_start (WartaSession  *self);

G_END_DECLS
