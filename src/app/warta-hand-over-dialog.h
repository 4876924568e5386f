/* warta-hand-over-dialog.h: give a deactivated person's step to someone else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_HAND_OVER_DIALOG (warta_hand_over_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WartaHandOverDialog, warta_hand_over_dialog, WARTA, HAND_OVER_DIALOG, AdwWindow)

WartaHandOverDialog *warta_hand_over_dialog_new       (GtkWindow    *parent,
                                                       WartaSession *session,
                                                       gint64        case_id,
                                                       const char   *title,
                                                       const char   *lane);
gboolean             warta_hand_over_dialog_get_busy  (WartaHandOverDialog *self);
const char          *warta_hand_over_dialog_get_error (WartaHandOverDialog *self);
gboolean             warta_hand_over_dialog_choose    (WartaHandOverDialog *self,
                                                       const char          *login);

G_END_DECLS
