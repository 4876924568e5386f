/* warta-person-dialog.h: add a person to the office, or edit one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_PERSON_DIALOG (warta_person_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WartaPersonDialog, warta_person_dialog, WARTA, PERSON_DIALOG, AdwWindow)

WartaPersonDialog *warta_person_dialog_new      (GtkWindow       *parent,
                                                 WartaSession    *session,
                                                 GPtrArray       *roles,
                                                 const WartaUser *user);
gboolean           warta_person_dialog_get_busy (WartaPersonDialog *self);
const char        *warta_person_dialog_get_error (WartaPersonDialog *self);
const char        *warta_person_dialog_get_nip_error (WartaPersonDialog *self);

G_END_DECLS
