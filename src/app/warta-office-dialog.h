/* warta-office-dialog.h: the office's profile and letterhead, for administrators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_OFFICE_DIALOG (warta_office_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WartaOfficeDialog, warta_office_dialog, WARTA, OFFICE_DIALOG, AdwWindow)

WartaOfficeDialog *warta_office_dialog_new     (GtkWindow         *parent,
                                                WartaSession      *session);
/* For the tests: whether the profile is read, or a save or a logo's read
 * is under way. */
gboolean           warta_office_dialog_is_busy (WartaOfficeDialog *self);

G_END_DECLS
