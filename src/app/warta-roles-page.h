/* warta-roles-page.h: the office's roles, the lanes they fill, who holds them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_ROLES_PAGE (warta_roles_page_get_type ())

G_DECLARE_FINAL_TYPE (WartaRolesPage, warta_roles_page, WARTA, ROLES_PAGE, GtkWidget)

void          warta_roles_page_set_session (WartaRolesPage *self,
                                            WartaSession   *session);
gboolean      warta_roles_page_get_loaded  (WartaRolesPage *self);
GtkWidget    *warta_roles_page_find_row    (WartaRolesPage *self,
                                            const char     *role_id);

G_END_DECLS
