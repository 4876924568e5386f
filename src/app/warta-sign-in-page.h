/* warta-sign-in-page.h: choose who you are and give your password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_SIGN_IN_PAGE (warta_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (WartaSignInPage, warta_sign_in_page, WARTA, SIGN_IN_PAGE, GtkWidget)

GtkWidget    *warta_sign_in_page_new          (void);
WartaSession *warta_sign_in_page_get_session  (WartaSignInPage *self);
void          warta_sign_in_page_set_session  (WartaSignInPage *self,
                                               WartaSession    *session);
gboolean      warta_sign_in_page_select_login (WartaSignInPage *self,
                                               const char      *login);
const char   *warta_sign_in_page_get_login    (WartaSignInPage *self);
void          warta_sign_in_page_set_password (WartaSignInPage *self,
                                               const char      *password);
void          warta_sign_in_page_submit       (WartaSignInPage *self);
gboolean      warta_sign_in_page_get_busy     (WartaSignInPage *self);
const char   *warta_sign_in_page_get_error    (WartaSignInPage *self);
void          warta_sign_in_page_reset        (WartaSignInPage *self);
char        **warta_sign_in_page_dup_shown_logins (WartaSignInPage *self);

G_END_DECLS
