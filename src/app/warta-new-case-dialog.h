/* warta-new-case-dialog.h: start a case of an SOP that the user begins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_NEW_CASE_DIALOG (warta_new_case_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WartaNewCaseDialog, warta_new_case_dialog, WARTA, NEW_CASE_DIALOG, AdwWindow)

WartaNewCaseDialog *warta_new_case_dialog_new         (GtkWindow          *parent,
                                                       WartaSession       *session);
gboolean            warta_new_case_dialog_select_sop  (WartaNewCaseDialog *self,
                                                       const char         *sop_id);
void                warta_new_case_dialog_set_case_title (WartaNewCaseDialog *self,
                                                       const char         *title);
gboolean            warta_new_case_dialog_start       (WartaNewCaseDialog *self);
gboolean            warta_new_case_dialog_is_busy     (WartaNewCaseDialog *self);

G_END_DECLS
