/* warta-sites-dialog.h: the office's publishing sites, for administrators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_SITES_DIALOG (warta_sites_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WartaSitesDialog, warta_sites_dialog, WARTA, SITES_DIALOG, AdwPreferencesWindow)

WartaSitesDialog *warta_sites_dialog_new       (GtkWindow        *parent,
                                                WartaSession     *session);
/* For the tests: what the form holds, and the worker's state. */
void              warta_sites_dialog_set_site  (WartaSitesDialog *self,
                                                const char       *name,
                                                const char       *url,
                                                const char       *user,
                                                const char       *password);
gboolean          warta_sites_dialog_save      (WartaSitesDialog *self);
void              warta_sites_dialog_use_credentials_file (WartaSitesDialog *self,
                                                           const char       *path);
const char       *warta_sites_dialog_get_note  (WartaSitesDialog *self);
gboolean          warta_sites_dialog_test      (WartaSitesDialog *self);
gboolean          warta_sites_dialog_is_busy   (WartaSitesDialog *self);
/* The state of a check of the last test, as WartaWpCheckState; -1 before any. */
int               warta_sites_dialog_get_check (WartaSitesDialog *self,
                                                guint             check);

G_END_DECLS
