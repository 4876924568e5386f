/* warta-people-page.h: the office's people and roles, for its administrator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_PEOPLE_PAGE (warta_people_page_get_type ())

G_DECLARE_FINAL_TYPE (WartaPeoplePage, warta_people_page, WARTA, PEOPLE_PAGE, GtkWidget)

WartaSession *warta_people_page_get_session (WartaPeoplePage *self);
void          warta_people_page_set_session (WartaPeoplePage *self,
                                             WartaSession    *session);
gboolean      warta_people_page_get_loaded  (WartaPeoplePage *self);
GtkWidget    *warta_people_page_find_row    (WartaPeoplePage *self,
                                             const char      *login);
GtkWidget    *warta_people_page_find_held_row (WartaPeoplePage *self,
                                             gint64           case_id);
char        **warta_people_page_dup_shown_logins (WartaPeoplePage *self);
void          warta_people_page_show_section (WartaPeoplePage *self,
                                             const char      *name);

G_END_DECLS
