/* warta-new-password-form.h: choose one's own password at sign-in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_NEW_PASSWORD_FORM (warta_new_password_form_get_type ())

G_DECLARE_FINAL_TYPE (WartaNewPasswordForm, warta_new_password_form, WARTA, NEW_PASSWORD_FORM, GtkWidget)

void        warta_new_password_form_start     (WartaNewPasswordForm *self,
                                               WartaSession         *session,
                                               const char           *login,
                                               const char           *old_password);
void        warta_new_password_form_stop      (WartaNewPasswordForm *self);
gboolean    warta_new_password_form_get_busy  (WartaNewPasswordForm *self);
const char *warta_new_password_form_get_error (WartaNewPasswordForm *self);

G_END_DECLS
