/* warta-welcome-page.h: the first run on an empty database: set up an
 * office, or try Warta with sample data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_WELCOME_PAGE (warta_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (WartaWelcomePage, warta_welcome_page, WARTA, WELCOME_PAGE, GtkWidget)

GtkWidget    *warta_welcome_page_new         (void);
WartaSession *warta_welcome_page_get_session (WartaWelcomePage *self);
void          warta_welcome_page_set_session (WartaWelcomePage *self,
                                              WartaSession     *session);
gboolean      warta_welcome_page_get_busy    (WartaWelcomePage *self);
const char   *warta_welcome_page_get_error   (WartaWelcomePage *self);
void          warta_welcome_page_reset       (WartaWelcomePage *self);

G_END_DECLS
